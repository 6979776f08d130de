"""Fixtures for running page files with Streamlit's AppTest on a database of their own."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
import streamlit as st
from sqlalchemy import Engine

from calendar_app.db import make_engine, session_scope, upgrade
from calendar_app.demo import seed_demo
from calendar_app.settings import get_settings


@contextmanager
def pages_on(url: str, monkeypatch) -> Iterator[str]:
    """Make the pages (through calendar_app.resources) open the database at ``url``."""
    monkeypatch.setenv("EDITO_DATABASE_URL", url)
    get_settings.cache_clear()
    st.cache_resource.clear()
    yield url
    st.cache_resource.clear()


@contextmanager
def seeded_demo(url: str) -> Iterator[Engine]:
    """The database at ``url`` migrated and seeded with the demo brands, a month of posts around today."""
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        seed_demo(session=session, today=date.today())
    yield engine
    engine.dispose()


@pytest.fixture
def app_database(monkeypatch, tmp_path):
    """An empty SQLite database that the pages will open."""
    with pages_on(f"sqlite:///{tmp_path / 'page.db'}", monkeypatch) as url:
        yield url


@pytest.fixture
def demo_engine(app_database):
    """That database with the demo in it."""
    with seeded_demo(app_database) as engine:
        yield engine
