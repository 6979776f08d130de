"""The sign-in page with Streamlit's AppTest: a wrong password gets one message, repeated ones a wait."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

import calendar_app
from calendar_app.components.signed_in import TOKEN_KEY
from calendar_app.services.auth import sign_in_throttle

LOGIN_PAGE = str(Path(calendar_app.__file__).parent / "views" / "login.py")


def sign_in(app: AppTest, email: str, password: str) -> AppTest:
    app.text_input(key="login.email").input(email)
    app.text_input(key="login.password").input(password)
    return app.button[0].click().run()


def test_wrong_passwords_get_one_message_then_a_wait(demo_engine):
    app = AppTest.from_file(LOGIN_PAGE, default_timeout=60).run()
    for _ in range(sign_in_throttle.max_failures):
        sign_in(app, "hugo@atelier-lumen.example", "not the password")
        assert [error.value for error in app.error] == ["E-mail ou mot de passe incorrect, ou compte désactivé."]
    sign_in(app, "hugo@atelier-lumen.example", "edito-demo")  # right, but too late
    assert [error.value for error in app.error] == [
        "Trop d'essais manqués pour cette adresse : réessayez dans 15 min."]
    assert TOKEN_KEY not in app.session_state and not app.exception


def test_the_right_password_opens_a_session(demo_engine):
    app = sign_in(AppTest.from_file(LOGIN_PAGE, default_timeout=60).run(), "hugo@atelier-lumen.example", "edito-demo")
    assert not app.error and not app.exception
    assert app.session_state[TOKEN_KEY]
