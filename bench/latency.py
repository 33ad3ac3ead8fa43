"""API latency against its floor: the same named queries that an endpoint runs, sent straight
through the official driver. The ratio shows what HTTP, validation and JSON add."""

from collections.abc import Callable
from dataclasses import dataclass

import httpx

from bench.harness import Latency, measure
from graph.driver import GraphDatabaseClient
from queries.registry import read

REQUESTS = {1: 200, 32: 640}


@dataclass(frozen=True)
class Case:
    name: str
    path: str
    raw: Callable[[GraphDatabaseClient], object]


def _queries(*calls: tuple[str, dict[str, object]]) -> Callable[[GraphDatabaseClient], object]:
    def run(db: GraphDatabaseClient) -> object:
        return [read(db, name, **params) for name, params in calls]

    return run


CASES = [
    Case("instrument parties (ICSANT)", "/api/v1/instruments/ICSANT/parties",
         _queries(("nodes/get", {"id": "ICSANT", "label": "LegalInstrument"}),
                  ("instruments/parties", {"id": "ICSANT", "as_of": None, "status": "party", "region": None}),
                  ("instruments/list_sizes", {"id": "ICSANT"}))),
]


@dataclass
class Comparison:
    case: str
    concurrency: int
    api: Latency
    raw: Latency

    @property
    def ratio(self) -> float:
        return self.api.p50_ms / self.raw.p50_ms


def compare(base_url: str, db: GraphDatabaseClient, cases: list[Case]) -> list[Comparison]:
    results: list[Comparison] = []
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    with httpx.Client(base_url=base_url, limits=limits, timeout=30) as client:
        for case in cases:
            for _ in range(20):  # warm both paths: query plans, connection pools
                client.get(case.path).raise_for_status()
                case.raw(db)
            for concurrency, requests in REQUESTS.items():
                api = measure(lambda case=case: client.get(case.path).raise_for_status(), requests, concurrency)
                raw = measure(lambda case=case: case.raw(db), requests, concurrency)
                results.append(Comparison(case.name, concurrency, api, raw))
    return results
