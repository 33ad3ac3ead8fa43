"""The data the network page's controls (viz/static/controls.js) read beyond the drawing itself.

The date slider spans the years of the view's dated facts up to this year; the relationship-type filter
needs each edge's type, and the downloads' sources line each item's sources. Sources are stored once, in
`sources`, and items point into that list, so a page with hundreds of edges citing one source stays small.
"""

import datetime
import re
from collections import defaultdict, deque
from typing import Any

from queries.view_models import GraphView, PropertyValue
from viz.style import NODE_STYLES, edge_year

_DAY = re.compile(r"^(\d{4})-\d{2}(-\d{2})?")
RECORD_KEYS = frozenset({"as_of"})
"""Properties that date the record (when a list was stated), not a fact: they do not widen the slider."""


def page_controls(
    view: GraphView, nodes: list[dict[str, Any]], edges: list[dict[str, Any]], today: datetime.date, clustered: bool
) -> dict[str, object]:
    """The controls' part of the page data. Tags each drawn node and edge with `src` (indices into `sources`)
    and each edge with `rel` (its relationship type); `nodes` and `edges` are the drawn network's items."""
    sources: dict[str, int] = {}

    def indices(ids: list[str]) -> list[int]:
        return [sources.setdefault(source, len(sources)) for source in ids]

    by_id = {node.id: node for node in view.nodes}
    for item in nodes:
        if src := indices(by_id[item["id"]].sources):
            item["src"] = src
    queued: defaultdict[tuple[str, str], deque[Any]] = defaultdict(deque)
    for edge in view.edges:
        queued[(edge.source, edge.target)].append(edge)
    for item in edges:
        edge = queued[(item["from"], item["to"])].popleft()
        item["rel"] = edge.type
        if src := indices(edge.sources):
            item["src"] = src
    year = int(view.as_of[:4]) if view.as_of else today.year
    first = min(_fact_years(view), default=year)
    return {
        "sources": list(sources),
        "today": today.isoformat(),
        "as_of": view.as_of,
        "first_year": min(first, year),
        "last_year": max(today.year, year),
        "year": year,
        "clustered": clustered,
        "kinds": {kind: {"label": style.label, "plural": style.plural, "color": style.color, "shape": style.shape}
                  for kind, style in NODE_STYLES.items()},
    }


def _fact_years(view: GraphView) -> list[int]:
    """Every year a node or edge property of the view dates (a day, a month, or a year under a date key)."""
    years = []
    for properties in [node.properties for node in view.nodes] + [edge.properties for edge in view.edges]:
        years += [int(match.group(1)) for key, value in properties.items() if key not in RECORD_KEYS
                  for text in _texts(value) if (match := _DAY.match(text))]
        if year := edge_year(properties):
            years.append(int(year))
    return years


def _texts(value: PropertyValue) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]
