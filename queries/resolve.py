"""A name where an id is expected: "Holland" for NLD, "Viet Nam" for VNM, "International Atomic
Energy Agency" for IAEA. States resolve through the State name table (`graph.names`), the one
that search and the loaders use; other kinds through their names, short names and aliases in
the graph. An ambiguous name is a 404 that lists the candidates, never a guess; an unknown one
is left as it is, so the lookup's own 404 suggests the close ids.
"""

from graph.driver import GraphDatabaseClient
from graph.errors import NotFound
from graph.model import LABEL_TO_KIND, Label
from graph.names import name_key, state_names
from queries.registry import read


def _kind(label: Label) -> str:
    return LABEL_TO_KIND.get(label, str(label)).replace("_", " ")


def state_id(text: str) -> str:
    """The ISO3 code a State's code, name or alias stands for (case-insensitive)."""
    wanted = text.strip()
    resolution = state_names().resolve(wanted)
    if resolution.ambiguous:
        raise NotFound(_kind(Label.STATE), wanted, list(resolution.ids))
    return resolution.state or wanted


def state_ids(texts: list[str] | None) -> list[str] | None:
    """`state_id` of each, for the `?state=` filters."""
    return [state_id(text) for text in texts] if texts else texts


def node_id(db: GraphDatabaseClient, label: Label, text: str) -> str:
    """The id of the node of that kind whose id, name, short name or alias the text is."""
    if label is Label.STATE:
        return state_id(text)
    wanted = name_key(text)
    rows = read(db, "lookup/names_of_kind", label=str(label))
    if any(row["id"] == text for row in rows):
        return text
    found = sorted({row["id"] for row in rows
                    if wanted in {name_key(name) for name in (row["id"], row["name"], row["short_name"],
                                                               *row["aliases"]) if name}})
    if len(found) > 1:
        raise NotFound(_kind(label), text, found)
    return found[0] if found else text
