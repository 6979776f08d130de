"""The first README command's promise: a fresh machine gets a working app with demo data."""

import pytest

from tests.e2e.conftest import save_screenshot

pytestmark = pytest.mark.e2e


def test_first_run_opens_the_calendar_with_demo_data(running_app, page):
    page.goto(running_app)
    heading = page.get_by_role("heading", name="Calendrier · Atelier Lumen")
    heading.wait_for(timeout=30_000)
    page.get_by_text("publications · Europe/Paris").wait_for()
    caption = page.get_by_text("publications · Europe/Paris").inner_text()
    assert int(caption.split()[0]) > 0
    # the month grid (FullCalendar, in the component's iframe) shows the seeded posts
    grid = page.frame_locator("iframe[title*='streamlit_calendar']")
    grid.locator(".fc-daygrid-event").first.wait_for(timeout=30_000)
    assert grid.locator(".fc-daygrid-event").count() > 0
    page.get_by_label("Marque / Brand").wait_for()
    assert not page.locator("[data-testid='stException']").count()
    # the table stays one click away
    page.get_by_text("Tableau", exact=True).click()
    page.locator("[data-testid='stDataFrame']").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)  # the table paints its canvas after it is attached
    assert not page.locator("[data-testid='stException']").count()
    save_screenshot(page, "first-run")
