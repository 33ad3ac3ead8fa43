"""The graph on a day, read straight from the shipped files (never through the loaders or Neo4j): every
relationship the files state, each node's date, and how each stands on a day by `graph.dating.day_status`.

Relationships: treaty_actions.csv (a consent row is PARTY_TO dated by its consent, a signature row SIGNED),
memberships.csv (to an event PARTICIPATED_IN, to a commitment SUBSCRIBED_TO, else MEMBER_OF, dated by
`date_or_year`), relations.csv (its own type and date). Nodes: the catalog's (dated by `since`, else
`date`); States carry no date.
"""

import datetime
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from functools import cache

from graph.dating import TIMED_TYPES, DayStatus, day_status, fact_date
from tests.api import NOT_CONSENT, catalog, memberships, party_id, relations, treaty_actions

BEFORE_THE_SUMMITS = "2009-12-31"
SUMMITS = ("NSS_2010", "NSS_2012", "NSS_2014", "NSS_2016")
GROUP_TYPES = {"event": "PARTICIPATED_IN", "commitment": "SUBSCRIBED_TO", "legal_instrument": "COMMITTED_TO",
               "guidance": "COMMITTED_TO"}


@dataclass(frozen=True)
class Fact:
    type: str
    start: str
    end: str
    date: str | None

    @property
    def key(self) -> tuple[str, str, str]:
        return self.type, self.start, self.end


@cache
def kinds() -> dict[str, str]:
    """Catalog node id -> kind."""
    return {item["id"]: kind for kind, items in catalog().items() for item in items}


@cache
def node_dates() -> dict[str, str | None]:
    """Catalog node id -> its date (None when undated); ids not in the catalog (States) have none."""
    return {item["id"]: fact_date(item) for items in catalog().values() for item in items}


@cache
def facts() -> tuple[Fact, ...]:
    found = []
    for row in treaty_actions():
        if row["action"] == "entry_into_force":
            continue
        rel = "SIGNED" if row["action"] == "signature" else "PARTY_TO"
        assert row["action"] not in NOT_CONSENT or rel == "SIGNED"
        found.append(Fact(rel, party_id(row), row["instrument_id"], row["date"] or None))
    for row in memberships():
        rel = GROUP_TYPES.get(kinds().get(row["group_id"], ""), "MEMBER_OF")
        found.append(Fact(rel, row["member_id"], row["group_id"], row["date_or_year"] or None))
    found += [Fact(row["relation"], row["from_id"], row["to_id"], row["date"] or None) for row in relations()]
    return tuple(found)


def node_standing(node_id: str, day: str | None) -> DayStatus:
    """A node is there unless its own date says otherwise (undated nodes are kept)."""
    status = day_status(node_dates().get(node_id), day)
    return "counts" if status == "undated" else status


def fact_standing(fact: Fact, day: str | None) -> DayStatus:
    """Undated relationships of a timed type never count on a day; other undated ones are structure, kept."""
    status = day_status(fact.date, day)
    return "counts" if status == "undated" and fact.type not in TIMED_TYPES else status


def there(node_id: str, day: str | None) -> bool:
    return node_standing(node_id, day) == "counts"


def counting(day: str | None) -> set[tuple[str, str, str]]:
    """The relationships that count on the day, between nodes there on it."""
    return {fact.key for fact in facts() if fact_standing(fact, day) == "counts"
            and there(fact.start, day) and there(fact.end, day)}


def unplaced(day: str, status: DayStatus) -> set[tuple[str, str, str]]:
    """The undated or imprecise relationships whose two ends are there on the day."""
    return {fact.key for fact in facts() if fact_standing(fact, day) == status
            and there(fact.start, day) and there(fact.end, day)}


def summit_closing_day(summit: str) -> str:
    """The last day of a summit: its catalog date, or the latest date of what was issued at it if later."""
    issued = [row["date"] for row in relations() if row["relation"] == "ISSUED_AT" and row["to_id"] == summit
              and row["date"]]
    return max([str(node_dates()[summit]), *issued])


def day_after(day: str) -> str:
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=1)).isoformat()


def days() -> list[str | None]:
    """The days tests look at: before the summits, the closing day of the first and last summit, the day after
    the last, and today (None)."""
    last = summit_closing_day(SUMMITS[-1])
    return [BEFORE_THE_SUMMITS, summit_closing_day(SUMMITS[0]), last, day_after(last), None]


def params(day: str | None, **others: object) -> dict[str, object]:
    """Query parameters with `as_of` when there is a day (an empty `as_of=` is not a date)."""
    return {**others, **({"as_of": day} if day else {})}


def adjacency(day: str | None) -> dict[str, Counter[str]]:
    """Undirected multigraph of the relationships that count on the day."""
    graph: dict[str, Counter[str]] = defaultdict(Counter)
    for _, start, end in counting(day):
        graph[start][end] += 1
        graph[end][start] += 1
    return graph


def shortest(graph: dict[str, Counter[str]], start: str, end: str) -> tuple[int | None, int]:
    """Length of the shortest paths and how many there are (parallel relationships are distinct paths)."""
    distance, count = {start: 0}, {start: 1}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for neighbour, multiplicity in graph[node].items():
            if neighbour not in distance:
                distance[neighbour] = distance[node] + 1
                count[neighbour] = 0
                queue.append(neighbour)
            if distance[neighbour] == distance[node] + 1:
                count[neighbour] += count[node] * multiplicity
    return distance.get(end), count.get(end, 0)
