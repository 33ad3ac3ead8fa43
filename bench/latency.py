"""The five main reads against their floor, the driver's own `RETURN 1`, timed in the same rounds.

Each read is timed cached (the same URL again: the answer comes from memory) and uncached (a
parameter no route reads makes every URL new, so each request is what the first request after a
new graph version costs: the route, its database round trips, JSON encoding and gzip). Cached
throughput at concurrency 32 is set against a static file served by the same process.
"""

import itertools
import threading
import time
from dataclasses import dataclass
from typing import Any, LiteralString

import httpx
from fastapi.testclient import TestClient

from api.app import create_app
from api.caching import VERSION_THREAD
from bench.harness import Latency, measure
from graph.driver import GraphDatabaseClient, Record
from graph.settings import Settings
from queries.registry import read

REQUESTS = {1: 200, 32: 1280}
ROUNDS = 8
"""API and floor run in alternating rounds whose timings are pooled: on a shared 2-core VM the speed
drifts over seconds, and measuring one side fully before the other would charge the drift to it."""
CASES = {
    "instrument parties (ICSANT)": "/api/v1/instruments/ICSANT/parties",
    "State profile (JPN)": "/api/v1/states/JPN",
    "backing matrix (NSCG x ICSANT, A/CPPNM)": "/api/v1/backing?group=NSCG&instrument=ICSANT&instrument=A_CPPNM",
    "search ('Contact Group')": "/api/v1/search?q=Contact%20Group",
    "gap: NSS 2016 x ICSANT": "/api/v1/gaps/universalization?instrument=ICSANT&group=NSS_2016",
}
STATIC_FILE = "/static/vis/nsgraph.js"
_fresh = itertools.count()


def uncached(path: str) -> str:
    """The same read under a URL the cache has never seen."""
    return f"{path}{'&' if '?' in path else '?'}bench_nonce={next(_fresh)}"


class RecordingClient(GraphDatabaseClient):
    """Counts the reads a route runs: its database round trips when uncached."""

    def __init__(self, client: GraphDatabaseClient) -> None:
        super().__init__(client.driver, client.uri, client.database)
        self.recorded = 0

    def read(self, query: LiteralString, parameters: dict[str, Any] | None = None,
             timeout_s: float | None = None) -> list[Record]:
        if threading.current_thread().name != VERSION_THREAD:  # the version poller is no part of a route
            self.recorded += 1
        return super().read(query, parameters, timeout_s)


def round_trips(settings: Settings, path: str) -> int:
    with TestClient(create_app(settings)) as client:
        recorder = RecordingClient(client.app.state.db)  # type: ignore[attr-defined]
        client.app.state.db = recorder  # type: ignore[attr-defined]
        client.get(uncached(path)).raise_for_status()
        return recorder.recorded


@dataclass
class ReadResult:
    case: str
    round_trips: int
    mode: str
    concurrency: int
    api: Latency
    floor: Latency

    @property
    def ratio(self) -> float:
        return self.api.p50_ms / self.floor.p50_ms


@dataclass
class Throughput:
    case: str
    answers_per_s: float
    static_per_s: float

    @property
    def ratio(self) -> float:
        return self.answers_per_s / self.static_per_s


def client(base_url: str) -> httpx.Client:
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    return httpx.Client(base_url=base_url, limits=limits, timeout=60)


def compare(base_url: str, settings: Settings, db: GraphDatabaseClient) -> list[ReadResult]:
    """p50/p95 of every main read, cached and uncached, at concurrency 1 and 32, beside the floor."""
    results: list[ReadResult] = []

    def floor() -> None:
        read(db, "bench/return_one")

    with client(base_url) as http:
        for case, path in CASES.items():
            trips = round_trips(settings, path)
            for mode, url in (("uncached", lambda path=path: uncached(path)), ("cached", lambda path=path: path)):

                def api(url: Any = url) -> None:
                    http.get(url()).raise_for_status()

                for _ in range(20):  # warm both paths: query plans, connection pools, the cached entry
                    api()
                    floor()
                for concurrency, requests in REQUESTS.items():
                    api_latency, floor_latency = Latency([], []), Latency([], [])
                    for _ in range(ROUNDS):
                        api_latency += measure(api, requests // ROUNDS, concurrency)
                        floor_latency += measure(floor, requests // ROUNDS, concurrency)
                    results.append(ReadResult(case, trips, mode, concurrency, api_latency, floor_latency))
    return results


def _rate(call: Any, requests: int, concurrency: int) -> tuple[int, float]:
    start = time.perf_counter()
    measured = measure(call, requests, concurrency)
    return len(measured.durations_ms), time.perf_counter() - start


def throughput(base_url: str, requests: int = 1280, concurrency: int = 32) -> list[Throughput]:
    """Cached answers per second at concurrency 32 against the static file, in alternating rounds."""
    results = []
    with client(base_url) as http:
        for case, path in CASES.items():
            answer_done = answer_s = static_done = static_s = 0.0
            for _ in range(ROUNDS):
                done, seconds = _rate(lambda path=path: http.get(path).raise_for_status(),
                                      requests // ROUNDS, concurrency)
                answer_done, answer_s = answer_done + done, answer_s + seconds
                done, seconds = _rate(lambda: http.get(STATIC_FILE).raise_for_status(), requests // ROUNDS,
                                      concurrency)
                static_done, static_s = static_done + done, static_s + seconds
            results.append(Throughput(case, answer_done / answer_s, static_done / static_s))
    return results
