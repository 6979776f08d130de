"""The calendar rules (CAL…) over an archive too large to hold in memory, one month at a time.

The partitions hand the driver one compact row per feed post (replies are conversations, not the feed,
and are left out): id, platform, time, whether it is commercial (COM findings, as ``CalendarPost`` counts
them), language, link, and the text only when a near-duplicate rule (CAL002, CAL003) is selected. The
rows are spooled to a temporary SQLite file, whatever order the archive gives them in; then
``lint_calendar`` runs once per calendar month (in the audit's timezone, every month from the first
post's to the last one's), on the posts of that month and of the ``context_days`` before it (the
longest rolling window or look-back of the rules' options, at least 30 days), with the month as the
checked window. Each post is a ``CalendarPost`` with status "published", no pillar, objective, author
or campaign: the rules that read those (CAL007–CAL011) find nothing, and CAL008 (no objective), which
would list every post of an export, is left out.

Limits: memory holds one month and its context, not the archive (a single month of millions of posts
is held whole). A finding that runs across a month boundary (a stretch of rolling windows over the
target, a cross-posted chain, a silence) is reported in each month it reaches, each time as far as
that month's run sees it; a finding that lies wholly within the context before a month is not
repeated there.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from checks.audit.tally import CalendarEntry, MonthTally
from checks.calendar import CalendarContext, CalendarPost, lint_calendar
from checks.calendar.runner import calendar_rules
from checks.config import Config
from checks.registry import get_rule

MIN_CONTEXT_DAYS = 30
NOT_APPLICABLE = ("CAL008",)  # an export says nothing of objectives: every post would be listed
NEAR_DUPLICATE_RULES = ("CAL002", "CAL003")
LISTED_FINDINGS = 200


@dataclass(frozen=True, slots=True)
class FeedRow:
    """One feed post, as the calendar rules need it."""

    id: str
    platform: str
    timestamp: float
    commercial: bool
    lang: str | None
    link: str | None
    text: str


def calendar_config(config: Config) -> Config:
    """The settings for the calendar rules over an archive: the audit's, without the rules it cannot feed."""
    return replace(config, ignore=config.ignore + NOT_APPLICABLE)


def _platforms(config: Config) -> tuple[str | None, ...]:
    return None, *config.channels


def needs_text(config: Config) -> bool:
    """Whether a selected near-duplicate rule compares texts (else the rows carry none)."""
    config = calendar_config(config)
    return any(config.is_selected(get_rule(code), platform) for code in NEAR_DUPLICATE_RULES
               for platform in _platforms(config))


def context_days(config: Config) -> float:
    """How far before a month its run looks: the longest window or look-back among the rules' options."""
    longest = float(MIN_CONTEXT_DAYS)
    for rule in calendar_rules():
        for platform in _platforms(config):
            options = config.options_for(rule, platform)
            spans = [*options.get("windows_days", ()), options.get("within_days", 0)]
            longest = max(longest, *(float(days) for days in spans))
    return longest


def month_key(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m")


def _month_start(key: str, zone: ZoneInfo) -> datetime:
    year, month = map(int, key.split("-"))
    return datetime(year, month, 1, tzinfo=zone)


def _next_month(start: datetime) -> datetime:
    return start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)


class FeedSpool:
    """Feed rows on disk (a temporary SQLite file), read back by period in time order."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="edito-audit-")
        self._db = sqlite3.connect(Path(self._folder.name) / "feed.sqlite3")
        self._db.execute("CREATE TABLE feed (id TEXT, platform TEXT, ts REAL, commercial INTEGER, lang TEXT, "
                         "link TEXT, text TEXT)")

    def add(self, rows: Iterable[FeedRow]) -> None:
        self._db.executemany("INSERT INTO feed VALUES (?, ?, ?, ?, ?, ?, ?)",
                             ((row.id, row.platform, row.timestamp, int(row.commercial), row.lang, row.link, row.text)
                              for row in rows))

    def extent(self) -> tuple[float, float] | None:
        first, last = self._db.execute("SELECT min(ts), max(ts) FROM feed").fetchone()
        return None if first is None else (first, last)

    def between(self, start: float, end: float) -> Iterator[FeedRow]:
        self._db.execute("CREATE INDEX IF NOT EXISTS feed_time ON feed (ts, id)")
        query = "SELECT * FROM feed WHERE ts >= ? AND ts < ? ORDER BY ts, id"
        for id_, platform, ts, commercial, lang, link, text in self._db.execute(query, (start, end)):
            yield FeedRow(id_, platform, ts, bool(commercial), lang, link, text)

    def close(self) -> None:
        self._db.close()
        self._folder.cleanup()

    def __enter__(self) -> FeedSpool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _calendar_post(row: FeedRow) -> CalendarPost:
    return CalendarPost(id=row.id, channel=row.platform, platform=row.platform,
                        scheduled_at=datetime.fromtimestamp(row.timestamp, UTC), status="published", text=row.text,
                        commercial_findings=int(row.commercial), lang=row.lang)


def check_calendar(spool: FeedSpool, *, config: Config, timezone: str = "UTC",
                   frequencies: Mapping[str, float] | None = None
                   ) -> tuple[dict[str, MonthTally], list[CalendarEntry]]:
    """Run the calendar rules month by month over the spooled feed: the CAL counts per month, and the
    first ``LISTED_FINDINGS`` findings (by month, then window) for the report."""
    extent = spool.extent()
    if extent is None:
        return {}, []
    zone, settings, lookback = ZoneInfo(timezone), calendar_config(config), timedelta(days=context_days(config))
    first, last = (datetime.fromtimestamp(moment, UTC) for moment in extent)
    context = CalendarContext(now=last, timezone=timezone, channel_frequency=dict(frequencies or {}))
    counts: dict[str, MonthTally] = {}
    listed: list[CalendarEntry] = []
    start = _month_start(month_key(first, zone), zone)
    while start <= last:
        end = _next_month(start)
        rows = list(spool.between((start - lookback).timestamp(), end.timestamp()))
        links = {row.id: row.link for row in rows}
        # The archive's first and last posts bound the checked period: no silence before or after it.
        window = (max(start, first), min(end, last + timedelta(microseconds=1)))
        month = month_key(start, zone)
        found = lint_calendar(map(_calendar_post, rows), config=settings, context=replace(context, window=window))
        for finding in found:
            counts.setdefault(month, MonthTally()).calendar[finding.code] += 1
        entries = sorted((CalendarEntry.of(finding, month, links.get(finding.post_ids[0]) if finding.post_ids
                                          else None) for finding in found),
                         key=lambda entry: (entry.window or ("", ""), entry.code, entry.post_ids))
        listed.extend(entries[:max(0, LISTED_FINDINGS - len(listed))])
        start = end
    return counts, listed
