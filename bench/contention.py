"""The main reads with and without heavy ad-hoc Cypher in the background: callers keep
`POST /api/v1/cypher` saturated with queries that run to their time limit, and the main reads'
p50 and p95 are compared with the idle ones. CYPHER_CONCURRENCY is what keeps them close: the
surplus is refused with 429 instead of taking the worker threads and the cores.

`python -m bench.contention` runs this part alone and replaces its table in RESULTS.md.
"""

import datetime
import os
import re
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import httpx
from rich.console import Console

from bench.harness import Latency, api_server, database, measure
from bench.latency import CASES

HEAVY_QUERY = "UNWIND range(1, 100000000000) AS x RETURN count(x) AS n"  # runs until QUERY_TIMEOUT_S
BACKGROUND_CLIENTS = 6  # three times the default limit of 2
REQUESTS, CONCURRENCY = 160, 8
TITLE = "Main reads with and without heavy ad-hoc Cypher in the background, milliseconds"


@dataclass
class Contention:
    case: str
    idle: Latency
    loaded: Latency


class AdHocLoad:
    """Background callers posting the heavy query back to back; a refused one retries after 0.2 s."""

    def __init__(self, base_url: str, clients: int) -> None:
        self.base_url, self.clients = base_url, clients
        self.statuses: Counter[int] = Counter()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._loop, daemon=True) for _ in range(clients)]
        self._lock = threading.Lock()

    def _loop(self) -> None:
        with httpx.Client(base_url=self.base_url, timeout=120) as client:
            while not self._stop.is_set():
                status = client.post("/api/v1/cypher", json={"query": HEAVY_QUERY}).status_code
                with self._lock:
                    self.statuses[status] += 1
                if status == 429:
                    self._stop.wait(0.2)

    def __enter__(self) -> "AdHocLoad":
        for thread in self._threads:
            thread.start()
        self._stop.wait(1.0)  # the admitted queries are running by now
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=120)

    def summary(self) -> str:
        refused = self.statuses[429]
        admitted = sum(self.statuses.values()) - refused
        return (f"Background: {self.clients} callers, {admitted} ad-hoc queries admitted "
                f"(each stopped by its time limit), {refused} refused with 429.")


def measure_contention(base_url: str) -> tuple[list[Contention], str]:
    """Each main read idle, then each again under the background load."""
    limits = httpx.Limits(max_connections=CONCURRENCY * 2, max_keepalive_connections=CONCURRENCY * 2)
    with httpx.Client(base_url=base_url, limits=limits, timeout=60) as client:
        calls = {case: (lambda path=path: client.get(path).raise_for_status()) for case, path in CASES.items()}
        for call in calls.values():
            measure(call, 20, 4)  # warm: query plans, connection pools
        idle = {case: measure(call, REQUESTS, CONCURRENCY) for case, call in calls.items()}
        with AdHocLoad(base_url, BACKGROUND_CLIENTS) as load:
            loaded = {case: measure(call, REQUESTS, CONCURRENCY) for case, call in calls.items()}
    return [Contention(case, idle[case], loaded[case]) for case in CASES], load.summary()


def table(results: list[Contention]) -> tuple[list[str], list[list[str]]]:
    columns = ["endpoint", "conc.", "idle p50", "idle p95", "loaded p50", "loaded p95", "p95 ratio", "errors"]
    rows = [[r.case, str(CONCURRENCY), f"{r.idle.p50_ms:.1f}", f"{r.idle.p95_ms:.1f}", f"{r.loaded.p50_ms:.1f}",
             f"{r.loaded.p95_ms:.1f}", f"{r.loaded.p95_ms / r.idle.p95_ms:.2f}", str(r.idle.errors + r.loaded.errors)]
            for r in results]
    return columns, rows


def main() -> None:
    from bench.__main__ import RESULTS, report

    console = Console(width=160)
    with tempfile.TemporaryDirectory() as scratch, database(Path(scratch), heap_mb=2048) as (settings, _), \
            api_server(settings) as base_url:
        results, background = measure_contention(base_url)
    when = datetime.datetime.now(datetime.UTC)
    load_1m = os.getloadavg()[0]
    section = [*report(console, TITLE, *table(results)), "", background,
               f"Run alone (`python -m bench.contention`) at {when:%Y-%m-%d %H:%M} UTC, machine load average "
               f"{load_1m:.1f} at its end."]
    console.print(background)
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(rf"\n## {re.escape(TITLE)}\n.*?(?=\n## |\Z)", re.DOTALL)
    new_section = "\n".join(section) + "\n"
    text = pattern.sub(lambda _: new_section, text) if pattern.search(text) else text.rstrip("\n") + "\n" + new_section
    RESULTS.write_text(text)
    console.print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
