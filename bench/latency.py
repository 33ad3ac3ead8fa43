"""API latency against its floor: the very Cypher queries an endpoint runs (recorded from one real
request), replayed straight through the official driver. The ratio is what HTTP, validation,
response models and JSON add on top of the database work."""

from dataclasses import dataclass
from typing import Any, LiteralString

import httpx
from fastapi.testclient import TestClient

from api.app import create_app
from bench.harness import Latency, measure
from graph.driver import GraphDatabaseClient, Record
from graph.settings import Settings

REQUESTS = {1: 200, 32: 1280}
ROUNDS = 8
"""API and raw run in alternating rounds whose timings are pooled: on a shared 2-core VM the speed
drifts over seconds, and measuring one side fully before the other would charge the drift to it."""
CASES = {
    "instrument parties (ICSANT)": "/api/v1/instruments/ICSANT/parties",
    "State profile (JPN)": "/api/v1/states/JPN",
    "backing matrix (NSCG x ICSANT, A/CPPNM)": "/api/v1/backing?group=NSCG&instrument=ICSANT&instrument=A_CPPNM",
    "search ('Contact Group')": "/api/v1/search?q=Contact%20Group",
    "gap: NSS 2016 x ICSANT": "/api/v1/gaps/universalization?instrument=ICSANT&group=NSS_2016",
}


class RecordingClient(GraphDatabaseClient):
    """Keeps every read it runs, so the benchmark can replay an endpoint's exact queries."""

    def __init__(self, client: GraphDatabaseClient) -> None:
        super().__init__(client.driver, client.uri, client.database)
        self.recorded: list[tuple[LiteralString, dict[str, Any] | None]] = []

    def read(self, query: LiteralString, parameters: dict[str, Any] | None = None,
             timeout_s: float | None = None) -> list[Record]:
        self.recorded.append((query, parameters))
        return super().read(query, parameters, timeout_s)


def record_queries(settings: Settings, path: str) -> list[tuple[LiteralString, dict[str, Any] | None]]:
    with TestClient(create_app(settings)) as client:
        recorder = RecordingClient(client.app.state.db)  # type: ignore[attr-defined]
        client.app.state.db = recorder  # type: ignore[attr-defined]
        client.get(path).raise_for_status()
        return recorder.recorded


@dataclass
class Comparison:
    case: str
    queries: int
    concurrency: int
    api: Latency
    raw: Latency

    @property
    def ratio(self) -> float:
        return self.api.p50_ms / self.raw.p50_ms


def compare(base_url: str, settings: Settings, db: GraphDatabaseClient) -> list[Comparison]:
    results: list[Comparison] = []
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    with httpx.Client(base_url=base_url, limits=limits, timeout=60) as client:
        for case, path in CASES.items():
            queries = record_queries(settings, path)

            def raw(queries: list[tuple[LiteralString, dict[str, Any] | None]] = queries) -> None:
                for query, parameters in queries:
                    db.read(query, parameters)

            def api(path: str = path) -> None:
                client.get(path).raise_for_status()

            for _ in range(20):  # warm both paths: query plans, connection pools
                api()
                raw()
            for concurrency, requests in REQUESTS.items():
                api_latency, raw_latency = Latency([], []), Latency([], [])
                for _ in range(ROUNDS):
                    api_latency += measure(api, requests // ROUNDS, concurrency)
                    raw_latency += measure(raw, requests // ROUNDS, concurrency)
                results.append(Comparison(case, len(queries), concurrency, api_latency, raw_latency))
    return results
