"""`make bench`: runs every benchmark once, prints the tables, writes bench/RESULTS.md."""

import argparse
import datetime
import os
import platform
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench import contention, growth, latency, pages, throughput
from bench.harness import api_server, database
from bench.results import PARTS, merged
from graph.driver import GraphDatabaseClient
from graph.settings import Settings

RESULTS = Path(__file__).parent / "RESULTS.md"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return (f"{os.cpu_count()} cores ({cpu}), {memory_kb // 1024 // 1024} GiB, Python {platform.python_version()}, "
            f"{java}; the machine is shared, so each part gives the load average around it")


def report(console: Console, title: str, columns: list[str], rows: list[list[str]]) -> list[str]:
    """Prints one table and returns it as Markdown for RESULTS.md."""
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    console.print(table)
    return [f"\n## {title}\n", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns),
            *("| " + " | ".join(row) + " |" for row in rows)]


TARGETS = """
Targets (issue 15): cached p50 at concurrency 1 <= 1.0x the floor; cached throughput at concurrency 32
>= 0.8x the static file's; uncached p50 at concurrency 1 <= 3x the floor; uncached p50 grows <= 2x for
10x the data.
"""

def when(started: datetime.datetime, load_at_start: float) -> str:
    return (f"_Measured {started:%Y-%m-%d %H:%M} UTC; load average {load_at_start:.1f} at the start, "
            f"{os.getloadavg()[0]:.1f} at the end (other work on the machine shows in the p95s and the floor)._")


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _held(value: float, limit: float, at_most: bool = True) -> str:
    return "yes" if (value <= limit if at_most else value >= limit) else "**no**"


def reads_tables(console: Console, base_url: str, settings: Settings, db: GraphDatabaseClient) -> list[str]:
    results = latency.compare(base_url, settings, db)
    lines = report(
        console, "Main reads against the floor (the driver's RETURN 1, same rounds), milliseconds",
        ["read", "round trips", "mode", "conc.", "API p50", "API p95", "floor p50", "floor p95", "p50 / floor",
         "target", "held", "errors"],
        [[r.case, str(r.round_trips), r.mode, str(r.concurrency), f"{r.api.p50_ms:.2f}", f"{r.api.p95_ms:.2f}",
          f"{r.floor.p50_ms:.2f}", f"{r.floor.p95_ms:.2f}", f"{r.ratio:.2f}",
          *((f"<= {limit:.1f}x", _held(r.ratio, limit)) if r.concurrency == 1 else ("-", "-")),
          str(r.api.errors + r.floor.errors)]
         for r in results for limit in [1.0 if r.mode == "cached" else 3.0]])
    rates = latency.throughput(base_url)
    lines += report(
        console, f"Cached answers per second at concurrency 32 against a static file ({latency.STATIC_FILE})",
        ["read", "answers/s", "static file/s", "ratio", "target", "held"],
        [[t.case, f"{t.answers_per_s:,.0f}", f"{t.static_per_s:,.0f}", f"{t.ratio:.2f}", ">= 0.8x",
          _held(t.ratio, 0.8, at_most=False)] for t in rates])
    return lines


def growth_table(console: Console, base_url: str, db: GraphDatabaseClient) -> list[str]:
    results, before, after = growth.measure_growth(base_url, db)
    return report(
        console, f"Growth: uncached p50 at concurrency 1, shipped graph ({before[0]:,} nodes, {before[1]:,} "
                 f"relationships) and ten times it ({after[0]:,} nodes, {after[1]:,} relationships), ms",
        ["read", "shipped p50", "shipped p95", "10x p50", "10x p95", "growth", "target", "held"],
        [[g.case, f"{g.shipped.p50_ms:.2f}", f"{g.shipped.p95_ms:.2f}", f"{g.tenfold.p50_ms:.2f}",
          f"{g.tenfold.p95_ms:.2f}", f"{g.ratio:.2f}", "<= 2x", _held(g.ratio, 2.0)] for g in results])


def pages_table(console: Console, base_url: str) -> list[str]:
    page_results = pages.measure_pages(base_url)
    return report(
        console, "Pages (server p50 of 20 requests; browser: median of 5 first loads until drawn and "
                 "still, map until painted; network built with its layout computed / cached, ms)",
        ["page", "server p50 ms", "HTML bytes", "bytes with assets (first load)", "stable after ms",
         "target", "network, layout cold ms", "network, layout cached ms"],
        [[r.page, f"{r.server_p50_ms:.1f}", f"{r.html_bytes:,}", f"{r.total_bytes:,}",
          f"{r.stable_ms:.0f}", r.target or "-", _ms(r.layout_cold_ms), _ms(r.layout_cached_ms)]
         for r in page_results])


def contention_tables(console: Console, base_url: str) -> list[str]:
    contended, background = contention.measure_contention(base_url)
    return [*report(console, contention.TITLE, *contention.table(contended)), "", background]


def load_table(console: Console, db: GraphDatabaseClient) -> list[str]:
    shipped = throughput.shipped_load_seconds(db)
    naive = throughput.naive_rate(db)
    seconds, rate = throughput.batched_rate(db, 1_000_000)
    return report(console, "Load throughput", ["load", "relationships", "seconds", "relationships/s", "note"], [
        ["shipped data (reload)", "-", f"{shipped:.2f}", "-", "target < 5 s"],
        ["synthetic, 1,000,000 relationships, one transaction", "1,000,000", f"{seconds:.1f}", f"{rate:,.0f}",
         f"{rate / naive:.0f}x naive"],
        [f"naive, 1 row per transaction ({throughput.NAIVE_SAMPLE} rows)", "-", "-", f"{naive:,.0f}", "baseline"],
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description="Runs the benchmarks and writes bench/RESULTS.md.")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS), help="run only these parts")
    parts = parser.parse_args().only
    console = Console(width=180)
    measured: dict[str, list[str]] = {}

    def measure(part: str, run: Callable[[], list[str]]) -> None:
        if part in parts:
            started, load = datetime.datetime.now(datetime.UTC), os.getloadavg()[0]
            lines = run()
            measured[part] = [when(started, load), *lines]

    with tempfile.TemporaryDirectory() as scratch, database(Path(scratch)) as (settings, db):
        with api_server(settings) as base_url:
            measure("reads", lambda: reads_tables(console, base_url, settings, db))
            measure("growth", lambda: growth_table(console, base_url, db))
            measure("pages", lambda: pages_table(console, base_url))
            measure("contention", lambda: contention_tables(console, base_url))
        measure("load", lambda: load_table(console, db))
    header = (f"# Benchmark results\n\nOn {machine()}. `make bench` measures every part; "
              f"`python -m bench --only PART ...` replaces just those parts' sections.\n{TARGETS}")
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    RESULTS.write_text(merged(previous, header, measured), encoding="utf-8")
    console.print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
