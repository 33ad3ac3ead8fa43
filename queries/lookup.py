"""Finding a node by id, or a 404 that suggests the ids the caller probably meant."""

import difflib
from typing import Any

from graph.driver import GraphDatabaseClient
from graph.errors import NotFound
from graph.model import LABEL_TO_KIND, Label
from queries.registry import read

MAX_SUGGESTIONS = 3


def suggestions(db: GraphDatabaseClient, label: Label, wanted: str) -> list[str]:
    """Close ids of that kind, matching the id, name or short name, case-insensitively."""
    candidates: dict[str, str] = {}
    for row in read(db, "nodes/ids_of_kind", label=str(label)):
        for text in (row["id"], row["name"], row["short_name"]):
            if text:
                candidates.setdefault(text.casefold(), row["id"])
    close = difflib.get_close_matches(wanted.casefold(), list(candidates), n=MAX_SUGGESTIONS * 2, cutoff=0.5)
    return list(dict.fromkeys(candidates[text] for text in close))[:MAX_SUGGESTIONS]


def not_found(db: GraphDatabaseClient, label: Label, node_id: str) -> NotFound:
    """The 404 for a missing node of a kind, with the close ids of that kind."""
    return NotFound(LABEL_TO_KIND.get(label, str(label)).replace("_", " "), node_id, suggestions(db, label, node_id))


def get_node(db: GraphDatabaseClient, label: Label, node_id: str) -> dict[str, Any]:
    rows = read(db, "nodes/get", id=node_id, label=str(label))
    if not rows:
        raise not_found(db, label, node_id)
    return rows[0]["node"]  # type: ignore[no-any-return]
