"""Writing a post in the browser: the checker and the counter follow the typing (no need to leave the field
or press Ctrl+Enter), an undisclosed partnership is flagged live and the fix clears it, and the saved text
is the one typed."""

import re

import pytest

from tests.e2e.conftest import choose, save_screenshot, wait_for_run

pytestmark = pytest.mark.e2e

PROMO = "NOUVELLE COLLECTION DISPONIBLE dès samedi, -15 % avec mon code LEA15"


def _type_body(page, text: str) -> None:
    body = page.get_by_label("Texte publié")
    body.fill(text)


def _counter(page) -> str:
    return page.get_by_text(re.compile(r"\d+ / \d+ caractères comptés")).inner_text()


def _has_focus(field) -> bool:
    return field.evaluate("area => area.getRootNode().activeElement === area")


def test_the_checker_and_the_counter_follow_the_typing_and_the_typed_text_is_saved(running_app, page):
    page.goto(f"{running_app}/compose")
    page.get_by_role("heading", name="Rédiger").wait_for(timeout=30_000)
    wait_for_run(page)
    body = page.get_by_label("Texte publié")
    body.wait_for(timeout=30_000)
    assert body.get_attribute("placeholder") == "Écrivez ici le texte de la publication…"
    assert not page.get_by_text("Ctrl+Enter", exact=False).count()
    before = _counter(page)
    assert before.startswith("0 / ")

    body.click()
    page.keyboard.type(PROMO, delay=15)  # no blur, no Ctrl+Enter
    page.wait_for_timeout(1500)
    page.get_by_text("SPO001").wait_for(timeout=15_000)
    page.get_by_text("COM005").wait_for(timeout=15_000)
    assert _counter(page).startswith(f"{len(PROMO)} / ")
    assert _has_focus(body)  # still in the field: the findings came while typing
    page.locator("mark").first.wait_for()
    wait_for_run(page)
    save_screenshot(page, "compose")

    # A few more words: the counter follows again, still without leaving the field.
    page.keyboard.type(" Vite !")
    page.get_by_text(re.compile(rf"^{len(PROMO) + 7} / ")).wait_for(timeout=15_000)
    assert _has_focus(body)

    # The last words, then at once a click on Save (before the pause that would send them): saved too.
    page.keyboard.type(" Dernier mot.")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    saved = page.get_by_text(re.compile(r"Brouillon n°\d+ enregistré"))
    saved.wait_for(timeout=30_000)
    post_id = re.search(r"n°(\d+)", saved.inner_text())[1]

    page.goto(f"{running_app}/compose?post={post_id}")  # a new session: the text comes from the database
    page.get_by_text(f"Publication n°{post_id}", exact=False).first.wait_for(timeout=30_000)
    wait_for_run(page)
    assert page.get_by_label("Texte publié").input_value() == PROMO + " Vite ! Dernier mot."
    page.get_by_text("SPO001").wait_for(timeout=15_000)  # the checker runs on the loaded text too


def test_the_checker_flags_an_undisclosed_partnership_and_the_fix_clears_it(running_app, page):
    page.goto(f"{running_app}/compose")
    page.get_by_role("heading", name="Rédiger").wait_for(timeout=30_000)
    choose(page, "Partenariat", "Rémunéré")
    page.get_by_label("Marque partenaire").fill("Maison Verdier")
    page.get_by_label("Marque partenaire").press("Enter")
    choose(page, "Objectif", "Notoriété")
    _type_body(page, "Merci à @maisonverdier pour cette box cocooning, je l'adore ! <img src=x onerror=alert(1)>")
    page.get_by_text("SPO002").wait_for(timeout=30_000)
    page.locator("mark").first.wait_for()  # the preview renders after the list, in the same run
    assert page.get_by_text("<img src=x onerror=alert(1)>", exact=False).count() >= 1  # shown as text

    _type_body(page, "Collaboration commerciale avec @maisonverdier : leur box cocooning, je l'adore !")
    page.get_by_text("SPO002").wait_for(state="detached", timeout=30_000)
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text("enregistré").wait_for(timeout=30_000)
