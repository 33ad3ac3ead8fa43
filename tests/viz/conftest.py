"""Views to render, and the browser harness: a local FastAPI/uvicorn server plus headless Chromium.

The sample data is made up (shaped like the real graph) and carries hostile names on purpose.
"""

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Request, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from graph.driver import GraphDatabaseClient
from queries.registry import write
from queries.view_models import GraphView, ViewEdge, ViewNode
from tests.servers import serving
from viz.assets import static_app

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "test-output"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_COMMITMENT = "TEST_XSS_COMMITMENT"
XSS_ID = "state:xss"
TREATY_ID = "instrument:CPPNM & A/CPPNM"
"""An id that needs URL-encoding ('&', '/', space) on its way into a node page's URL."""


def sample_view(states: int = 48) -> GraphView:
    """About 60 nodes: States party to / signatories of treaties, members of initiatives and bodies."""
    nodes = [
        ViewNode(
            id=TREATY_ID,
            kind="legal_instrument",
            name="Convention on the Physical Protection of Nuclear Material and its Amendment",
            short_name="CPPNM/A",
            sources=["src:iaea-infcirc274"],
        ),
        ViewNode(
            id="instrument:icsant",
            kind="legal_instrument",
            name="International Convention for the Suppression of Acts of Nuclear Terrorism",
            short_name="ICSANT",
        ),
        ViewNode(id="org:iaea", kind="organization", name="International Atomic Energy Agency", short_name="IAEA"),
        ViewNode(id="org:un", kind="organization", name="United Nations", short_name="UN"),
        ViewNode(
            id="initiative:gicnt",
            kind="initiative",
            name="Global Initiative to Combat Nuclear Terrorism",
            short_name="GICNT",
            properties={"status": "suspended"},
        ),
        ViewNode(id="guidance:nss13", kind="guidance", name="Nuclear Security Series No. 13", short_name="NSS 13"),
        ViewNode(
            id="commitment:infcirc869",
            kind="commitment",
            name="Strengthening Nuclear Security Implementation",
            short_name="INFCIRC/869",
        ),
        ViewNode(
            id="event:nss2016", kind="event", name="Nuclear Security Summit 2016", properties={"date": "2016-03-31"}
        ),
        ViewNode(id="topic:physical-protection", kind="topic", name="Physical protection"),
        ViewNode(id="src:iaea-infcirc274", kind="source", name="IAEA INFCIRC/274 status list"),
        ViewNode(id=XSS_ID, kind="state", name=XSS_NAME),
    ]
    edges = [
        ViewEdge(source="org:iaea", target=TREATY_ID, type="DEPOSITARY_OF"),
        ViewEdge(source="org:un", target="instrument:icsant", type="DEPOSITARY_OF"),
        ViewEdge(source="commitment:infcirc869", target="event:nss2016", type="ISSUED_AT"),
        ViewEdge(source="commitment:infcirc869", target="guidance:nss13", type="REFERENCES"),
        ViewEdge(source=TREATY_ID, target="topic:physical-protection", type="ADDRESSES"),
        ViewEdge(source="guidance:nss13", target="topic:physical-protection", type="ADDRESSES"),
        ViewEdge(source="org:iaea", target="guidance:nss13", type="ESTABLISHES"),
        ViewEdge(
            source=XSS_ID,
            target=TREATY_ID,
            type="PARTY_TO",
            properties={"since": "2001-01-01", "via": "accession", "confidence": "unconfirmed"},
        ),
    ]
    for i in range(states):
        state = f"state:s{i:02d}"
        nodes.append(ViewNode(id=state, kind="state", name=f"State {i:02d}", short_name=f"S{i:02d}"))
        edges.append(
            ViewEdge(
                source=state,
                target=TREATY_ID,
                type="SIGNED",
                properties={"date": f"{1980 + i % 20}-03-03", "confidence": "confirmed"},
                sources=["src:iaea-infcirc274"],
            )
        )
        if i % 3:
            edges.append(
                ViewEdge(
                    source=state,
                    target=TREATY_ID,
                    type="PARTY_TO",
                    properties={
                        "since": f"{1987 + i % 30}-02-08",
                        "via": "ratification",
                        "entry_into_force": f"{1987 + i % 30}-03-10",
                        "confidence": "confirmed",
                        "as_of": "2025-01-01",
                    },
                    sources=["src:iaea-infcirc274"],
                )
            )
        if i % 4 == 0:
            edges.append(
                ViewEdge(source=state, target="instrument:icsant", type="PARTY_TO", properties={"since": 2007 + i % 15})
            )
        if i % 5 == 0:
            edges.append(
                ViewEdge(source=state, target="initiative:gicnt", type="MEMBER_OF", properties={"role": "partner"})
            )
        if i % 7 == 0:
            edges.append(
                ViewEdge(
                    source=state,
                    target="commitment:infcirc869",
                    type="SUBSCRIBED_TO",
                    properties={"date": "2016-03-31"},
                )
            )
        if i % 11 == 0:
            edges.append(ViewEdge(source=state, target="event:nss2016", type="PARTICIPATED_IN"))
    return GraphView(
        title="Physical protection treaties",
        subtitle="Who signed and who is party, and when",
        nodes=nodes,
        edges=edges,
        focus_id=TREATY_ID,
    )


def star_view(leaves: int) -> GraphView:
    """One hub and many leaves: a cheap way to exceed the node cap."""
    hub = ViewNode(id="hub", kind="organization", name="Hub")
    leaf_nodes = [ViewNode(id=f"leaf{i}", kind="state", name=f"Leaf {i}") for i in range(leaves)]
    edges = [ViewEdge(source=node.id, target="hub", type="MEMBER_OF") for node in leaf_nodes[: leaves // 2]]
    return GraphView(title="Star", subtitle=None, nodes=[hub, *leaf_nodes], edges=edges)


@dataclass
class LocalSite:
    """A uvicorn server on 127.0.0.1 serving published pages, node pages and the static assets."""

    base_url: str
    pages: dict[str, str] = field(default_factory=dict)

    def publish(self, name: str, html: str) -> str:
        self.pages[name] = html
        return f"{self.base_url}/pages/{name}"


def _site_app(pages: dict[str, str]) -> FastAPI:
    app = FastAPI()
    app.mount("/static/vis", static_app())

    @app.get("/pages/{name}", response_class=HTMLResponse)
    def page(name: str) -> str:
        return pages[name]

    @app.get("/viz/node/{node_id:path}", response_class=HTMLResponse)
    def node(node_id: str) -> str:
        return "<!doctype html><title>node</title><p>node page</p>"

    return app


@pytest.fixture(scope="session")
def site() -> Iterator[LocalSite]:
    pages: dict[str, str] = {}
    with serving(_site_app(pages), lifespan="off") as base_url:
        yield LocalSite(base_url=base_url, pages=pages)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Session:
    """A page plus what it did: every request URL, every dialog, every console error."""

    page: Page
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture
def session(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Session]:
    """A fresh 1280x800 page; on teardown its screenshot goes to test-output/<module>--<test>.png."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    recorded = Session(page)

    def on_request(req: Request) -> None:
        recorded.requests.append(req.url)

    def on_dialog(dialog: Dialog) -> None:
        recorded.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            recorded.console_errors.append(message.text)

    page.on("request", on_request)
    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("pageerror", lambda error: recorded.console_errors.append(str(error)))
    yield recorded
    SCREENSHOTS.mkdir(exist_ok=True)
    shot = SCREENSHOTS / f"{request.node.path.stem}--{request.node.name}.png"
    for attempt in (1, 2):  # a record for people, not a check: Chromium under load may refuse one, so once more
        try:
            page.screenshot(path=shot)
            break
        except PlaywrightError as error:
            if attempt == 2:  # logged, never a warning: the suite turns warnings into errors
                logging.getLogger(__name__).warning("no screenshot %s: %s", shot.name, error.message)
            else:
                page.wait_for_timeout(500)
    context.close()


def wait_until_drawn(page: Page, timeout_ms: float = 60_000) -> None:
    """Waits until the network is drawn and still (physics off: at the first draw, or after a relayout)."""
    page.wait_for_function("() => window.nsgraphNetwork && window.nsgraphNetwork.stabilized", timeout=timeout_ms)


def node_point(page: Page, node_id: str) -> tuple[float, float]:
    """Where a node is drawn, in page pixels: canvas position -> DOM position -> plus the canvas offset."""
    point = page.evaluate(
        """(id) => {
            const net = window.nsgraphNetwork.network;
            const dom = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById("nsgraph-canvas").getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }""",
        node_id,
    )
    return point[0], point[1]


def click_node(page: Page, node_id: str, expected_url: str, attempts: int = 3) -> None:
    """Clicks a drawn node and waits for the page it opens.

    vis-network reads a press as a click only when the button comes up soon after it went down; on
    a loaded CI machine that tap can be lost, so a click after which the page stayed put is made
    again. A page whose nodes never navigate still fails, after the last attempt."""
    origin = page.url
    for attempt in range(1, attempts + 1):
        page.mouse.click(*node_point(page, node_id))
        try:
            page.wait_for_url(expected_url, timeout=10_000)
            return
        except PlaywrightTimeoutError:
            if page.url != origin or attempt == attempts:
                raise


@pytest.fixture
def hostile_commitment(loaded_db: GraphDatabaseClient) -> Iterator[str]:
    """A temporary Commitment named like an HTML injection (in its name and in a relationship note),
    subscribed to by Japan; deleted afterwards."""
    loaded_db.write(
        "MATCH (s:State {id: 'JPN'}) "
        "CREATE (c:Entity:Commitment {id: $id, kind: 'commitment', name: $name, short_name: $name}) "
        "CREATE (s)-[:SUBSCRIBED_TO {date: '2016-04-01', note: $name}]->(c)",
        {"id": XSS_COMMITMENT, "name": XSS_NAME},
    )
    write(loaded_db, "load/advance_version")  # like every write, so that no cached answer hides it
    yield XSS_COMMITMENT
    loaded_db.write("MATCH (c:Commitment {id: $id}) DETACH DELETE c", {"id": XSS_COMMITMENT})
    write(loaded_db, "load/advance_version")
