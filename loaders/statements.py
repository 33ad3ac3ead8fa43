"""Parse the text of a joint statement into its participants, commitments and references.

Pure text -> ParsedStatement, no database: the loader that writes the graph decides what to do
with names that could not be resolved, so they are returned in `unknown_names`, never dropped.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from graph.errors import LoadError, NSGraphError
from loaders.countries import name_to_iso3
from loaders.participants import ParticipantList, UnmatchedName, find_participant_lists, name_key, strip_article


class StatementParseError(NSGraphError):
    """The text has no recognisable participant list, so it cannot be a joint statement we load."""


class ParsedStatement(BaseModel):
    """What one joint statement says, with every name resolved to an ISO3 code or a catalog id."""

    title: str
    date: datetime.date | None
    document_number: str | None
    states: list[str]
    organizations: list[str]
    pledges: list[str]
    tasks: list[str]
    establishes: list[str]
    references: list[str]
    categories: list[str]
    subjects: list[str]
    topics: list[str]
    unknown_names: list[str]
    participant_lists: list[ParticipantList] = []
    unmatched: list[UnmatchedName] = []

    def unknown_report(self) -> list[str]:
        """Each unknown name with its line and candidates where known, for error messages."""
        lines = {item.name: item for item in self.unmatched}
        report = []
        for name in self.unknown_names:
            item = lines.get(name)
            if item is None:
                report.append(repr(name))
                continue
            candidates = f"; candidates {', '.join(item.candidates)}" if item.candidates else ""
            report.append(f"{name!r} (line {item.line}{candidates})")
        return report


# Phrases that name catalog entries without using their names; ids missing from the catalog are
# dropped when the catalog is built, so the table can run ahead of the data.
REFERENCE_PHRASE_RULES: dict[str, tuple[str, ...]] = {
    "four Nuclear Security Summit Communiqués": (
        "COMMUNIQUE_2010",
        "COMMUNIQUE_2012",
        "COMMUNIQUE_2014",
        "COMMUNIQUE_2016",
    ),
    "2016 Action Plans": (
        "ACTION_PLAN_2016_UN",
        "ACTION_PLAN_2016_IAEA",
        "ACTION_PLAN_2016_INTERPOL",
        "ACTION_PLAN_2016_GICNT",
        "ACTION_PLAN_2016_GP",
    ),
    "2016 Nuclear Security Summit": ("NSS_2016",),
    # The catalog's only entry for the summits' national commitments ("house gifts").
    "national commitments": ("NATIONAL_COMMITMENTS_2010",),
}

# Keyword (case-insensitive regex) -> topic id: the one place that decides what a statement is about.
TOPIC_KEYWORD_RULES: dict[str, str] = {
    r"physical protection": "TOPIC_PHYSICAL_PROTECTION",
    r"insider threats?": "TOPIC_INSIDER_THREATS",
    r"transport security|in transport\b": "TOPIC_TRANSPORT_SECURITY",
    r"cyber ?security|computer security|industrial control": "TOPIC_COMPUTER_SECURITY",
    r"forensics?": "TOPIC_NUCLEAR_FORENSICS",
    r"highly enriched uranium|\bHEU\b|plutonium|reactor conversion|converting research reactors": (
        "TOPIC_HEU_PU_MINIMIZATION"
    ),
    r"radioactive sources?|radiological security|sealed sources?": "TOPIC_RADIOACTIVE_SOURCE_SECURITY",
    r"smuggling|illicit trafficking|out of regulatory control|radiation detection": "TOPIC_COUNTER_SMUGGLING",
    r"security culture": "TOPIC_SECURITY_CULTURE",
    r"training|support cent(?:re|er)s|cent(?:re|er)s of excellence|capacity building": (
        "TOPIC_TRAINING_SUPPORT_CENTRES"
    ),
    r"legislation|legal (?:instruments?|frameworks?)|universali[sz]ation": "TOPIC_LEGAL_FRAMEWORKS",
    r"criminali[sz]|prosecut|extradit": "TOPIC_CRIMINALIZATION",
    r"information security|sensitive (?:nuclear )?information": "TOPIC_INFORMATION_SECURITY",
    r"cooperation|assistance": "TOPIC_INTERNATIONAL_COOPERATION",
    r"peer review|\bIPPAS\b|advisory service": "TOPIC_PEER_REVIEW_IMPLEMENTATION",
    r"safety and security|safety-security": "TOPIC_SAFETY_SECURITY_INTERFACE",
    r"non-?proliferation|disarmament|non-State actors": "TOPIC_NONPROLIFERATION_DISARMAMENT",
    r"reporting|transparency": "TOPIC_REPORTING_TRANSPARENCY",
    r"global nuclear security architecture|Contact Group": "TOPIC_SUSTAINING_SUMMIT_PROCESS",
}

_BODY_KINDS = frozenset({"organization", "initiative"})
_CATALOG_COLUMNS = ("id", "kind", "name", "short_name", "aliases")


@dataclass(frozen=True)
class StatementCatalog:
    """The alias tables the parser resolves names against, built from the entity catalog."""

    organizations: dict[str, str] = field(default_factory=dict)  # name_key(alias) -> id
    bodies: dict[str, str] = field(default_factory=dict)  # name_key(name) -> id, for what is established
    references: dict[str, tuple[str, ...]] = field(default_factory=dict)  # phrase as written -> ids
    topics: dict[str, str] = field(default_factory=dict)  # keyword regex -> topic id

    @classmethod
    def from_entities_csv(cls, path: Path | str) -> StatementCatalog:
        """Builds the tables from an entities.csv-shaped file (id,kind,subkind,name,short_name,aliases,...)."""
        path = Path(path)
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in _CATALOG_COLUMNS if column not in (reader.fieldnames or [])]
            if missing:
                raise LoadError(str(path), 1, missing[0], f"missing column(s): {', '.join(missing)}")
            rows = [{**row, "aliases": (row["aliases"] or "").split(";")} for row in reader]
        return cls.from_entities(rows)

    @classmethod
    def from_entities(cls, rows: list[dict[str, Any]]) -> StatementCatalog:
        """Builds the tables from catalog entries: id, kind, name, short_name and a list of aliases."""
        organizations: dict[str, str] = {}
        bodies: dict[str, str] = {}
        references: dict[str, tuple[str, ...]] = {}
        topic_ids: set[str] = set()
        for row in rows:
            entity_id, kind = row["id"].strip(), row["kind"].strip()
            if kind == "topic":
                topic_ids.add(entity_id)
                continue
            aliases = [row["name"], row.get("short_name"), *(row.get("aliases") or [])]
            for alias in (alias.strip() for alias in aliases if alias and alias.strip()):
                if kind == "organization":
                    organizations.setdefault(name_key(alias), entity_id)
                if kind in _BODY_KINDS:
                    bodies.setdefault(name_key(alias), entity_id)
                if entity_id not in references.get(alias, ()):
                    references[alias] = (*references.get(alias, ()), entity_id)
        known_ids = {row["id"].strip() for row in rows}
        for phrase, ids in REFERENCE_PHRASE_RULES.items():
            present = tuple(entity_id for entity_id in ids if entity_id in known_ids)
            if present:
                references[phrase] = present
        topics = {keyword: topic for keyword, topic in TOPIC_KEYWORD_RULES.items() if topic in topic_ids}
        return cls(organizations=organizations, bodies=bodies, references=references, topics=topics)


def resolve_state_name(name: str) -> str | None:
    """ISO 3166-1 alpha-3 code for a State's name as written in a statement, or None if unknown."""
    cleaned = strip_article(" ".join(name.split()))
    if not cleaned:
        return None
    return name_to_iso3(cleaned)


# --- list items -------------------------------------------------------------------------------------

_ITEM_MARKER = re.compile(r"^(?:[-•*\u2013]|\d{1,2}[.)]|\((?:[a-z]{1,4}|\d{1,2})\)|[a-z][.)])\s+")
_EMPHASIS = re.compile(r"(\*\*|\*|__|_)(\S(?:.*?\S)?)\1")
_TRAILING_JOINER = re.compile(r"(?:[;,]\s*(?:and|or)\b|\s(?:and|or)(?=[;,]))?[\s;,.]*$")
_TASK_INTRO = re.compile(r"\btasked\s+(?:with|to)\b", re.IGNORECASE)


def _clean_item(text: str) -> str:
    """Item text without markdown emphasis and without the list's joining "; and" or final stop."""
    return _TRAILING_JOINER.sub("", _EMPHASIS.sub(r"\2", text).strip())


def _list_blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Each run of bulleted or numbered items, with the paragraph that introduces it."""
    blocks: list[tuple[str, list[str]]] = []
    intro, items, after_blank = "", [], True
    for raw in lines:
        line = raw.strip()
        if not line:
            after_blank = True
            continue
        marker = _ITEM_MARKER.match(line)
        if marker:
            items.append(line[marker.end() :])
        elif items and not after_blank:
            items[-1] += " " + line
        else:
            if items:
                blocks.append((intro, items))
                items = []
            intro = line if after_blank else f"{intro} {line}"
        after_blank = False
    if items:
        blocks.append((intro, items))
    return [(intro, [_clean_item(item) for item in block]) for intro, block in blocks]


# --- references, bodies established, topics ---------------------------------------------------------

_ESTABLISH = re.compile(
    r"\b(?:[Ee]stablish|[Cc]reate|[Ll]aunch|[Ss]et up)(?:es|s|ed|ing)?\s+(?:an?|the)\s+(?:new\s+)?"
    r"(?P<name>[A-Z][\w'\u2019-]*(?:\s+(?:(?:of|for|on|the|and)\s+)*[A-Z][\w'\u2019-]*)*)"
)


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Acronyms and one-word names match case-sensitively; longer names ignore case."""
    flags = re.IGNORECASE if " " in phrase.strip() else 0
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", flags)


def _position(found: tuple[int, str]) -> int:
    return found[0]


def _find_references(body: str, catalog: StatementCatalog, exclude: set[str]) -> list[str]:
    """Catalog ids named in body, longest phrase first so its parts are not counted again."""
    found: list[tuple[int, str]] = []
    masked = body
    for phrase in sorted(catalog.references, key=len, reverse=True):
        for match in _phrase_pattern(phrase).finditer(masked):
            found.extend((match.start(), entity_id) for entity_id in catalog.references[phrase])
            masked = masked[: match.start()] + "\0" * len(match[0]) + masked[match.end() :]
    return _unique(entity_id for _, entity_id in sorted(found, key=_position) if entity_id not in exclude)


def _find_topics(body: str, catalog: StatementCatalog) -> list[str]:
    found = [
        (match.start(), topic)
        for keyword, topic in catalog.topics.items()
        if (match := re.search(keyword, body, re.IGNORECASE))
    ]
    return _unique(topic for _, topic in sorted(found, key=_position))


# --- the statement ----------------------------------------------------------------------------------

_HEADER = re.compile(r"^(?:Administration of |Daily Compilation of )")
_METADATA = re.compile(r"^(?:Categories|Subjects|DCPD Number|NOTE):")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTH = "|".join(_MONTHS)
_DATE = re.compile(  # "April 1, 2016" or "1 April 2016"
    rf"\b(?:(?P<month1>{_MONTH})\s+(?P<day1>\d{{1,2}}),\s*(?P<year1>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\s+(?P<year2>\d{{4}}))\b"
)
_DOCUMENT_NUMBER = re.compile(r"\bDCPD-?(\d{9})\b")


def _unique(values: Iterable[str]) -> list[str]:
    """Values in order of first appearance, each once."""
    return list(dict.fromkeys(values))


def first_date(text: str) -> datetime.date | None:
    match = _DATE.search(text)
    if not match:
        return None
    month = match["month1"] or match["month2"]
    day = match["day1"] or match["day2"]
    year = match["year1"] or match["year2"]
    return datetime.date(int(year), _MONTHS.index(month) + 1, int(day))


def _metadata_list(paragraphs: list[str], label: str) -> list[str]:
    """The ";"-separated entries of a DCPD "Categories:" or "Subjects:" paragraph."""
    for paragraph in paragraphs:
        if paragraph.startswith(f"{label}:"):
            entries = paragraph[len(label) + 1 :].strip().rstrip(".").split(";")
            return [entry.strip() for entry in entries if entry.strip()]
    return []


_DATE_LINE = re.compile(rf"^\W*(?:{_DATE.pattern})\W*$")


def _title_span(text: str) -> tuple[int, int]:
    """Offsets of the title: the first lines after any header, up to a blank line or a date line."""
    start = end = None
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if start is None:
            if stripped and not _HEADER.match(stripped):
                start, end = position, position + len(line.rstrip("\r\n"))
        elif not stripped or _DATE_LINE.match(stripped) or _METADATA.match(stripped):
            break
        else:
            end = position + len(line.rstrip("\r\n"))
        position += len(line)
    if start is None or end is None:
        raise StatementParseError("the statement is empty: expected a title line and a participant list")
    return start, end


def parse_statement(text: str, catalog: StatementCatalog) -> ParsedStatement:
    """Parses a joint statement; raises StatementParseError when it names no participants."""
    title_start, title_end = _title_span(text)
    title = _EMPHASIS.sub(r"\2", " ".join(text[title_start:title_end].split()).lstrip("#").strip())
    after_title = text[title_end:].splitlines()
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", "\n".join(after_title)) if p.strip()]
    body_paragraphs = [p for p in paragraphs if not _METADATA.match(p)]
    body = "\n\n".join(body_paragraphs)

    lists, rejected = find_participant_lists(text, (title_start, title_end), catalog.organizations)
    if not lists:
        seen = "; spans that look like names but match nothing: " + ", ".join(
            f"{item.name!r} (line {item.line})" for item in rejected) if rejected else ""
        raise StatementParseError(
            f"no participant list found in {title!r}: expected a title 'Joint Statement by A, B and C on ...', "
            "a sentence starting 'The Governments of ...' or '(We,) the leaders of ...', or a list of States "
            f"after a colon or under a heading{seen}"
        )
    states = [state for found in lists for state in found.states]
    organizations = [organization for found in lists for organization in found.organizations]
    unmatched = [item for found in lists for item in found.unmatched]
    unknown = [item.name for item in unmatched]

    pledges: list[str] = []
    tasks: list[str] = []
    for intro, items in _list_blocks(after_title):
        (tasks if _TASK_INTRO.search(intro) else pledges).extend(items)

    establishes: list[str] = []
    for match in _ESTABLISH.finditer(body):
        body_id = catalog.bodies.get(name_key(match["name"]))
        (establishes if body_id else unknown).append(body_id or match["name"])

    document_number = _DOCUMENT_NUMBER.search(text)
    return ParsedStatement(
        title=title,
        date=first_date(text),
        document_number=f"DCPD{document_number[1]}" if document_number else None,
        states=_unique(states),
        organizations=_unique(organizations),
        pledges=pledges,
        tasks=tasks,
        establishes=_unique(establishes),
        references=_find_references(body, catalog, exclude={*organizations, *establishes}),
        categories=_metadata_list(paragraphs, "Categories"),
        subjects=_metadata_list(paragraphs, "Subjects"),
        topics=_find_topics(body, catalog),
        unknown_names=_unique(unknown),
        participant_lists=lists,
        unmatched=unmatched,
    )
