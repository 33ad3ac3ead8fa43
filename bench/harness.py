"""What every benchmark needs: a Neo4j with the shipped data, the API under uvicorn, timers."""

import statistics
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from api.app import create_app
from graph.driver import GraphDatabaseClient, connect
from graph.runtime import LocalNeo4j, free_port
from graph.schema import apply_schema
from graph.settings import Settings
from loaders.load import load_shipped_data
from tests.servers import serving


@dataclass
class Latency:
    p50_ms: float
    p95_ms: float
    requests: int
    errors: int


def measure(call: Callable[[], object], requests: int, concurrency: int) -> Latency:
    """Runs `call` `requests` times on `concurrency` threads; latency percentiles in milliseconds."""
    durations: list[float] = []
    errors = 0
    lock = threading.Lock()

    def timed(_: int) -> None:
        nonlocal errors
        start = time.perf_counter()
        try:
            call()
        except Exception:
            with lock:
                errors += 1
            return
        elapsed = (time.perf_counter() - start) * 1000
        with lock:
            durations.append(elapsed)

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(timed, range(requests)))
    ordered = sorted(durations) or [float("nan")]
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return Latency(statistics.median(ordered), p95, requests, errors)


@contextmanager
def database(data_dir: Path, heap_mb: int = 12288) -> Iterator[tuple[Settings, GraphDatabaseClient]]:
    """A local Neo4j of its own, with the schema and the shipped data."""
    settings = Settings(data_dir=data_dir, local_port=free_port(), neo4j_heap_mb=heap_mb, neo4j_tx_timeout_s=1800)
    runtime = LocalNeo4j(settings)
    running = runtime.start()
    db = connect(settings, running.uri)
    try:
        apply_schema(db)
        load_shipped_data(db)
        yield settings.model_copy(update={"neo4j_uri": running.uri}), db
    finally:
        db.close()
        runtime.stop()


@contextmanager
def api_server(settings: Settings) -> Iterator[str]:
    """The real API under uvicorn on a free loopback port."""
    with serving(create_app(settings)) as base_url:
        yield base_url
