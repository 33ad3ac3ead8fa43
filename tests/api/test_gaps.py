"""Gap endpoints against answers computed independently from the data files (plain csv/yaml, no graph)."""

import csv
import datetime
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import country_converter as coco
import pycountry
import pytest
import yaml
from fastapi.testclient import TestClient

DATA = Path(__file__).resolve().parents[2] / "data"
NOT_CONSENT = {"signature", "entry_into_force"}


@cache
def rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def catalog() -> dict[str, Any]:
    return yaml.safe_load((DATA / "catalog.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def kind_of() -> dict[str, str]:
    return {item["id"]: kind for kind, items in catalog().items() for item in items}


@cache
def stated() -> dict[tuple[str, str], int]:
    entries = yaml.safe_load((DATA / "coverage.yaml").read_text(encoding="utf-8"))
    return {(e["of"], e["list"]): e["stated_count"] for e in entries}


def party_id(row: dict[str, str]) -> str:
    return row["iso3"] or row["state_name"]


def is_historical(code: str) -> bool:
    return code != "EURATOM" and pycountry.countries.get(alpha_3=code) is None


def consents(instrument: str) -> dict[str, str]:
    """party -> consent date ('' when undated)."""
    return {party_id(r): r["date"] for r in rows("treaty_actions.csv")
            if r["instrument_id"] == instrument and r["action"] not in NOT_CONSENT}


def signatures(instrument: str) -> dict[str, str]:
    return {party_id(r): r["date"] for r in rows("treaty_actions.csv")
            if r["instrument_id"] == instrument and r["action"] == "signature"}


def state_members(group: str) -> set[str]:
    return {r["member_id"] for r in rows("memberships.csv") if r["group_id"] == group and r["member_kind"] == "state"}


def relations(kind: str) -> list[tuple[str, str]]:
    return [(r["from_id"], r["to_id"]) for r in rows("relations.csv") if r["relation"] == kind]


@cache
def subregions() -> dict[str, str]:
    """UN sub-region of every State the graph holds: UN members and observers plus States the data names."""
    table = coco.CountryConverter().data.set_index("ISO3")
    used = {r["iso3"] for r in rows("treaty_actions.csv") if r["iso3"]}
    used |= {r["member_id"] for r in rows("memberships.csv") if r["member_kind"] == "state"}
    wanted = {*table.index[table["UNmember"].notna()], "VAT", "PSE", *(u for u in used if u in table.index)}
    return {iso: str(table.loc[iso, "UNregion"]) for iso in wanted}


# --- universalization ----------------------------------------------------------------------------

def expected_universalization(group_members: set[str], instrument: str) -> dict[str, tuple[str, str | None]]:
    parties, signed = consents(instrument), signatures(instrument)
    return {s: ("signed, not ratified" if s in signed else "no signature known", signed.get(s) or None)
            for s in group_members if s not in parties}


@pytest.mark.parametrize("instrument", ["A_CPPNM", "ICSANT"])
def test_universalization_nss2016(client: TestClient, instrument: str) -> None:
    body = client.get("/api/v1/gaps/universalization", params={"instrument": instrument, "group": "NSS_2016"}).json()
    members = state_members("NSS_2016")
    expected = expected_universalization(members, instrument)
    got = {r["state"]["id"]: (r["signature_status"], r["signature_date"]) for r in body["data"]}
    assert got == expected
    assert expected, "the fixture data should show a gap"
    assert body["members"] == len(members)
    assert body["parties_known"] == len(members) - len(expected)
    assert body["signed_not_ratified"] == sum(v[0] == "signed, not ratified" for v in expected.values())
    group_c, parties_c, _ = body["completeness"]
    assert group_c["stated"] == stated()[("NSS_2016", "members")]
    assert parties_c["stated"] == stated()[(instrument, "parties")]
    assert parties_c["known"] == len({p for p in consents(instrument) if not is_historical(p)})
    assert any("no party fact on record" in c for c in body["caveats"])
    assert any("partial" in c for c in body["caveats"])
    assert {s["id"] for s in body["sources"]} >= {"NTIINDEX_INFCIRCS"}
    assert all(s["id"] and "as_of" in s for s in body["sources"])


@pytest.mark.parametrize("group", ["NSCG", "NSS_2016"])
def test_universalization_icsant(client: TestClient, group: str) -> None:
    """Every NSCG State is an ICSANT party in the third revision's data (an empty answer); NSS 2016 has gaps."""
    body = client.get("/api/v1/gaps/universalization", params={"instrument": "ICSANT", "group": group}).json()
    expected = set(expected_universalization(state_members(group), "ICSANT"))
    assert {r["state"]["id"] for r in body["data"]} == expected
    assert bool(expected) == (group == "NSS_2016")


def test_universalization_csv(client: TestClient) -> None:
    params = {"instrument": "ICSANT", "group": "NSS_2016"}
    body = client.get("/api/v1/gaps/universalization", params=params).json()
    csv_text = client.get("/api/v1/gaps/universalization", params={**params, "format": "csv"}).text
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("state.id,")
    assert len(lines) == 1 + body["total"] > 1


def test_universalization_region_and_list(client: TestClient) -> None:
    body = client.get("/api/v1/gaps/universalization",
                      params={"instrument": "ICSANT", "region": "Southern Asia"}).json()
    region = {iso for iso, sub in subregions().items() if sub == "Southern Asia"}
    assert {r["state"]["id"] for r in body["data"]} == set(expected_universalization(region, "ICSANT"))
    assert body["members"] == len(region)
    listed = client.get("/api/v1/gaps/universalization",
                        params=[("instrument", "ICSANT"), ("state", "PAK"), ("state", "FRA")]).json()
    assert [r["state"]["id"] for r in listed["data"]] == ["PAK"]
    assert listed["members"] == 2


def test_universalization_errors(client: TestClient) -> None:
    assert client.get("/api/v1/gaps/universalization", params={"instrument": "ICSANT"}).status_code == 422
    missing = client.get("/api/v1/gaps/universalization", params={"instrument": "ICSANT", "group": "NSS2016"})
    assert missing.status_code == 404
    assert "NSS_2016" in missing.json()["suggestions"]
    assert client.get("/api/v1/gaps/universalization",
                      params={"instrument": "ICSAN", "group": "NSCG"}).status_code == 404
    assert client.get("/api/v1/gaps/universalization",
                      params={"instrument": "ICSANT", "region": "Southern Asa"}).status_code == 404


# --- amendment -------------------------------------------------------------------------------------

def test_amendment_gap(client: TestClient) -> None:
    body = client.get("/api/v1/gaps/amendment").json()
    cppnm, amended = consents("CPPNM"), consents("A_CPPNM")
    expected = {p for p in cppnm if p not in amended and not is_historical(p)}
    assert {r["state"]["id"] for r in body["data"]} == expected
    assert body["total"] == len(expected)
    assert set(body["historical_excluded"]) == {p for p in cppnm if is_historical(p)} == {"CSK", "DDR", "SUN", "YUG"}
    for row in body["data"]:
        assert row["consent_date"] == (cppnm[row["state"]["id"]] or None)
    assert body["completeness"][1]["stated"] == stated()[("A_CPPNM", "parties")]
    assert any("missing from the data" in c for c in body["caveats"])


# --- commitment vs law ---------------------------------------------------------------------------------

def tied_commitments(instrument: str) -> set[str]:
    """The rule, in plain Python: direct REFERENCES/SUPPORTS, via one referenced commitment, and an
    INFCIRC and the statement it circulates read as one document."""
    kinds = kind_of()
    commitments = {i for i, k in kinds.items() if k == "commitment"}
    links = set(relations("REFERENCES")) | set(relations("SUPPORTS"))
    refs = relations("REFERENCES")
    circulated = relations("CIRCULATED_AS")
    same = {c: {c} | {b for a, b in circulated if a == c} | {a for a, b in circulated if b == c} for c in commitments}
    tied = set()
    for c in commitments:
        for c2 in same[c] & commitments:
            hops = {c2} | {b for a, b in refs if a == c2 and b in commitments}
            if any((d, instrument) in links for d in hops):
                tied.add(c)
    return tied


def full_years(start: str, today: datetime.date) -> int:
    parts = [int(x) for x in start.split("-")] + [1, 1]
    return today.year - parts[0] - ((today.month, today.day) < (parts[1], parts[2]))


@pytest.mark.parametrize("instrument", ["ICSANT", "UNSCR_1540"])
def test_commitment_gap(client: TestClient, instrument: str) -> None:
    """ICSANT: every subscriber of a tied commitment is a party in the third revision's data (the answer is
    empty); UNSCR 1540 has no party facts at all, so every subscriber of a tied commitment is listed."""
    today = datetime.date(2026, 3, 1)
    body = client.get("/api/v1/gaps/commitments", params={"instrument": instrument, "today": today.isoformat()}).json()
    tied = tied_commitments(instrument)
    assert "JS2016_SUSTAINING_ACTION" in tied and "WORK_PLAN_2010" in tied
    parties = consents(instrument)
    expected = {(r["member_id"], r["group_id"]): r["date_or_year"] for r in rows("memberships.csv")
                if r["group_id"] in tied and r["member_kind"] == "state" and r["member_id"] not in parties}
    got = {(r["state"]["id"], r["commitment"]["id"]): r for r in body["data"]}
    assert set(got) == set(expected)
    assert bool(expected) == (instrument == "UNSCR_1540")
    for key, when in expected.items():
        assert got[key]["committed"] == when
        assert got[key]["years_since"] == full_years(when, today)
    assert {c["commitment"]["id"] for c in body["commitments"]} == tied
    assert body["states"] == len({s for s, _ in expected})
    for commitment in tied:
        known = sum(r["group_id"] == commitment for r in rows("memberships.csv"))
        total = stated().get((commitment, "members"))
        if known == 0:
            assert any(commitment in c and "no subscriber list" in c for c in body["caveats"])
        elif total is not None and known < total:
            assert any(commitment in c and "subscriber list partial" in c and f"{known} of {total}" in c
                       for c in body["caveats"])


# --- topics ------------------------------------------------------------------------------------------

def test_topic_coverage(client: TestClient) -> None:
    body = client.get("/api/v1/gaps/topics").json()
    kinds = kind_of()
    by_topic: dict[str, set[str]] = defaultdict(set)
    items: dict[str, set[str]] = defaultdict(set)
    for source, topic in relations("ADDRESSES"):
        by_topic[topic].add(kinds[source])
        items[topic].add(source)
    expected = {t for t, k in by_topic.items() if k & {"commitment", "guidance"} and "legal_instrument" not in k}
    assert {r["topic"]["id"] for r in body["data"]} == expected
    assert "TOPIC_INSIDER_THREATS" in expected and "TOPIC_PHYSICAL_PROTECTION" not in expected
    for row in body["data"]:
        assert {c["id"] for c in row["commitments"]} == {i for i in items[row["topic"]["id"]]
                                                        if kinds[i] == "commitment"}
    assert body["topics_total"] == len(catalog()["topic"])


# --- what-if ---------------------------------------------------------------------------------------------

def expected_what_if(iso3: str) -> list[tuple[str, int]]:
    subs = subregions()
    groups: dict[str, set[str]] = defaultdict(set)
    for r in rows("memberships.csv"):
        if r["member_kind"] == "state":
            groups[r["group_id"]].add(r["member_id"])
    peers = {s for s, sub in subs.items() if sub == subs.get(iso3) and s != iso3}
    peers |= {s for members in groups.values() if iso3 in members for s in members if s != iso3}
    joined: dict[str, set[str]] = defaultdict(set)
    for inst in {r["instrument_id"] for r in rows("treaty_actions.csv")}:
        joined[inst] = set(consents(inst))
    kinds = kind_of()
    for group, members in groups.items():
        if kinds[group] in ("initiative", "commitment"):
            joined[group] |= members
    ranking = [(item, len(members & peers)) for item, members in joined.items()
               if iso3 not in members and members & peers]
    return sorted(ranking, key=lambda x: (-x[1], x[0]))


def test_what_if_pakistan(client: TestClient) -> None:
    body = client.get("/api/v1/gaps/what-if/PAK").json()
    expected = expected_what_if("PAK")
    assert [(r["item"]["id"], r["joined_peers"]) for r in body["data"]] == expected
    assert expected[0][0] == body["data"][0]["item"]["id"]
    assert "ICSANT" in {item for item, _ in expected}
    top = body["data"][0]
    assert top["rank"] == 1 and len(top["peers_joined"]) == top["joined_peers"]
    assert body["data"][0]["peers"] == len(body["peer_list"])
    assert client.get("/api/v1/gaps/what-if/PAK", params={"format": "csv"}).text.startswith("rank,")
    assert client.get("/api/v1/gaps/what-if/PAQ").status_code == 404
