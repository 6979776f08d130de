"""Import / export in the browser: the Edito CSV comes out through the real download button with the demo's
posts; a file with two new posts and one already in the calendar is uploaded, previewed (2 to create,
1 duplicate), imported by an editor, and the new posts show in the calendar."""

from __future__ import annotations

import csv
import io
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from calendar_app.db import make_engine
from calendar_app.exchange.formats import EDITO_COLUMNS
from calendar_app.models import Post, Workspace
from calendar_app.services.posts import list_posts
from tests.e2e.conftest import choose, save_screenshot, wait_for_run

pytestmark = pytest.mark.e2e

PARIS = ZoneInfo("Europe/Paris")
NEW_TITLE = "Portes ouvertes de l'atelier"
NEW_BODY = "Trois questions à notre artisane sur la cire d'abeille."
GRID_FRAME = "iframe[title*='streamlit_calendar']"


@pytest.fixture
def engine(running_app, tmp_path_factory):
    """The running app's database."""
    databases = sorted(tmp_path_factory.getbasetemp().glob("edito-home*/data/edito.db"))
    assert databases, "the running app's database was not found"
    engine = make_engine(f"sqlite:///{databases[-1]}")
    yield engine
    engine.dispose()


def _lumen_posts(engine) -> list[Post]:
    with Session(engine) as session:
        lumen = session.exec(select(Workspace).where(Workspace.name == "Atelier Lumen")).one()
        return list_posts(lumen.id, session=session)


def _quiet_day(engine):
    """A day soon with at most two posts (the month grid shows four a day), not the one the review flow uses."""
    today = datetime.now(PARIS).date()
    per_day: dict = {}
    for post in _lumen_posts(engine):
        if post.scheduled_at:
            day = post.scheduled_at.astimezone(PARIS).date()
            per_day[day] = per_day.get(day, 0) + 1
    for offset in (1, 2, 4, 5, 6):
        day = today + timedelta(days=offset)
        if per_day.get(day, 0) <= 2:
            return day
    pytest.fail("no day of the coming week has room in the month grid")


def _metric(page, label: str) -> str:
    metric = page.locator("[data-testid='stMetric']").filter(has_text=label)
    return metric.locator("[data-testid='stMetricValue']").inner_text().strip()


def test_export_through_the_download_button_then_import_a_file_with_a_duplicate(running_app, page, engine,
                                                                                tmp_path):
    page.set_viewport_size({"width": 1400, "height": 1000})  # the preview and its button in one screenshot
    page.goto(f"{running_app}/import-export")
    page.get_by_role("heading", name="Importer / exporter · Atelier Lumen").wait_for(timeout=30_000)
    choose(page, "Vous êtes / You are", "Hugo Bernard (editor)")
    wait_for_run(page)

    # Export every date of the calendar as Edito CSV, through the browser's download.
    page.get_by_text("Toutes les dates (et les publications sans date)").click()
    expect(page.get_by_label("Du", exact=True)).to_be_disabled(timeout=30_000)
    wait_for_run(page)
    page.get_by_role("button", name="Préparer l'export").click()
    download_button = page.get_by_role("button", name="Télécharger edito-atelier-lumen.csv")
    download_button.wait_for(timeout=60_000)
    with page.expect_download() as download_info:
        download_button.click()
    download = download_info.value
    assert download.suggested_filename == "edito-atelier-lumen.csv"
    exported = download.path().read_bytes()
    rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8"), newline="")))
    demo_posts = _lumen_posts(engine)
    assert tuple(rows[0]) == EDITO_COLUMNS
    assert {row["uid"] for row in rows} == {post.uid for post in demo_posts}
    assert {row["title"] for row in rows} >= {post.title for post in demo_posts if post.title}
    page.get_by_text(f"{len(rows)} publication(s) exportée(s) dans 1 fichier(s).").wait_for()
    save_screenshot(page, "import-export-1-export")

    # Upload two new posts and one row of that export (already in the calendar).
    day = _quiet_day(engine)
    at = datetime.combine(day, time(10, 0), tzinfo=PARIS)
    new_rows = [
        {"scheduled_at": at.isoformat(), "channel": "Instagram", "status": "draft", "title": NEW_TITLE,
         "body": "Samedi, l'atelier ouvre ses portes : venez couler votre bougie avec nous."},
        {"scheduled_at": (at + timedelta(hours=1)).isoformat(), "channel": "LinkedIn", "status": "idea",
         "title": "", "body": NEW_BODY},
    ]
    upload = tmp_path / "nouveautes.csv"
    with upload.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=EDITO_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows([{column: row.get(column, "") for column in EDITO_COLUMNS} for row in new_rows])
        writer.writerow(rows[0])
    page.get_by_role("tab", name="Importer un fichier").click()
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(upload)
    page.get_by_text("nouveautes.csv · format Edito CSV").wait_for(timeout=30_000)
    wait_for_run(page)
    assert (_metric(page, "Lignes lues"), _metric(page, "À créer"), _metric(page, "Doublons ignorés"),
            _metric(page, "Problèmes")) == ("3", "2", "1", "0")
    assert not page.locator("[data-testid='stException']").count()
    assert len(_lumen_posts(engine)) == len(demo_posts)  # the preview wrote nothing
    import_button = page.get_by_role("button", name="Importer 2 publications")
    import_button.wait_for()
    page.wait_for_timeout(1000)  # the tables paint their canvas after they are attached
    save_screenshot(page, "import-export-2-preview")

    import_button.click()
    page.get_by_text("2 publication(s) créée(s) depuis nouveautes.csv ; 1 doublon(s) ignoré(s).").wait_for(
        timeout=30_000)
    created = [post for post in _lumen_posts(engine) if post.title == NEW_TITLE or post.body == NEW_BODY]
    assert len(created) == 2
    assert {post.scheduled_at.astimezone(PARIS).date() for post in created} == {day}
    expect(import_button).to_have_count(0)
    save_screenshot(page, "import-export-3-imported")

    # The link opens the calendar, where both posts are on their day.
    page.get_by_role("link", name="Voir le calendrier").click()
    page.get_by_role("heading", name="Calendrier · Atelier Lumen").wait_for(timeout=30_000)
    grid = page.frame_locator(GRID_FRAME)
    cell = grid.locator(f"td[data-date='{day.isoformat()}']")
    cell.locator(".fc-daygrid-event").first.wait_for(timeout=30_000)
    expect(cell.get_by_text(f"Brouillon · {NEW_TITLE}")).to_have_count(1, timeout=30_000)
    expect(cell.get_by_text(f"Idée · {NEW_BODY}")).to_have_count(1)
    assert not page.locator("[data-testid='stException']").count()
