"""Node details and completeness, shared by every resource router."""

import difflib
from collections import defaultdict
from typing import Any

from graph.driver import GraphDatabaseClient
from graph.errors import InvalidRequest
from graph.model import LABEL_TO_KIND, Label
from queries.lookup import get_node
from queries.models import Completeness, Link, NodeDetail, NodeSummary, Page
from queries.registry import read

LIST_NAMES = ("parties", "signatories", "members")


def node_detail(db: GraphDatabaseClient, label: Label, node_id: str) -> NodeDetail:
    node = get_node(db, label, node_id)
    links: dict[str, list[Link]] = defaultdict(list)
    for row in read(db, "nodes/links", id=node_id):
        links[row["type"]].append(Link(**row))
    return NodeDetail(id=node["id"], kind=node.get("kind") or str(label), properties=node, links=dict(links))


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


def list_nodes(db: GraphDatabaseClient, label: Label, limit: int = 100, offset: int = 0,
               subkind: str | None = None) -> Page[NodeSummary]:
    """One page of the nodes of a kind (optionally of one subkind), by name; an unknown subkind is an error
    that names the subkinds the graph holds for that kind."""
    result = read(db, "nodes/list", label=str(label), subkind=subkind, skip=offset, limit=limit)[0]
    if subkind is not None and not result["total"]:
        known = [row["subkind"] for row in read(db, "nodes/subkinds", label=str(label))]
        close = difflib.get_close_matches(subkind, known, n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise InvalidRequest(f"no {LABEL_TO_KIND[label].replace('_', ' ')} has subkind {subkind!r}{hint or '.'} "
                             f"Subkinds in the graph: {', '.join(known) or 'none'}.")
    rows = [NodeSummary(**row) for row in result["rows"]]
    return Page[NodeSummary](data=rows, count=len(rows), total=result["total"], limit=limit, offset=offset)
