"""Who backs an instrument, since when, says who: parties and signatories with dates and sources."""

import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import DatabaseDep
from api.listing import Format, Limit, Offset, csv_response
from api.lookup import get_node
from api.nodes import completeness
from api.schemas import NodeRef, NodeSummary, PartiesPage, PartyRow
from graph.model import Label
from queries.registry import read

router = APIRouter(prefix="/instruments", tags=["instruments"])


@router.get("/{instrument_id}/parties", response_model=PartiesPage,
            summary="Parties and signatories of an instrument, optionally as of a date")
def parties(
    instrument_id: str,
    db: DatabaseDep,
    as_of: Annotated[datetime.date | None, Query(description="who was party (or had signed) on that day")] = None,
    status: Annotated[Literal["party", "signatory", "any"], Query()] = "party",
    region: Annotated[str | None, Query(description="UN region or sub-region, e.g. Africa, Western Asia")] = None,
    limit: Limit = 1000,
    offset: Offset = 0,
    format: Format = "json",
) -> PartiesPage | Response:
    node = get_node(db, Label.LEGAL_INSTRUMENT, instrument_id)
    day = as_of.isoformat() if as_of else None
    rows = [PartyRow(state=NodeSummary(**row["party_node"]), **{k: v for k, v in row.items() if k != "party_node"})
            for row in read(db, "instruments/parties", id=instrument_id, as_of=day, status=status, region=region)]
    if format == "csv":
        return csv_response(rows, f"{instrument_id}-{status}")
    sizes = read(db, "instruments/list_sizes", id=instrument_id)[0]
    page = rows[offset:offset + limit]
    return PartiesPage(
        instrument=NodeRef(id=node["id"], kind=node.get("kind"), name=node.get("name"),
                           short_name=node.get("short_name")),
        as_of=day, data=page, count=len(page), total=len(rows), limit=limit, offset=offset,
        completeness=[completeness(node, "parties", sizes["parties"]),
                      completeness(node, "signatories", sizes["signatories"])],
        undated_excluded=sizes["parties"] - sizes["dated_parties"] if day and status != "signatory" else 0,
    )
