"""Importing depositary status tables on the real Neo4j: the diff, the all-or-nothing write, conflicts.

The graph holds the shipped States and sources and the ICSANT node but no ICSANT fact, so the 2013
snapshot must bring every party and signatory of that table. Expected values come from the CSV read
with plain `csv`, not through the parser under test.
"""

import copy
import csv
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli.app import app
from graph.driver import GraphDatabaseClient
from graph.errors import LoadError
from graph.model import Label
from loaders.dataset import SHIPPED_DATA_DIR, plan_dataset
from loaders.plan import GraphPlan
from loaders.status_import import (
    ChangeKind,
    ImportRefused,
    SourceInfo,
    StatusImport,
    apply_import,
    prepare_import,
)
from loaders.writer import write_plan
from queries.conflicts import list_conflicts
from queries.registry import read
from tests.conftest import SHARED_DIR, needs_shared, wipe

RAW_DIR = SHARED_DIR / "data" / "raw"
SNAPSHOT_2013 = RAW_DIR / "untc_icsant_status_2013-06-06.csv"
SNAPSHOT_2014 = RAW_DIR / "untc_icsant_status_2014-07-10.csv"
MONTHS = {name: number for number, name in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)}
CONSENT_MARKS = {"": "ratification", "a": "accession", "A": "acceptance", "AA": "approval", "d": "succession"}
SOURCE_2013 = SourceInfo(id="TEST_UNTC_ICSANT_2013", title="ICSANT status table, scraped 2013", as_of="2013-06-06",
                         url="https://example.org/icsant-2013.csv")
SOURCE_2014 = SourceInfo(id="TEST_UNTC_ICSANT_2014", title="ICSANT status table, scraped 2014", as_of="2014-07-10",
                         url="https://example.org/icsant-2014.csv")


# --- expected values, the plain way ----------------------------------------------------------------


def _cell(text: str) -> tuple[str | None, str]:
    """'29 Dec 2005 a' -> ('2005-12-29', 'a'); '' -> (None, '')."""
    if not text.strip():
        return None, ""
    day, month, year, *mark = text.split()
    return date(int(year), MONTHS[month], int(day)).isoformat(), "".join(mark)


def expected_from_csv(path: Path) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """(participant -> signature date, participant -> (consent date, kind)), straight from the file."""
    signed: dict[str, str] = {}
    consented: dict[str, tuple[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for name, signature, consent in reader:
            name = re.sub(r"\s*\d[\d,\s]*$", "", name).strip()
            signature_date, _ = _cell(signature)
            consent_date, mark = _cell(consent)
            if signature_date:
                signed[name] = signature_date
            if consent_date:
                consented[name] = (consent_date, CONSENT_MARKS[mark])
    return signed, consented


# --- the graph -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def minimal_plan() -> GraphPlan:
    """The shipped data's States, sources and the ICSANT node (with its stated counts): no facts."""
    plan = plan_dataset(SHIPPED_DATA_DIR)
    plan.nodes = {key: node for key, node in plan.nodes.items() if node.label is Label.STATE or key == "ICSANT"}
    plan.relationships = {}
    plan.cited = []
    return plan


@pytest.fixture
def no_icsant_db(db: GraphDatabaseClient, minimal_plan: GraphPlan) -> Iterator[GraphDatabaseClient]:
    """A graph without any ICSANT fact; wiped afterwards so that the `loaded_db` fixture of later
    tests reloads the shipped data."""
    wipe(db)
    write_plan(db, copy.deepcopy(minimal_plan))
    yield db
    wipe(db)


def facts(db: GraphDatabaseClient) -> dict[tuple[str, str], dict[str, Any]]:
    """ICSANT's facts keyed by (type, name in source)."""
    graph = read(db, "status/facts", instrument="ICSANT", ids=[], source_id="NONE")[0]
    return {(fact["type"], fact["name_in_source"]): fact for fact in graph["facts"]}


def fact_of(db: GraphDatabaseClient, rel: str, state: str) -> dict[str, Any]:
    graph = read(db, "status/facts", instrument="ICSANT", ids=[], source_id="NONE")[0]
    return next(fact for fact in graph["facts"] if fact["type"] == rel and fact["state"] == state)


def dump(db: GraphDatabaseClient) -> dict[str, Any]:
    return read(db, "audit/fingerprint")[0]


def imported(db: GraphDatabaseClient, path: Path, source: SourceInfo) -> StatusImport:
    prepared = prepare_import(db, "ICSANT", path, source)
    apply_import(db, prepared)
    return prepared


def altered_copy(tmp_path: Path, replacements: dict[str, str], name: str = "altered.csv") -> Path:
    """The 2013 snapshot with some whole lines replaced (key: the line's start, value: the new line)."""
    lines = SNAPSHOT_2013.read_text(encoding="utf-8").splitlines()
    for start, new in replacements.items():
        index = next(i for i, line in enumerate(lines) if line.startswith(start))
        lines[index] = new
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- tests -----------------------------------------------------------------------------------------


@needs_shared(SNAPSHOT_2013, SNAPSHOT_2014)
def test_2013_snapshot_brings_back_every_party_and_signatory(no_icsant_db: GraphDatabaseClient) -> None:
    prepared = imported(no_icsant_db, SNAPSHOT_2013, SOURCE_2013)
    signed, consented = expected_from_csv(SNAPSHOT_2013)
    assert prepared.counts()[ChangeKind.NEW_SIGNATORY] == len(signed) == 115
    assert prepared.counts()[ChangeKind.NEW_PARTY] == len(consented) == 86
    assert not prepared.disagreements

    graph = facts(no_icsant_db)
    assert {name: fact["date"] for (rel, name), fact in graph.items() if rel == "SIGNED"} == signed
    assert {name: (fact["since"], fact["via"]) for (rel, name), fact in graph.items() if rel == "PARTY_TO"} == consented
    assert all(fact["sources"] == [SOURCE_2013.id] for fact in graph.values())
    source = read(no_icsant_db, "sources/get", id=SOURCE_2013.id)[0]["source"]
    assert source["as_of"] == "2013-06-06" and source["kind"] == "depositary"


@needs_shared(SNAPSHOT_2013, SNAPSHOT_2014)
def test_2014_snapshot_adds_exactly_france_and_kuwait(no_icsant_db: GraphDatabaseClient) -> None:
    imported(no_icsant_db, SNAPSHOT_2013, SOURCE_2013)
    prepared = prepare_import(no_icsant_db, "ICSANT", SNAPSHOT_2014, SOURCE_2014)

    assert prepared.states_of(ChangeKind.NEW_PARTY) == {"FRA", "KWT"}
    new = prepared.of_kind(ChangeKind.NEW_PARTY, ChangeKind.NEW_SIGNATORY, ChangeKind.FILLED,
                           ChangeKind.CHANGED_DATE, ChangeKind.CHANGED_KIND, ChangeKind.ONLY_IN_GRAPH)
    assert {(c.kind, c.state, c.table_value) for c in new} == {
        (ChangeKind.NEW_PARTY, "FRA", "2013-09-11"), (ChangeKind.NEW_PARTY, "KWT", "2013-09-05")}
    assert prepared.counts()[ChangeKind.CONFIRMED] == 115 + 86

    apply_import(no_icsant_db, prepared)
    assert fact_of(no_icsant_db, "PARTY_TO", "FRA")["sources"] == [SOURCE_2014.id]
    assert fact_of(no_icsant_db, "PARTY_TO", "AUT")["sources"] == [SOURCE_2013.id, SOURCE_2014.id]
    assert fact_of(no_icsant_db, "SIGNED", "FRA")["sources"] == [SOURCE_2013.id, SOURCE_2014.id]


@needs_shared(SNAPSHOT_2013, SNAPSHOT_2014)
def test_a_changed_date_and_kind_keep_both_values_with_both_sources(no_icsant_db: GraphDatabaseClient,
                                                                      tmp_path: Path) -> None:
    imported(no_icsant_db, SNAPSHOT_2013, SOURCE_2013)
    altered = altered_copy(tmp_path, {"Austria,": "Austria,15 Sep 2005,15 Sep 2006",
                                      "Algeria,": "Algeria,,3 Mar 2011"})
    other = SourceInfo(id="TEST_ALTERED", title="An altered copy", url=None, as_of="2013-06-06")
    prepared = imported(no_icsant_db, altered, other)

    assert {(c.kind, c.state, c.field, c.graph_value, c.table_value) for c in prepared.disagreements} == {
        (ChangeKind.CHANGED_DATE, "AUT", "since", "2006-09-14", "2006-09-15"),
        (ChangeKind.CHANGED_KIND, "DZA", "via", "accession", "ratification")}
    austria = fact_of(no_icsant_db, "PARTY_TO", "AUT")
    assert austria["since"] == "2006-09-14" and austria["sources"] == [SOURCE_2013.id]
    assert (austria["conflict_fields"], austria["conflict_values"], austria["conflict_sources"]) == (
        ["since"], ["2006-09-15"], ["TEST_ALTERED"])
    assert fact_of(no_icsant_db, "SIGNED", "AUT")["sources"] == [SOURCE_2013.id, "TEST_ALTERED"]

    recorded = {(c.subject["id"], c.field, c.kept_value, tuple(c.kept_sources), c.other_value,
                 tuple(c.other_sources), c.origin) for c in list_conflicts(no_icsant_db, instrument="ICSANT")}
    assert recorded == {
        ("AUT", "since", "2006-09-14", (SOURCE_2013.id,), "2006-09-15", ("TEST_ALTERED",), "import"),
        ("DZA", "via", "accession", (SOURCE_2013.id,), "ratification", ("TEST_ALTERED",), "import"),
    }

    again = imported(no_icsant_db, altered, other)  # a repeat records nothing twice
    assert all(change.already_recorded for change in again.disagreements)
    assert fact_of(no_icsant_db, "PARTY_TO", "AUT")["conflict_values"] == ["2006-09-15"]


@needs_shared(SNAPSHOT_2013, SNAPSHOT_2014)
def test_an_unknown_name_stops_the_import_and_writes_nothing(no_icsant_db: GraphDatabaseClient,
                                                             tmp_path: Path) -> None:
    imported(no_icsant_db, SNAPSHOT_2013, SOURCE_2013)
    bad = altered_copy(tmp_path, {"France,": "Atlantis,14 Sep 2005,11 Sep 2013",
                                  "Kuwait,": "Lilliput,16 Sep 2005,5 Sep 2013"})
    before = dump(no_icsant_db)
    with pytest.raises(ImportRefused) as refused:
        prepare_import(no_icsant_db, "ICSANT", bad, SOURCE_2014)
    assert isinstance(refused.value, LoadError)
    assert "'Atlantis'" in str(refused.value) and "'Lilliput'" in str(refused.value)
    assert "line 45" in str(refused.value) and "line 68" in str(refused.value)
    assert dump(no_icsant_db) == before


@needs_shared(SNAPSHOT_2013, SNAPSHOT_2014)
def test_a_clashing_source_id_is_refused(no_icsant_db: GraphDatabaseClient) -> None:
    clash = SourceInfo(id="UNTC_ICSANT_STATUS_2025", title="Something else", url=None, as_of="2014-07-10")
    with pytest.raises(ImportRefused, match="already exists"):
        prepare_import(no_icsant_db, "ICSANT", SNAPSHOT_2014, clash)


def cli_args(path: Path, source_id: str, *extra: str) -> list[str]:
    return ["import-status", "ICSANT", str(path), "--source-title", "ICSANT status table",
            "--source-url", "https://example.org/t.csv", "--as-of", "2014-07-10", "--source-id", source_id, *extra]


@needs_shared(SNAPSHOT_2013, SNAPSHOT_2014)
def test_cli_dry_run_prints_the_diff_and_writes_nothing(no_icsant_db: GraphDatabaseClient,
                                                        cli: CliRunner) -> None:
    imported(no_icsant_db, SNAPSHOT_2013, SOURCE_2013)
    before = dump(no_icsant_db)
    result = cli.invoke(app, cli_args(SNAPSHOT_2014, "TEST_CLI_2014"))
    assert result.exit_code == 0, result.output
    assert "new party" in result.output and "France" in result.output and "Kuwait" in result.output
    assert "nothing written" in result.output
    assert dump(no_icsant_db) == before


@needs_shared(SNAPSHOT_2013, SNAPSHOT_2014)
def test_cli_apply_writes_and_unknown_names_fail(no_icsant_db: GraphDatabaseClient, cli: CliRunner,
                                                 tmp_path: Path) -> None:
    imported(no_icsant_db, SNAPSHOT_2013, SOURCE_2013)
    bad = altered_copy(tmp_path, {"France,": "Atlantis,14 Sep 2005,11 Sep 2013"})
    before = dump(no_icsant_db)
    refused = cli.invoke(app, cli_args(bad, "TEST_CLI_BAD", "--apply"))
    assert refused.exit_code == 1
    assert "Atlantis" in refused.output
    assert dump(no_icsant_db) == before

    result = cli.invoke(app, cli_args(SNAPSHOT_2014, "TEST_CLI_2014", "--apply"))
    assert result.exit_code == 0, result.output
    assert fact_of(no_icsant_db, "PARTY_TO", "KWT")["sources"] == ["TEST_CLI_2014"]
    assert read(no_icsant_db, "sources/get", id="TEST_CLI_2014")[0]["source"]["url"] == "https://example.org/t.csv"
