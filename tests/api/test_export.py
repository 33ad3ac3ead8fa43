"""Exports hold the whole graph: JSON and GraphML counts equal the database's."""

import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.driver import GraphDatabaseClient
from graph.settings import Settings
from queries.export import graphml
from queries.unplaced import NODE_FACT
from tests.viz import on_day

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def counts(db: GraphDatabaseClient) -> tuple[int, int]:
    nodes = db.read("MATCH (n) WHERE NOT n:GraphVersion RETURN count(n) AS n")[0]["n"]
    relationships = db.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return nodes, relationships


def test_json_export_has_everything(client: TestClient, loaded_db: GraphDatabaseClient) -> None:
    response = client.get("/api/v1/export/graph.json")
    assert response.status_code == 200
    body = response.json()
    nodes, relationships = counts(loaded_db)
    assert (len(body["nodes"]), len(body["relationships"])) == (nodes, relationships)
    assert (body["node_count"], body["relationship_count"]) == (nodes, relationships)
    ids = {node["id"] for node in body["nodes"]}
    assert all(rel["source"] in ids and rel["target"] in ids for rel in body["relationships"])
    icsant = next(node for node in body["nodes"] if node["id"] == "ICSANT")
    assert "LegalInstrument" in icsant["labels"] and icsant["properties"]["short_name"] == "ICSANT"
    assert any("Source" in node["labels"] for node in body["nodes"])


def test_graphml_export_is_valid_and_complete(client: TestClient, loaded_db: GraphDatabaseClient) -> None:
    response = client.get("/api/v1/export/graph.graphml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphml+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://graphml.graphdrawing.org/xmlns}graphml"
    keys = {key.get("id"): key for key in root.findall("g:key", NS)}
    graph = root.find("g:graph", NS)
    assert graph is not None and graph.get("edgedefault") == "directed"
    nodes, edges = graph.findall("g:node", NS), graph.findall("g:edge", NS)
    assert (len(nodes), len(edges)) == counts(loaded_db)
    node_ids = {node.get("id") for node in nodes}
    assert len(node_ids) == len(nodes)
    assert all(edge.get("source") in node_ids and edge.get("target") in node_ids for edge in edges)
    for element, domain in [*((node, "node") for node in nodes), *((edge, "edge") for edge in edges)]:
        for data in element.findall("g:data", NS):
            assert keys[data.get("key")].get("for") == domain
    name_of = {key.get("attr.name"): key_id for key_id, key in keys.items() if key.get("for") == "node"}
    a_cppnm = next(node for node in nodes if node.get("id") == "A_CPPNM")
    values = {data.get("key"): data.text for data in a_cppnm.findall("g:data", NS)}
    aliases = loaded_db.read("MATCH (n:Entity {id: 'A_CPPNM'}) RETURN n.aliases AS a")[0]["a"]
    assert values[name_of["aliases"]] == ";".join(aliases)
    assert "CPPNM&NF" in values[name_of["aliases"]]
    assert values[name_of["label"]] == "A/CPPNM"


def test_graphml_types_escaping_and_clashes() -> None:
    nodes = [
        {"id": "A", "labels": ["Entity", "State"], "properties": {"id": "A", "n": 1, "x": 1, "ok": True,
                                                                    "name": "<A & \"B\">\x01"}},
        {"id": "A", "labels": ["Source"], "properties": {"id": "A", "n": 2.5, "x": "text", "ok": False}},
    ]
    relationships = [{"source": "A", "source_labels": ["Entity", "State"], "target": "A", "target_labels": ["Source"],
                      "type": "CITES", "properties": {"sources": ["s1", "s2"]}}]
    root = ET.fromstring(graphml(nodes, relationships))
    types = {key.get("attr.name"): key.get("attr.type")
             for key in root.findall("g:key", NS) if key.get("for") == "node"}
    assert types["n"] == "double" and types["x"] == "string" and types["ok"] == "boolean"
    found = root.findall("g:graph/g:node", NS)
    assert sorted(node.get("id") for node in found) == ["Source:A", "State:A"]
    texts = [data.text for data in root.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    assert '<A & "B">' in texts and "s1;s2" in texts and "true" in texts


@pytest.mark.parametrize("path", ["/api/v1/export/graph.json", "/api/v1/export/graph.graphml"])
def test_exports_of_an_empty_graph(settings: Settings, neo4j_uri: str, empty_db: GraphDatabaseClient,
                                   path: str) -> None:
    with TestClient(create_app(settings, neo4j_uri)) as client:
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("day", [day for day in on_day.days() if day])
def test_json_export_of_a_day_holds_exactly_what_counts(client: TestClient, day: str) -> None:
    body = client.get("/api/v1/export/graph.json", params={"as_of": day}).json()
    assert body["as_of"] == day
    entities = {node["id"] for node in body["nodes"] if "Entity" in node["labels"]}
    assert {node_id for node_id in on_day.kinds() if on_day.there(node_id, day)} <= entities
    assert not {node_id for node_id in on_day.kinds() if not on_day.there(node_id, day)} & entities
    exported = {(rel["type"], rel["source"], rel["target"]) for rel in body["relationships"]}
    assert exported == on_day.counting(day)
    assert body["relationship_count"] == len(exported) and body["node_count"] == len(body["nodes"])
    for status in ("undated", "imprecise"):
        named = {(fact["type"], fact["subject"], fact["object"]) for fact in body["exclusions"][status]}
        assert {fact for fact in named if fact[0] != NODE_FACT} == on_day.unplaced(day, status)
    imprecise_nodes = {fact["subject"] for fact in body["exclusions"]["imprecise"] if fact["type"] == NODE_FACT}
    assert imprecise_nodes == {node_id for node_id in on_day.kinds()
                               if on_day.node_standing(node_id, day) == "imprecise"}


def test_graphml_export_of_a_day(client: TestClient) -> None:
    day = on_day.summit_closing_day(on_day.SUMMITS[0])
    response = client.get("/api/v1/export/graph.graphml", params={"as_of": day})
    assert response.status_code == 200
    assert f"-{day}.graphml" in response.headers["content-disposition"]
    root = ET.fromstring(response.content)
    graph = root.find("g:graph", NS)
    assert graph is not None
    assert len(graph.findall("g:edge", NS)) == len(on_day.counting(day))
    keys = {key.get("id"): key.get("attr.name") for key in root.findall("g:key", NS) if key.get("for") == "graph"}
    said = {keys[data.get("key")]: data.text for data in graph.findall("g:data", NS)}
    body = client.get("/api/v1/export/graph.json", params={"as_of": day}).json()
    assert said == {"as_of": day, "undated_excluded": str(len(body["exclusions"]["undated"])),
                    "imprecise_excluded": str(len(body["exclusions"]["imprecise"]))}


def test_the_export_of_today_is_not_dated(client: TestClient) -> None:
    body = client.get("/api/v1/export/graph.json").json()
    assert body["as_of"] is None and body["exclusions"] is None
    assert {(rel["type"], rel["source"], rel["target"]) for rel in body["relationships"]} == on_day.counting(None)
