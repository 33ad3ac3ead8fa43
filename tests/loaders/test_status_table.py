"""Tests for the Treaty Collection status-table parser: real ICSANT snapshots, the HTML layout, bad input."""

import html
from datetime import date
from pathlib import Path

import pytest

from graph.errors import LoadError
from loaders.status_table import (
    StatusRow,
    StatusTable,
    StatusTableError,
    parse_status_csv,
    parse_status_html,
    resolve_participant,
)
from tests.conftest import SHARED_DIR, needs_shared

RAW_DIR = SHARED_DIR / "data" / "raw"
SNAPSHOT_2013 = RAW_DIR / "untc_icsant_status_2013-06-06.csv"
SNAPSHOT_2014 = RAW_DIR / "untc_icsant_status_2014-07-10.csv"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "status_tables"
HEADER = 'Participant,"Signature, Succession to signature(d)","Approval(AA), Acceptance(A), Accession(a), Ratification"'


def _by_name(table: StatusTable) -> dict[str, StatusRow]:
    return {row.participant: row for row in table.rows}


def _consents(table: StatusTable) -> dict[str, tuple[date | None, str | None]]:
    return {row.iso3 or row.participant: (row.consent_date, row.consent_kind) for row in table.rows if row.consent_date}


# --- the real snapshots ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def table_2013() -> StatusTable:
    return parse_status_csv(SNAPSHOT_2013)


@pytest.fixture(scope="module")
def table_2014() -> StatusTable:
    return parse_status_csv(SNAPSHOT_2014)


@needs_shared(SNAPSHOT_2013, SNAPSHOT_2014)
def test_2013_snapshot_has_the_counts_of_its_source_note(table_2013: StatusTable) -> None:
    rows = table_2013.rows
    assert len(rows) == 142
    assert sum(row.signature_date is not None for row in rows) == 115
    assert sum(row.consent_date is not None for row in rows) == 86
    assert table_2013.unknown_names == []
    assert all(row.iso3 for row in rows)
    assert len({row.iso3 for row in rows}) == 142


@needs_shared(SNAPSHOT_2013, SNAPSHOT_2014)
def test_2013_snapshot_rows(table_2013: StatusTable) -> None:
    rows = _by_name(table_2013)
    afghanistan = rows["Afghanistan"]
    assert afghanistan.line == 2
    assert (afghanistan.iso3, afghanistan.signature_date, afghanistan.signature_kind) == (
        "AFG",
        date(2005, 12, 29),
        "signature",
    )
    assert (afghanistan.consent_date, afghanistan.consent_kind) == (date(2013, 3, 25), "ratification")
    algeria = rows["Algeria"]
    assert (algeria.signature_date, algeria.signature_kind) == (None, None)
    assert (algeria.consent_date, algeria.consent_kind) == (date(2011, 3, 3), "accession")
    montenegro = rows["Montenegro"]
    assert (montenegro.iso3, montenegro.signature_date, montenegro.signature_kind) == (
        "MNE",
        date(2006, 10, 23),
        "succession",
    )
    assert montenegro.consent_date is None
    assert [name for name, row in rows.items() if row.consent_kind == "acceptance"] == [
        "Finland",
        "Japan",
        "Netherlands",
    ]
    assert (rows["Japan"].consent_date, rows["Netherlands"].consent_date) == (date(2007, 8, 3), date(2010, 6, 30))
    assert rows["Uzbekistan"].line == 143
    assert rows["Cote d'Ivoire"].iso3 == "CIV"
    assert rows["Iraq"].consent_date == max(row.consent_date for row in rows.values() if row.consent_date)
    assert all(row.footnotes == [] for row in rows.values())


@needs_shared(SNAPSHOT_2013, SNAPSHOT_2014)
def test_2014_snapshot_differs_by_two_consents_and_one_spelling(
    table_2013: StatusTable, table_2014: StatusTable
) -> None:
    # The stored 2014 file is the zmjones/untreaties version of commit 0d074bca: it adds only France
    # and Kuwait (the sources.csv note's "8 new consents, latest Korea 2014-05-29" is not in it).
    assert len(table_2014.rows) == 142
    assert sum(row.signature_date is not None for row in table_2014.rows) == 115
    assert sum(row.consent_date is not None for row in table_2014.rows) == 88
    assert table_2014.unknown_names == []
    old, new = _consents(table_2013), _consents(table_2014)
    assert {iso3: new[iso3] for iso3 in new.keys() - old.keys()} == {
        "FRA": (date(2013, 9, 11), "ratification"),
        "KWT": (date(2013, 9, 5), "ratification"),
    }
    assert all(new[iso3] == old[iso3] for iso3 in old)
    rows = _by_name(table_2014)
    assert "Cote d'Ivoire" not in rows
    assert rows["Côte d'Ivoire"].iso3 == "CIV"
    assert rows["Republic of Korea"].consent_date is None


# --- names -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Swaziland", "SWZ"),
        ("The former Yugoslav Republic of Macedonia", "MKD"),
        ("St. Lucia", "LCA"),
        ("St. Vincent and the Grenadines", "VCT"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Republic of Moldova", "MDA"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo", "COG"),
        ("Republic of Korea", "KOR"),
        ("Korea", "KOR"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("State of Palestine", "PSE"),
        ("Holy See", "VAT"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Dominica", "DMA"),
        ("Dominican Republic", "DOM"),
        ("Denmark 2", "DNK"),
        ("Netherlands1", "NLD"),
        ("China3,4", "CHN"),
        ("Denmark²", "DNK"),
        ("Bolivia (Plurinational State of)5", "BOL"),
    ],
)
def test_resolve_participant(name: str, iso3: str) -> None:
    assert resolve_participant(name) == iso3


@pytest.mark.parametrize("name", ["Freedonia", "", "12"])
def test_resolve_participant_unknown(name: str) -> None:
    assert resolve_participant(name) is None


def test_unknown_name_is_reported_with_its_line_not_raised() -> None:
    table = parse_status_csv(f"{HEADER}\nAfghanistan,29 Dec 2005,\nFreedonia 3,1 Apr 2006,\nAlgeria,,3 Mar 2011 a\n")
    assert table.unknown_names == [(3, "Freedonia")]
    freedonia = table.rows[1]
    assert (freedonia.participant, freedonia.iso3, freedonia.footnotes) == ("Freedonia", None, ["3"])
    assert [row.iso3 for row in table.rows] == ["AFG", None, "DZA"]


# --- markers -------------------------------------------------------------------------------------


def test_every_marker_maps_to_its_kind() -> None:
    text = (
        f"{HEADER}\nAfghanistan,29 Dec 2005,25 Mar 2013\nAlgeria,,3 Mar 2011 a\nFinland,14 Sep 2005,13 Jan 2009 A\n"
        "France,14 Sep 2005,11 Sep 2013 AA\nMontenegro,23 Oct 2006 d,\nSerbia,,26 Sep 2006 d\n"
    )
    kinds = [(row.signature_kind, row.consent_kind) for row in parse_status_csv(text).rows]
    assert kinds == [
        ("signature", "ratification"),
        (None, "accession"),
        ("signature", "acceptance"),
        ("signature", "approval"),
        ("succession", None),
        (None, "succession"),
    ]


# --- HTML ------------------------------------------------------------------------------------------


def test_html_fixture_parses_to_the_rows_of_the_equivalent_csv() -> None:
    from_html = parse_status_html(FIXTURES / "icsant_sample.html")
    from_csv = parse_status_csv(FIXTURES / "icsant_sample.csv")
    assert len(from_html.rows) == 16
    assert [row.model_dump(exclude={"line"}) for row in from_html.rows] == [
        row.model_dump(exclude={"line"}) for row in from_csv.rows
    ]
    assert from_html.unknown_names == from_csv.unknown_names == []
    rows = _by_name(from_html)
    assert (rows["China"].footnotes, rows["Denmark"].footnotes, rows["Netherlands"].footnotes) == (
        ["3", "4"],
        ["2"],
        ["1"],
    )
    assert rows["Côte d'Ivoire"].iso3 == "CIV"
    assert rows["Algeria"].signature_date is None


def test_html_rows_carry_the_line_of_their_tr() -> None:
    path = FIXTURES / "icsant_sample.html"
    lines = path.read_text(encoding="utf-8").splitlines()
    for row in parse_status_html(path).rows:
        assert lines[row.line - 1].lstrip().startswith("<tr")
        assert row.participant.split()[0] in html.unescape(lines[row.line - 1] + lines[row.line])


def test_html_text_input_and_error_line() -> None:
    page = (
        "<table>\n<tr><td>Participant</td><td>Signature</td><td>Ratification, Accession(a)</td></tr>\n"
        "<tr><td>Algeria</td><td></td><td>3&nbsp;Mar&nbsp;2011&nbsp;a</td></tr>\n"
        "<tr><td>Albania</td><td>23 Nov 205</td><td></td></tr>\n</table>"
    )
    with pytest.raises(StatusTableError) as caught:
        parse_status_html(page)
    assert (caught.value.file, caught.value.line, caught.value.field) == ("<text>", 4, "signature")


def test_html_footnotes_on_dates_and_line_breaks_in_names() -> None:
    page = (
        "<table><tr><th>Participant</th><th>Signature</th><th>Ratification, Acceptance(A)</th></tr>"
        "<tr><td>Finland</td><td>14 Sep 2005</td><td>13 Jan 2009 A<sup>5</sup></td></tr>"
        "<tr><td>St. Vincent and the<br>Grenadines</td><td></td><td>8 Jul 2010</td></tr></table>"
    )
    finland, saint_vincent = parse_status_html(page).rows
    assert (finland.consent_kind, finland.footnotes) == ("acceptance", ["5"])
    assert (saint_vincent.participant, saint_vincent.iso3) == ("St. Vincent and the Grenadines", "VCT")


def test_html_page_cut_off_inside_the_table() -> None:
    page = "<table><tr><td>Participant</td><td>Signature</td><td>Ratification</td></tr><tr><td>Togo<td>15 Sep 2005<td>"
    assert [(row.iso3, row.signature_date) for row in parse_status_html(page).rows] == [("TGO", date(2005, 9, 15))]


def test_html_without_a_status_table() -> None:
    with pytest.raises(StatusTableError, match="no <table> with a 'Participant' header"):
        parse_status_html("<html><table><tr><td>Status:</td><td>Parties: 88</td></tr></table></html>")


# --- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        (f"{HEADER}\nAfghanistan,29 Dex 2005,\n", 2, "signature", "malformed date '29 Dex 2005'"),
        (f"{HEADER}\nAfghanistan,,2013-03-25\n", 2, "consent", "malformed date '2013-03-25'"),
        (f"{HEADER}\nAlbania,23 Nov 2005,\nAlgeria,,31 Feb 2011 a\n", 3, "consent", "day is out of range"),
        (f"{HEADER}\nAlgeria,,3 Mar 2011 x\n", 2, "consent", "unknown consent marker 'x'"),
        (f"{HEADER}\nAlgeria,,3 Mar 2011 aa\n", 2, "consent", "unknown consent marker 'aa'"),
        (f"{HEADER}\nAlgeria,3 Mar 2011 a,\n", 2, "signature", "unknown signature marker 'a'"),
        ("Afghanistan,29 Dec 2005,25 Mar 2013\n", 1, "participant", "missing header column"),
        ("Participant,Signature\nAfghanistan,29 Dec 2005\n", 1, "consent", "missing header column"),
        ("Participant,Signature,Definitive signature(s),Ratification\n", 1, "signature", "two signature columns"),
        (f"{HEADER},Notes\nAfghanistan,29 Dec 2005,,\n", 1, "Notes", "unexpected column"),
        ("", 1, None, "the file is empty"),
        (f"{HEADER}\nAfghanistan,29 Dec 2005\n", 2, None, "2 cells, but the header has 3"),
        (f"{HEADER}\nAlbania,23 Nov 2005,\nAlbania 2,23 Nov 2005,\n", 3, "participant", "listed twice"),
        (f"{HEADER}\n,23 Nov 2005,\n", 2, "participant", "no participant name"),
    ],
)
def test_bad_input_names_line_and_field(text: str, line: int, field: str | None, message: str) -> None:
    with pytest.raises(StatusTableError, match=message) as caught:
        parse_status_csv(text)
    assert isinstance(caught.value, LoadError)
    assert (caught.value.file, caught.value.line, caught.value.field) == ("<text>", line, field)


def test_missing_file_is_a_status_table_error(tmp_path: Path) -> None:
    missing = tmp_path / "absent.csv"
    with pytest.raises(StatusTableError) as caught:
        parse_status_csv(missing)
    assert caught.value.file == str(missing)


def test_blank_lines_are_skipped_and_lines_still_count() -> None:
    table = parse_status_csv(f"{HEADER}\n\nAfghanistan,29 Dec 2005,\n,,\nAlgeria,,3 Mar 2011 a\n")
    assert [(row.line, row.iso3) for row in table.rows] == [(3, "AFG"), (5, "DZA")]
