"""Admin operations over HTTP. They require `Authorization: Bearer <API_TOKEN>`; without a
configured token they are off. This is the API's only path that writes, and it writes through
the loaders, all or nothing."""

import secrets
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException
from pydantic import BaseModel

from api.deps import DatabaseDep, SettingsDep
from loaders.load import load_shipped_data

router = APIRouter(prefix="/admin", tags=["admin"])


class ReloadResult(BaseModel):
    created: int
    updated: int
    unchanged: int


def require_token(settings: SettingsDep, authorization: str | None) -> None:
    if settings.api_token is None:
        raise HTTPException(403, "admin operations are off: set API_TOKEN to enable them")
    expected = f"Bearer {settings.api_token.get_secret_value()}"
    if authorization is None or not secrets.compare_digest(authorization.encode(), expected.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


@router.post("/reload", response_model=ReloadResult, summary="Reload the shipped data (idempotent)")
def reload(db: DatabaseDep, settings: SettingsDep,
           authorization: Annotated[str | None, Header()] = None) -> ReloadResult:
    require_token(settings, authorization)
    summary = load_shipped_data(db)
    return ReloadResult(created=summary.total("created"), updated=summary.total("updated"),
                        unchanged=summary.total("unchanged"))
