"""Errors as RFC 9457 problem details (application/problem+json), never a 500 with a trace."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.errors import (
    AuthenticationFailed,
    ConfigurationError,
    DatabaseUnavailable,
    InvalidRequest,
    NotFound,
    NSGraphError,
    QueryError,
    ReadOnlyViolation,
)

log = logging.getLogger("nsgraph.api")
PROBLEM_JSON = "application/problem+json"
RETRY_AFTER_S = "5"


def problem(status: int, title: str, detail: str, headers: dict[str, str] | None = None,
            **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _status_of(error: NSGraphError) -> tuple[int, str]:
    if isinstance(error, NotFound):
        return 404, "Not Found"
    if isinstance(error, InvalidRequest):
        return 422, "Unprocessable Request"
    if isinstance(error, ReadOnlyViolation):
        return 403, "Write Refused"
    if isinstance(error, QueryError):
        return 400, "Query Refused"
    if isinstance(error, DatabaseUnavailable | AuthenticationFailed | ConfigurationError):
        return 503, "Database Unavailable"
    return 500, "Internal Error"


def install_problem_handlers(app: FastAPI) -> None:
    """Maps the project's errors, validation errors and HTTP errors onto problem details."""

    @app.exception_handler(NSGraphError)
    async def on_project_error(request: Request, error: NSGraphError) -> JSONResponse:
        status, title = _status_of(error)
        extra: dict[str, Any] = {}
        headers = None
        if isinstance(error, NotFound):
            extra["suggestions"] = error.suggestions
        if status == 503:
            headers = {"Retry-After": RETRY_AFTER_S}
        if status >= 500:
            log.warning("%s %s failed: %s", request.method, request.url.path, error)
        return problem(status, title, str(error), headers, **extra)

    @app.exception_handler(RequestValidationError)
    async def on_invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(item["loc"]), "msg": item["msg"], "type": item["type"]} for item in error.errors()]
        return problem(422, "Invalid Request", "the request's parameters are not valid", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return problem(error.status_code, str(error.detail), str(error.detail), getattr(error, "headers", None))

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem(500, "Internal Error", "an unexpected error occurred; it has been logged")


class Problem(BaseModel):
    """An error, as RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    suggestions: list[str] | None = Field(None, description="close ids, on 404 for an unknown id")
    errors: list[dict[str, Any]] | None = Field(None, description="what is invalid, on 422")


def _problem_response(description: str) -> dict[str, Any]:
    return {"model": Problem, "description": description,
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _problem_response("the request or query was refused, with the reason"),
    403: _problem_response("refused: a write in the read-only query endpoint, or admin operations are off"),
    404: _problem_response("no such node or source; `suggestions` lists close ids"),
    422: _problem_response("invalid parameters; `errors` says which"),
    503: _problem_response("the database is unavailable; retry after the `Retry-After` seconds"),
}
"""Documented on every operation, so clients (and the schema fuzzer) know every answer they can get."""
