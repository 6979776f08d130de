"""Sign-in in the real browser: mandatory when the app listens beyond localhost; members see only their brand."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from tests.e2e.conftest import EDITO, app_environment, launched_app, save_screenshot, wait_for_run

@pytest.fixture(scope="module")
def exposed_app(tmp_path_factory) -> Iterator[tuple[str, dict]]:
    """``edito demo`` then ``edito app --address 0.0.0.0``: listening beyond localhost."""
    home = tmp_path_factory.mktemp("edito-exposed")
    env = app_environment(home)
    subprocess.run([EDITO, "demo"], env=env, cwd=home, check=True, capture_output=True, timeout=180)
    with launched_app(home, env, "--address", "0.0.0.0") as url:
        yield url, env


def sign_in(page, url: str, email: str, password: str) -> None:
    page.goto(url)
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def test_beyond_localhost_nothing_shows_before_sign_in(page, exposed_app):
    url, _ = exposed_app
    page.goto(url + "/calendar")
    page.get_by_text("Connexion à Edito").wait_for()
    assert page.get_by_text("Atelier Lumen").count() == 0  # no brand, no post before sign-in
    sign_in(page, url, "hugo@atelier-lumen.example", "wrong password")
    page.get_by_text("E-mail ou mot de passe incorrect").wait_for()
    save_screenshot(page, "login")


def test_a_member_signs_in_sees_only_their_brand_and_signs_out(page, exposed_app):
    url, _ = exposed_app
    sign_in(page, url, "hugo@atelier-lumen.example", "edito-demo")
    page.get_by_text("Connecté·e : Hugo Bernard").wait_for()
    page.get_by_text("Comptes de démonstration actifs").wait_for()  # the demo banner
    page.get_by_role("link", name="Calendrier / Calendar").wait_for()
    page.get_by_text("Atelier Lumen").first.wait_for()
    assert page.get_by_text("Northwind Roasters").count() == 0  # not his brand
    wait_for_run(page)
    save_screenshot(page, "signed-in")
    page.get_by_role("button", name="Se déconnecter").click()
    page.get_by_text("Connexion à Edito").wait_for()


def test_a_reload_keeps_the_session_and_a_sign_out_ends_it_for_good(page, exposed_app):
    url, _ = exposed_app
    sign_in(page, url, "sam@northwind.example", "edito-demo")
    page.get_by_text("Connecté·e : Sam Taylor").wait_for()
    page.wait_for_function("document.cookie.includes('edito_session=')")
    cookie = next(c for c in page.context.cookies() if c["name"] == "edito_session")
    assert cookie["sameSite"] == "Strict" and cookie["expires"] == -1  # gone when the browser closes

    page.goto(url + "/review")
    page.get_by_text("Connecté·e : Sam Taylor").wait_for()  # a new page load, still signed in
    page.reload()
    page.get_by_text("Connecté·e : Sam Taylor").wait_for()

    page.get_by_role("button", name="Se déconnecter").click()
    page.get_by_text("Connexion à Edito").wait_for()
    page.wait_for_function("!document.cookie.includes('edito_session=')")
    page.reload()
    page.get_by_text("Connexion à Edito").wait_for()
    # The ended session's token is worthless even if a copy of the cookie comes back.
    page.context.add_cookies([{"name": "edito_session", "value": cookie["value"], "url": url}])
    page.goto(url + "/calendar")
    page.get_by_text("Connexion à Edito").wait_for()
    assert page.get_by_text("Connecté·e").count() == 0


def test_disabling_an_account_ends_its_session(page, exposed_app):
    url, env = exposed_app
    sign_in(page, url, "camille@atelier-lumen.example", "edito-demo")
    page.get_by_text("Connecté·e : Camille Martin").wait_for()
    subprocess.run([EDITO, "user", "disable", "camille@atelier-lumen.example"], env=env, check=True,
                   capture_output=True, timeout=120)
    page.get_by_role("link", name="Relecture / Review").click()
    page.get_by_text("Connexion à Edito").wait_for()
