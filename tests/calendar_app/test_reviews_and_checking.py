"""The checker on stored posts (results stored by content) and the review gate, on SQLite and PostgreSQL."""

import pytest

from calendar_app.errors import ApprovalBlockedError, ConflictError, PermissionDeniedError, ValidationError
from calendar_app.models import ChannelUpdate, PostStatus, PostUpdate, Role, UserCreate, WorkspaceUpdate
from calendar_app.services import audit, auth, checking, posts, reviews, users, workspaces
from tests.calendar_app.helpers import make_channel, make_post, make_workspace

UNDISCLOSED = "Merci à @maisonverdier pour cette box cocooning, je l'adore !"
DISCLOSED = "Collaboration commerciale avec @maisonverdier : leur box cocooning, je l'adore !"


@pytest.fixture
def team(session):
    return {role: users.create_user(UserCreate(name=role.value.title(), email=f"{role.value}@brand.example",
                                               role=role), session=session)
            for role in Role}


@pytest.fixture
def sponsored_post(session, team):
    workspace = make_workspace(session, "Atelier Lumen")
    for member in team.values():
        auth.grant_access(member, workspace.id, session=session)
    channel = make_channel(session, workspace)
    return make_post(session, channel, body=UNDISCLOSED, sponsorship="paid", partner="Maison Verdier",
                     objective="awareness", author_id=team[Role.WRITER].id)


def test_findings_use_the_workspace_language_and_voice(session, sponsored_post):
    codes = {finding.code for finding in checking.check_post(sponsored_post, session=session)}
    assert "SPO002" in codes  # « Merci à » is ambiguous in France
    workspaces.update_workspace(sponsored_post.workspace_id, WorkspaceUpdate(voice="tu"), session=session)
    post = posts.update_post(sponsored_post.id, PostUpdate(body="Vous allez adorer cette bougie."),
                             expected_version=1, session=session)
    assert "IMP005" in {f.code for f in checking.check_post(post, session=session)}


def test_an_unchanged_post_is_never_checked_twice(session, sponsored_post, monkeypatch):
    calls = []
    real_lint_many = checking.lint_many
    monkeypatch.setattr(checking, "lint_many",
                        lambda *args, **kwargs: calls.append(1) or real_lint_many(*args, **kwargs))
    first = checking.check_post(sponsored_post, session=session)
    again = checking.check_post(posts.get_post(sponsored_post.id, session=session), session=session)
    assert first == again and len(calls) == 1
    edited = posts.update_post(sponsored_post.id, PostUpdate(body=DISCLOSED), expected_version=1, session=session)
    assert "SPO002" not in {f.code for f in checking.check_post(edited, session=session)}
    assert len(calls) == 2  # only the edited post was checked again


def test_many_posts_are_checked_in_batches_with_the_same_results_as_one_by_one(session, sponsored_post, monkeypatch):
    """check_posts gives what check_post gives, per channel's settings; one lint_many pass per channel for
    the texts not stored yet (a text shared by two posts is checked once), and nothing the second time."""
    workspace_id, channel_id = sponsored_post.workspace_id, sponsored_post.channel_id
    strict = make_channel(session, workspaces.get_workspace(workspace_id, session=session), name="X", platform="x")
    workspaces.update_channel(strict.id, ChannelUpdate(checker_overrides={"ignore": ["SPO"]}), session=session)
    channel = workspaces.get_channel(channel_id, session=session)
    made = [sponsored_post,
            make_post(session, channel, body=UNDISCLOSED, sponsorship="paid", partner="Maison Verdier",
                      objective="awareness"),  # the same text and metadata
            make_post(session, channel, body="Vous allez adorer cette bougie !"),
            make_post(session, strict, body=UNDISCLOSED, sponsorship="paid", partner="Maison Verdier"),
            make_post(session, channel, body="")]
    batches = []
    real_lint_many = checking.lint_many
    monkeypatch.setattr(checking, "lint_many", lambda batch, **kwargs: batches.append(len(batch))
                        or real_lint_many(batch, **kwargs))
    found = checking.check_posts(made, session=session)
    assert sorted(batches) == [1, 3]  # X: one post; Instagram: three distinct inputs for four posts
    assert "SPO002" in {f.code for f in found[made[0].id]} and found[made[0].id] == found[made[1].id]
    assert "SPO002" not in {f.code for f in found[made[3].id]}  # the X channel ignores SPO
    assert found == {post.id: checking.check_post(post, session=session) for post in made}  # stored alike
    batches.clear()
    assert checking.check_posts(made, session=session) == found and batches == []  # all stored now


def test_writers_submit_their_own_posts_but_cannot_approve(session, team, sponsored_post):
    other_writer = users.create_user(UserCreate(name="Other", email="other@brand.example"), session=session)
    auth.grant_access(other_writer, sponsored_post.workspace_id, session=session)
    with pytest.raises(PermissionDeniedError, match="own posts"):
        reviews.submit_for_review(sponsored_post.id, expected_version=1, user=other_writer, session=session)
    post = reviews.submit_for_review(sponsored_post.id, expected_version=1, user=team[Role.WRITER], session=session)
    with pytest.raises(PermissionDeniedError, match="only editors and admins"):
        reviews.approve(post.id, expected_version=post.version, user=team[Role.WRITER], session=session)
    assert [p.id for p in reviews.review_queue(post.workspace_id, session=session)] == [post.id]


def test_error_findings_block_approval_until_fixed(session, team, sponsored_post):
    post = reviews.submit_for_review(sponsored_post.id, expected_version=1, user=team[Role.WRITER], session=session)
    with pytest.raises(ApprovalBlockedError) as blocked:
        reviews.approve(post.id, expected_version=post.version, user=team[Role.EDITOR], session=session)
    assert "SPO002" in blocked.value.codes
    assert posts.get_post(post.id, session=session).status == PostStatus.IN_REVIEW
    post = reviews.request_changes(post.id, "Add « Collaboration commerciale » at the start.",
                                   expected_version=post.version, user=team[Role.EDITOR], session=session)
    post = posts.update_post(post.id, PostUpdate(body=DISCLOSED), expected_version=post.version, session=session)
    post = reviews.submit_for_review(post.id, expected_version=post.version, user=team[Role.WRITER], session=session)
    approved = reviews.approve(post.id, expected_version=post.version, user=team[Role.EDITOR], session=session)
    assert (approved.status, approved.reviewer_id) == (PostStatus.APPROVED, team[Role.EDITOR].id)
    comments = [e.after.get("comment") for e in audit.history("post", post.id, session=session) if e.after]
    assert "Add « Collaboration commerciale » at the start." in comments


def test_an_editor_can_override_with_a_recorded_reason(session, team, sponsored_post):
    post = reviews.submit_for_review(sponsored_post.id, expected_version=1, user=team[Role.WRITER], session=session)
    with pytest.raises(ApprovalBlockedError):
        reviews.approve(post.id, expected_version=post.version, user=team[Role.EDITOR], session=session,
                        override_reason="   ")
    approved = reviews.approve(post.id, expected_version=post.version, user=team[Role.ADMIN], session=session,
                               override_reason="Partner's legal team approved this wording")
    last = audit.history("post", post.id, session=session)[-1]
    assert approved.status == PostStatus.APPROVED
    assert last.after["override_reason"] == "Partner's legal team approved this wording"
    assert "SPO002" in last.after["overridden"] and last.actor_id == team[Role.ADMIN].id


def test_review_actions_need_a_comment_and_the_current_version(session, team, sponsored_post):
    post = reviews.submit_for_review(sponsored_post.id, expected_version=1, user=team[Role.WRITER], session=session)
    with pytest.raises(ValidationError, match="comment is empty"):
        reviews.request_changes(post.id, " ", expected_version=post.version, user=team[Role.EDITOR], session=session)
    with pytest.raises(ConflictError):
        reviews.request_changes(post.id, "Shorter", expected_version=1, user=team[Role.EDITOR], session=session)
