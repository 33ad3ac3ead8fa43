"""HTTP for the source documents (`queries.sources`): `/sources` (paged) and `/sources/{id}`."""

from fastapi import APIRouter
from fastapi.responses import Response

from api.deps import DatabaseDep
from api.listing import Format, Limit, Offset, csv_response
from queries.models import Page, SourceDetail
from queries.sources import list_sources, source_detail

router = APIRouter(prefix="/sources", tags=["sources"])


@router.get("", response_model=Page[SourceDetail], summary="List the source documents, by id")
def get_sources(db: DatabaseDep, limit: Limit = 100, offset: Offset = 0,
                format: Format = "json") -> Page[SourceDetail] | Response:
    result = list_sources(db, limit, offset)
    return csv_response(result.data, "sources") if format == "csv" else result


@router.get("/{source_id}", response_model=SourceDetail, summary="One source document, with how often it is cited")
def get_source(source_id: str, db: DatabaseDep) -> SourceDetail:
    return source_detail(db, source_id)
