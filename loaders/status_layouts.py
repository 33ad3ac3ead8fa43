"""Status tables in layouts other than the UN Treaty Collection's: a layout is configuration, not code.

A layout (a small YAML file, or columns given on the command line) names the header of each column
by its role (participant, signature, consent, consent_kind, entry_into_force), the date formats,
and the letters or words of a consent-kind column. The Dutch treaty database's party table ships as
`loaders/layouts/nl_treaty_database.yaml`. Reading gives the same StatusTable as the Treaty
Collection reader, so the import's diff and all-or-nothing apply are the same.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from loaders.reading import read_yaml
from loaders.status_table import (
    ConsentKind,
    StatusRow,
    StatusTable,
    StatusTableError,
    html_tables,
    parse_status_csv,
    parse_status_html,
    resolve_participant,
)

LAYOUT_DIR = Path(__file__).parent / "layouts"
BUILTIN_LAYOUTS = {"nl": LAYOUT_DIR / "nl_treaty_database.yaml"}
ROLES = ("participant", "signature", "consent", "consent_kind", "entry_into_force")
_UNTC_HEADER = re.compile(r"participant", re.IGNORECASE)
_UNTC_DATES = re.compile(r"signature|ratification|accession", re.IGNORECASE)
_FOOTNOTES = re.compile(r"[\s*\d,\u00b9\u00b2\u00b3\u2070-\u2079]+$")


class TableLayout(BaseModel):
    """Which header names which role, and how dates and consent kinds are written."""

    name: str
    columns: dict[str, list[str]]
    ignore: list[str] = []
    date_formats: list[str] = ["%Y-%m-%d"]
    consent_kinds: dict[str, ConsentKind] = {}
    consent_kind: ConsentKind | None = None

    def role_of(self, header: str) -> str | None:
        text = _header_key(header)
        return next((role for role, names in self.columns.items() if text in {_header_key(n) for n in names}), None)

    def matches(self, header: Iterable[str]) -> bool:
        roles = {self.role_of(cell) for cell in header}
        return "participant" in roles and bool(roles & {"signature", "consent"})


def _header_key(text: str) -> str:
    return " ".join(text.replace("*", " ").casefold().split())


def load_layout(path: Path) -> TableLayout:
    """A layout file, checked: unknown roles or consent kinds are an error naming the file."""
    clean = _without_positions(read_yaml(path))
    try:
        layout = TableLayout.model_validate(clean)
    except ValidationError as error:
        problem = error.errors()[0]
        raise StatusTableError(str(path), None, ".".join(str(part) for part in problem["loc"]),
                               f"{problem['msg']}; kinds are {', '.join(get_args(ConsentKind))}") from error
    unknown = [role for role in layout.columns if role not in ROLES]
    if unknown or "participant" not in layout.columns:
        raise StatusTableError(str(path), None, "columns", f"roles must be among {', '.join(ROLES)} and include "
                                                           f"participant; got {', '.join(layout.columns)}")
    return layout


def _without_positions(value: Any) -> Any:
    """The YAML document without the `__line__` keys read_yaml adds for error messages."""
    if isinstance(value, dict):
        return {key: _without_positions(item) for key, item in value.items() if not str(key).startswith("__")}
    if isinstance(value, list):
        return [_without_positions(item) for item in value]
    return value


def layout_from_columns(columns: dict[str, str], date_format: str | None = None,
                        consent_kind: ConsentKind | None = None) -> TableLayout:
    """A layout from `--column role=Header` options, for a one-off CSV."""
    unknown = [role for role in columns if role not in ROLES]
    if unknown or "participant" not in columns:
        raise StatusTableError("--column", None, ",".join(unknown) or "participant",
                               f"roles must be among {', '.join(ROLES)} and include participant")
    return TableLayout(name="columns given on the command line", columns={r: [h] for r, h in columns.items()},
                       date_formats=[date_format or "%Y-%m-%d"], consent_kind=consent_kind)


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise StatusTableError(str(path), None, None, f"cannot read the file as a table: {error}") from error


def _is_html(text: str) -> bool:
    return re.search(r"<(?:!doctype\s+html|html|table)\b", text[:4096], re.IGNORECASE) is not None


def _tables(text: str) -> list[list[tuple[int, list[str]]]]:
    """The file's tables as (line, cells) rows: every <table> of a page, or the one table of a CSV."""
    if _is_html(text):
        return html_tables(text)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    for cells in reader:
        rows.append((reader.line_num, [" ".join(cell.split()) for cell in cells]))
    return [rows]


def is_status_table(path: Path, layout: TableLayout | None = None) -> bool:
    """Whether the file holds a party table in the Treaty Collection layout, a shipped layout or the given one."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    layouts = [layout] if layout else [load_layout(p) for p in BUILTIN_LAYOUTS.values()]
    for rows in _tables(text):
        for _, cells in rows[:20]:
            if len(cells) < 2:
                continue
            if any(item.matches(cells) for item in layouts):
                return True
            if any(_UNTC_HEADER.search(c) for c in cells) and any(_UNTC_DATES.search(c) for c in cells):
                return True
    return False


def _date(file: str, line: int, role: str, text: str, formats: list[str]) -> datetime.date | None:
    value = text.strip().rstrip("*").strip()
    if not value or value in ("-", "\u2013"):
        return None
    for form in formats:
        try:
            return datetime.datetime.strptime(value, form).date()
        except ValueError:
            continue
    raise StatusTableError(file, line, role, f"malformed date {text!r}; expected {' or '.join(formats)}")


def parse_with_layout(path: Path, layout: TableLayout) -> StatusTable:
    """The first table of the file whose header matches the layout, read row by row."""
    file = str(path)
    for rows in _tables(_text(path)):
        for index, (header_line, header) in enumerate(rows):
            if layout.matches(header):
                return _read_rows(file, header_line, header, rows[index + 1 :], layout)
    wanted = ", ".join(f"{role}: {' / '.join(names)}" for role, names in layout.columns.items())
    raise StatusTableError(file, None, "participant", f"no table with a header for the layout {layout.name!r} "
                                                      f"({wanted})")


def _read_rows(file: str, header_line: int, header: list[str], rows: list[tuple[int, list[str]]],
               layout: TableLayout) -> StatusTable:
    ignored = {_header_key(name) for name in layout.ignore}
    columns: dict[str, int] = {}
    for position, cell in enumerate(header):
        role = layout.role_of(cell)
        if role is None and cell.strip() and _header_key(cell) not in ignored:
            raise StatusTableError(file, header_line, cell, f"unexpected column {cell!r} for the layout "
                                                            f"{layout.name!r} (add it to its columns or ignore)")
        if role in columns:
            raise StatusTableError(file, header_line, role, f"two {role} columns in the header")
        if role:
            columns[role] = position
    parsed: list[StatusRow] = []
    unknown: list[tuple[int, str]] = []
    first_line: dict[str, int] = {}
    for line, cells in rows:
        if not any(cells):
            continue
        if len(cells) < len(header):
            cells = [*cells, *[""] * (len(header) - len(cells))]

        def cell(role: str, cells: list[str] = cells) -> str:
            return cells[columns[role]].strip() if role in columns else ""

        participant = _FOOTNOTES.sub("", cell("participant")).strip()
        if not participant:
            raise StatusTableError(file, line, "participant", "no participant name")
        if participant in first_line:
            raise StatusTableError(file, line, "participant",
                                   f"{participant!r} is listed twice (first on line {first_line[participant]})")
        first_line[participant] = line
        signature = _date(file, line, "signature", cell("signature"), layout.date_formats)
        consent = _date(file, line, "consent", cell("consent"), layout.date_formats)
        in_force = _date(file, line, "entry_into_force", cell("entry_into_force"), layout.date_formats)
        kind = _consent_kind(file, line, cell("consent_kind"), layout) if consent else None
        iso3 = resolve_participant(participant)
        if iso3 is None:
            unknown.append((line, participant))
        parsed.append(StatusRow(line=line, participant=participant, iso3=iso3, signature_date=signature,
                                signature_kind="signature" if signature else None, consent_date=consent,
                                consent_kind=kind, footnotes=[], entry_into_force=in_force if consent else None))
    return StatusTable(rows=parsed, unknown_names=unknown)


def _consent_kind(file: str, line: int, text: str, layout: TableLayout) -> ConsentKind | None:
    letter = text.strip().strip("*").strip()
    if not letter:
        return layout.consent_kind
    kinds: dict[str, Any] = {key.casefold(): value for key, value in layout.consent_kinds.items()}
    if letter.casefold() not in kinds:
        raise StatusTableError(file, line, "consent_kind", f"unknown consent kind {text!r}; the layout "
                                                           f"{layout.name!r} knows {', '.join(layout.consent_kinds)}")
    return kinds[letter.casefold()]


def read_status_table(path: Path, layout: TableLayout | None = None) -> StatusTable:
    """A status table in the given layout, else a shipped layout its header matches, else the Treaty
    Collection layout (saved page or CSV scrape, told apart by the content)."""
    if layout is not None:
        return parse_with_layout(path, layout)
    text = _text(path)
    for layout_path in BUILTIN_LAYOUTS.values():
        builtin = load_layout(layout_path)
        if any(builtin.matches(cells) for rows in _tables(text) for _, cells in rows[:20]):
            return parse_with_layout(path, builtin)
    return parse_status_html(path) if _is_html(text) else parse_status_csv(path)


def layout_option(layout: str | None, columns: list[str] | None = None, date_format: str | None = None,
                  ) -> TableLayout | None:
    """The layout the command line names: a shipped one ("nl"), a YAML file, or `role=Header` columns."""
    if columns:
        pairs = [column.split("=", 1) for column in columns]
        if any(len(pair) != 2 for pair in pairs):
            raise StatusTableError("--column", None, None, "expected role=Header, e.g. participant=Country")
        return layout_from_columns({role.strip(): header.strip() for role, header in pairs}, date_format)
    if layout is None:
        return None
    return load_layout(BUILTIN_LAYOUTS.get(layout, Path(layout)))
