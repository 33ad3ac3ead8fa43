"""relations.csv -> relationships between catalog items (AMENDS, REFERENCES, ADDRESSES, ...)."""

from pathlib import Path

from graph.model import Rel
from loaders.plan import GraphPlan, Origin
from loaders.reading import read_csv
from loaders.records import RelationRecord
from loaders.sources import source_as_of

FILE_NAME = "relations.csv"


def plan_relations(path: Path, plan: GraphPlan) -> None:
    for line, record in read_csv(path, RelationRecord):
        props = {"date": record.date, "sources": list(record.source_ids), "confidence": record.confidence,
                 "note": record.note, "as_of": source_as_of(plan, list(record.source_ids))}
        plan.add_relationship(Rel(record.relation), record.from_id, record.to_id, props, Origin(str(path), line))
