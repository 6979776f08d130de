"""The one owner of ``st.cache_resource``: the database engine (migrated once per process)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy import Engine
from sqlmodel import Session

from calendar_app.db import engine_from_settings, session_scope, upgrade
from calendar_app.errors import EditoError


@st.cache_resource(show_spinner="Opening the database…")
def _engine() -> Engine:
    engine = engine_from_settings()
    upgrade(engine)
    return engine


def engine() -> Engine:
    """The shared engine; on a database problem, show it on the page and stop the run."""
    try:
        return _engine()
    except EditoError as error:
        st.error(str(error))
        st.stop()


@contextmanager
def session() -> Iterator[Session]:
    """A unit of work: committed when the block ends, rolled back on error."""
    with session_scope(engine()) as db_session:
        yield db_session
