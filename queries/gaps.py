"""Gaps: who has committed to, or sits beside those who joined, an instrument or initiative, yet has
no joining fact on record. Every answer says how complete the lists it compares are, because a
missing row means "no party fact known", never "not a party".

The API, the pages and the report all call these functions; the routes only page them and choose
JSON or CSV.
"""

import datetime
import difflib
from collections.abc import Iterable
from typing import Any

from graph.dating import day_status, iso_day
from graph.driver import GraphDatabaseClient
from graph.errors import InvalidRequest, NotFound
from graph.model import Label
from queries.lookup import get_node, suggestions
from queries.models import (
    AmendmentGap,
    AmendmentRow,
    CommitmentGap,
    CommitmentGapRow,
    CommitmentList,
    Completeness,
    GroupRef,
    NodeRef,
    NodeSummary,
    PeerRow,
    SignatureStatus,
    SourceRef,
    TopicCoverage,
    TopicCoverageRow,
    UniversalizationGap,
    UniversalizationRow,
    WhatIf,
    WhatIfRow,
)
from queries.nodes import completeness
from queries.registry import read
from queries.unplaced import TIMED, UNPLACED, Standing, exclusions_caveat, standing_exclusions

GROUP_LABELS = (Label.EVENT, Label.INITIATIVE, Label.COMMITMENT, Label.ORGANIZATION)
GROUP_CHOICE = "give exactly one of group, region or state (repeatable)"
AS_OF_COMPLETENESS = ("Completeness figures describe the lists as the graph holds them (stated totals as of their "
                      "sources' dates), not as they stood on as_of.")
NO_PARTY_FACT = ("A State listed here has no party fact on record for {instrument}; that is not proof that it is not "
                 "a party: {summary}.")
COMMITMENT_RULE = ("A commitment is tied to the instrument when it REFERENCES or SUPPORTS it directly, or references a "
                   "commitment that does; an INFCIRC and the statement it circulates (CIRCULATED_AS) count as one "
                   "document. Years since = full years from the subscription date (missing month/day read as the "
                   "first) to as_of when given, else to `today` (default: the current date).")
TOPIC_RULE = ("A topic is a coverage gap when at least one commitment or guidance item ADDRESSES it and no "
              "LegalInstrument does.")
WHAT_IF_RULE = ("Peers = States of the same UN sub-region plus States that share a group with it (a summit attended, "
                "a commitment subscribed, an initiative or organization joined). Candidates = instruments (PARTY_TO), "
                "initiatives (MEMBER_OF) and commitments such as joint statements (SUBSCRIBED_TO) with no joining fact "
                "for the State. Ranked by peers that joined (most first), then by share of peers, then by id.")


def ref(node: dict[str, Any]) -> NodeRef:
    return NodeRef(id=node["id"], kind=node.get("kind"), name=node.get("name"), short_name=node.get("short_name"))


def summary(node: dict[str, Any]) -> NodeSummary:
    return NodeSummary(**{k: node.get(k) for k in NodeSummary.model_fields if k in node})


def signature_status(signature_date: str | None, signed: bool) -> SignatureStatus:
    return "signed, not ratified" if signed or signature_date else "no signature known"


def source_refs(db: GraphDatabaseClient, ids: Iterable[str]) -> list[SourceRef]:
    """The cited documents with their as-of dates: every figure names what it rests on."""
    wanted = sorted(set(ids))
    return [SourceRef(**row) for row in read(db, "gaps/sources", ids=wanted)] if wanted else []


def instrument_completeness(db: GraphDatabaseClient, node: dict[str, Any]) -> list[Completeness]:
    """Known vs stated parties and signatories of an instrument (one query for the sizes)."""
    sizes = read(db, "gaps/instrument_sizes", id=node["id"])[0]
    return list_completeness(node, sizes["parties"], sizes["historical"], sizes["signatories"])


def list_completeness(node: dict[str, Any], parties: int, historical: int, signatories: int) -> list[Completeness]:
    """Historical predecessor States are not counted as known parties (their successors are), so "known"
    compares like with like against stated totals; the summary says how many were left out."""
    party_list = completeness(node, "parties", parties)
    if historical:
        party_list.summary += f"; {historical} historical predecessor States not counted"
    return [party_list, completeness(node, "signatories", signatories)]


def years_between(start: str | None, today: datetime.date) -> int | None:
    """Full years from a YYYY[-MM[-DD]] date to `today`; a missing month or day counts as the first."""
    if not start:
        return None
    parts = [int(part) for part in start.split("-")]
    year, month, day = [*parts, 1, 1][:3]
    return today.year - year - ((today.month, today.day) < (month, day))


def _group_not_found(db: GraphDatabaseClient, group: str) -> NotFound:
    close = [s for label in GROUP_LABELS for s in suggestions(db, label, group)]
    return NotFound("group (summit, initiative, commitment or organization)", group, close[:3])


def _region_not_found(db: GraphDatabaseClient, region: str) -> NotFound:
    regions = [row["region"] for row in read(db, "gaps/regions")]
    return NotFound("UN region or sub-region", region, difflib.get_close_matches(region, regions, n=3, cutoff=0.4))


def not_there_yet(node: dict[str, Any], as_of: datetime.date | None, what: str) -> list[str]:
    """A caveat when the group or instrument itself is dated after the day (it did not exist yet)."""
    status = day_status(node.get("date"), as_of) if node.get("date") else "counts"
    if status == "after":
        return [f"{node['id']} is dated {node['date']}, after {as_of}: {what}."]
    if status == "imprecise":
        return [f"{node['id']} is dated {node['date']}, a period that straddles {as_of}: {what} may not have "
                "existed yet on that day."]
    return []


def universalization_gap(db: GraphDatabaseClient, instrument: str, group: str | None = None,
                         region: str | None = None, states: list[str] | None = None,
                         as_of: datetime.date | None = None) -> UniversalizationGap:
    """Members of one group with no party fact for the instrument, with both lists' completeness. As of a
    day, the group is its members on that day and party and signature facts count from their dates. One
    round trip (gaps/universalization); lookups for suggestions run only when something is not found."""
    if sum(x is not None and x != [] for x in (group, region, states)) != 1:
        raise InvalidRequest(GROUP_CHOICE)
    found = read(db, "gaps/universalization", instrument=instrument, group=group, region=region, states=states,
                 as_of=iso_day(as_of), timed=TIMED)[0]
    inst = found["instrument"]
    if inst is None:
        raise NotFound("legal instrument", instrument, suggestions(db, Label.LEGAL_INSTRUMENT, instrument))
    if group and found["group_node"] is None:
        raise _group_not_found(db, group)
    if region and not found["region_known"]:
        raise _region_not_found(db, region)
    all_rows = found["members"]
    if states:
        missing = sorted(set(states) - {row["state"]["id"] for row in all_rows})
        if missing:
            raise NotFound("State", missing[0], suggestions(db, Label.STATE, missing[0]))
    group_id = found["group_node"]["id"] if group else region or "listed States"
    facts = [fact for row in all_rows for fact in _standings(row, inst["id"], group_id)]
    rows = [row for row in all_rows if row["membership_standing"] == "counts"]
    caveats: list[str] = []
    members = len(rows)
    group_ref: GroupRef
    group_completeness: Completeness
    if group:
        node = found["group_node"]
        group_ref = GroupRef(kind="group", id=node["id"], name=node.get("name"), label=found["group_label"])
        group_completeness = completeness(node, "members", found["known_members"])
        caveats += not_there_yet(node, as_of, "it had no members yet")
        derived = sum(row["membership_confidence"] == "derived" for row in rows)
        unconfirmed = sum(row["membership_confidence"] == "unconfirmed" for row in rows)
        if derived or unconfirmed:
            caveats.append(f"Of the {members} State names in {node['id']}, {derived} are derived and {unconfirmed} "
                           "unconfirmed (not read in a source listing them).")
        if group_completeness.stated is not None and group_completeness.known < group_completeness.stated:
            caveats.append(f"The {node['id']} list is partial: {group_completeness.summary}. Members missing from it "
                           "cannot appear in this gap.")
        elif group_completeness.stated is None:
            caveats.append(f"No stated size is on record for {node['id']}: {group_completeness.summary}.")
    elif region:
        group_ref = GroupRef(kind="region", id=region, name=f"UN region or sub-region {region}")
        group_completeness = Completeness(list="members", known=members, summary=(
            f"{members} States of {region} (UN members and observers, and any other State the data names; "
            "regions from country_converter)"))
    else:
        group_ref = GroupRef(kind="states", name=f"{len(states or [])} States listed in the request")
        group_completeness = Completeness(list="members", known=members, summary=f"{members} States, as requested")
    inst_completeness = list_completeness(inst, found["parties"], found["historical"], found["signatories"])
    parties = inst_completeness[0]
    caveats += not_there_yet(inst, as_of, "no State could be party to it yet")
    caveats.append(NO_PARTY_FACT.format(instrument=inst["id"], summary=parties.summary))
    if parties.stated is not None and parties.known < parties.stated:
        caveats.append(f"The {inst['id']} party list is partial ({parties.known} of {parties.stated} known), so some "
                       "States in this gap may in fact be parties.")
    unplaced = [row["state"]["id"] for row in rows if row["party_standing"] in UNPLACED]
    gap = []
    for row in rows:
        if row["party_standing"] in ("counts", *UNPLACED):
            continue
        signature_date, signature_sources = _signature(row)
        gap.append(UniversalizationRow(
            state=summary(row["state"]), signature_status=signature_status(signature_date, bool(signature_sources)),
            signature_date=signature_date, signature_sources=signature_sources,
            membership_role=row["membership_role"], membership_date=row["membership_date"],
            membership_confidence=row["membership_confidence"], membership_sources=row["membership_sources"]))
    exclusions = standing_exclusions(as_of, facts)
    if as_of is not None:
        caveats += exclusions_caveat(exclusions)
        if unplaced:
            caveats.append(f"{len(unplaced)} members have a party fact that cannot be placed on {as_of} "
                           f"({', '.join(unplaced)}): neither counted as parties nor listed in the gap.")
        caveats.append(AS_OF_COMPLETENESS)
    signed = sum(row.signature_status == "signed, not ratified" for row in gap)
    return UniversalizationGap(
        instrument=ref(inst), group=group_ref, members=members, parties_known=members - len(gap) - len(unplaced),
        signed_not_ratified=signed, no_signature_known=len(gap) - signed,
        completeness=[group_completeness, *inst_completeness], caveats=caveats,
        sources=[SourceRef(**source) for source in found["sources"]],
        as_of=iso_day(as_of), exclusions=exclusions, party_unplaced=unplaced,
        data=gap, count=len(gap), total=len(gap), limit=len(gap), offset=0,
    )


def _signature(row: dict[str, Any]) -> tuple[str | None, list[str]]:
    """The signature date and sources when the signature counts on the day."""
    if row["signature_standing"] == "counts":
        return row["signature_date"], row["signature_sources"]
    return None, []


def _standings(row: dict[str, Any], instrument: str, group: str) -> list[Standing]:
    """A member's membership, party and signature facts with where each stands on the day."""
    state = row["state"]["id"]
    out = [Standing(state, row["membership_type"], group, row["membership_date"], row["membership_standing"])] \
        if row["membership_type"] else []
    if row["membership_standing"] == "counts":
        out += [Standing(state, "PARTY_TO", instrument, row["consent_date"], row["party_standing"]),
                Standing(state, "SIGNED", instrument, row["signature_date"], row["signature_standing"])]
    return out


def amendment_gap(db: GraphDatabaseClient, base: str = "CPPNM", target: str = "A_CPPNM",
                  as_of: datetime.date | None = None) -> AmendmentGap:
    """Parties to the base treaty with no party fact for its amendment; predecessor States left out. As of a
    day, both party facts count from their dates."""
    base_node = get_node(db, Label.LEGAL_INSTRUMENT, base)
    target_node = get_node(db, Label.LEGAL_INSTRUMENT, target)
    all_rows = read(db, "gaps/party_not_party", base=base, target=target, as_of=iso_day(as_of), timed=TIMED)
    facts = [Standing(row["state"]["id"], "PARTY_TO", base, row["consent_date"], row["base_standing"])
             for row in all_rows]
    rows = [row for row in all_rows if row["base_standing"] == "counts"]
    facts += [Standing(row["state"]["id"], "PARTY_TO", target, row["target_date"], row["target_standing"])
              for row in rows]
    rows = [row for row in rows if row["target_standing"] != "counts"]
    historical = sorted(row["state"]["id"] for row in rows if row["state"].get("historical"))
    current = [row for row in rows if not row["state"].get("historical")]
    unplaced = [row["state"]["id"] for row in current if row["target_standing"] in UNPLACED]
    data = [AmendmentRow(state=summary(row["state"]), consent_date=row["consent_date"],
                         consent_kind=row["consent_kind"], confidence=row["confidence"], sources=row["sources"])
            for row in current if row["target_standing"] not in UNPLACED]
    base_c = instrument_completeness(db, base_node)[0]
    target_c = instrument_completeness(db, target_node)[0]
    caveats = [*not_there_yet(target_node, as_of, "no State could be party to it yet"),
               NO_PARTY_FACT.format(instrument=target, summary=target_c.summary)]
    if target_c.stated is not None and target_c.known < target_c.stated:
        missing = target_c.stated - target_c.known
        caveats.append(f"About {missing} {target} parties are missing from the data, so up to {missing} of the "
                       f"{len(data)} States below may already be parties.")
    if base_c.stated is not None and base_c.known < base_c.stated:
        caveats.append(f"The {base} party list is itself partial ({base_c.summary}).")
    if historical:
        caveats.append(f"Historical predecessor States left out: {', '.join(historical)} (their successors count).")
    exclusions = standing_exclusions(as_of, facts)
    if as_of is not None:
        caveats += exclusions_caveat(exclusions)
        if unplaced:
            caveats.append(f"{len(unplaced)} {base} parties have a {target} party fact that cannot be placed on "
                           f"{as_of} ({', '.join(unplaced)}): not listed in the gap.")
        caveats.append(AS_OF_COMPLETENESS)
    cited = [s for row in data for s in row.sources] + base_c.stated_sources + target_c.stated_sources
    return AmendmentGap(base=ref(base_node), target=ref(target_node), historical_excluded=historical,
                        completeness=[base_c, target_c], caveats=caveats, sources=source_refs(db, cited),
                        as_of=iso_day(as_of), exclusions=exclusions, party_unplaced=unplaced,
                        data=data, count=len(data), total=len(data), limit=len(data), offset=0)


def reference_day(as_of: datetime.date | None, today: datetime.date | None) -> datetime.date:
    """The day "years since" counts to: `as_of` when given, else `today`, else the current date. Giving
    both with different days is refused: the answer would describe one day and count to another."""
    if as_of is not None and today is not None and as_of != today:
        raise InvalidRequest(f"give as_of or today, not both with different days ({as_of} and {today}): with "
                             "as_of, years since are counted to as_of")
    return as_of or today or datetime.date.today()


def commitment_gap(db: GraphDatabaseClient, instrument: str, today: datetime.date | None = None,
                   as_of: datetime.date | None = None) -> CommitmentGap:
    """States that put their name to a commitment tied to an instrument but have no party fact for it. As
    of a day: the commitments, subscriptions and party facts of that day, years since counted to it."""
    day = reference_day(as_of, today)
    inst = get_node(db, Label.LEGAL_INSTRUMENT, instrument)
    all_rows = read(db, "gaps/commitments", instrument=instrument, as_of=iso_day(as_of), timed=TIMED)
    facts = [Standing(row["state"]["id"], "SUBSCRIBED_TO", row["commitment"]["id"], row["committed"],
                      row["subscription_standing"]) for row in all_rows]
    rows = [row for row in all_rows if row["subscription_standing"] == "counts"]
    facts += [fact for row in rows for fact in (
        Standing(row["state"]["id"], "PARTY_TO", instrument, row["consent_date"], row["party_standing"]),
        Standing(row["state"]["id"], "SIGNED", instrument, row["signature_date"], row["signature_standing"]))]
    unplaced = sorted({row["state"]["id"] for row in rows if row["party_standing"] in UNPLACED})
    data = []
    for row in rows:
        if row["party_standing"] in ("counts", *UNPLACED):
            continue
        signed = row["signature_standing"] == "counts"
        data.append(CommitmentGapRow(
            state=summary(row["state"]), commitment=ref(row["commitment"]), chain=row["chain"],
            committed=row["committed"], years_since=years_between(row["committed"], day),
            signature_status=signature_status(None, signed), signature_date=row["signature_date"] if signed else None,
            confidence=row["confidence"], sources=row["sources"]))
    tied = read(db, "gaps/commitment_lists", instrument=instrument, as_of=iso_day(as_of))
    facts += [Standing(row["node"]["id"], "REFERENCES|SUPPORTS", instrument, row["node"].get("date"), row["standing"])
              for row in tied]
    lists = [CommitmentList(commitment=ref(row["node"]), completeness=completeness(row["node"], "members",
                                                                                  row["known_members"]))
             for row in tied if row["standing"] == "counts"]
    inst_c = instrument_completeness(db, inst)
    caveats = [NO_PARTY_FACT.format(instrument=instrument, summary=inst_c[0].summary)]
    for item in lists:
        c = item.completeness
        if c.known == 0:
            caveats.append(f"{item.commitment.id}: no subscriber list is on record, so its subscribers cannot appear.")
        elif c.stated is not None and c.known < c.stated:
            caveats.append(f"{item.commitment.id}: subscriber list partial ({c.summary}).")
    exclusions = standing_exclusions(as_of, facts)
    if as_of is not None:
        caveats += exclusions_caveat(exclusions)
        if unplaced:
            caveats.append(f"{len(unplaced)} subscribers have a party fact that cannot be placed on {as_of} "
                           f"({', '.join(unplaced)}): not listed in the gap.")
        caveats.append(AS_OF_COMPLETENESS)
    cited = [s for row in data for s in row.sources] + inst_c[0].stated_sources
    cited += [s for item in lists for s in item.completeness.stated_sources]
    return CommitmentGap(instrument=ref(inst), today=day.isoformat(), states=len({r.state.id for r in data}),
                         rule=COMMITMENT_RULE, commitments=lists, completeness=inst_c, caveats=caveats,
                         sources=source_refs(db, cited), as_of=iso_day(as_of), exclusions=exclusions,
                         party_unplaced=unplaced, data=data, count=len(data), total=len(data), limit=len(data),
                         offset=0)


def topic_gap(db: GraphDatabaseClient, as_of: datetime.date | None = None) -> TopicCoverage:
    """Topics that commitments or guidance address but no legal instrument does; as of a day, only the
    documents and instruments that existed on it."""
    data: list[TopicCoverageRow] = []
    covered: list[str] = []
    rows = read(db, "gaps/topics", as_of=iso_day(as_of))
    facts = [Standing(item["id"], "ADDRESSES", row["topic"]["id"], item["date"], item["standing"])
             for row in rows for item in row["items"]]
    for row in rows:
        items = [{k: item[k] for k in ("id", "kind", "name")} for item in row["items"] if item["standing"] == "counts"]
        kinds = {item["kind"] for item in items}
        if "legal_instrument" in kinds:
            covered.append(row["topic"]["id"])
            continue
        if not kinds & {"commitment", "guidance"}:
            continue
        by_kind = {kind: [NodeRef(**item) for item in items if item["kind"] == kind]
                   for kind in ("commitment", "guidance")}
        others = [NodeRef(**item) for item in items if item["kind"] not in ("commitment", "guidance")]
        data.append(TopicCoverageRow(topic=ref(row["topic"]), commitments=by_kind["commitment"],
                                     guidance=by_kind["guidance"], others=others,
                                     sources=sorted(set(row["sources"]))))
    caveats = ["Topic links (ADDRESSES) are a curated classification (confidence 'derived'), not a statement by the "
               "documents themselves.",
               "Only the legal instruments in the catalog are checked (CPPNM, A/CPPNM, ICSANT, UNSCR 1540, 1810, "
               "1977, the Code of Conduct, NPT); the Code of Conduct is not legally binding."]
    exclusions = standing_exclusions(as_of, facts)
    if as_of is not None:
        caveats.append(f"As of {as_of}: only documents, guidance and instruments dated on or before that day (or "
                       "undated) count; those dated after it did not exist yet.")
        caveats += exclusions_caveat(exclusions)
    return TopicCoverage(rule=TOPIC_RULE, topics_total=len(rows), covered_by_law=covered, caveats=caveats,
                         as_of=iso_day(as_of), exclusions=exclusions,
                         data=data, count=len(data), total=len(data), limit=len(data), offset=0)


def what_if(db: GraphDatabaseClient, iso3: str, as_of: datetime.date | None = None) -> WhatIf:
    """What the State has not joined, ranked by how many of its peers have; as of a day, the groups,
    joining facts and items of that day."""
    me = get_node(db, Label.STATE, iso3)
    day = iso_day(as_of)
    peers = [PeerRow(peer=summary(row["peer"]), same_subregion=row["same_subregion"], shared=sorted(row["shared"]))
             for row in read(db, "gaps/peers", iso3=iso3, as_of=day)]
    total = len(peers)
    rows = read(db, "gaps/not_joined", iso3=iso3, peers=[p.peer.id for p in peers], as_of=day)
    facts = [Standing(**fact) for row in rows for fact in (*row["my_unplaced"], *row["peers_unplaced"])]
    ranked = sorted(rows, key=lambda row: (-len(row["joined"]), row["item"]["id"]))
    data = [WhatIfRow(rank=rank, item=summary(row["item"]), joined_peers=len(row["joined"]), peers=total,
                      share=round(len(row["joined"]) / total, 4) if total else 0.0, signed=row["signed"],
                      peers_joined=sorted((NodeRef(**p) for p in row["joined"]), key=lambda p: p.id))
            for rank, row in enumerate(ranked, start=1)]
    caveats = ["'Not joined' means no joining fact for the State is on record; many lists are partial (see "
               "/api/v1/instruments/{id}/parties and the completeness of each group).",
               "Peers' joining facts come from the same partial lists, so counts are lower bounds."]
    exclusions = standing_exclusions(as_of, facts)
    if as_of is not None:
        caveats.append(f"As of {as_of}: peers share a group when both memberships count on that day; an item the "
                       "State joined by a fact that cannot be placed on the day is not a candidate.")
        caveats += exclusions_caveat(exclusions)
    return WhatIf(state=summary(me), rule=WHAT_IF_RULE, peer_list=peers, caveats=caveats, as_of=day,
                  exclusions=exclusions, data=data, count=len(data), total=len(data), limit=len(data), offset=0)
