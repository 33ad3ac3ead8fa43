"""Dependencies shared by the routers, as `Annotated` aliases."""

from typing import Annotated

from fastapi import Depends, Request

from graph.driver import GraphDatabaseClient
from graph.settings import Settings


def get_db(request: Request) -> GraphDatabaseClient:
    """The process's one database client, opened in the app's lifespan."""
    return request.app.state.db  # type: ignore[no-any-return]


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


DatabaseDep = Annotated[GraphDatabaseClient, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]

