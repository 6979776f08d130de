"""Admins manage the team (Settings → Members) through calendar_app/services/members.py, on SQLite and PostgreSQL:
accounts, roles, access to brands, and the guards that keep the team from locking itself out."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import Session, select

from calendar_app.errors import PermissionDeniedError, ValidationError
from calendar_app.models import AuditEvent, Role, User, UserCreate
from calendar_app.services import auth, members, users
from calendar_app.services.members import SYSTEM, MemberCreate
from tests.calendar_app.helpers import make_team, make_workspace

PASSWORD = "correct horse battery"


@pytest.fixture
def agency(session):
    """Two brands; a writer and an editor are members of the first; one admin (who opens both)."""
    first, second = make_workspace(session, "Lumen"), make_workspace(session, "Northwind")
    team = make_team(session, first, password=PASSWORD, name_suffix=" Person", admin_is_member=False)
    return first, second, team


def _names(workspace_id: int, session) -> list[str]:
    return [member.name for member in members.list_members(workspace_id, session=session)]


def _events(session, member_id: int) -> list[tuple[str, int | None]]:
    return [(event.action, event.actor_id) for event in session.exec(
        select(AuditEvent).where(AuditEvent.entity == "user", AuditEvent.entity_id == member_id)
        .order_by(AuditEvent.id))]


def test_the_members_of_a_brand_are_its_members_and_every_admin(session, agency):
    first, second, team = agency
    listed = members.list_members(first.id, session=session)
    assert [(m.name, m.email, m.role, m.is_active) for m in listed] == [
        ("Admin Person", "admin@agency.example", Role.ADMIN, True),
        ("Editor Person", "editor@agency.example", Role.EDITOR, True),
        ("Writer Person", "writer@agency.example", Role.WRITER, True),
    ]
    assert not hasattr(listed[0], "password_hash")
    assert _names(second.id, session) == ["Admin Person"]


def test_an_admin_adds_a_new_account_that_can_then_sign_in(session, agency):
    first, _, team = agency
    admin = team[Role.ADMIN]
    added = members.add_member(first.id, MemberCreate(name="Léa Martin", email=" Lea@Lumen.example ",
                                                      role="editor", password="a long enough secret"),
                               user=admin, session=session)
    assert auth.authenticate("lea@lumen.example", "a long enough secret", session=session).id == added.id
    assert added.password_hash.startswith("$argon2id$")
    assert [w.name for w in auth.workspaces_of(added, session=session)] == ["Lumen"]
    assert "Léa Martin" in _names(first.id, session)
    assert _events(session, added.id) == [("create", admin.id), ("grant_access", admin.id)]
    with pytest.raises(ValidationError, match=r"Léa Martin \(lea@lumen.example\) can already open Lumen"):
        members.add_member(first.id, MemberCreate(name="Léa", email="lea@lumen.example"), user=admin,
                           session=session)


def test_adding_an_existing_account_to_a_second_brand_only_gives_access(session, agency):
    _, second, team = agency
    writer = team[Role.WRITER]
    same = members.add_member(second.id, MemberCreate(name="Another Name", email="WRITER@agency.example",
                                                      role="admin", password=None),
                              user=team[Role.ADMIN], session=session)
    assert same.id == writer.id
    assert [w.name for w in auth.workspaces_of(writer, session=session)] == ["Lumen", "Northwind"]
    assert (writer.name, writer.role) == ("Writer Person", Role.WRITER)  # role and name unchanged
    assert auth.authenticate("writer@agency.example", PASSWORD, session=session).id == writer.id
    assert "Writer Person" in _names(second.id, session)


def test_a_short_password_is_refused_and_nothing_is_written(session, agency):
    first, _, team = agency
    events_before = len(session.exec(select(AuditEvent)).all())
    for password in (None, "", "elevenchars"):
        with pytest.raises(ValidationError, match="The password needs 12 characters or more"):
            members.add_member(first.id, MemberCreate(name="Short", email="short@agency.example",
                                                      password=password), user=team[Role.ADMIN], session=session)
    assert users.find_user("short@agency.example", session=session) is None
    assert len(session.exec(select(AuditEvent)).all()) == events_before
    writer = team[Role.WRITER]
    before = writer.password_hash
    with pytest.raises(ValidationError, match="12 characters or more"):
        members.reset_password(writer.id, "too short", user=team[Role.ADMIN], session=session)
    assert writer.password_hash == before


def _every_action(first, second, target: User):
    """Each change, as a function of the acting user."""
    return {
        "add a member": lambda user, session: members.add_member(
            second.id, MemberCreate(name="New", email="new@agency.example", password="a long enough secret"),
            user=user, session=session),
        "change a role": lambda user, session: members.change_role(target.id, Role.EDITOR, user=user,
                                                                   session=session),
        "disable": lambda user, session: members.set_active(target.id, False, user=user, session=session),
        "remove": lambda user, session: members.remove_from_workspace(target.id, first.id, user=user,
                                                                      session=session),
        "reset a password": lambda user, session: members.reset_password(target.id, "a long enough secret",
                                                                         user=user, session=session),
        "give access": lambda user, session: members.give_access(target.id, second.id, user=user,
                                                                 session=session),
    }


def test_writers_editors_and_nobody_are_refused_every_action(session, agency):
    first, second, team = agency
    target = team[Role.WRITER]
    for actor in (team[Role.WRITER], team[Role.EDITOR], None):
        for action, attempt in _every_action(first, second, target).items():
            with pytest.raises(PermissionDeniedError, match="only admins|Only admins") as refused:
                attempt(actor, session)
            if actor is not None:
                assert actor.name in str(refused.value), action
    assert users.find_user("new@agency.example", session=session) is None
    assert (target.role, target.is_active) == (Role.WRITER, True)
    assert [w.name for w in auth.workspaces_of(target, session=session)] == ["Lumen"]
    assert auth.authenticate("writer@agency.example", PASSWORD, session=session).id == target.id


def test_a_disabled_or_demoted_admin_is_refused_too(session, agency):
    first, _, team = agency
    admin = team[Role.ADMIN]
    other = members.create_account(MemberCreate(name="Other Admin", email="other@agency.example", role="admin",
                                                password="a long enough secret"), user=admin, session=session)
    members.change_role(admin.id, Role.EDITOR, user=other, session=session)
    with pytest.raises(PermissionDeniedError, match="Admin Person is a editor"):
        members.set_active(other.id, False, user=admin, session=session)


def test_an_admin_cannot_disable_demote_or_remove_themselves(session, agency):
    first, _, team = agency
    admin = team[Role.ADMIN]
    members.create_account(MemberCreate(name="Second Admin", email="second@agency.example", role="admin",
                                        password="a long enough secret"), user=admin, session=session)
    with pytest.raises(PermissionDeniedError, match="Admin Person cannot disable their own account"):
        members.set_active(admin.id, False, user=admin, session=session)
    with pytest.raises(PermissionDeniedError, match="Admin Person cannot demote themselves"):
        members.change_role(admin.id, Role.WRITER, user=admin, session=session)
    with pytest.raises(PermissionDeniedError, match="Admin Person cannot remove themselves"):
        members.remove_from_workspace(admin.id, first.id, user=admin, session=session)
    assert (admin.role, admin.is_active) == (Role.ADMIN, True)


def test_the_last_active_admin_is_never_disabled_or_demoted(session, agency):
    _, _, team = agency
    admin = team[Role.ADMIN]
    for change in (lambda: members.set_active(admin.id, False, user=SYSTEM, session=session),
                   lambda: members.change_role(admin.id, Role.EDITOR, user=SYSTEM, session=session)):
        with pytest.raises(ValidationError, match="Admin Person is the last active admin"):
            change()
        session.refresh(admin)
        assert (admin.role, admin.is_active) == (Role.ADMIN, True)  # the refused write was undone
    second = members.create_account(MemberCreate(name="Second Admin", email="second@agency.example",
                                                 role="admin", password="a long enough secret"),
                                    user=admin, session=session)
    members.set_active(second.id, False, user=admin, session=session)  # a disabled admin does not count
    with pytest.raises(ValidationError, match="last active admin"):
        members.change_role(admin.id, Role.WRITER, user=SYSTEM, session=session)
    members.set_active(second.id, True, user=admin, session=session)
    members.change_role(admin.id, Role.WRITER, user=second, session=session)
    assert session.get(User, admin.id).role == Role.WRITER


def test_two_admins_demoting_each_other_at_once_leave_one_admin(engine):
    """The second demotion starts while the first is written but not committed: it waits, then is refused."""
    with Session(engine, expire_on_commit=False) as session:
        first, second = (users.create_user(UserCreate(name=name, email=f"{name.lower()}@agency.example",
                                                      role=Role.ADMIN, password=PASSWORD), session=session)
                         for name in ("Ana", "Ben"))
        session.commit()
    written, release, outcomes = threading.Event(), threading.Event(), {}

    def demote(actor: User, target: User, hold: bool) -> None:
        with Session(engine) as session:
            try:
                members.change_role(target.id, Role.EDITOR, user=actor, session=session)
                if hold:
                    written.set()
                    release.wait(10)
                session.commit()
                outcomes[actor.name] = "demoted " + target.name
            except ValidationError as error:
                session.rollback()
                outcomes[actor.name] = str(error)
            finally:
                written.set()

    holder = threading.Thread(target=demote, args=(first, second, True))
    holder.start()
    assert written.wait(10)
    other = threading.Thread(target=demote, args=(second, first, False))
    other.start()
    other.join(0.5)  # it is now waiting for the first change (PostgreSQL: the row locks; SQLite: the write lock)
    release.set()
    holder.join(20)
    other.join(20)
    assert outcomes["Ana"] == "demoted Ben"
    assert "Ana is the last active admin" in outcomes["Ben"]
    with Session(engine) as session:
        admins = session.exec(select(User.name).where(User.role == Role.ADMIN, User.is_active)).all()
    assert admins == ["Ana"]


def test_disabling_ends_the_sessions_and_enabling_lets_them_sign_in_again(session, agency):
    _, _, team = agency
    writer, admin = team[Role.WRITER], team[Role.ADMIN]
    token = auth.start_session(writer, session=session)
    members.set_active(writer.id, False, user=admin, session=session)
    assert auth.resume_session(token, session=session) is None
    with pytest.raises(auth.SignInError):
        auth.authenticate("writer@agency.example", PASSWORD, session=session)
    assert [m.is_active for m in members.list_members(agency[0].id, session=session) if m.id == writer.id] == [False]
    members.set_active(writer.id, True, user=admin, session=session)
    assert auth.authenticate("writer@agency.example", PASSWORD, session=session).id == writer.id
    assert _events(session, writer.id)[-2:] == [("disable", admin.id), ("enable", admin.id)]


def test_a_password_reset_ends_the_sessions_and_only_the_new_password_works(session, agency):
    _, _, team = agency
    editor = team[Role.EDITOR]
    token = auth.start_session(editor, session=session)
    members.reset_password(editor.id, "a brand new passphrase", user=team[Role.ADMIN], session=session)
    assert auth.resume_session(token, session=session) is None
    assert auth.authenticate("editor@agency.example", "a brand new passphrase", session=session).id == editor.id
    with pytest.raises(auth.SignInError):
        auth.authenticate("editor@agency.example", PASSWORD, session=session)
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "password")).one()
    assert (event.entity_id, event.before, event.after) == (editor.id, None, None)  # no hash in the audit trail


def test_removing_a_member_takes_the_brand_away(session, agency):
    first, _, team = agency
    editor, admin = team[Role.EDITOR], team[Role.ADMIN]
    members.remove_from_workspace(editor.id, first.id, user=admin, session=session)
    assert auth.workspaces_of(editor, session=session) == []
    assert not auth.is_member(editor, first.id, session=session)
    assert "Editor Person" not in _names(first.id, session)
    assert ("revoke_access", admin.id) in _events(session, editor.id)
    second_admin = members.create_account(MemberCreate(name="Second Admin", email="second@agency.example",
                                                       role="admin", password="a long enough secret"),
                                          user=admin, session=session)
    with pytest.raises(ValidationError, match="Second Admin is an admin and opens every brand"):
        members.remove_from_workspace(second_admin.id, first.id, user=admin, session=session)


def test_an_admin_demoted_from_a_brand_page_stays_in_that_brand(session, agency):
    first, second, team = agency
    admin = team[Role.ADMIN]
    other = members.create_account(MemberCreate(name="Other Admin", email="other@agency.example", role="admin",
                                                password="a long enough secret"), user=admin, session=session)
    members.change_role(other.id, "Editor", user=admin, session=session, workspace_id=second.id)
    assert other.role == Role.EDITOR
    assert [w.name for w in auth.workspaces_of(other, session=session)] == ["Northwind"]
    with pytest.raises(ValidationError, match="'boss' is not a role"):
        members.change_role(other.id, "boss", user=admin, session=session)
