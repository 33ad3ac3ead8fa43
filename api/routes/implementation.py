"""HTTP for the implementation assessment (`queries.implementation`): per commitment, per State and per
summit, JSON (paged) or CSV (one row per subscriber and instrument), and the table pages under /viz."""

import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from api.deps import DatabaseDep
from api.listing import Format, Limit, Offset, csv_response, page_of
from api.routes.pages import HTML_HEADERS, not_found_page
from graph.errors import NotFound
from queries.implementation import (
    CSV_COLUMNS,
    commitment_implementation,
    csv_rows,
    state_implementation,
    summit_implementation,
)
from queries.implementation_models import CommitmentImplementation, StateImplementation, SummitImplementation
from viz.implementation import commitment_page_html, state_page_html, summit_page_html

router = APIRouter(tags=["implementation"])
viz_router = APIRouter(prefix="/viz/implementation", tags=["pages"], default_response_class=HTMLResponse)

AsOf = Annotated[datetime.date | None, Query(description="statuses on this day (ISO date); facts dated after it "
                                                         "do not count, undated or imprecise ones are named apart")]


def _respond(result: Any, format: str, filename: str, limit: int, offset: int) -> Any:
    """One page as JSON, or every row as CSV (the header alone when no row holds on the day)."""
    if format != "csv":
        return page_of(result, limit, offset)
    rows = csv_rows(result.data)
    if rows:
        return csv_response(rows, filename)
    return Response(",".join(CSV_COLUMNS) + "\n", media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'})


@router.get("/commitments/{commitment_id}/implementation", response_model=CommitmentImplementation,
            summary="Each subscriber of a commitment tied to an instrument: subscribed, became party, lag, status")
def get_commitment_implementation(commitment_id: str, db: DatabaseDep, as_of: AsOf = None, limit: Limit = 1000,
                                  offset: Offset = 0, format: Format = "json") -> CommitmentImplementation | Response:
    result = commitment_implementation(db, commitment_id, as_of)
    return _respond(result, format, f"implementation-{commitment_id}", limit, offset)


@router.get("/states/{iso3}/implementation", response_model=StateImplementation,
            summary="A State across every commitment tied to an instrument it subscribed to or adopted")
def get_state_implementation(iso3: str, db: DatabaseDep, as_of: AsOf = None, limit: Limit = 1000,
                             offset: Offset = 0, format: Format = "json") -> StateImplementation | Response:
    result = state_implementation(db, iso3, as_of)
    return _respond(result, format, f"implementation-{result.state.id}", limit, offset)


@router.get("/implementation/summits/{event_id}", response_model=SummitImplementation,
            summary="A summit's statements (and its side events'): counts per status, the lists and their caveats")
def get_summit_implementation(event_id: str, db: DatabaseDep, as_of: AsOf = None, limit: Limit = 1000,
                              offset: Offset = 0, format: Format = "json") -> SummitImplementation | Response:
    result = summit_implementation(db, event_id, as_of)
    return _respond(result, format, f"implementation-{event_id}", limit, offset)


def _page(build: Any) -> HTMLResponse:
    try:
        return HTMLResponse(build(), headers=HTML_HEADERS)
    except NotFound as error:
        return not_found_page(error)


@viz_router.get("/commitment/{commitment_id}", summary="Implementation table of one commitment")
def commitment_page(commitment_id: str, db: DatabaseDep, as_of: AsOf = None) -> HTMLResponse:
    return _page(lambda: commitment_page_html(commitment_implementation(db, commitment_id, as_of)))


@viz_router.get("/state/{iso3}", summary="Implementation table of one State")
def state_page(iso3: str, db: DatabaseDep, as_of: AsOf = None) -> HTMLResponse:
    return _page(lambda: state_page_html(state_implementation(db, iso3, as_of)))


@viz_router.get("/summit/{event_id}", summary="Implementation overview of one summit")
def summit_page(event_id: str, db: DatabaseDep, as_of: AsOf = None) -> HTMLResponse:
    return _page(lambda: summit_page_html(summit_implementation(db, event_id, as_of)))
