"""Experts and industry around the summits, and the subkind filters, against the data files: the shipped
data/, and the same with the third revision's side events (from ../shared/data) loaded beside it."""

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.driver import GraphDatabaseClient
from graph.settings import Settings
from loaders.load import load_paths
from tests.api import API, PROBLEM_JSON, catalog
from tests.conftest import wipe
from tests.side_events import SHARED_DATA, expected_answer, got_answer, write_supplemented


@pytest.fixture
def supplemented(db: GraphDatabaseClient, settings: Settings, neo4j_uri: str,
                 tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    """The shipped data plus the third revision's side events (one dataset folder: the loader plans the States once
    per folder); wiped afterwards, so the next test reloads data/."""
    folder = write_supplemented(tmp_path)
    wipe(db)
    load_paths(db, [folder])
    with TestClient(create_app(settings, neo4j_uri)) as client:
        yield client, folder
    wipe(db)


def test_experts_and_industry_holds_what_the_files_hold(client: TestClient) -> None:
    answer = client.get(f"{API}/experts-and-industry").json()
    assert got_answer(answer) == expected_answer()
    assert "ADMINISTERS" in answer["rule"]
    if not answer["side_events"]:
        assert "No industry or expert side event is on record in the loaded data." in answer["caveats"]


@pytest.mark.parametrize(("path", "kind"), [("organizations", "organization"), ("events", "event"),
                                            ("commitments", "commitment")])
def test_subkind_filters_list_the_catalog_items_of_that_subkind(client: TestClient, path: str, kind: str) -> None:
    for subkind in sorted({item["subkind"] for item in catalog()[kind]}):
        response = client.get(f"{API}/{path}", params={"subkind": subkind, "limit": 1000})
        assert response.status_code == 200
        assert {row["id"] for row in response.json()["data"]} == {
            item["id"] for item in catalog()[kind] if item["subkind"] == subkind}
        assert {row["subkind"] for row in response.json()["data"]} == {subkind}
    everything = client.get(f"{API}/{path}", params={"limit": 1000}).json()
    assert everything["total"] == len(catalog()[kind])


def test_an_unknown_subkind_is_a_problem_naming_the_known_ones(client: TestClient) -> None:
    response = client.get(f"{API}/organizations", params={"subkind": "non_govermental"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    detail = response.json()["detail"]
    assert "did you mean non_governmental" in detail
    assert all(item["subkind"] in detail for item in catalog()["organization"])
    csv_text = client.get(f"{API}/organizations", params={"subkind": "non_governmental", "format": "csv"}).text
    assert {row["subkind"] for row in csv.DictReader(io.StringIO(csv_text))} == {"non_governmental"}


@pytest.mark.skipif(not (SHARED_DATA / "entities.csv").exists(), reason="../shared/data is not beside the worktree")
def test_the_side_events_of_the_third_revision_show_with_their_conveners(
        supplemented: tuple[TestClient, Path]) -> None:
    client, folder = supplemented
    answer = client.get(f"{API}/experts-and-industry").json()
    expected = expected_answer(folder)
    assert got_answer(answer) == expected
    assert expected["events"], "the supplement holds side events"
    assert any(e["summit"] for e in expected["events"].values())
    assert any(e["convened_by"] for e in expected["events"].values())
    unplaced = sorted(e for e, v in expected["events"].items() if v["summit"] is None)
    if unplaced:
        assert f"No link to a summit is on record for {', '.join(unplaced)}." in answer["caveats"]
    side = client.get(f"{API}/events", params={"subkind": "industry_summit"}).json()
    assert {row["id"] for row in side["data"]} == {e for e in expected["events"] if e.startswith("NIS_")}
    industry = client.get(f"{API}/organizations", params={"subkind": "industry_association"}).json()
    assert {row["id"] for row in industry["data"]} == {b for b, s in expected["bodies"].items()
                                                       if s == "industry_association"}
    rows = list(csv.DictReader(io.StringIO(client.get(f"{API}/experts-and-industry",
                                                      params={"format": "csv"}).text)))
    assert {row["event_id"]: row["summit_id"] or None for row in rows} == {
        e: v["summit"] for e, v in expected["events"].items()}
    page = client.get("/viz/experts-and-industry").text
    assert page.count("<tr data-event=") == len(expected["events"])
    assert page.count("<tr data-body=") == len(expected["bodies"])
    overview = client.get(f"{API}/implementation/summits/NSS_2016").json()
    assert {s["commitment"]["id"] for s in overview["statements"]} >= {
        c for e, v in expected["events"].items() if v["summit"] == "NSS_2016" for c in v["statements"]}
