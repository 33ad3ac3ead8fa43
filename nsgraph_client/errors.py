"""The client's exceptions, one per kind of problem the API answers with (RFC 9457 problem details).

A small tree like httpx's, so a notebook can catch `NSGraphError` for everything or one leaf for one case.
"""

from typing import Any

import httpx


class NSGraphError(Exception):
    """Any error answered by the API, or raised by the client on its behalf; `problem` is the body as sent."""

    def __init__(self, message: str, *, status: int | None = None, url: str | None = None,
                 problem: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.url = url
        self.problem: dict[str, Any] = problem or {}


class NotFound(NSGraphError):
    """No such node, source or route (404); `suggestions` lists the close ids the API proposes."""

    @property
    def suggestions(self) -> list[str]:
        return list(self.problem.get("suggestions") or [])


class InvalidRequest(NSGraphError):
    """Parameters the API refused (400, 403, 422); `errors` says which, when the API names them."""

    @property
    def errors(self) -> list[dict[str, Any]]:
        return list(self.problem.get("errors") or [])


class ServerError(NSGraphError):
    """The API failed (5xx)."""


class Unavailable(NSGraphError):
    """Nothing can answer now: the database is down (503), too many requests at once (429), or no connection.
    Transient, unlike a `ServerError`: retry after `retry_after` seconds when the API says how long."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:  # an HTTP date: the API sends seconds, so an unknown form is left unread
        return None


def raise_for_problem(response: httpx.Response) -> None:
    """Raises the exception matching an error answer; returns quietly on success."""
    if response.is_success:
        return
    try:
        body = response.json()
    except ValueError:
        body = {}
    problem = body if isinstance(body, dict) else {}
    detail = problem.get("detail") or problem.get("title") or response.reason_phrase
    named = "; ".join(f"{'.'.join(str(part) for part in error.get('loc', []))}: {error.get('msg')}"
                      for error in problem.get("errors") or [] if isinstance(error, dict))
    message = (f"{response.status_code} {detail}" + (f" ({named})" if named else "")
               + f" [{response.request.method} {response.request.url}]")
    context: dict[str, Any] = {"status": response.status_code, "url": str(response.request.url), "problem": problem}
    status = response.status_code
    if status == 404:
        raise NotFound(message, **context)
    if status in (429, 503):
        raise Unavailable(message, retry_after=_retry_after(response), **context)
    if status >= 500:
        raise ServerError(message, **context)
    if status in (400, 403, 422):
        raise InvalidRequest(message, **context)
    raise NSGraphError(message, **context)
