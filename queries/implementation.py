"""Implementation assessed from the facts: for every commitment tied to an instrument, each subscriber
with the date it subscribed, the date it became party (if it did), the lag, and a status on a day.

"Tied" is the commitment gap's own definition (the shared query `gaps/commitment_lists`), so the gap
and this assessment can never disagree on which commitments count. Nothing here is a score: every
status follows from dated facts with their sources, and every answer names the lists it rests on
and how complete they are.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.dating import AS_OF_RULE, date_bounds, iso_day
from graph.driver import GraphDatabaseClient
from graph.model import Label, Rel
from queries.gaps import NO_PARTY_FACT, instrument_completeness, ref, source_refs, summary
from queries.implementation_models import (
    STATUSES,
    CommitmentImplementation,
    ImplementationRow,
    ImplementationStatus,
    InstrumentTie,
    ListBasis,
    StateImplementation,
    SummitImplementation,
    SummitStatement,
)
from queries.lookup import get_node
from queries.models import NodeRef, TimeExclusions, UnplacedFact
from queries.nodes import completeness
from queries.registry import read

ADOPTING_SUBKINDS = ("communique", "work_plan", "action_plan")
"""Commitment subkinds a summit adopts as a whole (not joint statements, which a subset signs)."""
SUMMIT_SUBKINDS = ("summit",)
"""Event subkinds whose participants adopt those documents."""

STATUS_RULE = (
    "For each State that subscribed to a commitment (or adopted it, see derived_rule) and each instrument the "
    "commitment is tied to, on day D (as_of; without as_of every fact on record counts): "
    "already_party = a party fact counts on D and its consent (deposit) date is on or before the subscription date; "
    "became_party = a party fact counts on D and its consent date is after the subscription date; "
    "party_order_unknown = a party fact counts on D but its consent date or the subscription date is missing, or too "
    "coarse (a year or a month) to tell which came first; "
    "not_yet_party = no party fact counts on D but a signature does (signed, not (yet) party); "
    "no_fact_known = neither a party fact nor a signature counts on D: no fact is on record, which is not proof "
    "that the State is not a party (the party lists are partial, see completeness). "
    "Subscriptions follow the as_of rule: one dated after D is not there yet, undated or imprecise ones are left "
    "out and named in exclusions. A party fact or signature dated after D is not there yet (nor shown); one that "
    "is undated or imprecise on D does not count: the "
    "row says so (party_unplaced, signature_unplaced) and exclusions names it. "
    "lag_years = consent date minus subscription date in years of 365.25 days (a year- or month-only date read as "
    "its first day), negative when the State was party before subscribing; given for already_party and "
    "became_party only. A commitment is tied to an instrument when it REFERENCES or SUPPORTS it directly, or "
    "references a commitment that does; an INFCIRC and the statement it circulates count as one document. Only "
    "instruments with party facts on record are assessed; the others are listed in not_assessed.")
DERIVED_RULE = (
    f"A commitment with no subscriber on record whose subkind is one of {', '.join(ADOPTING_SUBKINDS)} and that was "
    f"ISSUED_AT an event of subkind {', '.join(SUMMIT_SUBKINDS)} counts as adopted by every State that took part in "
    "that summit, on the document's date (the participation date if the document is undated). Such rows have "
    "derived = true, derived_from = the summit and confidence 'derived', and rest on the participation and "
    "ISSUED_AT sources. Joint statements are never derived: a subset of participants signs them.")


@dataclass
class _Ties:
    """Commitment id -> instruments with party facts it is tied to, and instruments without any."""

    joinable: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    other: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    instruments: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class _Assessment:
    rows: list[ImplementationRow]
    lists: list[ListBasis]
    ties: list[InstrumentTie]
    not_assessed: list[NodeRef]
    caveats: list[str]
    cited: list[str]
    exclusions: TimeExclusions | None


def _ties(db: GraphDatabaseClient) -> _Ties:
    """Every tie between a commitment and an instrument, by the commitment gap's rule."""
    ties = _Ties()
    for row in read(db, "implementation/instruments"):
        node = row["node"]
        ties.instruments[node["id"]] = node
        target = ties.joinable if row["parties"] else ties.other
        for listed in read(db, "gaps/commitment_lists", instrument=node["id"], as_of=None):
            target[listed["node"]["id"]].append(node["id"])
    return ties


def _order(consent: str | None, subscribed: str | None) -> tuple[str | None, float | None]:
    """'before' (party on or before subscribing), 'after', or None when the dates cannot be ordered; and the lag."""
    c, s = date_bounds(consent), date_bounds(subscribed)
    if c is None or s is None:
        return None, None
    lag = round((datetime.date.fromisoformat(c[0]) - datetime.date.fromisoformat(s[0])).days / 365.25, 2)
    if c[1] <= s[0]:
        return "before", lag
    if c[0] > s[1]:
        return "after", lag
    return None, None


def row_status(subscribed: str | None, party: dict[str, Any] | None,
               signature: dict[str, Any] | None) -> tuple[ImplementationStatus, float | None]:
    """The status rule (STATUS_RULE) for one subscriber and instrument, given the facts that count on the day."""
    if party is not None:
        order, lag = _order(party["date"], subscribed)
        if order == "before":
            return "already_party", lag
        if order == "after":
            return "became_party", lag
        return "party_order_unknown", None
    return ("not_yet_party" if signature is not None else "no_fact_known"), None


def _unplaced(day: str) -> Any:
    return day if day in ("undated", "imprecise") else None


def _assess(db: GraphDatabaseClient, ties: _Ties, commitments: Iterable[str], states: list[str] | None,
            as_of: datetime.date | None) -> _Assessment:
    day = iso_day(as_of)
    wanted = sorted(set(commitments))
    lists_rows = {row["node"]["id"]: row for row in read(db, "implementation/lists", commitments=wanted, as_of=day)}
    present = [cid for cid in wanted if lists_rows[cid]["day"] == "counts"]
    subscriptions = read(db, "implementation/subscriptions", commitments=present, states=states, as_of=day,
                         adopting=list(ADOPTING_SUBKINDS), summits=list(SUMMIT_SUBKINDS))
    undated: dict[tuple[str, str, str], UnplacedFact] = {}
    imprecise: dict[tuple[str, str, str], UnplacedFact] = {}

    def unplace(subject: str, type_: str, obj: str, date: str | None, status: str) -> None:
        target = undated if status == "undated" else imprecise
        target[(subject, type_, obj)] = UnplacedFact(subject=subject, type=type_, object=obj, date=date)

    placed = []
    for sub in subscriptions:
        if sub["day"] == "counts":
            placed.append(sub)
        elif sub["day"] in ("undated", "imprecise"):
            unplace(sub["state"]["id"], Rel.SUBSCRIBED_TO.value, sub["commitment"], sub["date"], sub["day"])
    instruments = sorted({i for cid in present for i in ties.joinable.get(cid, [])})
    facts: dict[tuple[str, str, str], dict[str, Any]] = {}
    for fact in read(db, "implementation/consent", states=sorted({s["state"]["id"] for s in placed}),
                     instruments=instruments, as_of=day):
        facts[(fact["state"], fact["instrument"], fact["type"])] = fact
    rows: list[ImplementationRow] = []
    for sub in placed:
        state_id, cid = sub["state"]["id"], sub["commitment"]
        for iid in ties.joinable.get(cid, []):
            # a fact dated after the day is not there yet: the row does not show it either
            party, signature = (fact if fact is not None and fact["day"] != "after" else None
                                for fact in (facts.get((state_id, iid, Rel.PARTY_TO.value)),
                                             facts.get((state_id, iid, Rel.SIGNED.value))))
            for fact in (party, signature):
                if fact is not None and fact["day"] in ("undated", "imprecise"):
                    unplace(state_id, fact["type"], iid, fact["date"], fact["day"])
            counting_party = party if party is not None and party["day"] == "counts" else None
            counting_signature = signature if signature is not None and signature["day"] == "counts" else None
            status, lag = row_status(sub["date"], counting_party, counting_signature)
            rows.append(ImplementationRow(
                state=summary(sub["state"]), commitment=ref(lists_rows[cid]["node"]),
                instrument=ref(ties.instruments[iid]), status=status, subscribed=sub["date"],
                derived=sub["derived_from"] is not None, derived_from=sub["derived_from"],
                subscription_confidence=sub["confidence"], subscription_sources=sub["sources"],
                party_since=party["date"] if party else None, party_via=party["via"] if party else None,
                party_entry_into_force=party["entry_into_force"] if party else None,
                party_confidence=party["confidence"] if party else None,
                party_sources=party["sources"] if party else [],
                party_unplaced=_unplaced(party["day"]) if party else None,
                signature_date=signature["date"] if signature else None,
                signature_sources=signature["sources"] if signature else [],
                signature_unplaced=_unplaced(signature["day"]) if signature else None,
                lag_years=lag))
    rows.sort(key=lambda r: (r.commitment.id, r.state.name or r.state.id, r.instrument.id))
    if states is not None:  # a State's answer rests on the lists it appears in, not on every list
        wanted = sorted({row.commitment.id for row in rows})
    lists, caveats, cited = _lists(lists_rows, wanted, rows, states is None)
    tie_models = []
    for iid in sorted({i for cid in wanted for i in ties.joinable.get(cid, [])}):
        inst_c = instrument_completeness(db, ties.instruments[iid])
        tie_models.append(InstrumentTie(instrument=ref(ties.instruments[iid]), completeness=inst_c))
        caveats.append(NO_PARTY_FACT.format(instrument=iid, summary=inst_c[0].summary))
        cited += [s for c in inst_c for s in c.stated_sources]
    not_assessed = [ref(ties.instruments[i]) for i in sorted({i for cid in wanted for i in ties.other.get(cid, [])})]
    if not_assessed:
        caveats.append("Tied instruments with no party fact on record are not assessed (no State joins them by "
                       f"consent in the data): {', '.join(n.id for n in not_assessed)}.")
    if undated or imprecise:
        caveats.append(f"On {day}, {len(undated)} undated and {len(imprecise)} imprecise facts could not be placed "
                       "and do not count; they are named in exclusions.")
    cited += [s for row in rows for s in (*row.subscription_sources, *row.party_sources, *row.signature_sources)]
    exclusions = TimeExclusions(as_of=day, rule=AS_OF_RULE, undated=list(undated.values()),
                                imprecise=list(imprecise.values())) if day else None
    return _Assessment(rows, lists, tie_models, not_assessed, caveats, cited, exclusions)


def _lists(lists_rows: dict[str, dict[str, Any]], wanted: list[str], rows: list[ImplementationRow],
           every_state: bool) -> tuple[list[ListBasis], list[str], list[str]]:
    """The subscriber (or summit participant) list behind each commitment, with its caveats."""
    lists: list[ListBasis] = []
    caveats: list[str] = []
    cited: list[str] = []
    by_commitment = defaultdict(list)
    for row in rows:
        by_commitment[row.commitment.id].append(row)
    for cid in wanted:
        info = lists_rows[cid]
        node = info["node"]
        present = info["day"] == "counts"
        summit = next((e for e in info["events"] if e and e["node"].get("subkind") in SUMMIT_SUBKINDS), None)
        adopts = (not info["known_members"] and node.get("subkind") in ADOPTING_SUBKINDS and summit is not None)
        if adopts and summit is not None:
            c = completeness(summit["node"], "members", summit["participants"])
            lists.append(ListBasis(commitment=ref(node), derived_from=summit["node"]["id"], completeness=c,
                                   present=present))
            caveats.append(f"{cid}: no subscriber list of its own; its adopters are derived from the participants of "
                           f"{summit['node']['id']} ({c.summary}).")
        else:
            c = completeness(node, "members", info["known_members"])
            lists.append(ListBasis(commitment=ref(node), completeness=c, present=present))
            if c.known == 0:
                caveats.append(f"{cid}: no subscriber list is on record, so its subscribers cannot appear.")
            elif c.stated is not None and c.known < c.stated:
                caveats.append(f"{cid}: subscriber list partial ({c.summary}).")
        cited += c.stated_sources
        if not present:
            caveats.append(f"{cid} is dated {node.get('date')}: not issued yet (or not placeable) on the day asked, "
                           "so none of its subscribers count.")
        if info["organizations"] and every_state:
            caveats.append(f"{cid}: {info['organizations']} organization subscriber(s) left out; the assessment is "
                           "for States.")
        shaky = Counter(r.subscription_confidence for r in by_commitment[cid] if not r.derived)
        if shaky["derived"] or shaky["unconfirmed"]:
            caveats.append(f"{cid}: of its subscription rows, {shaky['derived']} are derived and "
                           f"{shaky['unconfirmed']} unconfirmed (not read in a source listing them).")
    return lists, caveats, cited


def _counts(rows: Iterable[ImplementationRow]) -> dict[str, int]:
    counted = Counter(row.status for row in rows)
    return {status: counted[status] for status in STATUSES}


def _common(db: GraphDatabaseClient, found: _Assessment, as_of: datetime.date | None) -> dict[str, Any]:
    rows = found.rows
    return dict(as_of=iso_day(as_of), rule=STATUS_RULE, derived_rule=DERIVED_RULE, as_of_rule=AS_OF_RULE,
                counts=_counts(rows), instruments=found.ties, lists=found.lists, not_assessed=found.not_assessed,
                caveats=found.caveats, sources=source_refs(db, found.cited), exclusions=found.exclusions,
                data=rows, count=len(rows), total=len(rows), limit=len(rows), offset=0)


def commitment_implementation(db: GraphDatabaseClient, commitment_id: str,
                              as_of: datetime.date | None = None) -> CommitmentImplementation:
    """Each subscriber of one commitment, for each instrument it is tied to, with its status on the day."""
    node = get_node(db, Label.COMMITMENT, commitment_id)
    ties = _ties(db)
    found = _assess(db, ties, [commitment_id], None, as_of)
    if commitment_id not in ties.joinable and commitment_id not in ties.other:
        found.caveats.insert(0, f"{commitment_id} is tied to no legal instrument (it neither references nor supports "
                                "one, directly or through a statement it references or circulates).")
    return CommitmentImplementation(commitment=summary(node), **_common(db, found, as_of))


def state_implementation(db: GraphDatabaseClient, iso3: str,
                         as_of: datetime.date | None = None) -> StateImplementation:
    """One State across every commitment tied to an instrument that it subscribed to or adopted."""
    node = get_node(db, Label.STATE, iso3.strip().upper())
    ties = _ties(db)
    found = _assess(db, ties, list(ties.joinable), [node["id"]], as_of)
    return StateImplementation(state=summary(node), **_common(db, found, as_of))


def summit_implementation(db: GraphDatabaseClient, event_id: str,
                          as_of: datetime.date | None = None) -> SummitImplementation:
    """The statements issued at a summit (and its side events): counts per status, the lists, their caveats."""
    node = get_node(db, Label.EVENT, event_id)
    issued = read(db, "implementation/issued_at", event=event_id)
    ties = _ties(db)
    tied = [row["commitment"]["id"] for row in issued if row["commitment"]["id"] in ties.joinable]
    found = _assess(db, ties, tied, None, as_of)
    by_commitment: dict[str, list[ImplementationRow]] = defaultdict(list)
    for row in found.rows:
        by_commitment[row.commitment.id].append(row)
    statements = [SummitStatement(commitment=summary(row["commitment"]), issued_at=row["issued_at"],
                                  tied_to=ties.joinable.get(row["commitment"]["id"], []),
                                  counts=_counts(by_commitment[row["commitment"]["id"]])) for row in issued]
    untied = [s.commitment.id for s in statements if not s.tied_to]
    if untied:
        found.caveats.append(f"{len(untied)} of the {len(statements)} statements issued there are tied to no "
                             f"instrument with party facts and add no rows: {', '.join(untied)}.")
    if not issued:
        found.caveats.insert(0, f"No statement issued at {event_id} (or at an event that is part of it) is on record.")
    return SummitImplementation(event=summary(node), statements=statements, **_common(db, found, as_of))


CSV_COLUMNS = ("state_id", "state_name", "commitment_id", "instrument_id", "status", "subscribed", "derived",
               "derived_from", "subscription_confidence", "party_since", "party_via", "party_entry_into_force",
               "party_unplaced", "signature_date", "signature_unplaced", "lag_years", "subscription_sources",
               "party_sources", "signature_sources")


def csv_rows(rows: Iterable[ImplementationRow]) -> list[dict[str, Any]]:
    """One flat row per subscriber and instrument, with the column names analysts join on."""
    return [{"state_id": r.state.id, "state_name": r.state.name, "commitment_id": r.commitment.id,
             "instrument_id": r.instrument.id, "status": r.status, "subscribed": r.subscribed,
             "derived": r.derived, "derived_from": r.derived_from,
             "subscription_confidence": r.subscription_confidence, "party_since": r.party_since,
             "party_via": r.party_via, "party_entry_into_force": r.party_entry_into_force,
             "party_unplaced": r.party_unplaced, "signature_date": r.signature_date,
             "signature_unplaced": r.signature_unplaced, "lag_years": r.lag_years,
             "subscription_sources": r.subscription_sources, "party_sources": r.party_sources,
             "signature_sources": r.signature_sources} for r in rows]

