"""Status tables in other layouts: the Dutch treaty database's party table and a generic CSV whose
columns a YAML file or the command line names; bad input is an error naming file, line and field."""

from datetime import date
from pathlib import Path

import pytest

from loaders.status_layouts import (
    BUILTIN_LAYOUTS,
    is_status_table,
    layout_option,
    load_layout,
    read_status_table,
)
from loaders.status_table import StatusTableError

FIXTURES = Path(__file__).parents[1] / "fixtures" / "status_tables"

DUTCH_HTML = """<html><head><title>Verdragenbank</title></head><body>
<table class="partijen">
<tr><th>Partij</th><th>Ondertekening</th><th>Ratificatie</th><th>Type*</th><th>Inwerkingtreding</th>
<th>Opzegging</th></tr>
<tr><td>Armeni\u00eb</td><td>15-09-2005</td><td>22-09-2010</td><td>R</td><td>22-10-2010</td><td></td></tr>
<tr><td>Oostenrijk</td><td>14-09-2005</td><td>14-09-2006</td><td>R</td><td>07-07-2007</td><td></td></tr>
</table></body></html>
"""

DUTCH_CSV = ("Party,Signature,Ratification,Type*,Entry into force,Denunciation\n"
             "Armenia,15-09-2005,22-09-2010,R,22-10-2010,\n"
             "United Arab Emirates,,10-01-2008,T,09-02-2008,\n"
             "Netherlands (Kingdom of the),14-09-2005,,,,\n")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_dutch_csv_is_recognised_and_read(tmp_path: Path) -> None:
    path = write(tmp_path, "partijen.csv", DUTCH_CSV)
    assert is_status_table(path)
    table = read_status_table(path)
    assert table.unknown_names == []
    rows = {row.iso3: row for row in table.rows}
    assert set(rows) == {"ARM", "ARE", "NLD"}
    assert (rows["ARM"].signature_date, rows["ARM"].consent_date, rows["ARM"].consent_kind,
            rows["ARM"].entry_into_force) == (date(2005, 9, 15), date(2010, 9, 22), "ratification", date(2010, 10, 22))
    assert (rows["ARE"].signature_date, rows["ARE"].consent_kind) == (None, "accession")
    assert (rows["NLD"].consent_date, rows["NLD"].consent_kind, rows["NLD"].line) == (None, None, 4)


def test_dutch_page_in_dutch_names_the_names_it_cannot_match(tmp_path: Path) -> None:
    """Dutch State names are not in the State-name table: reported with their lines, never guessed."""
    table = read_status_table(write(tmp_path, "page.bin", DUTCH_HTML))
    assert [row.consent_kind for row in table.rows] == ["ratification", "ratification"]
    assert [name for _, name in table.unknown_names] == ["Armeni\u00eb", "Oostenrijk"]


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        (",R,22-10-2010", ",X,22-10-2010", "consent_kind", 2),
        ("22-09-2010", "2010-09-22", "consent", 2),
        ("Denunciation", "Remarks", "Remarks", 1),
    ],
)
def test_bad_cells_name_file_line_and_field(old: str, new: str, field: str, line: int, tmp_path: Path) -> None:
    path = write(tmp_path, "partijen.csv", DUTCH_CSV.replace(old, new, 1))
    with pytest.raises(StatusTableError) as raised:
        read_status_table(path)
    assert (raised.value.file, raised.value.line, raised.value.field) == (str(path), line, field)


def test_generic_csv_with_a_yaml_layout(tmp_path: Path) -> None:
    layout_file = write(tmp_path, "layout.yaml", "name: ministry export\ncolumns:\n  participant: [Country]\n"
                        "  signature: [Signed on]\n  consent: [In force for it since]\n"
                        "date_formats: ['%d.%m.%Y']\nconsent_kind: ratification\n")
    table_file = write(tmp_path, "export.csv", "Country;Signed on;In force for it since\n"
                       "Chile;14.09.2005;27.11.2010\nJapan;15.09.2005;\n")
    layout = layout_option(str(layout_file))
    assert layout is not None
    assert is_status_table(table_file, layout)
    rows = read_status_table(table_file, layout).rows
    assert [(row.iso3, row.signature_date, row.consent_date, row.consent_kind) for row in rows] == [
        ("CHL", date(2005, 9, 14), date(2010, 11, 27), "ratification"), ("JPN", date(2005, 9, 15), None, None)]


def test_column_mapping_on_the_command_line(tmp_path: Path) -> None:
    layout = layout_option(None, ["participant=State", "consent=Date"], "%Y-%m-%d")
    path = write(tmp_path, "t.csv", "State,Date\nChile,2010-11-27\n")
    assert [(row.iso3, row.consent_date) for row in read_status_table(path, layout).rows] == [
        ("CHL", date(2010, 11, 27))]
    with pytest.raises(StatusTableError, match="role=Header"):
        layout_option(None, ["participant"])
    with pytest.raises(StatusTableError, match="roles must be among"):
        layout_option(None, ["country=State"])


def test_a_bad_layout_file_names_it(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "name: x\ncolumns:\n  participant: [A]\nconsent_kinds:\n  R: ratified\n")
    with pytest.raises(StatusTableError) as raised:
        load_layout(path)
    assert raised.value.file == str(path)
    assert "consent_kinds" in str(raised.value.field)


def test_treaty_collection_tables_are_still_read_by_content(tmp_path: Path) -> None:
    for source in ("icsant_sample.csv", "icsant_sample.html"):
        copy = write(tmp_path, "table.dat", (FIXTURES / source).read_text(encoding="utf-8"))
        assert is_status_table(copy)
        assert read_status_table(copy).rows
    assert not is_status_table(write(tmp_path, "s.txt", "Joint Statement by Chile and Japan on Sources\n"))
    assert BUILTIN_LAYOUTS["nl"].is_file()
