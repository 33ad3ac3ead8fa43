"""A curated dataset folder (the shipped `data/`, or another with the same files) -> one plan.

The order matters: sources first (others read their as-of dates), the catalog before what links
to it, States last (they are planned for every State id that a relationship uses).
"""

from collections.abc import Callable
from pathlib import Path

from graph.errors import LoadError
from loaders import catalog, coverage, memberships, relations, sources, treaty_actions
from loaders.plan import GraphPlan
from loaders.states import plan_states

SHIPPED_DATA_DIR = Path(__file__).resolve().parents[1] / "data"

DATASET_FILES: tuple[tuple[str, Callable[[Path, GraphPlan], None]], ...] = (
    (sources.FILE_NAME, sources.plan_sources),
    (catalog.FILE_NAME, catalog.plan_catalog),
    (coverage.FILE_NAME, coverage.plan_coverage),
    (relations.FILE_NAME, relations.plan_relations),
    (treaty_actions.FILE_NAME, treaty_actions.plan_treaty_actions),
    (memberships.FILE_NAME, memberships.plan_memberships),
)


def plan_dataset(data_dir: Path, plan: GraphPlan | None = None) -> GraphPlan:
    """Reads and validates every file of the dataset; nothing touches the database here."""
    plan = plan or GraphPlan()
    for file_name, plan_file in DATASET_FILES:
        path = data_dir / file_name
        if not path.exists():
            raise LoadError(str(path), None, None, "missing: a dataset folder holds " +
                            ", ".join(name for name, _ in DATASET_FILES))
        plan_file(path, plan)
    plan_states(plan)
    return plan
