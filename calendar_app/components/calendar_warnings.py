"""The calendar checks (family CAL) in the pages: a finding's window in words, links to the posts it names,
and the warnings shown beside a post that tips a window over a limit.

Findings come from ``services.calendar_checks``. Messages quote channel, campaign and author names, so they
go through ``escape_markdown``; links open the post in Compose (``/compose?post=ID``) inside the app.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import streamlit as st
from sqlalchemy import func
from sqlmodel import select

from calendar_app import resources
from calendar_app.components.plain_text import escape_markdown
from calendar_app.errors import EditoError
from calendar_app.i18n import short_day, t
from calendar_app.models import Post, Workspace
from calendar_app.navigation import compose_page
from checks import Finding

MAX_POST_LINKS = 6  # links per finding; the others are counted
LINK_LABEL_CHARS = 48
CACHE_SECONDS = 60  # a post's calendar findings are reused this long while no post of its brand changes



def window_text(window: Sequence[str] | None, lang: str) -> str:
    """A finding's window, ISO date-times in the brand's timezone, in words: whole days as days."""
    if not window:
        return ""
    start, end = (datetime.fromisoformat(value) for value in window)
    if end > start and all((moment.hour, moment.minute, moment.second) == (0, 0, 0) for moment in (start, end)):
        last = end - timedelta(days=1)
        if last.date() == start.date():
            return t("calendar_checks.day", lang, day=f"{start:%d/%m/%Y}")
        return t("calendar_checks.span", lang, start=f"{start:%d/%m/%Y}", end=f"{last:%d/%m/%Y}")
    if start == end:
        return t("calendar_checks.day", lang, day=f"{start:%d/%m/%Y %H:%M}")
    return t("calendar_checks.span", lang, start=f"{start:%d/%m/%Y %H:%M}", end=f"{end:%d/%m/%Y %H:%M}")


def post_label(post_id: str, summary: Mapping[str, Any] | None, lang: str, zone) -> str:
    """« mar. 24/11 · Instagram · Soldes d'hiver », Markdown-escaped (a page link's label is Markdown)."""
    if summary is None:
        return f"n°{post_id}" if lang == "fr" else f"#{post_id}"
    title = summary["title"] or "…"
    title = title if len(title) <= LINK_LABEL_CHARS else title[:LINK_LABEL_CHARS - 1] + "…"
    parts = [summary["channel"], title]
    if summary["scheduled_at"] is not None:
        parts.insert(0, short_day(summary["scheduled_at"].astimezone(zone), lang))
    return escape_markdown(" · ".join(parts))


def show_post_links(post_ids: Sequence[str], summaries: Mapping[str, Mapping[str, Any]], lang: str, zone) -> None:
    """One link per post named (the first ``MAX_POST_LINKS``), side by side; each opens Compose on it. The
    post the finding is about (the one that tips the window…) comes first, with a flag."""
    if not post_ids:
        return
    with st.container(horizontal=True, gap="small"):
        for position, post_id in enumerate(post_ids[:MAX_POST_LINKS]):
            st.page_link(compose_page(), label=post_label(post_id, summaries.get(post_id), lang, zone),
                         query_params={"post": post_id},
                         icon=":material/flag:" if position == 0 else ":material/edit_note:")
        if len(post_ids) > MAX_POST_LINKS:
            st.caption(t("calendar_checks.more_posts", lang, count=len(post_ids) - MAX_POST_LINKS))


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False, max_entries=500)
def _post_findings(post_id: int, changed: str) -> list[dict]:
    """The post's calendar findings as plain data; ``changed`` (the brand's last post change and its number
    of posts) is part of the cache key, so a save anywhere in the brand computes them again."""
    from calendar_app.services.calendar_checks import findings_for_post

    try:
        with resources.session() as session:
            return [finding.to_dict() for finding in findings_for_post(post_id, session=session)]
    except EditoError:  # deleted meanwhile: nothing to show
        return []


def show_calendar_warnings(post_id: int) -> None:
    """A warning per calendar finding this post comes first in (it tips a window over a limit, repeats an
    earlier text, is past its time…): the message and the period it covers. Nothing for a post without
    a date, archived or in the trash."""
    with resources.session() as session:
        post = session.get(Post, post_id)
        if post is None or post.deleted_at is not None or post.scheduled_at is None:
            return
        workspace = session.get(Workspace, post.workspace_id)
        changed = session.exec(select(func.max(Post.updated_at), func.count()).where(
            Post.workspace_id == post.workspace_id)).one()
        lang = str(workspace.language)
    for data in _post_findings(post_id, f"{changed[0]}|{changed[1]}"):
        finding = Finding.from_dict(data)
        st.warning(t("calendar_checks.post_warning", lang, code=finding.code, message=escape_markdown(finding.message),
                     window=window_text(finding.window, lang)), icon=":material/date_range:")
