"""Find every participant list a statement or an INFCIRC carries, wherever and however it is written.

A list may sit in the (wrapped) title, after a lead-in of a sentence ("The Governments of",
"the leaders of", "On the occasion of ...,", "the Heads of State and Government of", "records the
intent of"), after a colon, or in an annex or column (one name per line, bulleted or numbered, or
separated by semicolons). Names are read as written (official long forms, inverted IAEA/UN forms,
with or without "the", wrapped over lines) and resolved only through `loaders.countries` for
States and the catalog's aliases for organizations: a span that looks like a participant but
resolves to nothing is returned as unmatched with its line (and candidates when the name is
ambiguous), never dropped and never guessed.

Works on the original text with offsets, so every list and every unmatched name keeps its line.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel

from graph.names import pattern_matches
from loaders.countries import converter, name_to_iso3


class UnmatchedName(BaseModel):
    """A span that looks like a participant but is no known State or organization."""

    name: str
    line: int
    candidates: list[str] = []


class ParticipantList(BaseModel):
    """One list of participants, with the role its introduction gives them and where it starts."""

    role: str
    intro: str
    line: int
    states: list[str]
    organizations: list[str]
    unmatched: list[UnmatchedName]


def strip_article(name: str) -> str:
    return re.sub(r"^(?:the\s+)+", "", name.strip(), flags=re.IGNORECASE)


def name_key(name: str) -> str:
    """Lookup key that ignores case, accents, spacing and a leading article."""
    decomposed = unicodedata.normalize("NFKD", strip_article(name))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


@lru_cache(maxsize=1)
def full_country_names() -> frozenset[str]:
    """Names the library knows in full, so "Bosnia and Herzegovina" is not split at its "and"."""
    data = converter().data
    return frozenset(name_key(str(name)) for name in (*data["name_short"], *data["name_official"]))


@dataclass(frozen=True)
class Resolved:
    kind: str  # "state" | "organization" | "unmatched"
    id: str | None
    candidates: tuple[str, ...] = ()


def resolve_name(name: str, organizations: Mapping[str, str]) -> Resolved:
    """A participant's name as written -> an organization id, a State's ISO3 code, or unmatched."""
    cleaned = " ".join(strip_article(name).split())
    organization = organizations.get(name_key(cleaned))
    if organization:
        return Resolved("organization", organization)
    iso3 = name_to_iso3(cleaned) if cleaned else None
    if iso3:
        return Resolved("state", iso3)
    candidates = pattern_matches(cleaned) if cleaned else ()
    return Resolved("unmatched", None, tuple(candidates) if len(candidates) > 1 else ())


# --- pieces of a list -------------------------------------------------------------------------------

_INLINE_SEPARATOR = re.compile(r"(?:\s*[,;]\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+)+")
# A list ends at a colon or a sentence-ending full stop (not the one in "St." or "U.S.").
_INLINE_END = re.compile(r":|(?<!\b[A-Z])(?<!\bSt)(?<!\bNo)\.(?=\s|$)")
_CONNECTORS = frozenset({"of", "the", "and", "de", "du", "des", "la", "le", "d'", "d\u2019", "&"})
# The tail of an inverted name: "Korea, Republic of", "Congo, Democratic Republic of the".
_INVERTED_TAIL = re.compile(r"^(?:the\s+)?(?:[A-Z][\w'\u2019-]*\s+)+of(?:\s+the)?$")


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int


def _is_name_token(token: str) -> bool:
    core = token.strip("()[],;")
    if not core:
        return True
    return core[:1].isupper() or core.casefold() in _CONNECTORS or core[:2] in ("d'", "d\u2019")


def _pieces(text: str, start: int, end: int, separator: re.Pattern[str]) -> list[_Piece]:
    pieces: list[_Piece] = []
    position = start
    for match in separator.finditer(text, start, end):
        if match.start() > position:
            pieces.append(_Piece(position, match.start()))
        position = match.end()
    if position < end and text[position:end].strip():
        pieces.append(_Piece(position, end))
    return pieces


def _words(text: str) -> list[str]:
    return strip_article(" ".join(text.split())).split()


class _Reader:
    """Reads the pieces of one span of text into the names it lists, up to the first piece that is not a name."""

    def __init__(self, text: str, organizations: Mapping[str, str]) -> None:
        self.text = text
        self.organizations = organizations

    def known(self, words: list[str]) -> bool:
        key = name_key(" ".join(words))
        return key in self.organizations or key in full_country_names()

    def known_prefix(self, words: list[str]) -> int:
        for length in range(len(words), 0, -1):
            if self.known(words[:length]):
                return length
        return 0

    def read(self, pieces: list[_Piece], whole_lines: bool = False) -> list[tuple[str, int]]:
        """(name, offset) for each name at the start of the pieces. With whole_lines (a column), a line
        of capitalised words is one name even when no table knows it."""
        names: list[tuple[str, int]] = []
        index = 0
        while index < len(pieces):
            first = pieces[index]
            stop, length = index, 0
            # Rejoin pieces split at an "and" or a comma that belongs to a known name.
            for candidate in range(min(len(pieces) - 1, index + 8), index, -1):
                joined = _words(self.text[first.start : pieces[candidate].end])
                found = self.known_prefix(joined)
                if found > len(_words(self.text[first.start : pieces[candidate - 1].end])):
                    stop, length = candidate, found
                    break
            if stop == index and index + 1 < len(pieces) and _INVERTED_TAIL.match(
                    " ".join(self.text[pieces[index + 1].start : pieces[index + 1].end].split())):
                stop = index + 1  # "Korea, Republic of": one name written inverted
                length = len(_words(self.text[first.start : pieces[stop].end]))
            words = _words(self.text[first.start : pieces[stop].end])
            name, complete = self.name_in(words, length or self.known_prefix(words))
            if not complete and whole_lines and all(_is_name_token(word) or not any(char.isalnum() for char in word)
                                                    for word in words):
                name, complete = " ".join(words), True
            if name:
                names.append((name, first.start))
            if not complete or not name:
                return names
            index = stop + 1
        return names

    def name_in(self, words: list[str], known: int) -> tuple[str, bool]:
        """The name a piece starts with: all of it if it is a known or resolvable name, else its known
        prefix, else its capitalised start; and whether that name is the whole piece."""
        if known == len(words):
            return " ".join(words), True
        lead, whole = self.leading_name(words)
        if whole and resolve_name(lead, self.organizations).kind != "unmatched":
            return lead, True
        if known:
            return " ".join(words[:known]), False
        return lead, whole

    @staticmethod
    def leading_name(words: list[str]) -> tuple[str, bool]:
        """The capitalised name at the start of words (connectors and a parenthesis kept inside), and
        whether it is all of them."""
        last, depth = -1, 0
        for index, word in enumerate(words):
            depth += word.count("(") - word.count(")")
            capitalised = word.strip("()[],;")[:1].isupper() or word.strip("()")[:2] in ("d'", "d\u2019")
            if capitalised or (word.endswith(")") and depth <= 0 and last >= 0):
                last = index
            elif not _is_name_token(word):
                break
        return " ".join(words[: last + 1]), last == len(words) - 1


# --- where lists are -------------------------------------------------------------------------------

_MARKER = r"(?:[-•*\u2013\u2022\u25aa]|\(?\d{1,3}[.)]|\([a-z]{1,3}\)|[a-z][.)])"
_LINE_BREAK = rf"\s*\n[ \t]*(?:{_MARKER}[ \t]+)?|(?<=\n)[ \t]*{_MARKER}[ \t]+"
_LINES_SEPARATOR = re.compile(rf"(?:\s*[,;]\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+|{_LINE_BREAK}|\t+|[ \t]{{3,}})+")
_SEMICOLONS_SEPARATOR = re.compile(rf"(?:\s*;\s*(?:(?:and|&)\s+)?|,?\s+(?:and|&)\s+(?=[^;]*$)|{_LINE_BREAK})+")
_LEADING_MARKER = re.compile(rf"[ \t]*{_MARKER}[ \t]+")
_TITLE_LEAD_IN = re.compile(
    r"\bStatement\s+(?:by|of|from)\s+(?:the\s+(?:leaders|governments|heads\s+of\s+state\s+and\s+(?:of\s+)?"
    r"government)\s+of\s+)?", re.IGNORECASE)
_BODY_LEAD_INS = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    r"\b(?:the\s+)?governments\s+of\s+",
    r"\b(?:the\s+)?leaders\s+of\s+",
    r"\bheads\s+of\s+state\s+and\s+(?:of\s+)?government\s+of\s+",
    r"\brecords?\s+the\s+intent\s+of\s+",
    r"\bon\s+the\s+occasion\s+of\s+[^,.:;]*,\s*",
    r"\bpermanent\s+missions?\s+of\s+",
    r"\bstatement\s+(?:by|of)\s+",
))
# An introduction before a colon that announces participants (else a colon list needs two known names).
_PARTICIPANT_WORDS = re.compile(
    r"\b(?:States?|countries|Governments?|participants?|participating|subscri\w*|organi[sz]ations?|members?|"
    r"signator\w*|endorse\w*|joined|partners?|observers?|supporters?|supported|sponsors?)\b", re.IGNORECASE)
_HEADING = re.compile(
    r"^(?:annex\b[^.]*|(?:list\s+of\s+)?(?:the\s+)?(?:participating|subscribing|signatory|supporting|additional)?\s*"
    r"(?:(?:international|intergovernmental)\s+)?"
    r"(?:states|countries|participants|subscribers|signatories|governments|organi[sz]ations|observers)\b[^.]{0,60})$",
    re.IGNORECASE)
# The role a list's introduction gives its members (first match wins; default: subscriber).
_ROLES = tuple((role, re.compile(pattern, re.IGNORECASE)) for role, pattern in (
    ("observer", r"\bobservers?\b"),
    ("partner", r"\bpartners?\b"),
    ("member", r"\bmembers?\b"),
    ("participant", r"\bparticipat(?:ed|ing)\b|\bparticipants\s+in\b|^participants\b|\battended\b|\btook\s+part\b"),
))
_METADATA = re.compile(r"^(?:Categories|Subjects|DCPD Number|NOTE):")
_PARAGRAPH = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")
_SENTENCE_START = re.compile(r"(?:^|(?<!\b[A-Z])(?<!\bSt)[.!?;]\s+)(?=[^.!?;]*$)")


@dataclass
class _Found:
    start: int
    end: int
    intro: str
    names: list[tuple[str, int]]
    needs_intro: bool


class _DocumentReader:
    def __init__(self, text: str, organizations: Mapping[str, str]) -> None:
        self.text = text
        self.masked = _mask_inner_markers(text)
        self.reader = _Reader(self.masked, organizations)
        self.organizations = organizations
        self.newlines = [index for index, char in enumerate(text) if char == "\n"]

    def line(self, offset: int) -> int:
        return bisect.bisect_left(self.newlines, offset) + 1

    def read_span(self, start: int, end: int) -> tuple[list[tuple[str, int]], int]:
        """The names of the best reading of the span (inline, one per line, or semicolon-separated)."""
        leading = _LEADING_MARKER.match(self.masked, start, end)
        start = leading.end() if leading else start
        inline_end = _INLINE_END.search(self.masked, start, end)
        readings = [(_pieces(self.masked, start, inline_end.start() if inline_end else end, _INLINE_SEPARATOR), False)]
        if "\n" in self.masked[start:end].strip() or re.search(r"\t|[ \t]{3,}", self.masked[start:end]):
            readings.append((self._line_pieces(start, end, _LINES_SEPARATOR), True))
        if ";" in self.masked[start:end]:
            readings.append((self._line_pieces(start, end, _SEMICOLONS_SEPARATOR), True))
        best: tuple[tuple[int, int], list[tuple[str, int]], int] | None = None
        for pieces, whole_lines in readings:
            names = self.reader.read(pieces, whole_lines)
            resolved = [resolve_name(name, self.organizations).kind != "unmatched" for name, _ in names]
            score = (sum(resolved), -resolved.count(False))
            last = names[-1][1] if names else start
            span_end = next((piece.end for piece in pieces if piece.start >= last), last)
            if best is None or score > best[0]:
                best = (score, names, span_end)
        assert best is not None
        return best[1], best[2]

    def _line_pieces(self, start: int, end: int, separator: re.Pattern[str]) -> list[_Piece]:
        """Pieces of a column: a line ending in a full stop ends it; a line cut inside a name is rejoined."""
        stop = end
        for match in re.finditer(r"(?<!\b[A-Z])(?<!\bSt)\.[ \t]*(?:\n|$)", self.masked[start:end]):
            stop = start + match.start()
            break
        pieces = _pieces(self.masked, start, stop, separator)
        joined: list[_Piece] = []
        for piece in pieces:
            previous = joined[-1] if joined else None
            if previous and _continues(self.masked[previous.start : previous.end],
                                       self.masked[piece.start : piece.end], self.masked[previous.end : piece.start]):
                joined[-1] = _Piece(previous.start, piece.end)
            else:
                joined.append(piece)
        return joined

    def paragraphs(self, start: int) -> list[tuple[int, int]]:
        return [(match.start(), match.end()) for match in _PARAGRAPH.finditer(self.text, start)
                if not _METADATA.match(self.text[match.start() : match.end()].strip())]

    def is_list(self, found: _Found) -> bool:
        """A lead-in list needs one known name; a list after a colon or heading must start with one and
        have an introduction that speaks of participants, or two known names."""
        kinds = [resolve_name(name, self.organizations).kind for name, _ in found.names]
        known = len(kinds) - kinds.count("unmatched")
        if not found.needs_intro:
            return known > 0
        return kinds[0] != "unmatched" and (known >= 2 or _PARTICIPANT_WORDS.search(found.intro) is not None)

    def find(self, title: tuple[int, int]) -> list[_Found]:
        found: list[_Found] = []
        self.rejected: list[_Found] = []

        def taken(offset: int) -> bool:
            return any(item.start <= offset < item.end for item in found)

        def add(start: int, end: int, intro: str, needs_intro: bool) -> None:
            if taken(start):
                return
            names, span_end = self.read_span(start, end)
            candidate = _Found(start, max(span_end, names[-1][1] + 1) if names else start,
                               " ".join(intro.split()), names, needs_intro)
            (found if names and self.is_list(candidate) else self.rejected).append(candidate)

        for match in _TITLE_LEAD_IN.finditer(self.masked, *title):
            add(match.end(), title[1], match[0], needs_intro=False)
        paragraphs = self.paragraphs(title[1])
        for number, (start, end) in enumerate(paragraphs):
            matches = sorted((match for pattern in _BODY_LEAD_INS
                              for match in pattern.finditer(self.masked, start, end)), key=lambda m: m.start())
            for match in matches:
                if not taken(match.start()):
                    add(match.end(), end, self._sentence(start, match.end()), needs_intro=False)
            for match in re.finditer(r":", self.masked[start:end]):
                colon = start + match.start()
                if taken(colon):
                    continue
                intro = self._sentence(start, colon)
                rest = self.masked[colon + 1 : end]
                if rest.strip():
                    add(colon + 1, end, intro, needs_intro=True)
                elif number + 1 < len(paragraphs):
                    add(*paragraphs[number + 1], intro, needs_intro=True)
            first_line = self.text[start:end].split("\n", 1)[0].strip()
            if _HEADING.match(first_line) and not taken(start):
                body = start + len(self.text[start:end].split("\n", 1)[0]) + 1
                if body < end and self.text[body:end].strip():
                    add(body, end, first_line, needs_intro=True)
                elif number + 1 < len(paragraphs):
                    add(*paragraphs[number + 1], first_line, needs_intro=True)
        return found

    def _sentence(self, paragraph_start: int, at: int) -> str:
        before = self.masked[paragraph_start:at]
        match = _SENTENCE_START.search(before)
        return before[match.end() if match else 0 :]


def _mask_inner_markers(text: str) -> str:
    """The text with "and the following organizations:" (and similar) inside a list read as a comma."""
    inner = re.compile(
        r"(?:,\s*(?:and\s+)?|\s+and\s+)the\s+following\s+(?:(?:international|intergovernmental)\s+)?"
        r"organi[sz]ations?\s*:|,?\s+(?:together\s+with|as\s+well\s+as)\s+",
        re.IGNORECASE,
    )
    return inner.sub(lambda match: "," + " " * (len(match[0]) - 1), text)


def _continues(previous: str, following: str, between: str) -> bool:
    """Whether a line break cut a name: an open parenthesis, a trailing connector, a lowercase continuation."""
    if "\n" not in between or between.strip(" \t\n"):
        return False
    last = previous.split()[-1] if previous.split() else ""
    first = following.split()[0] if following.split() else ""
    return (previous.count("(") > previous.count(")") or last.casefold() in _CONNECTORS
            or first.casefold() in ("of", "de", "du", "des") or first.startswith(")"))


def find_participant_lists(text: str, title: tuple[int, int], organizations: Mapping[str, str],
                           ) -> tuple[list[ParticipantList], list[UnmatchedName]]:
    """Every participant list in the text, and the participant-like spans of candidate lists that were
    not taken as lists (reported by the caller when no list is found)."""
    document = _DocumentReader(text, organizations)
    lists: list[ParticipantList] = []
    rejected: list[UnmatchedName] = []
    for found in document.find(title):
        states: list[str] = []
        organization_ids: list[str] = []
        unmatched: list[UnmatchedName] = []
        for name, offset in found.names:
            resolved = resolve_name(name, organizations)
            if resolved.kind == "state" and resolved.id:
                states.append(resolved.id)
            elif resolved.kind == "organization" and resolved.id:
                organization_ids.append(resolved.id)
            else:
                unmatched.append(UnmatchedName(name=name, line=document.line(offset),
                                               candidates=list(resolved.candidates)))
        lists.append(ParticipantList(
            role=next((role for role, pattern in _ROLES if pattern.search(found.intro)), "subscriber"),
            intro=found.intro, line=document.line(found.start), states=list(dict.fromkeys(states)),
            organizations=list(dict.fromkeys(organization_ids)), unmatched=unmatched))
    rejected = [UnmatchedName(name=name, line=document.line(offset)) for found in document.rejected
                for name, offset in found.names if resolve_name(name, organizations).kind == "unmatched"]
    return lists, rejected
