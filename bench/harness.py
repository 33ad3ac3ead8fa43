"""What every benchmark needs: a Neo4j with the shipped data, the API under uvicorn, timers."""

import statistics
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graph.driver import GraphDatabaseClient, connect
from graph.runtime import LocalNeo4j, free_port
from graph.schema import apply_schema
from graph.settings import Settings
from loaders.load import load_shipped_data
from tests.servers import serving_process


@dataclass
class Latency:
    """Per-call durations in milliseconds (of successful calls) and what each failed call raised."""

    durations_ms: list[float]
    failures: list[str]

    @property
    def errors(self) -> int:
        return len(self.failures)

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.durations_ms) if self.durations_ms else float("nan")

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.durations_ms) or [float("nan")]
        return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]

    def __add__(self, other: "Latency") -> "Latency":
        return Latency(self.durations_ms + other.durations_ms, self.failures + other.failures)


def measure(call: Callable[[], object], requests: int, concurrency: int) -> Latency:
    """Runs `call` `requests` times on `concurrency` threads and keeps every call's duration."""
    durations: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def timed(_: int) -> None:
        start = time.perf_counter()
        try:
            call()
        except Exception as error:
            with lock:
                failures.append(f"{type(error).__name__}: {error}")
            return
        elapsed = (time.perf_counter() - start) * 1000
        with lock:
            durations.append(elapsed)

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(timed, range(requests)))
    return Latency(durations, failures)


@contextmanager
def database(data_dir: Path, heap_mb: int = 12288) -> Iterator[tuple[Settings, GraphDatabaseClient]]:
    """A local Neo4j of its own, with the schema and the shipped data."""
    settings = Settings(data_dir=data_dir, local_port=free_port(), neo4j_heap_mb=heap_mb, neo4j_tx_timeout_s=1800)
    runtime = LocalNeo4j(settings)
    running = runtime.start(tie=True)  # a killed benchmark leaves no 12 GB JVM behind
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
    """`nsgraph serve` in its own process on a free loopback port: the load generator's threads
    must not share the server's interpreter lock, or the API is charged for the client's work."""
    assert settings.neo4j_uri is not None
    with serving_process(settings.neo4j_uri) as base_url:
        yield base_url
