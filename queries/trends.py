"""Trends: which topics the summit process and the documents after it turned to over time, and how fast
States adhered to the instruments. Counts rest only on dated facts; what had to be left out is counted
in the answer. As of a day, only what was there on that day counts, and curves stop at it.

The API (`/api/v1/trends/...`), the chart pages (`/viz/trends/...`, viz.charts) and the report all
call these functions.
"""

import datetime
import statistics
from collections import defaultdict
from typing import Any, Literal

from graph.dating import iso_day
from graph.driver import GraphDatabaseClient
from graph.errors import InvalidRequest
from graph.model import Label
from queries.gaps import AS_OF_COMPLETENESS, instrument_completeness, ref, source_refs, summary
from queries.lookup import get_node
from queries.models import (
    AdherencePoint,
    AdherenceTrend,
    DatedDocument,
    DocumentPeriod,
    NodeRef,
    RatificationLag,
    SummitInfo,
    TopicPeriod,
    TopicTrend,
    TopicTrends,
    TopicWindow,
    TopicWindowShare,
)
from queries.registry import read
from queries.unplaced import TIMED, Standing, exclusions_caveat, standing_exclusions

NO_REGION = "(no UN region: organization)"
WINDOW_CHOICE = ("`split` is the first year of the later period, the same as `since`: give one of them (or both "
                 "with the same year); `until` needs one of them; `since` must not be after `until`")


def _days(start: str, end: str) -> int:
    """Days between two ISO dates (consents and signatures are always full dates)."""
    return (datetime.date.fromisoformat(end) - datetime.date.fromisoformat(start)).days


def topic_trends(db: GraphDatabaseClient, as_of: datetime.date | None = None, since: int | None = None,
                 until: int | None = None, split: int | None = None) -> TopicTrends:
    """Commitments and subscribing States per topic, per summit and per year, and which topics emerge: by
    halves of the summits, and, when a window is asked (`since`/`split`, `until`), the later period's
    documents against all documents before it."""
    day = iso_day(as_of)
    events = read(db, "trends/events", as_of=day)
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
    for row in read(db, "trends/topic_commitments", as_of=day):
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
    documents = read(db, "trends/documents", as_of=day)
    counted = [doc for doc in documents if doc["standing"] == "counts"]
    per_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for doc in counted:
        per_year[int(doc["date"][:4])].append(doc)
    years = [_documents(str(year), year, year, docs) for year, docs in sorted(per_year.items())]
    window = None
    if since is not None or until is not None or split is not None:
        window = _window(counted, as_of, since, until, split)
        for trend in data:
            trend.window = window[1].get(trend.topic.id)
    exclusions = standing_exclusions(as_of, [Standing(doc["id"], "ISSUED_AT" if doc["event"] else "DATED",
                                                  doc["event"] or doc["id"], doc["date"], doc["standing"])
                                         for doc in documents])
    if as_of is not None:
        caveats.append(f"As of {as_of}: only summits held, documents issued and subscriptions dated on or before "
                       "that day count.")
        caveats += exclusions_caveat(exclusions)
    return TopicTrends(rule=rule, summits=summits, emerging=[t.topic.id for t in data if t.emerging], data=data,
                       undated_commitments=sorted(undated), caveats=caveats, documents_per_year=years,
                       window=window[0] if window else None, as_of=day, exclusions=exclusions)


def _document(doc: dict[str, Any]) -> DatedDocument:
    return DatedDocument(id=doc["id"], subkind=doc["subkind"], name=doc["name"], date=doc["date"], event=doc["event"],
                         topics=sorted(doc["topics"]))


def _documents(period: str, first: int | None, last: int | None, docs: list[dict[str, Any]]) -> DocumentPeriod:
    return DocumentPeriod(period=period, first_year=first, last_year=last, documents=[_document(d) for d in docs],
                          count=len(docs))


def _window(counted: list[dict[str, Any]], as_of: datetime.date | None, since: int | None, until: int | None,
            split: int | None) -> tuple[TopicWindow, dict[str, TopicWindowShare]]:
    """The later period [since, until] against every dated document before `since`; shares among the
    documents of a period that address at least one topic."""
    if (split is not None and since is not None and split != since) or (since is None and split is None):
        raise InvalidRequest(WINDOW_CHOICE)
    start = since if since is not None else split
    assert start is not None
    years = [int(doc["date"][:4]) for doc in counted]
    end = until if until is not None else max([*years, start, *([as_of.year] if as_of else [])])
    if as_of is not None:
        end = min(end, as_of.year)
    if start > end:
        raise InvalidRequest(WINDOW_CHOICE + f" (asked: {start} to {end}"
                             + (f", capped at as_of {as_of}" if as_of else "") + ")")
    first_year = min(years, default=start)
    earlier = [doc for doc in counted if int(doc["date"][:4]) < start]
    later = [doc for doc in counted if start <= int(doc["date"][:4]) <= end]
    classified = {name: [doc for doc in docs if doc["topics"]] for name, docs in (("earlier", earlier),
                                                                                   ("later", later))}
    topics = sorted({t for doc in counted for t in doc["topics"]})
    shares: dict[str, TopicWindowShare] = {}
    for topic in topics:
        n_1 = sum(topic in doc["topics"] for doc in classified["earlier"])
        n_2 = sum(topic in doc["topics"] for doc in classified["later"])
        share_1 = n_1 / len(classified["earlier"]) if classified["earlier"] else 0.0
        share_2 = n_2 / len(classified["later"]) if classified["later"] else 0.0
        emerging = share_2 > share_1
        shares[topic] = TopicWindowShare(earlier=n_1, later=n_2, share_earlier=round(share_1, 4),
                                         share_later=round(share_2, 4), emerging=emerging,
                                         new=emerging and n_1 == 0)
    rule = (f"A topic is emerging in {start}-{end} when its share of the documents dated in those years "
            f"({len(classified['later'])} documents that address a topic) is greater than its share of the documents "
            f"dated before {start} ({len(classified['earlier'])} documents, from {first_year}); share = documents of "
            "the period that address the topic / documents of the period that address any topic. Documents are "
            "every dated commitment (summit communiqués, plans and joint statements, INFCIRCs, conference outcome "
            "documents, later statements), placed by their own date, else by the date of the event that issued "
            "them. 'new' marks emerging topics that no earlier document addressed.")
    unclassified = sorted(doc["id"] for doc in earlier + later if not doc["topics"])
    window = TopicWindow(rule=rule, since=start, until=end,
                         earlier=_documents(f"before {start}", first_year if earlier else None,
                                            start - 1 if earlier else None, earlier),
                         later=_documents(f"{start}-{end}", start, end, later),
                         emerging=[t for t, share in shares.items() if share.emerging], unclassified=unclassified)
    return window, shares


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


def adherence_trend(db: GraphDatabaseClient, instrument: str, by: Literal["year", "region"] = "year",
                    as_of: datetime.date | None = None) -> AdherenceTrend:
    """Cumulative parties per year from dated consents, and the time from signature to consent. As of a
    day, only consents (and signatures) dated on or before it count, and the curve stops at its year."""
    node = get_node(db, Label.LEGAL_INSTRUMENT, instrument)
    rows = read(db, "trends/adherence", instrument=instrument, as_of=iso_day(as_of), timed=TIMED)
    historical = sorted(r["party"]["id"] for r in rows if r["party"].get("historical")
                        and r["consent_standing"] != "after")
    current = [r for r in rows if not r["party"].get("historical") and r["consent_standing"] != "after"]
    dated = [r for r in current if r["consent_date"] and r["consent_standing"] == "counts"]
    undated = sorted(r["party"]["id"] for r in current if not r["consent_date"])
    imprecise = sorted(r["party"]["id"] for r in current if r["consent_date"] and r["consent_standing"] == "imprecise")
    series: list[AdherencePoint] = []
    if dated:
        last = as_of.year if as_of else max(int(r["consent_date"][:4]) for r in dated)
        years = range(min(int(r["consent_date"][:4]) for r in dated), last + 1)
        if by == "year":
            series = _series(dated, years, None)
        else:
            regions: dict[str, list[dict]] = defaultdict(list)  # type: ignore[type-arg]
            for r in dated:
                regions[r["party"].get("un_region") or NO_REGION].append(r)
            for region in sorted(regions):
                series += _series(regions[region], years, region)
    signed = [r for r in dated if r["signature_date"] and r["signature_standing"] == "counts"]
    lag = sorted((RatificationLag(state=summary(r["party"]), signature_date=r["signature_date"],
                                  consent_date=r["consent_date"], consent_kind=r["consent_kind"],
                                  days=_days(r["signature_date"], r["consent_date"]),
                                  years=round(_days(r["signature_date"], r["consent_date"]) / 365.25, 2))
                  for r in signed), key=lambda x: (x.days, x.state.id))
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
    exclusions = standing_exclusions(as_of, [fact for r in current for fact in (
        Standing(r["party"]["id"], "PARTY_TO", instrument, r["consent_date"], r["consent_standing"]),
        Standing(r["party"]["id"], "SIGNED", instrument, r["signature_date"], r["signature_standing"]))])
    if as_of is not None:
        caveats.append(f"As of {as_of}: consents and signatures dated after that day are not counted, and the curve "
                       f"stops at {as_of}"
                       + (f"; {len(imprecise)} consents whose year or month straddles the day are left out "
                          f"({', '.join(imprecise)})." if imprecise else "."))
        caveats += exclusions_caveat(exclusions)
        caveats.append(AS_OF_COMPLETENESS)
    cited = [s for r in dated for s in r["sources"]] + [s for r in signed for s in r["signature_sources"]]
    cited += comp[0].stated_sources + comp[1].stated_sources
    return AdherenceTrend(instrument=ref(node), by=by, series=series, parties_known=len(current), dated=len(dated),
                          undated_excluded=len(undated), undated=undated, historical_excluded=historical, lag=lag,
                          lag_count=len(lag), lag_median_days=median_days,
                          lag_median_years=round(median_days / 365.25, 2) if median_days is not None else None,
                          completeness=comp, caveats=caveats, sources=source_refs(db, cited),
                          imprecise_excluded=len(imprecise), as_of=iso_day(as_of), exclusions=exclusions)


def adherence_choices(db: GraphDatabaseClient) -> list[NodeRef]:
    """The instruments an adherence chart can be drawn for (those with party facts), most parties first."""
    return [NodeRef(id=row["id"], kind="legal_instrument", name=row["name"], short_name=row["short_name"])
            for row in read(db, "trends/instruments") if row["parties"]]
