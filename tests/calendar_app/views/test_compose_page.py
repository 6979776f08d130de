"""The compose page run headless with AppTest: live findings, platform counter, highlighting, saving."""

from datetime import date, datetime, time
from pathlib import Path

import pytest
from sqlmodel import Session, func, select
from streamlit.testing.v1 import AppTest

import calendar_app
from calendar_app.components.findings import highlighted_html
from calendar_app.db import session_scope
from calendar_app.models import Channel, Post, PostCreate, PostUpdate, User
from calendar_app.services.posts import create_post, update_post
from checks import Finding, Severity

PAGE = Path(calendar_app.__file__).parent / "views" / "compose.py"
UNDISCLOSED = "Merci à @maisonverdier pour cette box cocooning, je l'adore ! <script>alert(1)</script>"


@pytest.fixture
def page(demo_engine):
    """The compose page opened on the seeded demo database (shared fixtures in conftest.py)."""
    return AppTest.from_file(str(PAGE), default_timeout=60).run(), demo_engine


def test_findings_appear_as_the_text_is_typed_and_the_post_is_saved(page):
    app, engine = page
    assert not app.exception
    assert app.title[0].value == "Rédiger"
    app.selectbox(key="compose.sponsorship").select("paid").run()
    app.text_input(key="compose.partner").input("Maison Verdier").run()
    app.selectbox(key="compose.objective").select("awareness").run()
    app.text_area(key="compose.body").input(UNDISCLOSED).run()
    shown = " ".join(element.value for element in app.markdown)
    assert "SPO002" in shown
    assert "&lt;script&gt;" in shown and "<script>" not in shown  # user text is escaped in the preview
    app.button(key="compose.save").click().run()
    assert app.success and "enregistré" in app.success[0].value
    with Session(engine) as session:
        saved = session.exec(select(Post).where(Post.body == UNDISCLOSED)).one()
    assert (saved.sponsorship, saved.partner, saved.status) == ("paid", "Maison Verdier", "draft")


def test_the_counter_counts_the_platform_way(page):
    app, _ = page
    x_channel = next(option for option in app.selectbox(key="compose.channel").options if option == "X")
    app.selectbox(key="compose.channel").select(x_channel).run()
    app.text_area(key="compose.body").input("Bonjour 👋🏽 https://atelier.example/un/lien/assez/long").run()
    assert "34 / 280" in app.get("progress")[0].proto.text  # 7 + 1 + emoji 2 + 1 + URL 23


def test_highlighting_marks_the_worst_severity_and_escapes_text():
    findings = [Finding("A", "a.b", Severity.WARNING, "m", 0, 5), Finding("B", "b.c", Severity.ERROR, "m", 3, 8)]
    rendered = highlighted_html("<b>ld & more", findings)
    assert rendered.startswith('<mark style="background:#fff1c2">&lt;b&gt;</mark>')
    assert '<mark style="background:#ffd6d6">ld &amp; </mark>' in rendered
    assert rendered.endswith("more")


def _post(engine, post_id: int) -> Post:
    with Session(engine) as session:
        return session.get(Post, post_id)


@pytest.fixture
def stored(page):
    """A draft by the writer Camille Martin, opened on the compose page with ?post=ID, as Camille."""
    _, engine = page
    with session_scope(engine) as session:
        writer = session.exec(select(User).where(User.name == "Camille Martin")).one()
        channel = session.exec(select(Channel).where(Channel.display_name == "Instagram")).first()
        post = create_post(PostCreate(channel_id=channel.id, title="Box d'hiver", body=UNDISCLOSED,
                                      sponsorship="paid", partner="Maison Verdier", objective="awareness",
                                      scheduled_at=datetime(2031, 3, 4, 18, 15), timezone="Europe/Paris",
                                      author_id=writer.id), session=session)
        post_id, writer_id = post.id, writer.id
    app = AppTest.from_file(str(PAGE), default_timeout=60)
    app.query_params["post"] = str(post_id)
    app.session_state["app.user_id"] = writer_id
    return app.run(), engine, post_id


def test_a_post_opens_from_the_address_fills_the_form_saves_and_goes_to_review(stored):
    app, engine, post_id = stored
    assert not app.exception
    assert app.text_input(key="compose.title").value == "Box d'hiver"
    assert app.text_area(key="compose.body").value == UNDISCLOSED
    assert app.text_input(key="compose.partner").value == "Maison Verdier"
    assert (app.selectbox(key="compose.sponsorship").value, app.selectbox(key="compose.objective").value) == (
        "paid", "awareness")
    assert app.date_input(key="compose.day").value == date(2031, 3, 4)
    assert app.time_input(key="compose.time").value == time(18, 15)  # the brand's wall clock, not UTC
    assert f"n°{post_id}" in app.caption[0].value
    assert "SPO002" in " ".join(element.value for element in app.markdown)

    fixed = "Collaboration commerciale avec Maison Verdier : leur box cocooning, on l'adore !"
    app.text_area(key="compose.body").input(fixed).run()
    assert app.button(key="compose.submit").disabled  # unsaved changes are not sent to review
    app.button(key="compose.save").click().run()
    assert not app.error and any("version 2" in success.value for success in app.success)
    saved = _post(engine, post_id)
    assert (saved.body, saved.version, saved.title) == (fixed, 2, "Box d'hiver")
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Post).where(Post.title == "Box d'hiver")).one() == 1

    app.button(key="compose.submit").click().run()
    assert not app.exception and not app.error
    assert _post(engine, post_id).status == "in_review"
    assert app.toast and f"n°{post_id}" in app.toast[0].value


def test_a_stale_save_shows_both_versions_and_overwrites_nothing(stored):
    app, engine, post_id = stored
    with session_scope(engine) as session:  # someone else saves the post after the page read it
        update_post(post_id, PostUpdate(title="Box d'hiver (relue par Hugo)"), expected_version=1, session=session)
    app.text_input(key="compose.title").input("Box d'hiver (ma version)").run()
    app.button(key="compose.save").click().run()
    assert not app.exception
    assert app.error and "changed by someone else" in app.error[0].value
    shown = " ".join(element.value for element in app.text)
    assert "Box d'hiver (relue par Hugo)" in shown and "Box d'hiver (ma version)" in shown
    assert _post(engine, post_id).title == "Box d'hiver (relue par Hugo)"
    assert _post(engine, post_id).version == 2

    app.button(key="compose.reload").click().run()  # discard mine: the form shows the saved version
    assert app.text_input(key="compose.title").value == "Box d'hiver (relue par Hugo)"
    assert not app.error


def test_a_new_post_is_written_by_the_chosen_user_and_can_then_be_submitted(page):
    app, engine = page
    with Session(engine) as session:
        writer = session.exec(select(User).where(User.name == "Camille Martin")).one()
    app.session_state["app.user_id"] = writer.id
    app.text_input(key="compose.title").input("Nouvelle box").run()
    app.text_area(key="compose.body").input("Notre atelier prépare la box d'hiver : qu'aimeriez-vous y trouver ?").run()
    app.button(key="compose.save").click().run()
    with Session(engine) as session:
        post = session.exec(select(Post).where(Post.title == "Nouvelle box")).one()
    assert post.author_id == writer.id
    assert app.query_params["post"] == str(post.id)  # the address now opens this post
    app.button(key="compose.submit").click().run()
    assert _post(engine, post.id).status == "in_review"


def test_a_post_is_adapted_to_another_channel_as_a_linked_version(stored):
    app, engine, post_id = stored
    target = next(option for option in app.selectbox(key="compose.adapt_channel").options if option == "LinkedIn")
    app.selectbox(key="compose.adapt_channel").select(target).run()
    app.button(key="compose.adapt").click().run()
    assert not app.exception and not app.error
    original = _post(engine, post_id)
    with Session(engine) as session:
        versions = session.exec(select(Post).where(Post.group_id == original.group_id)).all()
    copy = next(post for post in versions if post.id != post_id)
    assert len(versions) == 2 and copy.body == original.body and copy.status == "draft"
    assert str(copy.id) in str(app.query_params["post"])  # the page now shows the new version
    assert app.toast and "LinkedIn" in app.toast[0].value


def test_a_post_moved_to_the_trash_is_soft_deleted_and_the_form_starts_afresh(stored):
    app, engine, post_id = stored
    app.button(key="compose.delete").click().run()
    assert not app.exception and not app.error
    assert _post(engine, post_id).deleted_at is not None
    assert app.text_area(key="compose.body").value == ""  # back to a new, empty post
    assert app.toast and f"n°{post_id}" in app.toast[0].value
