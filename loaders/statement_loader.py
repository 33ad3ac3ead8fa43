"""Joint-statement texts -> a Commitment with its subscribers, pledges, tasks, what it
establishes and references, and its topics, all cited to the statement itself.

A statement that the catalog already has (same title) enriches that node, and facts the curated
data already holds gain the statement as a corroborating source instead of being duplicated.
"""

import re
from functools import cache
from pathlib import Path

from graph.errors import LoadError
from graph.model import Label, Rel
from loaders.catalog import CATALOG_KINDS
from loaders.dataset import SHIPPED_DATA_DIR
from loaders.documents import read_document
from loaders.plan import Columns, GraphPlan, Origin
from loaders.reading import read_yaml
from loaders.statements import ParsedStatement, StatementCatalog, StatementParseError, parse_statement

CATALOG_PATH = SHIPPED_DATA_DIR / "catalog.yaml"
COLUMNS = Columns(start="participants", end="participants", sources="source")
DCPD_PUBLISHER = "Daily Compilation of Presidential Documents (U.S. Government Publishing Office)"


@cache
def catalog_entries() -> tuple[dict[str, object], ...]:
    document = read_yaml(CATALOG_PATH)
    return tuple({**item, "kind": kind} for kind in CATALOG_KINDS for item in document.get(kind, []))


def statement_catalog() -> StatementCatalog:
    """The parser's alias tables, built from the shipped catalog."""
    return StatementCatalog.from_entities(list(catalog_entries()))


def commitment_id(parsed: ParsedStatement) -> str:
    """The catalog id of a statement with the same title, or a new `JS<year>_<TITLE>` id."""
    title = parsed.title.casefold().strip()
    for entry in catalog_entries():
        if entry["kind"] == "commitment" and str(entry["name"]).casefold().strip() == title:
            return str(entry["id"])
    slug = re.sub(r"[^A-Z0-9]+", "_", parsed.title.upper()).strip("_")[:48]
    return f"JS{parsed.date.year if parsed.date else ''}_{slug}"


def _in_catalog(node_id: str) -> bool:
    """A catalog item keeps its curated name, kind, date and confidence; a statement only adds to it."""
    return any(entry["id"] == node_id for entry in catalog_entries())


def parse_statement_file(path: Path) -> ParsedStatement:
    """A statement as plain text, saved HTML or PDF (format read from the content)."""
    text = read_document(path).text
    try:
        return parse_statement(text, statement_catalog())
    except StatementParseError as error:
        raise LoadError(str(path), None, None, str(error)) from error


def plan_statement_file(path: Path, plan: GraphPlan) -> None:
    parsed = parse_statement_file(path)
    origin = Origin(str(path), None)
    if parsed.unknown_names:
        raise origin.error("participants", "unknown names (add them to the catalog or fix the text): "
                                           + ", ".join(parsed.unknown_report()))
    date = parsed.date.isoformat() if parsed.date else None
    source_id = f"STATEMENT_{parsed.document_number or commitment_id(parsed)}"
    if source_id not in plan.sources:
        is_dcpd = (parsed.document_number or "").startswith("DCPD")
        plan.add_node(Label.SOURCE, source_id, {
            "title": parsed.title, "publisher": DCPD_PUBLISHER if is_dcpd else "as given in the statement text",
            "url": None, "as_of": date, "kind": "government", "note": f"Statement text loaded from {path.name}.",
        }, origin)
    node_id = commitment_id(parsed)
    details = {"pledges": parsed.pledges, "tasks": parsed.tasks, "document_number": parsed.document_number,
               "categories": parsed.categories, "subjects": parsed.subjects}
    if node_id in plan.nodes:
        node = plan.nodes[node_id]
        node.props |= details
        node.props["sources"] = [*node.props["sources"], source_id]
    elif _in_catalog(node_id):
        plan.add_node(Label.COMMITMENT, node_id, {"sources": [source_id], **details}, origin)
    else:
        plan.add_node(Label.COMMITMENT, node_id, {
            "kind": "commitment", "subkind": "joint_statement", "name": parsed.title, "date": date,
            "sources": [source_id], "confidence": "confirmed", **details}, origin)
    fact = {"sources": [source_id], "as_of": date, "confidence": "confirmed", "note": None}
    # Each participant with the role of the first list that names it (subscriber, observer, participant...).
    roles: dict[str, str] = {}
    for found in parsed.participant_lists:
        for member in [*found.states, *found.organizations]:
            roles.setdefault(member, found.role)
    for member in [*parsed.states, *parsed.organizations]:
        plan.corroborate_or_add(Rel.SUBSCRIBED_TO, member, node_id,
                                {"role": roles.get(member, "subscriber"), "date": date, **fact}, origin, COLUMNS)
    for body in parsed.establishes:
        plan.corroborate_or_add(Rel.ESTABLISHES, node_id, body, {"date": date, **fact}, origin, COLUMNS)
    for reference in parsed.references:
        plan.corroborate_or_add(Rel.REFERENCES, node_id, reference, {"date": None, **fact}, origin, COLUMNS)
    for topic in parsed.topics:
        plan.corroborate_or_add(Rel.ADDRESSES, node_id, topic, {"date": None, **fact}, origin, COLUMNS)
