"""Parse depositary status tables in the UN Treaty Collection layout (a CSV scrape or the saved HTML page).

Pure input -> StatusTable, no database. Names that do not resolve to an ISO3 code are returned in
`unknown_names` with their lines, so the importer can stop with the whole list rather than the first.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel

from graph.errors import LoadError
from loaders.countries import name_to_iso3

SignatureKind = Literal["signature", "succession"]
ConsentKind = Literal["ratification", "accession", "acceptance", "approval", "succession"]
Kind = TypeVar("Kind", bound=str)

# The Treaty Collection's marks after a date; an unmarked date is a signature or a ratification.
_SIGNATURE_MARKERS: dict[str, SignatureKind] = {"": "signature", "d": "succession"}
_CONSENT_MARKERS: dict[str, ConsentKind] = {
    "": "ratification",
    "a": "accession",
    "A": "acceptance",
    "AA": "approval",
    "d": "succession",
}
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
_DATE_CELL = re.compile(r"(\d{1,2}) ([A-Za-z]{3}) (\d{4})(?: ?(.+))?")
_EXPECTED_HEADER = (
    'Participant,"Signature, Succession to signature(d)","Approval(AA), Acceptance(A), Accession(a), Ratification"'
)
_CONSENT_WORDS = ("ratification", "accession", "acceptance", "approval")
_ROLES = ("participant", "signature", "consent")

_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# Footnote numbers glued to a name: "Denmark 2", "Netherlands1", "China3,4", "Denmark²".
_FOOTNOTE_TAIL = re.compile(r"(?<=[^\d\s,])\s*(\d[\d,\s]*)$")


class StatusTableError(LoadError):
    """The input is not a status table in the Treaty Collection layout (header, date or marker)."""


class StatusRow(BaseModel):
    """One participant: when and how it signed, and when and how it consented to be bound."""

    line: int
    participant: str
    iso3: str | None
    signature_date: date | None
    signature_kind: SignatureKind | None
    consent_date: date | None
    consent_kind: ConsentKind | None
    footnotes: list[str]
    entry_into_force: date | None = None  # only layouts with an entry-into-force column give it


class StatusTable(BaseModel):
    """All rows of one table, plus the (line, name) pairs whose name has no ISO3 code."""

    rows: list[StatusRow]
    unknown_names: list[tuple[int, str]]


# --- participant names ---------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Collapses whitespace, including the non-breaking spaces of the HTML page."""
    return " ".join(text.split())


def _split_footnotes(name: str) -> tuple[str, list[str]]:
    """Separates the footnote numbers the Treaty Collection appends to a participant's name."""
    text = _clean(name.translate(_SUPERSCRIPT_DIGITS))
    match = _FOOTNOTE_TAIL.search(text)
    if match is None:
        return text, []
    return text[: match.start()], re.findall(r"\d+", match[1])


def resolve_participant(name: str) -> str | None:
    """ISO3 code of a participant as the Treaty Collection names it (footnote markers ignored), or None.

    country_converter gets every current and historical Treaty Collection name checked here right
    ("Swaziland", "St. Lucia", "Republic of Korea", "Congo" vs "Democratic Republic of the Congo"),
    so there is no override table; the tests pin those names so a library change shows up.
    """
    cleaned = _split_footnotes(name)[0]
    if not cleaned:
        return None
    return name_to_iso3(cleaned)


# --- cells and rows --------------------------------------------------------------------------------


@dataclass
class _Cell:
    """A table cell's text and the footnotes set apart from it (HTML <sup>)."""

    text: str = ""
    footnotes: list[str] = field(default_factory=list)


def _columns(file: str, line: int, header: Sequence[str]) -> dict[str, int]:
    """Index of each column by its role, from the header's wording."""
    roles: dict[str, int] = {}
    unexpected: list[str] = []
    for index, text in enumerate(header):
        lowered = text.casefold()
        if "participant" in lowered:
            role = "participant"
        elif "signature" in lowered:
            role = "signature"
        elif any(word in lowered for word in _CONSENT_WORDS):
            role = "consent"
        else:
            unexpected.append(text)
            continue
        if role in roles:
            raise StatusTableError(
                file, line, role, f"the header has two {role} columns: {header[roles[role]]!r}, {text!r}"
            )
        roles[role] = index
    missing = [role for role in _ROLES if role not in roles]
    if missing:
        raise StatusTableError(
            file, line, missing[0], f"missing header column(s) {', '.join(missing)}; expected {_EXPECTED_HEADER}"
        )
    if unexpected:
        raise StatusTableError(
            file, line, unexpected[0], f"unexpected column(s) {unexpected}; expected {_EXPECTED_HEADER}"
        )
    return roles


def _parse_date_cell(
    file: str, line: int, role: str, text: str, markers: Mapping[str, Kind]
) -> tuple[date | None, Kind | None]:
    """Reads "29 Dec 2005" plus an optional marker ("a", "A", "AA", "d") into a date and a kind."""
    if not text:
        return None, None
    match = _DATE_CELL.fullmatch(text)
    month = _MONTHS.get(match[2].title()) if match else None
    if match is None or month is None:
        raise StatusTableError(file, line, role, f"malformed date {text!r}; expected a date like '29 Dec 2005'")
    try:
        day = date(int(match[3]), month, int(match[1]))
    except ValueError as error:
        raise StatusTableError(file, line, role, f"malformed date {text!r}: {error}") from error
    marker = match[4] or ""
    if marker not in markers:
        allowed = ", ".join(repr(known) for known in markers if known)
        raise StatusTableError(
            file, line, role, f"unknown {role} marker {marker!r} in {text!r}; expected {allowed} or none"
        )
    return day, markers[marker]


def _build_table(
    file: str, header_line: int, header: Sequence[_Cell], records: Iterable[tuple[int, Sequence[_Cell]]]
) -> StatusTable:
    """Turns the header and the (line, cells) records of either format into a StatusTable."""
    columns = _columns(file, header_line, [_clean(cell.text) for cell in header])
    rows: list[StatusRow] = []
    unknown: list[tuple[int, str]] = []
    first_line: dict[str, int] = {}
    for line, cells in records:
        if not any(_clean(cell.text) or cell.footnotes for cell in cells):
            continue
        if len(cells) != len(header):
            raise StatusTableError(file, line, None, f"{len(cells)} cells, but the header has {len(header)}")
        participant, name_notes = _split_footnotes(cells[columns["participant"]].text)
        if not participant:
            raise StatusTableError(file, line, "participant", "no participant name")
        if participant in first_line:
            raise StatusTableError(
                file, line, "participant", f"{participant!r} is listed twice (first on line {first_line[participant]})"
            )
        first_line[participant] = line
        signature_date, signature_kind = _parse_date_cell(
            file, line, "signature", _clean(cells[columns["signature"]].text), _SIGNATURE_MARKERS
        )
        consent_date, consent_kind = _parse_date_cell(
            file, line, "consent", _clean(cells[columns["consent"]].text), _CONSENT_MARKERS
        )
        iso3 = resolve_participant(participant)
        if iso3 is None:
            unknown.append((line, participant))
        footnotes = list(dict.fromkeys([*name_notes, *(note for cell in cells for note in cell.footnotes)]))
        rows.append(
            StatusRow(
                line=line,
                participant=participant,
                iso3=iso3,
                signature_date=signature_date,
                signature_kind=signature_kind,
                consent_date=consent_date,
                consent_kind=consent_kind,
                footnotes=footnotes,
            )
        )
    return StatusTable(rows=rows, unknown_names=unknown)


def _read(path_or_text: str | Path) -> tuple[str, str]:
    """(name for error messages, content): a Path is read as a file, a str is the content itself."""
    if not isinstance(path_or_text, Path):
        return "<text>", path_or_text
    try:
        return str(path_or_text), path_or_text.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise StatusTableError(str(path_or_text), None, None, f"cannot read the file: {error}") from error


# --- CSV -------------------------------------------------------------------------------------------


def parse_status_csv(path_or_text: str | Path) -> StatusTable:
    """Parses a status table scraped to CSV (header row, then one row per participant)."""
    file, text = _read(path_or_text)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise StatusTableError(file, 1, None, f"the file is empty; expected the header {_EXPECTED_HEADER}")
    records = ((reader.line_num, [_Cell(value) for value in row]) for row in reader)
    return _build_table(file, reader.line_num, [_Cell(value) for value in header], records)


# --- HTML ------------------------------------------------------------------------------------------


@dataclass
class _OpenTable:
    rows: list[tuple[int, list[_Cell]]] = field(default_factory=list)
    cell: _Cell | None = None


class _TableCollector(HTMLParser):
    """Collects the rows of every <table> as (line of the <tr>, cells).

    Text goes to the innermost open cell only, so a layout table around the status table does not
    swallow its text; text inside <sup> is kept apart as footnotes.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[tuple[int, list[_Cell]]]] = []
        self._open: list[_OpenTable] = []
        self._sup_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._open.append(_OpenTable())
            return
        if not self._open:
            return
        table = self._open[-1]
        if tag == "tr":
            table.rows.append((self.getpos()[0], []))
            table.cell = None
        elif tag in ("td", "th"):
            if not table.rows:
                table.rows.append((self.getpos()[0], []))
            table.cell = _Cell()
            table.rows[-1][1].append(table.cell)
        elif tag == "sup":
            self._sup_depth += 1
        elif tag == "br" and table.cell is not None:
            table.cell.text += " "

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._open:
            self.tables.append(self._open.pop().rows)
        elif tag in ("td", "th", "tr") and self._open:
            self._open[-1].cell = None
        elif tag == "sup" and self._sup_depth:
            self._sup_depth -= 1

    def handle_data(self, data: str) -> None:
        cell = self._open[-1].cell if self._open else None
        if cell is None:
            return
        if self._sup_depth:
            cell.footnotes.extend(re.findall(r"[^\s,]+", data.translate(_SUPERSCRIPT_DIGITS)))
        else:
            cell.text += data

    def close(self) -> None:
        super().close()
        while self._open:
            self.tables.append(self._open.pop().rows)


def html_tables(text: str) -> list[list[tuple[int, list[str]]]]:
    """Every <table> of a page as (line of the row, cell texts) rows: for the other layouts' readers."""
    collector = _TableCollector()
    collector.feed(text)
    collector.close()
    return [[(line, [_clean(cell.text) for cell in cells]) for line, cells in rows] for rows in collector.tables]


def parse_status_html(path_or_text: str | Path) -> StatusTable:
    """Parses the status table of a saved Treaty Collection page: the first <table> with a "Participant" header."""
    file, text = _read(path_or_text)
    collector = _TableCollector()
    collector.feed(text)
    collector.close()
    for rows in collector.tables:
        for index, (line, cells) in enumerate(rows):
            if any(_clean(cell.text).casefold().startswith("participant") for cell in cells):
                return _build_table(file, line, cells, rows[index + 1 :])
    raise StatusTableError(file, None, "participant", "no <table> with a 'Participant' header row")
