"""memberships.csv -> who took part in what: PARTICIPATED_IN (events), SUBSCRIBED_TO
(commitments), MEMBER_OF (initiatives), COMMITTED_TO (a non-binding code such as the Code of Conduct,
or its guidance), each with its role, date and sources."""

from pathlib import Path

from graph.model import Label, Rel
from loaders.notes import corroborating_sources
from loaders.plan import Columns, GraphPlan, Origin
from loaders.reading import read_csv
from loaders.records import MembershipRecord
from loaders.sources import source_as_of

FILE_NAME = "memberships.csv"
COLUMNS = Columns(start="member_id", end="group_id", sources="source_id")
RELATIONSHIP_BY_GROUP: dict[Label, tuple[Rel, str]] = {
    Label.EVENT: (Rel.PARTICIPATED_IN, "date"),
    Label.COMMITMENT: (Rel.SUBSCRIBED_TO, "date"),
    Label.INITIATIVE: (Rel.MEMBER_OF, "since"),
    Label.ORGANIZATION: (Rel.MEMBER_OF, "since"),
    Label.LEGAL_INSTRUMENT: (Rel.COMMITTED_TO, "since"),
    Label.GUIDANCE: (Rel.COMMITTED_TO, "since"),
}
NON_BINDING_INSTRUMENT = "code_of_conduct"
COMMITTED = "committed"
"""The role of a COMMITTED_TO membership, and of no other: binding consent is a treaty action, not a membership."""


def plan_memberships(path: Path, plan: GraphPlan) -> None:
    for line, record in read_csv(path, MembershipRecord):
        origin = Origin(str(path), line)
        group = plan.nodes.get(record.group_id)
        if group is None or group.label not in RELATIONSHIP_BY_GROUP:
            raise origin.error("group_id", f"{record.group_id!r} is not an event, commitment, initiative, "
                                           "organization, legal instrument or guidance of the catalog")
        if group.label is Label.LEGAL_INSTRUMENT and group.props.get("subkind") != NON_BINDING_INSTRUMENT:
            raise origin.error("group_id", f"{record.group_id!r} is a binding instrument: its parties and signatories "
                                           "are treaty actions (treaty_actions.csv), not memberships")
        rel, date_key = RELATIONSHIP_BY_GROUP[group.label]
        if (rel is Rel.COMMITTED_TO) != (record.role == COMMITTED):
            raise origin.error("role", f"role {record.role!r} does not fit {record.group_id!r} ({group.label}): "
                                       f"role {COMMITTED!r} is for, and only for, a legal instrument or guidance")
        sources = [record.source_id, *corroborating_sources(record.note)]
        props = {"role": record.role, date_key: record.date_or_year, "sources": sources,
                 "as_of": source_as_of(plan, [record.source_id]), "confidence": record.confidence,
                 "note": record.note}
        plan.add_relationship(rel, record.member_id, record.group_id, props, origin, COLUMNS)
