"""Running the calendar rules: ``lint_calendar`` and the base class of the rules it runs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from checks.calendar.model import CalendarContext, CalendarPost
from checks.calendar.similarity import NearDuplicates
from checks.config import Config
from checks.finding import Finding, Severity, docs_url
from checks.post import PostInput
from checks.registry import Rule, all_rules

DEFAULT_LANG = "fr"  # French first: the language of a finding whose posts and settings do not say
MAX_LISTED_CHANNELS = 6


class Localised(dict):
    """A message value in each language (``{"fr": …, "en": …}``), chosen with the finding's language."""


@dataclass
class CalendarRun:
    """One run of the calendar rules: the settings, the context, and facts several rules share."""

    config: Config
    context: CalendarContext
    _shared: dict[Any, Any] = field(default_factory=dict)
    _seconds: dict[str, float] = field(default_factory=dict)
    _days: dict[str, date] = field(default_factory=dict)
    _severities: dict[tuple[str, str | None, bool], Severity] = field(default_factory=dict)

    def options(self, rule: Rule, platform: str | None = None) -> dict[str, Any]:
        key = ("options", rule.code, platform)
        if key not in self._shared:
            self._shared[key] = self.config.options_for(rule, platform)
        return self._shared[key]

    def shared(self, key: Any, compute: Callable[[], Any]) -> Any:
        """A fact several rules read, computed on first use."""
        if key not in self._shared:
            self._shared[key] = compute()
        return self._shared[key]

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.context.zone)

    def seconds(self, posts: Sequence[CalendarPost]) -> list[float]:
        """The POSIX times of dated posts, for arithmetic on windows (computed once per post)."""
        known = self._seconds
        for post in posts:
            if post.id not in known:
                known[post.id] = post.scheduled_at.timestamp()
        return [known[post.id] for post in posts]

    def severity(self, rule: Rule, platform: str | None, escalate: bool) -> Severity:
        """The rule's severity on a platform (see ``Rule.severity_for``), worked out once."""
        key = (rule.code, platform, escalate)
        if key not in self._severities:
            self._severities[key] = rule.severity_for(self.config, platform, escalate)
        return self._severities[key]

    def day(self, post: CalendarPost) -> date:
        """The day of a dated post in the workspace's timezone."""
        if post.id not in self._days:
            self._days[post.id] = self.local(post.scheduled_at).date()
        return self._days[post.id]

    def day_start(self, day: date) -> datetime:
        return datetime.combine(day, datetime.min.time(), tzinfo=self.context.zone)

    def near_duplicates(self, posts: Sequence[CalendarPost], threshold: float) -> dict[str, int]:
        """Post id → near-duplicate group, for the posts that have text to compare (computed once per threshold)."""
        def compute() -> dict[str, int]:
            index = NearDuplicates([post.text for post in posts], threshold=threshold)
            groups = {post.id: index.group(position) for position, post in enumerate(posts)}
            return {post_id: group for post_id, group in groups.items() if group is not None}

        return self.shared(("near-duplicates", threshold, tuple(post.id for post in posts)), compute)

    def in_period(self, post: CalendarPost) -> bool:
        """Whether a post is scheduled within the period being checked (any post, when there is no period)."""
        if self.context.window is None:
            return True
        start, end = self.context.window
        return post.scheduled_at is not None and start <= post.scheduled_at < end

    def in_window(self, finding: Finding) -> bool:
        """Whether a finding's own window overlaps the period being checked (always, when either is unknown)."""
        if self.context.window is None or finding.window is None:
            return True
        start, end = (datetime.fromisoformat(value) for value in finding.window)
        checked_start, checked_end = self.context.window
        return start < checked_end and end >= checked_start


class CalendarRule(Rule):
    """A rule about a set of posts (family CAL). Subclasses implement ``check_calendar``.

    ``check_calendar`` receives the posts in time order (by ``scheduled_at``, then id), the posts
    without a date last. A finding names the posts involved, the one it is about first (its span,
    always ``(0, 0)``: the whole post, refers to that post's text), and the period it covers.
    """

    reads_commercial: ClassVar[bool] = False  # whether it reads CalendarPost.commercial_findings

    def check(self, post, options: dict) -> Iterator[Finding]:  # the per-post engine never runs CAL rules
        return iter(())

    def check_calendar(self, posts: Sequence[CalendarPost], run: CalendarRun) -> Iterator[Finding]:
        raise NotImplementedError

    def calendar_finding(self, run: CalendarRun, posts: Sequence[CalendarPost],
                         window: tuple[datetime, datetime] | None, variant: str = "default", *,
                         platform: str | None = None, escalate: bool = False, **values: Any) -> Finding:
        """A finding naming ``posts`` (the one it is about first) over ``window``.

        The message is in the first named post's language that is known, else the configuration's, else
        French; date-times among ``values`` are shown in the workspace's timezone.
        """
        lang = next((post.lang for post in posts if post.lang in ("fr", "en")), None) or run.config.lang or DEFAULT_LANG
        for key, value in values.items():
            if isinstance(value, datetime):
                values[key] = run.local(value)
            elif isinstance(value, Localised):
                values[key] = value.get(lang, value.get("en"))
        message, suggestion = self.texts(variant, lang, values)
        platform = platform or (posts[0].platform if posts else None)
        return Finding(
            code=self.code, name=self.name, severity=run.severity(self, platform, escalate),
            message=message, start=0, end=0, suggestion=suggestion, url=docs_url(self.code),
            post_ids=tuple(post.id for post in posts),
            window=tuple(run.local(moment).isoformat(timespec="seconds") for moment in window) if window else None,
        )


def calendar_rules() -> list[CalendarRule]:
    return [rule for rule in all_rules() if isinstance(rule, CalendarRule)]


def _selected(rule: Rule, posts: Sequence[CalendarPost], config: Config) -> list[CalendarPost]:
    """The posts on whose platform the rule is selected (a platform's settings may ignore it)."""
    selected = {platform for platform in {post.platform for post in posts} if config.is_selected(rule, platform)}
    return [post for post in posts if post.platform in selected]


def lint_calendar(posts: Iterable[CalendarPost], *, context: CalendarContext,
                  config: Config | None = None) -> list[Finding]:
    """Run every selected calendar rule on ``posts`` (one workspace) and return the findings, by rule code.

    Archived posts are left out. With ``context.window``, findings whose window does not overlap it are
    dropped. Each rule reads its options through ``config`` (``[tool.edito.rules."calendar.…"]``, per
    platform under ``[tool.edito.channels.PLATFORM]``).
    """
    config = config or Config()
    active = [post for post in posts if post.status != "archived"]
    active = by_time(active) + [post for post in active if post.scheduled_at is None]
    run = CalendarRun(config, context)
    findings: list[Finding] = []
    for rule in calendar_rules():
        chosen = _selected(rule, active, config)
        if chosen or config.is_selected(rule):
            findings.extend(finding for finding in rule.check_calendar(chosen, run) if run.in_window(finding))
    return findings


# --- commercial findings, from the per-post rules --------------------------------------------------------

def commercial_config(config: Config | None) -> Config:
    """The settings for counting a post's commercial findings: the COM rules the configuration does not ignore."""
    return replace(config or Config(), select=("COM",), extend_select=())


def commercial_input(post: CalendarPost) -> PostInput:
    """The post as the per-post engine reads it (its channel is its platform)."""
    meta = {key: value for key, value in (("objective", post.objective), ("pillar", post.pillar),
                                          ("title", post.title)) if value}
    return PostInput(text=post.text, channel=post.platform, lang=post.lang, meta=meta, id=post.id)


def reads_commercial(posts: Sequence[CalendarPost], config: Config) -> bool:
    """Whether a calendar rule selected for these posts reads their commercial findings, and a COM rule
    is there to count them."""
    platforms = {post.platform for post in posts}

    def anywhere(rule: Rule, settings: Config) -> bool:
        return any(settings.is_selected(rule, platform) for platform in platforms)

    counting = commercial_config(config)
    return (any(anywhere(rule, counting) for rule in all_rules() if rule.family == "COM")
            and any(rule.reads_commercial and anywhere(rule, config) for rule in calendar_rules()))


@dataclass(frozen=True)
class StoredCalendar:
    """A workspace's calendar as the app stores it, for ``edito lint --calendar`` without a file.

    ``config`` is the workspace's checker settings (the app's Settings page); ``commercial_counts`` gives,
    by post id, the commercial findings the app has stored for the posts it has checked under them.
    """

    workspace: str
    posts: Sequence[CalendarPost]
    context: CalendarContext
    config: Config
    commercial_counts: Mapping[str, int] = field(default_factory=dict)


def with_commercial_findings(posts: Sequence[CalendarPost], *, config: Config | None = None,
                             progress: Callable[[Iterator[Any], int], Iterator[Any]] | None = None,
                             known: Mapping[str, int] | None = None) -> list[CalendarPost]:
    """``posts`` with ``commercial_findings`` counted by the per-post COM rules, in batches (posts without
    text get 0; a post whose id is in ``known`` gets that count, unchecked); unchanged when no selected
    calendar rule reads them. ``progress`` wraps the stream of results (with the number of posts), for a
    progress bar."""
    from checks.engine import lint_many

    config, known = config or Config(), known or {}
    if not reads_commercial(posts, config):
        return list(posts)
    with_text = [post for post in posts if post.text.strip() and post.id not in known]
    results = lint_many(map(commercial_input, with_text), config=commercial_config(config))
    if progress is not None:
        results = progress(results, len(with_text))
    counts = {**known, **{post.id: len(findings) for post, (_, findings) in zip(with_text, results, strict=True)}}
    return [replace(post, commercial_findings=counts.get(post.id, 0)) for post in posts]


# --- shared helpers for the rules --------------------------------------------------------------------------

def by_time(posts: Iterable[CalendarPost]) -> list[CalendarPost]:
    """The posts that have a date, in time order (ties by id)."""
    dated = [post for post in posts if post.scheduled_at is not None]
    seconds = {post.id: post.scheduled_at.timestamp() for post in dated}
    return sorted(dated, key=lambda post: (seconds[post.id], post.id))


def dated(posts: Sequence[CalendarPost]) -> list[CalendarPost]:
    """The posts that have a date, in the order given (time order, for the posts a rule receives)."""
    return [post for post in posts if post.scheduled_at is not None]


def grouped(posts: Iterable[CalendarPost], key: Callable[[CalendarPost], Any]) -> dict[Any, list[CalendarPost]]:
    """Posts by ``key`` (keys of None left out), each group in the input's order."""
    groups: dict[Any, list[CalendarPost]] = {}
    for post in posts:
        value = key(post)
        if value is not None:
            groups.setdefault(value, []).append(post)
    return groups


def channel_list(posts: Iterable[CalendarPost]) -> str:
    names = list(dict.fromkeys(post.channel for post in posts))
    shown = ", ".join(names[:MAX_LISTED_CHANNELS])
    return shown + (f", +{len(names) - MAX_LISTED_CHANNELS}" if len(names) > MAX_LISTED_CHANNELS else "")


def days(value: float) -> timedelta:
    return timedelta(days=float(value))


DAY_SECONDS = 86_400.0
