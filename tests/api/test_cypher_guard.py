"""The ad-hoc Cypher endpoint against the real Neo4j: every kind of write and administration is
refused with the reason, and leaves the graph as it was; reads are served, bounded in time and rows."""

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.driver import GraphDatabaseClient
from graph.settings import Settings
from queries.readonly import static_refusal

URL = "/api/v1/cypher"

REFUSED = [
    ("CREATE (:Entity:State {id: 'EVIL'})", 403),
    ("MERGE (n:Entity {id: 'EVIL'}) RETURN n", 403),
    ("MATCH (s:State {id: 'JPN'}) SET s.name = 'Nippon'", 403),
    ("MATCH (s:State {id: 'JPN'}) DELETE s", 403),
    ("MATCH (s:State {id: 'JPN'}) DETACH DELETE s", 403),
    ("MATCH (s:State {id: 'JPN'}) REMOVE s.name", 403),
    ("MATCH (s:State) FOREACH (x IN [1] | CREATE (:Entity {id: 'EVIL'}))", 403),
    ("MATCH (n) CALL (n) { SET n.evil = true } RETURN count(*)", 403),
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", 400),
    ("load  csv with headers from 'http://example.com/x.csv' AS row RETURN row", 400),
    ("CALL { CREATE (:Entity {id: 'EVIL'}) } IN TRANSACTIONS", 400),
    ("MATCH (n) CALL (n) { RETURN n.id AS id } IN TRANSACTIONS OF 10 ROWS RETURN id", 400),
    ("CREATE INDEX evil FOR (n:State) ON (n.name)", 403),
    ("CREATE CONSTRAINT evil FOR (n:Topic) REQUIRE n.name IS UNIQUE", 403),
    ("DROP INDEX entity_names", 403),
    ("DROP CONSTRAINT entity_id", 403),
    ("CALL dbms.components()", 403),
    ("CALL dbms.listConfig()", 403),
    ("CALL db.createLabel('Evil')", 403),
    ("CALL `db`.`createProperty`('evil')", 403),
    ("CALL db . createRelationshipType('EVIL')", 403),
    ("CALL db.clearQueryCaches()", 403),
    ("CALL db.resampleIndex('entity_names')", 403),
    ("CREATE DATABASE evil", 403),
    ("CREATE OR REPLACE DATABASE neo4j", 403),
    ("DROP DATABASE neo4j", 403),
    ("STOP DATABASE neo4j", 403),
    ("SHOW TRANSACTIONS", 403),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", 403),
    ("SHOW SETTINGS", 403),
    ("MATCH (n) RETURN n; CREATE (m)", 400),
    ("MATCH (n) RETURN count(n);\nMATCH (m) DETACH DELETE m", 400),
    ("USE neo4j MATCH (n) RETURN count(n)", 400),
    ("USE system SHOW DATABASES", 403),
    ("CALL () { USE neo4j MATCH (n) RETURN n } RETURN count(n)", 400),
    ("// x\nCREATE (:Entity {id: 'EVIL'})", 403),
    ("/* */ CREATE (:Entity {id: 'EVIL'})", 403),
    ("/* MATCH (n) RETURN n */ MATCH (s:State {id: 'JPN'}) SET s.evil = true", 403),
    ("PROFILE MATCH (s:State {id: 'JPN'}) SET s.evil = true", 400),
    ("MATCH (n RETURN n", 400),
    ("RETURN $missing", 400),
]


def graph_state(db: GraphDatabaseClient) -> dict[str, object]:
    """What a refused query must not change: counts, labels, property keys, schema."""
    counts = db.read("MATCH (n) WITH count(n) AS nodes RETURN nodes, COUNT { ()-[]->() } AS relationships")[0]
    return {
        **counts,
        "evil": db.read("MATCH (n) WHERE n.id = 'EVIL' OR 'evil' IN keys(n) OR n.name = 'Nippon' "
                        "RETURN count(n) AS n")[0]["n"],
        "japan": db.read("MATCH (s:State {id: 'JPN'}) RETURN s.name AS name")[0]["name"],
        "labels": sorted(row["label"] for row in db.read("CALL db.labels() YIELD label RETURN label")),
        "keys": sorted(row["key"] for row in db.read("CALL db.propertyKeys() YIELD propertyKey AS key RETURN key")),
        "schema": sorted(row["name"] for row in db.read("SHOW INDEXES YIELD name RETURN name")
                         + db.read("SHOW CONSTRAINTS YIELD name RETURN name")),
    }


@pytest.mark.parametrize(("query", "status"), REFUSED)
def test_refused_with_the_reason_and_nothing_changes(client: TestClient, loaded_db: GraphDatabaseClient,
                                                     query: str, status: int) -> None:
    before = graph_state(loaded_db)
    response = client.post(URL, json={"query": query})
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert len(response.json()["detail"]) > 10
    assert graph_state(loaded_db) == before


def test_write_refusal_says_it_writes(client: TestClient) -> None:
    detail = client.post(URL, json={"query": "CREATE ()"}).json()["detail"]
    assert "writes" in detail and "only reads" in detail
    assert "LOAD CSV" in client.post(URL, json={"query": "LOAD CSV FROM 'x' AS r RETURN r"}).json()["detail"]
    assert "one statement" in client.post(URL, json={"query": "RETURN 1; RETURN 2"}).json()["detail"]


@pytest.mark.parametrize("query", [
    "MATCH (s:State) RETURN count(s) AS n",
    "MATCH (s:State) // CREATE (x)\nRETURN count(s) AS n",
    "MATCH (s:State) WHERE s.name <> 'CREATE (x); DROP INDEX entity_names' RETURN count(s) AS n",
    "MATCH (s:State) /* LOAD CSV; USE system */ RETURN count(s) AS n;",
    "MATCH (s:State) WITH s, {use: 1, load: 2} AS m RETURN count(s) AS n",
])
def test_reads_are_served(client: TestClient, loaded_db: GraphDatabaseClient, query: str) -> None:
    states = loaded_db.read("MATCH (s:State) RETURN count(s) AS n")[0]["n"]
    response = client.post(URL, json={"query": query})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["rows"] == [{"n": states}] and body["columns"] == ["n"] and body["query_type"] == "r"


def test_parameters_nodes_paths_and_read_procedures(client: TestClient) -> None:
    body = client.post(URL, json={"query": "MATCH p = (s:State {id: $id})-[:MEMBER_OF]->(g {id: 'NSCG'}) "
                                           "RETURN s.name AS name, s AS node, p AS path",
                                  "parameters": {"id": "JPN"}}).json()
    row = body["rows"][0]
    assert row["name"] == "Japan"
    assert "State" in row["node"]["labels"] and row["node"]["properties"]["id"] == "JPN"
    assert row["path"]["relationships"][0]["type"] == "MEMBER_OF"
    labels = client.post(URL, json={"query": "CALL db.labels() YIELD label RETURN label"}).json()
    assert {"State", "Entity"} <= {row["label"] for row in labels["rows"]}
    odd = client.post(URL, json={"query": "RETURN 0.0 / 0.0 AS nan, date('2005-04-13') AS day, "
                                          "duration('P1D') AS span"}).json()["rows"][0]
    assert odd == {"nan": "nan", "day": "2005-04-13", "span": "P1D"}


@pytest.fixture
def tight_client(settings: Settings, neo4j_uri: str, loaded_db: GraphDatabaseClient) -> Iterator[TestClient]:
    """The API with a 1 s query timeout and a 5-row cap."""
    tight = settings.model_copy(update={"query_timeout_s": 1.0, "cypher_row_cap": 5})
    with TestClient(create_app(tight, neo4j_uri)) as test_client:
        yield test_client


def test_rows_are_capped(tight_client: TestClient) -> None:
    body = tight_client.post(URL, json={"query": "UNWIND range(1, 1000000) AS x RETURN x"}).json()
    assert [row["x"] for row in body["rows"]] == [1, 2, 3, 4, 5]
    assert body["truncated"] is True and body["row_cap"] == 5 and body["count"] == 5
    exact = tight_client.post(URL, json={"query": "UNWIND range(1, 5) AS x RETURN x"}).json()
    assert exact["count"] == 5 and exact["truncated"] is False


@pytest.mark.parametrize("query", [
    "UNWIND range(1, 100000000) AS x WITH x WHERE x = -1 RETURN x",
    "MATCH (a), (b), (c) WHERE a.id + b.id + c.id = 'nothing' RETURN count(*) AS n",
])
def test_runaway_queries_are_stopped(tight_client: TestClient, query: str) -> None:
    started = time.monotonic()
    response = tight_client.post(URL, json={"query": query})
    assert response.status_code == 400, response.text
    assert "time limit" in response.json()["detail"]
    assert time.monotonic() - started < 30


def test_request_validation(client: TestClient) -> None:
    assert client.post(URL, json={}).status_code == 422
    assert client.post(URL, json={"query": ""}).status_code == 422
    assert client.post(URL, json={"query": "RETURN 1", "parameters": [1]}).status_code == 422


def test_static_check_ignores_comments_and_strings() -> None:
    assert static_refusal("RETURN 'LOAD CSV; USE x; CALL dbms.x()' AS s // CALL db.createLabel('x')") is None
    assert static_refusal("MATCH (n) RETURN n.use AS use, n.load AS load") is None
    assert static_refusal("CALL db.index.fulltext.queryNodes('entity_names', 'x') YIELD node RETURN node") is None
    assert static_refusal("RETURN 1;\n  ") is None


def test_an_integer_beyond_64_bits_is_refused_as_invalid_not_a_server_error(client: TestClient) -> None:
    response = client.post("/api/v1/cypher", json={"query": "RETURN $n AS n", "parameters": {"n": [2**64]}})
    assert response.status_code == 422
    assert "64 bits" in response.text
    assert client.post("/api/v1/cypher", json={"query": "RETURN $n AS n",
                                                "parameters": {"n": 2**63 - 1}}).json()["rows"] == [{"n": 2**63 - 1}]
