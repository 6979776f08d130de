"""``edito backup`` and ``edito restore``: identical rows after a round trip (also from SQLite to PostgreSQL and
back), consistent snapshots while the app writes, all-or-nothing restores, and one-line errors."""

from __future__ import annotations

import json
import re
import threading
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, select, text
from sqlmodel import SQLModel

from calendar_app.backup import (
    BackupError,
    InvalidBackupError,
    RestoreError,
    TargetNotEmptyError,
    create_backup,
    restore_backup,
)
from calendar_app.db import alembic_config, code_head, make_engine, session_scope, upgrade
from calendar_app.demo import seed_demo
from calendar_app.errors import SchemaTooNewError
from calendar_app.models import CheckResult, Post, PostCreate, User
from calendar_app.services import auth
from calendar_app.services.posts import create_post, delete_post
from tests.calendar_app.helpers import make_channel, make_post, make_workspace
from tests.calendar_app.test_cli import assert_one_line_error, run_edito

TABLES = [table.name for table in SQLModel.metadata.sorted_tables]
LAST = TABLES[-1]
CORE_TABLES = ["check_result", "user", "workspace", "audit_event", "campaign", "channel", "post"]


# --- helpers --------------------------------------------------------------------------------------


def new_url(request, tmp_path: Path, backend: str, name: str) -> str:
    """A URL to a new, empty (not migrated) database of the given kind."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / f'{name}.db'}"
    return request.getfixturevalue("postgres_schemas").new_url()


@pytest.fixture
def fresh_db(request, tmp_path) -> Iterator[Callable[[str], Engine]]:
    """``fresh_db(backend)``: an engine on a new, empty, unmigrated database (disposed at the end)."""
    engines: list[Engine] = []

    def make(backend: str) -> Engine:
        engines.append(make_engine(new_url(request, tmp_path, backend, f"fresh-{len(engines)}")))
        return engines[-1]

    yield make
    for engine in engines:
        engine.dispose()


def seed(engine: Engine) -> None:
    """The demo, plus what it lacks: stored findings (JSON list, text keys) and a post in the trash."""
    with session_scope(engine) as session:
        seed_demo(session=session, today=date(2026, 11, 23))
        for digest, ruleset in [("ab" * 32, "2026.1"), ("AB" * 32, "2026-1"), ("0f" * 32, "2026.1")]:
            session.add(CheckResult(content_hash=digest, ruleset_version=ruleset,
                                    findings=[{"code": "COM003", "line": 7, "message": "« Dernière chance »"}],
                                    checked_at=datetime(2026, 11, 23, 9, 30, 0, 123456, tzinfo=UTC)))
    with session_scope(engine) as session:
        post = session.exec(select(Post).order_by(Post.id)).first()[0]
        delete_post(post.id, expected_version=post.version, session=session)


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory) -> Path:
    """A backup of the seeded demo, made once (from SQLite: the format does not depend on the backend)."""
    folder = tmp_path_factory.mktemp("demo-backup")
    source = make_engine(f"sqlite:///{folder / 'demo.db'}")
    upgrade(source)
    seed(source)
    path = create_backup(source, folder / "demo.zip").path
    source.dispose()
    return path


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def jsonl(path: Path) -> dict[str, bytes]:
    """Every table's file, byte for byte (the manifest, with its timestamp, left out)."""
    return {name: data for name, data in members(path).items() if name.endswith(".jsonl")}


def rows(path: Path, table: str) -> list[dict]:
    return [json.loads(line) for line in members(path)[f"{table}.jsonl"].splitlines()]


def manifest(path: Path) -> dict:
    return json.loads(members(path)["manifest.json"])


def rewrite(source: Path, target: Path, *, manifest_change=None, files: dict | None = None,
            drop: tuple[str, ...] = ()) -> Path:
    """A copy of a backup with the manifest and some files changed (``files``: name → bytes → bytes)."""
    contents = members(source)
    data = json.loads(contents["manifest.json"])
    if manifest_change:
        manifest_change(data)
    contents["manifest.json"] = json.dumps(data).encode()
    for name, change in (files or {}).items():
        contents[name] = change(contents[name])
    with zipfile.ZipFile(target, "w") as archive:
        for name, content in contents.items():
            if name not in drop:
                archive.writestr(name, content)
    return target


def count(engine: Engine, table: str, where: str = "") -> int:
    with engine.connect() as connection:
        return connection.execute(text(f'SELECT COUNT(*) FROM "{table}" {where}')).scalar_one()


# --- 1. round trips -------------------------------------------------------------------------------


def test_backup_restore_backup_gives_identical_rows(engine, fresh_db, tmp_path):
    seed(engine)
    first = create_backup(engine, tmp_path / "first.zip")
    assert first.manifest["schema_revision"] == code_head()
    assert first.manifest["backend"] == engine.dialect.name
    assert [entry["name"] for entry in first.manifest["tables"]] == TABLES
    for entry in first.manifest["tables"]:
        assert entry["rows"] == count(engine, entry["name"])
    assert all(count(engine, table) > 0 for table in CORE_TABLES)  # enough to test every kind of column

    target = fresh_db(engine.dialect.name)
    result = restore_backup(target, first.path)
    assert result.rows == {entry["name"]: entry["rows"] for entry in first.manifest["tables"]}
    second = create_backup(target, tmp_path / "second.zip")
    assert jsonl(second.path) == jsonl(first.path)
    # JSON null stays JSON null (not SQL NULL), as the app stores it.
    assert count(target, "audit_event", "WHERE before IS NULL") == count(engine, "audit_event", "WHERE before IS NULL")

    # The ids go on after the restored ones (PostgreSQL's sequences were moved): new rows can be written.
    highest = max(row["id"] for row in rows(first.path, "post"))
    channel_id = rows(first.path, "channel")[0]["id"]
    with session_scope(target) as session:
        post = create_post(PostCreate(channel_id=channel_id, body="Après la restauration"), session=session)
    assert post.id == highest + 1


def test_sign_in_sessions_are_not_backed_up_so_none_comes_back_after_a_restore(engine, fresh_db, tmp_path):
    seed(engine)
    with session_scope(engine) as session:
        hugo = session.scalars(select(User).where(User.email == "hugo@atelier-lumen.example")).one()
        token = auth.start_session(hugo, session=session)
    backup = create_backup(engine, tmp_path / "with-a-session.zip")
    assert count(engine, "user_session") == 1
    assert {entry["name"]: entry["rows"] for entry in backup.manifest["tables"]}["user_session"] == 0
    assert members(backup.path)["user_session.jsonl"] == b""
    target = fresh_db(engine.dialect.name)
    restore_backup(target, backup.path)
    with session_scope(target) as session:
        assert auth.resume_session(token, session=session) is None  # everyone signs in again
        assert auth.authenticate("hugo@atelier-lumen.example", "edito-demo", session=session).name == "Hugo Bernard"


def test_a_sqlite_backup_restores_into_postgresql_and_back(fresh_db, tmp_path):
    sqlite = fresh_db("sqlite")
    upgrade(sqlite)
    seed(sqlite)
    from_sqlite = create_backup(sqlite, tmp_path / "from-sqlite.zip")

    postgres = fresh_db("postgresql")
    restore_backup(postgres, from_sqlite.path)
    from_postgres = create_backup(postgres, tmp_path / "from-postgres.zip")
    assert from_postgres.manifest["backend"] == "postgresql"
    assert jsonl(from_postgres.path) == jsonl(from_sqlite.path)

    back = fresh_db("sqlite")
    restore_backup(back, from_postgres.path)
    assert jsonl(create_backup(back, tmp_path / "back.zip").path) == jsonl(from_sqlite.path)


def has_no_uid(post_rows: list[dict]) -> bool:
    return bool(post_rows) and all("uid" not in row for row in post_rows)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_database_at_an_older_schema_is_backed_up_as_it_is_and_migrated_on_restore(backend, fresh_db, tmp_path):
    source = fresh_db(backend)
    upgrade(source)
    seed(source)
    current = create_backup(source, tmp_path / "current.zip")
    command.downgrade(alembic_config(source), "0001")  # the database as the Edito before post uids left it
    old = create_backup(source, tmp_path / "old.zip")
    assert old.manifest["schema_revision"] == "0001"
    assert has_no_uid(rows(old.path, "post"))
    old_tables = [entry["name"] for entry in old.manifest["tables"]]
    assert "post" in old_tables and set(old_tables) < set(TABLES)

    def same_rows(backup: Path, table: str) -> None:  # equal to today's, on the columns of 0001
        columns = list(rows(old.path, table)[0]) if rows(old.path, table) else []
        assert [{k: row[k] for k in columns} for row in rows(backup, table)] == \
            [{k: row[k] for k in columns} for row in rows(current.path, table)], table

    for table in old_tables:
        same_rows(old.path, table)
    target = fresh_db(backend)
    result = restore_backup(target, old.path)
    assert result.migrated_from == "0001"
    again = create_backup(target, tmp_path / "again.zip")
    assert again.manifest["schema_revision"] == code_head()
    for table in old_tables:
        same_rows(again.path, table)
    restored = rows(again.path, "post")  # the migration 0002 gave every post a uid
    assert len({row["uid"] for row in restored}) == len(restored) == len(rows(current.path, "post"))
    assert all(row["uid"] for row in restored)
    with session_scope(target) as session:  # the restored, migrated database is usable
        create_post(PostCreate(channel_id=rows(current.path, "channel")[0]["id"], body="Après"), session=session)


def test_a_database_without_a_schema_is_not_backed_up_and_no_file_is_left(fresh_db, tmp_path):
    empty = fresh_db("sqlite")
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(BackupError, match="There is no database at"):
        create_backup(empty, folder / "b.zip")
    assert not Path(empty.url.database).exists()  # a backup does not create the database it did not find
    with empty.connect():
        pass  # now the file exists, without tables
    with pytest.raises(BackupError, match="no Edito schema yet"):
        create_backup(empty, folder / "b.zip")
    assert list(folder.iterdir()) == []


# --- 2. consistent while the app writes ------------------------------------------------------------


def test_backups_taken_while_posts_are_being_written_are_consistent_snapshots(engine, tmp_path):
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA database_list").first()[2]  # a file, not :memory:
    with session_scope(engine) as session:
        channel = make_channel(session, make_workspace(session))
    committed = 0
    changed = threading.Condition()
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        nonlocal committed
        try:
            while not stop.is_set():
                with session_scope(engine) as session:  # one committed transaction: the post and its audit event
                    create_post(PostCreate(channel_id=channel.id, body=f"Post {committed}"), session=session)
                with changed:
                    committed += 1
                    changed.notify_all()
        except BaseException as error:  # reported by the test below
            errors.append(error)
            with changed:
                changed.notify_all()

    def a_post_commits_meanwhile(_table: str, _done: int, _total: int) -> None:
        # Called by the backup, inside its read transaction, before each table: wait until the writer has
        # committed another post, so that every table is read after a commit the backup must not see.
        with changed:
            seen = committed
            assert changed.wait_for(lambda: committed > seen or errors, timeout=60), "the writer is stuck"

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        with changed:
            assert changed.wait_for(lambda: committed >= 3 or errors, timeout=60)
        backups = [create_backup(engine, tmp_path / f"while-{n}.zip", progress=a_post_commits_meanwhile)
                   for n in range(4)]
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not errors, errors
    assert not thread.is_alive()

    previous = None
    for backup in backups:
        posts = {row["id"] for row in rows(backup.path, "post")}
        events = [row for row in rows(backup.path, "audit_event") if row["entity"] == "post"]
        assert {event["entity_id"] for event in events if event["action"] == "create"} == posts
        assert len(events) == len(posts)  # no event of a post the backup does not have
        counts = {entry["name"]: entry["rows"] for entry in backup.manifest["tables"]}
        assert counts["post"] == len(posts)
        if previous is not None:
            # At least one commit per table happened during the previous backup, after its snapshot.
            assert counts["post"] >= previous["post"] + len(TABLES)
            assert counts["audit_event"] >= previous["audit_event"] + len(TABLES)
        previous = counts
    assert count(engine, "post") > previous["post"]  # the last backup, too, missed the posts written during it


# --- 3. a database with data --------------------------------------------------------------------


def test_restore_refuses_a_database_with_data_and_replaces_it_with_force(engine, demo_backup, tmp_path):
    with session_scope(engine) as session:
        make_post(session, make_channel(session, make_workspace(session, "Autre marque")), body="Déjà là")
    before = create_backup(engine, tmp_path / "before.zip")

    with pytest.raises(TargetNotEmptyError, match="not empty.*--force") as refused:
        restore_backup(engine, demo_backup)
    assert "\n" not in str(refused.value)
    assert jsonl(create_backup(engine, tmp_path / "after-refusal.zip").path) == jsonl(before.path)

    result = restore_backup(engine, demo_backup, force=True)
    assert result.replaced
    assert jsonl(create_backup(engine, tmp_path / "replaced.zip").path) == jsonl(demo_backup)
    assert count(engine, "workspace", "WHERE name = 'Autre marque'") == 0


# --- 4. bad archives: one readable error, the database unchanged ---------------------------------


def _truncate_last_line(data: bytes) -> bytes:
    lines = data.splitlines(keepends=True)
    return b"".join(lines[:-1]) + lines[-1][: len(lines[-1]) // 2] + b"\n"


def _duplicate_last_line(data: bytes) -> bytes:
    return data + data.splitlines(keepends=True)[-1]


def _bad_date_on_last_line(data: bytes) -> bytes:
    lines = data.splitlines(keepends=True)
    row = json.loads(lines[-1])
    column = next(name for name, value in row.items() if isinstance(value, str) and re.match(r"\d{4}-\d\d-\d\dT", value))
    row[column] = "demain"
    return b"".join(lines[:-1]) + json.dumps(row).encode() + b"\n"


def _add_one_row(entry_name: str):
    def change(data: dict) -> None:
        for entry in data["tables"]:
            if entry["name"] == entry_name:
                entry["rows"] += 1
    return change


BAD_ARCHIVES = {
    "not a zip": (None, InvalidBackupError, ["is not a zip file"]),
    "no manifest": (dict(drop=("manifest.json",)), InvalidBackupError, ["no manifest.json"]),
    "unknown format version": (dict(manifest_change=lambda m: m.update(format_version=2)), InvalidBackupError,
                               ["format version 2 is unknown", "newer Edito"]),
    "newer schema": (dict(manifest_change=lambda m: m.update(schema_revision="f00dfeed")), SchemaTooNewError,
                     ["schema revision f00dfeed", "newer Edito"]),
    "a table file missing": (dict(drop=(f"{LAST}.jsonl",)), InvalidBackupError,
                             [f"{LAST}.jsonl", "not in the zip"]),
    "a corrupt line in the last table": (dict(files={f"{LAST}.jsonl": _truncate_last_line}), InvalidBackupError,
                                         [f"table {LAST}", "is not valid JSON"]),
    "fewer rows than the manifest says": (
        dict(files={f"{LAST}.jsonl": lambda data: b"".join(data.splitlines(keepends=True)[:-1])}),
        InvalidBackupError, [f"{LAST}.jsonl has", "truncated"]),
    "a row the database refuses, in the last table": (
        dict(files={f"{LAST}.jsonl": _duplicate_last_line}, manifest_change=_add_one_row(LAST)), RestoreError,
        [f"table {LAST} ({LAST}.jsonl), line", "cannot be restored", "Nothing was restored"]),
    "a value that is not a date, in the last table": (
        dict(files={f"{LAST}.jsonl": _bad_date_on_last_line}), RestoreError,
        [f"table {LAST} ({LAST}.jsonl), line", "'demain' is not a date and time"]),
}


@pytest.mark.parametrize("case", list(BAD_ARCHIVES))
def test_a_bad_archive_gives_one_readable_error_and_changes_nothing(case, engine, fresh_db, demo_backup, tmp_path):
    change, error_type, fragments = BAD_ARCHIVES[case]
    bad = tmp_path / "bad.zip"
    if change is None:
        bad.write_text("PK? not really a zip\n")
    else:
        rewrite(demo_backup, bad, **change)
    if case == "a row the database refuses, in the last table":
        expected_line = manifest(demo_backup)["tables"][-1]["rows"] + 1
        fragments = [*fragments, f"line {expected_line} cannot"]

    with session_scope(engine) as session:
        make_post(session, make_channel(session, make_workspace(session, "Autre marque")), body="Déjà là")
    before = create_backup(engine, tmp_path / "before.zip")
    with pytest.raises(error_type) as raised:
        restore_backup(engine, bad, force=True)  # force: even the deletion of the old rows is rolled back
    message = str(raised.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, message
    assert jsonl(create_backup(engine, tmp_path / "after.zip").path) == jsonl(before.path)

    # An empty database stays empty (and, for a bad archive, is not even migrated).
    empty = fresh_db(engine.dialect.name)
    with pytest.raises(error_type):
        restore_backup(empty, bad)
    if error_type is not RestoreError:
        with empty.connect() as connection:
            assert not connection.dialect.has_table(connection, "alembic_version")
    else:
        assert all(count(empty, table) == 0 for table in TABLES)


# --- 5. the real commands -------------------------------------------------------------------------


def test_backup_and_restore_commands(database_url, request, tmp_path):
    assert run_edito("demo", database_url=database_url).returncode == 0
    backend = "sqlite" if database_url.startswith("sqlite") else "postgresql"

    default = run_edito("backup", database_url=database_url)  # the tests run in tmp_path
    assert default.returncode == 0, default.stderr
    written = list(tmp_path.glob("edito-backup-*.zip"))
    assert len(written) == 1 and re.fullmatch(r"edito-backup-\d{8}-\d{6}\.zip", written[0].name)
    assert f"to {written[0].name}: {len(TABLES)} tables" in default.stdout

    folder = tmp_path / "backups"
    folder.mkdir()
    out = folder / "demo.zip"
    done = run_edito("backup", "-o", str(out), database_url=database_url)
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in folder.iterdir()) == ["demo.zip"]  # no temporary file left behind
    assert out.stat().st_mode & 0o077 == 0  # password hashes inside: readable by the owner only
    assert jsonl(out) == jsonl(written[0])

    refused = run_edito("restore", str(out), database_url=database_url)
    assert refused.returncode == 1
    assert_one_line_error(refused, "edito: error:", "is not empty", "--force")
    forced = run_edito("restore", str(out), "--force", database_url=database_url)
    assert forced.returncode == 0, forced.stderr
    assert "Restored" in forced.stdout

    other = new_url(request, tmp_path, backend, "other")
    restored = run_edito("restore", str(out), database_url=other)
    assert restored.returncode == 0, restored.stderr
    other_engine = make_engine(other)
    assert jsonl(create_backup(other_engine, tmp_path / "again.zip").path) == jsonl(out)
    other_engine.dispose()

    not_a_zip = tmp_path / "notes.zip"
    not_a_zip.write_text("hello\n")
    for args, fragments in [
        (("restore", str(not_a_zip)), ["is not a zip file"]),
        (("restore", str(tmp_path / "missing.zip")), ["missing.zip: no such file"]),
        (("backup", "-o", str(tmp_path / "no-such-folder" / "b.zip")), ["Cannot write the backup", "no-such-folder"]),
    ]:
        result = run_edito(*args, database_url=other)
        assert result.returncode == 1
        assert_one_line_error(result, "edito: error:", *fragments)
    assert not (tmp_path / "no-such-folder").exists()
