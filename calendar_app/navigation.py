"""The app's pages, in menu order."""

from pathlib import Path

import streamlit as st

# Not "pages/": Streamlit would also list that folder's files in the menu, beside st.navigation's.
PAGES_DIR = Path(__file__).resolve().parent / "views"


def calendar_page():
    """The default page; also the target of links to the calendar (``st.page_link``)."""
    return st.Page(PAGES_DIR / "calendar.py", title="Calendrier / Calendar", icon=":material/calendar_month:",
                   url_path="calendar", default=True)


def compose_page():
    """The Compose page as ``st.navigation`` registers it (a page is known by its URL path): links open a
    post there with ``query_params={"post": ID}``."""
    return st.Page(PAGES_DIR / "compose.py", title="Rédiger / Compose", icon=":material/edit_note:",
                   url_path="compose")


def settings_page():
    """Where a brand just created from the app lands (``st.switch_page``)."""
    return st.Page(PAGES_DIR / "settings.py", title="Réglages / Settings", icon=":material/settings:",
                   url_path="settings")


def new_brand_page(*, first_run: bool = False):
    """Creating a brand; on a first run (the user reaches no brand yet) the only page, as a welcome: the
    walk-through for an admin, who to ask for anyone else. One address either way, so the walk-through stays
    on screen once its first step made the brand (and the whole menu) appear."""
    title = "Bienvenue / Welcome" if first_run else "Nouvelle marque / New brand"
    return st.Page(PAGES_DIR / "onboarding.py", title=title, icon=":material/add_business:", url_path="new-brand",
                   default=first_run)


def _sign_in_page(*, has_accounts: bool):
    # Same address either way: once the first admin exists, a reload shows the sign-in form there.
    return st.Page(PAGES_DIR / ("login.py" if has_accounts else "first_admin.py"), title="Connexion / Sign in",
                   icon=":material/login:", url_path="login", default=True)


def pages() -> list:
    """The menu; only the sign-in page while sign-in is required and nobody is signed in (with, while there
    is no account at all, how to create the first admin); only the welcome page while the user reaches no
    brand."""
    from calendar_app import resources
    from calendar_app.components.signed_in import current_user, login_required
    from calendar_app.models import Role
    from calendar_app.services.onboarding import reachable_workspaces
    from calendar_app.services.users import list_users

    user = current_user() if login_required() else None
    with resources.session() as session:
        if login_required() and user is None:
            return [_sign_in_page(has_accounts=bool(list_users(session=session)))]
        reachable = reachable_workspaces(user, session=session)
    if not reachable:
        return [new_brand_page(first_run=True)]
    menu = [
        calendar_page(),
        compose_page(),
        st.Page(PAGES_DIR / "review.py", title="Relecture / Review", icon=":material/rate_review:", url_path="review"),
        st.Page(PAGES_DIR / "insights.py", title="Analyses / Insights", icon=":material/insights:", url_path="insights"),
        st.Page(PAGES_DIR / "audit.py", title="Audit", icon=":material/fact_check:", url_path="audit"),
        st.Page(PAGES_DIR / "exchange.py", title="Import-export", icon=":material/swap_vert:",
                url_path="import-export"),
        settings_page(),
    ]
    if user is None or user.role == Role.ADMIN:  # locally, the page itself tells a non-admin who may
        menu.append(new_brand_page())
    menu.append(st.Page(PAGES_DIR / "trash.py", title="Corbeille / Trash", icon=":material/delete:",
                        url_path="trash"))
    return menu
