"""A post's audit trail as a table: when (in the brand's timezone), who, what, and for a change each
field with its value before and after.

``history_rows`` is pure (the tests call it without Streamlit); ``show_history`` reads the trail through
``services.audit.history`` and draws it with ``st.dataframe``, which shows every value as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import streamlit as st

from calendar_app import resources
from calendar_app.i18n import t
from calendar_app.models import AuditEvent
from calendar_app.services.audit import history
from calendar_app.services.users import list_users

WIDTH = 36  # characters of a value shown in the table: about what its column shows
NOT_SHOWN = frozenset({"id", "uid", "workspace_id", "version", "created_at", "updated_at", "deleted_at", "group_id"})
LABELLED = ("objective", "pillar", "sponsorship", "status")
FIELD_LABELS = {"channel_id": "channel", "campaign_id": "campaign", "scheduled_at": "merge.when",
                "author_id": "history.author", "reviewer_id": "history.reviewer", "media_note": "history.media_note",
                "comment": "history.comment", "override_reason": "history.reason", "overridden": "history.rules",
                "source": "history.source"}


def _one_line(value: str) -> str:
    """Line breaks as ↵, other runs of spaces as one."""
    return re.sub(r"[ \t]*\n\s*", " ↵ ", value.strip()).replace("\t", " ")


def shorten(before: str, after: str, width: int = WIDTH) -> tuple[str, str]:
    """Two long texts cut to ``width`` around where they start to differ, so the change shows."""
    if len(before) <= width and len(after) <= width:
        return before, after
    same = 0
    while same < min(len(before), len(after)) and before[same] == after[same]:
        same += 1
    # From the start when the first difference shows there, else from a few characters before it.
    start = 0 if same + 10 <= width else same - 10

    def cut(text: str) -> str:
        piece = text[start:start + width]
        if start:
            piece = "…" + piece.lstrip()
        return piece.rstrip() + "…" if start + width < len(text) else piece

    return cut(before), cut(after)


class _Describer:
    def __init__(self, *, lang: str, zone: ZoneInfo, users: Mapping[int, str], channels: Mapping[int, str],
                 campaigns: Mapping[int, str]) -> None:
        self.lang, self.zone, self.users, self.channels, self.campaigns = lang, zone, users, channels, campaigns

    def value(self, field: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if field == "channel_id":
            return self.channels.get(value, f"#{value}")
        if field == "campaign_id":
            return self.campaigns.get(value, f"#{value}")
        if field in ("author_id", "reviewer_id"):
            return self.users.get(value, f"#{value}")
        if field in LABELLED:
            return t(f"{field}.{value}", self.lang)
        if field == "scheduled_at":
            try:
                return datetime.fromisoformat(str(value)).astimezone(self.zone).strftime("%d/%m/%Y %H:%M")
            except ValueError:
                return str(value)
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return _one_line(str(value))

    def field(self, field: str) -> str:
        return t(FIELD_LABELS.get(field, field), self.lang)


def _action(event: AuditEvent) -> str:
    if event.action == "status" and event.after and event.after.get("override_reason"):
        return "override"
    return event.action


def history_rows(events: Iterable[AuditEvent], *, lang: str, zone: ZoneInfo, users: Mapping[int, str],
                 channels: Mapping[int, str], campaigns: Mapping[int, str]) -> list[dict[str, str]]:
    """Newest first, one row per field changed (one row for an event that changes no field)."""
    describer = _Describer(lang=lang, zone=zone, users=users, channels=channels, campaigns=campaigns)
    columns = [t(f"history.{name}", lang) for name in ("when", "who", "action", "field", "before", "after")]
    rows = []
    for event in sorted(events, key=lambda event: (event.at, event.id or 0), reverse=True):
        when = event.at.astimezone(zone).strftime("%d/%m/%Y %H:%M:%S")
        who = users.get(event.actor_id, f"#{event.actor_id}") if event.actor_id is not None else t(
            "history.system", lang)
        action = _action(event)
        label = t(f"history.action.{action}", lang)
        if label == f"history.action.{action}":
            label = action
        before, after = event.before or {}, event.after or {}
        changes: list[tuple[str, str, str]] = []
        if event.action in ("edit", "reschedule", "status"):
            for field in [*after, *(key for key in before if key not in after)]:
                if field in NOT_SHOWN or (field == "timezone" and before.get(field) == after.get(field)):
                    continue
                old = describer.value(field, before.get(field)) if field in before else ""
                new = describer.value(field, after.get(field))
                changes.append((describer.field(field), *shorten(old, new)))
        elif event.action == "import" and after.get("source"):
            changes.append((describer.field("source"), "", f"{after['source']} · {after.get('row', '')}"))
        for change in changes or [("", "", "")]:
            rows.append(dict(zip(columns, (when, who, label, *change), strict=True)))
    return rows


def show_history(post_id: int, *, lang: str, zone: ZoneInfo, channels: Mapping[int, str],
                 campaigns: Mapping[int, str]) -> None:
    with resources.session() as session:
        events = history("post", post_id, session=session)
        users = {user.id: user.name for user in list_users(session=session)}
    if not events:
        st.caption(t("history.empty", lang))
        return
    rows = history_rows(events, lang=lang, zone=zone, users=users, channels=channels, campaigns=campaigns)
    st.caption(t("history.caption", lang, count=len(events), zone=zone.key))
    when, who, action, field, before, after = rows[0]
    text = st.column_config.TextColumn
    st.dataframe(rows, hide_index=True, width="stretch", key=f"compose.history.{post_id}",
                 column_config={when: text(width=135), who: text(width=105), action: text(width=110),
                                field: text(width=95), before: text(width=230), after: text(width=230)})
