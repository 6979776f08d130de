"""Review: submit, approve (with the checker as a gate), request changes. Roles are enforced here."""

from __future__ import annotations

from sqlmodel import Session, col, select

from calendar_app.errors import ApprovalBlockedError, PermissionDeniedError, ValidationError
from calendar_app.i18n import Localized
from calendar_app.models import Post, PostStatus, Role, User
from calendar_app.services.checking import blocking_findings, check_post
from calendar_app.services.posts import change_status, get_post

REVIEWERS = frozenset({Role.EDITOR, Role.ADMIN})


def _require_reviewer(user: User, action: str) -> None:
    """``action``: approve or request_changes."""
    if user.role not in REVIEWERS:
        raise PermissionDeniedError(Localized("review.only_reviewers", name=user.name,
                                              role=Localized(f"role.{user.role}"),
                                              action=Localized(f"review.action.{action}")))


def submit_for_review(post_id: int, *, expected_version: int, user: User, session: Session) -> Post:
    """A writer sends their own draft to review; editors and admins may send anyone's."""
    post = get_post(post_id, session=session)
    if user.role not in REVIEWERS and post.author_id != user.id:
        raise PermissionDeniedError(Localized("review.own_posts_only", name=user.name))
    return change_status(post_id, PostStatus.IN_REVIEW, expected_version=expected_version, session=session,
                         actor_id=user.id)


def approve(post_id: int, *, expected_version: int, user: User, session: Session,
            override_reason: str | None = None) -> Post:
    """Approve a post in review. Error-level findings block the approval unless an override reason is
    recorded; the override and its reason go to the audit trail."""
    _require_reviewer(user, "approve")
    post = get_post(post_id, session=session)
    blocking = blocking_findings(check_post(post, session=session))
    note: dict = {}
    if blocking:
        codes = sorted({finding.code for finding in blocking})
        if not (override_reason and override_reason.strip()):
            raise ApprovalBlockedError(Localized("review.approval_blocked", id=post_id, count=len(blocking),
                                                 codes=", ".join(codes)), codes=codes)
        note = {"override_reason": override_reason.strip(), "overridden": codes}
    return change_status(post_id, PostStatus.APPROVED, expected_version=expected_version, session=session,
                         actor_id=user.id, also={"reviewer_id": user.id}, note=note)


def request_changes(post_id: int, comment: str, *, expected_version: int, user: User, session: Session) -> Post:
    _require_reviewer(user, "request_changes")
    if not comment or not comment.strip():
        raise ValidationError(Localized("review.empty_comment"))
    return change_status(post_id, PostStatus.CHANGES_REQUESTED, expected_version=expected_version,
                         session=session, actor_id=user.id, also={"reviewer_id": user.id},
                         note={"comment": comment.strip()})


def review_queue(workspace_id: int, *, session: Session) -> list[Post]:
    """Posts waiting for review, soonest first."""
    statement = (
        select(Post)
        .where(Post.workspace_id == workspace_id, Post.status == PostStatus.IN_REVIEW,
               col(Post.deleted_at).is_(None))
        .order_by(col(Post.scheduled_at).is_(None), Post.scheduled_at, Post.id)
    )
    return list(session.exec(statement))
