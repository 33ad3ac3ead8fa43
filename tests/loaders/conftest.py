"""Fixtures for loading the shipped data into the session's real Neo4j, and a full graph dump to
compare states of the graph with (labels and every property of every node and relationship)."""

import json
from pathlib import Path

import pytest

from graph.driver import GraphDatabaseClient
from loaders.load import load_shipped_data
from loaders.writer import LoadSummary
from tests.conftest import REPO_ROOT, SHARED_DIR, wipe

DATA_DIR = REPO_ROOT / "data"
SEED = SHARED_DIR / "seeds" / "joint-statement-2016-04-01-sustaining-action.txt"

GraphDump = tuple[list[str], list[str]]


def graph_dump(db: GraphDatabaseClient) -> GraphDump:
    """Every node (labels, properties) and relationship (type, end ids, properties), sorted; the graph
    version is left out (every load moves it, even one that changes no fact)."""
    nodes = db.read("MATCH (n) WHERE NOT n:GraphVersion RETURN labels(n) AS labels, properties(n) AS props")
    rels = db.read("MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props")
    return (
        sorted(json.dumps([sorted(row["labels"]), row["props"]], sort_keys=True) for row in nodes),
        sorted(json.dumps([row["type"], row["start"], row["end"], row["props"]], sort_keys=True) for row in rels),
    )


@pytest.fixture(scope="session")
def shipped_load(db: GraphDatabaseClient) -> tuple[GraphDump, LoadSummary]:
    """The dump of the graph right after loading the shipped data into an empty graph, and that
    first load's summary."""
    wipe(db)
    summary = load_shipped_data(db)
    return graph_dump(db), summary


@pytest.fixture
def shipped_db(db: GraphDatabaseClient, shipped_load: tuple[GraphDump, LoadSummary]) -> GraphDatabaseClient:
    """The graph holding exactly the shipped data (reloaded into a wiped graph if a test changed it)."""
    reference, _ = shipped_load
    if graph_dump(db) != reference:
        wipe(db)
        load_shipped_data(db)
        assert graph_dump(db) == reference, "loading the shipped data twice into an empty graph differs"
    return db


def copy_dataset(target: Path) -> Path:
    """A copy of the shipped data folder, to corrupt."""
    target.mkdir(parents=True, exist_ok=True)
    for path in DATA_DIR.iterdir():
        if path.is_file():
            (target / path.name).write_bytes(path.read_bytes())
    return target


def replace_in_line(path: Path, anchor: str, old: str, new: str) -> int:
    """Replaces `old` by `new` on the first line containing `old` at or after the one line that
    starts with `anchor`; returns that line's 1-based number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    starts = [index for index, line in enumerate(lines) if line.startswith(anchor)]
    assert len(starts) == 1, f"anchor {anchor!r} is on {len(starts)} lines of {path.name}"
    index = next(i for i in range(starts[0], len(lines)) if old in lines[i])
    assert lines[index].count(old) == 1, f"{old!r} is not unique on line {index + 1} of {path.name}"
    lines[index] = lines[index].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1
