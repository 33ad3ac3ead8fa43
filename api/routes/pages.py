"""The HTML pages: landing, State, instrument, commitment, neighbourhood, paths, overview and search.

Each page is a `GraphView` from `queries.views` drawn by `viz.pages`; unknown ids get an HTML 404 page
that links the ids the visitor probably meant. Every page takes `as_of` and links the others as of
the same day; invalid parameters get an HTML page too (`api.page_errors`).
"""

import datetime
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, RedirectResponse

from api.as_of import AsOf
from api.deps import DatabaseDep
from graph.dating import iso_day
from graph.errors import NotFound
from queries import views
from queries.resolve import state_id as state_id_of
from viz.links import PAGE_OF_KIND, node_urls, page_url, with_day
from viz.pages import SITE_NAME, render_landing, render_view
from viz.style import NODE_STYLES

PAGE_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "no node with that id (an HTML page linking close ids), or no such page",
          "content": {"text/html": {"schema": {"type": "string"}}}},
    422: {"description": "a missing or invalid parameter (an HTML page that says which, and links onward)",
          "content": {"text/html": {"schema": {"type": "string"}}}},
    503: {"description": "the database is unavailable (an HTML page); retry after the `Retry-After` seconds",
          "content": {"text/html": {"schema": {"type": "string"}}}},
}
"""Pages answer their errors as HTML (`api.page_errors`), so that is what their operations document."""

router = APIRouter(tags=["pages"], default_response_class=HTMLResponse, responses=PAGE_ERRORS)

STATIC_URL = "/static/vis"
SEARCH_URL = "/viz/search"
HTML_HEADERS = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}

EXAMPLES: list[tuple[str, str]] = [
    ("Overview: the architecture, States aggregated by UN region", "/viz/overview"),
    ("World map: who is party to ICSANT, on any date (year slider)", "/viz/map/ICSANT"),
    ("Japan and India side by side: instruments, commitments, summits, memberships", "/viz/compare?a=JPN&b=IND"),
    ("ICSANT: parties and signatories by UN region", "/viz/instrument/ICSANT"),
    ("ICSANT: parties by year of consent", "/viz/instrument/ICSANT?group_by=year"),
    ("CPPNM: parties and signatories, its amendment, guidance", "/viz/instrument/CPPNM"),
    ("Joint Statement on Sustaining Action (2016): subscribers and what it establishes",
     "/viz/commitment/JS2016_SUSTAINING_ACTION"),
    ("Japan: instruments, commitments, summits and memberships", "/viz/state/JPN"),
    ("Shortest paths from Japan to the Nuclear Security Contact Group", "/viz/path?from=JPN&to=NSCG"),
    ("Nuclear Security Contact Group: neighbourhood, two steps", "/viz/node/NSCG?depth=2"),
    ("Experts and industry around the summits: side events, who convened them, what they issued",
     "/viz/experts-and-industry"),
    ("Implementation of the Sustaining Action statement (2016): who became party, and when",
     "/viz/implementation/commitment/JS2016_SUSTAINING_ACTION"),
    ("Implementation overview of the 2016 summit's statements", "/viz/implementation/summit/NSS_2016"),
]


def _html(text: str, status_code: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status_code, headers=HTML_HEADERS)


def _day(as_of: datetime.date | None) -> str | None:
    return as_of.isoformat() if as_of else None


def not_found_page(error: NotFound, as_of: datetime.date | None = None) -> HTMLResponse:
    """A 404 page naming what was asked for, with links to the close ids (as of the same day)."""
    intro = f"There is no {error.kind} with id “{error.node_id}”."
    if error.suggestions:
        intro += " Did you mean one of these?"
    links = [(suggestion, page_url(suggestion, as_of=_day(as_of))) for suggestion in error.suggestions]
    links.append(("Back to the start page", "/"))
    return _html(render_landing(links, title="Not found", intro=intro, search_url=SEARCH_URL, as_of=_day(as_of)),
                 404)


def _view_page(build: Callable[[], views.GraphView], as_of: datetime.date | None = None,
               clustered: bool = False) -> HTMLResponse:
    try:
        view = build()
    except NotFound as error:
        return not_found_page(error, as_of)
    return _html(render_view(view, static_url=STATIC_URL, node_url=node_urls(view), search_url=SEARCH_URL,
                             clustered=clustered))


@router.get("/", summary="Start page: example pages and search")
def landing() -> HTMLResponse:
    intro = ("Who backs which instrument of the global nuclear security architecture, since when, says who. "
             "Search for a State, treaty, commitment or initiative, or start from one of these pages.")
    return _html(render_landing(EXAMPLES, title=SITE_NAME, intro=intro, search_url=SEARCH_URL))


@router.get("/viz/state/{iso3:path}", summary="A State's instruments, commitments, summits and memberships",
            response_model=None)
def state_page(iso3: str, db: DatabaseDep, as_of: AsOf = None) -> HTMLResponse | RedirectResponse:
    try:
        state_id = state_id_of(iso3)
    except NotFound as error:
        return not_found_page(error, as_of)
    if state_id != iso3:  # a name or a lower-case code: the page lives at the ISO3 URL
        return RedirectResponse(page_url(state_id, "state", iso_day(as_of)), status_code=302)
    return _view_page(lambda: views.state_view(db, iso3, as_of), as_of)


@router.get("/viz/instrument/{instrument_id:path}", summary="An instrument's parties, signatories and context")
def instrument_page(
    instrument_id: str,
    db: DatabaseDep,
    group_by: Annotated[views.GroupBy, Query(description="group States by UN region, by year, or not")] = "region",
    as_of: AsOf = None,
) -> HTMLResponse:
    return _view_page(lambda: views.instrument_view(db, instrument_id, group_by, as_of), as_of)


@router.get("/viz/commitment/{commitment_id:path}", summary="A commitment's subscribers, references and event")
def commitment_page(commitment_id: str, db: DatabaseDep, as_of: AsOf = None) -> HTMLResponse:
    return _view_page(lambda: views.commitment_view(db, commitment_id, as_of), as_of)


@router.get("/viz/node/{node_id:path}", summary="Any node: its kind's page, or its neighbourhood",
            response_model=None)
def node_page(
    node_id: str,
    db: DatabaseDep,
    depth: Annotated[int | None, Query(ge=1, le=views.MAX_DEPTH, description="steps; default: the kind's page")]
    = None,
    as_of: AsOf = None,
) -> HTMLResponse | RedirectResponse:
    if depth is None:
        try:
            kind = views.entity(db, node_id).get("kind")
        except NotFound as error:
            return not_found_page(error, as_of)
        if kind in PAGE_OF_KIND:
            return RedirectResponse(page_url(node_id, kind, _day(as_of)), status_code=302)
    return _view_page(lambda: views.node_view(db, node_id, depth or 1, as_of), as_of)


@router.get("/viz/path", summary="The shortest paths between two nodes")
def path_page(
    db: DatabaseDep,
    from_id: Annotated[str, Query(alias="from", min_length=1, max_length=200,
                                  description="id of one end (required), e.g. JPN")],
    to_id: Annotated[str, Query(alias="to", min_length=1, max_length=200,
                                description="id of the other end (required), e.g. NSCG")],
    max_hops: Annotated[int, Query(ge=1, le=views.MAX_HOPS, description="longest path drawn")] = 4,
    as_of: AsOf = None,
) -> HTMLResponse:
    """Both ends are required; an id that is no node gets an HTML 404 with close ids. As of a day, only the
    relationships that count on it are walked, through nodes there on it."""
    return _view_page(lambda: views.path_view(db, from_id.strip(), to_id.strip(), max_hops, as_of), as_of)


@router.get("/viz/overview", summary="The architecture, with States aggregated per UN region")
def overview_page(db: DatabaseDep, as_of: AsOf = None) -> HTMLResponse:
    return _view_page(lambda: views.overview_view(db, as_of), as_of, clustered=True)


@router.get("/viz/search", summary="Search nodes by id, name, short name or alias", response_model=None)
def search_page(
    db: DatabaseDep, q: Annotated[str, Query(max_length=200, description="what to look for")] = "",
    as_of: AsOf = None,
) -> HTMLResponse | RedirectResponse:
    """Results link their pages as of `as_of` (the search itself is over every node)."""
    day = _day(as_of)
    hits = views.search(db, q)
    match = views.strong_match(hits)
    if match is not None:
        return RedirectResponse(page_url(match.id, match.kind, day), status_code=302)
    links = [(_hit_label(hit), page_url(hit.id, hit.kind, day)) for hit in hits]
    if not q.strip():
        intro = "Type a name, short name, alias or id in the search box."
    elif hits:
        intro = f"{len(hits)} result(s) for “{q}”" + (" (the first ones only)." if len(hits) >= views.SEARCH_LIMIT
                                                        else ".")
    else:
        intro = f"Nothing matches “{q}”. Try a shorter word, or start from one of these pages."
        links = [(label, with_day(url, day)) for label, url in EXAMPLES]
    if day:
        intro += f" Pages open as of {day}."
    return _html(render_landing(links, title="Search" + (f", as of {day}" if day else ""), intro=intro,
                                search_url=SEARCH_URL, as_of=day))


def _hit_label(hit: views.SearchHit) -> str:
    kind = NODE_STYLES[hit.kind].label if hit.kind in NODE_STYLES else hit.kind
    short = f" ({hit.short_name})" if hit.short_name and hit.short_name != hit.name else ""
    return f"{hit.name}{short} · {kind} · {hit.id}"

