"""HTTP for where the graph disagrees or falls short (`queries.conflicts`, `queries.audit`): `/conflicts`
(both values, both sources) and `/audit` (known vs stated per list, facts per confidence level, the conflicts)."""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import DatabaseDep
from api.listing import Format, Limit, Offset, csv_response, page_of
from queries.audit import audit_answer
from queries.conflicts import conflicts_page
from queries.models import AuditReportOut, ConflictsPage

router = APIRouter(tags=["audit"])


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
    result = conflicts_page(db, instrument=instrument, group=group, state=state)
    return csv_response(result.data, "conflicts") if format == "csv" else page_of(result, limit, offset)


@router.get("/audit", response_model=AuditReportOut,
            summary="Known vs stated size of every list, facts per confidence level, and the conflicts")
def audit(db: DatabaseDep,
          examples: Annotated[int, Query(ge=0, le=20, description="examples per type and level")] = 3,
          ) -> AuditReportOut:
    return audit_answer(db, examples)
