"""Settings: the brand (name, language, voice, timezone, commercial share), its channels, its campaigns, the
checker's options and its members (accounts, roles, access). Admins edit; everyone else reads. The services
check the role, so a refusal does not depend on this page hiding a button."""

from __future__ import annotations

import json
from collections.abc import Callable
from zoneinfo import available_timezones

import pandas as pd
import streamlit as st
from pydantic import ValidationError as PydanticValidationError

from calendar_app import resources
from calendar_app.components.plain_text import error_message, escape_markdown
from calendar_app.components.user_picker import choose_user
from calendar_app.components.workspace_picker import choose_workspace
from calendar_app.errors import EditoError
from calendar_app.i18n import t
from calendar_app.models import (
    CampaignCreate,
    CampaignUpdate,
    ChannelCreate,
    ChannelUpdate,
    Language,
    Platform,
    Role,
    Voice,
    WorkspaceUpdate,
)
from calendar_app.navigation import new_brand_page
from calendar_app.services.members import (
    MemberCreate,
    add_member,
    change_role,
    list_members,
    remove_from_workspace,
    reset_password,
    set_active,
)
from calendar_app.services.users import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from calendar_app.services.workspaces import (
    add_campaign,
    add_channel,
    edit_campaign,
    edit_channel,
    list_campaigns,
    list_channels,
    save_workspace_settings,
)
from checks.channels import PLATFORMS
from checks.config import DEFAULT_JURISDICTIONS
from checks.disclosure import JURISDICTIONS
from checks.registry import all_rules

FLASH_KEY = "settings.flash"
ADD_MEMBER_ROUND = "settings.new_member.round"
MANAGED_CHECKER_KEYS = ("disclosure", "ignore", "brand", "partners")


def _platform_name(platform: str) -> str:
    known = PLATFORMS.get(str(platform))
    name = known.name if known else str(platform)
    return name[:1].upper() + name[1:]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _attempt(action: Callable[[], object], success: str | Callable[[object], str], *,
             forget: tuple[str, ...] = (), renew: str | None = None) -> None:
    """Run a save in one unit of work; a refusal is one readable error line and nothing is saved.

    ``success`` is the message shown after the save (or makes it from what the action returned); the widgets
    whose keys are in ``forget`` (passwords, a form done with) are emptied once it succeeded, and the
    counter ``renew`` (part of a form's key) moves on, so the browser draws that form afresh."""
    try:
        result = action()
    except (PydanticValidationError, EditoError) as error:
        st.error(error_message(error, lang))
    else:
        st.session_state[FLASH_KEY] = success(result) if callable(success) else success
        for key in forget:
            st.session_state.pop(key, None)
        if renew:
            st.session_state[renew] = st.session_state.get(renew, 0) + 1
        st.rerun()  # redraw with the saved values (the sidebar shows the brand's name too)


def _in_session(function, *args, **kwargs) -> Callable[[], object]:
    def run():
        with resources.session() as session:
            return function(*args, session=session, **kwargs)
    return run


workspace = choose_workspace()
if workspace is None:
    st.stop()
user = choose_user()
lang = str(workspace.language)
wid = workspace.id
can_edit = user is not None and user.is_active and user.role == Role.ADMIN
read_only = not can_edit

st.title(f"{t('settings', lang)} · {escape_markdown(workspace.name)}")  # names are shown as typed
if user is None:
    st.info(t("no_user", lang))
elif read_only:
    st.info(t("read_only", lang, name=escape_markdown(user.name), role=t(f"role.{user.role}", lang)),
            icon=":material/lock:")
flash = st.session_state.pop(FLASH_KEY, None)
if flash:
    st.success(flash)

with resources.session() as session:
    channels = list_channels(wid, session=session)
    campaigns = list_campaigns(wid, session=session)
    members = list_members(wid, session=session)

# A key keeps the chosen tab when a save redraws the page (with its message above the tabs).
brand_tab, channels_tab, campaigns_tab, checker_tab, members_tab = st.tabs(
    [t("section.workspace", lang), t("section.channels", lang), t("section.campaigns", lang),
     t("section.checker", lang), t("section.members", lang)], key=f"settings.tab.{wid}")

# --- Brand -----------------------------------------------------------------------------------------

with brand_tab, st.form(key=f"settings.workspace_form.{wid}", border=True, enter_to_submit=False):
    name = st.text_input(t("name", lang), value=workspace.name, max_chars=120, key=f"settings.name.{wid}",
                         disabled=read_only)
    language = st.selectbox(t("language", lang), list(Language), index=list(Language).index(workspace.language),
                            format_func=lambda value: t(f"language.{value}", lang), key=f"settings.language.{wid}",
                            disabled=read_only)
    voice = st.selectbox(t("voice", lang), list(Voice), index=list(Voice).index(workspace.voice),
                         format_func=lambda value: t(f"voice.{value}", lang), key=f"settings.voice.{wid}",
                         disabled=read_only)
    zones = sorted(available_timezones() | {workspace.timezone})
    timezone = st.selectbox(t("timezone", lang), zones, index=zones.index(workspace.timezone or "Europe/Paris"),
                            key=f"settings.timezone.{wid}", disabled=read_only)
    share = st.slider(t("commercial_target", lang), min_value=0, max_value=100, format="%d %%",
                      value=round(workspace.commercial_target * 100), key=f"settings.commercial.{wid}",
                      disabled=read_only)
    if st.form_submit_button(t("save_settings", lang), type="primary", key=f"settings.save_workspace.{wid}",
                             disabled=read_only):
        _attempt(lambda: _in_session(save_workspace_settings, wid, WorkspaceUpdate(
            name=name, language=language, voice=voice, timezone=timezone, commercial_target=share / 100),
            user=user)(), t("settings_saved", lang))
if can_edit:
    brand_tab.page_link(new_brand_page(), label=t("onboarding.create_new_brand", lang), icon=":material/add_business:")

# --- Channels --------------------------------------------------------------------------------------

with channels_tab:
    if channels:
        rows = pd.DataFrame([{
            t("platform", lang): _platform_name(channel.platform), t("display_name", lang): channel.display_name,
            t("colour", lang): channel.colour, t("posts_per_week", lang): channel.posts_per_week,
        } for channel in channels])
        table = rows.style.map(lambda colour: f"background-color: {colour}; color: {colour}",
                               subset=[t("colour", lang)])
        st.dataframe(table, hide_index=True, width="stretch",
                     column_config={t("posts_per_week", lang): st.column_config.NumberColumn(format="%g")})
    else:
        st.info(t("no_channel", lang))

    add_column, edit_column = st.columns(2, gap="large")
    with add_column, st.form(key=f"settings.add_channel_form.{wid}", clear_on_submit=False, enter_to_submit=False):
        st.markdown(f"**{t('add_channel', lang)}**")
        platform = st.selectbox(t("platform", lang), list(Platform), format_func=_platform_name,
                                key=f"settings.new_channel.platform.{wid}",
                                disabled=read_only)
        display_name = st.text_input(t("display_name", lang), max_chars=80,
                                     key=f"settings.new_channel.name.{wid}", disabled=read_only)
        colour = st.color_picker(t("colour", lang), value="#4c78a8", key=f"settings.new_channel.colour.{wid}",
                                 disabled=read_only)
        per_week = st.number_input(t("posts_per_week", lang), min_value=0.0, max_value=200.0, value=None,
                                   step=1.0, format="%g", key=f"settings.new_channel.per_week.{wid}",
                                   disabled=read_only)
        if st.form_submit_button(t("add_channel", lang), key=f"settings.add_channel.{wid}", disabled=read_only):
            _attempt(lambda: _in_session(add_channel, wid, ChannelCreate(
                platform=platform, display_name=display_name, colour=colour, posts_per_week=per_week),
                user=user)(), t("channel_added", lang, name=escape_markdown(display_name.strip())))

    with edit_column:
        if channels:
            channel_by_id = {channel.id: channel for channel in channels}
            st.markdown(f"**{t('edit_channel', lang)}**")
            chosen_id = st.selectbox(
                t("channel", lang), list(channel_by_id), key=f"settings.edit_channel.choice.{wid}",
                format_func=lambda key: f"{channel_by_id[key].display_name} "
                                        f"({_platform_name(channel_by_id[key].platform)})")
            chosen = channel_by_id[chosen_id]
            with st.form(key=f"settings.edit_channel_form.{chosen_id}", enter_to_submit=False):
                new_name = st.text_input(t("display_name", lang), value=chosen.display_name, max_chars=80,
                                         key=f"settings.channel.name.{chosen_id}", disabled=read_only)
                new_colour = st.color_picker(t("colour", lang), value=chosen.colour,
                                             key=f"settings.channel.colour.{chosen_id}", disabled=read_only)
                new_per_week = st.number_input(t("posts_per_week", lang), min_value=0.0, max_value=200.0,
                                               value=chosen.posts_per_week, step=1.0, format="%g",
                                               key=f"settings.channel.per_week.{chosen_id}", disabled=read_only)
                if st.form_submit_button(t("save_settings", lang), key=f"settings.save_channel.{chosen_id}",
                                         disabled=read_only):
                    _attempt(lambda: _in_session(edit_channel, chosen_id, ChannelUpdate(
                        display_name=new_name, colour=new_colour, posts_per_week=new_per_week), user=user)(),
                        t("channel_saved", lang, name=escape_markdown(new_name.strip())))

# --- Campaigns -------------------------------------------------------------------------------------

with campaigns_tab:
    if campaigns:
        st.dataframe(pd.DataFrame([{
            t("name", lang): campaign.name,
            t("starts_on", lang): campaign.starts_on, t("ends_on", lang): campaign.ends_on,
            t("campaign_objective", lang): campaign.objective or "",
        } for campaign in campaigns]), hide_index=True, width="stretch", column_config={
            t("starts_on", lang): st.column_config.DateColumn(format="DD/MM/YYYY"),
            t("ends_on", lang): st.column_config.DateColumn(format="DD/MM/YYYY"),
        })
    else:
        st.info(t("no_campaign", lang))

    add_column, edit_column = st.columns(2, gap="large")
    with add_column, st.form(key=f"settings.add_campaign_form.{wid}", enter_to_submit=False):
        st.markdown(f"**{t('add_campaign', lang)}**")
        campaign_name = st.text_input(t("name", lang), max_chars=120, key=f"settings.new_campaign.name.{wid}",
                                      disabled=read_only)
        starts_on = st.date_input(t("starts_on", lang), value=None, format="DD/MM/YYYY",
                                  key=f"settings.new_campaign.starts.{wid}", disabled=read_only)
        ends_on = st.date_input(t("ends_on", lang), value=None, format="DD/MM/YYYY",
                                key=f"settings.new_campaign.ends.{wid}", disabled=read_only)
        campaign_objective = st.text_area(t("campaign_objective", lang), max_chars=500, height=80,
                                          key=f"settings.new_campaign.objective.{wid}", disabled=read_only)
        if st.form_submit_button(t("add_campaign", lang), key=f"settings.add_campaign.{wid}", disabled=read_only):
            _attempt(lambda: _in_session(add_campaign, wid, CampaignCreate(
                name=campaign_name, starts_on=starts_on, ends_on=ends_on,
                objective=campaign_objective.strip() or None), user=user)(),
                t("campaign_added", lang, name=escape_markdown(campaign_name.strip())))

    with edit_column:
        if campaigns:
            campaign_by_id = {campaign.id: campaign for campaign in campaigns}
            st.markdown(f"**{t('edit_campaign', lang)}**")
            chosen_id = st.selectbox(t("campaign", lang), list(campaign_by_id),
                                     key=f"settings.edit_campaign.choice.{wid}",
                                     format_func=lambda key: campaign_by_id[key].name)
            chosen = campaign_by_id[chosen_id]
            with st.form(key=f"settings.edit_campaign_form.{chosen_id}", enter_to_submit=False):
                new_name = st.text_input(t("name", lang), value=chosen.name, max_chars=120,
                                         key=f"settings.campaign.name.{chosen_id}", disabled=read_only)
                new_starts = st.date_input(t("starts_on", lang), value=chosen.starts_on, format="DD/MM/YYYY",
                                           key=f"settings.campaign.starts.{chosen_id}", disabled=read_only)
                new_ends = st.date_input(t("ends_on", lang), value=chosen.ends_on, format="DD/MM/YYYY",
                                         key=f"settings.campaign.ends.{chosen_id}", disabled=read_only)
                new_objective = st.text_area(t("campaign_objective", lang), value=chosen.objective or "",
                                             max_chars=500, height=80, key=f"settings.campaign.objective.{chosen_id}",
                                             disabled=read_only)
                if st.form_submit_button(t("save_settings", lang), key=f"settings.save_campaign.{chosen_id}",
                                         disabled=read_only):
                    _attempt(lambda: _in_session(edit_campaign, chosen_id, CampaignUpdate(
                        name=new_name, starts_on=new_starts, ends_on=new_ends,
                        objective=new_objective.strip() or None), user=user)(),
                        t("campaign_saved", lang, name=escape_markdown(new_name.strip())))

# --- Checker options -------------------------------------------------------------------------------

current = dict(workspace.checker_settings or {})
disclosure = current.get("disclosure") if isinstance(current.get("disclosure"), dict) else {}
extra_terms = disclosure.get("extra-terms") if isinstance(disclosure.get("extra-terms"), dict) else {}
rule_names = {rule.code: rule.name for rule in all_rules()}
ignored = [str(selector) for selector in current.get("ignore", [])] if isinstance(current.get("ignore"), list) else []
other_settings = {key: value for key, value in current.items() if key not in MANAGED_CHECKER_KEYS}

with checker_tab, st.form(key=f"settings.checker_form.{wid}", enter_to_submit=False):
    jurisdictions, terms = {}, {}
    columns = st.columns(2, gap="large")
    for column, code in zip(columns, ("fr", "en"), strict=True):
        with column:
            language_name = t(f"language.{code}", lang).lower()
            options = list(JURISDICTIONS)
            default = disclosure.get(code, DEFAULT_JURISDICTIONS[code])
            jurisdictions[code] = st.selectbox(
                t("jurisdiction", lang, language=language_name), options,
                index=options.index(default) if default in options else options.index(DEFAULT_JURISDICTIONS[code]),
                format_func=lambda value: t(f"jurisdiction.{value}", lang), key=f"settings.jurisdiction.{code}.{wid}",
                disabled=read_only)
            words = extra_terms.get(code, [])
            terms[code] = _lines(st.text_area(
                t("extra_terms", lang, language=language_name), height=90,
                value="\n".join(words) if isinstance(words, list) else str(words),
                key=f"settings.extra_terms.{code}.{wid}", disabled=read_only))
    ignore = st.multiselect(
        t("ignored_rules", lang), sorted(set(rule_names) | set(ignored)), default=ignored,
        format_func=lambda code: f"{code} · {rule_names[code]}" if code in rule_names else code,
        placeholder=t("choose_rules", lang), key=f"settings.ignore.{wid}", disabled=read_only)
    brand_column, partners_column = st.columns(2, gap="large")
    with brand_column:
        brands = _lines(st.text_area(t("brand_names", lang), value="\n".join(current.get("brand", [])), height=90,
                                     placeholder=workspace.name,
                                     help=t("brand_names_help", lang, name=escape_markdown(workspace.name)),
                                     key=f"settings.brand.{wid}", disabled=read_only))
    with partners_column:
        partners = _lines(st.text_area(t("partners", lang), value="\n".join(current.get("partners", [])), height=90,
                                       key=f"settings.partners.{wid}", disabled=read_only))
    advanced = st.text_area(t("advanced", lang), value=json.dumps(other_settings, indent=2, ensure_ascii=False),
                            help=t("advanced_help", lang), height=120, key=f"settings.advanced.{wid}",
                            disabled=read_only)
    if st.form_submit_button(t("save_settings", lang), type="primary", key=f"settings.save_checker.{wid}",
                             disabled=read_only):
        try:
            extra = json.loads(advanced or "{}")
        except json.JSONDecodeError as error:
            st.error(t("invalid_json", lang, error=escape_markdown(error)))
        else:
            managed = sorted(set(extra) & set(MANAGED_CHECKER_KEYS)) if isinstance(extra, dict) else []
            if not isinstance(extra, dict):
                st.error(t("json_not_table", lang))
            elif managed:
                st.error(t("json_managed_key", lang, key=managed[0]))
            else:
                settings = dict(extra)
                settings["disclosure"] = {**jurisdictions,
                                          **({"extra-terms": {k: v for k, v in terms.items() if v}}
                                             if any(terms.values()) else {})}
                if ignore:
                    settings["ignore"] = ignore
                if brands:
                    settings["brand"] = brands
                if partners:
                    settings["partners"] = partners
                _attempt(lambda: _in_session(save_workspace_settings, wid, WorkspaceUpdate(checker_settings=settings),
                                             user=user)(), t("settings_saved", lang))

# --- Members ---------------------------------------------------------------------------------------


def _role_label(role: str) -> str:
    return t(f"role.{role}", lang)


def _password_input(label: str, key: str, help: str | None = None) -> str:
    """A hidden field; its value is forgotten once the save succeeded (``_attempt(forget=…)``)."""
    return st.text_input(label, type="password", max_chars=MAX_PASSWORD_LENGTH, key=key, help=help,
                         disabled=read_only)


with members_tab:
    if members:
        st.dataframe(pd.DataFrame([{
            t("name", lang): member.name, t("email", lang): member.email,
            t("role", lang): _role_label(member.role), t("active", lang): member.is_active,
        } for member in members]), hide_index=True, width="stretch")
    else:
        st.info(t("no_member", lang))
    st.caption(t("members_help", lang))

    add_column, edit_column = st.columns(2, gap="large")
    new_member = f"settings.new_member.{wid}.{st.session_state.get(ADD_MEMBER_ROUND, 0)}"  # each round: a fresh form
    with add_column, st.form(key=f"{new_member}.form", enter_to_submit=False):
        st.markdown(f"**{t('add_member', lang)}**")
        member_name = st.text_input(t("name", lang), max_chars=120, key=f"{new_member}.name",
                                    disabled=read_only)
        member_email = st.text_input(t("email", lang), max_chars=254, key=f"{new_member}.email",
                                     disabled=read_only)
        member_role = st.selectbox(t("role", lang), list(Role), format_func=_role_label,
                                   key=f"{new_member}.role", disabled=read_only)
        member_password = _password_input(t("initial_password", lang), f"{new_member}.password",
                                          help=t("initial_password_help", lang, length=MIN_PASSWORD_LENGTH))
        if st.form_submit_button(t("add_member", lang), key=f"{new_member}.add", disabled=read_only):
            _attempt(lambda: _in_session(add_member, wid, MemberCreate(
                name=member_name, email=member_email, role=member_role, password=member_password or None),
                user=user)(), lambda added: t("member_added", lang, name=escape_markdown(added.name)),
                forget=tuple(f"{new_member}.{field}" for field in ("name", "email", "role", "password")),
                renew=ADD_MEMBER_ROUND)

    with edit_column:
        if members:
            member_by_id = {member.id: member for member in members}
            st.markdown(f"**{t('edit_member', lang)}**")
            chosen_id = st.selectbox(t("member", lang), list(member_by_id), key=f"settings.edit_member.choice.{wid}",
                                     format_func=lambda key: f"{member_by_id[key].name} ({member_by_id[key].email})")
            chosen = member_by_id[chosen_id]
            shown_name = escape_markdown(chosen.name)
            with st.form(key=f"settings.member_role_form.{chosen_id}", enter_to_submit=False):
                new_role = st.selectbox(t("role", lang), list(Role), index=list(Role).index(chosen.role),
                                        format_func=_role_label, key=f"settings.member.role.{chosen_id}",
                                        disabled=read_only)
                if st.form_submit_button(t("change_role", lang), key=f"settings.member.save_role.{chosen_id}",
                                         disabled=read_only):
                    _attempt(_in_session(change_role, chosen_id, new_role, user=user, workspace_id=wid),
                             t("role_changed", lang, name=shown_name, role=_role_label(new_role)))
            with st.form(key=f"settings.member_password_form.{chosen_id}", enter_to_submit=False):
                new_password = _password_input(t("new_password", lang), f"settings.member.password.{chosen_id}")
                if st.form_submit_button(t("reset_password", lang), key=f"settings.member.reset_password.{chosen_id}",
                                         disabled=read_only):
                    _attempt(_in_session(reset_password, chosen_id, new_password, user=user),
                             t("password_reset", lang, name=shown_name),
                             forget=(f"settings.member.password.{chosen_id}",))
            active_column, remove_column = st.columns(2)
            enable = not chosen.is_active
            if active_column.button(t("enable_member" if enable else "disable_member", lang),
                                    key=f"settings.member.active.{chosen_id}", disabled=read_only):
                _attempt(_in_session(set_active, chosen_id, enable, user=user),
                         t("member_enabled" if enable else "member_disabled", lang, name=shown_name))
            if remove_column.button(t("remove_member", lang), key=f"settings.member.remove.{chosen_id}",
                                    disabled=read_only):
                _attempt(_in_session(remove_from_workspace, chosen_id, wid, user=user),
                         t("member_removed", lang, name=shown_name))
