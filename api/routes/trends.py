"""HTTP for the trends in `queries.trends`: JSON or CSV under /api/v1/trends, chart pages under /viz/trends."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from api.deps import DatabaseDep
from api.listing import Format, csv_response
from queries.models import AdherenceTrend, TopicTrends
from queries.trends import adherence_trend, topic_trends
from viz.charts import adherence_page_html, topics_page_html

router = APIRouter(prefix="/trends", tags=["trends"])
viz_router = APIRouter(prefix="/viz/trends", tags=["pages"])


@router.get("/topics", response_model=TopicTrends,
            summary="Commitments and subscribing States per topic, per summit and per year; emerging topics")
def get_topic_trends(db: DatabaseDep, format: Format = "json") -> TopicTrends | Response:
    result = topic_trends(db)
    if format == "csv":
        rows = [{"topic": t.topic.id, "period_kind": kind, "period": p.period, "commitments_count": p.commitments_count,
                 "states_count": p.states_count, "commitments": p.commitments, "emerging": t.emerging}
                for t in result.data for kind, periods in (("summit", t.per_summit), ("year", t.per_year))
                for p in periods]
        return csv_response(rows, "topic-trends")
    return result


@router.get("/adherence", response_model=AdherenceTrend,
            summary="Cumulative parties by year (or by region and year) and signature-to-consent time")
def get_adherence(
    db: DatabaseDep,
    instrument: Annotated[str, Query(description="instrument id, e.g. ICSANT")],
    by: Annotated[Literal["year", "region"], Query()] = "year",
    table: Annotated[Literal["series", "lag"], Query(description="which table ?format=csv returns")] = "series",
    format: Format = "json",
) -> AdherenceTrend | Response:
    result = adherence_trend(db, instrument, by)
    if format == "csv":
        if table == "lag":
            return csv_response(result.lag, f"signature-to-consent-{instrument}")
        return csv_response(result.series, f"adherence-{instrument}-by-{by}")
    return result


@viz_router.get("/adherence", response_class=HTMLResponse, summary="Adherence chart page (inline SVG)")
def adherence_page(db: DatabaseDep,
                   instrument: Annotated[str, Query(description="instrument id, e.g. ICSANT")]) -> HTMLResponse:
    return HTMLResponse(adherence_page_html(adherence_trend(db, instrument, "year"),
                                            adherence_trend(db, instrument, "region")))


@viz_router.get("/topics", response_class=HTMLResponse, summary="Topic trends chart page (inline SVG)")
def topics_page(db: DatabaseDep) -> HTMLResponse:
    return HTMLResponse(topics_page_html(topic_trends(db)))
