"""Who is signed in. With sign-in required (``EDITO_REQUIRE_LOGIN``, always when the app listens beyond
localhost), the browser's session token is resumed on every run; single sign-on (Streamlit's ``st.login``,
configured in ``.streamlit/secrets.toml``) maps the identity's email to an active Edito account.

The token also lives in a browser-session cookie, so reloading the page keeps the user signed in until
the browser closes, the session expires or they sign out (the server ends the session; the cookie is
then worthless and cleared)."""

from __future__ import annotations

import re

import streamlit as st

from calendar_app import resources
from calendar_app.models import User
from calendar_app.services.auth import authenticate, end_session, resume_session, start_session
from calendar_app.services.users import find_user
from calendar_app.settings import get_settings

TOKEN_KEY = "app.session_token"
USER_KEY = "app.user_id"
COOKIE = "edito_session"
COOKIE_WRITTEN_KEY = "app.session_cookie"  # what this tab last told the browser to keep in the cookie
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,100}")  # secrets.token_urlsafe: nothing to escape in a script


def login_required() -> bool:
    return get_settings().require_login


def single_sign_on_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets.toml at all
        return False


def current_user() -> User | None:
    """The signed-in user, or None; an expired session signs the browser out."""
    hours = get_settings().session_hours
    token = st.session_state.get(TOKEN_KEY) or st.context.cookies.get(COOKIE)
    with resources.session() as session:
        user = resume_session(token, session=session, hours=hours)
        if user is None and single_sign_on_configured() and st.user.is_logged_in and st.user.get("email"):
            account = find_user(str(st.user["email"]), session=session)
            if account is not None and account.is_active:
                st.session_state[TOKEN_KEY] = start_session(account, session=session, hours=hours)
                user = account
    if user is None:
        st.session_state.pop(TOKEN_KEY, None)
        st.session_state.pop(USER_KEY, None)
    else:
        st.session_state[TOKEN_KEY] = st.session_state.get(TOKEN_KEY) or token
        st.session_state[USER_KEY] = user.id
    return user


def keep_session_cookie() -> None:
    """Make the browser's cookie hold this tab's session token (or nothing once signed out); a script
    element is drawn only when the cookie must change."""
    wanted = st.session_state.get(TOKEN_KEY) or ""
    written = st.session_state.setdefault(COOKIE_WRITTEN_KEY, st.context.cookies.get(COOKIE) or "")
    if wanted == written or (wanted and not _TOKEN_SHAPE.fullmatch(wanted)):
        return
    expiry = "" if wanted else "; max-age=0"
    st.sidebar.html(
        f"<script>document.cookie = '{COOKIE}={wanted}; path=/; SameSite=Strict{expiry}'"
        " + (location.protocol === 'https:' ? '; Secure' : '');</script>", unsafe_allow_javascript=True)
    st.session_state[COOKIE_WRITTEN_KEY] = wanted


def sign_in(email: str, password: str) -> None:
    """Check the credentials and open a session (raises SignInError with one message for every failure)."""
    with resources.session() as session:
        user = authenticate(email, password, session=session)
        st.session_state[TOKEN_KEY] = start_session(user, session=session, hours=get_settings().session_hours)
        st.session_state[USER_KEY] = user.id


def sign_out() -> None:
    with resources.session() as session:
        end_session(st.session_state.pop(TOKEN_KEY, None), session=session)
    st.session_state.pop(USER_KEY, None)
    if single_sign_on_configured() and st.user.is_logged_in:
        st.logout()
