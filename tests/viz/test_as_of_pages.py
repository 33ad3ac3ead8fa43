"""Pages as of a day, against the real API and the shipped data, with the expected answers computed from the
files (`tests.viz.on_day`) for several days: before the summits, the closing day of the first and of the last
summit, the day after, and today. Also: links keep the day, and invalid parameters get an HTML page."""

import datetime
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cli.app import app
from graph.dating import date_bounds
from graph.driver import GraphDatabaseClient
from queries import views
from tests.viz.on_day import (
    BEFORE_THE_SUMMITS,
    SUMMITS,
    counting,
    days,
    fact_standing,
    facts,
    kinds,
    node_dates,
    summit_closing_day,
    there,
    unplaced,
)
from tests.viz.test_page_routes import HTML, drawn_data, html, redirect

DAYS = days()
DATED_DAYS = [day for day in DAYS if day]
STATES = ("JPN", "USA", "KAZ")


def as_of_date(day: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(day) if day else None


def star(keys: set[tuple[str, str, str]], node_id: str) -> set[tuple[str, str, str]]:
    return {key for key in keys if node_id in key[1:]}


def edge_keys(view: views.GraphView) -> set[tuple[str, str, str]]:
    return {(edge.type, edge.source, edge.target) for edge in view.edges}


def named(view: views.GraphView, status: str) -> set[tuple[str, str, str]]:
    assert view.exclusions is not None
    return {(fact.type, fact.subject, fact.object) for fact in getattr(view.exclusions, status)}


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("state", STATES)
def test_a_state_page_draws_the_relationships_that_count_on_the_day(loaded_db: GraphDatabaseClient, day: str | None,
                                                                    state: str) -> None:
    view = views.state_view(loaded_db, state, as_of_date(day))
    assert star(edge_keys(view), state) == star(counting(day), state)
    assert {node.id for node in view.nodes} == {state} | {n for key in star(counting(day), state) for n in key[1:]}
    if day is None:
        assert view.as_of is None and view.exclusions is None
        return
    assert view.as_of == day and view.title.endswith(f"as of {day}")
    for status in ("undated", "imprecise"):
        assert star(named(view, status), state) == star(unplaced(day, status), state)


@pytest.mark.parametrize("state", STATES)
def test_before_the_summits_a_state_page_has_no_summit_or_statement(client: TestClient, state: str) -> None:
    assert all(not there(summit, BEFORE_THE_SUMMITS) for summit in SUMMITS)
    data = drawn_data(html(client, f"/viz/state/{state}?as_of={BEFORE_THE_SUMMITS}"))
    kinds_drawn = {node["id"]: kinds().get(node["id"], "state") for node in data["nodes"]}
    assert "event" not in kinds_drawn.values() and "commitment" not in kinds_drawn.values()
    today = drawn_data(html(client, f"/viz/state/{state}"))
    assert {kinds().get(node["id"]) for node in today["nodes"]} & {"event", "commitment"}, "the files date summits"


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("instrument", ["ICSANT", "A_CPPNM"])
def test_an_instrument_page_holds_the_parties_and_signatories_of_the_day(loaded_db: GraphDatabaseClient,
                                                                          day: str | None, instrument: str) -> None:
    def from_files(rel: str) -> set[str]:
        return {fact.start for fact in facts() if fact.type == rel and fact.end == instrument
                and fact_standing(fact, day) == "counts" and there(instrument, day)}

    view = views.instrument_view(loaded_db, instrument, "none", as_of_date(day))
    drawn = edge_keys(view)
    assert {start for rel, start, end in drawn if rel == "PARTY_TO" and end == instrument} == from_files("PARTY_TO")
    assert {start for rel, start, end in drawn if rel == "SIGNED" and end == instrument} == from_files("SIGNED")
    grouped = views.instrument_view(loaded_db, instrument, "region", as_of_date(day))
    groups = [node for node in grouped.nodes if node.id.startswith(views.GROUP_PREFIX)]
    state_parties = {party for party in from_files("PARTY_TO") if party not in kinds()}  # groups hold States only
    assert sum(int(str(node.properties["parties"])) for node in groups) == len(state_parties)
    if day:
        undated_parties = {start for rel, start, end in named(view, "undated") if rel == "PARTY_TO"
                           and end == instrument}
        assert undated_parties == {start for rel, start, end in unplaced(day, "undated")
                                   if rel == "PARTY_TO" and end == instrument}


def test_an_instrument_adopted_after_the_day_is_not_there(client: TestClient) -> None:
    dated = {node_id: bounds[0] for node_id, kind in kinds().items()
             if kind == "legal_instrument" and (bounds := date_bounds(node_dates()[node_id]))}
    latest = max(dated, key=dated.__getitem__)
    day = (datetime.date.fromisoformat(dated[latest]) - datetime.timedelta(days=1)).isoformat()
    text = html(client, f"/viz/instrument/{latest}?as_of={day}")
    assert drawn_data(text)["nodes"] == [] and "not there yet" in text
    assert drawn_data(html(client, f"/viz/instrument/{latest}?as_of={dated[latest]}"))["nodes"]


def test_a_commitment_issued_after_the_day_is_not_there(client: TestClient) -> None:
    communique = next(node_id for node_id, kind in kinds().items() if kind == "commitment"
                      and not there(node_id, BEFORE_THE_SUMMITS))
    text = html(client, f"/viz/commitment/{communique}?as_of={BEFORE_THE_SUMMITS}")
    assert drawn_data(text)["nodes"] == [] and "not there yet" in text
    assert drawn_data(html(client, f"/viz/commitment/{communique}"))["nodes"]


@pytest.mark.parametrize("day", DATED_DAYS)
def test_a_page_as_of_a_day_says_so_and_what_it_left_out(client: TestClient, loaded_db: GraphDatabaseClient,
                                                         day: str) -> None:
    view = views.state_view(loaded_db, "JPN", as_of_date(day))
    assert view.exclusions is not None
    text = html(client, f"/viz/state/JPN?as_of={day}")
    assert f"as of {day}" in re.search(r"<h1>(.*?)</h1>", text).group(1)  # type: ignore[union-attr]
    assert f"left out: {len(view.exclusions.undated)} undated, {len(view.exclusions.imprecise)} imprecise" in text
    assert f'<input type="hidden" name="as_of" value="{day}">' in text


@pytest.mark.parametrize("day", DATED_DAYS)
def test_the_overview_of_a_day(loaded_db: GraphDatabaseClient, day: str) -> None:
    view = views.overview_view(loaded_db, as_of_date(day))
    drawn = {node.id for node in view.nodes if not node.id.startswith(views.GROUP_PREFIX)}
    expected = {node_id for node_id, kind in kinds().items() if kind != "state" and there(node_id, day)}
    assert drawn == expected
    between = {key for key in counting(day) if key[1] in expected and key[2] in expected}
    assert {key for key in edge_keys(view) if not key[1].startswith(views.GROUP_PREFIX)} == between
    linked = {(edge.type, edge.target) for edge in view.edges if edge.source.startswith(views.GROUP_PREFIX)}
    states_link = {(rel, end) for rel, start, end in counting(day) if rel in views.OVERVIEW_STATE_LINKS
                   and start not in kinds() and end in expected}
    assert linked == states_link


@pytest.mark.parametrize("day", [BEFORE_THE_SUMMITS, summit_closing_day(SUMMITS[-1])])
def test_the_neighbourhood_page_grows_along_what_counts(loaded_db: GraphDatabaseClient, day: str) -> None:
    view = views.node_view(loaded_db, "NSCG" if there("NSCG", day) else "IAEA", 1, as_of_date(day))
    focus = view.focus_id
    assert focus is not None
    expected = {focus} | {n for key in star(counting(day), focus) for n in key[1:]}
    assert {node.id for node in view.nodes} == expected
    assert edge_keys(view) == {key for key in counting(day) if key[1] in expected and key[2] in expected}
    assert star(unplaced(day, "undated"), focus) <= named(view, "undated")


def test_the_path_page_of_a_day_walks_only_what_counts(loaded_db: GraphDatabaseClient) -> None:
    day = BEFORE_THE_SUMMITS
    view = views.path_view(loaded_db, "JPN", "CPPNM", 6, as_of_date(day))
    assert edge_keys(view) <= counting(day)
    assert all(there(node.id, day) for node in view.nodes)


@pytest.mark.parametrize("day", DATED_DAYS)
def test_links_keep_the_day(client: TestClient, day: str) -> None:
    data = drawn_data(html(client, f"/viz/state/JPN?as_of={day}"))
    urls = [node["url"] for node in data["nodes"] if node["url"]]
    assert urls and all(parse_qs(urlsplit(url).query) == {"as_of": [day]} for url in urls)
    assert redirect(client, f"/viz/node/JPN?as_of={day}") == f"/viz/state/JPN?as_of={day}"
    assert redirect(client, f"/viz/search?q=Japan&as_of={day}") == f"/viz/state/JPN?as_of={day}"
    listed = html(client, f"/viz/search?q=nuclear security&as_of={day}")
    links = re.findall(r'<a href="(/viz/[^"]+)"', listed)
    assert links and all(link.endswith(f"as_of={day}") for link in links)
    missing = html(client, f"/viz/state/JPX?as_of={day}", 404)
    assert f'href="/viz/node/JPN?as_of={day}"' in missing


@pytest.mark.parametrize(("url", "parameter", "onward"), [
    ("/viz/state/JPN?as_of=2020-13-45", "as_of", "/viz/state/JPN"),
    ("/viz/instrument/ICSANT?as_of=yesterday&group_by=year", "as_of", "/viz/instrument/ICSANT?group_by=year"),
    ("/viz/overview?as_of=2020-02-30", "as_of", "/viz/overview"),
    ("/viz/path", "from", "/viz/path?from=JPN&amp;to=NSCG"),
    ("/viz/path?from=JPN", "to", "/viz/path?from=JPN&amp;to=NSCG"),
    ("/viz/path?from=JPN&to=NSCG&max_hops=9", "max_hops", "/viz/path?from=JPN&amp;to=NSCG"),
    ("/viz/node/NSCG?depth=0", "depth", "/viz/node/NSCG"),
    ("/viz/instrument/ICSANT?group_by=bogus", "group_by", "/viz/instrument/ICSANT"),
])
def test_invalid_parameters_get_an_html_page_that_links_onward(client: TestClient, url: str, parameter: str,
                                                               onward: str) -> None:
    text = html(client, url, 422)
    assert "Invalid request" in text and parameter in text
    assert f'href="{onward}"' in text and 'href="/"' in text


def test_the_api_keeps_problem_details_for_invalid_parameters(client: TestClient) -> None:
    for url in ("/api/v1/graph/JPN?as_of=2020-13-45", "/api/v1/paths?from=JPN", "/api/v1/export/graph.json?as_of=x"):
        response = client.get(url)
        assert response.status_code == 422 and response.headers["content-type"].startswith("application/problem+json")


def test_an_unknown_page_or_id_is_html(client: TestClient) -> None:
    for url in ("/viz/nowhere", "/viz/trends/adherence?instrument=ICSNAT"):
        response = client.get(url)
        assert response.status_code == 404 and response.headers["content-type"] == HTML, url
    suggestion = client.get("/viz/trends/adherence?instrument=ICSNAT").text
    assert re.search(r"""href=['"][^'"]*ICSANT""", suggestion), "the close id is linked"
    text = html(client, "/viz/trends/adherence", 422)
    assert "instrument" in text and re.search(r"""href=['"]/['"]""", text), "it links onward"


def test_the_cli_writes_a_page_of_a_day(tmp_path: Path, cli: CliRunner, loaded_db: GraphDatabaseClient) -> None:
    out = tmp_path / "jpn.html"
    result = cli.invoke(app, ["viz", "state", "JPN", "--as-of", BEFORE_THE_SUMMITS, "-o", str(out)])
    assert result.exit_code == 0, result.output
    drawn = drawn_data(out.read_text(encoding="utf-8"))
    assert {node["id"] for node in drawn["nodes"]} == {
        node.id for node in views.state_view(loaded_db, "JPN", as_of_date(BEFORE_THE_SUMMITS)).nodes}
    assert f"as of {BEFORE_THE_SUMMITS}" in result.output
    bad = cli.invoke(app, ["viz", "state", "JPN", "--as-of", "2020-13-45", "-o", str(out)])
    assert bad.exit_code == 2 and "--as-of" in bad.output
