"""The app's pages, in menu order."""

from pathlib import Path

import streamlit as st

PAGES_DIR = Path(__file__).resolve().parent / "pages"


def pages() -> list:
    return [
        st.Page(PAGES_DIR / "calendar.py", title="Calendrier / Calendar", icon="🗓️", url_path="calendar",
                default=True),
    ]
