"""Readiness: up, schema in place and data loaded; otherwise 503 with the reason."""

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.driver import GraphDatabaseClient
from graph.runtime import free_port
from graph.schema import FULLTEXT_INDEX, apply_schema
from graph.settings import Settings


@pytest.mark.parametrize("path", ["/ready", "/api/v1/ready"])
def test_ready_when_loaded(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "ready"
    assert {check["name"]: check["ok"] for check in body["checks"]} == {"database": True, "schema": True,
                                                                         "data": True}


@pytest.fixture
def bare_client(settings: Settings, neo4j_uri: str) -> Iterator[TestClient]:
    with TestClient(create_app(settings, neo4j_uri)) as test_client:
        yield test_client


def assert_not_ready(response: httpx.Response, words: str) -> None:
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["retry-after"]
    assert words in response.json()["detail"]


def test_not_ready_when_empty(empty_db: GraphDatabaseClient, bare_client: TestClient) -> None:
    response = bare_client.get("/ready")
    assert_not_ready(response, "empty")
    assert [check["ok"] for check in response.json()["checks"]] == [True, True, False]


def test_not_ready_without_the_fulltext_index(loaded_db: GraphDatabaseClient, bare_client: TestClient) -> None:
    loaded_db.write("DROP INDEX entity_names")
    try:
        assert_not_ready(bare_client.get("/ready"), FULLTEXT_INDEX)
    finally:
        apply_schema(loaded_db)
    assert bare_client.get("/ready").status_code == 200


def test_not_ready_without_a_database(settings: Settings) -> None:
    with TestClient(create_app(settings, f"bolt://127.0.0.1:{free_port()}")) as test_client:
        assert_not_ready(test_client.get("/ready"), "not reachable")
