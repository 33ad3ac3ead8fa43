"""What an answer as of a day leaves out, named: the facts whose date cannot be placed on that day.

The rule is `graph.dating`'s. The queries compute each fact's standing on the day in Cypher, from the
stored date bounds (`counts`, `after`, `imprecise`, `undated`: see `graph.dating.DayStatus`), and this
module turns the imprecise and undated ones into the answer's `TimeExclusions`. A relationship is named
only when both its ends are there on the day (an undated subscription to a statement issued after the
day is simply not there yet); a node whose own date straddles the day is named as `id -[NODE]-> kind`.
"""

import datetime
from collections.abc import Iterable
from typing import Any, NamedTuple

from pydantic import BaseModel, Field

from graph.dating import AS_OF_RULE, TIMED_TYPES, DayStatus, fact_date, iso_day

UNPLACED: tuple[DayStatus, ...] = ("undated", "imprecise")
TIMED = list(TIMED_TYPES)
"""The `$timed` parameter of every dated query."""
NODE_FACT = "NODE"
"""The `type` of an `UnplacedFact` that is a node left out because its own date straddles the day."""


class UnplacedFact(BaseModel):
    """A fact an answer as of a day could not place in time: `subject -[type]-> object`, with its date if any."""

    subject: str
    type: str
    object: str
    date: str | None = None


class TimeExclusions(BaseModel):
    """What an answer `as_of` a day left out, named: undated facts, and facts whose year or month straddles it."""

    as_of: str
    rule: str = Field(description="the as_of rule (graph.dating.AS_OF_RULE)")
    undated: list[UnplacedFact] = Field(default_factory=list)
    imprecise: list[UnplacedFact] = Field(default_factory=list)


Facts = list[tuple[DayStatus, UnplacedFact]]
"""Facts an answer as of a day left out, with how they stand on it (only imprecise and undated ones are named)."""


def day_parameters(as_of: datetime.date | None) -> dict[str, Any]:
    """The Cypher parameters every dated query takes: the day (or null: everything counts) and the timed types."""
    return {"as_of": iso_day(as_of), "timed": list(TIMED_TYPES)}


def relationship_fact(source: str, rel_type: str, target: str, properties: dict[str, Any]) -> UnplacedFact:
    return UnplacedFact(subject=source, type=rel_type, object=target, date=fact_date(properties))


def node_fact(properties: dict[str, Any]) -> UnplacedFact:
    return UnplacedFact(subject=str(properties["id"]), type=NODE_FACT, object=str(properties.get("kind") or ""),
                        date=fact_date(properties))


def time_exclusions(as_of: datetime.date | None,
                    facts: Iterable[tuple[DayStatus, UnplacedFact]]) -> TimeExclusions | None:
    """The named exclusions of an answer as of `as_of` (None without a day), each fact once, in a stable order."""
    if as_of is None:
        return None
    found: dict[DayStatus, dict[tuple[str, str, str], UnplacedFact]] = {status: {} for status in UNPLACED}
    for status, fact in facts:
        if status in found:
            found[status].setdefault((fact.subject, fact.type, fact.object), fact)
    return TimeExclusions(as_of=as_of.isoformat(), rule=AS_OF_RULE,
                          **{status: [found[status][key] for key in sorted(found[status])] for status in UNPLACED})


def left_out_note(exclusions: TimeExclusions) -> str:
    """The short line a page prints under its title."""
    return (f"As of {exclusions.as_of}, left out: {len(exclusions.undated)} undated, "
            f"{len(exclusions.imprecise)} imprecise (a year or month that straddles the day).")


def exclusions_of_rows(as_of: datetime.date | None, rows: Iterable[dict[str, Any]]) -> TimeExclusions | None:
    """`time_exclusions` of the `unplaced` rows a composed query returns (`{subject, type, object, date, undated}`)."""
    return time_exclusions(as_of, (("undated" if row["undated"] else "imprecise",
                                    UnplacedFact(subject=row["subject"], type=row["type"], object=row["object"],
                                                 date=row.get("date"))) for row in rows))


class Standing(NamedTuple):
    """Where one fact stands on the day, as a query reports it: counts | after | imprecise | undated (None: no
    such fact)."""

    subject: str
    type: str
    object: str
    date: str | None
    standing: str | None


def standing_exclusions(as_of: datetime.date | None, facts: Iterable[Standing]) -> TimeExclusions | None:
    """`time_exclusions` of facts with their standing: the undated and imprecise ones, named."""
    return time_exclusions(as_of, ((fact.standing, UnplacedFact(subject=fact.subject, type=fact.type,
                                                                 object=fact.object, date=fact.date))
                                   for fact in facts if fact.standing in UNPLACED))


def exclusions_caveat(exclusions: TimeExclusions | None) -> list[str]:
    """One sentence saying how much an answer as of a day left out, pointing at the names."""
    if exclusions is None or not (exclusions.undated or exclusions.imprecise):
        return []
    return [f"As of {exclusions.as_of}: {len(exclusions.undated)} undated and {len(exclusions.imprecise)} imprecise "
            "facts (a year or month straddling the day) cannot be placed on that day; they are left out and named "
            "in exclusions."]
