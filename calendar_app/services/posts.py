"""Posts: create, read, edit with optimistic locking, move through the workflow, trash and restore."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, or_, select

from calendar_app.errors import ConflictError, NotFoundError, ValidationError
from calendar_app.i18n import Localized
from calendar_app.models import (
    AuditEvent,
    Post,
    PostCreate,
    PostStatus,
    PostUpdate,
    localize,
    new_group_id,
    new_uid,
    utc_now,
)
from calendar_app.services.audit import history, record_event, snapshot
from calendar_app.services.permissions import acting_user, require_can_create, require_can_edit, require_can_move
from calendar_app.services.workspaces import get_campaign, get_channel, get_workspace

S = PostStatus
TRANSITIONS: dict[PostStatus, frozenset[PostStatus]] = {
    S.IDEA: frozenset({S.DRAFT, S.ARCHIVED}),
    S.DRAFT: frozenset({S.IDEA, S.IN_REVIEW, S.ARCHIVED}),
    S.IN_REVIEW: frozenset({S.DRAFT, S.CHANGES_REQUESTED, S.APPROVED}),
    S.CHANGES_REQUESTED: frozenset({S.DRAFT, S.IN_REVIEW, S.ARCHIVED}),
    S.APPROVED: frozenset({S.DRAFT, S.SCHEDULED, S.PUBLISHED, S.ARCHIVED}),
    S.SCHEDULED: frozenset({S.DRAFT, S.APPROVED, S.PUBLISHED, S.ARCHIVED}),
    S.PUBLISHED: frozenset({S.ARCHIVED}),
    S.ARCHIVED: frozenset({S.DRAFT}),
}


def _check_campaign(campaign_id: int | None, workspace_id: int, *, session: Session) -> None:
    if campaign_id is not None and get_campaign(campaign_id, session=session).workspace_id != workspace_id:
        raise ValidationError(f"Campaign {campaign_id} belongs to another workspace.")


def create_post(data: PostCreate, *, session: Session, actor_id: int | None = None) -> Post:
    channel = get_channel(data.channel_id, session=session)
    workspace = get_workspace(channel.workspace_id, session=session)
    require_can_create(acting_user(actor_id, session=session), workspace.id, status=data.status,
                       author_id=data.author_id, session=session)
    _check_campaign(data.campaign_id, workspace.id, session=session)
    timezone = data.timezone or workspace.timezone
    post = Post.model_validate(
        data,
        update={
            "workspace_id": workspace.id,
            "timezone": timezone,
            "scheduled_at": localize(data.scheduled_at, timezone),
            "group_id": data.group_id or new_group_id(),
            "uid": data.uid or new_uid(),
            "author_id": data.author_id if data.author_id is not None else actor_id,
        },
    )
    session.add(post)
    session.flush()
    record_event(session=session, entity="post", entity_id=post.id, action="create", actor_id=actor_id,
                 workspace_id=post.workspace_id, after=snapshot(post))
    return post


def get_post(post_id: int, *, session: Session, include_deleted: bool = False) -> Post:
    post = session.get(Post, post_id, populate_existing=True)
    if post is None or (post.deleted_at is not None and not include_deleted):
        raise NotFoundError(Localized("posts.not_found", id=post_id))
    return post


def list_posts(
    workspace_id: int,
    *,
    session: Session,
    start: datetime | None = None,
    end: datetime | None = None,
    channel_ids: Iterable[int] | None = None,
    statuses: Iterable[str] | None = None,
    campaign_id: int | None = None,
    author_id: int | None = None,
    pillars: Iterable[str] | None = None,
    search: str | None = None,
    deleted: bool = False,
    limit: int | None = None,
) -> list[Post]:
    """Posts of a workspace, soonest first; ``start``/``end`` bound ``scheduled_at`` as ``[start, end)``."""
    statement = select(Post).where(Post.workspace_id == workspace_id)
    statement = statement.where(col(Post.deleted_at).is_not(None) if deleted else col(Post.deleted_at).is_(None))
    if start is not None:
        statement = statement.where(Post.scheduled_at >= start)
    if end is not None:
        statement = statement.where(Post.scheduled_at < end)
    if channel_ids is not None:
        statement = statement.where(col(Post.channel_id).in_(list(channel_ids)))
    if statuses is not None:
        statement = statement.where(col(Post.status).in_([str(status) for status in statuses]))
    if campaign_id is not None:
        statement = statement.where(Post.campaign_id == campaign_id)
    if author_id is not None:
        statement = statement.where(Post.author_id == author_id)
    if pillars is not None:
        statement = statement.where(col(Post.pillar).in_([str(pillar) for pillar in pillars]))
    search = (search or "").replace("\x00", "")  # PostgreSQL refuses NUL in text; no post can hold one
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        statement = statement.where(
            or_(col(Post.title).ilike(pattern, escape="\\"), col(Post.body).ilike(pattern, escape="\\"))
        )
    statement = statement.order_by(col(Post.scheduled_at).is_(None), Post.scheduled_at, Post.id)
    if limit is not None:
        statement = statement.limit(limit)
    return list(session.exec(statement))


def _compare_and_swap(post: Post, values: dict, *, expected_version: int, session: Session) -> Post:
    """Write ``values`` only if nobody saved the post since ``expected_version`` was read."""
    result = session.execute(
        update(Post)
        .where(col(Post.id) == post.id, col(Post.version) == expected_version)
        .values(**values, version=Post.version + 1, updated_at=utc_now())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        current = get_post(post.id, session=session, include_deleted=True)
        raise ConflictError(
            Localized("posts.conflict", id=post.id, version=current.version, expected=expected_version),
            current=snapshot(current),
            attempted={**snapshot(post), **{key: _jsonable(value) for key, value in values.items()}},
        )
    return get_post(post.id, session=session, include_deleted=True)


def _jsonable(value):
    return value.isoformat() if isinstance(value, datetime) else value


# What a reviewer approved: changing any of these sends an approved or scheduled post back to review.
REVIEWED_FIELDS = frozenset({"body", "channel_id", "scheduled_at", "timezone", "sponsorship", "partner"})
APPROVED_STATES = frozenset({PostStatus.APPROVED, PostStatus.SCHEDULED})


def update_post(post_id: int, changes: PostUpdate, *, expected_version: int, session: Session,
                actor_id: int | None = None) -> Post:
    """Save changes to a post. A change to what was approved (text, channel, time, sponsorship) moves an
    approved or scheduled post back to review in the same write, audited as its own status event; the
    title, notes, objective, pillar, campaign and link do not."""
    post = get_post(post_id, session=session)
    require_can_edit(acting_user(actor_id, session=session), post, session=session)
    values = changes.model_dump(exclude_unset=True)
    if "channel_id" in values:
        channel = get_channel(values["channel_id"], session=session)
        if channel.workspace_id != post.workspace_id:
            raise ValidationError(f"Channel {channel.id} belongs to another workspace.")
    if "campaign_id" in values:
        _check_campaign(values["campaign_id"], post.workspace_id, session=session)
    timezone = values.get("timezone") or post.timezone
    if "scheduled_at" in values:
        values["scheduled_at"] = localize(values["scheduled_at"], timezone)
    values = {field: value for field, value in values.items() if getattr(post, field) != value}
    if not values:
        return post
    edited = set(values)
    back_to_review = PostStatus(post.status) in APPROVED_STATES and bool(edited & REVIEWED_FIELDS)
    if back_to_review:
        values["status"] = PostStatus.IN_REVIEW
    before = snapshot(post, set(values))
    post = _compare_and_swap(post, values, expected_version=expected_version, session=session)
    action = "reschedule" if edited <= {"scheduled_at", "timezone"} else "edit"
    record_event(session=session, entity="post", entity_id=post.id, action=action, actor_id=actor_id,
                 workspace_id=post.workspace_id, before={field: before[field] for field in edited},
                 after=snapshot(post, edited))
    if back_to_review:
        record_event(session=session, entity="post", entity_id=post.id, action="status", actor_id=actor_id,
                     workspace_id=post.workspace_id, before={"status": before["status"]},
                     after={"status": str(PostStatus.IN_REVIEW),
                            "reason": "changed after approval: " + ", ".join(sorted(edited & REVIEWED_FIELDS))})
    return post


def sent_back_to_review(before: Post | PostStatus | str, after: Post) -> bool:
    """Whether a save moved an approved or scheduled post back to review (for the pages to say so)."""
    status = before.status if isinstance(before, Post) else before
    return PostStatus(status) in APPROVED_STATES and PostStatus(after.status) == PostStatus.IN_REVIEW


def change_status(post_id: int, status: PostStatus, *, expected_version: int, session: Session,
                  actor_id: int | None = None, also: dict | None = None, note: dict | None = None) -> Post:
    """Move a post through the workflow; ``also`` saves other fields in the same write, ``note`` is
    added to the audit record (a review comment, an override reason)."""
    post = get_post(post_id, session=session)
    status = PostStatus(status)
    require_can_move(acting_user(actor_id, session=session), post, status, session=session)
    if status not in TRANSITIONS[PostStatus(post.status)]:
        raise ValidationError(Localized("posts.bad_move", current=Localized(f"status.{post.status}"),
                                        target=Localized(f"status.{status}")))
    values = {"status": status, **(also or {})}
    before = snapshot(post, set(values))
    post = _compare_and_swap(post, values, expected_version=expected_version, session=session)
    record_event(session=session, entity="post", entity_id=post.id, action="status", actor_id=actor_id,
                 workspace_id=post.workspace_id, before=before, after={**snapshot(post, set(values)), **(note or {})})
    return post


def delete_post(post_id: int, *, expected_version: int, session: Session, actor_id: int | None = None) -> Post:
    """Move a post to the trash (soft delete); ``restore_post`` brings it back."""
    post = get_post(post_id, session=session)
    require_can_edit(acting_user(actor_id, session=session), post, session=session)
    post = _compare_and_swap(post, {"deleted_at": utc_now()}, expected_version=expected_version, session=session)
    record_event(session=session, entity="post", entity_id=post.id, action="delete", actor_id=actor_id,
                 workspace_id=post.workspace_id)
    return post


def restore_post(post_id: int, *, session: Session, actor_id: int | None = None) -> Post:
    post = get_post(post_id, session=session, include_deleted=True)
    require_can_edit(acting_user(actor_id, session=session), post, session=session)
    if post.deleted_at is None:
        raise ValidationError(f"Post {post_id} is not in the trash.")
    post = _compare_and_swap(post, {"deleted_at": None}, expected_version=post.version, session=session)
    record_event(session=session, entity="post", entity_id=post.id, action="restore", actor_id=actor_id,
                 workspace_id=post.workspace_id)
    return post


def adapt_post(post_id: int, channel_id: int, *, session: Session, actor_id: int | None = None) -> Post:
    """Copy a post to another channel of its workspace, linked to it in the same group."""
    source = get_post(post_id, session=session)
    data = PostCreate.model_validate(
        source.model_dump(exclude={"id", "uid", "workspace_id", "version", "created_at", "updated_at", "deleted_at"})
        | {"channel_id": channel_id, "status": PostStatus.DRAFT}
    )
    if get_channel(channel_id, session=session).workspace_id != source.workspace_id:
        raise ValidationError(f"Channel {channel_id} belongs to another workspace.")
    return create_post(data, session=session, actor_id=actor_id)


def group_posts(group_id: str, *, session: Session) -> list[Post]:
    statement = select(Post).where(Post.group_id == group_id, col(Post.deleted_at).is_(None)).order_by(Post.id)
    return list(session.exec(statement))


def list_trash(workspace_id: int, *, session: Session) -> list[tuple[Post, AuditEvent | None]]:
    """The workspace's deleted posts, newest deletion first, each with its latest "delete" audit event
    (who moved it to the trash, and when; None if the trail has no such event)."""
    trashed = list_posts(workspace_id, session=session, deleted=True)
    entries = []
    for post in trashed:
        deletions = [event for event in history("post", post.id, session=session) if event.action == "delete"]
        entries.append((post, deletions[-1] if deletions else None))
    return sorted(entries, key=lambda entry: (entry[0].deleted_at, entry[0].id), reverse=True)
