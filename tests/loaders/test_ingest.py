"""`nsgraph ingest` on a statement, an INFCIRC addendum and a Dutch-layout status table: the diff
(add / confirm / contradict) computed from the data files, nothing written without --apply, and an
all-or-nothing write with the document as source of every fact it adds or confirms."""

import csv
import datetime
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from graph.driver import GraphDatabaseClient
from graph.errors import LoadError
from loaders.ingest import FileKind, Ingest, TableOptions, Verdict, apply_ingest, prepare_ingest
from loaders.status_layouts import layout_option
from tests.conftest import REPO_ROOT
from tests.loaders.conftest import graph_dump
from tests.loaders.test_statement_corpus import CORPUS, members

STATEMENT = CORPUS / "sustaining_action_official_forms.txt"
ADDENDUM_SOURCE = "IAEA_INFCIRC869_ADD9"
DUTCH_LETTERS = {"ratification": "R", "acceptance": "A", "approval": "G", "accession": "T"}


@cache
def data_rows(name: str) -> tuple[dict[str, str], ...]:
    with (REPO_ROOT / "data" / name).open(newline="", encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


def addendum(tmp_path: Path) -> tuple[Path, str, str]:
    """An INFCIRC/869 addendum (written for the test) from a State the data already lists as subscriber
    (dated 2014: the addendum's 2016 date contradicts it) and from one it does not list."""
    subscribed = sorted(members("INFCIRC_869", "state"))
    listed = subscribed[0]
    newcomer = next(row["member_id"] for row in data_rows("memberships.csv")
                    if row["member_kind"] == "state" and row["member_id"] not in subscribed)
    names = {row["iso3"]: row["state_name"] for row in data_rows("treaty_actions.csv")}
    path = tmp_path / "infcirc869-add9.txt"
    path.write_text(
        "INFCIRC/869/Add.9\nDate: 2 May 2016\nGeneral Distribution\nOriginal: English\n\n"
        f"Communication dated 28 April 2016 received from the Permanent Missions of {names[listed]} and "
        f"{names[newcomer]} regarding the Joint Statement on Strengthening Nuclear Security Implementation\n\n"
        "1. The Secretariat has received a communication dated 28 April 2016 informing the Agency of the "
        "subscription of these States to the Joint Statement on Strengthening Nuclear Security Implementation.\n",
        encoding="utf-8")
    return path, listed, newcomer


def icsant_parties() -> dict[str, dict[str, str]]:
    """ICSANT signatories that consented with a named kind, from treaty_actions.csv."""
    parties: dict[str, dict[str, str]] = {}
    for row in data_rows("treaty_actions.csv"):
        if row["instrument_id"] == "ICSANT":
            entry = parties.setdefault(row["iso3"], {"name": row["state_name"]})
            entry[row["action"]] = row["date"]
    return {iso3: entry for iso3, entry in sorted(parties.items())
            if "signature" in entry and sum(kind in entry for kind in DUTCH_LETTERS) == 1}


def dutch_table(tmp_path: Path, count: int = 5) -> tuple[Path, list[str]]:
    """The party table of the Dutch treaty database as a saved page, for ICSANT parties of the data;
    the first party's consent date is moved by a day (a contradiction)."""
    chosen = list(icsant_parties().items())[:count]
    rows = []
    for index, (_, entry) in enumerate(chosen):
        kind = next(kind for kind in DUTCH_LETTERS if kind in entry)
        consent = datetime.date.fromisoformat(entry[kind]) + datetime.timedelta(days=1 if index == 0 else 0)
        signed = datetime.date.fromisoformat(entry["signature"])
        rows.append(f"<tr><td>{entry['name']}</td><td>{signed:%d-%m-%Y}</td><td>{consent:%d-%m-%Y}</td>"
                    f"<td>{DUTCH_LETTERS[kind]}</td><td></td><td></td></tr>")
    path = tmp_path / "verdragenbank.html"
    path.write_text("<html><body><h1>Partijen</h1><table><tr><th>Party</th><th>Signature</th><th>Ratification</th>"
                    "<th>Type*</th><th>Entry into force</th><th>Denunciation</th></tr>\n" + "\n".join(rows)
                    + "\n</table></body></html>\n", encoding="utf-8")
    return path, [iso3 for iso3, _ in chosen]


def options() -> TableOptions:
    return TableOptions(instrument="ICSANT", as_of="2025-01-01", source_url="https://example.org/verdragenbank")


def verdicts(ingest: Ingest, file: Path, fact: str) -> dict[tuple[str, str], Verdict]:
    return {(c.start, c.end): c.verdict for c in ingest.changes
            if c.file == str(file) and c.fact == fact and c.verdict is not Verdict.ONLY_IN_GRAPH}


def test_dry_run_shows_the_diff_and_writes_nothing(shipped_db: GraphDatabaseClient, tmp_path: Path) -> None:
    infcirc, listed, newcomer = addendum(tmp_path)
    table, parties = dutch_table(tmp_path)
    before = graph_dump(shipped_db)
    ingest = prepare_ingest(shipped_db, [STATEMENT, infcirc, table], options())
    assert ingest.files == [(str(STATEMENT), FileKind.STATEMENT), (str(infcirc), FileKind.INFCIRC),
                            (str(table), FileKind.STATUS_TABLE)]
    subscribed = members("JS2016_SUSTAINING_ACTION", "state") | members("JS2016_SUSTAINING_ACTION", "organization")
    statement = verdicts(ingest, STATEMENT, "SUBSCRIBED_TO")
    assert statement == {(member, "JS2016_SUSTAINING_ACTION"): Verdict.CONFIRM for member in subscribed}
    assert verdicts(ingest, infcirc, "SUBSCRIBED_TO") == {(listed, "INFCIRC_869"): Verdict.CONTRADICT,
                                                         (newcomer, "INFCIRC_869"): Verdict.ADD}
    assert verdicts(ingest, infcirc, "CIRCULATED_AS") == {("JS2014_IMPLEMENTATION", "INFCIRC_869"): Verdict.CONFIRM}
    consents = verdicts(ingest, table, "PARTY_TO")
    assert consents == {(iso3, "ICSANT"): Verdict.CONTRADICT if iso3 == parties[0] else Verdict.CONFIRM
                        for iso3 in parties}
    assert set(verdicts(ingest, table, "SIGNED").values()) == {Verdict.CONFIRM}
    assert graph_dump(shipped_db) == before


def test_apply_writes_everything_citing_the_documents(shipped_db: GraphDatabaseClient, tmp_path: Path) -> None:
    infcirc, listed, newcomer = addendum(tmp_path)
    table, parties = dutch_table(tmp_path)
    apply_ingest(shipped_db, prepare_ingest(shipped_db, [STATEMENT, infcirc, table], options()))
    rows = shipped_db.read(
        "MATCH (s:Entity)-[r:SUBSCRIBED_TO]->(:Entity {id: 'INFCIRC_869'}) WHERE s.id IN $ids "
        "RETURN s.id AS id, properties(r) AS props", {"ids": [listed, newcomer]})
    props = {row["id"]: row["props"] for row in rows}
    assert props[newcomer]["sources"] == [ADDENDUM_SOURCE]
    assert props[newcomer]["date"] == "2016-04-28"
    assert props[listed]["date"] == "2014"  # the graph's value stays
    assert ADDENDUM_SOURCE not in props[listed]["sources"]
    assert (props[listed]["conflict_fields"], props[listed]["conflict_values"], props[listed]["conflict_sources"]) \
        == (["date"], ["2016-04-28"], [ADDENDUM_SOURCE])
    cited = shipped_db.read("MATCH (:Entity)-[r:SUBSCRIBED_TO]->(:Entity {id: 'JS2016_SUSTAINING_ACTION'}) "
                            "RETURN r.sources AS sources")
    assert len(cited) == 41
    assert all(any(source.startswith("STATEMENT_") for source in row["sources"]) for row in cited)
    moved = shipped_db.read("MATCH (:Entity {id: $id})-[r:PARTY_TO]->(:Entity {id: 'ICSANT'}) "
                            "RETURN r.conflict_fields AS fields", {"id": parties[0]})
    assert moved[0]["fields"] == ["since"]

    again = prepare_ingest(shipped_db, [STATEMENT, infcirc, table], options())
    assert verdicts(again, infcirc, "SUBSCRIBED_TO")[newcomer, "INFCIRC_869"] is Verdict.CONFIRM
    contradiction = next(c for c in again.changes if c.start == listed and c.end == "INFCIRC_869")
    assert contradiction.already_recorded
    dump = graph_dump(shipped_db)
    apply_ingest(shipped_db, again)
    assert graph_dump(shipped_db) == dump  # ingesting twice = same graph


def test_a_file_with_an_unknown_name_writes_nothing(shipped_db: GraphDatabaseClient, tmp_path: Path) -> None:
    infcirc, _, _ = addendum(tmp_path)
    unknown = tmp_path / "freedonia.txt"
    unknown.write_text("Joint Statement by Freedonia and Japan on Sources\nApril 1, 2016\n", encoding="utf-8")
    before = graph_dump(shipped_db)
    with pytest.raises(LoadError, match="Freedonia") as raised:
        prepare_ingest(shipped_db, [infcirc, STATEMENT, unknown], options())
    assert str(unknown) in str(raised.value)
    assert graph_dump(shipped_db) == before


def test_generic_csv_with_a_column_mapping(shipped_db: GraphDatabaseClient, tmp_path: Path) -> None:
    parties = list(icsant_parties().items())[:3]
    path = tmp_path / "export.csv"
    path.write_text("Country;Signed;Bound\n" + "".join(
        f"{entry['name']};{entry['signature']};{next(entry[k] for k in DUTCH_LETTERS if k in entry)}\n"
        for _, entry in parties), encoding="utf-8")
    layout = layout_option(None, ["participant=Country", "signature=Signed", "consent=Bound"])
    ingest = prepare_ingest(shipped_db, [path], TableOptions(instrument="ICSANT", as_of="2025-01-01",
                                                             layout=layout))
    assert ingest.files == [(str(path), FileKind.STATUS_TABLE)]
    assert set(verdicts(ingest, path, "SIGNED")) == {(iso3, "ICSANT") for iso3, _ in parties}
    assert set(verdicts(ingest, path, "PARTY_TO").values()) == {Verdict.CONFIRM}


def test_cli_dry_run_and_unknown_name(shipped_db: GraphDatabaseClient, cli: CliRunner, tmp_path: Path) -> None:
    infcirc, _, _ = addendum(tmp_path)
    before = graph_dump(shipped_db)
    result = cli.invoke(app, ["ingest", str(STATEMENT), str(infcirc)])
    assert result.exit_code == 0, result.output
    assert "dry run: nothing written" in result.output
    assert "contradict" in result.output
    assert graph_dump(shipped_db) == before
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really\n")
    result = cli.invoke(app, ["ingest", str(infcirc), str(broken), "--apply"])
    assert result.exit_code == 1
    assert "not a readable PDF" in " ".join(result.output.split()) and "Traceback" not in result.output  # rich wraps
    assert graph_dump(shipped_db) == before
