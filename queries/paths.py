"""Shortest linkage paths between two nodes: how is Japan tied to the Contact Group, via what, says who."""

from typing import Any

from graph.driver import GraphDatabaseClient
from queries.models import LinkagePath, NodeRef, PathResults, PathStep
from queries.neighbourhood import get_entity
from queries.readonly import bounded_read

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


def shortest_paths(db: GraphDatabaseClient, start: str, end: str, max_hops: int = MAX_HOPS, limit: int = 25,
                   timeout_s: float = 10.0) -> PathResults:
    """All shortest paths, each relationship with its direction along the walk; bounded in time."""
    first, last = get_entity(db, start), get_entity(db, end)
    if start == end:
        found = [LinkagePath(length=0, nodes=[_ref(first)], relationships=[])]
        return PathResults(start=_ref(first), end=_ref(last), max_hops=max_hops, length=0, paths=found,
                           count=1, total=1, truncated=False)
    row = bounded_read(db, "paths/shortest", timeout_s,
                       **{"from": start, "to": end, "max_hops": max_hops, "limit": limit})[0]
    found = [_path(raw) for raw in row["paths"]]
    return PathResults(start=_ref(first), end=_ref(last), max_hops=max_hops,
                       length=found[0].length if found else None, paths=found, count=len(found),
                       total=row["total"], truncated=row["total"] > len(found))
