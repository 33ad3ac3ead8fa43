"""The whole graph for other tools: JSON, and GraphML for Gephi, Cytoscape and yEd.

GraphML declares one `<key>` per attribute and domain, typed from the values (a key whose values
mix types is a string); lists are joined with ';' (the data's own convention) and text is
XML-escaped, with characters XML 1.0 forbids dropped. The node id is the GraphML id (not repeated
as data, Gephi reserves it); `label` (short name or name; the relationship type on edges) is
what Gephi shows, and edges keep the type again as `rel_type`.

As of a day, an export holds the nodes there on it and the relationships that count on it between
them (`graph.dating`), and names every undated and imprecise fact it left out (GraphML: graph-level
`as_of`, `undated_excluded` and `imprecise_excluded` data).
"""

import datetime
import re
import xml.etree.ElementTree as ET
from collections import Counter
from typing import Any

from graph.driver import GraphDatabaseClient
from queries.models import ExportNode, ExportRelationship, GraphExport, TimeExclusions
from queries.readonly import bounded_read, to_json
from queries.unplaced import UNPLACED, Facts, day_parameters, node_fact, relationship_fact, time_exclusions

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


Graph = tuple[list[dict[str, Any]], list[dict[str, Any]], TimeExclusions | None]


def _read_graph(db: GraphDatabaseClient, timeout_s: float, as_of: datetime.date | None) -> Graph:
    """The nodes there on the day, the relationships that count between them, and the named exclusions."""
    day = day_parameters(as_of)
    rows = bounded_read(db, "export/nodes", timeout_s, as_of=day["as_of"])
    facts: Facts = [("imprecise", node_fact(row["properties"])) for row in rows if row["status"] == "imprecise"]
    nodes = [row for row in rows if row["status"] == "counts"]
    there = {(row["id"], tuple(row["labels"])) for row in nodes}
    relationships = []
    for row in bounded_read(db, "export/relationships", timeout_s, **day):
        if {(row["source"], tuple(row["source_labels"])), (row["target"], tuple(row["target_labels"]))} <= there:
            if row["status"] == "counts":
                relationships.append(row)
            elif row["status"] in UNPLACED:
                facts.append((row["status"], relationship_fact(row["source"], row["type"], row["target"],
                                                               row["properties"])))
    return nodes, relationships, time_exclusions(as_of, facts)


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(_text(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return _XML_FORBIDDEN.sub("", str(value))


def _graphml_type(values: list[Any]) -> str:
    kinds = {type(value) for value in values}
    if kinds == {int, float}:
        return "double"
    if len(kinds) == 1 and (kind := kinds.pop()) in _GRAPHML_TYPES:
        return _GRAPHML_TYPES[kind]
    return "string"


def _declare(root: ET.Element, domain: str, prefix: str, items: list[dict[str, Any]]) -> dict[str, str]:
    """One <key> per attribute name in this domain; returns attribute name -> key id."""
    values: dict[str, list[Any]] = {}
    for item in items:
        for name, value in item.items():
            values.setdefault(name, []).append(value)
    ids: dict[str, str] = {}
    for index, name in enumerate(sorted(values)):
        ids[name] = f"{prefix}{index}"
        ET.SubElement(root, "key", {"id": ids[name], "for": domain, "attr.name": name,
                                    "attr.type": _graphml_type(values[name])})
    return ids


def _label(properties: dict[str, Any]) -> str:
    """What Gephi and Cytoscape show on a node: its short name, else its name, else its id."""
    return str(properties.get("short_name") or properties.get("name") or properties.get("title")
               or properties.get("id"))


def _node_key(row: dict[str, Any], clashes: set[str]) -> str:
    """The node's id; qualified by its label only if an Entity and a Source share it."""
    return f"{row['labels'][-1]}:{row['id']}" if row["id"] in clashes else str(row["id"])


def graphml(nodes: list[dict[str, Any]], relationships: list[dict[str, Any]],
            exclusions: TimeExclusions | None = None) -> bytes:
    """The graph as a GraphML document (directed), attributes typed and declared up front; as of a day, the
    graph element says which day and how many facts were left out."""
    root = ET.Element("graphml", {"xmlns": GRAPHML_NS})
    graph_attrs: dict[str, Any] = {} if exclusions is None else {
        "as_of": exclusions.as_of, "undated_excluded": len(exclusions.undated),
        "imprecise_excluded": len(exclusions.imprecise)}
    clashes = {node_id for node_id, count in Counter(row["id"] for row in nodes).items() if count > 1}
    node_attrs = [{**{k: to_json(v) for k, v in row["properties"].items() if k != "id"}, "labels": row["labels"],
                   "label": _label(row["properties"])} for row in nodes]
    edge_attrs = [{**{k: to_json(v) for k, v in row["properties"].items()}, "rel_type": row["type"],
                   "label": row["type"]} for row in relationships]
    node_keys = _declare(root, "node", "n", node_attrs)
    edge_keys = _declare(root, "edge", "e", edge_attrs)
    graph_keys = _declare(root, "graph", "g", [graph_attrs])
    graph = ET.SubElement(root, "graph", {"id": "nuclear-security", "edgedefault": "directed"})
    for name in sorted(graph_attrs):
        ET.SubElement(graph, "data", {"key": graph_keys[name]}).text = _text(graph_attrs[name])
    keys_by_id = {(row["id"], tuple(row["labels"])): _node_key(row, clashes) for row in nodes}
    for row, attrs in zip(nodes, node_attrs, strict=True):
        element = ET.SubElement(graph, "node", {"id": keys_by_id[(row["id"], tuple(row["labels"]))]})
        for name in sorted(attrs):
            ET.SubElement(element, "data", {"key": node_keys[name]}).text = _text(attrs[name])
    for index, (row, attrs) in enumerate(zip(relationships, edge_attrs, strict=True)):
        source = keys_by_id[(row["source"], tuple(row["source_labels"]))]
        target = keys_by_id[(row["target"], tuple(row["target_labels"]))]
        element = ET.SubElement(graph, "edge", {"id": f"e{index}", "source": source, "target": target})
        for name in sorted(attrs):
            ET.SubElement(element, "data", {"key": edge_keys[name]}).text = _text(attrs[name])
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def graph_export(db: GraphDatabaseClient, timeout_s: float = 10.0, as_of: datetime.date | None = None) -> GraphExport:
    """Every node and relationship with its properties, as JSON-safe values (as of a day: those of that day)."""
    nodes, relationships, exclusions = _read_graph(db, timeout_s, as_of)
    return GraphExport(
        nodes=[ExportNode(id=row["id"], labels=row["labels"], properties=to_json(row["properties"])) for row in nodes],
        relationships=[ExportRelationship(source=row["source"], target=row["target"], type=row["type"],
                                          properties=to_json(row["properties"])) for row in relationships],
        node_count=len(nodes), relationship_count=len(relationships),
        as_of=exclusions.as_of if exclusions else None, exclusions=exclusions)


def graph_graphml(db: GraphDatabaseClient, timeout_s: float = 10.0, as_of: datetime.date | None = None) -> bytes:
    """The same graph as GraphML."""
    return graphml(*_read_graph(db, timeout_s, as_of))
