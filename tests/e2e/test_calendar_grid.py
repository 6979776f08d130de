"""The calendar grid in Chromium: FullCalendar draws the demo posts in the month view, in French, and a
post dragged to another day is rescheduled (the page confirms it and the grid keeps it there), and a
click opens the post in the compose page."""

import re
from datetime import date, timedelta

import pytest

from tests.e2e.conftest import choose, save_screenshot, wait_for_run

pytestmark = pytest.mark.e2e

GRID_FRAME = "iframe[title*='streamlit_calendar']"
MOVABLE = re.compile(r"^(Programmée|Validée|En relecture|Brouillon|Idée|Modifications demandées) · ")


def _open_calendar(running_app, page, as_user: str | None = None):
    page.goto(running_app)  # the calendar is the default page
    page.get_by_role("heading", name="Calendrier · Atelier Lumen").wait_for(timeout=30_000)
    if as_user:  # a local install: the sidebar's picker says who is acting
        choose(page, "Vous êtes / You are", as_user)
        wait_for_run(page)
    grid = page.frame_locator(GRID_FRAME)
    grid.locator(".fc-daygrid-event").first.wait_for(timeout=30_000)
    return grid


def test_the_month_grid_shows_the_demo_posts(running_app, page):
    grid = _open_calendar(running_app, page)
    titles = grid.locator(".fc-event-title").all_inner_texts()
    assert any(title.startswith("Publiée · ") for title in titles)
    assert any(MOVABLE.match(title) for title in titles)
    # Monday first, French day names and buttons
    assert grid.locator(".fc-col-header-cell").first.inner_text().lower().startswith("lun")
    assert grid.get_by_role("button", name="Aujourd'hui").count() == 1
    # posts at the demo's times, as the workspace's clock shows them
    assert set(grid.locator(".fc-event-time").all_inner_texts()) <= {"09:00", "12:30", "18:15"}
    assert not page.locator("[data-testid='stException']").count()
    page.wait_for_timeout(500)
    save_screenshot(page, "calendar")


def test_a_writer_can_drag_only_their_own_open_posts(running_app, page):
    grid = _open_calendar(running_app, page, as_user="Camille Martin (writer)")
    events = grid.locator(".fc-daygrid-event")
    draggable = [events.nth(i).locator(".fc-event-title").inner_text() for i in range(events.count())
                 if "fc-event-draggable" in (events.nth(i).get_attribute("class") or "")]
    fixed = [events.nth(i).locator(".fc-event-title").inner_text() for i in range(events.count())
             if "fc-event-draggable" not in (events.nth(i).get_attribute("class") or "")]
    # the demo's approved and scheduled posts belong to the editors' queue: a writer cannot move them
    assert any(title.startswith(("Validée · ", "Programmée · ")) for title in fixed)
    assert all(title.startswith(("Brouillon · ", "Idée · ", "Modifications demandées · ")) for title in draggable)


def test_dragging_a_post_to_another_day_reschedules_it(running_app, page):
    grid = _open_calendar(running_app, page, as_user="Hugo Bernard (editor)")
    events = grid.locator("td[data-date] .fc-daygrid-event")
    # a post that can move, on a day whose next day is shown and not today (today's cell is highlighted)
    for index in range(events.count()):
        event = events.nth(index)
        title = event.locator(".fc-event-title").inner_text()
        day = event.locator("xpath=ancestor::td[@data-date]").get_attribute("data-date")
        target_day = (date.fromisoformat(day) + timedelta(days=1)).isoformat()
        target = grid.locator(f"td[data-date='{target_day}']:not(.fc-day-disabled)")
        if MOVABLE.match(title) and target.count() and date.fromisoformat(day) >= date.today():
            break
    else:
        pytest.fail("no movable post with a free next day in the demo month")
    target.scroll_into_view_if_needed()
    event.scroll_into_view_if_needed()
    source_box, target_box = event.bounding_box(), target.bounding_box()
    page.mouse.move(source_box["x"] + source_box["width"] / 2, source_box["y"] + source_box["height"] / 2)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(source_box["x"] + source_box["width"] / 2 + (target_box["x"] - source_box["x"]) * step / 10,
                        target_box["y"] + 40 * step / 10 + (source_box["y"] - target_box["y"]) * (10 - step) / 10)
        page.wait_for_timeout(30)
    page.mouse.up()
    save_screenshot(page, "calendar-drag")
    page.get_by_text("reprogrammée au").wait_for(timeout=15_000)
    assert not page.locator("[data-testid='stException']").count()
    moved = grid.locator(f"td[data-date='{target_day}'] .fc-event-title", has_text=title)
    moved.first.wait_for(timeout=15_000)
    page.reload()  # the new day comes from the database, not from the browser's memory
    grid = page.frame_locator(GRID_FRAME)
    grid.locator(f"td[data-date='{target_day}'] .fc-event-title", has_text=title).first.wait_for(timeout=30_000)


def test_clicking_a_post_opens_it_in_the_compose_page_every_time(running_app, page):
    grid = _open_calendar(running_app, page)
    for _ in range(2):  # back on the calendar through the menu, the same post opens again
        event = grid.locator(".fc-daygrid-event").first
        event.scroll_into_view_if_needed()
        event.click()
        page.wait_for_url(re.compile(r"/compose\?post=\d+"), timeout=30_000)
        post_id = re.search(r"post=(\d+)", page.url).group(1)
        page.get_by_text(f"Publication n°{post_id}").first.wait_for(timeout=30_000)
        assert not page.locator("[data-testid='stException']").count()
        page.get_by_role("link", name="Calendrier / Calendar").click()
        page.get_by_role("heading", name="Calendrier · Atelier Lumen").wait_for(timeout=30_000)
        grid = page.frame_locator(GRID_FRAME)
        grid.locator(".fc-daygrid-event").first.wait_for(timeout=30_000)
