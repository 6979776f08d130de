"""Trash: the brand's deleted posts, most recently deleted first, with who deleted them and a Restore button."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

import streamlit as st

from calendar_app import resources
from calendar_app.components.findings import html_text
from calendar_app.components.plain_text import escape_markdown
from calendar_app.components.user_picker import choose_user
from calendar_app.components.workspace_picker import choose_workspace
from calendar_app.errors import EditoError
from calendar_app.i18n import short_day, t
from calendar_app.services.posts import list_trash, restore_post
from calendar_app.services.users import list_users
from calendar_app.services.workspaces import list_channels

FLASH_KEY = "trash.flash"


def _excerpt(text: str, size: int = 80) -> str:
    """A post without a title is shown by the start of its text."""
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _restore(post_id: int, label: str, actor_id: int | None, lang: str) -> None:
    """Button callback: runs before the page, so the list drawn afterwards no longer shows the post."""
    try:
        with resources.session() as session:
            restore_post(post_id, session=session, actor_id=actor_id)
    except EditoError as error:
        st.session_state[FLASH_KEY] = ("error", escape_markdown(error))
    else:
        st.session_state[FLASH_KEY] = ("success", t("restored", lang, title=escape_markdown(label)))


workspace = choose_workspace()
if workspace is None:
    st.stop()
user = choose_user()
lang = str(workspace.language)
zone = ZoneInfo(workspace.timezone)
st.title(f"{t('trash', lang)} · {escape_markdown(workspace.name)}")

flash = st.session_state.pop(FLASH_KEY, None)
if flash:
    kind, message = flash
    if kind == "success":
        st.toast(message, icon=":material/restore_from_trash:")
    else:
        st.error(message)

with resources.session() as session:
    channels = {channel.id: channel for channel in list_channels(workspace.id, session=session)}
    names = {member.id: member.name for member in list_users(session=session)}
    entries = list_trash(workspace.id, session=session)

if not entries:
    st.info(t("trash_empty", lang))
    st.stop()
st.caption(t("trash_count", lang, count=len(entries)))

for post, deletion in entries:
    label = post.title or _excerpt(post.body)
    channel = channels.get(post.channel_id)
    when = (f"{short_day(post.scheduled_at.astimezone(zone), lang)} "
            f"{post.scheduled_at.astimezone(zone):%H:%M}") if post.scheduled_at else t("unscheduled", lang)
    deleted_moment = (deletion.at if deletion else post.deleted_at).astimezone(zone)
    deleted_when = f"{deleted_moment:%d/%m/%Y %H:%M}"
    who = names.get(deletion.actor_id) if deletion and deletion.actor_id else None
    with st.container(border=True, key=f"trash.post.{post.id}"):
        text_column, button_column = st.columns([5, 1], vertical_alignment="center")
        with text_column:
            colour = html.escape(channel.colour if channel else "#888888")
            channel_name = html_text(channel.display_name if channel else "?", line_breaks=False)
            status = html_text(t(f"status.{post.status}", lang))
            # user text is escaped for HTML and Markdown (channel and people's names) or shown with st.text
            # (the post's label)
            st.markdown(f'<span style="color:{colour}">●</span> <b>{channel_name}</b> · {html_text(when)} · {status}',
                        unsafe_allow_html=True)
            st.text(label)
            st.caption(t("deleted_by", lang, who=escape_markdown(who), when=deleted_when) if who
                       else t("deleted_at", lang, when=deleted_when))
        with button_column:
            st.button(t("restore", lang), key=f"trash.restore.{post.id}", icon=":material/restore_from_trash:",
                      on_click=_restore, args=(post.id, label, user.id if user else None, lang),
                      width="stretch")
