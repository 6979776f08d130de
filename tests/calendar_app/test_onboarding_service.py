"""A team starting from zero (calendar_app/services/onboarding.py), on SQLite and PostgreSQL: brands created from the
app by admins only, audited, refused whole on a bad name or timezone; the first admin of a local install; and what
``edito app`` prints while there is no account."""

from __future__ import annotations

import pytest
from pydantic import ValidationError as PydanticValidationError
from sqlmodel import select
from typer.testing import CliRunner

from calendar_app.errors import PermissionDeniedError, ValidationError
from calendar_app.i18n import localized
from calendar_app.models import AuditEvent, Role, UserBase, UserCreate, Workspace, WorkspaceCreate
from calendar_app.services import onboarding, users
from tests.calendar_app.helpers import make_team, make_workspace

PASSWORD = "correct horse battery"


def _brands(session) -> list[str]:
    return [workspace.name for workspace in session.exec(select(Workspace).order_by(Workspace.name))]


def _workspace_events(session) -> list[tuple[str, int | None, int | None]]:
    return [(event.action, event.entity_id, event.actor_id)
            for event in session.exec(select(AuditEvent).where(AuditEvent.entity == "workspace"))]


@pytest.fixture
def team(session):
    return make_team(session, make_workspace(session, "Lumen"), password=PASSWORD, admin_is_member=False)


def test_an_admin_creates_a_brand_with_its_settings_and_it_is_audited_under_their_name(session, team):
    admin = team[Role.ADMIN]
    brand = onboarding.create_brand(WorkspaceCreate(name="  Maison Verte ", language="en", voice="tu",
                                                    timezone="America/Montreal", commercial_target=0.35),
                                    user=admin, session=session)
    session.commit()
    stored = session.get(Workspace, brand.id)
    assert (stored.name, stored.language, stored.voice, stored.timezone, stored.commercial_target) == (
        "Maison Verte", "en", "tu", "America/Montreal", 0.35)
    assert not stored.is_demo
    assert ("create", brand.id, admin.id) in _workspace_events(session)
    # admins open every brand: the new one is reachable at once, for them and nobody else
    assert "Maison Verte" in [workspace.name for workspace in onboarding.reachable_workspaces(admin, session=session)]
    assert "Maison Verte" not in [workspace.name
                                  for workspace in onboarding.reachable_workspaces(team[Role.WRITER], session=session)]


@pytest.mark.parametrize("role", [Role.WRITER, Role.EDITOR])
def test_only_admins_create_brands(session, team, role):
    with pytest.raises(PermissionDeniedError) as refusal:
        onboarding.create_brand(WorkspaceCreate(name="Pirate"), user=team[role], session=session)
    assert localized(refusal.value.args[0], "fr").endswith("seuls les admins peuvent créer des marques.")
    assert _brands(session) == ["Lumen"]


def test_nobody_and_a_disabled_admin_cannot_create_a_brand(session, team):
    with pytest.raises(PermissionDeniedError):
        onboarding.create_brand(WorkspaceCreate(name="Pirate"), user=None, session=session)
    admin = team[Role.ADMIN]
    admin.is_active = False
    session.add(admin)
    session.flush()
    with pytest.raises(PermissionDeniedError):
        onboarding.create_brand(WorkspaceCreate(name="Pirate"), user=admin, session=session)
    assert _brands(session) == ["Lumen"]


def test_a_name_another_brand_has_in_any_case_is_refused_in_the_pages_language(session, team):
    with pytest.raises(ValidationError) as refusal:
        onboarding.create_brand(WorkspaceCreate(name="LUMEN"), user=team[Role.ADMIN], session=session)
    assert localized(refusal.value.args[0], "fr") == "Une marque nommée « Lumen » existe déjà."
    assert _brands(session) == ["Lumen"]
    assert [action for action, _, actor in _workspace_events(session)] == ["create"]  # Lumen's own, by Edito


@pytest.mark.parametrize(("fields", "message"), [
    ({"name": "   "}, "Le nom de la marque ne peut pas être vide"),
    ({"name": "Mars", "timezone": "Mars/Olympus"}, "n'est pas un fuseau horaire IANA"),
])
def test_an_empty_name_or_an_unknown_timezone_is_refused_by_the_model(fields, message):
    from calendar_app.errors import describe_validation_error

    with pytest.raises(PydanticValidationError) as refusal:
        WorkspaceCreate(**fields)
    assert message in describe_validation_error(refusal.value, lang="fr")


def test_the_first_admin_of_a_local_install_then_nobody_else_that_way(session):
    admin = onboarding.create_first_admin(UserBase(name="Léa Martin", email=" Lea@Example.org"), session=session)
    assert (admin.role, admin.email, admin.password_hash, admin.is_active) == (
        Role.ADMIN, "lea@example.org", None, True)
    assert not users.verify_password(admin, "")  # no password: nobody signs in as her until `edito user passwd`
    brand = onboarding.create_brand(WorkspaceCreate(name="Maison"), user=admin, session=session)
    assert ("create", brand.id, admin.id) in _workspace_events(session)
    with pytest.raises(PermissionDeniedError):
        onboarding.create_first_admin(UserBase(name="Intrus", email="intrus@example.org"), session=session)
    assert [user.email for user in users.list_users(session=session)] == ["lea@example.org"]


def test_who_a_member_without_a_brand_asks(session):
    for name, role, active in (("Zoé Admin", Role.ADMIN, True), ("Alix Admin", Role.ADMIN, True),
                               ("Old Admin", Role.ADMIN, False), ("Wren Writer", Role.WRITER, True)):
        user = users.create_user(UserCreate(name=name, email=f"{name.split()[0].lower()}@example.org", role=role),
                                 session=session)
        user.is_active = active
        session.add(user)
    session.flush()
    assert [admin.name for admin in onboarding.active_admins(session=session)] == ["Alix Admin", "Zoé Admin"]


# --- edito app on an empty database ---------------------------------------------------------------------------

@pytest.fixture
def started(monkeypatch):
    """``edito app`` run in this process, stopped where it would become Streamlit; returns its output and the
    environment Streamlit would get."""
    from calendar_app import commands

    seen = {}
    monkeypatch.setattr(commands.os, "execve", lambda path, argv, env: seen.update(env=env))

    def run(*options: str):
        result = CliRunner().invoke(commands.cli, ["app", *options], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output, seen["env"]
    return run


def test_edito_app_beyond_localhost_with_no_account_says_how_to_create_the_first_admin(started):
    output, env = started("--address", "0.0.0.0")
    assert env["EDITO_REQUIRE_LOGIN"] == "1"
    assert "No account yet: create the first admin" in output
    assert 'edito user add EMAIL --name "FIRST LAST" --role admin' in output
    assert output.index("edito user add") < output.index("Edito is starting")  # before the server starts


def test_edito_app_locally_without_the_demo_says_the_app_walks_you_through(started):
    output, env = started("--no-demo")
    assert "EDITO_REQUIRE_LOGIN" not in env
    assert "the app walks you through your first brand" in output
    assert "edito user add EMAIL" in output


def test_edito_app_says_nothing_of_the_kind_once_there_is_an_account(started):
    output, _ = started()  # localhost: the demo and its accounts are seeded
    assert "First run: demo workspaces created" in output
    assert "No account yet" not in output
    output, _ = started("--address", "0.0.0.0")
    assert "No account yet" not in output
