"""Finding a State by any name people write, through the real index and routes: every State's
name, official name and codes, and the variants of tests/state_variants.py, find it first; an
exact name always outranks a fuzzy match of another node; lookups and `?state=` filters accept
names, and an ambiguous one answers 404 with its candidates. Expected names come from the
libraries themselves (country_converter, pycountry), not from the table under test."""

from typing import Any
from urllib.parse import quote

import pycountry
import pytest
from fastapi.testclient import TestClient

from tests.api import API, _countries, catalog, expected_state_ids, is_problem
from tests.state_variants import AMBIGUOUS, VARIANTS

URL = f"{API}/search"


def first(client: TestClient, q: str, **params: Any) -> dict[str, Any]:
    response = client.get(URL, params={"q": q, **params})
    assert response.status_code == 200, response.text
    hits = response.json()["data"]
    assert hits, f"nothing found for {q!r}"
    return hits[0]  # type: ignore[no-any-return]


def state_names_and_codes(iso3: str) -> list[str]:
    """Name, short name, official name, alpha-2 and alpha-3, as the libraries give them."""
    table = _countries()
    if iso3 in table.index:
        row = table.loc[iso3]
        found = [str(row["name_short"]), str(row["name_official"]), str(row["ISO2"]), iso3]
    else:
        former = pycountry.historic_countries.get(alpha_3=iso3)
        found = [former.name, former.name.split(",")[0], iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is not None:
        found += [country.name, country.alpha_2, *[getattr(country, field) for field in ("official_name", "common_name")
                                                   if hasattr(country, field)]]
    return list(dict.fromkeys(found))


def test_every_state_in_the_graph_is_found_first_by_its_names_and_codes(client: TestClient) -> None:
    missed = []
    for iso3 in sorted(expected_state_ids() - {"EURATOM"}):
        for name in state_names_and_codes(iso3):
            hit = first(client, name)
            if hit["id"] != iso3 or not hit["exact"]:
                missed.append((iso3, name, hit["id"]))
    assert missed == []


@pytest.mark.parametrize(("q", "iso3"), sorted(VARIANTS.items()))
def test_each_variant_finds_its_state_first(client: TestClient, q: str, iso3: str) -> None:
    hit = first(client, q)
    assert (hit["id"], hit["exact"], hit["match"]) == (iso3, True, "exact")


def test_holland_finds_the_netherlands_first_and_poland_only_after(client: TestClient) -> None:
    hits = client.get(URL, params={"q": "Holland", "limit": 50}).json()["data"]
    assert hits[0]["id"] == "NLD" and hits[0]["exact"]
    assert all(not hit["exact"] for hit in hits[1:])


def test_exact_names_rank_before_patterns_and_fuzzy_matches(client: TestClient) -> None:
    for q in ("Holland", "Viet Nam", "Japn", "Japan nuclear security", "CPPNM", "Contct Group"):
        body = client.get(URL, params={"q": q, "limit": 50}).json()
        tiers = [("exact", "name pattern", "text").index(hit["match"]) for hit in body["data"]]
        assert tiers == sorted(tiers), q
        assert all(hit["exact"] == (hit["match"] == "exact") for hit in body["data"]), q
    body = client.get(URL, params={"q": "Japan nuclear security"}).json()
    assert (body["data"][0]["id"], body["data"][0]["match"], body["states_via"]) == ("JPN", "name pattern", "pattern")


def test_search_states_the_resolution(client: TestClient) -> None:
    body = client.get(URL, params={"q": "Burma"}).json()
    assert (body["states"], body["states_via"]) == (["MMR"], "name")
    assert client.get(URL, params={"q": "Burma", "kind": "organization"}).json()["states"] == []


def test_a_former_state_is_found_under_its_own_names_not_its_successor(client: TestClient) -> None:
    for q, former, successor in (("USSR", "SUN", "RUS"), ("Czechoslovakia", "CSK", "CZE"),
                                 ("East Germany", "DDR", "DEU"), ("Yugoslavia", "YUG", "SRB")):
        hits = client.get(URL, params={"q": q, "limit": 50}).json()["data"]
        assert hits[0]["id"] == former
        assert all(not hit["exact"] for hit in hits if hit["id"] == successor)


@pytest.mark.parametrize(("name", "iso3"), [("Holland", "NLD"), ("Viet Nam", "VNM"), ("Iran (Islamic Republic of)",
                                            "IRN"), ("Japan", "JPN"), ("Soviet Union", "SUN"), ("Türkiye", "TUR")])
def test_profile_by_name_states_the_resolved_id(client: TestClient, name: str, iso3: str) -> None:
    response = client.get(f"{API}/states/{quote(name)}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["id"], body["requested"]) == (iso3, name)
    assert client.get(f"{API}/states/{iso3}").json()["requested"] is None
    assert client.get(f"{API}/states/{iso3.lower()}").json()["requested"] is None


def test_an_ambiguous_lookup_is_a_404_with_the_candidates(client: TestClient) -> None:
    for name, candidates in AMBIGUOUS.items():
        response = client.get(f"{API}/states/{quote(name)}")
        assert is_problem(response, 404), response.text
        assert set(response.json()["suggestions"]) == candidates
    response = client.get(f"{API}/backing", params={"state": "Virgin Islands"})
    assert is_problem(response, 404) and set(response.json()["suggestions"]) == AMBIGUOUS["Virgin Islands"]


def test_state_filters_accept_names(client: TestClient) -> None:
    body = client.get(f"{API}/backing", params={"state": ["Holland", "Viet Nam", "ROK"]}).json()
    assert body["states"] == ["NLD", "VNM", "KOR"]
    assert {row["state"]["id"] for row in body["data"]} == {"NLD", "VNM", "KOR"}
    by_code = client.get(f"{API}/gaps/universalization", params={"instrument": "ICSANT", "state": ["NLD", "VNM"]})
    by_name = client.get(f"{API}/gaps/universalization",
                         params={"instrument": "ICSANT", "state": ["Holland", "Viet Nam"]})
    assert by_name.status_code == 200, by_name.text
    assert by_name.json()["data"] == by_code.json()["data"]


def test_organizations_are_found_by_acronym_full_name_and_alias(client: TestClient) -> None:
    for item in catalog()["organization"]:
        for name in {item["id"], item["name"], item.get("short_name"), *(item.get("aliases") or [])} - {None}:
            response = client.get(f"{API}/organizations/{quote(name, safe='')}")
            assert response.status_code == 200, (name, response.text)
            assert response.json()["id"] == item["id"], name
            assert first(client, name)["id"] == item["id"], name


def test_unknown_names_keep_the_usual_404(client: TestClient) -> None:
    response = client.get(f"{API}/states/Freedonia")
    assert is_problem(response, 404)
    assert "Freedonia" in response.json()["detail"]
