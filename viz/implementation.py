"""Implementation pages: the assessment answers as plain HTML tables (no script, no request off the page),
so a page served by the API or saved to a file shows exactly what the answer says, caveats first."""

from collections.abc import Sequence
from urllib.parse import quote, urlencode

from queries.implementation_models import (
    STATUSES,
    CommitmentImplementation,
    ImplementationAnswer,
    ImplementationRow,
    StateImplementation,
    SummitImplementation,
)
from queries.models import NodeRef, SourceRef
from viz.charts import escape, html_page
from viz.links import page_url

STATUS_LABELS = {"already_party": "already party", "became_party": "became party",
                 "party_order_unknown": "party, order unknown", "not_yet_party": "signed, not yet party",
                 "no_fact_known": "no fact known"}


def _td(text: object, cls: str = "") -> str:
    return f"<td{f' class={cls!r}' if cls else ''}>{escape('' if text is None else text)}</td>"


def _link(text: str, url: str) -> str:
    return f"<a href='{escape(url)}'>{escape(text)}</a>"


def _commitment_link(node: NodeRef) -> str:
    return _link(node.short_name or node.id, f"/viz/implementation/commitment/{quote(node.id)}")


def _counts(counts: dict[str, int]) -> str:
    cells = "".join(f"<tr><td>{escape(STATUS_LABELS[s])}</td><td class='status-{s}'>{counts.get(s, 0)}</td></tr>"
                    for s in STATUSES)
    return f"<table class='counts'><tr><th>status</th><th>rows</th></tr>{cells}</table>"


def _rows(rows: Sequence[ImplementationRow], show: str) -> str:
    """The table: one row per subscriber and instrument; `show` says which of State/commitment to print."""
    head = "".join(f"<th>{h}</th>" for h in (
        *(("State",) if show != "commitment" else ()), *(("commitment",) if show != "state" else ()),
        "instrument", "status", "subscribed", "party since", "lag (years)", "signed", "sources"))
    body = []
    for r in rows:
        cells = []
        if show != "commitment":
            cells.append(f"<td>{_link(r.state.name or r.state.id, f'/viz/implementation/state/{quote(r.state.id)}')}"
                         "</td>")
        if show != "state":
            cells.append(f"<td>{_commitment_link(r.commitment)}</td>")
        subscribed = (r.subscribed or "undated") + (f" (derived: participant of {r.derived_from})" if r.derived else "")
        party = r.party_since or ("party, undated" if r.party_sources else "")
        if r.party_unplaced:
            party += f" ({r.party_unplaced} on the day asked: not counted)"
        sources = sorted({*r.subscription_sources, *r.party_sources, *r.signature_sources})
        instrument = _link(r.instrument.short_name or r.instrument.id, page_url(r.instrument.id, "legal_instrument"))
        cells += [f"<td>{instrument}</td>",
                  f"<td class='status status-{r.status}'>{escape(STATUS_LABELS[r.status])}</td>",
                  _td(subscribed), _td(party), _td(r.lag_years), _td(r.signature_date or ""),
                  _td(", ".join(sources), "small")]
        body.append(f"<tr data-state='{escape(r.state.id)}' data-instrument='{escape(r.instrument.id)}' "
                    f"data-status='{escape(r.status)}'>{''.join(cells)}</tr>")
    return f"<table class='rows'><tr>{head}</tr>{''.join(body)}</table>" if body else "<p>No rows.</p>"


def _basis(answer: ImplementationAnswer) -> str:
    items = [f"<li>{escape(item.commitment.id)}"
             + (f" (derived from the participants of {escape(item.derived_from)})" if item.derived_from else "")
             + f": {escape(item.completeness.summary)}</li>" for item in answer.lists]
    items += [f"<li>{escape(tie.instrument.id)}: " + "; ".join(escape(c.summary) for c in tie.completeness) + "</li>"
              for tie in answer.instruments]
    return "<h2>Lists this rests on</h2><ul>" + "".join(items) + "</ul>"


def _sources(sources: Sequence[SourceRef]) -> str:
    rows = "".join(f"<tr><td>{escape(s.id)}</td><td>{escape(s.title or '')}</td><td>{escape(s.kind or '')}</td>"
                   f"<td>{escape(s.as_of or 'undated')}</td></tr>" for s in sources)
    return f"<h2>Sources</h2><table><tr><th>source</th><th>title</th><th>kind</th><th>as of</th></tr>{rows}</table>"


def _common(answer: ImplementationAnswer, api: str, show: str) -> list[str]:
    query = {"as_of": answer.as_of} if answer.as_of else {}
    day = f"as of {answer.as_of}" if answer.as_of else "every fact on record (no as_of)"
    parts = [f"<p class='day'>Statuses {escape(day)}. Add <code>?as_of=YYYY-MM-DD</code> for another day.</p>",
             "<div class='note caveats'>" + "".join(f"<p>{escape(c)}</p>" for c in answer.caveats) + "</div>",
             _counts(answer.counts), "<h2>Subscribers and instruments</h2>", _rows(answer.data, show),
             f"<p class='downloads'>{_link('CSV', api + '?' + urlencode({**query, 'format': 'csv'}))} "
             f"{_link('JSON', api + ('?' + urlencode(query) if query else ''))}</p>",
             _basis(answer),
             f"<h2>Rules</h2><p class='rule'>{escape(answer.rule)}</p><p class='rule'>{escape(answer.derived_rule)}</p>"
             f"<p class='rule'>{escape(answer.as_of_rule)}</p>"]
    if answer.exclusions and (answer.exclusions.undated or answer.exclusions.imprecise):
        facts = [*(("undated", f) for f in answer.exclusions.undated),
                 *(("imprecise", f) for f in answer.exclusions.imprecise)]
        parts.append("<h2>Left out on this day</h2><ul>" + "".join(
            f"<li>{escape(why)}: {escape(f.subject)} {escape(f.type)} {escape(f.object)} "
            f"({escape(f.date or 'no date')})</li>" for why, f in facts) + "</ul>")
    parts.append(_sources(answer.sources))
    return parts


def commitment_page_html(answer: CommitmentImplementation) -> str:
    c = answer.commitment
    api = f"/api/v1/commitments/{quote(c.id)}/implementation"
    tied = ", ".join(t.instrument.id for t in answer.instruments) or "none"
    lede = (f"{c.name or c.id}{f' ({c.date})' if c.date else ''}: each subscriber, for each instrument the "
            f"commitment is tied to ({tied}), with the date it subscribed, the date it became party and the lag.")
    return html_page(f"Implementation: {c.short_name or c.id}", lede, _common(answer, api, "commitment"))


def state_page_html(answer: StateImplementation) -> str:
    s = answer.state
    api = f"/api/v1/states/{quote(s.id)}/implementation"
    lede = (f"{s.name or s.id}: every commitment tied to an instrument that it subscribed to (or adopted as a summit "
            "participant), and whether and when it became party.")
    return html_page(f"Implementation: {s.name or s.id}", lede, _common(answer, api, "state"))


def summit_page_html(answer: SummitImplementation) -> str:
    e = answer.event
    api = f"/api/v1/implementation/summits/{quote(e.id)}"
    rows = "".join(
        f"<tr><td>{_commitment_link(s.commitment)}</td>{_td(s.issued_at)}{_td(', '.join(s.tied_to) or 'not tied')}"
        + "".join(_td(s.counts.get(st, 0)) for st in STATUSES) + "</tr>" for s in answer.statements)
    head = "".join(f"<th>{escape(STATUS_LABELS[st])}</th>" for st in STATUSES)
    table = (f"<h2>Statements issued there</h2><table class='statements'><tr><th>statement</th><th>issued at</th>"
             f"<th>tied to</th>{head}</tr>{rows}</table>")
    lede = f"{e.name or e.id}: the statements issued at the summit and its side events, and who delivered."
    parts = _common(answer, api, "both")
    return html_page(f"Implementation: {e.short_name or e.id}", lede, [*parts[:3], table, *parts[3:]])
