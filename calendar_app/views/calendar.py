"""Calendar: the brand's posts over the coming weeks, by day, coloured by channel, with their status."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from calendar_app import resources
from calendar_app.components.workspace_picker import choose_workspace
from calendar_app.i18n import short_day, t
from calendar_app.services.posts import list_posts
from calendar_app.services.workspaces import list_channels

def _excerpt(text: str, size: int = 60) -> str:
    """A post without a title is shown by the start of its text."""
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


workspace = choose_workspace()
if workspace is None:
    st.stop()
lang = str(workspace.language)
zone = ZoneInfo(workspace.timezone)

st.title(f"{t('calendar', lang)} · {workspace.name}")

this_monday = date.today() - timedelta(days=date.today().weekday())
first_day = st.sidebar.date_input(t("from", lang), value=this_monday - timedelta(days=14), key="calendar.from",
                                  format="DD/MM/YYYY")
weeks = st.sidebar.slider(t("weeks", lang), min_value=1, max_value=8, value=5, key="calendar.weeks")
start = datetime.combine(first_day, time(0), tzinfo=zone)
end = start + timedelta(weeks=weeks)

with resources.session() as session:
    channels = {channel.id: channel for channel in list_channels(workspace.id, session=session)}
    posts = list_posts(workspace.id, session=session, start=start, end=end)

st.caption(t("posts_count", lang, count=len(posts)) + f" · {workspace.timezone}")
if not posts:
    st.info(t("no_posts", lang))
    st.stop()

rows = [
    {
        t("day", lang): short_day(post.scheduled_at.astimezone(zone), lang),
        t("time", lang): post.scheduled_at.astimezone(zone).strftime("%H:%M"),
        t("channel", lang): channels[post.channel_id].display_name,
        t("title", lang): post.title or _excerpt(post.body),
        t("status", lang): t(f"status.{post.status}", lang),
    }
    for post in posts
]
channel_colours = {channel.display_name: channel.colour for channel in channels.values()}
table = pd.DataFrame(rows).style.map(
    lambda name: f"background-color: {channel_colours.get(name, '#ffffff')}; color: white",
    subset=[t("channel", lang)],
)
st.dataframe(table, hide_index=True, use_container_width=True, height=min(38 + 35 * len(rows), 900))
