"""The sidebar's brand selector, shared by every page."""

from __future__ import annotations

import streamlit as st

from calendar_app import resources
from calendar_app.i18n import t
from calendar_app.models import Workspace
from calendar_app.services.workspaces import list_workspaces

SESSION_KEY = "app.workspace_id"


def choose_workspace() -> Workspace | None:
    with resources.session() as session:
        workspaces = list_workspaces(session=session)
    if not workspaces:
        st.info(t("no_workspace", "fr") + "\n\n" + t("no_workspace", "en"))
        return None
    by_id = {workspace.id: workspace for workspace in workspaces}
    # Set on every run: widget ids differ from page to page, so without this the choice would fall back to
    # the first option whenever the user opens another page.
    chosen = st.session_state.get(SESSION_KEY)
    st.session_state[SESSION_KEY] = chosen if chosen in by_id else workspaces[0].id
    chosen = st.sidebar.selectbox(
        "Marque / Brand", options=list(by_id), format_func=lambda key: by_id[key].name, key=SESSION_KEY
    )
    return by_id[chosen]
