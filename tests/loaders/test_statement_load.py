"""Loading the 2016 joint statement with the shipped data into a real Neo4j: the commitment gains
its subscribers, pledges, tasks and what it establishes, each fact citing the statement; a
statement naming an unknown country loads nothing."""

import csv
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.driver import GraphDatabaseClient
from graph.errors import LoadError
from loaders.load import load_paths, load_shipped_data
from loaders.writer import LoadSummary
from tests.conftest import needs_shared, wipe
from tests.loaders.conftest import DATA_DIR, SEED, GraphDump, graph_dump

COMMITMENT = "JS2016_SUSTAINING_ACTION"
STATEMENT_SOURCE = "STATEMENT_DCPD201600210"
# Read by hand from the seed's participant sentence.
SEED_STATES = {
    "ARG", "ARM", "AUS", "BEL", "CAN", "CHL", "CHN", "CZE", "DNK", "FIN", "FRA", "GEO", "DEU", "HUN", "IND", "ITA",
    "JPN", "JOR", "KAZ", "LTU", "MEX", "MAR", "NLD", "NZL", "NGA", "NOR", "KOR", "ROU", "POL", "SGP", "ESP", "SWE",
    "CHE", "THA", "UKR", "ARE", "GBR", "USA", "VNM",
}
SEED_ORGANIZATIONS = {"INTERPOL", "UN"}


def curated_sources(group_id: str) -> dict[str, list[str]]:
    """member id -> the sources memberships.csv gives for its row (source_id, then also_in= ids)."""
    with (DATA_DIR / "memberships.csv").open(encoding="utf-8", newline="") as handle:
        return {row["member_id"]: [row["source_id"], *(
            s for found in re.findall(r"also_in=([A-Z0-9_;]+)", row["note"]) for s in found.split(";") if s)]
            for row in csv.DictReader(handle) if row["group_id"] == group_id}


def curated_relation_sources(from_id: str, relation: str, to_id: str) -> list[str]:
    with (DATA_DIR / "relations.csv").open(encoding="utf-8", newline="") as handle:
        found = [row["source_ids"].split(";") for row in csv.DictReader(handle)
                 if (row["from_id"], row["relation"], row["to_id"]) == (from_id, relation, to_id)]
    assert len(found) == 1
    return found[0]


def subscribers(db: GraphDatabaseClient) -> list[dict[str, Any]]:
    return db.read("MATCH (m:Entity)-[r:SUBSCRIBED_TO]->(:Commitment {id: $id}) "
                   "RETURN m.id AS id, [l IN labels(m) WHERE l <> 'Entity'] AS kind, r.sources AS sources",
                   {"id": COMMITMENT})


@pytest.fixture(scope="module")
def seeded(db: GraphDatabaseClient) -> tuple[GraphDump, LoadSummary]:
    """The graph after loading the shipped data and the seed together into an empty graph."""
    wipe(db)
    summary = load_paths(db, [DATA_DIR, SEED])
    return graph_dump(db), summary


@pytest.fixture
def seeded_db(db: GraphDatabaseClient, seeded: tuple[GraphDump, LoadSummary]) -> GraphDatabaseClient:
    if graph_dump(db) != seeded[0]:
        wipe(db)
        load_paths(db, [DATA_DIR, SEED])
        assert graph_dump(db) == seeded[0]
    return db


@needs_shared(SEED)
def test_seed_subscribers_are_39_states_and_interpol_and_un(seeded_db: GraphDatabaseClient) -> None:
    found = subscribers(seeded_db)
    assert {row["id"] for row in found if row["kind"] == ["State"]} == SEED_STATES
    assert {row["id"] for row in found if row["kind"] == ["Organization"]} == SEED_ORGANIZATIONS
    assert len(found) == len(SEED_STATES) + len(SEED_ORGANIZATIONS) == 41


@needs_shared(SEED)
def test_each_subscription_cites_the_statement_besides_the_curated_sources(seeded_db: GraphDatabaseClient) -> None:
    curated = curated_sources(COMMITMENT)
    assert set(curated) == SEED_STATES | SEED_ORGANIZATIONS  # the curated data has them all already
    for row in subscribers(seeded_db):
        assert row["sources"] == [*curated[row["id"]], STATEMENT_SOURCE], row["id"]


@needs_shared(SEED)
def test_statement_source_node(seeded_db: GraphDatabaseClient) -> None:
    found = seeded_db.read("MATCH (s:Source {id: $id}) RETURN properties(s) AS p", {"id": STATEMENT_SOURCE})
    assert len(found) == 1
    assert found[0]["p"]["as_of"] == "2016-04-01"
    assert found[0]["p"]["title"] == "Joint Statement on Sustaining Action To Strengthen Global Nuclear Security"


@needs_shared(SEED)
def test_commitment_establishes_nscg_citing_the_statement(seeded_db: GraphDatabaseClient) -> None:
    found = seeded_db.read("MATCH (:Commitment {id: $id})-[r:ESTABLISHES]->(b) RETURN b.id AS id, r.sources AS s",
                           {"id": COMMITMENT})
    assert found == [{"id": "NSCG", "s": [*curated_relation_sources(COMMITMENT, "ESTABLISHES", "NSCG"),
                                          STATEMENT_SOURCE]}]


@needs_shared(SEED)
def test_commitment_gains_pledges_tasks_and_the_statement_source(seeded_db: GraphDatabaseClient) -> None:
    props = seeded_db.read("MATCH (c:Commitment {id: $id}) RETURN properties(c) AS p", {"id": COMMITMENT})[0]["p"]
    assert len(props["pledges"]) == 2
    assert props["pledges"][0].startswith("Establish a Nuclear Security Contact Group")
    assert len(props["tasks"]) == 5
    assert props["tasks"][0].startswith("Convening annually")
    assert props["document_number"] == "DCPD201600210"
    assert props["sources"][-1] == STATEMENT_SOURCE
    assert props["sources"].count(STATEMENT_SOURCE) == 1


@needs_shared(SEED)
def test_seed_adds_one_source_and_enriches_the_catalog_commitment(seeded: tuple[GraphDump, LoadSummary]) -> None:
    _, summary = seeded
    with (DATA_DIR / "sources.csv").open(encoding="utf-8", newline="") as handle:
        assert summary.outcomes["Source"] == {"created": len(list(csv.DictReader(handle))) + 1}
    catalog = yaml.safe_load((DATA_DIR / "catalog.yaml").read_text(encoding="utf-8"))
    assert COMMITMENT in {item["id"] for item in catalog["commitment"]}
    assert summary.outcomes["Commitment"] == {"created": len(catalog["commitment"])}


@needs_shared(SEED)
def test_reloading_data_and_seed_changes_nothing(seeded_db: GraphDatabaseClient,
                                                 seeded: tuple[GraphDump, LoadSummary]) -> None:
    summary = load_paths(seeded_db, [DATA_DIR, SEED])
    assert (summary.total("created"), summary.total("updated")) == (0, 0)
    assert graph_dump(seeded_db) == seeded[0]


@pytest.fixture(scope="module")
def seeded_separately(db: GraphDatabaseClient) -> GraphDump:
    """`nsgraph load` of the data, then `nsgraph load <seed>`: what a user does with a new statement."""
    wipe(db)
    load_shipped_data(db)
    load_paths(db, [SEED])
    return graph_dump(db)


@needs_shared(SEED)
def test_seed_loaded_after_the_data_gives_the_same_nodes(seeded_separately: GraphDump,
                                                         seeded: tuple[GraphDump, LoadSummary]) -> None:
    assert seeded_separately[0] == seeded[0][0]


@needs_shared(SEED)
def test_seed_loaded_after_the_data_keeps_the_curated_relationship_properties(
        seeded_separately: GraphDump, seeded: tuple[GraphDump, LoadSummary]) -> None:
    assert seeded_separately[1] == seeded[0][1]


# --- an unknown country loads nothing --------------------------------------------------------------


def freedonia_statement(tmp_path: Path) -> Path:
    text = SEED.read_text(encoding="utf-8")
    assert text.count("Argentina, Armenia,") == 1
    path = tmp_path / "joint-statement-freedonia.txt"
    path.write_text(text.replace("Argentina, Armenia,", "Argentina, Freedonia, Armenia,"), encoding="utf-8")
    return path


@needs_shared(SEED)
def test_unknown_country_fails_naming_it_and_writes_nothing(seeded_db: GraphDatabaseClient, tmp_path: Path,
                                                            seeded: tuple[GraphDump, LoadSummary]) -> None:
    path = freedonia_statement(tmp_path)
    with pytest.raises(LoadError) as caught:
        load_paths(seeded_db, [DATA_DIR, path])
    assert "Freedonia" in str(caught.value)
    assert Path(caught.value.file) == path
    assert graph_dump(seeded_db) == seeded[0]


@needs_shared(SEED)
def test_unknown_country_dry_run_fails_too(empty_db: GraphDatabaseClient, tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="Freedonia"):
        load_paths(empty_db, [DATA_DIR, freedonia_statement(tmp_path)], dry_run=True)
    assert empty_db.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
