"""nsgraph_client against the live API over real HTTP: every answer is the API's own JSON as a DataFrame,
and what it holds is checked against the data files (graph.dating's rule applied to the CSV rows)."""

import csv
import datetime
from functools import cache
from typing import Any

import httpx
import pandas as pd
import pytest
import yaml

import nsgraph_client.client
from graph.dating import day_status
from graph.runtime import free_port
from loaders.dataset import SHIPPED_DATA_DIR
from nsgraph_client import Client, InvalidRequest, NotFound, NSGraphError, Unavailable

CONSENT_ACTIONS = {"signature", "entry_into_force"}


def _rows(name: str) -> list[dict[str, str]]:
    with (SHIPPED_DATA_DIR / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@cache
def catalog() -> dict[str, list[dict[str, Any]]]:
    return yaml.safe_load((SHIPPED_DATA_DIR / "catalog.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def summit_day(event_id: str) -> str:
    return str(next(event["date"] for event in catalog()["event"] if event["id"] == event_id))


def parties_on(instrument: str, day: str | None) -> set[str]:
    """The States whose consent to the instrument counts on the day, from treaty_actions.csv."""
    return {row["iso3"] or row["state_name"] for row in _rows("treaty_actions.csv")
            if row["instrument_id"] == instrument and row["action"] not in CONSENT_ACTIONS
            and day_status(row["date"] or None, day) == "counts"}


def members_on(group: str, day: str | None) -> set[str]:
    return {row["member_id"] for row in _rows("memberships.csv") if row["group_id"] == group
            and row["member_kind"] == "state" and day_status(row["date_or_year"] or None, day) == "counts"}


def raw(api_url: str, path: str, **params: Any) -> dict[str, Any]:
    """The API's JSON, asked directly (every row on one page)."""
    response = httpx.get(f"{api_url}/api/v1{path}", params={"limit": 1000, **params}, timeout=60)
    response.raise_for_status()
    return response.json()  # type: ignore[no-any-return]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts, NaN (a key absent from some rows) left out, to compare with the JSON."""
    return [{key: value for key, value in row.items() if not (isinstance(value, float) and pd.isna(value))}
            for row in frame.to_dict("records")]


@pytest.mark.parametrize("day", ["2009-12-31", summit_day("NSS_2016"), None])
def test_parties_as_of_a_day_equal_the_apis_json_rows(nsg: Client, api_url: str, day: str | None) -> None:
    frame = nsg.parties("ICSANT", as_of=day)
    body = raw(api_url, "/instruments/ICSANT/parties", **({"as_of": day} if day else {}))
    assert records(frame) == records(pd.json_normalize(body["data"]))
    assert set(frame["state.id"]) == parties_on("ICSANT", day) == {row["state"]["id"] for row in body["data"]}
    assert all(isinstance(cell, list) and cell for cell in frame["sources"])
    assert frame.attrs["as_of"] == day
    assert frame.attrs == {key: value for key, value in body.items() if key not in {"data", "count", "limit", "offset"}}
    assert frame.attrs["total"] == len(frame)


def test_paging_reads_every_page_until_the_total(nsg: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = nsg.parties("CPPNM")
    monkeypatch.setattr(nsgraph_client.client, "PAGE_SIZE", 7)
    paged = nsg.parties("CPPNM")
    assert len(whole) > 7
    assert records(paged) == records(whole)


def test_a_state_profile_is_a_frame_per_list(nsg: Client, api_url: str) -> None:
    day = summit_day("NSS_2016")
    profile = nsg.state("JPN", as_of=day)
    body = raw(api_url, "/states/JPN", as_of=day)
    assert profile.id == profile.info["id"] == "JPN"
    assert profile.as_of == day
    assert profile.exclusions == body.get("exclusions")
    assert profile.info == {key: value for key, value in body.items()
                            if key not in {"instruments", "commitments", "events", "memberships", "topics"}}
    assert list(profile.instruments["instrument.id"]) == [item["instrument"]["id"] for item in body["instruments"]]
    for name in ("commitments", "events", "memberships"):
        assert list(getattr(profile, name)["node.id"]) == [item["node"]["id"] for item in body[name]], name
    assert list(profile.topics["topic.id"]) == [item["topic"]["id"] for item in body["topics"]]
    party = set(profile.instruments.loc[profile.instruments["status"] == "party", "instrument.id"])
    assert party == {instrument for instrument in ("CPPNM", "A_CPPNM", "ICSANT")
                     if "JPN" in parties_on(instrument, day)}
    assert set(profile.events["node.id"]) >= {"NSS_2016"}
    assert profile.events.attrs["as_of"] == day


def test_a_name_resolves_to_the_state(nsg: Client) -> None:
    assert nsg.state("Japan").id == "JPN"


def test_backing_as_of_a_summit_holds_its_participants_party_facts(nsg: Client) -> None:
    day = summit_day("NSS_2016")
    frame = nsg.backing(instruments=["ICSANT", "CPPNM"], group="NSS_2016", as_of=day)
    assert set(frame["state.id"]) == members_on("NSS_2016", day)
    party = set(frame.loc[frame["cells.ICSANT.status"] == "party", "state.id"])
    assert party == members_on("NSS_2016", day) & parties_on("ICSANT", day)
    assert [item["id"] for item in frame.attrs["instruments"]] == ["ICSANT", "CPPNM"]
    totals = {item["instrument"]["id"]: item["parties"] for item in frame.attrs["totals"]}
    assert totals["ICSANT"] == len(party)


def test_a_universalization_gap_is_the_members_with_no_party_fact(nsg: Client, api_url: str) -> None:
    frame = nsg.gaps.universalization("ICSANT", group="NSS_2016")
    body = raw(api_url, "/gaps/universalization", instrument="ICSANT", group="NSS_2016")
    assert records(frame) == records(pd.json_normalize(body["data"]))
    assert set(frame["state.id"]) == members_on("NSS_2016", None) - parties_on("ICSANT", None)
    assert frame.attrs["caveats"] == body["caveats"]
    assert frame.attrs["parties_known"] == body["parties_known"]


def test_a_gap_as_of_a_day_is_answered_for_that_day_or_refused(nsg: Client, api_url: str) -> None:
    """A server whose gap route has no `as_of` would answer for today: the client refuses rather than mislead."""
    day = summit_day("NSS_2016")
    body = raw(api_url, "/gaps/universalization", instrument="ICSANT", group="NSS_2016", as_of=day)
    if "as_of" not in body:
        with pytest.raises(InvalidRequest, match="does not answer as of a day"):
            nsg.gaps.universalization("ICSANT", group="NSS_2016", as_of=day)
        return
    frame = nsg.gaps.universalization("ICSANT", group="NSS_2016", as_of=day)
    assert frame.attrs["as_of"] == day
    assert records(frame) == records(pd.json_normalize(body["data"]))


def test_the_other_gaps_are_frames_of_the_apis_rows(nsg: Client, api_url: str) -> None:
    for frame, path, params in ((nsg.gaps.amendment(), "/gaps/amendment", {}),
                                (nsg.gaps.commitments("ICSANT", today="2025-01-01"), "/gaps/commitments",
                                 {"instrument": "ICSANT", "today": "2025-01-01"}),
                                (nsg.gaps.topics(), "/gaps/topics", {}),
                                (nsg.gaps.what_if("JPN"), "/gaps/what-if/JPN", {})):
        body = raw(api_url, path, **params)
        assert len(frame) == body["total"], path
        assert records(frame) == records(pd.json_normalize(body["data"])), path


def test_search_finds_by_short_name_and_kind(nsg: Client) -> None:
    hits = nsg.search("ICSANT")
    assert hits["id"].iloc[0] == "ICSANT"
    assert bool(hits["exact"].iloc[0])
    assert hits.attrs["query"] == "ICSANT"
    states = nsg.search("Japan", kind="state")
    assert "JPN" in set(states["id"])
    assert set(states["kind"]) == {"state"}


def test_instruments_and_sources_list_every_row(nsg: Client) -> None:
    instruments = nsg.instruments()
    assert set(instruments["id"]) == {item["id"] for item in catalog()["legal_instrument"]}
    sources = nsg.sources()
    assert len(sources) == sources.attrs["total"]
    assert {"UNTC_ICSANT_STATUS_2025"} <= set(sources["id"])


def test_an_unknown_id_is_not_found_with_suggestions(nsg: Client) -> None:
    with pytest.raises(NotFound) as caught:
        nsg.parties("ICSAN")
    assert "ICSANT" in caught.value.suggestions
    assert caught.value.status == 404
    assert isinstance(caught.value, NSGraphError)


@pytest.mark.parametrize("day", ["2016-13-45", "0", "yesterday"])
def test_an_invalid_as_of_is_an_invalid_request(nsg: Client, day: str) -> None:
    with pytest.raises(InvalidRequest) as caught:
        nsg.parties("ICSANT", as_of=day)
    assert caught.value.status == 422
    assert any("as_of" in error["loc"] for error in caught.value.errors)


def test_a_date_object_is_an_iso_day(nsg: Client) -> None:
    day = datetime.date.fromisoformat(summit_day("NSS_2016"))
    assert nsg.parties("ICSANT", as_of=day).attrs["as_of"] == day.isoformat()


def test_no_server_is_unavailable() -> None:
    with Client(f"http://127.0.0.1:{free_port()}", timeout=5) as client, pytest.raises(Unavailable):
        client.instruments()


def _implementation_route_missing(api_url: str, path: str) -> bool:
    """A 404 for the route itself carries no `suggestions` (those come with an unknown id)."""
    response = httpx.get(f"{api_url}/api/v1{path}", timeout=60)
    return response.status_code == 404 and "suggestions" not in response.json()


@pytest.mark.parametrize(("commitment", "state"), [("JS2016_SUSTAINING_ACTION", None), (None, "JPN")])
def test_implementation_is_a_frame_of_the_apis_rows(nsg: Client, api_url: str, commitment: str | None,
                                                    state: str | None) -> None:
    path = f"/commitments/{commitment}/implementation" if commitment else f"/states/{state}/implementation"
    if _implementation_route_missing(api_url, path):
        pytest.skip(f"GET /api/v1{path} is not a route on this branch yet (issue 16 part 2 is built elsewhere)")
    day = summit_day("NSS_2016")
    frame = nsg.implementation(commitment, state=state, as_of=day)
    body = raw(api_url, path, as_of=day)
    assert records(frame) == records(pd.json_normalize(body["data"]))
    assert frame.attrs["as_of"] == day


def test_implementation_asks_for_one_of_commitment_or_state(nsg: Client) -> None:
    with pytest.raises(ValueError, match="exactly one"):
        nsg.implementation("JS2016_SUSTAINING_ACTION", state="JPN")


@pytest.mark.parametrize(("kind", "node_id"), [("state", "JPN"), ("instrument", "ICSANT"), ("node", "NSCG")])
def test_view_shows_the_network_page(nsg: Client, kind: str, node_id: str) -> None:
    shown = nsg.view(kind, node_id)  # type: ignore[arg-type]
    url = shown if isinstance(shown, str) else shown.src  # an IFrame in Jupyter, the URL without IPython
    assert url == f"{nsg.base_url}/viz/{kind}/{node_id}"
    page = httpx.get(url, follow_redirects=True, timeout=60)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert node_id in page.text


def test_view_refuses_an_unknown_kind(nsg: Client) -> None:
    with pytest.raises(ValueError, match="no page of kind"):
        nsg.view("galaxy", "JPN")  # type: ignore[arg-type]
