"""The real API under uvicorn on a loopback port, for tests that need real HTTP."""

import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from api.app import create_app
from graph.driver import GraphDatabaseClient
from graph.runtime import free_port
from graph.settings import Settings


@pytest.fixture(scope="module")
def served_api(settings: Settings, neo4j_uri: str, db: GraphDatabaseClient) -> Iterator[str]:
    server = uvicorn.Server(uvicorn.Config(create_app(settings, neo4j_uri), host="127.0.0.1", port=free_port(),
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(timeout=15)
