"""State pages and the HTML search by name, through the same table as the API (`graph.names`):
a name redirects to the ISO3 page, an ambiguous one lists its candidates, and the search page
ranks like `GET /api/v1/search` ("Holland" opens the Netherlands)."""

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from tests.state_variants import AMBIGUOUS, VARIANTS
from tests.viz.test_page_routes import html, redirect
from viz.links import page_url


@pytest.mark.parametrize("name", ["Holland", "Viet Nam", "Iran (Islamic Republic of)", "jpn", "USSR", "Türkiye"])
def test_a_state_page_by_name_redirects_to_its_iso3_page(client: TestClient, name: str) -> None:
    assert redirect(client, f"/viz/state/{quote(name)}") == f"/viz/state/{VARIANTS.get(name, name.upper())}"


def test_an_ambiguous_state_page_lists_the_candidates(client: TestClient) -> None:
    for name, candidates in AMBIGUOUS.items():
        text = html(client, f"/viz/state/{quote(name)}", 404)
        assert all(f"/viz/state/{candidate}" in text or f"/viz/node/{candidate}" in text for candidate in candidates)


def test_the_search_page_ranks_like_the_api(client: TestClient) -> None:
    for q in ("Holland", "Burma", "UAE", "Ivory Coast", "Soviet Union"):
        assert redirect(client, f"/viz/search?q={quote(q)}") == f"/viz/state/{VARIANTS[q]}"
    hits = client.get("/api/v1/search", params={"q": "nuclear security", "limit": 50}).json()["data"]
    page = html(client, "/viz/search?q=nuclear%20security")
    positions = [page.find(f'href="{page_url(hit["id"], hit["kind"])}"') for hit in hits]
    assert -1 not in positions and positions == sorted(positions)
