"""The project's own exceptions, and the one place that maps the driver's errors onto them.

Every expected failure carries a message that names the fix, so the CLI and the API can show it
as it is instead of a stack trace.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from neo4j import exceptions as neo4j_errors


class NSGraphError(Exception):
    """Root of every error this project raises on purpose."""


class ConfigurationError(NSGraphError):
    """A setting is missing or contradicts another."""


class RuntimeSetupError(NSGraphError):
    """The local Neo4j cannot be installed or started (Java, Maven, jars, port)."""


class DatabaseUnavailable(NSGraphError):
    """Neo4j cannot be reached, or went away."""


class AuthenticationFailed(NSGraphError):
    """Neo4j refused the credentials."""


class QueryError(NSGraphError):
    """A query was refused or failed for a reason the caller can act on."""


class ReadOnlyViolation(QueryError):
    """A query submitted for reading would write or administer the database."""


class InvalidRequest(NSGraphError):
    """Parameters that are each valid but do not make a question together (e.g. two groups at once)."""


class NotFound(NSGraphError):
    """No node has the requested id."""

    def __init__(self, kind: str, node_id: str, suggestions: list[str] | None = None) -> None:
        self.kind = kind
        self.node_id = node_id
        self.suggestions = suggestions or []
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no {kind} with id {node_id!r}{hint}")


class LoadError(NSGraphError):
    """Input data is invalid; names the file, line and field so it can be fixed."""

    def __init__(self, file: str, line: int | None, field: str | None, message: str) -> None:
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        where = file + (f", line {line}" if line is not None else "") + (f", field {field!r}" if field else "")
        super().__init__(f"{where}: {message}")


@contextmanager
def translated_neo4j_errors(uri: str) -> Iterator[None]:
    """Re-raise the driver's connection and auth failures as the project's own errors."""
    try:
        yield
    except neo4j_errors.AuthError as error:
        raise AuthenticationFailed(
            f"Neo4j at {uri} refused the credentials ({error.message}); "
            "check NEO4J_USER and NEO4J_PASSWORD"
        ) from error
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as error:
        raise DatabaseUnavailable(
            f"Neo4j is not reachable at {uri}: {error}. Start the local database with "
            "`nsgraph db start`, or point NEO4J_URI at a running Neo4j"
        ) from error
    except neo4j_errors.ClientError as error:
        if error.code == "Neo.ClientError.Statement.AccessMode":
            raise ReadOnlyViolation(f"the database refused a write in a read transaction: {error.message}") from error
        if error.code and error.code.startswith("Neo.ClientError.Transaction.TransactionTimedOut"):
            raise QueryError(f"the query ran past its time limit: {error.message}") from error
        raise
