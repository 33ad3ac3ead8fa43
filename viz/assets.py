"""The static files pages reference: vis-network (from the installed pyvis, never copied) and our page JS.

Served pages load them from one static route so browsers cache them; standalone pages inline them.
"""

from functools import cache
from pathlib import Path

import pyvis
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse
from starlette.routing import Route

ASSET_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
"""vis-network 9.1.2 as shipped inside pyvis."""

OWN_ASSET_DIR = Path(__file__).parent / "static"

VIS_JS = "vis-network.min.js"
VIS_CSS = "vis-network.css"
PAGE_JS = "nsgraph.js"


def asset_files() -> dict[str, Path]:
    """Every file a page may reference, by the name it has under the static URL."""
    return {
        VIS_JS: ASSET_DIR / VIS_JS,
        VIS_CSS: ASSET_DIR / VIS_CSS,
        PAGE_JS: OWN_ASSET_DIR / PAGE_JS,
        "controls.js": OWN_ASSET_DIR / "controls.js",
    }


@cache
def asset_text(name: str) -> str:
    """An asset's content, for inlining into standalone pages."""
    return asset_files()[name].read_text(encoding="utf-8")


def static_app(max_age: int = 86400) -> Starlette:
    """An ASGI app serving the assets with a cache header, to mount at the pages' `static_url`."""
    files = asset_files()
    cache_control = f"public, max-age={max_age}"

    async def asset(request: Request) -> FileResponse:
        path = files.get(request.path_params["name"])
        if path is None:
            raise HTTPException(status_code=404)
        return FileResponse(path, headers={"Cache-Control": cache_control})

    return Starlette(routes=[Route("/{name}", asset)])
