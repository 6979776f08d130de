"""The one engine, its sessions, and the schema migrations (Alembic)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlmodel import Session

from calendar_app.errors import (
    ConfigurationError,
    DatabaseUnavailableError,
    SchemaTooNewError,
)
from calendar_app.settings import Settings, get_settings

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000
SUPPORTED = "sqlite:///PATH or postgresql+psycopg://USER@HOST:PORT/DATABASE"


def parse_database_url(raw: str) -> URL:
    """Parse and normalise a database URL, or raise ConfigurationError naming what is wrong."""
    try:
        url = make_url(raw.strip())
    except ArgumentError:
        raise ConfigurationError(f"DATABASE_URL {raw!r} is not a database URL; expected {SUPPORTED}.") from None
    backend = url.get_backend_name()
    if backend == "postgresql":
        if url.get_driver_name() not in {"psycopg", "psycopg2"}:
            raise ConfigurationError(f"DATABASE_URL driver {url.drivername!r} is not supported; use postgresql+psycopg://…")
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return url
    raise ConfigurationError(f"DATABASE_URL scheme {url.drivername!r} is not supported; expected {SUPPORTED}.")


def _sqlite_file(url: URL) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def _enable_sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # SQLite's lower() folds ASCII letters only, and SQLAlchemy's ilike() is lower(x) LIKE lower(y) there:
    # a Unicode lower() makes a search for 'FÊTE' find 'Fête', as PostgreSQL's ILIKE does.
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def _begin_before_first_savepoint(connection, _name) -> None:
    """pysqlite begins a transaction only before an INSERT, UPDATE or DELETE: a SAVEPOINT written first
    would run outside any transaction, and releasing it would commit what a later rollback must undo.
    Begin the transaction first (reads before it stay outside, as pysqlite does, so they lock nothing)."""
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN")


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


def make_engine(raw_url: str, *, create_missing_dir: bool = False) -> Engine:
    """Create the engine for a DATABASE_URL: SQLite in WAL mode with a busy timeout, or PostgreSQL."""
    url = parse_database_url(raw_url)
    if url.get_backend_name() == "sqlite":
        path = _sqlite_file(url)
        if path is not None and not path.parent.exists():
            if not create_missing_dir:
                raise ConfigurationError(f"DATABASE_URL points into {path.parent}, which does not exist.")
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        )
        event.listen(engine, "connect", _enable_sqlite_pragmas)
        event.listen(engine, "savepoint", _begin_before_first_savepoint)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    except (ArgumentError, NoSuchModuleError) as error:
        raise ConfigurationError(f"DATABASE_URL is not usable: {error}.") from None


def engine_from_settings(settings: Settings | None = None) -> Engine:
    settings = settings or get_settings()
    return make_engine(settings.effective_database_url, create_missing_dir=settings.uses_default_database)


def describe(engine: Engine) -> str:
    """The database's address with any password hidden, for messages."""
    return engine.url.render_as_string(hide_password=True)


def check_connection(engine: Engine) -> None:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise DatabaseUnavailableError(f"Cannot reach the database at {describe(engine)}: {reason}") from None


def alembic_config(engine: Engine) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def code_head() -> str:
    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()


def database_revisions(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def ensure_schema_not_newer(engine: Engine) -> None:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    known = {revision.revision for revision in script.walk_revisions()}
    unknown = database_revisions(engine) - known
    if unknown:
        raise SchemaTooNewError(
            f"The database at {describe(engine)} has schema revision {', '.join(sorted(unknown))}, "
            "made by a newer Edito than this one; upgrade Edito before using it."
        )


def upgrade(engine: Engine) -> bool:
    """Migrate the schema to this code's head. Returns True when something was applied."""
    check_connection(engine)
    ensure_schema_not_newer(engine)
    if database_revisions(engine) == {code_head()}:
        return False
    command.upgrade(alembic_config(engine), "head")
    return True


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error (all-or-nothing)."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
