"""Every gap as of a day, against answers computed from the data files with graph.dating.day_status.

The days come from the data too: before the summits, the closing day of each summit (the last full day
among the event's date in data/catalog.yaml and the dates of the documents issued at it), the day after,
and today (no as_of).
"""

import datetime
from collections import defaultdict
from functools import cache
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.dating import date_bounds, day_status
from graph.driver import GraphDatabaseClient
from queries.gaps import universalization_gap
from tests.api.test_gaps import (
    catalog,
    consents,
    full_years,
    is_historical,
    kind_of,
    rows,
    signatures,
    subregions,
)

BEFORE_SUMMITS = datetime.date(2009, 12, 31)
LEFT_OUT = {"undated", "imprecise"}


@cache
def node_dates() -> dict[str, str | None]:
    return {item["id"]: item.get("date") for items in catalog().values() for item in items}


@cache
def summit_days() -> dict[str, tuple[datetime.date, datetime.date]]:
    """summit -> (closing day, day after): the last full day among the event's date and the dates of
    the documents issued at it (ISSUED_AT rows and the documents' own dates)."""
    out = {}
    summits = [item for item in catalog()["event"] if item.get("subkind") == "summit"]
    issued = [r for r in rows("relations.csv") if r["relation"] == "ISSUED_AT"]
    for event in summits:
        dates = [event["date"]] + [d for r in issued if r["to_id"] == event["id"]
                                   for d in (r["date"], node_dates().get(r["from_id"]))]
        full = [d for d in dates if d and len(d) == 10]
        closing = datetime.date.fromisoformat(max(full))
        out[event["id"]] = (closing, closing + datetime.timedelta(days=1))
    return out


def days() -> list[datetime.date | None]:
    """Before the summits, each summit's closing day and the day after, and today."""
    return [BEFORE_SUMMITS, *(d for pair in summit_days().values() for d in pair), None]


def counts(date: str | None, day: datetime.date | None) -> bool:
    return day_status(date or None, day) == "counts"


def node_counts(node_id: str, day: datetime.date | None) -> bool:
    """The node rule: an undated node is structure and counts; a dated one counts from its date."""
    date = node_dates().get(node_id)
    return not date or counts(str(date), day)


def memberships(group: str) -> list[dict[str, str]]:
    return [r for r in rows("memberships.csv") if r["group_id"] == group and r["member_kind"] == "state"]


def q(day: datetime.date | None) -> dict[str, str]:
    return {"as_of": day.isoformat()} if day else {}


# --- universalization ----------------------------------------------------------------------------

def expected_gap(group: str, instrument: str, day: datetime.date | None) -> dict[str, Any]:
    """Members on the day, split into parties, States whose party fact cannot be placed, and the gap."""
    parties, signed = consents(instrument), signatures(instrument)
    members = [r["member_id"] for r in memberships(group) if counts(r["date_or_year"], day)]
    left_out = {(r["member_id"], r["date_or_year"]) for r in memberships(group)
                if day_status(r["date_or_year"] or None, day) in LEFT_OUT}
    gap, unplaced = {}, set()
    for state in members:
        standing = day_status(parties[state] or None, day) if state in parties else None
        if standing == "counts":
            continue
        if standing in LEFT_OUT:
            unplaced.add(state)
            left_out.add((state, parties[state]))
            continue
        signature = signed.get(state)
        on_day = signature is not None and counts(signature, day)
        gap[state] = ("signed, not ratified" if on_day else "no signature known", signature if on_day else None)
    return {"members": len(members), "gap": gap, "unplaced": unplaced, "left_out": left_out}


def assert_gap(body: dict[str, Any], expected: dict[str, Any], day: datetime.date | None) -> None:
    got = {r["state"]["id"]: (r["signature_status"], r["signature_date"]) for r in body["data"]}
    assert got == expected["gap"]
    assert body["members"] == expected["members"]
    assert set(body["party_unplaced"]) == expected["unplaced"]
    assert body["parties_known"] == expected["members"] - len(expected["gap"]) - len(expected["unplaced"])
    assert body["as_of"] == (day.isoformat() if day else None)
    if day is None:
        assert body["exclusions"] is None
    else:
        excluded = body["exclusions"]
        named = {(f["subject"], f["date"] or "") for f in excluded["undated"] + excluded["imprecise"]}
        assert named >= {(s, d) for s, d in expected["left_out"]}
        assert "on or before" in excluded["rule"]


@pytest.mark.parametrize("instrument", ["ICSANT", "A_CPPNM"])
def test_summit_participants_on_each_closing_day_and_the_day_after(client: TestClient, instrument: str) -> None:
    """E.g. "NSS 2010 participants not party to ICSANT on 2010-04-13": both lists as they stood that day."""
    assert summit_days(), "the catalog should hold the summits"
    for summit, pair in summit_days().items():
        for day in pair:
            body = client.get("/api/v1/gaps/universalization",
                              params={"instrument": instrument, "group": summit, **q(day)}).json()
            expected = expected_gap(summit, instrument, day)
            assert expected["members"], f"{summit} should have participants on {day}"
            assert_gap(body, expected, day)


def test_nss_2010_on_its_closing_day_differs_from_today(client: TestClient) -> None:
    closing, _ = summit_days()["NSS_2010"]
    on_day = client.get("/api/v1/gaps/universalization",
                        params={"instrument": "ICSANT", "group": "NSS_2010", "as_of": closing.isoformat()}).json()
    today = client.get("/api/v1/gaps/universalization", params={"instrument": "ICSANT", "group": "NSS_2010"}).json()
    assert_gap(on_day, expected_gap("NSS_2010", "ICSANT", closing), closing)
    assert_gap(today, expected_gap("NSS_2010", "ICSANT", None), None)
    later_parties = {s for s, d in consents("ICSANT").items() if d and d > closing.isoformat()}
    assert {r["state"]["id"] for r in on_day["data"]} & later_parties, "some 2010 gaps were closed later"


@pytest.mark.parametrize("day", days(), ids=str)
def test_groups_and_regions_on_several_days(client: TestClient, day: datetime.date | None) -> None:
    for group in ("NSS_2010", "NSS_2016", "NSCG", "GICNT"):
        body = client.get("/api/v1/gaps/universalization",
                          params={"instrument": "ICSANT", "group": group, **q(day)}).json()
        assert_gap(body, expected_gap(group, "ICSANT", day), day)
    region = {iso for iso, sub in subregions().items() if sub == "Southern Asia"}
    body = client.get("/api/v1/gaps/universalization",
                      params={"instrument": "ICSANT", "region": "Southern Asia", **q(day)}).json()
    parties = consents("ICSANT")
    assert body["members"] == len(region)
    assert {r["state"]["id"] for r in body["data"]} == {
        s for s in region if s not in parties or day_status(parties[s] or None, day) == "after"}


def test_universalization_is_one_round_trip(loaded_db: GraphDatabaseClient, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_read = loaded_db.read

    def counting_read(query: Any, parameters: Any = None, **kwargs: Any) -> Any:
        calls.append(query)
        return real_read(query, parameters, **kwargs)

    monkeypatch.setattr(loaded_db, "read", counting_read)
    closing, _ = summit_days()["NSS_2010"]
    for kwargs in ({"group": "NSS_2016"}, {"region": "Southern Asia"}, {"states": ["PAK", "FRA"]},
                   {"group": "NSS_2010", "as_of": closing}):
        calls.clear()
        universalization_gap(loaded_db, "ICSANT", **kwargs)  # type: ignore[arg-type]
        assert len(calls) == 1, kwargs


def test_universalization_contract(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/api/v1/gaps/universalization"]["get"]
    assert "exactly one of" in operation["description"]
    described = {p["name"]: p["description"] for p in operation["parameters"]}
    assert all("exactly one of" in described[name] for name in ("group", "region", "state"))
    assert "on or before" in described["as_of"]
    refused = client.get("/api/v1/gaps/universalization", params={"instrument": "ICSANT", "group": "NSCG",
                                                                  "region": "Africa"})
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("application/problem+json")
    assert "exactly one of" in refused.json()["detail"]


# --- amendment -------------------------------------------------------------------------------------

@pytest.mark.parametrize("day", days(), ids=str)
def test_amendment_gap_as_of(client: TestClient, day: datetime.date | None) -> None:
    body = client.get("/api/v1/gaps/amendment", params=q(day)).json()
    base, target = consents("CPPNM"), consents("A_CPPNM")
    on_day = {p for p, d in base.items() if counts(d, day) and not is_historical(p)}
    standing = {p: day_status(target[p] or None, day) if p in target else None for p in on_day}
    assert {r["state"]["id"] for r in body["data"]} == {p for p, s in standing.items() if s in (None, "after")}
    assert set(body["party_unplaced"]) == {p for p, s in standing.items() if s in LEFT_OUT}
    assert body["as_of"] == (day.isoformat() if day else None)


# --- commitments -------------------------------------------------------------------------------------

def tied_on(instrument: str, day: datetime.date | None) -> set[str]:
    """The tie rule of the commitment gap with only the documents and dated links of the day."""
    kinds = kind_of()
    link_rows = [r for r in rows("relations.csv") if not r["date"] or counts(r["date"], day)]

    def links(kind: str) -> set[tuple[str, str]]:
        return {(r["from_id"], r["to_id"]) for r in link_rows if r["relation"] == kind}

    commitments = {i for i, k in kinds.items() if k == "commitment" and node_counts(i, day)}
    direct = links("REFERENCES") | links("SUPPORTS")
    circulated = links("CIRCULATED_AS")
    tied = set()
    if not node_counts(instrument, day):
        return tied
    for c in commitments:
        same = ({c} | {b for a, b in circulated if a == c} | {a for a, b in circulated if b == c}) & commitments
        for c2 in same:
            hops = {c2} | {b for a, b in links("REFERENCES") if a == c2 and b in commitments}
            if any((d, instrument) in direct for d in hops):
                tied.add(c)
    return tied


@pytest.mark.parametrize("day", [BEFORE_SUMMITS, *summit_days()["NSS_2014"], *summit_days()["NSS_2016"], None],
                         ids=str)
def test_commitment_gap_as_of(client: TestClient, day: datetime.date | None) -> None:
    today = datetime.date(2026, 3, 1)
    params = {"instrument": "ICSANT", **(q(day) if day else {"today": today.isoformat()})}
    body = client.get("/api/v1/gaps/commitments", params=params).json()
    tied = tied_on("ICSANT", day)
    parties = consents("ICSANT")
    expected = {}
    for r in rows("memberships.csv"):
        if r["group_id"] not in tied or r["member_kind"] != "state" or not counts(r["date_or_year"], day):
            continue
        state = r["member_id"]
        if state in parties and day_status(parties[state] or None, day) != "after":
            continue  # a party on the day, or a party fact that cannot be placed on it
        expected[(state, r["group_id"])] = r["date_or_year"]
    got = {(r["state"]["id"], r["commitment"]["id"]): r for r in body["data"]}
    assert set(got) == set(expected)
    assert {c["commitment"]["id"] for c in body["commitments"]} == tied
    reference = day or today
    assert body["today"] == reference.isoformat()
    for key, when in expected.items():
        assert got[key]["years_since"] == full_years(when, reference)
    if day is not None:
        named = {f["subject"] for f in body["exclusions"]["imprecise"] if f["type"] == "REFERENCES|SUPPORTS"}
        assert named <= tied_on("ICSANT", None) - tied
        assert all(day_status(node_dates()[c], day) == "imprecise" for c in named)


def test_commitment_gap_today_and_as_of(client: TestClient) -> None:
    closing, _ = summit_days()["NSS_2016"]
    same = client.get("/api/v1/gaps/commitments", params={"instrument": "ICSANT", "as_of": closing.isoformat(),
                                                          "today": closing.isoformat()})
    assert same.status_code == 200 and same.json()["today"] == closing.isoformat()
    clash = client.get("/api/v1/gaps/commitments", params={"instrument": "ICSANT", "as_of": closing.isoformat(),
                                                           "today": "2026-03-01"})
    assert clash.status_code == 422 and "as_of" in clash.json()["detail"]


# --- topics and what-if ------------------------------------------------------------------------------

@pytest.mark.parametrize("day", [BEFORE_SUMMITS, *summit_days()["NSS_2012"], None], ids=str)
def test_topic_gap_as_of(client: TestClient, day: datetime.date | None) -> None:
    body = client.get("/api/v1/gaps/topics", params=q(day)).json()
    kinds = kind_of()
    by_topic: dict[str, set[str]] = defaultdict(set)
    for r in rows("relations.csv"):
        link_counts = not r["date"] or counts(r["date"], day)
        if r["relation"] == "ADDRESSES" and link_counts and node_counts(r["from_id"], day):
            by_topic[r["to_id"]].add(kinds[r["from_id"]])
    expected = {t for t, k in by_topic.items() if k & {"commitment", "guidance"} and "legal_instrument" not in k}
    assert {r["topic"]["id"] for r in body["data"]} == expected
    assert body["as_of"] == (day.isoformat() if day else None)


def expected_what_if(iso3: str, day: datetime.date | None) -> list[tuple[str, int]]:
    subs = subregions()
    groups: dict[str, set[str]] = defaultdict(set)
    mine: dict[str, set[str]] = defaultdict(set)  # item -> my facts' standings
    for r in rows("memberships.csv"):
        if r["member_kind"] != "state":
            continue
        standing = day_status(r["date_or_year"] or None, day)
        if standing == "counts":
            groups[r["group_id"]].add(r["member_id"])
        if r["member_id"] == iso3:
            mine[r["group_id"]].add(standing)
    peers = {s for s, sub in subs.items() if sub == subs.get(iso3) and s != iso3}
    peers |= {s for members in groups.values() if iso3 in members for s in members if s != iso3}
    joined: dict[str, set[str]] = defaultdict(set)
    for inst in {r["instrument_id"] for r in rows("treaty_actions.csv")}:
        for party, date in consents(inst).items():
            standing = day_status(date or None, day)
            if standing == "counts":
                joined[inst].add(party)
            if party == iso3:
                mine[inst].add(standing)
    kinds = kind_of()
    for group, members in groups.items():
        if kinds[group] in ("initiative", "commitment"):
            joined[group] |= members
    ranking = [(item, len(members & peers)) for item, members in joined.items()
               if not (mine[item] - {"after"}) and members & peers and node_counts(item, day)]
    return sorted(ranking, key=lambda x: (-x[1], x[0]))


@pytest.mark.parametrize("day", [BEFORE_SUMMITS, summit_days()["NSS_2016"][0], None], ids=str)
def test_what_if_as_of(client: TestClient, day: datetime.date | None) -> None:
    body = client.get("/api/v1/gaps/what-if/PAK", params=q(day)).json()
    assert [(r["item"]["id"], r["joined_peers"]) for r in body["data"]] == expected_what_if("PAK", day)
    assert body["as_of"] == (day.isoformat() if day else None)


def test_dates_are_full_days_or_periods() -> None:
    """The closing days read from the catalog are real days (guards the helpers above)."""
    for closing, after in summit_days().values():
        assert date_bounds(closing.isoformat()) == (closing.isoformat(), closing.isoformat())
        assert after > closing
