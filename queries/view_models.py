"""The input contract of the page layer: a graph view as plain data, built by the API from queries.

Keeping the view free of Neo4j types lets pages render (and be tested) without a database.
"""

from typing import Literal

from pydantic import BaseModel, Field

from queries.unplaced import TimeExclusions

Scalar = str | int | float | bool | None
PropertyValue = Scalar | list[Scalar]

NodeKind = Literal[
    "state",
    "organization",
    "legal_instrument",
    "initiative",
    "guidance",
    "commitment",
    "event",
    "topic",
    "source",
]


class ViewNode(BaseModel):
    """One node to draw; `sources` are the ids of the documents that back it."""

    id: str
    kind: NodeKind
    name: str
    short_name: str | None = None
    properties: dict[str, PropertyValue] = Field(default_factory=dict)
    sources: list[str] = Field(default_factory=list)


class ViewEdge(BaseModel):
    """One relationship to draw, from `source` to `target` (node ids), with its dated properties."""

    source: str
    target: str
    type: str
    properties: dict[str, PropertyValue] = Field(default_factory=dict)
    sources: list[str] = Field(default_factory=list)


class GraphView(BaseModel):
    """What one page shows. `truncated` says the query itself stopped early; `focus_id` is highlighted.
    `as_of`: the day shown (None: today), and `exclusions` the facts left out because they cannot be placed on it."""

    title: str
    subtitle: str | None = None
    nodes: list[ViewNode]
    edges: list[ViewEdge]
    truncated: bool = False
    note: str | None = None
    focus_id: str | None = None
    as_of: str | None = None
    exclusions: TimeExclusions | None = None
