"""The calendar checks (family CAL) on a workspace's stored posts: the app's side of ``checks.calendar``.

``calendar_findings`` runs ``lint_calendar`` over a period (or a campaign) of one workspace; the Insights
page lists them. ``findings_for_post`` keeps the findings a post is the first to be named in (the post
that tips a window over a limit, the later copy of a repeated text, the post past its time…), for a
warning beside that post. ``database_calendar`` reads a workspace for ``edito lint --calendar`` without
a file.

Each post becomes a ``CalendarPost`` named by its database id (``/compose?post=ID`` opens it), with its
channel's display name and platform, its author's email and its campaign's name. Its number of
commercial (COM) findings comes from ``checking.check_post``, which stores results by content hash, so
after a first run only the posts changed since are checked again. Posts in the trash are left out
(archived ones are loaded and left out by ``lint_calendar``); posts up to ``CONTEXT_DAYS`` days before
the period are read as context, so a rolling window or a repeated text that starts before it is right.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from calendar_app.models import Channel, Post, PostStatus, User, Workspace
from calendar_app.services.check_results import stored_findings_many
from calendar_app.services.checking import check_posts, checked_inputs
from calendar_app.services.posts import get_post, list_posts
from calendar_app.services.workspaces import get_workspace, list_campaigns, list_channels, pick_workspace
from checks import RULESET_VERSION, Config, Finding
from checks.calendar import CalendarContext, CalendarPost, StoredCalendar, lint_calendar, reads_commercial

CONTEXT_DAYS = 30  # read before the period: the longest rolling window and repetition look-back (CAL001, CAL003)
AROUND_POST_DAYS = 30  # for one post's findings: the posts this many days before and after it
NOT_ARCHIVED = tuple(status for status in PostStatus if status != PostStatus.ARCHIVED)


def calendar_config(workspace: Workspace, channels: Iterable[Channel]) -> Config:
    """The workspace's checker settings with every channel's overrides under its platform.

    Like ``checking.checker_config`` for one channel; two channels of the same platform share the
    platform's settings (the later channel's keys win), since the checker keys them by platform.
    """
    settings: dict[str, Any] = dict(workspace.checker_settings or {})
    settings.setdefault("brand", [workspace.name])
    if workspace.voice in ("tu", "vous"):
        settings.setdefault("voice", str(workspace.voice))
    per_platform = dict(settings.get("channels", {}))
    for channel in channels:
        if channel.checker_overrides:
            platform = str(channel.platform)
            per_platform[platform] = {**per_platform.get(platform, {}), **channel.checker_overrides}
    if per_platform:
        settings["channels"] = per_platform
    return Config.from_mapping(settings, source=f"workspace {workspace.name!r}")


def calendar_context(workspace: Workspace, channels: Iterable[Channel], *, now: datetime,
                     window: tuple[datetime, datetime] | None = None, frequencies: bool = True) -> CalendarContext:
    """``now``, the workspace's timezone, each channel's planned posts per week (for the silence rule)."""
    frequency = {channel.display_name: channel.posts_per_week for channel in channels
                 if frequencies and channel.posts_per_week}
    return CalendarContext(now=now, timezone=workspace.timezone, channel_frequency=frequency, window=window)


def _com_count(codes: Iterable[str]) -> int:
    """How many of these finding codes are commercial (COM…)."""
    return sum(1 for code in codes if str(code).startswith("COM"))


def stored_commercial_counts(posts: Sequence[Post], workspace: Workspace, channels: Sequence[Channel], *,
                             session: Session) -> dict[int, int]:
    """Post id → number of COM findings, for the posts whose stored results are found, in a few queries;
    nothing is checked (``edito lint --calendar`` only reads the database).

    The content hash is worked out as ``check_post`` does: a row stored under it is what ``check_post``
    would return (the hash covers everything the checker reads).
    """
    by_id = {channel.id: channel for channel in channels}
    digests = {post.id: checked_inputs(post, workspace, by_id[post.channel_id]).digest for post in posts}
    found = stored_findings_many(digests.values(), RULESET_VERSION, session=session)
    return {post_id: _com_count(finding.get("code", "") for finding in found[digest])
            for post_id, digest in digests.items() if digest in found}


def calendar_posts(workspace: Workspace, posts: Sequence[Post], channels: Sequence[Channel], *, session: Session,
                   config: Config | None = None) -> list[CalendarPost]:
    """``posts`` as the calendar rules read them; with ``config``, each one's commercial findings counted
    (``check_posts``: stored results, the others checked in batches) when a selected rule reads them."""
    by_id = {channel.id: channel for channel in channels}
    campaigns = {campaign.id: campaign.name for campaign in list_campaigns(workspace.id, session=session)}
    author_ids = {post.author_id for post in posts if post.author_id is not None}
    emails = {user_id: email for user_id, email in
              session.exec(select(User.id, User.email).where(col(User.id).in_(author_ids)))} if author_ids else {}
    lang = str(workspace.language)
    calendar = [
        CalendarPost(
            id=str(post.id), channel=by_id[post.channel_id].display_name,
            platform=str(by_id[post.channel_id].platform), scheduled_at=post.scheduled_at,
            status=str(post.status), text=post.body, title=post.title,
            pillar=post.pillar and str(post.pillar), objective=post.objective and str(post.objective),
            author=emails.get(post.author_id), campaign=campaigns.get(post.campaign_id), lang=lang,
        )
        for post in posts
    ]
    if config is not None and reads_commercial(calendar, config):
        # Only whether a post is commercial matters to the rules, and a promotional one is, whatever its
        # findings: it is not checked (a first run checks every other post, which takes a while).
        to_count = [post for post, item in zip(posts, calendar, strict=True)
                    if not item.is_commercial and post.body.strip()]
        findings = check_posts(to_count, session=session)
        calendar = [replace(item, commercial_findings=_com_count(finding.code for finding in findings[post.id]))
                    if post.id in findings else item for post, item in zip(posts, calendar, strict=True)]
    return calendar


def _load(workspace_id: int, *, session: Session, start: datetime | None, end: datetime | None,
          campaign_id: int | None) -> list[Post]:
    posts = list_posts(workspace_id, session=session, start=start, end=end, campaign_id=campaign_id,
                       statuses=NOT_ARCHIVED)
    if start is not None or end is not None:  # a period: only dated posts belong to it
        posts = [post for post in posts if post.scheduled_at is not None]
    return posts


def calendar_findings(workspace_id: int, *, session: Session, start: datetime | None = None,
                      end: datetime | None = None, now: datetime | None = None,
                      campaign_id: int | None = None) -> list[Finding]:
    """The calendar findings of a workspace over ``[start, end)`` (aware datetimes; either may be left out),
    or over a campaign's posts with ``campaign_id``, checked against ``now`` (default: the current time).

    Only findings whose window overlaps the period are returned; the ``CONTEXT_DAYS`` before ``start`` are
    read as context. Each finding's ``post_ids`` are database ids as strings, the post it is about first.
    A campaign is checked without the channels' planned frequencies (its posts are not a channel's feed).
    """
    now = now or datetime.now(UTC)
    workspace = get_workspace(workspace_id, session=session)
    channels = list_channels(workspace_id, session=session)
    load_from = start - timedelta(days=CONTEXT_DAYS) if start is not None else None
    posts = _load(workspace_id, session=session, start=load_from, end=end, campaign_id=campaign_id)
    window = None
    if start is not None or end is not None:
        moments = [post.scheduled_at for post in posts]
        window_start = start or min(moments, default=now)
        window_end = end or max([now, *(moment + timedelta(seconds=1) for moment in moments)])
        window = (window_start, max(window_start, window_end))
    config = calendar_config(workspace, channels)
    context = calendar_context(workspace, channels, now=now, window=window, frequencies=campaign_id is None)
    calendar = calendar_posts(workspace, posts, channels, session=session, config=config)
    return lint_calendar(calendar, context=context, config=config)


def findings_for_post(post_id: int, *, session: Session, now: datetime | None = None) -> list[Finding]:
    """The calendar findings this post is named first in — the post that tips a window over a limit, the
    later copy of a text, the post past its time… — computed over the ``AROUND_POST_DAYS`` days before and
    after it. None for a post without a date or archived; a post in the trash raises ``NotFoundError``."""
    post = get_post(post_id, session=session)
    if post.scheduled_at is None or post.status == PostStatus.ARCHIVED:
        return []
    now = now or datetime.now(UTC)
    workspace = get_workspace(post.workspace_id, session=session)
    channels = list_channels(post.workspace_id, session=session)
    around = timedelta(days=AROUND_POST_DAYS)
    posts = _load(post.workspace_id, session=session, start=post.scheduled_at - around,
                  end=post.scheduled_at + around, campaign_id=None)
    config = calendar_config(workspace, channels)
    # A one-minute window at the post's time: every finding that names it first covers that time, and
    # the posts after it are context (a copy a few days later, the end of a silence).
    window = (post.scheduled_at, post.scheduled_at + timedelta(minutes=1))
    context = calendar_context(workspace, channels, now=now, window=window)
    calendar = calendar_posts(workspace, posts, channels, session=session, config=config)
    wanted = str(post_id)
    return [finding for finding in lint_calendar(calendar, context=context, config=config)
            if finding.post_ids and finding.post_ids[0] == wanted]


# --- edito lint --calendar (no file) ----------------------------------------------------------------------

def database_calendar(workspace_name: str | None) -> Callable[[datetime], StoredCalendar]:
    """The reader ``checks.cli.database_calendar`` calls for ``edito lint --calendar`` without a file:
    every post of the workspace (not in the trash) from the configured database, its context, its
    checker settings, and the commercial findings already stored for it (``stored_commercial_counts``).

    Nothing is checked or stored here: the database is only read (and migrated, as every ``edito``
    command does). A database or workspace problem becomes the checker's one-line input error.
    """
    def read(now: datetime) -> StoredCalendar:
        from sqlalchemy.exc import SQLAlchemyError

        from calendar_app.db import engine_from_settings, session_scope, upgrade
        from calendar_app.errors import EditoError
        from checks.engine import InputError

        try:
            engine = engine_from_settings()
            try:
                upgrade(engine)
                with session_scope(engine) as session:
                    workspace = pick_workspace(workspace_name, session=session)
                    channels = list_channels(workspace.id, session=session)
                    posts = _load(workspace.id, session=session, start=None, end=None, campaign_id=None)
                    calendar = calendar_posts(workspace, posts, channels, session=session)
                    stored = stored_commercial_counts(posts, workspace, channels, session=session)
                    return StoredCalendar(
                        workspace=workspace.name, posts=calendar, config=calendar_config(workspace, channels),
                        context=calendar_context(workspace, channels, now=now),
                        commercial_counts={str(post_id): count for post_id, count in stored.items()})
            finally:
                engine.dispose()
        except EditoError as error:
            raise InputError(str(error)) from None
        except SQLAlchemyError as error:
            detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            raise InputError(f"database error: {detail}") from None

    return read


def post_summaries(post_ids: Iterable[str], *, session: Session) -> dict[str, dict[str, Any]]:
    """What a link to each post shows — ``{id: {title, channel, scheduled_at}}`` (the title, else the
    start of the text) — for the ids findings name, in one query; ids of no post are left out."""
    ids = {int(post_id) for post_id in post_ids if str(post_id).isdigit()}
    if not ids:
        return {}
    rows = session.exec(select(Post.id, Post.title, Post.body, Post.scheduled_at, Channel.display_name)
                        .join(Channel, col(Channel.id) == Post.channel_id).where(col(Post.id).in_(ids)))
    return {str(post_id): {"title": title or " ".join(body.split()[:12]), "channel": channel,
                           "scheduled_at": scheduled_at}
            for post_id, title, body, scheduled_at, channel in rows}
