"""Node details and completeness, shared by every resource router."""

import datetime
import difflib
from collections import defaultdict
from typing import Any

from graph.dating import TIMED_TYPES, iso_day
from graph.driver import GraphDatabaseClient
from graph.errors import InvalidRequest
from graph.model import LABEL_TO_KIND, Label
from queries import resolve
from queries.lookup import not_found
from queries.models import Completeness, Link, NodeDetail, NodeSummary, Page
from queries.registry import read
from queries.unplaced import exclusions_of_rows

LIST_NAMES = ("parties", "signatories", "members")


def node_detail(db: GraphDatabaseClient, label: Label, wanted: str,
                as_of: datetime.date | None = None) -> NodeDetail:
    """A node by id, or by a name, short name or alias (`queries.resolve`), with its links as of a day (all of
    them without one): one round trip by id; a name costs one more lookup."""
    day = iso_day(as_of)
    node_id = resolve.state_id(wanted) if label is Label.STATE else wanted
    found = read(db, "nodes/detail", id=node_id, label=str(label), as_of=day, timed=list(TIMED_TYPES))
    if not found and label is not Label.STATE:
        node_id = resolve.node_id(db, label, wanted)
        if node_id != wanted:
            found = read(db, "nodes/detail", id=node_id, label=str(label), as_of=day, timed=list(TIMED_TYPES))
    if not found:
        raise not_found(db, label, node_id)
    node = found[0]["node"]
    links: dict[str, list[Link]] = defaultdict(list)
    for row in found[0]["links"]:
        links[row["type"]].append(Link(**row))
    return NodeDetail(id=node["id"], requested=None if wanted.upper() == node_id.upper() else wanted,
                      kind=node.get("kind") or str(label), properties=node, links=dict(links),
                      as_of=day, exclusions=exclusions_of_rows(as_of, found[0]["unplaced"]))


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
