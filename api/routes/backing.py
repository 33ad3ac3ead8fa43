"""Who backs which instruments: the States x instruments matrix, filtered by State, UN region or
group (summit, initiative, joint statement), optionally as of a day. One request answers the
question "which of the 2016 summit's participants are party to A/CPPNM and ICSANT?"."""

import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import DatabaseDep
from api.listing import Format, Limit, Offset, csv_response
from api.lookup import get_node, suggestions
from api.schemas import BackingCell, BackingMatrix, BackingRow, InstrumentTotal, NodeRef, NodeSummary
from graph.driver import GraphDatabaseClient
from graph.errors import NotFound
from graph.model import Label
from queries.registry import read

router = APIRouter(prefix="/backing", tags=["backing"])

DEFAULT_INSTRUMENTS = ("CPPNM", "A_CPPNM", "ICSANT")
GROUP_LABELS = (Label.INITIATIVE, Label.EVENT, Label.COMMITMENT, Label.ORGANIZATION)
"""Kinds that States join, attend or subscribe to, and so can define a group of rows."""


def _ref(node: dict[str, Any]) -> NodeRef:
    return NodeRef(id=node["id"], kind=node.get("kind"), name=node.get("name"), short_name=node.get("short_name"))


def _group(db: GraphDatabaseClient, group_id: str) -> NodeRef:
    """The group node, or a 404 suggesting close ids among every kind a group can be."""
    rows = read(db, "backing/group", id=group_id, labels=[str(label) for label in GROUP_LABELS])
    if rows:
        return _ref(rows[0]["node"])
    close = [found for label in GROUP_LABELS for found in suggestions(db, label, group_id)]
    raise NotFound("group (initiative, event, commitment or organization)", group_id, list(dict.fromkeys(close)))


def _row(record: dict[str, Any], instrument_ids: list[str]) -> BackingRow:
    """Cells keyed by instrument id, in the order the caller asked for them."""
    cells = {cell["instrument"]: BackingCell(**cell) for cell in record["cells"]}
    return BackingRow(state=NodeSummary(**record["state"]), cells={key: cells[key] for key in instrument_ids})


def _csv_row(row: BackingRow) -> dict[str, Any]:
    """Cells flattened as `<INSTRUMENT>.status`, `<INSTRUMENT>.since`, ... beside the State's columns."""
    return {"state": row.state.model_dump(include={"id", "name", "un_region", "un_subregion"}),
            **{instrument: cell.model_dump() for instrument, cell in row.cells.items()}}


@router.get("", response_model=BackingMatrix, summary="States x instruments: party, signatory or no fact known")
def backing(
    db: DatabaseDep,
    instrument: Annotated[list[str] | None, Query(description="instrument ids (repeat); default CPPNM, A_CPPNM, "
                                                                "ICSANT")] = None,
    state: Annotated[list[str] | None, Query(description="ISO3 codes of the rows (repeat); default all States")] = None,
    region: Annotated[str | None, Query(description="UN region or sub-region, e.g. Africa, Western Asia")] = None,
    group: Annotated[str | None, Query(description="members of an initiative, event or commitment, e.g. "
                                                   "NSS_2016, NSCG, GICNT, JS2016_SUSTAINING_ACTION")] = None,
    as_of: Annotated[datetime.date | None, Query(description="count only facts dated on or before that day")] = None,
    limit: Limit = 1000,
    offset: Offset = 0,
    format: Format = "json",
) -> BackingMatrix | Response:
    """Filters combine (AND). Group membership itself is not filtered by `as_of`."""
    instrument_ids = list(dict.fromkeys(instrument or DEFAULT_INSTRUMENTS))
    instruments = [_ref(get_node(db, Label.LEGAL_INSTRUMENT, instrument_id)) for instrument_id in instrument_ids]
    state_ids = list(dict.fromkeys(code.strip().upper() for code in state)) if state else None
    for state_id in state_ids or []:
        get_node(db, Label.STATE, state_id)
    group_ref = _group(db, group) if group else None
    day = as_of.isoformat() if as_of else None
    rows = [_row(record, instrument_ids) for record in read(db, "backing/matrix", instruments=instrument_ids,
                                                              states=state_ids, region=region, group=group, as_of=day)]
    if format == "csv":
        return csv_response([_csv_row(row) for row in rows], "backing")
    totals = [
        InstrumentTotal(instrument=ref,
                        parties=sum(row.cells[ref.id].status == "party" for row in rows),
                        signatories=sum(row.cells[ref.id].status == "signatory" for row in rows),
                        none=sum(row.cells[ref.id].status == "none" for row in rows),
                        undated_excluded=sum(row.cells[ref.id].undated_excluded for row in rows))
        for ref in instruments
    ]
    page = rows[offset:offset + limit]
    return BackingMatrix(data=page, count=len(page), total=len(rows), limit=limit, offset=offset,
                         instruments=instruments, as_of=day, states=state_ids, region=region, group=group_ref,
                         totals=totals)
