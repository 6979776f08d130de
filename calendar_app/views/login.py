"""Sign in: email and password (argon2id-checked), or single sign-on when it is configured."""

import streamlit as st

from calendar_app.components.signed_in import keep_session_cookie, sign_in, single_sign_on_configured
from calendar_app.errors import EditoError
from calendar_app.i18n import t
from calendar_app.services.auth import TooManySignInAttempts

keep_session_cookie()  # signed out: the browser forgets the ended session's token
st.title(t("login.title"))
st.caption(t("login.help"))

with st.form("login.form"):
    email = st.text_input(t("login.email"), key="login.email")
    password = st.text_input(t("login.password"), type="password", key="login.password")
    submitted = st.form_submit_button(t("login.submit"), type="primary")

if submitted:
    try:
        sign_in(email, password)
    except TooManySignInAttempts as error:
        st.error(t("login.throttled", minutes=error.minutes))
    except EditoError:
        st.error(t("login.wrong"))
    else:
        st.rerun()

if single_sign_on_configured():
    st.divider()
    st.button(t("login.sso"), on_click=st.login, key="login.sso")
    if st.user.is_logged_in:
        st.warning(t("login.sso_unknown", email=st.user.get("email", "?")))
