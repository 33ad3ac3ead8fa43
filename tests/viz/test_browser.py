"""The pages in a real headless Chromium: what is drawn, where clicks go, and what goes over the network."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.viz.conftest import (
    TREATY_ID,
    XSS_ID,
    XSS_NAME,
    LocalSite,
    Session,
    click_node,
    node_point,
    sample_view,
    star_view,
    wait_until_drawn,
)
from viz.networks import default_node_url, to_network
from viz.pages import render_landing, render_view

pytestmark = pytest.mark.browser


def drawn_counts(session: Session) -> tuple[int, int]:
    counts = session.page.evaluate("() => [window.nsgraphNetwork.nodes.length, window.nsgraphNetwork.edges.length]")
    return counts[0], counts[1]


def drawn_positions(session: Session) -> dict[str, tuple[float, float]]:
    positions = session.page.evaluate("() => window.nsgraphNetwork.network.getPositions()")
    return {node_id: (point["x"], point["y"]) for node_id, point in positions.items()}


def physics_on(session: Session) -> bool:
    return session.page.evaluate("() => window.nsgraphNetwork.network.physics.physicsEnabled")


def assert_stayed_on(session: Session, origin: str) -> None:
    offsite = [url for url in session.requests if not url.startswith(origin + "/")]
    assert offsite == []


def test_served_page_draws_the_whole_view_from_this_origin_only(site: LocalSite, session: Session) -> None:
    view = sample_view()
    session.page.goto(site.publish("sample", render_view(view)))
    wait_until_drawn(session.page)
    assert drawn_counts(session) == (len(view.nodes), len(view.edges))
    assert session.page.evaluate("() => window.nsgraphNetwork.network.physics.physicsEnabled") is False
    assert session.page.locator(".legend").is_visible()
    assert session.page.locator("#nsgraph-status").is_hidden()
    assert_stayed_on(session, site.base_url)
    paths = {urlsplit(url).path for url in session.requests}
    assert {"/static/vis/vis-network.min.js", "/static/vis/nsgraph.js"} <= paths
    assert session.console_errors == []  # includes Content-Security-Policy violations


def test_nodes_arrive_at_the_servers_positions_and_stay_there(site: LocalSite, session: Session) -> None:
    view = sample_view()
    sent = {node["id"]: (node["x"], node["y"]) for node in to_network(view).nodes}
    session.page.goto(site.publish("fixed", render_view(view)))
    wait_until_drawn(session.page)
    assert session.page.evaluate("() => document.body.dataset.stabilized") == "true"
    assert physics_on(session) is False
    first = drawn_positions(session)
    assert first.keys() == sent.keys()
    assert first == sent
    session.page.wait_for_timeout(500)  # time for physics to move nodes, were it on
    assert drawn_positions(session) == first
    assert session.console_errors == []


def test_relayout_runs_the_physics_and_settles_again(site: LocalSite, session: Session) -> None:
    session.page.goto(site.publish("relayout", render_view(sample_view())))
    wait_until_drawn(session.page)
    before = drawn_positions(session)
    started = session.page.evaluate("""() => {
        const state = window.nsgraphNetwork;
        state.relayout();
        return [state.network.physics.physicsEnabled, state.stabilized, document.body.dataset.stabilized ?? null];
    }""")
    assert started == [True, False, None]
    wait_until_drawn(session.page)
    assert physics_on(session) is False
    assert session.page.evaluate("() => document.body.dataset.stabilized") == "true"
    assert session.page.locator("#nsgraph-status").is_hidden()
    after = drawn_positions(session)
    assert after != before  # the live physics moved the nodes
    session.page.wait_for_timeout(500)
    assert drawn_positions(session) == after
    assert session.console_errors == []


def test_clicking_a_node_opens_its_page(site: LocalSite, session: Session) -> None:
    session.page.goto(site.publish("click", render_view(sample_view())))
    wait_until_drawn(session.page)
    click_node(session.page, TREATY_ID, site.base_url + default_node_url(TREATY_ID))
    assert session.page.locator("p").inner_text() == "node page"
    assert_stayed_on(session, site.base_url)


def test_a_hostile_name_renders_as_text(site: LocalSite, session: Session) -> None:
    session.page.goto(site.publish("xss", render_view(sample_view())))
    wait_until_drawn(session.page)
    session.page.mouse.move(*node_point(session.page, XSS_ID))
    tooltip = session.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert XSS_NAME in tooltip.inner_text()
    assert tooltip.locator("img").count() == 0
    assert session.page.locator("img").count() == 0
    assert session.dialogs == []
    assert_stayed_on(session, site.base_url)


def test_a_capped_view_draws_the_cap_and_says_so(site: LocalSite, session: Session) -> None:
    view = star_view(leaves=1200)  # 600 leaves are connected: 101 of them miss the cap with their edges
    session.page.goto(site.publish("large", render_view(view, max_nodes=500)))
    wait_until_drawn(session.page)
    assert drawn_counts(session) == (500, 499)
    note = "Showing 500 of 1201 nodes: the 701 least connected are omitted, with the 101 edge(s) touching them."
    assert session.page.locator(".note").inner_text() == note


def test_the_landing_page_searches(site: LocalSite, session: Session) -> None:
    session.page.goto(site.publish("landing", render_landing([("Treaties", "/viz/treaties")])))
    session.page.fill("input[name=q]", "CPPNM & A")
    with session.page.expect_request(lambda request: "/viz/search" in request.url) as searched:
        session.page.press("input[name=q]", "Enter")
    assert urlsplit(searched.value.url).query == "q=CPPNM+%26+A"
    assert_stayed_on(session, site.base_url)


def test_a_standalone_file_renders_with_no_network(tmp_path: Path, session: Session) -> None:
    view = sample_view()
    path = tmp_path / "page.html"
    path.write_text(render_view(view, standalone=True), encoding="utf-8")
    session.page.context.set_offline(True)
    session.page.goto(path.as_uri())
    wait_until_drawn(session.page)
    assert drawn_counts(session) == (len(view.nodes), len(view.edges))
    assert session.requests == [path.as_uri()]
    assert session.console_errors == []
    assert session.dialogs == []
