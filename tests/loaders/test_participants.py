"""Participant lists as documents write them: every unmatched span reported with its line, ambiguous
ones with their candidates, each list with the role its introduction gives; INFCIRC communications."""

import datetime
from functools import cache

import pytest

from graph.errors import LoadError
from loaders.infcirc import is_infcirc, parse_infcirc
from loaders.participants import resolve_name
from loaders.statement_loader import statement_catalog
from loaders.statements import StatementCatalog, StatementParseError, parse_statement


@cache
def catalog() -> StatementCatalog:
    return statement_catalog()


def test_unmatched_names_keep_their_lines() -> None:
    text = "Joint Statement on Sources\nApril 1, 2016\n\nParticipating States:\n\nJapan\nChile\nFreedonia\nNorway\n"
    parsed = parse_statement(text, catalog())
    assert parsed.states == ["JPN", "CHL", "NOR"]
    assert [(item.name, item.line) for item in parsed.unmatched] == [("Freedonia", 8)]
    assert parsed.unknown_names == ["Freedonia"]


def test_an_unknown_line_of_a_column_is_reported_and_the_column_goes_on() -> None:
    text = "Joint Statement on Sources\n\nParticipating States:\n\nJapan\nFreedonia / Sylvania\nNorway\n"
    parsed = parse_statement(text, catalog())
    assert parsed.states == ["JPN", "NOR"]
    assert [(item.name, item.line) for item in parsed.unmatched] == [("Freedonia / Sylvania", 6)]


def test_an_ambiguous_name_lists_its_candidates() -> None:
    """The library's patterns of two States match and it names neither: both are the candidates."""
    resolved = resolve_name("Republic of the Congo and Gabon", catalog().organizations)
    assert (resolved.kind, resolved.id, resolved.candidates) == ("unmatched", None, ("COG", "GAB"))


def test_several_lists_each_with_its_role() -> None:
    text = ("Joint Statement by Chile, Japan and Norway on Sources\nApril 1, 2016\n\n"
            "We commit to secure sources.\n\n"
            "The following organizations attended as observers: the International Atomic Energy Agency and "
            "INTERPOL.\n\nThe following additional States have since subscribed: Kingdom of the Netherlands; "
            "Korea, Republic of; and Iran (Islamic Republic of).\n")
    parsed = parse_statement(text, catalog())
    assert [(found.role, found.line, found.states, found.organizations) for found in parsed.participant_lists] == [
        ("subscriber", 1, ["CHL", "JPN", "NOR"], []),
        ("observer", 6, [], ["IAEA", "INTERPOL"]),
        ("subscriber", 8, ["NLD", "KOR", "IRN"], []),
    ]
    assert parsed.states == ["CHL", "JPN", "NOR", "NLD", "KOR", "IRN"]


@pytest.mark.parametrize(
    "listed",
    [
        "Korea, Republic of, Iran (Islamic Republic of), and Tanzania, United Republic of",
        "the Republic of Korea, the Islamic Republic of Iran and the United Republic of Tanzania",
        "Korea, Republic of; Iran, Islamic Republic of; Tanzania, United Republic of",
        "the Republic\nof Korea, the Islamic Republic of\nIran, and the United Republic of Tanzania",
    ],
)
def test_inverted_and_long_forms(listed: str) -> None:
    parsed = parse_statement(f"Statement\n\nThe Governments of {listed}, commit to act.\n", catalog())
    assert (parsed.states, parsed.unmatched) == (["KOR", "IRN", "TZA"], [])


def test_a_list_of_unknown_names_is_an_error_naming_them_with_their_lines() -> None:
    with pytest.raises(StatementParseError, match=r"'Freedonia' \(line 1\).*'Sylvania' \(line 1\)"):
        parse_statement("Joint Statement by Freedonia and Sylvania on Sources\nApril 1, 2016\n", catalog())


def test_prose_colons_are_not_lists() -> None:
    text = ("Joint Statement by Chile and Japan on Sources\n\nNote: Japan will host the next meeting.\n\n"
            "The Contact Group is tasked with:\n\n- Convening annually.\n")
    parsed = parse_statement(text, catalog())
    assert [found.states for found in parsed.participant_lists] == [["CHL", "JPN"]]


ADDENDUM = """INFCIRC/908/Add.3
Date: 12 June 2018
General Distribution
Original: English

Communication dated 4 June 2018 received from the Permanent Mission of the Republic of Korea regarding
the Joint Statement on Mitigating Insider Threats

1. The Secretariat has received a Note Verbale dated 4 June 2018 from the Permanent Mission of the
Republic of Korea informing the Agency of its subscription to the Joint Statement on Mitigating Insider
Threats.
"""


def test_infcirc_addendum() -> None:
    assert is_infcirc(ADDENDUM)
    parsed = parse_infcirc("add3.txt", ADDENDUM)
    assert (parsed.number, parsed.addendum, parsed.commitment_id) == ("908", "3", "INFCIRC_908")
    assert parsed.date == datetime.date(2018, 6, 4)
    assert (parsed.states, parsed.organizations, parsed.unknown_names) == (["KOR"], [], [])
    assert parsed.circulates == ["JS2016_INSIDER"]
    assert (parsed.source_id, parsed.symbol) == ("IAEA_INFCIRC908_ADD3", "INFCIRC/908/Add.3")


def test_infcirc_not_in_the_catalog_is_an_error_naming_the_file() -> None:
    with pytest.raises(LoadError, match=r"add1\.txt.*INFCIRC/999 is not a commitment of the catalog"):
        parse_infcirc("add1.txt", ADDENDUM.replace("INFCIRC/908", "INFCIRC/999"))
    assert not is_infcirc("Joint Statement by Chile and Japan on Sources")
