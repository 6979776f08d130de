"""A real team starting from zero, in Chromium: ``edito app --address 0.0.0.0`` on an empty database, the first
admin created from the command line, then everything else in the app (a brand, two channels, a writer), and the
writer's first draft. Each step's screenshot goes to docs/screenshots/team-*.png."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import EDITO, app_environment, choose, started_app, wait_for_run

pytestmark = pytest.mark.e2e

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ADMIN_PASSWORD = "premier admin 2026"
WRITER_PASSWORD = "hugo écrit 2026!"


def _shot(page, name: str) -> None:
    page.wait_for_timeout(400)  # tables paint their canvas after they are attached
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS_SCREENSHOTS / f"{name}.png"), full_page=True)


def _sign_in(page, email: str, password: str) -> None:
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    wait_for_run(page)


def _no_english_leftovers(page, heading: str) -> None:
    """The page (its main part: the menu is bilingual on purpose) shows ``heading`` and no English label."""
    shown = page.locator("[data-testid='stMain']").inner_text()
    assert heading in shown
    for leftover in ("Choose", "option", "Step ", "Brand", "Add this", "Sign in", "Welcome", "Save", "Channel",
                     "Press Enter", "None"):
        assert leftover not in shown, leftover
    assert not page.locator("[data-testid='stException']").count()


def _field(page, label: str):
    """The input labelled ``label`` (``get_by_label`` also finds the "?" button of a field with help)."""
    return page.locator(f"input[aria-label='{label}']")


def _add_channel(page, platform: str, name: str, per_week: str) -> None:
    choose(page, "Plateforme", platform)
    page.get_by_label("Nom affiché").fill(name)
    _field(page, "Publications prévues par semaine").fill(per_week)
    page.get_by_role("button", name="Ajouter ce canal").click()
    page.get_by_text(f"Canal « {name} » ajouté.").wait_for(timeout=30_000)
    wait_for_run(page)


def test_a_team_starts_from_zero_admin_brand_channels_writer_and_a_first_draft(browser, tmp_path):
    env = app_environment(tmp_path)
    with started_app(tmp_path, env, "--address", "0.0.0.0") as (_, url):
        printed = (tmp_path / "app.log").read_text()
        assert "No account yet: create the first admin" in printed
        assert 'edito user add EMAIL --name "FIRST LAST" --role admin' in printed

        admin = browser.new_context(viewport={"width": 1400, "height": 900}, locale="fr-FR")
        page = admin.new_page()
        page.goto(url)
        page.get_by_text("Aucun compte pour l'instant").wait_for(timeout=30_000)
        page.get_by_text('edito user add EMAIL --name "Prénom Nom" --role admin').wait_for()
        assert page.get_by_label("Mot de passe").count() == 0  # no form nobody could use yet
        _no_english_leftovers(page, "Connexion à Edito")
        _shot(page, "team-01-first-admin")

        created = subprocess.run(
            [EDITO, "user", "add", "ines@maison-verte.example", "--name", "Inès Petit", "--role", "admin",
             "--password-stdin"], input=ADMIN_PASSWORD + "\n", env=env, cwd=tmp_path, capture_output=True,
            text=True, timeout=120)
        assert created.returncode == 0, created.stderr
        page.get_by_role("button", name="C'est fait : me connecter").click()
        wait_for_run(page)
        _sign_in(page, "ines@maison-verte.example", ADMIN_PASSWORD)

        # Step 1: the brand (a timezone typed wrong is refused first, and nothing is written)
        page.get_by_text("Étape 1 sur 3 · La marque").wait_for(timeout=30_000)
        assert page.get_by_text("Connecté·e : Inès Petit").count() == 1
        page.get_by_label("Nom", exact=True).fill("Maison Verte")
        choose(page, "Adresse au lecteur", "Tutoiement (tu)")
        timezone = page.get_by_label("Fuseau horaire")
        timezone.click()
        timezone.fill("Mars/Olympus")
        timezone.press("Enter")
        wait_for_run(page)
        page.get_by_role("button", name="Créer la marque").click()
        page.get_by_text("« Mars/Olympus » n'est pas un fuseau horaire IANA").wait_for(timeout=30_000)
        wait_for_run(page)
        assert page.locator("[data-testid='stAlertContentError']").count() == 1
        _no_english_leftovers(page, "Étape 1 sur 3")
        _shot(page, "team-02-brand")
        choose(page, "Fuseau horaire", "Europe/Paris")
        page.get_by_role("button", name="Créer la marque").click()

        # Step 2: two channels
        page.get_by_text("Étape 2 sur 3 · Les canaux").wait_for(timeout=30_000)
        page.get_by_text("Marque « Maison Verte » créée.").wait_for()
        assert page.get_by_role("button", name="Continuer").is_disabled()
        _add_channel(page, "LinkedIn", "Maison Verte sur LinkedIn", "3")
        _add_channel(page, "Instagram", "@maisonverte", "5")
        _no_english_leftovers(page, "Étape 2 sur 3")
        _shot(page, "team-03-channels")
        page.get_by_role("button", name="Continuer").click()

        # Step 3: the team: a writer with an initial password
        page.get_by_text("Étape 3 sur 3 · L'équipe").wait_for(timeout=30_000)
        page.get_by_label("Nom", exact=True).fill("Hugo Bernard")
        page.get_by_label("E-mail", exact=True).fill("hugo@maison-verte.example")
        _field(page, "Mot de passe initial").fill(WRITER_PASSWORD)
        assert page.get_by_label("Rôle").input_value() == "rédacteur·rice"
        page.get_by_role("button", name="Ajouter ce membre").click()
        page.get_by_text("« Hugo Bernard » a maintenant accès à cette marque.").wait_for(timeout=30_000)
        wait_for_run(page)
        assert _field(page, "Mot de passe initial").input_value() == ""  # not kept in the page
        _no_english_leftovers(page, "Étape 3 sur 3")
        _shot(page, "team-04-team")

        page.get_by_role("button", name="Terminer : ouvrir le calendrier").click()
        page.get_by_role("heading", name="Calendrier · Maison Verte").wait_for(timeout=30_000)
        wait_for_run(page)
        assert page.get_by_label("Marque / Brand").input_value() == "Maison Verte"  # the picker lists it
        _no_english_leftovers(page, "Calendrier · Maison Verte")
        _shot(page, "team-05-calendar")

        # The writer, in a browser of their own, signs in and saves a first draft
        writer = browser.new_context(viewport={"width": 1400, "height": 1500}, locale="fr-FR")  # all of Compose
        hugo = writer.new_page()
        hugo.goto(url)
        hugo.get_by_text("Connexion à Edito").wait_for(timeout=30_000)
        _sign_in(hugo, "hugo@maison-verte.example", WRITER_PASSWORD)
        hugo.get_by_role("heading", name="Calendrier · Maison Verte").wait_for(timeout=30_000)
        assert hugo.get_by_role("link", name="Nouvelle marque / New brand").count() == 0  # admins only
        hugo.get_by_role("link", name="Rédiger / Compose").click()
        hugo.get_by_role("heading", name="Rédiger").wait_for(timeout=30_000)
        choose(hugo, "Canal", "@maisonverte")
        hugo.get_by_label("Titre").fill("Nos pots en terre cuite")
        body = hugo.get_by_label("Texte publié")
        body.fill("Tu cherches un pot qui respire ? Nos pots en terre cuite sont tournés à la main à Anduze. "
                  "Lequel irait chez toi ?")
        body.press("Control+Enter")
        wait_for_run(hugo)
        hugo.get_by_role("button", name="Enregistrer le brouillon").click()
        hugo.get_by_text("enregistré").first.wait_for(timeout=30_000)
        wait_for_run(hugo)
        _no_english_leftovers(hugo, "Brouillon n°1 enregistré.")
        _shot(hugo, "team-06-writer-draft")
        writer.close()
        admin.close()

    with sqlite3.connect(tmp_path / "data" / "edito.db") as database:
        brands = database.execute("SELECT name, voice, timezone FROM workspace").fetchall()
        channels = database.execute("SELECT display_name, platform, posts_per_week FROM channel "
                                    "ORDER BY display_name").fetchall()
        drafts = database.execute('SELECT post.title, post.status, "user".email FROM post '
                                  'JOIN "user" ON "user".id = post.author_id').fetchall()
        audited = database.execute('SELECT entity, "user".email FROM audit_event JOIN "user" ON "user".id = actor_id '
                                   "WHERE action = 'create' ORDER BY audit_event.id").fetchall()
    assert brands == [("Maison Verte", "tu", "Europe/Paris")]
    assert channels == [("@maisonverte", "instagram", 5.0), ("Maison Verte sur LinkedIn", "linkedin", 3.0)]
    assert drafts == [("Nos pots en terre cuite", "draft", "hugo@maison-verte.example")]
    assert ("workspace", "ines@maison-verte.example") in audited
    assert ("user", "ines@maison-verte.example") in audited  # Hugo's account, created by Inès
    assert ("post", "hugo@maison-verte.example") in audited
