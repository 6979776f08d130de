"""Backup and restore of the whole database: ``edito backup`` and ``edito restore``.

A backup is one zip file:

- ``manifest.json``: the format (``edito-backup``, version 1), the Edito version, the Alembic schema
  revision, when it was made (UTC), the backend it came from, and each table's file and row count, in
  dependency order;
- one JSON Lines file per table of ``SQLModel.metadata`` (``post.jsonl``…): one row per line, a JSON
  object keyed by column, ordered by primary key. Datetimes are ISO 8601 strings with their offset
  (UTC), dates ``YYYY-MM-DD``, JSON columns as they are. Nothing in it depends on the backend, so a
  SQLite backup restores into PostgreSQL and back.

**Consistency while the app writes.** Every table (and the schema revision) is read in one read
transaction with a snapshot: on SQLite an explicit ``BEGIN`` (in WAL mode a reader sees the database as
of its first read, while writers go on), on PostgreSQL ``REPEATABLE READ, READ ONLY``. A change the app
commits during the backup is wholly in it or wholly out of it (a post and its audit event, say). The
file is written under a temporary name in the target directory (mode 0600: it holds password hashes)
and renamed into place, so a backup is never seen half-written. A backup never migrates the database:
one at an older schema revision is backed up with its own (reflected) tables, so it can be saved before
an upgrade.

**Restore** checks the archive first (a zip, a manifest, a known format version, a schema revision this
Edito knows, every listed file present, every line a JSON object, the row counts), then migrates the
target to this Edito's schema and loads every table in ONE transaction: all rows or none. A non-empty
target is refused unless ``force`` (then its rows are deleted in the same transaction). PostgreSQL's
sequences are moved past the restored ids. A backup made at an older schema revision is first loaded
into a scratch SQLite database created at that revision, migrated to this Edito's head there, and
copied from it; the target only ever sees rows of its own schema.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any

from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    TypeDecorator,
    func,
    inspect,
    literal,
    select,
    text,
)
from sqlalchemy.exc import StatementError
from sqlmodel import SQLModel

import calendar_app.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from calendar_app.db import (
    MIGRATIONS_DIR,
    alembic_config,
    check_connection,
    code_head,
    describe,
    ensure_schema_not_newer,
    make_engine,
    upgrade,
)
from calendar_app.errors import EditoError, SchemaTooNewError

FORMAT = "edito-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
BATCH_ROWS = 1000
# Sign-in sessions are not kept: after a restore everyone signs in again, and no ended session comes back.
NOT_BACKED_UP = frozenset({"user_session"})

Progress = Callable[[str, int, int], None]
"""Called as ``progress(table, rows_done, rows_total)`` when a table starts and after each batch of rows."""


class BackupError(EditoError):
    """A backup could not be made (database not ready, file not writable)."""


class InvalidBackupError(EditoError):
    """The file is not a backup this Edito can restore; nothing was restored."""


class TargetNotEmptyError(EditoError):
    """The target database holds data and ``--force`` was not given; nothing was restored."""


class RestoreError(EditoError):
    """A row could not be restored; the whole restore was rolled back."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: dict[str, Any]

    @property
    def rows(self) -> int:
        return sum(entry["rows"] for entry in self.manifest["tables"])


@dataclass(frozen=True)
class RestoreResult:
    manifest: dict[str, Any]
    rows: dict[str, int]
    replaced: bool
    migrated_from: str | None


def tables() -> list[Table]:
    """Every table of the data model, parents before children."""
    return list(SQLModel.metadata.sorted_tables)


def default_backup_name(now: datetime | None = None) -> str:
    return f"edito-backup-{(now or datetime.now(UTC)):%Y%m%d-%H%M%S}.zip"


def _edito_version() -> str:
    try:
        return version("edito")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "unknown"


def _first_line(error: BaseException) -> str:
    orig = getattr(error, "orig", None)
    message = str(orig if orig is not None else error).strip()
    return message.splitlines()[0] if message else type(error).__name__


def _os_problem(error: OSError) -> str:
    reason = (error.strerror or str(error)).lower()
    return f"{error.filename}: {reason}" if error.filename else reason


# --- values ---------------------------------------------------------------------------------------


def _base_type(column_type):
    while isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    return column_type


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} value {value!r} cannot go into a backup")


def _encode_row(names: list[str], row) -> bytes:
    line = json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False, separators=(",", ":"),
                      default=_json_default)
    return line.encode("utf-8") + b"\n"


def _converter(column: Column, *, sqlite: bool) -> Callable[[Any], Any] | None:
    """How a JSON value from a backup becomes what the DBAPI expects for ``column`` (None: as it is).
    Type decorators are bypassed: the stored form is written directly."""
    base = _base_type(column.type)
    if isinstance(base, DateTime):
        naive = sqlite or not base.timezone

        def to_datetime(value: Any) -> datetime:
            try:
                moment = datetime.fromisoformat(value)
            except (TypeError, ValueError):
                raise ValueError(f"column {column.name!r}: {value!r} is not a date and time") from None
            moment = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
            return moment.replace(tzinfo=None) if naive else moment

        return to_datetime
    if isinstance(base, Date):
        def to_date(value: Any) -> date:
            try:
                return date.fromisoformat(value)
            except (TypeError, ValueError):
                raise ValueError(f"column {column.name!r}: {value!r} is not a date") from None

        return to_date
    return None


def _converters(table: Table, *, sqlite: bool) -> list[tuple[str, Callable[[Any], Any] | None]]:
    return [(column.name, _converter(column, sqlite=sqlite)) for column in table.columns]


def _to_db(converters: list[tuple[str, Callable[[Any], Any] | None]], row: dict[str, Any]) -> dict[str, Any]:
    return {name: row[name] if convert is None or row[name] is None else convert(row[name])
            for name, convert in converters}


def _raw_table(table: Table) -> Table:
    """The same columns with their base types: the values are bound as they are, without the model's
    type decorators (an enumeration value this Edito does not know is restored, not refused)."""
    return Table(table.name, MetaData(), *[Column(column.name, _base_type(column.type)) for column in table.columns])


# --- transactions ---------------------------------------------------------------------------------


def _sqlite_in_transaction(connection: Connection) -> bool:
    return bool(connection.connection.dbapi_connection.in_transaction)


@contextmanager
def _sqlite_transaction(engine: Engine, begin: str, *, commit: bool) -> Iterator[Connection]:
    """A transaction begun with ``begin`` (pysqlite would begin none before a SELECT, and take the write
    lock late): autocommit mode, our own BEGIN; rolled back unless ``commit`` and the block succeeded."""
    with engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.exec_driver_sql(begin)
        try:
            yield connection
            if commit:
                connection.exec_driver_sql("COMMIT")
        finally:
            if _sqlite_in_transaction(connection):
                connection.exec_driver_sql("ROLLBACK")


@contextmanager
def snapshot_connection(engine: Engine) -> Iterator[Connection]:
    """A connection whose reads all see one snapshot of the database, never blocking the app's writes."""
    if engine.dialect.name == "sqlite":
        with _sqlite_transaction(engine, "BEGIN", commit=False) as connection:
            yield connection
        return
    with engine.connect() as connection:
        connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with connection.begin():
            yield connection


@contextmanager
def _write_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction for the whole restore, holding the write lock from the start."""
    if engine.dialect.name == "sqlite":
        with _sqlite_transaction(engine, "BEGIN IMMEDIATE", commit=True) as connection:
            yield connection
        return
    with engine.begin() as connection:
        names = ", ".join(connection.dialect.identifier_preparer.format_table(table) for table in tables())
        connection.exec_driver_sql(f"LOCK TABLE {names} IN EXCLUSIVE MODE")  # readers go on, writers wait
        yield connection


# --- backup ---------------------------------------------------------------------------------------


def _ordered_select(table: Table, dialect_name: str):
    keys = []
    for column in table.primary_key.columns:
        # Byte order for text keys, so both backends list rows in the same order.
        keys.append(column.collate("C") if dialect_name == "postgresql" and isinstance(_base_type(column.type), String)
                    else column)
    return select(table).order_by(*keys)


def _schema(connection: Connection, engine: Engine) -> tuple[str, list[Table]]:
    """The database's schema revision and its tables, parents first: the model's at this Edito's head, the
    database's own (reflected) at an older revision, so a database can be backed up before it is migrated."""
    revisions = set(MigrationContext.configure(connection).get_current_heads())
    if not revisions:
        raise BackupError(f"The database at {describe(engine)} has no Edito schema yet: there is nothing to back up.")
    if revisions == {code_head()}:
        return code_head(), tables()
    known = {revision.revision for revision in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}
    if revisions - known:
        raise SchemaTooNewError(
            f"The database at {describe(engine)} has schema revision {', '.join(sorted(revisions - known))}, "
            "made by a newer Edito than this one; back it up with that Edito.")
    if len(revisions) != 1:  # pragma: no cover - Edito's migrations have a single branch
        raise BackupError(f"The database at {describe(engine)} has several schema revisions: "
                          f"{', '.join(sorted(revisions))}.")
    reflected = MetaData()
    reflected.reflect(bind=connection)
    return revisions.pop(), [table for table in reflected.sorted_tables if table.name != "alembic_version"]


def create_backup(engine: Engine, output: Path | str, *, progress: Progress | None = None) -> BackupResult:
    """Write a consistent snapshot of every table to the zip file ``output`` (replaced atomically).

    The database is not migrated: a database at an older schema revision is backed up as it is (and
    migrated when the backup is restored)."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if database and database != ":memory:" and not database.startswith("file:") \
            and not Path(database).expanduser().exists():
        raise BackupError(f"There is no database at {describe(engine)}: there is nothing to back up.")
    check_connection(engine)
    target = Path(output)
    if target.is_dir():
        target = target / default_backup_name()
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as error:
        raise BackupError(f"Cannot write the backup: {_os_problem(error)}.") from None
    try:
        with os.fdopen(descriptor, "wb") as raw:
            manifest = _write_archive(engine, raw, progress)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, target)
    except OSError as error:
        raise BackupError(f"Cannot write the backup: {_os_problem(error)}.") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return BackupResult(path=target, manifest=manifest)


def _write_archive(engine: Engine, raw: IO[bytes], progress: Progress | None) -> dict[str, Any]:
    entries = []
    with snapshot_connection(engine) as connection, \
            zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        revision, backed_up = _schema(connection, engine)
        started = datetime.now(UTC)
        counts = {table.name: 0 if table.name in NOT_BACKED_UP
                  else connection.execute(select(func.count()).select_from(table)).scalar_one()
                  for table in backed_up}
        total = sum(counts.values())
        done = 0
        for table in backed_up:
            if progress:
                progress(table.name, done, total)
            names = [column.name for column in table.columns]
            written = 0
            member_info = zipfile.ZipInfo(f"{table.name}.jsonl", date_time=started.timetuple()[:6])
            member_info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(member_info, "w", force_zip64=True) as member:
                # A table not backed up is an empty member: the archive still lists every table.
                result = [] if table.name in NOT_BACKED_UP else connection.execute(
                    _ordered_select(table, engine.dialect.name).execution_options(yield_per=BATCH_ROWS)).partitions()
                for rows in result:
                    member.write(b"".join(_encode_row(names, row) for row in rows))
                    written += len(rows)
                    done += len(rows)
                    if progress:
                        progress(table.name, done, total)
            if written != counts[table.name]:  # cannot happen inside one snapshot; never write a torn backup
                raise BackupError(f"Table {table.name} changed while it was read: the backup was not written.")
            entries.append({"name": table.name, "file": f"{table.name}.jsonl", "rows": written})
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "edito_version": _edito_version(),
            "schema_revision": revision,
            "created_at": started.isoformat(timespec="seconds"),
            "backend": engine.dialect.name,
            "tables": entries,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest


# --- reading an archive ---------------------------------------------------------------------------


class BackupArchive:
    """An opened, checked backup file. Use as a context manager."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.name = str(path)
        try:
            self.zip = zipfile.ZipFile(self.path)
        except FileNotFoundError:
            raise InvalidBackupError(f"{self.name}: no such file.") from None
        except zipfile.BadZipFile:
            raise InvalidBackupError(f"{self.name} is not a zip file, so not an Edito backup.") from None
        except OSError as error:
            raise InvalidBackupError(f"Cannot read the backup: {_os_problem(error)}.") from None
        try:
            self.manifest = self._read_manifest()
            self.entries: list[dict[str, Any]] = self.manifest["tables"]
        except BaseException:
            self.zip.close()
            raise

    def __enter__(self) -> BackupArchive:
        return self

    def __exit__(self, *_exc) -> None:
        self.zip.close()

    @property
    def revision(self) -> str:
        return self.manifest["schema_revision"]

    def _bad(self, problem: str) -> InvalidBackupError:
        return InvalidBackupError(f"{self.name}: {problem}; nothing was restored.")

    def _read_manifest(self) -> dict[str, Any]:
        try:
            data = self.zip.read(MANIFEST)
        except KeyError:
            raise self._bad(f"no {MANIFEST} in the zip, so not an Edito backup") from None
        except (zipfile.BadZipFile, OSError) as error:
            raise self._bad(f"{MANIFEST} cannot be read ({error})") from None
        try:
            manifest = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise self._bad(f"{MANIFEST} is not valid JSON ({error})") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise self._bad(f"{MANIFEST} does not describe an Edito backup")
        format_version = manifest.get("format_version")
        if format_version != FORMAT_VERSION:
            newer = isinstance(format_version, int) and not isinstance(format_version, bool) \
                and format_version > FORMAT_VERSION
            raise self._bad(f"backup format version {format_version!r} is unknown (this Edito reads version "
                            f"{FORMAT_VERSION}{'; it was made by a newer Edito' if newer else ''})")
        revision = manifest.get("schema_revision")
        if not isinstance(revision, str) or not revision:
            raise self._bad(f"{MANIFEST} names no schema revision")
        known = {item.revision for item in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}
        if revision not in known:
            raise SchemaTooNewError(
                f"{self.name} has schema revision {revision}, which this Edito does not know: it was made by a "
                "newer Edito; upgrade Edito to restore it. Nothing was restored.")
        entries = manifest.get("tables")
        if not isinstance(entries, list) or not all(
            isinstance(entry, dict) and isinstance(entry.get("name"), str) and isinstance(entry.get("file"), str)
            and isinstance(entry.get("rows"), int) and not isinstance(entry.get("rows"), bool) and entry["rows"] >= 0
            for entry in entries
        ):
            raise self._bad(f"{MANIFEST} has no valid list of tables (name, file, rows)")
        names = [entry["name"] for entry in entries]
        if len(set(names)) != len(names):
            raise self._bad(f"{MANIFEST} lists a table twice")
        present = set(self.zip.namelist())
        for entry in entries:
            if entry["file"] not in present:
                raise self._bad(f"{entry['file']} (table {entry['name']}) is listed in {MANIFEST} but not in the zip")
        return manifest

    def lines(self, entry: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
        """``(line number, row object)`` for each line of a table's file; a bad line raises InvalidBackupError."""
        try:
            with self.zip.open(entry["file"]) as member:
                for number, raw in enumerate(member, start=1):  # split on b"\n" only, as written
                    where = f"table {entry['name']} ({entry['file']}), line {number}"
                    try:
                        row = json.loads(raw.decode("utf-8"))
                    except (UnicodeDecodeError, json.JSONDecodeError) as error:
                        raise self._bad(f"{where} is not valid JSON ({error})") from None
                    if not isinstance(row, dict):
                        raise self._bad(f"{where} is not a JSON object")
                    yield number, row
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise self._bad(f"{entry['file']} cannot be read ({error})") from None

    def check(self) -> None:
        """Read every line once: each is a JSON object, and each file has the rows the manifest says."""
        for entry in self.entries:
            count = sum(1 for _ in self.lines(entry))
            if count != entry["rows"]:
                raise self._bad(f"{entry['file']} has {count} rows where {MANIFEST} says {entry['rows']} "
                                "(the file is truncated or was edited)")


# --- restore --------------------------------------------------------------------------------------


def _decoded(archive: BackupArchive, entry: dict[str, Any], table: Table, *, sqlite: bool
             ) -> Iterator[tuple[str, dict[str, Any]]]:
    names = {column.name for column in table.columns}
    converters = _converters(table, sqlite=sqlite)
    for number, row in archive.lines(entry):
        where = f"table {table.name} ({entry['file']}), line {number}"
        if set(row) != names:
            missing = ", ".join(sorted(names - set(row)))
            unknown = ", ".join(sorted(set(row) - names))
            problems = ([f"missing column(s) {missing}"] if missing else []) + \
                       ([f"unknown column(s) {unknown}"] if unknown else [])
            raise RestoreError(f"{archive.name}: {where}: {'; '.join(problems)}; nothing was restored.")
        try:
            yield where, _to_db(converters, row)
        except ValueError as error:
            raise RestoreError(f"{archive.name}: {where}: {error}; nothing was restored.") from None


def _insert(connection: Connection, table: Table, rows: Iterable[tuple[str, dict[str, Any]]], *, source: str,
            on_batch: Callable[[int], None]) -> int:
    """Insert rows in batches; a failing batch is replayed row by row to name the row that fails."""
    raw = _raw_table(table)
    count = 0
    batch: list[tuple[str, dict[str, Any]]] = []

    def flush() -> None:
        connection.exec_driver_sql("SAVEPOINT edito_restore")
        try:
            connection.execute(raw.insert(), [values for _, values in batch])
        except StatementError:
            connection.exec_driver_sql("ROLLBACK TO SAVEPOINT edito_restore")
            for where, values in batch:
                try:
                    connection.execute(raw.insert(), values)
                except StatementError as error:
                    raise RestoreError(f"{source}: {where} cannot be restored: {_first_line(error)}. "
                                       "Nothing was restored.") from None
            raise
        connection.exec_driver_sql("RELEASE SAVEPOINT edito_restore")
        on_batch(len(batch))

    for item in rows:
        batch.append(item)
        count += 1
        if len(batch) >= BATCH_ROWS:
            flush()
            batch.clear()
    if batch:
        flush()
    return count


def _tables_with_rows(connection: Connection, candidates: Iterable[Table]) -> list[str]:
    return [table.name for table in candidates
            if connection.execute(select(literal(1)).select_from(table).limit(1)).first() is not None]


def _reset_sequences(connection: Connection) -> None:
    preparer = connection.dialect.identifier_preparer
    for table in tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(_base_type(keys[0].type), Integer):
            continue
        name, column = preparer.format_table(table), preparer.quote(keys[0].name)
        connection.execute(
            text(f"SELECT setval(pg_get_serial_sequence(:table, :column), COALESCE(MAX({column}), 1), "
                 f"MAX({column}) IS NOT NULL) FROM {name}"),
            {"table": name, "column": keys[0].name},
        )


def _check_tables(archive: BackupArchive, expected: Iterable[str]) -> None:
    expected, listed = set(expected), {entry["name"] for entry in archive.entries}
    if listed != expected:
        problems = []
        if expected - listed:
            problems.append(f"missing {', '.join(sorted(expected - listed))}")
        if listed - expected:
            problems.append(f"unknown {', '.join(sorted(listed - expected))}")
        raise archive._bad(f"its tables do not match schema revision {archive.revision} ({'; '.join(problems)})")


@contextmanager
def _migrated_scratch(archive: BackupArchive) -> Iterator[Engine]:
    """The backup loaded into a scratch SQLite database at its own revision, then migrated to head."""
    with tempfile.TemporaryDirectory(prefix="edito-restore-") as folder:
        scratch = make_engine(f"sqlite:///{Path(folder) / 'scratch.db'}")
        try:
            command.upgrade(alembic_config(scratch), archive.revision)
            reflected = MetaData()
            reflected.reflect(bind=scratch)
            _check_tables(archive, (name for name in reflected.tables if name != "alembic_version"))
            with _write_transaction(scratch) as connection:
                for entry in archive.entries:
                    table = reflected.tables[entry["name"]]
                    _insert(connection, table, _decoded(archive, entry, table, sqlite=True),
                            source=archive.name, on_batch=lambda _n: None)
            command.upgrade(alembic_config(scratch), "head")
            yield scratch
        finally:
            scratch.dispose()


def _scratch_rows(scratch_connection: Connection, table: Table, *, sqlite: bool
                  ) -> Iterator[tuple[str, dict[str, Any]]]:
    result = scratch_connection.execute(_ordered_select(table, "sqlite").execution_options(yield_per=BATCH_ROWS))
    names = [column.name for column in table.columns]
    converters = _converters(table, sqlite=sqlite)
    number = 0
    for rows in result.partitions():
        for row in rows:
            number += 1
            # As in a backup file (datetimes and dates as ISO text), then as the target stores them.
            values = {name: _json_default(value) if isinstance(value, date) else value
                      for name, value in zip(names, row, strict=True)}
            yield f"table {table.name}, row {number} (migrated from the backup)", _to_db(converters, values)


def restore_backup(engine: Engine, path: Path | str, *, force: bool = False,
                   progress: Progress | None = None) -> RestoreResult:
    """Replace the (empty, or with ``force`` any) database's contents by a backup's: all or nothing."""
    with BackupArchive(path) as archive:
        archive.check()
        migrate = archive.revision != code_head()
        if not migrate:
            _check_tables(archive, (table.name for table in tables()))
        check_connection(engine)
        ensure_schema_not_newer(engine)
        if not force:
            _refuse_if_not_empty(engine)
        with (_migrated_scratch(archive) if migrate else _no_scratch()) as scratch:
            upgrade(engine)
            rows = _load(engine, archive, scratch, force=force, progress=progress)
    return RestoreResult(manifest=archive.manifest, rows=rows, replaced=force,
                         migrated_from=archive.revision if migrate else None)


@contextmanager
def _no_scratch() -> Iterator[None]:
    yield None


def _refuse_if_not_empty(engine: Engine, connection: Connection | None = None) -> None:
    if connection is None:
        present = set(inspect(engine).get_table_names())
        with engine.connect() as reading:
            filled = _tables_with_rows(reading, (table for table in tables() if table.name in present))
    else:
        filled = _tables_with_rows(connection, tables())
    if filled:
        raise TargetNotEmptyError(
            f"The database at {describe(engine)} is not empty (tables {', '.join(filled)} have rows): restore "
            "into an empty database, or add --force to replace everything in it. Nothing was restored.")


def _load(engine: Engine, archive: BackupArchive, scratch: Engine | None, *, force: bool,
          progress: Progress | None) -> dict[str, int]:
    sqlite = engine.dialect.name == "sqlite"
    entries = {entry["name"]: entry for entry in archive.entries}
    total = sum(entry["rows"] for entry in archive.entries)
    done = 0
    counts: dict[str, int] = {}
    with _write_transaction(engine) as connection, \
            (scratch.connect() if scratch is not None else _no_scratch()) as scratch_connection:
        if force:
            for table in reversed(tables()):
                connection.execute(table.delete())
        else:
            _refuse_if_not_empty(engine, connection)  # again, under the lock: nobody wrote in between
        for table in tables():
            if progress:
                progress(table.name, done, total)

            def advance(rows: int, name: str = table.name) -> None:
                nonlocal done
                done += rows
                if progress:
                    progress(name, done, max(total, done))

            source = (_scratch_rows(scratch_connection, table, sqlite=sqlite) if scratch_connection is not None
                      else _decoded(archive, entries[table.name], table, sqlite=sqlite))
            counts[table.name] = _insert(connection, table, source, source=archive.name, on_batch=advance)
        if not sqlite:
            _reset_sequences(connection)
    return counts


__all__ = [
    "BackupArchive", "BackupError", "BackupResult", "InvalidBackupError", "RestoreError", "RestoreResult",
    "TargetNotEmptyError", "create_backup", "default_backup_name", "restore_backup", "snapshot_connection",
    "tables",
]
