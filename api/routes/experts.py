"""HTTP for the experts and industry around the summits (`queries.experts`): JSON or CSV, and the page
(network and table)."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from api.deps import DatabaseDep
from api.listing import Format, csv_response
from api.routes.pages import HTML_HEADERS, SEARCH_URL, STATIC_URL
from queries.experts import experts_and_industry, experts_view
from queries.experts_models import ExpertsAndIndustry
from viz.experts import experts_page_html

router = APIRouter(prefix="/experts-and-industry", tags=["experts and industry"])
viz_router = APIRouter(tags=["pages"])


@router.get("", response_model=ExpertsAndIndustry,
            summary="Industry and expert side events of the summits, who convened them, what they issued; the bodies")
def get_experts_and_industry(
    db: DatabaseDep, format: Format = "json",
    table: Annotated[Literal["side_events", "bodies"], Query(description="which table ?format=csv returns")]
    = "side_events",
) -> ExpertsAndIndustry | Response:
    result = experts_and_industry(db)
    if format != "csv":
        return result
    if table == "bodies":
        return csv_response([{"organization_id": b.organization.id, "name": b.organization.name,
                              "subkind": b.organization.subkind, "convened": b.convened,
                              "links": [f"{link.type}:{link.id}" for link in b.links], "sources": b.sources}
                             for b in result.bodies], "experts-and-industry-bodies")
    return csv_response([{"event_id": e.event.id, "name": e.event.name, "subkind": e.event.subkind,
                          "date": e.event.date, "summit_id": e.summit.id if e.summit else None,
                          "convened_by": [c.organization.id for c in e.convened_by],
                          "statements": [s.id for s in e.statements],
                          "participants": [p.node.id for p in e.participants], "sources": e.sources}
                         for e in result.side_events], "experts-and-industry")


@viz_router.get("/viz/experts-and-industry", response_class=HTMLResponse,
                summary="Experts and industry around the summits: a network and a table")
def experts_page(db: DatabaseDep) -> HTMLResponse:
    answer = experts_and_industry(db)
    return HTMLResponse(experts_page_html(experts_view(db, answer), answer, static_url=STATIC_URL,
                                          search_url=SEARCH_URL), headers=HTML_HEADERS)
