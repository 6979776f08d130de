"""Edito's Streamlit entry point: builds the navigation and runs the chosen page."""

import streamlit as st

from calendar_app.navigation import pages

st.set_page_config(page_title="Edito", page_icon="🗓️", layout="wide")
st.navigation(pages()).run()
