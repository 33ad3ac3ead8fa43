"""The loaders read State names through the same table as search (`graph.names`): every variant
that search finds (tests/state_variants.py) is a name the statement parser and the status-table
importer resolve to the same State, and a former State keeps its own code."""

import pytest

from loaders.countries import name_to_iso3
from loaders.statement_loader import statement_catalog
from loaders.statements import parse_statement, resolve_state_name
from loaders.status_table import resolve_participant
from tests.state_variants import AMBIGUOUS, SUCCESSORS, VARIANTS


@pytest.mark.parametrize(("name", "iso3"), sorted(VARIANTS.items()))
def test_the_parser_and_the_importer_resolve_each_variant(name: str, iso3: str) -> None:
    assert name_to_iso3(name) == iso3
    assert resolve_state_name(name) == iso3
    assert resolve_participant(name) == iso3
    assert resolve_participant(f"{name}1, 2") == iso3  # footnote markers of the Treaty Collection


def test_former_states_keep_their_own_codes() -> None:
    for former, successor in SUCCESSORS.items():
        names = [name for name, iso3 in VARIANTS.items() if iso3 == former]
        assert names and all(name_to_iso3(name) == former != successor for name in names)


def test_ambiguous_names_are_not_guessed() -> None:
    for name in AMBIGUOUS:
        assert name_to_iso3(name) is None


def test_codes_are_not_names_to_the_parser() -> None:
    assert name_to_iso3("JPN") is None and name_to_iso3("NL") is None
    assert name_to_iso3("USA") == "USA"  # written as an acronym too, so it is a name as well


def test_a_statement_written_with_variants_parses_to_the_same_states() -> None:
    text = ("Statement\n\nThe Governments of Holland, Viet Nam, Türkiye, the UAE, Burma, Ivory Coast, "
            "Swaziland and the Lao People's Democratic Republic commit to:\n\n- Act.\n")
    parsed = parse_statement(text, statement_catalog())
    assert parsed.states == [VARIANTS[name] for name in ("Holland", "Viet Nam", "Türkiye", "UAE", "Burma",
                                                         "Ivory Coast", "Swaziland",
                                                         "Lao People's Democratic Republic")]
    assert parsed.unknown_names == []
