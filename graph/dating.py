"""Facts on a day: the one rule by which every answer `as_of` a date counts or leaves out a fact.

Dates keep the precision of their source (`2016`, `2016-04`, `2016-04-01`). A fact counts on day D
when its date is on or before D, that is when the *last* day its date can mean is on or before D.
A date whose period straddles D (`2016` or `2016-04` asked on 2016-04-13) is not guessed: it is
left out and counted apart as imprecise. An undated fact cannot be placed in time: it is left out
and counted apart as undated.

The loaders store each date's bounds beside it (`date_earliest`, `date_latest`, full ISO days), so
Cypher applies the rule with plain string comparisons on any relationship or node.

Which facts are in time: the relationships a State (or organization) acts by — party, signature,
subscription, participation, membership, political commitment to a code — always are, so an
undated one is excluded. Other relationships (a statement ADDRESSES a topic, a guide is PART_OF a
series) and nodes are part of the architecture's structure: undated, they are kept; dated, the
rule applies to them too (a commitment issued after D is not there yet).
"""

import calendar
import datetime
import re
from typing import Any, Literal

from graph.model import Rel

DayStatus = Literal["counts", "after", "imprecise", "undated"]

TIMED_TYPES: tuple[str, ...] = (Rel.PARTY_TO.value, Rel.SIGNED.value, Rel.SUBSCRIBED_TO.value,
                                Rel.PARTICIPATED_IN.value, Rel.MEMBER_OF.value, Rel.COMMITTED_TO.value)
"""Relationship types that are acts in time: undated, they never count on a given day."""

DATE_FIELDS = ("since", "date")
"""Where a fact keeps its date: `since` (consent, membership) before `date` (signature, subscription, ...)."""

EARLIEST, LATEST = "date_earliest", "date_latest"

AS_OF_RULE = ("as_of = D counts a fact when its date is on or before D. Dates with only a year or a month that "
              "straddle D, and undated facts, are not guessed: they are left out and listed apart (imprecise, "
              "undated). Parties count from their consent (deposit) date, signatories from their signature, "
              "members, subscribers and participants from their membership, subscription or participation date; "
              "a document, event or instrument dated after D is not there yet.")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def date_bounds(text: str | None) -> tuple[str, str] | None:
    """The first and last day a `YYYY[-MM[-DD]]` date can mean; None for no date or one that is not a date."""
    match = _DATE.match((text or "").strip())
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        if month is None:
            return datetime.date(year, 1, 1).isoformat(), datetime.date(year, 12, 31).isoformat()
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return datetime.date(year, month, 1).isoformat(), datetime.date(year, month, last).isoformat()
        exact = datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
    return exact, exact


def fact_date(properties: dict[str, Any]) -> str | None:
    """The date that places a fact in time (`since`, else `date`)."""
    for key in DATE_FIELDS:
        if properties.get(key):
            return str(properties[key])
    return None


def with_bounds(properties: dict[str, Any]) -> dict[str, Any]:
    """The properties plus the bounds of their date (None when undated), as the loaders store them; left as
    they are when they set no date field (a partial update must not erase the bounds of a date it keeps)."""
    if not any(key in properties for key in DATE_FIELDS):
        return properties
    bounds = date_bounds(fact_date(properties))
    return {**properties, EARLIEST: bounds[0] if bounds else None, LATEST: bounds[1] if bounds else None}


def day_status(date: str | None, day: datetime.date | str | None) -> DayStatus:
    """Where a fact dated `date` stands on `day` (no day: every fact counts)."""
    if day is None:
        return "counts"
    bounds = date_bounds(date)
    if bounds is None:
        return "undated"
    on = day.isoformat() if isinstance(day, datetime.date) else day
    if bounds[1] <= on:
        return "counts"
    return "after" if bounds[0] > on else "imprecise"


def iso_day(day: datetime.date | None) -> str | None:
    """The query parameter for a day (None: no day, everything counts)."""
    return day.isoformat() if day else None
