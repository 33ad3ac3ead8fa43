"""Trends: which topics the summit process turned to over time, and how fast States adhered to the
instruments. Counts rest only on dated facts; what had to be left out is counted in the answer.

The API (`/api/v1/trends/...`), the chart pages (`/viz/trends/...`, viz.charts) and the report all
call these functions.
"""

import datetime
import statistics
from collections import defaultdict
from typing import Literal

from graph.driver import GraphDatabaseClient
from graph.model import Label
from queries.gaps import instrument_completeness, ref, source_refs, summary
from queries.lookup import get_node
from queries.models import (
    AdherencePoint,
    AdherenceTrend,
    NodeRef,
    RatificationLag,
    SummitInfo,
    TopicPeriod,
    TopicTrend,
    TopicTrends,
)
from queries.registry import read

NO_REGION = "(no UN region: organization)"


def _days(start: str, end: str) -> int:
    """Days between two ISO dates (consents and signatures are always full dates)."""
    return (datetime.date.fromisoformat(end) - datetime.date.fromisoformat(start)).days


def topic_trends(db: GraphDatabaseClient) -> TopicTrends:
    """Commitments and subscribing States per topic, per summit and per year, and which topics emerge."""
    events = read(db, "trends/events")
    n = len(events)
    half = n // 2
    first = [e["event"]["id"] for e in events[:half]]
    second = [e["event"]["id"] for e in events[n - half:]] if half else []
    totals = {e["event"]["id"]: e["commitments"] for e in events}
    first_total = sum(totals[e] for e in first)
    second_total = sum(totals[e] for e in second)
    by_topic: dict[str, list[dict]] = defaultdict(list)  # type: ignore[type-arg]
    topics: dict[str, NodeRef] = {}
    undated: set[str] = set()
    for row in read(db, "trends/topic_commitments"):
        topics[row["topic"]["id"]] = NodeRef(kind="topic", **row["topic"])
        by_topic[row["topic"]["id"]].append(row)
        if not (row["date"] or row["event_date"]):
            undated.add(row["commitment"])
    data: list[TopicTrend] = []
    for topic_id, rows in sorted(by_topic.items()):
        per_summit = []
        for event in events:
            event_id = event["event"]["id"]
            hits = [r for r in rows if r["event"] == event_id]
            per_summit.append(_period(event_id, hits))
        years: dict[str, list[dict]] = defaultdict(list)  # type: ignore[type-arg]
        for r in rows:
            when = r["date"] or r["event_date"]
            if when:
                years[when[:4]].append(r)
        per_year = [_period(year, hits) for year, hits in sorted(years.items())]
        count = {p.period: p.commitments_count for p in per_summit}
        in_first = sum(count[e] for e in first)
        in_second = sum(count[e] for e in second)
        share_first = in_first / first_total if first_total else 0.0
        share_second = in_second / second_total if second_total else 0.0
        first_summit = next((p.period for p in per_summit if p.commitments_count), None)
        emerging = share_second > share_first
        data.append(TopicTrend(topic=topics[topic_id], per_summit=per_summit, per_year=per_year,
                               first_summit=first_summit, share_first_half=round(share_first, 4),
                               share_second_half=round(share_second, 4), emerging=emerging,
                               new=emerging and in_first == 0))
    rule = (f"A topic is emerging when its share of the commitments issued at the later half of the summits "
            f"({', '.join(second)}: {second_total} commitments) is greater than its share at the earlier half "
            f"({', '.join(first)}: {first_total} commitments); share = commitments issued at those summits that "
            "address the topic / all commitments issued at them. 'new' marks emerging topics that no commitment of "
            "the earlier half addressed." + (" With an odd number of summits the middle one is in neither half."
                                             if n % 2 else ""))
    summits = [SummitInfo(event=summary(e["event"]), commitments=e["commitments"],
                          with_subscribers=e["with_subscribers"],
                          half="first" if e["event"]["id"] in first else "second" if e["event"]["id"] in second
                          else None) for e in events]
    lacking = sum(e["commitments"] - e["with_subscribers"] for e in events)
    caveats = ["Topic links (ADDRESSES) are a curated classification (confidence 'derived').",
               f"{lacking} of {sum(totals.values())} summit commitments have no subscriber list on record, so "
               "'States' counts are lower bounds; communiqués and action plans carry no subscriber rows at all.",
               "Commitments not issued at a summit (INFCIRCs, later statements) count per year only."]
    if undated:
        caveats.append(f"Undated commitments left out of the per-year counts: {', '.join(sorted(undated))}.")
    return TopicTrends(rule=rule, summits=summits, emerging=[t.topic.id for t in data if t.emerging], data=data,
                       undated_commitments=sorted(undated), caveats=caveats)


def _period(period: str, rows: list[dict]) -> TopicPeriod:  # type: ignore[type-arg]
    commitments = sorted({r["commitment"] for r in rows})
    states = {s for r in rows for s in r["states"]}
    return TopicPeriod(period=period, commitments=commitments, commitments_count=len(commitments),
                       states_count=len(states))


def _series(parties: list[dict], years: range, region: str | None) -> list[AdherencePoint]:  # type: ignore[type-arg]
    by_year: dict[int, list[str]] = defaultdict(list)
    for row in parties:
        by_year[int(row["consent_date"][:4])].append(row["party"]["id"])
    points, cumulative = [], 0
    for year in years:
        new = sorted(by_year.get(year, []))
        cumulative += len(new)
        points.append(AdherencePoint(region=region, year=year, new=len(new), cumulative=cumulative, parties=new))
    return points


def adherence_trend(db: GraphDatabaseClient, instrument: str,
                    by: Literal["year", "region"] = "year") -> AdherenceTrend:
    """Cumulative parties per year from dated consents, and the time from signature to consent."""
    node = get_node(db, Label.LEGAL_INSTRUMENT, instrument)
    rows = read(db, "trends/adherence", instrument=instrument)
    historical = sorted(r["party"]["id"] for r in rows if r["party"].get("historical"))
    current = [r for r in rows if not r["party"].get("historical")]
    dated = [r for r in current if r["consent_date"]]
    undated = sorted(r["party"]["id"] for r in current if not r["consent_date"])
    series: list[AdherencePoint] = []
    if dated:
        years = range(min(int(r["consent_date"][:4]) for r in dated),
                      max(int(r["consent_date"][:4]) for r in dated) + 1)
        if by == "year":
            series = _series(dated, years, None)
        else:
            regions: dict[str, list[dict]] = defaultdict(list)  # type: ignore[type-arg]
            for r in dated:
                regions[r["party"].get("un_region") or NO_REGION].append(r)
            for region in sorted(regions):
                series += _series(regions[region], years, region)
    lag = sorted((RatificationLag(state=summary(r["party"]), signature_date=r["signature_date"],
                                  consent_date=r["consent_date"], consent_kind=r["consent_kind"],
                                  days=_days(r["signature_date"], r["consent_date"]),
                                  years=round(_days(r["signature_date"], r["consent_date"]) / 365.25, 2))
                  for r in current if r["signature_date"] and r["consent_date"]),
                 key=lambda x: (x.days, x.state.id))
    median_days = statistics.median([x.days for x in lag]) if lag else None
    comp = instrument_completeness(db, node)
    caveats = [f"Only dated consents can be placed in time: {len(undated)} of {len(current)} parties have no "
               "consent date on record and are left out of the yearly counts"
               + (f" ({', '.join(undated)})." if undated else ".")]
    if historical:
        caveats.append(f"Historical predecessor States left out: {', '.join(historical)} (successor States count "
                       "from their own consent or succession).")
    if comp[0].stated is not None and comp[0].known < comp[0].stated:
        caveats.append(f"The party list is partial ({comp[0].summary}); the curve is a lower bound.")
    if comp[1].stated is not None and comp[1].known < comp[1].stated:
        caveats.append(f"The signature list is partial ({comp[1].summary}); signature-to-consent times cover only "
                       "the signatures on record.")
    cited = [s for r in dated for s in r["sources"]] + [s for r in current if r["signature_date"]
                                                        for s in r["signature_sources"]]
    cited += comp[0].stated_sources + comp[1].stated_sources
    return AdherenceTrend(instrument=ref(node), by=by, series=series, parties_known=len(current), dated=len(dated),
                          undated_excluded=len(undated), undated=undated, historical_excluded=historical, lag=lag,
                          lag_count=len(lag), lag_median_days=median_days,
                          lag_median_years=round(median_days / 365.25, 2) if median_days is not None else None,
                          completeness=comp, caveats=caveats, sources=source_refs(db, cited))
