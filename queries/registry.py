"""Named Cypher queries: one `.cypher` file each under `queries/`, addressed as "folder/name".

A file starts with `//` comment lines that say what it answers; the parameters are the `$names`
in its text, and `run` refuses calls whose parameters differ, so a typo fails loudly instead of
silently matching nothing. User input only ever travels as parameters.

A write may name its relationship type through the slot `<<REL_TYPE>>`, filled with one of the
model's own types (the closed `Rel` enum, never user input): Neo4j 5.26 plans a MERGE on a dynamic
type `$(...)` as a scan of every relationship while the graph is young, which makes a large load
quadratic; a static type is planned as an Expand(Into) between the two nodes.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, LiteralString, cast

from graph.driver import GraphDatabaseClient, Record
from graph.errors import NSGraphError
from graph.model import Rel

QUERY_DIR = Path(__file__).parent
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
REL_TYPE_SLOT = "<<REL_TYPE>>"


class UnknownQuery(NSGraphError):
    """No query file has that name, or it was called with the wrong parameters."""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    description: str
    parameters: frozenset[str]

    @property
    def has_type_slot(self) -> bool:
        return REL_TYPE_SLOT in self.text

    def for_type(self, relationship_type: Rel | None) -> "NamedQuery":
        """This query with its `<<REL_TYPE>>` slot filled; a slot must be filled, and only a slot can be."""
        if (relationship_type is None) == self.has_type_slot:
            need = "needs a relationship type" if self.has_type_slot else "has no relationship type slot"
            raise UnknownQuery(f"query {self.name!r} {need}")
        if relationship_type is None:
            return self
        filled = Rel(relationship_type).value  # only the model's own types reach the text
        return NamedQuery(self.name, self.text.replace(REL_TYPE_SLOT, filled), self.description, self.parameters)

    def check(self, parameters: dict[str, Any]) -> None:
        given = set(parameters)
        if given != self.parameters:
            raise UnknownQuery(f"query {self.name!r} takes {sorted(self.parameters)}, was given {sorted(given)}")


def _parse(name: str, text: str) -> NamedQuery:
    header = [line[2:].strip() for line in text.splitlines() if line.startswith("//")]
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    parameters = frozenset(_PARAMETER.findall(_STRING_LITERAL.sub("''", body)))
    return NamedQuery(name=name, text=body.strip(), description=" ".join(header), parameters=parameters)


@cache
def all_queries() -> dict[str, NamedQuery]:
    """Every query file, read once per process."""
    return {
        path.relative_to(QUERY_DIR).with_suffix("").as_posix(): _parse(
            path.relative_to(QUERY_DIR).with_suffix("").as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(QUERY_DIR.rglob("*.cypher"))
    }


def get_query(name: str, relationship_type: Rel | None = None) -> NamedQuery:
    """The named query, with its relationship type slot filled if it has one."""
    try:
        query = all_queries()[name]
    except KeyError:
        raise UnknownQuery(f"no query named {name!r}") from None
    return query.for_type(relationship_type)


def read(db: GraphDatabaseClient, name: str, **parameters: Any) -> list[Record]:
    """Runs a named read query with read routing."""
    query = get_query(name)
    query.check(parameters)
    return db.read(cast(LiteralString, query.text), parameters)


def write(db: GraphDatabaseClient, name: str, *, relationship_type: Rel | None = None,
          **parameters: Any) -> list[Record]:
    """Runs a named write query in its own transaction."""
    query = get_query(name, relationship_type)
    query.check(parameters)
    return db.write(cast(LiteralString, query.text), parameters)


def write_autocommit(db: GraphDatabaseClient, name: str, **parameters: Any) -> list[Record]:
    """Runs a named batched write (`CALL { ... } IN TRANSACTIONS`) in an implicit transaction."""
    query = get_query(name)
    query.check(parameters)
    return db.run_autocommit(cast(LiteralString, query.text), parameters)


def run_in(tx: Any, name: str, *, relationship_type: Rel | None = None, **parameters: Any) -> list[Record]:
    """Runs a named query inside a caller's transaction (for all-or-nothing loads)."""
    query = get_query(name, relationship_type)
    query.check(parameters)
    return [record.data() for record in tx.run(cast(LiteralString, query.text), parameters)]
