"""Errors on the HTML pages as HTML: a `/viz/*` request with a missing or invalid parameter, an unknown
id or page, or any other error gets a page that says what is wrong and links onward, never problem+json,
which `/api/*` keeps.

The project's handlers (`api.problems`) stay in charge of every other path, and decide status, title and
detail on page paths too: these wrap them and only change the form.
"""

import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, cast
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from api.routes.pages import EXAMPLES, HTML_HEADERS, SEARCH_URL
from graph.errors import NSGraphError
from viz.links import page_url
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


def as_page(problem: Response) -> Response:
    """A problem+json answer as an HTML page: same status, title, detail and headers; close ids as links."""
    body = json.loads(bytes(problem.body))
    links = [(suggestion, page_url(suggestion)) for suggestion in body.get("suggestions") or []]
    text = render_landing([*links, ("Back to the start page", "/")], title=str(body.get("title")),
                          intro=str(body.get("detail")), search_url=SEARCH_URL)
    kept = {"retry-after", "allow", "www-authenticate"}  # what a client must still be told (RFC 9110)
    headers = {**HTML_HEADERS, **{key: value for key, value in problem.headers.items() if key.lower() in kept}}
    return Response(text, status_code=problem.status_code, media_type="text/html", headers=headers)


def install_page_error_handlers(app: FastAPI) -> None:
    """Installs the HTML handlers for page paths in front of the problem+json ones (install those first)."""
    on_invalid = cast(Handler, app.exception_handlers[RequestValidationError])

    async def invalid(request: Request, error: RequestValidationError) -> Response:
        return invalid_page(request, error.errors()) if is_page(request) else await on_invalid(request, error)

    app.add_exception_handler(RequestValidationError, invalid)  # type: ignore[arg-type]
    for kind in (StarletteHTTPException, NSGraphError):
        app.add_exception_handler(kind, _in_page_form(cast(Handler, app.exception_handlers[kind])))


def _in_page_form(problem_handler: Handler) -> Handler:
    async def handler(request: Request, error: Any) -> Response:
        answer = await problem_handler(request, error)
        return as_page(answer) if is_page(request) else answer

    return handler
