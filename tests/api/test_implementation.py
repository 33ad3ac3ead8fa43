"""Implementation answers against expectations computed from the data files alone (relations.csv for the
ties, memberships.csv for subscribers and summit participants, treaty_actions.csv for party and signature
facts, catalog.yaml for subkinds and dates), with graph.dating.day_status for the day rule."""

import csv
import datetime
import html
import io
from collections import Counter, defaultdict
from functools import cache

import pytest
from fastapi.testclient import TestClient

from graph.dating import date_bounds, day_status
from tests.api import API, NOT_CONSENT, PROBLEM_JSON, catalog, memberships, relations, treaty_actions

ADOPTING = {"communique", "work_plan", "action_plan"}


def event_date(event_id: str) -> str:
    return next(str(e["date"]) for e in catalog()["event"] if e["id"] == event_id)


def document_date(commitment_id: str) -> str:
    return next(str(c["date"]) for c in catalog()["commitment"] if c["id"] == commitment_id)


DAYS = [None, event_date("NSS_2014"), event_date("NSS_2016"), document_date("COMMUNIQUE_2016")]
"""Every fact on record (today); the 2014 summit's day; the 2016 summit's first day, and its closing day (the date
of its communiqué), as catalog.yaml gives them."""


@cache
def subkind() -> dict[str, str]:
    return {item["id"]: item.get("subkind") for items in catalog().values() for item in items}


@cache
def commitment_dates() -> dict[str, str | None]:
    return {item["id"]: (str(item["date"]) if item.get("date") else None) for item in catalog()["commitment"]}


@cache
def joinable() -> set[str]:
    """Instruments some State (or EURATOM) joined by consent."""
    return {r["instrument_id"] for r in treaty_actions() if r["action"] not in NOT_CONSENT}


@cache
def ties() -> dict[str, set[str]]:
    """commitment -> joinable instruments, by the commitment gap's rule, from relations.csv."""
    instruments = {item["id"] for item in catalog()["legal_instrument"]}
    commitments = set(commitment_dates())
    direct: dict[str, set[str]] = defaultdict(set)
    references: dict[str, set[str]] = defaultdict(set)
    circulated: dict[str, set[str]] = defaultdict(set)
    for r in relations():
        if r["relation"] in ("REFERENCES", "SUPPORTS") and r["to_id"] in instruments:
            direct[r["from_id"]].add(r["to_id"])
        if r["relation"] == "REFERENCES" and r["to_id"] in commitments:
            references[r["from_id"]].add(r["to_id"])
        if r["relation"] == "CIRCULATED_AS":
            circulated[r["from_id"]].add(r["to_id"])
            circulated[r["to_id"]].add(r["from_id"])
    out: dict[str, set[str]] = {}
    for c in commitments:
        tied: set[str] = set()
        for d in {c} | circulated[c]:
            if d not in commitments:
                continue
            tied |= direct[d]
            for ref in references[d]:
                tied |= direct[ref]
        if tied & joinable():
            out[c] = tied & joinable()
    return out


@cache
def issued_at() -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for r in relations():
        if r["relation"] == "ISSUED_AT":
            out[r["from_id"]].append(r["to_id"])
    return out


def subscriptions(commitment: str) -> list[tuple[str, str, str | None]]:
    """(State, date, derived_from) for a commitment: its own State subscribers, else the summit's participants."""
    own = [r for r in memberships() if r["group_id"] == commitment]
    if own:
        return [(r["member_id"], r["date_or_year"], None) for r in own if r["member_kind"] == "state"]
    if subkind()[commitment] not in ADOPTING:
        return []
    out = []
    for event in issued_at()[commitment]:
        if subkind().get(event) != "summit":
            continue
        for r in memberships():
            if r["group_id"] == event and r["member_kind"] == "state":
                out.append((r["member_id"], commitment_dates()[commitment] or r["date_or_year"], event))
    return out


def facts(action_kind: str) -> dict[tuple[str, str], str]:
    """(State, instrument) -> date of its consent ('party') or signature ('signature') row."""
    return {(r["iso3"], r["instrument_id"]): r["date"] for r in treaty_actions() if r["iso3"] and (
        (action_kind == "party" and r["action"] not in NOT_CONSENT) or r["action"] == action_kind)}


def expected_status(subscribed: str, state: str, instrument: str, day: str | None) -> tuple[str, float | None]:
    party, signature = facts("party").get((state, instrument)), facts("signature").get((state, instrument))
    if (state, instrument) in facts("party") and day_status(party, day) == "counts":
        c, s = date_bounds(party), date_bounds(subscribed)
        if c and s:
            lag = round((datetime.date.fromisoformat(c[0]) - datetime.date.fromisoformat(s[0])).days / 365.25, 2)
            if c[1] <= s[0]:
                return "already_party", lag
            if c[0] > s[1]:
                return "became_party", lag
        return "party_order_unknown", None
    if (state, instrument) in facts("signature") and day_status(signature, day) == "counts":
        return "not_yet_party", None
    return "no_fact_known", None


def expected_rows(commitment: str, day: str | None, state: str | None = None) -> set[tuple]:
    if commitment not in ties() or day_status(commitment_dates()[commitment], day) not in ("counts", "undated"):
        return set()
    rows = set()
    for member, subscribed, derived_from in subscriptions(commitment):
        if (state and member != state) or day_status(subscribed or None, day) != "counts":
            continue
        for instrument in ties()[commitment]:
            status, lag = expected_status(subscribed, member, instrument, day)
            rows.add((member, commitment, instrument, status, subscribed or None, lag, derived_from))
    return rows


def got_rows(answer: dict) -> set[tuple]:
    return {(r["state"]["id"], r["commitment"]["id"], r["instrument"]["id"], r["status"], r["subscribed"],
             r["lag_years"], r["derived_from"]) for r in answer["data"]}


def query(day: str | None) -> dict[str, str]:
    return {"as_of": day} if day else {}


def test_the_files_hold_what_these_tests_need() -> None:
    assert "JS2016_SUSTAINING_ACTION" in ties() and "WORK_PLAN_2010" in ties()
    assert any(derived for _, _, derived in subscriptions("WORK_PLAN_2010"))


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("commitment", ["JS2016_SUSTAINING_ACTION", "WORK_PLAN_2010", "COMMUNIQUE_2012"])
def test_commitment_implementation_matches_the_files(client: TestClient, commitment: str, day: str | None) -> None:
    response = client.get(f"{API}/commitments/{commitment}/implementation", params=query(day))
    assert response.status_code == 200, response.text
    answer = response.json()
    expected = expected_rows(commitment, day)
    assert got_rows(answer) == expected
    assert answer["counts"] == {s: Counter(row[3] for row in expected)[s] for s in answer["counts"]}
    assert answer["as_of"] == day
    assert "no_fact_known" in answer["rule"] and "already_party" in answer["rule"]
    assert [i["instrument"]["id"] for i in answer["instruments"]] == sorted(ties()[commitment])
    derived = {row[6] for row in expected} - {None}
    assert {item["derived_from"] for item in answer["lists"]} - {None} == derived
    assert all(r["derived"] == (r["derived_from"] is not None) for r in answer["data"])
    if day:
        unplaced = {(m, commitment) for m, s, _ in subscriptions(commitment)
                    if day_status(s or None, day) in ("undated", "imprecise")}
        exclusions = answer["exclusions"]
        got = {(f["subject"], f["object"]) for f in exclusions["undated"] + exclusions["imprecise"]
               if f["type"] == "SUBSCRIBED_TO"}
        assert got == unplaced
    else:
        assert answer["exclusions"] is None


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("state", ["JPN", "USA", "PAK"])
def test_state_implementation_matches_the_files(client: TestClient, state: str, day: str | None) -> None:
    answer = client.get(f"{API}/states/{state.lower()}/implementation", params=query(day)).json()
    expected = set().union(*(expected_rows(c, day, state) for c in ties()))
    assert got_rows(answer) == expected
    assert answer["state"]["id"] == state
    assert {item["commitment"]["id"] for item in answer["lists"]} == {row[1] for row in expected}


@pytest.mark.parametrize("day", [None, document_date("COMMUNIQUE_2016")])
@pytest.mark.parametrize("event", ["NSS_2014", "NSS_2016", "NSS_2010"])
def test_summit_overview_counts_its_statements(client: TestClient, event: str, day: str | None) -> None:
    answer = client.get(f"{API}/implementation/summits/{event}", params=query(day)).json()
    side = {r["from_id"] for r in relations() if r["relation"] == "PART_OF" and r["to_id"] == event}
    issued = {c for c, events in issued_at().items() if set(events) & ({event} | side)}
    assert {s["commitment"]["id"] for s in answer["statements"]} == issued
    expected = set().union(*(expected_rows(c, day) for c in issued))
    assert got_rows(answer) == expected
    assert answer["counts"] == {s: Counter(row[3] for row in expected)[s] for s in answer["counts"]}
    for statement in answer["statements"]:
        assert set(statement["tied_to"]) == ties().get(statement["commitment"]["id"], set())
    assert {item["commitment"]["id"] for item in answer["lists"]} == issued & set(ties())


def test_csv_is_one_row_per_subscriber_and_instrument(client: TestClient) -> None:
    day = document_date("COMMUNIQUE_2016")
    response = client.get(f"{API}/commitments/JS2016_SUSTAINING_ACTION/implementation",
                          params={"as_of": day, "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {"state_id", "instrument_id", "commitment_id", "status", "subscribed", "party_since", "lag_years",
            "derived", "subscription_sources"} <= set(rows[0])
    assert {(r["state_id"], r["instrument_id"], r["status"]) for r in rows} == {
        (row[0], row[2], row[3]) for row in expected_rows("JS2016_SUSTAINING_ACTION", day)}
    state_csv = client.get(f"{API}/states/JPN/implementation", params={"format": "csv"}).text
    assert {r["state_id"] for r in csv.DictReader(io.StringIO(state_csv))} == {"JPN"}
    before = client.get(f"{API}/commitments/JS2016_SUSTAINING_ACTION/implementation",
                        params={"as_of": event_date("NSS_2016"), "format": "csv"}).text  # issued the next day
    assert before.splitlines()[0].split(",")[:5] == ["state_id", "state_name", "commitment_id", "instrument_id",
                                                     "status"]
    assert len(before.splitlines()) == 1


def test_unknown_ids_are_problems_with_suggestions(client: TestClient) -> None:
    response = client.get(f"{API}/commitments/WORK_PLAN_201/implementation")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    assert "WORK_PLAN_2010" in response.json()["detail"]
    assert client.get(f"{API}/states/XXX/implementation").status_code == 404
    assert client.get(f"{API}/implementation/summits/NSS_2015").status_code == 404
    assert client.get(f"{API}/commitments/WORK_PLAN_2010/implementation", params={"as_of": "2016-13-01"}
                      ).status_code == 422


def test_an_untied_commitment_says_so(client: TestClient) -> None:
    untied = sorted(set(commitment_dates()) - set(ties()))[0]
    answer = client.get(f"{API}/commitments/{untied}/implementation").json()
    assert answer["data"] == []
    assert answer["caveats"]


@pytest.mark.parametrize("path", ["commitment/JS2016_SUSTAINING_ACTION", "state/JPN", "summit/NSS_2016"])
def test_the_pages_show_the_table_offline(client: TestClient, path: str) -> None:
    day = document_date("COMMUNIQUE_2016")
    response = client.get(f"/viz/implementation/{path}", params={"as_of": day})
    assert response.status_code == 200
    page = response.text
    assert "<script" not in page and "http://" not in page and "https://" not in page
    kind, node_id = path.split("/")
    api = {"commitment": f"{API}/commitments/{node_id}/implementation",
           "state": f"{API}/states/{node_id}/implementation",
           "summit": f"{API}/implementation/summits/{node_id}"}[kind]
    answer = client.get(api, params={"as_of": day}).json()
    assert page.count("<tr data-state=") == answer["total"]
    for caveat in answer["caveats"][:3]:
        assert html.escape(caveat, quote=True)[:60] in page
    assert client.get("/viz/implementation/commitment/NOPE").status_code == 404
