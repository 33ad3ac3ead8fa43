"""treaty_actions.csv -> SIGNED and PARTY_TO relationships, dated and sourced.

One row per (instrument, State, action). A signature becomes SIGNED {date}; a consent
(ratification, accession, ...) becomes PARTY_TO {since, via}; an entry-into-force row adds
`entry_into_force` to the State's PARTY_TO. EURATOM has no ISO code and is its catalog node.
"""

from pathlib import Path

from graph.model import CONSENT_KINDS, Rel
from loaders.notes import corroborating_sources
from loaders.plan import Columns, GraphPlan, Origin
from loaders.reading import read_csv
from loaders.records import TreatyActionRecord

FILE_NAME = "treaty_actions.csv"
ORGANIZATION_PARTIES = {"EURATOM"}
COLUMNS = Columns(start="iso3", end="instrument_id", sources="source_id")


def party_id(record: TreatyActionRecord, origin: Origin) -> str:
    if record.iso3:
        return record.iso3
    if record.state_name in ORGANIZATION_PARTIES:
        return record.state_name
    raise origin.error("iso3", f"empty ISO code for {record.state_name!r}, which is not an organization party")


def plan_treaty_actions(path: Path, plan: GraphPlan) -> None:
    rows = [(Origin(str(path), line), record) for line, record in read_csv(path, TreatyActionRecord)]
    for origin, record in rows:
        if record.action == "entry_into_force":
            continue
        props = {
            "sources": [record.source_id, *corroborating_sources(record.note)],
            "as_of": record.as_of, "confidence": record.confidence, "note": record.note,
            "name_in_source": record.state_name,
        }
        if record.action == "signature":
            props["date"] = record.date
            plan.add_relationship(Rel.SIGNED, party_id(record, origin), record.instrument_id, props, origin, COLUMNS)
        else:
            assert record.action in CONSENT_KINDS
            props |= {"since": record.date, "via": record.action, "entry_into_force": None,
                      "entry_into_force_sources": [], "entry_into_force_note": None}
            plan.add_relationship(Rel.PARTY_TO, party_id(record, origin), record.instrument_id, props, origin,
                                  COLUMNS)
    for origin, record in rows:
        if record.action != "entry_into_force":
            continue
        party = plan.relationship(Rel.PARTY_TO, party_id(record, origin), record.instrument_id)
        if party is None:
            raise origin.error("action", f"entry into force for {record.state_name!r} without a consent row")
        party.props["entry_into_force"] = record.date
        party.props["entry_into_force_sources"] = [record.source_id, *corroborating_sources(record.note)]
        party.props["entry_into_force_note"] = record.note
        plan.cite(party.props["entry_into_force_sources"], origin, "source_id")
