"""The calendar page run headless with Streamlit's AppTest on a seeded database."""

from datetime import date, timedelta
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import calendar_app
from calendar_app.db import make_engine, session_scope, upgrade
from calendar_app.demo import seed_demo
from calendar_app.settings import get_settings

PAGE = Path(calendar_app.__file__).parent / "views" / "calendar.py"


@pytest.fixture
def app_database(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'page.db'}"
    monkeypatch.setenv("EDITO_DATABASE_URL", url)
    get_settings.cache_clear()
    st.cache_resource.clear()
    yield url
    st.cache_resource.clear()


def test_an_empty_database_invites_to_create_a_brand(app_database):
    page = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert not page.exception
    assert "edito demo" in page.info[0].value


def test_the_calendar_lists_the_brands_posts_in_its_language(app_database):
    engine = make_engine(app_database)
    upgrade(engine)
    with session_scope(engine) as session:
        seed_demo(session=session, today=date.today())
    page = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert not page.exception
    assert page.title[0].value == "Calendrier · Atelier Lumen"
    table = page.dataframe[0].value
    assert {"Jour", "Heure", "Canal", "Titre", "Statut"} <= set(table.columns)
    assert "Soldes d'hiver" in set(table["Titre"])
    assert "Publiée" in set(table["Statut"])

    page.sidebar.selectbox[0].select_index(1).run()
    assert page.title[0].value == "Calendar · Northwind Roasters"
    assert "Published" in set(page.dataframe[0].value["Status"])

    page.sidebar.date_input[0].set_value(date.today() + timedelta(days=400)).run()
    assert page.info[0].value == "No posts in this period."
