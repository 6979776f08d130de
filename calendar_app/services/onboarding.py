"""A team starting from zero: the first admin of a local install, brands created from the app, and who to ask.

Pages call these rather than the bare ``create_workspace``: they check the acting admin as the database has
them now, refuse a name another brand has in any case, and audit the change under that admin's name."""

from __future__ import annotations

from sqlmodel import Session

from calendar_app.errors import PermissionDeniedError
from calendar_app.i18n import Localized
from calendar_app.models import Role, User, UserBase, UserCreate, Workspace, WorkspaceCreate
from calendar_app.services.auth import workspaces_of
from calendar_app.services.users import create_user, list_users
from calendar_app.services.workspaces import create_workspace, list_workspaces, require_admin


def create_brand(data: WorkspaceCreate, *, user: User | None, session: Session) -> Workspace:
    """An active admin creates a brand (audited under their name); an empty name or one that another brand
    already has (in any case, archived brands included) is refused and nothing is written."""
    current = session.get(User, user.id) if user is not None and user.id is not None else None
    if current is None:
        raise PermissionDeniedError(Localized("admin_only.nobody", action=Localized("action.create_brands")))
    require_admin(current, "create_brands")
    return create_workspace(data, session=session, actor_id=current.id)  # which refuses a name taken, any case


def create_first_admin(person: UserBase, *, session: Session) -> User:
    """The first account of a local install (no sign-in there, so no password: ``edito user passwd`` gives one
    before the app is opened to the team). Refused once any account exists: then admins add the team."""
    if list_users(session=session):
        raise PermissionDeniedError(Localized("onboarding.accounts_exist"))
    return create_user(UserCreate(name=person.name, email=person.email, role=Role.ADMIN), session=session)


def active_admins(*, session: Session) -> list[User]:
    """Whom a member without a brand asks for one: the active admins, by name."""
    return [user for user in list_users(session=session) if user.role == Role.ADMIN and user.is_active]


def reachable_workspaces(user: User | None, *, session: Session) -> list[Workspace]:
    """The brands ``user`` may open; every brand when nobody is signed in (a local install)."""
    return workspaces_of(user, session=session) if user is not None else list_workspaces(session=session)
