"""Who is signed in. With sign-in required (``EDITO_REQUIRE_LOGIN``, always when the app listens beyond
localhost), the browser's session token is resumed on every run; single sign-on (Streamlit's ``st.login``,
configured in ``.streamlit/secrets.toml``) maps the identity's email to an active Edito account."""

from __future__ import annotations

import streamlit as st

from calendar_app import resources
from calendar_app.models import User
from calendar_app.services.auth import authenticate, end_session, resume_session, start_session
from calendar_app.services.users import find_user
from calendar_app.settings import get_settings

TOKEN_KEY = "app.session_token"
USER_KEY = "app.user_id"


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
    with resources.session() as session:
        user = resume_session(st.session_state.get(TOKEN_KEY), session=session, hours=hours)
        if user is None and single_sign_on_configured() and st.user.is_logged_in and st.user.get("email"):
            account = find_user(str(st.user["email"]), session=session)
            if account is not None and account.is_active:
                st.session_state[TOKEN_KEY] = start_session(account, session=session, hours=hours)
                user = account
    if user is None:
        st.session_state.pop(TOKEN_KEY, None)
        st.session_state.pop(USER_KEY, None)
    else:
        st.session_state[USER_KEY] = user.id
    return user


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
