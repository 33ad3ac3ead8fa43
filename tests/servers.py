"""Real HTTP for tests and benchmarks: an ASGI app under uvicorn on a free loopback port, either in
a thread of this process or as `nsgraph serve` in a process of its own."""

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import httpx
import uvicorn

from graph.driver import GraphDatabaseClient
from graph.runtime import free_port
from queries.version import graph_version


@contextmanager
def serving(app: Any, lifespan: Literal["on", "off"] = "on", start_timeout_s: float = 30) -> Iterator[str]:
    """Runs `app` in a background thread until the block ends; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                          lifespan=lifespan, ws="none"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the HTTP server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@contextmanager
def serving_process(neo4j_uri: str, start_timeout_s: float = 60, env: dict[str, str] | None = None) -> Iterator[str]:
    """`nsgraph serve` in its own process, as users run it; yields its base URL once /health answers.

    Load generated from this process must not share an interpreter (and its lock) with the server
    it measures: in one process, client threads starve the server's event loop. `env` adds settings."""
    port = free_port()
    env = {**os.environ, **(env or {}), "NEO4J_URI": neo4j_uri, "API_HOST": "127.0.0.1", "API_PORT": str(port)}
    nsgraph = Path(sys.executable).with_name("nsgraph")
    with subprocess.Popen([str(nsgraph), "serve"], env=env, cwd=Path(__file__).resolve().parents[1],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as server:
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + start_timeout_s
        while True:
            try:
                if httpx.get(f"{base_url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError("nsgraph serve did not start")
            time.sleep(0.2)
        try:
            yield base_url
        finally:
            server.terminate()
            server.wait(timeout=30)


def wait_for_graph_version(base_url: str, db: GraphDatabaseClient, timeout_s: float = 30) -> None:
    """Returns once the server at `base_url` answers with the database's current graph version
    (it reads it once a second), so a test's own write cannot be hidden by a cached answer."""
    version = graph_version(db)
    assert version is not None
    deadline = time.monotonic() + timeout_s
    while httpx.get(f"{base_url}/api/v1/instruments?limit=1").headers.get("x-graph-version") != str(version.counter):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not see graph version {version.counter}")
        time.sleep(0.1)
