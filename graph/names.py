"""One table of State names for search, lookups and the loaders, so that a name search finds is a
name a loaded document can use, and the other way round.

Built from the libraries where they cover it (country_converter's short and official names,
pycountry's names, official and common names, ISO 3166-3 former names) plus the project's own
sourced additions in `state_names.yaml`; country_converter's patterns answer, after the table,
for names no list holds. Names compare by `name_key` (case, accents, punctuation, "the" and
"St." do not matter), so "Korea, Republic of" and "Iran (Islamic Republic of)" need no entry of
their own. A name more than one State holds answers with all of them, never a guess; a former
State (USSR, Czechoslovakia, GDR, Yugoslavia) keeps its own names, and neither its successor's
names nor the successor's pattern answer for it.
"""

import logging
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import country_converter as coco
import pycountry
import yaml

from graph.errors import LoadError

ADDITIONS_FILE = Path(__file__).with_name("state_names.yaml")
PATTERN_SOURCE = "country_converter"
COCO_SOURCE = "country_converter names"
PYCOUNTRY_SOURCE = "pycountry names"
HISTORIC_SOURCE = "pycountry ISO 3166-3"
Via = Literal["name", "code", "former", "pattern", "none"]

_APOSTROPHES = re.compile(r"['\u2019\u2018`\u00b4]")
_WORD = re.compile(r"[^\W_]+")


@cache
def converter() -> coco.CountryConverter:
    """country_converter, set up once; its per-name warnings are silenced (callers report unknowns)."""
    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return coco.CountryConverter()


def name_key(text: str) -> str:
    """The form names are compared in: accents, case, apostrophes and punctuation dropped, "the"
    left out, "St" read "Saint", runs of single letters joined ("U.S.A." is "usa")."""
    folded = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    words = [word for word in _WORD.findall(_APOSTROPHES.sub("", folded.casefold().replace("&", " and ")))
             if word != "the"]
    joined: list[str] = []
    in_run = False
    for word in words:
        if len(word) == 1 and in_run:
            joined[-1] += word
        else:
            joined.append(word)
            in_run = len(word) == 1
    return " ".join("saint" if word == "st" else word for word in joined)


def variant_keys(name: str) -> set[str]:
    """The name's key and its inverted forms: "Korea, Republic of" <-> "Republic of Korea"."""
    keys = {name_key(name)}
    if ", " in name:
        head, tail = name.split(", ", 1)
        keys.add(name_key(f"{tail} {head}"))
    words = name_key(name).split()
    if "of" in words[1:-1]:
        cut = words.index("of", 1) + 1
        keys.add(" ".join(words[cut:] + words[:cut]))
    return keys - {""}


@dataclass(frozen=True)
class Resolution:
    """What a name resolves to: one State, several (ambiguous), or none; and how it was found."""

    text: str
    ids: tuple[str, ...]
    via: Via

    @property
    def state(self) -> str | None:
        return self.ids[0] if len(self.ids) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.ids) > 1


@dataclass(frozen=True)
class NameEntry:
    state: str
    name: str
    source: str
    kind: str


class StateNames:
    """Names and codes of every State the libraries know, current and former, with their sources."""

    def __init__(self, entries: Iterable[NameEntry], codes: dict[str, set[str]], former: set[str]) -> None:
        self.entries = list(entries)
        self.former = frozenset(former)
        self._by_key: dict[str, set[str]] = defaultdict(set)
        for entry in self.entries:
            for key in variant_keys(entry.name):
                self._by_key[key].add(entry.state)
        self._codes = {code: frozenset(ids) for code, ids in codes.items()}
        self._former_keys = {key: ids for key, ids in self._by_key.items() if ids <= self.former}

    def names_of(self, state: str) -> list[str]:
        """The State's names as the sources write them (no generated variants, no codes)."""
        return list(dict.fromkeys(entry.name for entry in self.entries if entry.state == state))

    def codes_of(self, state: str) -> list[str]:
        return sorted(code for code, ids in self._codes.items() if ids == {state})

    def by_name(self, text: str) -> tuple[str, ...]:
        return tuple(sorted(self._by_key.get(name_key(text), ())))

    def resolve(self, text: str, codes: bool = True, patterns: bool = True) -> Resolution:
        """A name, then an ISO code, then a former State's name inside the text, then a pattern."""
        if found := self.by_name(text):
            return Resolution(text, found, "name")
        code = "".join(text.split()).upper()
        if codes and code in self._codes:
            return Resolution(text, tuple(sorted(self._codes[code])), "code")
        key = f" {name_key(text)} "
        former = sorted({state for name, ids in self._former_keys.items() if f" {name} " in key for state in ids})
        if former:
            return Resolution(text, tuple(former), "former")
        if patterns and (matched := pattern_matches(text)):
            return Resolution(text, matched, "pattern")
        return Resolution(text, (), "none")

    def size(self) -> Counter[str]:
        """Names per source, for the record."""
        return Counter("web page" if entry.source.startswith("http") else entry.source for entry in self.entries)


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(zip((str(code) for code in converter().data["ISO3"]), converter().regexes, strict=True))


def pattern_matches(text: str) -> tuple[str, ...]:
    """ISO3 codes whose country_converter pattern matches the text (the library's own rule)."""
    return tuple(sorted({iso3 for iso3, pattern in _patterns() if pattern.search(text)}))


def _library_entries() -> tuple[list[NameEntry], dict[str, set[str]]]:
    entries: list[NameEntry] = []
    codes: dict[str, set[str]] = defaultdict(set)
    for row in converter().data.itertuples():
        iso3 = str(row.ISO3)
        entries.append(NameEntry(iso3, str(row.name_short), COCO_SOURCE, "short"))
        entries.append(NameEntry(iso3, str(row.name_official), COCO_SOURCE, "official"))
        codes[iso3].add(iso3)
        codes[str(row.ISO2)].add(iso3)
    for country in pycountry.countries:
        for field in ("name", "official_name", "common_name"):
            for name in _comma_names(getattr(country, field, None) or ""):
                if name:
                    entries.append(NameEntry(country.alpha_3, name, PYCOUNTRY_SOURCE, field))
        codes[country.alpha_3].add(country.alpha_3)
        codes[country.alpha_2].add(country.alpha_3)
    return entries, codes


def _comma_names(name: str, historic: bool = False) -> list[str]:
    """ISO lists write "Korea, Republic of" (an inverted designation: also "Republic of Korea") or
    "Virgin Islands, British" (a qualifier: the head alone is a name too, which makes it ambiguous
    when two hold it); ISO 3166-3 writes "USSR, Union of Soviet Socialist Republics", whose head
    and tail are both names (a one-word tail such as "Metropolitan" is not), and keeps the head of
    an inverted one ("Burma")."""
    if ", " not in name:
        return [name]
    head, tail = name.split(", ", 1)
    if tail.endswith((" of", " of the")):
        return [name, f"{tail} {head}", *([head] if historic else [])]
    return [name, head, *([tail] if historic and " " in tail else [])]


def _read_additions() -> dict[str, object]:
    with ADDITIONS_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)  # type: ignore[no-any-return]


@cache
def state_names() -> StateNames:
    """The table, built once per process."""
    entries, codes = _library_entries()
    current_keys = {key for entry in entries for key in variant_keys(entry.name)}
    current_codes = set(codes)
    additions = _read_additions()
    renamed: dict[str, str] = additions["renamed"]  # type: ignore[assignment]
    former: set[str] = set()
    for country in pycountry.historic_countries:
        successor = renamed.get(country.alpha_3)
        if successor is not None:
            holder = pycountry.countries.get(alpha_3=successor)
            # The alpha-4 code ends with the successor's alpha-2, or with "AA" when the alpha-2 stayed.
            kept = country.alpha_2 if country.alpha_4.endswith("AA") else country.alpha_4[2:]
            if holder is None or holder.alpha_2 != kept:
                raise LoadError(ADDITIONS_FILE.name, None, "renamed",
                                f"{country.alpha_3} is not renamed {successor} in ISO 3166-3 ({country.alpha_4})")
        state = successor or country.alpha_3
        if successor is None:
            former.add(state)
        for name in _comma_names(country.name, historic=True):
            # A name a current State holds names that State; a former State keeps only its own.
            if successor or not variant_keys(name) & current_keys:
                entries.append(NameEntry(state, name, HISTORIC_SOURCE, "former"))
        codes[country.alpha_3].add(state)
        if country.alpha_2 not in current_codes:  # a code a current State holds names that State
            codes[country.alpha_2].add(state)
    for line, item in enumerate(additions["names"], start=1):  # type: ignore[arg-type]
        name, state, source = str(item["name"]), str(item["state"]), str(item["source"])
        if state not in codes.get(state, ()):
            raise LoadError(ADDITIONS_FILE.name, line, "state", f"{state!r} is not an ISO 3166 alpha-3 code")
        if source == PATTERN_SOURCE and state not in pattern_matches(name):
            raise LoadError(ADDITIONS_FILE.name, line, "source",
                            f"country_converter's pattern for {state} does not match {name!r}")
        label = f"{PATTERN_SOURCE} pattern" if source == PATTERN_SOURCE else source
        entries.append(NameEntry(state, name, label, str(item["kind"])))
    return StateNames(entries, codes, former)
