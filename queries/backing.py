"""Who backs which instruments: the States x instruments matrix, filtered by State, UN region or
group (summit, initiative, joint statement), optionally as of a day. One request answers the
question "which of the 2016 summit's participants are party to A/CPPNM and ICSANT?"."""

import datetime
from typing import Any

from graph.driver import GraphDatabaseClient
from graph.errors import NotFound
from graph.model import Label
from queries.lookup import get_node, suggestions
from queries.models import BackingCell, BackingMatrix, BackingRow, InstrumentTotal, NodeRef, NodeSummary
from queries.registry import read

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


def backing_matrix(db: GraphDatabaseClient, instruments: list[str] | None = None, states: list[str] | None = None,
                   region: str | None = None, group: str | None = None,
                   as_of: datetime.date | None = None) -> BackingMatrix:
    """Filters combine (AND). Group membership itself is not filtered by `as_of`."""
    instrument_ids = list(dict.fromkeys(instruments or DEFAULT_INSTRUMENTS))
    refs = [_ref(get_node(db, Label.LEGAL_INSTRUMENT, instrument_id)) for instrument_id in instrument_ids]
    state_ids = list(dict.fromkeys(code.strip().upper() for code in states)) if states else None
    for state_id in state_ids or []:
        get_node(db, Label.STATE, state_id)
    group_ref = _group(db, group) if group else None
    day = as_of.isoformat() if as_of else None
    rows = [_row(record, instrument_ids) for record in read(db, "backing/matrix", instruments=instrument_ids,
                                                              states=state_ids, region=region, group=group, as_of=day)]
    totals = [
        InstrumentTotal(instrument=ref,
                        parties=sum(row.cells[ref.id].status == "party" for row in rows),
                        signatories=sum(row.cells[ref.id].status == "signatory" for row in rows),
                        none=sum(row.cells[ref.id].status == "none" for row in rows),
                        undated_excluded=sum(row.cells[ref.id].undated_excluded for row in rows))
        for ref in refs
    ]
    return BackingMatrix(data=rows, count=len(rows), total=len(rows), limit=len(rows), offset=0,
                         instruments=refs, as_of=day, states=state_ids, region=region, group=group_ref,
                         totals=totals)
