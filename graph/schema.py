"""Constraints and indexes, applied idempotently at every start.

Community edition offers uniqueness constraints only; each one also gives MERGE its index.
"""

from typing import LiteralString

from graph.driver import GraphDatabaseClient
from graph.model import ENTITY, Label

FULLTEXT_INDEX = "entity_names"
GRAPH_VERSION = "GraphVersion"
"""The label of the one bookkeeping node every write moves forward (see `queries.version`)."""

_UNIQUE_ID_LABELS: tuple[str, ...] = (ENTITY, *Label, GRAPH_VERSION)

SCHEMA_STATEMENTS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT state_id IF NOT EXISTS FOR (n:State) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT legalinstrument_id IF NOT EXISTS FOR (n:LegalInstrument) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT initiative_id IF NOT EXISTS FOR (n:Initiative) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT guidance_id IF NOT EXISTS FOR (n:Guidance) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT commitment_id IF NOT EXISTS FOR (n:Commitment) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (n:GraphVersion) REQUIRE n.id IS UNIQUE",
    "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.short_name, n.aliases_text] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words', `fulltext.eventually_consistent`: false}}",
)


def schema_snapshot(db: GraphDatabaseClient) -> set[str]:
    """Names of the constraints and indexes present, to tell whether applying changed anything."""
    constraints = db.read("SHOW CONSTRAINTS YIELD name RETURN name")
    indexes = db.read("SHOW INDEXES YIELD name RETURN name")
    return {row["name"] for row in constraints + indexes}


def apply_schema(db: GraphDatabaseClient) -> set[str]:
    """Creates what is missing and waits for indexes to come online; returns the names it added."""
    before = schema_snapshot(db)
    for statement in SCHEMA_STATEMENTS:
        db.write(statement)
    db.write("CALL db.awaitIndexes(300)")
    return schema_snapshot(db) - before


def expected_constraint_labels() -> tuple[str, ...]:
    """The labels that must carry a uniqueness constraint on `id`."""
    return _UNIQUE_ID_LABELS
