"""The HTML pages: landing, State, instrument, commitment, neighbourhood, paths, overview and search.

Each page is a `GraphView` from `queries.views` drawn by `viz.pages`; unknown ids get an HTML 404 page
that links the ids the visitor probably meant.
"""

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import DatabaseDep
from graph.errors import NotFound
from queries import views
from viz.links import PAGE_OF_KIND, node_urls, page_url
from viz.pages import SITE_NAME, render_landing, render_view
from viz.style import NODE_STYLES

router = APIRouter(tags=["pages"], default_response_class=HTMLResponse)

STATIC_URL = "/static/vis"
SEARCH_URL = "/viz/search"
HTML_HEADERS = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}

EXAMPLES: list[tuple[str, str]] = [
    ("Overview: the architecture, States aggregated by UN region", "/viz/overview"),
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


def not_found_page(error: NotFound) -> HTMLResponse:
    """A 404 page naming what was asked for, with links to the close ids."""
    intro = f"There is no {error.kind} with id “{error.node_id}”."
    if error.suggestions:
        intro += " Did you mean one of these?"
    links = [(suggestion, page_url(suggestion)) for suggestion in error.suggestions]
    links.append(("Back to the start page", "/"))
    return _html(render_landing(links, title="Not found", intro=intro, search_url=SEARCH_URL), 404)


def _view_page(build: Callable[[], views.GraphView]) -> HTMLResponse:
    try:
        view = build()
    except NotFound as error:
        return not_found_page(error)
    return _html(render_view(view, static_url=STATIC_URL, node_url=node_urls(view), search_url=SEARCH_URL))


@router.get("/", summary="Start page: example pages and search")
def landing() -> HTMLResponse:
    intro = ("Who backs which instrument of the global nuclear security architecture, since when, says who. "
             "Search for a State, treaty, commitment or initiative, or start from one of these pages.")
    return _html(render_landing(EXAMPLES, title=SITE_NAME, intro=intro, search_url=SEARCH_URL))


@router.get("/viz/state/{iso3:path}", summary="A State's instruments, commitments, summits and memberships")
def state_page(iso3: str, db: DatabaseDep) -> HTMLResponse:
    return _view_page(lambda: views.state_view(db, iso3))


@router.get("/viz/instrument/{instrument_id:path}", summary="An instrument's parties, signatories and context")
def instrument_page(
    instrument_id: str,
    db: DatabaseDep,
    group_by: Annotated[views.GroupBy, Query(description="group States by UN region, by year, or not")] = "region",
) -> HTMLResponse:
    return _view_page(lambda: views.instrument_view(db, instrument_id, group_by))


@router.get("/viz/commitment/{commitment_id:path}", summary="A commitment's subscribers, references and event")
def commitment_page(commitment_id: str, db: DatabaseDep) -> HTMLResponse:
    return _view_page(lambda: views.commitment_view(db, commitment_id))


@router.get("/viz/node/{node_id:path}", summary="Any node: its kind's page, or its neighbourhood",
            response_model=None)
def node_page(
    node_id: str,
    db: DatabaseDep,
    depth: Annotated[int | None, Query(ge=1, le=views.MAX_DEPTH, description="steps; default: the kind's page")]
    = None,
) -> HTMLResponse | RedirectResponse:
    if depth is None:
        try:
            kind = views.entity(db, node_id).get("kind")
        except NotFound as error:
            return not_found_page(error)
        if kind in PAGE_OF_KIND:
            return RedirectResponse(page_url(node_id, kind), status_code=302)
    return _view_page(lambda: views.node_view(db, node_id, depth or 1))


@router.get("/viz/path", summary="The shortest paths between two nodes")
def path_page(
    db: DatabaseDep,
    from_id: Annotated[str, Query(alias="from", description="id of one end")] = "",
    to_id: Annotated[str, Query(alias="to", description="id of the other end")] = "",
    max_hops: Annotated[int, Query(ge=1, le=views.MAX_HOPS)] = 4,
) -> HTMLResponse:
    if not from_id.strip() or not to_id.strip():
        example = [("Example: Japan to the Nuclear Security Contact Group", "/viz/path?from=JPN&to=NSCG")]
        intro = "Give both ends as ids: /viz/path?from=ID&to=ID (and optionally max_hops, 1 to 6)."
        return _html(render_landing(example, title="Shortest paths", intro=intro, search_url=SEARCH_URL), 400)
    return _view_page(lambda: views.path_view(db, from_id.strip(), to_id.strip(), max_hops))


@router.get("/viz/overview", summary="The architecture, with States aggregated per UN region")
def overview_page(db: DatabaseDep) -> HTMLResponse:
    return _view_page(lambda: views.overview_view(db))


@router.get("/viz/search", summary="Search nodes by id, name, short name or alias", response_model=None)
def search_page(
    db: DatabaseDep, q: Annotated[str, Query(max_length=200, description="what to look for")] = ""
) -> HTMLResponse | RedirectResponse:
    hits = views.search(db, q)
    match = views.strong_match(hits)
    if match is not None:
        return RedirectResponse(page_url(match.id, match.kind), status_code=302)
    links = [(_hit_label(hit), page_url(hit.id, hit.kind)) for hit in hits]
    if not q.strip():
        intro = "Type a name, short name, alias or id in the search box."
    elif hits:
        intro = f"{len(hits)} result(s) for “{q}”" + (" (the first ones only)." if len(hits) >= views.SEARCH_LIMIT
                                                        else ".")
    else:
        intro = f"Nothing matches “{q}”. Try a shorter word, or start from one of these pages."
        links = EXAMPLES
    return _html(render_landing(links, title="Search", intro=intro, search_url=SEARCH_URL))


def _hit_label(hit: views.SearchHit) -> str:
    kind = NODE_STYLES[hit.kind].label if hit.kind in NODE_STYLES else hit.kind
    short = f" ({hit.short_name})" if hit.short_name and hit.short_name != hit.name else ""
    return f"{hit.name}{short} · {kind} · {hit.id}"

