"""Two States side by side: instruments, commitments, summits and memberships, with dates and sources,
what one has and the other lacks first; built on `queries.states.state_profile` (called once per State),
so the comparison says exactly what each profile says, on any day."""

import datetime
from typing import Literal

from pydantic import BaseModel, Field

from graph.driver import GraphDatabaseClient
from queries.models import Involvement, NodeRef, StateInstrument, StateProfile, TimeExclusions
from queries.states import state_profile

Section = Literal["instruments", "commitments", "events", "memberships"]
SECTIONS: tuple[Section, ...] = ("instruments", "commitments", "events", "memberships")


class Standing(BaseModel):
    """One State's fact about one item: its status (party, signatory, or the role), date and sources."""

    status: str
    date: str | None = None
    sources: list[str] = Field(default_factory=list)


class ComparedItem(BaseModel):
    item: NodeRef
    a: Standing | None = Field(description="State a's fact; None: no fact known (never 'not')")
    b: Standing | None
    difference: Literal["only_a", "only_b", "differs", "same"] = Field(
        description="only_a / only_b: one State has a fact the other lacks; differs: both, different status")


class ComparedSection(BaseModel):
    section: Section
    items: list[ComparedItem] = Field(description="only_a, only_b and differs first, then same; by name")


class StateComparison(BaseModel):
    a: NodeRef
    b: NodeRef
    as_of: str | None
    sections: list[ComparedSection]
    exclusions_a: TimeExclusions | None = None
    exclusions_b: TimeExclusions | None = None


ORDER = {"only_a": 0, "only_b": 1, "differs": 2, "same": 3}


def _instrument_standing(row: StateInstrument) -> Standing | None:
    if row.status == "none":
        return None
    date = row.consent_date if row.status == "party" else row.signature_date
    return Standing(status=row.status, date=date, sources=row.sources)


def _standings(profile: StateProfile, section: Section) -> dict[str, tuple[NodeRef, Standing]]:
    if section == "instruments":
        return {row.instrument.id: (row.instrument, standing) for row in profile.instruments
                if (standing := _instrument_standing(row)) is not None}
    rows: list[Involvement] = getattr(profile, section)
    return {row.node.id: (row.node, Standing(status=row.role or section.rstrip("s"), date=row.date,
                                             sources=row.sources)) for row in rows}


def _difference(a: Standing | None, b: Standing | None) -> Literal["only_a", "only_b", "differs", "same"]:
    if b is None:
        return "only_a"
    if a is None:
        return "only_b"
    return "same" if a.status == b.status else "differs"


def compare_states(db: GraphDatabaseClient, a: str, b: str, as_of: datetime.date | None = None) -> StateComparison:
    """Two profile reads (each one round trip); a State compared with itself has every item the same."""
    first, second = state_profile(db, a, as_of), state_profile(db, b, as_of)
    sections = []
    for section in SECTIONS:
        left, right = _standings(first, section), _standings(second, section)
        items = []
        for item_id in left.keys() | right.keys():
            ref = (left.get(item_id) or right[item_id])[0]
            mine, theirs = left.get(item_id, (ref, None))[1], right.get(item_id, (ref, None))[1]
            items.append(ComparedItem(item=ref, a=mine, b=theirs, difference=_difference(mine, theirs)))
        items.sort(key=lambda row: (ORDER[row.difference], (row.item.short_name or row.item.name or row.item.id)))
        sections.append(ComparedSection(section=section, items=items))
    return StateComparison(a=NodeRef(id=first.id, kind="state", name=first.name),
                           b=NodeRef(id=second.id, kind="state", name=second.name),
                           as_of=first.as_of, sections=sections, exclusions_a=first.exclusions,
                           exclusions_b=second.exclusions)
