"""catalog.yaml -> the non-State nodes (instruments, organizations, initiatives, guidance,
commitments, events, topics), one YAML section per kind."""

from pathlib import Path

from graph.errors import LoadError
from graph.model import KIND_TO_LABEL, Label
from loaders.plan import GraphPlan, Origin
from loaders.reading import read_yaml, yaml_records
from loaders.records import CatalogRecord

FILE_NAME = "catalog.yaml"
CATALOG_KINDS = tuple(kind for kind in KIND_TO_LABEL if kind != "state")


def entity_props(kind: str, record: CatalogRecord) -> dict[str, object]:
    """Node properties of a catalog item; `aliases_text` feeds the full-text index."""
    props = record.model_dump(exclude={"id"})
    props["kind"] = kind
    props["aliases_text"] = " | ".join(record.aliases) if record.aliases else None
    return props


def plan_catalog(path: Path, plan: GraphPlan) -> None:
    document = read_yaml(path)
    if not isinstance(document, dict):
        raise LoadError(str(path), None, None, "expected one section per kind: " + ", ".join(CATALOG_KINDS))
    document.pop("__line__", None)
    document.pop("__lines__", None)
    for kind, items in document.items():
        if kind not in CATALOG_KINDS:
            raise LoadError(str(path), None, kind, f"unknown kind {kind!r}; expected one of {', '.join(CATALOG_KINDS)}")
        label: Label = KIND_TO_LABEL[kind]
        for line, record in yaml_records(path, items, CatalogRecord, context={"kind": kind}):
            plan.add_node(label, record.id, entity_props(kind, record), Origin(str(path), line))
