"""The world map page: a choropleth of one instrument, group or commitment as inline SVG (shapes from
`viz.geometry`), coloured on the server for the day asked and moved through time on the client by a year
slider, from the one payload of dated facts `queries.maps.map_facts` returns (no request per step)."""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse
from starlette.routing import Route

from queries.maps import RANK, MapFacts
from viz.geometry import SMALL_AREA_PX, WIDTH, Shape, map_height, world_shapes
from viz.pages import SERVED_CSP, SITE_NAME

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
MAP_STATIC_URL = "/static/map"
MAP_ASSETS = ("map.js",)
NONE_KNOWN = "none-known"
STATUS_COLOURS: dict[str, str] = {
    "party": "#0072B2", "signatory": "#56B4E9", "member": "#009E73", "subscriber": "#E69F00",
    "participant": "#CC79A7", "committed": "#D55E00", NONE_KNOWN: "#e4e4e4",
}
"""Okabe-Ito colours, distinguishable with the common colour-vision deficiencies."""
TRAY_COLUMNS, TRAY_STEP, TRAY_ROW = 12, 78, 22

env = Environment(loader=FileSystemLoader(TEMPLATE_DIR),
                  autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
                  undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@dataclass(frozen=True)
class Drawn:
    """One SVG element the page draws: a shape, a marker on a small shape, or a marker for a shapeless State."""

    kind: str
    iso3: str | None
    name: str
    status: str
    state: bool
    path: str = ""
    x: float = 0.0
    y: float = 0.0


def page_context(title: str, as_of: str | None = None) -> dict[str, object]:
    """What base.html needs, for pages of this module (and the compare page); its search keeps the day."""
    return {"title": title, "site_name": SITE_NAME, "search_url": "/viz/search", "home_url": "/",
            "csp": SERVED_CSP, "as_of": as_of}


def _script_json(data: object) -> Markup:
    """JSON safe inside a <script> element: no '<', '>' or '&' can close it or open markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def drawing(answer: MapFacts) -> tuple[list[Drawn], int]:
    """Every element of the map, coloured for the answer's day, and the drawing's height."""
    states = {state.id: state for state in answer.states}
    status = answer.status_on_day
    area: dict[str, float] = {}
    largest: dict[str, Shape] = {}
    shapes, markers = [], []
    for shape in world_shapes():
        code = shape.iso3
        is_state = code in states
        name = (states[code].name or shape.name) if code and is_state else shape.name
        shapes.append(Drawn("shape", code, name, status.get(code or "", NONE_KNOWN), is_state, path=shape.path))
        if code and is_state:
            area[code] = area.get(code, 0.0) + shape.area
            if code not in largest or shape.area > largest[code].area:
                largest[code] = shape
    for code, shape in largest.items():
        if area[code] < SMALL_AREA_PX:
            markers.append(Drawn("marker", code, states[code].name or shape.name, status.get(code, NONE_KNOWN), True,
                                 x=shape.center[0], y=shape.center[1]))
    shaped = set(largest)
    height = map_height()
    shapeless = [state for state in answer.states if state.id not in shaped]
    for i, state in enumerate(shapeless):
        x = 24 + (i % TRAY_COLUMNS) * TRAY_STEP
        y = height + 36 + (i // TRAY_COLUMNS) * TRAY_ROW
        markers.append(Drawn("tray", state.id, state.name or state.id, status.get(state.id, NONE_KNOWN), True,
                             x=x, y=y))
    rows = (len(shapeless) + TRAY_COLUMNS - 1) // TRAY_COLUMNS
    return shapes + markers, height + (30 + rows * TRAY_ROW if rows else 0)


def render_map(answer: MapFacts, today: datetime.date | None = None) -> str:
    """The map page for one answer (its day is `as_of`, else today)."""
    today = today or datetime.date.today()
    elements, height = drawing(answer)
    states = {state.id for state in answer.states}
    organizations = sorted({fact.entity.id: fact.entity for fact in answer.facts
                            if fact.entity.id not in states}.values(), key=lambda ref: ref.name or ref.id)
    dated_years = [int(fact.date_latest[:4]) for fact in answer.facts if fact.date_latest]
    first_year = min(dated_years, default=today.year)
    day = answer.as_of or today.isoformat()
    year = int(day[:4])
    payload = {"today": today.isoformat(), "as_of": answer.as_of, "rank": list(RANK),
               "facts": [fact.model_dump(mode="json") for fact in answer.facts]}
    title = f"{answer.node.short_name or answer.node.name or answer.node.id} on the world map"
    statuses = [status for status in RANK if any(fact.status == status for fact in answer.facts)]
    return env.get_template("map.html").render(
        **page_context(title, answer.as_of), answer=answer, elements=elements, width=WIDTH, height=height,
        tray_top=map_height() + 18, organizations=organizations,
        first_year=min(first_year, today.year, year), last_year=max(today.year, year), year=year, day=day,
        payload=_script_json(payload),
        legend=[(status, STATUS_COLOURS[status]) for status in [*statuses, NONE_KNOWN]],
        colours=STATUS_COLOURS, static_url=MAP_STATIC_URL)


def map_static_app(max_age: int = 86400) -> Starlette:
    """Serves the map page's script from this origin, with a cache header."""
    files = {name: STATIC_DIR / name for name in MAP_ASSETS}

    async def asset(request: Request) -> FileResponse:
        path = files.get(request.path_params["name"])
        if path is None:
            raise HTTPException(status_code=404)
        return FileResponse(path, headers={"Cache-Control": f"public, max-age={max_age}"})

    return Starlette(routes=[Route("/{name}", asset)])
