"""Shortest linkage paths between two nodes: how is Japan tied to the Contact Group, via what, says who."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import DatabaseDep, SettingsDep
from api.readonly import bounded_read
from api.routes.neighbourhood import get_entity
from api.schemas import LinkagePath, NodeRef, PathResults, PathStep

router = APIRouter(tags=["graph"])

MAX_HOPS = 6
"""The fixed var-length bound in `queries/paths/shortest.cypher`; keep them equal."""


def _ref(node: dict[str, Any]) -> NodeRef:
    return NodeRef(id=node["id"], kind=node.get("kind"), name=node.get("name"), short_name=node.get("short_name"))


def _path(raw: dict[str, Any]) -> LinkagePath:
    """A path from the query, with each relationship's direction relative to the walk from start to end."""
    nodes = [_ref(node) for node in raw["nodes"]]
    steps = [PathStep(type=rel["type"], direction="out" if rel["start"] == nodes[index].id else "in",
                      start=rel["start"], end=rel["end"], properties=rel["properties"])
             for index, rel in enumerate(raw["relationships"])]
    return LinkagePath(length=len(steps), nodes=nodes, relationships=steps)


@router.get("/paths", response_model=PathResults,
            summary="All shortest paths between two nodes, over relationships in either direction")
def paths(
    db: DatabaseDep,
    settings: SettingsDep,
    start: Annotated[str, Query(alias="from", description="id of a node of any kind, e.g. JPN")],
    end: Annotated[str, Query(alias="to", description="id of a node of any kind, e.g. NSCG")],
    max_hops: Annotated[int, Query(ge=1, le=MAX_HOPS, description="longest path to look for")] = MAX_HOPS,
    limit: Annotated[int, Query(ge=1, le=100, description="most paths to return")] = 25,
) -> PathResults:
    first, last = get_entity(db, start), get_entity(db, end)
    if start == end:
        found = [LinkagePath(length=0, nodes=[_ref(first)], relationships=[])]
        return PathResults(start=_ref(first), end=_ref(last), max_hops=max_hops, length=0, paths=found,
                           count=1, total=1, truncated=False)
    row = bounded_read(db, "paths/shortest", settings.query_timeout_s,
                       **{"from": start, "to": end, "max_hops": max_hops, "limit": limit})[0]
    found = [_path(raw) for raw in row["paths"]]
    return PathResults(start=_ref(first), end=_ref(last), max_hops=max_hops,
                       length=found[0].length if found else None, paths=found, count=len(found),
                       total=row["total"], truncated=row["total"] > len(found))
