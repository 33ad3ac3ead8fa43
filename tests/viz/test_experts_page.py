"""The experts-and-industry page in a real headless Chromium against the real API and database: the network
draws the view `queries.experts` builds, the table holds the side events and bodies the data files give,
nothing leaves this origin. Once with the shipped data, once with the third revision's side events."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.app import create_app
from graph.driver import GraphDatabaseClient
from graph.settings import Settings
from loaders.load import load_paths
from queries.experts import experts_view
from tests.api import DATA_DIR
from tests.conftest import wipe
from tests.servers import serving
from tests.side_events import SHARED_DATA, expected_answer, write_supplemented
from tests.viz.conftest import Session, wait_until_drawn

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(settings: Settings, neo4j_uri: str) -> Iterator[str]:
    with serving(create_app(settings, neo4j_uri)) as base_url:
        yield base_url


def drawn_counts(session: Session) -> tuple[int, int]:
    counts = session.page.evaluate("() => [window.nsgraphNetwork.nodes.length, window.nsgraphNetwork.edges.length]")
    return counts[0], counts[1]


def check_page(session: Session, base_url: str, db: GraphDatabaseClient, folder: Path) -> None:
    session.page.goto(f"{base_url}/viz/experts-and-industry")
    wait_until_drawn(session.page)
    view = experts_view(db)
    assert drawn_counts(session) == (len({n.id for n in view.nodes}), len(view.edges))
    expected = expected_answer(folder)
    assert session.page.locator("tr[data-event]").count() == len(expected["events"])
    assert session.page.locator("tr[data-body]").count() == len(expected["bodies"])
    for body in expected["bodies"]:
        assert session.page.locator(f"tr[data-body='{body}']").is_visible()
    assert session.page.locator("h1").inner_text() == "Experts and industry around the summits"
    assert session.page.locator("#nsgraph-year").is_disabled()  # the page takes no as_of: no day to move to
    assert [url for url in session.requests if not url.startswith(base_url + "/")] == []
    assert session.console_errors == []


def test_the_page_with_the_shipped_data(server: str, loaded_db: GraphDatabaseClient, session: Session) -> None:
    check_page(session, server, loaded_db, DATA_DIR)


@pytest.mark.skipif(not (SHARED_DATA / "entities.csv").exists(), reason="../shared/data is not beside the worktree")
def test_the_page_with_the_side_events(server: str, db: GraphDatabaseClient, session: Session,
                                       tmp_path: Path) -> None:
    folder = write_supplemented(tmp_path)
    wipe(db)
    load_paths(db, [folder])
    try:
        check_page(session, server, db, folder)
        expected = expected_answer(folder)
        event = next(e for e, v in sorted(expected["events"].items()) if v["summit"] and v["convened_by"])
        row = session.page.locator(f"tr[data-event='{event}']")
        assert expected["events"][event]["summit"] in row.inner_html()
        assert all(body in row.inner_html() for body in expected["events"][event]["convened_by"])
    finally:
        wipe(db)
