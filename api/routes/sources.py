"""The documents that facts cite: `/sources` (paged) and `/sources/{id}` (404 with suggestions)."""

import difflib

from fastapi import APIRouter
from fastapi.responses import Response

from api.deps import DatabaseDep
from api.listing import Format, Limit, Offset, csv_response
from api.schemas import Page, SourceDetail
from graph.driver import GraphDatabaseClient
from graph.errors import NotFound
from queries.registry import read

router = APIRouter(prefix="/sources", tags=["sources"])
MAX_SUGGESTIONS = 3


def source_suggestions(db: GraphDatabaseClient, wanted: str) -> list[str]:
    """Source ids close to the wanted one, by id or title, case-insensitively."""
    candidates: dict[str, str] = {}
    for row in read(db, "sources/ids"):
        for text in (row["id"], row["title"]):
            if text:
                candidates.setdefault(text.casefold(), row["id"])
    close = difflib.get_close_matches(wanted.casefold(), list(candidates), n=MAX_SUGGESTIONS * 2, cutoff=0.5)
    return list(dict.fromkeys(candidates[text] for text in close))[:MAX_SUGGESTIONS]


@router.get("", response_model=Page[SourceDetail], summary="List the source documents, by id")
def list_sources(db: DatabaseDep, limit: Limit = 100, offset: Offset = 0,
                 format: Format = "json") -> Page[SourceDetail] | Response:
    result = read(db, "sources/list", skip=offset, limit=limit)[0]
    rows = [SourceDetail(**row) for row in result["rows"]]
    if format == "csv":
        return csv_response(rows, "sources")
    return Page[SourceDetail](data=rows, count=len(rows), total=result["total"], limit=limit, offset=offset)


@router.get("/{source_id}", response_model=SourceDetail, summary="One source document, with how often it is cited")
def get_source(source_id: str, db: DatabaseDep) -> SourceDetail:
    rows = read(db, "sources/get", id=source_id)
    if not rows:
        raise NotFound("source", source_id, source_suggestions(db, source_id))
    row = rows[0]
    return SourceDetail(**row["source"], cited_by=row["cited_by_relationships"] + row["cited_by_nodes"])
