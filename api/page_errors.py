"""Errors on the HTML pages as HTML: a `/viz/*` request with a missing or invalid parameter (or an unknown
page) gets a page that says what is wrong and links onward, never problem+json, which `/api/*` keeps.

The project's handlers (`api.problems`) stay in charge of every other path: these wrap them.
"""

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, cast
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from api.routes.pages import EXAMPLES, HTML_HEADERS, SEARCH_URL
from viz.pages import render_landing

PAGE_PREFIX = "/viz/"
Handler = Callable[[Request, Any], Awaitable[Response]]


def is_page(request: Request) -> bool:
    return request.url.path.startswith(PAGE_PREFIX)


def _onward(request: Request, invalid: set[str]) -> list[tuple[str, str]]:
    """The same page without the invalid parameters, the example pages of this kind, and the start page."""
    links: list[tuple[str, str]] = []
    kept = [(key, value) for key, value in request.query_params.multi_items() if key not in invalid]
    if invalid and len(kept) < len(request.query_params.multi_items()):
        url = request.url.path + (f"?{urlencode(kept)}" if kept else "")
        links.append(("The same page without the invalid parameter(s)", url))
    page = "/".join(request.url.path.split("/")[:3])
    links += [(label, url) for label, url in EXAMPLES if url.split("?")[0].startswith(page)]
    return [*links, ("Back to the start page", "/")]


def invalid_page(request: Request, errors: Sequence[Any]) -> Response:
    """422 as HTML: each invalid or missing parameter, what was wrong with it, and where to go instead."""
    said = []
    names: set[str] = set()
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        name = ".".join(location) or "request"
        names.add(location[0] if location else name)
        given = error.get("input")
        shown = f" (given: “{given}”)" if isinstance(given, str | int | float) and error.get("type") != "missing" \
            else ""
        said.append(f"{name}: {error.get('msg')}{shown}")
    intro = "This page cannot be shown: " + "; ".join(said) + "."
    text = render_landing(_onward(request, names), title="Invalid request", intro=intro, search_url=SEARCH_URL)
    return Response(text, status_code=422, media_type="text/html", headers=HTML_HEADERS)


def missing_page(request: Request, error: StarletteHTTPException) -> Response:
    intro = f"There is no page at {request.url.path} ({error.detail})."
    text = render_landing(EXAMPLES, title="Not found" if error.status_code == 404 else str(error.detail),
                          intro=intro, search_url=SEARCH_URL)
    return Response(text, status_code=error.status_code, media_type="text/html", headers=HTML_HEADERS)


def install_page_error_handlers(app: FastAPI) -> None:
    """Installs the HTML handlers for page paths in front of the problem+json ones (install those first)."""
    on_invalid = cast(Handler, app.exception_handlers[RequestValidationError])
    on_http = cast(Handler, app.exception_handlers[StarletteHTTPException])

    async def invalid(request: Request, error: RequestValidationError) -> Response:
        return invalid_page(request, error.errors()) if is_page(request) else await on_invalid(request, error)

    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        return missing_page(request, error) if is_page(request) else await on_http(request, error)

    app.add_exception_handler(RequestValidationError, invalid)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, http_error)  # type: ignore[arg-type]
