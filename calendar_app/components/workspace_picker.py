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
    if st.session_state.get(SESSION_KEY) not in by_id:
        st.session_state[SESSION_KEY] = workspaces[0].id
    chosen = st.sidebar.selectbox(
        "Marque / Brand", options=list(by_id), format_func=lambda key: by_id[key].name, key=SESSION_KEY
    )
    return by_id[chosen]
