"""Merging a save that was refused because someone else saved the post meanwhile: nobody's work is lost.

Three versions take part: the one the user read (*base*), the one saved meanwhile (*theirs*) and the one
the user tried to save (*mine*), all as the Compose form's values. The pure functions come first (the
tests call them without Streamlit): a line-based three-way merge of the text, the fields that differ
with the side each default keeps, and the values a merge saves. ``show_merge`` draws the two versions
side by side with a choice per field; the page passes the callbacks that save or discard through the
service layer.

Every value the users typed is shown as text, never rendered as Markdown or HTML: through ``st.text`` and
``st.text_area``, and the two texts through ``marked_lines_html``, which HTML-escapes every line.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

import streamlit as st

from calendar_app.components.plain_text import escape_markdown
from calendar_app.i18n import t
from calendar_app.models import Objective, Pillar, Sponsorship

# The Compose form's fields, in the order the merge lists them.
FIELDS = ("title", "body", "channel_id", "scheduled_at", "objective", "pillar", "sponsorship", "partner",
          "campaign_id", "link")
NO_PARTNER = (Sponsorship.NONE, Sponsorship.OWN_PRODUCT)
THEIRS, MINE, MERGED = "theirs", "mine", "merged"
START_MARK, SPLIT_MARK, END_MARK = "<<<<<<<", "=======", ">>>>>>>"


# --- Three-way merge of a text, line by line ----------------------------------------------------------

@dataclass(frozen=True)
class TextMerge:
    text: str
    conflicts: int  # passages changed differently on both sides, left in ``text`` between markers

    @property
    def clean(self) -> bool:
        return self.conflicts == 0


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").split("\n")


def _stable_regions(base: list[str], theirs: list[str], mine: list[str]) -> list[tuple[int, ...]]:
    """The runs of base lines that both sides kept as they were, as (base start, base end, theirs start,
    theirs end, mine start, mine end), in order, closed by an empty run at the end of all three."""
    their_blocks = SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    my_blocks = SequenceMatcher(None, base, mine, autojunk=False).get_matching_blocks()
    regions, i, j = [], 0, 0
    while i < len(their_blocks) and j < len(my_blocks):
        their_base, their_at, their_size = their_blocks[i]
        my_base, my_at, my_size = my_blocks[j]
        start, end = max(their_base, my_base), min(their_base + their_size, my_base + my_size)
        if start < end:  # both kept base[start:end]
            regions.append((start, end, their_at + start - their_base, their_at + end - their_base,
                            my_at + start - my_base, my_at + end - my_base))
        if their_base + their_size < my_base + my_size:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(base), len(theirs), len(theirs), len(mine), len(mine)))
    return regions


def merge_text(base: str, theirs: str, mine: str, *, theirs_label: str = "", mine_label: str = "") -> TextMerge:
    """Both sides' changes to ``base``, line by line. A passage both sides changed differently is kept
    twice, between ``<<<<<<< theirs_label`` / ``=======`` / ``>>>>>>> mine_label`` lines."""
    if theirs == mine or base == mine:
        return TextMerge(theirs, 0)
    if base == theirs:
        return TextMerge(mine, 0)
    old, their_lines, my_lines = _lines(base), _lines(theirs), _lines(mine)
    merged: list[str] = []
    conflicts = o = a = b = 0
    for old_start, old_end, their_start, their_end, my_start, my_end in _stable_regions(old, their_lines, my_lines):
        was, theirs_now, mine_now = old[o:old_start], their_lines[a:their_start], my_lines[b:my_start]
        if theirs_now == mine_now or mine_now == was:
            merged += theirs_now
        elif theirs_now == was:
            merged += mine_now
        else:
            conflicts += 1
            merged += [f"{START_MARK} {theirs_label}".rstrip(), *theirs_now, SPLIT_MARK, *mine_now,
                       f"{END_MARK} {mine_label}".rstrip()]
        merged += old[old_start:old_end]
        o, a, b = old_end, their_end, my_end
    return TextMerge("\n".join(merged), conflicts)


def has_markers(text: str) -> bool:
    """Whether a merged text still holds a passage between conflict markers."""
    lines = _lines(text)
    return any(line.startswith(START_MARK) for line in lines) and any(line.startswith(END_MARK) for line in lines)


CHANGED_LINE = "background:#fff1c2;border-radius:2px"
REMOVED_LINE = "color:#9a8f86;text-decoration:line-through"


def marked_lines_html(base: str | None, text: str) -> str:
    """``text`` as escaped HTML, its lines changed or added since ``base`` highlighted, the base lines it
    removed shown struck through (nothing marked without a base)."""
    lines = _lines(text)
    parts: list[str] = []

    def add(line: str, style: str = "") -> None:
        parts.append(f'<div style="{style}">{html.escape(line) or "&nbsp;"}</div>' if style
                     else f"<div>{html.escape(line) or '&nbsp;'}</div>")

    if base is None:
        for line in lines:
            add(line)
    else:
        old = _lines(base)
        for tag, old_start, old_end, start, end in SequenceMatcher(None, old, lines, autojunk=False).get_opcodes():
            if tag in ("replace", "delete"):
                for line in old[old_start:old_end]:
                    if line.strip():
                        add(line, REMOVED_LINE)
            for line in lines[start:end]:
                add(line, CHANGED_LINE if tag != "equal" else "")
    return ('<div class="edito-merge-text" style="white-space:pre-wrap;overflow-wrap:anywhere;'
            'border:1px solid rgba(49,51,63,.15);border-radius:.5rem;padding:.5rem .75rem">' + "".join(parts)
            + "</div>")


# --- Which fields differ, and which side each keeps by default -----------------------------------------

def _same(left: Any, right: Any) -> bool:
    def normal(value: Any) -> Any:
        if isinstance(value, Enum):
            return value.value
        return None if value == "" else value
    return normal(left) == normal(right)


@dataclass(frozen=True)
class FieldDifference:
    field: str
    theirs: Any
    mine: Any
    changed_by_them: bool
    changed_by_me: bool

    @property
    def default(self) -> str:
        """Keep the side that changed the field; when both did, mine (the body: the merged text)."""
        if not self.changed_by_me:
            return THEIRS
        if self.field == "body" and self.changed_by_them:
            return MERGED
        return MINE


def differences(base: Mapping[str, Any] | None, theirs: Mapping[str, Any],
                mine: Mapping[str, Any]) -> list[FieldDifference]:
    """The form's fields whose value differs between theirs and mine (an unknown base counts as changed
    on both sides)."""
    found = []
    for field in FIELDS:
        if _same(theirs.get(field), mine.get(field)):
            continue
        found.append(FieldDifference(
            field, theirs.get(field), mine.get(field),
            changed_by_them=base is None or not _same(base.get(field), theirs.get(field)),
            changed_by_me=base is None or not _same(base.get(field), mine.get(field)),
        ))
    return found


def merged_values(theirs: Mapping[str, Any], mine: Mapping[str, Any], choices: Mapping[str, str],
                  merged_body: str | None = None) -> dict[str, Any]:
    """The form's values to save: theirs, except the fields where ``choices`` says mine (or, for the body,
    the merged text). A partner goes only with a sponsorship that has one."""
    values = {field: theirs.get(field) for field in FIELDS}
    for field, choice in choices.items():
        if choice == MINE:
            values[field] = mine.get(field)
        elif choice == MERGED and field == "body" and merged_body is not None:
            values[field] = merged_body
    if values.get("sponsorship") in NO_PARTNER:
        values["partner"] = None
    return values


def _enum(kind: type[Enum], value: Any) -> Any:
    try:
        return kind(value) if value is not None else None
    except ValueError:
        return value


def values_from_snapshot(snapshot: Mapping[str, Any], zone: ZoneInfo) -> dict[str, Any]:
    """The form's values (the shape of Compose's form: the time as wall-clock time in ``zone``) for a
    post's audit snapshot, such as ``ConflictError.current``."""
    scheduled = snapshot.get("scheduled_at")
    if isinstance(scheduled, str):
        scheduled = datetime.fromisoformat(scheduled)
    local = scheduled.astimezone(zone).replace(tzinfo=None) if scheduled else None
    sponsorship = _enum(Sponsorship, snapshot.get("sponsorship")) or Sponsorship.NONE
    return {
        "channel_id": snapshot.get("channel_id"), "campaign_id": snapshot.get("campaign_id"),
        "title": snapshot.get("title") or "", "body": snapshot.get("body") or "", "link": snapshot.get("link"),
        "scheduled_at": local, "objective": _enum(Objective, snapshot.get("objective")),
        "pillar": _enum(Pillar, snapshot.get("pillar")), "sponsorship": sponsorship,
        "partner": snapshot.get("partner") if sponsorship not in NO_PARTNER else None,
    }


# --- The panel --------------------------------------------------------------------------------------

def field_label(field: str, lang: str) -> str:
    return t({"channel_id": "channel", "campaign_id": "campaign", "scheduled_at": "merge.when"}.get(field, field),
             lang)


def describe(field: str, value: Any, *, lang: str, channels: Mapping[int, str],
             campaigns: Mapping[int, str]) -> str:
    """A form value as a person reads it (a channel's name, a label, a date)."""
    if value is None or value == "":
        return "—"
    if field == "channel_id":
        return channels.get(value, f"#{value}")
    if field == "campaign_id":
        return campaigns.get(value, f"#{value}")
    if field in ("objective", "pillar", "sponsorship"):
        return t(f"{field}.{value}", lang)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return str(value)


def _key(record: Mapping[str, Any], name: str) -> str:
    return f"compose.merge.{record['post_id']}.{record['token']}.{name}"


def choice_of(record: Mapping[str, Any], difference: FieldDifference) -> str:
    """The side kept for a field: the widget's value, else the one remembered, else the default."""
    remembered = record.get("choices", {}).get(difference.field, difference.default)
    return st.session_state.get(_key(record, difference.field), remembered)


def chosen_values(record: Mapping[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The values the merge saves as the panel stands, and which side the body comes from."""
    choices = {difference.field: choice_of(record, difference)
               for difference in differences(record["base"], record["theirs"], record["mine"])}
    merged_body = st.session_state.get(_key(record, "merged"), record.get("merged_body"))
    return merged_values(record["theirs"], record["mine"], choices, merged_body), choices.get("body")


def _remember(record: dict, field: str) -> None:
    record.setdefault("choices", {})[field] = st.session_state[_key(record, field)]


def _remember_merged_text(record: dict) -> None:
    """Editing the merged text chooses it for the body."""
    record["merged_body"] = st.session_state[_key(record, "merged")]
    record.setdefault("choices", {})["body"] = MERGED
    st.session_state[_key(record, "body")] = MERGED


def _show_value(column, field: str, shown: str, base: str | None) -> None:
    if field == "body":
        column.markdown(marked_lines_html(base, shown), unsafe_allow_html=True)  # every line escaped
    else:
        column.text(shown)


def show_merge(record: dict, *, lang: str, channels: Mapping[int, str], campaigns: Mapping[int, str],
               on_save: Callable[[], None], on_discard: Callable[[], None]) -> None:
    """Theirs and mine side by side, field by field, each with its choice; the merged text; the buttons."""
    who = escape_markdown(record["theirs_by"]) if record.get("theirs_by") else t("history.system", lang)
    headline = "compose.merge.again" if record.get("again") else "compose.merge.intro"
    st.error(t(headline, lang, who=who, version=record["theirs_version"], when=record.get("theirs_at") or "—"),
             icon=":material/merge:")
    found = differences(record["base"], record["theirs"], record["mine"])
    with st.container(border=True, key=f"compose-merge-{record['post_id']}"):
        st.subheader(t("compose.merge.title", lang))
        if not found:
            st.caption(t("compose.merge.nothing", lang))
        else:
            st.caption(t("compose.merge.help", lang))
            widths = [1.3, 3, 3]
            _, left, right = st.columns(widths)
            status = t(f"status.{record['theirs_status']}", lang) if record.get("theirs_status") else ""
            left.markdown(f"**{t('compose.merge.theirs', lang)}**  \n"
                          + t("compose.merge.theirs_caption", lang, version=record["theirs_version"], status=status,
                              who=who, when=record.get("theirs_at") or "—"))
            right.markdown(f"**{t('compose.merge.mine', lang)}**  \n" + t("compose.merge.mine_caption", lang))
        for difference in found:
            st.divider()
            choice_column, left, right = st.columns([1.3, 3, 3])
            options = [THEIRS, MINE, MERGED] if difference.field == "body" else [THEIRS, MINE]
            current = choice_of(record, difference)
            choice_column.radio(
                field_label(difference.field, lang), options, index=options.index(current) if current in options else 0,
                key=_key(record, difference.field), format_func=lambda option: t(f"compose.merge.keep_{option}", lang),
                on_change=_remember, args=(record, difference.field),
            )
            side = ("compose.merge.changed_both" if difference.changed_by_them and difference.changed_by_me
                    else "compose.merge.changed_them" if difference.changed_by_them else "compose.merge.changed_me")
            choice_column.caption(t(side, lang))
            base_body = (record["base"] or {}).get("body") if record["base"] else None
            for column, value in ((left, difference.theirs), (right, difference.mine)):
                _show_value(column, difference.field,
                            describe(difference.field, value, lang=lang, channels=channels, campaigns=campaigns)
                            if difference.field != "body" else value or "", base_body)
            if difference.field == "body":
                st.text_area(t("compose.merge.merged_text", lang), value=record.get("merged_body") or "",
                             key=_key(record, "merged"), height=200, on_change=_remember_merged_text,
                             args=(record,))
                if record.get("merge_conflicts"):
                    st.warning(t("compose.merge.text_conflicts", lang, count=record["merge_conflicts"]))
                else:
                    st.caption(t("compose.merge.text_clean", lang))
        if problem := record.get("problem"):
            st.error(problem)  # Markdown: the page escapes the service's messages
        save, discard = st.columns(2)
        save.button(t("compose.merge.save", lang), type="primary", key="compose.merge.save", on_click=on_save,
                    icon=":material/merge:")
        discard.button(t("compose.reload", lang), key="compose.reload", on_click=on_discard,
                       icon=":material/undo:")
