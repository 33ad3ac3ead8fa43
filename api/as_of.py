"""The `as_of` query parameter, documented once with the rule it applies (`graph.dating.AS_OF_RULE`)."""

import datetime
import re
from typing import Annotated

from fastapi import Query
from pydantic import BeforeValidator

from graph.dating import AS_OF_RULE

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(value: object) -> object:
    """Only `YYYY-MM-DD` is a day here: pydantic alone would also read `0` or `1700000000` as Unix times."""
    if isinstance(value, str) and not ISO_DAY.fullmatch(value):
        raise ValueError("a day is written YYYY-MM-DD")
    return value


Day = Annotated[datetime.date, BeforeValidator(iso_date)]
"""A calendar day in a query parameter, ISO 8601 only."""

AsOf = Annotated[Day | None, Query(
    description=f"A day, as YYYY-MM-DD: the answer as of that day (default: today, every fact). {AS_OF_RULE}",
    examples=["2010-04-13"])]
