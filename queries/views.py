"""Query rows -> `GraphView`s, one function per page: drawn by viz/ for the HTML routes and `nsgraph viz`.

Every view takes `as_of` (a day; None: today). As of a day, a view holds only the nodes there on
it and the relationships that count on it (`graph.dating`); the queries say how each fact stands
on the day, and the view names the undated and imprecise ones it left out (`queries.unplaced`). A
node that is not there on the day (its own page asked for) gives an empty view that says so.

States can number in the hundreds around a treaty, so the instrument page groups them under one
node per UN region (or year), and the overview aggregates them per region; those group nodes have
ids starting with `group:` and open nothing when clicked.
"""

import datetime
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, cast

from graph.dating import EARLIEST, LATEST, TIMED_TYPES, DayStatus, day_status, fact_date, iso_day
from graph.driver import GraphDatabaseClient
from graph.errors import NotFound
from graph.model import ENTITY, KIND_TO_LABEL, Label, Rel
from queries.lookup import suggestions
from queries.neighbourhood import unplaced_around
from queries.registry import read
from queries.search import search_entities
from queries.unplaced import UNPLACED, Facts, day_parameters, node_fact, relationship_fact, time_exclusions
from queries.view_models import GraphView, PropertyValue, ViewEdge, ViewNode

GroupBy = Literal["region", "year", "none"]

GROUP_PREFIX = "group:"
NO_REGION = "No UN region"
MAX_NEIGHBOURHOOD = 300
"""Most nodes a `/viz/node` neighbourhood collects before it stops (and says so)."""
MAX_DEPTH = 3
MAX_HOPS = 6
MAX_PATHS = 25
SEARCH_LIMIT = 50

CONSENT = (Rel.PARTY_TO.value, Rel.SIGNED.value)
OVERVIEW_STATE_LINKS = (Rel.PARTY_TO.value, Rel.MEMBER_OF.value, Rel.PARTICIPATED_IN.value)
"""State relationships the overview aggregates per region (signatures and commitment subscriptions are
left to the instrument and commitment pages, or the overview would be mostly region edges)."""

_HIDDEN_NODE_KEYS = {"id", "kind", "name", "short_name", "sources", "aliases_text", "official_name", "day_status",
                     EARLIEST, LATEST}
_HIDDEN_EDGE_KEYS = {"sources", "name_in_source", EARLIEST, LATEST}


_UNDATED_KEYS = {"date": "dated", "since": "from", "entry_into_force": "in_force"}
_YEAR = re.compile(r"^\s*(\d{4})")


# -- rows -> view parts ---------------------------------------------------------------------------


def _view_node(props: dict[str, Any]) -> ViewNode:
    properties = {key: cast(PropertyValue, value) for key, value in sorted(props.items())
                  if key not in _HIDDEN_NODE_KEYS and not key.startswith("stated_")
                  and not key.endswith("_sources") and value is not None}
    return ViewNode(id=props["id"], kind=props.get("kind") or "topic", name=props.get("name") or props["id"],
                    short_name=props.get("short_name"), properties=properties, sources=props.get("sources") or [])


def _view_edge(row: dict[str, Any]) -> ViewEdge:
    props: dict[str, Any] = row.get("properties") or {}
    properties = {key: cast(PropertyValue, value) for key, value in sorted(props.items())
                  if key not in _HIDDEN_EDGE_KEYS and not key.endswith("_sources") and value is not None}
    return ViewEdge(source=row["source"], target=row["target"], type=row["type"], properties=properties,
                    sources=props.get("sources") or [])


def _label(node: dict[str, Any]) -> str:
    return str(node.get("short_name") or node.get("name") or node["id"])


def entity(db: GraphDatabaseClient, node_id: str, label: Label | None = None) -> dict[str, Any]:
    """A node's properties; `NotFound` with close ids (of that kind, or of any) when there is no such node."""
    rows = read(db, "viz/entity", id=node_id)
    kind = next((k for k, lab in KIND_TO_LABEL.items() if lab is label), None)
    if not rows or (kind is not None and rows[0]["node"].get("kind") != kind):
        what = (kind or "node").replace("_", " ")
        raise NotFound(what, node_id, suggestions(db, label or cast(Label, ENTITY), node_id))
    return cast(dict[str, Any], rows[0]["node"])


def _dated(title: str, as_of: datetime.date | None) -> str:
    """A page title with the day it shows, when it is not today."""
    return f"{title}, as of {as_of.isoformat()}" if as_of else title


def _standing(node: dict[str, Any], as_of: datetime.date | None) -> DayStatus:
    """How the node asked for stands on the day (its date against `as_of`; undated nodes are there)."""
    status = day_status(fact_date(node), as_of)
    return "counts" if status == "undated" else status


def _absent_view(node: dict[str, Any], title: str, as_of: datetime.date) -> GraphView:
    """The view of a node that is not there on the day: nothing drawn, and why."""
    status = _standing(node, as_of)
    facts: Facts = [(status, node_fact(node))]
    return GraphView(title=_dated(title, as_of), nodes=[], edges=[], focus_id=str(node["id"]),
                     subtitle=f"{_label(node)} is dated {fact_date(node)}: "
                              + ("not there yet on that day." if status == "after"
                                 else "a period that straddles the day, so it is not placed on it."),
                     as_of=as_of.isoformat(), exclusions=time_exclusions(as_of, facts))


def subgraph(db: GraphDatabaseClient, ids: Iterable[str],
              as_of: datetime.date | None) -> tuple[list[ViewNode], list[ViewEdge], Facts]:
    """The nodes of `ids` there on the day, the relationships between them that count, and those left out."""
    row = read(db, "viz/subgraph", ids=sorted(set(ids)), **day_parameters(as_of))[0]
    facts: Facts = [(edge["status"], relationship_fact(edge["source"], edge["type"], edge["target"],
                                                       edge["properties"]))
                    for edge in row["edges"] if edge["status"] in UNPLACED]
    return ([_view_node(node) for node in row["nodes"]],
            [_view_edge(edge) for edge in row["edges"] if edge["status"] == "counts"], facts)


def _star(db: GraphDatabaseClient, focus: str, as_of: datetime.date | None) -> tuple[list[dict[str, Any]], Facts]:
    """The focus's relationships that count on the day (to nodes there), and the facts around it left out."""
    rows = read(db, "viz/star", id=focus, **day_parameters(as_of))
    facts: Facts = []
    for row in rows:
        edge = row["edge"]
        if row["node_status"] == "imprecise":
            facts.append(("imprecise", node_fact(row["node"])))
        elif row["node_status"] == "counts" and row["status"] in UNPLACED:
            facts.append((row["status"], relationship_fact(edge["source"], edge["type"], edge["target"],
                                                           edge["properties"])))
    return [row for row in rows if row["status"] == "counts" and row["node_status"] == "counts"], facts


def _focus_view(db: GraphDatabaseClient, focus: str, as_of: datetime.date | None
                ) -> tuple[list[dict[str, Any]], list[ViewNode], list[ViewEdge], Facts]:
    """The focus's star, its neighbours, its own edges and the edges between neighbours that are not States
    (a treaty's parties also share commitments and summits: drawing those would bury the page), with the
    facts among them left out on the day."""
    star, facts = _star(db, focus, as_of)
    nodes, edges, between = subgraph(db, [focus, *(row["node"]["id"] for row in star)], as_of)
    states = {node.id for node in nodes if node.kind == "state" and node.id != focus}

    def shown(source: str, target: str) -> bool:
        return focus in (source, target) or not {source, target} & states

    kept = [edge for edge in edges if shown(edge.source, edge.target)]
    return star, nodes, kept, facts + [(status, fact) for status, fact in between if shown(fact.subject, fact.object)]


def _year(value: Any) -> str | None:
    match = _YEAR.match(str(value or ""))
    return match.group(1) if match else None


def _on_day(view: GraphView, as_of: datetime.date | None, facts: Facts) -> GraphView:
    """The view with the day it shows and what it left out (unchanged without a day)."""
    if as_of is None:
        return view
    return view.model_copy(update={"title": _dated(view.title, as_of), "as_of": as_of.isoformat(),
                                   "exclusions": time_exclusions(as_of, facts)})


# -- pages --------------------------------------------------------------------------------------


def state_view(db: GraphDatabaseClient, iso3: str, as_of: datetime.date | None = None) -> GraphView:
    """A State: the instruments it signed or is party to (dated), its commitments, summits and memberships."""
    state = entity(db, iso3, Label.STATE)
    region = ", ".join(str(state[key]) for key in ("un_subregion", "un_region") if state.get(key))
    title = f"{state.get('name') or iso3}" + (f" ({region})" if region else "")
    if as_of and _standing(state, as_of) != "counts":
        return _absent_view(state, title, as_of)
    star, nodes, edges, facts = _focus_view(db, iso3, as_of)
    by_type = Counter(row["edge"]["type"] for row in star)
    parties = {row["node"]["id"] for row in star if row["edge"]["type"] == Rel.PARTY_TO}
    signed_only = {row["node"]["id"] for row in star if row["edge"]["type"] == Rel.SIGNED} - parties
    facts_said = [(len(parties), "party to {} legal instrument(s)"), (len(signed_only), "signatory (only) of {}"),
                  (by_type[Rel.SUBSCRIBED_TO], "subscribed to {} commitment(s)"),
                  (by_type[Rel.PARTICIPATED_IN], "took part in {} event(s)"),
                  (by_type[Rel.MEMBER_OF], "member of {} initiative(s) or organization(s)")]
    said = "; ".join(text.format(count) for count, text in facts_said if count)
    subtitle = (said[:1].upper() + said[1:] + ".") if said else "The graph holds no relationship of this State."
    return _on_day(GraphView(title=title, subtitle=subtitle, nodes=nodes, edges=edges, focus_id=iso3), as_of, facts)


def _group_key(group_by: GroupBy, state: ViewNode, links: list[ViewEdge]) -> str:
    if group_by == "region":
        return str(state.properties.get("un_region") or NO_REGION)
    party = next((edge for edge in links if edge.type == Rel.PARTY_TO), None)
    if party is not None:
        return _year(party.properties.get("since")) or "Party, undated"
    return _year(links[0].properties.get("date")) or "Signatory, undated"


def instrument_view(db: GraphDatabaseClient, instrument_id: str, group_by: GroupBy = "region",
                    as_of: datetime.date | None = None) -> GraphView:
    """A legal instrument: its parties and signatories (grouped by UN region or by year of consent or
    signature, or drawn directly), the instruments that amend or support it, guidance, depositary, topics.
    As of a day: the parties and signatories on that day (consent or signature dated on or before it)."""
    instrument = entity(db, instrument_id, Label.LEGAL_INSTRUMENT)
    name = _label(instrument)
    if as_of and _standing(instrument, as_of) != "counts":
        return _absent_view(instrument, f"{name}: parties and signatories", as_of)
    _, nodes, edges, facts = _focus_view(db, instrument_id, as_of)
    states = {node.id: node for node in nodes if node.kind == "state"}
    consent = defaultdict(list)
    for edge in edges:
        if edge.source in states and edge.type in CONSENT:
            consent[edge.source].append(edge)
    parties = sum(any(e.type == Rel.PARTY_TO for e in links) for links in consent.values())
    subtitle = (f"{parties} parties and {len(consent) - parties} signatories that are not (yet) party, as far as "
                "the graph knows; the amending and supporting instruments, guidance and topics around it.")
    if group_by == "none" or not consent:
        return _on_day(GraphView(title=f"{name}: parties and signatories", subtitle=subtitle, nodes=nodes,
                                 edges=edges, focus_id=instrument_id), as_of, facts)
    groups: dict[str, list[str]] = defaultdict(list)
    for state_id in sorted(consent, key=lambda s: states[s].name):
        groups[_group_key(group_by, states[state_id], consent[state_id])].append(state_id)
    kept_edges = [edge for edge in edges if edge.source not in consent or edge.type not in CONSENT]
    group_nodes = []
    for key in sorted(groups):
        members = groups[key]
        group_id = f"{GROUP_PREFIX}{group_by}:{key}"
        n_party = sum(any(e.type == Rel.PARTY_TO for e in consent[s]) for s in members)
        what = "UN region" if group_by == "region" else "Year of consent (or of signature, if not party)"
        group_nodes.append(ViewNode(
            id=group_id, kind="state", name=f"{key}: {n_party} parties, {len(members) - n_party} signatories only",
            short_name=f"{key} ({len(members)})",
            properties={"grouped_by": what, "parties": n_party, "signatories_only": len(members) - n_party,
                        "states": ", ".join(states[s].name for s in members)}))
        kept_edges.append(ViewEdge(source=group_id, target=instrument_id,
                                   type=Rel.PARTY_TO.value if n_party else Rel.SIGNED.value,
                                   properties={"parties": n_party, "signatories_only": len(members) - n_party}))
        for state_id in members:
            kept_edges += [edge.model_copy(update={"target": group_id}) for edge in consent[state_id]]
    how = "UN region" if group_by == "region" else "year of consent (signature for signatories)"
    return _on_day(GraphView(title=f"{name}: parties and signatories by {how}", subtitle=subtitle,
                             nodes=[*nodes, *group_nodes], edges=kept_edges, focus_id=instrument_id,
                             note=f"States hang off one node per {how}; each line from a State is its own "
                                  "signature or consent, dated. group_by=none draws them straight to the instrument."),
                   as_of, facts)


def commitment_view(db: GraphDatabaseClient, commitment_id: str, as_of: datetime.date | None = None) -> GraphView:
    """A commitment: who subscribed, what it references and establishes, its topics and the event it came from."""
    commitment = entity(db, commitment_id, Label.COMMITMENT)
    date = commitment.get("date")
    title = _label(commitment) + (f" ({date})" if date else "")
    if as_of and _standing(commitment, as_of) != "counts":
        return _absent_view(commitment, title, as_of)
    star, nodes, edges, facts = _focus_view(db, commitment_id, as_of)
    subscribers = sum(row["edge"]["type"] == Rel.SUBSCRIBED_TO for row in star)
    return _on_day(GraphView(title=title,
                             subtitle=f"{commitment.get('name')}: {subscribers} subscribers known; what it references, "
                                      "establishes and addresses, and where it was issued.",
                             nodes=nodes, edges=edges, focus_id=commitment_id), as_of, facts)


def node_view(db: GraphDatabaseClient, node_id: str, depth: int = 1, as_of: datetime.date | None = None) -> GraphView:
    """Any node's neighbourhood up to `depth` steps, every relationship between the nodes drawn; as of a day,
    grown only along relationships that count on it, to nodes there on it."""
    node = entity(db, node_id)
    title = f"{_label(node)}: neighbourhood"
    if as_of and _standing(node, as_of) != "counts":
        return _absent_view(node, title, as_of)
    depth = max(1, min(depth, MAX_DEPTH))
    seen = [node_id]
    frontier = [node_id]
    expanded: list[str] = []
    truncated = False
    for _ in range(depth):
        room = MAX_NEIGHBOURHOOD - len(seen)
        if not frontier or room <= 0:
            truncated = truncated or bool(frontier)
            break
        expanded += frontier
        found = [row["id"] for row in read(db, "viz/neighbour_ids", ids=frontier, seen=seen, limit=room + 1,
                                           **day_parameters(as_of))]
        truncated = len(found) > room
        frontier = found[:room]
        seen += frontier
    nodes, edges, facts = subgraph(db, seen, as_of)
    if as_of is not None:
        facts += unplaced_around(db, expanded, as_of)
    steps = "step" if depth == 1 else "steps"
    view = GraphView(title=title, subtitle=f"{node.get('name')}: everything within "
                     f"{depth} {steps}, with every relationship between those nodes.",
                     nodes=nodes, edges=edges, focus_id=node_id, truncated=truncated,
                     note=f"Stopped at {MAX_NEIGHBOURHOOD} nodes." if truncated else None)
    return _on_day(view, as_of, facts)


def path_facts(paths: list[dict[str, Any]], nodes_key: str, edges_key: str, source: str, target: str) -> Facts:
    """What today's paths hold that a day cannot place: their undated and imprecise relationships and
    nodes (each carries its `status` on the day)."""
    facts: Facts = []
    for path in paths:
        facts += [(node["day_status"], node_fact(node)) for node in path[nodes_key] if node["day_status"] in UNPLACED]
        facts += [(edge["status"], relationship_fact(edge[source], edge["type"], edge[target], edge["properties"]))
                  for edge in path[edges_key] if edge["status"] in UNPLACED]
    return facts


def path_view(db: GraphDatabaseClient, from_id: str, to_id: str, max_hops: int = 4,
              as_of: datetime.date | None = None) -> GraphView:
    """The shortest paths (up to `MAX_PATHS`) between two nodes, at most `max_hops` relationships long; as of a
    day, through relationships that count on it and nodes there on it only."""
    start, end = entity(db, from_id), entity(db, to_id)
    max_hops = max(1, min(max_hops, MAX_HOPS))
    title = f"Shortest paths: {_label(start)} → {_label(end)}"
    subtitle = f"From {start.get('name')} to {end.get('name')}, in either direction."
    absent = [node for node in (start, end) if as_of and _standing(node, as_of) != "counts"]
    if as_of and absent:
        view = _absent_view(absent[0], title, as_of)
        left: Facts = [(_standing(node, as_of), node_fact(node)) for node in absent]
        return view.model_copy(update={"exclusions": time_exclusions(as_of, left)})
    query = {"from": from_id, "to": to_id, "max_hops": max_hops, "limit": MAX_PATHS, "timed": list(TIMED_TYPES),
             "day": iso_day(as_of)}
    rows = read(db, "viz/paths", **query, as_of=iso_day(as_of))
    total = rows[0]["total"] if rows else 0
    nodes = {from_id: _view_node(start), to_id: _view_node(end)}
    edges: dict[tuple[str, str, str], ViewEdge] = {}
    for path in rows[0]["paths"] if rows else []:
        nodes |= {props["id"]: _view_node(props) for props in path["nodes"]}
        edges |= {(e["source"], e["target"], e["type"]): _view_edge(e) for e in path["edges"]}
    facts: Facts = []
    if as_of is not None and from_id != to_id:
        today = read(db, "viz/paths", **query, as_of=None)
        facts = path_facts(today[0]["paths"] if today else [], "nodes", "edges", "source", "target")
    if from_id == to_id:
        note = "Both ends are the same node."
    elif not total:
        note = f"No path of at most {max_hops} relationships links them (max_hops goes up to {MAX_HOPS})."
    else:
        hops = len(rows[0]["paths"][0]["edges"])
        note = f"{total} shortest path(s) of {hops} relationship(s)" + (
            f"; the first {MAX_PATHS} are drawn." if total > MAX_PATHS else ".")
    return _on_day(GraphView(title=title, subtitle=subtitle, nodes=list(nodes.values()), edges=list(edges.values()),
                             focus_id=from_id, truncated=total > MAX_PATHS, note=note), as_of, facts)


def overview_view(db: GraphDatabaseClient, as_of: datetime.date | None = None) -> GraphView:
    """The architecture: instruments, organizations, initiatives, guidance, commitments, events and topics and
    how they link, with the States aggregated into one node per UN region; as of a day, what was there then."""
    day = day_parameters(as_of)
    row = read(db, "viz/overview_nodes", **day)[0]
    facts: Facts = [("imprecise", node_fact(node)) for node in row["nodes"] if node["day_status"] == "imprecise"]
    nodes = [_view_node(node) for node in row["nodes"] if node["day_status"] == "counts"]
    there = {node.id for node in nodes}
    facts += [(edge["status"], relationship_fact(edge["source"], edge["type"], edge["target"], edge["properties"]))
              for edge in row["edges"] if edge["status"] in UNPLACED]
    edges = [_view_edge(edge) for edge in row["edges"] if edge["status"] == "counts"]
    sizes = {r["region"]: r["states"] for r in read(db, "viz/region_sizes")}
    for region, count in sizes.items():
        nodes.append(ViewNode(id=f"{GROUP_PREFIX}region:{region}", kind="state", name=f"{region}: {count} States",
                              short_name=f"{region} ({count})",
                              properties={"grouped_by": "UN region", "states": count}))
    edges = [edge.model_copy(update={"properties": _undated(edge.properties)}) for edge in edges]
    for link in read(db, "viz/overview_regions", types=list(OVERVIEW_STATE_LINKS), **day):
        if link["target"] not in there:
            continue
        if link["status"] == "counts":
            edges.append(ViewEdge(source=f"{GROUP_PREFIX}region:{link['region']}", target=link["target"],
                                  type=link["type"], properties={"states": link["states"]}))
        else:
            facts += [(link["status"], relationship_fact(fact["subject"], link["type"], link["target"],
                                                         fact["properties"])) for fact in link["facts"]]
    view = GraphView(
        title="The nuclear security architecture",
        subtitle="Legal instruments, organizations, initiatives, guidance, commitments, events and topics, and "
                 "how they link.",
        nodes=nodes, edges=edges,
        note="States are aggregated: one node per UN region, linked to what its States are party to, member of "
             "or took part in (the tooltip gives how many). Signatures and commitment subscriptions are on the "
             "instrument and commitment pages.")
    return _on_day(view, as_of, facts)


def _undated(properties: dict[str, PropertyValue]) -> dict[str, PropertyValue]:
    """The same facts under keys the page does not print on the line: the overview has too many lines for
    year labels (the tooltip still gives the dates)."""
    return {_UNDATED_KEYS.get(key, key): value for key, value in properties.items()}


# -- search -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    id: str
    kind: str
    name: str
    short_name: str | None
    exact: bool


_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def lucene_query(text: str) -> str | None:
    """A Lucene query for the words of `text`: each word (escaped, lower-cased so AND/OR/NOT stay words)
    as itself or as a prefix, all words required; None when no word has a letter or digit."""
    words = [_LUCENE_SPECIAL.sub(r"\\\1", word.lower()) for word in text.split() if any(c.isalnum() for c in word)]
    if not words:
        return None
    return " AND ".join(f"({word} OR {word}*)" for word in words)


def search(db: GraphDatabaseClient, text: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
    """The API's search and ranking (`queries.search`): exact names, aliases and codes first."""
    if lucene_query(text) is None:
        return []
    return [SearchHit(id=hit.id, kind=hit.kind or "", name=hit.name or "", short_name=hit.short_name, exact=hit.exact)
            for hit in search_entities(db, text, limit=limit).data]


def strong_match(hits: list[SearchHit]) -> SearchHit | None:
    """The one hit a search can open directly: the only hit, or the only exact one."""
    if len(hits) == 1:
        return hits[0]
    exact = [hit for hit in hits if hit.exact]
    return exact[0] if len(exact) == 1 else None
