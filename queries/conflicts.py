"""Recorded disagreements between sources, read back from the graph in one shape.

Two kinds are recorded, and both come out as `RecordedConflict` (the value kept and its sources,
the other value and the sources that give it):

* **import conflicts**, written by `nsgraph import-status` as three parallel list properties on the
  disputed relationship: `conflict_fields[i]` (the property, e.g. `since`, `via`, `date`),
  `conflict_values[i]` (the other value, as text) and `conflict_sources[i]` (the source that gives
  it). The relationship's own property keeps the first-recorded value, cited by `sources` (or
  `entry_into_force_sources`). Parallel lists of scalars, not JSON strings, so Cypher can filter on
  them (`'since' IN r.conflict_fields`) and unwind them by index;
* **curated conflicts**, flagged in the shipped data's notes (`CONFLICT: ...` in treaty_actions.csv
  and memberships.csv). They are parsed here, at read time, so no loader had to change; the raw
  sentence is returned as `detail` in case the parse misses a nuance.
"""

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from graph.driver import GraphDatabaseClient
from queries.models import ConflictRow, ConflictsPage, ConflictValue, NodeRef
from queries.registry import read

ConflictOrigin = Literal["import", "curated_note"]

MARKER = "CONFLICT"
_SOURCE_ID = re.compile(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b")
_VALUE_WITH_SOURCES = re.compile(r"(\d{4}(?:-\d{2}){0,2})\s*\(([A-Z0-9_,;\s]+)\)")
_DATE = re.compile(r"\b\d{4}(?:-\d{2}){0,2}\b")
_SENTENCE_END = re.compile(r"\.(?:\s|$)")
_KEPT = re.compile(r"[;.,]?\s*\bkept\b")
_CONSENT_WORDS: tuple[tuple[str, str], ...] = (
    ("ratif", "ratification"), ("accession", "accession"), ("acced", "accession"),
    ("acceptance", "acceptance"), ("accept", "acceptance"), ("approv", "approval"), ("succession", "succession"),
)
_DATE_FIELD_OF_TYPE = {"SIGNED": "date", "PARTY_TO": "since", "MEMBER_OF": "since"}


@dataclass(frozen=True)
class RecordedConflict:
    """One disagreement on one property of one relationship: the kept value versus another one."""

    type: str
    subject: dict[str, Any]
    object: dict[str, Any]
    field: str | None
    kept_value: str | None
    kept_sources: list[str]
    other_value: str | None
    other_sources: list[str]
    origin: ConflictOrigin
    detail: str | None = None


@dataclass(frozen=True)
class NoteConflict:
    """What a curated `CONFLICT` note says: which property, the other value, and who gives it."""

    field: str | None
    value: str | None
    sources: list[str] = field(default_factory=list)
    detail: str = ""


def conflict_sentence(note: str) -> str | None:
    """The note's text from the marker to the end of the sentence that says what was kept (or the first one)."""
    start = note.find(MARKER)
    if start < 0:
        return None
    text = note[start:]
    kept = _KEPT.search(text)
    end = _SENTENCE_END.search(text, kept.end() if kept else 0)
    return text[: end.start() + 1] if end else text


def _date_field(rel_type: str, claim: str) -> str:
    if "entry-into-force" in claim or "entry into force" in claim:
        return "entry_into_force"
    return _DATE_FIELD_OF_TYPE.get(rel_type, "date")


def parse_conflict_note(note: str | None, rel_type: str, kept: dict[str, Any]) -> list[NoteConflict]:
    """The other values a curated note gives, each with its sources.

    Understands the shapes the curated data uses: "dates differ: V1 (S1, S2); V2 (S3); kept V1",
    "S says 'ratified'; kept accession", "S1 and S2 call the instrument a ratification",
    "S gives signature year 2006". Anything else still comes back, with field and value unknown.
    """
    sentence = conflict_sentence(note or "")
    if sentence is None:
        return []
    kept_at = _KEPT.search(sentence)
    claim = sentence[: kept_at.start()] if kept_at else sentence
    claim = claim[len(MARKER):]
    listed = _VALUE_WITH_SOURCES.findall(claim)
    if listed:
        name = _date_field(rel_type, claim)
        return [NoteConflict(name, value, _SOURCE_ID.findall(sources), sentence)
                for value, sources in listed if value != kept.get(name)]
    sources = list(dict.fromkeys(_SOURCE_ID.findall(claim)))
    lowered = claim.casefold()
    for stem, kind in _CONSENT_WORDS:
        if stem in lowered:
            return [NoteConflict("via", kind, sources, sentence)]
    date = _DATE.search(claim.replace("(type only)", ""))
    if date is not None:
        return [NoteConflict(_date_field(rel_type, claim), date.group(), sources, sentence)]
    return [NoteConflict(None, None, sources, sentence)]


def _kept_sources(facts: dict[str, Any], name: str | None) -> list[str]:
    if name == "entry_into_force" and facts.get("entry_into_force_sources"):
        return list(facts["entry_into_force_sources"])
    return list(facts.get("sources") or [])


def _as_text(value: Any) -> str | None:
    return None if value is None else str(value)


def conflicts_of(row: dict[str, Any]) -> list[RecordedConflict]:
    """The import and curated conflicts on one relationship row of `conflicts/list`."""
    facts = row["facts"]
    common = {"type": row["type"], "subject": row["subject"], "object": row["object"]}
    found: list[RecordedConflict] = []
    recorded = zip(facts["conflict_fields"], facts["conflict_values"], facts["conflict_sources"], strict=False)
    for name, value, source in recorded:
        found.append(RecordedConflict(**common, field=name, kept_value=_as_text(facts.get(name)),
                                      kept_sources=_kept_sources(facts, name), other_value=value,
                                      other_sources=[source], origin="import"))
    for note_key, default_field in (("note", None), ("entry_into_force_note", "entry_into_force")):
        for parsed in parse_conflict_note(facts.get(note_key), row["type"], facts):
            name = parsed.field or default_field
            if note_key == "entry_into_force_note" and name != "via":
                name = "entry_into_force"
            found.append(RecordedConflict(**common, field=name, kept_value=_as_text(facts.get(name or "")),
                                          kept_sources=_kept_sources(facts, name), other_value=parsed.value,
                                          other_sources=parsed.sources, origin="curated_note", detail=parsed.detail))
    return found


def list_conflicts(db: GraphDatabaseClient, instrument: str | None = None, group: str | None = None,
                   state: str | None = None) -> list[RecordedConflict]:
    """Every recorded disagreement, optionally for one instrument, one group or one State."""
    rows = read(db, "conflicts/list", instrument=instrument, group=group, state=state)
    return [conflict for row in rows for conflict in conflicts_of(row)]


def conflict_row(conflict: RecordedConflict) -> ConflictRow:
    return ConflictRow(type=conflict.type, subject=NodeRef(**conflict.subject), object=NodeRef(**conflict.object),
                       field=conflict.field,
                       kept=ConflictValue(value=conflict.kept_value, sources=conflict.kept_sources),
                       other=ConflictValue(value=conflict.other_value, sources=conflict.other_sources),
                       origin=conflict.origin, detail=conflict.detail)


def conflicts_page(db: GraphDatabaseClient, instrument: str | None = None, group: str | None = None,
                   state: str | None = None) -> ConflictsPage:
    """Every recorded disagreement as rows (callers page them)."""
    rows = [conflict_row(c) for c in list_conflicts(db, instrument=instrument, group=group,
                                                    state=state.upper() if state else None)]
    return ConflictsPage(data=rows, count=len(rows), total=len(rows), limit=len(rows), offset=0)
