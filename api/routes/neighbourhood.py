"""HTTP for a node's neighbourhood (`queries.neighbourhood`)."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.as_of import AsOf
from api.deps import DatabaseDep, SettingsDep
from queries.models import Neighbourhood
from queries.neighbourhood import DEFAULT_MAX_NODES, MAX_NODES, neighbourhood

router = APIRouter(prefix="/graph", tags=["graph"])


@router.get("/{node_id}", response_model=Neighbourhood,
            summary="A node's neighbourhood up to `depth` links away, as nodes and edges for drawing")
def get_neighbourhood(
    node_id: str,
    db: DatabaseDep,
    settings: SettingsDep,
    depth: Annotated[int, Query(ge=1, le=3, description="how many links away")] = 1,
    limit: Annotated[int, Query(ge=1, le=MAX_NODES, description="most nodes to return, nearest first")]
    = DEFAULT_MAX_NODES,
    as_of: AsOf = None,
) -> Neighbourhood:
    """As of a day, the neighbourhood grows only along relationships that count on it, to nodes there on it;
    `exclusions` names the undated and imprecise facts around the nodes it expanded."""
    return neighbourhood(db, node_id, depth, limit, settings.query_timeout_s, as_of)
