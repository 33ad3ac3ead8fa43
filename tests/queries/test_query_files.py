"""Every query file is planned by the real Neo4j (`EXPLAIN`), so a broken query fails here, not in use.

Reads are planned in a READ transaction and must plan as query type "r" (a named read that writes
would be refused at run time anyway); the folders in WRITE_FOLDERS (`load/`, `bench/`) are
planned in a write transaction.
Parameters get dummy values of the usual shape by name; planning does not need real values, so
a name this table does not know gets null.
"""

from typing import Any, LiteralString, cast

import pytest
from neo4j import RoutingControl

from graph.driver import GraphDatabaseClient
from graph.model import Rel
from queries.registry import UnknownQuery, all_queries, get_query

WRITE_FOLDERS = ("load/", "bench/")
"""Folders whose queries write; every other query must be a plain read."""

DUMMY: dict[str, Any] = {
    "id": "JPN", "iso3": "JPN", "instrument": "ICSANT", "base": "CPPNM", "target": "A_CPPNM", "group": "NSCG",
    "state": "JPN", "from": "JPN", "to": "NSCG", "label": "State", "labels": ["Initiative", "Event"],
    "index": "entity_names", "lucene": "nuclear~2", "text": "nuclear", "as_of": "2020-01-01",
    "region": "Asia", "status": "party", "source_id": "NTI_CPPNM",
    "ids": ["JPN", "NSCG"], "seen": ["JPN"], "states": ["JPN"], "instruments": ["CPPNM", "ICSANT"],
    "peers": ["KOR"], "entity_ids": ["JPN"], "source_ids": ["NTI_CPPNM"],
    "limit": 10, "skip": 0, "max_hops": 3, "examples": 3,
}
ROWS: dict[str, list[dict[str, Any]]] = {
    "load/upsert_entities": [{"id": "X", "label": "State", "props": {"id": "X", "name": "X", "sources": []}}],
    "load/upsert_relationships": [{"start": "X", "end": "NSCG", "props": {"sources": []}, "corroborating": False}],
    "load/upsert_sources": [{"id": "S", "props": {"id": "S", "title": "S"}}],
}


def dummy_parameters(name: str, parameters: frozenset[str]) -> dict[str, Any]:
    values = {parameter: DUMMY.get(parameter) for parameter in parameters}
    if "rows" in parameters:
        values["rows"] = ROWS.get(name, [])
    return values


@pytest.mark.parametrize("name", sorted(all_queries()))
def test_query_file_is_planned(db: GraphDatabaseClient, name: str) -> None:
    query = all_queries()[name]
    assert query.description, f"{name}.cypher needs a // header saying what it answers"
    writes = name.startswith(WRITE_FOLDERS)
    if query.has_type_slot:
        query = query.for_type(Rel.MEMBER_OF)
    result = db.driver.execute_query(
        cast(LiteralString, "EXPLAIN " + query.text), dummy_parameters(name, query.parameters),
        routing_=RoutingControl.WRITE if writes else RoutingControl.READ, database_=db.database,
    )
    if not writes:
        assert result.summary.query_type == "r", f"{name} is not a plain read: move it to a write folder or fix it"


def test_every_query_file_is_found() -> None:
    names = set(all_queries())
    assert {"search/entities", "paths/shortest", "graph/neighbours", "graph/subgraph", "export/nodes",
            "health/constraints", "load/upsert_entities"} <= names


def operators(plan: dict[str, Any]) -> list[str]:
    return [plan["operatorType"].split("@")[0], *(op for child in plan.get("children", []) for op in operators(child))]


@pytest.mark.parametrize("rel_type", list(Rel))
def test_relationship_upsert_expands_between_the_two_nodes_on_a_young_graph(
        empty_db: GraphDatabaseClient, rel_type: Rel) -> None:
    """On an empty graph the planner once chose to scan every relationship per row for a MERGE on a
    dynamic type, so a large first load was quadratic; the typed query must expand between a and b."""
    query = get_query("load/upsert_relationships", rel_type)
    with empty_db.driver.session(database=empty_db.database) as session:
        plan = session.run(cast(LiteralString, "EXPLAIN " + query.text),
                           rows=[{"start": "X", "end": "Y", "props": {}, "corroborating": False}]).consume().plan
    assert plan is not None
    planned = operators(plan)
    assert "Expand(Into)" in planned and not [op for op in planned if "RelationshipsScan" in op], planned
    assert f"[r:{rel_type}]" in query.text and "<<" not in query.text


def test_a_type_slot_must_be_filled_and_only_a_slot_can_be() -> None:
    with pytest.raises(UnknownQuery, match="needs a relationship type"):
        get_query("load/upsert_relationships")
    with pytest.raises(UnknownQuery, match="has no relationship type slot"):
        get_query("load/upsert_entities", Rel.PARTY_TO)
    with pytest.raises(ValueError):
        get_query("load/upsert_relationships", "PARTY_TO]->() DETACH DELETE (a" )  # type: ignore[arg-type]
