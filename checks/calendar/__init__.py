"""Calendar checks (family CAL): rules about a set of posts of one workspace — a week, a month, a campaign.

>>> from datetime import datetime, UTC
>>> from checks.calendar import CalendarContext, CalendarPost, lint_calendar
>>> post = CalendarPost(id="1", channel="Instagram Lumen", platform="instagram",
...                     scheduled_at=datetime(2026, 11, 20, 9, tzinfo=UTC), status="draft", text="…")
>>> [f.code for f in lint_calendar([post], context=CalendarContext(now=datetime(2026, 11, 23, tzinfo=UTC)))]
['CAL008', 'CAL010']

- ``model``: CalendarPost and CalendarContext, what a rule sees;
- ``runner``: ``lint_calendar``, the CalendarRule base class, commercial findings from the per-post rules;
- ``similarity``: near-duplicate texts (shingles, MinHash, LSH), never every pair;
- ``edito_csv``: the calendar's Edito CSV export; ``example``: small calendars in YAML (docs, tests).

The rules themselves are in ``checks/rules/calendar.py``.
"""

from checks.calendar.model import STATUSES, CalendarContext, CalendarPost
from checks.calendar.runner import (
    CalendarRule,
    CalendarRun,
    StoredCalendar,
    calendar_rules,
    commercial_config,
    commercial_input,
    lint_calendar,
    reads_commercial,
    with_commercial_findings,
)

__all__ = [
    "STATUSES", "CalendarContext", "CalendarPost", "CalendarRule", "CalendarRun", "StoredCalendar", "calendar_rules",
    "commercial_config", "commercial_input", "lint_calendar", "reads_commercial",
    "with_commercial_findings",
]
