"""The Cypher files (schema, loads, queries, examples), installed as package data of
plankg.cypher and read through importlib.resources (plankg.graph.neo4j_load)."""
