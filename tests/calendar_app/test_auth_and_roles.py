"""Sign-in, sessions that expire, workspace membership, and each role's rights, called through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest

from calendar_app.errors import PermissionDeniedError
from calendar_app.models import PostCreate, PostStatus, PostUpdate, Role, UserSession, utc_now
from calendar_app.services import auth, posts, reviews, workspaces
from tests.calendar_app.helpers import make_channel, make_team, make_workspace

PASSWORD = "correct horse battery"


@pytest.fixture
def brand(session):
    """Two brands of an agency; the team is a member of the first only (the admin reaches both)."""
    first, second = make_workspace(session, "Lumen"), make_workspace(session, "Northwind")
    team = make_team(session, first, password=PASSWORD)
    return first, second, team, make_channel(session, first), make_channel(session, second)


def test_passwords_are_argon2id_and_wrong_ones_get_one_message(session, brand):
    *_, team, _, _ = brand
    writer = team[Role.WRITER]
    assert writer.password_hash.startswith("$argon2id$")
    assert auth.authenticate("WRITER@agency.example", PASSWORD, session=session).id == writer.id
    with pytest.raises(auth.SignInError) as wrong:
        auth.authenticate("writer@agency.example", "nope", session=session)
    with pytest.raises(auth.SignInError) as unknown:
        auth.authenticate("nobody@agency.example", PASSWORD, session=session)
    assert str(wrong.value) == str(unknown.value)  # nothing tells an attacker which accounts exist
    writer.is_active = False
    with pytest.raises(auth.SignInError):
        auth.authenticate("writer@agency.example", PASSWORD, session=session)


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_repeated_wrong_passwords_lock_that_email_out_for_a_while(session, brand):
    *_, team, _, _ = brand
    clock = FakeClock()
    throttle = auth.SignInThrottle(max_failures=3, window=timedelta(minutes=15), clock=clock)
    for _ in range(3):
        with pytest.raises(auth.SignInError) as wrong:
            auth.authenticate("editor@agency.example", "guess", session=session, throttle=throttle)
        assert not isinstance(wrong.value, auth.TooManySignInAttempts)
    with pytest.raises(auth.TooManySignInAttempts) as locked:  # even the right password waits
        auth.authenticate("Editor@agency.example", PASSWORD, session=session, throttle=throttle)
    assert locked.value.minutes == 15 and "try again in 15 minutes" in str(locked.value)
    # An unknown email is throttled the same way, so a refusal tells nothing about which accounts exist.
    for _ in range(3):
        with pytest.raises(auth.SignInError):
            auth.authenticate("nobody@agency.example", "guess", session=session, throttle=throttle)
    with pytest.raises(auth.TooManySignInAttempts):
        auth.authenticate("nobody@agency.example", "guess", session=session, throttle=throttle)
    # Other emails are not affected; the oldest failure leaving the window opens the email again.
    assert auth.authenticate("writer@agency.example", PASSWORD, session=session, throttle=throttle)
    clock.now += 14 * 60
    with pytest.raises(auth.TooManySignInAttempts) as still:
        auth.authenticate("editor@agency.example", PASSWORD, session=session, throttle=throttle)
    assert still.value.minutes == 1
    clock.now += 61
    assert auth.authenticate("editor@agency.example", PASSWORD, session=session, throttle=throttle).id \
        == team[Role.EDITOR].id


def test_a_successful_sign_in_clears_the_failures(session, brand):
    throttle = auth.SignInThrottle(max_failures=2, clock=FakeClock())
    with pytest.raises(auth.SignInError):
        auth.authenticate("admin@agency.example", "guess", session=session, throttle=throttle)
    auth.authenticate("admin@agency.example", PASSWORD, session=session, throttle=throttle)
    with pytest.raises(auth.SignInError):
        auth.authenticate("admin@agency.example", "guess", session=session, throttle=throttle)
    auth.authenticate("admin@agency.example", PASSWORD, session=session, throttle=throttle)  # not locked


def test_sessions_expire_and_end_with_the_account(session, brand):
    *_, team, _, _ = brand
    token = auth.start_session(team[Role.EDITOR], session=session, hours=1)
    assert auth.resume_session(token, session=session).id == team[Role.EDITOR].id
    assert auth.resume_session(token + "x", session=session) is None
    stored = session.exec(auth.select(UserSession)).one()
    assert token not in stored.token_hash  # only a hash is kept
    stored.expires_at = utc_now() - timedelta(minutes=1)
    session.add(stored)
    session.flush()
    assert auth.resume_session(token, session=session) is None  # expired: gone
    token = auth.start_session(team[Role.EDITOR], session=session)
    auth.end_user_sessions(team[Role.EDITOR].id, session=session)
    assert auth.resume_session(token, session=session) is None


def test_members_see_only_their_workspaces(session, brand):
    first, second, team, _, other_channel = brand
    assert [w.name for w in auth.workspaces_of(team[Role.EDITOR], session=session)] == ["Lumen"]
    assert {w.name for w in auth.workspaces_of(team[Role.ADMIN], session=session)} == {"Lumen", "Northwind"}
    with pytest.raises(PermissionDeniedError, match="not a member"):
        posts.create_post(PostCreate(channel_id=other_channel.id, body="x"), session=session,
                          actor_id=team[Role.EDITOR].id)


def test_writers_create_and_edit_their_own_drafts_only(session, brand):
    _, _, team, channel, _ = brand
    writer, editor = team[Role.WRITER], team[Role.EDITOR]
    own = posts.create_post(PostCreate(channel_id=channel.id, body="mine"), session=session, actor_id=writer.id)
    assert own.author_id == writer.id
    posts.update_post(own.id, PostUpdate(body="mine, better"), expected_version=own.version, session=session,
                      actor_id=writer.id)
    theirs = posts.create_post(PostCreate(channel_id=channel.id, body="editor's"), session=session,
                               actor_id=editor.id)
    with pytest.raises(PermissionDeniedError, match="own posts"):
        posts.update_post(theirs.id, PostUpdate(body="hijack"), expected_version=theirs.version, session=session,
                          actor_id=writer.id)
    with pytest.raises(PermissionDeniedError, match="own posts"):
        posts.delete_post(theirs.id, expected_version=theirs.version, session=session, actor_id=writer.id)
    with pytest.raises(PermissionDeniedError, match="idea or a draft"):
        posts.create_post(PostCreate(channel_id=channel.id, body="x", status=PostStatus.APPROVED), session=session,
                          actor_id=writer.id)
    with pytest.raises(PermissionDeniedError, match="only editors and admins"):
        posts.change_status(own.id, PostStatus.APPROVED, expected_version=2, session=session, actor_id=writer.id)


def test_once_submitted_only_editors_change_the_post(session, brand):
    _, _, team, channel, _ = brand
    writer, editor = team[Role.WRITER], team[Role.EDITOR]
    post = posts.create_post(PostCreate(channel_id=channel.id, body="Un texte sobre et utile."), session=session,
                             actor_id=writer.id)
    post = reviews.submit_for_review(post.id, expected_version=post.version, user=writer, session=session)
    with pytest.raises(PermissionDeniedError, match="no longer be changed"):
        posts.update_post(post.id, PostUpdate(body="late edit"), expected_version=post.version, session=session,
                          actor_id=writer.id)
    submitted_version = post.version
    edited = posts.update_post(post.id, PostUpdate(body="Un texte sobre, utile et relu."),
                               expected_version=submitted_version, session=session, actor_id=editor.id)
    assert edited.version == submitted_version + 1


def test_only_admins_change_channels_and_settings(session, brand):
    first, _, team, channel, _ = brand
    for role in (Role.WRITER, Role.EDITOR):
        with pytest.raises(PermissionDeniedError, match="only admins"):
            workspaces.edit_channel(channel.id, workspaces.ChannelUpdate(display_name="Renamed"), user=team[role],
                                    session=session)
    renamed = workspaces.edit_channel(channel.id, workspaces.ChannelUpdate(display_name="Renamed"),
                                      user=team[Role.ADMIN], session=session)
    assert renamed.display_name == "Renamed"
