"""``edito user …`` as an administrator runs it, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess

from sqlmodel import Session

from calendar_app.db import make_engine
from calendar_app.services import auth
from tests.calendar_app.test_cli import EDITO, assert_one_line_error, run_edito


def run_with_password(*args: str, password: str, database_url: str):
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "EDITO_DATABASE_URL"}}
    env["DATABASE_URL"] = database_url
    return subprocess.run([str(EDITO), *args, "--password-stdin"], input=password + "\n", capture_output=True,
                          text=True, env=env, timeout=120)


def can_sign_in(database_url: str, email: str, password: str) -> bool:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            auth.authenticate(email, password, session=session)
        return True
    except auth.SignInError:
        return False
    finally:
        engine.dispose()


def test_add_list_passwd_disable(database_url):
    run_edito("demo", database_url=database_url)
    added = run_with_password("user", "add", "Lea@Lumen.example", "--name", "Léa", "--role", "writer",
                              "-w", "Atelier Lumen", password="first-password", database_url=database_url)
    assert added.returncode == 0, added.stderr
    listed = run_edito("user", "list", database_url=database_url).stdout
    assert "lea@lumen.example\tLéa\twriter\tactive\tAtelier Lumen" in listed
    assert can_sign_in(database_url, "lea@lumen.example", "first-password")
    changed = run_with_password("user", "passwd", "lea@lumen.example", password="second-password",
                                database_url=database_url)
    assert changed.returncode == 0
    assert not can_sign_in(database_url, "lea@lumen.example", "first-password")
    assert can_sign_in(database_url, "lea@lumen.example", "second-password")
    assert run_edito("user", "disable", "lea@lumen.example", database_url=database_url).returncode == 0
    assert not can_sign_in(database_url, "lea@lumen.example", "second-password")


def test_bad_input_is_one_line(database_url):
    run_edito("demo", database_url=database_url)
    assert_one_line_error(run_with_password("user", "add", "not-an-email", "--name", "X", password="long-enough",
                                            database_url=database_url), "not an email address")
    assert_one_line_error(run_with_password("user", "add", "x@y.example", "--name", "X", password="elevenchars",
                                            database_url=database_url), "The password needs 12 characters or more")
    assert_one_line_error(run_with_password("user", "passwd", "camille@atelier-lumen.example", password="short",
                                            database_url=database_url), "The password needs 12 characters or more")
    assert_one_line_error(run_edito("user", "disable", "ghost@y.example", database_url=database_url),
                          "No account with the email 'ghost@y.example'")
    assert_one_line_error(run_with_password("user", "add", "x@y.example", "--name", "X", "-w", "Nowhere",
                                            password="long-enough", database_url=database_url),
                          "No brand named 'Nowhere'")


def test_the_last_active_admin_cannot_be_disabled(database_url):
    """The command line follows the app's guard: someone must stay able to manage the team."""
    run_edito("demo", database_url=database_url)
    assert_one_line_error(run_edito("user", "disable", "ines@atelier-lumen.example", database_url=database_url),
                          "Inès Petit is the last active admin")
    assert can_sign_in(database_url, "ines@atelier-lumen.example", "edito-demo")
    added = run_with_password("user", "add", "boss@lumen.example", "--name", "Boss", "--role", "admin",
                              password="a long enough secret", database_url=database_url)
    assert added.returncode == 0, added.stderr
    assert run_edito("user", "disable", "ines@atelier-lumen.example", database_url=database_url).returncode == 0
    assert not can_sign_in(database_url, "ines@atelier-lumen.example", "edito-demo")
    assert_one_line_error(run_edito("user", "access", "boss@lumen.example", "-w", "Atelier Lumen", "--remove",
                                    database_url=database_url), "Boss is an admin and opens every brand")
