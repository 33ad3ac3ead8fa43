"""HTTP for comparing two States (`queries.compare`): JSON under /api/v1/compare, the page at /viz/compare."""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from api.as_of import AsOf
from api.deps import DatabaseDep
from api.routes.pages import HTML_HEADERS, not_found_page
from graph.errors import NotFound
from queries.compare import StateComparison, compare_states
from viz.compare import render_compare

router = APIRouter(prefix="/compare", tags=["states"])
viz_router = APIRouter(prefix="/viz/compare", tags=["pages"], default_response_class=HTMLResponse)

StateA = Annotated[str, Query(min_length=2, max_length=12, description="ISO 3166 alpha-3 of one State, e.g. JPN")]
StateB = Annotated[str, Query(min_length=2, max_length=12, description="ISO 3166 alpha-3 of the other, e.g. IND")]


@router.get("", response_model=StateComparison,
            summary="Two States side by side: instruments, commitments, summits, memberships; differences first")
def get_comparison(a: StateA, b: StateB, db: DatabaseDep, as_of: AsOf = None) -> StateComparison:
    return compare_states(db, a, b, as_of)


@viz_router.get("", summary="Two States side by side, differences first")
def compare_page(a: StateA, b: StateB, db: DatabaseDep, as_of: AsOf = None) -> HTMLResponse:
    try:
        answer = compare_states(db, a, b, as_of)
    except NotFound as error:
        return not_found_page(error)
    return HTMLResponse(render_compare(answer), headers=HTML_HEADERS)
