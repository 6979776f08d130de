import pytest

from calendar_app.errors import ValidationError
from calendar_app.models import (
    CampaignCreate,
    CampaignUpdate,
    ChannelUpdate,
    Role,
    UserCreate,
    WorkspaceUpdate,
)
from calendar_app.services import audit, users, workspaces
from calendar_app.services.check_results import content_hash, store_findings_many, stored_findings_many
from tests.calendar_app.helpers import make_channel, make_workspace


def test_duplicate_names_are_refused_and_the_transaction_stays_usable(session):
    workspace = make_workspace(session, "Atelier")
    with pytest.raises(ValidationError, match="already exists"):
        make_workspace(session, "Atelier")
    make_channel(session, workspace, "Instagram")
    with pytest.raises(ValidationError, match="already has a channel"):
        make_channel(session, workspace, "Instagram")
    session.commit()
    assert [w.name for w in workspaces.list_workspaces(session=session)] == ["Atelier"]
    assert [c.display_name for c in workspaces.list_channels(workspace.id, session=session)] == ["Instagram"]


def test_updates_are_audited(session):
    workspace = make_workspace(session)
    workspaces.update_workspace(workspace.id, WorkspaceUpdate(voice="tu"), session=session)
    channel = make_channel(session, workspace)
    workspaces.update_channel(channel.id, ChannelUpdate(colour="#FF0000"), session=session)
    assert workspaces.get_channel(channel.id, session=session).colour == "#ff0000"
    last = audit.history("workspace", workspace.id, session=session)[-1]
    assert (last.action, last.before, last.after) == ("edit", {"voice": "vous"}, {"voice": "tu"})


def test_a_campaign_cannot_be_moved_to_end_before_it_starts(session):
    workspace = make_workspace(session)
    campaign = workspaces.create_campaign(
        workspace.id, CampaignCreate(name="Spring", starts_on="2026-03-01", ends_on="2026-03-31"), session=session)
    with pytest.raises(ValidationError, match="end before it starts"):
        workspaces.update_campaign(campaign.id, CampaignUpdate(ends_on="2026-02-01"), session=session)


def test_passwords_are_stored_as_argon2id_hashes(session):
    user = users.create_user(UserCreate(name="Hugo", email="Hugo@Brand.example", role=Role.EDITOR,
                                        password="correct horse"), session=session)
    assert user.password_hash.startswith("$argon2id$")
    assert "correct horse" not in user.password_hash
    assert users.verify_password(user, "correct horse")
    assert not users.verify_password(user, "wrong horse")
    assert users.find_user("hugo@brand.EXAMPLE", session=session).id == user.id
    with pytest.raises(ValidationError, match="already exists"):
        users.create_user(UserCreate(name="Other", email="hugo@brand.example"), session=session)


def test_findings_are_stored_once_per_content_and_ruleset(session):
    findings = [{"code": "COM001", "start": 0, "end": 5}]
    digest = content_hash(text="SOLDES", channel="x", lang="fr", meta={"sponsorship": "none"})
    assert stored_findings_many([digest], "1", session=session) == {}
    store_findings_many({digest: findings}, "1", session=session)
    store_findings_many({digest: [{"code": "COM002"}]}, "1", session=session)  # stored already: kept as it was
    assert stored_findings_many([digest, digest], "1", session=session) == {digest: findings}
    assert stored_findings_many([digest], "2", session=session) == {}  # a new ruleset checks again
    assert content_hash(text="SOLDES", channel="x") != content_hash(text="SOLDES", channel="instagram")
