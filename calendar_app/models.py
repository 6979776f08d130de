"""The data model: for each entity a Base (shared, validated fields), a Create, an Update and the Table.

Enumerations are stored as short strings (portable between SQLite and PostgreSQL, and new values need
no migration); datetimes are stored and returned tz-aware in UTC.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import field_validator, model_validator
from sqlalchemy import (
    JSON,
    DateTime,
    Index,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from calendar_app.i18n import Localized


def utc_now() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out, on every backend (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware one is required")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Language(StrEnum):
    FR = "fr"
    EN = "en"


class Voice(StrEnum):
    TU = "tu"
    VOUS = "vous"
    NEUTRAL = "neutral"


class Platform(StrEnum):
    X = "x"
    LINKEDIN = "linkedin"
    INSTAGRAM = "instagram"
    FACEBOOK = "facebook"
    TIKTOK = "tiktok"
    THREADS = "threads"
    BLUESKY = "bluesky"
    MASTODON = "mastodon"
    YOUTUBE = "youtube"
    PINTEREST = "pinterest"
    BLOG = "blog"
    NEWSLETTER = "newsletter"


class PostStatus(StrEnum):
    IDEA = "idea"
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Objective(StrEnum):
    AWARENESS = "awareness"
    ENGAGEMENT = "engagement"
    TRAFFIC = "traffic"
    CONVERSION = "conversion"
    COMMUNITY = "community"
    CUSTOMER_CARE = "customer_care"


class Pillar(StrEnum):
    EDUCATIONAL = "educational"
    ENTERTAINING = "entertaining"
    INSPIRATIONAL = "inspirational"
    COMMUNITY = "community"
    BEHIND_THE_SCENES = "behind_the_scenes"
    NEWS = "news"
    PROMOTIONAL = "promotional"


class Sponsorship(StrEnum):
    NONE = "none"
    PAID = "paid"
    GIFTED = "gifted"
    AFFILIATE = "affiliate"
    EMPLOYEE = "employee"
    OWN_PRODUCT = "own_product"


class Role(StrEnum):
    WRITER = "writer"
    EDITOR = "editor"
    ADMIN = "admin"


HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_BODY_CHARS = 100_000


class EnumString(TypeDecorator):
    """A StrEnum stored as a short string, read back as the enum (an unknown value stays a string)."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[StrEnum], length: int = 32):
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value: str | None, dialect) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: str | None, dialect) -> StrEnum | str | None:
        if value is None:
            return None
        try:
            return self.enum(value)
        except ValueError:
            return value


def check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(Localized("model.timezone", value=name)) from None
    return name


def check_colour(value: str) -> str:
    if not HEX_COLOUR.match(value):
        raise ValueError(Localized("model.colour", value=value))
    return value.lower()


def check_link(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    value = check_no_nul(value.strip())
    if not re.match(r"^https?://\S+$", value):
        raise ValueError(Localized("model.link", value=value))
    return value


def check_no_nul(value: str | None) -> str | None:
    """PostgreSQL cannot store a NUL character in text; refuse it on every backend alike."""
    if value is not None and "\x00" in value:
        raise ValueError(Localized("model.nul"))
    return value


def _strip_required(value: str, what: str) -> str:
    """``what``: workspace, channel, campaign or user (whose name must not be empty)."""
    check_no_nul(value)
    value = value.strip()
    if not value:
        raise ValueError(Localized(f"model.empty.{what}"))
    return value


# --- Workspace (a brand) ---------------------------------------------------------------------------


class WorkspaceBase(SQLModel):
    name: str = Field(max_length=120, sa_column_kwargs={"unique": True})
    language: Language = Field(default=Language.FR, sa_type=EnumString(Language, 8))
    voice: Voice = Field(default=Voice.VOUS, sa_type=EnumString(Voice, 16))
    timezone: str = Field(default="Europe/Paris", max_length=64)
    commercial_target: float = Field(default=0.2, ge=0, le=1, description="Highest share of promotional posts")
    checker_settings: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)

    _name = field_validator("name")(lambda value: _strip_required(value, "workspace"))
    _timezone = field_validator("timezone")(check_timezone)


class Workspace(WorkspaceBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    is_demo: bool = False
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime,
                                         description="Set when archived: hidden from lists, kept, restorable")


class WorkspaceCreate(WorkspaceBase):
    pass


class WorkspaceUpdate(SQLModel):
    name: str | None = Field(default=None, max_length=120)
    language: Language | None = None
    voice: Voice | None = None
    timezone: str | None = None
    commercial_target: float | None = Field(default=None, ge=0, le=1)
    checker_settings: dict[str, Any] | None = None

    _timezone = field_validator("timezone")(lambda value: value and check_timezone(value))
    _name = field_validator("name")(check_no_nul)


# --- Channel ---------------------------------------------------------------------------------------


class ChannelBase(SQLModel):
    platform: Platform = Field(sa_type=EnumString(Platform, 16))
    display_name: str = Field(max_length=80)
    colour: str = Field(default="#4c78a8", max_length=7)
    posts_per_week: float | None = Field(default=None, ge=0, le=200, description="Planned posting frequency")
    checker_overrides: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)

    _display_name = field_validator("display_name")(lambda value: _strip_required(value, "channel"))
    _colour = field_validator("colour")(check_colour)


class Channel(ChannelBase, table=True):
    __table_args__ = (UniqueConstraint("workspace_id", "display_name"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class ChannelCreate(ChannelBase):
    pass


class ChannelUpdate(SQLModel):
    display_name: str | None = Field(default=None, max_length=80)
    colour: str | None = None
    posts_per_week: float | None = Field(default=None, ge=0, le=200)
    checker_overrides: dict[str, Any] | None = None

    _colour = field_validator("colour")(lambda value: value and check_colour(value))
    _display_name = field_validator("display_name")(check_no_nul)


# --- Campaign --------------------------------------------------------------------------------------


class CampaignBase(SQLModel):
    name: str = Field(max_length=120)
    starts_on: date | None = None
    ends_on: date | None = None
    objective: str | None = Field(default=None, max_length=500)

    _name = field_validator("name")(lambda value: _strip_required(value, "campaign"))
    _objective = field_validator("objective")(check_no_nul)

    @model_validator(mode="after")
    def _dates_in_order(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError(Localized("model.campaign_dates"))
        return self


class Campaign(CampaignBase, table=True):
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class CampaignCreate(CampaignBase):
    pass


class CampaignUpdate(SQLModel):
    name: str | None = Field(default=None, max_length=120)
    starts_on: date | None = None
    ends_on: date | None = None
    objective: str | None = Field(default=None, max_length=500)

    _texts = field_validator("name", "objective")(check_no_nul)


# --- User ------------------------------------------------------------------------------------------


class UserBase(SQLModel):
    name: str = Field(max_length=120)
    email: str = Field(max_length=254, sa_column_kwargs={"unique": True})
    role: Role = Field(default=Role.WRITER, sa_type=EnumString(Role, 16))

    _name = field_validator("name")(lambda value: _strip_required(value, "user"))

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        value = value.strip().lower()
        if not EMAIL.match(value):
            raise ValueError(Localized("model.email", value=value))
        return value


class User(UserBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    password_hash: str | None = Field(default=None, max_length=255)
    is_active: bool = True
    is_demo: bool = False
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class UserCreate(UserBase):
    password: str | None = Field(default=None, min_length=8, max_length=1024)


class UserUpdate(SQLModel):
    name: str | None = Field(default=None, max_length=120)
    role: Role | None = None
    is_active: bool | None = None
    password: str | None = Field(default=None, min_length=8, max_length=1024)


class Membership(SQLModel, table=True):
    """A user's access to a workspace (a brand). Admins reach every workspace without one."""

    __table_args__ = (UniqueConstraint("user_id", "workspace_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class UserSession(SQLModel, table=True):
    """A signed-in browser: only a hash of its token is stored; it expires after a period without use."""

    __tablename__ = "user_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    last_seen_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)


# --- Post ------------------------------------------------------------------------------------------


class PostBase(SQLModel):
    channel_id: int = Field(foreign_key="channel.id", index=True)
    campaign_id: int | None = Field(default=None, foreign_key="campaign.id", index=True)
    title: str = Field(default="", max_length=200)
    body: str = Field(default="", max_length=MAX_BODY_CHARS, sa_type=Text)
    link: str | None = Field(default=None, max_length=2000)
    media_note: str | None = Field(default=None, max_length=2000)
    scheduled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    timezone: str | None = Field(default=None, max_length=64, description="IANA zone; the workspace's if empty")
    status: PostStatus = Field(default=PostStatus.DRAFT, sa_type=EnumString(PostStatus, 24))
    objective: Objective | None = Field(default=None, sa_type=EnumString(Objective, 24))
    pillar: Pillar | None = Field(default=None, sa_type=EnumString(Pillar, 24))
    sponsorship: Sponsorship = Field(default=Sponsorship.NONE, sa_type=EnumString(Sponsorship, 16))
    partner: str | None = Field(default=None, max_length=120)
    author_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    reviewer_id: int | None = Field(default=None, foreign_key="user.id")
    # An author or reviewer an imported file names who has no account here: kept by email, exported back
    author_email: str | None = Field(default=None, max_length=254, description="Author without an account here")
    reviewer_email: str | None = Field(default=None, max_length=254, description="Reviewer without an account here")
    group_id: str | None = Field(default=None, max_length=36, index=True)

    _link = field_validator("link")(check_link)
    _timezone = field_validator("timezone")(lambda value: value and check_timezone(value))
    _texts = field_validator("title", "body", "media_note", "partner", "author_email",
                             "reviewer_email")(check_no_nul)


class Post(PostBase, table=True):
    __table_args__ = (Index("ix_post_workspace_scheduled", "workspace_id", "scheduled_at"),)

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=lambda: new_uid(), max_length=36, unique=True,
                     description="Stable identifier across exports, imports and calendar programs")
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    version: int = Field(default=1, description="Raised by one at every save: optimistic locking")
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class PostCreate(PostBase):
    uid: str | None = Field(default=None, max_length=36, description="Kept from an import; a new one if empty")


class PostUpdate(SQLModel):
    channel_id: int | None = None
    campaign_id: int | None = None
    title: str | None = Field(default=None, max_length=200)
    body: str | None = Field(default=None, max_length=MAX_BODY_CHARS)
    link: str | None = Field(default=None, max_length=2000)
    media_note: str | None = Field(default=None, max_length=2000)
    scheduled_at: datetime | None = None
    timezone: str | None = None
    objective: Objective | None = None
    pillar: Pillar | None = None
    sponsorship: Sponsorship | None = None
    partner: str | None = Field(default=None, max_length=120)
    reviewer_id: int | None = None

    _link = field_validator("link")(check_link)
    _timezone = field_validator("timezone")(lambda value: value and check_timezone(value))
    _texts = field_validator("title", "body", "media_note", "partner")(check_no_nul)


def new_group_id() -> str:
    return str(uuid.uuid4())


def new_uid() -> str:
    return str(uuid.uuid4())


# --- Audit trail and stored checker results --------------------------------------------------------


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    workspace_id: int | None = Field(default=None, foreign_key="workspace.id", index=True)
    entity: str = Field(max_length=32)
    entity_id: int
    action: str = Field(max_length=32)
    before: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSON)


class CheckResult(SQLModel, table=True):
    """Findings for one content hash under one ruleset version: unchanged posts are never re-checked."""

    __tablename__ = "check_result"

    content_hash: str = Field(primary_key=True, max_length=64)
    ruleset_version: str = Field(primary_key=True, max_length=32)
    findings: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    checked_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


def localize(moment: datetime | None, timezone: str) -> datetime | None:
    """A naive datetime is read as wall-clock time in ``timezone``; the result is aware UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(timezone))
    return moment.astimezone(UTC)
