"""The graph's facts as three tables (nodes, relationships, sources) for a citable data package.

Rows keep every property of every node and relationship, so the package reloads to the same graph;
each column is typed from its values (a ';'-separated list for list properties). An empty list is
written as an empty cell, which also means "no such property": each list column therefore names the
kinds (or relationship types) whose every row has the property, where an empty cell is an empty list.
Anything a CSV cell cannot say unambiguously (an empty string, a list item holding ';', a column
mixing types) stops the export instead of being written wrong.
"""

import hashlib
import json
import re
from typing import Any, Literal

from pydantic import BaseModel

from graph.driver import GraphDatabaseClient
from graph.errors import NSGraphError
from graph.model import CONFIDENCE_LEVELS, ENTITY, KIND_TO_LABEL, Rel
from queries.readonly import to_json
from queries.registry import read

LIST_DELIMITER = ";"
FieldType = Literal["string", "integer", "number", "boolean", "list"]
_TYPES: dict[type, FieldType] = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list"}

PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_DATE_COLUMN = re.compile(r"^(date|since|as_of|entry_into_force|dissolved|date_earliest|date_latest|un_member_since|"
                          r"stated_\w+_as_of)$")
_ENUMS: dict[str, dict[str, list[str]]] = {
    "nodes": {"kind": list(KIND_TO_LABEL), "confidence": list(CONFIDENCE_LEVELS)},
    "relationships": {"type": [str(rel) for rel in Rel], "confidence": list(CONFIDENCE_LEVELS)},
    "sources": {},
}
_LEADING: dict[str, tuple[str, ...]] = {
    "nodes": ("id", "kind", "subkind", "name", "short_name", "official_name", "aliases", "date", "description",
              "sources", "confidence", "as_of", "note"),
    "relationships": ("type", "start", "end", "date", "since", "via", "role", "confidence", "sources", "as_of",
                      "note"),
    "sources": ("id", "title", "publisher", "url", "as_of", "kind", "note"),
}
_DESCRIPTIONS = {
    "id": "The node's unique id (ISO 3166-1 alpha-3 for States).",
    "kind": "The node's kind (state, organization, legal_instrument, ...); for a source, the kind of document.",
    "subkind": "The kind's closed subkind (e.g. convention, joint_statement, industry_summit).",
    "type": "The relationship type (PARTY_TO, SIGNED, SUBSCRIBED_TO, ...).",
    "start": "The id of the node the relationship starts from.",
    "end": "The id of the node the relationship points to.",
    "sources": "The ids of the sources (sources.csv) the fact rests on, ';'-separated.",
    "confidence": "confirmed | derived | unconfirmed.",
    "as_of": "The day the fact's source was read (ISO date, with the source's precision).",
    "date": "The fact's date, with the precision of its source (YYYY, YYYY-MM or YYYY-MM-DD).",
    "since": "The day the fact begins (consent deposited, membership began), with its source's precision.",
    "date_earliest": "The first day the fact's date can mean (derived from since/date; reloads recompute it).",
    "date_latest": "The last day the fact's date can mean (derived from since/date; reloads recompute it).",
    "via": "How consent was expressed (ratification, accession, ...).",
    "role": "The role of the subscriber, participant or member.",
    "note": "A note carried from the compiled tables (CONFLICT: and also_in= markers included).",
}


class DatasetShapeError(NSGraphError):
    """The graph holds a value that a typed CSV cell cannot carry unambiguously."""


class DatasetField(BaseModel):
    name: str
    type: FieldType
    description: str | None = None
    empty_list_for: list[str] = []
    """For a list column: the kinds or types whose rows all have it, where an empty cell is an empty list."""
    constraints: dict[str, Any] = {}
    """Table Schema constraints the values meet: `pattern` for dates, `enum` for closed vocabularies."""


class DatasetTable(BaseModel):
    name: str
    description: str
    fields: list[DatasetField]
    primary_key: list[str]
    rows: list[dict[str, Any]]
    """One dict per row; a missing key is an absent property."""


class DatasetExport(BaseModel):
    version: str
    nodes: DatasetTable
    relationships: DatasetTable
    sources: DatasetTable


def graph_version(db: GraphDatabaseClient) -> str:
    """The version a package is stamped with: a digest of the whole graph (`audit/fingerprint`), so the same
    facts always get the same version and any change a new one. Not the cache's GraphVersion counter, which
    every write moves even when it changes nothing: a citation must name the content, not the load."""
    dump = to_json(read(db, "audit/fingerprint")[0])
    nodes = sorted(json.dumps(node, sort_keys=True) for node in dump["nodes"])
    relationships = sorted(json.dumps(rel, sort_keys=True) for rel in dump["relationships"])
    digest = hashlib.sha256(json.dumps([nodes, relationships]).encode("utf-8")).hexdigest()
    return f"graph-{digest[:12]}"


def _field_type(table: str, column: str, values: list[Any]) -> FieldType:
    kinds = {type(value) for value in values}
    if kinds == {int, float}:
        return "number"
    if len(kinds) != 1 or next(iter(kinds)) not in _TYPES:
        names = sorted(kind.__name__ for kind in kinds)
        raise DatasetShapeError(f"{table}.{column} mixes types or holds untabular values ({', '.join(names)})")
    return _TYPES[next(iter(kinds))]


def _check_cell(table: str, row_id: str, column: str, value: Any) -> None:
    items = value if isinstance(value, list) else [value]
    if isinstance(value, list) and not all(isinstance(item, str) for item in items):
        raise DatasetShapeError(f"{table} {row_id}: {column} is a list of non-strings")
    for item in items:
        if isinstance(item, str) and (item == "" or (isinstance(value, list) and LIST_DELIMITER in item)):
            raise DatasetShapeError(f"{table} {row_id}: {column} holds {item!r}, which a ';'-separated cell "
                                    "cannot carry")


def _constraints(table: str, column: str, values: list[Any]) -> dict[str, Any]:
    """The pattern of a date column or the closed vocabulary of a column, checked against every value."""
    if _DATE_COLUMN.match(column):
        if bad := [value for value in values if not re.match(PARTIAL_DATE, str(value))]:
            raise DatasetShapeError(f"{table}.{column}: {bad[0]!r} is not a date as YYYY, YYYY-MM or YYYY-MM-DD")
        return {"pattern": PARTIAL_DATE}
    if (vocabulary := _ENUMS[table].get(column)) is not None:
        if bad := [value for value in values if value not in vocabulary]:
            raise DatasetShapeError(f"{table}.{column}: {bad[0]!r} is not one of {', '.join(vocabulary)}")
        return {"enum": vocabulary}
    return {}


def _table(name: str, description: str, rows: list[dict[str, Any]], key: list[str],
           group: str | None) -> DatasetTable:
    """The table of these rows: one typed column per property key, the leading ones first."""
    values: dict[str, list[Any]] = {}
    for row in rows:
        row_id = "/".join(str(row[part]) for part in key)
        for column, value in row.items():
            _check_cell(name, row_id, column, value)
            values.setdefault(column, []).append(value)
    leading = [column for column in _LEADING[name] if column in values]
    fields = []
    for column in [*leading, *sorted(set(values) - set(leading))]:
        field_type = _field_type(name, column, values[column])
        empty_for: list[str] = []
        if field_type == "list" and group is not None:
            empty_for = sorted({row[group] for row in rows if row.get(column) == []})
            for row in rows:
                if row[group] in empty_for and column not in row:
                    raise DatasetShapeError(f"{name}.{column}: {row[group]} rows have it empty and absent alike")
        fields.append(DatasetField(name=column, type=field_type, description=_DESCRIPTIONS.get(column),
                                   empty_list_for=empty_for, constraints=_constraints(name, column, values[column])))
    return DatasetTable(name=name, description=description, fields=fields, primary_key=key, rows=rows)


def dataset_tables(db: GraphDatabaseClient) -> DatasetExport:
    """Every domain node, relationship and source with all its properties, as typed tables."""
    node_rows = []
    for row in read(db, "dataset/nodes"):
        kind = row["properties"].get("kind")
        if row["labels"] != [KIND_TO_LABEL.get(kind)]:
            raise DatasetShapeError(f"node {row['id']}: its labels {row['labels']} are not those of kind {kind!r}")
        node_rows.append(to_json(row["properties"]))
    relationship_rows = []
    for row in read(db, "dataset/relationships"):
        if ENTITY not in row["start_labels"] or ENTITY not in row["end_labels"]:
            raise DatasetShapeError(f"{row['type']} from {row['start']} to {row['end']} leaves the domain nodes")
        if clash := {"type", "start", "end"} & set(row["properties"]):
            raise DatasetShapeError(f"{row['type']} from {row['start']} to {row['end']} has properties {clash}")
        relationship_rows.append({"type": row["type"], "start": row["start"], "end": row["end"],
                                  **to_json(row["properties"])})
    source_rows = [to_json(row["properties"]) for row in read(db, "dataset/sources")]
    return DatasetExport(
        version=graph_version(db),
        nodes=_table("nodes", "Every domain node (States, organizations, instruments, initiatives, guidance, "
                              "commitments, events, topics) with all its properties.", node_rows, ["id"], "kind"),
        relationships=_table("relationships", "Every relationship between two nodes with its date, role, "
                                              "confidence, sources and note.",
                             relationship_rows, ["type", "start", "end"], "type"),
        sources=_table("sources", "The documents the facts cite.", source_rows, ["id"], None))
