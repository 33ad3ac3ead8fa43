"""`nsgraph`: the command line. This module is the composition root: it assembles the commands
that each layer defines (`db` here, `load` in loaders/, `serve` in api/, `viz` in viz/).
"""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graph.errors import NSGraphError
from graph.runtime import LocalNeo4j
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
        running = LocalNeo4j(get_settings(), data_dir).start()
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
    """Say whether the local database runs, where, and which version."""
    running = LocalNeo4j(get_settings(), data_dir).status()
    if running is None:
        typer.echo("Neo4j is not running")
        raise typer.Exit(code=3)
    typer.echo(f"Neo4j {running.version} running at {running.uri} (pid {running.pid}, data in {running.home})")


def main() -> None:
    app()


@app.command("serve")
def serve_command() -> None:
    """Serve the API and pages on API_HOST:API_PORT against NEO4J_URI or the running local Neo4j."""
    from api.cli import serve

    try:
        serve(get_settings())
    except NSGraphError as error:
        raise fail(error) from error


@app.command("run")
def run_command(data_dir: DataDirOption = None) -> None:
    """The main job: start the local Neo4j (unless NEO4J_URI is set), apply the schema, load the
    shipped data and serve the API. Ctrl-C stops the API, and the database if this run started it."""
    from api.cli import serve
    from graph.driver import connect
    from graph.schema import apply_schema
    from loaders.load import load_shipped_data

    settings = get_settings()
    runtime = None if settings.neo4j_uri else LocalNeo4j(settings, data_dir)
    started_here = False
    try:
        uri = settings.neo4j_uri
        if runtime is not None:
            started_here = runtime.status() is None
            running = runtime.start()
            uri = running.uri
            console.print(f"Neo4j {running.version} at {running.uri}")
        db = connect(settings, uri)
        try:
            apply_schema(db)
            load_shipped_data(db, console=console)
        finally:
            db.close()
        serve(settings, uri)
    except NSGraphError as error:
        raise fail(error) from error
    finally:
        if runtime is not None and started_here:
            runtime.stop()
            console.print("Neo4j stopped")


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
        console.print(f"[yellow]unknown names:[/] {', '.join(parsed.unknown_names)}")
        raise typer.Exit(code=2)
