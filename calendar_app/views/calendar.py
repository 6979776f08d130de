"""Calendar: the brand's posts by month, week or list (FullCalendar), coloured by channel, with their
status; drag a post to reschedule it, click it to open it. The table stays as a fallback view."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from calendar_app import resources
from calendar_app.components import calendar_grid as grid
from calendar_app.components.plain_text import error_message, escape_markdown
from calendar_app.components.user_picker import choose_user
from calendar_app.components.workspace_picker import choose_workspace
from calendar_app.errors import EditoError
from calendar_app.i18n import short_day, t
from calendar_app.models import Pillar, PostStatus, PostUpdate
from calendar_app.navigation import PAGES_DIR
from calendar_app.services.posts import get_post, list_posts, sent_back_to_review, update_post
from calendar_app.services.users import list_users
from calendar_app.services.workspaces import list_campaigns, list_channels

FLASH_KEY = "calendar.flash"      # the outcome of a reschedule, shown on the run after it
HANDLED_KEY = "calendar.handled"  # the last component value acted on
REVISION_KEY = "calendar.revision"

workspace = choose_workspace()
if workspace is None:
    st.stop()
user = choose_user()  # every drag is saved as this person, with their role's permissions
lang = str(workspace.language)
zone = ZoneInfo(workspace.timezone)

st.title(f"{t('calendar', lang)} · {escape_markdown(workspace.name)}")  # names are shown as typed

flash = st.session_state.pop(FLASH_KEY, None)
if flash:
    kind, message = flash
    (st.toast if kind == "success" else st.error)(message)

# --- sidebar: view, period, filters -------------------------------------------------------------------

view = st.sidebar.radio(t("view", lang), options=["month", "week", "list", "table"], horizontal=True,
                        format_func=lambda key: t(f"view.{key}", lang), key="calendar.view")
this_monday = date.today() - timedelta(days=date.today().weekday())
first_day = st.sidebar.date_input(t("from", lang), value=this_monday - timedelta(days=14), key="calendar.from",
                                  format="DD/MM/YYYY")
weeks = st.sidebar.slider(t("weeks", lang), min_value=1, max_value=12, value=5, key="calendar.weeks")
range_start, range_end = grid.day_range(first_day, weeks)
start = datetime.combine(range_start, time(0), tzinfo=zone)
end = datetime.combine(range_end, time(0), tzinfo=zone)

with resources.session() as session:
    channels = {channel.id: channel for channel in list_channels(workspace.id, session=session)}
    campaigns = {campaign.id: campaign for campaign in list_campaigns(workspace.id, session=session)}
    users = {user.id: user for user in list_users(session=session)}

# Keys carry the workspace: one brand's channels and campaigns are not options of another's.
st.sidebar.subheader(t("filters", lang))
chosen_channels = st.sidebar.multiselect(
    t("filter.channels", lang), options=list(channels), format_func=lambda key: channels[key].display_name,
    key=f"calendar.channels.{workspace.id}", placeholder=t("filter.any", lang))
chosen_statuses = st.sidebar.multiselect(
    t("filter.statuses", lang), options=[str(status) for status in PostStatus],
    format_func=lambda key: t(f"status.{key}", lang), key=f"calendar.statuses.{workspace.id}",
    placeholder=t("filter.any", lang))
chosen_campaign = st.sidebar.selectbox(
    t("filter.campaign", lang), options=[None, *campaigns],
    format_func=lambda key: t("filter.all", lang) if key is None else campaigns[key].name,
    key=f"calendar.campaign.{workspace.id}")
chosen_author = st.sidebar.selectbox(
    t("filter.author", lang), options=[None, *users],
    format_func=lambda key: t("filter.everyone", lang) if key is None else users[key].name,
    key=f"calendar.author.{workspace.id}")
chosen_pillars = st.sidebar.multiselect(
    t("filter.pillars", lang), options=[str(pillar) for pillar in Pillar],
    format_func=lambda key: t(f"pillar.{key}", lang), key=f"calendar.pillars.{workspace.id}",
    placeholder=t("filter.any", lang))

with resources.session() as session:
    posts = list_posts(
        workspace.id, session=session, start=start, end=end,
        channel_ids=chosen_channels or None, statuses=chosen_statuses or None, campaign_id=chosen_campaign,
        author_id=chosen_author, pillars=chosen_pillars or None,
    )

st.caption(t("posts_count", lang, count=len(posts)) + f" · {workspace.timezone}")
if not posts:
    st.info(t("no_posts", lang))
    st.stop()

# --- the table (fallback view) ------------------------------------------------------------------------

if view == "table":
    rows = [
        {
            t("day", lang): short_day(post.scheduled_at.astimezone(zone), lang),
            t("time", lang): post.scheduled_at.astimezone(zone).strftime("%H:%M"),
            t("channel", lang): channels[post.channel_id].display_name,
            t("title", lang): post.title or grid.excerpt(post.body),
            t("status", lang): t(f"status.{post.status}", lang),
        }
        for post in posts
    ]
    channel_colours = {channel.display_name: channel.colour for channel in channels.values()}
    table = pd.DataFrame(rows).style.map(
        lambda name: f"background-color: {channel_colours.get(name, '#ffffff')}; "
                     f"color: {grid.text_colour(channel_colours.get(name, '#ffffff'))}",
        subset=[t("channel", lang)],
    )
    st.dataframe(table, hide_index=True, width="stretch", height=min(38 + 35 * len(rows), 900))
    st.stop()

# --- the grid -----------------------------------------------------------------------------------------

st.caption(t("grid.hint", lang, timezone=workspace.timezone))
revision = st.session_state.setdefault(REVISION_KEY, 0)
events = grid.post_events(posts, channels, zone, lang, user)
for event in events:  # a new revision after each drop redraws the events even when nothing changed
    event["extendedProps"]["revision"] = revision
options = grid.grid_options(view, lang=lang, timezone=workspace.timezone, first_day=range_start,
                            last_day=range_end, initial=grid.initial_date(range_start, range_end, date.today()))
value = grid.show_grid(events, options, key=f"calendar.grid.{workspace.id}.{view}.{range_start}.{weeks}")

callback = value.get("callback")
if not callback:
    st.session_state.pop(HANDLED_KEY, None)  # a fresh grid: the next click, even on the same post, counts
elif grid.fingerprint(value) != st.session_state.get(HANDLED_KEY):
    st.session_state[HANDLED_KEY] = grid.fingerprint(value)
    if callback == "eventChange":
        request = grid.reschedule_request(value.get("eventChange") or {}, zone)
        if request is not None:
            post_id, version, new_start = request
            try:
                with resources.session() as session:
                    status_before = get_post(post_id, session=session).status
                    post = update_post(post_id, PostUpdate(scheduled_at=new_start), expected_version=version,
                                       session=session, actor_id=user.id if user else None)
                    title = post.title or grid.excerpt(post.body)
                    back = sent_back_to_review(status_before, post)
                when = f"{short_day(new_start, lang)} {new_start:%H:%M}"
                message = t("rescheduled", lang, title=escape_markdown(title), when=when)
                if back:
                    message += " " + t("posts.back_to_review", lang)
                st.session_state[FLASH_KEY] = ("success", message)
            except EditoError as error:
                st.session_state[FLASH_KEY] = ("error", t("reschedule_failed", lang, error=error_message(error, lang)))
            st.session_state[REVISION_KEY] = revision + 1
            st.rerun()
    elif callback == "eventClick":
        post_id = grid.clicked_post(value.get("eventClick") or {})
        if post_id is not None:
            st.switch_page(PAGES_DIR / "compose.py", query_params={"post": str(post_id)})
