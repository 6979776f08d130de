"""The sign-in page while there is no account at all: how to create the first admin (``edito user add``); once
it exists, the same address shows the sign-in form (navigation.py)."""

import streamlit as st

from calendar_app.i18n import t
from calendar_app.services.users import MIN_PASSWORD_LENGTH

st.title(t("login.title"))
st.info(t("first_admin.none"), icon=":material/person_add:")
st.code(t("first_admin.command"), language="bash")
st.markdown(t("first_admin.then", length=MIN_PASSWORD_LENGTH))
# A click reruns the app, whose menu is built afresh: the sign-in form there once the account exists.
if st.button(t("first_admin.done"), type="primary", key="first_admin.done"):
    st.warning(t("first_admin.still_none"))
