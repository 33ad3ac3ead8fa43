"""Shared fixtures: one real Neo4j per test session (the project's local runtime, or NEO4J_URI).

Tests clean the graph between tests instead of restarting the JVM. With NEO4J_URI set, the tests
use (and wipe) that database: point it only at a throwaway one.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from graph.driver import GraphDatabaseClient, connect
from graph.runtime import LocalNeo4j, free_port
from graph.schema import apply_schema
from graph.settings import Settings, get_settings
from loaders.dataset import SHIPPED_DATA_DIR, plan_dataset
from loaders.load import load_shipped_data

REPO_ROOT = Path(__file__).resolve().parents[1]
# Read-only material beside the repository in CI (absent from a fresh clone); NSGRAPH_SHARED_DIR points elsewhere.
SHARED_DIR = Path(os.environ.get("NSGRAPH_SHARED_DIR") or REPO_ROOT.parent / "shared")


def needs_shared(*paths: Path) -> pytest.MarkDecorator:
    """Skips a test, with a reason naming the files, when the shared material it reads is absent."""
    missing = [str(path) for path in paths if not path.exists()]
    return pytest.mark.skipif(bool(missing), reason=f"needs {', '.join(missing)} from the shared material beside "
                                                    "the repository (absent here; set NSGRAPH_SHARED_DIR)")


def require_shared(path: Path) -> Path:
    """The path, or a skip naming it when the shared material is absent (a clone with nothing beside it)."""
    if not path.exists():
        pytest.skip(f"needs {path} from the shared material beside the repository (absent here; "
                    "set NSGRAPH_SHARED_DIR to where it is)")
    return path


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("neo4j-data"), local_port=free_port())


@pytest.fixture(scope="session")
def local_neo4j(settings: Settings) -> Iterator[LocalNeo4j | None]:
    """The project's own Neo4j for this session, or None when NEO4J_URI names another."""
    if os.environ.get("NEO4J_URI"):
        yield None
        return
    runtime = LocalNeo4j(settings)
    runtime.start(tie=True)  # stops with this pytest process, even if it is killed
    yield runtime
    runtime.stop()


@pytest.fixture(scope="session")
def neo4j_uri(settings: Settings, local_neo4j: LocalNeo4j | None) -> str:
    if local_neo4j is None:
        return os.environ["NEO4J_URI"]
    running = local_neo4j.status()
    assert running is not None, "the local Neo4j stopped during the session"
    return running.uri


@pytest.fixture(scope="session")
def db(settings: Settings, neo4j_uri: str) -> Iterator[GraphDatabaseClient]:
    client = connect(settings, neo4j_uri)
    apply_schema(client)
    yield client
    client.close()


def wipe(db: GraphDatabaseClient) -> None:
    """Deletes every node and relationship, keeping the schema."""
    db.write("MATCH (n) DETACH DELETE n")


@pytest.fixture
def empty_db(db: GraphDatabaseClient) -> GraphDatabaseClient:
    wipe(db)
    return db


@pytest.fixture(scope="session")
def shipped_counts() -> tuple[int, int]:
    """Nodes and relationships that the shipped data makes (from the plan, not the graph)."""
    plan = plan_dataset(SHIPPED_DATA_DIR)
    return len(plan.nodes) + len(plan.sources), len(plan.relationships)


@pytest.fixture
def loaded_db(db: GraphDatabaseClient, shipped_counts: tuple[int, int]) -> GraphDatabaseClient:
    """The graph holding exactly the shipped data, as a load leaves it (with its graph version); reloaded only
    when a test left it otherwise."""
    counts = db.read("MATCH (n) WHERE NOT n:GraphVersion WITH count(n) AS nodes "
                     "RETURN nodes, COUNT { ()-[]->() } AS relationships, EXISTS { (:GraphVersion) } AS versioned")[0]
    if (counts["nodes"], counts["relationships"]) != shipped_counts or not counts["versioned"]:
        wipe(db)
        load_shipped_data(db)
    return db


@pytest.fixture
def client(settings: Settings, neo4j_uri: str, loaded_db: GraphDatabaseClient) -> Iterator[TestClient]:
    """The real API over the real database with the shipped data loaded."""
    with TestClient(create_app(settings, neo4j_uri)) as test_client:
        yield test_client


@pytest.fixture
def cli(neo4j_uri: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    """Runs `nsgraph` commands against the test database (they read NEO4J_URI from the environment)."""
    monkeypatch.setenv("NEO4J_URI", neo4j_uri)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()
