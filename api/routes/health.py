"""Liveness and readiness."""

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import DatabaseDep
from graph.errors import NSGraphError

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    database: str
    database_version: str | None = None
    detail: str | None = None


@router.get("/health", response_model=Health)
def health(db: DatabaseDep) -> Health:
    """The API answers; says whether the database is up, with its version."""
    try:
        version = db.verify()
    except NSGraphError as error:
        return Health(status="ok", database="down", detail=str(error))
    return Health(status="ok", database="up", database_version=version)
