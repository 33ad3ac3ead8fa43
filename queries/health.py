"""Readiness: the database answers, the schema is in place and data is loaded, each check saying why."""

from typing import Literal

from pydantic import BaseModel

from graph.driver import GraphDatabaseClient
from graph.errors import NSGraphError
from graph.schema import FULLTEXT_INDEX, expected_constraint_labels
from queries.registry import read


class Health(BaseModel):
    status: str
    database: str
    database_version: str | None = None
    detail: str | None = None


class ReadinessCheck(BaseModel):
    name: Literal["database", "schema", "data"]
    ok: bool
    detail: str


class Readiness(BaseModel):
    status: Literal["ready"]
    checks: list[ReadinessCheck]


def health(db: GraphDatabaseClient) -> Health:
    """The API answers; says whether the database is up, with its version."""
    try:
        version = db.verify()
    except NSGraphError as error:
        return Health(status="ok", database="down", detail=str(error))
    return Health(status="ok", database="up", database_version=version)


def _schema_check(db: GraphDatabaseClient) -> ReadinessCheck:
    """Every label's uniqueness constraint on `id`, and the full-text index ONLINE."""
    constrained = {row["labelsOrTypes"][0] for row in read(db, "health/constraints")
                   if row["type"] == "UNIQUENESS" and row["properties"] == ["id"] and row["labelsOrTypes"]}
    missing = [label for label in expected_constraint_labels() if label not in constrained]
    index_state = {row["name"]: row["state"] for row in read(db, "health/indexes")}.get(FULLTEXT_INDEX)
    problems = [f"no uniqueness constraint on id for {', '.join(missing)}"] if missing else []
    if index_state != "ONLINE":
        problems.append(f"full-text index {FULLTEXT_INDEX} is {index_state or 'missing'}")
    if problems:
        return ReadinessCheck(name="schema", ok=False,
                              detail="; ".join(problems) + " (`nsgraph load` applies the schema)")
    return ReadinessCheck(name="schema", ok=True,
                          detail=f"{len(expected_constraint_labels())} constraints, {FULLTEXT_INDEX} online")


def readiness_checks(db: GraphDatabaseClient) -> list[ReadinessCheck]:
    """Database, schema and data, stopping at the first check that cannot run."""
    checks: list[ReadinessCheck] = []
    try:
        checks.append(ReadinessCheck(name="database", ok=True, detail=db.verify()))
        checks.append(_schema_check(db))
        entities = read(db, "health/counts")[0]["entities"]
        checks.append(ReadinessCheck(name="data", ok=entities > 0,
                                     detail=f"{entities} domain nodes loaded" if entities else
                                     "the graph is empty: load the data with `nsgraph load`"))
    except NSGraphError as error:
        checks.append(ReadinessCheck(name="database", ok=False, detail=str(error)))
    return checks
