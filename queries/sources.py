"""The documents that facts cite: the list (paged) and one source with how often it is cited."""

import difflib

from graph.driver import GraphDatabaseClient
from graph.errors import NotFound
from queries.models import Page, SourceDetail
from queries.registry import read

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


def list_sources(db: GraphDatabaseClient, limit: int = 100, offset: int = 0) -> Page[SourceDetail]:
    result = read(db, "sources/list", skip=offset, limit=limit)[0]
    rows = [SourceDetail(**row) for row in result["rows"]]
    return Page[SourceDetail](data=rows, count=len(rows), total=result["total"], limit=limit, offset=offset)


def source_detail(db: GraphDatabaseClient, source_id: str) -> SourceDetail:
    rows = read(db, "sources/get", id=source_id)
    if not rows:
        raise NotFound("source", source_id, source_suggestions(db, source_id))
    row = rows[0]
    return SourceDetail(**row["source"], cited_by=row["cited_by_relationships"] + row["cited_by_nodes"])
