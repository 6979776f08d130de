"""The review workflow in the browser: a writer fixes an undisclosed partnership flagged by the checker and
submits the post, an editor approves it, and the calendar shows it on its day."""

import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.conftest import choose, save_screenshot, wait_for_run

pytestmark = pytest.mark.e2e

TITLE = "Box cocooning avec Maison Verdier"
UNDISCLOSED = "Merci à @maisonverdier pour cette box cocooning, on l'adore ! Et vous, quelle est votre pièce préférée ?"
DISCLOSED = ("Collaboration commerciale avec Maison Verdier : leur box cocooning, on l'adore ! "
             "Et vous, quelle est votre pièce préférée ?")
WEEKDAYS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")


def _type(page, label: str, text: str) -> None:
    field = page.get_by_label(label)
    field.fill(text)
    field.press("Control+Enter")


def _choose_day(page, label: str, day) -> None:
    """Type a day into a Streamlit date field (day, month and year segments), then leave it to commit."""
    page.get_by_role("spinbutton", name=f"day, {label}").click()
    page.keyboard.type(f"{day:%d%m%Y}")
    page.keyboard.press("Tab")
    wait_for_run(page)


def _shown_day(page, label: str) -> tuple[int, int, int]:
    return tuple(int(page.get_by_role("spinbutton", name=f"{part}, {label}").get_attribute("aria-valuenow"))
                 for part in ("day", "month", "year"))


def _chosen(page, label: str) -> str:
    """What a select box shows (its value is drawn beside the combobox, or held in it)."""
    box = page.locator("[data-testid='stSelectbox']").filter(has=page.get_by_label(label))
    return f"{box.text_content()} {box.get_by_role('combobox').input_value()}"


def _open(page, title: str) -> None:
    """Go to another page through the menu, in the same session (so the sidebar's choices stay)."""
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title).click()


def test_a_writer_submits_a_fixed_post_an_editor_approves_it_and_the_calendar_shows_it(running_app, page):
    day = datetime.now(ZoneInfo("Europe/Paris")).date() + timedelta(days=3)

    # The writer writes a French post about a paid partnership, without saying so.
    page.goto(f"{running_app}/compose")
    page.get_by_role("heading", name="Rédiger").wait_for(timeout=30_000)
    choose(page, "Vous êtes / You are", "Camille Martin (writer)")
    wait_for_run(page)
    choose(page, "Canal", "Instagram")
    wait_for_run(page)
    page.get_by_label("Titre").fill(TITLE)
    page.get_by_label("Titre").press("Enter")
    choose(page, "Partenariat", "Rémunéré")
    wait_for_run(page)
    page.get_by_label("Marque partenaire").fill("Maison Verdier")
    page.get_by_label("Marque partenaire").press("Enter")
    choose(page, "Objectif", "Notoriété")
    _choose_day(page, "Jour", day)
    _type(page, "Texte publié", UNDISCLOSED)
    page.get_by_text("SPO002").wait_for(timeout=30_000)
    page.locator("mark").first.wait_for()
    assert _shown_day(page, "Jour") == (day.day, day.month, day.year)
    save_screenshot(page, "review-flow-1-compose-finding")

    # She discloses the partnership, saves, and sends the post to review.
    _type(page, "Texte publié", DISCLOSED)
    page.get_by_text("SPO002").wait_for(state="detached", timeout=30_000)
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text(re.compile(r"Brouillon n°\d+ enregistré")).wait_for(timeout=30_000)
    post_id = re.search(r"n°(\d+)", page.get_by_text(re.compile(r"Brouillon n°\d+ enregistré")).inner_text())[1]
    assert f"post={post_id}" in page.url  # the address now opens this post
    page.get_by_role("button", name="Soumettre à la relecture").click()
    page.get_by_text(f"Publication n°{post_id} · En relecture").wait_for(timeout=30_000)
    save_screenshot(page, "review-flow-2-compose-submitted")

    # The editor opens the review queue and approves it.
    choose(page, "Vous êtes / You are", "Hugo Bernard (editor)")
    wait_for_run(page)
    _open(page, "Relecture / Review")
    page.get_by_role("heading", name="Relecture").wait_for(timeout=30_000)
    card = page.locator(f".st-key-review-post-{post_id}")
    card.wait_for(timeout=30_000)
    assert "Hugo Bernard (editor)" in _chosen(page, "Vous êtes / You are")  # the choice survives the page change
    card.get_by_text(TITLE).wait_for()
    card.get_by_text("Aucun problème détecté.").wait_for(timeout=30_000)  # the findings come later in the run
    wait_for_run(page)
    card.scroll_into_view_if_needed()
    card_text = card.inner_text()
    assert "par Camille Martin" in card_text and "Instagram" in card_text
    assert f"{WEEKDAYS[day.weekday()]} {day:%d/%m} 09:00" in card_text
    assert "Aucun problème détecté." in card_text
    save_screenshot(page, "review-flow-3-review-queue")
    card.get_by_role("button", name="Valider").click()
    page.get_by_text(f"« {TITLE} » est validée.").wait_for(timeout=30_000)
    card.wait_for(state="detached", timeout=30_000)
    assert not page.locator("[data-testid='stException']").count()
    save_screenshot(page, "review-flow-4-review-approved")

    # The calendar shows the post on its day (a table of posts or a grid of days: only visible text counts).
    _open(page, "Calendrier / Calendar")
    page.get_by_role("heading", name=re.compile("Calendrier")).wait_for(timeout=30_000)
    page.wait_for_timeout(1500)  # a data grid paints its canvas after it is attached
    assert not page.locator("[data-testid='stException']").count()
    wait_for_run(page)
    shown = _on_its_day(page, TITLE, day)
    save_screenshot(page, "review-flow-5-calendar")
    assert shown is not None, f"{TITLE!r} is not shown on {day:%d/%m}"
    assert "Validée" in shown  # with its new status


def _on_its_day(page, text: str, day, timeout: float = 30) -> str | None:
    """Find ``text`` on the page or in one of its frames (a calendar component draws in an iframe, which
    may be drawn again while we look: then look again), and say whether it is shown on ``day``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                found = frame.get_by_text(text, exact=False)
                for index in range(found.count()):
                    entry = found.nth(index)
                    if not entry.is_visible() or entry.locator("xpath=ancestor::*[@data-testid='stToast']").count():
                        continue  # the review page's toast names the post too
                    entry.scroll_into_view_if_needed(timeout=5_000)
                    return _shown_on_day(entry, day)
            except PlaywrightError:
                continue
        page.wait_for_timeout(500)
    raise AssertionError(f"{text!r} is not shown on the page")


def _shown_on_day(entry, day) -> str | None:
    """The post's entry sits in a row (table: « jeu. 26/11 ») or a cell (grid: a line with just « 26 »)
    that names its day: the closest ancestor naming any day must name this one. Returns that text."""
    dated = re.compile(r"\b(\d{1,2})/(\d{1,2})\b")
    numbered = re.compile(r"^\s*(\d{1,2})\s*$", re.MULTILINE)
    for depth in range(1, 15):
        around = entry.locator(f"xpath=ancestor::*[{depth}]")
        if not around.count():
            return None
        text = around.inner_text()
        days = [(int(d), int(m)) for d, m in dated.findall(text)]
        numbers = {int(number) for number in numbered.findall(text)}
        if days or numbers:
            right = set(days) == {(day.day, day.month)} if days else numbers == {day.day}
            return text if right else None
    return None
