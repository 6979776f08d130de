"""An approval holds only for what was approved, every change is made as someone, and a partnership the
text reveals blocks approval like a declared one; on SQLite and PostgreSQL."""

from datetime import datetime

import pytest

from calendar_app.errors import ApprovalBlockedError, PermissionDeniedError
from calendar_app.models import PostStatus, PostUpdate, Role, UserCreate
from calendar_app.services import audit, auth, posts, reviews, users
from tests.calendar_app.helpers import make_channel, make_post, make_workspace

CLEAN = "Nouvelle bougie au figuier : vous la sentez déjà ? Dites-nous ce qu'elle vous évoque."


@pytest.fixture
def brand(session):
    workspace = make_workspace(session, "Atelier Lumen")
    team = {role: users.create_user(UserCreate(name=role.value.title(), email=f"{role.value}@lumen.example",
                                               role=role), session=session) for role in Role}
    for member in team.values():
        auth.grant_access(member, workspace.id, session=session)
    channel = make_channel(session, workspace)
    second = make_channel(session, workspace, name="LinkedIn", platform="linkedin")
    return {"team": team, "channel": channel, "second": second}


def approved_post(session, brand, **fields):
    team = brand["team"]
    post = make_post(session, brand["channel"], body=CLEAN, objective="engagement", author_id=team[Role.WRITER].id,
                     scheduled_at=datetime(2027, 3, 2, 9, 0), **fields)
    post = reviews.submit_for_review(post.id, expected_version=post.version, user=team[Role.WRITER], session=session)
    return reviews.approve(post.id, expected_version=post.version, user=team[Role.EDITOR], session=session)


@pytest.mark.parametrize("change", [
    PostUpdate(body=CLEAN + " Dès samedi."),
    PostUpdate(scheduled_at=datetime(2027, 3, 3, 9, 0)),
    PostUpdate(sponsorship="paid", partner="Maison Verdier"),
], ids=["text", "time", "sponsorship"])
def test_changing_what_was_approved_sends_the_post_back_to_review(session, brand, change):
    post = approved_post(session, brand)
    editor = brand["team"][Role.EDITOR]
    changed = posts.update_post(post.id, change, expected_version=post.version, session=session, actor_id=editor.id)
    assert changed.status == PostStatus.IN_REVIEW and posts.sent_back_to_review(PostStatus.APPROVED, changed)
    last = audit.history("post", post.id, session=session)[-1]
    assert last.action == "status" and last.actor_id == editor.id
    assert last.before == {"status": "approved"} and last.after["status"] == "in_review"
    assert "changed after approval" in last.after["reason"]


def test_moving_an_approved_post_to_another_channel_sends_it_back_too(session, brand):
    post = approved_post(session, brand)
    changed = posts.update_post(post.id, PostUpdate(channel_id=brand["second"].id), expected_version=post.version,
                                session=session, actor_id=brand["team"][Role.ADMIN].id)
    assert changed.status == PostStatus.IN_REVIEW


def test_a_new_title_or_campaign_keeps_the_approval(session, brand):
    post = approved_post(session, brand)
    changed = posts.update_post(post.id, PostUpdate(title="Figuier, version finale"), expected_version=post.version,
                                session=session, actor_id=brand["team"][Role.EDITOR].id)
    assert changed.status == PostStatus.APPROVED
    assert audit.history("post", post.id, session=session)[-1].action == "edit"


def test_a_writer_cannot_move_an_editors_approved_post_and_nothing_changes(session, brand):
    post = approved_post(session, brand)
    writer = brand["team"][Role.WRITER]
    with pytest.raises(PermissionDeniedError):
        posts.update_post(post.id, PostUpdate(scheduled_at=datetime(2027, 3, 9, 9, 0)),
                          expected_version=post.version, session=session, actor_id=writer.id)
    stored = posts.get_post(post.id, session=session)
    assert stored.status == PostStatus.APPROVED and stored.version == post.version


def test_a_reschedule_is_recorded_with_the_person_who_made_it(session, brand):
    writer = brand["team"][Role.WRITER]
    draft = make_post(session, brand["channel"], body=CLEAN, author_id=writer.id, scheduled_at=datetime(2027, 3, 2, 9))
    posts.update_post(draft.id, PostUpdate(scheduled_at=datetime(2027, 3, 4, 9, 0)), expected_version=draft.version,
                      session=session, actor_id=writer.id)
    last = audit.history("post", draft.id, session=session)[-1]
    assert (last.action, last.actor_id) == ("reschedule", writer.id)


@pytest.mark.parametrize("body", [
    "Ma nouvelle crème, offerte par la marque, je l'adore : vous la voulez aussi ?",
    "Mon plaid préféré de l'hiver, et -15 % avec mon code LEA15 : vous le prenez en quelle couleur ?",
])
def test_a_partnership_the_text_reveals_blocks_approval_like_a_declared_one(session, brand, body):
    team = brand["team"]
    post = make_post(session, brand["channel"], body=body, objective="engagement", sponsorship="none",
                     author_id=team[Role.WRITER].id)
    post = reviews.submit_for_review(post.id, expected_version=post.version, user=team[Role.WRITER], session=session)
    with pytest.raises(ApprovalBlockedError) as refused:
        reviews.approve(post.id, expected_version=post.version, user=team[Role.EDITOR], session=session)
    assert set(refused.value.codes) & {"SPO001", "SPO002"}
    assert posts.get_post(post.id, session=session).status == PostStatus.IN_REVIEW
