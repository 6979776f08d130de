"""Compose: write a post, see the checker's findings as you type, check its length on the channel, save it,
send it to review. ``?post=ID`` opens an existing post; saving it is refused if someone saved it meanwhile,
and the page then shows both versions side by side to merge them field by field (``components/merge.py``).
The post's audit trail is listed under "History" (``components/history.py``)."""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import streamlit as st
from pydantic import ValidationError as PydanticValidationError

from calendar_app import resources
from calendar_app.components import merge
from calendar_app.components.calendar_warnings import show_calendar_warnings
from calendar_app.components.findings import show_findings, show_highlighted
from calendar_app.components.history import show_history
from calendar_app.components.live_text import bump, live_text_area
from calendar_app.components.plain_text import error_message, escape_markdown
from calendar_app.components.user_picker import choose_user
from calendar_app.components.workspace_picker import SESSION_KEY as WORKSPACE_KEY
from calendar_app.components.workspace_picker import choose_workspace
from calendar_app.errors import ConflictError, EditoError, describe_validation_error
from calendar_app.i18n import t
from calendar_app.models import (
    Objective,
    Pillar,
    Post,
    PostCreate,
    PostStatus,
    PostUpdate,
    Sponsorship,
    User,
)
from calendar_app.services.audit import history
from calendar_app.services.checking import checker_config
from calendar_app.services.posts import (
    adapt_post,
    create_post,
    delete_post,
    get_post,
    sent_back_to_review,
    update_post,
)
from calendar_app.services.reviews import submit_for_review
from calendar_app.services.workspaces import (
    get_workspace,
    list_campaigns,
    list_channels,
)
from checks import lint
from checks.channels import PLATFORMS, length

WIDGETS = ("channel", "title", "body", "day", "time", "objective", "pillar", "campaign", "sponsorship", "partner",
           "link")
NO_PARTNER = (Sponsorship.NONE, Sponsorship.OWN_PRODUCT)
SUBMITTABLE = (PostStatus.DRAFT, PostStatus.CHANGES_REQUESTED)
# Not widgets, so they outlive a visit to another page: the post being edited and the version read.
LOADED, VERSION, SAVED, FLASH = "compose.loaded", "compose.version", "compose.saved", "compose.flash"
# Post id → the pending conflict of a refused save (base, theirs, mine…): kept, with the text typed, until the
# merge is saved or the changes discarded, even across a visit to another page or post.
CONFLICTS = "compose.conflicts"
# The text is the page's (a live text area sends it while typing): BODY holds it, BODY_REV counts the times
# the page replaced it (so the browser shows the new text), BODY_EDITOR is the text area's own widget key.
BODY, BODY_REV, BODY_EDITOR = "compose.body", "compose.body_rev", "compose.body_editor"


def _post_values(post: Post, zone: ZoneInfo) -> dict:
    """The form's values for a stored post (the same shape as ``_form_values``)."""
    local = post.scheduled_at.astimezone(zone).replace(tzinfo=None) if post.scheduled_at else None
    return {"channel_id": post.channel_id, "campaign_id": post.campaign_id, "title": post.title, "body": post.body,
            "link": post.link, "scheduled_at": local, "objective": post.objective, "pillar": post.pillar,
            "sponsorship": post.sponsorship, "partner": post.partner if post.sponsorship not in NO_PARTNER else None}


def _fill(values: dict) -> None:
    """Put form values (the shape of ``_post_values``) into the widgets."""
    state = st.session_state
    state["compose.channel"] = values["channel_id"]
    state["compose.title"] = values["title"] or ""
    state[BODY] = values["body"] or ""
    bump(BODY_REV)
    state["compose.day"] = values["scheduled_at"].date() if values["scheduled_at"] else None
    state["compose.time"] = values["scheduled_at"].time() if values["scheduled_at"] else time(9, 0)
    state["compose.objective"] = values["objective"]
    state["compose.pillar"] = values["pillar"]
    state["compose.campaign"] = values["campaign_id"]
    state["compose.sponsorship"] = values["sponsorship"]
    state["compose.partner"] = values["partner"] or ""
    state["compose.link"] = values["link"] or ""


def _load(post: Post, zone: ZoneInfo) -> None:
    """Fill the widgets with a stored post and remember the version read; a pending conflict is settled."""
    values = _post_values(post, zone)
    _fill(values)
    state = st.session_state
    state[LOADED], state[VERSION], state[SAVED] = post.id, post.version, values
    state.get(CONFLICTS, {}).pop(post.id, None)


def _pending(post_id: int | None) -> dict | None:
    return st.session_state.get(CONFLICTS, {}).get(post_id) if post_id is not None else None


def _restore(post_id: int, record: dict) -> None:
    """Back to a post with a pending conflict: the form shows what the user typed, not the stored post."""
    _fill(record["mine"])
    state = st.session_state
    state[LOADED], state[VERSION], state[SAVED] = post_id, record["base_version"], record["base"]


def _conflict(post_id: int, error: ConflictError, *, base: dict | None, base_version: int, mine: dict,
              zone: ZoneInfo, lang: str) -> dict:
    """Remember a refused save: the version read (base), the one saved meanwhile (theirs, with who saved it
    and when), what the user tried to save (mine) and the text merged line by line."""
    current = error.current or {}
    theirs = merge.values_from_snapshot(current, zone)
    who = when = None
    with resources.session() as session:
        events = history("post", post_id, session=session)
        if events:  # the latest event is the save that made the current version
            last = events[-1]
            actor = session.get(User, last.actor_id) if last.actor_id is not None else None
            who = actor.name if actor else None
            when = last.at.astimezone(zone).strftime("%d/%m/%Y %H:%M")
    base_body = (base.get("body") or "") if base else theirs["body"]  # no base: mine, all of it
    text = merge.merge_text(base_body, theirs["body"], mine["body"] or "",
                            theirs_label=t("compose.merge.theirs_label", lang),
                            mine_label=t("compose.merge.mine_label", lang))
    record = {"post_id": post_id, "token": uuid.uuid4().hex[:8], "message": str(error), "base": base,
              "base_version": base_version, "mine": mine, "theirs": theirs, "theirs_version": current.get("version"),
              "theirs_status": current.get("status"), "theirs_by": who, "theirs_at": when,
              "merged_body": text.text, "merge_conflicts": text.conflicts, "choices": {}}
    st.session_state.setdefault(CONFLICTS, {})[post_id] = record
    return record


def _save_merge(post_id: int, actor_id: int | None, zone: ZoneInfo, lang: str) -> None:
    """Save the chosen values on top of the version saved meanwhile (so a third save in between is refused
    again, never overwritten). Runs as the button's callback, so it may refill the form."""
    record = _pending(post_id)
    if record is None:
        return
    values, body_choice = merge.chosen_values(record)
    record["problem"] = None
    if body_choice == merge.MERGED and merge.has_markers(values["body"] or ""):
        record["problem"] = t("compose.merge.markers_left", lang)
        return
    try:
        with resources.session() as session:
            post = update_post(post_id, PostUpdate(**values), expected_version=record["theirs_version"],
                               session=session, actor_id=actor_id)
    except ConflictError as error:
        # Saved again meanwhile: the merge becomes "mine", made on top of the version it was built on.
        again = _conflict(post_id, error, base=record["theirs"], base_version=record["theirs_version"], mine=values,
                          zone=zone, lang=lang)
        again["again"] = True
        _restore(post_id, again)
        return
    except PydanticValidationError as error:
        record["problem"] = escape_markdown(describe_validation_error(error))
        return
    except EditoError as error:
        record["problem"] = escape_markdown(str(error))
        return
    _load(post, zone)
    st.session_state[FLASH] = t("compose.merge.saved", lang, id=post.id, version=post.version)


def _discard(post_id: int, zone: ZoneInfo) -> None:
    """Drop the typed changes of a conflict and show the stored post."""
    st.session_state.get(CONFLICTS, {}).pop(post_id, None)
    try:
        with resources.session() as session:
            post = get_post(post_id, session=session)
    except EditoError:
        st.session_state.pop(LOADED, None)  # the page says why on its next run
        return
    _load(post, zone)


def _forget() -> None:
    """Back to an empty form for a new post (a pending conflict of the previous one is kept)."""
    for key in (*(f"compose.{name}" for name in WIDGETS), LOADED, VERSION, SAVED):
        st.session_state.pop(key, None)
    bump(BODY_REV)


def _new_post() -> None:
    st.query_params.clear()
    _forget()


def _last_review_comment(post_id: int) -> str | None:
    with resources.session() as session:
        events = history("post", post_id, session=session)
    comments = [event.after["comment"] for event in events if event.action == "status" and event.after
                and event.after.get("comment")]
    return comments[-1] if comments else None


# --- Which post: ?post=ID opens a stored one (and its brand) ----------------------------------------------

# The text is not a widget's, so it outlives a visit to another page, unlike the other fields: drop it with them.
if "compose.title" not in st.session_state and BODY in st.session_state:
    st.session_state.pop(BODY)
    bump(BODY_REV)

editing: Post | None = None
requested = st.query_params.get("post")
if requested:
    try:
        with resources.session() as session:
            editing = get_post(int(requested), session=session)
            post_brand = get_workspace(editing.workspace_id, session=session)
    except ValueError:
        st.error(t("compose.bad_id", "fr", value=escape_markdown(requested)))
        st.stop()
    except EditoError as error:
        st.error(error_message(error))
        st.stop()
    if st.session_state.get(LOADED) != editing.id or "compose.body" not in st.session_state:
        if (pending := _pending(editing.id)) is not None:
            _restore(editing.id, pending)
        else:
            _load(editing, ZoneInfo(editing.timezone or post_brand.timezone))
        st.session_state[WORKSPACE_KEY] = editing.workspace_id
elif st.session_state.get(LOADED) is not None:
    _forget()  # the address lost its ?post=: a new post

workspace = choose_workspace()
if workspace is None:
    st.stop()
user = choose_user()
lang = str(workspace.language)
zone = ZoneInfo(editing.timezone or workspace.timezone) if editing else ZoneInfo(workspace.timezone)
st.title(t("compose", lang))
if (flash := st.session_state.pop(FLASH, None)) is not None:
    st.toast(flash, icon=":material/check_circle:")

if editing is not None:
    if editing.workspace_id != workspace.id:
        st.warning(t("compose.other_brand", lang, name=escape_markdown(post_brand.name)))
        st.button(t("compose.new_post", lang), key="compose.new", on_click=_new_post)
        st.stop()
    head, new = st.columns([4, 1], vertical_alignment="center")
    head.caption(t("compose.editing", lang, id=editing.id, status=t(f"status.{editing.status}", lang),
                   version=editing.version))
    new.button(t("compose.new_post", lang), key="compose.new", on_click=_new_post, icon=":material/add:")
    if editing.status == PostStatus.CHANGES_REQUESTED and (comment := _last_review_comment(editing.id)):
        st.warning(t("review.last_comment", lang, comment=escape_markdown(comment)))
    show_calendar_warnings(editing.id)

with resources.session() as session:
    channels = list_channels(workspace.id, session=session)
    campaigns = list_campaigns(workspace.id, session=session)
if not channels:
    st.info(t("no_channel", lang))
    st.stop()
channel_by_id = {channel.id: channel for channel in channels}

# Defaults through the session state, not value=, so a loaded post's values are not fought over.
st.session_state.setdefault("compose.day", datetime.now(zone).date() + timedelta(days=1))
st.session_state.setdefault("compose.time", time(9, 0))

editor, checker = st.columns([3, 2], gap="large")
with editor:
    channel_id = st.selectbox(t("channel", lang), list(channel_by_id), key="compose.channel",
                              format_func=lambda key: channel_by_id[key].display_name)
    title = st.text_input(t("title", lang), key="compose.title", max_chars=200)
    body = live_text_area(t("body", lang), key=BODY_EDITOR, state_key=BODY, revision_key=BODY_REV,
                          placeholder=t("body.placeholder", lang), height=220)
    channel = channel_by_id[channel_id]
    platform = PLATFORMS[str(channel.platform)]
    used = length(body, str(channel.platform))
    if platform.limit:
        st.progress(min(used / platform.limit, 1.0),
                    text=t("length", lang, used=used, limit=platform.limit, platform=platform.name))
    when_day = st.date_input(t("day", lang), key="compose.day", format="DD/MM/YYYY")
    when_time = st.time_input(t("time", lang), key="compose.time", step=300)
    objective = st.selectbox(t("objective", lang), [None, *Objective], key="compose.objective",
                             format_func=lambda value: "—" if value is None else t(f"objective.{value}", lang))
    pillar = st.selectbox(t("pillar", lang), [None, *Pillar], key="compose.pillar",
                          format_func=lambda value: "—" if value is None else t(f"pillar.{value}", lang))
    campaign_by_id = {campaign.id: campaign.name for campaign in campaigns}
    campaign_id = st.selectbox(t("campaign", lang), [None, *campaign_by_id], key="compose.campaign",
                               format_func=lambda key: "—" if key is None else campaign_by_id[key])
    sponsorship = st.selectbox(t("sponsorship", lang), list(Sponsorship), key="compose.sponsorship",
                               format_func=lambda value: t(f"sponsorship.{value}", lang))
    partner = st.text_input(t("partner", lang), key="compose.partner", disabled=sponsorship in NO_PARTNER)
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

values = {
    "channel_id": channel_id, "campaign_id": campaign_id, "title": title, "body": body, "link": link or None,
    "scheduled_at": datetime.combine(when_day, when_time or time(9, 0)) if when_day else None,
    "objective": objective, "pillar": pillar, "sponsorship": sponsorship,
    "partner": partner or None if sponsorship not in NO_PARTNER else None,
}

post_id = st.session_state.get(LOADED)
status = editing.status if editing is not None else None
save_column, submit_column = st.columns(2)
save_label = t("compose.save_changes", lang) if post_id else t("save", lang)
if save_column.button(save_label, type="primary", key="compose.save", disabled=not body.strip()):
    try:
        with resources.session() as session:
            if post_id is None:
                post = create_post(PostCreate(**values, timezone=workspace.timezone,
                                              author_id=user.id if user else None),
                                   session=session, actor_id=user.id if user else None)
                message = t("saved", lang, id=post.id)
                st.query_params["post"] = str(post.id)
            else:
                post = update_post(post_id, PostUpdate(**values), expected_version=st.session_state[VERSION],
                                   session=session, actor_id=user.id if user else None)
                message = t("compose.updated", lang, id=post.id, version=post.version)
                if editing is not None and sent_back_to_review(editing, post):
                    message += " " + t("posts.back_to_review", lang)
        st.session_state[LOADED], st.session_state[VERSION], st.session_state[SAVED] = post.id, post.version, values
        st.session_state.get(CONFLICTS, {}).pop(post.id, None)
        post_id, status = post.id, post.status
        st.success(message)
    except PydanticValidationError as error:
        st.error(error_message(error, lang))
    except ConflictError as error:
        _conflict(post_id, error, base=st.session_state.get(SAVED), base_version=st.session_state[VERSION],
                  mine=values, zone=zone, lang=lang)
    except EditoError as error:
        st.error(error_message(error, lang))

if (record := _pending(post_id)) is not None:
    merge.show_merge(record, lang=lang, channels={key: channel.display_name for key, channel in channel_by_id.items()},
                     campaigns={campaign.id: campaign.name for campaign in campaigns},
                     on_save=lambda: _save_merge(post_id, user.id if user else None, zone, lang),
                     on_discard=lambda: _discard(post_id, zone))

if post_id is not None and status in SUBMITTABLE:
    unsaved = values != st.session_state.get(SAVED)
    if submit_column.button(t("compose.submit", lang), key="compose.submit", icon=":material/send:",
                            disabled=unsaved or user is None,
                            help=t("compose.unsaved", lang) if unsaved else None):
        try:
            with resources.session() as session:
                post = submit_for_review(post_id, expected_version=st.session_state[VERSION], user=user,
                                         session=session)
            st.session_state[VERSION] = post.version
            st.session_state[FLASH] = t("compose.submitted", lang, id=post.id)
            st.rerun()
        except ConflictError as error:
            _conflict(post_id, error, base=st.session_state.get(SAVED), base_version=st.session_state[VERSION],
                      mine=values, zone=zone, lang=lang)
            st.rerun()
        except EditoError as error:
            st.error(error_message(error, lang))
    if user is None:
        st.caption(t("compose.no_user", lang))

if post_id is not None and editing is not None:
    with st.expander(t("compose.more_actions", lang)):
        others = [key for key in channel_by_id if key != editing.channel_id]
        adapt_column, trash_column = st.columns(2)
        if others:
            target = adapt_column.selectbox(t("compose.adapt_to", lang), others, key="compose.adapt_channel",
                                            format_func=lambda key: channel_by_id[key].display_name)
            if adapt_column.button(t("compose.adapt", lang), key="compose.adapt", icon=":material/content_copy:"):
                try:
                    with resources.session() as session:
                        copy = adapt_post(post_id, target, session=session, actor_id=user.id if user else None)
                    st.session_state[FLASH] = t("compose.adapted", lang, id=copy.id,
                                                channel=escape_markdown(channel_by_id[target].display_name))
                    st.query_params["post"] = str(copy.id)
                    st.session_state.pop(LOADED, None)
                    st.rerun()
                except EditoError as error:
                    st.error(error_message(error, lang))
        if trash_column.button(t("compose.delete", lang), key="compose.delete", icon=":material/delete:"):
            try:
                with resources.session() as session:
                    delete_post(post_id, expected_version=st.session_state[VERSION], session=session,
                                actor_id=user.id if user else None)
                st.session_state[FLASH] = t("compose.deleted", lang, id=post_id)
                _new_post()
                st.rerun()
            except ConflictError as error:
                _conflict(post_id, error, base=st.session_state.get(SAVED), base_version=st.session_state[VERSION],
                          mine=values, zone=zone, lang=lang)
                st.rerun()
            except EditoError as error:
                st.error(error_message(error, lang))

if post_id is not None and editing is not None:
    with st.expander(t("history", lang), icon=":material/history:"):
        show_history(post_id, lang=lang, zone=ZoneInfo(workspace.timezone),
                     channels={key: channel.display_name for key, channel in channel_by_id.items()},
                     campaigns={campaign.id: campaign.name for campaign in campaigns})
