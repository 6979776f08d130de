"""``edito workspace …`` as an administrator runs it, on SQLite and PostgreSQL: brands added, listed, renamed,
archived and restored; bad input refused in one line, exit 1, with nothing written."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from calendar_app.db import make_engine
from tests.calendar_app.test_cli import assert_one_line_error, run_edito

ADD_HINT = "create one with `edito workspace add NAME --lang fr --timezone Europe/Paris`"


def state(database_url: str) -> tuple[list[tuple], int]:
    """Every brand as stored (name, language, timezone, voice, target, archived or not) and the audit's size."""
    engine = make_engine(database_url)
    with engine.connect() as connection:
        brands = [tuple(row) for row in connection.execute(text(
            "SELECT name, language, timezone, voice, commercial_target, archived_at IS NOT NULL FROM workspace "
            "ORDER BY id"))]
        events = connection.execute(text("SELECT COUNT(*) FROM audit_event")).scalar()
    engine.dispose()
    return brands, events


def workspace_actions(database_url: str) -> list[str]:
    """The audit trail's actions on brands, oldest first."""
    engine = make_engine(database_url)
    with engine.connect() as connection:
        actions = list(connection.execute(text(
            "SELECT action FROM audit_event WHERE entity = 'workspace' ORDER BY id")).scalars())
    engine.dispose()
    return actions


def test_a_fresh_database_says_how_to_create_a_brand(database_url, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text("scheduled_at,channel,platform,body\n2027-01-12T10:00:00+01:00,Instagram,instagram,Un\n",
                    encoding="utf-8")
    listed = run_edito("workspace", "list", database_url=database_url)
    assert (listed.returncode, listed.stdout) == (0, f"No brand yet: {ADD_HINT}.\n")
    for command in (("import", str(plan)), ("import", "-w", "Atelier Lumen", str(plan)), ("export",)):
        assert_one_line_error(run_edito(*command, database_url=database_url), f"edito: error: No brand yet: {ADD_HINT}.")


def test_add_list_rename_archive_restore(database_url):
    added = run_edito("workspace", "add", "Atelier Lumen", "--lang", "fr", "--timezone", "Europe/Paris",
                      database_url=database_url)
    assert added.returncode == 0, added.stderr
    assert added.stdout == "Created brand 'Atelier Lumen' (fr, Europe/Paris, voice vous, commercial target 0.2).\n"
    assert run_edito("workspace", "add", "Northwind", "--lang", "EN", "--timezone", "America/New_York", "--voice",
                     "neutral", "--commercial-target", "0.25", database_url=database_url).returncode == 0
    listed = run_edito("workspace", "list", database_url=database_url)
    assert listed.stdout.splitlines() == ["Atelier Lumen\tfr\tEurope/Paris\tvous\t0 channels",
                                          "Northwind\ten\tAmerica/New_York\tneutral\t0 channels"]

    renamed = run_edito("workspace", "rename", "northwind", "Northwind Roasters", database_url=database_url)
    assert renamed.stdout == "Renamed 'Northwind' to 'Northwind Roasters'.\n"
    archived = run_edito("workspace", "archive", "NORTHWIND roasters", database_url=database_url)
    assert archived.returncode == 0
    assert archived.stdout == ("Archived 'Northwind Roasters': hidden, nothing deleted (edito workspace restore "
                               "'Northwind Roasters' brings it back).\n")
    hidden = run_edito("workspace", "list", database_url=database_url)
    assert hidden.stdout.splitlines() == ["Atelier Lumen\tfr\tEurope/Paris\tvous\t0 channels"]
    assert "1 archived brand not shown (edito workspace list --archived)." in hidden.stderr
    shown = run_edito("workspace", "list", "--archived", database_url=database_url).stdout.splitlines()
    assert shown[1] == "Northwind Roasters\ten\tAmerica/New_York\tneutral\t0 channels\tarchived"
    # an archived brand is not picked by --workspace, and is the only one left otherwise
    assert_one_line_error(run_edito("export", "-w", "Northwind Roasters", "-o", "-", database_url=database_url),
                          "The brand 'Northwind Roasters' is archived: bring it back with "
                          "`edito workspace restore 'Northwind Roasters'`.")
    assert run_edito("export", "-o", "-", database_url=database_url).returncode == 0  # only Atelier Lumen now
    restored = run_edito("workspace", "restore", "northwind roasters", database_url=database_url)
    assert restored.stdout == "Restored 'Northwind Roasters'.\n"
    assert len(run_edito("workspace", "list", database_url=database_url).stdout.splitlines()) == 2
    assert workspace_actions(database_url) == ["create", "create", "edit", "archive", "restore"]


def test_the_demo_brands_are_listed_with_their_channels(database_url):
    run_edito("demo", database_url=database_url)
    listed = run_edito("workspace", "list", database_url=database_url).stdout.splitlines()
    assert listed == ["Atelier Lumen\tfr\tEurope/Paris\tvous\t6 channels\tdemo",
                      "Northwind Roasters\ten\tAmerica/New_York\tneutral\t5 channels\tdemo"]


BAD_INPUT = [
    (("add", "  ", "--lang", "fr", "--timezone", "Europe/Paris"), "NAME: The workspace name must not be empty"),
    (("add", "atelier LUMEN", "--lang", "fr", "--timezone", "Europe/Paris"),
     "A workspace named 'Atelier Lumen' already exists."),
    (("add", "Old Brand", "--lang", "fr", "--timezone", "Europe/Paris"),
     "An archived workspace is named 'Old brand': restore it"),
    (("add", "Studio", "--lang", "fr", "--timezone", "Europe/Pariss"),
     "--timezone: 'Europe/Pariss' is not an IANA timezone"),
    (("add", "Studio", "--lang", "de", "--timezone", "Europe/Berlin"), "--lang 'de': choose one of fr, en."),
    (("add", "Studio", "--lang", "fr", "--timezone", "Europe/Paris", "--voice", "yo"),
     "--voice 'yo': choose one of tu, vous, neutral."),
    (("add", "Studio", "--lang", "fr", "--timezone", "Europe/Paris", "--commercial-target", "1.5"),
     "--commercial-target: Input should be less than or equal to 1"),
    (("add", "S" * 121, "--lang", "fr", "--timezone", "Europe/Paris"), "NAME: String should have at most 120"),
    (("rename", "Northwind", "ATELIER lumen"), "A workspace named 'Atelier Lumen' already exists."),
    (("rename", "Northwind", " "), "The workspace name must not be empty"),
    (("rename", "Nowhere", "Studio"),
     "No brand named 'Nowhere' (brands: 'Atelier Lumen', 'Northwind', 'Old brand')."),
    (("archive", "Nowhere"), "No brand named 'Nowhere' (brands: 'Atelier Lumen', 'Northwind', 'Old brand')."),
    (("archive", "old brand"), "The brand 'Old brand' is already archived."),
    (("restore", "Northwind"), "The brand 'Northwind' is not archived."),
]


@pytest.fixture
def three_brands(database_url) -> str:
    for name in ("Atelier Lumen", "Northwind", "Old brand"):
        assert run_edito("workspace", "add", name, "--lang", "fr", "--timezone", "Europe/Paris",
                         database_url=database_url).returncode == 0
    assert run_edito("workspace", "archive", "Old brand", database_url=database_url).returncode == 0
    return database_url


def test_bad_input_is_one_line_exit_1_and_writes_nothing(three_brands):
    before = state(three_brands)
    for arguments, message in BAD_INPUT:
        result = run_edito("workspace", *arguments, database_url=three_brands)
        assert result.returncode == 1, (arguments, result.stderr)
        assert_one_line_error(result, f"edito: error: {message}")
        assert state(three_brands) == before, arguments
