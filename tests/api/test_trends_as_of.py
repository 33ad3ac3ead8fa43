"""Trends as of a day and over a window of years, and the chart pages' answers to bad parameters,
against answers computed from the data files with graph.dating.day_status."""

import datetime
import re
import statistics
from collections import defaultdict

import pytest
from fastapi.testclient import TestClient

from graph.dating import day_status
from tests.api import catalog
from tests.api.test_gaps import consents, is_historical, kind_of, relations, signatures
from tests.api.test_gaps_as_of import BEFORE_SUMMITS, days, node_dates, q, summit_days


def expected_adherence_on(instrument: str, day: datetime.date | None) -> dict[str, object]:
    parties = {p: d for p, d in consents(instrument).items() if not is_historical(p)}
    dated = {p: d for p, d in parties.items() if d and day_status(d, day) == "counts"}
    years = sorted(int(d[:4]) for d in dated.values())
    series = {}
    if years:
        for year in range(years[0], (day.year if day else years[-1]) + 1):
            series[year] = sum(1 for y in years if y <= year)
    signed = signatures(instrument)
    lags = [(datetime.date.fromisoformat(d) - datetime.date.fromisoformat(signed[p])).days
            for p, d in dated.items() if signed.get(p) and day_status(signed[p], day) == "counts"]
    return {"series": series, "lags": lags,
            "undated": sum(1 for p, d in parties.items() if not d),
            "imprecise": sum(1 for d in parties.values() if d and day_status(d, day) == "imprecise")}


@pytest.mark.parametrize("instrument", ["ICSANT", "A_CPPNM"])
@pytest.mark.parametrize("day", days(), ids=str)
def test_adherence_curve_stops_at_the_day(client: TestClient, instrument: str, day: datetime.date | None) -> None:
    body = client.get("/api/v1/trends/adherence", params={"instrument": instrument, **q(day)}).json()
    expected = expected_adherence_on(instrument, day)
    assert {p["year"]: p["cumulative"] for p in body["series"]} == expected["series"]
    if day and body["series"]:
        assert body["series"][-1]["year"] == day.year  # the curve stops at the day
    assert body["dated"] == (max(expected["series"].values()) if expected["series"] else 0)
    assert body["undated_excluded"] == expected["undated"]
    assert body["imprecise_excluded"] == expected["imprecise"]
    assert body["lag_count"] == len(expected["lags"])  # type: ignore[arg-type]
    if expected["lags"]:
        assert body["lag_median_days"] == statistics.median(expected["lags"])  # type: ignore[arg-type]
    assert body["as_of"] == (day.isoformat() if day else None)
    assert (body["exclusions"] is None) == (day is None)


def documents() -> dict[str, tuple[str | None, set[str]]]:
    """Every commitment: (the date that places it: its own, else its event's; the topics it addresses)."""
    kinds = kind_of()
    issued = dict(relations("ISSUED_AT"))
    topics: dict[str, set[str]] = defaultdict(set)
    for source, topic in relations("ADDRESSES"):
        topics[source].add(topic)
    dates = node_dates()
    return {c: (dates.get(c) or dates.get(issued.get(c, "")), topics[c]) for c, k in kinds.items()
            if k == "commitment"}


def expected_window(since: int, until: int | None, day: datetime.date | None) -> dict[str, object]:
    counted = {c: (str(d), t) for c, (d, t) in documents().items() if d and day_status(str(d), day) == "counts"}
    last = until if until is not None else max(int(d[:4]) for d, _ in counted.values())
    if day:
        last = min(last, day.year)
    earlier = {c for c, (d, _) in counted.items() if int(d[:4]) < since}
    later = {c for c, (d, _) in counted.items() if since <= int(d[:4]) <= last}
    def share(topic: str, period: set[str]) -> float:
        classified = [c for c in period if counted[c][1]]
        return sum(topic in counted[c][1] for c in classified) / len(classified) if classified else 0.0

    emerging = {topic for topic in {t for _, ts in counted.values() for t in ts}
                if share(topic, later) > share(topic, earlier)}
    return {"earlier": earlier, "later": later, "emerging": emerging, "until": last}


@pytest.mark.parametrize(("params", "since", "until"), [({"since": 2017}, 2017, None), ({"split": 2017}, 2017, None),
                                                         ({"since": 2014, "until": 2016}, 2014, 2016)])
def test_topic_window(client: TestClient, params: dict[str, int], since: int, until: int | None) -> None:
    body = client.get("/api/v1/trends/topics", params=params).json()
    expected = expected_window(since, until, None)
    window = body["window"]
    assert window["since"] == since and window["until"] == expected["until"]
    assert {d["id"] for d in window["earlier"]["documents"]} == expected["earlier"]
    assert {d["id"] for d in window["later"]["documents"]} == expected["later"]
    assert window["later"]["count"] == len(expected["later"])  # type: ignore[arg-type]
    assert set(window["emerging"]) == expected["emerging"]
    assert f"before {since}" in window["rule"] and "share" in window["rule"]
    by_topic = {t["topic"]["id"]: t["window"] for t in body["data"]}
    assert {t for t, w in by_topic.items() if w and w["emerging"]} == expected["emerging"] & set(by_topic)


def test_topic_window_after_2016_lists_later_documents(client: TestClient) -> None:
    """The documents after the last summit (INFCIRCs, later statements) are counted, not only the summits."""
    body = client.get("/api/v1/trends/topics", params={"since": 2017}).json()
    after = {c for c, (d, _) in documents().items() if d and int(str(d)[:4]) >= 2017}
    assert {d["id"] for d in body["window"]["later"]["documents"]} == after
    years = {p["period"]: {d["id"] for d in p["documents"]} for p in body["documents_per_year"]}
    per_year: dict[str, set[str]] = defaultdict(set)
    for c, (d, _) in documents().items():
        if d:
            per_year[str(d)[:4]].add(c)
    assert years == per_year
    csv_rows = [line.split(",") for line in client.get("/api/v1/trends/topics",
                                                          params={"since": 2017, "format": "csv"}).text.splitlines()]
    window_rows = [r for r in csv_rows if r[1] == "window"]
    assert {r[2] for r in window_rows} == {body["window"]["earlier"]["period"], body["window"]["later"]["period"]}


@pytest.mark.parametrize("day", [BEFORE_SUMMITS, *summit_days()["NSS_2012"], None], ids=str)
def test_topic_trends_as_of(client: TestClient, day: datetime.date | None) -> None:
    body = client.get("/api/v1/trends/topics", params=q(day)).json()
    dates = node_dates()
    issued = relations("ISSUED_AT")
    summits = {event["id"] for event in catalog()["event"] if event.get("subkind") == "summit"}
    held = sorted({e for c, e in issued if e in summits and day_status(dates[e], day) == "counts"
                   and day_status(dates.get(c) or dates[e], day) == "counts"}, key=lambda e: str(dates[e]))
    assert [s["event"]["id"] for s in body["summits"]] == held
    counted = {c for c, (d, _) in documents().items() if d and day_status(str(d), day) == "counts"}
    assert {d["id"] for p in body["documents_per_year"] for d in p["documents"]} == counted
    assert body["as_of"] == (day.isoformat() if day else None)


def test_topic_window_refusals(client: TestClient) -> None:
    for params in ({"since": 2017, "split": 2016}, {"until": 2016}, {"since": 2017, "until": 2015}):
        answer = client.get("/api/v1/trends/topics", params=params)
        assert answer.status_code == 422, params
        assert answer.headers["content-type"].startswith("application/problem+json")


# --- chart pages -------------------------------------------------------------------------------------

def assert_html_page(answer: object, status: int) -> str:
    assert answer.status_code == status  # type: ignore[attr-defined]
    assert answer.headers["content-type"].startswith("text/html")  # type: ignore[attr-defined]
    text: str = answer.text  # type: ignore[attr-defined]
    assert text.startswith("<!doctype html>") and "<script" not in text
    return text


def test_adherence_page_without_or_with_unknown_instrument(client: TestClient) -> None:
    missing = assert_html_page(client.get("/viz/trends/adherence"), 422)
    assert "instrument" in missing and "/viz/trends/adherence?instrument=ICSANT" in missing
    unknown = assert_html_page(client.get("/viz/trends/adherence?instrument=ICSAN"), 404)
    assert "ICSAN" in unknown and "/viz/trends/adherence?instrument=ICSANT" in unknown
    bad_day = assert_html_page(client.get("/viz/trends/adherence?instrument=ICSANT&as_of=2010-13-45"), 422)
    assert "as_of" in bad_day and "as_of=2010-13-45" in bad_day  # links onward keep what was asked
    operation = client.get("/openapi.json").json()["paths"]["/viz/trends/adherence"]["get"]
    assert "text/html" in operation["responses"]["422"]["content"]
    assert "text/html" in operation["responses"]["404"]["content"]


def test_adherence_page_as_of(client: TestClient) -> None:
    closing, _ = summit_days()["NSS_2010"]
    text = assert_html_page(client.get(f"/viz/trends/adherence?instrument=ICSANT&as_of={closing}"), 200)
    assert f"as of {closing}" in text and text.count("<svg") >= 2
    assert f"as_of={closing}" in text  # the CSV links are of the same day
    expected = expected_adherence_on("ICSANT", closing)
    assert f"{max(expected['series'].values())} of" in text  # type: ignore[attr-defined]


def test_topics_page_window_and_refusals(client: TestClient) -> None:
    text = assert_html_page(client.get("/viz/trends/topics?since=2017"), 200)
    assert "Window 2017-" in text and "before 2017" in text
    for c in expected_window(2017, None, None)["later"]:  # type: ignore[attr-defined]
        assert c in text
    for bad in ("since=abc", "since=2017&split=2016", "as_of=yesterday"):
        page = assert_html_page(client.get(f"/viz/trends/topics?{bad}"), 422)
        assert re.search(r"href='/viz/trends/topics\?since=2017'", page)
