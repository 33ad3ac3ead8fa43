"""`/conflicts`, `/sources`, `/audit` and `nsgraph audit` on the shipped data (real Neo4j)."""

import csv
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cli.app import app
from graph.driver import GraphDatabaseClient
from graph.model import Rel
from loaders.dataset import SHIPPED_DATA_DIR, plan_dataset
from loaders.writer import write_plan
from queries.conflicts import list_conflicts, parse_conflict_note
from tests.api import (
    API,
    DATA_DIR,
    OBSERVER_STATES,
    consenting,
    coverage,
    group_members,
    is_problem,
    memberships,
    signing,
    sources,
    stated,
    treaty_actions,
    un_region,
)
from tests.conftest import wipe


def conflicts(client: TestClient, **params: str) -> list[dict[str, Any]]:
    response = client.get(f"{API}/conflicts", params=params)
    assert response.status_code == 200, response.text
    return response.json()["data"]  # type: ignore[no-any-return]


def one(rows: list[dict[str, Any]], state: str, field: str) -> dict[str, Any]:
    [row] = [row for row in rows if row["subject"]["id"] == state and row["field"] == field]
    return row


def test_bulgaria_cppnm_consent_date_conflict(client: TestClient) -> None:
    row = one(conflicts(client, instrument="CPPNM", state="BGR"), "BGR", "since")
    assert row["type"] == "PARTY_TO" and row["origin"] == "curated_note"
    assert row["kept"]["value"] == "1984-04-10"
    assert {"IAEA_INFCIRC274_ADD5", "NL_TRB_2016_60", "WIKI_CPPNM_2018"} <= set(row["kept"]["sources"])
    assert row["other"] == {"value": "1984-05-02", "sources": ["NSSPI_CPPNM_EIF21"]}


def test_angola_cppnm_consent_kind_conflict(client: TestClient) -> None:
    row = one(conflicts(client, instrument="CPPNM"), "AGO", "via")
    assert row["kept"]["value"] == "accession" and "IAEA_NEWS_2020_AGO_CIV" in row["kept"]["sources"]
    assert row["other"] == {"value": "ratification", "sources": ["NTIINDEX_TRACKER_2020_12"]}


def test_jordan_and_nicaragua_conflicts(client: TestClient) -> None:
    jordan = one(conflicts(client, state="jor"), "JOR", "date")
    assert (jordan["object"]["id"], jordan["kept"]["value"], jordan["other"]) == (
        "ICSANT", "2005-11-16", {"value": "2006", "sources": ["CNS_NAM_JORDAN"]})
    nicaragua = one(conflicts(client, instrument="A_CPPNM"), "NIC", "via")
    assert nicaragua["kept"]["value"] == "acceptance"
    assert nicaragua["other"] == {"value": "ratification", "sources": ["EXMON_2016_ACPPNM", "IVN_2016_ACPPNM_102"]}


def test_belarus_cppnm_entry_into_force_conflict(client: TestClient) -> None:
    # The Belarus note sits on the entry-into-force row; the loader keeps it as entry_into_force_note.
    row = one(conflicts(client, instrument="CPPNM", state="BLR"), "BLR", "entry_into_force")
    assert row["kept"] == {"value": "1993-06-14", "sources": ["IAEA_INFCIRC274_ADD5"]}
    assert row["other"] == {"value": "1991-08-25", "sources": ["NL_TRB_2016_60"]}


def test_an_entry_into_force_note_is_read_once_stored(db: GraphDatabaseClient) -> None:
    """The read side is ready for the loader to keep the entry-into-force row's note."""
    plan = plan_dataset(SHIPPED_DATA_DIR)
    belarus = plan.relationships[(Rel.PARTY_TO, "BLR", "CPPNM")]
    belarus.props["entry_into_force_note"] = next(
        row["note"] for row in treaty_actions() if row["instrument_id"] == "CPPNM"
        and row["iso3"] == "BLR" and row["action"] == "entry_into_force")
    wipe(db)
    try:
        write_plan(db, plan)
        [row] = [c for c in list_conflicts(db, instrument="CPPNM", state="BLR")]
        assert (row.field, row.kept_value, row.kept_sources, row.other_value, row.other_sources) == (
            "entry_into_force", "1993-06-14", ["IAEA_INFCIRC274_ADD5"], "1991-08-25", ["NL_TRB_2016_60"])
    finally:
        wipe(db)


def test_the_belarus_note_parses() -> None:
    note = next(row["note"] for row in treaty_actions() if row["instrument_id"] == "CPPNM"
                and row["iso3"] == "BLR" and row["action"] == "entry_into_force")
    [parsed] = parse_conflict_note(note, "PARTY_TO", {"entry_into_force": "1993-06-14"})
    assert (parsed.field, parsed.value, parsed.sources) == ("entry_into_force", "1991-08-25", ["NL_TRB_2016_60"])


def test_every_flagged_note_in_the_graph_is_listed(client: TestClient) -> None:
    flagged = set()
    for file_name, end_key, start_key in (("treaty_actions.csv", "instrument_id", "iso3"),
                                          ("memberships.csv", "group_id", "member_id")):
        with (DATA_DIR / file_name).open(encoding="utf-8", newline="") as handle:
            flagged |= {(row[start_key] or row.get("state_name", ""), row[end_key]) for row in csv.DictReader(handle)
                        if "CONFLICT" in (row["note"] or "") and row.get("action") != "entry_into_force"}
    listed = {(row["subject"]["id"], row["object"]["id"]) for row in conflicts(client)}
    assert flagged and flagged <= listed
    assert all(row["other"]["sources"] and row["kept"]["sources"] for row in conflicts(client))


def test_conflict_filters(client: TestClient) -> None:
    assert {row["object"]["id"] for row in conflicts(client, instrument="CPPNM")} == {"CPPNM"}
    assert conflicts(client, group="CPPNM") == []
    assert conflicts(client, state="ZZZ") == []
    page = client.get(f"{API}/conflicts", params={"limit": 1}).json()
    assert page["count"] == 1 and page["total"] >= 4


def test_a_source_resolves(client: TestClient) -> None:
    response = client.get(f"{API}/sources/UNTC_ICSANT_STATUS_2025")
    assert response.status_code == 200, response.text
    source = response.json()
    assert source["as_of"] == "2025-05-16" and source["kind"] == "depositary"
    assert source["publisher"].startswith("United Nations") and source["url"].startswith("https://treaties.un.org")
    assert source["cited_by"] >= 1


def test_an_unknown_source_is_a_404_with_suggestions(client: TestClient) -> None:
    response = client.get(f"{API}/sources/UNTC_ICSANT_STATUS_2052")
    assert is_problem(response, 404)
    assert "UNTC_ICSANT_STATUS_2025" in response.json()["suggestions"]


def test_sources_are_paged(client: TestClient) -> None:
    with (DATA_DIR / "sources.csv").open(encoding="utf-8", newline="") as handle:
        shipped = sorted(row["source_id"] for row in csv.DictReader(handle))
    first = client.get(f"{API}/sources", params={"limit": 10}).json()
    second = client.get(f"{API}/sources", params={"limit": 10, "offset": 10}).json()
    assert first["total"] >= len(shipped)
    assert [row["id"] for row in first["data"] + second["data"]] == sorted(
        row["id"] for row in client.get(f"{API}/sources", params={"limit": 1000}).json()["data"])[:20]


def test_audit_shows_icsant_parties_known_vs_stated(client: TestClient) -> None:
    response = client.get(f"{API}/audit")
    assert response.status_code == 200, response.text
    report = response.json()
    lists = {(entry["of"]["id"], entry["list"]): entry for entry in report["lists"]}
    parties = lists[("ICSANT", "parties")]
    assert parties["stated"] == stated("ICSANT", "parties") == 127
    assert parties["known"] == len(consenting("ICSANT"))
    assert parties["missing"] == 127 - parties["known"]
    assert parties["stated_sources"] == ["UNTC_ICSANT_STATUS_2025"] and parties["stated_as_of"] == "2025-05-16"
    assert parties["summary"].startswith(f"{parties['known']} of 127 parties known")
    assert lists[("ICSANT", "signatories")]["known"] == len(signing("ICSANT"))
    gicnt = lists[("GICNT", "members")]
    assert gicnt["stated"] == stated("GICNT", "members")
    assert gicnt["known"] == len(group_members("GICNT", "state")) + len(group_members("GICNT", "organization"))

    levels = {level["confidence"]: level for level in report["confidence"]}
    assert {"confirmed", "derived"} <= set(levels)
    derived = levels["derived"]
    assert derived["total"] == sum(entry["count"] for entry in derived["by_type"])
    assert all(entry["examples"] for entry in derived["by_type"])
    assert report["conflict_count"] == len(report["conflicts"]) >= 4


@pytest.fixture
def cli(cli: CliRunner, loaded_db: GraphDatabaseClient) -> CliRunner:
    """The shared runner, on the shipped data."""
    return cli


def test_cli_audit_prints_the_coverage_table(cli: CliRunner) -> None:
    result = cli.invoke(app, ["audit"])
    assert result.exit_code == 0, result.output
    assert "coverage: known vs stated" in result.output
    [icsant] = [line for line in result.output.splitlines() if "ICSANT" in line and "parties" in line]
    assert f" {len(consenting('ICSANT'))} " in icsant and " 127 " in icsant and "UNTC_ICSANT_STATUS_2025" in icsant
    assert "recorded conflicts" in result.output


def known_from_files(of: str, list_name: str) -> int:
    """A list's known size read from the files: consent or signature rows (a former State such as the USSR is not
    counted beside its successors), or membership rows (role `committed` for a non-binding code)."""
    historical = {row["iso3"] for row in treaty_actions() if row["iso3"] and un_region(row["iso3"]) is None
                  and row["iso3"] not in OBSERVER_STATES}
    if list_name in ("parties", "signatories"):
        return len((consenting(of) if list_name == "parties" else signing(of)) - historical)
    rows = [row for row in memberships() if row["group_id"] == of]
    return sum((row["role"] == "committed") == (list_name == "committed") for row in rows)


def test_audit_reports_every_stated_list_known_vs_stated_as_the_files_give(client: TestClient) -> None:
    source_as_of = {row["source_id"]: row["as_of"] for row in sources()}
    lists = {(entry["of"]["id"], entry["list"]): entry for entry in client.get(f"{API}/audit").json()["lists"]}
    assert coverage()
    for entry in coverage():
        audited = lists[entry["of"], entry["list"]]
        known = known_from_files(entry["of"], entry["list"])
        as_of = entry.get("as_of") or max((source_as_of[s] for s in entry["sources"] if source_as_of[s]), default=None)
        assert (audited["known"], audited["stated"], audited["stated_sources"], audited["stated_as_of"]) == (
            known, entry["stated_count"], entry["sources"], as_of), entry
        assert audited["missing"] == entry["stated_count"] - known
        assert audited["summary"].startswith(f"{known} of {entry['stated_count']} {entry['list']} known"), audited
