"""Loading the shipped dataset into a real Neo4j: the graph holds exactly what the files say,
a reload changes nothing, a bad row anywhere loads nothing, and a dry run writes nothing.

Expected values are computed here from the files with plain `csv` and `yaml` (never through the
loaders), so a loader that drops, duplicates or misplaces a row makes these tests fail.
"""

import csv
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import country_converter as coco
import pytest
import yaml

from graph.driver import GraphDatabaseClient
from graph.errors import LoadError
from loaders.load import load_paths, load_shipped_data
from loaders.writer import LoadSummary
from tests.loaders.conftest import DATA_DIR, GraphDump, copy_dataset, graph_dump, replace_in_line

SECTION_LABELS = {
    "legal_instrument": "LegalInstrument", "organization": "Organization", "initiative": "Initiative",
    "guidance": "Guidance", "commitment": "Commitment", "event": "Event", "topic": "Topic",
}
CONSENT_ACTIONS = {"ratification", "accession", "acceptance", "approval", "succession", "formal_confirmation",
                   "consent_unspecified"}
MEMBERSHIP_TYPES = {"event": "PARTICIPATED_IN", "commitment": "SUBSCRIBED_TO", "initiative": "MEMBER_OF",
                    "organization": "MEMBER_OF", "legal_instrument": "COMMITTED_TO", "guidance": "COMMITTED_TO"}
OBSERVERS = {"VAT", "PSE"}


# --- what the files say ----------------------------------------------------------------------------


def rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def find_row(name: str, **match: str) -> dict[str, str]:
    found = [row for row in rows(name) if all(row[key] == value for key, value in match.items())]
    assert len(found) == 1, f"{match} matches {len(found)} rows of {name}"
    return found[0]


@cache
def catalog() -> dict[str, list[dict[str, Any]]]:
    return yaml.safe_load((DATA_DIR / "catalog.yaml").read_text(encoding="utf-8"))


def catalog_kind(entity_id: str) -> str | None:
    return next((kind for kind, items in catalog().items() for item in items if item["id"] == entity_id), None)


def also_in(note: str) -> list[str]:
    return [s for match in re.findall(r"also_in=([A-Z0-9_;]+)", note) for s in match.split(";") if s]


def party(row: dict[str, str]) -> str:
    return row["iso3"] or row["state_name"]


@cache
def un_members() -> frozenset[str]:
    data = coco.CountryConverter().data
    return frozenset(data.loc[data["UNmember"].notna(), "ISO3"])


def state_ids_in_files() -> set[str]:
    from_actions = {row["iso3"] for row in rows("treaty_actions.csv") if row["iso3"]}
    from_memberships = {row["member_id"] for row in rows("memberships.csv") if row["member_kind"] == "state"}
    return from_actions | from_memberships


def expected_node_counts() -> dict[str, int]:
    counts = {SECTION_LABELS[kind]: len(items) for kind, items in catalog().items()}
    counts["State"] = len(un_members() | OBSERVERS | state_ids_in_files())
    counts["Entity"] = sum(counts.values())
    counts["Source"] = len(rows("sources.csv"))
    return counts


def expected_relationship_counts() -> dict[str, int]:
    actions = rows("treaty_actions.csv")
    counts = Counter({
        "PARTY_TO": len({(r["instrument_id"], party(r)) for r in actions if r["action"] in CONSENT_ACTIONS}),
        "SIGNED": sum(1 for r in actions if r["action"] == "signature"),
    })
    for row in rows("memberships.csv"):
        counts[MEMBERSHIP_TYPES[catalog_kind(row["group_id"]) or "not in the catalog"]] += 1
    counts.update(row["relation"] for row in rows("relations.csv"))
    return dict(counts)


# --- what the graph holds --------------------------------------------------------------------------


def node_counts(db: GraphDatabaseClient) -> dict[str, int]:
    found = db.read("MATCH (n) WHERE NOT n:GraphVersion UNWIND labels(n) AS label RETURN label, count(*) AS n")
    return {row["label"]: row["n"] for row in found}


def relationship_counts(db: GraphDatabaseClient) -> dict[str, int]:
    return {row["type"]: row["n"] for row in db.read("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")}


def relationship(db: GraphDatabaseClient, rel_type: str, start: str, end: str) -> dict[str, Any]:
    found = db.read("MATCH (:Entity {id: $start})-[r]->(:Entity {id: $end}) WHERE type(r) = $type "
                    "RETURN properties(r) AS props", {"type": rel_type, "start": start, "end": end})
    assert len(found) == 1, f"{len(found)} {rel_type} from {start} to {end}"
    return found[0]["props"]


def node(db: GraphDatabaseClient, node_id: str) -> dict[str, Any]:
    found = db.read("MATCH (n:Entity {id: $id}) RETURN labels(n) AS labels, properties(n) AS props", {"id": node_id})
    assert len(found) == 1
    return {"labels": set(found[0]["labels"]), **found[0]["props"]}


# --- 1. counts -------------------------------------------------------------------------------------


def test_the_oracles_see_what_the_brief_says() -> None:
    assert len(un_members()) == 193
    assert state_ids_in_files() - un_members() - OBSERVERS == {"SUN", "CSK", "DDR", "YUG", "NIU"}


def test_node_counts_per_label_equal_the_files(shipped_db: GraphDatabaseClient) -> None:
    assert node_counts(shipped_db) == expected_node_counts()


def test_relationship_counts_per_type_equal_the_files(shipped_db: GraphDatabaseClient) -> None:
    assert relationship_counts(shipped_db) == expected_relationship_counts()


def test_states_are_un_members_observers_and_the_others_the_files_name(shipped_db: GraphDatabaseClient) -> None:
    states = {row["id"] for row in shipped_db.read("MATCH (s:State) RETURN s.id AS id")}
    assert states == un_members() | OBSERVERS | state_ids_in_files()
    historical = {row["id"] for row in shipped_db.read("MATCH (s:State {historical: true}) RETURN s.id AS id")}
    assert historical == {"SUN", "CSK", "DDR", "YUG"}


def test_first_load_reports_everything_created(shipped_load: tuple[GraphDump, LoadSummary]) -> None:
    _, summary = shipped_load
    expected = {**expected_node_counts(), **expected_relationship_counts()}
    del expected["Entity"]
    assert {name: dict(counts) for name, counts in summary.outcomes.items()} == {
        name: {"created": count} for name, count in expected.items()}


# --- 2. spot facts ---------------------------------------------------------------------------------


def test_party_to_carries_consent_date_via_sources_and_entry_into_force(shipped_db: GraphDatabaseClient) -> None:
    consent = find_row("treaty_actions.csv", instrument_id="CPPNM", iso3="AFG", action="accession")
    in_force = find_row("treaty_actions.csv", instrument_id="CPPNM", iso3="AFG", action="entry_into_force")
    props = relationship(shipped_db, "PARTY_TO", "AFG", "CPPNM")
    assert props["since"] == consent["date"] == "2003-09-12"
    assert props["via"] == "accession"
    assert props["sources"] == [consent["source_id"], *also_in(consent["note"])] == [
        "NL_TRB_2016_60", "AT_BGBL_III_153_2005", "VLEX_UNTS_24631"]
    assert props["entry_into_force"] == in_force["date"] == "2003-10-12"
    assert props["entry_into_force_sources"] == ["NL_TRB_2016_60"]
    assert props["as_of"] == "2016"
    assert props["confidence"] == "confirmed"
    assert props["name_in_source"] == "Afghanistan"


def test_signed_carries_the_signature_date(shipped_db: GraphDatabaseClient) -> None:
    row = find_row("treaty_actions.csv", instrument_id="ICSANT", iso3="AFG", action="signature")
    props = relationship(shipped_db, "SIGNED", "AFG", "ICSANT")
    assert props["date"] == row["date"] == "2005-12-29"
    assert props["sources"] == ["UNTC_ICSANT_XML", "ZMJ_UNTC_ICSANT_2013", "ZMJ_UNTC_ICSANT_2014", "PACLII_ICSANT_2009"]
    assert "as_of" not in props  # empty in the file


def test_euratom_is_an_organization_party_to_cppnm(shipped_db: GraphDatabaseClient) -> None:
    assert node(shipped_db, "EURATOM")["labels"] == {"Entity", "Organization"}
    consent = find_row("treaty_actions.csv", instrument_id="CPPNM", state_name="EURATOM", action="formal_confirmation")
    in_force = find_row("treaty_actions.csv", instrument_id="CPPNM", state_name="EURATOM", action="entry_into_force")
    signature = find_row("treaty_actions.csv", instrument_id="CPPNM", state_name="EURATOM", action="signature")
    props = relationship(shipped_db, "PARTY_TO", "EURATOM", "CPPNM")
    assert props["via"] == "formal_confirmation"
    assert props["since"] == consent["date"]
    assert props["sources"] == [consent["source_id"], *also_in(consent["note"])]
    assert props["entry_into_force"] == in_force["date"]
    assert props["entry_into_force_sources"] == [in_force["source_id"], *also_in(in_force["note"])]
    assert relationship(shipped_db, "SIGNED", "EURATOM", "CPPNM")["date"] == signature["date"]
    assert relationship(shipped_db, "PARTY_TO", "EURATOM", "A_CPPNM")["via"] == "consent_unspecified"


def test_member_of_carries_since_role_and_sources(shipped_db: GraphDatabaseClient) -> None:
    source_as_of = {row["source_id"]: row["as_of"] for row in rows("sources.csv")}
    props = relationship(shipped_db, "MEMBER_OF", "ARE", "GICNT")
    assert props["since"] == "2010"
    assert props["role"] == "partner"
    assert props["sources"] == ["UAE_MISSION_2015_GICNT"]
    assert props["as_of"] == source_as_of["UAE_MISSION_2015_GICNT"]
    assert props["note"] == "Partner since 2010"
    props = relationship(shipped_db, "MEMBER_OF", "CPV", "GICNT")
    assert props["since"] == "2007"
    assert props["sources"] == ["SPUTNIK_2007_GICNT", "ACA_NNPM_GICNT"]


def test_every_node_can_be_asked_for_by_its_subkind(shipped_db: GraphDatabaseClient) -> None:
    expected = sorted((SECTION_LABELS[kind], item["subkind"], item["id"]) for kind, items in catalog().items()
                      for item in items)
    found = shipped_db.read("MATCH (n:Entity) WHERE NOT n:State "
                            "RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.subkind AS subkind, n.id AS id")
    assert sorted((row["label"], row["subkind"], row["id"]) for row in found) == expected
    industry = {item["id"] for item in catalog()["organization"] if item["subkind"] == "industry_association"}
    asked = shipped_db.read("MATCH (o:Organization {subkind: $subkind}) RETURN o.id AS id",
                            {"subkind": "industry_association"})
    assert industry and {row["id"] for row in asked} == industry


def test_side_events_are_part_of_their_summit(shipped_db: GraphDatabaseClient) -> None:
    side_kinds = {"industry_summit", "expert_summit"}
    side_events = {item["id"] for item in catalog()["event"] if item["subkind"] in side_kinds}
    expected = {(row["from_id"], row["to_id"]) for row in rows("relations.csv")
                if row["relation"] == "PART_OF" and row["from_id"] in side_events}
    found = shipped_db.read("MATCH (e:Event)-[:PART_OF]->(s:Event {subkind: 'summit'}) WHERE e.subkind IN $kinds "
                            "RETURN e.id AS event, s.id AS summit", {"kinds": sorted(side_kinds)})
    assert expected and {(row["event"], row["summit"]) for row in found} == expected


def test_a_commitment_to_the_code_of_conduct_is_committed_to(shipped_db: GraphDatabaseClient) -> None:
    committed = [row for row in rows("memberships.csv") if row["role"] == "committed"]
    assert committed
    for row in committed:
        props = relationship(shipped_db, "COMMITTED_TO", row["member_id"], row["group_id"])
        assert (props["role"], props["since"], props["sources"][0]) == ("committed", row["date_or_year"],
                                                                        row["source_id"])


def test_icsant_carries_its_stated_counts_from_coverage(shipped_db: GraphDatabaseClient) -> None:
    stated = {(entry["of"], entry["list"]): entry
              for entry in yaml.safe_load((DATA_DIR / "coverage.yaml").read_text(encoding="utf-8"))}
    icsant = node(shipped_db, "ICSANT")
    assert icsant["stated_parties_count"] == stated["ICSANT", "parties"]["stated_count"] == 127
    assert icsant["stated_parties_sources"] == stated["ICSANT", "parties"]["sources"] == ["UNTC_ICSANT_STATUS_2025"]
    assert icsant["stated_parties_as_of"] == "2025-05-16"  # the source's as_of: the entry has none
    assert icsant["stated_signatories_count"] == 115
    assert "LegalInstrument" in icsant["labels"]


# --- 3. a reload changes nothing -------------------------------------------------------------------


def test_second_load_changes_nothing(shipped_db: GraphDatabaseClient,
                                     shipped_load: tuple[GraphDump, LoadSummary]) -> None:
    before_nodes, before_rels = node_counts(shipped_db), relationship_counts(shipped_db)
    summary = load_shipped_data(shipped_db)
    assert summary.total("created") == 0
    assert summary.total("updated") == 0
    assert summary.total("unchanged") == sum(before_rels.values()) + before_nodes["Entity"] + before_nodes["Source"]
    assert (node_counts(shipped_db), relationship_counts(shipped_db)) == (before_nodes, before_rels)
    assert graph_dump(shipped_db) == shipped_load[0]


EDITED_TITLE = ("Status table of the International Convention", "EDITED status table of the International Convention")


def edited_copy(target: Path) -> Path:
    """A copy of the data with one valid change that any write would show: a Source's title."""
    copy_dataset(target)
    replace_in_line(target / "sources.csv", "UNTC_ICSANT_STATUS_2025,", *EDITED_TITLE)
    return target


def test_a_valid_edit_is_one_update_and_visible(shipped_db: GraphDatabaseClient, tmp_path: Path) -> None:
    """The control for the tests below: the edit they carry does reach the graph when nothing is wrong."""
    summary = load_paths(shipped_db, [edited_copy(tmp_path / "data")])
    assert summary.total("created") == 0
    assert summary.total("updated") == 1
    assert summary.outcomes["Source"]["updated"] == 1
    title = shipped_db.read("MATCH (s:Source {id: 'UNTC_ICSANT_STATUS_2025'}) RETURN s.title AS t")[0]["t"]
    assert title.startswith("EDITED status table")


# --- 4. a bad row anywhere loads nothing -----------------------------------------------------------


@dataclass(frozen=True)
class BadRow:
    file: str
    anchor: str  # the line the corrupted one is (or follows)
    old: str
    new: str
    field: str
    message: str  # part of the error message


BAD_ROWS = {
    "treaty_actions: bad date": BadRow("treaty_actions.csv", "CPPNM,AFG,Afghanistan,accession,", "2003-09-12",
                                       "2003-13-12", "date", "2003-13-12"),
    "memberships: unknown source id": BadRow("memberships.csv", "GICNT,ARE,", "UAE_MISSION_2015_GICNT",
                                             "NO_SUCH_SOURCE", "source_id", "NO_SUCH_SOURCE"),
    "relations: unknown relation type": BadRow("relations.csv", "A_CPPNM,AMENDS,CPPNM,", ",AMENDS,", ",SUPERSEDES,",
                                               "relation", "AMENDS"),
    "catalog: bad confidence": BadRow("catalog.yaml", "- id: CPPNM", "  confidence: confirmed",
                                      "  confidence: certain", "confidence", "confirmed"),
    "coverage: negative count": BadRow("coverage.yaml", "  stated_count: 127", "127", "-127",
                                       "stated_count", "greater than or equal to 0"),
    "sources: bad kind": BadRow("sources.csv", "UNTC_ICSANT_XML,", ",,depositary,", ",,rumour,", "kind", "depositary"),
    "relations: unknown entity id": BadRow("relations.csv", "IAEA,DEPOSITARY_OF,CPPNM,", ",CPPNM,",
                                           ",NO_SUCH_TREATY,", "to_id", "NO_SUCH_TREATY"),
    "memberships: unknown group": BadRow("memberships.csv", "GICNT,AFG,", "GICNT,AFG,", "NO_SUCH_GROUP,AFG,",
                                         "group_id", "NO_SUCH_GROUP"),
    "catalog: subkind of another kind": BadRow("catalog.yaml", "- id: NIS_2016", "  subkind: industry_summit",
                                               "  subkind: industry_association", "subkind",
                                               "'industry_association' is not a subkind of event"),
    "memberships: unknown role": BadRow("memberships.csv", "CODE_OF_CONDUCT_RADSOURCES,PAK,", ",committed,",
                                        ",adherent,", "role", "committed"),
    "memberships: committed to a summit": BadRow("memberships.csv", "NSS_2016,USA,", ",participant,", ",committed,",
                                                 "role", "role 'committed' does not fit 'NSS_2016'"),
    "memberships: a membership of a treaty": BadRow("memberships.csv", "CODE_OF_CONDUCT_RADSOURCES,PAK,",
                                                    "CODE_OF_CONDUCT_RADSOURCES,", "ICSANT,", "group_id",
                                                    "'ICSANT' is a binding instrument"),
}

BadLoad = Callable[[GraphDatabaseClient, str], tuple[LoadError, int]]


def load_bad_copy(db: GraphDatabaseClient, tmp_path: Path, case: BadRow,
                  dry_run: bool = False) -> tuple[LoadError, int]:
    """Loads an edited copy of the data with `case`'s corruption; the error and the corrupted line."""
    data = edited_copy(tmp_path / "data")
    line = replace_in_line(data / case.file, case.anchor, case.old, case.new)
    with pytest.raises(LoadError) as caught:
        load_paths(db, [data], dry_run=dry_run)
    return caught.value, line


@pytest.fixture(scope="module")
def bad_load(tmp_path_factory: pytest.TempPathFactory) -> BadLoad:
    """Each bad copy is loaded once per module; the line and field tests read the same error."""
    errors: dict[str, tuple[LoadError, int]] = {}

    def load(db: GraphDatabaseClient, name: str) -> tuple[LoadError, int]:
        if name not in errors:
            errors[name] = load_bad_copy(db, tmp_path_factory.mktemp("bad"), BAD_ROWS[name])
        return errors[name]

    return load


@pytest.mark.parametrize("name", BAD_ROWS)
def test_bad_row_names_its_file_and_loads_nothing(shipped_db: GraphDatabaseClient, name: str,
                                                  bad_load: BadLoad,
                                                  shipped_load: tuple[GraphDump, LoadSummary]) -> None:
    error, _ = bad_load(shipped_db, name)
    assert Path(error.file).name == BAD_ROWS[name].file
    assert Path(error.file).parent.name == "data"
    assert Path(error.file).parent != DATA_DIR
    assert BAD_ROWS[name].message in str(error)
    assert graph_dump(shipped_db) == shipped_load[0]


@pytest.mark.parametrize("name", [
    pytest.param(name, id=name)
    for name, case in BAD_ROWS.items()])
def test_bad_row_names_its_line(shipped_db: GraphDatabaseClient, name: str,
                                bad_load: BadLoad) -> None:
    error, line = bad_load(shipped_db, name)
    assert error.line == line


@pytest.mark.parametrize("name", [
    pytest.param(name, id=name)
    for name, case in BAD_ROWS.items()])
def test_bad_row_names_its_field(shipped_db: GraphDatabaseClient, name: str,
                                 bad_load: BadLoad) -> None:
    error, _ = bad_load(shipped_db, name)
    assert error.field == BAD_ROWS[name].field


def test_impossible_calendar_date_is_refused(shipped_db: GraphDatabaseClient, tmp_path: Path) -> None:
    case = BadRow("treaty_actions.csv", "CPPNM,AFG,Afghanistan,accession,", "2003-09-12", "2003-02-30", "date",
                  "2003-02-30")
    error, line = load_bad_copy(shipped_db, tmp_path, case, dry_run=True)
    assert (error.line, error.field) == (line, "date")


# --- 5. a dry run writes nothing -------------------------------------------------------------------


def test_dry_run_into_an_empty_graph_writes_nothing_and_plans_everything(empty_db: GraphDatabaseClient) -> None:
    summary = load_paths(empty_db, [DATA_DIR], dry_run=True)
    assert empty_db.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    assert summary.dry_run
    expected = {**expected_node_counts(), **expected_relationship_counts()}
    del expected["Entity"]
    assert {name: dict(counts) for name, counts in summary.outcomes.items()} == {
        name: {"planned": count} for name, count in expected.items()}


def test_dry_run_of_a_change_writes_nothing(shipped_db: GraphDatabaseClient, tmp_path: Path,
                                            shipped_load: tuple[GraphDump, LoadSummary]) -> None:
    load_paths(shipped_db, [edited_copy(tmp_path / "data")], dry_run=True)
    assert graph_dump(shipped_db) == shipped_load[0]


def test_dry_run_still_checks_references(shipped_db: GraphDatabaseClient, tmp_path: Path) -> None:
    case = BAD_ROWS["relations: unknown entity id"]
    data = copy_dataset(tmp_path / "data")
    replace_in_line(data / case.file, case.anchor, case.old, case.new)
    with pytest.raises(LoadError, match="NO_SUCH_TREATY"):
        load_paths(shipped_db, [data], dry_run=True)
