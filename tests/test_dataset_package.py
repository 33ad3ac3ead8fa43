"""`nsgraph export dataset`: a Frictionless Data Package that validates and reloads to the same graph."""

import csv
import datetime
import json
from pathlib import Path

import pytest
import yaml
from frictionless import validate
from typer.testing import CliRunner

from cli.app import app
from graph.driver import GraphDatabaseClient
from loaders.dataset import SHIPPED_DATA_DIR, plan_dataset
from queries.dataset import graph_version
from queries.readonly import to_json
from queries.registry import read
from tests.conftest import wipe


def canonical_dump(db: GraphDatabaseClient) -> tuple[list[str], list[str]]:
    """Every node's labels and properties and every relationship's type, ends and properties, sorted."""
    dump = to_json(read(db, "audit/fingerprint")[0])
    return (sorted(json.dumps(node, sort_keys=True) for node in dump["nodes"]),
            sorted(json.dumps(rel, sort_keys=True) for rel in dump["relationships"]))


def export(cli: CliRunner, directory: Path) -> None:
    result = cli.invoke(app, ["export", "dataset", str(directory)])
    assert result.exit_code == 0, result.output


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_package_validates_and_holds_every_fact(loaded_db: GraphDatabaseClient, cli: CliRunner,
                                                    tmp_path: Path) -> None:
    export(cli, tmp_path)
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])

    plan = plan_dataset(SHIPPED_DATA_DIR)
    nodes = csv_rows(tmp_path / "nodes.csv")
    relationships = csv_rows(tmp_path / "relationships.csv")
    sources = csv_rows(tmp_path / "sources.csv")
    assert {row["id"] for row in nodes} == set(plan.nodes)
    assert {row["id"] for row in sources} == set(plan.sources)
    assert {(row["type"], row["start"], row["end"]) for row in relationships} == {
        (str(rel), start, end) for rel, start, end in plan.relationships}
    planned = next(iter(plan.relationships.values()))
    row = next(r for r in relationships if (r["type"], r["start"], r["end"]) == (planned.type, planned.start,
                                                                                planned.end))
    assert row["sources"].split(";") == planned.props["sources"]

    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    version = graph_version(loaded_db)
    assert descriptor["version"] == version
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert len(descriptor["sources"]) == len(plan.sources)
    schemas = {resource["name"]: resource["schema"] for resource in descriptor["resources"]}
    assert schemas["relationships"]["primaryKey"] == ["type", "start", "end"]
    assert {fk["fields"][0] for fk in schemas["relationships"]["foreignKeys"]} == {"start", "end"}

    citation = yaml.safe_load((tmp_path / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["version"] == version
    assert citation["date-released"] == datetime.datetime.now(datetime.UTC).date()
    assert citation["license"] == "CC-BY-4.0"
    assert citation["authors"] and citation["title"] and citation["message"]


def test_the_package_reloads_into_an_empty_database_to_the_same_graph(loaded_db: GraphDatabaseClient,
                                                                      cli: CliRunner, tmp_path: Path) -> None:
    export(cli, tmp_path)
    before, version = canonical_dump(loaded_db), graph_version(loaded_db)
    wipe(loaded_db)
    result = cli.invoke(app, ["load", str(tmp_path)])
    assert result.exit_code == 0, result.output
    after = canonical_dump(loaded_db)
    assert len(after[0]) == len(before[0]) and len(after[1]) == len(before[1])
    assert after == before
    assert graph_version(loaded_db) == version
    reload = cli.invoke(app, ["load", str(tmp_path)])  # loading twice gives the same graph
    assert reload.exit_code == 0, reload.output
    assert canonical_dump(loaded_db) == before


@pytest.mark.parametrize(("column", "bad", "message"), [
    ("end", "NO_SUCH_NODE", "unknown id 'NO_SUCH_NODE'"),
    ("sources", "NO_SUCH_SOURCE", "unknown source id 'NO_SUCH_SOURCE'"),
    ("type", "LIKES", "not a relationship type"),
])
def test_a_bad_row_names_file_line_and_field_and_writes_nothing(loaded_db: GraphDatabaseClient, cli: CliRunner,
                                                                tmp_path: Path, column: str, bad: str,
                                                                message: str) -> None:
    export(cli, tmp_path)
    path = tmp_path / "relationships.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    rows = csv_rows(path)
    rows[-1][column] = bad
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(lines)
    wipe(loaded_db)
    result = cli.invoke(app, ["load", str(tmp_path)])
    assert result.exit_code == 1
    flat = " ".join(result.output.split())
    assert "relationships.csv" in flat and message in flat
    assert f"line {len(lines)}" in flat and column in flat
    assert canonical_dump(loaded_db) == ([], [])


def test_a_value_no_cell_can_carry_stops_the_export(loaded_db: GraphDatabaseClient, cli: CliRunner,
                                                    tmp_path: Path) -> None:
    plan = plan_dataset(SHIPPED_DATA_DIR)
    node_id = next(node_id for node_id, node in plan.nodes.items() if node.props.get("aliases"))
    aliases = loaded_db.read("MATCH (n:Entity {id: $id}) RETURN n.aliases AS aliases", {"id": node_id})[0]["aliases"]
    loaded_db.write("MATCH (n:Entity {id: $id}) SET n.aliases = n.aliases + ['one; two']", {"id": node_id})
    try:
        result = cli.invoke(app, ["export", "dataset", str(tmp_path / "package")])
    finally:
        loaded_db.write("MATCH (n:Entity {id: $id}) SET n.aliases = $aliases", {"id": node_id, "aliases": aliases})
    assert result.exit_code == 1
    assert f"nodes {node_id}: aliases holds 'one; two'" in " ".join(result.output.split())
    assert not (tmp_path / "package").exists()
