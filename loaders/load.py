"""The one entry point for loading: plan every path, then write the whole plan in one transaction."""

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from graph.driver import GraphDatabaseClient
from graph.errors import LoadError
from loaders.datapackage import is_data_package, plan_data_package
from loaders.dataset import SHIPPED_DATA_DIR, plan_dataset
from loaders.plan import GraphPlan
from loaders.writer import LoadSummary, check_references, write_plan

STATEMENT_SUFFIXES = {".txt"}


def plan_paths(paths: Sequence[Path]) -> GraphPlan:
    """A dataset folder, a data package (`nsgraph export dataset`) or joint-statement text files, all into one
    plan."""
    from loaders.statement_loader import plan_statement_file

    plan = GraphPlan()
    for path in paths:
        if is_data_package(path):
            plan_data_package(path, plan)
        elif path.is_dir():
            plan_dataset(path, plan)
        elif path.suffix in STATEMENT_SUFFIXES:
            plan_statement_file(path, plan)
        else:
            raise LoadError(str(path), None, None, "expected a dataset folder, a data package or a statement .txt file")
    return plan


def load_paths(db: GraphDatabaseClient, paths: Sequence[Path], dry_run: bool = False,
               console: Console | None = None) -> LoadSummary:
    """Validates everything first; writes all of it or nothing. A dry run checks but writes nothing."""
    plan = plan_paths(paths)
    if dry_run:
        check_references(db, plan)
        summary = LoadSummary(dry_run=True)
        for name, count in plan.counts().items():
            summary.add(str(name), "planned", count)
        return summary
    total = len(plan.nodes) + len(plan.sources) + len(plan.relationships)
    with Progress(TextColumn("loading {task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=console or Console(stderr=True), transient=True,
                  disable=console is None) as progress:
        task = progress.add_task("graph", total=total)
        return write_plan(db, plan, lambda step, n: progress.update(task, advance=n, description=step))


def load_shipped_data(db: GraphDatabaseClient, console: Console | None = None) -> LoadSummary:
    """Loads the project's own curated data (`data/`); idempotent."""
    summary = load_paths(db, [SHIPPED_DATA_DIR], console=console)
    if console is not None:
        console.print(summary_table(summary))
    return summary


def summary_table(summary: LoadSummary) -> Table:
    outcomes = ["planned"] if summary.dry_run else ["created", "updated", "unchanged"]
    table = Table(title="dry run: nothing written" if summary.dry_run else "load summary")
    table.add_column("label / type")
    for outcome in outcomes:
        table.add_column(outcome, justify="right")
    for name in sorted(summary.outcomes):
        table.add_row(name, *(str(summary.outcomes[name].get(outcome, 0)) for outcome in outcomes))
    return table
