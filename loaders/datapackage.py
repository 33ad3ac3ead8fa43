"""Reads a data package written by `nsgraph export dataset` back into a load plan.

The package's own Table Schemas say how to read each cell (its type, the list delimiter, and for a list
column the kinds or types whose empty cell is an empty list), so the plan holds the graph that was
exported; `loaders.writer` then writes it in one transaction like any other load.
"""

import csv
import json
from pathlib import Path
from typing import Any

from graph.errors import LoadError
from graph.model import KIND_TO_LABEL, Label, Rel
from loaders.plan import Columns, GraphPlan, Origin

DESCRIPTOR = "datapackage.json"
EMPTY_LIST_KEY = "nsgraph:emptyListFor"
"""Field property of a list column: the kinds or types whose empty cell is an empty list, not an absent property."""
RESOURCES = ("sources", "nodes", "relationships")
_BOOLEANS = {"true": True, "false": False}


def is_data_package(path: Path) -> bool:
    return path.is_dir() and (path / DESCRIPTOR).is_file()


def _resources(directory: Path) -> dict[str, dict[str, Any]]:
    descriptor_path = directory / DESCRIPTOR
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
        resources = {resource["name"]: resource for resource in descriptor["resources"]}
    except (ValueError, KeyError, TypeError) as error:
        raise LoadError(str(descriptor_path), None, None, f"not a data package descriptor: {error}") from None
    missing = [name for name in RESOURCES if name not in resources]
    if missing:
        raise LoadError(str(descriptor_path), None, "resources", f"missing the resources {', '.join(missing)}")
    return resources


def _value(field: dict[str, Any], text: str, origin: Origin) -> Any:
    """The typed value of a non-empty cell, or of an empty list cell that the schema says is an empty list."""
    kind = field["type"]
    try:
        if kind == "list":
            return [] if text == "" else text.split(field.get("delimiter", ","))
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text)
        if kind == "boolean":
            return _BOOLEANS[text]
    except (ValueError, KeyError):
        raise origin.error(field["name"], f"{text!r} is not a {kind}") from None
    if kind == "string":
        return text
    raise origin.error(field["name"], f"unsupported field type {kind!r}")


def _rows(directory: Path, resource: dict[str, Any], group: str | None) -> list[tuple[dict[str, Any], Origin]]:
    """Each row's present properties, typed by the resource's schema, with the line it was read from."""
    path = directory / resource["path"]
    fields = resource["schema"]["fields"]
    names = [field["name"] for field in fields]
    rows = []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            if header != names:
                raise LoadError(str(path), 1, None, f"columns {header} differ from the schema's {names}")
            for cells in reader:
                origin = Origin(str(path), reader.line_num)
                if len(cells) != len(names):
                    raise origin.error(None, f"{len(cells)} cells, the schema has {len(names)} fields")
                row: dict[str, Any] = {}
                for field, text in zip(fields, cells, strict=True):
                    empty_list = group is not None and cells[names.index(group)] in field.get(EMPTY_LIST_KEY, [])
                    if text != "" or (field["type"] == "list" and empty_list):
                        row[field["name"]] = _value(field, text, origin)
                rows.append((row, origin))
    except OSError as error:
        raise LoadError(str(path), None, None, f"cannot read: {error.strerror}") from None
    return rows


def _key(props: dict[str, Any], name: str, origin: Origin) -> Any:
    """Takes a key column out of the row's properties; it must be there."""
    if name not in props:
        raise origin.error(name, "empty: every row needs it")
    return props.pop(name)


def plan_data_package(directory: Path, plan: GraphPlan | None = None) -> GraphPlan:
    """Every source, node and relationship of the package, validated into a plan; nothing is written here."""
    plan = plan or GraphPlan()
    resources = _resources(directory)
    for props, origin in _rows(directory, resources["sources"], None):
        plan.add_node(Label.SOURCE, _key(props, "id", origin), props, origin)
    for props, origin in _rows(directory, resources["nodes"], "kind"):
        if props.get("kind") not in KIND_TO_LABEL:
            raise origin.error("kind", f"{props.get('kind')!r} is not one of {', '.join(KIND_TO_LABEL)}")
        plan.add_node(KIND_TO_LABEL[props["kind"]], _key(props, "id", origin), props, origin)
    columns = Columns(start="start", end="end", sources="sources")
    for props, origin in _rows(directory, resources["relationships"], "type"):
        try:
            rel = Rel(_key(props, "type", origin))
        except ValueError:
            raise origin.error("type", f"not a relationship type; expected one of {', '.join(Rel)}") from None
        plan.add_relationship(rel, _key(props, "start", origin), _key(props, "end", origin), props, origin, columns)
    return plan
