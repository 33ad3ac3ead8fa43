"""The real API under uvicorn on loopback, over the session's Neo4j holding the shipped data, for the client."""

from collections.abc import Iterator

import pytest

from api.app import create_app
from graph.driver import GraphDatabaseClient
from graph.settings import Settings
from loaders.load import load_shipped_data
from nsgraph_client import Client
from tests.conftest import wipe
from tests.servers import serving


@pytest.fixture(scope="module")
def api_url(settings: Settings, neo4j_uri: str, db: GraphDatabaseClient,
            shipped_counts: tuple[int, int]) -> Iterator[str]:
    """The served API; the graph is (re)loaded with the shipped data once per module, as `loaded_db` does per test."""
    counts = db.read("MATCH (n) WITH count(n) AS nodes RETURN nodes, COUNT { ()-[]->() } AS relationships")[0]
    if (counts["nodes"], counts["relationships"]) != shipped_counts:
        wipe(db)
        load_shipped_data(db)
    with serving(create_app(settings, neo4j_uri)) as base_url:
        yield base_url


@pytest.fixture
def nsg(api_url: str) -> Iterator[Client]:
    with Client(api_url, timeout=60) as client:
        yield client
