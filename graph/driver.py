"""One Neo4j driver per process, with read helpers that use read routing.

`execute_query` with `RoutingControl.READ` sends reads to followers on a cluster (`neo4j://`), and
on a single instance asks the server to refuse any write in the transaction.
"""

from typing import Any, LiteralString

import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j.graph import Node, Path, Relationship

from graph.errors import ConfigurationError, translated_neo4j_errors
from graph.settings import Settings

Record = dict[str, Any]

_SCALARS = frozenset({str, int, float, bool, type(None)})


class _GraphValue(Exception):
    """A node, relationship or path inside a value: the record needs the driver's own conversion."""


def _plain(value: Any) -> Any:
    """`value` as `Record.data()` gives it, for the maps, lists and scalars our queries return.

    `Record.data()` walks every value through isinstance checks against abstract classes, which
    took half of a 130-party answer's time; this walk checks exact types and hands anything with a
    graph entity back to the driver, so both always agree (other values, e.g. dates, pass as is)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [_plain(item) for item in value]
    if kind is dict:
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, Node | Relationship | Path):
        raise _GraphValue
    return value


def plain_record(record: neo4j.Record) -> Record:
    """The record as plain dicts, lists and values, equal to `record.data()`."""
    try:
        return {key: _plain(value) for key, value in record.items()}
    except _GraphValue:
        return record.data()


class GraphDatabaseClient:
    """A driver bound to one database, with the project's error mapping around every call."""

    def __init__(self, driver: neo4j.Driver, uri: str, database: str) -> None:
        self.driver = driver
        self.uri = uri
        self.database = database

    def read(self, query: LiteralString, parameters: dict[str, Any] | None = None,
             timeout_s: float | None = None) -> list[Record]:
        """Runs a read query with read routing and returns plain dicts."""
        return self._run(query, parameters, RoutingControl.READ, timeout_s)

    def write(self, query: LiteralString, parameters: dict[str, Any] | None = None) -> list[Record]:
        """Runs a write query in one managed (retried) transaction."""
        return self._run(query, parameters, RoutingControl.WRITE, None)

    def run_autocommit(self, query: LiteralString, parameters: dict[str, Any] | None = None) -> list[Record]:
        """Runs in an implicit transaction: the only kind `CALL { ... } IN TRANSACTIONS` accepts."""
        with translated_neo4j_errors(self.uri), self.driver.session(database=self.database) as session:
            return [plain_record(record) for record in session.run(query, parameters or {})]

    def _run(self, query: LiteralString, parameters: dict[str, Any] | None, routing: RoutingControl,
             timeout_s: float | None) -> list[Record]:
        statement: LiteralString | neo4j.Query = query if timeout_s is None else neo4j.Query(query, timeout=timeout_s)
        with translated_neo4j_errors(self.uri):
            result = self.driver.execute_query(
                statement, parameters or {}, routing_=routing, database_=self.database
            )
        return [plain_record(record) for record in result.records]

    def verify(self) -> str:
        """Checks connectivity and credentials; returns the server's Neo4j version."""
        with translated_neo4j_errors(self.uri):
            self.driver.verify_connectivity()
            rows = self.read("CALL dbms.components() YIELD name, versions, edition "
                             "RETURN versions[0] AS version, edition")
        return f"{rows[0]['version']} {rows[0]['edition']}"

    def close(self) -> None:
        self.driver.close()


def database_uri(settings: Settings) -> str:
    """`NEO4J_URI` when set, else the URI of the project's running local Neo4j."""
    if settings.neo4j_uri:
        return settings.neo4j_uri
    from graph.runtime import LocalNeo4j

    running = LocalNeo4j(settings).status()
    if running is None:
        raise ConfigurationError("no database: set NEO4J_URI or start the local one with `nsgraph db start`")
    return running.uri


def connect(settings: Settings, uri: str | None = None) -> GraphDatabaseClient:
    """Opens the driver for `uri` (default: see `database_uri`); auth only when a password is set."""
    target = uri or database_uri(settings)
    auth = None
    if settings.neo4j_password is not None:
        auth = neo4j.basic_auth(settings.neo4j_user, settings.neo4j_password.get_secret_value())
    with translated_neo4j_errors(target):
        driver = GraphDatabase.driver(target, auth=auth, connection_acquisition_timeout=15.0,
                                      max_connection_pool_size=settings.neo4j_max_pool_size)
    return GraphDatabaseClient(driver, target, settings.neo4j_database)
