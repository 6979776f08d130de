"""The app's pages, in menu order."""

from pathlib import Path

import streamlit as st

# Not "pages/": Streamlit would also list that folder's files in the menu, beside st.navigation's.
PAGES_DIR = Path(__file__).resolve().parent / "views"


def calendar_page():
    """The default page; also the target of links to the calendar (``st.page_link``)."""
    return st.Page(PAGES_DIR / "calendar.py", title="Calendrier / Calendar", icon=":material/calendar_month:",
                   url_path="calendar", default=True)


def pages() -> list:
    """The menu; only the sign-in page while sign-in is required and nobody is signed in."""
    from calendar_app.components.signed_in import current_user, login_required

    if login_required() and current_user() is None:
        return [st.Page(PAGES_DIR / "login.py", title="Connexion / Sign in", icon=":material/login:",
                        url_path="login", default=True)]
    return [
        calendar_page(),
        st.Page(PAGES_DIR / "compose.py", title="Rédiger / Compose", icon=":material/edit_note:", url_path="compose"),
        st.Page(PAGES_DIR / "review.py", title="Relecture / Review", icon=":material/rate_review:", url_path="review"),
        st.Page(PAGES_DIR / "insights.py", title="Analyses / Insights", icon=":material/insights:", url_path="insights"),
        st.Page(PAGES_DIR / "exchange.py", title="Import-export", icon=":material/swap_vert:",
                url_path="import-export"),
        st.Page(PAGES_DIR / "settings.py", title="Réglages / Settings", icon=":material/settings:", url_path="settings"),
        st.Page(PAGES_DIR / "trash.py", title="Corbeille / Trash", icon=":material/delete:", url_path="trash"),
    ]
