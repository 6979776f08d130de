"""``edito export`` and ``edito import`` as a user runs them, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import zipfile

from sqlalchemy import text

from calendar_app.db import make_engine
from tests.calendar_app.test_cli import assert_one_line_error, run_edito


def post_count(database_url: str) -> int:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT COUNT(*) FROM post")).scalar()
    engine.dispose()
    return count


def test_export_then_import_the_same_file_finds_only_duplicates(database_url, tmp_path):
    assert run_edito("demo", database_url=database_url).returncode == 0
    out = tmp_path / "lumen.csv"
    exported = run_edito("export", "-w", "Atelier Lumen", "-o", str(out), database_url=database_url)
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert rows and f"{len(rows)} posts exported" in exported.stderr
    before = post_count(database_url)
    again = run_edito("import", str(out), "-w", "atelier lumen", database_url=database_url)
    assert again.returncode == 0, again.stderr
    assert f"0 posts to create, {len(rows)} duplicates skipped" in again.stdout
    assert post_count(database_url) == before


def test_a_bad_file_names_row_and_column_exits_1_and_writes_nothing(database_url, tmp_path):
    run_edito("demo", database_url=database_url)
    bad = tmp_path / "plan.csv"
    bad.write_text("scheduled_at,channel,body\n2026-12-01T10:00:00+01:00,Instagram,Bon\n"
                   "demain,Instagram,Mauvaise date\n", encoding="utf-8")
    before = post_count(database_url)
    result = run_edito("import", str(bad), "-w", "Atelier Lumen", database_url=database_url)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{bad}, row 3, column 'scheduled_at': 'demain' is not a date" in result.stderr
    assert "nothing was imported" in result.stderr
    assert post_count(database_url) == before


def test_a_dry_run_shows_the_plan_and_writes_nothing(database_url, tmp_path):
    run_edito("demo", database_url=database_url)
    new = tmp_path / "new.csv"
    new.write_text("date;heure;canal;texte\n01/12/2026;10:00;Instagram;Nouveau texte\n", encoding="cp1252")
    before = post_count(database_url)
    result = run_edito("import", str(new), "-w", "Atelier Lumen", "--dry-run", database_url=database_url)
    assert result.returncode == 0, result.stderr
    assert "1 posts to create" in result.stdout and "Dry run: nothing was written." in result.stdout
    assert post_count(database_url) == before
    done = run_edito("import", str(new), "-w", "Atelier Lumen", database_url=database_url)
    assert done.returncode == 0 and "Imported 1 posts" in done.stdout
    assert post_count(database_url) == before + 1


def test_multi_file_formats_write_prefixed_files_or_one_zip(database_url, tmp_path):
    run_edito("demo", database_url=database_url)
    everything = ("--status", "draft", "--status", "approved", "--status", "in_review", "--status", "idea")
    result = run_edito("export", "-w", "Atelier Lumen", "-f", "buffer", *everything, "-o", str(tmp_path / "plan.csv"),
                       database_url=database_url)
    assert result.returncode == 0, result.stderr
    written = sorted(path.name for path in tmp_path.glob("plan-*.csv"))
    assert len(written) > 1 and all(name in result.stderr for name in written)
    zipped = run_edito("export", "-w", "Atelier Lumen", "-f", "buffer", *everything, "-o", str(tmp_path / "plan.zip"),
                       database_url=database_url)
    assert zipped.returncode == 0
    assert len(zipfile.ZipFile(tmp_path / "plan.zip").namelist()) == len(written)


def test_ics_to_standard_output(database_url):
    run_edito("demo", database_url=database_url)
    result = run_edito("export", "-w", "Northwind Roasters", "-f", "ics", "-o", "-", database_url=database_url)
    assert result.returncode == 0 and result.stdout.startswith("BEGIN:VCALENDAR")


def test_usage_errors_are_one_line(database_url, tmp_path):
    run_edito("demo", database_url=database_url)
    assert_one_line_error(run_edito("export", "-f", "pdf", database_url=database_url), "--format 'pdf'")
    assert_one_line_error(run_edito("export", database_url=database_url),
                          "Several brands: choose one with --workspace (brands: 'Atelier Lumen', 'Northwind Roasters')")
    assert_one_line_error(run_edito("import", str(tmp_path / "nope.csv"), "-w", "Atelier Lumen",
                                    database_url=database_url), "nope.csv", "no such file")
    assert_one_line_error(run_edito("export", "-w", "Atelier Lumen", "-o", str(tmp_path / "no" / "dir.csv"),
                                    database_url=database_url), "no such folder")


def test_edito_lint_reads_the_export(database_url, tmp_path):
    run_edito("demo", database_url=database_url)
    out = tmp_path / "lumen.csv"
    run_edito("export", "-w", "Atelier Lumen", "-o", str(out), database_url=database_url)
    result = run_edito("lint", str(out), "--format", "json")
    assert result.returncode == 1  # the demo holds posts written to be flagged
    assert '"SPO' in result.stdout and '"COM' in result.stdout
