"""The real API under uvicorn on a loopback port, for tests that need real HTTP."""

from collections.abc import Iterator

import pytest

from api.app import create_app
from graph.driver import GraphDatabaseClient
from graph.settings import Settings
from tests.servers import serving


@pytest.fixture(scope="module")
def served_api(settings: Settings, neo4j_uri: str, db: GraphDatabaseClient) -> Iterator[str]:
    with serving(create_app(settings, neo4j_uri)) as base_url:
        yield base_url
