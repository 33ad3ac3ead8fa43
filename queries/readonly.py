"""The read-only guard for ad-hoc Cypher, and bounded reads for the graph endpoints.

The guard has three layers, each enough on its own for plain writes:
1. a static check of the text (comments and strings blanked out) for what the planner would call a
   read but must still not run here: `LOAD CSV` (reads files and URLs), `CALL { } IN TRANSACTIONS`,
   `USE`, several statements, `dbms.*` and admin `db.*` procedures, admin commands
   (`TERMINATE TRANSACTIONS` plans as a read);
2. `EXPLAIN` in a READ transaction: only `query_type == "r"` passes;
3. execution in an explicit READ transaction (read routing; the server refuses writes) with a
   server-side timeout, streamed and cut at the row cap. An explicit transaction cannot run
   `IN TRANSACTIONS` at all, and is never retried, so a timed-out query is not run again.

The submitted text is only ever sent as it is (after `EXPLAIN `); it is never formatted into
another query.
"""

import base64
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, LiteralString, cast

import neo4j
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point

from graph.driver import GraphDatabaseClient, Record
from graph.errors import QueryError, ReadOnlyViolation, translated_neo4j_errors
from queries.registry import get_query

MAX_QUERY_CHARS = 20_000

READ_DB_PROCEDURES = frozenset({
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.info", "db.ping",
    "db.schema.visualization", "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
    "db.index.fulltext.querynodes", "db.index.fulltext.queryrelationships",
    "db.index.fulltext.listavailableanalyzers",
})
"""`db.*` procedures that only read the graph; every other `db.*` (createLabel, awaitIndexes,
resampleIndex, clearQueryCaches, ...) writes, blocks or administers."""

_TOKENS = re.compile(
    r"(?P<line_comment>//[^\n]*)"
    r"|(?P<block_comment>/\*.*?(?:\*/|\Z))"
    r"|(?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|\"(?:[^\"\\]|\\.)*(?:\"|\Z))"
    r"|(?P<quoted>`(?:[^`]|``)*(?:`|\Z))",
    re.DOTALL,
)
_PROCEDURE_CALL = re.compile(r"\bCALL\s+([A-Za-z_][\w.]*)", re.IGNORECASE)
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)
_IN_TRANSACTIONS = re.compile(r"\}\s*IN\b[^;]*?\bTRANSACTIONS?\b", re.IGNORECASE)
_USE_CLAUSE = re.compile(r"(?:^|\{|\bUNION\b(?:\s+(?:ALL|DISTINCT)\b)?)\s*USE\b(?!\s*:)", re.IGNORECASE)
_ADMIN_COMMAND = re.compile(
    r"^\s*(?:(?:CREATE|DROP|ALTER|START|STOP|RENAME)\s+(?:OR\s+REPLACE\s+)?(?:COMPOSITE\s+)?"
    r"(?:DATABASES?|ALIAS|USERS?|ROLES?|SERVERS?)\b"
    r"|(?:GRANT|DENY|REVOKE|ENABLE|DEALLOCATE|REALLOCATE|DRYRUN)\b)",
    re.IGNORECASE,
)
_ADMIN_SHOW = re.compile(
    r"\b(?:TERMINATE\s+TRANSACTIONS?"
    r"|SHOW\b(?:\s+\w+){0,3}?\s+(?:TRANSACTIONS?|SETTINGS?|USERS?|ROLES?|PRIVILEGES?|DATABASES?|SERVERS?"
    r"|ALIAS(?:ES)?|CURRENT\s+USER))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CypherResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    query_type: str


def skeleton(query: str) -> str:
    """The query with comments blanked, strings emptied and `quoted` names unquoted, for keyword checks."""
    def replace(match: re.Match[str]) -> str:
        kind = match.lastgroup
        if kind == "string":
            return "''"
        if kind == "quoted":
            name = match.group()[1:-1].replace("``", "`")
            return name if re.fullmatch(r"[A-Za-z_][\w.]*", name) else "_quoted_"
        return " "

    stripped = _TOKENS.sub(replace, query)
    return re.sub(r"\s*\.\s*", ".", stripped)


def static_refusal(query: str) -> QueryError | None:
    """Why the text must not run even if the planner calls it a read; None when it may be planned."""
    if not query.strip():
        return QueryError("the query is empty")
    if len(query) > MAX_QUERY_CHARS:
        return QueryError(f"the query is longer than {MAX_QUERY_CHARS} characters")
    text = skeleton(query)
    if text.rstrip().rstrip(";").count(";"):
        return QueryError("only one statement per request: remove the ';' between statements")
    if _ADMIN_COMMAND.search(text) or _ADMIN_SHOW.search(text):
        return ReadOnlyViolation("administration commands are not allowed on this endpoint")
    for match in _PROCEDURE_CALL.finditer(text):
        name = match.group(1).lower()
        if name.startswith("dbms."):
            return ReadOnlyViolation(f"procedure {match.group(1)} administers the database and is not allowed")
        if name.startswith("db.") and name not in READ_DB_PROCEDURES:
            return ReadOnlyViolation(f"procedure {match.group(1)} is not allowed: only the read-only db.* "
                                     f"procedures are ({', '.join(sorted(READ_DB_PROCEDURES))})")
    if _LOAD_CSV.search(text):
        return QueryError("LOAD CSV is not allowed: it reads files and URLs from the server")
    if _IN_TRANSACTIONS.search(text):
        return QueryError("CALL { ... } IN TRANSACTIONS is not allowed: queries here run in one read transaction")
    if _USE_CLAUSE.search(text):
        return QueryError("USE clauses are not allowed: queries here run against the configured database only")
    return None


@contextmanager
def _server_errors(db: GraphDatabaseClient) -> Iterator[None]:
    """Connection and auth failures as the project's errors; anything else the server says becomes a 400."""
    try:
        with translated_neo4j_errors(db.uri):
            yield
    except neo4j_errors.Neo4jError as error:
        if error.code and error.code.startswith("Neo.ClientError.Transaction.TransactionTimedOut"):
            raise QueryError(f"the query ran past its time limit and was stopped: {error.message}") from error
        raise QueryError(f"Neo4j refused the query ({error.code}): {error.message}") from error
    except neo4j_errors.DriverError as error:
        raise QueryError(f"the query failed: {error}") from error


def _read_session(db: GraphDatabaseClient) -> neo4j.Session:
    return db.driver.session(database=db.database, default_access_mode=neo4j.READ_ACCESS,
                             notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF)


def check_read_only(db: GraphDatabaseClient, query: str, parameters: dict[str, Any], timeout_s: float) -> str:
    """Refuses (ReadOnlyViolation -> 403, QueryError -> 400) unless the query is a plain read; returns its type."""
    refusal = static_refusal(query)
    if refusal is not None:
        raise refusal
    with _server_errors(db), _read_session(db) as session, session.begin_transaction(timeout=timeout_s) as tx:
        summary = tx.run(cast(LiteralString, "EXPLAIN " + query), parameters).consume()
    query_type = summary.query_type or "?"
    if query_type != "r":
        what = {"w": "writes", "rw": "reads and writes", "s": "changes the schema or administers the database"}
        raise ReadOnlyViolation(f"the query {what.get(query_type, 'is not a plain read')} "
                                f"(planner query type {query_type!r}); only reads are allowed")
    return query_type


def run_read_only(db: GraphDatabaseClient, query: str, parameters: dict[str, Any], timeout_s: float,
                  row_cap: int) -> CypherResult:
    """Checks, then runs the query in a READ transaction with a timeout, keeping at most `row_cap` rows."""
    query_type = check_read_only(db, query, parameters, timeout_s)
    with _server_errors(db), _read_session(db) as session, session.begin_transaction(timeout=timeout_s) as tx:
        result = tx.run(cast(LiteralString, query), parameters)
        rows: list[dict[str, Any]] = []
        truncated = False
        for record in result:
            if len(rows) == row_cap:
                truncated = True
                break
            rows.append({key: to_json(value) for key, value in record.items()})
        columns = list(result.keys())
    return CypherResult(columns=columns, rows=rows, truncated=truncated, query_type=query_type)


def to_json(value: Any) -> Any:
    """Driver values as JSON: nodes, relationships and paths as dicts, temporals as ISO text."""
    if isinstance(value, Node):
        return {"element_id": value.element_id, "labels": sorted(value.labels),
                "properties": {key: to_json(inner) for key, inner in value.items()}}
    if isinstance(value, Relationship):
        return {"element_id": value.element_id, "type": value.type,
                "start": value.start_node.element_id if value.start_node else None,
                "end": value.end_node.element_id if value.end_node else None,
                "properties": {key: to_json(inner) for key, inner in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [to_json(node) for node in value.nodes],
                "relationships": [to_json(rel) for rel in value.relationships]}
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if hasattr(value, "iso_format"):  # dates, times, durations (a Duration is also a tuple)
        return value.iso_format()
    if isinstance(value, dict):
        return {str(key): to_json(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(inner) for inner in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode("ascii")
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def bounded_read(db: GraphDatabaseClient, name: str, timeout_s: float, **parameters: Any) -> list[Record]:
    """A named query with read routing and a server-side timeout: traversals must not run unbounded."""
    query = get_query(name)
    query.check(parameters)
    return db.read(cast(LiteralString, query.text), parameters, timeout_s)
