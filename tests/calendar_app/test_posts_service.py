"""The posts service on SQLite and PostgreSQL: validation, time zones, locking, workflow, trash, audit."""

from datetime import UTC, datetime

import pytest
from sqlmodel import Session

from calendar_app.errors import ConflictError, NotFoundError, ValidationError
from calendar_app.i18n import localized
from calendar_app.models import CampaignCreate, PostStatus, PostUpdate
from calendar_app.services import audit, posts, workspaces
from tests.calendar_app.helpers import make_channel, make_post, make_workspace


@pytest.fixture
def channel(session):
    channel = make_channel(session, make_workspace(session))
    session.commit()
    return channel


def test_a_new_post_is_stored_in_utc_and_read_back_aware(session, channel):
    post = make_post(session, channel, title="Soirée", scheduled_at=datetime(2026, 12, 24, 18, 30))
    session.commit()
    session.expunge_all()
    stored = posts.get_post(post.id, session=session)
    assert stored.timezone == "Europe/Paris"  # the workspace's, since the post named none
    assert stored.scheduled_at == datetime(2026, 12, 24, 17, 30, tzinfo=UTC)
    assert stored.scheduled_at.tzinfo is not None
    assert stored.version == 1 and stored.group_id


def test_a_post_keeps_its_own_timezone(session, channel):
    post = make_post(session, channel, scheduled_at=datetime(2026, 7, 4, 9, 0), timezone="America/New_York")
    assert post.scheduled_at == datetime(2026, 7, 4, 13, 0, tzinfo=UTC)


def test_a_post_on_a_missing_channel_is_refused(session):
    with pytest.raises(NotFoundError, match="Channel 999"):
        posts.create_post(posts.PostCreate(channel_id=999), session=session)


def test_a_campaign_of_another_workspace_is_refused(session, channel):
    other = make_workspace(session, "Other brand")
    campaign = workspaces.create_campaign(other.id, CampaignCreate(name="Elsewhere"), session=session)
    with pytest.raises(ValidationError, match="another workspace"):
        make_post(session, channel, campaign_id=campaign.id)


def test_saving_an_edit_raises_the_version_and_audits_before_and_after(session, channel):
    post = make_post(session, channel, title="Old", body="Hello")
    edited = posts.update_post(post.id, PostUpdate(title="New"), expected_version=1, session=session, actor_id=None)
    assert (edited.title, edited.body, edited.version) == ("New", "Hello", 2)
    events = audit.history("post", post.id, session=session)
    assert [event.action for event in events] == ["create", "edit"]
    assert events[-1].before == {"title": "Old"} and events[-1].after == {"title": "New"}


def test_moving_only_the_date_is_audited_as_a_reschedule(session, channel):
    post = make_post(session, channel, scheduled_at=datetime(2026, 5, 1, 9, 0))
    moved = posts.update_post(post.id, PostUpdate(scheduled_at=datetime(2026, 5, 2, 9, 0)), expected_version=1,
                              session=session)
    assert moved.scheduled_at == datetime(2026, 5, 2, 7, 0, tzinfo=UTC)
    assert audit.history("post", post.id, session=session)[-1].action == "reschedule"


def test_an_edit_that_changes_nothing_keeps_the_version(session, channel):
    post = make_post(session, channel, title="Same")
    assert posts.update_post(post.id, PostUpdate(title="Same"), expected_version=1, session=session).version == 1


def test_a_stale_save_from_another_session_is_a_conflict_and_overwrites_nothing(engine, channel):
    with Session(engine) as setup:
        post_id = make_post(setup, channel, title="First draft").id
        setup.commit()
    with Session(engine) as alice, Session(engine) as bob:
        alice_copy = posts.get_post(post_id, session=alice)
        bob_copy = posts.get_post(post_id, session=bob)
        posts.update_post(post_id, PostUpdate(title="Alice's title"), expected_version=alice_copy.version,
                          session=alice)
        alice.commit()
        with pytest.raises(ConflictError) as conflict:
            posts.update_post(post_id, PostUpdate(title="Bob's title"), expected_version=bob_copy.version,
                              session=bob)
        bob.rollback()
    assert conflict.value.current["title"] == "Alice's title"
    assert conflict.value.attempted["title"] == "Bob's title"
    assert "changed by someone else" in str(conflict.value)  # the CLI's English…
    assert "modifiée par quelqu'un d'autre" in localized(conflict.value.args[0], "fr")  # …and a French page's
    with Session(engine) as check:
        assert posts.get_post(post_id, session=check).title == "Alice's title"


def test_the_workflow_refuses_skipping_review(session, channel):
    post = make_post(session, channel)
    with pytest.raises(ValidationError, match="(?i)cannot move to approved"):
        posts.change_status(post.id, PostStatus.APPROVED, expected_version=1, session=session)
    in_review = posts.change_status(post.id, PostStatus.IN_REVIEW, expected_version=1, session=session)
    approved = posts.change_status(post.id, PostStatus.APPROVED, expected_version=in_review.version,
                                   session=session)
    assert approved.status == PostStatus.APPROVED
    assert [e.after for e in audit.history("post", post.id, session=session) if e.action == "status"] == [
        {"status": "in_review"}, {"status": "approved"}]


def test_deleted_posts_go_to_the_trash_and_come_back(session, channel):
    post = make_post(session, channel, title="Oops", scheduled_at=datetime(2026, 5, 1, 9, 0))
    posts.delete_post(post.id, expected_version=1, session=session)
    assert posts.list_posts(channel.workspace_id, session=session) == []
    assert [p.id for p in posts.list_posts(channel.workspace_id, session=session, deleted=True)] == [post.id]
    with pytest.raises(NotFoundError):
        posts.get_post(post.id, session=session)
    restored = posts.restore_post(post.id, session=session)
    assert restored.deleted_at is None
    assert [p.title for p in posts.list_posts(channel.workspace_id, session=session)] == ["Oops"]
    assert [e.action for e in audit.history("post", post.id, session=session)] == ["create", "delete", "restore"]


def test_listing_filters_by_period_channel_status_and_literal_search(session, channel):
    other_channel = make_channel(session, workspaces.get_workspace(channel.workspace_id, session=session),
                                 "LinkedIn", "linkedin")
    make_post(session, channel, title="100% cotton", scheduled_at=datetime(2026, 5, 1, 9, 0))
    make_post(session, channel, title="1000 cotton bags", scheduled_at=datetime(2026, 5, 8, 9, 0))
    make_post(session, other_channel, title="under_score", scheduled_at=datetime(2026, 5, 2, 9, 0),
              status=PostStatus.IDEA)
    make_post(session, channel, title="Unscheduled idea", status=PostStatus.IDEA)
    workspace_id = channel.workspace_id

    def titles(**filters):
        return [p.title for p in posts.list_posts(workspace_id, session=session, **filters)]

    may_first_week = {"start": datetime(2026, 5, 1, tzinfo=UTC), "end": datetime(2026, 5, 8, tzinfo=UTC)}
    assert titles(**may_first_week) == ["100% cotton", "under_score"]
    assert titles(channel_ids=[other_channel.id]) == ["under_score"]
    assert titles(statuses=["idea"]) == ["under_score", "Unscheduled idea"]
    assert titles(search="100%") == ["100% cotton"]
    assert titles(search="r_s") == ["under_score"]
    assert titles()[-1] == "Unscheduled idea"  # undated posts come last


def test_adapting_a_post_to_another_channel_links_the_versions(session, channel):
    workspace = workspaces.get_workspace(channel.workspace_id, session=session)
    linkedin = make_channel(session, workspace, "LinkedIn", "linkedin")
    original = make_post(session, channel, title="Launch", body="Our new range", status=PostStatus.APPROVED)
    adapted = posts.adapt_post(original.id, linkedin.id, session=session)
    assert adapted.group_id == original.group_id
    assert (adapted.channel_id, adapted.status, adapted.body) == (linkedin.id, PostStatus.DRAFT, "Our new range")
    assert {p.id for p in posts.group_posts(original.group_id, session=session)} == {original.id, adapted.id}
    stranger = make_channel(session, make_workspace(session, "Stranger"), "X", "x")
    with pytest.raises(ValidationError, match="another workspace"):
        posts.adapt_post(original.id, stranger.id, session=session)
