"""The `as_of` query parameter, documented once with the rule it applies (`graph.dating.AS_OF_RULE`)."""

import datetime
from typing import Annotated

from fastapi import Query

from graph.dating import AS_OF_RULE

AsOf = Annotated[datetime.date | None, Query(
    description=f"A day, as YYYY-MM-DD: the answer as of that day (default: today, every fact). {AS_OF_RULE}",
    examples=["2010-04-13"])]
