"""HTML pages as strings (so the API can serve them and notebooks can display them), from our own
Jinja2 templates; pyvis builds the network data but its CDN-loading template is never used.

Served pages reference vis-network once under `static_url` (see `viz.assets`); standalone pages inline
it so an exported file opens offline. Either way a Content-Security-Policy forbids other hosts.
"""

import base64
import datetime
import hashlib
import json
from collections import Counter
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from queries.unplaced import left_out_note
from queries.view_models import GraphView
from viz.assets import CONTROLS_JS, PAGE_JS, VIS_JS, asset_text, require_assets
from viz.controls import page_controls
from viz.networks import DEFAULT_MAX_NODES, LARGE_VIEW, NodeUrl, default_node_url, drawn_edge_style, to_network
from viz.style import EDGE_STYLES, NODE_STYLES

TEMPLATE_DIR = Path(__file__).parent / "templates"
SITE_NAME = "Nuclear security graph"

_env = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

SERVED_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'self'"
)


def render_view(
    view: GraphView,
    *,
    static_url: str = "/static/vis",
    standalone: bool = False,
    node_url: NodeUrl = default_node_url,
    max_nodes: int = DEFAULT_MAX_NODES,
    search_url: str = "/viz/search",
    home_url: str = "/",
    appendix: Markup | None = None,
    clustered: bool = False,
    today: datetime.date | None = None,
    takes_as_of: bool = True,
) -> str:
    """The page drawing `view`, with legend, notes and search; a click on a node opens `node_url(id)`. A view as
    of a day says what it left out, and its search keeps the day. `appendix` (already escaped HTML, e.g. a
    table) goes below the network. `clustered` opens the page with one node per kind (a click expands it);
    `today` (default: the date today) is where the date slider ends; a page whose URL takes no `as_of`
    (`takes_as_of=False`) shows the slider disabled, as a standalone file does. MissingAsset (naming `make assets`)
    when vis-network is not cached."""
    require_assets()
    net = to_network(view, max_nodes=max_nodes, node_url=node_url)
    controls = page_controls(view, net.nodes, net.edges, today or datetime.date.today(), clustered)
    data = {"nodes": net.nodes, "edges": net.edges, "options": net.options, "controls": controls}
    kind_counts = Counter(node["group"] for node in net.nodes)
    type_counts = Counter(edge["rel"] for edge in net.edges)
    notes = [view.note] if view.note else []
    if view.exclusions is not None:
        notes.append(left_out_note(view.exclusions))
    if view.truncated:
        notes.append("The query returned more than this view holds: results are truncated.")
    omitted_nodes = len({node.id for node in view.nodes}) - len(net.nodes)
    omitted_edges = len(view.edges) - len(net.edges)
    if omitted_nodes:
        with_edges = f", with the {omitted_edges} edge(s) touching them" if omitted_edges else ""
        notes.append(
            f"Showing {len(net.nodes)} of {len(net.nodes) + omitted_nodes} nodes: the {omitted_nodes} "
            f"least connected are omitted{with_edges}."
        )
    return _env.get_template("view.html").render(
        **_page(view.title, static_url, standalone, search_url, home_url, view.as_of),
        view=view,
        notes=notes,
        node_legend=[(kind, style, kind_counts[kind]) for kind, style in NODE_STYLES.items() if kind in kind_counts],
        edge_legend=[
            (t, drawn_edge_style(t, len(net.nodes) > LARGE_VIEW), type_counts[t])
            for t in [*EDGE_STYLES, *sorted(type_counts.keys() - EDGE_STYLES.keys())] if t in type_counts
        ],
        controls=controls,
        movable=takes_as_of and not standalone,
        data_json=_script_json(data),
        dated_edges=any("label" in edge for edge in net.edges),
        node_count=len(net.nodes),
        edge_count=len(net.edges),
        appendix=appendix,
    )


def render_landing(
    links: list[tuple[str, str]],
    *,
    title: str = SITE_NAME,
    intro: str | None = None,
    search_url: str = "/viz/search",
    home_url: str = "/",
    as_of: str | None = None,
) -> str:
    """The entry page: the search box and links, given as (label, url) pairs, to the other pages; `as_of` keeps
    a day in the search."""
    return _env.get_template("landing.html").render(
        **_page(title, "", False, search_url, home_url, as_of), links=links, intro=intro
    )


def _page(title: str, static_url: str, standalone: bool, search_url: str, home_url: str,
          as_of: str | None = None) -> dict[str, object]:
    """Context every page shares: header, assets and the policy that keeps requests on this origin."""
    context: dict[str, object] = {
        "title": title,
        "as_of": as_of,
        "site_name": SITE_NAME,
        "search_url": search_url,
        "home_url": home_url,
        "standalone": standalone,
        "static_url": static_url.rstrip("/"),
        "csp": SERVED_CSP,
    }
    if standalone:
        scripts = [asset_text(VIS_JS), asset_text(PAGE_JS), asset_text(CONTROLS_JS)]
        hashes = " ".join(f"'{_sha256(script)}'" for script in scripts)
        context |= {
            "vis_js": Markup(scripts[0]),
            "page_js": Markup(scripts[1]),
            "controls_js": Markup(scripts[2]),
            "csp": f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'",
        }
    return context


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _script_json(data: object) -> Markup:
    """JSON safe inside a <script> element: no '<', '>' or '&' can close the element or open markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
