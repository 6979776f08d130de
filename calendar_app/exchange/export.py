"""Export a workspace's calendar: Edito CSV, French spreadsheet CSV, schedulers' bulk files, iCalendar.

Posts are read with one query (no ORM objects) so that 100,000 posts export in about a second. A post
that a format cannot carry (no date, too soon for a scheduler…) is listed in ``ExportResult.left_out``
with the reason, never dropped silently.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from calendar_app.errors import ValidationError
from checks.csv_cells import RISKY_FIRST, neutralise
from calendar_app.exchange.formats import (
    BUFFER_COLUMNS,
    EDITO_COLUMNS,
    ENUM_COLUMNS,
    EXCEL_FR_COLUMNS,
    EXCEL_FR_HEADERS,
    FINDING_COLUMNS,
    HOOTSUITE_MAX_ROWS,
    SCHEDULER_FORMATS,
    SCHEDULER_MIN_LEAD_MINUTES,
    SPROUT_COLUMNS,
    SPROUT_MAX_ROWS,
    DateOrder,
    Format,
    channels_named,
    fold,
    french_label,
)
from calendar_app.i18n import Localized
from calendar_app.models import Campaign, Channel, Post, PostStatus, User, Workspace, utc_now
from calendar_app.services.workspaces import get_workspace
from checks import Finding

READY_STATUSES = (PostStatus.APPROVED, PostStatus.SCHEDULED)


@dataclass(frozen=True)
class ExportFilters:
    """Which posts to export. Dates are days in the workspace's timezone, both included."""

    start: date | None = None
    end: date | None = None
    channels: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    campaign: str | None = None


@dataclass(slots=True)
class ExportPost:
    id: int
    uid: str
    scheduled_at: datetime | None
    timezone: str | None
    channel: str
    platform: str
    status: str
    title: str
    body: str
    link: str | None
    media_note: str | None
    objective: str | None
    pillar: str | None
    sponsorship: str
    partner: str | None
    campaign: str | None
    author: str | None
    reviewer: str | None
    group: str | None
    version: int
    updated_at: str | datetime  # as the driver returns it: parsed by `modified_at` (only iCalendar needs it)
    lang: str = "fr"
    findings: list[Finding] | None = None

    @property
    def modified_at(self) -> datetime:
        return _utc(self.updated_at)

    @property
    def local_time(self) -> datetime | None:
        return None if self.scheduled_at is None else self.scheduled_at.astimezone(ZoneInfo(self.timezone))

    @property
    def label(self) -> str:
        return self.title or " ".join(self.body.split())[:60] or f"#{self.id}"

    @property
    def text_with_link(self) -> str:
        """The body, with the link appended when the body does not already hold it."""
        if self.link and self.link not in self.body:
            return f"{self.body}\n{self.link}" if self.body else self.link
        return self.body


@dataclass(frozen=True)
class LeftOut:
    post_id: int
    label: str
    channel: str
    reason: str

    def __str__(self) -> str:
        return f"post {self.post_id} ({self.channel}, {self.label!r}): {self.reason}"


@dataclass(frozen=True)
class ExportFile:
    name: str
    data: bytes
    rows: int


@dataclass
class ExportResult:
    format: Format
    stem: str
    files: list[ExportFile] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def exported(self) -> int:
        return sum(file.rows for file in self.files)


# --- reading the posts ------------------------------------------------------------------------------

def _day_start(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone)


def select_posts(workspace: Workspace, filters: ExportFilters, *, session: Session) -> list[ExportPost]:
    """The workspace's posts matching ``filters`` (trash excluded), soonest first, unscheduled last."""
    author, reviewer = aliased(User), aliased(User)
    statement = (
        select(
            Post.id, Post.uid, _text(Post.scheduled_at), Post.timezone, Channel.display_name, _text(Channel.platform),
            _text(Post.status), Post.title, Post.body, Post.link, Post.media_note, _text(Post.objective),
            _text(Post.pillar), _text(Post.sponsorship), Post.partner, Campaign.name,
            # an account's email, else the one an import kept for someone without an account here
            func.coalesce(author.email, Post.author_email), func.coalesce(reviewer.email, Post.reviewer_email),
            Post.group_id,
            Post.version, _text(Post.updated_at),  # in ExportPost's field order
        )
        .join(Channel, col(Channel.id) == col(Post.channel_id))
        .outerjoin(Campaign, col(Campaign.id) == col(Post.campaign_id))
        .outerjoin(author, col(author.id) == col(Post.author_id))
        .outerjoin(reviewer, col(reviewer.id) == col(Post.reviewer_id))
        .where(col(Post.workspace_id) == workspace.id, col(Post.deleted_at).is_(None))
    )
    zone = ZoneInfo(workspace.timezone)
    if filters.start is not None:
        statement = statement.where(col(Post.scheduled_at) >= _day_start(filters.start, zone))
    if filters.end is not None:
        statement = statement.where(col(Post.scheduled_at) < _day_start(filters.end + timedelta(days=1), zone))
    if filters.channels:
        statement = statement.where(col(Post.channel_id).in_(_channel_ids(workspace, filters.channels, session=session)))
    if filters.statuses:
        statuses = [_status(value) for value in filters.statuses]
        statement = statement.where(col(Post.status).in_(statuses))
    if filters.campaign:
        campaigns = {fold(campaign.name): campaign.id for campaign in session.scalars(
            select(Campaign).where(col(Campaign.workspace_id) == workspace.id))}
        campaign_id = campaigns.get(fold(filters.campaign))
        if campaign_id is None:
            raise ValidationError(f"No campaign named {filters.campaign!r} in {workspace.name} "
                                  f"(campaigns: {', '.join(sorted(campaigns)) or 'none'}).")
        statement = statement.where(col(Post.campaign_id) == campaign_id)
    statement = statement.order_by(col(Post.scheduled_at).is_(None), col(Post.scheduled_at), col(Post.id))
    lang, zone_name = str(workspace.language), workspace.timezone
    posts = []
    for row in session.connection().execute(statement):  # Core rows: no ORM loading for 100,000 posts
        post = ExportPost(row[0], row[1], _utc(row[2]), *row[3:], lang=lang)
        post.timezone = post.timezone or zone_name
        posts.append(post)
    return posts


def _text(column):
    """A column read as the driver gives it: no enum or datetime processing per row (for 100,000 posts)."""
    return type_coerce(column, String)


def _utc(value: str | datetime | None) -> datetime | None:
    """An aware UTC datetime from what the driver returned: text on SQLite, a datetime on PostgreSQL."""
    if value is None or isinstance(value, datetime):
        return value and value.astimezone(UTC)
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _channel_ids(workspace: Workspace, names: Iterable[str], *, session: Session) -> list[int]:
    channels = list(session.scalars(select(Channel).where(col(Channel.workspace_id) == workspace.id)))
    return [channel.id for name in names for channel in channels_named(name, channels, workspace_name=workspace.name)]


def _status(value: str) -> str:
    try:
        return str(PostStatus(fold(value)))
    except ValueError:
        raise ValidationError(f"{value!r} is not a status; use one of "
                              f"{', '.join(status.value for status in PostStatus)}.") from None


# --- CSV writing -----------------------------------------------------------------------------------------

def _csv_bytes(header: Iterable[str] | None, rows: Iterable[Iterable[str]], *, delimiter: str = ",",
               bom: bool = False) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    if header is not None:
        writer.writerow([neutralise(cell) for cell in header])
    # The first-character test inline: a function call per cell would double the time of a big export.
    writer.writerows([cell if not cell or cell[0] not in RISKY_FIRST else neutralise(cell) for cell in row]
                     for row in rows)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


def _finding_cells(post: ExportPost) -> list[str]:
    findings = post.findings or []
    return [
        str(len(findings)),
        " ".join(finding.code for finding in findings),
        "\n".join(f"{finding.code} ({finding.severity.name.lower()}): {finding.message}" for finding in findings),
    ]


def _edito_row(post: ExportPost) -> list[str]:
    """The post's cells in EDITO_COLUMNS order."""
    local = post.local_time
    return [
        post.uid, local.isoformat() if local else "", post.timezone, post.channel, post.platform, post.lang,
        post.status, post.title, post.body, post.link or "", post.media_note or "", post.objective or "",
        post.pillar or "", post.sponsorship, post.partner or "", post.campaign or "", post.author or "",
        post.reviewer or "", post.group or "",
    ]


def write_edito_csv(posts: list[ExportPost], *, with_findings: bool = False) -> bytes:
    header = (*EDITO_COLUMNS, *FINDING_COLUMNS) if with_findings else EDITO_COLUMNS
    rows = ([*_edito_row(post), *_finding_cells(post)] if with_findings else _edito_row(post) for post in posts)
    return _csv_bytes(header, rows)


def _excel_fr_row(post: ExportPost) -> list[str]:
    edito = dict(zip(EDITO_COLUMNS, _edito_row(post), strict=True))
    local = post.local_time
    edito["date"] = local.strftime("%d/%m/%Y") if local else ""
    edito["time"] = (local.strftime("%H:%M:%S" if local.second else "%H:%M")) if local else ""
    for column in ENUM_COLUMNS:
        if edito[column]:
            edito[column] = french_label(column, edito[column])
    return [edito[column] for column in EXCEL_FR_COLUMNS]


def write_excel_fr(posts: list[ExportPost], *, with_findings: bool = False) -> bytes:
    columns = (*EXCEL_FR_COLUMNS, *FINDING_COLUMNS) if with_findings else EXCEL_FR_COLUMNS
    header = [EXCEL_FR_HEADERS[column] for column in columns]
    rows = ([*_excel_fr_row(post), *_finding_cells(post)] if with_findings else _excel_fr_row(post)
            for post in posts)
    return _csv_bytes(header, rows, delimiter=";", bom=True)


# --- schedulers -------------------------------------------------------------------------------------------

def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "channel"


def _chunks(items: list, size: int | None) -> Iterator[list]:
    if size is None or len(items) <= size:
        yield items
        return
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass(frozen=True)
class SchedulerSpec:
    """What a scheduler's bulk file holds and refuses."""

    header: tuple[str, ...] | None
    max_rows: int | None
    row: Callable[[ExportPost, datetime, DateOrder], list[str]]
    minute_step: int = 1
    min_gap_minutes: int = 0


SCHEDULERS: dict[Format, SchedulerSpec] = {
    Format.HOOTSUITE: SchedulerSpec(
        header=None, max_rows=HOOTSUITE_MAX_ROWS, minute_step=5,
        row=lambda post, local, order: [local.strftime(f"{order.pattern} %H:%M"), post.body, post.link or ""],
    ),
    Format.BUFFER: SchedulerSpec(
        header=BUFFER_COLUMNS, max_rows=None,
        row=lambda post, local, order: [
            post.text_with_link,
            post.media_note if post.media_note and post.media_note.startswith(("http://", "https://")) else "",
            post.campaign or "",
            local.strftime("%Y-%m-%d %H:%M"),
        ],
    ),
    Format.SPROUT: SchedulerSpec(
        header=SPROUT_COLUMNS, max_rows=SPROUT_MAX_ROWS, min_gap_minutes=SCHEDULER_MIN_LEAD_MINUTES,
        row=lambda post, local, order: [local.strftime(order.pattern), local.strftime("%H:%M"), post.body,
                                        post.link or ""],
    ),
}


def _scheduler_refusal(post: ExportPost, spec: SchedulerSpec, now: datetime, previous: datetime | None) -> str | None:
    if post.scheduled_at is None:
        return Localized("export.no_date")
    if not post.body.strip():
        return Localized("export.no_text")
    if post.scheduled_at < now + timedelta(minutes=SCHEDULER_MIN_LEAD_MINUTES):
        return Localized("export.too_soon", minutes=SCHEDULER_MIN_LEAD_MINUTES)
    local = post.local_time
    if local.minute % spec.minute_step or local.second:
        return Localized("export.minute_step", time=f"{local:%H:%M}", step=spec.minute_step)
    if previous is not None and post.scheduled_at - previous < timedelta(minutes=spec.min_gap_minutes):
        return Localized("export.too_close", minutes=spec.min_gap_minutes)
    return None


def write_scheduler(fmt: Format, posts: list[ExportPost], *, stem: str, workspace: Workspace,
                    date_order: DateOrder, now: datetime) -> ExportResult:
    """One file per channel (split at the scheduler's row limit); times in the workspace's timezone."""
    spec, zone = SCHEDULERS[fmt], ZoneInfo(workspace.timezone)
    result = ExportResult(fmt, stem)
    by_channel: dict[str, list[ExportPost]] = {}
    for post in posts:
        by_channel.setdefault(post.channel, []).append(post)
    for channel, channel_posts in by_channel.items():
        accepted: list[ExportPost] = []
        previous = None
        for post in channel_posts:
            reason = _scheduler_refusal(post, spec, now, previous)
            if reason:
                result.left_out.append(LeftOut(post.id, post.label, post.channel, reason))
            else:
                accepted.append(post)
                previous = post.scheduled_at
        parts = list(_chunks(accepted, spec.max_rows))
        for number, part in enumerate(parts, start=1):
            if not part:
                continue
            suffix = f"-{number}" if len(parts) > 1 else ""
            rows = [spec.row(post, post.scheduled_at.astimezone(zone), date_order) for post in part]
            result.files.append(ExportFile(f"{stem}-{slug(channel)}{suffix}.csv",
                                           _csv_bytes(spec.header, rows), len(rows)))
    result.notes.append(Localized("export.timezone_note", zone=workspace.timezone, tool=fmt.value.title()))
    return result


# --- iCalendar ---------------------------------------------------------------------------------------------

EVENT_MINUTES = 15


def write_ics(posts: list[ExportPost], *, workspace: Workspace, result: ExportResult) -> bytes:
    """One event per scheduled post; the UID is the post's, so re-importing updates the same events."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Edito//Content calendar//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Edito · {workspace.name}")
    calendar.add("x-wr-timezone", workspace.timezone)
    for post in posts:
        local = post.local_time
        if local is None:
            result.left_out.append(LeftOut(post.id, post.label, post.channel, "no date: a calendar event needs one"))
            continue
        event = Event()
        event.add("uid", f"{post.uid}@edito")
        event.add("dtstamp", post.modified_at)
        event.add("last-modified", post.modified_at)
        event.add("sequence", post.version - 1)
        event.add("dtstart", local)
        event.add("dtend", local + timedelta(minutes=EVENT_MINUTES))
        event.add("summary", f"[{post.channel}] {post.label}")
        description = "\n\n".join(part for part in (post.body, post.link) if part)
        event.add("description", description)
        if post.link:
            event.add("url", post.link)
        event.add("status", "CONFIRMED" if post.status in (*READY_STATUSES, PostStatus.PUBLISHED) else "TENTATIVE")
        event.add("categories", [part for part in (post.channel, post.campaign) if part])
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


# --- the entry point ---------------------------------------------------------------------------------------

def export_calendar(
    workspace_id: int,
    fmt: Format | str,
    *,
    session: Session,
    filters: ExportFilters = ExportFilters(),
    with_findings: bool = False,
    date_order: DateOrder | str | None = None,
    stem: str | None = None,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ExportResult:
    """Export the workspace's posts matching ``filters`` in ``fmt``.

    Scheduler formats take approved and scheduled posts unless ``filters.statuses`` says otherwise (the
    others are counted in the notes). ``with_findings`` adds the checker's findings (stored results are
    reused; ``progress(done, total)`` follows the checking)."""
    fmt = Format(fmt)
    workspace = get_workspace(workspace_id, session=session)
    stem = stem or f"edito-{slug(workspace.name)}"
    scheduler = fmt in SCHEDULER_FORMATS
    if scheduler and not filters.statuses:
        posts = select_posts(workspace, filters, session=session)
        ready = [post for post in posts if post.status in READY_STATUSES]
        skipped = len(posts) - len(ready)
        posts = ready
    else:
        posts, skipped = select_posts(workspace, filters, session=session), 0
    if with_findings:
        attach_findings(posts, session=session, progress=progress)
    if scheduler:
        order = DateOrder(date_order or ("dmy" if str(workspace.language) == "fr" else "mdy"))
        result = write_scheduler(fmt, posts, stem=stem, workspace=workspace, date_order=order,
                                 now=now or utc_now())
        if skipped:
            result.notes.append(Localized("export.not_approved_note", count=skipped))
        return result
    result = ExportResult(fmt, stem)
    if fmt is Format.ICS:
        result.files.append(ExportFile(f"{stem}.ics", write_ics(posts, workspace=workspace, result=result),
                                       len(posts) - len(result.left_out)))
    elif fmt is Format.EXCEL_FR:
        result.files.append(ExportFile(f"{stem}.csv", write_excel_fr(posts, with_findings=with_findings), len(posts)))
    else:
        result.files.append(ExportFile(f"{stem}.csv", write_edito_csv(posts, with_findings=with_findings), len(posts)))
    return result


def attach_findings(posts: list[ExportPost], *, session: Session,
                    progress: Callable[[int, int], None] | None = None) -> None:
    from calendar_app.services.check_results import LOOKUP_BATCH
    from calendar_app.services.checking import check_posts

    ids = [post.id for post in posts]
    stored = {post.id: post for first in range(0, len(ids), LOOKUP_BATCH)
              for post in session.scalars(select(Post).where(col(Post.id).in_(ids[first:first + LOOKUP_BATCH])))}
    findings = check_posts([stored[post_id] for post_id in ids], session=session, progress=progress)
    for post in posts:
        post.findings = findings[post.id]
