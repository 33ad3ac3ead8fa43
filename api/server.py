"""`nsgraph serve`: the API and pages under uvicorn."""

import os

import uvicorn

from api.app import create_app
from graph.settings import Settings


def serve(settings: Settings, uri: str | None = None) -> None:
    """Serves until Ctrl-C; `uri` pins the database (else NEO4J_URI or the running local one).

    With `API_WORKERS` > 1 each worker process builds its own app from the environment (uvicorn
    needs an import string to fork workers), so each has its own driver pool and answer cache."""
    if settings.api_workers > 1:
        if uri is not None:
            os.environ["NEO4J_URI"] = uri
        uvicorn.run("api.app:create_app", factory=True, workers=settings.api_workers, host=settings.api_host,
                    port=settings.api_port, log_level="info")
        return
    uvicorn.run(create_app(settings, uri), host=settings.api_host, port=settings.api_port, log_level="info")
