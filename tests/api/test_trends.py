"""Trend endpoints and chart pages against answers computed independently from the data files."""

import datetime
import re
import statistics
from collections import defaultdict

import pytest
from fastapi.testclient import TestClient

from tests.api.test_gaps import catalog, consents, is_historical, kind_of, relations, rows, signatures, stated


def expected_topic_trends() -> tuple[list[str], dict[str, dict[str, set[str]]], set[str]]:
    """(summits in date order, topic -> summit -> commitments, emerging topics) by the stated rule."""
    dates = {item["id"]: item.get("date") for items in catalog().values() for item in items}
    summit_ids = {item["id"] for item in catalog()["event"] if item["subkind"] == "summit"}
    issued = {c: e for c, e in relations("ISSUED_AT") if e in summit_ids}
    summits = sorted(set(issued.values()), key=lambda e: dates[e])
    kinds = kind_of()
    table: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for source, topic in relations("ADDRESSES"):
        if kinds[source] != "commitment":
            continue
        by_event = table[topic]  # every topic a commitment addresses is reported, summit or not
        if source in issued:
            by_event[issued[source]].add(source)
    half = len(summits) // 2
    first, second = summits[:half], summits[len(summits) - half:]
    per_summit = {e: sum(1 for v in issued.values() if v == e) for e in summits}
    emerging = set()
    for topic, by_event in table.items():
        share_1 = sum(len(by_event[e]) for e in first) / sum(per_summit[e] for e in first)
        share_2 = sum(len(by_event[e]) for e in second) / sum(per_summit[e] for e in second)
        if share_2 > share_1:
            emerging.add(topic)
    return summits, table, emerging


def test_topic_trends(client: TestClient) -> None:
    body = client.get("/api/v1/trends/topics").json()
    summits, table, emerging = expected_topic_trends()
    assert [s["event"]["id"] for s in body["summits"]] == summits == ["NSS_2010", "NSS_2012", "NSS_2014", "NSS_2016"]
    assert set(body["emerging"]) == emerging
    assert "TOPIC_INSIDER_THREATS" in emerging
    assert "emerging" in body["rule"] and "share" in body["rule"]
    subscribers: dict[str, set[str]] = defaultdict(set)
    for r in rows("memberships.csv"):
        if r["member_kind"] == "state":
            subscribers[r["group_id"]].add(r["member_id"])
    got = {t["topic"]["id"]: t for t in body["data"]}
    assert set(got) == set(table)
    for topic, by_event in table.items():
        for period in got[topic]["per_summit"]:
            assert set(period["commitments"]) == by_event[period["period"]]
            assert period["states_count"] == len({s for c in by_event[period["period"]] for s in subscribers[c]})
    insider_years = {p["period"]: p["commitments"] for p in got["TOPIC_INSIDER_THREATS"]["per_year"]}
    assert "2016" in insider_years
    csv_text = client.get("/api/v1/trends/topics", params={"format": "csv"}).text
    assert csv_text.splitlines()[0].startswith("topic,period_kind,period")


def expected_adherence(instrument: str) -> tuple[dict[int, int], int, list[int]]:
    parties = {p: d for p, d in consents(instrument).items() if not is_historical(p)}
    years = sorted(int(d[:4]) for d in parties.values() if d)
    cumulative: dict[int, int] = {}
    for year in range(years[0], years[-1] + 1):
        cumulative[year] = sum(1 for y in years if y <= year)
    signed = signatures(instrument)
    lags = [(datetime.date.fromisoformat(d) - datetime.date.fromisoformat(signed[p])).days
            for p, d in parties.items() if d and signed.get(p)]
    return cumulative, sum(1 for d in parties.values() if not d), lags


@pytest.mark.parametrize("instrument", ["ICSANT", "CPPNM"])
def test_adherence_by_year(client: TestClient, instrument: str) -> None:
    body = client.get("/api/v1/trends/adherence", params={"instrument": instrument}).json()
    cumulative, undated, lags = expected_adherence(instrument)
    assert {p["year"]: p["cumulative"] for p in body["series"]} == cumulative
    assert body["undated_excluded"] == undated
    assert body["lag_count"] == len(lags)
    assert body["lag_median_days"] == statistics.median(lags)
    assert any("left out" in c for c in body["caveats"])


def test_adherence_by_region_and_csv(client: TestClient) -> None:
    body = client.get("/api/v1/trends/adherence", params={"instrument": "ICSANT", "by": "region"}).json()
    last_year = max(p["year"] for p in body["series"])
    finals = {p["region"]: p["cumulative"] for p in body["series"] if p["year"] == last_year}
    assert sum(finals.values()) == body["dated"]
    lag_csv = client.get("/api/v1/trends/adherence",
                         params={"instrument": "ICSANT", "table": "lag", "format": "csv"}).text
    assert len(lag_csv.strip().splitlines()) == 1 + body["lag_count"]


def test_chart_pages(client: TestClient) -> None:
    for url in ("/viz/trends/adherence?instrument=ICSANT", "/viz/trends/topics"):
        page = client.get(url)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        text = page.text
        assert text.count("<svg") >= 2
        assert "<script" not in text and not re.search(r"(src|href)=['\"]https?://", text)
        assert "format=csv" in text
        assert "<title>" in text and 'text-anchor="middle"' in text  # titled charts with axis labels
    adherence = client.get("/viz/trends/adherence?instrument=ICSANT").text
    assert f"Stated total ({stated()[('ICSANT', 'parties')]})" in adherence and "year of consent" in adherence
    missing = client.get("/viz/trends/adherence?instrument=NOPE")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
