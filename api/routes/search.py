"""HTTP for full-text search (`queries.search`)."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import DatabaseDep
from queries.models import SearchResults
from queries.search import Kind, search_entities

router = APIRouter(tags=["search"])


@router.get("/search", response_model=SearchResults,
            summary="Find nodes by name, short name or alias (typo-tolerant), best match first")
def search(
    db: DatabaseDep,
    q: Annotated[str, Query(min_length=1, max_length=200, pattern=r"\S",
                            description="words, a name, an acronym or an alias, e.g. A/CPPNM")],
    kind: Annotated[Kind | None, Query(description="only nodes of this kind")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchResults:
    return search_entities(db, q, kind, limit)
