"""Answers as of a day: the facts a read left out (undated, or with a year or month straddling the
day), gathered into the `TimeExclusions` every dated answer carries. The rule itself lives in
graph/dating.py; the .cypher files apply it and report each fact's standing."""

import datetime
from collections.abc import Iterable
from typing import NamedTuple

from graph.dating import TIMED_TYPES
from queries import unplaced
from queries.unplaced import TimeExclusions, UnplacedFact

TIMED = list(TIMED_TYPES)
"""The `$timed` parameter of every dated query."""

LEFT_OUT = ("undated", "imprecise")


class Standing(NamedTuple):
    """Where one fact stands on the day: counts | after | imprecise | undated (None: no such fact)."""

    subject: str
    type: str
    object: str
    date: str | None
    standing: str | None


def time_exclusions(as_of: datetime.date | None, facts: Iterable[Standing]) -> TimeExclusions | None:
    """The undated and imprecise facts among `facts`, named (None when no day was asked for)."""
    return unplaced.time_exclusions(as_of, ((fact.standing, UnplacedFact(subject=fact.subject, type=fact.type,
                                                                          object=fact.object, date=fact.date))
                                            for fact in facts if fact.standing in LEFT_OUT))


def exclusions_caveat(exclusions: TimeExclusions | None) -> list[str]:
    """One sentence saying how much an answer as of a day left out, pointing at the names."""
    if exclusions is None or not (exclusions.undated or exclusions.imprecise):
        return []
    return [f"As of {exclusions.as_of}: {len(exclusions.undated)} undated and {len(exclusions.imprecise)} imprecise "
            "facts (a year or month straddling the day) cannot be placed on that day; they are left out and named "
            "in exclusions."]
