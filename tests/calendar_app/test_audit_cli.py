"""``edito audit`` as a brand runs it on its platforms' exports: the report in each format, warnings for the
records left out, one-line errors that leave no report behind."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sys
from datetime import UTC, datetime, timedelta

import pytest

from calendar_app.cli import main
from tests.checks.audit.archives import FIRST_TWEET_ID, write_instagram_archive, write_x_archive
from tests.checks.audit.samples import (
    PROMO_FR,
    SPONSORED_AFTER_THE_CUT,
    SPONSORED_UP_FRONT,
    TEMPLATED_REPLY,
    UNDISCLOSED_CODE,
)

MARCH = datetime(2024, 3, 4, 9, tzinfo=UTC)
TWEETS = [
    {"text": PROMO_FR, "created_at": MARCH},
    {"text": "Le coulage, à l'atelier : trois heures de patience pour une bougie 🕯️",
     "created_at": MARCH + timedelta(1)},
    {"text": TEMPLATED_REPLY, "created_at": MARCH + timedelta(2), "reply": True},
    {"text": "My new grinder is here and mornings are better already. #coffee #morning #brew #gear #ad",
     "created_at": MARCH + timedelta(3), "lang": "en"},
    {"text": PROMO_FR, "created_at": datetime(2024, 4, 2, 9, tzinfo=UTC)},
]
INSTAGRAM = [
    {"text": SPONSORED_UP_FRONT, "created_at": MARCH + timedelta(5)},
    {"text": UNDISCLOSED_CODE, "created_at": MARCH + timedelta(6)},
    {"text": SPONSORED_AFTER_THE_CUT, "created_at": datetime(2024, 4, 3, 9, tzinfo=UTC)},
]


@pytest.fixture
def archives(tmp_path) -> list[str]:
    return [str(write_x_archive(tmp_path / "x.zip", TWEETS)),
            str(write_instagram_archive(tmp_path / "instagram.zip", INSTAGRAM))]


def edito(*args: str) -> int:
    return main(["audit", *args])


def assert_one_line_error(capsys, code: int, *fragments: str) -> None:
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("edito: error: "), err
    for fragment in fragments:
        assert fragment in lines[0]


def test_the_html_report_opens_offline(archives, tmp_path, capsys):
    report = tmp_path / "report.html"
    assert edito(*archives, "-o", str(report), "--workers", "1") == 0
    err = capsys.readouterr().err
    assert f"Wrote {report}: 7 posts and 1 reply audited" in err
    page = report.read_text(encoding="utf-8")
    assert page.count("window.vegaEmbed=") == 1
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.DOTALL)
    assert re.findall(r"<script[^>]*>", page) == ["<script>", "<script>"]
    assert not re.search(r"<[^>]*\ssrc\s*=|<link\b|url\(", markup, re.IGNORECASE)
    links = set(re.findall(r'href="([^"]+)"', markup))
    assert links and all(link.startswith("https://x.com/i/web/status/") for link in links)
    assert "Share of commercial posts per month" in page  # no workspace, no --lang: English
    assert html.escape(PROMO_FR, quote=False) in re.sub(r"<[^>]+>", "", markup)  # the worst post, highlighted
    assert sorted(path.name for path in tmp_path.iterdir()) == ["instagram.zip", "report.html", "x.zip"]


def test_json_gives_the_figures_for_tools(archives, capsys):
    assert edito(*archives, "--format", "json", "-o", "-", "--workers", "1", "--lang", "fr") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "edito.audit/1" and data["lang"] == "fr" and data["commercial_target"] == 0.2
    march, april = data["months"]
    assert (march["month"], march["posts"], march["replies"], march["commercial"]) == ("2024-03", 5, 1, 1)
    assert march["templated_replies"] == 1 and march["codes"]["IMP007"] == 1
    assert march["sponsored"] == {"up front": 1, "after the cut": 0, "buried": 1, "missing": 1}
    assert april["sponsored"]["after the cut"] == 1 and april["commercial"] == 1
    assert data["worst_posts"][0]["link"] == f"https://x.com/i/web/status/{FIRST_TWEET_ID}"


def test_csv_has_a_row_per_month_and_the_period_can_be_narrowed(archives, tmp_path, capsys):
    report = tmp_path / "audit.csv"  # the format follows the extension
    assert edito(*archives, "-o", str(report), "--workers", "1", "--from", "2024-04-01", "--to", "2024-04-30") == 0
    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8"))))
    assert [(row["month"], row["posts"], row["commercial"]) for row in rows] == [("2024-04", "2", "1")]
    assert "2 posts and 0 replies audited" in capsys.readouterr().err


def test_malformed_records_are_reported_never_silently_dropped(tmp_path, capsys):
    broken = [{"text": f"Atelier ouvert, venez nous voir ! ({number})", "created_at": MARCH + timedelta(number),
               "raw": {"full_text": None}} for number in range(7)]
    archive = write_x_archive(tmp_path / "x.zip", [*TWEETS, *broken])
    assert edito(str(archive), "-f", "json", "-o", str(tmp_path / "audit.json"), "--workers", "1") == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "edito: warning: 7 malformed records skipped:"
    assert all("x.zip/data/tweets.js, record " in line and "no full_text" in line for line in err[1:6])
    assert err[6] == "  … and 2 more"
    assert json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))["skipped_records"] == 7


@pytest.mark.parametrize(("args", "fragments"), [
    (["missing.zip"], ["missing.zip: no such file or folder"]),
    (["{x}", "--from", "2024-13-01"], ["--from '2024-13-01'", "YYYY-MM-DD"]),
    (["{x}", "--from", "2024-05-01", "--to", "2024-04-01"], ["--to 2024-04-01 is before --from 2024-05-01"]),
    (["{x}", "--select", "COM,COM999"], ["--select 'COM999'", "edito rules"]),
    (["{x}", "--format", "pdf"], ["--format 'pdf'", "html, json, csv"]),
    (["{x}", "--scheduler", "tcp://127.0.0.1:9", "--engine", "local"], ["--scheduler only applies with --engine dask"]),
])
def test_bad_input_is_one_line_and_leaves_no_report(args, fragments, tmp_path, capsys):
    x = write_x_archive(tmp_path / "x.zip", TWEETS)
    report = tmp_path / "report.html"
    code = edito(*(arg.format(x=x) for arg in args), "-o", str(report), "--workers", "1")
    assert_one_line_error(capsys, code, *fragments)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["x.zip"]


def test_the_dask_engine_without_dask_says_how_to_install_it(archives, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    report = tmp_path / "report.html"
    report.write_text("the previous report", encoding="utf-8")
    assert_one_line_error(capsys, edito(*archives, "--engine", "dask", "-o", str(report)), "pip install edito[dask]")
    assert report.read_text(encoding="utf-8") == "the previous report"  # untouched
    assert sorted(path.name for path in tmp_path.iterdir()) == ["instagram.zip", "report.html", "x.zip"]


def test_an_unreachable_scheduler_is_named(archives, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("checks.audit.engine.SCHEDULER_TIMEOUT", "1s")
    code = edito(*archives, "--scheduler", "tcp://127.0.0.1:9", "-o", str(tmp_path / "report.html"))
    assert_one_line_error(capsys, code, "cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert not (tmp_path / "report.html").exists()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_only_on_a_terminal(archives, tmp_path, monkeypatch, capsys):
    assert edito(*archives, "-o", str(tmp_path / "quiet.json"), "--workers", "1") == 0
    assert "Checking posts" not in capsys.readouterr().err
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert edito(*archives, "-o", str(tmp_path / "shown.json"), "--workers", "1") == 0
    assert "Checking posts: 8 checked" in terminal.getvalue()


@pytest.fixture
def french_brand(tmp_path, monkeypatch) -> str:
    from calendar_app.settings import get_settings

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'edito.db'}")
    get_settings.cache_clear()
    assert main(["workspace", "add", "Atelier Lumen", "--lang", "fr", "--timezone", "Pacific/Kiritimati",
                 "--commercial-target", "0.35"]) == 0
    yield "Atelier Lumen"
    monkeypatch.delenv("DATABASE_URL")
    get_settings.cache_clear()


def test_a_workspace_gives_its_language_timezone_and_target(archives, french_brand, tmp_path, capsys):
    report = tmp_path / "report.html"
    assert edito(*archives, "-w", french_brand, "-o", str(report), "--workers", "1") == 0
    page = report.read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "Objectif : 35\u202f% au plus" in page
    late = write_x_archive(tmp_path / "late.zip", [{"text": "Dernière bougie de mars, coulée ce soir à l'atelier.",
                                                    "created_at": datetime(2024, 3, 31, 12, tzinfo=UTC)}])
    assert edito(str(late), "-w", french_brand, "-f", "json", "-o", "-", "--workers", "1") == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["lang"], data["timezone"], data["commercial_target"]) == ("fr", "Pacific/Kiritimati", 0.35)
    assert [month["month"] for month in data["months"]] == ["2024-04"]  # 31 March 12:00 UTC is 1 April at UTC+14
    assert edito(*archives, "-w", "Nobody", "-o", str(tmp_path / "none.html")) == 1
    assert "edito: error: " in capsys.readouterr().err and not (tmp_path / "none.html").exists()
