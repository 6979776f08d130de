"""Single sign-on through Streamlit's st.login, against a real OpenID Connect provider on localhost
(oidc-provider-mock): the identity's email maps to an active Edito account; an unknown one gets nothing."""

from __future__ import annotations

import secrets
import subprocess
from collections.abc import Iterator

import oidc_provider_mock
import pytest

from tests.e2e.conftest import EDITO, _free_port, app_environment, launched_app, save_screenshot



@pytest.fixture(scope="module")
def sso_app(tmp_path_factory) -> Iterator[str]:
    users = [oidc_provider_mock.User(sub="hugo", claims={"email": "hugo@atelier-lumen.example", "name": "Hugo"}),
             oidc_provider_mock.User(sub="stranger", claims={"email": "stranger@elsewhere.example"})]
    with oidc_provider_mock.run_server_in_thread(user_claims=users) as provider:
        provider_url = f"http://localhost:{provider.server_port}"
        home = tmp_path_factory.mktemp("edito-sso")
        port = _free_port()  # the redirect URI needs the port before the app starts
        (home / ".streamlit").mkdir()
        (home / ".streamlit" / "secrets.toml").write_text(
            "[auth]\n"
            f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(16)}"\n'
            'client_id = "edito"\nclient_secret = "edito-secret"\n'
            f'server_metadata_url = "{provider_url}/.well-known/openid-configuration"\n', encoding="utf-8")
        env = app_environment(home, EDITO_REQUIRE_LOGIN="1")
        subprocess.run([EDITO, "demo"], env=env, cwd=home, check=True, capture_output=True, timeout=180)
        with launched_app(home, env, port=port) as url:
            yield url


def _sso(page, url: str, sub: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Se connecter avec l'authentification unique (SSO)").click()
    page.locator("input[name=sub]").fill(sub)  # the provider's own sign-in form
    page.get_by_role("button", name="Authorize").click()


def test_a_known_identity_is_signed_in(page, sso_app):
    _sso(page, sso_app, "hugo")
    page.get_by_text("Connecté·e : Hugo Bernard").wait_for()
    save_screenshot(page, "single-sign-on")


def test_an_identity_without_an_account_gets_nothing(page, sso_app):
    _sso(page, sso_app, "stranger")
    page.get_by_text("Aucun compte Edito actif pour stranger@elsewhere.example").wait_for()
    assert page.get_by_text("Connecté·e").count() == 0
