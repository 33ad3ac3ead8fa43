"""Answer models of the implementation assessment (`queries.implementation`): who subscribed to a
commitment tied to an instrument, and whether and when they became party.

Kept apart from `queries.models` while that module is being reworked; they follow its conventions
(NodeRef / NodeSummary refs, Completeness, SourceRef, TimeExclusions, Page).
"""

from typing import Literal

from pydantic import BaseModel, Field

from queries.models import Completeness, NodeRef, NodeSummary, Page, SourceRef, TimeExclusions

ImplementationStatus = Literal["already_party", "became_party", "party_order_unknown", "not_yet_party",
                               "no_fact_known"]
STATUSES: tuple[ImplementationStatus, ...] = ("already_party", "became_party", "party_order_unknown",
                                              "not_yet_party", "no_fact_known")


class ImplementationRow(BaseModel):
    """One subscriber of one commitment, for one instrument the commitment is tied to."""

    state: NodeSummary
    commitment: NodeRef
    instrument: NodeRef
    status: ImplementationStatus
    subscribed: str | None = Field(description="subscription date (the document's date when derived)")
    derived: bool = Field(description="adopted as a participant of the summit that issued the document, "
                                      "not read in a subscriber list")
    derived_from: str | None = Field(None, description="the summit whose participants adopted the document")
    subscription_confidence: str | None = None
    subscription_sources: list[str] = Field(default_factory=list)
    party_since: str | None = Field(None, description="consent (deposit) date of the party fact, if one is on record")
    party_via: str | None = None
    party_entry_into_force: str | None = None
    party_confidence: str | None = None
    party_sources: list[str] = Field(default_factory=list)
    party_unplaced: Literal["undated", "imprecise"] | None = Field(
        None, description="a party fact is on record but cannot be placed on the day asked (so it does not count)")
    signature_date: str | None = None
    signature_sources: list[str] = Field(default_factory=list)
    signature_unplaced: Literal["undated", "imprecise"] | None = None
    lag_years: float | None = Field(None, description="consent date minus subscription date, in years "
                                                      "(negative: party before subscribing)")


class InstrumentTie(BaseModel):
    """An instrument a commitment is tied to, with how complete its party list is."""

    instrument: NodeRef
    completeness: list[Completeness]


class ListBasis(BaseModel):
    """A subscriber list an answer rests on: the commitment's own, or the participants of the summit
    that issued it (`derived_from`)."""

    commitment: NodeRef
    derived_from: str | None = None
    completeness: Completeness
    present: bool = Field(True, description="false when the commitment is dated after the day asked")


class ImplementationAnswer(Page[ImplementationRow]):
    """Rows with their counts per status, the rules, and every list they rest on."""

    as_of: str | None
    rule: str = Field(description="the status rule")
    derived_rule: str
    as_of_rule: str
    counts: dict[str, int] = Field(description="rows per status")
    instruments: list[InstrumentTie]
    lists: list[ListBasis]
    not_assessed: list[NodeRef] = Field(default_factory=list, description="tied instruments with no party fact on "
                                                                          "record at all (resolutions, the NPT here)")
    caveats: list[str]
    sources: list[SourceRef]
    exclusions: TimeExclusions | None = None


class CommitmentImplementation(ImplementationAnswer):
    commitment: NodeSummary


class StateImplementation(ImplementationAnswer):
    state: NodeSummary


class SummitStatement(BaseModel):
    """A statement issued at the summit (or at one of its side events) and what its rows add up to."""

    commitment: NodeSummary
    issued_at: str
    tied_to: list[str] = Field(description="instruments with party facts the statement is tied to")
    counts: dict[str, int]


class SummitImplementation(ImplementationAnswer):
    event: NodeSummary
    statements: list[SummitStatement]
