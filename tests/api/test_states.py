"""`/states/{iso3}` against the shipped files: instruments, commitments, events, memberships, topics."""

from collections import Counter
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api import API, actions, catalog, catalog_ids, cited, is_problem, memberships, relations, un_region

STATES = ("JPN", "NZL", "KAZ")


def profile(client: TestClient, iso3: str) -> dict[str, Any]:
    response = client.get(f"{API}/states/{iso3}")
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def expected_involvements(iso3: str, kinds: set[str]) -> dict[str, tuple[str | None, str, list[str], str]]:
    """Group id -> (date, role, sources, confidence) of the State's memberships.csv rows in those kinds."""
    group_ids = set().union(*(catalog_ids(kind) for kind in kinds))
    return {row["group_id"]: (row["date_or_year"] or None, row["role"], cited(row), row["confidence"])
            for row in memberships() if row["member_id"] == iso3 and row["group_id"] in group_ids}


def involvements(items: list[dict[str, Any]]) -> dict[str, tuple[str | None, str, list[str], str]]:
    return {item["node"]["id"]: (item["date"], item["role"], item["sources"], item["confidence"]) for item in items}


@pytest.mark.parametrize("iso3", STATES)
def test_instrument_statuses_equal_the_files(client: TestClient, iso3: str) -> None:
    answer = {item["instrument"]["id"]: item for item in profile(client, iso3)["instruments"]}
    assert set(answer) == catalog_ids("legal_instrument")
    for instrument, item in answer.items():
        rows = actions(instrument, iso3)
        consent, signature, in_force = rows.get("consent"), rows.get("signature"), rows.get("entry_into_force")
        assert item["status"] == ("party" if consent else "signatory" if signature else "none"), instrument
        assert item["consent_date"] == (consent["date"] or None if consent else None)
        assert item["consent_kind"] == (consent["action"] if consent else None)
        assert item["consent_sources"] == (cited(consent) if consent else [])
        assert item["signature_date"] == (signature["date"] or None if signature else None)
        assert item["signature_sources"] == (cited(signature) if signature else [])
        assert item["entry_into_force"] == (in_force["date"] if in_force else None)
        assert item["entry_into_force_sources"] == (cited(in_force) if in_force else [])
        assert set(item["sources"]) == {*item["consent_sources"], *item["signature_sources"],
                                        *item["entry_into_force_sources"]}


@pytest.mark.parametrize("iso3", STATES)
def test_commitments_events_and_memberships_equal_the_files(client: TestClient, iso3: str) -> None:
    answer = profile(client, iso3)
    assert involvements(answer["commitments"]) == expected_involvements(iso3, {"commitment"})
    assert involvements(answer["events"]) == expected_involvements(iso3, {"event"})
    assert involvements(answer["memberships"]) == expected_involvements(iso3, {"initiative", "organization"})
    assert answer["commitments"], f"{iso3} subscribed to commitments in memberships.csv"


@pytest.mark.parametrize("iso3", STATES)
def test_topics_count_the_commitments_addressing_them(client: TestClient, iso3: str) -> None:
    subscribed = set(expected_involvements(iso3, {"commitment"}))
    topics = catalog_ids("topic")
    addressed = {(row["from_id"], row["to_id"]) for row in relations()
                 if row["relation"] == "ADDRESSES" and row["from_id"] in subscribed and row["to_id"] in topics}
    expected = Counter(topic for _, topic in addressed)
    answer = profile(client, iso3)["topics"]
    assert {item["topic"]["id"]: item["count"] for item in answer} == dict(expected)
    assert [item["count"] for item in answer] == sorted((item["count"] for item in answer), reverse=True)
    for item in answer:
        assert sorted(item["commitments"]) == sorted(c for c, t in addressed if t == item["topic"]["id"])


def test_own_properties(client: TestClient) -> None:
    answer = profile(client, "NZL")
    names = {item["id"]: item for item in catalog()["legal_instrument"]}
    assert answer["id"] == "NZL"
    assert answer["name"] == "New Zealand"
    assert answer["un_region"] == un_region("NZL") == "Oceania"
    assert answer["un_subregion"]
    assert answer["un_member"] is True
    assert answer["historical"] is False
    assert {item["instrument"]["name"] for item in answer["instruments"]} == {i["name"] for i in names.values()}


def test_lower_case_iso3_is_accepted(client: TestClient) -> None:
    assert profile(client, "jpn") == profile(client, "JPN")


def test_unknown_state_suggests(client: TestClient) -> None:
    response = client.get(f"{API}/states/JPX")
    assert is_problem(response, 404)
    assert "JPN" in response.json()["suggestions"]
