"""Import / export: get the calendar out (Edito CSV, French spreadsheet, schedulers' bulk files, iCalendar) and
bring a file in. The export is built only when asked; every post a format leaves out is listed with the
reason. An import is previewed first (posts to create, duplicates skipped, problems by row and column) and
written all or nothing; the service checks the user's role."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from calendar_app import resources
from calendar_app.components.plain_text import error_message, escape_markdown
from calendar_app.components.user_picker import choose_user
from calendar_app.components.workspace_picker import choose_workspace
from calendar_app.errors import EditoError
from calendar_app.exchange import (
    IMPORT_FORMATS,
    DateOrder,
    ExportFilters,
    Format,
    ImportPlan,
    ImportRejected,
    apply_import,
    export_calendar,
    plan_import,
)
from calendar_app.exchange.files import download
from calendar_app.exchange.formats import PLATFORM_NAMES, fold
from calendar_app.i18n import localized, t
from calendar_app.models import PostStatus, User
from calendar_app.navigation import calendar_page
from calendar_app.services.workspaces import list_campaigns, list_channels

PREPARED_KEY = "exchange.export.prepared"  # the last export built, with the options it was built for
IMPORTED_KEY = "exchange.import.done"       # the outcome of an import, shown on the run after it
ROUND_KEY = "exchange.import.round"         # a new file uploader after each import
DATE_ORDER_FORMATS = (Format.HOOTSUITE, Format.SPROUT)
FINDINGS_FORMATS = (Format.EDITO_CSV, Format.EXCEL_FR)


def _month(today: date) -> tuple[date, date]:
    first = today.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _when(moment: datetime | None, timezone: str, lang: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%d/%m/%Y %H:%M") if moment else t("unscheduled", lang)


def _excerpt(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _table(rows: list[dict], *, narrow: tuple[str, ...] = ()) -> None:
    """Cells from files and posts are shown as text by st.dataframe, never as Markdown or HTML."""
    st.dataframe(pd.DataFrame(rows).astype(str), hide_index=True, width="stretch",
                 height=min(38 + 35 * len(rows), 400),
                 column_config={name: st.column_config.TextColumn(width="small") for name in narrow})


def _prepare(workspace_id: int, fmt: Format, filters: ExportFilters, with_findings: bool,
             date_order: str | None, lang: str) -> dict:
    bar = st.progress(0.0, text=t("exchange.checking", lang, done=0, total="…")) if with_findings else None

    def progress(done: int, total: int) -> None:
        bar.progress(done / total, text=t("exchange.checking", lang, done=done, total=total))

    with st.spinner(t("exchange.preparing", lang)), resources.session() as session:
        result = export_calendar(workspace_id, fmt, session=session, filters=filters, with_findings=with_findings,
                                 date_order=date_order, progress=progress if bar else None)
    if bar:
        bar.empty()
    name, data, mime = download(result) if result.exported else (None, b"", None)
    return {"name": name, "data": data, "mime": mime, "exported": result.exported, "files": len(result.files),
            "notes": list(result.notes), "left_out": list(result.left_out)}


def _show_prepared(prepared: dict, lang: str) -> None:
    if prepared["exported"]:
        st.success(t("exchange.exported", lang, count=prepared["exported"], files=prepared["files"]))
        if prepared["files"] > 1:
            st.caption(t("exchange.zip", lang))
        st.download_button(t("exchange.download", lang, name=prepared["name"]), data=prepared["data"],
                           file_name=prepared["name"], mime=prepared["mime"], key="exchange.export.download",
                           type="primary", icon=":material/download:", on_click="ignore")
    else:
        st.warning(t("exchange.nothing_exported", lang))
    for note in prepared["notes"]:
        st.info(escape_markdown(localized(note, lang)), icon=":material/info:")
    if prepared["left_out"]:
        st.warning(t("exchange.left_out", lang, count=len(prepared["left_out"])))
        _table([{t("exchange.post_number", lang): item.post_id, t("title", lang): item.label,
                 t("channel", lang): item.channel, t("exchange.reason", lang): localized(item.reason, lang)}
                for item in prepared["left_out"]], narrow=(t("exchange.post_number", lang),))


def _import_label(count: int, lang: str) -> str:
    return t("exchange.import_one", lang) if count == 1 else t("exchange.import_many", lang, count=count)


def _show_plan(plan: ImportPlan, workspace_timezone: str, lang: str) -> None:
    st.caption(t("exchange.detected", lang, source=escape_markdown(plan.source),
                 format=t(f"exchange.format.{plan.format}", lang)))
    columns = st.columns(4)
    for column, label, value in zip(columns, ("rows", "to_create", "duplicates", "problems"),
                                    (plan.rows, len(plan.posts), len(plan.duplicates), len(plan.problems)),
                                    strict=True):
        column.metric(t(f"exchange.{label}", lang), value)
    if plan.problems:
        st.error(t("exchange.rejected", lang, count=len(plan.problems)), icon=":material/error:")
        _table([{t("exchange.row", lang): problem.row, t("exchange.column", lang): problem.column,
                 t("exchange.problem", lang): localized(problem.message, lang)} for problem in plan.problems],
               narrow=(t("exchange.row", lang), t("exchange.column", lang)))
    if plan.new_channels:
        st.warning(t("exchange.new_channels", lang, channels=", ".join(
            f"{escape_markdown(name)} ({platform})" for name, platform in plan.new_channels.items())))
    if plan.new_campaigns:
        st.info(t("exchange.new_campaigns", lang, campaigns=", ".join(map(escape_markdown, plan.new_campaigns))))
    for note in plan.notes:
        st.info(escape_markdown(localized(note, lang)), icon=":material/info:")
    if plan.unknown_people:
        st.info(t("exchange.people_kept", lang), icon=":material/person_off:")
        _people(plan.unknown_people.values(), lang)
    if plan.not_members:
        st.info(t("exchange.people_not_members", lang, brand=escape_markdown(plan.workspace_name or "")),
                icon=":material/group:")
        _people(plan.not_members.values(), lang)
    if plan.posts:
        st.markdown(f"**{t('exchange.posts_to_create', lang)}**")
        _table([{t("exchange.row", lang): post.row,
                 t("exchange.date", lang): _when(post.data.scheduled_at, post.data.timezone or workspace_timezone,
                                                 lang),
                 t("channel", lang): post.channel,
                 t("exchange.label", lang): _excerpt(post.label)} for post in plan.posts],
               narrow=(t("exchange.row", lang),))
    if plan.duplicates:
        st.markdown(f"**{t('exchange.duplicates', lang)}**")
        _table([{t("exchange.row", lang): skipped.row, t("exchange.reason", lang): localized(skipped.reason, lang)}
                for skipped in plan.duplicates], narrow=(t("exchange.row", lang),))


def _people(people, lang: str) -> None:
    """The people a file names (by email), with the number of posts they write or review."""
    _table([{t("email", lang): person.email, t("exchange.author_of", lang): person.author_of,
             t("exchange.reviewer_of", lang): person.reviewer_of} for person in people])


def _import(data: bytes, arguments: dict, user: User, lang: str) -> None:
    """Read the file again in the import's transaction (the calendar may have changed since the preview) and
    write it, all or nothing; the service refuses a user who may not import."""
    try:
        with resources.session() as session:
            plan = plan_import(data, session=session, **arguments)
            if not plan.ok:
                raise ImportRejected(plan)
            result = apply_import(plan, session=session, user=user)
    except EditoError as error:
        st.error(error_message(error, lang), icon=":material/block:")
        return
    st.session_state[IMPORTED_KEY] = {"count": result.created, "skipped": result.skipped,
                                      "source": escape_markdown(plan.source)}
    st.session_state[ROUND_KEY] += 1  # an empty uploader: the same file is not offered twice
    st.session_state.pop(PREPARED_KEY, None)  # an export prepared before the import is out of date
    st.rerun()


workspace = choose_workspace()
if workspace is None:
    st.stop()
user = choose_user()
lang = str(workspace.language)
wid = workspace.id
zone = ZoneInfo(workspace.timezone)

st.title(f"{t('exchange', lang)} · {escape_markdown(workspace.name)}")

with resources.session() as session:
    channels = {channel.id: channel for channel in list_channels(wid, session=session)}
    campaigns = {campaign.id: campaign for campaign in list_campaigns(wid, session=session)}

export_tab, import_tab = st.tabs([t("exchange.export", lang), t("exchange.import", lang)], key="exchange.tab")

# --- Export --------------------------------------------------------------------------------------------

with export_tab:
    st.caption(t("exchange.export_help", lang))
    format_column, period_column = st.columns([1, 1], gap="large")
    with format_column:
        fmt = st.selectbox(t("exchange.format", lang), list(Format), key="exchange.export.format",
                           format_func=lambda value: t(f"exchange.format.{value}", lang))
        st.caption(t(f"exchange.describe.{fmt}", lang))
    with period_column:
        all_dates = st.checkbox(t("exchange.all_dates", lang), key=f"exchange.export.all_dates.{wid}")
        first_of_month, end_of_month = _month(datetime.now(zone).date())
        from_column, to_column = st.columns(2)
        start = from_column.date_input(t("from", lang), value=first_of_month, format="DD/MM/YYYY",
                                       key=f"exchange.export.from.{wid}", disabled=all_dates)
        end = to_column.date_input(t("exchange.to", lang), value=end_of_month, format="DD/MM/YYYY",
                                   key=f"exchange.export.to.{wid}", disabled=all_dates)

    channel_column, status_column, campaign_column = st.columns(3)
    chosen_channels = channel_column.multiselect(
        t("filter.channels", lang), options=list(channels), format_func=lambda key: channels[key].display_name,
        key=f"exchange.export.channels.{wid}", placeholder=t("filter.any", lang))
    chosen_statuses = status_column.multiselect(
        t("filter.statuses", lang), options=[str(status) for status in PostStatus],
        format_func=lambda key: t(f"status.{key}", lang), key=f"exchange.export.statuses.{wid}",
        placeholder=t("filter.any", lang))
    chosen_campaign = campaign_column.selectbox(
        t("filter.campaign", lang), options=[None, *campaigns],
        format_func=lambda key: t("filter.all", lang) if key is None else campaigns[key].name,
        key=f"exchange.export.campaign.{wid}")

    with_findings = fmt in FINDINGS_FORMATS and st.checkbox(
        t("exchange.with_findings", lang), help=t("exchange.with_findings_help", lang),
        key="exchange.export.with_findings")
    date_order = None
    if fmt in DATE_ORDER_FORMATS:
        date_order = st.radio(t("exchange.date_order", lang), options=[str(order) for order in DateOrder],
                              index=0 if lang == "fr" else 1, horizontal=True, key=f"exchange.export.date_order.{wid}",
                              format_func=lambda value: t(f"exchange.date_order.{value}", lang))

    period_ok = all_dates or (start is not None and end is not None and start <= end)
    if not period_ok:
        st.error(t("exchange.bad_period", lang))
    filters = ExportFilters(
        start=None if all_dates else start, end=None if all_dates else end,
        channels=tuple(channels[key].display_name for key in chosen_channels),
        statuses=tuple(chosen_statuses),
        campaign=campaigns[chosen_campaign].name if chosen_campaign is not None else None)
    # A file built for other options is not offered any more.
    options = (wid, str(fmt), filters, with_findings, date_order)
    if st.button(t("exchange.prepare", lang), key="exchange.export.prepare", icon=":material/construction:",
                 disabled=not period_ok):
        st.session_state.pop(PREPARED_KEY, None)
        try:
            st.session_state[PREPARED_KEY] = (options, _prepare(wid, fmt, filters, with_findings, date_order, lang))
        except EditoError as error:
            st.error(error_message(error, lang))
    prepared = st.session_state.get(PREPARED_KEY)
    if prepared and prepared[0] == options:
        _show_prepared(prepared[1], lang)

# --- Import --------------------------------------------------------------------------------------------

with import_tab:
    st.caption(t("exchange.import_help", lang))
    done = st.session_state.pop(IMPORTED_KEY, None)
    if done:
        st.success(t("exchange.imported", lang, **done), icon=":material/check_circle:")
        st.page_link(calendar_page(), label=t("exchange.see_calendar", lang), icon=":material/calendar_month:")

    uploaded = st.file_uploader(t("exchange.file", lang), type=["csv"],
                                key=f"exchange.import.file.{st.session_state.setdefault(ROUND_KEY, 0)}")
    format_column, channel_column, order_column = st.columns(3)
    import_format = format_column.selectbox(
        t("exchange.format", lang), options=[None, *IMPORT_FORMATS], key="exchange.import.format",
        format_func=lambda value: t("exchange.detect", lang) if value is None else t(f"exchange.format.{value}", lang))
    # A channel of the brand, or one the import creates (a fresh brand has none yet): "Name:platform".
    new_channels = {f"{name}:{platform}": t("exchange.new_channel_for", lang, name=name, platform=platform)
                    for platform, name in PLATFORM_NAMES.items()
                    if fold(name) not in {fold(channel.display_name) for channel in channels.values()}}
    import_channel = channel_column.selectbox(
        t("exchange.import_channel", lang), options=[None, *channels, *new_channels],
        key=f"exchange.import.channel.{wid}", help=t("exchange.import_channel_help", lang),
        format_func=lambda key: t("exchange.channel_from_file", lang) if key is None else
        new_channels[key] if key in new_channels else channels[key].display_name)
    import_order = order_column.selectbox(
        t("exchange.date_order", lang), options=[None, *(str(order) for order in DateOrder)],
        key="exchange.import.date_order", help=t("exchange.date_order_help", lang),
        format_func=lambda value: t(f"exchange.date_order.{value or 'auto'}", lang))

    if uploaded is None:
        st.stop()
    arguments = {"source": uploaded.name, "workspace_id": wid, "fmt": import_format, "date_order": import_order,
                 "channel": None if import_channel is None else import_channel if import_channel in new_channels
                 else channels[import_channel].display_name}
    try:
        with st.spinner(t("exchange.reading", lang)), resources.session() as session:
            plan = plan_import(uploaded.getvalue(), session=session, **arguments)
    except EditoError as error:
        st.error(error_message(error, lang), icon=":material/error:")
        st.stop()
    _show_plan(plan, workspace.timezone, lang)

    if plan.ok and not plan.posts:
        st.info(t("exchange.nothing_new", lang))
    elif plan.ok and user is None:
        st.info(t("no_user", lang))
    elif plan.ok:
        clicked = st.button(_import_label(len(plan.posts), lang), type="primary", key="exchange.import.apply",
                            icon=":material/upload:")
        st.caption(t("exchange.import_as", lang, name=escape_markdown(user.name), role=t(f"role.{user.role}", lang)))
        if clicked:
            _import(uploaded.getvalue(), arguments, user, lang)
