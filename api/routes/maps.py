"""HTTP for the world map (`queries.maps`): its payload under /api/v1/maps, its page under /viz/map."""

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api.as_of import AsOf
from api.deps import DatabaseDep
from api.routes.pages import HTML_HEADERS, not_found_page
from graph.errors import NotFound
from queries.maps import MapFacts, map_facts
from viz.maps import render_map
from viz.npm_cache import MissingAsset

router = APIRouter(prefix="/maps", tags=["maps"])
viz_router = APIRouter(prefix="/viz/map", tags=["pages"], default_response_class=HTMLResponse)


@router.get("/{node_id}", response_model=MapFacts,
            summary="A world map's facts: every dated act towards an instrument, group or commitment")
def get_map_facts(node_id: str, db: DatabaseDep, as_of: AsOf = None) -> MapFacts:
    """Every fact whatever its date (with `date_latest`, the day it counts from) and each State's status on
    `as_of` (today when not given); undated facts are never placed on a day."""
    return map_facts(db, node_id, as_of)


@viz_router.get("/{node_id:path}", summary="World map of an instrument's parties, a group's members or a "
                                            "commitment's subscribers, with a year slider")
def map_page(node_id: str, db: DatabaseDep, as_of: AsOf = None) -> HTMLResponse:
    try:
        answer = map_facts(db, node_id, as_of)
    except NotFound as error:
        return not_found_page(error)
    try:
        return HTMLResponse(render_map(answer), headers=HTML_HEADERS)
    except MissingAsset as error:
        return HTMLResponse(f"<!doctype html><title>Map geometry missing</title><p>{error}</p>", status_code=503)
