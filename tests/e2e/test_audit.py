"""The audit in the browser: the HTML report of ``edito audit`` opens offline (no request leaves file:) and every
chart draws; the Audit page audits uploaded exports on the French demo brand and shows the same report. Both
screenshots go to docs/screenshots/audit-*.png."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from calendar_app.cli import main
from tests.checks.audit.archives import write_instagram_archive, write_x_archive
from tests.checks.audit.samples import (
    PROMO_FR,
    SPONSORED_AFTER_THE_CUT,
    SPONSORED_UP_FRONT,
    TEMPLATED_REPLY,
    UNDISCLOSED_CODE,
)
from tests.e2e.conftest import wait_for_run

pytestmark = pytest.mark.e2e

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHARTS = ("chart-commercial", "chart-families", "chart-placement", "chart-templated")
JANUARY = datetime(2024, 1, 8, 9, tzinfo=UTC)
REPORT_FRAME = "iframe[title=\"Le rapport d'audit\"]"


def _shot(page, name: str) -> None:
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS_SCREENSHOTS / f"{name}.png"), full_page=True)


def _archives(folder: Path) -> list[Path]:
    """Four months of a candle maker's X and Instagram: promotions, accents and emoji, care replies (some
    templated), and partnerships disclosed up front, after the cut, among hashtags, or not at all."""
    week = timedelta(days=7)
    tweets = []
    for month in range(4):
        start = JANUARY + month * 4 * week
        tweets += [
            {"text": PROMO_FR, "created_at": start},
            {"text": "Le coulage, à l'atelier : trois heures de patience pour une bougie 🕯️ Qui veut voir ?",
             "created_at": start + timedelta(days=2)},
            {"text": TEMPLATED_REPLY, "created_at": start + timedelta(days=3), "reply": True},
            {"text": "Merci Léa ! Votre bougie au figuier part demain, avec un échantillon surprise 🌿",
             "created_at": start + timedelta(days=4), "reply": True},
            {"text": "Nouvelle fournée de mèches en coton : on vous montre le tri, étape par étape ✨",
             "created_at": start + week},
        ]
        if month % 2:
            tweets.append({"text": "Dernière chance !!! -30 % sur les coffrets, commandez maintenant 🔥",
                           "created_at": start + 2 * week})
    instagram = [
        {"text": SPONSORED_UP_FRONT, "created_at": JANUARY + timedelta(days=10)},
        {"text": UNDISCLOSED_CODE, "created_at": JANUARY + timedelta(days=40)},
        {"text": SPONSORED_AFTER_THE_CUT, "created_at": JANUARY + timedelta(days=70)},
        {"text": "Ma routine du soir, tout en douceur ✨ #bougie #cocooning #routine #slowlife #partenariat",
         "created_at": JANUARY + timedelta(days=100)},
        {"text": "Les coulisses de l'atelier, en images : cire d'abeille, pigments, et beaucoup de café ☕",
         "created_at": JANUARY + timedelta(days=55)},
    ]
    return [write_x_archive(folder / "x-atelier.zip", tweets),
            write_instagram_archive(folder / "instagram-atelier.zip", instagram)]


def _assert_every_chart_drew(frame) -> None:
    """Each chart container holds a drawn SVG (vega-embed, renderer svg) of nonzero size with marks in it."""
    for chart in CHARTS:
        drawing = frame.locator(f"#{chart} svg").first
        drawing.wait_for(timeout=60_000)
        box = drawing.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 100, (chart, box)
        assert frame.locator(f"#{chart} svg .mark-rect path, #{chart} svg .mark-rule line").count() > 0, chart


def test_the_html_report_opens_offline_and_its_charts_render(browser, tmp_path, capsys):
    report = tmp_path / "rapport.html"
    assert main(["audit", *map(str, _archives(tmp_path)), "-o", str(report), "--lang", "fr", "--workers", "1"]) == 0
    assert "Wrote" in capsys.readouterr().err

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    outside: list[str] = []

    def offline(route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", offline)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(report.as_uri())
        page.get_by_role("heading", name="Audit des publications passées").wait_for(timeout=30_000)
        _assert_every_chart_drew(page)
        page.wait_for_timeout(500)  # the last chart's first paint
        _shot(page, "audit-report")
    finally:
        context.close()
    assert not outside and not [url for url in requests if not url.startswith("file:")]
    assert not errors


def test_the_audit_page_reports_uploaded_exports(running_app, page, tmp_path):
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{running_app}/audit")
    page.get_by_role("heading", name="Audit · Atelier Lumen").wait_for(timeout=60_000)
    wait_for_run(page)
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(_archives(tmp_path))
    page.get_by_text("x-atelier.zip").first.wait_for(timeout=30_000)  # (the longer name is shortened)
    wait_for_run(page)
    page.get_by_role("button", name="Lancer l'audit").click()
    page.get_by_text("auditées").wait_for(timeout=180_000)
    wait_for_run(page, timeout=180_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_role("button", name="Rapport (HTML)").count() == 1

    frame = page.frame_locator(REPORT_FRAME)
    frame.get_by_role("heading", name="Audit des publications passées").wait_for(timeout=30_000)
    _assert_every_chart_drew(frame)
    page.wait_for_timeout(1_000)  # the frame takes its content's height
    # Streamlit scrolls inside its own container: a viewport as tall as the page puts it all in the screenshot.
    height = page.locator("[data-testid='stMain']").evaluate("main => main.scrollHeight")
    page.set_viewport_size({"width": 1400, "height": max(1000, int(height) + 50)})
    page.wait_for_timeout(1_000)
    frame_box = page.locator(REPORT_FRAME).bounding_box()
    report_height = frame.locator("html").evaluate("root => root.scrollHeight")
    assert frame_box and frame_box["height"] >= report_height - 5, (frame_box, report_height)  # not cut off
    _shot(page, "audit-page")
