"""`nsgraph` through typer's CliRunner against the session's real Neo4j (NEO4J_URI points at it)."""

import csv
import json
import re
from pathlib import Path

from typer.testing import CliRunner, Result

from cli.app import app
from graph.driver import GraphDatabaseClient
from tests.conftest import needs_shared, wipe
from tests.loaders.conftest import DATA_DIR, SEED, copy_dataset, graph_dump, replace_in_line

TABLE_ROW = re.compile(r"^\W*([A-Za-z_]+)\W+(\d+)(?:\W+(\d+)\W+(\d+))?\W*$")


def invoke(cli: CliRunner, *args: str) -> Result:
    return cli.invoke(app, list(args))


def squashed(text: str) -> str:
    """Without whitespace: the console wraps long messages (and paths) at its width."""
    return "".join(text.split())


def table(output: str) -> dict[str, list[int]]:
    """The summary table's rows: label or type -> its numbers."""
    rows: dict[str, list[int]] = {}
    for line in output.splitlines():
        if match := TABLE_ROW.match(line):
            rows[match.group(1)] = [int(n) for n in match.groups()[1:] if n is not None]
    return rows


def graph_counts(db: GraphDatabaseClient) -> dict[str, int]:
    nodes = db.read("MATCH (n) UNWIND labels(n) AS label WITH label WHERE NOT label IN ['Entity', 'GraphVersion'] "
                    "RETURN label AS name, count(*) AS n")
    rels = db.read("MATCH ()-[r]->() RETURN type(r) AS name, count(*) AS n")
    return {row["name"]: row["n"] for row in [*nodes, *rels]}


def source_rows() -> int:
    with (DATA_DIR / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return len(list(csv.DictReader(handle)))


def test_load_dry_run_prints_the_planned_table_and_writes_nothing(cli: CliRunner,
                                                                  empty_db: GraphDatabaseClient) -> None:
    result = invoke(cli, "load", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "dry run: nothing written" in result.output
    assert "planned" in result.output
    rows = table(result.stdout)
    assert rows["Source"] == [source_rows()]
    assert {"State", "LegalInstrument", "PARTY_TO", "SIGNED", "SUBSCRIBED_TO"} <= set(rows)
    assert empty_db.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_load_prints_created_then_unchanged_counts(cli: CliRunner, empty_db: GraphDatabaseClient) -> None:
    first = invoke(cli, "load")
    assert first.exit_code == 0, first.output
    assert "load summary" in first.output
    counts = graph_counts(empty_db)
    assert counts["Source"] == source_rows()
    assert table(first.stdout) == {name: [n, 0, 0] for name, n in counts.items()}  # created, updated, unchanged

    second = invoke(cli, "load")
    assert second.exit_code == 0, second.output
    assert table(second.stdout) == {name: [0, 0, n] for name, n in counts.items()}
    assert graph_counts(empty_db) == counts


def test_load_of_a_bad_row_exits_1_naming_file_and_line(cli: CliRunner, db: GraphDatabaseClient,
                                                        tmp_path: Path) -> None:
    data = copy_dataset(tmp_path / "data")
    line = replace_in_line(data / "treaty_actions.csv", "CPPNM,AFG,Afghanistan,accession,", "2003-09-12",
                           "2003-13-12")
    wipe(db)
    before = graph_dump(db)
    result = invoke(cli, "load", str(data))
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "error:" in result.output
    assert squashed(f"{data / 'treaty_actions.csv'}, line {line}") in squashed(result.output)
    assert "Traceback" not in result.output
    assert graph_dump(db) == before


@needs_shared(SEED)
def test_parse_statement_json_lists_39_states(cli: CliRunner) -> None:
    result = invoke(cli, "parse-statement", str(SEED), "--json")
    assert result.exit_code == 0, result.output
    parsed = json.loads(result.stdout)
    assert len(parsed["states"]) == len(set(parsed["states"])) == 39
    assert {"ARG", "VNM", "USA", "KOR"} <= set(parsed["states"])
    assert sorted(parsed["organizations"]) == ["INTERPOL", "UN"]
    assert parsed["unknown_names"] == []


@needs_shared(SEED)
def test_parse_statement_with_an_unknown_country_exits_2_naming_it(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "freedonia.txt"
    path.write_text(SEED.read_text(encoding="utf-8").replace("Argentina, Armenia,", "Argentina, Freedonia, Armenia,"),
                    encoding="utf-8")
    result = invoke(cli, "parse-statement", str(path))
    assert result.exit_code == 2, result.output
    assert "Freedonia" in result.output
    assert "Traceback" not in result.output


def test_db_status_of_an_empty_data_dir_exits_3(cli: CliRunner, tmp_path: Path) -> None:
    result = invoke(cli, "db", "status", "--data-dir", str(tmp_path))
    assert result.exit_code == 3, result.output
    assert "not running" in result.output
