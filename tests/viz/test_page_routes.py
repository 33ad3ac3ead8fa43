"""The HTML routes without a browser, against the real API and the shipped data: status codes, content
types, redirects, escaping, HTML 404s with suggestions, search input that Lucene would misread, the CLI."""

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.routes.pages import EXAMPLES
from cli.app import app
from graph.driver import GraphDatabaseClient
from graph.settings import Settings
from queries import views
from tests.viz.conftest import XSS_NAME
from viz import npm_cache
from viz.assets import NPM_ASSETS, VIS_JS

HTML = "text/html; charset=utf-8"
_DATA = re.compile(r'<script type="application/json" id="nsgraph-data">(.*?)</script>', re.S)


def drawn_data(page: str) -> dict[str, Any]:
    """The network data a page embeds (what vis draws)."""
    match = _DATA.search(page)
    assert match, "no network data in the page"
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def html(client: TestClient, url: str, status: int = 200) -> str:
    response = client.get(url, follow_redirects=False)
    assert response.status_code == status, (url, response.status_code, response.text[:300])
    assert response.headers["content-type"] == HTML
    return response.text


def redirect(client: TestClient, url: str) -> str:
    response = client.get(url, follow_redirects=False)
    assert response.status_code == 302, (url, response.status_code)
    return response.headers["location"]


def test_the_landing_page_links_every_example_and_each_opens(client: TestClient) -> None:
    text = html(client, "/")
    for _, url in EXAMPLES:
        assert f'href="{url.replace("&", "&amp;")}"' in text
        assert client.get(url).status_code == 200, url
    assert 'action="/viz/search"' in text


@pytest.mark.parametrize("url", [
    "/viz/state/JPN", "/viz/instrument/ICSANT", "/viz/instrument/CPPNM?group_by=year",
    "/viz/instrument/CPPNM?group_by=none", "/viz/commitment/JS2016_SUSTAINING_ACTION", "/viz/overview",
    "/viz/node/NSCG", "/viz/node/JPN?depth=2", "/viz/path?from=JPN&to=NSCG", "/viz/path?from=JPN&to=UNSCR_1540",
])
def test_pages_are_html_that_loads_assets_from_this_origin(client: TestClient, url: str) -> None:
    text = html(client, url)
    assert '<script src="/static/vis/vis-network.min.js"></script>' in text
    assert "Content-Security-Policy" in text
    served = client.get(url)
    assert "no-cache" in served.headers["cache-control"].split(", ")  # revalidated at every use, by its ETag
    assert served.headers["etag"]


def test_the_state_page_embeds_what_the_view_holds(client: TestClient, loaded_db: GraphDatabaseClient) -> None:
    view = views.state_view(loaded_db, "JPN")
    data = drawn_data(html(client, "/viz/state/JPN"))
    assert {node["id"] for node in data["nodes"]} == {node.id for node in view.nodes}
    assert len(data["edges"]) == len(view.edges)
    urls = {node["id"]: node["url"] for node in data["nodes"]}
    assert urls["ICSANT"] == "/viz/instrument/ICSANT"
    assert urls["JS2016_SUSTAINING_ACTION"] == "/viz/commitment/JS2016_SUSTAINING_ACTION"
    assert urls["NSCG"] == "/viz/node/NSCG"


def test_the_instrument_page_groups_states_and_keeps_every_fact(client: TestClient,
                                                                loaded_db: GraphDatabaseClient) -> None:
    plain = views.instrument_view(loaded_db, "ICSANT", "none")
    grouped = views.instrument_view(loaded_db, "ICSANT", "region")
    groups = [node for node in grouped.nodes if node.id.startswith(views.GROUP_PREFIX)]
    assert 1 < len(groups) <= 6
    assert len(grouped.edges) == len(plain.edges) + len(groups)  # each State's facts rerouted, one line per group
    data = drawn_data(html(client, "/viz/instrument/ICSANT"))
    assert all(node["url"] == "" for node in data["nodes"] if node["id"].startswith(views.GROUP_PREFIX))
    assert client.get("/viz/instrument/ICSANT?group_by=bogus").status_code == 422


def test_node_pages_redirect_to_the_kind_page_unless_a_depth_is_asked(client: TestClient) -> None:
    assert redirect(client, "/viz/node/JPN") == "/viz/state/JPN"
    assert redirect(client, "/viz/node/ICSANT") == "/viz/instrument/ICSANT"
    assert redirect(client, "/viz/node/INFCIRC_869") == "/viz/commitment/INFCIRC_869"
    assert "neighbourhood" in html(client, "/viz/node/JPN?depth=1")
    assert client.get("/viz/node/JPN?depth=4").status_code == 422


@pytest.mark.parametrize(("url", "suggested"), [
    ("/viz/state/JPX", "/viz/node/JPN"),
    ("/viz/instrument/ICSNT", "/viz/node/ICSANT"),
    ("/viz/instrument/JPN", None),  # a State is not an instrument
    ("/viz/commitment/JS2016_SUSTAINING", "/viz/node/JS2016_SUSTAINING_ACTION"),
    ("/viz/node/NSCGG", "/viz/node/NSCG"),
    ("/viz/path?from=JPN&to=NSCGG", "/viz/node/NSCG"),
])
def test_unknown_ids_get_an_html_404_with_suggestions(client: TestClient, url: str, suggested: str | None) -> None:
    text = html(client, url, 404)
    assert "Not found" in text
    if suggested:
        assert f'href="{suggested}"' in text


def test_an_unknown_id_is_escaped_on_the_404_page(client: TestClient) -> None:
    text = html(client, "/viz/state/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404)
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_a_hostile_name_is_escaped(client: TestClient, hostile_commitment: str) -> None:
    for url in ("/viz/state/JPN", f"/viz/commitment/{hostile_commitment}"):
        text = html(client, url)
        assert "<img" not in text
    assert "<h1>&lt;img src=x onerror=alert(1)&gt;</h1>" in html(client, f"/viz/commitment/{hostile_commitment}")
    data = drawn_data(html(client, "/viz/state/JPN"))
    assert any(node["label"] == XSS_NAME for node in data["nodes"])  # drawn as text on the canvas


def test_the_path_page(client: TestClient) -> None:
    data = drawn_data(html(client, "/viz/path?from=JPN&to=NSCG"))
    assert {node["id"] for node in data["nodes"]} == {"JPN", "NSCG"}
    assert "No path of at most 1" in html(client, "/viz/path?from=JPN&to=UNSCR_1540&max_hops=1")
    assert "/viz/path?from=JPN&amp;to=NSCG" in html(client, "/viz/path", 422)
    assert client.get("/viz/path?from=JPN&to=NSCG&max_hops=7").status_code == 422


def test_search_redirects_on_one_strong_match_and_lists_otherwise(client: TestClient) -> None:
    assert redirect(client, "/viz/search?q=Japan") == "/viz/state/JPN"
    assert redirect(client, "/viz/search?q=jpn") == "/viz/state/JPN"
    assert redirect(client, "/viz/search?q=ICSANT") == "/viz/instrument/ICSANT"
    text = html(client, "/viz/search?q=nuclear security")
    assert "result(s) for" in text and 'href="/viz/' in text
    assert "Type a name" in html(client, "/viz/search")


@pytest.mark.parametrize("q", ['"', "\\", "CPPNM && (", "a:b", "*", "?", "NOT", "AND OR", "title:x~2", "[1 TO 2]",
                              "CPPNM & A", "/", "<script>alert(1)</script>", "A/CPPNM"])
def test_search_survives_lucene_syntax_and_escapes_it(client: TestClient, q: str) -> None:
    response = client.get("/viz/search", params={"q": q}, follow_redirects=False)
    assert response.status_code in (200, 302), (q, response.status_code, response.text[:300])
    if response.status_code == 200:
        assert "<script>alert" not in response.text


def test_lucene_query_escapes_every_special_character() -> None:
    assert views.lucene_query('a/b "x" &&') == '(a\\/b OR a\\/b*) AND (\\"x\\" OR \\"x\\"*)'
    assert views.lucene_query("AND OR") == "(and OR and*) AND (or OR or*)"
    assert views.lucene_query("* ? ~") is None


def test_static_assets_are_served_with_a_cache_header(client: TestClient) -> None:
    response = client.get("/static/vis/vis-network.min.js")
    assert response.status_code == 200
    assert response.headers["cache-control"].startswith("public, max-age=")
    assert client.get("/static/vis/nope.js").status_code == 404


def test_the_cli_writes_a_standalone_page(tmp_path: Path, cli: CliRunner, loaded_db: GraphDatabaseClient) -> None:
    out = tmp_path / "jpn.html"
    result = cli.invoke(app, ["viz", "state", "JPN", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "<script src=" not in text and "vis.Network" in text
    assert len(drawn_data(text)["nodes"]) == len(views.state_view(loaded_db, "JPN").nodes)
    overview = cli.invoke(app, ["viz", "overview", "-o", str(tmp_path / "o.html")])
    assert overview.exit_code == 0, overview.output
    assert drawn_data((tmp_path / "o.html").read_text(encoding="utf-8"))["controls"]["clustered"] is True
    assert drawn_data(text)["controls"]["clustered"] is False  # only the overview opens grouped by kind
    missing = cli.invoke(app, ["viz", "state", "JPX", "-o", str(tmp_path / "x.html")])
    assert missing.exit_code == 1 and "JPN" in missing.output



def test_the_server_reads_vis_network_out_of_its_tarball_as_it_starts(settings: Settings, neo4j_uri: str,
                                                                      loaded_db: GraphDatabaseClient) -> None:
    """The first network page of a fresh process should not wait for the 18 MB package to be read."""
    npm_cache.package_file.cache_clear()
    package, member = NPM_ASSETS[VIS_JS]
    with TestClient(create_app(settings, neo4j_uri)):
        deadline = time.monotonic() + 60
        while npm_cache.package_file.cache_info().currsize == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert npm_cache.package_file.cache_info().currsize == 1
        hits = npm_cache.package_file.cache_info().hits
        npm_cache.package_file(package, member)
        assert npm_cache.package_file.cache_info().hits == hits + 1  # the page's read is the preloaded one
