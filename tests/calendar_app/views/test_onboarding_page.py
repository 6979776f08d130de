"""A team starting from zero, the whole app (calendar_app/app.py and its navigation) run headless with AppTest:
the walk-through on an empty database (locally and signed in), the sign-in page with no account, a member with no
brand, and an admin creating another brand who lands in its Settings."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

import calendar_app
from calendar_app.db import make_engine, session_scope, upgrade
from calendar_app.models import AuditEvent, Channel, Membership, Role, User, UserCreate, Workspace
from calendar_app.services import users
from calendar_app.settings import get_settings
from tests.calendar_app.views.conftest import pages_on

APP = Path(calendar_app.__file__).parent / "app.py"
PASSWORD = "correct horse battery"


@pytest.fixture
def empty(database_url, monkeypatch):
    """A migrated database with nothing in it (no demo), of each kind (``database_url``: SQLite, PostgreSQL),
    opened by the pages through calendar_app.resources."""
    with pages_on(database_url, monkeypatch):
        engine = make_engine(database_url)
        upgrade(engine)
        yield engine
        engine.dispose()


@pytest.fixture
def sign_in_required(monkeypatch):
    """Sign-in required, as beyond localhost; the browser sends no cookie (AppTest's own stand-in for the
    browser's cookies is a mock, which is no session token)."""
    monkeypatch.setenv("EDITO_REQUIRE_LOGIN", "1")
    get_settings.cache_clear()
    monkeypatch.setattr(type(st.context), "cookies", property(lambda context: {}))


def _app() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=60).run()


def _texts(app: AppTest, kind: str) -> list[str]:
    return [element.value for element in getattr(app, kind)]


def _account(engine, name: str, email: str, role: Role) -> int:
    with session_scope(engine) as session:
        return users.create_user(UserCreate(name=name, email=email, role=role, password=PASSWORD),
                                 session=session).id


def _sign_in(app: AppTest, email: str) -> AppTest:
    app.text_input(key="login.email").input(email)
    app.text_input(key="login.password").input(PASSWORD)
    return app.button[0].click().run()


def _fill_brand(app: AppTest, name: str, **choices) -> AppTest:
    app.text_input(key="onboarding.name").input(name)
    for key, value in choices.items():
        app.selectbox(key=f"onboarding.{key}").select(value)
    return app.button(key="onboarding.create_brand").click().run()


def _brands(engine) -> list[Workspace]:
    with Session(engine) as session:
        return list(session.exec(select(Workspace).order_by(Workspace.name)))


def _form_key(app: AppTest, prefix: str, field: str) -> str:
    """The key of a walk-through field (its form is drawn afresh, under a new key, after each save)."""
    return next(widget.key for kind in ("text_input", "selectbox", "number_input") for widget in getattr(app, kind)
                if widget.key.startswith(f"onboarding.{prefix}.") and widget.key.endswith(f".{field}"))


def _press(app: AppTest, prefix: str) -> AppTest:
    return app.button(key=_form_key_button(app, prefix)).click().run()


def _form_key_button(app: AppTest, prefix: str) -> str:
    return next(button.key for button in app.button
                if button.key and button.key.startswith(f"onboarding.{prefix}.") and button.key.endswith(".add"))


def test_locally_an_empty_database_walks_the_first_admin_through_brand_channels_and_team(empty):
    app = _app()
    assert not app.exception
    assert _texts(app, "title") == ["Bienvenue dans Edito"]  # no empty shell: the walk-through
    assert app.get("progress")[0].proto.text == "Étape 1 sur 3 · La marque"
    assert not [box for box in app.selectbox if box.key == "app.workspace_id"]

    app.text_input(key="onboarding.your_name").input("Léa Martin")
    app.text_input(key="onboarding.your_email").input("lea@maison.example")
    app = _fill_brand(app, "Maison Verte", voice="tu")
    assert not app.exception and not app.error
    assert _texts(app, "success") == ["Marque « Maison Verte » créée."]
    assert app.get("progress")[0].proto.text == "Étape 2 sur 3 · Les canaux"
    assert app.button(key="onboarding.next").disabled  # a channel first: every post goes out on one

    app.text_input(key=_form_key(app, "channel", "name")).input("Maison sur LinkedIn")
    app = _press(app, "channel")
    assert _texts(app, "error") == ["Choisissez la plateforme du canal."]
    app.selectbox(key=_form_key(app, "channel", "platform")).select("linkedin")
    app.number_input(key=_form_key(app, "channel", "per_week")).set_value(3)
    app = _press(app, "channel")
    assert _texts(app, "success") == ["Canal « Maison sur LinkedIn » ajouté."]
    app.selectbox(key=_form_key(app, "channel", "platform")).select("instagram")
    app = _press(app, "channel")  # no name given: the platform's
    assert _texts(app, "success") == ["Canal « Instagram » ajouté."]
    app = app.button(key="onboarding.next").click().run()

    assert app.get("progress")[0].proto.text == "Étape 3 sur 3 · L'équipe"
    app.text_input(key=_form_key(app, "member", "name")).input("Hugo Bernard")
    app.text_input(key=_form_key(app, "member", "email")).input("hugo@maison.example")
    app.text_input(key=_form_key(app, "member", "password")).input("court")
    app = _press(app, "member")
    assert len(app.error) == 1 and "au moins 12 caractères" in app.error[0].value
    app.text_input(key=_form_key(app, "member", "password")).input(PASSWORD)
    app = _press(app, "member")
    assert _texts(app, "success") == ["« Hugo Bernard » a maintenant accès à cette marque."]
    assert app.text_input(key=_form_key(app, "member", "password")).value == ""  # a fresh form
    app = app.button(key="onboarding.finish").click().run()
    assert not app.exception
    assert _texts(app, "title") == ["Calendrier · Maison Verte"]

    [brand] = _brands(empty)
    with Session(empty) as session:
        lea = session.exec(select(User).where(User.email == "lea@maison.example")).one()
        hugo = session.exec(select(User).where(User.email == "hugo@maison.example")).one()
        channels = session.exec(select(Channel).order_by(Channel.display_name)).all()
        creators = {event.entity: event.actor_id for event in session.exec(
            select(AuditEvent).where(AuditEvent.action == "create", AuditEvent.entity.in_(["workspace", "channel"])))}
        membership = session.exec(select(Membership).where(Membership.user_id == hugo.id)).one()
    assert (brand.name, brand.voice, brand.language, brand.timezone) == ("Maison Verte", "tu", "fr", "Europe/Paris")
    assert (lea.role, hugo.role, membership.workspace_id) == (Role.ADMIN, Role.WRITER, brand.id)
    assert [(c.display_name, c.platform, c.posts_per_week) for c in channels] == [
        ("Instagram", "instagram", None), ("Maison sur LinkedIn", "linkedin", 3.0)]
    assert creators == {"workspace": lea.id, "channel": lea.id}  # audited under the first admin's name


def test_a_refused_first_step_writes_nothing_neither_the_brand_nor_the_admin(empty):
    app = _app()
    app.text_input(key="onboarding.your_name").input("Léa Martin")
    app.text_input(key="onboarding.your_email").input("lea@maison.example")
    app = _fill_brand(app, "   ")
    assert not app.exception and not app.success
    assert len(app.error) == 1
    assert app.error[0].value == "Nom\u00a0\\: Le nom de la marque ne peut pas être vide"  # Markdown-escaped
    assert _brands(empty) == []
    with Session(empty) as session:
        assert session.exec(select(User)).all() == []
    assert app.get("progress")[0].proto.text == "Étape 1 sur 3 · La marque"


def test_with_sign_in_and_no_account_the_sign_in_page_says_how_to_create_the_first_admin(empty, sign_in_required):
    app = _app()
    assert not app.exception
    assert _texts(app, "title") == ["Connexion à Edito"]
    assert 'edito user add EMAIL --name "Prénom Nom" --role admin' in _texts(app, "code")
    assert "Aucun compte pour l'instant" in app.info[0].value
    app = app.button(key="first_admin.done").click().run()
    assert "Toujours aucun compte" in app.warning[0].value
    _account(empty, "Inès Petit", "ines@maison.example", Role.ADMIN)
    app = app.button(key="first_admin.done").click().run()
    assert [widget.key for widget in app.text_input] == ["login.email", "login.password"]  # now the sign-in form


def test_a_signed_in_admin_with_no_brand_gets_the_walk_through_in_the_brand_language(empty, sign_in_required):
    _account(empty, "Inès Petit", "ines@maison.example", Role.ADMIN)
    app = _sign_in(_app(), "ines@maison.example")
    assert _texts(app, "title") == ["Bienvenue dans Edito"]
    assert [widget.key for widget in app.text_input] == ["onboarding.name"]  # she has an account: no "you" part
    app = _fill_brand(app, "Northwind Deli", language="en")
    assert not app.exception and not app.error
    assert _texts(app, "success") == ['Brand "Northwind Deli" created.']
    assert app.get("progress")[0].proto.text == "Step 2 of 3 · The channels"
    assert app.button(key="onboarding.next").label == "Continue"


def test_a_writer_with_no_brand_is_told_which_admins_to_ask(empty, sign_in_required):
    _account(empty, "Zoé Roux", "zoe@maison.example", Role.ADMIN)
    _account(empty, "Old Admin", "old@maison.example", Role.ADMIN)
    with session_scope(empty) as session:
        old = users.find_user("old@maison.example", session=session)
        old.is_active = False
    _account(empty, "Camille Martin", "camille@maison.example", Role.WRITER)
    app = _sign_in(_app(), "camille@maison.example")
    assert not app.exception
    assert _texts(app, "title") == ["Bienvenue dans Edito"]
    assert "Demandez à un administrateur" in app.info[0].value
    assert "Zoé Roux" in app.markdown[0].value and "zoe@maison\\.example" in app.markdown[0].value
    assert "Old Admin" not in app.markdown[0].value  # a disabled admin cannot help
    assert not app.text_input and not app.get("progress")  # nothing to fill in


def test_an_admin_creates_another_brand_and_lands_in_its_settings_with_it_selected(demo_engine):
    app = _app()
    app.switch_page("views/onboarding.py").run()
    with Session(demo_engine) as session:
        ines = session.exec(select(User).where(User.name == "Inès Petit")).one().id
        camille = session.exec(select(User).where(User.name == "Camille Martin")).one().id
    app = app.selectbox(key="app.user_id").select(camille).run()
    assert "seuls les admins créent des marques" in app.info[0].value
    assert not app.text_input

    app = app.selectbox(key="app.user_id").select(ines).run()
    assert _texts(app, "title") == ["Nouvelle marque"]
    before = [brand.name for brand in _brands(demo_engine)]
    app = _fill_brand(app, "atelier LUMEN")
    assert _texts(app, "error") == ["Une marque nommée « Atelier Lumen » existe déjà\\."]
    assert [brand.name for brand in _brands(demo_engine)] == before

    app.slider(key="onboarding.commercial").set_value(40)
    app = _fill_brand(app, "Maison Neuve", language="en", timezone="America/Montreal")
    assert not app.exception and not app.error
    assert _texts(app, "title") == ["Settings · Maison Neuve"]
    assert _texts(app, "success") == ['Brand "Maison Neuve" created: add its channels and members.']
    created = next(brand for brand in _brands(demo_engine) if brand.name == "Maison Neuve")
    assert app.selectbox(key="app.workspace_id").value == created.id
    assert (created.language, created.timezone, created.commercial_target) == ("en", "America/Montreal", 0.4)
