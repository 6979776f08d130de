"""Shared fixtures: the same persistence tests run on SQLite and on the real PostgreSQL server.

PostgreSQL is read from ``EDITO_TEST_POSTGRES_URL`` (default: the local server, database ``test``).
Each run works in a schema of its own, dropped at the end. When a system part (PostgreSQL, Chromium…)
is missing, tests skip with the reason, except where ``EDITO_REQUIRE_SYSTEM_DEPS=1`` (set by CI):
there a missing part is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import psycopg
import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, SQLModel

from calendar_app.db import make_engine, parse_database_url, upgrade
from calendar_app.services.auth import sign_in_throttle
from calendar_app.settings import get_settings

POSTGRES_URL = os.environ.get("EDITO_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_SYSTEM_DEPS = os.environ.get("EDITO_REQUIRE_SYSTEM_DEPS") == "1"


def missing_system_part(reason: str) -> None:
    """Skip (with the reason) on a developer machine; fail in CI, where every part must be present."""
    if REQUIRE_SYSTEM_DEPS:
        pytest.fail(f"{reason} (EDITO_REQUIRE_SYSTEM_DEPS=1: CI must not skip this)", pytrace=False)
    pytest.skip(reason)


def _postgres_reachable() -> str | None:
    url = parse_database_url(POSTGRES_URL)
    try:
        psycopg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False),
                        connect_timeout=3).close()
    except psycopg.Error as error:
        return str(error).strip().splitlines()[0]
    return None


class PostgresSchemas:
    """Creates throw-away schemas on the test server, so runs never touch each other's tables."""

    def __init__(self) -> None:
        self.created: list[str] = []
        self._admin = make_engine(POSTGRES_URL)

    def new_url(self) -> str:
        schema = f"edito_test_{uuid.uuid4().hex[:12]}"
        with self._admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        self.created.append(schema)
        separator = "&" if "?" in POSTGRES_URL else "?"
        return f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={schema}')}"

    def drop_all(self) -> None:
        with self._admin.begin() as connection:
            for schema in self.created:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        self._admin.dispose()


@pytest.fixture(scope="session")
def postgres_schemas() -> Iterator[PostgresSchemas]:
    problem = _postgres_reachable()
    if problem:
        missing_system_part(f"PostgreSQL not reachable at {POSTGRES_URL}: {problem}")
    schemas = PostgresSchemas()
    yield schemas
    schemas.drop_all()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """A URL to an empty database of each kind (not migrated)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'edito.db'}"
    return request.getfixturevalue("postgres_schemas").new_url()


@pytest.fixture(scope="session")
def _migrated_engines(tmp_path_factory) -> Iterator[dict[str, Engine]]:
    engines: dict[str, Engine] = {}
    yield engines
    for engine in engines.values():
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, _migrated_engines, tmp_path_factory) -> Iterator[Engine]:
    """A migrated database of each kind, emptied after every test."""
    backend = request.param
    if backend not in _migrated_engines:
        if backend == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'edito.db'}"
        else:
            url = request.getfixturevalue("postgres_schemas").new_url()
        _migrated_engines[backend] = make_engine(url)
        upgrade(_migrated_engines[backend])
    engine = _migrated_engines[backend]
    yield engine
    tables = [table.name for table in reversed(SQLModel.metadata.sorted_tables)]
    with engine.begin() as connection:
        if backend == "postgresql":
            connection.execute(text("TRUNCATE " + ", ".join(f'"{name}"' for name in tables) + " RESTART IDENTITY"))
        else:
            for name in tables:
                connection.execute(text(f'DELETE FROM "{name}"'))


@pytest.fixture
def session(engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as db_session:
        yield db_session


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch, tmp_path) -> Iterator[None]:
    """No test reads or writes the developer's own data directory or .env."""
    monkeypatch.setenv("EDITO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("EDITO_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    sign_in_throttle.clear()  # failed sign-ins of one test do not lock an email out in the next
    yield
    get_settings.cache_clear()
