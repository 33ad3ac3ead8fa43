"""`/instruments/{id}/parties` against the shipped files: as_of, status, region, paging, CSV, completeness, errors."""

import csv
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api import API, consenting, is_problem, signing, stated, un_region

PARTIES = f"{API}/instruments/ICSANT/parties"


def ids(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return [row["state"]["id"] for row in response.json()["data"]]


def test_icsant_parties_as_of_2010(client: TestClient) -> None:
    expected = consenting("ICSANT", as_of="2010-01-01")
    assert expected, "the files name ICSANT parties before 2010"
    answer = client.get(PARTIES, params={"as_of": "2010-01-01"}).json()
    assert {row["state"]["id"] for row in answer["data"]} == expected
    assert all(row["consent_date"] <= "2010-01-01" for row in answer["data"])
    assert answer["undated_excluded"] == len(consenting("ICSANT")) - len(
        consenting("ICSANT", as_of="9999-12-31"))


def test_icsant_signatories_are_those_that_signed_without_consent(client: TestClient) -> None:
    expected = signing("ICSANT") - consenting("ICSANT")
    assert expected
    response = client.get(PARTIES, params={"status": "signatory"})
    assert set(ids(response)) == expected
    assert {row["status"] for row in response.json()["data"]} == {"signatory"}


def test_all_parties_without_as_of(client: TestClient) -> None:
    assert set(ids(client.get(PARTIES))) == consenting("ICSANT")


def test_region_africa(client: TestClient) -> None:
    expected = {party for party in consenting("ICSANT") if un_region(party) == "Africa"}
    assert expected
    answer = client.get(PARTIES, params={"region": "Africa"}).json()
    assert {row["state"]["id"] for row in answer["data"]} == expected
    assert {row["state"]["un_region"] for row in answer["data"]} == {"Africa"}


def test_pagination_walks_the_same_ordering(client: TestClient) -> None:
    whole = client.get(PARTIES, params={"status": "any"}).json()
    assert whole["total"] == len(consenting("ICSANT") | signing("ICSANT"))
    walked: list[str] = []
    for offset in range(0, whole["total"] + 25, 25):
        page = client.get(PARTIES, params={"status": "any", "limit": 25, "offset": offset}).json()
        assert page["total"] == whole["total"]
        assert page["count"] == len(page["data"]) <= 25
        assert (page["limit"], page["offset"]) == (25, offset)
        walked += [row["state"]["id"] for row in page["data"]]
    assert walked == [row["state"]["id"] for row in whole["data"]]


def test_csv_has_the_same_rows(client: TestClient) -> None:
    response = client.get(PARTIES, params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    json_rows = client.get(PARTIES).json()["data"]
    assert [row["state.id"] for row in rows] == [row["state"]["id"] for row in json_rows]
    assert [row["consent_date"] for row in rows] == [row["consent_date"] or "" for row in json_rows]
    assert [row["sources"] for row in rows] == [";".join(row["sources"]) for row in json_rows]


def test_completeness_known_versus_stated(client: TestClient) -> None:
    lists = {entry["list"]: entry for entry in client.get(PARTIES).json()["completeness"]}
    assert lists["parties"]["known"] == len(consenting("ICSANT"))
    assert lists["parties"]["stated"] == stated("ICSANT", "parties") == 127
    assert f"{len(consenting('ICSANT'))} of 127 parties known" in lists["parties"]["summary"]
    assert lists["signatories"]["known"] == len(signing("ICSANT"))
    assert lists["signatories"]["stated"] == stated("ICSANT", "signatories")


def test_unknown_instrument_suggests(client: TestClient) -> None:
    response = client.get(f"{API}/instruments/ICSAN/parties")
    assert is_problem(response, 404)
    assert "ICSANT" in response.json()["suggestions"]


@pytest.mark.parametrize("params", [{"as_of": "notadate"}, {"status": "bogus"}])
def test_invalid_parameters_are_problems(client: TestClient, params: dict[str, str]) -> None:
    response = client.get(PARTIES, params=params)
    assert is_problem(response, 422)
    assert response.json()["errors"][0]["loc"][-1] == next(iter(params))
