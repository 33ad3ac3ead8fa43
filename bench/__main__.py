"""`make bench`: runs every benchmark once, prints the tables, writes bench/RESULTS.md."""

import datetime
import os
import platform
import subprocess
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench import latency, pages, throughput
from bench.harness import api_server, database

RESULTS = Path(__file__).parent / "RESULTS.md"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return (f"{os.cpu_count()} cores ({cpu}), {memory_kb // 1024 // 1024} GiB, Python {platform.python_version()}, "
            f"{java}")


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


def main() -> None:
    console = Console(width=160)
    lines = [f"# Benchmark results\n\nRun {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC on {machine()}.\n"]
    with tempfile.TemporaryDirectory() as scratch, database(Path(scratch)) as (settings, db):
        with api_server(settings) as base_url:
            comparisons = latency.compare(base_url, settings, db)
            page_results = pages.measure_pages(base_url)
        lines += report(
            console, "API vs raw driver (the endpoint's own queries replayed), milliseconds",
            ["endpoint", "queries", "conc.", "API p50", "API p95", "raw p50", "raw p95", "p50 ratio", "errors"],
            [[c.case, str(c.queries), str(c.concurrency), f"{c.api.p50_ms:.1f}", f"{c.api.p95_ms:.1f}",
              f"{c.raw.p50_ms:.1f}", f"{c.raw.p95_ms:.1f}", f"{c.ratio:.2f}", str(c.api.errors + c.raw.errors)]
             for c in comparisons])
        lines += report(
            console, "Pages (server p50 of 20 requests; browser: median of 5 loads until stable, map until painted)",
            ["page", "server p50 ms", "HTML bytes", "bytes with assets (first load)", "stable after ms"],
            [[r.page, f"{r.server_p50_ms:.1f}", f"{r.html_bytes:,}", f"{r.total_bytes:,}", f"{r.stable_ms:.0f}"]
             for r in page_results])

        shipped = throughput.shipped_load_seconds(db)
        naive = throughput.naive_rate(db)
        load_rows = [["shipped data (reload)", "-", f"{shipped:.2f}", "-", "target < 5 s"]]
        for size in (100_000, 1_000_000):
            seconds, rate = throughput.batched_rate(db, size)
            load_rows.append([f"synthetic, {size:,} relationships, one transaction", f"{size:,}", f"{seconds:.1f}",
                              f"{rate:,.0f}", f"{rate / naive:.0f}x naive"])
        floors = throughput.floor_rates(db, 100_000)
        for floor, what, note in (("unwind", "only sent and unwound", "no lookup, no write"),
                                  ("create", "written by a bare CREATE", "no MERGE, no source union")):
            load_rows.append([f"floor: the same 100,000 rows {what}, one transaction", "100,000",
                              f"{100_000 / floors[floor]:.1f}", f"{floors[floor]:,.0f}", note])
        load_rows.append([f"naive, 1 row per transaction ({throughput.NAIVE_SAMPLE} rows)", "-", "-",
                          f"{naive:,.0f}", "baseline"])
        lines += report(console, "Load throughput", ["load", "relationships", "seconds", "relationships/s", "note"],
                        load_rows)
    RESULTS.write_text("\n".join(lines) + "\n")
    console.print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
