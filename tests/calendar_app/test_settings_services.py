"""The settings services (admins only, checker settings validated by the checker) and the trash listing,
on SQLite and PostgreSQL."""

from datetime import date

import pytest
from pydantic import ValidationError as PydanticValidationError

from calendar_app.errors import PermissionDeniedError, ValidationError
from calendar_app.models import (
    CampaignCreate,
    CampaignUpdate,
    ChannelCreate,
    ChannelUpdate,
    Role,
    UserCreate,
    WorkspaceUpdate,
)
from calendar_app.services import audit, auth, posts, users, workspaces
from tests.calendar_app.helpers import make_channel, make_post, make_workspace


def _user(session, role: Role, name: str | None = None):
    name = name or f"{role} person"
    return users.create_user(UserCreate(name=name, email=f"{role}@brand.example", role=role), session=session)


@pytest.fixture
def team(session):
    return {role: _user(session, role) for role in Role}


def test_only_admins_change_workspace_settings(session, team):
    workspace = make_workspace(session)
    for role in (Role.WRITER, Role.EDITOR):
        with pytest.raises(PermissionDeniedError, match="only admins"):
            workspaces.save_workspace_settings(workspace.id, WorkspaceUpdate(voice="tu"), user=team[role],
                                               session=session)
    assert workspaces.get_workspace(workspace.id, session=session).voice == "vous"
    saved = workspaces.save_workspace_settings(
        workspace.id, WorkspaceUpdate(voice="tu", timezone="America/New_York", commercial_target=0.35),
        user=team[Role.ADMIN], session=session)
    session.commit()
    assert (saved.voice, saved.timezone, saved.commercial_target) == ("tu", "America/New_York", 0.35)
    last = audit.history("workspace", workspace.id, session=session)[-1]
    assert (last.action, last.actor_id, last.after["voice"]) == ("edit", team[Role.ADMIN].id, "tu")


def test_an_inactive_admin_is_refused(session, team):
    workspace = make_workspace(session)
    admin = team[Role.ADMIN]
    admin.is_active = False
    with pytest.raises(PermissionDeniedError):
        workspaces.save_workspace_settings(workspace.id, WorkspaceUpdate(voice="tu"), user=admin, session=session)


def test_checker_settings_are_validated_by_the_checker_before_saving(session, team):
    workspace = make_workspace(session, "Lumen")
    admin = team[Role.ADMIN]
    good = {"disclosure": {"fr": "FR", "en": "UK", "extra-terms": {"fr": ["#partenaire"]}},
            "ignore": ["COM003"], "brand": ["Lumen", "Atelier Lumen"], "partners": ["Maison Verdier"]}
    workspaces.save_workspace_settings(workspace.id, WorkspaceUpdate(checker_settings=good), user=admin,
                                       session=session)
    session.commit()
    assert workspaces.get_workspace(workspace.id, session=session).checker_settings == good
    for bad, message in (
        ({"disclosure": {"fr": "DE"}}, "disclosure.fr must be one of FR, UK, US"),
        ({"severity": {"COM003": "fatal"}}, "severity must be info, warning or error"),
        ({"colour": "red"}, "unknown key"),
        ({"disclosure": {"extra-terms": {"de": ["x"]}}}, "language must be 'fr' or 'en'"),
    ):
        with pytest.raises(ValidationError, match=message) as caught:
            workspaces.save_workspace_settings(workspace.id, WorkspaceUpdate(checker_settings=bad), user=admin,
                                               session=session)
        assert "'Lumen'" in str(caught.value)  # the message says which brand's settings
    session.rollback()
    assert workspaces.get_workspace(workspace.id, session=session).checker_settings == good


def test_workspace_name_and_timezone_are_checked(session, team):
    workspace = make_workspace(session, "Lumen")
    make_workspace(session, "Northwind")
    admin = team[Role.ADMIN]
    with pytest.raises(ValidationError, match="must not be empty"):
        workspaces.save_workspace_settings(workspace.id, WorkspaceUpdate(name="  "), user=admin, session=session)
    with pytest.raises(ValidationError, match="already exists"):
        workspaces.save_workspace_settings(workspace.id, WorkspaceUpdate(name="Northwind"), user=admin,
                                           session=session)
    with pytest.raises(PydanticValidationError, match="IANA"):
        WorkspaceUpdate(timezone="Mars/Olympus")
    renamed = workspaces.save_workspace_settings(workspace.id, WorkspaceUpdate(name=" Atelier Lumen "), user=admin,
                                                 session=session)
    assert renamed.name == "Atelier Lumen"


def test_channels_and_campaigns_are_added_and_edited_by_admins_only(session, team):
    workspace = make_workspace(session)
    admin, writer = team[Role.ADMIN], team[Role.WRITER]
    data = ChannelCreate(platform="linkedin", display_name="LinkedIn", colour="#0A66C2", posts_per_week=3)
    with pytest.raises(PermissionDeniedError):
        workspaces.add_channel(workspace.id, data, user=writer, session=session)
    channel = workspaces.add_channel(workspace.id, data, user=admin, session=session)
    other = make_channel(session, workspace, "Instagram")
    with pytest.raises(PermissionDeniedError):
        workspaces.edit_channel(channel.id, ChannelUpdate(posts_per_week=5), user=team[Role.EDITOR],
                                session=session)
    with pytest.raises(ValidationError, match="already has a channel"):
        workspaces.edit_channel(other.id, ChannelUpdate(display_name="LinkedIn"), user=admin, session=session)
    edited = workspaces.edit_channel(channel.id, ChannelUpdate(colour="#FF8800", posts_per_week=5), user=admin,
                                     session=session)
    assert (edited.colour, edited.posts_per_week) == ("#ff8800", 5)

    campaign_data = CampaignCreate(name="Hiver", starts_on=date(2026, 1, 5), ends_on=date(2026, 2, 1),
                                   objective="Faire connaître la collection")
    with pytest.raises(PermissionDeniedError):
        workspaces.add_campaign(workspace.id, campaign_data, user=writer, session=session)
    campaign = workspaces.add_campaign(workspace.id, campaign_data, user=admin, session=session)
    with pytest.raises(PermissionDeniedError):
        workspaces.edit_campaign(campaign.id, CampaignUpdate(name="Été"), user=writer, session=session)
    with pytest.raises(ValidationError, match="end before it starts"):
        workspaces.edit_campaign(campaign.id, CampaignUpdate(ends_on=date(2025, 12, 1)), user=admin,
                                 session=session)
    edited_campaign = workspaces.edit_campaign(campaign.id, CampaignUpdate(name="Hiver 2026"), user=admin,
                                               session=session)
    session.commit()
    assert edited_campaign.name == "Hiver 2026"
    assert audit.history("campaign", campaign.id, session=session)[-1].actor_id == admin.id


def test_the_trash_lists_deleted_posts_newest_deletion_first_with_who_deleted_them(session, team):
    workspace = make_workspace(session)
    for member in team.values():
        auth.grant_access(member, workspace.id, session=session)
    channel = make_channel(session, workspace)
    first, second, kept = (make_post(session, channel, title=title, author_id=team[Role.WRITER].id)
                           for title in ("first", "second", "kept"))
    posts.delete_post(second.id, expected_version=second.version, session=session, actor_id=team[Role.EDITOR].id)
    posts.delete_post(first.id, expected_version=first.version, session=session, actor_id=team[Role.WRITER].id)
    session.commit()
    trash = posts.list_trash(workspace.id, session=session)
    assert [(post.title, event.actor_id) for post, event in trash] == [
        ("first", team[Role.WRITER].id), ("second", team[Role.EDITOR].id)]
    assert all(event.action == "delete" for _, event in trash)
    posts.restore_post(first.id, session=session, actor_id=team[Role.ADMIN].id)
    session.commit()
    assert [post.title for post, _ in posts.list_trash(workspace.id, session=session)] == ["second"]
    assert kept.id in {post.id for post in posts.list_posts(workspace.id, session=session)}
