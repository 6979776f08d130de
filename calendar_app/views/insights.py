"""Insights: posting rhythm, commercial share, checker findings and silences of a brand over a period,
then the calendar as a whole (the CAL rules).

The numbers come from ``services.insights`` and the calendar findings from ``services.calendar_checks``;
this page only lays them out as Altair charts, a table and a list of findings with links to their posts.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import altair as alt
import pandas as pd
import streamlit as st

from calendar_app import resources
from calendar_app.components.calendar_warnings import MAX_POST_LINKS, show_post_links, window_text
from calendar_app.components.findings import SEVERITY_BADGE
from calendar_app.components.plain_text import escape_markdown
from calendar_app.components.workspace_picker import choose_workspace
from calendar_app.i18n import percent, short_day, t
from calendar_app.services.calendar_checks import calendar_findings, post_summaries
from calendar_app.services.insights import (
    FAMILIES,
    SEVERITIES,
    compute_insights,
    default_range,
)
from checks import Finding, Severity

SEVERITY_COLOURS = {"error": "#d62728", "warning": "#ff9f1c", "info": "#6baed6"}
CALENDAR_PER_RULE = 5  # calendar findings listed per rule and severity; choosing rules lists more
CALENDAR_CHOSEN = 50  # … up to this many per rule and severity
RULES_KEY = "insights.calendar_rules"

workspace = choose_workspace()
if workspace is None:
    st.stop()
lang = str(workspace.language)
zone = ZoneInfo(workspace.timezone)
st.title(f"{t('insights', lang)} · {escape_markdown(workspace.name)}")  # names are shown as typed

period = st.sidebar.date_input(t("insights.period", lang), value=default_range(date.today()),
                               key="insights.period", format="DD/MM/YYYY")
if not isinstance(period, tuple | list) or len(period) != 2:
    st.info(t("insights.pick_end", lang))
    st.stop()
first_day, last_day = period

with st.spinner(), resources.session() as session:
    data = compute_insights(workspace.id, session=session, first_day=first_day, last_day=last_day)


def day_label(day: date) -> str:
    return f"{day:%d/%m/%Y}"


st.caption(t("insights.summary", lang, count=data.post_count, first=day_label(first_day),
             last=day_label(last_day), zone=data.timezone))

week_labels = [f"{week:%d/%m}" for week in data.weeks]
channel_names = [channel["channel"] for channel in data.channels]
channel_colours = alt.Scale(domain=channel_names, range=[channel["colour"] for channel in data.channels])
channel_legend = alt.Legend(title=t("channel", lang), orient="bottom", columns=3, labelLimit=160)
week_axis = alt.X("week_label:O", sort=week_labels, scale=alt.Scale(domain=week_labels),
                  title=t("insights.week", lang), axis=alt.Axis(labelAngle=-45))


def frame(rows: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame(rows)
    if "week" in table:
        table["week_label"] = [f"{week:%d/%m}" for week in table["week"]]
        table = table.drop(columns=["week"])
    return table


left, right = st.columns(2, gap="large")

with left:
    st.subheader(t("insights.posts_per_week", lang))
    per_week = alt.Chart(frame(data.posts_per_week)).mark_bar().encode(
        x=week_axis,
        y=alt.Y("sum(posts):Q", title=t("insights.posts", lang), axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("channel:N", scale=channel_colours, legend=channel_legend),
        order=alt.Order("channel:N"),
        tooltip=[alt.Tooltip("week_label:O", title=t("insights.week", lang)),
                 alt.Tooltip("channel:N", title=t("channel", lang)),
                 alt.Tooltip("posts:Q", title=t("insights.posts", lang))],
    )
    st.altair_chart(per_week.properties(height=320), width="stretch")

with right:
    st.subheader(t("insights.commercial", lang))
    target = percent(data.commercial_target, lang)
    share_rows = frame(data.commercial_share) if data.commercial_share else pd.DataFrame(
        columns=["week_label", "channel", "share", "commercial", "posts"])
    lines = alt.Chart(share_rows).mark_line(point=True).encode(
        x=week_axis,
        y=alt.Y("share:Q", title=t("insights.share", lang), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        color=alt.Color("channel:N", scale=channel_colours, legend=channel_legend),
        tooltip=[alt.Tooltip("week_label:O", title=t("insights.week", lang)),
                 alt.Tooltip("channel:N", title=t("channel", lang)),
                 alt.Tooltip("share:Q", title=t("insights.share", lang), format=".0%"),
                 alt.Tooltip("commercial:Q", title=t("insights.commercial_posts", lang)),
                 alt.Tooltip("posts:Q", title=t("insights.posts", lang))],
    )
    rule = alt.Chart(pd.DataFrame({"target": [data.commercial_target],
                                   "label": [f"{t('insights.target', lang)} {target}"]}))
    target_line = rule.mark_rule(color="#d62728", strokeDash=[6, 4], size=2).encode(
        y="target:Q", tooltip=[alt.Tooltip("label:N", title=t("insights.target", lang))])
    target_text = rule.mark_text(align="left", dx=4, dy=-7, color="#d62728").encode(
        y="target:Q", x=alt.value(0), text="label:N")
    st.altair_chart((lines + target_line + target_text).properties(height=320), width="stretch")
    st.caption(t("insights.commercial_help", lang, target=target))
    over = [row["channel"] for row in data.commercial_by_channel if row["over_target"]]
    if over:
        st.warning(t("insights.over_target", lang, channels=", ".join(
            f"{escape_markdown(row['channel'])} ({percent(row['share'], lang)})" for row in data.commercial_by_channel
            if row["over_target"])))

left, right = st.columns(2, gap="large")

with left:
    st.subheader(t("insights.findings", lang))
    family_labels = [t(f"insights.family.{family}", lang) for family in FAMILIES]
    severity_labels = [t(f"insights.severity.{severity}", lang) for severity in SEVERITIES]
    findings = frame(data.findings_by_family)
    findings["family_label"] = [t(f"insights.family.{family}", lang) for family in findings["family"]]
    findings["severity_label"] = [t(f"insights.severity.{severity}", lang) for severity in findings["severity"]]
    findings["severity_rank"] = [[str(s) for s in SEVERITIES].index(severity) for severity in findings["severity"]]
    by_family = alt.Chart(findings).mark_bar().encode(
        x=alt.X("family_label:N", sort=family_labels, title=t("insights.family", lang),
                  axis=alt.Axis(labelAngle=-30, labelOverlap=False, labelLimit=160)),
        y=alt.Y("findings:Q", title=t("insights.count", lang), axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("severity_label:N", title=t("insights.severity", lang),
                        scale=alt.Scale(domain=severity_labels, range=[SEVERITY_COLOURS[str(s)] for s in SEVERITIES]),
                        legend=alt.Legend(orient="bottom")),
        order=alt.Order("severity_rank:Q"),
        tooltip=[alt.Tooltip("family_label:N", title=t("insights.family", lang)),
                 alt.Tooltip("severity_label:N", title=t("insights.severity", lang)),
                 alt.Tooltip("findings:Q", title=t("insights.count", lang))],
    )
    st.altair_chart(by_family.properties(height=320), width="stretch")
    if not findings["findings"].sum():
        st.caption(t("insights.no_findings", lang))

with right:
    st.subheader(t("insights.silences", lang))
    silences = pd.DataFrame([
        {**row, "gap_from": short_day(row["gap_from"].astimezone(zone), lang),
         "gap_to": short_day(row["gap_to"].astimezone(zone), lang)}
        for row in data.silences if row["longest_gap_days"] is not None
    ])
    if not silences.empty:
        widest = 1.1 * max(silences["longest_gap_days"].max(), silences["expected_gap_days"].fillna(0).max())
        base = alt.Chart(silences).encode(
            y=alt.Y("channel:N", sort=channel_names, title=None),
            tooltip=[alt.Tooltip("channel:N", title=t("channel", lang)),
                     alt.Tooltip("longest_gap_days:Q", title=t("insights.gap_days", lang), format=".1f"),
                     alt.Tooltip("gap_from:N", title=t("insights.gap_from", lang)),
                     alt.Tooltip("gap_to:N", title=t("insights.gap_to", lang)),
                     alt.Tooltip("expected_gap_days:Q", title=t("insights.expected_gap", lang), format=".1f")],
        )
        bars = base.mark_bar().encode(
            x=alt.X("longest_gap_days:Q", title=t("insights.gap_days", lang), scale=alt.Scale(domain=[0, widest])),
            color=alt.Color("channel:N", scale=channel_colours, legend=None),
        )
        planned = base.mark_tick(color="black", thickness=3, size=24).encode(x="expected_gap_days:Q")
        st.altair_chart((bars + planned).properties(height=max(120, 44 * len(silences))),
                        width="stretch")
    st.caption(t("insights.silences_help", lang))
    too_few = [row["channel"] for row in data.silences if row["longest_gap_days"] is None]
    if too_few:
        st.caption(t("insights.too_few", lang, channels=", ".join(map(escape_markdown, too_few))))

st.subheader(t("insights.top_posts", lang))
if data.top_posts:
    top = pd.DataFrame([
        {t("day", lang): short_day(row["day"], lang) + f"/{row['day']:%Y}", t("channel", lang): row["channel"],
         t("insights.post", lang): row["label"], t("insights.count", lang): row["findings"],
         t("insights.worst", lang): t(f"insights.severity.{row['worst']}", lang), "link": row["link"]}
        for row in data.top_posts
    ])
    st.dataframe(top, hide_index=True, width="stretch", column_config={
        "link": st.column_config.LinkColumn(t("insights.open", lang), display_text=t("insights.open", lang)),
    })
else:
    st.info(t("insights.no_findings", lang))


@st.fragment
def calendar_section(findings: list[Finding], lang: str, timezone: str) -> None:
    """The calendar findings by severity, the worst first, each with its period and links to its posts.
    A fragment: choosing rules reruns only this part, not the checks."""
    if not findings:
        st.success(t("calendar_checks.none", lang))
        return
    by_severity = Counter(str(finding.severity) for finding in findings)
    st.caption(t("calendar_checks.summary", lang, count=len(findings),
                 **{str(severity): by_severity[str(severity)] for severity in SEVERITIES}))
    codes = Counter(finding.code for finding in findings)
    names = {finding.code: finding.name for finding in findings}
    if RULES_KEY in st.session_state:  # rules of another period or brand are no longer options
        st.session_state[RULES_KEY] = [code for code in st.session_state[RULES_KEY] if code in codes]
    chosen = st.multiselect(t("calendar_checks.rules", lang), options=sorted(codes), key=RULES_KEY,
                            format_func=lambda code: f"{code} · {names[code]} ({codes[code]})",
                            placeholder=t("calendar_checks.all_rules", lang))
    # The worst first; then by rule (CAL001, the commercial share, before the silences) and by date, a few
    # of each rule unless rules are chosen.
    limit = CALENDAR_CHOSEN if chosen else CALENDAR_PER_RULE
    groups: dict[Severity, dict[str, list[Finding]]] = {severity: {} for severity in SEVERITIES}
    for finding in sorted(findings, key=lambda finding: (finding.code, finding.window or ("", ""))):
        if not chosen or finding.code in chosen:
            groups[finding.severity].setdefault(finding.code, []).append(finding)
    visible = [finding for by_rule in groups.values() for group in by_rule.values() for finding in group[:limit]]
    with resources.session() as session:
        summaries = post_summaries({post_id for finding in visible for post_id in finding.post_ids[:MAX_POST_LINKS]},
                                   session=session)
    zone = ZoneInfo(timezone)
    for severity, by_rule in groups.items():
        if not by_rule:
            continue
        st.markdown(f"{SEVERITY_BADGE[severity][lang]} **{sum(map(len, by_rule.values()))}**")
        for code, group in by_rule.items():
            for finding in group[:limit]:
                with st.container(border=True):
                    st.markdown(f"**{finding.code}** · `{finding.name}` — {escape_markdown(finding.message)}")
                    if finding.window:
                        st.caption(t("calendar_checks.window", lang, window=window_text(finding.window, lang)))
                    show_post_links(list(finding.post_ids), summaries, lang, zone)
            if len(group) > limit:
                st.caption(t("calendar_checks.more_chosen" if chosen else "calendar_checks.more", lang,
                             count=len(group) - limit, code=code))


st.subheader(t("calendar_checks.title", lang))
st.caption(t("calendar_checks.help", lang))
with st.spinner(t("calendar_checks.running", lang)), resources.session() as session:
    calendar = calendar_findings(
        workspace.id, session=session, start=datetime.combine(first_day, time(0), tzinfo=zone),
        end=datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=zone))
calendar_section(calendar, lang, workspace.timezone)
