"""The network page's toolbar in a real headless Chromium: filters, find, the date slider, clusters, deep links
and the PNG/SVG downloads. Expected answers come from the page's own data or the view it was rendered from."""

import datetime
import json
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from queries.view_models import GraphView
from tests.viz.conftest import TREATY_ID, XSS_NAME, LocalSite, Session, click_node, node_point, sample_view
from viz.networks import default_node_url
from viz.pages import render_view

pytestmark = pytest.mark.browser

SVG = "{http://www.w3.org/2000/svg}"
CLUSTER = "nsgraph-cluster:"


def open_controls(session: Session, url: str) -> None:
    """Opens a page and waits until the toolbar applied the link's state (after the layout settled)."""
    session.page.goto(url)
    session.page.wait_for_function("() => document.body.dataset.controls === 'ready'", timeout=60_000)


def page_data(session: Session) -> dict:
    return json.loads(session.page.locator("#nsgraph-data").text_content() or "{}")


def hidden_ids(session: Session) -> tuple[set[str], int]:
    """The nodes hidden now, and how many edges are."""
    found = session.page.evaluate(
        """() => [window.nsgraphNetwork.nodes.getIds({filter: (n) => n.hidden === true}),
                  window.nsgraphNetwork.edges.get({filter: (e) => e.hidden === true}).length]"""
    )
    return set(found[0]), found[1]


def expected_hidden(data: dict, kinds: set[str], types: set[str]) -> tuple[set[str], int]:
    nodes = {node["id"] for node in data["nodes"] if node["group"] in kinds}
    edges = [e for e in data["edges"] if e["rel"] in types or e["from"] in nodes or e["to"] in nodes]
    return nodes, len(edges)


def assert_clean(session: Session, origin: str) -> None:
    """Nothing left this machine's server and nothing went wrong in the page."""
    assert [url for url in session.requests if not url.startswith(origin + "/") and not url.startswith("data:")] == []
    assert session.console_errors == []
    assert session.dialogs == []


def fragment(session: Session) -> str:
    return urlsplit(session.page.url).fragment


def test_filters_hide_exactly_a_kind_and_a_type(site: LocalSite, session: Session) -> None:
    url = site.publish("filters", render_view(sample_view()))
    open_controls(session, url)
    data = page_data(session)
    assert hidden_ids(session) == (set(), 0)
    session.page.locator("input[data-filter='kind:state']").uncheck()
    assert hidden_ids(session) == expected_hidden(data, {"state"}, set())
    session.page.locator("input[data-filter='type:ADDRESSES']").uncheck()
    assert hidden_ids(session) == expected_hidden(data, {"state"}, {"ADDRESSES"})
    assert fragment(session) == "hide=kind:state,type:ADDRESSES"
    session.page.locator("input[data-filter='kind:state']").check()
    assert hidden_ids(session) == expected_hidden(data, set(), {"ADDRESSES"})
    offered = session.page.evaluate("() => typeof window.nsgraphNetwork.relayout === 'function'")
    assert session.page.locator("#nsgraph-relayout").is_visible() == offered
    assert_clean(session, site.base_url)


def test_find_focuses_and_selects_the_node(site: LocalSite, session: Session) -> None:
    open_controls(session, site.publish("find", render_view(sample_view())))
    labels = session.page.locator("#nsgraph-labels option").evaluate_all("(options) => options.map((o) => o.value)")
    assert len(labels) == len(page_data(session)["nodes"])
    session.page.fill("#nsgraph-find", "icsant")  # the label, in another case
    session.page.press("#nsgraph-find", "Enter")
    assert session.page.evaluate("() => window.nsgraphNetwork.network.getSelectedNodes()") == ["instrument:icsant"]
    session.page.wait_for_function(  # the view ends centred on it, however long the animation takes
        """(id) => {
            const net = window.nsgraphNetwork.network;
            const node = net.getPositions([id])[id], view = net.getViewPosition();
            return Math.hypot(node.x - view.x, node.y - view.y) < 1;
        }""",
        arg="instrument:icsant",
    )
    assert fragment(session) == "focus=instrument:icsant"
    session.page.fill("#nsgraph-find", "no such thing")
    session.page.press("#nsgraph-find", "Enter")
    assert "no such thing" in session.page.locator("#nsgraph-message").inner_text()
    assert_clean(session, site.base_url)


def test_a_deep_link_restores_hidden_kinds_types_and_focus_after_reload(site: LocalSite, session: Session) -> None:
    url = site.publish("deep", render_view(sample_view()))
    open_controls(session, f"{url}#hide=kind:topic,type:SIGNED&focus={quote(TREATY_ID, safe='')}")
    data = page_data(session)

    def assert_restored() -> None:
        assert hidden_ids(session) == expected_hidden(data, {"topic"}, {"SIGNED"})
        assert session.page.evaluate("() => window.nsgraphNetwork.network.getSelectedNodes()") == [TREATY_ID]
        assert session.page.locator("input[data-filter='kind:topic']").is_checked() is False
        centre = session.page.evaluate(
            """(id) => { const net = window.nsgraphNetwork.network;
                         const node = net.getPositions([id])[id], view = net.getViewPosition();
                         return Math.hypot(node.x - view.x, node.y - view.y); }""",
            TREATY_ID,
        )
        assert centre < 1

    assert_restored()
    session.page.reload()
    session.page.wait_for_function("() => document.body.dataset.controls === 'ready'", timeout=60_000)
    assert_restored()
    session.page.locator("input[data-filter='kind:organization']").uncheck()  # a change made here survives too
    session.page.reload()
    session.page.wait_for_function("() => document.body.dataset.controls === 'ready'", timeout=60_000)
    assert hidden_ids(session) == expected_hidden(data, {"topic", "organization"}, {"SIGNED"})
    assert_clean(session, site.base_url)


def test_the_slider_moves_the_page_to_a_day_keeping_the_hash(site: LocalSite, session: Session) -> None:
    today = datetime.date.today()
    view = sample_view().model_copy(update={"as_of": "2010-06-30"})
    url = site.publish("slider", render_view(view, today=today))
    open_controls(session, url + "#hide=kind:topic")
    controls = page_data(session)["controls"]
    slider = session.page.locator("#nsgraph-year")
    assert slider.input_value() == "2010"
    assert session.page.locator("#nsgraph-day").inner_text() == "2010-06-30"
    earliest = min(int(m) for m in re.findall(r'"(?:date|since)":\s*"?(\d{4})', view.model_dump_json()))
    assert (int(slider.get_attribute("min") or 0), int(slider.get_attribute("max") or 0)) == (earliest, today.year)
    assert controls["first_year"] == earliest
    with session.page.expect_navigation():
        slider.fill(str(earliest))
    assert session.page.url == f"{url}?as_of={earliest}-12-31#hide=kind:topic"
    session.page.wait_for_function("() => document.body.dataset.controls === 'ready'", timeout=60_000)
    with session.page.expect_navigation():
        session.page.locator("#nsgraph-year").fill(str(today.year))  # this year: today, so no as_of
    assert session.page.url == f"{url}#hide=kind:topic"
    assert_clean(session, site.base_url)


def wait_until_still(session: Session) -> None:
    """Waits until the view no longer moves (an animated fit is over) between two looks."""
    session.page.wait_for_function(
        """() => { const net = window.nsgraphNetwork.network, at = net.getViewPosition();
                   const now = [net.getScale(), at.x, at.y].join(); const same = window.__lastView === now;
                   window.__lastView = now; return same; }""",
        polling=200,
    )


def cluster_ids(session: Session, kinds: list[str]) -> list[str]:
    """The kinds' cluster nodes drawn now."""
    ids = [CLUSTER + kind for kind in kinds]
    return sorted(session.page.evaluate("(ids) => Object.keys(window.nsgraphNetwork.network.getPositions(ids))", ids))


def test_a_clustered_page_starts_with_one_node_per_kind_and_expands(site: LocalSite, session: Session) -> None:
    url = site.publish("clustered", render_view(sample_view(), clustered=True))
    open_controls(session, url)
    data = page_data(session)
    kinds = sorted({node["group"] for node in data["nodes"]})
    assert cluster_ids(session, kinds) == [CLUSTER + kind for kind in kinds]
    labels = session.page.evaluate(
        "(ids) => ids.map((id) => window.nsgraphNetwork.network.body.nodes[id].options.label)",
        [CLUSTER + "state"],
    )
    states = sum(node["group"] == "state" for node in data["nodes"])
    assert labels == [f"States ({states})"]
    for _ in range(3):  # a lost tap (see click_node) leaves the cluster closed: tap again
        session.page.mouse.click(*node_point(session.page, CLUSTER + "state"))
        if cluster_ids(session, ["state"]) == []:
            break
    assert cluster_ids(session, kinds) == [CLUSTER + kind for kind in kinds if kind != "state"]
    assert fragment(session) == "open=state"
    session.page.reload()
    session.page.wait_for_function("() => document.body.dataset.controls === 'ready'", timeout=60_000)
    assert cluster_ids(session, kinds) == [CLUSTER + kind for kind in kinds if kind != "state"]
    session.page.click("#nsgraph-expand")
    assert cluster_ids(session, kinds) == []
    assert session.page.locator("#nsgraph-expand").inner_text() == "Group by kind"
    assert_clean(session, site.base_url)
    wait_until_still(session)
    click_node(session.page, TREATY_ID, site.base_url + default_node_url(TREATY_ID))  # a node still opens its page


def sourced_view() -> GraphView:
    """The sample with one source per State on its edges: more sources than the downloads' line names."""
    view = sample_view(states=12)
    edges = [edge.model_copy(update={"sources": [*edge.sources, f"src:{edge.source}"]}) for edge in view.edges]
    return view.model_copy(update={"edges": edges})


def sources_line(view: GraphView, cap: int = 6) -> str:
    names = sorted({s for node in view.nodes for s in node.sources} | {s for edge in view.edges for s in edge.sources})
    more = f" and {len(names) - cap} more" if len(names) > cap else ""
    return "Sources: " + ", ".join(names[:cap]) + more


def png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    assert content[12:16] == b"IHDR"
    width, height = struct.unpack(">II", content[16:24])
    return width, height


def svg_texts(content: bytes) -> list[str]:
    root = ET.fromstring(content)
    assert root.tag == SVG + "svg"
    return ["".join(element.itertext()) for element in root.iter(SVG + "text")]


def test_the_downloads_carry_title_day_and_sources(site: LocalSite, session: Session, tmp_path: Path) -> None:
    view = sourced_view()
    today = datetime.date.today()
    open_controls(session, site.publish("downloads", render_view(view, today=today)))
    with session.page.expect_download() as png:
        session.page.click("#nsgraph-png")
    content = Path(png.value.path()).read_bytes()
    canvas = session.page.evaluate("() => { const c = document.querySelector('#nsgraph-canvas canvas');"
                                   " return [c.width, c.height]; }")
    width, height = png_size(content)
    assert width == canvas[0] and height > canvas[1]  # the drawing plus the title and sources bands
    assert png.value.suggested_filename.endswith(f"-{today.isoformat()}.png")
    with session.page.expect_download() as svg:
        session.page.click("#nsgraph-svg")
    texts = svg_texts(Path(svg.value.path()).read_bytes())
    assert texts[0] == view.title
    assert texts[1] == f"As of {today.isoformat()} (today)"
    assert texts[-1] == sources_line(view)
    assert XSS_NAME in texts  # a hostile label is text in the file
    assert {node["label"] for node in page_data(session)["nodes"]} <= set(texts)
    session.page.locator("input[data-filter='kind:state']").uncheck()  # what is hidden leaves the file
    with session.page.expect_download() as filtered:
        session.page.click("#nsgraph-svg")
    texts = svg_texts(Path(filtered.value.path()).read_bytes())
    assert texts[1] == f"As of {today.isoformat()} (today) \u00b7 not shown: State"
    assert XSS_NAME not in texts
    assert texts[-1] == sources_line(view.model_copy(update={
        "nodes": [n for n in view.nodes if n.kind != "state"],
        "edges": [e for e in view.edges if not e.source.startswith("state:") and not e.target.startswith("state:")],
    }))
    assert_clean(session, site.base_url)


def test_a_standalone_file_keeps_its_day_and_downloads_offline(tmp_path: Path, session: Session) -> None:
    view = sample_view(states=6)
    path = tmp_path / "page.html"
    path.write_text(render_view(view, standalone=True), encoding="utf-8")
    session.page.context.set_offline(True)
    open_controls(session, path.as_uri() + "#hide=kind:topic")
    assert session.page.locator("#nsgraph-year").is_disabled()
    assert hidden_ids(session)[0] == {node.id for node in view.nodes if node.kind == "topic"}
    with session.page.expect_download() as svg:
        session.page.click("#nsgraph-svg")
    assert svg_texts(Path(svg.value.path()).read_bytes())[0] == view.title
    assert [url for url in session.requests if not url.startswith("data:")] == [path.as_uri()]
    assert session.console_errors == []
