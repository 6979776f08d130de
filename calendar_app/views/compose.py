"""Compose: write a post, see the checker's findings as you type, check its length on the channel, save it."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import streamlit as st
from pydantic import ValidationError as PydanticValidationError

from calendar_app import resources
from calendar_app.components.findings import show_findings, show_highlighted
from calendar_app.components.workspace_picker import choose_workspace
from calendar_app.errors import EditoError, describe_validation_error
from calendar_app.i18n import t
from calendar_app.models import Objective, Pillar, PostCreate, Sponsorship
from calendar_app.services.checking import checker_config
from calendar_app.services.posts import create_post
from calendar_app.services.workspaces import list_campaigns, list_channels
from checks import lint
from checks.channels import PLATFORMS, length

workspace = choose_workspace()
if workspace is None:
    st.stop()
lang = str(workspace.language)
zone = ZoneInfo(workspace.timezone)
st.title(t("compose", lang))

with resources.session() as session:
    channels = list_channels(workspace.id, session=session)
    campaigns = list_campaigns(workspace.id, session=session)
if not channels:
    st.info(t("no_channel", lang))
    st.stop()
channel_by_id = {channel.id: channel for channel in channels}

editor, checker = st.columns([3, 2], gap="large")
with editor:
    channel_id = st.selectbox(t("channel", lang), list(channel_by_id), key="compose.channel",
                              format_func=lambda key: channel_by_id[key].display_name)
    title = st.text_input(t("title", lang), key="compose.title", max_chars=200)
    body = st.text_area(t("body", lang), key="compose.body", height=220)
    channel = channel_by_id[channel_id]
    platform = PLATFORMS[str(channel.platform)]
    used = length(body, str(channel.platform))
    if platform.limit:
        st.progress(min(used / platform.limit, 1.0),
                    text=t("length", lang, used=used, limit=platform.limit, platform=platform.name))
    when_day = st.date_input(t("day", lang), value=datetime.now(zone).date() + timedelta(days=1),
                             key="compose.day", format="DD/MM/YYYY")
    when_time = st.time_input(t("time", lang), value=time(9, 0), key="compose.time", step=300)
    objective = st.selectbox(t("objective", lang), [None, *Objective], key="compose.objective",
                             format_func=lambda value: "—" if value is None else t(f"objective.{value}", lang))
    pillar = st.selectbox(t("pillar", lang), [None, *Pillar], key="compose.pillar",
                          format_func=lambda value: "—" if value is None else t(f"pillar.{value}", lang))
    campaign_by_id = {campaign.id: campaign.name for campaign in campaigns}
    campaign_id = st.selectbox(t("campaign", lang), [None, *campaign_by_id], key="compose.campaign",
                               format_func=lambda key: "—" if key is None else campaign_by_id[key])
    sponsorship = st.selectbox(t("sponsorship", lang), list(Sponsorship), key="compose.sponsorship",
                               format_func=lambda value: t(f"sponsorship.{value}", lang))
    partner = st.text_input(t("partner", lang), key="compose.partner",
                            disabled=sponsorship in (Sponsorship.NONE, Sponsorship.OWN_PRODUCT))
    link = st.text_input(t("link", lang), key="compose.link", placeholder="https://…")

meta = {"objective": objective and str(objective), "pillar": pillar and str(pillar),
        "sponsorship": str(sponsorship), "partner": partner or None, "link": link or None}
findings = lint(body, channel=str(channel.platform), lang=lang,
                meta={key: value for key, value in meta.items() if value},
                config=checker_config(workspace, channel)) if body.strip() else []

with checker:
    st.subheader(t("checks", lang))
    if body.strip():
        show_findings(findings, lang=lang)
        st.subheader(t("preview", lang))
        visible = platform.visible
        if visible and len(body) > visible:
            st.caption(t("see_more_cut", lang, visible=visible, platform=platform.name))
        show_highlighted(body, findings)
    else:
        st.caption(t("start_typing", lang))

if st.button(t("save", lang), type="primary", key="compose.save", disabled=not body.strip()):
    try:
        data = PostCreate(
            channel_id=channel_id, campaign_id=campaign_id, title=title, body=body, link=link or None,
            scheduled_at=datetime.combine(when_day, when_time), timezone=workspace.timezone,
            objective=objective, pillar=pillar, sponsorship=sponsorship,
            partner=partner if sponsorship not in (Sponsorship.NONE, Sponsorship.OWN_PRODUCT) else None,
        )
        with resources.session() as session:
            post = create_post(data, session=session)
        st.success(t("saved", lang, id=post.id))
    except PydanticValidationError as error:
        st.error(describe_validation_error(error))
    except EditoError as error:
        st.error(str(error))
