"""What an answer as of a day left out, built the same way for every answer (the rule is graph.dating's)."""

from collections.abc import Iterable
from typing import Any

from graph.dating import AS_OF_RULE
from queries.models import TimeExclusions, UnplacedFact


def time_exclusions(as_of: str | None, unplaced: Iterable[dict[str, Any]]) -> TimeExclusions | None:
    """Unplaced facts (`{subject, type, object, date, undated}` rows from a query) sorted into undated and
    imprecise; None when the answer is not as of a day."""
    if as_of is None:
        return None
    undated: list[UnplacedFact] = []
    imprecise: list[UnplacedFact] = []
    for row in unplaced:
        fact = UnplacedFact(subject=row["subject"], type=row["type"], object=row["object"], date=row.get("date"))
        (undated if row["undated"] else imprecise).append(fact)
    key = lambda fact: (fact.subject, fact.type, fact.object)  # noqa: E731
    return TimeExclusions(as_of=as_of, rule=AS_OF_RULE, undated=sorted(undated, key=key),
                          imprecise=sorted(imprecise, key=key))
