"""Where the graph disagrees or falls short: `/conflicts` (both values, both sources) and `/audit`
(known vs stated per list, facts per confidence level, the conflicts)."""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import DatabaseDep
from api.listing import Format, Limit, Offset, csv_response
from api.schemas import (
    AuditList,
    AuditReportOut,
    ConfidenceLevel,
    ConflictRow,
    ConflictsPage,
    ConflictValue,
    NodeRef,
)
from loaders.audit import audit_report
from loaders.conflicts import RecordedConflict, list_conflicts

router = APIRouter(tags=["audit"])


def conflict_row(conflict: RecordedConflict) -> ConflictRow:
    return ConflictRow(type=conflict.type, subject=NodeRef(**conflict.subject), object=NodeRef(**conflict.object),
                       field=conflict.field,
                       kept=ConflictValue(value=conflict.kept_value, sources=conflict.kept_sources),
                       other=ConflictValue(value=conflict.other_value, sources=conflict.other_sources),
                       origin=conflict.origin, detail=conflict.detail)


@router.get("/conflicts", response_model=ConflictsPage,
            summary="Every recorded disagreement between sources, with both values and both sources")
def conflicts(
    db: DatabaseDep,
    instrument: Annotated[str | None, Query(description="a legal instrument's id, e.g. CPPNM")] = None,
    state: Annotated[str | None, Query(description="a State's id (ISO 3166-1 alpha-3), e.g. BGR")] = None,
    group: Annotated[str | None, Query(description="an initiative's, commitment's or event's id")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
    format: Format = "json",
) -> ConflictsPage | Response:
    rows = [conflict_row(c) for c in list_conflicts(db, instrument=instrument, group=group,
                                                    state=state.upper() if state else None)]
    if format == "csv":
        return csv_response(rows, "conflicts")
    page = rows[offset:offset + limit]
    return ConflictsPage(data=page, count=len(page), total=len(rows), limit=limit, offset=offset)


@router.get("/audit", response_model=AuditReportOut,
            summary="Known vs stated size of every list, facts per confidence level, and the conflicts")
def audit(db: DatabaseDep,
          examples: Annotated[int, Query(ge=0, le=20, description="examples per type and level")] = 3,
          ) -> AuditReportOut:
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
