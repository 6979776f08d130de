"""The trash page run headless with AppTest on the demo: deleted posts listed with who deleted them, restored."""

from pathlib import Path

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

import calendar_app
from calendar_app.db import session_scope
from calendar_app.models import Post, User, Workspace
from calendar_app.services import posts

PAGE = Path(calendar_app.__file__).parent / "views" / "trash.py"


@pytest.fixture
def demo(demo_engine):
    """The seeded demo database (shared fixtures in conftest.py)."""
    return demo_engine


def _delete_two_posts(engine) -> tuple[Post, Post, str]:
    with session_scope(engine) as session:
        lumen = session.exec(select(Workspace).where(Workspace.name == "Atelier Lumen")).one()
        hugo = session.exec(select(User).where(User.name == "Hugo Bernard")).one()
        older, newer = session.exec(select(Post).where(Post.workspace_id == lumen.id,
                                                       Post.title != "").order_by(Post.id).limit(2)).all()
        for post in (older, newer):
            posts.delete_post(post.id, expected_version=post.version, session=session, actor_id=hugo.id)
        return older, newer, hugo.name


def test_an_empty_trash_says_so(demo):
    app = AppTest.from_file(str(PAGE), default_timeout=60).run()
    assert not app.exception
    assert app.title[0].value == "Corbeille · Atelier Lumen"
    assert app.info[0].value == "La corbeille est vide."


def test_deleted_posts_are_listed_newest_first_and_restore_brings_one_back(demo):
    older, newer, deleter = _delete_two_posts(demo)
    with Session(demo) as session:
        editor_id = session.exec(select(User).where(User.name == deleter)).one().id
    app = AppTest.from_file(str(PAGE), default_timeout=60)
    app.session_state["app.user_id"] = editor_id  # writers may restore only their own posts
    app.run()
    assert not app.exception
    assert [button.key for button in app.button] == [f"trash.restore.{newer.id}", f"trash.restore.{older.id}"]
    assert [text.value for text in app.text] == [newer.title, older.title]
    assert all(f"Supprimée par {deleter} le" in caption.value for caption in app.caption[1:])

    app.button(key=f"trash.restore.{older.id}").click().run()
    assert not app.exception
    assert [toast.value for toast in app.toast] == [f"« {older.title} » est de retour dans le calendrier."]
    assert [button.key for button in app.button] == [f"trash.restore.{newer.id}"]
    with Session(demo) as session:
        assert session.get(Post, older.id).deleted_at is None
        assert session.get(Post, newer.id).deleted_at is not None
        visible = {post.id for post in posts.list_posts(older.workspace_id, session=session)}
    assert older.id in visible and newer.id not in visible
