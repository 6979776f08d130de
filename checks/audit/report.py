"""An audit's tally as JSON (schema ``edito.audit/1``), CSV (one row per month) or one self-contained HTML page.

The HTML page opens offline: the Vega-Lite charts (built with Altair) are drawn by the vega-embed bundle
that vl-convert ships, inlined once for the whole page; no script, style or font is fetched. User text
(the worst posts) is HTML-escaped, and a post's link is kept only when it is an http(s) address.

Within version 1 of the JSON schema keys may be added, never removed or changed in meaning.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from checks.audit.tally import PLACEMENTS, AuditTally, CalendarEntry, MonthTally, WorstPost
from checks.engine import PER_POST_FAMILIES, RULESET_VERSION

SCHEMA = "edito.audit/1"
FORMATS = ("html", "json", "csv")
FAMILIES = (*PER_POST_FAMILIES, "CAL")
PLACEMENT_COLOURS = ("#2e7d32", "#f9a825", "#ef6c00", "#c62828")

LABELS: dict[str, dict[str, Any]] = {
    "fr": {
        "title": "Audit des publications passées",
        "summary": "{posts} publications et {replies} réponses, de {first} à {last} (fuseau {timezone}).",
        "skipped": "{count} enregistrements illisibles ont été ignorés.",
        "commercial": "Part de publications commerciales par mois",
        "commercial_note": "Objectif : {target} au plus. Une publication est commerciale quand les règles COM y "
                           "trouvent du discours de vente.",
        "families": "Constats par famille et par mois",
        "placement": "Mention des partenariats, pour les publications qui semblent sponsorisées",
        "templated": "Part de réponses toutes faites (IMP007) parmi les réponses",
        "figures": "Les chiffres, mois par mois",
        "calendar": "Constats sur le calendrier (CAL…)",
        "calendar_more": "{shown} constats listés sur {total}.",
        "worst": "Les {count} publications les plus problématiques",
        "no_data": "Rien à montrer pour cette période.",
        "none": "Aucun.",
        "month": "Mois", "posts": "Publications", "replies": "Réponses", "share": "Part", "target": "Objectif",
        "commercial_posts": "Commerciales", "templated_replies": "Réponses toutes faites", "sponsored": "Sponsorisées",
        "findings": "Constats", "family": "Famille", "code": "Code", "message": "Constat", "placement_label": "Mention",
        "severity": "Gravité", "score": "score", "open": "Voir la publication d'origine", "reply": "réponse",
        "post": "publication", "calendar_posts": "Publications",
        "family_names": {"COM": "Commercial", "IMP": "Impersonnel", "SPO": "Partenariats", "CHN": "Réseau",
                         "MES": "Mesure", "CAL": "Calendrier"},
        "placements": {"up front": "en tête", "after the cut": "après « … plus »",
                       "buried": "noyée dans les hashtags", "missing": "absente"},
        "severities": {"error": "erreur", "warning": "avertissement", "info": "info"},
        "percent": lambda share: f"{share * 100:.0f}\u202f%",
    },
    "en": {
        "title": "Audit of past posts",
        "summary": "{posts} posts and {replies} replies, from {first} to {last} (timezone {timezone}).",
        "skipped": "{count} unreadable records were skipped.",
        "commercial": "Share of commercial posts per month",
        "commercial_note": "Target: at most {target}. A post is commercial when the COM rules find sales talk in it.",
        "families": "Findings per family and month",
        "placement": "Partnership disclosures, for the posts that look sponsored",
        "templated": "Share of templated replies (IMP007) among replies",
        "figures": "The figures, month by month",
        "calendar": "Calendar findings (CAL…)",
        "calendar_more": "{shown} of {total} findings listed.",
        "worst": "The {count} worst posts",
        "no_data": "Nothing to show for this period.",
        "none": "None.",
        "month": "Month", "posts": "Posts", "replies": "Replies", "share": "Share", "target": "Target",
        "commercial_posts": "Commercial", "templated_replies": "Templated replies", "sponsored": "Sponsored",
        "findings": "Findings", "family": "Family", "code": "Code", "message": "Finding",
        "placement_label": "Disclosure", "severity": "Severity", "score": "score", "open": "Open the original post",
        "reply": "reply", "post": "post", "calendar_posts": "Posts",
        "family_names": {"COM": "Commercial", "IMP": "Impersonal", "SPO": "Sponsorship", "CHN": "Channel",
                         "MES": "Measurement", "CAL": "Calendar"},
        "placements": {"up front": "up front", "after the cut": "after the cut",
                       "buried": "buried among hashtags", "missing": "missing"},
        "severities": {"error": "error", "warning": "warning", "info": "info"},
        "percent": lambda share: f"{share:.0%}",
    },
}


@dataclass(frozen=True)
class AuditReport:
    """The tally and what the reader needs to read it."""

    tally: AuditTally
    lang: str = "en"
    timezone: str = "UTC"
    commercial_target: float = 0.2
    archives: Sequence[str] = ()
    skipped: int = 0
    settings: Mapping[str, Any] = field(default_factory=dict)


def render(format_name: str, report: AuditReport) -> str:
    return {"html": to_html, "json": to_json, "csv": to_csv}[format_name](report)


# --- JSON and CSV ----------------------------------------------------------------------------------------

def to_data(report: AuditReport) -> dict[str, Any]:
    from checks.formatters import edito_version

    return {"schema": SCHEMA, "edito": edito_version(), "ruleset": RULESET_VERSION, "lang": report.lang,
            "timezone": report.timezone, "commercial_target": report.commercial_target,
            "archives": list(report.archives), "skipped_records": report.skipped, **report.tally.to_dict()}


def to_json(report: AuditReport) -> str:
    return json.dumps(to_data(report), ensure_ascii=False, indent=2) + "\n"


def csv_row(month: str, figures: MonthTally, target: float) -> dict[str, Any]:
    data = figures.to_dict()
    row = {"month": month, "posts": figures.posts, "replies": figures.replies, "commercial": figures.commercial,
           "commercial_share": _decimal(data["commercial_share"]), "commercial_target": target,
           "templated_replies": figures.templated_replies, "templated_share": _decimal(data["templated_share"])}
    row |= {f"sponsored_{placement.replace(' ', '_')}": figures.placements[placement] for placement in PLACEMENTS}
    row |= {f"findings_{family}": figures.families[family] for family in PER_POST_FAMILIES}
    row["findings_CAL"] = sum(figures.calendar.values())
    return row


def _decimal(share: float | None) -> str:
    return "" if share is None else f"{share:.4f}"


def to_csv(report: AuditReport) -> str:
    months = report.tally.months
    rows = [csv_row(month, months[month], report.commercial_target) for month in sorted(months)]
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=list(csv_row("", MonthTally(), 0)), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return output.getvalue()


# --- HTML ------------------------------------------------------------------------------------------------

def _charts(report: AuditReport, labels: Mapping[str, Any]) -> dict[str, Any]:
    """Chart id → Vega-Lite spec (None when there is nothing to draw)."""
    import altair as alt

    months = [(key, report.tally.months[key]) for key in sorted(report.tally.months)]
    month_axis = alt.X("month:O", title=labels["month"], axis=alt.Axis(labelAngle=0, labelOverlap="parity"))
    percent = alt.Axis(format="%")

    def whole(rows: list[dict[str, Any]], field: str):
        """An axis of the months' summed counts, ticked at whole numbers only (for a small highest sum Vega would
        tick 0.5 post, and ignores tickMinStep)."""
        totals: dict[str, int] = {}
        for row in rows:
            totals[row["month"]] = totals.get(row["month"], 0) + row[field]
        return alt.Axis(format="d", tickCount=max(1, min(max(totals.values(), default=1), 8)))

    commercial = [{"month": key, "share": figures.commercial / figures.posts, "commercial": figures.commercial,
                   "posts": figures.posts} for key, figures in months if figures.posts]
    share_bars = alt.Chart(alt.Data(values=commercial)).mark_bar(color="#5c6bc0").encode(
        month_axis, alt.Y("share:Q", title=labels["share"], axis=percent),
        tooltip=[alt.Tooltip("month:O", title=labels["month"]),
                 alt.Tooltip("commercial:Q", title=labels["commercial_posts"]),
                 alt.Tooltip("posts:Q", title=labels["posts"]),
                 alt.Tooltip("share:Q", title=labels["share"], format=".0%")])
    target_rule = alt.Chart(alt.Data(values=[{"target": report.commercial_target}])).mark_rule(
        color="#c62828", strokeDash=[6, 4], size=2).encode(y="target:Q")

    families = [{"month": key, "family": labels["family_names"][family], "findings": count}
                for key, figures in months for family in FAMILIES
                if (count := figures.calendar.total() if family == "CAL" else figures.families[family])]
    family_bars = alt.Chart(alt.Data(values=families)).mark_bar().encode(
        month_axis, alt.Y("sum(findings):Q", title=labels["findings"], axis=whole(families, "findings")),
        alt.Color("family:N", title=labels["family"],
                  scale=alt.Scale(domain=[labels["family_names"][family] for family in FAMILIES])),
        tooltip=["month:O", "family:N", "findings:Q"])

    names = [labels["placements"][placement] for placement in PLACEMENTS]
    placements = [{"month": key, "placement": labels["placements"][placement], "order": index, "posts": count}
                  for key, figures in months for index, placement in enumerate(PLACEMENTS)
                  if (count := figures.placements[placement])]
    placement_bars = alt.Chart(alt.Data(values=placements)).mark_bar().encode(
        month_axis, alt.Y("sum(posts):Q", title=labels["sponsored"], axis=whole(placements, "posts")),
        alt.Color("placement:N", title=labels["placement_label"],
                  scale=alt.Scale(domain=names, range=list(PLACEMENT_COLOURS)), sort=names),
        alt.Order("order:Q"), tooltip=["month:O", "placement:N", "posts:Q"])

    templated = [{"month": key, "share": figures.templated_replies / figures.replies,
                  "templated": figures.templated_replies, "replies": figures.replies}
                 for key, figures in months if figures.replies]
    templated_bars = alt.Chart(alt.Data(values=templated)).mark_bar(color="#8d6e63").encode(
        month_axis, alt.Y("share:Q", title=labels["share"], axis=percent, scale=alt.Scale(domain=[0, 1])),
        tooltip=[alt.Tooltip("month:O", title=labels["month"]),
                 alt.Tooltip("templated:Q", title=labels["templated_replies"]),
                 alt.Tooltip("replies:Q", title=labels["replies"])])

    charts = {"chart-commercial": commercial and (share_bars + target_rule),
              "chart-families": families and family_bars, "chart-placement": placements and placement_bars,
              "chart-templated": templated and templated_bars}
    return {name: _spec(chart) if chart else None for name, chart in charts.items()}


def _spec(chart) -> dict[str, Any]:
    spec = chart.properties(width="container", height=260).to_dict()
    spec.pop("$schema", None)  # vega-embed is told the mode; the page names no outside address
    return spec


def _vega_bundle() -> str:
    """vega, vega-lite and vega-embed in one script, for the Vega-Lite version Altair writes."""
    import altair as alt
    import vl_convert

    return vl_convert.javascript_bundle(vl_version="_".join(alt.SCHEMA_VERSION.split(".")[:2]))


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def _safe_link(link: str | None) -> str | None:
    return link if link and link.lower().startswith(("https://", "http://")) else None


def highlighted(text: str, findings: Sequence[Mapping[str, Any]]) -> str:
    """The post's text, escaped, with each finding's span in a <mark> naming the codes over it."""
    spans = [(finding["start"], finding["end"], finding["code"]) for finding in findings
             if 0 <= finding["start"] < finding["end"] <= len(text)]
    cuts = sorted({0, len(text), *(point for start, end, _ in spans for point in (start, end))})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[start:end])
        codes = sorted({code for first, last, code in spans if first <= start and end <= last})
        pieces.append(f'<mark title="{" ".join(codes)}">{piece}</mark>' if codes else piece)
    return "".join(pieces)


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], numeric_from: int = 1) -> str:
    head = "".join(f'<th{" class=num" if index >= numeric_from else ""}>{html.escape(str(header))}</th>'
                   for index, header in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f'<td{" class=num" if index >= numeric_from else ""}>{html.escape(str(cell))}</td>'
                         for index, cell in enumerate(row)) + "</tr>"
        for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _figures_table(report: AuditReport, labels: Mapping[str, Any]) -> str:
    """One row per figure, one column per month: a year's months fit the page's width, where the seventeen
    figures side by side would not."""
    percent = labels["percent"]
    months = [report.tally.months[key] for key in sorted(report.tally.months)]
    shares = [(percent(figures.commercial / figures.posts) if figures.posts else "–",
               percent(figures.templated_replies / figures.replies) if figures.replies else "–")
              for figures in months]

    def named(group: str, item: str) -> str:
        return f"{group} : {item}" if report.lang == "fr" else f"{group}: {item}"

    rows = [
        [labels["posts"], *(figures.posts for figures in months)],
        [labels["commercial_posts"], *(figures.commercial for figures in months)],
        [named(labels["commercial_posts"], labels["share"].lower()), *(share for share, _ in shares)],
        [labels["replies"], *(figures.replies for figures in months)],
        [labels["templated_replies"], *(figures.templated_replies for figures in months)],
        [named(labels["templated_replies"], labels["share"].lower()), *(share for _, share in shares)],
        *([named(labels["sponsored"], labels["placements"][placement]),
           *(figures.placements[placement] for figures in months)] for placement in PLACEMENTS),
        *([named(labels["findings"], labels["family_names"][family]),
           *(figures.families[family] for figures in months)] for family in PER_POST_FAMILIES),
        [named(labels["findings"], labels["family_names"]["CAL"]), *(figures.calendar.total() for figures in months)],
    ]
    return _table([labels["month"], *sorted(report.tally.months)], rows)


def _calendar_section(report: AuditReport, labels: Mapping[str, Any]) -> str:
    entries: list[CalendarEntry] = report.tally.calendar_findings
    total = sum(figures.calendar.total() for figures in report.tally.months.values())
    if not entries:
        return f"<p>{labels['none']}</p>"
    rows = []
    for entry in entries:
        more = f" (+{entry.post_count - len(entry.post_ids)})" if entry.post_count > len(entry.post_ids) else ""
        link = _safe_link(entry.link)
        first = (f'<a href="{html.escape(link)}" rel="noopener noreferrer">{html.escape(entry.post_ids[0])}</a>'
                 if link and entry.post_ids else html.escape(entry.post_ids[0] if entry.post_ids else ""))
        others = html.escape(", ".join(entry.post_ids[1:]))
        rows.append(f"<tr><td>{html.escape(entry.month)}</td><td><code>{html.escape(entry.code)}</code></td>"
                    f"<td>{html.escape(labels['severities'].get(entry.severity, entry.severity))}</td>"
                    f"<td>{html.escape(entry.message)}</td>"
                    f'<td class="ids">{first}{", " if others else ""}{others}{html.escape(more)}</td></tr>')
    head = "".join(f"<th>{html.escape(labels[key])}</th>"
                   for key in ("month", "code", "severity", "message", "calendar_posts"))
    note = (f"<p>{html.escape(labels['calendar_more'].format(shown=len(entries), total=total))}</p>"
            if total > len(entries) else "")
    return f"{note}<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _worst_post(post: WorstPost, labels: Mapping[str, Any]) -> str:
    link = _safe_link(post.link)
    opened = (f' · <a href="{html.escape(link)}" rel="noopener noreferrer">{html.escape(labels["open"])}</a>'
              if link else "")
    findings = "".join(
        f'<li class="{html.escape(finding["severity"])}"><code>{html.escape(finding["code"])}</code> '
        f'{html.escape(labels["severities"].get(finding["severity"], finding["severity"]))} — '
        f'{html.escape(finding["message"])}</li>' for finding in post.findings)
    return (f'<article class="post"><header><strong>{html.escape(post.id)}</strong> · {html.escape(post.channel)} · '
            f'{html.escape(labels[post.kind])} · {html.escape(post.created_at[:10])} · {labels["score"]} {post.score}'
            f'{opened}</header><p class="text">{highlighted(post.text, post.findings)}</p><ul>{findings}</ul>'
            f"</article>")


STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; color: #222; margin: 0; background: #fafafa; }
main { max-width: 1100px; margin: 0 auto; padding: 1.5rem; }
section { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 1rem 1.25rem; margin: 1rem 0; }
.chart { width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #eee; padding: .25rem .5rem; text-align: left; vertical-align: top; }
td:first-child, th { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.figures { overflow-x: auto; }
td.ids { overflow-wrap: anywhere; }
article.post { border-top: 1px solid #eee; padding: .75rem 0; }
article.post .text { white-space: pre-wrap; overflow-wrap: anywhere; }
mark { background: #ffe082; border-bottom: 2px solid #ef6c00; }
li.error code { color: #c62828; } li.warning code { color: #ef6c00; } li.info code { color: #1565c0; }
"""


def to_html(report: AuditReport) -> str:
    labels = LABELS.get(report.lang, LABELS["en"])
    tally, total = report.tally, report.tally.total()
    months = sorted(tally.months)
    summary = labels["summary"].format(posts=total.posts, replies=total.replies, first=months[0] if months else "–",
                                       last=months[-1] if months else "–", timezone=report.timezone)
    skipped = (f"<p>{html.escape(labels['skipped'].format(count=report.skipped))}</p>" if report.skipped else "")
    specs = _charts(report, labels)

    def chart(name: str) -> str:
        return (f'<div class="chart" id="{name}"></div>' if specs[name]
                else f"<p>{html.escape(labels['no_data'])}</p>")

    target = labels["percent"](report.commercial_target)
    sections = [
        (labels["commercial"], f"<p>{html.escape(labels['commercial_note'].format(target=target))}</p>"
                               + chart("chart-commercial")),
        (labels["families"], chart("chart-families")),
        (labels["placement"], chart("chart-placement")),
        (labels["templated"], chart("chart-templated")),
        (labels["figures"], f'<div class="figures">{_figures_table(report, labels)}</div>'),
        (labels["calendar"], _calendar_section(report, labels)),
        (labels["worst"].format(count=len(tally.worst)),
         "".join(_worst_post(post, labels) for post in tally.worst) or f"<p>{labels['none']}</p>"),
    ]
    body = "".join(f"<section><h2>{html.escape(title)}</h2>{content}</section>" for title, content in sections)
    drawn = {name: spec for name, spec in specs.items() if spec}
    script = (f"<script>{_vega_bundle()}</script>\n<script>const specs = {_script_json(drawn)};\n"
              "for (const [id, spec] of Object.entries(specs)) {\n"
              "  vegaEmbed('#' + id, spec, {mode: 'vega-lite', actions: false, renderer: 'svg'})"
              ".catch(console.error);\n}</script>") if drawn else ""
    return (f'<!DOCTYPE html>\n<html lang="{html.escape(report.lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<base target="_blank">\n'  # links open beside the report, also where an app shows it in a frame
            f"<title>{html.escape(labels['title'])}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
            f"<h1>{html.escape(labels['title'])}</h1>\n<p>{html.escape(summary)}</p>\n{skipped}{body}\n</main>\n"
            f"{script}\n</body>\n</html>\n")
