"""Node details and completeness, shared by every resource router."""

from collections import defaultdict
from typing import Any

from graph.driver import GraphDatabaseClient
from graph.model import Label
from queries import resolve
from queries.lookup import get_node
from queries.models import Completeness, Link, NodeDetail, NodeSummary, Page
from queries.registry import read

LIST_NAMES = ("parties", "signatories", "members")


def node_detail(db: GraphDatabaseClient, label: Label, wanted: str) -> NodeDetail:
    """By id, or by a name, short name or alias (`queries.resolve`)."""
    node_id = resolve.node_id(db, label, wanted)
    node = get_node(db, label, node_id)
    links: dict[str, list[Link]] = defaultdict(list)
    for row in read(db, "nodes/links", id=node_id):
        links[row["type"]].append(Link(**row))
    return NodeDetail(id=node["id"], requested=None if wanted.upper() == node_id.upper() else wanted,
                      kind=node.get("kind") or str(label), properties=node, links=dict(links))


def completeness(node: dict[str, Any], list_name: str, known: int) -> Completeness:
    """Known versus stated size of one of a node's lists, with the stated count's source."""
    stated = node.get(f"stated_{list_name}_count")
    as_of = node.get(f"stated_{list_name}_as_of")
    sources = node.get(f"stated_{list_name}_sources") or []
    if stated is None:
        summary = f"{known} {list_name} known; no stated total is on record"
    else:
        summary = (f"{known} of {stated} {list_name} known "
                   f"(stated by {', '.join(sources)}{f', as of {as_of}' if as_of else ''})")
    return Completeness(list=list_name, known=known, stated=stated, stated_as_of=as_of, stated_sources=sources,
                        note=node.get(f"stated_{list_name}_note"), summary=summary)


def list_nodes(db: GraphDatabaseClient, label: Label, limit: int = 100, offset: int = 0) -> Page[NodeSummary]:
    """One page of the nodes of a kind, by id."""
    result = read(db, "nodes/list", label=str(label), skip=offset, limit=limit)[0]
    rows = [NodeSummary(**row) for row in result["rows"]]
    return Page[NodeSummary](data=rows, count=len(rows), total=result["total"], limit=limit, offset=offset)
