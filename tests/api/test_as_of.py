"""Every answer on any date: parties, the State profile, backing and node details as of a day, each
checked against what the data files say that day (graph.dating's rule applied to the CSV rows)."""

import csv
import datetime
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from graph.dating import day_status
from loaders.dataset import SHIPPED_DATA_DIR

pytestmark = pytest.mark.usefixtures("client")


def _rows(name: str) -> list[dict[str, str]]:
    with (SHIPPED_DATA_DIR / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@cache
def treaty_actions() -> list[dict[str, str]]:
    return _rows("treaty_actions.csv")


@cache
def memberships() -> list[dict[str, str]]:
    return _rows("memberships.csv")


@cache
def catalog() -> dict[str, list[dict[str, Any]]]:
    return yaml.safe_load((SHIPPED_DATA_DIR / "catalog.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def kind_of(entity_id: str) -> str | None:
    return next((kind for kind, items in catalog().items() for item in items if item["id"] == entity_id), None)


def summit_days() -> Iterator[str]:
    """Each summit's own date and the day after it (its closing day for the two-day summits)."""
    for event in catalog()["event"]:
        if event.get("subkind") == "summit" and event.get("date"):
            day = datetime.date.fromisoformat(str(event["date"]))
            yield day.isoformat()
            yield (day + datetime.timedelta(days=1)).isoformat()


DAYS = ["2009-12-31", *summit_days(), None]
CONSENT_ACTIONS = {"signature", "entry_into_force"}


def party_of(row: dict[str, str]) -> str:
    return row["iso3"] or row["state_name"]


def consents(instrument: str) -> list[dict[str, str]]:
    return [row for row in treaty_actions() if row["instrument_id"] == instrument
            and row["action"] not in CONSENT_ACTIONS]


def params(day: str | None, **extra: Any) -> dict[str, Any]:
    return {**extra, **({"as_of": day} if day else {})}


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("instrument", ["ICSANT", "CPPNM", "A_CPPNM"])
def test_parties_as_of_a_day_are_the_consents_dated_by_then(client: TestClient, instrument: str,
                                                            day: str | None) -> None:
    rows = consents(instrument)
    expected = {party_of(row) for row in rows if day_status(row["date"] or None, day) == "counts"}
    undated = {party_of(row) for row in rows if day and day_status(row["date"] or None, day) == "undated"}
    body = client.get(f"/api/v1/instruments/{instrument}/parties", params=params(day)).json()
    assert {row["state"]["id"] for row in body["data"]} == expected
    assert body["as_of"] == day
    assert body["undated_excluded"] == len(undated)
    if day:
        assert {fact["subject"] for fact in body["exclusions"]["undated"]} == undated
        assert "on or before" in body["exclusions"]["rule"]
    else:
        assert body["exclusions"] is None


@pytest.mark.parametrize("day", DAYS)
def test_signatories_as_of_a_day_signed_by_then_and_are_not_yet_party(client: TestClient, day: str | None) -> None:
    signed = {party_of(row) for row in treaty_actions() if row["instrument_id"] == "ICSANT"
              and row["action"] == "signature" and day_status(row["date"] or None, day) == "counts"}
    party = {party_of(row) for row in consents("ICSANT") if day_status(row["date"] or None, day) == "counts"}
    body = client.get("/api/v1/instruments/ICSANT/parties", params=params(day, status="signatory")).json()
    assert {row["state"]["id"] for row in body["data"]} == signed - party


def summit_participant() -> str:
    """A State that took part in the first summit (read from the data)."""
    first = min((event for event in catalog()["event"] if event.get("subkind") == "summit"),
                key=lambda event: str(event["date"]))
    return next(row["member_id"] for row in memberships()
                if row["group_id"] == first["id"] and row["member_kind"] == "state")


@pytest.mark.parametrize("day", DAYS)
def test_a_state_profile_as_of_a_day_holds_what_was_dated_by_then(client: TestClient, day: str | None) -> None:
    state = summit_participant()
    body = client.get(f"/api/v1/states/{state}", params=params(day)).json()
    mine = [row for row in memberships() if row["member_id"] == state]
    for field, kind in (("events", "event"), ("commitments", "commitment")):
        expected = {row["group_id"] for row in mine if kind_of(row["group_id"]) == kind
                    and day_status(row["date_or_year"] or None, day) == "counts"}
        assert {item["node"]["id"] for item in body[field]} == expected, field
    party_to = {row["instrument_id"] for row in treaty_actions() if row["iso3"] == state
                and row["action"] not in CONSENT_ACTIONS and day_status(row["date"] or None, day) == "counts"}
    assert {item["instrument"]["id"] for item in body["instruments"] if item["status"] == "party"} == party_to
    adopted = {item["id"] for item in catalog()["legal_instrument"]
               if day_status(str(item.get("date") or "") or None, day) != "after"}
    assert {item["instrument"]["id"] for item in body["instruments"]} <= adopted


def test_a_state_profile_before_the_summits_has_no_summit_and_no_statement(client: TestClient) -> None:
    body = client.get(f"/api/v1/states/{summit_participant()}", params={"as_of": "2009-12-31"}).json()
    summits = {event["id"] for event in catalog()["event"] if event.get("subkind") == "summit"}
    statements = {item["id"] for item in catalog()["commitment"] if str(item.get("date") or "") >= "2010"}
    assert not {item["node"]["id"] for item in body["events"]} & summits
    assert not {item["node"]["id"] for item in body["commitments"]} & statements
    assert body["as_of"] == "2009-12-31"


def summit_members(event_id: str, day: str | None) -> set[str]:
    return {row["member_id"] for row in memberships() if row["group_id"] == event_id
            and row["member_kind"] == "state" and day_status(row["date_or_year"] or None, day) == "counts"}


@pytest.mark.parametrize("day", DAYS)
def test_backing_of_a_group_as_of_a_day_compares_both_lists_on_that_day(client: TestClient, day: str | None) -> None:
    body = client.get("/api/v1/backing", params=params(day, group="NSS_2016", instrument="ICSANT")).json()
    members = summit_members("NSS_2016", day)
    assert {row["state"]["id"] for row in body["data"]} == members
    party = {party_of(row) for row in consents("ICSANT") if day_status(row["date"] or None, day) == "counts"}
    assert {row["state"]["id"] for row in body["data"] if row["cells"]["ICSANT"]["status"] == "party"} == (
        members & party)


@pytest.mark.parametrize("day", DAYS)
def test_a_commitment_detail_as_of_a_day_links_only_the_subscriptions_dated_by_then(
        client: TestClient, day: str | None) -> None:
    commitment = "JS2016_SUSTAINING_ACTION"
    expected = {row["member_id"] for row in memberships() if row["group_id"] == commitment
                and day_status(row["date_or_year"] or None, day) == "counts"}
    body = client.get(f"/api/v1/commitments/{commitment}", params=params(day)).json()
    assert {link["node"]["id"] for link in body["links"].get("SUBSCRIBED_TO", [])} == expected
    assert body["as_of"] == day


def test_the_state_detail_route_is_the_profile_only(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    operations = schema["paths"]["/api/v1/states/{iso3}"]
    assert list(operations) == ["get"]
    assert "/api/v1/states/{node_id}" not in schema["paths"]


@pytest.mark.parametrize("day", ["2020-13-45", "0", "1700000000", "2016-4-1", "01/04/2016"])
def test_an_invalid_day_is_refused_with_a_problem(client: TestClient, day: str) -> None:
    """Only an ISO day is a day: a number is not read as a Unix time, nor a local format guessed."""
    response = client.get("/api/v1/instruments/ICSANT/parties", params={"as_of": day})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
