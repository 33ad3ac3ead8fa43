"""The foundation against a real Neo4j over Bolt: reads, writes, constraints, schema, read routing."""

import pytest
from neo4j import exceptions as neo4j_errors

from graph.driver import GraphDatabaseClient, connect
from graph.errors import DatabaseUnavailable, ReadOnlyViolation
from graph.model import Label
from graph.schema import FULLTEXT_INDEX, apply_schema, expected_constraint_labels, schema_snapshot
from graph.settings import Settings


def test_server_is_neo4j_526_community(db: GraphDatabaseClient) -> None:
    version = db.verify()
    assert version.startswith("5.26.")
    assert version.endswith("community")


def test_create_then_read_back(empty_db: GraphDatabaseClient) -> None:
    empty_db.write("CREATE (:Entity:State {id: $id, name: $name})", {"id": "NZL", "name": "New Zealand"})
    rows = empty_db.read("MATCH (s:State {id: $id}) RETURN s.name AS name", {"id": "NZL"})
    assert rows == [{"name": "New Zealand"}]


@pytest.mark.parametrize("label", [label.value for label in Label])
def test_duplicate_id_violates_constraint(empty_db: GraphDatabaseClient, label: str) -> None:
    empty_db.write("CREATE (n {id: 'X'}) SET n:$($label)", {"label": label})
    with pytest.raises(neo4j_errors.ConstraintError):
        empty_db.write("CREATE (n {id: 'X'}) SET n:$($label)", {"label": label})


def test_every_label_has_a_uniqueness_constraint(db: GraphDatabaseClient) -> None:
    rows = db.read("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
                   "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties")
    constrained = {row["label"] for row in rows if row["properties"] == ["id"]}
    assert set(expected_constraint_labels()) <= constrained


def test_reapplying_the_schema_is_a_no_op(db: GraphDatabaseClient) -> None:
    before = schema_snapshot(db)
    assert apply_schema(db) == set()
    assert schema_snapshot(db) == before
    assert FULLTEXT_INDEX in before


def test_fulltext_index_finds_names(empty_db: GraphDatabaseClient) -> None:
    empty_db.write("CREATE (:Entity:LegalInstrument {id: 'ICSANT', name: $name, short_name: 'ICSANT', "
                   "aliases_text: 'Nuclear Terrorism Convention'})",
                   {"name": "International Convention for the Suppression of Acts of Nuclear Terrorism"})
    rows = empty_db.read("CALL db.index.fulltext.queryNodes($index, $q) YIELD node RETURN node.id AS id",
                         {"index": FULLTEXT_INDEX, "q": "terrorism"})
    assert rows == [{"id": "ICSANT"}]


def test_write_in_a_read_transaction_is_refused_by_the_server(empty_db: GraphDatabaseClient) -> None:
    with pytest.raises(ReadOnlyViolation):
        empty_db.read("CREATE (:Entity {id: 'sneaky'})")
    assert empty_db.read("MATCH (n {id: 'sneaky'}) RETURN count(n) AS n") == [{"n": 0}]


def test_routing_uri_works_against_a_single_instance(settings: Settings, neo4j_uri: str) -> None:
    if not neo4j_uri.startswith("bolt://"):
        pytest.skip("NEO4J_URI is not a direct bolt:// URI")
    client = connect(settings, neo4j_uri.replace("bolt://", "neo4j://", 1))
    try:
        assert client.read("RETURN 1 AS one") == [{"one": 1}]
    finally:
        client.close()


def test_unreachable_database_gives_a_clear_error(settings: Settings) -> None:
    from graph.runtime import free_port

    client = connect(settings, f"bolt://127.0.0.1:{free_port()}")
    try:
        with pytest.raises(DatabaseUnavailable, match="nsgraph db start"):
            client.verify()
    finally:
        client.close()



@pytest.mark.parametrize("returned", [
    "s.id AS id, s {.*, nested: {list: [1, 2.5, null, 'x', [true]]}} AS projected, date('2007-07-07') AS day, "
    "duration('P1D') AS span, point({x: 1, y: 2}) AS place, "
    "[date('2001-01-01'), {d: datetime('2001-01-01T00:00Z')}] AS dated",
    "s AS node, r AS relationship, path, [s, {inner: i}] AS mixed",
], ids=["maps-lists-and-values", "graph-entities"])
def test_reads_return_what_the_drivers_own_conversion_returns(loaded_db: GraphDatabaseClient, returned: str) -> None:
    """`read` converts records with its own fast walk; on every kind of value it must equal `Record.data()`."""
    query = ("MATCH path = (s:State)-[r:PARTY_TO]->(i:LegalInstrument) WITH s, r, i, path ORDER BY s.id, i.id LIMIT 5 "
             "RETURN " + returned)
    with loaded_db.driver.session(database=loaded_db.database) as session:
        expected = [record.data() for record in session.run(query)]
    assert len(expected) == 5
    assert loaded_db.read(query) == expected  # type: ignore[arg-type]
