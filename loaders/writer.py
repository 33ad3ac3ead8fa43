"""Checks a plan's references and writes it in ONE transaction: a load is all or nothing.

Writes are batched (`UNWIND $rows ... MERGE` on the constrained id), never one round trip a row.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.dating import with_bounds
from graph.driver import GraphDatabaseClient
from graph.errors import translated_neo4j_errors
from graph.model import Rel
from loaders.plan import GraphPlan, PlannedNode, PlannedRelationship
from queries.registry import read, run_in

BATCH_SIZE = 5000
Progress = Callable[[str, int], None]


@dataclass
class LoadSummary:
    """Per label or relationship type: how many were created, updated or left unchanged."""

    outcomes: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    dry_run: bool = False

    def add(self, name: str, outcome: str, count: int) -> None:
        self.outcomes[name][outcome] += count

    def total(self, outcome: str) -> int:
        return sum(counts.get(outcome, 0) for counts in self.outcomes.values())


def check_references(db: GraphDatabaseClient, plan: GraphPlan) -> None:
    """Every relationship end and every cited source must be planned or already in the graph."""
    wanted_entities = {end for rel in plan.relationships.values() for end in (rel.start, rel.end)} - set(plan.nodes)
    wanted_sources = {source_id for source_id, _, _ in plan.cited} - set(plan.sources)
    found = read(db, "load/existing_ids", entity_ids=sorted(wanted_entities), source_ids=sorted(wanted_sources))[0]
    missing_entities = wanted_entities - set(found["entities"])
    missing_sources = wanted_sources - set(found["sources"])
    for rel in plan.relationships.values():
        for end, column in ((rel.start, rel.columns.start), (rel.end, rel.columns.end)):
            if end in missing_entities:
                raise rel.origin.error(column, f"unknown id {end!r}: no such node in the data or the graph")
    for source_id, origin, field_name in plan.cited:
        if source_id in missing_sources:
            raise origin.error(field_name, f"unknown source id {source_id!r}: add it to sources.csv first")


def _node_rows(nodes: list[PlannedNode]) -> list[dict[str, Any]]:
    """Node rows, each date stored with its bounds so that reads can place the node in time."""
    return [{"id": node.id, "label": str(node.label), "props": with_bounds(node.props)} for node in nodes]


def _batches(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [rows[start:start + BATCH_SIZE] for start in range(0, len(rows), BATCH_SIZE)] or []


def relationship_rows(relationships: Iterable[PlannedRelationship]) -> dict[Rel, list[dict[str, Any]]]:
    """Upsert rows grouped by type: each type is written by its own static-type query, and each fact's
    date is stored with its bounds (`graph.dating`) so that every read can apply the `as_of` rule."""
    by_type: dict[Rel, list[dict[str, Any]]] = defaultdict(list)
    for r in relationships:
        by_type[r.type].append({"start": r.start, "end": r.end, "props": with_bounds(r.props),
                                "corroborating": r.corroborating})
    return by_type


def write_plan(db: GraphDatabaseClient, plan: GraphPlan, progress: Progress | None = None) -> LoadSummary:
    """Writes the whole plan in one transaction, moving the graph version forward in it, and reports
    what changed."""
    check_references(db, plan)
    steps: list[tuple[str, str, Rel | None, list[dict[str, Any]]]] = [
        ("sources", "load/upsert_sources", None, [{"id": s.id, "props": s.props} for s in plan.sources.values()]),
        ("nodes", "load/upsert_entities", None, _node_rows(list(plan.nodes.values()))),
        *(("relationships", "load/upsert_relationships", rel_type, rows)
          for rel_type, rows in relationship_rows(plan.relationships.values()).items()),
    ]

    def work(tx: Any) -> LoadSummary:
        run_in(tx, "load/advance_version")  # first: concurrent loads queue on the version node's lock
        summary = LoadSummary()
        for step, query, rel_type, rows in steps:
            for batch in _batches(rows):
                for result in run_in(tx, query, relationship_type=rel_type, rows=batch):
                    summary.add(result.get("label") or result["type"], result["outcome"], result["count"])
                if progress is not None:
                    progress(step, len(batch))
        return summary

    with translated_neo4j_errors(db.uri), db.driver.session(database=db.database) as session:
        return session.execute_write(work)
