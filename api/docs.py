"""The API documentation pages (/docs, /redoc) stay on this machine: their assets come from the
fastapi-offline package (see api.app), and a Content-Security-Policy keeps the browser from fetching the
little the bundles still point elsewhere (ReDoc's side-menu logo on cdn.redoc.ly, an online validator)."""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DOCS_PATHS = frozenset({"/docs", "/redoc"})
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; "
            "base-uri 'none'; form-action 'self'")
"""Swagger UI starts from an inline script, ReDoc runs its search in a blob: worker; nothing else is allowed."""


class OfflineDocsPolicy:
    """Pure ASGI middleware (no cost to other routes beyond a path check) adding the policy to the docs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in DOCS_PATHS:
            await self.app(scope, receive, send)
            return

        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["Content-Security-Policy"] = DOCS_CSP
            await send(message)

        await self.app(scope, receive, send_with_policy)
