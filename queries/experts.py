"""Experts and industry around the summits: the industry and expert summits held beside each summit,
the non-governmental and industry bodies that convened them, and the statements they issued.

Driven by the vocabulary, not by ids: side events are events PART_OF a summit (or of a side-event
subkind), bodies are organizations of the non-intergovernmental subkinds, conveners are linked by
ADMINISTERS. New rows of those kinds show up here without a code change.
"""

from collections import defaultdict
from typing import Any

from graph.driver import GraphDatabaseClient
from queries.experts_models import Attendee, Body, BodyLink, Convener, ExpertsAndIndustry, SideEvent
from queries.gaps import source_refs, summary
from queries.registry import read
from queries.view_models import GraphView
from queries.views import subgraph

SUMMIT_SUBKINDS = ("summit",)
SIDE_EVENT_SUBKINDS = ("industry_summit", "expert_summit")
BODY_SUBKINDS = ("non_governmental", "industry_association", "company", "government_agency")
"""Organization subkinds outside the intergovernmental system: experts, industry, government-affiliated institutes."""

RULE = (f"Side events = events PART_OF an event of subkind {', '.join(SUMMIT_SUBKINDS)}, and events of subkind "
        f"{', '.join(SIDE_EVENT_SUBKINDS)} (shown without a summit when no PART_OF link is on record). Conveners = "
        "organizations that ADMINISTERS a side event; statements = commitments ISSUED_AT one. Bodies = organizations "
        f"of subkind {', '.join(BODY_SUBKINDS)}, with every non-State entity they are linked to.")


def _side_event(row: dict[str, Any]) -> SideEvent:
    return SideEvent(
        event=summary(row["event"]), summit=summary(row["summit"]) if row["summit"] else None,
        part_of_sources=row["part_of_sources"],
        convened_by=[Convener(organization=summary(c["node"]), note=c["note"], sources=c["sources"])
                     for c in sorted(row["convened_by"], key=lambda c: c["node"]["id"])],
        statements=[summary(s["node"]) for s in sorted(row["statements"], key=lambda s: s["node"]["id"])],
        participants=[Attendee(node=summary(p["node"]), role=p["role"], sources=p["sources"])
                      for p in sorted(row["participants"], key=lambda p: p["node"]["id"])],
        sources=row["event"]["sources"])


def experts_and_industry(db: GraphDatabaseClient) -> ExpertsAndIndustry:
    """The side events with their conveners and statements, and the bodies with their links."""
    events = [_side_event(row) for row in read(db, "experts/side_events", summits=list(SUMMIT_SUBKINDS),
                                                   side=list(SIDE_EVENT_SUBKINDS))]
    convened: dict[str, list[str]] = defaultdict(list)
    for event in events:
        for convener in event.convened_by:
            convened[convener.organization.id].append(event.event.id)
    bodies = [Body(organization=summary(row["organization"]), convened=sorted(convened[row["organization"]["id"]]),
                   links=sorted((BodyLink(**link) for link in row["links"]), key=lambda link: (link.type, link.id)),
                   sources=row["organization"]["sources"])
              for row in read(db, "experts/bodies", subkinds=list(BODY_SUBKINDS))]
    caveats = ["Participants named at side events are the few that sources show taking part (organisers, speakers, "
               "named delegations): they are not participant lists."]
    unplaced = [e.event.id for e in events if e.summit is None]
    if unplaced:
        caveats.append(f"No link to a summit is on record for {', '.join(unplaced)}.")
    if not events:
        caveats.append("No industry or expert side event is on record in the loaded data.")
    unconvened = [e.event.id for e in events if not e.convened_by]
    if unconvened:
        caveats.append(f"No convening body is on record for {', '.join(unconvened)}.")
    cited = [s for e in events for s in (*e.sources, *e.part_of_sources,
                                         *(x for c in e.convened_by for x in c.sources),
                                         *(x for p in e.participants for x in p.sources))]
    cited += [s for b in bodies for s in b.sources]
    return ExpertsAndIndustry(rule=RULE, side_events=events, bodies=bodies, caveats=caveats,
                              sources=source_refs(db, cited))


def view_ids(answer: ExpertsAndIndustry) -> list[str]:
    """The nodes the network draws: summits, side events, conveners, statements, named participants that are
    not States, the bodies and what they link to."""
    ids: set[str] = set()
    for event in answer.side_events:
        ids.add(event.event.id)
        if event.summit:
            ids.add(event.summit.id)
        ids |= {c.organization.id for c in event.convened_by} | {s.id for s in event.statements}
        ids |= {p.node.id for p in event.participants if p.node.kind != "state"}
    for body in answer.bodies:
        ids.add(body.organization.id)
        ids |= {link.id for link in body.links}
    return sorted(ids)


def experts_view(db: GraphDatabaseClient, answer: ExpertsAndIndustry | None = None) -> GraphView:
    """The network of the experts-and-industry page (every relationship between its nodes drawn)."""
    answer = answer or experts_and_industry(db)
    nodes, edges, _ = subgraph(db, view_ids(answer), None)
    return GraphView(
        title="Experts and industry around the summits",
        subtitle=(f"{len(answer.side_events)} industry and expert side events, the bodies that convened them and the "
                  f"statements they issued; {len(answer.bodies)} non-governmental, industry and government-affiliated "
                  "bodies and what they are linked to."),
        nodes=nodes, edges=edges, note=" ".join(answer.caveats))
