"""A small calendar written by hand, in YAML: the rules' ```calendar examples, fixtures and tests.

```yaml
now: 2026-11-23 09:00            # optional (default below), in `timezone` unless it has an offset
timezone: Europe/Paris           # optional, default Europe/Paris
lang: fr                         # optional: the language of posts that do not say
window: [2026-11-01, 2026-12-01] # optional: the period being checked
frequency: {Instagram Lumen: 3}  # optional: planned posts per week, by channel
config: {rules: {CAL001: {target: 0.3}}}   # optional: settings as in [tool.edito]
posts:
  - {channel: Instagram Lumen, at: 2026-11-23 09:00, text: "…", pillar: promotional}
```

A post takes ``id`` (default ``p1``, ``p2``… by position), ``channel`` (default ``Instagram``),
``platform`` (default: the channel's first word, lower case), ``at`` (local time or ISO 8601 with
offset; none for an unscheduled post), ``status`` (default ``scheduled``), ``text``, ``title``,
``pillar``, ``objective``, ``author``, ``campaign``, ``commercial`` (its number of COM findings) and
``lang``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from checks.calendar.model import CalendarContext, CalendarPost
from checks.config import Config

DEFAULT_NOW = "2026-11-23 09:00"  # a Monday
DEFAULT_TIMEZONE = "Europe/Paris"
CALENDAR_KEYS = {"now", "timezone", "lang", "window", "frequency", "config", "posts"}
POST_KEYS = {"id", "channel", "platform", "at", "status", "text", "title", "pillar", "objective", "author",
             "campaign", "commercial", "lang"}


def moment(value: Any, zone: ZoneInfo) -> datetime:
    """A date-time from YAML: a datetime, a date (midnight) or ISO text; naive values are in ``zone``."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, datetime.min.time())
    else:
        parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def _post(number: int, data: Mapping[str, Any], zone: ZoneInfo, lang: str | None) -> CalendarPost:
    unknown = set(data) - POST_KEYS
    if unknown:
        raise ValueError(f"post {number}: unknown key(s) {', '.join(sorted(unknown))}; expected {sorted(POST_KEYS)}")
    channel = str(data.get("channel", "Instagram"))
    return CalendarPost(
        id=str(data.get("id", f"p{number}")), channel=channel,
        platform=str(data.get("platform", channel.split()[0].lower())),
        scheduled_at=moment(data["at"], zone) if data.get("at") is not None else None,
        status=str(data.get("status", "scheduled")), text=str(data.get("text", "")), title=str(data.get("title", "")),
        pillar=data.get("pillar"), objective=data.get("objective"), author=data.get("author"),
        campaign=data.get("campaign"), commercial_findings=int(data.get("commercial", 0)),
        lang=data.get("lang", lang),
    )


def calendar_from_data(data: Mapping[str, Any]) -> tuple[list[CalendarPost], CalendarContext, Config | None]:
    """The posts, the context and the settings (None: the defaults) a small calendar describes."""
    unknown = set(data) - CALENDAR_KEYS
    if unknown:
        raise ValueError(f"unknown calendar key(s) {', '.join(sorted(unknown))}; expected {sorted(CALENDAR_KEYS)}")
    timezone = str(data.get("timezone", DEFAULT_TIMEZONE))
    zone = ZoneInfo(timezone)
    posts = [_post(number, post, zone, data.get("lang")) for number, post in enumerate(data["posts"], start=1)]
    window = data.get("window")
    context = CalendarContext(
        now=moment(data.get("now", DEFAULT_NOW), zone), timezone=timezone,
        channel_frequency={str(name): float(count) for name, count in (data.get("frequency") or {}).items()},
        window=(moment(window[0], zone), moment(window[1], zone)) if window else None,
    )
    config = Config.from_mapping(data["config"], source="calendar example") if data.get("config") else None
    return posts, context, config
