"""The throwaway Neo4j test server: it answers Bolt, and supports what cypher/schema needs."""

from __future__ import annotations

import pytest
from neo4j.exceptions import ConstraintError

from devtools.neo4j_server import Neo4jServer


def test_server_answers_return_1(neo4j_server: Neo4jServer) -> None:
    with neo4j_server.driver() as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
    assert [r["one"] for r in records] == [1]


def test_routing_scheme_uses_the_advertised_port(neo4j_server: Neo4jServer) -> None:
    # neo4j:// asks the server for a routing table: it must advertise the port it listens on.
    with neo4j_server.driver(routing=True) as driver:
        records, _, _ = driver.execute_query("RETURN 2 AS two", routing_="r")
    assert [r["two"] for r in records] == [2]


def test_uniqueness_constraint_and_cjk_fulltext(neo4j_server: Neo4jServer) -> None:
    # Own label, constraint and index names, dropped at the end: the server is shared by the session.
    with neo4j_server.driver() as driver:
        driver.execute_query(
            "CREATE CONSTRAINT probe_id IF NOT EXISTS FOR (p:ServerProbe) REQUIRE p.id IS UNIQUE"
        )
        driver.execute_query(
            "CREATE FULLTEXT INDEX probe_text IF NOT EXISTS FOR (p:ServerProbe) ON EACH [p.text] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
        )
        try:
            driver.execute_query(
                "UNWIND $rows AS row CREATE (:ServerProbe {id: row.id, text: row.text})",
                rows=[
                    {"id": "task-27", "text": "完善偏远海岛地区养老设施"},
                    {"id": "task-30", "text": "推进城乡教育共同体建设"},
                ],
            )
            with pytest.raises(ConstraintError):
                driver.execute_query("CREATE (:ServerProbe {id: 'task-27', text: 'duplicate'})")
            # Index population is asynchronous.
            driver.execute_query("CALL db.awaitIndexes(60)")
            records, _, _ = driver.execute_query(
                "CALL db.index.fulltext.queryNodes('probe_text', $q) YIELD node, score "
                "RETURN node.id AS id, score",
                q="偏远海岛",
            )
            assert [r["id"] for r in records] == ["task-27"]
            assert records[0]["score"] > 0
            index, _, _ = driver.execute_query(
                "SHOW FULLTEXT INDEXES YIELD name, state, options WHERE name = 'probe_text' "
                "RETURN state, options.indexConfig.`fulltext.analyzer` AS analyzer"
            )
            assert [(r["state"], r["analyzer"]) for r in index] == [("ONLINE", "cjk")]
        finally:
            driver.execute_query("MATCH (p:ServerProbe) DETACH DELETE p")
            driver.execute_query("DROP INDEX probe_text IF EXISTS")
            driver.execute_query("DROP CONSTRAINT probe_id IF EXISTS")
