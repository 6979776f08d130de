"""What each role may do to posts, checked in the services (the UI only hides what these refuse).

- writer: create posts (ideas and drafts, as their author), edit and delete their own posts while they are
  ideas, drafts or sent back with changes requested, and submit them for review;
- editor: edit every post of their workspaces, approve, request changes, override the checker (reviews.py);
- admin: all of that in every workspace, plus users, channels and workspace settings (workspaces.py).

Services take ``actor_id``; ``None`` means Edito itself (the command line, the demo, migrations).
"""

from __future__ import annotations

from sqlmodel import Session

from calendar_app.errors import PermissionDeniedError
from calendar_app.i18n import Localized
from calendar_app.models import Post, PostStatus, Role, User
from calendar_app.services.auth import require_member

WRITER_EDITABLE = frozenset({PostStatus.IDEA, PostStatus.DRAFT, PostStatus.CHANGES_REQUESTED})
WRITER_TARGETS = frozenset({PostStatus.IDEA, PostStatus.DRAFT, PostStatus.IN_REVIEW})


def acting_user(actor_id: int | None, *, session: Session) -> User | None:
    if actor_id is None:
        return None
    user = session.get(User, actor_id)
    if user is None or not user.is_active:
        raise PermissionDeniedError(f"User {actor_id} does not exist or is disabled.")
    return user


def is_reviewer(user: User) -> bool:
    return user.role in (Role.EDITOR, Role.ADMIN)


def require_can_create(user: User | None, workspace_id: int, *, status: PostStatus, author_id: int | None,
                       session: Session) -> None:
    if user is None:
        return
    require_member(user, workspace_id, session=session)
    if is_reviewer(user):
        return
    if PostStatus(status) not in WRITER_EDITABLE:
        raise PermissionDeniedError(Localized("writer.new_post_status", name=user.name))
    if author_id not in (None, user.id):
        raise PermissionDeniedError(Localized("writer.own_author", name=user.name))


def may_edit(user: User | None, post: Post) -> bool:
    """Whether ``user``'s role lets them edit or move ``post`` (membership aside), for pages to offer only that."""
    if user is None or is_reviewer(user):
        return True
    return post.author_id == user.id and PostStatus(post.status) in WRITER_EDITABLE


def require_can_edit(user: User | None, post: Post, *, session: Session) -> None:
    """Editing, rescheduling, deleting or restoring ``post``."""
    if user is None:
        return
    require_member(user, post.workspace_id, session=session)
    if is_reviewer(user):
        return
    if post.author_id != user.id:
        raise PermissionDeniedError(Localized("writer.own_posts", name=user.name))
    if PostStatus(post.status) not in WRITER_EDITABLE:
        raise PermissionDeniedError(Localized("writer.locked", name=user.name,
                                              status=Localized(f"status.{post.status}")))


def require_can_move(user: User | None, post: Post, target: PostStatus, *, session: Session) -> None:
    if user is None:
        return
    require_can_edit(user, post, session=session)
    if not is_reviewer(user) and PostStatus(target) not in WRITER_TARGETS:
        raise PermissionDeniedError(Localized("writer.status", name=user.name, status=Localized(f"status.{target}")))
