"""Charts and chart pages as plain text: inline SVG drawn here (no CDN, no JavaScript), so a page or
a report file opens offline and shows exactly what it says."""

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from queries.models import AdherenceTrend, DocumentPeriod, SourceRef, TimeExclusions, TopicTrends

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#999999", "#000000")
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
INK, MUTED, GRID = "#222", "#666", "#e3e3e3"


# --- SVG charts --------------------------------------------------------------------------------

@dataclass
class Series:
    name: str
    points: list[tuple[float, float]]
    color: str = PALETTE[0]


def escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def nice_ticks(low: float, high: float, count: int = 6) -> list[float]:
    """Round tick values covering [low, high], so axes read 0, 20, 40 rather than 0, 17.3, 34.6."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks, value = [], start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def _short(text: str, limit: int = 42) -> str:
    """Category labels stay on one line; the full text remains in the tooltip and the tables."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


def _label(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _frame(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{escape(title)}" font-family="{FONT}" font-size="12">'
            f'<title>{escape(title)}</title><rect width="100%" height="100%" fill="#fff"/>'
            f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600" fill="{INK}">'
            f'{escape(title)}</text>' + "".join(body) + "</svg>")


def _axes(left: float, top: float, plot_w: float, plot_h: float, xticks: list[float], yticks: list[float],
          x_label: str, y_label: str, xfmt: object = _label) -> tuple[list[str], object, object]:
    x0, x1, y0, y1 = xticks[0], xticks[-1], yticks[0], yticks[-1]

    def sx(x: float) -> float:
        return left + (x - x0) / ((x1 - x0) or 1) * plot_w

    def sy(y: float) -> float:
        return top + plot_h - (y - y0) / ((y1 - y0) or 1) * plot_h

    out = []
    for y in yticks:
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{sy(y):.1f}" y2="{sy(y):.1f}" stroke="{GRID}"/>'
                   f'<text x="{left - 8}" y="{sy(y) + 4:.1f}" text-anchor="end" fill="{MUTED}">{_label(y)}</text>')
    for x in xticks:
        out.append(f'<line x1="{sx(x):.1f}" x2="{sx(x):.1f}" y1="{top + plot_h}" y2="{top + plot_h + 5}" '
                   f'stroke="{MUTED}"/><text x="{sx(x):.1f}" y="{top + plot_h + 19}" text-anchor="middle" '
                   f'fill="{MUTED}">{escape(xfmt(x))}</text>')  # type: ignore[operator]
    out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="{INK}"/>'
               f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="{INK}"/>'
               f'<text x="{left + plot_w / 2}" y="{top + plot_h + 40}" text-anchor="middle" fill="{INK}">'
               f'{escape(x_label)}</text>'
               f'<text transform="translate({left - 44},{top + plot_h / 2}) rotate(-90)" text-anchor="middle" '
               f'fill="{INK}">{escape(y_label)}</text>')
    return out, sx, sy


def _legend(x: float, y: float, items: Sequence[tuple[str, str, str]]) -> list[str]:
    """Legend entries (name, colour, style) stacked from (x, y); style is 'line', 'dash' or 'box'."""
    out = []
    for i, (name, color, style) in enumerate(items):
        yy = y + i * 20
        if style == "box":
            out.append(f'<rect x="{x}" y="{yy - 9}" width="14" height="12" fill="{color}"/>')
        else:
            dash = ' stroke-dasharray="6 4"' if style == "dash" else ""
            out.append(f'<line x1="{x}" x2="{x + 18}" y1="{yy - 3}" y2="{yy - 3}" stroke="{color}" '
                       f'stroke-width="2.5"{dash}/>')
        out.append(f'<text x="{x + 24}" y="{yy + 1}" fill="{INK}">{escape(name)}</text>')
    return out


def step_chart(series: Sequence[Series], title: str, x_label: str, y_label: str,
               references: Sequence[tuple[float, str]] = (), width: int = 860, height: int = 380) -> str:
    """Cumulative counts as step lines (a count changes on the day it changes), with reference lines."""
    left, top, right, bottom = 64, 44, 230, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    xs = [x for s in series for x, _ in s.points] or [0, 1]
    ys = [y for s in series for _, y in s.points] + [r for r, _ in references] + [0]
    xticks = nice_ticks(min(xs), max(xs), 8)
    yticks = nice_ticks(0, max(ys), 6)
    body, sx, sy = _axes(left, top, plot_w, plot_h, xticks, yticks, x_label, y_label)
    ref_colors = (MUTED, PALETTE[1])
    for k, (value, _name) in enumerate(references):
        body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{sy(value):.1f}" y2="{sy(value):.1f}" '  # type: ignore[operator]
                    f'stroke="{ref_colors[k % 2]}" stroke-width="1.5" stroke-dasharray="6 4"/>')
    for s in series:
        if not s.points:
            continue
        d = f"M{sx(s.points[0][0]):.1f},{sy(s.points[0][1]):.1f}"  # type: ignore[operator]
        for (_x_prev, y_prev), (x, y) in zip(s.points, s.points[1:], strict=False):
            d += f" H{sx(x):.1f} V{sy(y):.1f}"  # type: ignore[operator]
            del y_prev
        body.append(f'<path d="{d}" fill="none" stroke="{s.color}" stroke-width="2.5"/>')
        last_x, last_y = s.points[-1]
        body.append(f'<circle cx="{sx(last_x):.1f}" cy="{sy(last_y):.1f}" r="3.5" fill="{s.color}"/>')  # type: ignore[operator]
    items = [(s.name, s.color, "line") for s in series]
    items += [(name, ref_colors[k % 2], "dash") for k, (_, name) in enumerate(references)]
    body += _legend(left + plot_w + 20, top + 10, items)
    return _frame(width, height, title, body)


def histogram(values: Sequence[float], title: str, x_label: str, y_label: str, bin_width: float = 1.0,
              marker: tuple[float, str] | None = None, width: int = 860, height: int = 320) -> str:
    """Counts per bin of `bin_width`, with an optional vertical marker (e.g. the median)."""
    left, top, right, bottom = 64, 44, 230, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    top_edge = max(values, default=0) + bin_width
    bins = [0] * max(1, math.ceil(top_edge / bin_width))
    for value in values:
        bins[min(int(value // bin_width), len(bins) - 1)] += 1
    xticks = nice_ticks(0, len(bins) * bin_width, 8)
    yticks = nice_ticks(0, max(bins) or 1, 5)
    body, sx, sy = _axes(left, top, plot_w, plot_h, xticks, yticks, x_label, y_label)
    for i, count in enumerate(bins):
        if count:
            x_a, x_b = sx(i * bin_width), sx((i + 1) * bin_width)  # type: ignore[operator]
            body.append(f'<rect x="{x_a + 1:.1f}" y="{sy(count):.1f}" width="{max(x_b - x_a - 2, 1):.1f}" '  # type: ignore[operator]
                        f'height="{sy(0) - sy(count):.1f}" fill="{PALETTE[0]}"><title>{count} States, '  # type: ignore[operator]
                        f'{_label(i * bin_width)}-{_label((i + 1) * bin_width)} {x_label}</title></rect>')
    items = [("States per bin", PALETTE[0], "box")]
    if marker:
        value, name = marker
        body.append(f'<line x1="{sx(value):.1f}" x2="{sx(value):.1f}" y1="{top}" y2="{top + plot_h}" '  # type: ignore[operator]
                    f'stroke="{PALETTE[1]}" stroke-width="2" stroke-dasharray="6 4"/>')
        items.append((name, PALETTE[1], "dash"))
    body += _legend(left + plot_w + 20, top + 10, items)
    return _frame(width, height, title, body)


def heatmap(rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[int]], title: str,
            marked: set[str] | None = None, mark_name: str = "", width: int = 860) -> str:
    """A rows x columns grid of counts, darker for more; marked rows are flagged with a dot."""
    marked = marked or set()
    left, top, cell_h, right = 320, 64, 24, 150
    cell_w = (width - left - right) / max(len(columns), 1)
    height = top + cell_h * len(rows) + 40
    peak = max((v for row in values for v in row), default=0) or 1
    body = []
    for j, col in enumerate(columns):
        body.append(f'<text x="{left + (j + 0.5) * cell_w:.1f}" y="{top - 10}" text-anchor="middle" '
                    f'font-weight="600" fill="{INK}">{escape(col)}</text>')
    for i, (name, row) in enumerate(zip(rows, values, strict=True)):
        y = top + i * cell_h
        body.append(f'<text x="{left - 20}" y="{y + cell_h / 2 + 4:.1f}" text-anchor="end" fill="{INK}">'
                    f'<title>{escape(name)}</title>{escape(_short(name))}</text>')
        if name in marked:
            body.append(f'<circle cx="{left - 9}" cy="{y + cell_h / 2:.1f}" r="4" fill="{PALETTE[1]}"/>')
        for j, value in enumerate(row):
            shade = value / peak
            fill = (f"rgb({int(255 - shade * (255 - 0))},{int(255 - shade * (255 - 114))},"
                    f"{int(255 - shade * (255 - 178))})") if value else "#f6f6f6"
            ink = "#fff" if shade > 0.55 else INK
            body.append(f'<rect x="{left + j * cell_w + 1:.1f}" y="{y + 1}" width="{cell_w - 2:.1f}" '
                        f'height="{cell_h - 2}" fill="{fill}"><title>{escape(name)} at {escape(columns[j])}: {value}'
                        f'</title></rect><text x="{left + (j + 0.5) * cell_w:.1f}" y="{y + cell_h / 2 + 4:.1f}" '
                        f'text-anchor="middle" fill="{ink}">{value or ""}</text>')
    legend_x = width - right + 16
    body.append(f'<text x="{legend_x}" y="{top + 4}" fill="{INK}" font-weight="600">Commitments</text>')
    for k, value in enumerate(sorted({0, max(1, peak // 2), peak})):
        shade = value / peak
        fill = (f"rgb({int(255 - shade * 255)},{int(255 - shade * 141)},{int(255 - shade * 77)})"
                if value else "#f6f6f6")
        body.append(f'<rect x="{legend_x}" y="{top + 14 + k * 20}" width="14" height="14" fill="{fill}" '
                    f'stroke="{GRID}"/><text x="{legend_x + 22}" y="{top + 25 + k * 20}" fill="{INK}">{value}</text>')
    if marked:
        y_mark = top + 14 + 3 * 20 + 14
        body.append(f'<circle cx="{legend_x + 7}" cy="{y_mark}" r="4" fill="{PALETTE[1]}"/>'
                    f'<text x="{legend_x + 22}" y="{y_mark + 4}" fill="{INK}">{escape(mark_name)}</text>')
    return _frame(width, height, title, body)


def paired_bars(labels: Sequence[str], first: Sequence[float], second: Sequence[float], names: tuple[str, str],
                title: str, x_label: str, width: int = 860) -> str:
    """Two horizontal bars per label (e.g. a topic's share in the earlier and the later summits)."""
    left, top, right, band = 320, 44, 170, 30
    plot_w = width - left - right
    height = top + band * len(labels) + 56
    xticks = nice_ticks(0, max([*first, *second, 0.01]), 6)
    body, sx, _ = _axes(left, top, plot_w, band * len(labels), xticks, [0, 1], x_label, "",
                        xfmt=lambda v: f"{v:.0%}")
    body = [b for b in body if 'text-anchor="end" fill' not in b]  # no y tick labels on a category axis
    for i, label in enumerate(labels):
        y = top + i * band
        body.append(f'<text x="{left - 10}" y="{y + band / 2 + 4}" text-anchor="end" fill="{INK}">'
                    f'<title>{escape(label)}</title>{escape(_short(label))}</text>')
        for k, (value, color) in enumerate(((first[i], PALETTE[6]), (second[i], PALETTE[0]))):
            body.append(f'<rect x="{left}" y="{y + 4 + k * 11}" width="{sx(value) - left:.1f}" height="10" '  # type: ignore[operator]
                        f'fill="{color}"><title>{escape(label)}: {value:.0%} ({escape(names[k])})</title></rect>')
    body += _legend(left + plot_w + 20, top + 10, [(names[0], PALETTE[6], "box"), (names[1], PALETTE[0], "box")])
    return _frame(width, height, title, body)


# --- Chart pages ---------------------------------------------------------------------------------

PAGE_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#222;max-width:960px;margin:24px auto;
padding:0 20px;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
.lede{color:#555;margin-top:0}.note{background:#fff8e5;border-left:4px solid #E69F00;padding:.5rem .9rem;margin:.8rem 0}
.note p{margin:.25rem 0}figure{margin:1rem 0}svg{max-width:100%;height:auto;border:1px solid #eee;border-radius:4px}
table{border-collapse:collapse;font-size:.9rem;margin:.6rem 0}th,td{border-bottom:1px solid #e5e5e5;padding:3px 10px;
text-align:left}th{background:#f4f6f8}a{color:#0072B2}.downloads a{margin-right:1rem}.small{font-size:.85rem;color:#555}
"""


def html_page(title: str, lede: str, parts: list[str]) -> str:
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><style>{PAGE_CSS}</style></head>"
            f"<body><h1>{escape(title)}</h1><p class='lede'>{escape(lede)}</p>{''.join(parts)}</body></html>")


def _notes(caveats: Sequence[str]) -> str:
    return "<div class='note'>" + "".join(f"<p>{escape(c)}</p>" for c in caveats) + "</div>" if caveats else ""


def _sources_html(sources: Sequence[SourceRef]) -> str:
    rows = "".join(f"<tr><td>{escape(s.id)}</td><td>{escape(s.title or '')}</td><td>{escape(s.kind or '')}</td>"
                   f"<td>{escape(s.as_of or 'undated')}</td></tr>" for s in sources)
    return f"<table><tr><th>source</th><th>title</th><th>kind</th><th>as of</th></tr>{rows}</table>"


def adherence_charts(by_year: AdherenceTrend, by_region: AdherenceTrend | None = None) -> list[str]:
    """The cumulative-parties chart (total and per region) and the signature-to-consent histogram."""
    inst = by_year.instrument.short_name or by_year.instrument.id
    series = [Series("All dated parties", [(p.year, p.cumulative) for p in by_year.series], INK)]
    if by_region:
        regions = sorted({p.region for p in by_region.series if p.region})
        for k, region in enumerate(regions):
            series.append(Series(str(region), [(p.year, p.cumulative) for p in by_region.series if p.region == region],
                                 PALETTE[k % (len(PALETTE) - 2)]))
    parties = by_year.completeness[0]
    refs = [(float(parties.known), f"Known parties ({parties.known})")]
    if parties.stated:
        refs.append((float(parties.stated), f"Stated total ({parties.stated})"))
    day = f" as of {by_year.as_of}" if by_year.as_of else ""
    charts = [step_chart(series, f"{inst}: cumulative parties with a dated consent{day}", "year of consent",
                         "parties", refs)]
    if by_year.lag:
        median = by_year.lag_median_years or 0.0
        charts.append(histogram([x.years for x in by_year.lag], f"{inst}: time from signature to consent "
                                f"({by_year.lag_count} States{day})", "years", "States", 1.0,
                                (median, f"median {median:g} years")))
    return charts


def adherence_page_html(by_year: AdherenceTrend, by_region: AdherenceTrend) -> str:
    inst = by_year.instrument.id
    api = f"/api/v1/trends/adherence?instrument={quote(inst)}" + (f"&as_of={by_year.as_of}" if by_year.as_of else "")
    parts = [_notes(by_year.caveats), _exclusions_html(by_year.exclusions)]
    parts += [f"<figure>{svg}</figure>" for svg in adherence_charts(by_year, by_region)]
    parts.append(f"<p class='downloads'>CSV: <a href='{escape(api)}&amp;format=csv'>cumulative by year</a>"
                 f"<a href='{escape(api)}&amp;by=region&amp;format=csv'>by region and year</a>"
                 f"<a href='{escape(api)}&amp;table=lag&amp;format=csv'>signature-to-consent times</a>"
                 f"<a href='{escape(api)}'>JSON</a></p>")
    parts.append("<h2>Completeness</h2><ul>" + "".join(f"<li>{escape(c.summary)}</li>" for c in by_year.completeness)
                 + "</ul>")
    parts.append(f"<h2>Sources</h2>{_sources_html(by_year.sources)}")
    lede = (f"{by_year.dated} of {by_year.parties_known} known parties have a consent date; "
            f"{by_year.undated_excluded} undated left out. Median signature-to-consent time "
            f"{by_year.lag_median_years if by_year.lag_median_years is not None else 'n/a'} years "
            f"({by_year.lag_count} States).")
    title = f"Adherence to {by_year.instrument.name or inst}" + (f", as of {by_year.as_of}" if by_year.as_of else "")
    return html_page(title, lede, parts)


def _exclusions_html(exclusions: TimeExclusions | None) -> str:
    """The facts an answer as of a day left out, named (nothing when none was)."""
    if exclusions is None or not (exclusions.undated or exclusions.imprecise):
        return ""
    items = "".join(f"<li>{escape(kind)}: {escape(f.subject)} {escape(f.type)} {escape(f.object)}"
                    f"{escape(f' ({f.date})') if f.date else ''}</li>"
                    for kind, facts in (("undated", exclusions.undated), ("imprecise", exclusions.imprecise))
                    for f in facts)
    return (f"<details><summary>Left out as of {escape(exclusions.as_of)}: {len(exclusions.undated)} undated, "
            f"{len(exclusions.imprecise)} imprecise facts</summary><p class='small'>{escape(exclusions.rule)}</p>"
            f"<ul class='small'>{items}</ul></details>")


def choice_page_html(title: str, intro: str, problems: Sequence[str], links: Sequence[tuple[str, str]]) -> str:
    """A page that says what is wrong with a request and links to the pages that can be asked for."""
    parts = [_notes(problems), "<ul>" + "".join(f"<li><a href='{escape(url)}'>{escape(label)}</a></li>"
                                                for label, url in links) + "</ul>",
             "<p><a href='/'>Back to the start page</a></p>"]
    return html_page(title, intro, parts)


def _span(events: Sequence[str]) -> str:
    """"NSS_2010, NSS_2012" -> "NSS 2010-2012" for a legend entry."""
    if not events:
        return "(none)"
    if len(events) == 1:
        return events[0].replace("_", " ")
    return f"{events[0].replace('_', ' ')}\u2013{events[-1].rsplit('_', 1)[-1]}"


def topic_charts(trends: TopicTrends) -> list[str]:
    summits = [s.event.id for s in trends.summits]
    ordered = sorted(trends.data, key=lambda t: (-sum(p.commitments_count for p in t.per_summit), t.topic.id))
    rows = [t.topic.name or t.topic.id for t in ordered]
    values = [[p.commitments_count for p in t.per_summit] for t in ordered]
    marked = {t.topic.name or t.topic.id for t in ordered if t.emerging}
    heat = heatmap(rows, summits, values, "Commitments addressing each topic, per summit", marked, "emerging")
    by_share = sorted(trends.data, key=lambda t: (t.share_first_half - t.share_second_half, t.topic.id))
    first = [s.event.id for s in trends.summits if s.half == "first"]
    second = [s.event.id for s in trends.summits if s.half == "second"]
    bars = paired_bars([t.topic.name or t.topic.id for t in by_share], [t.share_first_half for t in by_share],
                       [t.share_second_half for t in by_share],
                       (_span(first), _span(second)),
                       "Share of summit commitments addressing each topic", "share of commitments")
    return [heat, bars]


def topics_page_html(trends: TopicTrends) -> str:
    query = {k: v for k, v in (("as_of", trends.as_of), ("since", trends.window and trends.window.since),
                               ("until", trends.window and trends.window.until)) if v}
    api = "/api/v1/trends/topics" + ("?" + urlencode(query) if query else "")
    csv_link = api + ("&" if query else "?") + "format=csv"
    parts = [f"<div class='note'><p><strong>Rule.</strong> {escape(trends.rule)}</p></div>", _notes(trends.caveats),
             _exclusions_html(trends.exclusions)]
    window = trends.window
    if window:
        names = {t.topic.id: t.topic.name or t.topic.id for t in trends.data}
        parts.append(f"<h2>Window {window.since}-{window.until}</h2><div class='note'><p><strong>Rule.</strong> "
                     f"{escape(window.rule)}</p></div><p>Emerging in the window: "
                     + (escape(", ".join(names.get(t, t) for t in window.emerging)) or "none") + ".</p>")
        rows = [t for t in trends.data if t.window]
        parts.append("<table><tr><th>topic</th><th>earlier</th><th>later</th><th>share, earlier</th>"
                     "<th>share, later</th><th>emerging</th></tr>"
                     + "".join(f"<tr><td>{escape(names[t.topic.id])}</td><td>{t.window.earlier}</td>"
                               f"<td>{t.window.later}</td><td>{t.window.share_earlier:.0%}</td>"
                               f"<td>{t.window.share_later:.0%}</td>"
                               f"<td>{('new' if t.window.new else 'yes') if t.window.emerging else ''}</td></tr>"
                               for t in rows if t.window) + "</table>")
        parts += [_period_html(window.earlier), _period_html(window.later)]
    parts += [f"<figure>{svg}</figure>" for svg in topic_charts(trends)]
    parts.append("<h2>Documents per year</h2>" + "".join(_period_html(p) for p in trends.documents_per_year))
    parts.append(f"<p class='downloads'>CSV: <a href='{escape(csv_link)}'>per topic, summit and year</a>"
                 f"<a href='{escape(api)}'>JSON</a></p>")
    lede = (f"{len(trends.emerging)} of {len(trends.data)} topics are emerging: "
            + ", ".join(t.topic.name or t.topic.id for t in trends.data if t.emerging) + ".")
    title = "Topics of the nuclear security summits over time" + (f", as of {trends.as_of}" if trends.as_of else "")
    return html_page(title, lede, parts)


def _period_html(period: DocumentPeriod) -> str:
    """A period and every document it counts."""
    docs = ", ".join(f"{d.id} ({d.date})" for d in period.documents) or "none"
    return f"<p class='small'><strong>{escape(period.period)}</strong> ({period.count} documents): {escape(docs)}</p>"
