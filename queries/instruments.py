"""Who backs an instrument, since when, says who: parties and signatories with dates and sources."""

import datetime
from typing import Literal

from graph.dating import iso_day
from graph.driver import GraphDatabaseClient
from graph.model import Label
from queries.lookup import not_found
from queries.models import NodeRef, NodeSummary, PartiesPage, PartyRow
from queries.nodes import completeness
from queries.registry import read
from queries.unplaced import exclusions_of_rows

PartyStatus = Literal["party", "signatory", "any"]


def instrument_parties(db: GraphDatabaseClient, instrument_id: str, as_of: datetime.date | None = None,
                       status: PartyStatus = "party", region: str | None = None) -> PartiesPage:
    """Every row of the list (callers page it), with both lists' completeness and what `as_of` left out;
    one round trip unless the instrument does not exist."""
    day = iso_day(as_of)
    found = read(db, "instruments/parties", id=instrument_id, as_of=day, status=status, region=region)
    if not found:
        raise not_found(db, Label.LEGAL_INSTRUMENT, instrument_id)
    answer = found[0]
    node = answer["node"]
    rows = [PartyRow(state=NodeSummary(**row["party_node"]), **{k: v for k, v in row.items() if k != "party_node"})
            for row in answer["rows"]]
    left_out = exclusions_of_rows(as_of, answer["unplaced"])
    return PartiesPage(
        instrument=NodeRef(id=node["id"], kind=node.get("kind"), name=node.get("name"),
                           short_name=node.get("short_name")),
        as_of=day, data=rows, count=len(rows), total=len(rows), limit=len(rows), offset=0,
        completeness=[completeness(node, "parties", answer["known_parties"]),
                      completeness(node, "signatories", answer["known_signatories"])],
        undated_excluded=len(left_out.undated) if left_out else 0,
        imprecise_excluded=len(left_out.imprecise) if left_out else 0,
        exclusions=left_out,
    )
