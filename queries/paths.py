"""Shortest linkage paths between two nodes: how is Japan tied to the Contact Group, via what, says who.

As of a day, the search walks only the relationships that count on it, through nodes there on it
(`graph.dating`; the predicate is in the shortest-path query, so these are the shortest paths of
the graph as it stood), and names what today's shortest paths hold that the day cannot place.
"""

import datetime
from typing import Any

from graph.dating import TIMED_TYPES, day_status, fact_date, iso_day
from graph.driver import GraphDatabaseClient
from queries.models import LinkagePath, NodeRef, PathResults, PathStep
from queries.neighbourhood import get_entity
from queries.readonly import bounded_read
from queries.unplaced import UNPLACED, Facts, node_fact, relationship_fact, time_exclusions

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


def _unplaced(paths: list[dict[str, Any]]) -> Facts:
    """The undated and imprecise facts along paths whose nodes and relationships carry their standing on a day."""
    facts: Facts = []
    for path in paths:
        facts += [(node["day_status"], node_fact(node)) for node in path["nodes"] if node["day_status"] in UNPLACED]
        facts += [(rel["status"], relationship_fact(rel["start"], rel["type"], rel["end"], rel["properties"]))
                  for rel in path["relationships"] if rel["status"] in UNPLACED]
    return facts


def shortest_paths(db: GraphDatabaseClient, start: str, end: str, max_hops: int = MAX_HOPS, limit: int = 25,
                   timeout_s: float = 10.0, as_of: datetime.date | None = None) -> PathResults:
    """All shortest paths, each relationship with its direction along the walk; bounded in time. As of a day,
    over the facts that count on it only; an end that is not there on the day has no path."""
    first, last = get_entity(db, start), get_entity(db, end)
    day = iso_day(as_of)
    standing = {node["id"]: day_status(fact_date(node), as_of) for node in (first, last)}
    absent: Facts = [(standing[node["id"]], node_fact(node)) for node in (first, last)
                     if standing[node["id"]] in ("after", "imprecise")]
    if absent:
        return PathResults(start=_ref(first), end=_ref(last), max_hops=max_hops, length=None, paths=[], count=0,
                           total=0, truncated=False, as_of=day, exclusions=time_exclusions(as_of, absent))
    if start == end:
        found = [LinkagePath(length=0, nodes=[_ref(first)], relationships=[])]
        return PathResults(start=_ref(first), end=_ref(last), max_hops=max_hops, length=0, paths=found,
                           count=1, total=1, truncated=False, as_of=day, exclusions=time_exclusions(as_of, []))
    query = {"from": start, "to": end, "max_hops": max_hops, "limit": limit, "timed": list(TIMED_TYPES), "day": day}
    row = bounded_read(db, "paths/shortest", timeout_s, **query, as_of=day)[0]
    exclusions = None
    if as_of is not None:
        today = bounded_read(db, "paths/shortest", timeout_s, **query, as_of=None)[0]
        exclusions = time_exclusions(as_of, _unplaced(today["paths"]))
    found = [_path(raw) for raw in row["paths"]]
    return PathResults(start=_ref(first), end=_ref(last), max_hops=max_hops,
                       length=found[0].length if found else None, paths=found, count=len(found),
                       total=row["total"], truncated=row["total"] > len(found), as_of=day, exclusions=exclusions)
