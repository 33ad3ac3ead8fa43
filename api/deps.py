"""Dependencies shared by the routers, as `Annotated` aliases."""

import datetime
import re
from typing import Annotated

from fastapi import Depends, Query, Request
from pydantic import BeforeValidator

from graph.driver import GraphDatabaseClient
from graph.settings import Settings


def get_db(request: Request) -> GraphDatabaseClient:
    """The process's one database client, opened in the app's lifespan."""
    return request.app.state.db  # type: ignore[no-any-return]


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


DatabaseDep = Annotated[GraphDatabaseClient, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def iso_date(value: object) -> object:
    """Only `YYYY-MM-DD` is a day here: pydantic alone would also read `0` or `1700000000` as Unix times."""
    if isinstance(value, str) and not ISO_DAY.fullmatch(value):
        raise ValueError("a day is written YYYY-MM-DD")
    return value


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
Day = Annotated[datetime.date, BeforeValidator(iso_date)]
"""A calendar day in a query parameter, ISO 8601 only."""

AsOf = Annotated[Day | None, Query(
    description="answer as of this day (ISO date): a fact counts when its date is on or before it; undated facts "
                "and year or month dates that straddle it are left out and listed in `excluded`")]
"""The `as_of` parameter of every read where time means something, documented once."""
