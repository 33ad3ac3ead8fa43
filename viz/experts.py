"""The "experts and industry around the summits" page: the network (drawn by `viz.pages.render_view`)
and, below it, the table of side events with their summit, conveners and statements, and the bodies."""

from markupsafe import Markup, escape

from queries.experts_models import ExpertsAndIndustry
from queries.view_models import GraphView
from viz.links import node_urls, page_url
from viz.pages import render_view


def _link(node_id: str, text: str | None, kind: str | None) -> str:
    return f"<a href='{escape(page_url(node_id, kind))}'>{escape(text or node_id)}</a>"


def experts_table(answer: ExpertsAndIndustry) -> Markup:
    """Side events and bodies as HTML tables (every value escaped), with the rule and caveats."""
    rows = []
    for e in answer.side_events:
        summit = _link(e.summit.id, e.summit.short_name or e.summit.name, "event") if e.summit else "not on record"
        conveners = ", ".join(_link(c.organization.id, c.organization.short_name or c.organization.name,
                                    "organization") + (f" ({escape(c.note)})" if c.note else "")
                              for c in e.convened_by) or "not on record"
        statements = ", ".join(_link(s.id, s.short_name or s.name, "commitment") for s in e.statements) or "none"
        named = ", ".join(_link(p.node.id, p.node.short_name or p.node.name, p.node.kind)
                          for p in e.participants) or "none named"
        rows.append(f"<tr data-event='{escape(e.event.id)}'><td>{_link(e.event.id, e.event.name, 'event')}</td>"
                    f"<td>{escape(e.event.subkind or '')}</td><td>{escape(e.event.date or 'undated')}</td>"
                    f"<td>{summit}</td><td>{conveners}</td><td>{statements}</td><td>{named}</td>"
                    f"<td class='small'>{escape(', '.join(e.sources))}</td></tr>")
    events = ("<table class='side-events'><tr><th>side event</th><th>subkind</th><th>date</th><th>part of</th>"
              "<th>convened by</th><th>statements issued</th><th>others named</th><th>sources</th></tr>"
              + "".join(rows) + "</table>") if rows else "<p>No industry or expert side event is on record.</p>"
    bodies = "".join(
        f"<tr data-body='{escape(b.organization.id)}'>"
        f"<td>{_link(b.organization.id, b.organization.name, 'organization')}</td>"
        f"<td>{escape(b.organization.subkind or '')}</td><td>{escape(', '.join(b.convened) or 'none')}</td>"
        f"<td>{escape(', '.join(f'{link.type} {link.id}' for link in b.links) or 'none')}</td></tr>"
        for b in answer.bodies)
    caveats = "".join(f"<p class='note'>{escape(c)}</p>" for c in answer.caveats)
    return Markup(
        f"<h2>Side events of the summits</h2>{caveats}{events}"
        "<h2>Non-governmental, industry and government-affiliated bodies</h2>"
        "<table class='bodies'><tr><th>body</th><th>subkind</th><th>convened</th><th>linked to</th></tr>"
        f"{bodies}</table><p class='hint'>{escape(answer.rule)}</p>"
        "<p class='hint'>JSON and CSV: <a href='/api/v1/experts-and-industry'>/api/v1/experts-and-industry</a>, "
        "<a href='/api/v1/organizations?subkind=non_governmental'>organizations?subkind=non_governmental</a>, "
        "<a href='/api/v1/events?subkind=industry_summit'>events?subkind=industry_summit</a>.</p>")


def experts_page_html(view: GraphView, answer: ExpertsAndIndustry, *, static_url: str = "/static/vis",
                      search_url: str = "/viz/search", standalone: bool = False) -> str:
    return render_view(view, static_url=static_url, node_url=node_urls(view), search_url=search_url,
                       standalone=standalone, appendix=experts_table(answer), takes_as_of=False)
