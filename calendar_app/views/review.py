"""Review: the posts waiting for review, with the checker's findings; approve (or override the checker with
a reason), or send back with a comment. Roles are enforced by the services; the page shows their refusal."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import streamlit as st

from calendar_app import resources
from calendar_app.components.findings import show_findings, show_highlighted
from calendar_app.components.plain_text import error_message, escape_markdown
from calendar_app.components.user_picker import choose_user
from calendar_app.components.workspace_picker import choose_workspace
from calendar_app.errors import ApprovalBlockedError, EditoError
from calendar_app.i18n import short_day, t
from calendar_app.models import Post, User
from calendar_app.navigation import compose_page
from calendar_app.services.checking import check_posts
from calendar_app.services.reviews import approve, request_changes, review_queue
from calendar_app.services.users import list_users
from calendar_app.services.permissions import is_reviewer
from calendar_app.services.workspaces import list_campaigns, list_channels

FLASH = "review.flash"


def _label(title: str, body: str, size: int = 60) -> str:
    text = " ".join(title.split()) or " ".join(body.split())  # one line, even from an imported file
    return text if len(text) <= size else text[: size - 1] + "…"


def _details(post: Post, campaigns: dict[int, str], lang: str) -> str:
    """What the reviewer approves besides the text: sponsorship and partner, objective, link, campaign."""
    sponsorship = t(f"sponsorship.{post.sponsorship}", lang)
    if post.partner:
        sponsorship += f" ({post.partner})"
    parts = [_field("sponsorship", sponsorship, lang),
             _field("objective", t(f"objective.{post.objective}", lang) if post.objective else "—", lang),
             _field("link", post.link or "—", lang),
             _field("campaign", campaigns.get(post.campaign_id, "—"), lang)]
    return escape_markdown(" · ".join(parts))


def _field(key: str, value: str, lang: str) -> str:
    return f"{t(key, lang)} : {value}" if lang == "fr" else f"{t(key, lang)}: {value}"


def _blocked_key(post_id: int) -> str:
    return f"review.blocked.{post_id}"


def _error_key(post_id: int) -> str:
    return f"review.error.{post_id}"


def _done(post_id: int, message: str) -> None:
    st.session_state.pop(_blocked_key(post_id), None)
    st.session_state.pop(_error_key(post_id), None)
    st.session_state[FLASH] = message


# Callbacks get the version the reviewer saw (bound when the button was drawn), so approving a post that
# was edited in the meantime is refused as a conflict instead of approving text nobody read.
def _approve(post_id: int, version: int, user: User, label: str, lang: str, with_reason: bool = False) -> None:
    reason = st.session_state.get(f"review.reason.{post_id}", "") if with_reason else None
    st.session_state.pop(_error_key(post_id), None)
    if with_reason and not reason.strip():
        st.session_state[_error_key(post_id)] = t("review.override_needs_reason", lang)
        return
    try:
        with resources.session() as session:
            approve(post_id, expected_version=version, user=user, session=session, override_reason=reason)
    except ApprovalBlockedError as error:
        st.session_state[_blocked_key(post_id)] = error.codes
        st.session_state[_error_key(post_id)] = error_message(error, lang)
    except EditoError as error:
        st.session_state[_error_key(post_id)] = error_message(error, lang)
    else:
        _done(post_id, t("review.approved", lang, title=escape_markdown(label)))


def _request_changes(post_id: int, version: int, user: User, label: str, lang: str) -> None:
    comment = st.session_state.get(f"review.comment.{post_id}", "")
    st.session_state.pop(_error_key(post_id), None)
    try:
        with resources.session() as session:
            request_changes(post_id, comment, expected_version=version, user=user, session=session)
    except EditoError as error:
        st.session_state[_error_key(post_id)] = error_message(error, lang)
    else:
        _done(post_id, t("review.changes_requested", lang, title=escape_markdown(label)))


workspace = choose_workspace()
if workspace is None:
    st.stop()
user = choose_user()
lang = str(workspace.language)
zone = ZoneInfo(workspace.timezone)
st.title(t("review", lang))
if (flash := st.session_state.pop(FLASH, None)) is not None:
    st.toast(flash, icon=":material/check_circle:")
if user is None:
    st.info(t("compose.no_user", lang))
    st.stop()

with resources.session() as session:
    queue = review_queue(workspace.id, session=session)
    channels = {channel.id: channel for channel in list_channels(workspace.id, session=session)}
    people = {person.id: person for person in list_users(session=session)}
    campaigns = {campaign.id: campaign.name for campaign in list_campaigns(workspace.id, session=session)}
    findings = check_posts(queue, session=session)

st.caption(t("review.waiting", lang, count=len(queue)) + f" · {workspace.timezone}")
if not queue:
    st.info(t("review.empty", lang))
    st.stop()
reviewer = is_reviewer(user)
if not reviewer:
    st.info(t("review.read_only", lang))

for post in queue:
    label = _label(post.title, post.body)
    author = people.get(post.author_id)
    when = (f"{short_day(post.scheduled_at.astimezone(zone), lang)} "
            f"{post.scheduled_at.astimezone(zone):%H:%M}") if post.scheduled_at else t("review.unscheduled", lang)
    with st.container(border=True, key=f"review-post-{post.id}"):
        # Titles, channel and people's names are the team's text: Markdown-escaped, shown as typed.
        st.subheader(escape_markdown(label), anchor=False)
        st.caption(" · ".join([escape_markdown(channels[post.channel_id].display_name), when,
                               t("review.by", lang, name=escape_markdown(author.name) if author
                                 else t("review.unknown_author", lang)),
                               f"n°{post.id}" if lang == "fr" else f"#{post.id}"]))
        st.caption(_details(post, campaigns, lang))
        st.page_link(compose_page(), label=t("review.open_post", lang), query_params={"post": str(post.id)},
                     icon=":material/edit_note:")
        text, checks = st.columns([3, 2], gap="large")
        with text:
            show_highlighted(post.body, findings[post.id])
        with checks:
            show_findings(findings[post.id], lang=lang)

        if (error := st.session_state.get(_error_key(post.id))) is not None:
            st.error(error)  # escaped when it was stored
        if not reviewer:  # the services refuse a writer's approval anyway: no buttons that can only fail
            continue
        approve_column, changes_column = st.columns(2)
        with approve_column:
            st.button(t("review.approve", lang), key=f"review.approve.{post.id}", type="primary",
                      icon=":material/check:", on_click=_approve, args=(post.id, post.version, user, label, lang))
            if (codes := st.session_state.get(_blocked_key(post.id))) is not None:
                st.warning(t("review.blocked", lang, codes=", ".join(codes)))
                st.text_area(t("review.override_reason", lang), key=f"review.reason.{post.id}", height=80)
                st.button(t("review.override", lang), key=f"review.override.{post.id}",
                          on_click=_approve, args=(post.id, post.version, user, label, lang, True))
        with changes_column:
            st.text_area(t("review.comment", lang), key=f"review.comment.{post.id}", height=80)
            st.button(t("review.request_changes", lang), key=f"review.request.{post.id}",
                      icon=":material/undo:", on_click=_request_changes,
                      args=(post.id, post.version, user, label, lang))
