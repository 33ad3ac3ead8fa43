"""API tests. The expected answers are read here straight from the shipped files with plain
`csv` and `yaml` (and country_converter for regions), never through the loaders or the graph,
so that a loader or query bug shows up as a difference."""

import csv
import logging
import re
from functools import cache
from pathlib import Path
from typing import Any

import country_converter as coco
import yaml

from graph.dating import day_status

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
API = "/api/v1"
NOT_CONSENT = {"signature", "entry_into_force"}
OBSERVER_STATES = {"VAT", "PSE"}
PROBLEM_JSON = "application/problem+json"


@cache
def _rows(file_name: str) -> tuple[dict[str, str], ...]:
    with (DATA_DIR / file_name).open(encoding="utf-8", newline="") as handle:
        return tuple({key: (value or "").strip() for key, value in row.items()} for row in csv.DictReader(handle))


def treaty_actions() -> tuple[dict[str, str], ...]:
    return _rows("treaty_actions.csv")


def memberships() -> tuple[dict[str, str], ...]:
    return _rows("memberships.csv")


def relations() -> tuple[dict[str, str], ...]:
    return _rows("relations.csv")


def sources() -> tuple[dict[str, str], ...]:
    return _rows("sources.csv")


@cache
def catalog() -> dict[str, list[dict[str, Any]]]:
    return yaml.safe_load((DATA_DIR / "catalog.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def catalog_ids(kind: str) -> set[str]:
    return {item["id"] for item in catalog()[kind]}


@cache
def coverage() -> list[dict[str, Any]]:
    return yaml.safe_load((DATA_DIR / "coverage.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def stated(of: str, list_name: str) -> int:
    [entry] = [entry for entry in coverage() if entry["of"] == of and entry["list"] == list_name]
    return int(entry["stated_count"])


def cited(row: dict[str, str], key: str = "source_id") -> list[str]:
    """The row's source plus the `also_in=A;B` ids of its note: the sources a fact should carry."""
    found = [row[key]]
    for match in re.finditer(r"also_in=([A-Z0-9_;]+)", row.get("note", "")):
        found += [part for part in match.group(1).split(";") if part and part not in found]
    return found


def party_id(row: dict[str, str]) -> str:
    return row["iso3"] or row["state_name"]


def actions(instrument: str, party: str) -> dict[str, dict[str, str]]:
    """A party's rows for one instrument, keyed 'signature', 'consent' and 'entry_into_force'."""
    found: dict[str, dict[str, str]] = {}
    for row in treaty_actions():
        if row["instrument_id"] == instrument and party_id(row) == party:
            key = row["action"] if row["action"] in NOT_CONSENT else "consent"
            assert key not in found, f"two {key} rows for {party} / {instrument}"
            found[key] = row
    return found


def consenting(instrument: str, as_of: str | None = None) -> set[str]:
    """Parties to an instrument: a consent row, dated on or before `as_of` when that is given."""
    return {party_id(row) for row in treaty_actions() if row["instrument_id"] == instrument
            and row["action"] not in NOT_CONSENT and (as_of is None or (row["date"] and row["date"] <= as_of))}


def signing(instrument: str, as_of: str | None = None) -> set[str]:
    return {party_id(row) for row in treaty_actions() if row["instrument_id"] == instrument
            and row["action"] == "signature" and (as_of is None or (row["date"] and row["date"] <= as_of))}


def group_members(group: str, kind: str = "state", as_of: str | None = None) -> set[str]:
    """The group's members in the files; with `as_of`, those whose membership date counts that day."""
    return {row["member_id"] for row in memberships() if row["group_id"] == group and row["member_kind"] == kind
            and day_status(row["date_or_year"] or None, as_of) == "counts"}


@cache
def _countries() -> Any:
    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return coco.CountryConverter().data.set_index("ISO3")


def un_region(iso3: str) -> str | None:
    """The UN region as the product names it: country_converter's continent, 'America' read 'Americas'."""
    table = _countries()
    if iso3 not in table.index:
        return None
    continent = str(table.loc[iso3, "continent"])
    return "Americas" if continent == "America" else continent


def expected_state_ids() -> set[str]:
    """UN members and the two observer States, plus every other State id that a fact uses."""
    table = _countries()
    members = set(table.index[table["UNmember"].notna()])
    used = {row["iso3"] for row in treaty_actions() if row["iso3"]}
    used |= {row["member_id"] for row in memberships() if row["member_kind"] == "state"}
    return members | OBSERVER_STATES | used


def is_problem(response: Any, status: int) -> bool:
    return response.status_code == status and response.headers["content-type"].startswith(PROBLEM_JSON)
