"""The static files network pages reference: vis-network (its standalone build, read from the npm tarball that
`make assets` caches, never unpacked) and our page JS.

Served pages load them from one static route so browsers cache them; standalone pages inline them. The
standalone build bundles vis-data and injects its own CSS (as <style> elements, which both page policies
allow), so no stylesheet is referenced.
"""

import mimetypes
from contextlib import suppress
from functools import cache
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from viz import npm_cache

OWN_ASSET_DIR = Path(__file__).parent / "static"

VIS_JS = "vis-network.min.js"
PAGE_JS = "nsgraph.js"
CONTROLS_JS = "controls.js"
"""The toolbar's behaviour (filters, find, date slider, clusters, deep links, downloads), after `PAGE_JS`."""

NPM_ASSETS: dict[str, tuple[str, str]] = {VIS_JS: ("vis-network", "standalone/umd/vis-network.min.js")}
"""Served name -> (npm package, file in it)."""


def asset_files() -> dict[str, Path]:
    """Our own files a page may reference, by the name they have under the static URL."""
    return {PAGE_JS: OWN_ASSET_DIR / PAGE_JS, CONTROLS_JS: OWN_ASSET_DIR / CONTROLS_JS}


def asset_names() -> set[str]:
    """Every name the static route serves."""
    return {*NPM_ASSETS, *asset_files()}


def require_assets() -> None:
    """Raises MissingAsset (naming `make assets`) when a package a network page references is not cached."""
    for package, _ in NPM_ASSETS.values():
        npm_cache.require(package)


def asset_bytes(name: str) -> bytes:
    """An asset's content; the npm ones are read from the tarball once per process."""
    if name in NPM_ASSETS:
        return npm_cache.package_file(*NPM_ASSETS[name])
    return asset_files()[name].read_bytes()


def preload() -> None:
    """Reads the npm assets out of their tarballs now (vis-network's package is 18 MB: about 1.5 s), so the
    first page a fresh process serves does not wait for it. A package that is not cached is left to the
    page's own MissingAsset error."""
    for name, (package, _) in NPM_ASSETS.items():
        with suppress(npm_cache.MissingAsset):
            npm_cache.require(package)
            asset_bytes(name)


@cache
def asset_text(name: str) -> str:
    """An asset's content, for inlining into standalone pages."""
    return asset_bytes(name).decode("utf-8")


def static_app(max_age: int = 86400) -> Starlette:
    """An ASGI app serving the assets with a cache header, to mount at the pages' `static_url`."""
    names = asset_names()
    cache_control = f"public, max-age={max_age}"

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in names:
            raise HTTPException(status_code=404)
        content = await run_in_threadpool(asset_bytes, name)  # the first read unpacks from the tarball: ~1 s
        return Response(content, media_type=mimetypes.guess_type(name)[0], headers={"Cache-Control": cache_control})

    return Starlette(routes=[Route("/{name}", asset)])
