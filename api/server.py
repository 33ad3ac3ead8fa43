"""The serving side of the stack's lifecycle: uvicorn, stopped gracefully by SIGINT or SIGTERM.

On either signal uvicorn stops accepting connections, gives in-flight requests `SHUTDOWN_GRACE_S`
to finish (then cancels them), runs the app's lifespan shutdown (the driver closes), and `serve`
returns normally, so the caller's cleanup (stopping the local Neo4j) runs and the process exits 0.
"""

import os
from contextlib import suppress

import uvicorn

from api.app import create_app
from graph.settings import Settings
from graph.shutdown import interrupt_on_stop_signals


def serve(settings: Settings, uri: str | None = None) -> None:
    """Serves until SIGINT or SIGTERM; `uri` pins the database (else NEO4J_URI or the running local one).

    uvicorn re-raises the signal it caught once it has shut down; with SIGTERM turned into
    KeyboardInterrupt here, that re-raise ends `serve` instead of killing the process. With
    `API_WORKERS` > 1 each worker process builds its own app from the environment (uvicorn needs an
    import string to fork workers), so each has its own driver pool and answer cache."""
    with interrupt_on_stop_signals(), suppress(KeyboardInterrupt):
        common = {"host": settings.api_host, "port": settings.api_port, "log_level": "info",
                  "timeout_graceful_shutdown": settings.shutdown_grace_s,
                  "timeout_keep_alive": settings.api_keep_alive_s}
        if settings.api_workers > 1:
            if uri is not None:
                os.environ["NEO4J_URI"] = uri
            uvicorn.run("api.app:create_app", factory=True, workers=settings.api_workers, **common)
            return
        uvicorn.Server(uvicorn.Config(create_app(settings, uri), **common)).run()
