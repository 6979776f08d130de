"""Who is using the app, until accounts and login arrive (issue 7): chosen in the sidebar among the
team. Services check the chosen user's role, so what a writer cannot do is refused, not just hidden."""

from __future__ import annotations

import streamlit as st

from calendar_app import resources
from calendar_app.models import User
from calendar_app.services.users import list_users

SESSION_KEY = "app.user_id"


def choose_user() -> User | None:
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
