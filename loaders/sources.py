"""sources.csv -> Source nodes: the documents that every fact cites."""

from pathlib import Path

from graph.model import Label
from loaders.plan import GraphPlan, Origin
from loaders.reading import read_csv
from loaders.records import SourceRecord

FILE_NAME = "sources.csv"


def plan_sources(path: Path, plan: GraphPlan) -> None:
    for line, record in read_csv(path, SourceRecord):
        props = record.model_dump(exclude={"source_id"})
        plan.add_node(Label.SOURCE, record.source_id, props, Origin(str(path), line), id_field="source_id")


def source_as_of(plan: GraphPlan, source_ids: list[str]) -> str | None:
    """The latest as-of date among the cited sources that the plan knows (dates compare as ISO text)."""
    dates = [plan.sources[s].props.get("as_of") for s in source_ids if s in plan.sources]
    known = [date for date in dates if date]
    return max(known) if known else None
