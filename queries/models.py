"""Response models. Lists come in one envelope: `data`, `count` (on this page), `total`, paging."""

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field, field_validator

from queries.unplaced import TimeExclusions as TimeExclusions
from queries.unplaced import UnplacedFact as UnplacedFact
from queries.view_models import ViewEdge, ViewNode

Row = TypeVar("Row")


class Page(BaseModel, Generic[Row]):
    data: list[Row]
    count: int = Field(description="rows on this page")
    total: int = Field(description="rows matching the request")
    limit: int
    offset: int


class NodeRef(BaseModel):
    """A node at the end of a link: enough to show it and to follow it."""

    id: str
    kind: str | None = None
    name: str | None = None
    short_name: str | None = None


class NodeSummary(NodeRef):
    subkind: str | None = None
    date: str | None = None
    un_region: str | None = None
    un_subregion: str | None = None


class Link(BaseModel):
    """One relationship of a node, with its time and provenance."""

    type: str
    direction: Literal["out", "in"]
    node: NodeRef
    properties: dict[str, Any]


class NodeDetail(BaseModel):
    """A node with all its properties and every link, grouped by relationship type."""

    id: str
    requested: str | None = Field(None, description="the name asked for, when it was not the id")
    kind: str
    properties: dict[str, Any]
    links: dict[str, list[Link]]
    as_of: str | None = Field(None, description="the day the links describe (none: every link known)")
    exclusions: TimeExclusions | None = Field(None, description="links left out of an as_of answer, named")


class Completeness(BaseModel):
    """How much of a list the graph knows: "123 of 127 parties known (source, as of)"."""

    list: str
    known: int
    stated: int | None = None
    stated_as_of: str | None = None
    stated_sources: list[str] = Field(default_factory=list)
    note: str | None = None
    summary: str


class PartyRow(BaseModel):
    state: NodeSummary
    status: Literal["party", "signatory"]
    signature_date: str | None
    consent_date: str | None
    consent_kind: str | None
    entry_into_force: str | None
    confidence: str | None
    sources: list[str]


class PartiesPage(Page[PartyRow]):
    instrument: NodeRef
    as_of: str | None
    completeness: list[Completeness]
    undated_excluded: int = Field(0, description="facts left out of an as_of answer for want of a date")
    imprecise_excluded: int = Field(0, description="facts left out of an as_of answer: a year or month straddling it")
    exclusions: TimeExclusions | None = Field(None, description="the facts left out, named (as_of answers only)")


class StateInstrument(BaseModel):
    """A State's standing towards one instrument, with the dates and sources of each fact."""

    instrument: NodeRef
    status: Literal["party", "signatory", "none"] = Field(
        description="party, signatory (signed, not party), or none: no party or signature fact is known "
                    "(the data is partial; this never means 'not party')")
    signature_date: str | None
    signature_sources: list[str]
    consent_date: str | None
    consent_kind: str | None
    entry_into_force: str | None
    entry_into_force_sources: list[str]
    consent_sources: list[str]
    sources: list[str] = Field(description="every source of the State's facts about this instrument")
    confidence: str | None


class Involvement(BaseModel):
    """A commitment subscribed to, an event attended or a group joined: role, date and provenance."""

    node: NodeRef
    role: str | None
    date: str | None = Field(description="ISO date, possibly partial (YYYY or YYYY-MM); `since` for memberships")
    sources: list[str]
    as_of: str | None
    confidence: str | None
    note: str | None


class TopicCount(BaseModel):
    topic: NodeRef
    count: int = Field(description="how many of the State's commitments address this topic")
    commitments: list[str]


class StateProfile(BaseModel):
    """One State across the architecture: instruments, commitments, events, memberships, topics."""

    id: str
    requested: str | None = Field(None, description="the name asked for, when it was not the id (in any case)")
    name: str | None = None
    official_name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    un_region: str | None = None
    un_subregion: str | None = None
    un_member: bool | None = None
    un_member_since: str | None = None
    un_observer: bool | None = None
    historical: bool | None = None
    dissolved: str | None = None
    sources: list[str] = Field(default_factory=list)
    confidence: str | None = None
    note: str | None = None
    as_of: str | None = Field(None, description="the day the profile describes (none: everything known)")
    instruments: list[StateInstrument] = Field(description="every legal instrument adopted by the day")
    commitments: list[Involvement]
    events: list[Involvement]
    memberships: list[Involvement] = Field(description="initiatives and organizations; `date` is the `since`")
    topics: list[TopicCount]
    exclusions: TimeExclusions | None = Field(None, description="facts left out of an as_of answer, named")


class BackingCell(BaseModel):
    """One State's standing towards one instrument in the backing matrix."""

    status: Literal["party", "signatory", "none"] = Field(
        description="party, signatory (signed, not party), or none: no party or signature fact is known "
                    "(as of the day asked, if any). The data is partial: none never means 'not party'.")
    since: str | None = Field(description="consent date, for parties")
    via: str | None = Field(description="consent kind (ratification, accession, ...), for parties")
    entry_into_force: str | None
    signature_date: str | None
    confidence: str | None
    sources: list[str]
    undated_excluded: bool = Field(description="a fact of this State was left out of an as_of answer for want "
                                               "of a date")


class BackingRow(BaseModel):
    state: NodeSummary
    cells: dict[str, BackingCell] = Field(description="one cell per instrument id, in the order asked")


class InstrumentTotal(BaseModel):
    """How the matrix's rows (all pages) stand towards one instrument."""

    instrument: NodeRef
    parties: int
    signatories: int
    none: int = Field(description="rows with no party or signature fact known")
    undated_excluded: int


class BackingMatrix(Page[BackingRow]):
    instruments: list[NodeRef]
    as_of: str | None
    states: list[str] | None
    region: str | None
    group: NodeRef | None
    totals: list[InstrumentTotal]
    exclusions: TimeExclusions | None = Field(None, description="facts left out of an as_of answer, named")


# --- Gaps and trends (api/routes/gaps.py, api/routes/trends.py) ---------------------------------

SignatureStatus = Literal["signed, not ratified", "no signature known"]


class SourceRef(BaseModel):
    """A document a figure rests on, with the date at which it describes the world."""

    id: str
    title: str | None = None
    publisher: str | None = None
    as_of: str | None = None
    kind: str | None = None


class GroupRef(BaseModel):
    """What a gap is measured over: a graph group (summit, initiative, statement), a UN region or a list."""

    kind: Literal["group", "region", "states"]
    id: str | None = None
    name: str | None = None
    label: str | None = Field(None, description="Event, Initiative, Commitment or Organization for kind=group")


class UniversalizationRow(BaseModel):
    state: NodeSummary
    signature_status: SignatureStatus
    signature_date: str | None
    signature_sources: list[str]
    membership_role: str | None
    membership_date: str | None
    membership_confidence: str | None
    membership_sources: list[str]


class GapOnDay(BaseModel):
    """What every gap answer says about its day."""

    as_of: str | None = Field(None, description="the day the answer is about (null: today, every fact counts)")
    exclusions: TimeExclusions | None = Field(None, description="what an as_of answer left out, named")
    party_unplaced: list[str] = Field(default_factory=list, description=(
        "States whose party fact cannot be placed on as_of (undated, or a year or month straddling it): neither "
        "counted as parties nor listed in the gap; the facts are named in exclusions"))


class UniversalizationGap(Page[UniversalizationRow], GapOnDay):
    """Members of a group with no party fact for an instrument: "no party fact known", never "not party"."""

    instrument: NodeRef
    group: GroupRef
    members: int = Field(description="States in the group as the graph knows it")
    parties_known: int
    signed_not_ratified: int
    no_signature_known: int
    completeness: list[Completeness]
    caveats: list[str]
    sources: list[SourceRef]


class AmendmentRow(BaseModel):
    state: NodeSummary
    consent_date: str | None = Field(description="the base instrument's consent date")
    consent_kind: str | None
    confidence: str | None
    sources: list[str]


class AmendmentGap(Page[AmendmentRow], GapOnDay):
    base: NodeRef
    target: NodeRef
    historical_excluded: list[str] = Field(description="predecessor States left out (their successors count)")
    completeness: list[Completeness]
    caveats: list[str]
    sources: list[SourceRef]


class CommitmentGapRow(BaseModel):
    state: NodeSummary
    commitment: NodeRef
    chain: list[str] = Field(description="ids from the commitment to the instrument")
    committed: str | None = Field(description="date (or year) of the subscription")
    years_since: int | None
    signature_status: SignatureStatus
    signature_date: str | None
    confidence: str | None
    sources: list[str]


class CommitmentList(BaseModel):
    commitment: NodeRef
    completeness: Completeness


class CommitmentGap(Page[CommitmentGapRow], GapOnDay):
    instrument: NodeRef
    today: str
    states: int = Field(description="distinct States in the gap")
    rule: str
    commitments: list[CommitmentList]
    completeness: list[Completeness]
    caveats: list[str]
    sources: list[SourceRef]


class TopicCoverageRow(BaseModel):
    topic: NodeRef
    commitments: list[NodeRef]
    guidance: list[NodeRef]
    others: list[NodeRef] = Field(description="initiatives, organizations, events that address it")
    sources: list[str]


class TopicCoverage(Page[TopicCoverageRow]):
    rule: str
    topics_total: int
    covered_by_law: list[str]
    caveats: list[str]
    as_of: str | None = Field(None, description="the day the answer is about (null: today, every fact counts)")
    exclusions: TimeExclusions | None = Field(None, description="what an as_of answer left out, named")


class PeerRow(BaseModel):
    peer: NodeSummary
    same_subregion: bool
    shared: list[str] = Field(description="groups the State and the peer share")


class WhatIfRow(BaseModel):
    rank: int
    item: NodeSummary
    joined_peers: int
    peers: int
    share: float
    signed: bool = Field(description="the State signed it (instruments only)")
    peers_joined: list[NodeRef]


class WhatIf(Page[WhatIfRow]):
    state: NodeSummary
    rule: str
    peer_list: list[PeerRow]
    caveats: list[str]
    as_of: str | None = Field(None, description="the day the answer is about (null: today, every fact counts)")
    exclusions: TimeExclusions | None = Field(None, description="what an as_of answer left out, named")


class TopicWindowShare(BaseModel):
    earlier: int = Field(description="documents of the earlier period that address the topic")
    later: int = Field(description="documents of the later period that address the topic")
    share_earlier: float
    share_later: float
    emerging: bool
    new: bool = Field(description="emerging, and no document of the earlier period addressed it")


class TopicPeriod(BaseModel):
    period: str
    commitments: list[str]
    commitments_count: int
    states_count: int


class TopicTrend(BaseModel):
    topic: NodeRef
    per_summit: list[TopicPeriod]
    per_year: list[TopicPeriod]
    first_summit: str | None
    share_first_half: float
    share_second_half: float
    emerging: bool
    new: bool = Field(description="first addressed at a summit of the second half")
    window: TopicWindowShare | None = Field(None, description="the topic in the asked window (since/until/split)")


class SummitInfo(BaseModel):
    event: NodeSummary
    commitments: int
    with_subscribers: int
    half: Literal["first", "second"] | None


class DatedDocument(BaseModel):
    """A document placed in time: its own date, else the date of the event it was issued at."""

    id: str
    subkind: str | None = None
    name: str | None = None
    date: str
    event: str | None = None
    topics: list[str] = Field(default_factory=list, description="the topics it ADDRESSES")


class DocumentPeriod(BaseModel):
    """A span of years and every document it counts."""

    period: str
    first_year: int | None
    last_year: int | None
    documents: list[DatedDocument]
    count: int


class TopicWindow(BaseModel):
    """The emerging-topic rule over a window of years: the later period against the years before it."""

    rule: str
    since: int = Field(description="first year of the later period")
    until: int = Field(description="last year of the later period")
    earlier: DocumentPeriod
    later: DocumentPeriod
    emerging: list[str]
    unclassified: list[str] = Field(description="dated documents in either period that address no topic (not in "
                                                "any share)")


class TopicTrends(BaseModel):
    rule: str
    summits: list[SummitInfo]
    emerging: list[str]
    data: list[TopicTrend]
    undated_commitments: list[str]
    caveats: list[str]
    documents_per_year: list[DocumentPeriod] = Field(
        default_factory=list, description="every dated document (summit commitments, INFCIRCs, conference outcome "
                                          "documents, later statements) by year")
    window: TopicWindow | None = Field(None, description="the emerging-topic rule over since/until/split, if asked")
    as_of: str | None = Field(None, description="the day the answer is about (null: today, every fact counts)")
    exclusions: TimeExclusions | None = Field(None, description="what an as_of answer left out, named")


class AdherencePoint(BaseModel):
    region: str | None = None
    year: int
    new: int
    cumulative: int
    parties: list[str]


class RatificationLag(BaseModel):
    state: NodeSummary
    signature_date: str
    consent_date: str
    consent_kind: str | None
    days: int
    years: float


class AdherenceTrend(BaseModel):
    instrument: NodeRef
    by: Literal["year", "region"]
    series: list[AdherencePoint]
    parties_known: int
    dated: int
    undated_excluded: int
    undated: list[str]
    historical_excluded: list[str]
    lag: list[RatificationLag]
    lag_count: int
    lag_median_days: float | None
    lag_median_years: float | None
    completeness: list[Completeness]
    caveats: list[str]
    sources: list[SourceRef]
    imprecise_excluded: int = Field(0, description="consents whose year or month straddles as_of, left out")
    as_of: str | None = Field(None, description="the day the answer is about (null: today, every fact counts)")
    exclusions: TimeExclusions | None = Field(None, description="what an as_of answer left out, named")


class SourceDetail(BaseModel):
    """A document that facts cite, and how many facts cite it."""

    id: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    as_of: str | None = None
    kind: str | None = None
    note: str | None = None
    cited_by: int | None = Field(None, description="relationships and nodes whose `sources` name it")


class ConflictValue(BaseModel):
    value: str | None = Field(description="the value as the sources give it (dates as ISO text)")
    sources: list[str]


class ConflictRow(BaseModel):
    """One disagreement between sources on one property of one relationship; the graph keeps `kept`."""

    type: str
    subject: NodeRef
    object: NodeRef
    field: str | None = Field(description="the disputed property: date, since, via, entry_into_force")
    kept: ConflictValue
    other: ConflictValue
    origin: Literal["import", "curated_note"]
    detail: str | None = Field(None, description="the curated note's sentence, for curated conflicts")


class ConflictsPage(Page[ConflictRow]):
    pass


class AuditList(Completeness):
    """Completeness of one list of one node, with how many entries are missing."""

    of: NodeRef
    missing: int | None = None


class FactExample(BaseModel):
    subject: str
    object: str | None = None
    note: str | None = None
    sources: list[str]


class ConfidenceType(BaseModel):
    type: str
    count: int
    examples: list[FactExample]


class ConfidenceLevel(BaseModel):
    confidence: str
    total: int
    by_type: list[ConfidenceType]


class AuditReportOut(BaseModel):
    """Known vs stated per list, facts per confidence level, and every recorded conflict."""

    lists: list[AuditList]
    confidence: list[ConfidenceLevel]
    conflicts: list[ConflictRow]
    conflict_count: int


# --- Search, paths, neighbourhood, ad-hoc Cypher, export (api/routes/search.py, paths.py, ...) -------

class SearchHit(NodeRef):
    subkind: str | None = None
    score: float = Field(description="Lucene relevance over name, short name and aliases")
    exact: bool = Field(description="the query equals the id, short name, name or an alias; ranked first")
    match: Literal["exact", "name pattern", "text"] = Field(
        "text", description="exact (a name, alias or code, ranked first), name pattern (a State that "
                            "country_converter's pattern or a former State's name reads in the query), "
                            "or text (Lucene)")


class SearchResults(BaseModel):
    query: str
    kind: str | None
    lucene: str = Field(description="the escaped Lucene query that ran")
    states: list[str] = Field([], description="States the State name table reads the query as (several: ambiguous)")
    states_via: str = Field("none", description="how: name, code, former (a former State's name in the query), "
                                                "pattern (country_converter), or none")
    data: list[SearchHit]
    count: int


class PathStep(BaseModel):
    """One relationship along a path; `direction` is out when it points from the node before it to the one after."""

    type: str
    direction: Literal["out", "in"]
    start: str
    end: str
    properties: dict[str, Any]


class LinkagePath(BaseModel):
    length: int
    nodes: list[NodeRef]
    relationships: list[PathStep]


class PathResults(BaseModel):
    start: NodeRef
    end: NodeRef
    max_hops: int
    length: int | None = Field(description="length of the shortest paths; null when none is within max_hops")
    paths: list[LinkagePath]
    count: int
    total: int = Field(description="shortest paths found, before the limit")
    truncated: bool
    as_of: str | None = Field(None, description="the day the paths are of: only facts that count on it are walked")
    exclusions: TimeExclusions | None = Field(None, description="as of a day: the undated and imprecise facts "
                                              "on today's shortest paths, left out")


class Neighbourhood(BaseModel):
    """A node's neighbourhood (the shape of `queries.view_models.GraphView`)."""

    title: str
    subtitle: str | None = None
    focus_id: str
    depth: int
    nodes: list[ViewNode]
    edges: list[ViewEdge]
    truncated: bool = Field(description="nodes were left out to stay within the limit")
    note: str | None = None
    as_of: str | None = Field(None, description="the day shown: only facts that count on it are drawn")
    exclusions: TimeExclusions | None = Field(None, description="as of a day: the undated and imprecise facts "
                                              "around the nodes shown, left out")


_INT64 = range(-(2**63), 2**63)


def _fits_neo4j(value: Any) -> None:
    """Neo4j integers are 64-bit: a larger one cannot be sent, so it is refused here (422), not as a 500."""
    if isinstance(value, bool):
        return
    if isinstance(value, int) and value not in _INT64:
        raise ValueError(f"integer {value} does not fit in 64 bits, the size of a Neo4j integer")
    for inner in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
        _fits_neo4j(inner)


class CypherRequest(BaseModel):
    query: str = Field(min_length=1, max_length=20_000, description="one read-only Cypher statement")
    parameters: dict[str, Any] = Field(default_factory=dict, description="values for the query's $parameters")

    @field_validator("parameters")
    @classmethod
    def _integers_fit(cls, parameters: dict[str, Any]) -> dict[str, Any]:
        _fits_neo4j(parameters)
        return parameters


class CypherResponse(BaseModel):
    columns: list[str]
    rows: list[dict[str, Any]]
    count: int
    truncated: bool = Field(description="more rows existed than row_cap")
    row_cap: int
    query_type: str = Field(description="the planner's query type; always r")


class ExportNode(BaseModel):
    id: str | None
    labels: list[str]
    properties: dict[str, Any]


class ExportRelationship(BaseModel):
    source: str | None
    target: str | None
    type: str
    properties: dict[str, Any]


class GraphExport(BaseModel):
    nodes: list[ExportNode]
    relationships: list[ExportRelationship]
    node_count: int
    relationship_count: int
    as_of: str | None = Field(None, description="the day exported: only nodes there and relationships that count")
    exclusions: TimeExclusions | None = Field(None, description="as of a day: every undated and imprecise fact, "
                                              "left out")
