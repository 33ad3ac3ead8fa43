"""GraphView -> pyvis Network: the drawable nodes and edges, their styles, tooltips, positions and physics.

Nodes carry positions computed on the server (`viz.layouts`) and physics is off, so a page is still at its
first draw; the physics options stay for the page's relayout, which runs them until stable.
Labels are drawn on the canvas and tooltips are plain strings (vis-network 10, like 9, shows a string `title`
with `innerText`), so names are never interpreted as HTML here; the page template escapes the rest.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import quote

from pyvis.network import Network

from queries.view_models import GraphView, PropertyValue, ViewEdge, ViewNode
from viz.layouts import positions
from viz.style import MAX_NODE_SIZE, NODE_STYLES, EdgeStyle, edge_style, edge_year, node_size

DEFAULT_MAX_NODES = 500
LARGE_VIEW = 300
"""Above this many nodes the relayout runs fewer iterations, edges hide while dragging, carry no year label
(the year stays in the tooltip) and are drawn solid (types keep their colour and width): thousands of edge
labels and dashed lines cost every draw more than they tell (dashes alone tripled the redraw of 5,000 nodes)."""

LABEL_CHARS = 32
VALUE_CHARS = 160
BORDER = "#2B2B2B"

NodeUrl = Callable[[str], str]


def default_node_url(node_id: str) -> str:
    """The API's page for a node; the id is fully percent-encoded since ids may contain '/' or spaces."""
    return f"/viz/node/{quote(node_id, safe='')}"


def kept_nodes(view: GraphView, max_nodes: int) -> list[ViewNode]:
    """The nodes to draw: at most `max_nodes`, best connected first, the focus node always kept."""
    unique = list({node.id: node for node in view.nodes}.values())
    if len(unique) <= max_nodes:
        return unique
    degree = _degrees(view.edges)
    order = sorted(unique, key=lambda node: (node.id != view.focus_id, -degree[node.id]))
    keep = {node.id for node in order[:max_nodes]}
    return [node for node in unique if node.id in keep]


def to_network(view: GraphView, *, max_nodes: int = DEFAULT_MAX_NODES, node_url: NodeUrl = default_node_url) -> Network:
    """Builds the network to draw; each node carries the `url` its click navigates to and its position."""
    nodes = kept_nodes(view, max_nodes)
    ids = {node.id for node in nodes}
    edges = [edge for edge in view.edges if edge.source in ids and edge.target in ids]
    degree = _degrees(edges)
    max_degree = max(degree.values(), default=0)

    placed = positions([(node.id, node.kind) for node in nodes], [(e.source, e.target, e.type) for e in edges],
                       view.focus_id)
    net = Network(directed=True, height="100%", width="100%")
    for node in nodes:
        x, y = placed[node.id]
        options = _node_options(node, degree[node.id], max_degree, node.id == view.focus_id)
        net.add_node(node.id, **options, url=node_url(node.id), x=x, y=y)
    parallel: Counter[frozenset[str]] = Counter()
    for edge in edges:
        pair = frozenset((edge.source, edge.target))
        net.add_edge(edge.source, edge.target, **_edge_options(edge, parallel[pair], len(nodes) > LARGE_VIEW))
        parallel[pair] += 1
    net.options = _options(len(nodes))
    return net


def _degrees(edges: list[ViewEdge]) -> Counter[str]:
    degree: Counter[str] = Counter()
    for edge in edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
    return degree


def _node_options(node: ViewNode, degree: int, max_degree: int, focus: bool) -> dict[str, object]:
    style = NODE_STYLES[node.kind]
    label = node.short_name or node.name
    if len(label) > LABEL_CHARS:
        label = label[: LABEL_CHARS - 1] + "…"
    lines = [node.name]
    if node.short_name and node.short_name != node.name:
        lines.append(f"Short name: {node.short_name}")
    lines += [f"Kind: {style.label}", f"Id: {node.id}"]
    lines += _property_lines(node.properties)
    lines += _source_lines(node.sources)
    options: dict[str, object] = {
        "label": label,
        "title": "\n".join(lines),
        "shape": style.shape,  # pyvis sets a shape on every node, which would override the group's
        "group": node.kind,
        "size": node_size(degree, max_degree),
    }
    if focus:
        options |= {"borderWidth": 4, "size": MAX_NODE_SIZE + 6, "font": {"size": 18, "bold": True}}
    return options


def _node_colors(color: str) -> dict[str, object]:
    """Keeps the kind's colour when hovered or selected (vis defaults to pale blue), darkening the border."""
    selected = {"background": color, "border": "#000000"}
    return {"background": color, "border": BORDER, "highlight": selected, "hover": selected}


def drawn_edge_style(edge_type: str, large: bool) -> EdgeStyle:
    """The style an edge is drawn with (and the legend shows): solid in a large view."""
    style = edge_style(edge_type)
    return replace(style, dashes=[]) if large else style


def _edge_options(edge: ViewEdge, parallel_index: int, large: bool) -> dict[str, object]:
    style = drawn_edge_style(edge.type, large)
    year = edge_year(edge.properties)
    lines = [f"{style.label} ({edge.type})", *_property_lines(edge.properties), *_source_lines(edge.sources)]
    options: dict[str, object] = {
        "title": "\n".join(lines),
        "color": style.color,
        "dashes": style.dashes or False,
        "width": style.width,
    }
    if year and not large:
        options["label"] = year
    if parallel_index:
        # A State often both signed and is party to the same treaty: bend the later edges apart.
        options["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2 * parallel_index}
    return options


def _property_lines(properties: dict[str, PropertyValue]) -> list[str]:
    lines = []
    for key, value in sorted(properties.items()):
        if value is None or value == []:
            continue
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        if len(text) > VALUE_CHARS:
            text = text[: VALUE_CHARS - 1] + "…"
        lines.append(f"{key.replace('_', ' ').capitalize()}: {text}")
    return lines


def _source_lines(sources: list[str]) -> list[str]:
    return [f"Sources: {', '.join(sources)}"] if sources else []


def _options(node_count: int) -> dict[str, object]:
    """vis-network options. Physics is off (positions come with the nodes); its settings are for the page's
    relayout, which turns it on until stable. Edges are straight because curved ones cost a physics support node
    each, except parallel ones (bent apart)."""
    large = node_count > LARGE_VIEW
    if large:
        force_atlas = {"gravitationalConstant": -80, "springLength": 90, "avoidOverlap": 0.3}
    else:
        force_atlas = {"gravitationalConstant": -150, "springLength": 160, "avoidOverlap": 0.5}
    physics = {
        "enabled": False,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {**force_atlas, "centralGravity": 0.06},
        "minVelocity": 0.75,
        "stabilization": {"iterations": 150 if large else 400, "updateInterval": 50, "fit": True},
    }
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False},
        "physics": physics,
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large},
        "groups": {kind: {"color": _node_colors(style.color)} for kind, style in NODE_STYLES.items()},
        "nodes": {
            "borderWidth": 1,
            "font": {
                "size": 14,
                "face": "system-ui, sans-serif",
                "color": "#1A1A1A",
                "strokeWidth": 4,
                "strokeColor": "#FFFFFF",
            },
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {
                "size": 11,
                "face": "system-ui, sans-serif",
                "color": "#333333",
                "strokeWidth": 3,
                "strokeColor": "#FFFFFF",
                "align": "middle",
            },
            "smooth": False,
        },
    }
