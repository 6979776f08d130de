"""Two people edit the same post at once, in two browsers: the second save is refused, both versions are
shown side by side, the second person merges them field by field, and the history shows who did what.

Run against the demo app on SQLite (the ``running_app`` every e2e test shares) and on a PostgreSQL schema
of its own (an ``edito app`` started with DATABASE_URL pointing there).
"""

from __future__ import annotations


import pytest
from playwright.sync_api import expect

from calendar_app.components.history import WIDTH
from tests.e2e.conftest import app_environment, choose, launched_app, save_screenshot, wait_for_run

pytestmark = pytest.mark.e2e

TITLE = "Atelier portes ouvertes"
BODY = ("Samedi, l'atelier ouvre ses portes de 10 h à 18 h.\n\n"
        "Venez voir comment naissent nos bougies.\n\n"
        "Qu'aimeriez-vous fabriquer avec nous ?")
HUGO_TITLE = "Atelier portes ouvertes : samedi 10 h – 18 h"
HUGO_BODY = BODY.replace("Samedi,", "Ce samedi,")
INES_TITLE = "Portes ouvertes à l'atelier"
INES_BODY = BODY.replace("nos bougies.", "nos bougies, de la cire à la mèche.")


@pytest.fixture(scope="module")
def postgres_app(tmp_path_factory, postgres_schemas):
    """``edito app`` on a fresh PostgreSQL schema (migrated and seeded with the demo at start, as on SQLite)."""
    home = tmp_path_factory.mktemp("edito-pg-home")
    with launched_app(home, app_environment(home, DATABASE_URL=postgres_schemas.new_url())) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def app_url(request) -> str:
    return request.getfixturevalue("running_app" if request.param == "sqlite" else "postgres_app")


@pytest.fixture
def two_people(browser):
    """Two browsers that share nothing (two Streamlit sessions), like two people on their own machines."""
    contexts = [browser.new_context(viewport={"width": 1400, "height": 900}, locale="fr-FR") for _ in range(2)]
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def _field(page, label: str):
    """A text field of the Compose form (the merge panel's choices bear the same names, but are radio groups)."""
    field = page.locator(f"input[aria-label=\"{label}\"], textarea[aria-label=\"{label}\"]")
    expect(field).to_have_count(1, timeout=30_000)  # a run that moved the form leaves the old one until it ends
    return field


def _type(page, label: str, text: str) -> None:
    field = _field(page, label)
    field.fill(text)
    field.press("Control+Enter" if "\n" in text else "Enter")
    wait_for_run(page)
    expect(_field(page, label)).to_have_value(text, timeout=30_000)


def _open_as(page, url: str, who: str) -> None:
    page.goto(url)
    page.get_by_role("heading", name="Rédiger").wait_for(timeout=60_000)
    wait_for_run(page)
    choose(page, "Vous êtes / You are", who)


def _show(page, element) -> None:
    """Scroll ``element`` to the top of the window, for the screenshot (the app scrolls inside its own pane)."""
    element.evaluate("element => element.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)


def _history(page) -> list[tuple[str, ...]]:
    """The history table's rows (the grid draws on a canvas; its accessible copy holds the text)."""
    page.get_by_text("Historique", exact=True).click()
    table = page.locator("[data-testid='stDataFrame']").last
    table.wait_for()
    page.wait_for_timeout(500)
    cells = table.locator("td[role='gridcell']").all_text_contents()
    return [tuple(cells[start:start + 6]) for start in range(0, len(cells), 6)]


def test_two_people_edit_one_post_and_the_second_merges_instead_of_overwriting(app_url, two_people, request):
    hugo, ines = two_people
    backend = request.node.callspec.params["app_url"]

    # Hugo (editor) writes a post; both he and Inès (admin) then have it open in Compose.
    _open_as(hugo, f"{app_url}/compose", "Hugo Bernard (editor)")
    choose(hugo, "Canal", "Instagram")
    _type(hugo, "Titre", TITLE)
    _type(hugo, "Texte publié", BODY)
    hugo.get_by_role("button", name="Enregistrer le brouillon").click()
    hugo.get_by_text("enregistré").first.wait_for(timeout=30_000)
    post_id = hugo.url.split("post=")[1].split("&")[0]
    _open_as(ines, f"{app_url}/compose?post={post_id}", "Inès Petit (admin)")
    expect(_field(ines, "Titre")).to_have_value(TITLE, timeout=30_000)

    # Both edit; Hugo saves first.
    _type(hugo, "Titre", HUGO_TITLE)
    _type(hugo, "Texte publié", HUGO_BODY)
    _type(ines, "Titre", INES_TITLE)
    _type(ines, "Texte publié", INES_BODY)
    hugo.get_by_role("button", name="Enregistrer les modifications").click()
    hugo.get_by_text("version 2").first.wait_for(timeout=30_000)

    # Inès saves: refused, nothing overwritten, both versions side by side.
    ines.get_by_role("button", name="Enregistrer les modifications").click()
    panel = ines.locator(".st-key-compose-merge-" + post_id)
    panel.get_by_role("heading", name="Fusionner les deux versions").wait_for(timeout=30_000)
    wait_for_run(ines)  # the rest of the panel is drawn in the same run
    assert ines.get_by_text("Hugo Bernard a enregistré cette publication").is_visible()
    for text in (HUGO_TITLE, INES_TITLE):
        assert panel.get_by_text(text, exact=True).is_visible()
    merged = panel.get_by_label("Texte fusionné (modifiable)")
    assert "Ce samedi," in merged.input_value() and "de la cire à la mèche" in merged.input_value()
    wait_for_run(ines)
    ines.set_viewport_size({"width": 1400, "height": 1300})  # the whole merge panel in one picture
    _show(ines, panel)
    save_screenshot(ines, f"compose-merge-{backend}")
    ines.set_viewport_size({"width": 1400, "height": 900})

    # She keeps Hugo's title and her own text, and saves the merge on top of Hugo's version.
    panel.get_by_role("radiogroup", name="Titre").get_by_text("Garder la leur").click()
    wait_for_run(ines)
    panel.get_by_role("radiogroup", name="Texte publié").get_by_text("Garder la mienne").click()
    wait_for_run(ines)
    ines.get_by_role("button", name="Enregistrer la fusion").click()
    ines.get_by_text("Fusion enregistrée").wait_for(timeout=30_000)
    expect(panel).to_have_count(0, timeout=30_000)  # gone once the run that saved it has ended

    # A fresh load shows the merged post, version 3, and the history names both of them.
    ines.reload()
    ines.get_by_role("heading", name="Rédiger").wait_for(timeout=60_000)
    expect(ines.get_by_text(f"Publication n°{post_id} · Brouillon · version 3")).to_be_visible(timeout=30_000)
    expect(_field(ines, "Titre")).to_have_value(HUGO_TITLE, timeout=30_000)
    expect(_field(ines, "Texte publié")).to_have_value(INES_BODY, timeout=30_000)
    history = _history(ines)
    _show(ines, ines.locator("[data-testid='stExpander']").filter(has_text="Historique"))
    save_screenshot(ines, f"compose-history-{backend}")
    who_did_what = [(who, action, field) for _, who, action, field, _, _ in history]
    assert who_did_what[0] == ("Inès Petit", "Modification", "Texte publié")  # her merge: only her text
    assert set(who_did_what[1:3]) == {("Hugo Bernard", "Modification", "Titre"),
                                      ("Hugo Bernard", "Modification", "Texte publié")}
    assert who_did_what[3:] == [("Hugo Bernard", "Création", "")]
    title_change = next((before, after) for _, _, _, field, before, after in history if field == "Titre")
    assert title_change == (TITLE, HUGO_TITLE[:WIDTH].rstrip() + "…")  # long values are cut, as text
