"""Where a node opens: its kind's own page when there is one, else its neighbourhood page; a page as of
a day links the other pages as of the same day."""

from urllib.parse import quote, urlencode

from queries.view_models import GraphView
from queries.views import GROUP_PREFIX
from viz.networks import NodeUrl

PAGE_OF_KIND = {"state": "state", "legal_instrument": "instrument", "commitment": "commitment"}
"""Kinds that have a page of their own; every other node opens its neighbourhood."""


def with_day(url: str, as_of: str | None) -> str:
    """`url` as of the day (an ISO date), or unchanged without one."""
    if not as_of:
        return url
    return url + ("&" if "?" in url else "?") + urlencode({"as_of": as_of})


def page_url(node_id: str, kind: str | None = None, as_of: str | None = None) -> str:
    """The page a node opens: its kind's own page when there is one, else its neighbourhood."""
    page = PAGE_OF_KIND.get(kind or "", "node")
    return with_day(f"/viz/{page}/{quote(node_id, safe='')}", as_of)


def node_urls(view: GraphView) -> NodeUrl:
    """`node_url` for `render_view`: each node's page by its kind, as of the view's day; group nodes open
    nothing."""
    kinds = {node.id: node.kind for node in view.nodes}

    def url(node_id: str) -> str:
        return "" if node_id.startswith(GROUP_PREFIX) else page_url(node_id, kinds.get(node_id), view.as_of)

    return url
