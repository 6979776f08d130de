"""The Audit page run headless with AppTest on the demo: an X export with an undisclosed partnership gives the
report (its SPO findings) and its three downloads, audited with the brand's settings; a corrupt zip gives one
error naming it; French labels on Atelier Lumen, English ones on Northwind Roasters."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import calendar_app
from calendar_app.i18n import t
from tests.checks.audit.archives import write_instagram_archive, write_x_archive
from tests.checks.audit.samples import PROMO_FR, SPONSORED_UP_FRONT, TEMPLATED_REPLY, UNDISCLOSED_CODE

PAGE = Path(calendar_app.__file__).parent / "views" / "audit.py"
MARCH = datetime(2024, 3, 4, 9, tzinfo=UTC)
ZIP = "application/zip"


@pytest.fixture
def demo(demo_engine):
    """The seeded demo (shared fixtures in conftest.py)."""


@pytest.fixture
def x_archive(tmp_path) -> bytes:
    """An X export over two months: a promotion, a templated reply, a partnership given away by a personal code
    and never disclosed, and a malformed record."""
    tweets = [
        {"text": PROMO_FR, "created_at": MARCH},
        {"text": TEMPLATED_REPLY, "created_at": MARCH + timedelta(days=1), "reply": True},
        {"text": UNDISCLOSED_CODE, "created_at": MARCH + timedelta(days=2)},
        {"text": "Le coulage, à l'atelier : trois heures de patience pour une bougie 🕯️",
         "created_at": datetime(2024, 4, 2, 9, tzinfo=UTC)},
        {"text": "Atelier ouvert samedi", "created_at": MARCH + timedelta(days=3), "raw": {"full_text": None}},
    ]
    return write_x_archive(tmp_path / "x.zip", tweets).read_bytes()


def _page() -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=180).run()
    assert not app.exception
    return app


def _run(app: AppTest, *files: tuple[str, bytes, str]) -> AppTest:
    app.file_uploader(key="audit.files").set_value(list(files)).run()
    app.button(key="audit.run").click().run()
    assert not app.exception
    return app


def _report(app: AppTest) -> str:
    (frame,) = app.get("iframe")
    return frame.proto.srcdoc


def _downloads(app: AppTest) -> list[str]:
    return [button.proto.label for button in app.get("download_button")]


def test_an_x_export_gives_the_report_in_french_on_a_french_brand(demo, x_archive):
    app = _page()
    assert app.title[0].value == "Audit · Atelier Lumen"
    assert app.button(key="audit.run").label == "Lancer l'audit" and app.button(key="audit.run").disabled
    _run(app, ("x.zip", x_archive, ZIP))
    assert not app.error
    assert app.success[0].value.startswith("3 publication(s) et 1 réponse(s) auditées, ")
    (warning,) = app.main.warning  # the sidebar has the demo banner
    assert warning.value.startswith("1 enregistrement(s) illisible(s) ignoré(s) :")
    assert "x.zip/data/tweets.js, record 5" in warning.value.replace("\\", "") and "/tmp" not in warning.value
    report = _report(app)
    assert '<html lang="fr">' in report and "Audit des publications passées" in report
    assert "<code>SPO" in report  # the undisclosed partnership is among the worst posts
    assert "Objectif : 20\u202f% au plus" in report  # the brand's commercial target
    assert report.count('<div class="chart"') == 4
    assert _downloads(app) == ["Rapport (HTML)", "Données (JSON)", "Chiffres par mois (CSV)"]


def test_the_report_stays_until_the_next_audit(demo, x_archive, monkeypatch):
    app = _run(_page(), ("x.zip", x_archive, ZIP))
    report = _report(app)

    def no_second_audit(*args, **kwargs):
        raise AssertionError("the audit ran again")

    monkeypatch.setattr("calendar_app.audit_command.build_report", no_second_audit)
    app.date_input(key=f"audit.from.{app.session_state['app.workspace_id']}").set_value(MARCH.date()).run()
    assert not app.exception and _report(app) == report


def test_several_exports_and_a_period(demo, x_archive, tmp_path):
    instagram = write_instagram_archive(tmp_path / "instagram.zip", [
        {"text": SPONSORED_UP_FRONT, "created_at": MARCH + timedelta(days=5)},
        {"text": PROMO_FR, "created_at": datetime(2024, 5, 3, 9, tzinfo=UTC)}]).read_bytes()
    app = _page()
    workspace_id = app.session_state["app.workspace_id"]
    app.date_input(key=f"audit.from.{workspace_id}").set_value(MARCH.date())
    app.date_input(key=f"audit.to.{workspace_id}").set_value(datetime(2024, 4, 30).date())
    _run(app, ("x.zip", x_archive, ZIP), ("instagram.zip", instagram, ZIP))
    assert app.success[0].value.startswith("4 publication(s) et 1 réponse(s) auditées")  # not May's promotion
    assert "« x.zip », « instagram.zip »" in app.caption[-1].value.replace("\\", "")


def test_a_lone_tweets_file_is_read_as_the_x_export(demo, x_archive, tmp_path):
    import zipfile

    tweets = zipfile.ZipFile(write_x_archive(tmp_path / "lone.zip", [
        {"text": UNDISCLOSED_CODE, "created_at": MARCH}])).read("data/tweets.js")
    app = _run(_page(), ("tweets.js", tweets, "text/javascript"))
    assert not app.error and app.success[0].value.startswith("1 publication(s) et 0 réponse(s)")
    assert "<code>SPO" in _report(app)


def test_a_corrupt_zip_gives_one_error_naming_it(demo, x_archive):
    app = _run(_page(), ("archive-x.zip", x_archive[: len(x_archive) // 2], ZIP))
    (error,) = app.error
    assert error.value.replace("\\", "") == t("audit.not_a_zip", "fr", name="archive-x.zip")
    assert not app.get("iframe") and not app.get("download_button") and not app.success and not app.exception


def test_a_zip_without_any_export_is_named_and_nothing_else_is_shown(demo, tmp_path):
    import zipfile

    holiday = tmp_path / "vacances.zip"
    with zipfile.ZipFile(holiday, "w") as archive:
        archive.writestr("photos/plage.txt", "rien à voir")
    app = _run(_page(), ("vacances.zip", holiday.read_bytes(), ZIP))
    (error,) = app.error
    text = error.value.replace("\\", "")
    assert text.startswith("« vacances.zip » ne peut pas être lu : vacances.zip: no export Edito can read")
    assert "/tmp" not in text and "Traceback" not in text
    assert not app.get("iframe") and not app.get("download_button")


def test_the_english_brand_gets_english_labels_and_report(demo, x_archive):
    app = _page()
    brand = app.sidebar.selectbox(key="app.workspace_id")
    brand.select(next(option for option in brand.options if option == "Northwind Roasters")).run()
    assert app.title[0].value == "Audit · Northwind Roasters"
    assert app.button(key="audit.run").label == "Run the audit"
    _run(app, ("x.zip", x_archive, ZIP))
    assert app.success[0].value.startswith("3 post(s) and 1 reply(ies) audited")
    assert '<html lang="en">' in _report(app)
    assert _downloads(app) == ["Report (HTML)", "Data (JSON)", "Figures per month (CSV)"]


def test_the_json_download_is_the_cli_s_schema(demo, x_archive):
    app = _run(_page(), ("x.zip", x_archive, ZIP))
    data = json.loads(app.session_state["audit.report"].files["json"])
    assert data["schema"] == "edito.audit/1" and data["archives"] == ["x.zip"] and data["skipped_records"] == 1
    assert (data["lang"], data["timezone"]) == ("fr", "Europe/Paris")


def test_only_the_exported_platforms_can_be_silent(demo, x_archive):
    """The demo brand plans posts on Instagram, Facebook, LinkedIn and TikTok too: with only X's export given,
    none of them is reported as silent."""
    app = _run(_page(), ("x.zip", x_archive, ZIP))
    data = json.loads(app.session_state["audit.report"].files["json"])
    silent = {entry["message"].split(" ")[0] for entry in data["calendar_findings"] if entry["code"] == "CAL006"}
    assert silent <= {"x"}
