"""The gaps-and-trends report: a list of blocks (headings, paragraphs, notes, tables, charts, source
lists) rendered once to Markdown and once to HTML, so both formats carry the same figures, caveats
and sources. Every figure comes from the read functions in `queries/`, the same ones the API serves.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.dating import AS_OF_RULE
from graph.driver import GraphDatabaseClient
from queries.gaps import amendment_gap, commitment_gap, source_refs, topic_gap, universalization_gap
from queries.models import SourceRef
from queries.trends import adherence_trend, topic_trends
from viz.charts import adherence_charts, escape, html_page, topic_charts

# --- The report ----------------------------------------------------------------------------------

@dataclass
class Block:
    kind: str  # heading | text | note | bullets | table | chart | sources
    text: str = ""
    level: int = 2
    items: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)


def _rests_on(sources: Sequence[SourceRef]) -> Block:
    return Block("sources", sources=list(sources))


def _source_text(s: SourceRef) -> str:
    return f"{s.id} (as of {s.as_of or 'undated'})"


def build_report(db: GraphDatabaseClient, groups: Sequence[str], instruments: Sequence[str],
                 today: datetime.date | None = None, as_of: datetime.date | None = None) -> list[Block]:
    """Gaps for each group x instrument, the Amendment gap, commitments vs law, topic coverage and trends;
    as of a day, every figure is that day's (groups are their members on it, curves stop at it)."""
    generated = today or datetime.date.today()
    day = f", as of {as_of.isoformat()}" if as_of else ""
    blocks = [Block("heading", "Nuclear security architecture: gaps and trends" + day, level=1),
              Block("text", f"Generated {generated.isoformat()} from the nuclear security graph for "
                            f"{', '.join(groups)} x {', '.join(instruments)}{day}. Every figure names the sources it "
                            "rests on and their as-of dates."),
              Block("note", "Many lists are partial. A State shown in a gap has **no party fact known**; that does "
                            "not mean it is not a party. Notes marked 'Partial list' say how much is missing.")]
    if as_of:
        blocks.append(Block("note", f"As of {as_of.isoformat()}: {AS_OF_RULE}"))
    cited: dict[str, SourceRef] = {}

    def add_sources(sources: Sequence[SourceRef]) -> None:
        blocks.append(_rests_on(sources))
        cited.update({s.id: s for s in sources})

    blocks.append(Block("heading", "Universalization gaps"))
    for group in groups:
        for instrument in instruments:
            gap = universalization_gap(db, instrument, group=group, as_of=as_of)
            name = gap.group.name or group
            blocks.append(Block("heading", f"{group} x {gap.instrument.short_name or instrument}", level=3))
            blocks.append(Block("text", f"Of the {gap.members} States in {name} ({group}), {gap.parties_known} "
                                        f"have a party fact for {gap.instrument.name}; {gap.total} have none: "
                                        f"{gap.signed_not_ratified} signed, not ratified; {gap.no_signature_known} "
                                        "with no signature known."
                                        + (f" {len(gap.party_unplaced)} have a party fact that cannot be placed on "
                                           f"{gap.as_of} ({', '.join(gap.party_unplaced)})." if gap.party_unplaced
                                           else "")))
            blocks.append(Block("note", "", items=[f"Partial list: {c}" if "partial" in c else c
                                                   for c in gap.caveats]
                                + [f"Completeness: {c.summary}" for c in gap.completeness]))
            blocks.append(Block("table", headers=["State", "ISO3", "signature status", "signature date",
                                                  "membership"],
                                rows=[[r.state.name or "", r.state.id, r.signature_status, r.signature_date or "",
                                       r.membership_confidence or ""] for r in gap.data]))
            add_sources(gap.sources)

    amendment = amendment_gap(db, as_of=as_of)
    blocks.append(Block("heading", "The 2005 Amendment gap"))
    blocks.append(Block("text", f"{amendment.total} CPPNM parties have no A/CPPNM party fact on record."))
    blocks.append(Block("note", "", items=[*amendment.caveats, *(f"Completeness: {c.summary}"
                                                                  for c in amendment.completeness)]))
    blocks.append(Block("text", ", ".join(f"{r.state.name} ({r.state.id})" for r in amendment.data)))
    add_sources(amendment.sources)

    blocks.append(Block("heading", "Commitment versus law"))
    for instrument in instruments:
        gap = commitment_gap(db, instrument, None if as_of else today, as_of)
        blocks.append(Block("heading", gap.instrument.short_name or instrument, level=3))
        blocks.append(Block("text", f"{gap.states} States subscribed to a commitment tied to {gap.instrument.name} "
                                    f"but have no party fact for it (years counted to {gap.today}). {gap.rule}"))
        blocks.append(Block("note", "", items=gap.caveats))
        blocks.append(Block("table", headers=["State", "commitment", "via", "committed", "years since",
                                              "signature status"],
                            rows=[[f"{r.state.name} ({r.state.id})", r.commitment.id, " > ".join(r.chain),
                                   r.committed or "", str(r.years_since if r.years_since is not None else ""),
                                   r.signature_status] for r in gap.data]))
        add_sources(gap.sources)

    topics = topic_gap(db, as_of)
    blocks.append(Block("heading", "Topics with commitments but no treaty"))
    blocks.append(Block("text", f"{topics.total} of {topics.topics_total} topics are addressed by commitments or "
                                f"guidance but by no legal instrument. {topics.rule}"))
    blocks.append(Block("note", "", items=topics.caveats))
    blocks.append(Block("table", headers=["topic", "commitments", "guidance"],
                        rows=[[t.topic.name or t.topic.id, ", ".join(c.id for c in t.commitments),
                               ", ".join(g.id for g in t.guidance)] for t in topics.data]))
    topic_sources = sorted({s for t in topics.data for s in t.sources})
    add_sources(source_refs(db, topic_sources))

    blocks.append(Block("heading", "Trends: adherence"))
    for instrument in instruments:
        trend = adherence_trend(db, instrument, as_of=as_of)
        regional = adherence_trend(db, instrument, "region", as_of)
        last = trend.series[-1] if trend.series else None
        blocks.append(Block("heading", trend.instrument.short_name or instrument, level=3))
        blocks.append(Block("text", f"{trend.dated} of {trend.parties_known} known parties have a dated consent"
                                    + (f" ({last.cumulative} by {last.year})" if last else "")
                                    + f"; {trend.undated_excluded} undated left out. Median signature-to-consent "
                                    f"time: {trend.lag_median_years} years over {trend.lag_count} States."))
        blocks.append(Block("note", "", items=[*trend.caveats, *(f"Completeness: {c.summary}"
                                                                 for c in trend.completeness)]))
        blocks += [Block("chart", svg) for svg in adherence_charts(trend, regional)]
        blocks.append(Block("table", headers=["year", "new parties", "cumulative"],
                            rows=[[str(p.year), str(p.new), str(p.cumulative)] for p in trend.series if p.new]))
        add_sources(trend.sources)

    trends = topic_trends(db, as_of)
    blocks.append(Block("heading", "Trends: topics"))
    blocks.append(Block("text", trends.rule))
    blocks.append(Block("note", "", items=trends.caveats))
    blocks += [Block("chart", svg) for svg in topic_charts(trends)]
    blocks.append(Block("table", headers=["topic", "first summit", "share, earlier half", "share, later half",
                                          "emerging"],
                        rows=[[t.topic.name or t.topic.id, t.first_summit or "", f"{t.share_first_half:.0%}",
                               f"{t.share_second_half:.0%}", ("new" if t.new else "yes") if t.emerging else ""]
                              for t in trends.data]))
    blocks.append(Block("heading", "All sources cited"))
    blocks.append(Block("table", headers=["source", "title", "publisher", "kind", "as of"],
                        rows=[[s.id, s.title or "", s.publisher or "", s.kind or "", s.as_of or "undated"]
                              for s in sorted(cited.values(), key=lambda s: s.id)]))
    return blocks


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        if b.kind == "heading":
            out += ["#" * b.level + " " + b.text, ""]
        elif b.kind == "text":
            out += [b.text, ""]
        elif b.kind == "note":
            lines = ([b.text] if b.text else []) + [f"- {item}" for item in b.items]
            out += ["> " + line for line in lines] + [""]
        elif b.kind == "table":
            if not b.rows:
                out += ["_(none)_", ""]
                continue
            out.append("| " + " | ".join(b.headers) + " |")
            out.append("|" + "---|" * len(b.headers))
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in b.rows]
            out.append("")
        elif b.kind == "sources":
            out += ["Rests on: " + ("; ".join(_source_text(s) for s in b.sources) or "no cited source") + ".", ""]
        elif b.kind == "chart":
            continue  # charts are drawn in the HTML report only; the tables carry the same figures
    return "\n".join(out).rstrip() + "\n"


def _inline_md(text: str) -> str:
    """Escapes text and keeps the one inline style the report uses (**bold**)."""
    parts = escape(text).split("**")
    return "".join(f"<strong>{p}</strong>" if i % 2 else p for i, p in enumerate(parts))


def to_html(blocks: Sequence[Block]) -> str:
    parts: list[str] = []
    title = next((b.text for b in blocks if b.kind == "heading" and b.level == 1), "Report")
    for b in blocks:
        if b.kind == "heading":
            if b.level > 1:
                parts.append(f"<h{b.level}>{escape(b.text)}</h{b.level}>")
        elif b.kind == "text":
            parts.append(f"<p>{_inline_md(b.text)}</p>")
        elif b.kind == "note":
            parts.append("<div class='note'>" + (f"<p>{_inline_md(b.text)}</p>" if b.text else "")
                         + "".join(f"<p>{_inline_md(i)}</p>" for i in b.items) + "</div>")
        elif b.kind == "table":
            if not b.rows:
                parts.append("<p><em>(none)</em></p>")
                continue
            parts.append("<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in b.headers) + "</tr>"
                         + "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in b.rows)
                         + "</table>")
        elif b.kind == "sources":
            parts.append("<p class='small'>Rests on: " + ("; ".join(escape(_source_text(s)) for s in b.sources)
                                                          or "no cited source") + ".</p>")
        elif b.kind == "chart":
            parts.append(f"<figure>{b.text}</figure>")
    lede = next((b.text for b in blocks if b.kind == "text"), "")
    body = [p for p in parts if p != f"<p>{_inline_md(lede)}</p>"]
    return html_page(title, lede, body)


def write_report(db: GraphDatabaseClient, groups: Sequence[str], instruments: Sequence[str], output: Path,
                 today: datetime.date | None = None, as_of: datetime.date | None = None) -> Path:
    """Writes the report as Markdown (.md) or HTML (.html, .htm), chosen by the file's suffix."""
    blocks = build_report(db, groups, instruments, today, as_of)
    suffix = output.suffix.lower()
    if suffix == ".md":
        text = to_markdown(blocks)
    elif suffix in (".html", ".htm"):
        text = to_html(blocks)
    else:
        raise ValueError(f"unknown report format {output.suffix!r}: use .md or .html")
    output.write_text(text, encoding="utf-8")
    return output
