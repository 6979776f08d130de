"""The insights page in the browser: the four Altair charts render (as canvases) on the demo brand."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import save_screenshot

pytestmark = pytest.mark.e2e


def test_the_insights_charts_render(running_app, page):
    page.set_viewport_size({"width": 1400, "height": 2000})  # Streamlit scrolls inside its own container
    page.goto(f"{running_app}/insights")
    page.get_by_role("heading", name="Analyses · Atelier Lumen").wait_for(timeout=60_000)
    page.get_by_role("heading", name="Publications les plus signalées").wait_for(timeout=60_000)
    charts = page.locator("[data-testid='stVegaLiteChart']")
    expect(charts).to_have_count(4, timeout=30_000)  # a rerun's stale copies are gone by then
    for index in range(4):  # Vega draws each chart in a canvas (or SVG) once its data is in
        charts.nth(index).locator("canvas, svg").first.wait_for(timeout=30_000)
    page.locator("[data-testid='stDataFrame']").wait_for(timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    page.wait_for_timeout(1_000)  # let the charts finish their first paint
    save_screenshot(page, "insights")


def test_the_calendar_as_a_whole_links_each_finding_to_its_posts(running_app, page):
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{running_app}/insights")
    section = page.get_by_role("heading", name="Le calendrier dans son ensemble")
    section.wait_for(timeout=90_000)
    mix = page.get_by_text("calendar.commercial-mix").first  # the demo's sales week on Instagram
    mix.wait_for(timeout=90_000)
    assert page.locator("[data-testid='stException']").count() == 0
    finding = mix.locator("xpath=ancestor::div[@data-testid='stVerticalBlock'][1]")  # the finding's box
    links = finding.locator("[data-testid='stPageLink'] a")
    links.nth(1).wait_for(timeout=60_000)  # the commercial posts, the one that tips the window first
    href = links.first.get_attribute("href")
    assert href and "compose?post=" in href
    post_id = href.rsplit("=", 1)[1]
    for _ in range(2):  # again once the charts above have taken their height
        section.evaluate("heading => heading.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(1_000)
    save_screenshot(page, "insights-calendar")

    page.locator(f"[data-testid='stPageLink'] a[href='{href}']").first.click()
    page.get_by_text(f"Publication n°{post_id} ·").wait_for(timeout=90_000)
    assert page.url.endswith(f"/compose?post={post_id}")
    expect(page.get_by_role("heading", name="Rédiger")).to_have_count(1, timeout=30_000)
