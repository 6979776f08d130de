"""Engine, migrations and the refusal of unusable databases, on SQLite and PostgreSQL."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from calendar_app.db import (
    code_head,
    database_revisions,
    engine_from_settings,
    make_engine,
    parse_database_url,
    upgrade,
)
from calendar_app.errors import (
    ConfigurationError,
    DatabaseUnavailableError,
    SchemaTooNewError,
)
from calendar_app.settings import Settings


def test_upgrade_creates_every_table_and_is_idempotent(database_url):
    engine = make_engine(database_url)
    assert upgrade(engine) is True
    assert upgrade(engine) is False
    tables = set(inspect(engine).get_table_names())
    assert {table.name for table in SQLModel.metadata.sorted_tables} <= tables
    assert database_revisions(engine) == {code_head()}
    engine.dispose()


def test_migrations_match_the_models(database_url):
    """Autogenerate finds nothing to add: the migrations create exactly what models.py declares."""
    engine = make_engine(database_url)
    upgrade(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    engine.dispose()
    assert differences == []


def test_a_schema_newer_than_the_code_is_refused_and_left_untouched(database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed'"))
    with pytest.raises(SchemaTooNewError, match="newer Edito"):
        upgrade(engine)
    assert database_revisions(engine) == {"f00dfeed"}
    engine.dispose()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("mysql://root@localhost/edito", "scheme 'mysql' is not supported"),
        ("no url at all", "is not a database URL"),
        ("postgresql+asyncpg://u@h/db", "driver"),
    ],
)
def test_unusable_urls_are_named(url, complaint):
    with pytest.raises(ConfigurationError, match=complaint):
        parse_database_url(url)


def test_plain_postgresql_urls_use_psycopg_3():
    assert parse_database_url("postgresql://u@h:5432/db").drivername == "postgresql+psycopg"


def test_an_unreachable_server_is_reported_in_one_sentence():
    engine = make_engine("postgresql+psycopg://edito@127.0.0.1:9/edito")
    with pytest.raises(DatabaseUnavailableError, match=r"Cannot reach the database at .*127\.0\.0\.1:9"):
        upgrade(engine)


def test_a_sqlite_file_in_a_missing_folder_is_refused_without_creating_it(tmp_path):
    missing = tmp_path / "nowhere" / "edito.db"
    with pytest.raises(ConfigurationError, match="does not exist"):
        make_engine(f"sqlite:///{missing}")
    assert not missing.parent.exists()


def test_the_default_database_lives_in_the_per_user_data_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITO_DATA_DIR", str(tmp_path / "user-data"))
    settings = Settings()
    assert settings.uses_default_database
    engine = engine_from_settings(settings)
    upgrade(engine)
    assert Path(engine.url.database) == tmp_path / "user-data" / "edito.db"
    assert (tmp_path / "user-data" / "edito.db").exists()


@pytest.mark.parametrize("variable", ["DATABASE_URL", "EDITO_DATABASE_URL"])
def test_database_url_comes_from_the_environment(monkeypatch, variable):
    monkeypatch.setenv(variable, "postgresql+psycopg://team@db.internal/edito")
    settings = Settings()
    assert settings.effective_database_url == "postgresql+psycopg://team@db.internal/edito"
    assert not settings.uses_default_database


def test_a_rolled_back_transaction_undoes_a_savepoint_that_was_its_first_write(engine):
    """pysqlite would begin no transaction before a SAVEPOINT, so releasing it would commit at once; the
    engine begins every transaction itself, on both databases (all-or-nothing writes)."""
    from sqlmodel import Session, select

    from calendar_app.models import Workspace, WorkspaceCreate
    from calendar_app.services.workspaces import create_workspace

    with Session(engine) as session:
        create_workspace(WorkspaceCreate(name="Savepoint first"), session=session)  # an insert in a savepoint
        create_workspace(WorkspaceCreate(name="Then another"), session=session)
        session.rollback()
    with Session(engine) as session:
        assert session.exec(select(Workspace).where(Workspace.name.in_(["Savepoint first", "Then another"]))).all() == []
