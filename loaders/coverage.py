"""coverage.yaml -> the stated total of each list on its node, so answers can say "123 of 127"."""

from pathlib import Path

from loaders.plan import GraphPlan, Origin
from loaders.reading import read_yaml, yaml_records
from loaders.records import CoverageRecord
from loaders.sources import source_as_of

FILE_NAME = "coverage.yaml"


def plan_coverage(path: Path, plan: GraphPlan) -> None:
    for line, record in yaml_records(path, read_yaml(path), CoverageRecord):
        origin = Origin(str(path), line)
        node = plan.nodes.get(record.of)
        if node is None:
            raise origin.error("of", f"unknown id {record.of!r}: not in the catalog")
        prefix = f"stated_{record.list}"
        if f"{prefix}_count" in node.props:
            raise origin.error("list", f"a second stated count of {record.list} for {record.of}")
        node.props |= {
            f"{prefix}_count": record.stated_count,
            f"{prefix}_sources": list(record.sources),
            f"{prefix}_as_of": record.as_of or source_as_of(plan, list(record.sources)),
            f"{prefix}_note": record.note,
        }
        plan.cite(record.sources, origin, "sources")
