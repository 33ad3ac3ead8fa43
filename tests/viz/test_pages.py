"""The rendered HTML, without a browser: escaping, legend, assets, standalone inlining, the node cap."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from graph.model import LABEL_TO_KIND, Rel
from graph.settings import get_settings
from queries.view_models import GraphView, ViewEdge, ViewNode
from tests.viz.conftest import TREATY_ID, XSS_NAME, LocalSite, sample_view, star_view
from viz import npm_cache
from viz.assets import NPM_ASSETS, asset_bytes, asset_names, asset_text
from viz.networks import LARGE_VIEW, default_node_url, kept_nodes, to_network
from viz.pages import render_landing, render_view
from viz.style import EDGE_STYLES, NODE_STYLES, edge_year


class Tags(HTMLParser):
    """Collects start tags with their attributes, and the text of the JSON data element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data = ""
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_data = dict(attrs).get("id") == "nsgraph-data"

    def handle_endtag(self, tag: str) -> None:
        self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data += data


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def graph_data(html: str) -> dict:
    return json.loads(parse(html).data)


def test_every_kind_and_relationship_type_of_the_model_has_a_style() -> None:
    assert set(NODE_STYLES) == {*LABEL_TO_KIND.values(), "source"}
    assert set(EDGE_STYLES) == {rel.value for rel in Rel}


def test_party_to_and_signed_look_different_and_are_labelled_with_the_year() -> None:
    assert EDGE_STYLES["PARTY_TO"].dashes != EDGE_STYLES["SIGNED"].dashes
    edges = {(edge["from"], edge["title"].split(" (")[0]): edge for edge in to_network(sample_view(2)).edges}
    party, signed = edges["state:s01", "Party to"], edges["state:s01", "Signed"]
    assert party["label"] == "1988" and party["dashes"] is False
    assert signed["label"] == "1981" and signed["dashes"]
    assert "smooth" not in signed and party["smooth"]["type"] == "curvedCW"  # the second one bends away
    assert edge_year({"since": 2007}) == "2007"
    assert edge_year({"role": "partner"}) is None


def test_a_hostile_name_is_never_markup() -> None:
    view = sample_view(states=3)
    view.nodes[0].name = "</script><script>alert(2)</script>"
    view.title = "<b>bold</b>"
    html = render_view(view)
    assert "<img src=x" not in html
    assert "<script>alert" not in html and "</script><script>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    tags = [tag for tag, _ in parse(html).tags]
    assert "img" not in tags and "b" not in tags
    labels = {node["label"] for node in graph_data(html)["nodes"]}
    assert XSS_NAME in labels  # the JSON still carries the name, as text for the canvas and tooltip


def test_the_legend_lists_the_drawn_kinds_and_types_only() -> None:
    html = render_view(sample_view())
    legend = html[html.index('<aside class="legend"') : html.index("</aside>")]
    for label in ("State", "Legal instrument", "Organization", "Party to", "Signed", "Member of", "Addresses"):
        assert f"<span>{label}</span>" in legend
    assert "<span>Amends</span>" not in legend


def test_served_pages_reference_assets_once_and_only_on_this_origin() -> None:
    html = render_view(sample_view())
    tags = parse(html).tags
    scripts = [attrs["src"] for tag, attrs in tags if tag == "script" and attrs.get("src")]
    styles = [attrs["href"] for tag, attrs in tags if tag == "link" and attrs["rel"] == "stylesheet"]
    assert scripts == ["/static/vis/vis-network.min.js", "/static/vis/nsgraph.js", "/static/vis/controls.js"]
    assert styles == []  # vis-network's standalone build injects its own CSS
    assert not re.search(r"""(src|href|action)\s*=\s*["']?(https?:)?//""", html)
    assert "http://" not in html and "https://" not in html
    assert asset_text("vis-network.min.js") not in html and len(html) < 100_000
    assert asset_names() == {"vis-network.min.js", "nsgraph.js", "controls.js"}


def test_vis_network_is_the_pinned_standalone_build_from_the_npm_cache() -> None:
    package, member = NPM_ASSETS["vis-network.min.js"]
    assert (package, member) == ("vis-network", "standalone/umd/vis-network.min.js")
    assert npm_cache.PACKAGES[package].startswith("10.")
    header = asset_text("vis-network.min.js")[:400]
    assert f"@version {npm_cache.PACKAGES[package]}" in header
    assert asset_bytes("vis-network.min.js") == npm_cache.package_file(package, member)


def test_a_missing_vis_network_names_the_command_that_fetches_it(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CACHE_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        with pytest.raises(npm_cache.MissingAsset, match="make assets"):
            render_view(sample_view(states=2))
        assert any("vis-network" in problem for problem in npm_cache.missing())
    finally:
        get_settings.cache_clear()


def test_the_static_url_is_a_parameter() -> None:
    html = render_view(sample_view(states=2), static_url="/assets/v1/")
    assert '<script src="/assets/v1/vis-network.min.js"></script>' in html


def test_standalone_pages_inline_everything() -> None:
    html = render_view(sample_view(), standalone=True)
    tags = parse(html).tags
    assert not [attrs for tag, attrs in tags if tag == "script" and attrs.get("src")]
    assert not [attrs for tag, attrs in tags if tag == "link" and attrs["rel"] == "stylesheet"]
    assert asset_text("vis-network.min.js") in html
    assert asset_text("nsgraph.js") in html and asset_text("controls.js") in html
    assert "/static/vis" not in html
    csp = next(attrs["content"] for tag, attrs in tags if attrs.get("http-equiv") == "Content-Security-Policy")
    assert csp.count("'sha256-") == 3 and "'self'" not in csp.split("style-src")[0]


def test_the_pages_use_our_template_not_pyviss() -> None:
    html = render_view(sample_view(states=2))
    assert "bootstrap" not in html.lower() and "tom-select" not in html and "cdnjs" not in html


def test_nodes_link_to_their_pages_url_encoded() -> None:
    assert default_node_url(TREATY_ID) == "/viz/node/instrument%3ACPPNM%20%26%20A%2FCPPNM"
    urls = {node["id"]: node["url"] for node in graph_data(render_view(sample_view(states=2)))["nodes"]}
    assert urls[TREATY_ID] == default_node_url(TREATY_ID)
    custom = graph_data(render_view(sample_view(states=2), node_url=lambda node_id: f"/n?id={node_id}"))
    assert {node["url"] for node in custom["nodes"]} >= {f"/n?id={TREATY_ID}"}


def test_tooltips_carry_kind_dates_confidence_and_sources() -> None:
    data = graph_data(render_view(sample_view(states=2)))
    treaty = next(node for node in data["nodes"] if node["id"] == TREATY_ID)
    assert "Kind: Legal instrument" in treaty["title"] and "Sources: src:iaea-infcirc274" in treaty["title"]
    party = next(
        edge
        for edge in data["edges"]
        if edge["title"].startswith("Party to") and (edge["from"], edge["to"]) == ("state:s01", TREATY_ID)
    )
    for line in ("Since: 1988-02-08", "Entry into force: 1988-03-10", "Confidence: confirmed", "Via: ratification"):
        assert line in party["title"]


def test_node_size_follows_degree_and_the_focus_stands_out() -> None:
    nodes = {node["id"]: node for node in to_network(sample_view()).nodes}
    assert nodes[TREATY_ID]["size"] > nodes["initiative:gicnt"]["size"] > nodes["src:iaea-infcirc274"]["size"]
    assert nodes[TREATY_ID]["borderWidth"] == 4 and "borderWidth" not in nodes["org:iaea"]


def test_the_node_cap_keeps_the_best_connected_and_says_how_many_were_omitted() -> None:
    view = star_view(leaves=600)
    html = render_view(view, max_nodes=500)
    data = graph_data(html)
    assert len(data["nodes"]) == 500
    assert "hub" in {node["id"] for node in data["nodes"]}
    assert "Showing 500 of 601 nodes: the 101 least connected are omitted." in html
    assert data["options"]["physics"]["stabilization"]["iterations"] == 150  # for a relayout
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(node["x"], int) and isinstance(node["y"], int) for node in data["nodes"])
    small = graph_data(render_view(sample_view()))
    assert small["options"]["physics"]["stabilization"]["iterations"] == 400
    assert "omitted" not in render_view(sample_view())


def test_the_cap_never_drops_the_focus_node() -> None:
    view = star_view(leaves=20)
    view.focus_id = "leaf19"  # no edges at all
    assert "leaf19" in {node.id for node in kept_nodes(view, 5)}


def test_notes_and_truncation_are_shown() -> None:
    view = GraphView(
        title="T",
        subtitle="S",
        nodes=[ViewNode(id="a", kind="topic", name="A")],
        edges=[],
        truncated=True,
        note="Data as of 2025 & later",
    )
    html = render_view(view)
    assert "Data as of 2025 &amp; later" in html and "results are truncated" in html


def test_the_landing_page_links_and_searches() -> None:
    html = render_landing([("States & parties", "/viz/states?x=1&y=2"), ("Treaties", "/viz/treaties")])
    tags = parse(html).tags
    assert ("a", {"href": "/viz/states?x=1&y=2"}) in tags
    assert "States &amp; parties" in html
    form = next(attrs for tag, attrs in tags if tag == "form")
    assert form["action"] == "/viz/search" and form["method"] == "get"
    assert (
        "input",
        {
            "type": "search",
            "name": "q",
            "placeholder": "Search states, treaties, initiatives…",
            "aria-label": "Search",
            "required": None,
        },
    ) in tags
    assert not [attrs for tag, attrs in tags if tag == "script"]


def test_an_unknown_relationship_type_still_draws_and_is_in_the_legend() -> None:
    view = GraphView(
        title="T",
        subtitle=None,
        edges=[ViewEdge(source="a", target="b", type="CO_CHAIRS")],
        nodes=[ViewNode(id="a", kind="state", name="A"), ViewNode(id="b", kind="event", name="B")],
    )
    html = render_view(view)
    assert "<span>Co chairs</span>" in html and len(graph_data(html)["edges"]) == 1


def test_the_static_app_serves_the_assets_with_a_cache_header(site: LocalSite) -> None:
    js = httpx.get(f"{site.base_url}/static/vis/vis-network.min.js")
    assert js.status_code == 200 and js.headers["cache-control"] == "public, max-age=86400"
    assert js.content == asset_bytes("vis-network.min.js")
    assert js.headers["content-type"].startswith("text/javascript")
    assert httpx.get(f"{site.base_url}/static/vis/nsgraph.js").status_code == 200
    assert httpx.get(f"{site.base_url}/static/vis/template.html").status_code == 404
    assert httpx.get(f"{site.base_url}/static/vis/%2E%2E%2Fnetwork.py").status_code == 404


def test_a_large_view_draws_solid_unlabelled_edges_and_its_legend_says_so() -> None:
    small, large = sample_view(states=40), sample_view(states=LARGE_VIEW)
    assert len(small.nodes) <= LARGE_VIEW < len(large.nodes)
    small_edges = graph_data(render_view(small))["edges"]
    assert any(edge["dashes"] for edge in small_edges) and any("label" in edge for edge in small_edges)
    html = render_view(large)
    edges = graph_data(html)["edges"]
    assert not any(edge["dashes"] for edge in edges) and not any("label" in edge for edge in edges)
    assert any("Signed" in edge["title"] and "Date: " in edge["title"] for edge in edges)  # the year stays there
    legend = html[html.index('<aside class="legend"'): html.index("</aside>")]
    assert "<span>Signed</span>" in legend and "stroke-dasharray" not in legend
    assert "stroke-dasharray" in render_view(small)
