"""Issue 13's "done when": a team moves a calendar into a fresh database with the real ``edito`` command, on
SQLite and PostgreSQL. A demo brand exported, imported into a brand just created in another database, and
exported again gives the same file byte for byte; the same holds for every other format the importer reads.
Channels the files need are created and reported; people without an account are reported and kept."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.calendar_app.test_cli import run_edito

BRAND = "Atelier Lumen"  # the French demo brand; a real team's brand of the same name in the fresh database
EVERY_STATUS = ("--status", "idea", "--status", "draft", "--status", "in_review", "--status", "changes_requested",
                "--status", "approved", "--status", "scheduled")


@pytest.fixture
def fresh_url(request, database_url, tmp_path) -> str:
    """A second empty database of the same kind as ``database_url``."""
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'fresh.db'}"
    return request.getfixturevalue("postgres_schemas").new_url()


def ok(result):
    assert result.returncode == 0, result.stderr
    return result


def add_brand(name: str, url: str | None = None, data_dir: Path | None = None) -> None:
    added = ok(run_edito("workspace", "add", name, "--lang", "fr", "--timezone", "Europe/Paris", database_url=url,
                         data_dir=data_dir))
    assert added.stdout.startswith(f"Created brand {name!r}")


def rows_of(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=","))


def test_a_demo_brand_moves_into_a_fresh_database_byte_for_byte(database_url, fresh_url, tmp_path):
    ok(run_edito("db", "upgrade", database_url=database_url))
    ok(run_edito("demo", database_url=database_url))
    exported = tmp_path / "demo-export.csv"
    ok(run_edito("export", "-w", BRAND, "-o", str(exported), database_url=database_url))
    original = exported.read_bytes()
    rows = rows_of(original)
    # the file carries what must survive: several channels (one not named after its platform), campaigns,
    # groups, statuses and authors, none of whom has an account in the fresh database
    assert len({row["channel"] for row in rows}) == 6 and any(row["campaign"] for row in rows)
    assert all(row["author"] and row["group"] and row["uid"] for row in rows)
    assert len({row["status"] for row in rows}) > 3
    authors = sorted({row["author"] for row in rows})

    add_brand(BRAND, fresh_url)
    imported = ok(run_edito("import", "-w", BRAND, str(exported), database_url=fresh_url))
    lines = imported.stdout.splitlines()
    assert f"Imported {len(rows)} posts into {BRAND}." in lines
    assert {"Channel to create: Instagram (instagram)", "Channel to create: Lettre mensuelle (newsletter)"} <= set(lines)
    kept = next(line for line in lines if line.startswith("No account here, kept by their email: "))
    assert all(author in kept for author in authors)
    again = tmp_path / "again.csv"
    ok(run_edito("export", "-w", BRAND, "-o", str(again), database_url=fresh_url))
    assert again.read_bytes() == original
    listed = ok(run_edito("workspace", "list", database_url=fresh_url)).stdout
    assert listed == f"{BRAND}\tfr\tEurope/Paris\tvous\t6 channels\n"


def test_the_round_trip_through_the_default_data_folder(tmp_path):
    """The same, the databases chosen with EDITO_DATA_DIR (what a team gets without any setting)."""
    source, fresh = tmp_path / "source", tmp_path / "fresh"
    ok(run_edito("demo", data_dir=source))
    exported = tmp_path / "demo-export.csv"
    ok(run_edito("export", "-w", BRAND, "-o", str(exported), data_dir=source))
    add_brand(BRAND, data_dir=fresh)
    dry = ok(run_edito("import", "-w", BRAND, str(exported), "--dry-run", data_dir=fresh))
    assert "Dry run: nothing was written." in dry.stdout and "Channel to create: X (x)" in dry.stdout
    assert "kept by their email" in dry.stdout
    ok(run_edito("import", "-w", BRAND, str(exported), data_dir=fresh))
    again = tmp_path / "again.csv"
    ok(run_edito("export", "-w", BRAND, "-o", str(again), data_dir=fresh))
    assert again.read_bytes() == exported.read_bytes()
    assert (source / "edito.db").exists() and (fresh / "edito.db").exists()


def test_every_import_format_moves_into_a_fresh_brand(database_url, fresh_url, tmp_path):
    ok(run_edito("demo", database_url=database_url))
    spreadsheet = tmp_path / "tableur.csv"
    ok(run_edito("export", "-w", BRAND, "-f", "excel-fr", "-o", str(spreadsheet), database_url=database_url))
    schedulers = {}
    # from tomorrow: no post is near the schedulers' 10-minute limit, which would drop it between two exports
    since = ("--from", f"{datetime.now(ZoneInfo('Europe/Paris')).date() + timedelta(days=1):%Y-%m-%d}")
    for fmt in ("hootsuite", "buffer", "sprout"):
        bundle = tmp_path / f"{fmt}.zip"
        ok(run_edito("export", "-w", BRAND, "-f", fmt, *EVERY_STATUS, *since, "-o", str(bundle),
                     database_url=database_url))
        with zipfile.ZipFile(bundle) as archive:
            schedulers[fmt] = archive.read(next(name for name in archive.namelist() if name.endswith("-instagram.csv")))

    # the French spreadsheet names channels, platforms and authors, as the Edito CSV does
    add_brand("Tableur", fresh_url)
    imported = ok(run_edito("import", "-w", "Tableur", str(spreadsheet), database_url=fresh_url)).stdout
    assert "Channel to create: Lettre mensuelle (newsletter)" in imported
    assert "No account here, kept by their email: camille@atelier-lumen.example (author of " in imported
    again = tmp_path / "tableur-again.csv"
    ok(run_edito("export", "-w", "Tableur", "-f", "excel-fr", "-o", str(again), database_url=fresh_url))
    assert again.read_bytes() == spreadsheet.read_bytes()

    # a scheduler's file names no channel: --channel gives it, a platform creating it in an empty brand
    for fmt, data in schedulers.items():
        brand, file = f"{fmt.title()} Lumen", tmp_path / f"{fmt}-instagram.csv"
        file.write_bytes(data)
        add_brand(brand, fresh_url)
        refused = run_edito("import", "-w", brand, str(file), database_url=fresh_url)
        assert refused.returncode == 1 and "no channel: fill the column or choose the channel" in refused.stderr
        done = ok(run_edito("import", "-w", brand, str(file), "--channel", "instagram", database_url=fresh_url))
        assert "Channel to create: Instagram (instagram)" in done.stdout
        assert f"Imported {len(data.splitlines()) - (fmt != 'hootsuite')} posts into {brand}." in done.stdout
        back = tmp_path / f"{fmt}-again.csv"  # the posts come in as drafts: a scheduler's file has no status
        ok(run_edito("export", "-w", brand, "-f", fmt, "--status", "draft", *since, "-o", str(back),
                     database_url=fresh_url))
        assert back.read_bytes() == data, fmt
    named = ok(run_edito("import", "-w", "Hootsuite Lumen", str(tmp_path / "buffer-instagram.csv"), "--channel",
                         "Atelier Pro:linkedin", database_url=fresh_url)).stdout
    assert "Channel to create: Atelier Pro (linkedin)" in named
    listed = ok(run_edito("workspace", "list", database_url=fresh_url)).stdout.splitlines()
    assert listed == ["Buffer Lumen\tfr\tEurope/Paris\tvous\t1 channel",
                      "Hootsuite Lumen\tfr\tEurope/Paris\tvous\t2 channels",
                      "Sprout Lumen\tfr\tEurope/Paris\tvous\t1 channel",
                      "Tableur\tfr\tEurope/Paris\tvous\t6 channels"]
