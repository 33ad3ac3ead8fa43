"""The State name table on its own: every library name and code resolves to its State, the
project's additions are sourced, ambiguous names answer with every candidate, and a former State
is never answered by its successor."""

import csv
import logging

import country_converter as coco
import pycountry
import pytest
import yaml

from graph.names import ADDITIONS_FILE, name_key, pattern_matches, state_names
from tests.conftest import REPO_ROOT
from tests.state_variants import AMBIGUOUS, SUCCESSORS, VARIANTS


def _library_names() -> list[tuple[str, str]]:
    logging.getLogger("country_converter").setLevel(logging.ERROR)
    data = coco.CountryConverter().data
    pairs = [(str(name), str(row.ISO3)) for row in data.itertuples() for name in (row.name_short, row.name_official)]
    pairs += [(str(getattr(country, field)), country.alpha_3) for country in pycountry.countries
              for field in ("name", "official_name", "common_name") if hasattr(country, field)]
    return pairs


def test_at_least_sixty_variants_are_pinned() -> None:
    assert len(VARIANTS) >= 60


@pytest.mark.parametrize(("name", "iso3"), sorted(VARIANTS.items()))
def test_each_variant_resolves_to_its_state(name: str, iso3: str) -> None:
    assert state_names().resolve(name).ids == (iso3,)


def test_every_library_name_and_code_resolves_to_its_state() -> None:
    table = state_names()
    wrong = [(name, iso3, table.resolve(name).ids) for name, iso3 in _library_names()
             if table.resolve(name).ids != (iso3,)]
    assert wrong == []
    for country in pycountry.countries:
        assert table.resolve(country.alpha_2.lower()).ids == (country.alpha_3,)
        assert table.resolve(country.alpha_3).ids == (country.alpha_3,)


@pytest.mark.parametrize(("former", "successor"), sorted(SUCCESSORS.items()))
def test_a_former_state_is_not_answered_by_its_successor(former: str, successor: str) -> None:
    table = state_names()
    for name in table.names_of(former):
        assert table.resolve(name).ids == (former,), name
        assert table.resolve(f"the former {name}").ids == (former,), name  # the successor's pattern is not asked
    assert successor not in table.resolve(f"former {table.names_of(former)[0]}").ids


@pytest.mark.parametrize(("name", "candidates"), sorted(AMBIGUOUS.items()))
def test_an_ambiguous_name_answers_with_every_candidate(name: str, candidates: set[str]) -> None:
    resolution = state_names().resolve(name)
    assert resolution.ambiguous and set(resolution.ids) == candidates and resolution.state is None


def test_unknown_names_resolve_to_nothing() -> None:
    for name in ("Freedonia", "nuclear security", "", "Contact Group"):
        assert state_names().resolve(name).ids == ()


def test_keys_ignore_case_accents_punctuation_and_articles() -> None:
    assert name_key("Côte d\u2019Ivoire") == name_key("COTE D'IVOIRE") == "cote divoire"
    assert name_key("Korea, Republic of") == name_key("Korea (Republic of)")
    assert name_key("U.S.A.") == name_key("USA") and name_key("St. Lucia") == name_key("Saint Lucia")
    assert name_key("The Gambia") == name_key("Gambia")


def test_every_addition_is_sourced() -> None:
    with (REPO_ROOT / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        source_ids = {row["source_id"] for row in csv.DictReader(handle)}
    additions = yaml.safe_load(ADDITIONS_FILE.read_text(encoding="utf-8"))
    for item in additions["names"]:
        source = item["source"]
        assert source == "country_converter" or source in source_ids or source.startswith("https://"), item
        if source == "country_converter":
            assert item["state"] in pattern_matches(item["name"]), item


def test_renamed_entries_follow_iso_3166_3() -> None:
    table = state_names()
    for historic in ("BUR", "ZAR", "TMP", "HVO", "DHY", "NHB"):
        former = pycountry.historic_countries.get(alpha_3=historic)
        successor = pycountry.countries.get(alpha_2=former.alpha_4[2:])
        assert table.resolve(historic).ids == (successor.alpha_3,)


def test_size_per_source_is_recorded() -> None:
    size = state_names().size()
    assert size["country_converter names"] > 400 and size["pycountry names"] > 400
    assert sum(size.values()) == len(state_names().entries)
