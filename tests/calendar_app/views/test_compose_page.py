"""The compose page run headless with AppTest: live findings, platform counter, highlighting, saving."""

from pathlib import Path

import pytest
import streamlit as st
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

import calendar_app
from calendar_app.components.findings import highlighted_html
from calendar_app.db import make_engine, session_scope, upgrade
from calendar_app.demo import seed_demo
from calendar_app.models import Post
from calendar_app.settings import get_settings
from checks import Finding, Severity

PAGE = Path(calendar_app.__file__).parent / "views" / "compose.py"
UNDISCLOSED = "Merci à @maisonverdier pour cette box cocooning, je l'adore ! <script>alert(1)</script>"


@pytest.fixture
def page(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'compose.db'}"
    monkeypatch.setenv("EDITO_DATABASE_URL", url)
    get_settings.cache_clear()
    st.cache_resource.clear()
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        seed_demo(session=session)
    app = AppTest.from_file(str(PAGE), default_timeout=60).run()
    yield app, engine
    st.cache_resource.clear()


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
