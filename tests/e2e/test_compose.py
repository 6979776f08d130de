"""Writing a post in the browser: the checker flags an undisclosed partnership live, and the fix clears it."""

import pytest

from tests.e2e.conftest import choose, save_screenshot

pytestmark = pytest.mark.e2e


def _type_body(page, text: str) -> None:
    body = page.get_by_label("Texte publié")
    body.fill(text)
    body.press("Control+Enter")


def test_the_checker_flags_an_undisclosed_partnership_as_you_type(running_app, page):
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
    page.wait_for_timeout(500)
    save_screenshot(page, "compose")

    _type_body(page, "Collaboration commerciale avec @maisonverdier : leur box cocooning, je l'adore !")
    page.get_by_text("SPO002").wait_for(state="detached", timeout=30_000)
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text("enregistré").wait_for(timeout=30_000)
