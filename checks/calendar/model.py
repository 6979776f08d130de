"""What a calendar check sees: the posts of one workspace over a period, and the facts around them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# The calendar's post statuses, in workflow order (calendar_app.models.PostStatus holds the same values).
STATUSES = ("idea", "draft", "in_review", "changes_requested", "approved", "scheduled", "published", "archived")
NOT_APPROVED = frozenset({"idea", "draft", "in_review", "changes_requested"})
COMMERCIAL_PILLAR = "promotional"


def _require_aware(value: datetime, what: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime, not {value!r}")


@dataclass(frozen=True, slots=True)
class CalendarPost:
    """One post of the calendar, as the calendar checks read it.

    ``channel`` is the channel's display name ("Instagram Lumen"), ``platform`` its network
    ("instagram"; per-channel settings are keyed by it). ``commercial_findings`` is how many post-level
    COM findings the post has: the caller fills it (see ``with_commercial_findings``).
    """

    id: str
    channel: str
    platform: str
    scheduled_at: datetime | None
    status: str
    text: str
    title: str = ""
    pillar: str | None = None
    objective: str | None = None
    author: str | None = None
    campaign: str | None = None
    commercial_findings: int = 0
    lang: str | None = None

    def __post_init__(self) -> None:
        if self.scheduled_at is not None:
            _require_aware(self.scheduled_at, f"post {self.id}: scheduled_at")
        if self.status not in STATUSES:
            raise ValueError(f"post {self.id}: status must be one of {', '.join(STATUSES)}, not {self.status!r}")

    @property
    def is_commercial(self) -> bool:
        """A promotional pillar, or at least one commercial (COM) finding on the post itself."""
        return self.pillar == COMMERCIAL_PILLAR or self.commercial_findings > 0


@dataclass(frozen=True)
class CalendarContext:
    """When the check runs and how to read the calendar.

    ``now`` is injected (tests stay deterministic); ``timezone`` (IANA) decides what a day and a week
    are; ``channel_frequency`` maps a channel's display name to its planned posts per week (a channel
    not listed gets no silence check unless the configuration gives one); ``window`` is the period being
    checked, ``[start, end)``: posts outside it are context (the weeks before a rolling window, the
    earlier copy of a repeated text) and only findings whose own window overlaps it are reported.
    """

    now: datetime
    timezone: str = "UTC"
    channel_frequency: Mapping[str, float] = field(default_factory=dict)
    window: tuple[datetime, datetime] | None = None

    def __post_init__(self) -> None:
        _require_aware(self.now, "now")
        try:
            self.zone  # noqa: B018  (an unknown timezone fails here, not in the middle of a rule)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {self.timezone!r} (an IANA name such as Europe/Paris)") from None
        if self.window is not None:
            start, end = self.window
            _require_aware(start, "window start")
            _require_aware(end, "window end")
            if end < start:
                raise ValueError(f"the window ends ({end.isoformat()}) before it starts ({start.isoformat()})")

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)
