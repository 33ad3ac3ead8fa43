"""The graph version: what every write moves forward, so readers can cache answers per version.

Reading it is one indexed lookup of a single node, cheap enough to poll every second.
"""

from pydantic import BaseModel

from graph.driver import GraphDatabaseClient
from queries.registry import read


class GraphVersion(BaseModel):
    """`token` identifies the version (random, never reused); `counter` counts the writes since the
    graph was created and tells people which version is newer."""

    counter: int
    token: str
    changed_at: str


def graph_version(db: GraphDatabaseClient) -> GraphVersion | None:
    """The current version, or None while nothing has been loaded (then nothing may be cached)."""
    rows = read(db, "version/current")
    return GraphVersion(**rows[0]) if rows else None
