"""The import / export page on a brand just created (no channel, no member), run headless with AppTest on
SQLite and PostgreSQL: the preview shows the channels to be created and the people kept by their email, an
admin imports, and a scheduler's file can take a channel the import creates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from calendar_app.db import session_scope
from calendar_app.models import Post, WorkspaceCreate
from calendar_app.services.workspaces import create_workspace, list_channels
from tests.calendar_app.views.conftest import pages_on, seeded_demo
from tests.calendar_app.helpers import edito_csv
from tests.calendar_app.views.test_exchange_page import _page, _plain

BRAND = "Studio Neuf"


@pytest.fixture
def fresh_brand(database_url, monkeypatch):
    """The demo (for its admin, Inès Petit) and a brand of its own with nothing in it yet."""
    with pages_on(database_url, monkeypatch), seeded_demo(database_url) as engine:
        with session_scope(engine) as session:
            brand_id = create_workspace(WorkspaceCreate(name=BRAND, timezone="Europe/Paris"), session=session).id
        yield engine, brand_id


def _on_brand(engine, brand_id: int):
    app = _page(engine, as_user="Inès Petit")
    app = app.selectbox(key="app.workspace_id").select(brand_id).run()
    assert not app.exception and app.title[0].value.endswith(BRAND)
    return app


def test_the_preview_shows_the_channels_to_create_and_the_people_kept_by_email(fresh_brand):
    engine, brand_id = fresh_brand
    day = date.today() + timedelta(days=3)
    rows = [{"scheduled_at": f"{day}T10:00:00+01:00", "channel": "Insta Studio", "platform": "instagram",
             "status": "draft", "body": "Premier post", "author": "Lea@Studio.Example",
             "reviewer": "tom@studio.example"},
            {"scheduled_at": f"{day}T12:00:00+01:00", "channel": "Insta Studio", "platform": "instagram",
             "status": "idea", "body": "Deuxième post", "author": "lea@studio.example"}]
    app = _on_brand(engine, brand_id)
    app.file_uploader[0].set_value(("studio.csv", edito_csv(rows), "text/csv")).run()
    assert not app.exception and not app.error
    assert "Insta Studio (instagram)" in _plain(app.warning[0].value)
    assert any("gardées par leur adresse e-mail" in info.value for info in app.info)
    people = app.dataframe[0].value  # the people table comes before the posts to create
    assert list(people["E-mail"]) == ["Lea@Studio.Example", "tom@studio.example"]
    assert list(people["Auteur de"]) == ["2", "0"] and list(people["Relecteur de"]) == ["0", "1"]
    app.button(key="exchange.import.apply").click().run()
    assert not app.exception and not app.error
    with Session(engine) as session:
        assert [channel.display_name for channel in list_channels(brand_id, session=session)] == ["Insta Studio"]
        stored = list(session.exec(select(Post).where(Post.workspace_id == brand_id).order_by(Post.id)))
    assert [(post.author_id, post.author_email, post.reviewer_email) for post in stored] == \
        [(None, "Lea@Studio.Example", "tom@studio.example"), (None, "lea@studio.example", None)]


def test_a_scheduler_file_can_take_a_channel_the_import_creates(fresh_brand):
    engine, brand_id = fresh_brand
    day = date.today() + timedelta(days=5)
    hootsuite = f"{day:%d/%m/%Y} 11:00,Un atelier ouvert samedi,https://studio.example/atelier\n".encode()
    app = _on_brand(engine, brand_id)
    app.file_uploader[0].set_value(("hootsuite.csv", hootsuite, "text/csv")).run()
    assert app.dataframe[0].value["Problème"][0].startswith("pas de canal : ")
    choice = app.selectbox(key=f"exchange.import.channel.{brand_id}")
    assert "Nouveau canal LinkedIn (linkedin)" in choice.options
    choice.select("LinkedIn:linkedin").run()
    assert not app.exception and not app.error
    assert "LinkedIn (linkedin)" in _plain(app.warning[0].value)
    app.button(key="exchange.import.apply").click().run()
    assert not app.exception and not app.error
    with Session(engine) as session:
        (channel,) = list_channels(brand_id, session=session)
        post = session.exec(select(Post).where(Post.workspace_id == brand_id)).one()
    assert (channel.display_name, channel.platform, post.channel_id) == ("LinkedIn", "linkedin", channel.id)
