"""Insights: what a brand's calendar looks like over a period, as plain data for the insights page.

Everything is computed here (no Streamlit): posts per channel and week, the commercial share against the
workspace's target, the checker's findings by family and severity, the longest silences per channel
against its planned frequency, and the posts with the most findings.

The posts counted are those of the workspace scheduled in the period, neither in the trash nor archived
(an archived post will not go out). Weeks start on Monday in the workspace's timezone. Findings come from
``check_posts``, which stores them by content, so running the insights twice checks nothing twice.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from sqlmodel import Session

from calendar_app.errors import ValidationError
from calendar_app.models import Pillar, Post, PostStatus
from calendar_app.services.checking import check_posts
from calendar_app.services.posts import list_posts
from calendar_app.services.workspaces import get_workspace, list_channels
from checks import Finding, Severity

FAMILIES = ("COM", "IMP", "SPO", "CHN", "MES")
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
COUNTED_STATUSES = tuple(status for status in PostStatus if status != PostStatus.ARCHIVED)


@dataclass(frozen=True)
class Insights:
    workspace_id: int
    first_day: date
    last_day: date
    timezone: str
    commercial_target: float
    post_count: int
    weeks: list[date]
    """The Monday of every week of the period, in order."""
    channels: list[dict] = field(default_factory=list)
    """``{channel_id, channel, colour, posts_per_week}`` for every channel of the workspace."""
    posts_per_week: list[dict] = field(default_factory=list)
    """``{week, channel_id, channel, colour, posts}`` for every week and channel (zeros included)."""
    commercial_share: list[dict] = field(default_factory=list)
    """``{week, channel_id, channel, colour, commercial, posts, share}`` for weeks where the channel posts."""
    commercial_by_channel: list[dict] = field(default_factory=list)
    """``{channel_id, channel, colour, commercial, posts, share, over_target}`` over the whole period."""
    findings_by_family: list[dict] = field(default_factory=list)
    """``{family, severity, findings}`` for every family and severity (zeros included)."""
    silences: list[dict] = field(default_factory=list)
    """Per channel: ``{channel_id, channel, colour, posts, posts_per_week, longest_gap_days, gap_from, gap_to,
    expected_gap_days, ratio}``; the gap is between consecutive posts (None with fewer than two posts)."""
    top_posts: list[dict] = field(default_factory=list)
    """``{post_id, day, channel, colour, label, findings, worst, link}``, most findings first."""


def default_range(today: date) -> tuple[date, date]:
    """The last 8 weeks, the current one and the next 4: from a Monday to a Sunday."""
    this_monday = today - timedelta(days=today.weekday())
    return this_monday - timedelta(weeks=8), this_monday + timedelta(weeks=5) - timedelta(days=1)


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def is_commercial(post: Post, findings: list[Finding]) -> bool:
    """Promotional by its pillar, or flagged by the checker for sales talk (COM family) at warning or above."""
    return post.pillar == Pillar.PROMOTIONAL or any(
        finding.family == "COM" and finding.severity >= Severity.WARNING for finding in findings
    )


def excerpt(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def compute_insights(workspace_id: int, *, session: Session, first_day: date, last_day: date,
                     top: int = 10) -> Insights:
    """The insights of a workspace from ``first_day`` to ``last_day`` included (days in its timezone)."""
    if last_day < first_day:
        raise ValidationError("The period ends before it starts.")
    workspace = get_workspace(workspace_id, session=session)
    zone = ZoneInfo(workspace.timezone)
    start = datetime.combine(first_day, time(0), tzinfo=zone)
    end = datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=zone)
    channels = list_channels(workspace_id, session=session)
    posts = list_posts(workspace_id, session=session, start=start, end=end, statuses=COUNTED_STATUSES)
    findings = check_posts(posts, session=session)
    local_day = {post.id: post.scheduled_at.astimezone(zone).date() for post in posts}

    weeks = []
    week = week_of(first_day)
    while week <= last_day:
        weeks.append(week)
        week += timedelta(weeks=1)

    channel_rows = [{"channel_id": channel.id, "channel": channel.display_name, "colour": channel.colour,
                     "posts_per_week": channel.posts_per_week} for channel in channels]
    by_channel: dict[int, list[Post]] = defaultdict(list)
    for post in posts:  # list_posts returns them soonest first
        by_channel[post.channel_id].append(post)

    posts_per_week, commercial_share, commercial_by_channel, silences = [], [], [], []
    for channel in channel_rows:
        channel_posts = by_channel[channel["channel_id"]]
        per_week: Counter[date] = Counter(week_of(local_day[post.id]) for post in channel_posts)
        commercial_per_week: Counter[date] = Counter(
            week_of(local_day[post.id]) for post in channel_posts if is_commercial(post, findings[post.id])
        )
        label = {key: channel[key] for key in ("channel_id", "channel", "colour")}
        for week in weeks:
            posts_per_week.append({"week": week, **label, "posts": per_week[week]})
            if per_week[week]:
                commercial_share.append({"week": week, **label, "commercial": commercial_per_week[week],
                                         "posts": per_week[week],
                                         "share": commercial_per_week[week] / per_week[week]})
        total, commercial = len(channel_posts), sum(commercial_per_week.values())
        share = commercial / total if total else None
        commercial_by_channel.append({**label, "commercial": commercial, "posts": total, "share": share,
                                      "over_target": share is not None and share > workspace.commercial_target})
        silences.append(_silence(channel, channel_posts))

    counts = Counter((finding.family, finding.severity) for found in findings.values() for finding in found)
    findings_by_family = [{"family": family, "severity": str(severity), "findings": counts[family, severity]}
                          for family in FAMILIES for severity in SEVERITIES]

    names = {channel.id: channel for channel in channels}
    flagged = [post for post in posts if findings[post.id]]
    flagged.sort(key=lambda post: (-len(findings[post.id]), -_worst(findings[post.id]).rank, post.scheduled_at,
                                   post.id))
    top_posts = [
        {"post_id": post.id, "day": local_day[post.id], "channel": names[post.channel_id].display_name,
         "colour": names[post.channel_id].colour, "label": post.title or excerpt(post.body),
         "findings": len(findings[post.id]), "worst": str(_worst(findings[post.id])),
         "link": f"/compose?post={post.id}"}
        for post in flagged[:top]
    ]
    return Insights(
        workspace_id=workspace_id, first_day=first_day, last_day=last_day, timezone=workspace.timezone,
        commercial_target=workspace.commercial_target, post_count=len(posts), weeks=weeks, channels=channel_rows,
        posts_per_week=posts_per_week, commercial_share=commercial_share,
        commercial_by_channel=commercial_by_channel, findings_by_family=findings_by_family, silences=silences,
        top_posts=top_posts,
    )


def _worst(findings: list[Finding]) -> Severity:
    return max((finding.severity for finding in findings), key=lambda severity: severity.rank)


def _silence(channel: dict, posts: list[Post]) -> dict:
    """The longest gap between two consecutive posts of a channel, against its planned frequency."""
    longest, gap_from, gap_to = None, None, None
    for before, after in pairwise(posts):
        gap = (after.scheduled_at - before.scheduled_at).total_seconds() / 86_400
        if longest is None or gap > longest:
            longest, gap_from, gap_to = gap, before.scheduled_at, after.scheduled_at
    frequency = channel["posts_per_week"]
    expected = 7 / frequency if frequency else None
    return {
        "channel_id": channel["channel_id"], "channel": channel["channel"], "colour": channel["colour"],
        "posts": len(posts), "posts_per_week": frequency,
        "longest_gap_days": None if longest is None else round(longest, 2),
        "gap_from": gap_from, "gap_to": gap_to,
        "expected_gap_days": None if expected is None else round(expected, 2),
        "ratio": None if longest is None or expected is None else round(longest / expected, 2),
    }
