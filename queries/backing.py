"""Who backs which instruments: the States x instruments matrix, filtered by State, UN region or
group (summit, initiative, joint statement), optionally as of a day. One request answers the
question "which of the 2016 summit's participants are party to A/CPPNM and ICSANT?"."""

import datetime
from typing import Any

from graph.dating import iso_day
from graph.driver import GraphDatabaseClient
from graph.errors import NotFound
from graph.model import Label
from queries.lookup import not_found, suggestions
from queries.models import BackingCell, BackingMatrix, BackingRow, InstrumentTotal, NodeRef, NodeSummary
from queries.registry import read
from queries.unplaced import exclusions_of_rows

DEFAULT_INSTRUMENTS = ("CPPNM", "A_CPPNM", "ICSANT")
GROUP_LABELS = (Label.INITIATIVE, Label.EVENT, Label.COMMITMENT, Label.ORGANIZATION)
"""Kinds that States join, attend or subscribe to, and so can define a group of rows."""


def _ref(node: dict[str, Any]) -> NodeRef:
    return NodeRef(id=node["id"], kind=node.get("kind"), name=node.get("name"), short_name=node.get("short_name"))


def _row(record: dict[str, Any], instrument_ids: list[str]) -> BackingRow:
    """Cells keyed by instrument id, in the order the caller asked for them."""
    cells = {cell["instrument"]: BackingCell(**cell) for cell in record["cells"]}
    return BackingRow(state=NodeSummary(**record["state"]), cells={key: cells[key] for key in instrument_ids})


def backing_matrix(db: GraphDatabaseClient, instruments: list[str] | None = None, states: list[str] | None = None,
                   region: str | None = None, group: str | None = None,
                   as_of: datetime.date | None = None) -> BackingMatrix:
    """Filters combine (AND); a group as of a day is its members that day. One round trip unless an id is
    unknown (then a 404 with close ids)."""
    instrument_ids = list(dict.fromkeys(instruments or DEFAULT_INSTRUMENTS))
    state_ids = list(dict.fromkeys(code.strip().upper() for code in states)) if states else None
    day = iso_day(as_of)
    answer = read(db, "backing/matrix", instruments=instrument_ids, states=state_ids, region=region, group=group,
                  group_labels=[str(label) for label in GROUP_LABELS], as_of=day)[0]
    if answer["missing_instruments"]:
        raise not_found(db, Label.LEGAL_INSTRUMENT, answer["missing_instruments"][0])
    if answer["missing_states"]:
        raise not_found(db, Label.STATE, answer["missing_states"][0])
    if group and answer["group_node"] is None:
        close = [found for label in GROUP_LABELS for found in suggestions(db, label, group)]
        raise NotFound("group (initiative, event, commitment or organization)", group, list(dict.fromkeys(close)))
    by_id = {node["id"]: _ref(node) for node in answer["instrument_nodes"]}
    refs = [by_id[instrument_id] for instrument_id in instrument_ids]
    rows = [_row(record, instrument_ids) for record in answer["rows"]]
    totals = [
        InstrumentTotal(instrument=ref,
                        parties=sum(row.cells[ref.id].status == "party" for row in rows),
                        signatories=sum(row.cells[ref.id].status == "signatory" for row in rows),
                        none=sum(row.cells[ref.id].status == "none" for row in rows),
                        undated_excluded=sum(row.cells[ref.id].undated_excluded for row in rows))
        for ref in refs
    ]
    return BackingMatrix(data=rows, count=len(rows), total=len(rows), limit=len(rows), offset=0,
                         instruments=refs, as_of=day, states=state_ids, region=region,
                         group=_ref(answer["group_node"]) if answer["group_node"] else None, totals=totals,
                         exclusions=exclusions_of_rows(as_of, answer["unplaced"]))
