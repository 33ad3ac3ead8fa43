"""`nsgraph`: the command line, the composition root. Each command wires the layers it needs: the
local runtime (graph/), loaders/ for writes, queries/ for answers, viz/ for pages and reports, and
api/ to serve. Nothing imports this package.
"""

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from graph.errors import NSGraphError
from graph.runtime import LocalNeo4j, database_for_this_process
from graph.settings import get_settings

console = Console(stderr=True)
app = typer.Typer(help="Knowledge graph of the global nuclear security architecture.", no_args_is_help=True)
db_app = typer.Typer(help="The local Neo4j (used when NEO4J_URI is not set).", no_args_is_help=True)
app.add_typer(db_app, name="db")

DataDirOption = Annotated[Path | None, typer.Option("--data-dir", help="Where the local Neo4j keeps its data.")]


def fail(error: NSGraphError) -> typer.Exit:
    """Prints an expected error as one readable message (no stack trace) and exits non-zero."""
    console.print(f"[bold red]error:[/] {error}", highlight=False)
    return typer.Exit(code=1)


@db_app.command("start")
def db_start(data_dir: DataDirOption = None) -> None:
    """Fetch the Neo4j jars if needed and start the local database in the background."""
    try:
        running = LocalNeo4j(get_settings(), data_dir).start(notify=console.print)
    except NSGraphError as error:
        raise fail(error) from error
    typer.echo(f"Neo4j {running.version} running at {running.uri} (pid {running.pid}, data in {running.home})")


@db_app.command("stop")
def db_stop(data_dir: DataDirOption = None) -> None:
    """Stop the local database cleanly (the store is checkpointed)."""
    stopped = LocalNeo4j(get_settings(), data_dir).stop()
    typer.echo("Neo4j stopped" if stopped else "Neo4j was not running")


@db_app.command("status")
def db_status(data_dir: DataDirOption = None) -> None:
    """Say whether the local database runs: pid, port, store, version, and who started it."""
    running = LocalNeo4j(get_settings(), data_dir).recorded()
    if running is None:
        typer.echo("Neo4j is not running")
        raise typer.Exit(code=3)
    typer.echo(f"Neo4j {'running' if running.ready else 'starting'}\n{running.describe()}")


def main() -> None:
    app()


@app.command("serve")
def serve_command() -> None:
    """Serve the API and pages on API_HOST:API_PORT against NEO4J_URI or the running local Neo4j;
    SIGINT or SIGTERM stops it gracefully (exit 0)."""
    from api.server import serve

    try:
        serve(get_settings())
    except NSGraphError as error:
        raise fail(error) from error


@app.command("run")
def run_command(data_dir: DataDirOption = None) -> None:
    """The main job: start the local Neo4j (unless NEO4J_URI is set), apply the schema, load the
    shipped data and serve the API. SIGINT or SIGTERM stops the API, then the database if this run
    started it (checkpointed), and exits 0."""
    from api.server import serve
    from graph.driver import connect
    from graph.schema import apply_schema
    from graph.shutdown import interrupt_on_stop_signals
    from loaders.load import load_shipped_data

    settings = get_settings()
    try:
        with interrupt_on_stop_signals(), database_for_this_process(settings, data_dir, console.print) as uri:
            db = connect(settings, uri)
            try:
                apply_schema(db)
                load_shipped_data(db, console=console)
            finally:
                db.close()
            serve(settings, uri)
    except NSGraphError as error:
        raise fail(error) from error
    except KeyboardInterrupt:
        console.print("stopped by a signal")


@app.command("load")
def load_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="Dataset folders or statement .txt files.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate and check, write nothing.")] = False,
) -> None:
    """Load curated data (default: the shipped data/) in one all-or-nothing transaction."""
    from graph.driver import connect
    from graph.schema import apply_schema
    from loaders.dataset import SHIPPED_DATA_DIR
    from loaders.load import load_paths, summary_table

    try:
        db = connect(get_settings())
        try:
            apply_schema(db)
            summary = load_paths(db, paths or [SHIPPED_DATA_DIR], dry_run=dry_run, console=console)
        finally:
            db.close()
    except NSGraphError as error:
        raise fail(error) from error
    Console().print(summary_table(summary))


@app.command("parse-statement")
def parse_statement_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A joint statement as text.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the parsed statement as JSON.")] = False,
) -> None:
    """Parse a joint statement: participants, pledges, tasks, references, topics; unknown names reported."""
    from loaders.statement_loader import parse_statement_file

    try:
        parsed = parse_statement_file(file)
    except NSGraphError as error:
        raise fail(error) from error
    if as_json:
        typer.echo(parsed.model_dump_json(indent=2))
    else:
        out = Console()
        out.print(f"[bold]{parsed.title}[/] ({parsed.date or 'undated'}, {parsed.document_number or 'no number'})")
        for label, values in [("States", parsed.states), ("Organizations", parsed.organizations),
                              ("Establishes", parsed.establishes), ("References", parsed.references),
                              ("Topics", parsed.topics)]:
            out.print(f"{label} ({len(values)}): {', '.join(values)}")
        for label, items in [("Pledges", parsed.pledges), ("Tasks", parsed.tasks)]:
            out.print(f"{label}:")
            for item in items:
                out.print(f"  - {item}", highlight=False)
    if parsed.unknown_names:
        console.print(f"[yellow]unknown names:[/] {', '.join(parsed.unknown_report())}", highlight=False)
        raise typer.Exit(code=2)


def _show_then_write(out: Console, tables: list[Table], check: Callable[[], None], write: Callable[[], Any],
                     apply: bool) -> None:
    """The diff first; without --apply only the checks a write would make, else the one write and its summary."""
    from loaders.load import summary_table

    for table in tables:
        out.print(table)
    if not apply:
        check()
        out.print("dry run: nothing written (add --apply to write)")
        return
    out.print(summary_table(write()))


@app.command("import-status")
def import_status_command(
    instrument: Annotated[str, typer.Argument(help="The instrument's id, e.g. ICSANT.")],
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A status table as .csv or .html.")],
    source_title: Annotated[str, typer.Option("--source-title", help="Title of the table's Source.")],
    source_url: Annotated[str, typer.Option("--source-url", help="Where the table was read.")],
    as_of: Annotated[str, typer.Option("--as-of", help="The date the table shows the status at (YYYY-MM-DD).")],
    source_id: Annotated[str | None, typer.Option("--source-id", help="Default: INSTRUMENT_STATUS_YYYY_MM_DD.")] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", help="Default: the UN Treaty Section.")] = None,
    kind: Annotated[str, typer.Option("--kind", help="The source's kind (sources.csv vocabulary).")] = "depositary",
    note: Annotated[str | None, typer.Option("--note", help="A note on the source.")] = None,
    apply: Annotated[bool, typer.Option("--apply", help="Write the import; without it only the diff.")] = False,
    show_confirmed: Annotated[bool, typer.Option("--show-confirmed", help="List confirmations too.")] = False,
    layout: Annotated[str | None, typer.Option("--layout", help="nl (Dutch treaty database) or a layout YAML.")] = None,
    column: Annotated[list[str] | None, typer.Option("--column", help="role=Header for a one-off CSV.")] = None,
    date_format: Annotated[str | None, typer.Option("--date-format", help="With --column, e.g. %d.%m.%Y.")] = None,
) -> None:
    """Diff a depositary status table against the graph; with --apply, write it in one transaction
    (new facts, confirmations, and disagreements recorded as conflicts, never overwritten)."""
    import datetime

    from graph.driver import connect
    from loaders.status_import import (
        UNTC_PUBLISHER,
        SourceInfo,
        apply_import,
        check_import,
        default_source_id,
        diff_tables,
        prepare_import,
    )

    try:
        day = datetime.date.fromisoformat(as_of).isoformat()
    except ValueError as error:
        raise typer.BadParameter(f"{as_of!r} is not a date as YYYY-MM-DD", param_hint="--as-of") from error
    source = SourceInfo(id=source_id or default_source_id(instrument, day), title=source_title, url=source_url,
                        as_of=day, publisher=publisher or UNTC_PUBLISHER, kind=kind,
                        note=note or f"Imported with `nsgraph import-status` from {file.name}.")
    out = Console()
    try:
        db = connect(get_settings())
        try:
            from loaders.status_layouts import layout_option, read_status_table

            table_layout = layout_option(layout, column, date_format)
            table = read_status_table(file, table_layout) if table_layout else None
            prepared = prepare_import(db, instrument, file, source, table)
            _show_then_write(out, diff_tables(prepared, show_confirmed), lambda: check_import(db, prepared),
                             lambda: apply_import(db, prepared), apply)
        finally:
            db.close()
    except NSGraphError as error:
        raise fail(error) from error


@app.command("ingest")
def ingest_command(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False,
                                                help="Statements, INFCIRCs, status tables (text, HTML, PDF, CSV).")],
    apply: Annotated[bool, typer.Option("--apply", help="Write everything; without it only the diff.")] = False,
    show_confirmed: Annotated[bool, typer.Option("--show-confirmed", help="List confirmations too.")] = False,
    instrument: Annotated[str | None, typer.Option("--instrument", help="A status table's instrument id.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="The date a status table shows (YYYY-MM-DD).")] = None,
    source_url: Annotated[str | None, typer.Option("--source-url", help="Where a status table was read.")] = None,
    source_title: Annotated[str | None, typer.Option("--source-title", help="Title of its Source.")] = None,
    layout: Annotated[str | None, typer.Option("--layout", help="nl (Dutch treaty database) or a layout YAML.")] = None,
    column: Annotated[list[str] | None, typer.Option("--column", help="role=Header for a one-off CSV.")] = None,
    date_format: Annotated[str | None, typer.Option("--date-format", help="With --column, e.g. %d.%m.%Y.")] = None,
) -> None:
    """Detect what each file is, show what it would add, confirm or contradict; with --apply write it all
    in one transaction (contradictions recorded as conflicts, never overwrites)."""
    from graph.driver import connect
    from loaders.ingest import TableOptions, apply_ingest, check_ingest, ingest_tables, prepare_ingest
    from loaders.status_layouts import layout_option

    out = Console(width=200)
    try:
        options = TableOptions(instrument, as_of, source_url, source_title, None,
                               layout_option(layout, column, date_format))
        db = connect(get_settings())
        try:
            prepared = prepare_ingest(db, files, options)
            _show_then_write(out, ingest_tables(prepared, show_confirmed), lambda: check_ingest(db, prepared),
                             lambda: apply_ingest(db, prepared), apply)
        finally:
            db.close()
    except NSGraphError as error:
        raise fail(error) from error


@app.command("audit")
def audit_command() -> None:
    """Coverage of every list (known vs stated, with the stated count's source), facts per confidence,
    and the number of recorded conflicts."""
    from cli.tables import confidence_table, coverage_table
    from graph.driver import connect
    from queries.audit import confidence_counts, list_coverage
    from queries.conflicts import list_conflicts

    try:
        db = connect(get_settings())
        try:
            lists = list_coverage(db)
            counts = confidence_counts(db)
            conflicts = list_conflicts(db)
        finally:
            db.close()
    except NSGraphError as error:
        raise fail(error) from error
    out = Console(width=200)
    out.print(coverage_table(lists))
    out.print(confidence_table(counts))
    out.print(f"{len(conflicts)} recorded conflicts (GET /api/v1/conflicts lists them)")


report_app = typer.Typer(help="Readable reports with the sources and caveats behind each figure.",
                         no_args_is_help=True)
app.add_typer(report_app, name="report")


@report_app.command("gaps")
def report_gaps_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="report.md or report.html")],
    group: Annotated[list[str] | None, typer.Option("--group", help="Group id(s); default NSS_2016.")] = None,
    instrument: Annotated[list[str] | None,
                          typer.Option("--instrument", help="Instrument id(s); default A_CPPNM and ICSANT.")] = None,
    as_of: Annotated[datetime.datetime | None, typer.Option(
        "--as-of", formats=["%Y-%m-%d"], help="The day the report is about (ISO date); default: today.")] = None,
) -> None:
    """Write a report of universalization, Amendment, commitment and topic gaps, and adherence and topic trends."""
    from graph.driver import connect
    from viz.report import write_report

    try:
        db = connect(get_settings())
        try:
            written = write_report(db, group or ["NSS_2016"], instrument or ["A_CPPNM", "ICSANT"], output,
                                   as_of=as_of.date() if as_of else None)
        finally:
            db.close()
    except NSGraphError as error:
        raise fail(error) from error
    except ValueError as error:
        console.print(f"[bold red]error:[/] {error}", highlight=False)
        raise typer.Exit(code=2) from error
    typer.echo(f"report written to {written}")


export_app = typer.Typer(help="The graph's facts for other tools and for citation.", no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("dataset")
def export_dataset_command(
    directory: Annotated[Path, typer.Argument(help="The folder to write the data package into.")],
) -> None:
    """Write a Frictionless Data Package (CSV + datapackage.json) and a CITATION.cff, stamped with the graph
    version and today's date; `nsgraph load DIR` reloads it."""
    import datetime

    from cli.dataset import write_dataset
    from graph.driver import connect
    from queries.dataset import dataset_tables

    try:
        db = connect(get_settings())
        try:
            export = dataset_tables(db)
        finally:
            db.close()
    except NSGraphError as error:
        raise fail(error) from error
    written = write_dataset(export, directory, datetime.datetime.now(datetime.UTC).date())
    typer.echo(f"data package {export.version} written to {directory}: {', '.join(p.name for p in written)}")


VIZ_PAGES = ("state", "instrument", "commitment", "node", "overview")


@app.command("viz")
def viz_command(
    page: Annotated[str, typer.Argument(help="state | instrument | commitment | node | overview")],
    node_id: Annotated[str | None, typer.Argument(metavar="ID", help="The node's id (not for overview).")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path("page.html"),
    group_by: Annotated[str, typer.Option("--group-by", help="instrument: region | year | none")] = "region",
    depth: Annotated[int, typer.Option("--depth", min=1, max=3, help="node: steps of neighbourhood")] = 1,
    as_of: Annotated[str | None, typer.Option("--as-of", help="The day the page shows (YYYY-MM-DD); "
                                              "default: today, every fact.")] = None,
) -> None:
    """Write one page as a standalone HTML file that opens offline (vis-network inlined), from the same
    views the API serves, against NEO4J_URI or the running local Neo4j; --as-of draws the graph of that day."""
    import datetime

    from graph.driver import connect
    from queries import views
    from viz.pages import render_view

    if page not in VIZ_PAGES:
        raise typer.BadParameter(f"{page!r} is not one of {', '.join(VIZ_PAGES)}", param_hint="PAGE")
    if (page == "overview") != (node_id is None):
        raise typer.BadParameter("overview takes no ID; every other page needs one", param_hint="ID")
    if group_by not in ("region", "year", "none"):
        raise typer.BadParameter(f"{group_by!r} is not region, year or none", param_hint="--group-by")
    try:
        day = datetime.date.fromisoformat(as_of) if as_of else None
    except ValueError as error:
        raise typer.BadParameter(f"{as_of!r} is not a date as YYYY-MM-DD", param_hint="--as-of") from error
    overview = page == "overview" or node_id is None  # drawn clustered by kind, as the served overview
    try:
        db = connect(get_settings())
        try:
            if overview:
                view = views.overview_view(db, day)
            elif page == "state":
                view = views.state_view(db, node_id, day)
            elif page == "instrument":
                view = views.instrument_view(db, node_id, group_by, day)  # type: ignore[arg-type]
            elif page == "commitment":
                view = views.commitment_view(db, node_id, day)
            else:
                view = views.node_view(db, node_id, depth, day)
        finally:
            db.close()
    except NSGraphError as error:
        raise fail(error) from error
    output.write_text(render_view(view, standalone=True, node_url=lambda _: "", clustered=overview), encoding="utf-8")
    typer.echo(f"{view.title}: {len(view.nodes)} nodes, {len(view.edges)} edges written to {output}")
