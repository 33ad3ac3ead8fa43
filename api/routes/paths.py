"""HTTP for the shortest linkage paths between two nodes (`queries.paths`)."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.as_of import AsOf
from api.deps import DatabaseDep, SettingsDep
from queries.models import PathResults
from queries.paths import MAX_HOPS, shortest_paths

router = APIRouter(tags=["graph"])


@router.get("/paths", response_model=PathResults,
            summary="All shortest paths between two nodes, over relationships in either direction")
def paths(
    db: DatabaseDep,
    settings: SettingsDep,
    start: Annotated[str, Query(alias="from", description="id of a node of any kind, e.g. JPN")],
    end: Annotated[str, Query(alias="to", description="id of a node of any kind, e.g. NSCG")],
    max_hops: Annotated[int, Query(ge=1, le=MAX_HOPS, description="longest path to look for")] = MAX_HOPS,
    limit: Annotated[int, Query(ge=1, le=100, description="most paths to return")] = 25,
    as_of: AsOf = None,
) -> PathResults:
    """`from` and `to` may be the same node (one path of length 0). As of a day, the search walks only the
    relationships that count on it, through nodes there on it; an end not there has no path; `exclusions`
    names the undated and imprecise facts on today's shortest paths."""
    return shortest_paths(db, start, end, max_hops, limit, settings.query_timeout_s, as_of)
