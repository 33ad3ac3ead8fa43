"""Who is in, since when, on a world map: every dated act towards one instrument, group or commitment, as
one payload the map page moves through time with (no request per step), plus the answer on one day.

Each fact carries its stored date bounds; the day's answer applies graph.dating's rule to them (a fact
counts on day D when `date_latest <= D`), and the page's year slider applies the same comparison to
31 December of each year, so both agree. Undated facts never count on a day: they are listed apart.
"""

import datetime
from typing import Literal

from pydantic import BaseModel, Field

from graph.dating import day_status, iso_day
from graph.driver import GraphDatabaseClient
from graph.errors import NotFound
from graph.model import Label, Rel
from queries.lookup import suggestions
from queries.models import Completeness, NodeRef, TimeExclusions
from queries.nodes import completeness
from queries.registry import read
from queries.unplaced import exclusions_of_rows

MapStatus = Literal["party", "signatory", "member", "subscriber", "participant", "committed"]

STATUS_OF: dict[str, MapStatus] = {
    Rel.PARTY_TO: "party", Rel.SIGNED: "signatory", Rel.MEMBER_OF: "member", Rel.SUBSCRIBED_TO: "subscriber",
    Rel.PARTICIPATED_IN: "participant", Rel.COMMITTED_TO: "committed",
}
RANK: tuple[MapStatus, ...] = ("party", "signatory", "member", "subscriber", "participant", "committed")
"""When a State has several facts that count, the first of these names its status (a party that signed first
is a party)."""
MAP_LABELS = (Label.LEGAL_INSTRUMENT, Label.INITIATIVE, Label.EVENT, Label.COMMITMENT)


class MapFact(BaseModel):
    """One act of a State or organization towards the node, with its date and the date's bounds."""

    entity: NodeRef
    status: MapStatus
    date: str | None = Field(description="as the source gives it (YYYY, YYYY-MM or YYYY-MM-DD); None: undated")
    date_earliest: str | None
    date_latest: str | None = Field(description="the last day the date can mean: the fact counts from then on")
    sources: list[str]
    confidence: str | None = None
    role: str | None = None
    via: str | None = None


class MapState(NodeRef):
    historical: bool | None = None


class MapFacts(BaseModel):
    """The world map's payload: every fact (whatever its date), the States a shape can stand for, the lists'
    completeness, and the answer on `as_of` (every State's status that day; what the day left out)."""

    node: NodeRef
    as_of: str | None
    facts: list[MapFact]
    states: list[MapState]
    completeness: list[Completeness]
    status_on_day: dict[str, MapStatus] = Field(
        description="entity id -> status on as_of (today when as_of is not given) by graph.dating's rule")
    exclusions: TimeExclusions = Field(description="facts the day could not place: undated, or imprecise")


def status_on(facts: list[MapFact], day: str) -> dict[str, MapStatus]:
    """Each entity's status on `day`: the highest-ranked of its facts that counts on that day."""
    found: dict[str, MapStatus] = {}
    for fact in facts:
        if day_status(fact.date, day) != "counts":
            continue
        held = found.get(fact.entity.id)
        if held is None or RANK.index(fact.status) < RANK.index(held):
            found[fact.entity.id] = fact.status
    return found


def map_facts(db: GraphDatabaseClient, node_id: str, as_of: datetime.date | None = None) -> MapFacts:
    """One round trip unless the node does not exist. Without `as_of` the day is today: undated facts are
    never placed on the map, not even today."""
    found = read(db, "maps/facts", id=node_id)
    if not found:
        close = [hit for label in MAP_LABELS for hit in suggestions(db, label, node_id)]
        raise NotFound("instrument, group or commitment", node_id, close[:3])
    answer = found[0]
    node = answer["node"]
    facts = [MapFact(**{**row, "entity": NodeRef(**row["entity"]), "status": STATUS_OF[row["type"]]})
             for row in answer["facts"]]
    day = iso_day(as_of or datetime.date.today())
    assert day is not None
    unplaced = [{"subject": fact.entity.id, "type": row["type"], "object": node["id"], "date": fact.date,
                 "undated": fact.date_latest is None}
                for fact, row in zip(facts, answer["facts"], strict=True)
                if day_status(fact.date, day) in ("undated", "imprecise")]
    if Label.LEGAL_INSTRUMENT in answer["labels"]:
        lists = [completeness(node, "parties", answer["known_parties"]),
                 completeness(node, "signatories", answer["known_signatories"])]
        if answer["known_members"]:
            lists.append(completeness(node, "committed", answer["known_members"]))
    else:
        lists = [completeness(node, "members", answer["known_members"])]
    exclusions = exclusions_of_rows(as_of or datetime.date.today(), unplaced)
    assert exclusions is not None
    return MapFacts(
        node=NodeRef(id=node["id"], kind=node.get("kind"), name=node.get("name"), short_name=node.get("short_name")),
        as_of=iso_day(as_of), facts=facts, states=[MapState(**row) for row in answer["states"]],
        completeness=lists, status_on_day=status_on(facts, day), exclusions=exclusions)
