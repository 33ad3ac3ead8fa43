"""Where a node opens: its kind's own page when there is one, else its neighbourhood page."""

from urllib.parse import quote

from queries.view_models import GraphView
from queries.views import GROUP_PREFIX
from viz.networks import NodeUrl

PAGE_OF_KIND = {"state": "state", "legal_instrument": "instrument", "commitment": "commitment"}
"""Kinds that have a page of their own; every other node opens its neighbourhood."""


def page_url(node_id: str, kind: str | None = None) -> str:
    """The page a node opens: its kind's own page when there is one, else its neighbourhood."""
    page = PAGE_OF_KIND.get(kind or "", "node")
    return f"/viz/{page}/{quote(node_id, safe='')}"


def node_urls(view: GraphView) -> NodeUrl:
    """`node_url` for `render_view`: each node's page by its kind; group nodes open nothing."""
    kinds = {node.id: node.kind for node in view.nodes}

    def url(node_id: str) -> str:
        return "" if node_id.startswith(GROUP_PREFIX) else page_url(node_id, kinds.get(node_id))

    return url
