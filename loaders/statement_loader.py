"""Joint-statement texts -> a Commitment with its subscribers, pledges, references and topics."""

from pathlib import Path

from graph.errors import LoadError
from graph.model import Label
from loaders.plan import GraphPlan


def plan_statement_file(path: Path, plan: GraphPlan) -> None:
    raise LoadError(str(path), None, None, "statement loading is not wired yet")
    del Label
