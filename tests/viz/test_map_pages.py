"""The world map, the compare page and the API docs in a real headless Chromium, against the real API
(uvicorn on 127.0.0.1) over the real database with the shipped data: what the map colours on a day is what
the API lists that day, the year slider moves through time without a request, shapeless States keep a
marker, and no page asks anything of another host.

The map page's weight and time until painted are measured, not asserted: test-output/map-page-metrics.json.
"""

import json
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Response

from api.app import create_app
from graph.driver import GraphDatabaseClient
from graph.settings import Settings
from tests.servers import serving
from tests.viz.conftest import SCREENSHOTS, Session
from viz.geometry import world_shapes

pytestmark = pytest.mark.browser

METRICS = SCREENSHOTS / "map-page-metrics.json"
PAINTED = "() => window.nsgraphMap && window.nsgraphMap.painted"


@pytest.fixture(scope="module")
def server(settings: Settings, neo4j_uri: str) -> Iterator[str]:
    with serving(create_app(settings, neo4j_uri)) as base_url:
        yield base_url


@pytest.fixture
def base_url(loaded_db: GraphDatabaseClient, server: str) -> str:
    return server


def assert_stayed_on(session: Session, origin: str) -> None:
    assert [url for url in session.requests if not url.startswith(origin + "/")] == []


def api_parties(base_url: str, day: str) -> set[str]:
    listed = httpx.get(f"{base_url}/api/v1/instruments/ICSANT/parties", params={"as_of": day, "limit": 1000},
                       timeout=60).json()
    return {row["state"]["id"] for row in listed["data"] if row["state"]["kind"] == "state"}


def coloured(session: Session, status: str) -> set[str]:
    return set(session.page.eval_on_selector_all(
        f'#world-map [data-iso3][data-status="{status}"]', "elements => elements.map(e => e.dataset.iso3)"))


def inside(session: Session, iso3: str) -> tuple[float, float]:
    """A page point inside a State's shape (its bounding box's centre may be sea), found with isPointInFill."""
    point = session.page.evaluate("""(iso3) => {
        const path = document.querySelector(`#world-map path.shape[data-iso3="${iso3}"]`);
        const box = path.getBBox(), svg = path.ownerSVGElement, p = svg.createSVGPoint();
        for (let i = 1; i < 40; i++) for (let j = 1; j < 40; j++) {
            p.x = box.x + box.width * i / 40; p.y = box.y + box.height * j / 40;
            if (path.isPointInFill(p)) { const s = p.matrixTransform(path.getScreenCTM()); return [s.x, s.y]; }
        }
        return null;
    }""", iso3)
    assert point is not None
    return point[0], point[1]


def open_map(session: Session, url: str) -> list[Response]:
    responses: list[Response] = []
    session.page.on("response", lambda response: responses.append(response))
    session.page.goto(url)
    session.page.wait_for_function(PAINTED, timeout=60_000)
    return responses


def test_the_icsant_map_colours_the_parties_of_the_day_and_the_slider_moves_through_time(
        base_url: str, session: Session) -> None:
    responses = open_map(session, f"{base_url}/viz/map/ICSANT?as_of=2010-01-01")
    expected = api_parties(base_url, "2010-01-01")
    assert expected and coloured(session, "party") == expected
    assert session.page.locator("#map-year").input_value() == "2010"
    requests_before = len(session.requests)
    session.page.locator("#map-year").fill("2020")
    session.page.wait_for_function("() => window.nsgraphMap.day === '2020-12-31'")
    assert coloured(session, "party") == api_parties(base_url, "2020-12-31")
    assert len(session.requests) == requests_before  # the step is drawn from the one payload
    assert "parties known" in session.page.locator(".completeness").first.inner_text()
    assert_stayed_on(session, base_url)
    assert session.console_errors == []
    page_bytes = sum(len(response.body()) for response in responses)
    timing = session.page.evaluate("() => performance.getEntriesByType('navigation')[0].duration")
    SCREENSHOTS.mkdir(exist_ok=True)
    METRICS.write_text(json.dumps({"page": "/viz/map/ICSANT?as_of=2010-01-01", "bytes": page_bytes,
                                   "navigation_ms": timing}, indent=2))


def test_a_state_with_no_shape_keeps_its_marker(base_url: str, session: Session) -> None:
    open_map(session, f"{base_url}/viz/map/ICSANT")
    states = {state["id"] for state in httpx.get(f"{base_url}/api/v1/maps/ICSANT", timeout=60).json()["states"]}
    shapeless = states - {shape.iso3 for shape in world_shapes()}
    assert "TUV" in shapeless  # Tuvalu has no shape in Natural Earth 1:50m
    drawn = set(session.page.eval_on_selector_all("#world-map circle.tray", "e => e.map(x => x.dataset.iso3)"))
    assert drawn == shapeless
    tuvalu = session.page.locator('#world-map circle.tray[data-iso3="TUV"]')
    assert tuvalu.get_attribute("data-status") in {"party", "signatory", "none-known"}
    assert session.page.locator('#world-map circle.marker[data-iso3="SGP"]').count() == 1  # too small to see


def test_hovering_a_state_names_its_dates_and_sources_and_a_click_opens_its_page(
        base_url: str, session: Session) -> None:
    open_map(session, f"{base_url}/viz/map/ICSANT")
    point = inside(session, "RUS")
    session.page.mouse.move(*point)
    tooltip = session.page.locator("#map-tooltip")
    tooltip.wait_for(state="visible")
    assert "(RUS)" in tooltip.inner_text() and "sources:" in tooltip.inner_text()
    session.page.mouse.click(*point)
    session.page.wait_for_url(f"{base_url}/viz/state/RUS")


def test_the_compare_page_puts_differences_first_and_stays_here(base_url: str, session: Session) -> None:
    session.page.goto(f"{base_url}/viz/compare?a=JPN&b=IND")
    answer = httpx.get(f"{base_url}/api/v1/compare", params={"a": "JPN", "b": "IND"}, timeout=60).json()
    for section in answer["sections"]:
        rows = session.page.locator(f'table[data-section="{section["section"]}"] tbody tr[data-item]')
        assert rows.evaluate_all("rows => rows.map(r => r.dataset.item)") == [
            row["item"]["id"] for row in section["items"]]
    assert_stayed_on(session, base_url)
    assert session.console_errors == []


@pytest.mark.parametrize("page", ["/docs", "/redoc"], ids=["docs", "redoc"])  # ids name the screenshots
def test_the_api_docs_render_their_operations_with_no_network(base_url: str, session: Session, page: str) -> None:
    """Every request off this origin is aborted, as with no network at all; the operations still render, and
    neither page even attempts one (ReDoc's side-menu logo on cdn.redoc.ly is rewritten when its bundle is
    served; a request the page's policy blocks would still show as a request event)."""
    sent: list[str] = []
    session.page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                       else (sent.append(route.request.url), route.abort()))
    session.page.goto(base_url + page)
    schema = httpx.get(f"{base_url}/openapi.json", timeout=60).json()
    operations = sum(1 for methods in schema["paths"].values() for method in methods
                     if method in {"get", "post", "put", "delete", "patch"})
    selector = ".opblock" if page == "/docs" else "[data-section-id^='operation/'], [id^='operation/']"
    session.page.wait_for_function(f"() => document.querySelectorAll(\"{selector}\").length > 0", timeout=60_000)
    drawn = session.page.locator(selector).count()
    assert drawn == operations if page == "/docs" else drawn > 0
    assert sent == []  # nothing reached the network layer for another host
    attempted = [url for url in session.requests if not url.startswith(base_url + "/")]
    assert attempted == []
