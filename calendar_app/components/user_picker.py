"""Who is using the app. With sign-in required, the signed-in user (and a sign-out button); on a local
single-user install (localhost, sign-in not required), chosen in the sidebar among the team. Either way
the services check the user's role and workspaces, so what a role cannot do is refused, not just hidden.
``account_box`` (on every page, through the brand selector) shows who is signed in, the sign-out button,
and a banner while demo accounts are active."""

from __future__ import annotations

import streamlit as st

from calendar_app import resources
from calendar_app.components.signed_in import (
    USER_KEY,
    current_user,
    keep_session_cookie,
    login_required,
    sign_out,
)
from calendar_app.components.plain_text import escape_markdown
from calendar_app.i18n import t
from calendar_app.models import User
from calendar_app.services.users import list_users

SESSION_KEY = USER_KEY


def choose_user() -> User | None:
    if login_required():
        return current_user()
    with resources.session() as session:
        team = [user for user in list_users(session=session) if user.is_active]
    if not team:
        return None
    by_id = {user.id: user for user in team}
    # Set on every run: widget ids differ from page to page, so without this the choice would fall back to
    # the first option whenever the user opens another page.
    chosen = st.session_state.get(SESSION_KEY)
    st.session_state[SESSION_KEY] = chosen if chosen in by_id else team[0].id
    chosen = st.sidebar.selectbox("Vous êtes / You are", options=list(by_id), key=SESSION_KEY,
                                  format_func=lambda key: f"{by_id[key].name} ({by_id[key].role})")
    return by_id[chosen]


def account_box() -> None:
    """Sidebar: the demo banner while demo accounts are active; who is signed in, and sign-out."""
    with resources.session() as session:
        demo_active = any(user.is_demo and user.is_active for user in list_users(session=session))
    if demo_active:
        st.sidebar.warning(t("demo_banner"), icon=":material/science:")
    if login_required():
        user = current_user()
        if user is not None:
            st.sidebar.caption(t("signed_in_as", name=escape_markdown(user.name), role=user.role))
            st.sidebar.button(t("sign_out"), on_click=sign_out, key="app.sign_out")
        keep_session_cookie()
