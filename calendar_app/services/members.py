"""The team of a brand, managed by admins (Settings → Members) and by ``edito user`` acting as ``SYSTEM``.

Every change needs an active admin (``PermissionDeniedError`` otherwise) and is audited. Two guards keep the
team from locking itself out: an admin cannot disable, demote or remove themselves (``PermissionDeniedError``),
and the last active admin can never be disabled or demoted (``ValidationError``, for the command line too).
Roles are global: an admin opens every brand; writers and editors open the brands they are members of.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, or_, select

from calendar_app.errors import PermissionDeniedError, ValidationError
from calendar_app.i18n import Localized
from calendar_app.models import Membership, Role, User, UserBase, UserCreate
from calendar_app.services.audit import record_event
from calendar_app.services.auth import end_user_sessions, grant_access, is_member, revoke_access
from calendar_app.services.users import check_new_password, create_user, find_user, get_user, password_hasher
from calendar_app.services.workspaces import get_workspace, require_admin


class _System:
    """Edito itself (the command line): trusted like an admin, with no account of its own to lock out."""

    id = None
    name = "Edito"


SYSTEM = _System()
Actor = User | _System


class MemberCreate(UserBase):
    """A person to add: name, email, role, and an initial password (used only if the account is new)."""

    password: str | None = None


@dataclass(frozen=True)
class Member:
    """What the members table shows of an account (never its password hash)."""

    id: int
    name: str
    email: str
    role: Role
    is_active: bool


def _acting_admin(user: Actor | None, action: str, *, session: Session) -> Actor:
    """The acting admin as the database has them now (a role changed since sign-in counts), or SYSTEM."""
    if user is SYSTEM:
        return SYSTEM
    current = session.get(User, user.id) if isinstance(user, User) and user.id is not None else None
    if current is None:
        raise PermissionDeniedError(Localized("admin_only.nobody", action=Localized(f"action.{action}")))
    require_admin(current, action)
    return current


def _refuse_self(actor: Actor, member: User, action: str) -> None:
    """``action``: demote, disable or remove (oneself)."""
    if actor.id == member.id:
        raise PermissionDeniedError(Localized(f"members.self.{action}", name=member.name))


def _active_admins():
    return select(User.id).where(User.role == Role.ADMIN, col(User.is_active).is_(True))


def _write(member: User, values: dict, *, session: Session) -> None:
    for field, value in values.items():
        setattr(member, field, value)
    session.add(member)
    session.flush()


def _update_account(member: User, *, session: Session, **values) -> None:
    """Write ``values`` to the account, refusing (and undoing) a change that would leave no active admin.

    The active admins are locked before the write (PostgreSQL) and counted after it (SQLite then holds its write
    lock), so two admins taking each other's rights at the same moment cannot both succeed.
    """
    takes_admin_away = member.role == Role.ADMIN and member.is_active and (
        values.get("role", Role.ADMIN) != Role.ADMIN or not values.get("is_active", True))
    if takes_admin_away:
        session.exec(_active_admins().with_for_update()).all()
    before = {field: getattr(member, field) for field in values}
    _write(member, values, session=session)
    if takes_admin_away and session.exec(_active_admins()).first() is None:
        _write(member, before, session=session)
        raise ValidationError(Localized("members.last_admin", name=member.name))


def _audit(member: User, action: str, actor: Actor, *, session: Session, workspace_id: int | None = None,
           before: dict | None = None, after: dict | None = None) -> None:
    record_event(session=session, entity="user", entity_id=member.id, action=action, actor_id=actor.id,
                 workspace_id=workspace_id, before=before, after=after)


def _role(value: str) -> Role:
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        raise ValidationError(f"{value!r} is not a role: writer, editor or admin.") from None


# --- reading --------------------------------------------------------------------------------------------------

def list_members(workspace_id: int, *, session: Session) -> list[Member]:
    """Everyone who can open the brand: its members and every admin, active or not, by name."""
    get_workspace(workspace_id, session=session)
    members_of_brand = select(Membership.user_id).where(Membership.workspace_id == workspace_id)
    statement = select(User).where(or_(User.role == Role.ADMIN, col(User.id).in_(members_of_brand)))
    return [Member(id=user.id, name=user.name, email=user.email, role=user.role, is_active=user.is_active)
            for user in session.exec(statement.order_by(User.name, User.email))]


# --- changes --------------------------------------------------------------------------------------------------

def create_account(data: MemberCreate, *, user: Actor, session: Session) -> User:
    """A new account (argon2id hash of a password that passes ``check_new_password``); a taken email is refused."""
    actor = _acting_admin(user, "add_accounts", session=session)
    return _create_account(data, actor, session=session)


def _create_account(data: MemberCreate, actor: Actor, *, session: Session) -> User:
    check_new_password(data.password)
    return create_user(UserCreate.model_validate(data.model_dump()), session=session, actor_id=actor.id)


def give_access(member_id: int, workspace_id: int, *, user: Actor, session: Session) -> User:
    """Let the account open the brand (nothing changes if it already is a member)."""
    actor = _acting_admin(user, "give_access", session=session)
    member = get_user(member_id, session=session)
    _give_access(member, workspace_id, actor, session=session)
    return member


def _give_access(member: User, workspace_id: int, actor: Actor, *, session: Session) -> None:
    """Grant and audit the membership, unless it exists (``grant_access`` refuses an unknown brand)."""
    already = session.exec(select(Membership.id).where(Membership.user_id == member.id,
                                                        Membership.workspace_id == workspace_id)).first()
    if already is None:
        grant_access(member, workspace_id, session=session)
        _audit(member, "grant_access", actor, session=session, workspace_id=workspace_id,
               after={"workspace_id": workspace_id})


def add_member(workspace_id: int, data: MemberCreate, *, user: Actor, session: Session) -> User:
    """Add a person to the brand: a new account if the email is new, else the existing account (its role and
    password unchanged) is given access."""
    actor = _acting_admin(user, "add_members", session=session)
    workspace = get_workspace(workspace_id, session=session)
    member = find_user(data.email, session=session)
    if member is None:
        member = _create_account(data, actor, session=session)
    elif is_member(member, workspace_id, session=session):
        raise ValidationError(Localized("members.already", name=member.name, email=member.email,
                                        brand=workspace.name))
    _give_access(member, workspace_id, actor, session=session)
    return member


def change_role(member_id: int, role: Role | str, *, user: Actor, session: Session,
                workspace_id: int | None = None) -> User:
    """Give the account another role (for every brand). An admin demoted from a brand's page (``workspace_id``)
    stays a member of that brand."""
    actor = _acting_admin(user, "change_roles", session=session)
    role = _role(role)
    member = get_user(member_id, session=session)
    if member.role == role:
        return member
    if member.role == Role.ADMIN:
        _refuse_self(actor, member, "demote")
    before = member.role
    _update_account(member, session=session, role=role)
    _audit(member, "role", actor, session=session, workspace_id=workspace_id, before={"role": str(before)},
           after={"role": str(role)})
    if workspace_id is not None and role != Role.ADMIN:
        _give_access(member, workspace_id, actor, session=session)
    return member


def set_active(member_id: int, active: bool, *, user: Actor, session: Session) -> User:
    """Enable or disable an account; a disabled account cannot sign in and its sessions end at once."""
    actor = _acting_admin(user, "enable_disable", session=session)
    member = get_user(member_id, session=session)
    if member.is_active == active:
        return member
    if not active:
        _refuse_self(actor, member, "disable")
    _update_account(member, session=session, is_active=active)
    if not active:
        end_user_sessions(member.id, session=session)
    _audit(member, "enable" if active else "disable", actor, session=session, before={"is_active": not active},
           after={"is_active": active})
    return member


def remove_from_workspace(member_id: int, workspace_id: int, *, user: Actor, session: Session) -> User:
    """Take the brand away from a writer or an editor (their account and posts stay)."""
    actor = _acting_admin(user, "remove_members", session=session)
    member = get_user(member_id, session=session)
    workspace = get_workspace(workspace_id, session=session)
    _refuse_self(actor, member, "remove")
    if member.role == Role.ADMIN:
        raise ValidationError(Localized("members.admin_everywhere", name=member.name))
    if is_member(member, workspace_id, session=session):
        revoke_access(member, workspace_id, session=session)
        _audit(member, "revoke_access", actor, session=session, workspace_id=workspace_id,
               before={"workspace_id": workspace.id})
    return member


def reset_password(member_id: int, new_password: str, *, user: Actor, session: Session) -> User:
    """Set a new password (argon2id); the account's sessions end. The audit trail records that, not the hash."""
    actor = _acting_admin(user, "reset_passwords", session=session)
    member = get_user(member_id, session=session)
    _update_account(member, session=session, password_hash=password_hasher().hash(check_new_password(new_password)))
    end_user_sessions(member.id, session=session)
    _audit(member, "password", actor, session=session)
    return member
