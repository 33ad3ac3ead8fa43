"""The world map's payload and the comparison of two States, over real HTTP against the shipped data:
the map's answer on a day is what the data files say that day (graph.dating's rule on the CSV rows) and
what the parties route says; a comparison is exactly the difference of the two State profiles."""

import datetime

import pytest
from fastapi.testclient import TestClient

from graph.dating import day_status
from tests.api import API, NOT_CONSENT, group_members, is_problem, memberships, party_id, treaty_actions
from tests.api.test_as_of import summit_days

DAYS = ["2009-12-31", "2010-01-01", *sorted(set(summit_days()))[:2], "2020-12-31"]


def consenting_on(instrument: str, day: str) -> set[str]:
    return {party_id(row) for row in treaty_actions() if row["instrument_id"] == instrument
            and row["action"] not in NOT_CONSENT and day_status(row["date"] or None, day) == "counts"}


def map_answer(client: TestClient, node_id: str, day: str | None) -> dict:
    response = client.get(f"{API}/maps/{node_id}", params={"as_of": day} if day else {})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("day", DAYS)
def test_the_icsant_map_on_a_day_colours_the_parties_of_that_day(client: TestClient, day: str) -> None:
    answer = map_answer(client, "ICSANT", day)
    parties = {entity for entity, status in answer["status_on_day"].items() if status == "party"}
    assert parties == consenting_on("ICSANT", day)
    listed = client.get(f"{API}/instruments/ICSANT/parties", params={"as_of": day, "limit": 1000}).json()
    assert parties == {row["state"]["id"] for row in listed["data"]}


def test_every_fact_carries_the_bounds_the_page_compares(client: TestClient) -> None:
    """The client compares date_latest with a day; that must be graph.dating's rule on the fact's own date."""
    answer = map_answer(client, "ICSANT", "2016-04-01")
    assert answer["facts"]
    for fact in answer["facts"]:
        counts = fact["date_latest"] is not None and fact["date_latest"] <= "2016-04-01"
        assert counts == (day_status(fact["date"], "2016-04-01") == "counts")
        assert fact["sources"]


def test_undated_facts_are_never_placed_on_a_day(client: TestClient) -> None:
    today = map_answer(client, "GICNT", None)
    undated = {row["member_id"] for row in memberships() if row["group_id"] == "GICNT" and not row["date_or_year"]}
    assert {fact["subject"] for fact in today["exclusions"]["undated"]} == undated
    assert not undated & set(today["status_on_day"])
    members = {entity for entity in today["status_on_day"] if entity in {s["id"] for s in today["states"]}}
    assert members == group_members("GICNT", as_of=datetime.date.today().isoformat())


@pytest.mark.parametrize(("group", "status"), [("NSCG", "member"), ("NSS_2016", "participant")])
def test_a_group_map_shows_its_members_as_of_the_day(client: TestClient, group: str, status: str) -> None:
    """An initiative's members, a summit's participants (an Event), on a day."""
    answer = map_answer(client, group, "2020-12-31")
    states = {state["id"] for state in answer["states"]}
    members = {entity for entity, held in answer["status_on_day"].items() if held == status and entity in states}
    assert members == group_members(group, as_of="2020-12-31")
    assert members
    assert [c["list"] for c in answer["completeness"]] == ["members"]


def test_the_map_says_how_complete_the_list_is(client: TestClient) -> None:
    answer = map_answer(client, "ICSANT", None)
    assert [c["list"] for c in answer["completeness"]] == ["parties", "signatories"]
    listed = client.get(f"{API}/instruments/ICSANT/parties").json()["completeness"][0]
    assert answer["completeness"][0]["summary"] == listed["summary"]


def test_a_map_of_an_unknown_node_or_a_state_is_a_404_with_suggestions(client: TestClient) -> None:
    response = client.get(f"{API}/maps/ICSAN")
    assert is_problem(response, 404)
    assert "ICSANT" in response.json()["detail"]
    assert is_problem(client.get(f"{API}/maps/JPN"), 404)


def _profile_items(client: TestClient, iso3: str, day: str | None) -> dict[str, set[str]]:
    profile = client.get(f"{API}/states/{iso3}", params={"as_of": day} if day else {}).json()
    return {"instruments": {row["instrument"]["id"] for row in profile["instruments"] if row["status"] != "none"},
            **{section: {row["node"]["id"] for row in profile[section]}
               for section in ("commitments", "events", "memberships")}}


@pytest.mark.parametrize("day", [None, "2015-12-31"])
def test_a_comparison_is_the_difference_of_the_two_profiles(client: TestClient, day: str | None) -> None:
    response = client.get(f"{API}/compare", params={"a": "jpn", "b": "IND", **({"as_of": day} if day else {})})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert (answer["a"]["id"], answer["b"]["id"], answer["as_of"]) == ("JPN", "IND", day)
    a, b = _profile_items(client, "JPN", day), _profile_items(client, "IND", day)
    for section in answer["sections"]:
        name, items = section["section"], section["items"]
        by_difference = {kind: {row["item"]["id"] for row in items if row["difference"] == kind}
                         for kind in ("only_a", "only_b", "differs", "same")}
        assert by_difference["only_a"] == a[name] - b[name]
        assert by_difference["only_b"] == b[name] - a[name]
        assert by_difference["differs"] | by_difference["same"] == a[name] & b[name]
        order = [row["difference"] for row in items]
        assert order == sorted(order, key=["only_a", "only_b", "differs", "same"].index)
    assert any(row["difference"] != "same" for section in answer["sections"] for row in section["items"])


def test_a_state_compared_with_itself_is_the_same_everywhere_and_an_unknown_one_is_a_404(client: TestClient) -> None:
    answer = client.get(f"{API}/compare", params={"a": "JPN", "b": "jpn"}).json()
    assert {row["difference"] for section in answer["sections"] for row in section["items"]} == {"same"}
    assert is_problem(client.get(f"{API}/compare", params={"a": "JPN", "b": "XYZ"}), 404)


def test_the_docs_pages_load_their_assets_from_this_origin(client: TestClient) -> None:
    docs, redoc = client.get("/docs").text, client.get("/redoc").text
    assert "cdn." not in docs + redoc and "fonts.googleapis" not in redoc
    assert '"validatorUrl": null' in docs
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon.png"):
        assert client.get(f"/static-offline-docs/{asset}").status_code == 200


def test_the_docs_pages_forbid_other_hosts(client: TestClient) -> None:
    for page in ("/docs", "/redoc"):
        policy = client.get(page).headers["content-security-policy"]
        assert "default-src 'self'" in policy and "https:" not in policy
    assert "content-security-policy" not in client.get(f"{API}/health").headers
