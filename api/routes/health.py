"""HTTP for liveness and readiness (`queries.health`)."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import DatabaseDep
from api.problems import RETRY_AFTER_S, problem
from queries.health import Health, Readiness, health, readiness_checks

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def get_health(db: DatabaseDep) -> Health:
    """The API answers; says whether the database is up, with its version."""
    return health(db)


@router.get("/ready", response_model=Readiness,
            responses={503: {"description": "not ready: the reason is in `detail` and `checks`",
                             "content": {"application/problem+json": {}}}})
def ready(db: DatabaseDep) -> Readiness | JSONResponse:
    """Ready to serve: the database answers, the schema is in place and data is loaded; else 503 with why."""
    checks = readiness_checks(db)
    failed = [check for check in checks if not check.ok]
    if failed:
        return problem(503, "Not Ready", "; ".join(check.detail for check in failed), {"Retry-After": RETRY_AFTER_S},
                       checks=[check.model_dump() for check in checks])
    return Readiness(status="ready", checks=checks)
