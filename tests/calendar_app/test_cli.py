"""The ``edito`` command as a user runs it: exit codes, one-line errors, nothing written on failure."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from calendar_app.db import database_revisions, make_engine, upgrade

EDITO = Path(sys.executable).with_name("edito")


def run_edito(*args: str, database_url: str | None = None, data_dir: Path | None = None):
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "EDITO_DATABASE_URL"}}
    if database_url:
        env["DATABASE_URL"] = database_url
    if data_dir:
        env["EDITO_DATA_DIR"] = str(data_dir)
    return subprocess.run([str(EDITO), *args], capture_output=True, text=True, env=env, timeout=120)


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_version_and_help_list_every_command():
    assert run_edito("--version").stdout.startswith("edito ")
    help_text = run_edito("--help").stdout
    for command in ("app", "db", "demo"):
        assert command in help_text


def test_upgrade_then_demo_twice_on_both_databases(database_url):
    first = run_edito("db", "upgrade", database_url=database_url)
    assert first.returncode == 0 and first.stdout.startswith("Upgraded")
    assert run_edito("db", "upgrade", database_url=database_url).stdout.startswith("Already up to date")
    seeded = run_edito("demo", database_url=database_url)
    assert seeded.returncode == 0 and "posts created" in seeded.stdout
    again = run_edito("demo", database_url=database_url)
    assert again.returncode == 0 and "already there" in again.stdout and "posts created" not in again.stdout
    engine = make_engine(database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM workspace")).scalar() == 2
    engine.dispose()


def test_the_default_database_is_created_in_the_user_data_directory(tmp_path):
    result = run_edito("db", "upgrade", data_dir=tmp_path / "home-data")
    assert result.returncode == 0
    assert (tmp_path / "home-data" / "edito.db").exists()


@pytest.mark.parametrize(
    ("url", "fragments"),
    [
        ("mysql://root@localhost/edito", ["DATABASE_URL", "mysql", "not supported"]),
        ("::garbage::", ["DATABASE_URL", "not a database URL"]),
        ("postgresql+psycopg://edito@127.0.0.1:9/edito", ["Cannot reach the database", "127.0.0.1:9"]),
    ],
)
def test_unusable_databases_give_one_clear_line(url, fragments, tmp_path):
    result = run_edito("demo", database_url=url, data_dir=tmp_path / "data")
    assert_one_line_error(result, *fragments)
    assert not (tmp_path / "data").exists()


def test_a_newer_schema_is_refused_and_nothing_is_written(database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed'"))
    result = run_edito("demo", database_url=database_url)
    assert_one_line_error(result, "newer Edito")
    assert database_revisions(engine) == {"f00dfeed"}
    with engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM workspace")).scalar() == 0
    engine.dispose()


def test_unknown_commands_are_usage_errors():
    result = run_edito("frobnicate")
    assert result.returncode == 2
    assert "No such command" in result.stderr
