"""The insights page in the browser: the four Altair charts render (as canvases) on the demo brand."""

import pytest

from tests.e2e.conftest import save_screenshot

pytestmark = pytest.mark.e2e


def test_the_insights_charts_render(running_app, page):
    page.set_viewport_size({"width": 1400, "height": 2000})  # Streamlit scrolls inside its own container
    page.goto(f"{running_app}/insights")
    page.get_by_role("heading", name="Analyses · Atelier Lumen").wait_for(timeout=60_000)
    page.get_by_role("heading", name="Publications les plus signalées").wait_for(timeout=60_000)
    charts = page.locator("[data-testid='stVegaLiteChart']")
    charts.nth(3).wait_for(timeout=30_000)
    assert charts.count() == 4
    for index in range(4):  # Vega draws each chart in a canvas (or SVG) once its data is in
        charts.nth(index).locator("canvas, svg").first.wait_for(timeout=30_000)
    page.locator("[data-testid='stDataFrame']").wait_for(timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    page.wait_for_timeout(1_000)  # let the charts finish their first paint
    save_screenshot(page, "insights")
