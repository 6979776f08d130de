"""The settings page run headless with AppTest on the demo: read only for writers, admins save, bad input refused."""

from pathlib import Path

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.errors import AppTestError

import calendar_app
from calendar_app.models import Channel, User, Workspace
from calendar_app.services.auth import authenticate, is_member

PAGE = Path(calendar_app.__file__).parent / "views" / "settings.py"


@pytest.fixture
def demo(demo_engine):
    """The seeded demo database (shared fixtures in conftest.py)."""
    return demo_engine


def _lumen(engine) -> Workspace:
    with Session(engine) as session:
        return session.exec(select(Workspace).where(Workspace.name == "Atelier Lumen")).one()


def _as(app: AppTest, engine, name: str) -> AppTest:
    with Session(engine) as session:
        user_id = session.exec(select(User).where(User.name == name)).one().id
    return app.selectbox(key="app.user_id").select(user_id).run()


@pytest.fixture
def admin_page(demo):
    app = _as(AppTest.from_file(str(PAGE), default_timeout=60).run(), demo, "Inès Petit")
    assert not app.exception and not app.info
    return app, demo, _lumen(demo)


def test_a_writer_reads_the_settings_but_cannot_save_them(demo):
    workspace = _lumen(demo)
    app = _as(AppTest.from_file(str(PAGE), default_timeout=60).run(), demo, "Camille Martin")
    assert not app.exception
    assert app.title[0].value == "Réglages · Atelier Lumen"
    assert "seuls les admins modifient les réglages" in app.info[0].value
    assert app.selectbox(key=f"settings.voice.{workspace.id}").value == "vous"
    assert all(button.disabled for button in app.button)
    editable = [widget.key for kind in ("selectbox", "text_input", "text_area", "slider", "multiselect",
                                        "color_picker", "number_input", "date_input")
                for widget in getattr(app, kind)
                if not widget.disabled and not widget.key.startswith(("app.", "settings.edit_"))]
    assert editable == []  # only the brand, the user, and which channel or campaign to look at can change
    with pytest.raises(AppTestError, match="disabled"):
        app.button(key=f"settings.save_workspace.{workspace.id}").click()
    assert _lumen(demo).voice == "vous"  # the service refuses too: see test_settings_services.py


def test_an_admin_changes_the_voice_and_it_is_saved(admin_page):
    app, engine, workspace = admin_page
    app.selectbox(key=f"settings.voice.{workspace.id}").select("tu")
    app.slider(key=f"settings.commercial.{workspace.id}").set_value(30)
    app.button(key=f"settings.save_workspace.{workspace.id}").click().run()
    assert not app.exception and not app.error
    assert app.success[0].value == "Réglages enregistrés."
    saved = _lumen(engine)
    assert (saved.voice, saved.commercial_target, saved.timezone) == ("tu", 0.3, "Europe/Paris")


def test_an_invalid_extra_checker_setting_is_refused_with_a_message(admin_page):
    app, engine, workspace = admin_page
    before = workspace.checker_settings
    app.text_area(key=f"settings.advanced.{workspace.id}").input('{"severity": {"COM003": "fatal"}}')
    app.button(key=f"settings.save_checker.{workspace.id}").click().run()
    assert not app.exception and not app.success
    assert len(app.error) == 1
    assert "severity must be info, warning or error, not 'fatal'" in app.error[0].value
    assert _lumen(engine).checker_settings == before

    app.text_area(key=f"settings.advanced.{workspace.id}").input("{not json")
    app.button(key=f"settings.save_checker.{workspace.id}").click().run()
    assert "JSON invalide" in app.error[0].value
    assert _lumen(engine).checker_settings == before


def test_an_admin_saves_checker_options_in_the_tool_edito_format(admin_page):
    app, engine, workspace = admin_page
    app.selectbox(key=f"settings.jurisdiction.en.{workspace.id}").select("UK")
    app.text_area(key=f"settings.extra_terms.fr.{workspace.id}").input("#partenaire\n\n#collab ")
    app.multiselect(key=f"settings.ignore.{workspace.id}").select("COM003")
    app.text_area(key=f"settings.partners.{workspace.id}").input("Maison Verdier")
    app.text_area(key=f"settings.advanced.{workspace.id}").input('{"severity": {"COM001": "error"}}')
    app.button(key=f"settings.save_checker.{workspace.id}").click().run()
    assert not app.exception and not app.error
    assert _lumen(engine).checker_settings == {
        "severity": {"COM001": "error"},
        "disclosure": {"fr": "FR", "en": "UK", "extra-terms": {"fr": ["#partenaire", "#collab"]}},
        "ignore": ["COM003"], "partners": ["Maison Verdier"],
    }
    assert app.multiselect(key=f"settings.ignore.{workspace.id}").value == ["COM003"]


def test_an_admin_adds_a_channel_and_an_empty_name_is_one_readable_error(admin_page):
    app, engine, workspace = admin_page
    app.button(key=f"settings.add_channel.{workspace.id}").click().run()
    assert len(app.error) == 1 and "display_name: Value error" not in app.error[0].value
    assert app.error[0].value == "Nom affiché\u00a0\\: Le nom du canal ne peut pas être vide"  # in the brand's language

    app.selectbox(key=f"settings.new_channel.platform.{workspace.id}").select("threads")
    app.text_input(key=f"settings.new_channel.name.{workspace.id}").input("Threads")
    app.color_picker(key=f"settings.new_channel.colour.{workspace.id}").pick("#112233")
    app.number_input(key=f"settings.new_channel.per_week.{workspace.id}").set_value(2.0)
    app.button(key=f"settings.add_channel.{workspace.id}").click().run()
    assert not app.exception and not app.error
    assert app.success[0].value == "Canal « Threads » ajouté."
    with Session(engine) as session:
        channel = session.exec(select(Channel).where(Channel.workspace_id == workspace.id,
                                                     Channel.display_name == "Threads")).one()
    assert (channel.platform, channel.colour, channel.posts_per_week) == ("threads", "#112233", 2.0)

    app.text_input(key=f"settings.new_channel.name.{workspace.id}").input("Threads")  # the same name again
    app.button(key=f"settings.add_channel.{workspace.id}").click().run()
    assert [error.value for error in app.error] == ["Cette marque a déjà un canal nommé « Threads »\\."]


def _members_table(app: AppTest):
    """The members tab's table (the only one with an email column)."""
    return next(frame.value for frame in app.dataframe if "E-mail" in frame.value.columns)


def test_an_admin_adds_a_member_and_the_table_shows_them(admin_page):
    app, engine, workspace = admin_page
    assert app.tabs[4].label == "Membres"
    assert "lea@lumen.example" not in set(_members_table(app)["E-mail"])
    form = f"settings.new_member.{workspace.id}.0"  # the first round of the form
    app.text_input(key=f"{form}.name").input("Léa *Martin*")
    app.text_input(key=f"{form}.email").input("Lea@Lumen.example")
    app.selectbox(key=f"{form}.role").select("editor")
    app.text_input(key=f"{form}.password").input("short")
    app.button(key=f"{form}.add").click().run()
    assert not app.exception and not app.success
    assert [error.value for error in app.error] == ["Le mot de passe doit compter au moins 12 caractères\\."]
    with Session(engine) as session:
        assert session.exec(select(User).where(User.email == "lea@lumen.example")).first() is None

    app.text_input(key=f"{form}.password").input("a long enough secret")  # the rest was kept
    app.button(key=f"{form}.add").click().run()
    assert not app.exception and not app.error
    assert app.success[0].value == r"« Léa \*Martin\* » a maintenant accès à cette marque."  # shown as typed
    row = _members_table(app).set_index("E-mail").loc["lea@lumen.example"]
    assert (row["Nom"], row["Rôle"], bool(row["Actif"])) == ("Léa *Martin*", "éditeur·rice", True)
    after = f"settings.new_member.{workspace.id}.1"  # a fresh form for the next person: nothing stays in it
    assert [app.text_input(key=f"{after}.{field}").value for field in ("name", "email", "password")] == ["", "", ""]
    assert all("argon2" not in str(value) for value in _members_table(app).to_numpy().ravel())
    with Session(engine) as session:
        assert authenticate("lea@lumen.example", "a long enough secret", session=session).name == "Léa *Martin*"


def test_an_admin_cannot_disable_themselves_from_the_page(admin_page):
    app, engine, workspace = admin_page
    with Session(engine) as session:
        ines = session.exec(select(User).where(User.name == "Inès Petit")).one()
    app.selectbox(key=f"settings.edit_member.choice.{workspace.id}").select(ines.id).run()
    app.button(key=f"settings.member.active.{ines.id}").click().run()
    assert not app.exception and not app.success
    assert "Inès Petit ne peut pas désactiver son propre compte" in app.error[0].value
    with Session(engine) as session:
        assert session.get(User, ines.id).is_active


def test_a_writer_sees_the_members_read_only(demo):
    workspace = _lumen(demo)
    app = _as(AppTest.from_file(str(PAGE), default_timeout=60).run(), demo, "Camille Martin")
    assert not app.exception
    assert app.tabs[4].label == "Membres"
    assert {"Camille Martin", "Hugo Bernard", "Inès Petit"} <= set(_members_table(app)["Nom"])
    member_widgets = [widget for kind in ("selectbox", "text_input", "button")
                      for widget in getattr(app, kind) if ".member" in widget.key or "_member" in widget.key]
    assert {widget.key for widget in member_widgets if not widget.disabled} == {
        f"settings.edit_member.choice.{workspace.id}"}  # only which member to look at
    assert len(member_widgets) >= 8
    with pytest.raises(AppTestError, match="disabled"):
        app.button(key=f"settings.new_member.{workspace.id}.0.add").click()


def test_an_admin_changes_a_role_resets_a_password_and_removes_a_member(admin_page):
    app, engine, workspace = admin_page
    with Session(engine) as session:
        camille = session.exec(select(User).where(User.name == "Camille Martin")).one()
    app.selectbox(key=f"settings.edit_member.choice.{workspace.id}").select(camille.id).run()
    app.selectbox(key=f"settings.member.role.{camille.id}").select("editor")
    app.button(key=f"settings.member.save_role.{camille.id}").click().run()
    assert app.success[0].value == "« Camille Martin » est maintenant éditeur·rice."
    app.text_input(key=f"settings.member.password.{camille.id}").input("a brand new passphrase")
    app.button(key=f"settings.member.reset_password.{camille.id}").click().run()
    assert not app.error and "sessions sont fermées" in app.success[0].value
    assert app.text_input(key=f"settings.member.password.{camille.id}").value == ""
    app.button(key=f"settings.member.remove.{camille.id}").click().run()
    assert not app.exception and not app.error
    assert "Camille Martin" not in set(_members_table(app)["Nom"])
    with Session(engine) as session:
        saved = session.get(User, camille.id)
        assert saved.role == "editor" and saved.is_active
        assert authenticate("camille@atelier-lumen.example", "a brand new passphrase", session=session)
        assert not is_member(saved, workspace.id, session=session)
