"""Dependencies shared by the routers, as `Annotated` aliases."""

import datetime
from typing import Annotated

from fastapi import Depends, Query, Request

from graph.driver import GraphDatabaseClient
from graph.settings import Settings


def get_db(request: Request) -> GraphDatabaseClient:
    """The process's one database client, opened in the app's lifespan."""
    return request.app.state.db  # type: ignore[no-any-return]


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


DatabaseDep = Annotated[GraphDatabaseClient, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]


AsOf = Annotated[datetime.date | None, Query(
    description="answer as of this day (ISO date): a fact counts when its date is on or before it; undated facts "
                "and year or month dates that straddle it are left out and listed in `excluded`")]
"""The `as_of` parameter of every read where time means something, documented once."""
