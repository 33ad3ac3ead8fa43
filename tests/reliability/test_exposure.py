"""What the API exposes: no credential in any response or log line, CORS off unless configured,
admin operations only with the token, and a bounded burst served without an error."""

import http.client
import logging
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from graph.driver import GraphDatabaseClient
from graph.settings import Settings
from tests.servers import serving_process

PASSWORD = "pw-that-must-never-leak-9431"
TOKEN = "token-that-must-never-leak-7713"


@pytest.fixture
def secret_settings(settings: Settings) -> Settings:
    # The local test database runs without auth and accepts any credentials, so these reach the driver.
    return settings.model_copy(update={"neo4j_password": SecretStr(PASSWORD), "api_token": SecretStr(TOKEN)})


def test_no_credential_in_responses_or_logs(secret_settings: Settings, neo4j_uri: str,
                                            loaded_db: GraphDatabaseClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    bodies = []
    with TestClient(create_app(secret_settings, neo4j_uri)) as client:
        for path in ("/health", "/ready", "/openapi.json", "/api/v1/instruments/NOPE", "/api/v1/states?limit=5",
                     "/api/v1/instruments/ICSANT/parties?as_of=bad"):
            bodies.append(client.get(path).text)
        bodies.append(client.post("/api/v1/admin/reload", headers={"Authorization": "Bearer wrong"}).text)
    for secret in (PASSWORD, TOKEN):
        assert all(secret not in body for body in bodies)
        assert secret not in caplog.text
    assert "NEO4J_PASSWORD" not in str(secret_settings)


def test_admin_reload_needs_the_token(secret_settings: Settings, neo4j_uri: str,
                                      loaded_db: GraphDatabaseClient) -> None:
    with TestClient(create_app(secret_settings, neo4j_uri)) as client:
        assert client.post("/api/v1/admin/reload").status_code == 401
        assert client.post("/api/v1/admin/reload", headers={"Authorization": "Bearer nope"}).status_code == 401
        done = client.post("/api/v1/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
        assert done.status_code == 200
        assert done.json()["created"] == 0 and done.json()["unchanged"] > 0


def test_admin_is_off_without_a_token(settings: Settings, neo4j_uri: str, loaded_db: GraphDatabaseClient) -> None:
    with TestClient(create_app(settings, neo4j_uri)) as client:
        response = client.post("/api/v1/admin/reload", headers={"Authorization": "Bearer anything"})
        assert response.status_code == 403
        assert "API_TOKEN" in response.json()["detail"]


def test_cors_is_off_unless_configured(settings: Settings, neo4j_uri: str, loaded_db: GraphDatabaseClient) -> None:
    preflight = {"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"}
    with TestClient(create_app(settings, neo4j_uri)) as client:
        response = client.options("/api/v1/instruments", headers=preflight)
        assert "access-control-allow-origin" not in response.headers
    allowed = settings.model_copy(update={"cors_origins": ["https://elsewhere.example"]})
    with TestClient(create_app(allowed, neo4j_uri)) as client:
        response = client.options("/api/v1/instruments", headers=preflight)
        assert response.headers["access-control-allow-origin"] == "https://elsewhere.example"


@pytest.fixture
def api_process(neo4j_uri: str, loaded_db: GraphDatabaseClient) -> Iterator[str]:
    with serving_process(neo4j_uri) as base_url:
        yield base_url


def test_a_burst_of_2000_requests_at_concurrency_64_has_no_error(api_process: str) -> None:
    paths = ["/api/v1/instruments/ICSANT/parties?limit=20", "/api/v1/states/JPN", "/api/v1/instruments",
             "/health"]
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    with httpx.Client(base_url=api_process, limits=limits, timeout=60) as client:
        def call(n: int) -> int:
            return client.get(paths[n % len(paths)]).status_code

        with ThreadPoolExecutor(max_workers=64) as pool:
            statuses = list(pool.map(call, range(2000)))
    assert len(statuses) == 2000
    assert set(statuses) == {200}



def test_an_idle_connection_outlives_a_clients_keep_alive_expiry(api_process: str) -> None:
    """httpx and most clients drop an idle connection after 5 s; a server that closes it at the same
    moment races them (a reused connection answers nothing). So the server must keep it longer."""
    address = urlsplit(api_process)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
    try:
        statuses = []
        for pause in (httpx.Limits().keepalive_expiry + 1, 0):
            connection.request("GET", "/health")
            response = connection.getresponse()
            response.read()
            statuses.append((response.status, connection.sock))
            time.sleep(pause)
        assert [status for status, _ in statuses] == [200, 200]
        assert statuses[0][1] is statuses[1][1]  # the same connection, reused after the idle time
    finally:
        connection.close()
