"""A brand created from the app. For someone who reaches no brand yet (a team starting from zero), this is the
welcome page: an admin is walked through the first brand, its channels and its team in three steps (on a local
install with no account at all, the first step also makes the person at the keyboard the first admin);
anyone else is told which admins to ask. Later, admins create more brands here and land in their Settings.

The services check the role and audit every change; a refusal is one message, and nothing is written."""

from __future__ import annotations

from zoneinfo import available_timezones

import pandas as pd
import streamlit as st
from pydantic import ValidationError as PydanticValidationError

from calendar_app import resources
from calendar_app.components.plain_text import error_message, escape_markdown
from calendar_app.components.signed_in import login_required
from calendar_app.components.user_picker import account_box, choose_user
from calendar_app.components.workspace_picker import SESSION_KEY as BRAND_KEY
from calendar_app.components.workspace_picker import select_workspace
from calendar_app.errors import EditoError
from calendar_app.i18n import t
from calendar_app.models import ChannelCreate, Language, Platform, Role, UserBase, Voice, Workspace, WorkspaceCreate
from calendar_app.navigation import calendar_page, settings_page
from calendar_app.services.members import MemberCreate, add_member, list_members
from calendar_app.services.onboarding import active_admins, create_brand, create_first_admin, reachable_workspaces
from calendar_app.services.users import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, list_users
from calendar_app.services.workspaces import add_channel, list_channels
from checks.channels import PLATFORMS

WIZARD_KEY = "onboarding.workspace_id"  # the brand this walk-through made: its steps 2 and 3 are on
STEP_KEY = "onboarding.step"
ROUND_KEY = "onboarding.round"  # part of the forms' keys: after each channel or member added, a fresh form
FLASH_KEY = "onboarding.flash"
SETTINGS_FLASH_KEY = "settings.flash"  # the message the Settings page shows once (views/settings.py)
STEPS = ("brand", "channels", "team")
DEFAULT_TIMEZONE = "Europe/Paris"
COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b", "#9d755d")


def _platform_name(platform: str) -> str:
    known = PLATFORMS.get(str(platform))
    name = known.name if known else str(platform)
    return name[:1].upper() + name[1:]


def _round() -> int:
    return st.session_state.get(ROUND_KEY, 0)


def _done(message: str) -> None:
    """A save succeeded: say so on the next run, draw the forms afresh (empty), and rerun."""
    st.session_state[FLASH_KEY] = message
    st.session_state[ROUND_KEY] = _round() + 1
    st.rerun()


def _progress(step: int, lang: str) -> None:
    st.progress(step / len(STEPS), text=t("onboarding.step", lang, step=step, total=len(STEPS),
                                           name=t(f"onboarding.step.{STEPS[step - 1]}", lang)))


def _flash() -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message)


def _brand_form(lang: str, *, walk_through: bool, first_admin: bool) -> None:
    """Name, language, voice, timezone and commercial share; with ``first_admin``, the person's name and email
    too. The brand (and that account) are created in one unit of work: a refusal writes neither."""
    with st.form(key=f"onboarding.brand_form.{_round()}", enter_to_submit=False):
        if first_admin:
            st.markdown(f"**{t('onboarding.you', lang)}**")
            left, right = st.columns(2)
            your_name = left.text_input(t("onboarding.your_name", lang), max_chars=120, key="onboarding.your_name")
            your_email = right.text_input(t("onboarding.your_email", lang), max_chars=254,
                                          key="onboarding.your_email")
            st.caption(t("onboarding.you_help", lang))
            st.markdown(f"**{t('onboarding.step.brand', lang)}**")
        name = st.text_input(t("name", lang), max_chars=120, key="onboarding.name")
        left, right = st.columns(2)
        language = left.selectbox(t("language", lang), list(Language),
                                  format_func=lambda value: t(f"language.{value}", lang),
                                  help=t("onboarding.brand_language_help", lang), key="onboarding.language")
        voice = right.selectbox(t("voice", lang), list(Voice), index=list(Voice).index(Voice.VOUS),
                                format_func=lambda value: t(f"voice.{value}", lang), key="onboarding.voice")
        zones = sorted(available_timezones())
        timezone = left.selectbox(t("timezone", lang), zones, index=zones.index(DEFAULT_TIMEZONE),
                                  accept_new_options=True, placeholder=t("onboarding.timezone_help", lang),
                                  key="onboarding.timezone")
        share = right.slider(t("commercial_target", lang), min_value=0, max_value=100, value=20, format="%d %%",
                             key="onboarding.commercial")
        submitted = st.form_submit_button(t("onboarding.create_brand", lang), type="primary",
                                          key="onboarding.create_brand")
    if not submitted:
        return
    try:
        with resources.session() as session:
            actor = user
            if first_admin:
                actor = create_first_admin(UserBase(name=your_name, email=your_email), session=session)
            brand = create_brand(WorkspaceCreate(name=name, language=language, voice=voice, timezone=timezone or "",
                                                 commercial_target=share / 100), user=actor, session=session)
            brand_id, brand_name, brand_lang = brand.id, brand.name, str(brand.language)
    except (PydanticValidationError, EditoError) as error:
        st.error(error_message(error, lang))
        return
    select_workspace(brand_id)
    if walk_through:
        st.session_state[WIZARD_KEY], st.session_state[STEP_KEY] = brand_id, 2
        _done(t("onboarding.brand_created", brand_lang, name=escape_markdown(brand_name)))
    st.session_state[SETTINGS_FLASH_KEY] = t("onboarding.created_settings", brand_lang,
                                             name=escape_markdown(brand_name))
    st.switch_page(settings_page())


def _channels_step(brand: Workspace) -> None:
    lang = str(brand.language)
    with resources.session() as session:
        channels = list_channels(brand.id, session=session)
    st.caption(t("onboarding.channels_help", lang))
    if channels:
        st.dataframe(pd.DataFrame([{
            t("platform", lang): _platform_name(channel.platform), t("display_name", lang): channel.display_name,
            t("posts_per_week", lang): channel.posts_per_week,
        } for channel in channels]), hide_index=True, width="stretch",
            column_config={t("posts_per_week", lang): st.column_config.NumberColumn(format="%g")})
    form = f"onboarding.channel.{_round()}"
    with st.form(key=f"{form}.form", enter_to_submit=False):
        platform_column, name_column, pace_column = st.columns(3)
        platform = platform_column.selectbox(t("platform", lang), list(Platform), index=None,
                                             placeholder=t("onboarding.pick_platform", lang),
                                             format_func=_platform_name, key=f"{form}.platform")
        display_name = name_column.text_input(t("display_name", lang), max_chars=80, key=f"{form}.name")
        per_week = pace_column.number_input(t("posts_per_week", lang), min_value=0.0, max_value=200.0, value=None,
                                            step=1.0, format="%g", help=t("onboarding.posts_per_week_help", lang),
                                            key=f"{form}.per_week")
        added = st.form_submit_button(t("onboarding.add_channel", lang), key=f"{form}.add")
    if added:
        if platform is None:
            st.error(t("onboarding.platform_missing", lang))
        else:
            display_name = display_name.strip() or _platform_name(platform)
            try:
                with resources.session() as session:
                    add_channel(brand.id, ChannelCreate(platform=platform, display_name=display_name,
                                                        colour=COLOURS[len(channels) % len(COLOURS)],
                                                        posts_per_week=per_week), user=user, session=session)
            except (PydanticValidationError, EditoError) as error:
                st.error(error_message(error, lang))
            else:
                _done(t("channel_added", lang, name=escape_markdown(display_name)))
    if st.button(t("onboarding.next", lang), type="primary", disabled=not channels, key="onboarding.next"):
        st.session_state[STEP_KEY] = 3
        st.rerun()
    if not channels:
        st.caption(t("onboarding.need_channel", lang))


def _team_step(brand: Workspace) -> None:
    lang = str(brand.language)
    with resources.session() as session:
        members = list_members(brand.id, session=session)
    st.caption(t("onboarding.team_help", lang))
    st.dataframe(pd.DataFrame([{t("name", lang): member.name, t("email", lang): member.email,
                                t("role", lang): t(f"role.{member.role}", lang)} for member in members]),
                 hide_index=True, width="stretch")
    form = f"onboarding.member.{_round()}"
    with st.form(key=f"{form}.form", enter_to_submit=False):
        left, right = st.columns(2)
        member_name = left.text_input(t("name", lang), max_chars=120, key=f"{form}.name")
        member_email = right.text_input(t("email", lang), max_chars=254, key=f"{form}.email")
        member_role = left.selectbox(t("role", lang), list(Role), format_func=lambda role: t(f"role.{role}", lang),
                                     key=f"{form}.role")
        member_password = right.text_input(t("initial_password", lang), type="password",
                                           max_chars=MAX_PASSWORD_LENGTH, key=f"{form}.password",
                                           help=t("initial_password_help", lang, length=MIN_PASSWORD_LENGTH))
        added = st.form_submit_button(t("onboarding.add_member", lang), key=f"{form}.add")
    if added:
        try:
            with resources.session() as session:
                member = add_member(brand.id, MemberCreate(name=member_name, email=member_email, role=member_role,
                                                           password=member_password or None),
                                    user=user, session=session)
                shown = escape_markdown(member.name)
        except (PydanticValidationError, EditoError) as error:
            st.error(error_message(error, lang))
        else:
            _done(t("member_added", lang, name=shown))  # the form, password included, is drawn afresh
    if st.button(t("onboarding.finish", lang), type="primary", key="onboarding.finish"):
        for key in (WIZARD_KEY, STEP_KEY):
            st.session_state.pop(key, None)
        st.switch_page(calendar_page())


def _ask_an_admin(admins: list) -> None:
    """Someone who may not create brands and reaches none: who to ask."""
    st.title(t("onboarding.title"))
    if admins:
        st.info(t("onboarding.no_brand"), icon=":material/group:")
        st.markdown("\n".join(f"- **{escape_markdown(admin.name)}** · {escape_markdown(admin.email)}"
                              for admin in admins))
        if not login_required():
            st.caption(t("onboarding.pick_admin"))
    else:
        st.warning(t("onboarding.no_admin"))
        st.code(t("first_admin.command"), language="bash")


account_box()  # the sidebar: demo banner, who is signed in, sign-out
user = choose_user()  # locally, the sidebar's "Vous êtes / You are" picker (None while there is no account)
with resources.session() as session:
    reachable = reachable_workspaces(user if login_required() else None, session=session)
    no_account = not list_users(session=session)
    admins = active_admins(session=session)
is_admin = user is not None and user.is_active and user.role == Role.ADMIN
first_admin = no_account and not login_required()  # a local install: whoever is at the keyboard starts
may_create = is_admin or first_admin
walk_through_brand = next((brand for brand in reachable if brand.id == st.session_state.get(WIZARD_KEY)), None)

if walk_through_brand is not None and is_admin:
    step = st.session_state.get(STEP_KEY, 2)
    brand_lang = str(walk_through_brand.language)
    st.title(t("onboarding.title", brand_lang))
    st.subheader(escape_markdown(walk_through_brand.name))
    _progress(step, brand_lang)
    _flash()
    (_channels_step if step == 2 else _team_step)(walk_through_brand)
elif not reachable and may_create:
    st.title(t("onboarding.title"))
    st.caption(t("onboarding.intro"))
    _progress(1, "fr")
    _flash()
    _brand_form("fr", walk_through=True, first_admin=first_admin)
elif not reachable:
    _ask_an_admin(admins)
else:
    chosen = next((brand for brand in reachable if brand.id == st.session_state.get(BRAND_KEY)), reachable[0])
    lang = str(chosen.language)  # the language of the brand the user was working on
    st.title(t("onboarding.new_brand", lang))
    if user is None:
        st.info(t("no_user", lang))
        st.stop()
    if not may_create:
        st.info(t("onboarding.admins_only", lang, name=escape_markdown(user.name), role=t(f"role.{user.role}", lang)),
                icon=":material/lock:")
        st.stop()
    st.caption(t("onboarding.new_brand_help", lang))
    _brand_form(lang, walk_through=False, first_admin=False)
