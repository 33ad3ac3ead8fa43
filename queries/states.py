"""One State across the whole architecture: what it is party to or signed, which commitments it
subscribed to, which summits it attended, which groups it joined, and the topics this adds up to,
on any day."""

import datetime
from typing import Any

from graph.dating import iso_day
from graph.driver import GraphDatabaseClient
from graph.model import Label, Rel
from queries import resolve
from queries.lookup import not_found
from queries.models import Involvement, NodeRef, StateInstrument, StateProfile, TopicCount
from queries.registry import read
from queries.unplaced import exclusions_of_rows

GROUP_FIELDS: dict[str, str] = {
    Rel.SUBSCRIBED_TO: "commitments",
    Rel.PARTICIPATED_IN: "events",
    Rel.MEMBER_OF: "memberships",
    Rel.COMMITTED_TO: "commitments",
}
STATE_FIELDS = ("name", "official_name", "aliases", "un_region", "un_subregion", "un_member", "un_member_since",
                "un_observer", "historical", "dissolved", "sources", "confidence", "note")


def _instrument(row: dict[str, Any]) -> StateInstrument:
    sources = list(dict.fromkeys([*row["consent_sources"], *row["entry_into_force_sources"],
                                  *row["signature_sources"]]))
    return StateInstrument(**{**row, "instrument": NodeRef(**row["instrument"]), "sources": sources})


def state_profile(db: GraphDatabaseClient, iso3: str, as_of: datetime.date | None = None) -> StateProfile:
    """ISO codes are matched case-insensitively (`jpn` is JPN), and names through the State name table;
    one round trip unless the State does not exist."""
    state_id = resolve.state_id(iso3)
    day = iso_day(as_of)
    found = read(db, "states/profile", id=state_id, as_of=day)
    if not found:
        raise not_found(db, Label.STATE, state_id)
    answer = found[0]
    node = answer["node"]
    groups: dict[str, list[Involvement]] = {field: [] for field in GROUP_FIELDS.values()}
    for row in answer["groups"]:
        groups[GROUP_FIELDS[row["type"]]].append(
            Involvement(**{**row, "node": NodeRef(**row["node"])}))
    return StateProfile(
        id=node["id"],
        requested=None if iso3.strip().upper() == state_id else iso3,
        **{key: node[key] for key in STATE_FIELDS if node.get(key) is not None},
        as_of=day,
        instruments=[_instrument(row) for row in answer["instruments"]],
        topics=[TopicCount(**{**row, "topic": NodeRef(**row["topic"])}) for row in answer["topics"]],
        exclusions=exclusions_of_rows(as_of, answer["unplaced"]),
        **groups,
    )
