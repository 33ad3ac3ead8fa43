"""Who backs an instrument, since when, says who: parties and signatories with dates and sources."""

import datetime
from typing import Literal

from graph.driver import GraphDatabaseClient
from graph.model import Label
from queries.lookup import get_node
from queries.models import NodeRef, NodeSummary, PartiesPage, PartyRow
from queries.nodes import completeness
from queries.registry import read

PartyStatus = Literal["party", "signatory", "any"]


def instrument_parties(db: GraphDatabaseClient, instrument_id: str, as_of: datetime.date | None = None,
                       status: PartyStatus = "party", region: str | None = None) -> PartiesPage:
    """Every row of the list (callers page it), with both lists' completeness and what `as_of` left out."""
    node = get_node(db, Label.LEGAL_INSTRUMENT, instrument_id)
    day = as_of.isoformat() if as_of else None
    rows = [PartyRow(state=NodeSummary(**row["party_node"]), **{k: v for k, v in row.items() if k != "party_node"})
            for row in read(db, "instruments/parties", id=instrument_id, as_of=day, status=status, region=region)]
    sizes = read(db, "instruments/list_sizes", id=instrument_id)[0]
    return PartiesPage(
        instrument=NodeRef(id=node["id"], kind=node.get("kind"), name=node.get("name"),
                           short_name=node.get("short_name")),
        as_of=day, data=rows, count=len(rows), total=len(rows), limit=len(rows), offset=0,
        completeness=[completeness(node, "parties", sizes["parties"]),
                      completeness(node, "signatories", sizes["signatories"])],
        undated_excluded=sizes["parties"] - sizes["dated_parties"] if day and status != "signatory" else 0,
    )
