"""``AuditTally``: what an audit found, as plain counts that merge in any order.

A partition of posts is reduced to a tally; tallies merge by adding their counts and keeping the worst
posts of both (ordered by severity-weighted score, then id: the same top whatever the partitioning).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from checks.finding import Finding, Severity

PLACEMENTS = ("up front", "after the cut", "buried", "missing")
SEVERITY_WEIGHTS = {Severity.INFO: 1, Severity.WARNING: 3, Severity.ERROR: 9}
TOP_POSTS = 20
LISTED_POST_IDS = 10  # a calendar finding names at most this many posts in the report


def score(findings: Iterable[Finding]) -> int:
    """How bad a post is: its findings weighted by severity."""
    return sum(SEVERITY_WEIGHTS[finding.severity] for finding in findings)


@dataclass
class MonthTally:
    """One month: feed posts and replies, the commercial posts among the feed posts, replies the care-template
    rule flagged, findings per family and code, sponsored posts per disclosure placement, calendar findings."""

    posts: int = 0
    replies: int = 0
    commercial: int = 0
    templated_replies: int = 0
    families: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    placements: Counter[str] = field(default_factory=Counter)
    calendar: Counter[str] = field(default_factory=Counter)

    def merge(self, other: MonthTally) -> MonthTally:
        self.posts += other.posts
        self.replies += other.replies
        self.commercial += other.commercial
        self.templated_replies += other.templated_replies
        for mine, theirs in ((self.families, other.families), (self.codes, other.codes),
                             (self.placements, other.placements), (self.calendar, other.calendar)):
            mine.update(theirs)
        return self

    @property
    def sponsored(self) -> int:
        return sum(self.placements.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "posts": self.posts, "replies": self.replies, "commercial": self.commercial,
            "commercial_share": self.commercial / self.posts if self.posts else None,
            "templated_replies": self.templated_replies,
            "templated_share": self.templated_replies / self.replies if self.replies else None,
            "findings": dict(sorted(self.families.items())), "codes": dict(sorted(self.codes.items())),
            "sponsored": {placement: self.placements[placement] for placement in PLACEMENTS},
            "calendar": dict(sorted(self.calendar.items())),
        }


@dataclass(frozen=True)
class WorstPost:
    """A post among the worst: its text, where it came from, and its findings (plain data)."""

    id: str
    created_at: str
    month: str
    channel: str
    kind: str
    text: str
    link: str | None
    score: int
    findings: tuple[Mapping[str, Any], ...]

    @property
    def rank_key(self) -> tuple[int, str]:
        return -self.score, self.id

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "created_at": self.created_at, "month": self.month, "channel": self.channel,
                "kind": self.kind, "score": self.score, "link": self.link, "text": self.text,
                "findings": [dict(finding) for finding in self.findings]}


@dataclass(frozen=True)
class CalendarEntry:
    """A calendar finding as the report lists it: the month it was checked in, the first posts it names."""

    month: str
    code: str
    name: str
    severity: str
    message: str
    post_ids: tuple[str, ...]
    post_count: int
    window: tuple[str, str] | None
    link: str | None = None

    @classmethod
    def of(cls, finding: Finding, month: str, link: str | None = None) -> CalendarEntry:
        return cls(month=month, code=finding.code, name=finding.name, severity=str(finding.severity),
                   message=finding.message, post_ids=finding.post_ids[:LISTED_POST_IDS],
                   post_count=len(finding.post_ids), window=finding.window, link=link)

    def to_dict(self) -> dict[str, Any]:
        return {"month": self.month, "code": self.code, "name": self.name, "severity": self.severity,
                "message": self.message, "post_ids": list(self.post_ids), "post_count": self.post_count,
                "window": {"start": self.window[0], "end": self.window[1]} if self.window else None,
                "link": self.link}


@dataclass
class AuditTally:
    """Counts per month (``"2024-03"``, in the audit's timezone), the ``top`` worst posts, calendar findings."""

    months: dict[str, MonthTally] = field(default_factory=dict)
    worst: list[WorstPost] = field(default_factory=list)
    calendar_findings: list[CalendarEntry] = field(default_factory=list)
    top: int = TOP_POSTS

    def month(self, key: str) -> MonthTally:
        return self.months.setdefault(key, MonthTally())

    def keep_worst(self, candidates: Iterable[WorstPost]) -> None:
        self.worst = heapq.nsmallest(self.top, [*self.worst, *candidates], key=lambda post: post.rank_key)

    def merge(self, other: AuditTally) -> AuditTally:
        for key, figures in other.months.items():
            self.month(key).merge(figures)
        self.keep_worst(other.worst)
        self.calendar_findings = sorted({*self.calendar_findings, *other.calendar_findings}, key=_entry_order)
        return self

    def total(self) -> MonthTally:
        """Every month added up."""
        whole = MonthTally()
        for figures in self.months.values():
            whole.merge(figures)
        return whole

    def to_dict(self) -> dict[str, Any]:
        return {
            "totals": self.total().to_dict(),
            "months": [{"month": key, **self.months[key].to_dict()} for key in sorted(self.months)],
            "calendar_findings": [entry.to_dict() for entry in self.calendar_findings],
            "worst_posts": [post.to_dict() for post in self.worst],
        }


def _entry_order(entry: CalendarEntry) -> tuple:
    return entry.month, entry.window or ("", ""), entry.code, entry.post_ids
