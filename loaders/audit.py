"""What the graph knows against what the sources say exists: one report for `nsgraph audit` and the API.

Per list (an instrument's parties and signatories, a group's members): known entries versus the
stated total from coverage.yaml, with that total's sources and as-of date; facts per confidence
level, with examples of the ones that are not `confirmed`; and the recorded conflicts.
"""

from dataclasses import dataclass, field
from typing import Any

from rich.table import Table

from graph.driver import GraphDatabaseClient
from loaders.conflicts import RecordedConflict, list_conflicts
from queries.registry import read

DEFAULT_EXAMPLES = 3


@dataclass(frozen=True)
class ListCoverage:
    """One list: "123 of 127 parties known (stated by S, as of D)"."""

    of: dict[str, Any]
    list: str
    known: int
    stated: int | None
    stated_sources: list[str]
    stated_as_of: str | None
    note: str | None

    @property
    def missing(self) -> int | None:
        return None if self.stated is None else self.stated - self.known

    @property
    def summary(self) -> str:
        if self.stated is None:
            return f"{self.known} {self.list} known; no stated total is on record"
        as_of = f", as of {self.stated_as_of}" if self.stated_as_of else ""
        return f"{self.known} of {self.stated} {self.list} known (stated by {', '.join(self.stated_sources)}{as_of})"


@dataclass(frozen=True)
class ConfidenceCount:
    """How many facts have one confidence level, per relationship type or node kind, with examples."""

    confidence: str
    total: int
    by_type: list[dict[str, Any]]


@dataclass
class AuditReport:
    lists: list[ListCoverage]
    confidence: list[ConfidenceCount]
    conflicts: list[RecordedConflict] = field(default_factory=list)


def list_coverage(db: GraphDatabaseClient) -> list[ListCoverage]:
    return [ListCoverage(**row) for row in read(db, "audit/lists")]


def confidence_counts(db: GraphDatabaseClient, examples: int = DEFAULT_EXAMPLES) -> list[ConfidenceCount]:
    """Counts per confidence level; examples only for the levels that call for a second look."""
    counts = []
    for row in read(db, "audit/confidence", examples=examples):
        by_type = row["by_type"] if row["confidence"] != "confirmed" else [
            {**entry, "examples": []} for entry in row["by_type"]]
        counts.append(ConfidenceCount(confidence=row["confidence"], total=row["total"], by_type=by_type))
    return counts


def audit_report(db: GraphDatabaseClient, examples: int = DEFAULT_EXAMPLES) -> AuditReport:
    return AuditReport(lists=list_coverage(db), confidence=confidence_counts(db, examples),
                       conflicts=list_conflicts(db))


def coverage_table(lists: list[ListCoverage]) -> Table:
    """The coverage part of the audit as a rich table."""
    table = Table(title="coverage: known vs stated")
    for column, justify in (("of", "left"), ("list", "left"), ("known", "right"), ("stated", "right"),
                            ("missing", "right"), ("stated by", "left"), ("as of", "left")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for entry in lists:
        table.add_row(entry.of["id"], entry.list, str(entry.known), "" if entry.stated is None else str(entry.stated),
                      "" if entry.missing is None else str(entry.missing), ", ".join(entry.stated_sources),
                      entry.stated_as_of or "")
    return table


def confidence_table(counts: list[ConfidenceCount]) -> Table:
    table = Table(title="facts by confidence")
    table.add_column("confidence")
    table.add_column("facts", justify="right")
    table.add_column("by type")
    for count in counts:
        table.add_row(count.confidence, str(count.total),
                      ", ".join(f"{entry['type']} {entry['count']}" for entry in count.by_type))
    return table
