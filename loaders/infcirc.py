"""INFCIRC communications and their addenda -> subscriptions to the INFCIRC's commitment.

An INFCIRC (an IAEA information circular) circulates a joint statement so that any Member State can
subscribe; each addendum communicates more subscriptions. Every State or organization the document
names as a participant is planned as SUBSCRIBED_TO the catalog's INFCIRC commitment, dated by the
communication and citing the document. Where the curated data says which statement the INFCIRC
circulates (CIRCULATED_AS in relations.csv) and the document names that statement, the document is
added as a source of that link too.
"""

from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graph.errors import LoadError
from graph.model import Label, Rel
from loaders.dataset import SHIPPED_DATA_DIR
from loaders.participants import find_participant_lists
from loaders.plan import Columns, GraphPlan, Origin
from loaders.statement_loader import catalog_entries, statement_catalog
from loaders.statements import first_date

IAEA_PUBLISHER = "International Atomic Energy Agency"
COLUMNS = Columns(start="participants", end="INFCIRC number", sources="source")
# "INFCIRC/908", "INFCIRC/908/Add.2", "INFCIRC/869/Add. 3", near the top of the document.
_NUMBER = re.compile(r"\bINFCIRC/(?P<number>\d+)(?:/Add\.?\s*(?P<addendum>\d+))?", re.IGNORECASE)
_COMMUNICATION_DATE = re.compile(r"\b(?:Communication|Note\s+Verbale|letter)\s+dated\s+", re.IGNORECASE)
_HEAD_CHARS = 600


@dataclass(frozen=True)
class ParsedInfcirc:
    number: str
    addendum: str | None
    commitment_id: str
    date: datetime.date | None
    title: str
    states: list[str]
    organizations: list[str]
    unknown_names: list[tuple[int, str]]
    circulates: list[str]

    @property
    def source_id(self) -> str:
        return f"IAEA_INFCIRC{self.number}" + (f"_ADD{self.addendum}" if self.addendum else "")

    @property
    def symbol(self) -> str:
        return f"INFCIRC/{self.number}" + (f"/Add.{self.addendum}" if self.addendum else "")


def is_infcirc(text: str) -> bool:
    """An INFCIRC carries its symbol at the top."""
    return _NUMBER.search(text[:_HEAD_CHARS]) is not None


@cache
def _circulated_as() -> dict[str, tuple[str, ...]]:
    """INFCIRC commitment id -> the statements the curated relations say it circulates."""
    links: dict[str, tuple[str, ...]] = {}
    with (SHIPPED_DATA_DIR / "relations.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["relation"] == Rel.CIRCULATED_AS:
                links[row["to_id"]] = (*links.get(row["to_id"], ()), row["from_id"])
    return links


def _commitment_for(file: str, symbol: str) -> str:
    for entry in catalog_entries():
        if entry["kind"] == "commitment" and str(entry.get("short_name") or "").casefold() == symbol.casefold():
            return str(entry["id"])
    raise LoadError(file, None, "INFCIRC number", f"{symbol} is not a commitment of the catalog (data/catalog.yaml); "
                                                  "add it there before loading its communications")


def parse_infcirc(file: str, text: str) -> ParsedInfcirc:
    number = _NUMBER.search(text[:_HEAD_CHARS])
    if number is None:
        raise LoadError(file, None, "INFCIRC number", "no INFCIRC/<number> symbol at the top of the document")
    commitment = _commitment_for(file, f"INFCIRC/{number['number']}")
    dated = _COMMUNICATION_DATE.search(text)
    date = first_date(text[dated.end() : dated.end() + 40]) if dated else None
    date = date or first_date(text)
    title_line = next((line.strip() for line in text.splitlines() if _COMMUNICATION_DATE.search(line)), "")
    lists, _ = find_participant_lists(text, (0, 0), statement_catalog().organizations)
    if not lists:
        raise LoadError(file, None, "participants", f"no participant named in {number[0]}: expected 'the "
                                                    "Permanent Mission of ...', a list after a colon or a column")
    states = list(dict.fromkeys(state for found in lists for state in found.states))
    organizations = list(dict.fromkeys(org for found in lists for org in found.organizations))
    unknown = [(item.line, item.name) for found in lists for item in found.unmatched]
    flat = " ".join(text.split()).casefold()
    names = {str(entry["id"]): str(entry["name"]) for entry in catalog_entries()}
    circulates = [statement for statement in _circulated_as().get(commitment, ())
                  if names.get(statement, "\0").casefold() in flat]
    return ParsedInfcirc(number["number"], number["addendum"], commitment, date, title_line or number[0], states,
                         organizations, unknown, circulates)


def plan_infcirc(path: Path, text: str, plan: GraphPlan, source_exists: bool = False) -> ParsedInfcirc:
    """Plans the subscriptions (and the CIRCULATED_AS corroboration) the communication states."""
    parsed = parse_infcirc(str(path), text)
    origin = Origin(str(path), None)
    if parsed.unknown_names:
        raise origin.error("participants", "unknown names (fix the text or wait for the alias table): " + ", ".join(
            f"{name!r} (line {line})" for line, name in parsed.unknown_names))
    date = parsed.date.isoformat() if parsed.date else None
    if not source_exists and parsed.source_id not in plan.sources:
        plan.add_node(Label.SOURCE, parsed.source_id, {
            "title": f"{parsed.symbol}: {parsed.title}"[:300], "publisher": IAEA_PUBLISHER, "url": None,
            "as_of": date, "kind": "official", "note": f"Communication loaded from {path.name}."}, origin,
            id_field="source_id")
    fact = {"sources": [parsed.source_id], "as_of": date, "confidence": "confirmed"}
    for member in [*parsed.states, *parsed.organizations]:
        plan.corroborate_or_add(Rel.SUBSCRIBED_TO, member, parsed.commitment_id, {
            "role": "subscriber", "date": date, "note": f"Subscription communicated in {parsed.symbol}.", **fact},
            origin, COLUMNS)
    # The circulation's date is the INFCIRC's own: an addendum corroborates the link but does not date it.
    for statement in parsed.circulates:
        plan.corroborate_or_add(Rel.CIRCULATED_AS, statement, parsed.commitment_id,
                                {"date": None if parsed.addendum else date, "note": None, **fact}, origin, COLUMNS)
    return parsed
