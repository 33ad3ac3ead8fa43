"""`/backing`, the States x instruments matrix, against the shipped files."""

import csv
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api import API, actions, cited, expected_state_ids, group_members, is_problem, un_region

BACKING = f"{API}/backing"
NSS_2016 = {"instrument": ["ICSANT", "A_CPPNM"], "group": "NSS_2016"}


def matrix(client: TestClient, params: dict[str, Any]) -> dict[str, Any]:
    response = client.get(BACKING, params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def expected_cell(instrument: str, iso3: str, as_of: str | None = None) -> dict[str, Any]:
    """The cell that the files imply; with `as_of`, undated or later facts do not count."""
    rows = actions(instrument, iso3)

    def counts(row: dict[str, str] | None) -> bool:
        return row is not None and (as_of is None or bool(row["date"] and row["date"] <= as_of))

    consent = rows.get("consent") if counts(rows.get("consent")) else None
    signature = rows.get("signature") if counts(rows.get("signature")) else None
    in_force = rows.get("entry_into_force")
    return {
        "status": "party" if consent else "signatory" if signature else "none",
        "since": consent["date"] or None if consent else None,
        "via": consent["action"] if consent else None,
        "entry_into_force": in_force["date"] or None if consent and in_force else None,
        "signature_date": signature["date"] or None if signature else None,
        "sources": list(dict.fromkeys((cited(consent) if consent else []) + (cited(signature) if signature else []))),
    }


def cell_facts(cell: dict[str, Any]) -> dict[str, Any]:
    return {key: cell[key] for key in ("status", "since", "via", "entry_into_force", "signature_date", "sources")}


@pytest.mark.parametrize("as_of", [None, "2006-06-30", "2016-03-31", "2016-04-01"])
def test_nss_2016_matrix_equals_the_files(client: TestClient, as_of: str | None) -> None:
    """As of a day, the group is its members that day (none before the summit) and the cells that day's facts."""
    members = group_members("NSS_2016", as_of=as_of)
    assert len(members) > 40 or as_of is not None
    answer = matrix(client, NSS_2016 | ({"as_of": as_of} if as_of else {}))
    assert answer["total"] == len(answer["data"]) == len(members)
    assert {row["state"]["id"] for row in answer["data"]} == members
    assert [ref["id"] for ref in answer["instruments"]] == ["ICSANT", "A_CPPNM"]
    assert answer["group"]["id"] == "NSS_2016"
    for row in answer["data"]:
        assert list(row["cells"]) == ["ICSANT", "A_CPPNM"]
        for instrument, cell in row["cells"].items():
            assert cell_facts(cell) == expected_cell(instrument, row["state"]["id"], as_of), (row["state"]["id"],
                                                                                            instrument)
    totals = {total["instrument"]["id"]: total for total in answer["totals"]}
    for instrument in ("ICSANT", "A_CPPNM"):
        statuses = [expected_cell(instrument, iso3, as_of)["status"] for iso3 in members]
        assert totals[instrument]["parties"] == statuses.count("party")
        assert totals[instrument]["signatories"] == statuses.count("signatory")
        assert totals[instrument]["none"] == statuses.count("none")


def test_as_of_flags_undated_facts(client: TestClient) -> None:
    answer = matrix(client, NSS_2016 | {"as_of": "2030-01-01"})
    for row in answer["data"]:
        for instrument, cell in row["cells"].items():
            consent = actions(instrument, row["state"]["id"]).get("consent")
            assert cell["undated_excluded"] == bool(consent and not consent["date"]), (row["state"]["id"], instrument)
    totals = {total["instrument"]["id"]: total["undated_excluded"] for total in answer["totals"]}
    assert totals["A_CPPNM"] > 0


def test_nss_2016_csv(client: TestClient) -> None:
    response = client.get(BACKING, params=NSS_2016 | {"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {"state.id", "ICSANT.status", "ICSANT.since", "A_CPPNM.status", "A_CPPNM.sources"} <= set(rows[0])
    assert {row["state.id"] for row in rows} == group_members("NSS_2016")
    for row in rows:
        for instrument in ("ICSANT", "A_CPPNM"):
            expected = expected_cell(instrument, row["state.id"])
            assert row[f"{instrument}.status"] == expected["status"]
            assert row[f"{instrument}.since"] == (expected["since"] or "")
            assert row[f"{instrument}.sources"] == ";".join(expected["sources"])


def test_default_is_every_state_and_three_conventions(client: TestClient) -> None:
    answer = matrix(client, {})
    assert [ref["id"] for ref in answer["instruments"]] == ["CPPNM", "A_CPPNM", "ICSANT"]
    assert {row["state"]["id"] for row in answer["data"]} == expected_state_ids()
    assert answer["total"] == len(expected_state_ids())


def test_explicit_states_region_and_paging(client: TestClient) -> None:
    answer = matrix(client, {"state": ["nzl", "JPN", "KEN"], "instrument": "ICSANT"})
    assert {row["state"]["id"] for row in answer["data"]} == {"NZL", "JPN", "KEN"}
    africa = {iso3 for iso3 in expected_state_ids() if un_region(iso3) == "Africa"}
    answer = matrix(client, {"region": "Africa", "instrument": "CPPNM"})
    assert {row["state"]["id"] for row in answer["data"]} == africa
    page = matrix(client, {"region": "Africa", "instrument": "CPPNM", "limit": 10, "offset": 10})
    assert page["total"] == len(africa)
    assert [row["state"]["id"] for row in page["data"]] == [row["state"]["id"] for row in answer["data"]][10:20]
    assert page["totals"] == answer["totals"]


@pytest.mark.parametrize(("params", "suggested"), [
    ({"instrument": "ICSAN"}, "ICSANT"),
    ({"group": "NSS2016"}, "NSS_2016"),
    ({"state": "JPX"}, "JPN"),
])
def test_unknown_ids_suggest(client: TestClient, params: dict[str, str], suggested: str) -> None:
    response = client.get(BACKING, params=params)
    assert is_problem(response, 404)
    assert suggested in response.json()["suggestions"]


def test_invalid_as_of_is_a_problem(client: TestClient) -> None:
    assert is_problem(client.get(BACKING, params={"as_of": "notadate"}), 422)
