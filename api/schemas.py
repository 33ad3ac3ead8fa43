"""Response models. Lists come in one envelope: `data`, `count` (on this page), `total`, paging."""

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

Row = TypeVar("Row")


class Page(BaseModel, Generic[Row]):
    data: list[Row]
    count: int = Field(description="rows on this page")
    total: int = Field(description="rows matching the request")
    limit: int
    offset: int


class NodeRef(BaseModel):
    """A node at the end of a link: enough to show it and to follow it."""

    id: str
    kind: str | None = None
    name: str | None = None
    short_name: str | None = None


class NodeSummary(NodeRef):
    subkind: str | None = None
    date: str | None = None
    un_region: str | None = None
    un_subregion: str | None = None


class Link(BaseModel):
    """One relationship of a node, with its time and provenance."""

    type: str
    direction: Literal["out", "in"]
    node: NodeRef
    properties: dict[str, Any]


class NodeDetail(BaseModel):
    """A node with all its properties and every link, grouped by relationship type."""

    id: str
    kind: str
    properties: dict[str, Any]
    links: dict[str, list[Link]]


class Completeness(BaseModel):
    """How much of a list the graph knows: "123 of 127 parties known (source, as of)"."""

    list: str
    known: int
    stated: int | None = None
    stated_as_of: str | None = None
    stated_sources: list[str] = Field(default_factory=list)
    note: str | None = None
    summary: str


class PartyRow(BaseModel):
    state: NodeSummary
    status: Literal["party", "signatory"]
    signature_date: str | None
    consent_date: str | None
    consent_kind: str | None
    entry_into_force: str | None
    confidence: str | None
    sources: list[str]


class PartiesPage(Page[PartyRow]):
    instrument: NodeRef
    as_of: str | None
    completeness: list[Completeness]
    undated_excluded: int = Field(0, description="parties left out of an as_of answer for want of a date")
