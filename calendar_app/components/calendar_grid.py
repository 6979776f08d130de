"""The calendar grid: FullCalendar (month, week, list) through the ``streamlit-calendar`` component.

Everything but ``show_grid`` is pure, so the tests check the events and options without a browser.

Time zones: the bundled FullCalendar has no time-zone plugin, so with a named ``timeZone`` it shows
each ISO datetime at the wall-clock time written in it. Events are therefore given as wall-clock time
in the workspace's zone *with that instant's offset* (``2026-03-29T09:00:00+02:00``), which is exact on
both sides of a daylight-saving change. When an event is dragged, FullCalendar keeps the offset the
event had before the move (a post dragged across the change of 29 March comes back as ``…+01:00``),
so ``dropped_start`` reads only the wall-clock part and places it in the workspace's zone again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from calendar_app.i18n import t
from calendar_app.models import Channel, Post, PostStatus, User
from calendar_app.services.permissions import may_edit

VIEWS = {"month": "dayGridMonth", "week": "timeGridWeek", "list": "listWeek"}
# A post that is out cannot be moved any more: its date is history.
FIXED_STATUSES = frozenset({PostStatus.PUBLISHED, PostStatus.ARCHIVED})

CUSTOM_CSS = """
.fc .fc-event { cursor: pointer; }
.fc .edito-status-idea, .fc .edito-status-draft { border-style: dashed !important; opacity: .85; }
.fc .edito-status-published { opacity: .7; }
.fc .edito-status-archived { opacity: .5; text-decoration: line-through; }
.fc .fc-daygrid-event .fc-event-title { white-space: normal; }
.fc .fc-daygrid-event .fc-event-time { flex-shrink: 0; overflow: visible; }
.fc .fc-toolbar-title { font-size: 1.3rem; }
"""


def excerpt(text: str, size: int = 60) -> str:
    """A post without a title is shown by the start of its text."""
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (#rrggbb), by WCAG relative luminance."""
    channels = [int(background[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#111111" if luminance > 0.179 else "#ffffff"


def local_iso(moment: datetime, zone: ZoneInfo) -> str:
    """``moment`` as wall-clock time in ``zone`` with the offset in force then, to the second."""
    return moment.astimezone(zone).replace(microsecond=0).isoformat()


def post_event(post: Post, channel: Channel, zone: ZoneInfo, lang: str, *, movable: bool = True) -> dict:
    """One FullCalendar event: the status before the title, the channel's colour, the post's id and version;
    draggable unless its status is fixed or the person may not move it (``movable``)."""
    status = PostStatus(post.status)
    title = post.title or excerpt(post.body) or f"#{post.id}"
    return {
        "id": str(post.id),
        "title": f"{t(f'status.{status}', lang)} · {title}",
        "start": local_iso(post.scheduled_at, zone),
        "allDay": False,
        "backgroundColor": channel.colour,
        "borderColor": channel.colour,
        "textColor": text_colour(channel.colour),
        "classNames": [f"edito-status-{status}"],
        "startEditable": movable and status not in FIXED_STATUSES,
        "extendedProps": {
            "post_id": post.id,
            "version": post.version,
            "status": str(status),
            "channel": channel.display_name,
        },
    }


def post_events(posts: Iterable[Post], channels: Mapping[int, Channel], zone: ZoneInfo, lang: str,
                user: User | None = None) -> list[dict]:
    """Events for the scheduled posts (an idea without a date has no place on a grid); only the posts
    ``user`` may move can be dragged (the service refuses the others anyway)."""
    return [post_event(post, channels[post.channel_id], zone, lang, movable=may_edit(user, post))
            for post in posts if post.scheduled_at]


def grid_options(view: str, *, lang: str, timezone: str, first_day: date, last_day: date,
                 initial: date) -> dict:
    """FullCalendar options: the view, the workspace's zone, navigation kept to the loaded days
    ``[first_day, last_day)``, labels in the workspace's language, weeks starting on Monday."""
    return {
        "initialView": VIEWS[view],
        "initialDate": initial.isoformat(),
        "timeZone": timezone,
        "validRange": {"start": first_day.isoformat(), "end": last_day.isoformat()},
        "headerToolbar": {"left": "prev,next today", "center": "title", "right": ""},
        "locale": {
            "code": lang,
            "week": {"dow": 1, "doy": 4},
            "buttonText": {"today": t("grid.today", lang), "month": t("grid.month", lang),
                           "week": t("grid.week", lang), "list": t("grid.list", lang)},
            "allDayText": t("grid.all_day", lang),
            "moreLinkText": t("grid.more", lang),
            "noEventsText": t("no_posts", lang),
            "weekText": t("grid.week_short", lang),
        },
        "firstDay": 1,
        "height": "auto",
        "editable": True,
        "eventDurationEditable": False,
        "allDaySlot": False,
        "eventDisplay": "block",
        "dayMaxEvents": 4,
        "slotMinTime": "06:00:00",
        "slotMaxTime": "23:00:00",
        "scrollTime": "08:00:00",
        "eventTimeFormat": {"hour": "2-digit", "minute": "2-digit", "hour12": False},
        "slotLabelFormat": {"hour": "2-digit", "minute": "2-digit", "hour12": False},
        "nowIndicator": True,
    }


def initial_date(first_day: date, last_day: date, today: date) -> date:
    """The day the grid opens on: today when it is in the loaded range, else the range's first day."""
    return today if first_day <= today < last_day else first_day


def dropped_start(value: str, zone: ZoneInfo, previous: str | None = None) -> datetime:
    """The aware datetime of a dropped event's ``start``: its wall-clock time in ``zone`` (the offset
    FullCalendar attaches is the one from before the move, so it is ignored). A date alone (an
    all-day drop) keeps the time of day of ``previous``."""
    if len(value) == 10:
        wall_time = datetime.fromisoformat(previous).time() if previous else time(9, 0)
        wall = datetime.combine(date.fromisoformat(value), wall_time)
    else:
        wall = datetime.fromisoformat(value).replace(tzinfo=None)
    return wall.replace(tzinfo=zone, fold=0)


def reschedule_request(change: Mapping, zone: ZoneInfo) -> tuple[int, int, datetime] | None:
    """From the component's ``eventChange`` value: (post id, version read, new start), or None when
    the start did not move."""
    event, old = change.get("event") or {}, change.get("oldEvent") or {}
    props = event.get("extendedProps") or {}
    if "post_id" not in props or not event.get("start"):
        return None
    new_start = dropped_start(event["start"], zone, old.get("start"))
    if old.get("start") and dropped_start(old["start"], zone) == new_start:
        return None
    return int(props["post_id"]), int(props["version"]), new_start


def clicked_post(click: Mapping) -> int | None:
    props = (click.get("event") or {}).get("extendedProps") or {}
    return int(props["post_id"]) if "post_id" in props else None


def fingerprint(value: Mapping) -> str:
    """A stable text for a component value, to act on each interaction once: the component keeps
    returning its last value on every later run."""
    return json.dumps(value, sort_keys=True, default=str)


def day_range(first_day: date, weeks: int) -> tuple[date, date]:
    """The loaded days: from the Monday of ``first_day``'s week, ``weeks`` whole weeks."""
    monday = first_day - timedelta(days=first_day.weekday())
    return monday, monday + timedelta(weeks=weeks)


def show_grid(events: list[dict], options: dict, *, key: str) -> dict:
    """Draw the grid; returns the component's last value (``{}`` before any interaction)."""
    from streamlit_calendar import calendar

    return calendar(events=events, options=options, custom_css=CUSTOM_CSS,
                    callbacks=["eventClick", "eventChange"], key=key) or {}
