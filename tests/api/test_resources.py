"""The generic list and detail endpoints against catalog.yaml, treaty_actions.csv and relations.csv."""

import csv
import io

import pytest
from fastapi.testclient import TestClient

from tests.api import API, catalog, expected_state_ids, group_members, is_problem, relations, treaty_actions

PATHS = {
    "legal_instrument": "instruments",
    "organization": "organizations",
    "initiative": "initiatives",
    "guidance": "guidance",
    "commitment": "commitments",
    "event": "events",
    "topic": "topics",
}


def test_every_catalog_kind_has_a_path() -> None:
    assert set(catalog()) == set(PATHS)


@pytest.mark.parametrize("kind", sorted(PATHS))
def test_list_holds_the_catalog(client: TestClient, kind: str) -> None:
    answer = client.get(f"{API}/{PATHS[kind]}", params={"limit": 1000}).json()
    assert answer["total"] == answer["count"] == len(catalog()[kind])
    assert {row["id"] for row in answer["data"]} == {item["id"] for item in catalog()[kind]}
    assert {row["kind"] for row in answer["data"]} == {kind}


def test_states_list(client: TestClient) -> None:
    answer = client.get(f"{API}/states", params={"limit": 1000}).json()
    ids = {row["id"] for row in answer["data"]}
    assert answer["total"] == len(ids) == len(expected_state_ids()) >= 195
    assert ids == expected_state_ids()
    assert {row["iso3"] for row in treaty_actions() if row["iso3"]} <= ids


def test_list_paging_and_csv(client: TestClient) -> None:
    whole = [row["id"] for row in client.get(f"{API}/commitments", params={"limit": 1000}).json()["data"]]
    page = client.get(f"{API}/commitments", params={"limit": 5, "offset": 5}).json()
    assert [row["id"] for row in page["data"]] == whole[5:10]
    assert page["total"] == len(whole)
    response = client.get(f"{API}/commitments", params={"limit": 1000, "format": "csv"})
    assert [row["id"] for row in csv.DictReader(io.StringIO(response.text))] == whole


@pytest.mark.parametrize("node_id", ["COMMUNIQUE_2010", "JS2016_SUSTAINING_ACTION"])
def test_commitment_detail_shows_its_links(client: TestClient, node_id: str) -> None:
    response = client.get(f"{API}/commitments/{node_id}")
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["id"] == node_id
    assert answer["kind"] == "commitment"
    links = {(kind, link["direction"], link["node"]["id"]) for kind, items in answer["links"].items() for link in items}
    expected = {(row["relation"], "out", row["to_id"]) for row in relations() if row["from_id"] == node_id}
    expected |= {(row["relation"], "in", row["from_id"]) for row in relations() if row["to_id"] == node_id}
    expected |= {("SUBSCRIBED_TO", "in", member) for kind in ("state", "organization")
                 for member in group_members(node_id, kind)}
    assert expected
    assert links == expected


def test_subscriptions_carry_their_provenance(client: TestClient) -> None:
    answer = client.get(f"{API}/commitments/JS2016_SUSTAINING_ACTION").json()
    for link in answer["links"]["SUBSCRIBED_TO"]:
        assert link["properties"]["sources"]
        assert link["properties"]["confidence"] in {"confirmed", "derived", "unconfirmed"}


def test_unknown_detail_is_a_problem(client: TestClient) -> None:
    response = client.get(f"{API}/commitments/COMMUNIQUE2010")
    assert is_problem(response, 404)
    assert "COMMUNIQUE_2010" in response.json()["suggestions"]
