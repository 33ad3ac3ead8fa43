"""`nsgraph ingest FILE...`: read the field's documents, show what they would add, confirm or contradict
in the graph, and (only if asked) write all of it in one transaction.

Each file's kind is read from its content: a depositary status table (CSV or a saved HTML page with a
party table), an INFCIRC communication or addendum (its symbol at the top), else a joint statement.
Every fact a document states cites the document as its source; a fact the graph already holds gains
it as a corroborating source; a fact whose date disagrees with the graph's keeps the graph's value
and records the document's value as a conflict (the `conflict_fields/values/sources` lists of
`loaders.conflicts`), never an overwrite. Any file that cannot be read, or that names a participant
no table resolves, stops the whole ingest before anything is written.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from rich.table import Table

from graph.driver import GraphDatabaseClient
from graph.errors import LoadError
from graph.model import Label
from loaders.documents import Document, read_document
from loaders.infcirc import is_infcirc, plan_infcirc
from loaders.plan import GraphPlan, PlannedRelationship
from loaders.statement_loader import plan_statement_file
from loaders.status_import import (
    DISAGREEMENTS,
    UNTC_PUBLISHER,
    ChangeKind,
    SourceInfo,
    StatusImport,
    default_source_id,
    prepare_import,
)
from loaders.status_layouts import TableLayout, is_status_table, read_status_table
from loaders.writer import LoadSummary, check_references, write_plan
from queries.registry import read

# The property that dates each kind of fact a document states (None: the fact carries no date to compare).
_DATE_FIELDS = {"SUBSCRIBED_TO": "date", "CIRCULATED_AS": "date", "ESTABLISHES": "date", "PARTICIPATED_IN": "date",
                "MEMBER_OF": "since"}


class FileKind(StrEnum):
    STATEMENT = "statement"
    INFCIRC = "INFCIRC"
    STATUS_TABLE = "status table"


class Verdict(StrEnum):
    ADD = "add"
    CONFIRM = "confirm"
    CONTRADICT = "contradict"
    ONLY_IN_GRAPH = "only in graph"


@dataclass(frozen=True)
class IngestChange:
    """One fact a document states, and what it would do to the graph."""

    file: str
    verdict: Verdict
    fact: str
    start: str
    end: str
    field: str | None = None
    graph_value: str | None = None
    document_value: str | None = None
    line: int | None = None
    already_recorded: bool = False


@dataclass(frozen=True)
class TableOptions:
    """What a status table does not say about itself: its instrument, date and where it was read."""

    instrument: str | None = None
    as_of: str | None = None
    source_url: str | None = None
    source_title: str | None = None
    publisher: str | None = None
    layout: TableLayout | None = None


@dataclass
class Ingest:
    files: list[tuple[str, FileKind]] = field(default_factory=list)
    changes: list[IngestChange] = field(default_factory=list)
    plan: GraphPlan = field(default_factory=GraphPlan)

    def counts(self) -> dict[tuple[str, Verdict], int]:
        totals: dict[tuple[str, Verdict], int] = {}
        for change in self.changes:
            totals[change.file, change.verdict] = totals.get((change.file, change.verdict), 0) + 1
        return totals


def detect_kind(path: Path, document: Document, layout: TableLayout | None = None) -> FileKind:
    """What a file is, from its content (never its name)."""
    if is_status_table(path, layout):
        return FileKind.STATUS_TABLE
    if is_infcirc(document.text):
        return FileKind.INFCIRC
    return FileKind.STATEMENT


def _compatible(graph_value: Any, document_value: Any) -> bool:
    """Dates agree when equal or when one is the other made more precise ("2014" and "2014-10-09")."""
    if graph_value is None or document_value is None:
        return True
    first, second = str(graph_value), str(document_value)
    return first.startswith(second) or second.startswith(first)


def _diff_document(db: GraphDatabaseClient, file: str, plan: GraphPlan) -> list[IngestChange]:
    """Sorts each planned fact of one document into add / confirm / contradict; a contradiction becomes a
    recorded conflict on the graph's relationship instead of a corroboration."""
    keys = list(plan.relationships)
    found = read(db, "ingest/facts", facts=[{"type": str(rel), "start": start, "end": end} for rel, start, end in keys],
                 node_ids=sorted(plan.nodes), source_ids=sorted(plan.sources))[0]
    existing = {(fact["type"], fact["start"], fact["end"]): fact["props"] for fact in found["facts"]}
    changes = [IngestChange(file, Verdict.CONFIRM if node_id in found["nodes"] else Verdict.ADD, str(node.label),
                            node_id, "") for node_id, node in plan.nodes.items()]
    changes += [IngestChange(file, Verdict.CONFIRM if source_id in found["sources"] else Verdict.ADD, "Source",
                             source_id, "") for source_id in plan.sources]
    for key in keys:
        planned = plan.relationships[key]
        props = existing.get((str(key[0]), key[1], key[2]))
        date_field = _DATE_FIELDS.get(str(key[0]))
        value = planned.props.get(date_field) if date_field else None
        common = {"file": file, "fact": str(key[0]), "start": key[1], "end": key[2], "field": date_field,
                  "document_value": value, "line": planned.origin.line}
        if props is None:
            changes.append(IngestChange(verdict=Verdict.ADD, **common))
            continue
        graph_value = props.get(date_field) if date_field else None
        if _compatible(graph_value, value):
            changes.append(IngestChange(verdict=Verdict.CONFIRM, graph_value=graph_value, **common))
            continue
        assert date_field is not None
        recorded = _record_conflict(planned, props, date_field, str(value))
        changes.append(IngestChange(verdict=Verdict.CONTRADICT, graph_value=graph_value, already_recorded=recorded,
                                    **common))
    return changes


def _record_conflict(planned: PlannedRelationship, props: dict[str, Any], field_name: str, value: str) -> bool:
    """Turns a planned corroboration into a recorded conflict (graph value and sources kept); True if the
    graph already records this very conflict."""
    source_id = planned.props["sources"][0]
    fields = list(props.get("conflict_fields") or [])
    values = list(props.get("conflict_values") or [])
    sources = list(props.get("conflict_sources") or [])
    recorded = (field_name, value, source_id) in set(zip(fields, values, sources, strict=False))
    planned.corroborating = False
    planned.props = {"sources": []} if recorded else {
        "sources": [], "conflict_fields": [*fields, field_name], "conflict_values": [*values, value],
        "conflict_sources": [*sources, source_id]}
    return recorded


def _status_changes(file: str, prepared: StatusImport) -> list[IngestChange]:
    changes = []
    for change in prepared.changes:
        if change.kind in (ChangeKind.NEW_PARTY, ChangeKind.NEW_SIGNATORY):
            verdict = Verdict.ADD
        elif change.kind in DISAGREEMENTS:
            verdict = Verdict.CONTRADICT
        elif change.kind is ChangeKind.ONLY_IN_GRAPH:
            verdict = Verdict.ONLY_IN_GRAPH
        else:
            verdict = Verdict.CONFIRM
        changes.append(IngestChange(file, verdict, str(change.rel), change.state, prepared.instrument, change.field,
                                    change.graph_value, change.table_value, change.line, change.already_recorded))
    return changes


def _status_source(path: Path, options: TableOptions) -> tuple[str, SourceInfo]:
    file = str(path)
    if not options.instrument or not options.as_of:
        raise LoadError(file, None, "instrument" if not options.instrument else "as_of",
                        "a status table needs --instrument (the instrument's id) and --as-of (the date it shows)")
    try:
        day = datetime.date.fromisoformat(options.as_of).isoformat()
    except ValueError as error:
        raise LoadError(file, None, "as_of", f"{options.as_of!r} is not a date as YYYY-MM-DD") from error
    source = SourceInfo(id=default_source_id(options.instrument, day),
                        title=options.source_title or f"Status table of {options.instrument} as of {day}",
                        url=options.source_url, as_of=day, publisher=options.publisher or UNTC_PUBLISHER,
                        note=f"Imported with `nsgraph ingest` from {path.name}.")
    return options.instrument, source


def _merge(into: GraphPlan, plan: GraphPlan) -> None:
    """One file's plan into the ingest's: the same corroboration from two documents cites both."""
    for table_name in ("sources", "nodes"):
        for node in getattr(plan, table_name).values():
            into.add_node(node.label, node.id, node.props, node.origin,
                          id_field="source_id" if node.label is Label.SOURCE else "id")
    for key, rel in plan.relationships.items():
        if rel.corroborating and key in into.relationships and into.relationships[key].corroborating:
            into.corroborate_or_add(rel.type, rel.start, rel.end, rel.props, rel.origin, rel.columns)
        else:
            into.add_relationship(rel.type, rel.start, rel.end, rel.props, rel.origin, rel.columns, rel.corroborating)


def prepare_ingest(db: GraphDatabaseClient, paths: Sequence[Path], options: TableOptions | None = None) -> Ingest:
    """Reads every file and the graph, and computes the diff and the one plan that applying writes."""
    options = options or TableOptions()
    ingest = Ingest()
    for path in paths:
        file = str(path)
        document = read_document(path)
        kind = detect_kind(path, document, options.layout)
        plan = GraphPlan()
        if kind is FileKind.STATUS_TABLE:
            instrument, source = _status_source(path, options)
            prepared = prepare_import(db, instrument, path, source, read_status_table(path, options.layout))
            ingest.changes += _status_changes(file, prepared)
            plan = prepared.plan
        else:
            if kind is FileKind.INFCIRC:
                plan_infcirc(path, document.text, plan)
            else:
                plan_statement_file(path, plan)
            ingest.changes += _diff_document(db, file, plan)
        _merge(ingest.plan, plan)
        ingest.files.append((file, kind))
    return ingest


def check_ingest(db: GraphDatabaseClient, ingest: Ingest) -> None:
    """What a dry run can still check without writing: every end and every cited source exists."""
    check_references(db, ingest.plan)


def apply_ingest(db: GraphDatabaseClient, ingest: Ingest) -> LoadSummary:
    """Writes the whole ingest in one transaction: all files or nothing."""
    return write_plan(db, ingest.plan)


def ingest_tables(ingest: Ingest, show_confirmed: bool = False) -> list[Table]:
    """The diff as rich tables: per file its kind and counts, then each change (confirmations on request)."""
    counts = Table(title="ingest: what each document would do to the graph")
    for column in ("file", "kind", *(str(verdict) for verdict in Verdict)):
        counts.add_column(column, justify="right" if column in {str(v) for v in Verdict} else "left")
    totals = ingest.counts()
    for file, kind in ingest.files:
        counts.add_row(Path(file).name, str(kind), *(str(totals.get((file, verdict), 0)) for verdict in Verdict))
    details = Table(title="changes" + ("" if show_confirmed else " (confirmations counted above)"))
    for column in ("file", "change", "line", "fact", "from", "to", "field", "graph", "document"):
        details.add_column(column)
    for change in ingest.changes:
        if change.verdict is Verdict.CONFIRM and not show_confirmed:
            continue
        flag = " (already recorded)" if change.already_recorded else ""
        details.add_row(Path(change.file).name, str(change.verdict) + flag,
                        "" if change.line is None else str(change.line), change.fact, change.start, change.end,
                        change.field or "", _text(change.graph_value), _text(change.document_value))
    return [counts, details]


def _text(value: Any) -> str:
    return "" if value is None else re.sub(r"\s+", " ", str(value))
