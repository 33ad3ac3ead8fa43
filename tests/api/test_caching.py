"""Answers cached per graph version: a repeated read is a cache hit with the same ETag, `If-None-Match`
answers 304 with no body, gzip decodes to the same JSON, and a load made by another process moves
the ETag at the next poll of the version (at most a second) with the new answer."""

import csv
import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.caching import VersionWatcher
from graph.driver import GraphDatabaseClient
from graph.settings import Settings
from loaders.dataset import SHIPPED_DATA_DIR

PARTIES = "/api/v1/instruments/ICSANT/parties"
BACKING = "/api/v1/backing?instrument=ICSANT&instrument=A_CPPNM&group=NSCG"


def test_a_second_identical_request_is_served_from_the_cache(client: TestClient) -> None:
    first = client.get(BACKING)
    second = client.get(BACKING)
    assert first.status_code == second.status_code == 200
    assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit")
    assert first.headers["etag"] == second.headers["etag"]
    assert first.json() == second.json()
    reordered = client.get("/api/v1/backing?group=NSCG&instrument=ICSANT&instrument=A_CPPNM")
    assert reordered.headers["x-cache"] == "hit"
    assert reordered.headers["etag"] == first.headers["etag"]
    swapped = client.get("/api/v1/backing?group=NSCG&instrument=A_CPPNM&instrument=ICSANT")
    assert swapped.headers["x-cache"] == "miss"  # the matrix's columns follow the order asked for
    assert client.app.state.response_cache.hits >= 2  # type: ignore[attr-defined]


def test_concurrent_identical_requests_compute_the_answer_once(client: TestClient) -> None:
    path = "/api/v1/gaps/universalization?instrument=ICSANT&group=NSS_2016"
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(lambda _: client.get(path).headers["x-cache"], range(16)))
    assert sorted(outcomes) == ["hit"] * 15 + ["miss"]


def test_if_none_match_gives_304_with_no_body(client: TestClient) -> None:
    etag = client.get(PARTIES).headers["etag"]
    revalidated = client.get(PARTIES, headers={"If-None-Match": etag})
    assert revalidated.status_code == 304
    assert revalidated.content == b""
    assert revalidated.headers["etag"] == etag
    assert client.get(PARTIES, headers={"If-None-Match": '"something-else"'}).status_code == 200
    assert client.head(PARTIES).headers["etag"] == etag


def test_answers_carry_cache_headers_and_are_never_cached_for_health_or_errors(client: TestClient) -> None:
    answer = client.get(PARTIES)
    assert answer.headers["cache-control"] == "public, no-cache"
    assert "Accept-Encoding" in answer.headers["vary"]
    assert answer.headers["x-graph-version"].isdigit()
    assert "x-cache" not in client.get("/health").headers
    invalid = client.get("/api/v1/instruments/ICSANT/parties?limit=0")
    invalid_again = client.get("/api/v1/instruments/ICSANT/parties?limit=0")
    assert invalid.status_code == invalid_again.status_code == 422
    assert invalid_again.headers["x-cache"] == "bypass"
    assert "etag" not in invalid.headers
    missing = client.get("/api/v1/instruments/ICSAN")
    assert missing.status_code == 404 and "etag" not in missing.headers
    assert client.get("/api/v1/instruments/ICSAN").headers["x-cache"] == "hit"


@pytest.mark.parametrize("path", [PARTIES, f"{BACKING}&format=csv", "/viz/instrument/ICSANT",
                                  "/static/vis/vis-network.min.js"])
def test_compressed_answers_decode_to_the_same_body(client: TestClient, path: str) -> None:
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    with client.stream("GET", path, headers={"Accept-Encoding": "gzip"}) as zipped:
        assert zipped.headers["content-encoding"] == "gzip"
        body = gzip.decompress(b"".join(zipped.iter_raw()))
        assert zipped.headers["etag"] != plain.headers["etag"]  # a strong tag per representation
    assert body == plain.content
    if path == PARTIES:
        assert json.loads(body) == plain.json()


def test_static_assets_are_tagged_by_content_and_kept_a_day(client: TestClient) -> None:
    asset = client.get("/static/vis/nsgraph.js")
    assert asset.headers["cache-control"] == "public, max-age=86400"
    assert client.get("/static/vis/nsgraph.js", headers={"If-None-Match": asset.headers["etag"]}).status_code == 304
    assert client.get("/static/vis/missing.js").status_code == 404


def wait_for_a_poll_begun_now(watcher: VersionWatcher) -> None:
    """Returns once a read of the version that began after this call has completed (no timing)."""
    seen = watcher.polls
    while watcher.polls < seen + 2:
        time.sleep(0.02)


def dataset_with_one_more_party(db: GraphDatabaseClient, target: Path) -> str:
    """A copy of the shipped data where one more State (one with no ICSANT row) accedes to ICSANT."""
    shutil.copytree(SHIPPED_DATA_DIR, target)
    actions = target / "treaty_actions.csv"
    with actions.open(encoding="utf-8") as rows:
        acting = {row["iso3"] for row in csv.DictReader(rows) if row["instrument_id"] == "ICSANT"}
    state = next(row for row in db.read("MATCH (s:State) RETURN s.id AS id, s.name AS name ORDER BY id")
                 if row["id"] not in acting)
    with actions.open("a", encoding="utf-8") as rows:
        rows.write(f"ICSANT,{state['id']},{state['name']},accession,2026-01-05,UNTC_ICSANT_XML,,confirmed,\n")
    return str(state["id"])


def test_a_load_by_another_process_changes_the_etag_at_the_next_poll(
        client: TestClient, loaded_db: GraphDatabaseClient, neo4j_uri: str, tmp_path: Path) -> None:
    before = client.get(PARTIES, params={"limit": 1000})
    assert client.get(PARTIES, params={"limit": 1000}).headers["x-cache"] == "hit"
    new_party = dataset_with_one_more_party(loaded_db, tmp_path / "data")
    nsgraph = Path(sys.executable).with_name("nsgraph")
    subprocess.run([str(nsgraph), "load", str(tmp_path / "data")], env={**os.environ, "NEO4J_URI": neo4j_uri},
                   check=True, capture_output=True)
    wait_for_a_poll_begun_now(client.app.state.version_watcher)  # type: ignore[attr-defined]
    after = client.get(PARTIES, params={"limit": 1000})
    assert after.headers["x-cache"] == "miss"
    assert after.headers["etag"] != before.headers["etag"]
    assert int(after.headers["x-graph-version"]) == int(before.headers["x-graph-version"]) + 1
    assert after.json()["total"] == before.json()["total"] + 1
    assert new_party in {row["state"]["id"] for row in after.json()["data"]}
    assert new_party not in {row["state"]["id"] for row in before.json()["data"]}
    stale = client.get(PARTIES, params={"limit": 1000}, headers={"If-None-Match": before.headers["etag"]})
    assert stale.status_code == 200


def test_with_the_cache_off_answers_still_carry_validators(settings: Settings, neo4j_uri: str,
                                                           loaded_db: GraphDatabaseClient) -> None:
    off = settings.model_copy(update={"response_cache_mb": 0})
    with TestClient(create_app(off, neo4j_uri)) as client:
        first, second = client.get(PARTIES), client.get(PARTIES)
        assert first.headers["x-cache"] == second.headers["x-cache"] == "bypass"
        assert first.headers["etag"] == second.headers["etag"]
        assert client.get(PARTIES, headers={"If-None-Match": first.headers["etag"]}).status_code == 304


def test_an_admin_reload_through_this_process_is_seen_by_its_next_read(settings: Settings, neo4j_uri: str,
                                                                        loaded_db: GraphDatabaseClient) -> None:
    admin = settings.model_copy(update={"api_token": SecretStr("secret")})
    with TestClient(create_app(admin, neo4j_uri)) as client:
        before = client.get(PARTIES)
        reloaded = client.post("/api/v1/admin/reload", headers={"Authorization": "Bearer secret"})
        assert reloaded.status_code == 200
        after = client.get(PARTIES)  # no waiting for the poll: the reload's answer came after the version was read
        assert after.headers["etag"] != before.headers["etag"]
        assert after.headers["x-cache"] == "miss"
        assert after.json() == before.json()  # the shipped data again: same facts, new version
