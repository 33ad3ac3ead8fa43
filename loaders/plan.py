"""A load plan: every node and relationship a load will write, with the file and line it came from.

Loaders only add to a plan; `loaders.writer` checks it as a whole and writes it in one transaction.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.errors import LoadError
from graph.model import Label, Rel

Properties = dict[str, Any]


@dataclass(frozen=True)
class Origin:
    """Where a planned fact was read: for error messages."""

    file: str
    line: int | None

    def error(self, field: str | None, message: str) -> LoadError:
        return LoadError(self.file, self.line, field, message)


@dataclass
class PlannedNode:
    label: Label
    id: str
    props: Properties
    origin: Origin


@dataclass(frozen=True)
class Columns:
    """The input columns that name a relationship's start, end and sources, for error messages."""

    start: str = "from_id"
    end: str = "to_id"
    sources: str = "source_ids"


@dataclass
class PlannedRelationship:
    type: Rel
    start: str
    end: str
    props: Properties
    origin: Origin
    columns: Columns = field(default_factory=Columns)
    corroborating: bool = False
    """True for a fact that only adds its sources when the graph already has it (never overwrites)."""


@dataclass
class GraphPlan:
    nodes: dict[str, PlannedNode] = field(default_factory=dict)
    sources: dict[str, PlannedNode] = field(default_factory=dict)
    relationships: dict[tuple[Rel, str, str], PlannedRelationship] = field(default_factory=dict)
    cited: list[tuple[str, Origin, str]] = field(default_factory=list)
    """(source id, origin, field) for every citation, checked before writing."""

    def add_node(self, label: Label, node_id: str, props: Properties, origin: Origin, id_field: str = "id") -> None:
        table = self.sources if label is Label.SOURCE else self.nodes
        if node_id in table:
            first = table[node_id].origin
            raise origin.error(id_field, f"duplicate id {node_id!r} (first at {first.file}, line {first.line})")
        table[node_id] = PlannedNode(label, node_id, {"id": node_id, **props}, origin)
        self.cite(props.get("sources", []), origin, "sources")

    def add_relationship(self, rel: Rel, start: str, end: str, props: Properties, origin: Origin,
                         columns: Columns | None = None, corroborating: bool = False) -> None:
        key = (rel, start, end)
        columns = columns or Columns()
        if key in self.relationships:
            first = self.relationships[key].origin
            raise origin.error(None, f"duplicate {rel} from {start} to {end} "
                                     f"(first at {first.file}, line {first.line})")
        self.relationships[key] = PlannedRelationship(rel, start, end, props, origin, columns, corroborating)
        self.cite(props.get("sources", []), origin, columns.sources)

    def corroborate_or_add(self, rel: Rel, start: str, end: str, props: Properties, origin: Origin,
                           columns: Columns) -> None:
        """Adds the fact as corroborating (it will only add its sources to one the graph already has),
        or, if the plan already has it, adds these sources to the planned one."""
        planned = self.relationship(rel, start, end)
        if planned is None:
            self.add_relationship(rel, start, end, props, origin, columns, corroborating=True)
            return
        new_sources = [s for s in props["sources"] if s not in planned.props["sources"]]
        planned.props["sources"] = [*planned.props["sources"], *new_sources]
        self.cite(new_sources, origin, columns.sources)

    def relationship(self, rel: Rel, start: str, end: str) -> PlannedRelationship | None:
        return self.relationships.get((rel, start, end))

    def cite(self, source_ids: Iterable[str], origin: Origin, field_name: str) -> None:
        self.cited.extend((source_id, origin, field_name) for source_id in source_ids)

    def counts(self) -> dict[str, int]:
        """Planned nodes per label and relationships per type."""
        totals: dict[str, int] = {}
        for node in [*self.nodes.values(), *self.sources.values()]:
            totals[node.label] = totals.get(node.label, 0) + 1
        for relationship in self.relationships.values():
            totals[relationship.type] = totals.get(relationship.type, 0) + 1
        return totals
