"""The trash and settings pages in the browser: a deleted post is listed and restored; an admin sees the settings."""

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from calendar_app.db import make_engine, session_scope
from calendar_app.models import Post, User, Workspace
from calendar_app.services import posts
from tests.e2e.conftest import choose, save_screenshot, wait_for_run

pytestmark = pytest.mark.e2e


@pytest.fixture
def deleted_titles(running_app, tmp_path_factory) -> list[str]:
    """Two demo posts moved to the trash by an editor, in the database of the running app."""
    databases = sorted(tmp_path_factory.getbasetemp().glob("edito-home*/data/edito.db"))
    assert databases, "the running app's database was not found"
    engine = make_engine(f"sqlite:///{databases[-1]}")
    try:
        with session_scope(engine) as session:
            lumen = session.exec(select(Workspace).where(Workspace.name == "Atelier Lumen")).one()
            hugo = session.exec(select(User).where(User.name == "Hugo Bernard")).one()
            chosen = session.exec(select(Post).where(Post.workspace_id == lumen.id, Post.title != "",
                                                     Post.deleted_at.is_(None)).order_by(Post.id).limit(2)).all()
            for post in chosen:
                posts.delete_post(post.id, expected_version=post.version, session=session, actor_id=hugo.id)
            return [post.title for post in reversed(chosen)]
    finally:
        engine.dispose()


def test_the_trash_lists_deleted_posts_and_restores_one(running_app, page, deleted_titles):
    page.goto(f"{running_app}/trash")
    page.get_by_role("heading", name="Corbeille · Atelier Lumen").wait_for(timeout=30_000)
    choose(page, "Vous êtes / You are", "Hugo Bernard (editor)")  # writers restore only their own posts
    page.get_by_text(deleted_titles[0], exact=True).wait_for(timeout=30_000)
    expect(page.get_by_text("Supprimée par Hugo Bernard le")).to_have_count(2, timeout=30_000)
    page.wait_for_timeout(500)
    save_screenshot(page, "trash")

    page.get_by_role("button", name="Restaurer").last.click()
    page.get_by_text(f"« {deleted_titles[1]} » est de retour dans le calendrier.").wait_for(timeout=30_000)
    expect(page.get_by_role("button", name="Restaurer")).to_have_count(1, timeout=30_000)
    expect(page.get_by_text(deleted_titles[1], exact=True)).to_have_count(0)


def test_an_admin_sees_the_settings(running_app, page):
    page.goto(f"{running_app}/settings")
    page.get_by_role("heading", name="Réglages · Atelier Lumen").wait_for(timeout=30_000)
    page.get_by_text("Lecture seule").wait_for(timeout=30_000)  # the first demo member is a writer
    choose(page, "Vous êtes / You are", "Inès Petit (admin)")
    page.get_by_text("Lecture seule").wait_for(state="detached", timeout=30_000)
    voice = page.get_by_label("Adresse au lecteur")
    expect(voice).to_have_count(1, timeout=30_000)  # the read-only form of the previous run is gone
    expect(voice).to_be_enabled()
    page.wait_for_timeout(800)
    save_screenshot(page, "settings")
    for tab, name in (("Canaux", "settings-channels"), ("Relecture automatique", "settings-checker")):
        page.get_by_role("tab", name=tab).click()
        wait_for_run(page)
        page.wait_for_timeout(500)
        save_screenshot(page, name)
    page.get_by_role("tab", name="Membres").click()
    wait_for_run(page)
    members = page.locator("[data-testid='stDataFrame']").filter(visible=True)
    members.first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)  # the grid paints its canvas after it is attached
    cells = members.first.locator("td[role='gridcell']").all_text_contents()
    assert {"Camille Martin", "Hugo Bernard", "Inès Petit"} <= set(cells)
    expect(page.get_by_role("button", name="Ajouter un membre")).to_be_enabled()
    save_screenshot(page, "settings-members")

    # An admin adds a member in the browser; the new account can sign in (checked through the service).
    page.get_by_label("Nom", exact=True).filter(visible=True).first.fill("Nora Lefèvre")
    page.get_by_label("E-mail", exact=True).filter(visible=True).first.fill("nora@atelier-lumen.example")
    page.get_by_role("textbox", name="Mot de passe initial").fill("une phrase assez longue")
    page.get_by_role("button", name="Ajouter un membre").click()
    page.get_by_text("« Nora Lefèvre » a maintenant accès à cette marque.").wait_for(timeout=30_000)
    wait_for_run(page)
    page.wait_for_timeout(1000)  # the grid paints its canvas after it is attached
    save_screenshot(page, "settings-member-added")
    cells = page.locator("[data-testid='stDataFrame']").filter(visible=True).first.locator(
        "td[role='gridcell']").all_text_contents()
    assert {"Nora Lefèvre", "nora@atelier-lumen.example"} <= set(cells)
    assert page.get_by_label("E-mail", exact=True).filter(visible=True).first.input_value() == ""  # ready for the next
