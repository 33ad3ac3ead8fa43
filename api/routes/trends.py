"""HTTP for the trends in `queries.trends`: JSON or CSV under /api/v1/trends, chart pages under /viz/trends.

The chart pages answer a missing or invalid parameter, and an unknown instrument, with an HTML page that
says what is wrong and links to the pages that exist (never raw problem+json): their routes use
`PageRoute`, which turns a request validation error into that page.
"""

from collections.abc import Callable, Coroutine
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.routing import APIRoute

from api.as_of import AsOf
from api.deps import DatabaseDep
from api.listing import Format, csv_response
from graph.errors import InvalidRequest, NotFound
from queries.models import AdherenceTrend, TopicTrends
from queries.trends import WINDOW_CHOICE, adherence_choices, adherence_trend, topic_trends
from viz.charts import adherence_page_html, choice_page_html, topics_page_html

ADHERENCE_PAGE = "/viz/trends/adherence"
TOPICS_PAGE = "/viz/trends/topics"
HTML_HEADERS = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
PAGE_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "an HTML page: no such instrument, with the ones that exist",
          "content": {"text/html": {"schema": {"type": "string"}}}},
    422: {"description": "an HTML page: a parameter is missing or invalid, with links to valid pages",
          "content": {"text/html": {"schema": {"type": "string"}}}},
}

Since = Annotated[int | None, Query(ge=1900, le=2100, description=(
    "first year of the later period of the emerging-topic window (the documents dated before it are the "
    "earlier period). " + WINDOW_CHOICE))]
Until = Annotated[int | None, Query(ge=1900, le=2100, description=(
    "last year of the later period (default: the last year with a dated document, at most as_of's year). "
    + WINDOW_CHOICE))]
Split = Annotated[int | None, Query(ge=1900, le=2100, description=(
    "the split year: the later period runs from it (same as `since`). " + WINDOW_CHOICE))]


class PageRoute(APIRoute):
    """A page route: invalid or missing parameters answer an HTML page that explains them."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as error:
                return await run_in_threadpool(_invalid_page, request, error)

        return handle


router = APIRouter(prefix="/trends", tags=["trends"])
viz_router = APIRouter(prefix="/viz/trends", tags=["pages"], route_class=PageRoute)


def _html(text: str, status_code: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status_code, headers=HTML_HEADERS)


def _adherence_links(request: Request) -> list[tuple[str, str]]:
    choices = adherence_choices(request.app.state.db)
    as_of = request.query_params.get("as_of")
    return [(f"{c.short_name or c.id}: {c.name}",
             f"{ADHERENCE_PAGE}?{urlencode({'instrument': c.id, **({'as_of': as_of} if as_of else {})})}")
            for c in choices]


def _topic_links() -> list[tuple[str, str]]:
    return [("Topics per summit and per year", TOPICS_PAGE),
            ("What rose after 2016 (documents from 2017 against those before)", f"{TOPICS_PAGE}?since=2017"),
            ("The summit years 2014-2016 against 2010-2013", f"{TOPICS_PAGE}?since=2014&until=2016"),
            ("As of the 2016 summit's closing day", f"{TOPICS_PAGE}?as_of=2016-04-01")]


def _invalid_page(request: Request, error: RequestValidationError | InvalidRequest) -> HTMLResponse:
    """422: which parameter is missing or wrong, and the pages that can be asked for."""
    if isinstance(error, InvalidRequest):
        problems = [str(error)]
    else:
        problems = [f"{'.'.join(str(x) for x in item['loc'][1:]) or 'request'}: {item['msg']}"
                    for item in error.errors()]
    if request.url.path.startswith(ADHERENCE_PAGE):
        title = "Adherence chart: which instrument?"
        intro = ("This page draws the parties of one instrument over time: give `instrument` (an id, e.g. ICSANT) "
                 "and optionally `as_of` (an ISO date, YYYY-MM-DD). Choose one:")
        links = _adherence_links(request)
    else:
        title = "Topic trends: the parameters are not valid"
        intro = ("This page takes `as_of` (an ISO date, YYYY-MM-DD), and a window of years: `since` (or `split`) "
                 "and optionally `until`. Try one of these:")
        links = _topic_links()
    return _html(choice_page_html(title, intro, problems, links), 422)


def _not_found_page(request: Request, error: NotFound) -> HTMLResponse:
    """404: the instrument asked for does not exist; the close ids first, then every instrument."""
    intro = f"There is no {error.kind} with id “{error.node_id}”."
    if error.suggestions:
        intro += f" Did you mean {', '.join(error.suggestions)}?"
    links = [(s, f"{ADHERENCE_PAGE}?{urlencode({'instrument': s})}") for s in error.suggestions]
    return _html(choice_page_html("Adherence chart: no such instrument", intro + " The instruments with parties:",
                                  [], links + _adherence_links(request)), 404)


@router.get("/topics", response_model=TopicTrends,
            summary="Commitments and subscribing States per topic, per summit and per year; emerging topics",
            description=("Per topic: the commitments per summit and per year, and whether it is emerging by the "
                         "summit-halves rule (`rule`, `emerging`). `documents_per_year` lists every dated document "
                         "(summit commitments, INFCIRCs, conference outcome documents, later statements). With a "
                         "window (`since` or `split`, and `until`), `window` states its own rule, lists the "
                         f"documents of both periods and the emerging topics, e.g. `since=2017`. {WINDOW_CHOICE} "
                         "(422 otherwise)."))
def get_topic_trends(db: DatabaseDep, as_of: AsOf = None, since: Since = None, until: Until = None,
                     split: Split = None, format: Format = "json") -> TopicTrends | Response:
    result = topic_trends(db, as_of, since, until, split)
    if format == "csv":
        rows = [{"topic": t.topic.id, "period_kind": kind, "period": p.period, "commitments_count": p.commitments_count,
                 "states_count": p.states_count, "commitments": p.commitments, "emerging": t.emerging}
                for t in result.data for kind, periods in (("summit", t.per_summit), ("year", t.per_year))
                for p in periods]
        if result.window:
            periods = (result.window.earlier, result.window.later)
            rows += [{"topic": t.topic.id, "period_kind": "window", "period": period.period,
                      "commitments_count": count, "states_count": None,
                      "commitments": [d.id for d in period.documents if t.topic.id in d.topics],
                      "emerging": t.window.emerging}
                     for t in result.data if t.window
                     for period, count in zip(periods, (t.window.earlier, t.window.later), strict=True)]
        return csv_response(rows, "topic-trends")
    return result


@router.get("/adherence", response_model=AdherenceTrend,
            summary="Cumulative parties by year (or by region and year) and signature-to-consent time")
def get_adherence(
    db: DatabaseDep,
    instrument: Annotated[str, Query(description="instrument id, e.g. ICSANT")],
    by: Annotated[Literal["year", "region"], Query()] = "year",
    table: Annotated[Literal["series", "lag"], Query(description="which table ?format=csv returns")] = "series",
    as_of: AsOf = None,
    format: Format = "json",
) -> AdherenceTrend | Response:
    result = adherence_trend(db, instrument, by, as_of)
    if format == "csv":
        if table == "lag":
            return csv_response(result.lag, f"signature-to-consent-{instrument}")
        return csv_response(result.series, f"adherence-{instrument}-by-{by}")
    return result


@viz_router.get("/adherence", response_class=HTMLResponse, responses=PAGE_ERRORS,
                summary="Adherence chart page (inline SVG)",
                description=("Without `instrument`, with an unknown one or an invalid `as_of`, the page explains "
                             "what is wrong and links to the instruments' pages (HTML, 422 or 404)."))
def adherence_page(request: Request, db: DatabaseDep,
                   instrument: Annotated[str, Query(description="instrument id, e.g. ICSANT")],
                   as_of: AsOf = None) -> HTMLResponse:
    try:
        return _html(adherence_page_html(adherence_trend(db, instrument, "year", as_of),
                                         adherence_trend(db, instrument, "region", as_of)))
    except NotFound as error:
        return _not_found_page(request, error)


@viz_router.get("/topics", response_class=HTMLResponse, responses={422: PAGE_ERRORS[422]},
                summary="Topic trends chart page (inline SVG)",
                description=("With a window (`since` or `split`, and `until`) the page shows the window's rule, "
                             "its emerging topics and the documents of each period. Invalid parameters answer an "
                             "HTML page (422) that explains them and links to valid pages."))
def topics_page(request: Request, db: DatabaseDep, as_of: AsOf = None, since: Since = None, until: Until = None,
                split: Split = None) -> HTMLResponse:
    try:
        return _html(topics_page_html(topic_trends(db, as_of, since, until, split)))
    except InvalidRequest as error:
        return _invalid_page(request, error)
