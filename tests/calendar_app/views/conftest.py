"""Fixtures for running page files with Streamlit's AppTest on a database of their own."""

from datetime import date

import pytest
import streamlit as st

from calendar_app.db import make_engine, session_scope, upgrade
from calendar_app.demo import seed_demo
from calendar_app.settings import get_settings


@pytest.fixture
def app_database(monkeypatch, tmp_path):
    """An empty SQLite database that the pages (through calendar_app.resources) will open."""
    url = f"sqlite:///{tmp_path / 'page.db'}"
    monkeypatch.setenv("EDITO_DATABASE_URL", url)
    get_settings.cache_clear()
    st.cache_resource.clear()
    yield url
    st.cache_resource.clear()


@pytest.fixture
def demo_engine(app_database):
    """That database migrated and seeded with the demo brands, a month of posts around today."""
    engine = make_engine(app_database)
    upgrade(engine)
    with session_scope(engine) as session:
        seed_demo(session=session, today=date.today())
    yield engine
    engine.dispose()
