"""Answer models for the experts and industry around the summits (`queries.experts`); kept apart from
`queries.models` while that module is being reworked, in its conventions."""

from pydantic import BaseModel, Field

from queries.models import NodeSummary, SourceRef


class Convener(BaseModel):
    """A body that ran (ADMINISTERS) a side event, with the note saying how (organiser, host, co-host)."""

    organization: NodeSummary
    note: str | None = None
    sources: list[str] = Field(default_factory=list)


class Attendee(BaseModel):
    node: NodeSummary
    role: str | None = None
    sources: list[str] = Field(default_factory=list)


class SideEvent(BaseModel):
    """An industry or expert summit held beside a summit (PART_OF it), with who convened it and what it issued."""

    event: NodeSummary
    summit: NodeSummary | None = Field(description="the summit it is part of; null when no PART_OF link is on record")
    part_of_sources: list[str] = Field(default_factory=list)
    convened_by: list[Convener]
    statements: list[NodeSummary]
    participants: list[Attendee] = Field(description="the few participants sources name; not participant lists")
    sources: list[str] = Field(description="the event's own sources")


class BodyLink(BaseModel):
    type: str
    id: str


class Body(BaseModel):
    """A non-governmental, industry or government-affiliated body and what it is linked to."""

    organization: NodeSummary
    convened: list[str] = Field(description="side events it convened (ADMINISTERS)")
    links: list[BodyLink] = Field(description="every non-State entity it is linked to, and how")
    sources: list[str] = Field(default_factory=list)


class ExpertsAndIndustry(BaseModel):
    rule: str
    side_events: list[SideEvent]
    bodies: list[Body]
    caveats: list[str]
    sources: list[SourceRef]
