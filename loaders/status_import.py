"""Import a depositary status table: first a diff against the graph, then (only if asked) one write.

The diff compares each row of the table with the instrument's SIGNED and PARTY_TO facts, read in
one query, and sorts every fact into: new signatory, new party, confirmed (the table agrees),
filled (the graph lacked the value), changed date / changed consent kind (the table disagrees with
the sources already cited) and only-in-graph (a fact dated on or before the table's as-of that the
table does not show; reported, never deleted).

Applying writes the table's Source node and the facts in ONE transaction (`write_plan`):
new facts cite the new source; facts it confirms (or completes) get it added to `sources`; a
disagreement is never an overwrite: the graph's value stays, with its sources, and the relationship
records the other value as a conflict (see `queries.conflicts` for the three parallel lists).
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from rich.table import Table

from graph.driver import GraphDatabaseClient
from graph.errors import LoadError, NotFound
from graph.model import Label, Rel
from loaders.plan import GraphPlan, Origin, Properties
from loaders.status_table import StatusRow, StatusTable, parse_status_csv, parse_status_html
from loaders.writer import LoadSummary, check_references, write_plan
from queries.registry import read

UNTC_PUBLISHER = "United Nations, Office of Legal Affairs (Treaty Section)"
UNSPECIFIED_KIND = "consent_unspecified"
CONFLICT_KEYS = ("conflict_fields", "conflict_values", "conflict_sources")


class ImportRefused(LoadError):
    """The table cannot be imported as it is (unknown names, ambiguous rows, a clashing source id)."""


class ChangeKind(StrEnum):
    NEW_SIGNATORY = "new signatory"
    NEW_PARTY = "new party"
    CHANGED_DATE = "changed date"
    CHANGED_KIND = "changed consent kind"
    FILLED = "filled"
    CONFIRMED = "confirmed"
    ONLY_IN_GRAPH = "only in graph"


DISAGREEMENTS = (ChangeKind.CHANGED_DATE, ChangeKind.CHANGED_KIND)


@dataclass(frozen=True)
class Change:
    """One fact (or one property of a fact) and what the table says about it."""

    kind: ChangeKind
    rel: Rel
    state: str
    participant: str | None
    line: int | None
    field: str | None = None
    graph_value: str | None = None
    table_value: str | None = None
    graph_sources: tuple[str, ...] = ()
    already_recorded: bool = False


@dataclass(frozen=True)
class SourceInfo:
    """The document the table comes from: becomes a Source node."""

    id: str
    title: str
    url: str | None
    as_of: str
    publisher: str = UNTC_PUBLISHER
    kind: str = "depositary"
    note: str | None = None

    def props(self) -> Properties:
        return {"title": self.title, "publisher": self.publisher, "url": self.url, "as_of": self.as_of,
                "kind": self.kind, "note": self.note}


@dataclass
class StatusImport:
    """The diff, and the plan that applying it would write."""

    instrument: str
    file: str
    source: SourceInfo
    changes: list[Change]
    plan: GraphPlan
    rows: int = 0
    source_exists: bool = False

    def of_kind(self, *kinds: ChangeKind) -> list[Change]:
        return [change for change in self.changes if change.kind in kinds]

    def states_of(self, kind: ChangeKind) -> set[str]:
        return {change.state for change in self.of_kind(kind)}

    @property
    def disagreements(self) -> list[Change]:
        return self.of_kind(*DISAGREEMENTS)

    def counts(self) -> dict[ChangeKind, int]:
        return {kind: len(self.of_kind(kind)) for kind in ChangeKind}


@dataclass
class _Pending:
    """What the plan will set on one existing relationship."""

    sources: list[str] = field(default_factory=list)
    fills: Properties = field(default_factory=dict)
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)


def default_source_id(instrument: str, as_of: str) -> str:
    return f"{instrument}_STATUS_{as_of.replace('-', '_')}"


def read_status_file(path: Path) -> StatusTable:
    """A status table from a CSV scrape or a saved HTML page, chosen by the file's suffix."""
    suffix = path.suffix.casefold()
    if suffix == ".csv":
        return parse_status_csv(path)
    if suffix in (".html", ".htm"):
        return parse_status_html(path)
    raise LoadError(str(path), None, None, "expected a status table as .csv or .html")


def _refuse_unresolved(file: str, table: StatusTable, known_ids: set[str]) -> None:
    """Stops with every problem name at once, so one run shows the whole fix list."""
    problems = [f"line {line}: {name!r} (no ISO code)" for line, name in table.unknown_names]
    problems += [f"line {row.line}: {row.participant!r} ({row.iso3} is not a node in the graph)"
                 for row in table.rows if row.iso3 and row.iso3 not in known_ids]
    first: dict[str, StatusRow] = {}
    for row in table.rows:
        if row.iso3 and row.iso3 in first:
            problems.append(f"line {row.line}: {row.participant!r} resolves to {row.iso3} like "
                            f"{first[row.iso3].participant!r} on line {first[row.iso3].line}")
        elif row.iso3:
            first[row.iso3] = row
    if problems:
        raise ImportRefused(file, None, "participant",
                            f"{len(problems)} participant name(s) cannot be matched; nothing was written:\n  "
                            + "\n  ".join(problems))


def _check_source(file: str, source: SourceInfo, existing: dict[str, Any] | None) -> bool:
    """True if the Source already exists with the same description; refuses a different one."""
    if existing is None:
        return False
    differing = [key for key in ("title", "url", "as_of") if existing.get(key) != source.props()[key]]
    if differing:
        raise ImportRefused(file, None, "source_id",
                            f"a source {source.id!r} already exists with a different {', '.join(differing)}; "
                            "choose another --source-id or repeat its description exactly")
    return True


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _row_facts(row: StatusRow) -> list[tuple[Rel, dict[str, str | None]]]:
    """The facts one table row states: a signature and/or a consent, as graph property values."""
    facts: list[tuple[Rel, dict[str, str | None]]] = []
    if row.signature_date:
        facts.append((Rel.SIGNED, {"date": _iso(row.signature_date)}))
    if row.consent_date:
        # A layout without the consent's kind states only its date: the graph's kind is neither confirmed nor
        # contradicted.
        consent = {"since": _iso(row.consent_date)} | ({"via": row.consent_kind} if row.consent_kind else {})
        facts.append((Rel.PARTY_TO, consent))
    return facts


def _new_props(rel: Rel, row: StatusRow, values: dict[str, str | None], source: SourceInfo) -> Properties:
    notes = []
    if rel is Rel.SIGNED and row.signature_kind == "succession":
        notes.append("Succession to signature (d).")
    if row.footnotes:
        notes.append(f"Footnote(s) {', '.join(row.footnotes)} in {source.id}.")
    props: Properties = {"sources": [source.id], "as_of": source.as_of, "confidence": "confirmed",
                         "note": " ".join(notes) or None, "name_in_source": row.participant, **values}
    if rel is Rel.PARTY_TO:
        in_force = _iso(row.entry_into_force)
        props |= {"entry_into_force": in_force, "entry_into_force_sources": [source.id] if in_force else []}
        props.setdefault("via", UNSPECIFIED_KIND)
    return props


def _compare(rel: Rel, row: StatusRow, values: dict[str, str | None], fact: dict[str, Any], source_id: str,
             changes: list[Change], pending: _Pending) -> None:
    """Sorts one existing fact against the table's values; disagreements become conflicts, never overwrites."""
    recorded = set(zip(fact["conflict_fields"], fact["conflict_values"], fact["conflict_sources"], strict=False))
    common = {"rel": rel, "state": row.iso3, "participant": row.participant, "line": row.line,
              "graph_sources": tuple(fact["sources"])}
    disagreed = False
    fills: Properties = {}
    for name, value in values.items():
        current = fact.get(name)
        if current is None or (name == "via" and current == UNSPECIFIED_KIND):
            fills[name] = value
            changes.append(Change(ChangeKind.FILLED, field=name, graph_value=current, table_value=value, **common))
        elif current != value:
            disagreed = True
            triple = (name, str(value), source_id)
            kind = ChangeKind.CHANGED_KIND if name == "via" else ChangeKind.CHANGED_DATE
            changes.append(Change(kind, field=name, graph_value=current, table_value=value,
                                  already_recorded=triple in recorded, **common))
            if triple not in recorded:
                pending.conflicts.append(triple)
    if disagreed:
        return
    pending.sources.append(source_id)
    pending.fills |= fills
    if not fills:
        changes.append(Change(ChangeKind.CONFIRMED, **common))


def _only_in_graph(facts: list[dict[str, Any]], stated: set[tuple[Rel, str]], as_of: str) -> list[Change]:
    """Facts dated on or before the table's date that the table does not show."""
    found = []
    for fact in facts:
        rel = Rel(fact["type"])
        day = fact["date"] if rel is Rel.SIGNED else fact["since"]
        if (rel, fact["state"]) not in stated and day is not None and day <= as_of:
            found.append(Change(ChangeKind.ONLY_IN_GRAPH, rel, fact["state"], fact["name"], None,
                                field="date" if rel is Rel.SIGNED else "since", graph_value=day,
                                graph_sources=tuple(fact["sources"])))
    return found


def _existing_props(fact: dict[str, Any], pending: _Pending) -> Properties:
    props: Properties = {"sources": pending.sources, **pending.fills}
    if pending.conflicts:
        fields, values, sources = (list(column) for column in zip(*pending.conflicts, strict=True))
        props |= {"conflict_fields": [*fact["conflict_fields"], *fields],
                  "conflict_values": [*fact["conflict_values"], *values],
                  "conflict_sources": [*fact["conflict_sources"], *sources]}
    return props


def prepare_import(db: GraphDatabaseClient, instrument: str, path: Path, source: SourceInfo,
                   table: StatusTable | None = None) -> StatusImport:
    """Reads the table and the graph and computes the diff and the plan; writes nothing."""
    table = table if table is not None else read_status_file(path)
    file = str(path)
    ids = sorted({row.iso3 for row in table.rows if row.iso3})
    found = read(db, "status/facts", instrument=instrument, ids=ids, source_id=source.id)
    if not found:
        raise NotFound("legal instrument", instrument)
    graph = found[0]
    _refuse_unresolved(file, table, set(graph["known_ids"]))
    source_exists = _check_source(file, source, graph["source"])
    facts = {(Rel(fact["type"]), fact["state"]): fact for fact in graph["facts"]}

    plan = GraphPlan()
    if not source_exists:
        plan.add_node(Label.SOURCE, source.id, source.props(), Origin(file, None), id_field="source_id")
    changes: list[Change] = []
    stated: set[tuple[Rel, str]] = set()
    for row in table.rows:
        assert row.iso3 is not None  # _refuse_unresolved stopped on any row without one
        origin = Origin(file, row.line)
        for rel, values in _row_facts(row):
            stated.add((rel, row.iso3))
            fact = facts.get((rel, row.iso3))
            if fact is None:
                kind = ChangeKind.NEW_SIGNATORY if rel is Rel.SIGNED else ChangeKind.NEW_PARTY
                changes.append(Change(kind, rel, row.iso3, row.participant, row.line, table_value=values.get(
                    "date") or values.get("since")))
                plan.add_relationship(rel, row.iso3, instrument, _new_props(rel, row, values, source), origin)
                continue
            pending = _Pending()
            _compare(rel, row, values, fact, source.id, changes, pending)
            if pending.sources or pending.fills or pending.conflicts:
                plan.add_relationship(rel, row.iso3, instrument, _existing_props(fact, pending), origin)
    changes += _only_in_graph(graph["facts"], stated, source.as_of)
    return StatusImport(instrument, file, source, changes, plan, rows=len(table.rows), source_exists=source_exists)


def apply_import(db: GraphDatabaseClient, prepared: StatusImport) -> LoadSummary:
    """Writes the prepared plan in one transaction: all of it or nothing."""
    return write_plan(db, prepared.plan)


def check_import(db: GraphDatabaseClient, prepared: StatusImport) -> None:
    """What a dry run can still check without writing: every end and cited source exists."""
    check_references(db, prepared.plan)


def diff_tables(prepared: StatusImport, show_confirmed: bool = False) -> list[Table]:
    """The diff as rich tables: counts per kind of change, then each change (confirmations on request)."""
    counts = Table(title=f"{prepared.instrument}: {prepared.rows} rows, source {prepared.source.id}")
    counts.add_column("change")
    counts.add_column("facts", justify="right")
    for kind, count in prepared.counts().items():
        counts.add_row(str(kind), str(count))
    details = Table(title="changes" + ("" if show_confirmed else " (confirmations counted above)"))
    for column in ("change", "line", "participant", "state", "fact", "field", "graph", "graph sources", "table"):
        details.add_column(column)
    for change in prepared.changes:
        if change.kind is ChangeKind.CONFIRMED and not show_confirmed:
            continue
        flag = " (already recorded)" if change.already_recorded else ""
        details.add_row(str(change.kind) + flag, "" if change.line is None else str(change.line),
                        change.participant or "", change.state, str(change.rel), change.field or "",
                        change.graph_value or "", ", ".join(change.graph_sources), change.table_value or "")
    return [counts, details]
