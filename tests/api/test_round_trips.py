"""The main reads answer in one round trip to Neo4j each (the read model composes them with CALL {}):
counted by a client that records every read, not timed."""

from collections.abc import Iterator
from typing import Any, LiteralString

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.driver import GraphDatabaseClient, Record
from graph.settings import Settings


class CountingClient(GraphDatabaseClient):
    """The app's own client, counting the reads it sends for answers (not the version watcher's polls)."""

    def __init__(self, client: GraphDatabaseClient) -> None:
        super().__init__(client.driver, client.uri, client.database)
        self.reads = 0

    def read(self, query: LiteralString, parameters: dict[str, Any] | None = None,
             timeout_s: float | None = None) -> list[Record]:
        if ":GraphVersion" not in query:
            self.reads += 1
        return super().read(query, parameters, timeout_s)


@pytest.fixture
def counting(settings: Settings, neo4j_uri: str, loaded_db: GraphDatabaseClient) -> Iterator[tuple[TestClient,
                                                                                                  CountingClient]]:
    with TestClient(create_app(settings, neo4j_uri)) as client:
        counter = CountingClient(client.app.state.db)  # type: ignore[attr-defined]
        client.app.state.db = counter  # type: ignore[attr-defined]
        yield client, counter


MAIN_READS = [
    "/api/v1/instruments/ICSANT/parties",
    "/api/v1/instruments/ICSANT/parties?as_of=2016-04-01",
    "/api/v1/states/JPN",
    "/api/v1/states/JPN?as_of=2009-12-31",
    "/api/v1/backing?group=NSCG&instrument=ICSANT&instrument=A_CPPNM",
    "/api/v1/backing?group=NSS_2016&as_of=2016-04-01",
    "/api/v1/search?q=Contact%20Group",
    "/api/v1/commitments/JS2016_SUSTAINING_ACTION?as_of=2016-04-01",
    "/api/v1/gaps/universalization?instrument=ICSANT&group=NSS_2016",
    "/api/v1/gaps/universalization?instrument=ICSANT&group=NSS_2010&as_of=2010-04-13",
]


@pytest.mark.parametrize("path", MAIN_READS)
def test_a_main_read_is_one_round_trip(counting: tuple[TestClient, CountingClient], path: str) -> None:
    client, counter = counting
    response = client.get(path)
    response.raise_for_status()
    assert response.headers.get("x-cache") != "hit"
    assert counter.reads == 1
