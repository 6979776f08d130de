"""The review page run headless with AppTest on the demo database: approve, blocked then overridden,
changes requested, and a writer refused by the service."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

import calendar_app
from calendar_app.db import session_scope
from calendar_app.models import (
    AuditEvent,
    Channel,
    Post,
    PostCreate,
    PostStatus,
    User,
    Workspace,
)
from calendar_app.services.posts import create_post
from calendar_app.services.reviews import submit_for_review

PAGE = Path(calendar_app.__file__).parent / "views" / "review.py"
CLEAN = "Collaboration commerciale avec Maison Verdier : leur box cocooning, on l'adore et vous ?"
UNDISCLOSED = "Merci à @maisonverdier pour cette box cocooning, je l'adore !"


def _user(session: Session, name: str) -> User:
    return session.exec(select(User).where(User.name == name)).one()


def _submitted_post(session: Session, title: str, body: str) -> int:
    workspace = session.exec(select(Workspace).where(Workspace.name == "Atelier Lumen")).one()
    channel = session.exec(select(Channel).where(Channel.workspace_id == workspace.id,
                                                 Channel.platform == "instagram")).one()
    writer = _user(session, "Camille Martin")
    post = create_post(PostCreate(channel_id=channel.id, title=title, body=body, objective="awareness",
                                  sponsorship="paid", partner="Maison Verdier",
                                  scheduled_at=datetime.now(UTC) + timedelta(days=2), author_id=writer.id),
                       session=session, actor_id=writer.id)
    return submit_for_review(post.id, expected_version=post.version, user=writer, session=session).id


@pytest.fixture
def review(demo_engine):
    engine = demo_engine
    with session_scope(engine) as session:
        clean = _submitted_post(session, "Box cocooning (annoncée)", CLEAN)
        blocked = _submitted_post(session, "Box cocooning (cachée)", UNDISCLOSED)
        ids = {name: _user(session, name).id for name in ("Camille Martin", "Hugo Bernard")}

    def open_as(name: str) -> AppTest:
        app = AppTest.from_file(str(PAGE), default_timeout=60)
        app.session_state["app.user_id"] = ids[name]
        return app.run()

    return open_as, engine, clean, blocked


def _status(engine, post_id: int) -> str:
    with Session(engine) as session:
        return session.get(Post, post_id).status


def test_the_queue_shows_each_post_with_its_channel_day_author_and_highlighted_findings(review):
    open_as, engine, _, blocked = review
    app = open_as("Hugo Bernard")
    assert not app.exception
    assert app.title[0].value == "Relecture"
    headings = [_plain(element.value) for element in app.get("subheader")]
    assert "Box cocooning (annoncée)" in headings and "Box cocooning (cachée)" in headings
    captions = " ".join(caption.value for caption in app.caption)
    assert "Instagram" in captions and "par Camille Martin" in captions and f"n°{blocked}" in captions
    with Session(engine) as session:
        scheduled = session.get(Post, blocked).scheduled_at.astimezone(ZoneInfo("Europe/Paris"))
    assert f"{scheduled:%d/%m} {scheduled:%H:%M}" in captions  # the day and time in the brand's timezone
    shown = " ".join(element.value for element in app.markdown)
    assert "SPO002" in shown and "<mark" in shown


def test_an_editor_approves_a_clean_post(review):
    open_as, engine, clean, _ = review
    app = open_as("Hugo Bernard")
    app.button(key=f"review.approve.{clean}").click().run()
    assert not app.exception and not app.error
    assert _status(engine, clean) == PostStatus.APPROVED
    assert app.toast and "validée" in app.toast[0].value
    assert "Box cocooning (annoncée)" not in [element.value for element in app.get("subheader")]


def test_a_blocked_approval_shows_the_codes_and_needs_a_reason_to_override(review):
    open_as, engine, _, blocked = review
    app = open_as("Hugo Bernard")
    app.button(key=f"review.approve.{blocked}").click().run()
    assert _status(engine, blocked) == PostStatus.IN_REVIEW
    assert any("SPO002" in warning.value for warning in app.warning)
    assert any("SPO002" in error.value for error in app.error)

    app.button(key=f"review.override.{blocked}").click().run()  # no reason: refused
    assert _status(engine, blocked) == PostStatus.IN_REVIEW
    assert any("raison" in error.value for error in app.error)

    app.text_area(key=f"review.reason.{blocked}").input("Mention validée par le juridique du partenaire").run()
    app.button(key=f"review.override.{blocked}").click().run()
    assert not app.exception
    assert _status(engine, blocked) == PostStatus.APPROVED
    assert app.toast and "validée" in app.toast[0].value
    with Session(engine) as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.entity_id == blocked, AuditEvent.action == "status")
                             .order_by(AuditEvent.id.desc())).first()
    assert event.after["override_reason"] == "Mention validée par le juridique du partenaire"
    assert event.after["overridden"] == ["SPO002"]


def test_an_editor_requests_changes_with_a_comment(review):
    open_as, engine, clean, _ = review
    app = open_as("Hugo Bernard")
    app.button(key=f"review.request.{clean}").click().run()  # an empty comment is refused by the service
    assert _status(engine, clean) == PostStatus.IN_REVIEW
    assert app.error and "comment" in app.error[0].value
    app.text_area(key=f"review.comment.{clean}").input("Ajoutez le lien vers la box.").run()
    app.button(key=f"review.request.{clean}").click().run()
    assert _status(engine, clean) == PostStatus.CHANGES_REQUESTED
    assert app.toast and "Modifications demandées" in app.toast[0].value


def test_a_writer_reads_the_queue_without_buttons_they_cannot_use(review):
    open_as, engine, clean, _ = review
    app = open_as("Camille Martin")
    assert not app.exception
    assert "Box cocooning (annoncée)" in [_plain(element.value) for element in app.get("subheader")]
    keys = {button.key for button in app.button}
    assert not any(key.startswith(("review.approve.", "review.request.")) for key in keys)
    assert not [area for area in app.text_area if area.key.startswith("review.comment.")]
    assert any("Seuls les éditeurs et les admins" in info.value for info in app.info)
    assert _status(engine, clean) == PostStatus.IN_REVIEW


def test_the_card_shows_what_is_approved_besides_the_text_and_opens_the_post(review):
    open_as, engine, clean, _ = review
    with session_scope(engine) as session:
        post = session.get(Post, clean)
        post.link = "https://atelier.example/box"
        session.add(post)
    app = open_as("Hugo Bernard")
    details = [_plain(caption.value) for caption in app.caption if "atelier.example/box" in _plain(caption.value)]
    assert details == ["Partenariat : Rémunéré (Maison Verdier) · Objectif : Notoriété · "
                       "Lien : https://atelier.example/box · Campagne : —"]
    links = [link for link in app.get("page_link") if link.proto.label == "Ouvrir la publication"]
    assert len(links) == len(app.get("subheader"))  # one per card
    assert any(f"post={clean}" in str(link.proto) for link in links)


def test_findings_of_one_rule_are_grouped_in_one_card(review):
    open_as, engine, _, _ = review
    sentence = ("notre atelier a passé tout le mois de novembre à tester des dizaines de tissus différents avec "
                "nos clientes les plus fidèles pour trouver celui qui résiste au lavage sans perdre sa douceur "
                "ni sa couleur au fil des saisons")
    body = f"Collaboration commerciale avec Maison Verdier : {sentence}. Et {sentence}. Et vous, lequel ?"
    with session_scope(engine) as session:
        long_one = _submitted_post(session, "Deux longues phrases", body)
    app = open_as("Hugo Bernard")
    headers = [element.value for element in app.markdown if "CHN006" in element.value]
    assert len(headers) == 1 and "×2" in headers[0]
    assert long_one


def _plain(markdown: str) -> str:
    """A heading as the reader sees it: the page escapes Markdown characters of post titles."""
    return re.sub(r"\\(.)", r"\1", markdown)
