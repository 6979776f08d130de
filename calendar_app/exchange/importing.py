"""Import a calendar file: Edito CSV, the French spreadsheet variant, or a scheduler's bulk file.

Two steps. :func:`plan_import` reads and validates every row and compares it with the calendar, writing
nothing: the plan lists the posts to create, the duplicates it will skip, the channels and campaigns it
will add, the people it names who have no account here (kept by their email) or no access to the brand,
and every problem with its row and column. :func:`apply_import` writes a plan that has no
problem, in one transaction: all rows or none.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfoNotFoundError

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import insert, select
from sqlmodel import Session, col

from calendar_app.errors import PermissionDeniedError, ValidationError, validation_problem
from checks.csv_cells import restore
from calendar_app.exchange.formats import (
    BUFFER_COLUMNS,
    ENUM_COLUMNS,
    EXCEL_FR_HEADERS,
    FINDING_COLUMNS,
    IMPORT_FORMATS,
    SPROUT_COLUMNS,
    DateOrder,
    Format,
    PLATFORM_NAMES,
    enum_value_by_label,
    fold,
)
from calendar_app.i18n import Localized
from calendar_app.models import (
    EMAIL,
    AuditEvent,
    Campaign,
    CampaignCreate,
    Channel,
    ChannelCreate,
    Membership,
    Platform,
    Post,
    PostCreate,
    Role,
    User,
    Workspace,
    localize,
    new_group_id,
    new_uid,
    utc_now,
)
from calendar_app.services.workspaces import create_campaign, create_channel, get_workspace, require_admin
from checks.engine import InputError
from checks.inputs import decode, split_delimiter

MAX_PROBLEMS_SHOWN = 20
# Header names (folded) the Edito reader knows, in English and French, → field.
EDITO_FIELDS = {
    **{name: name for name in ("uid", "scheduled_at", "timezone", "channel", "platform", "lang", "status",
                               "title", "body", "link", "media_note", "objective", "pillar", "sponsorship",
                               "partner", "campaign", "author", "reviewer", "group", "date", "time")},
    **{fold(label): name for name, label in EXCEL_FR_HEADERS.items()},
    "text": "body", "id": "uid",
}
IGNORED_FIELDS = frozenset(FINDING_COLUMNS)
_DATE_ONLY = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}(?: \d{1,2}:\d{2}(?::\d{2})?)?$")


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    message: str

    def describe(self, source: str) -> str:
        return f"{source}, row {self.row}, column {self.column!r}: {self.message}"


@dataclass(frozen=True)
class PlannedPost:
    row: int
    channel: str
    platform: str | None
    campaign: str | None
    data: PostCreate  # channel_id and campaign_id are set when the plan is applied

    @property
    def label(self) -> str:
        return self.data.title or " ".join(self.data.body.split())[:60]


@dataclass(frozen=True)
class SkippedRow:
    row: int
    reason: str


@dataclass
class Person:
    """Someone the file names as author or reviewer, and on how many of the posts to create."""

    email: str
    name: str | None = None  # the account's, when there is one
    author_of: int = 0
    reviewer_of: int = 0

    def describe(self) -> str:
        roles = [f"{role} of {count} post{'s' if count > 1 else ''}"
                 for role, count in (("author", self.author_of), ("reviewer", self.reviewer_of)) if count]
        return f"{self.email} ({', '.join(roles)})"


@dataclass
class ImportPlan:
    source: str
    format: Format
    workspace_id: int
    rows: int = 0
    workspace_name: str | None = None
    posts: list[PlannedPost] = field(default_factory=list)
    duplicates: list[SkippedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    new_channels: dict[str, str] = field(default_factory=dict)  # display name → platform
    new_campaigns: list[str] = field(default_factory=list)
    # email (folded) → person: no account here, the post keeps the email (author_email / reviewer_email)
    unknown_people: dict[str, Person] = field(default_factory=dict)
    # email → person: an account that is not a member of the brand (the post is linked to it all the same)
    not_members: dict[str, Person] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem_report(self) -> str:
        shown = [problem.describe(self.source) for problem in self.problems[:MAX_PROBLEMS_SHOWN]]
        more = len(self.problems) - len(shown)
        return "\n".join(shown + ([f"… and {more} more problems"] if more > 0 else []))


class ImportRejected(ValidationError):
    """The file has problems: nothing was imported. The message lists them with row and column."""

    def __init__(self, plan: ImportPlan):
        count = len(plan.problems)
        super().__init__(f"{plan.source}: {count} problem{'s' if count > 1 else ''}, nothing was imported.\n"
                         f"{plan.problem_report()}")
        self.plan = plan


# --- reading the table -------------------------------------------------------------------------------------

@dataclass
class Table:
    header: list[str] | None
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells)


def read_table(data: bytes, source: str, *, has_header: bool | None = None) -> Table:
    """Cells of a CSV file in UTF-8 (BOM or not) or Windows-1252, delimited by ``,``, ``;`` or tab."""
    try:
        text = decode(data, source, universal_newlines=False)
    except InputError as error:
        raise ValidationError(str(error)) from None
    delimiter, text, _ = split_delimiter(text)  # rows are numbered as Excel shows them: without a sep= line
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ValidationError(f"{source}: not a readable CSV file ({error}).") from None
    numbered = [(number, [restore(cell) for cell in record]) for number, record in enumerate(records, start=1)
                if any(cell.strip() for cell in record)]
    if not numbered:
        raise ValidationError(f"{source}: the file is empty.")
    if has_header is None:
        first = numbered[0][1][0].strip() if numbered[0][1] else ""
        has_header = not _DATE_ONLY.match(first)
    if has_header:
        return Table([cell.strip() for cell in numbered[0][1]], numbered[1:])
    return Table(None, numbered)


def detect_format(table: Table, source: str) -> Format:
    if table.header is None:
        return Format.HOOTSUITE
    names = {fold(name) for name in table.header}
    if "message_text" in names:
        return Format.SPROUT
    if {"text", "posting_time"} <= names:
        return Format.BUFFER
    if names & {"body", "texte", "text"}:
        return Format.EXCEL_FR if "texte" in names else Format.EDITO_CSV
    raise ValidationError(
        f"{source}: not a calendar file Edito can read: the header ({', '.join(table.header)}) has no "
        f"'body' column (Edito CSV), 'Texte' (spreadsheet), 'Text'/'Posting Time' (Buffer) or "
        f"'message_text' (Sprout Social); a Hootsuite file has no header and starts with a date.")


# --- values ------------------------------------------------------------------------------------------------

class CellError(ValueError):
    """A cell that cannot be read; the message says why."""


def _enum(column: str) -> Callable[[str], str]:
    known = enum_value_by_label(column)

    def parse(value: str) -> str:
        code = known.get(fold(value))
        if code is None:
            choices = sorted({code for code in known.values()})
            raise CellError(Localized("import.not_a_value", value=value, column=column, choices=", ".join(choices)))
        return code

    return parse


ENUM_PARSERS = {column: _enum(column) for column in ENUM_COLUMNS}


def _platform(value: str) -> str:
    try:
        return str(Platform(fold(value)))
    except ValueError:
        raise CellError(Localized("import.not_a_platform", value=value,
                                  choices=", ".join(p.value for p in Platform))) from None


def _iso_datetime(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise CellError(Localized("import.not_a_datetime", value=value, example="2026-11-24T09:30:00+01:00")) from None


def _local_datetime(day: str, moment: str, order: DateOrder, example: str) -> datetime:
    text = f"{day.strip()} {moment.strip()}".strip()
    for pattern in (f"{order.pattern} %H:%M", f"{order.pattern} %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise CellError(Localized("import.not_a_datetime", value=text, example=example))


# --- rows → posts ------------------------------------------------------------------------------------------

@dataclass
class RowValues:
    """What one row says, before it is checked against the calendar."""

    channel: str | None = None
    platform: str | None = None
    campaign: str | None = None
    author: str | None = None
    reviewer: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)


def _edito_row(cells: dict[str, str], *, order: DateOrder, problems: list[tuple[str, str]]) -> RowValues:
    """One row of the Edito CSV or of its French spreadsheet variant."""
    values = RowValues()

    def read(column: str, parse: Callable[[str], Any] = str.strip) -> Any:
        raw = cells.get(column, "")
        if not raw.strip():
            return None
        try:
            return parse(raw if column in ("body", "title") else raw.strip())  # texts are kept as written
        except CellError as error:
            problems.append((column, error.args[0]))  # the message itself: a Localized one stays so
            return None

    values.channel, values.campaign = read("channel"), read("campaign")
    values.platform = read("platform", _platform)
    values.author, values.reviewer = read("author"), read("reviewer")
    if "scheduled_at" in cells:
        moment = read("scheduled_at", _iso_datetime)
    elif cells.get("date", "").strip():
        moment = read("date", lambda day: _local_datetime(day, cells.get("time", ""), order, "24/11/2026 09:30"))
    else:
        moment = None
    fields: dict[str, Any] = {
        "uid": read("uid"), "scheduled_at": moment, "timezone": read("timezone"), "title": read("title", str) or "",
        "body": read("body", str) or "", "link": read("link"), "media_note": read("media_note"),
        "partner": read("partner"), "group_id": read("group"),
    }
    for column, parse in ENUM_PARSERS.items():
        fields[column] = read(column, parse)
    values.fields = {key: value for key, value in fields.items() if value is not None}
    return values


def _scheduler_row(fmt: Format, cells: list[str], names: dict[str, int], *, order: DateOrder,
                   problems: list[tuple[str, str]]) -> RowValues:
    def cell(name: str) -> str:
        index = names.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    fields: dict[str, Any] = {}
    try:
        if fmt is Format.HOOTSUITE:
            column, moment = "A", _local_datetime(cells[0] if cells else "", "", order, "24/11/2026 09:30")
        elif fmt is Format.BUFFER:
            column, moment = "Posting Time", _local_datetime(cell("posting_time"), "", order, "2026-11-24 09:30")
        else:
            column = "date"
            moment = _local_datetime(cell("date"), cell("time_24hr"), order, "24/11/2026 + 09:30")
        fields["scheduled_at"] = moment
    except CellError as error:
        problems.append((column, error.args[0]))
    values = RowValues()
    if fmt is Format.HOOTSUITE:
        fields["body"], link = (cells[1] if len(cells) > 1 else ""), (cells[2].strip() if len(cells) > 2 else "")
    elif fmt is Format.BUFFER:
        fields["body"], link = _split_trailing_link(cell("text"))
        image = cell("image_url").strip()
        fields["media_note"] = image or None
        tag = cell("tags").split(",")[0].strip()
        values.campaign = tag or None
    else:
        fields["body"], link = cell("message_text"), cell("link").strip()
    fields["link"] = link or None
    values.fields = {key: value for key, value in fields.items() if value is not None}
    return values


def _split_trailing_link(text: str) -> tuple[str, str]:
    """Buffer's text carries the link on its last line (it has no link column): take it back out."""
    body, _, last = text.rpartition("\n")
    if re.fullmatch(r"https?://\S+", last.strip()):
        return body, last.strip()
    return text, ""


def _rows(table: Table, fmt: Format, source: str, *, order: DateOrder) -> Iterator[tuple[int, RowValues,
                                                                                      list[tuple[str, str]]]]:
    names: dict[str, int] = {}
    if table.header is not None:
        for index, name in enumerate(table.header):
            names.setdefault(fold(name), index)
    if fmt in (Format.EDITO_CSV, Format.EXCEL_FR):
        columns = {EDITO_FIELDS[name]: index for name, index in names.items() if name in EDITO_FIELDS}
        for number, cells in table.rows:
            problems: list[tuple[str, str]] = []
            by_field = {key: cells[index] if index < len(cells) else "" for key, index in columns.items()}
            yield number, _edito_row(by_field, order=order, problems=problems), problems
    else:
        required = {Format.BUFFER: BUFFER_COLUMNS, Format.SPROUT: SPROUT_COLUMNS[:3]}.get(fmt, ())
        missing = [name for name in required if fold(name) not in names]
        if missing:
            raise ValidationError(f"{source}: a {fmt.value} file needs the columns {', '.join(required)} "
                                  f"(missing: {', '.join(missing)}).")
        for number, cells in table.rows:
            problems = []
            yield number, _scheduler_row(fmt, cells, names, order=order, problems=problems), problems


def _header_name(table: Table, field_name: str) -> str:
    """The column name the user sees in the file, for a field."""
    if table.header is None:
        return {"scheduled_at": "A", "body": "B", "link": "C"}.get(field_name, field_name)
    for name in table.header:
        if EDITO_FIELDS.get(fold(name)) == field_name or fold(name) == fold(field_name):
            return name
    return field_name


# --- the plan ----------------------------------------------------------------------------------------------

class _Calendar:
    """What the target workspace already holds, looked up once."""

    def __init__(self, workspace: Workspace, *, session: Session):
        self.channels = {fold(channel.display_name): channel for channel in session.scalars(
            select(Channel).where(col(Channel.workspace_id) == workspace.id))}
        self.campaigns = {fold(campaign.name): campaign for campaign in session.scalars(
            select(Campaign).where(col(Campaign.workspace_id) == workspace.id))}
        self.users = {user.email: user for user in session.scalars(select(User))}
        self.members = set(session.scalars(select(Membership.user_id).where(
            col(Membership.workspace_id) == workspace.id)))
        self.session = session
        self.workspace = workspace

    def reaches(self, user: User) -> bool:
        """Whether ``user`` may open the workspace (admins open every one)."""
        return user.role == Role.ADMIN or user.id in self.members

    def existing_keys(self, moments: list[datetime]) -> set[tuple[int, datetime, str]]:
        if not moments:
            return set()
        statement = select(Post.channel_id, Post.scheduled_at, Post.body).where(
            col(Post.workspace_id) == self.workspace.id, col(Post.deleted_at).is_(None),
            col(Post.scheduled_at) >= min(moments), col(Post.scheduled_at) <= max(moments))
        return {(channel_id, moment, body.strip()) for channel_id, moment, body in self.session.execute(statement)}

    def by_uid(self, uids: list[str], column) -> dict[str, Any]:
        """uid → ``column`` (a Post column), for the uids already stored."""
        found: dict[str, Any] = {}
        for start in range(0, len(uids), 1000):
            found.update(self.session.execute(select(Post.uid, column).where(
                col(Post.uid).in_(uids[start:start + 1000]))).all())
        return found

    def foreign_groups(self, groups: list[str]) -> set[str]:
        """Group ids already used by another workspace (an import there must not join them)."""
        found: set[str] = set()
        for start in range(0, len(groups), 1000):
            found.update(self.session.scalars(select(Post.group_id).where(
                col(Post.group_id).in_(groups[start:start + 1000]), col(Post.workspace_id) != self.workspace.id)))
        return found


def plan_import(
    data: bytes,
    *,
    source: str,
    workspace_id: int,
    session: Session,
    fmt: Format | str | None = None,
    channel: str | None = None,
    date_order: DateOrder | str | None = None,
) -> ImportPlan:
    """Read and check every row of ``data`` against the workspace; nothing is written.

    ``channel`` names the channel for files that have none (the schedulers' files) or for rows that leave
    it empty: a channel of the workspace (by name, or by platform), else a channel to create: a platform
    (``instagram`` creates "Instagram") or ``NAME:PLATFORM``. ``date_order`` reads dd/mm/yyyy (``dmy``) or mm/dd/yyyy (``mdy``) dates; default: day first
    for a French workspace, month first otherwise (the Excel-FR variant is always day first)."""
    workspace = get_workspace(workspace_id, session=session)
    explicit = Format(fmt) if fmt else None
    if explicit is Format.ICS:
        raise ValidationError(f"{source}: iCalendar files are an export only; import the Edito CSV instead.")
    table = read_table(data, source, has_header=None if explicit is None else explicit is not Format.HOOTSUITE)
    found = explicit or detect_format(table, source)
    if found not in IMPORT_FORMATS:
        raise ValidationError(f"{source}: cannot import the {found.value} format.")
    order = DateOrder(date_order or ("dmy" if found is Format.EXCEL_FR or str(workspace.language) == "fr" else "mdy"))
    calendar = _Calendar(workspace, session=session)
    plan = ImportPlan(source=source, format=found, workspace_id=workspace.id, rows=len(table.rows),
                      workspace_name=workspace.name)
    if table.header is not None and found in (Format.EDITO_CSV, Format.EXCEL_FR):
        unknown = [name for name in table.header if name and fold(name) not in EDITO_FIELDS
                   and fold(name) not in IGNORED_FIELDS and fold(name) not in {fold(EXCEL_FR_HEADERS[key])
                                                                                 for key in FINDING_COLUMNS}]
        if unknown:
            plan.notes.append(Localized("import.columns_not_read", columns=", ".join(unknown)))
    default_channel = _default_channel(channel, calendar, source)
    planned: list[tuple[PlannedPost, str]] = []
    for number, values, cell_problems in _rows(table, found, source, order=order):
        problems = [RowProblem(number, _header_name(table, column), message) for column, message in cell_problems]
        post = _plan_row(number, values, calendar=calendar, default_channel=default_channel, plan=plan,
                         problems=problems, header=lambda name: _header_name(table, name))
        plan.problems.extend(problems)
        if post is not None and not problems:
            planned.append(post)
    _skip_duplicates(planned, calendar=calendar, plan=plan)
    _count_people(plan, calendar)
    return plan


def _default_channel(name: str | None, calendar: _Calendar, source: str) -> tuple[str, str | None] | None:
    """The channel for rows that name none: (its display name, its platform when the import creates it)."""
    if name is None:
        return None
    channels = list(calendar.channels.values())
    found = [channel for channel in channels if fold(channel.display_name) == fold(name)] or [
        channel for channel in channels if fold(str(channel.platform)) == fold(name)]
    if found:
        return found[0].display_name, None
    display, _, platform = name.rpartition(":")
    try:
        platform = Platform(fold(platform)).value
    except ValueError:
        known = ", ".join(channel.display_name for channel in channels) or "none"
        raise ValidationError(
            f"{source}: no channel named {name!r} in {calendar.workspace.name} (channels: {known}); to create "
            f"one, give its platform ({', '.join(PLATFORM_NAMES)}) or NAME:PLATFORM.") from None
    display = display.strip() or PLATFORM_NAMES[platform]
    existing = calendar.channels.get(fold(display))
    if existing is not None:
        if str(existing.platform) != platform:
            raise ValidationError(f"{source}: channel {existing.display_name!r} is on {existing.platform}, "
                                  f"not {platform}.")
        return existing.display_name, None
    problem = _invalid(ChannelCreate, platform=platform, display_name=display)
    if problem:
        raise ValidationError(f"{source}: channel {name!r}: {problem}")
    return display, platform


def _count_people(plan: ImportPlan, calendar: _Calendar) -> None:
    """Who the posts to create name without an account here, or with one that has no access to the brand."""
    by_id = {user.id: user for user in calendar.users.values()}
    for post in plan.posts:
        for role in ("author", "reviewer"):
            email, user = getattr(post.data, f"{role}_email"), by_id.get(getattr(post.data, f"{role}_id"))
            if email:
                person = plan.unknown_people.setdefault(email.casefold(), Person(email))
            elif user is not None and not calendar.reaches(user):
                person = plan.not_members.setdefault(user.email, Person(user.email, user.name))
            else:
                continue
            setattr(person, f"{role}_of", getattr(person, f"{role}_of") + 1)


def _plan_row(number: int, values: RowValues, *, calendar: _Calendar, default_channel: tuple[str, str | None] | None,
              plan: ImportPlan, problems: list[RowProblem], header: Callable[[str], str]) -> tuple[PlannedPost, str] | None:
    fields = dict(values.fields)
    default_name, default_platform = default_channel or (None, None)
    channel_name = values.channel or default_name
    channel = calendar.channels.get(fold(channel_name)) if channel_name else None
    platform = values.platform if values.channel else values.platform or default_platform
    if channel_name is None:
        problems.append(RowProblem(number, header("channel"), Localized("import.no_channel")))
    elif channel is None:
        if platform is None:
            problems.append(RowProblem(number, header("channel"), Localized(
                "import.unknown_channel", name=channel_name, brand=calendar.workspace.name)))
        elif _invalid(ChannelCreate, platform=platform, display_name=channel_name):
            problems.append(RowProblem(number, header("channel"), _invalid(ChannelCreate, platform=platform,
                                                                          display_name=channel_name)))
        else:
            known = plan.new_channels.setdefault(channel_name, platform)
            if known != platform:
                problems.append(RowProblem(number, header("platform"), Localized(
                    "import.platform_earlier", name=channel_name, known=known, platform=platform)))
    elif platform is not None and str(channel.platform) != platform:
        problems.append(RowProblem(number, header("platform"), Localized(
            "import.platform_mismatch", name=channel.display_name, known=str(channel.platform), platform=platform)))
    if values.campaign and fold(values.campaign) not in calendar.campaigns and values.campaign not in plan.new_campaigns:
        problem = _invalid(CampaignCreate, name=values.campaign)
        if problem:
            problems.append(RowProblem(number, header("campaign"), problem))
        else:
            plan.new_campaigns.append(values.campaign)
    for role, email in (("author", values.author), ("reviewer", values.reviewer)):
        if email:
            email = email.strip()
            user = calendar.users.get(email.lower())
            if user is not None:
                fields[f"{role}_id"] = user.id
            elif EMAIL.match(email):
                fields[f"{role}_email"] = email  # no account here: kept as written, exported back the same
            else:
                problems.append(RowProblem(number, header(role), Localized("import.not_an_email", email=email)))
    timezone = fields.get("timezone") or calendar.workspace.timezone
    if isinstance(fields.get("scheduled_at"), datetime):
        try:
            fields["scheduled_at"] = localize(fields["scheduled_at"], timezone)
        except (ZoneInfoNotFoundError, ValueError):  # an unknown timezone: the model's validator names it
            fields.pop("scheduled_at")
    try:
        data = PostCreate.model_validate({**fields, "channel_id": channel.id if channel else 0})
    except PydanticValidationError as error:
        for problem in error.errors():
            column = str(problem["loc"][0]) if problem.get("loc") else "row"
            column = {"group_id": "group", "author_id": "author", "reviewer_id": "reviewer", "author_email": "author",
                      "reviewer_email": "reviewer"}.get(column, column)
            problems.append(RowProblem(number, header(column), validation_problem(problem)))
        return None
    if problems:
        return None
    post = PlannedPost(number, channel_name, platform, values.campaign, data)
    return post, fold(channel_name)


def _invalid(model, **values) -> str | None:
    """Why ``model(**values)`` would be refused (a new channel's or campaign's name), or None."""
    try:
        model.model_validate(values)
    except PydanticValidationError as error:
        problems = [validation_problem(problem) for problem in error.errors()]
        return problems[0] if len(problems) == 1 else "; ".join(problems)  # one keeps its translation
    return None


def _skip_duplicates(planned: list[tuple[PlannedPost, str]], *, calendar: _Calendar, plan: ImportPlan) -> None:
    """Keep rows that are new: not the same channel, time and text as a stored post or an earlier row, and
    not a post (by uid) the workspace already has."""
    moments = [post.data.scheduled_at for post, _ in planned if post.data.scheduled_at is not None]
    stored = calendar.existing_keys(moments)
    stored_uids = calendar.by_uid([post.data.uid for post, _ in planned if post.data.uid], Post.workspace_id)
    foreign = calendar.foreign_groups(sorted({post.data.group_id for post, _ in planned if post.data.group_id}))
    regrouped: dict[str, str] = {}
    seen: dict[tuple[str, datetime | None, str], int] = {}
    seen_uids: dict[str, int] = {}
    for post, channel_key in planned:
        channel = calendar.channels.get(channel_key)
        key = (channel_key, post.data.scheduled_at, post.data.body.strip())
        if post.data.uid and stored_uids.get(post.data.uid) == calendar.workspace.id:
            plan.duplicates.append(SkippedRow(post.row, Localized("import.uid_in_calendar", uid=post.data.uid)))
            continue
        if channel is not None and post.data.scheduled_at is not None and \
                (channel.id, post.data.scheduled_at, key[2]) in stored:
            plan.duplicates.append(SkippedRow(post.row, Localized("import.same_as_stored")))
            continue
        if post.data.scheduled_at is not None and key in seen:
            plan.duplicates.append(SkippedRow(post.row, Localized("import.same_as_row", row=seen[key])))
            continue
        if post.data.uid and post.data.uid in seen_uids:
            plan.duplicates.append(SkippedRow(post.row, Localized("import.same_uid_as_row",
                                                                  row=seen_uids[post.data.uid])))
            continue
        seen[key] = post.row
        if post.data.uid:
            seen_uids[post.data.uid] = post.row
        if post.data.uid and post.data.uid in stored_uids:  # the uid of another workspace's post: a copy
            post.data.uid = new_uid()
        if post.data.group_id in foreign:
            post.data.group_id = regrouped.setdefault(post.data.group_id, new_group_id())
        plan.posts.append(post)


# --- applying it -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ImportResult:
    created: int
    skipped: int
    channels_created: int
    campaigns_created: int
    post_ids: list[int]


def apply_import(plan: ImportPlan, *, session: Session, user: User | None = None) -> ImportResult:
    """Write the plan's posts (and the channels and campaigns they need) in the caller's transaction.

    Refused when the plan has problems. A user, when given, must be an editor or an admin, and an admin
    if the file adds channels."""
    if not plan.ok:
        raise ImportRejected(plan)
    actor_id = user.id if user else None
    if user is not None:
        if not user.is_active or user.role not in (Role.EDITOR, Role.ADMIN):
            raise PermissionDeniedError(Localized("import.editors_only", name=user.name,
                                                  role=Localized(f"role.{user.role}")))
        if plan.new_channels:
            require_admin(user, "import_new_channels", channels=", ".join(plan.new_channels))
    workspace = get_workspace(plan.workspace_id, session=session)
    calendar = _Calendar(workspace, session=session)
    for name, platform in plan.new_channels.items():
        if fold(name) not in calendar.channels:
            calendar.channels[fold(name)] = create_channel(
                workspace.id, ChannelCreate(platform=platform, display_name=name), session=session, actor_id=actor_id)
    for name in plan.new_campaigns:
        if fold(name) not in calendar.campaigns:
            calendar.campaigns[fold(name)] = create_campaign(
                workspace.id, CampaignCreate(name=name), session=session, actor_id=actor_id)
    now = utc_now()
    rows = []
    for planned in plan.posts:
        data = planned.data
        campaign = calendar.campaigns.get(fold(planned.campaign)) if planned.campaign else None
        rows.append({
            **data.model_dump(),
            "workspace_id": workspace.id,
            "channel_id": calendar.channels[fold(planned.channel)].id,
            "campaign_id": campaign.id if campaign else None,
            "timezone": data.timezone or workspace.timezone,
            "uid": data.uid or new_uid(),
            "group_id": data.group_id or new_group_id(),
            # the importer is the author of the posts that name nobody (not of those naming someone by email)
            "author_id": data.author_id if data.author_id is not None or data.author_email else actor_id,
            "version": 1, "created_at": now, "updated_at": now,
        })
    # Core inserts, batched: the ORM's per-object bookkeeping would triple the time of a 10,000-row import.
    connection = session.connection()
    post_ids: list[int] = []
    if rows:
        connection.execute(insert(Post.__table__), rows)
        ids_by_uid = calendar.by_uid([row["uid"] for row in rows], Post.id)
        post_ids = [ids_by_uid[row["uid"]] for row in rows]
        connection.execute(insert(AuditEvent.__table__), [
            {"entity": "post", "entity_id": post_id, "action": "import", "actor_id": actor_id,
             "workspace_id": workspace.id, "at": now,
             "after": {**_jsonable(row), "id": post_id, "source": plan.source, "row": planned.row}}
            for post_id, row, planned in zip(post_ids, rows, plan.posts, strict=True)
        ])
    return ImportResult(created=len(post_ids), skipped=len(plan.duplicates), channels_created=len(plan.new_channels),
                        campaigns_created=len(plan.new_campaigns), post_ids=post_ids)


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value.isoformat() if isinstance(value, datetime) else value for key, value in row.items()}


def describe_plan(plan: ImportPlan) -> list[str]:
    """The plan in a few lines, for a dry run or a confirmation."""
    lines = [f"{plan.source} ({plan.format.value}): {plan.rows} rows, {len(plan.posts)} posts to create, "
             f"{len(plan.duplicates)} duplicates skipped."]
    lines.extend(f"Channel to create: {name} ({platform})" for name, platform in plan.new_channels.items())
    if plan.new_campaigns:
        lines.append("Campaigns to add: " + ", ".join(plan.new_campaigns))
    if plan.unknown_people:
        lines.append("No account here, kept by their email: "
                     + ", ".join(person.describe() for person in plan.unknown_people.values()))
    if plan.not_members:
        workspace = plan.workspace_name or "this brand"
        lines.append(f"Accounts without access to {workspace} (linked all the same; edito user access EMAIL "
                     f"-w BRAND gives it): " + ", ".join(person.describe() for person in plan.not_members.values()))
    lines.extend(f"Row {skipped.row} skipped: {skipped.reason}." for skipped in plan.duplicates)
    lines.extend(plan.notes)
    return lines

