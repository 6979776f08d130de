"""The app's pages, in menu order."""

from pathlib import Path

import streamlit as st

# Not "pages/": Streamlit would also list that folder's files in the menu, beside st.navigation's.
PAGES_DIR = Path(__file__).resolve().parent / "views"


def pages() -> list:
    return [
        st.Page(PAGES_DIR / "calendar.py", title="Calendrier / Calendar", icon=":material/calendar_month:", url_path="calendar",
                default=True),
        st.Page(PAGES_DIR / "compose.py", title="Rédiger / Compose", icon=":material/edit_note:", url_path="compose"),
    ]
