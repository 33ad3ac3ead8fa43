"""The API documentation pages (/docs, /redoc) stay on this machine: their assets come from the
fastapi-offline package (see api.app), with the one address ReDoc's bundle still holds off the machine
(its side-menu logo on cdn.redoc.ly, which no option turns off) rewritten to an empty inline image,
and a Content-Security-Policy that keeps the browser from fetching anything else elsewhere."""

from functools import cache
from pathlib import Path

import fastapi_offline
from starlette.datastructures import MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DOCS_PATHS = frozenset({"/docs", "/redoc"})
REDOC_BUNDLE_PATH = "/static-offline-docs/redoc.standalone.js"
"""Where fastapi-offline serves ReDoc (its default `static_url`)."""
OUTSIDE_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
EMPTY_IMAGE = b"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E"
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; "
            "base-uri 'none'; form-action 'self'")
"""Swagger UI starts from an inline script, ReDoc runs its search in a blob: worker; nothing else is allowed."""


class OfflineDocsPolicy:
    """Pure ASGI middleware (no cost to other routes beyond a path check) adding the policy to the docs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == REDOC_BUNDLE_PATH:
            await Response(redoc_bundle(), media_type="text/javascript",
                           headers={"Cache-Control": "public, max-age=86400"})(scope, receive, send)
            return
        if scope["type"] != "http" or scope["path"] not in DOCS_PATHS:
            await self.app(scope, receive, send)
            return

        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["Content-Security-Policy"] = DOCS_CSP
            await send(message)

        await self.app(scope, receive, send_with_policy)


@cache
def redoc_bundle() -> bytes:
    """ReDoc's bundle as installed, its outside logo address replaced (read once)."""
    bundle = (Path(fastapi_offline.__file__).parent / "static" / "redoc.standalone.js").read_bytes()
    return bundle.replace(OUTSIDE_LOGO, EMPTY_IMAGE)
