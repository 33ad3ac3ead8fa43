"""`nsgraph serve`: the API and pages under uvicorn."""

import uvicorn

from api.app import create_app
from graph.settings import Settings


def serve(settings: Settings, uri: str | None = None) -> None:
    """Serves until Ctrl-C; `uri` pins the database (else NEO4J_URI or the running local one)."""
    uvicorn.run(create_app(settings, uri), host=settings.api_host, port=settings.api_port, log_level="info")
