"""A node's neighbourhood as nodes and edges, in the shape the viz layer draws (`queries.view_models.GraphView`).

The neighbourhood is grown breadth-first, one query per level, so the node cap is applied nearest
first and a hub (a convention with 130 parties) cannot make a depth-3 query enumerate millions of
paths. Edges are those of the induced subgraph: every relationship between two nodes shown.
As of a day, the neighbourhood grows only along relationships that count on it, to nodes there on
it (`graph.dating`), and names the undated and imprecise facts around the nodes it expanded.
"""

import datetime
import difflib
from typing import Any

from graph.dating import day_status, fact_date
from graph.driver import GraphDatabaseClient
from graph.errors import NotFound
from graph.model import ENTITY_LABELS
from queries.lookup import MAX_SUGGESTIONS, suggestions
from queries.models import Neighbourhood
from queries.readonly import bounded_read
from queries.registry import read
from queries.unplaced import UNPLACED, Facts, day_parameters, node_fact, relationship_fact, time_exclusions
from queries.view_models import ViewEdge, ViewNode

DEFAULT_MAX_NODES = 300
MAX_NODES = 2000
_NOT_PROPERTIES = frozenset({"id", "kind", "name", "short_name", "sources", "aliases_text"})
_ABSENT = {"after": "is not there yet on that day", "imprecise": "has a date that straddles the day"}


def entity_suggestions(db: GraphDatabaseClient, wanted: str) -> list[str]:
    """Close ids of any kind: the per-kind suggestions, merged and ranked by closeness of the id."""
    found = dict.fromkeys(node_id for label in ENTITY_LABELS for node_id in suggestions(db, label, wanted))
    ranked = sorted(found, key=lambda node_id: -difflib.SequenceMatcher(None, wanted.casefold(),
                                                                         node_id.casefold()).ratio())
    return ranked[:MAX_SUGGESTIONS]


def get_entity(db: GraphDatabaseClient, node_id: str) -> dict[str, Any]:
    """A domain node of any kind, or a 404 with suggestions."""
    rows = read(db, "graph/entity", id=node_id)
    if not rows:
        raise NotFound("node", node_id, entity_suggestions(db, node_id))
    return rows[0]["node"]  # type: ignore[no-any-return]


def graph_node(properties: dict[str, Any]) -> ViewNode:
    return ViewNode(id=properties["id"], kind=properties["kind"],
                     name=properties.get("name") or properties["id"], short_name=properties.get("short_name"),
                     properties={k: v for k, v in properties.items() if k not in _NOT_PROPERTIES},
                     sources=properties.get("sources") or [])


def graph_edge(row: dict[str, Any]) -> ViewEdge:
    properties = row["properties"]
    return ViewEdge(source=row["source"], target=row["target"], type=row["type"],
                     properties={k: v for k, v in properties.items() if k != "sources"},
                     sources=properties.get("sources") or [])


def unplaced_around(db: GraphDatabaseClient, ids: list[str], as_of: datetime.date,
                    timeout_s: float = 10.0) -> Facts:
    """The facts around `ids` the day cannot place: their undated and imprecise relationships to nodes
    there on it, and the nodes next to them whose own date straddles it."""
    rows = bounded_read(db, "graph/unplaced", timeout_s, ids=ids, **day_parameters(as_of))
    return [("imprecise", node_fact(row["node"])) if row["node_status"] == "imprecise"
            else (row["status"], relationship_fact(row["source"], row["type"], row["target"], row["properties"]))
            for row in rows]


def neighbourhood(db: GraphDatabaseClient, node_id: str, depth: int = 1, limit: int = DEFAULT_MAX_NODES,
                  timeout_s: float = 10.0, as_of: datetime.date | None = None) -> Neighbourhood:
    """Nearest nodes first, up to `limit`; says when it stopped early. As of a day: the graph as it stood then."""
    centre = get_entity(db, node_id)
    label = centre.get("short_name") or centre.get("name") or node_id
    title = f"{label}: neighbourhood" + (f", as of {as_of.isoformat()}" if as_of else "")
    day = as_of.isoformat() if as_of else None
    standing = day_status(fact_date(centre), as_of)
    if standing in _ABSENT:
        return Neighbourhood(title=title, focus_id=node_id, depth=depth, nodes=[], edges=[], truncated=False,
                             subtitle=f"{label} is dated {fact_date(centre)}: it {_ABSENT[standing]}",
                             as_of=day, exclusions=time_exclusions(as_of, [(standing, node_fact(centre))]))
    order, seen, frontier = [node_id], {node_id}, [node_id]
    expanded: list[str] = []
    truncated, at_least = False, 1
    for _ in range(depth):
        expanded += frontier
        found = [row["id"] for row in bounded_read(db, "graph/neighbours", timeout_s,
                                                   ids=frontier, seen=sorted(seen), **day_parameters(as_of))]
        at_least = len(order) + len(found)
        frontier = found[:limit - len(order)]
        truncated = len(frontier) < len(found)
        order += frontier
        seen.update(frontier)
        if truncated or not frontier:
            break
    sub = bounded_read(db, "graph/subgraph", timeout_s, ids=order, **day_parameters(as_of))[0]
    position = {node_id: index for index, node_id in enumerate(order)}
    nodes = sorted((graph_node(properties) for properties in sub["nodes"]), key=lambda node: position[node.id])
    edges = [graph_edge(row) for row in sub["edges"] if row["status"] == "counts"]
    exclusions = None
    if as_of is not None:
        facts: Facts = [(row["status"], relationship_fact(row["source"], row["type"], row["target"], row["properties"]))
                 for row in sub["edges"] if row["status"] in UNPLACED]
        exclusions = time_exclusions(as_of, facts + unplaced_around(db, expanded, as_of, timeout_s))
    note = (f"showing the nearest {len(nodes)} of at least {at_least} nodes within depth {depth}; "
            f"raise limit (at most {MAX_NODES}) or lower depth to see more") if truncated else None
    return Neighbourhood(title=title, focus_id=node_id, depth=depth,
                         subtitle=f"{len(nodes)} nodes and {len(edges)} relationships within {depth} "
                                  f"link{'s' if depth > 1 else ''}",
                         nodes=nodes, edges=edges, truncated=truncated, note=note, as_of=day, exclusions=exclusions)
