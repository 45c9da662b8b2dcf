"""Tools for developing plankg, kept in the repository and not installed: a throwaway Neo4j
(neo4j_server.py with its Maven pom and Java launcher in neo4j/)."""
