"""The sidebar's brand selector, shared by every page."""

from __future__ import annotations

import streamlit as st

from calendar_app import resources
from calendar_app.i18n import t
from calendar_app.components.signed_in import USER_KEY, login_required
from calendar_app.components.user_picker import account_box
from calendar_app.models import User, Workspace
from calendar_app.services.auth import workspaces_of
from calendar_app.services.workspaces import list_workspaces

SESSION_KEY = "app.workspace_id"
CHOSEN_NEXT_KEY = "app.workspace_id.next"  # a brand to select on the next run (the picker's own key is a widget's)


def select_workspace(workspace_id: int) -> None:
    """Make the picker show this brand from the next run on (a brand just created, say); callable after the
    picker was drawn in this run, which Streamlit forbids for the widget's own key."""
    st.session_state[CHOSEN_NEXT_KEY] = workspace_id


def choose_workspace() -> Workspace | None:
    """The brand to work on, among those the signed-in user may open (all of them on a local install)."""
    account_box()
    with resources.session() as session:
        user_id = st.session_state.get(USER_KEY) if login_required() else None
        user = session.get(User, user_id) if user_id is not None else None
        workspaces = workspaces_of(user, session=session) if user else list_workspaces(session=session)
    if not workspaces:
        st.info(t("no_workspace", "fr") + "\n\n" + t("no_workspace", "en"))
        return None
    by_id = {workspace.id: workspace for workspace in workspaces}
    # Set on every run: widget ids differ from page to page, so without this the choice would fall back to
    # the first option whenever the user opens another page.
    chosen = st.session_state.pop(CHOSEN_NEXT_KEY, None) or st.session_state.get(SESSION_KEY)
    st.session_state[SESSION_KEY] = chosen if chosen in by_id else workspaces[0].id
    chosen = st.sidebar.selectbox(
        "Marque / Brand", options=list(by_id), format_func=lambda key: by_id[key].name, key=SESSION_KEY
    )
    return by_id[chosen]
