"""What the graph knows against what the sources say exists: one report for `nsgraph audit` and the API.

Per list (an instrument's parties and signatories, a group's members): known entries versus the
stated total from coverage.yaml, with that total's sources and as-of date; facts per confidence
level, with examples of the ones that are not `confirmed`; and the recorded conflicts.
"""

from dataclasses import dataclass, field
from typing import Any

from graph.driver import GraphDatabaseClient
from queries.conflicts import RecordedConflict, conflict_row, list_conflicts
from queries.models import AuditList, AuditReportOut, ConfidenceLevel, NodeRef
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




def audit_answer(db: GraphDatabaseClient, examples: int = DEFAULT_EXAMPLES) -> AuditReportOut:
    """The audit as the API serves it: every list's summary, the confidence levels and the conflicts."""
    report = audit_report(db, examples)
    lists = [AuditList(of=NodeRef(**entry.of), list=entry.list, known=entry.known, stated=entry.stated,
                       stated_as_of=entry.stated_as_of, stated_sources=entry.stated_sources, note=entry.note,
                       summary=entry.summary, missing=entry.missing) for entry in report.lists]
    return AuditReportOut(
        lists=lists,
        confidence=[ConfidenceLevel(confidence=c.confidence, total=c.total, by_type=c.by_type)  # type: ignore[arg-type]
                    for c in report.confidence],
        conflicts=[conflict_row(c) for c in report.conflicts],
        conflict_count=len(report.conflicts),
    )
