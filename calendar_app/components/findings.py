"""Showing the checker's findings: the text with the flagged parts highlighted, and the list beside it.

Every piece of user text is HTML-escaped before it is placed in markup, so a post carrying
``<script>`` or Markdown tricks is shown as text.
"""

from __future__ import annotations

import html

import streamlit as st

from checks import Finding, Severity

SEVERITY_BADGE = {
    Severity.ERROR: {"fr": ":red-badge[erreur]", "en": ":red-badge[error]"},
    Severity.WARNING: {"fr": ":orange-badge[attention]", "en": ":orange-badge[warning]"},
    Severity.INFO: {"fr": ":blue-badge[info]", "en": ":blue-badge[info]"},
}
SEVERITY_COLOUR = {Severity.ERROR: "#ffd6d6", Severity.WARNING: "#fff1c2", Severity.INFO: "#dbeafe"}


def highlighted_html(text: str, findings: list[Finding]) -> str:
    """The text as HTML, each finding's span in a <mark> coloured by severity (worst wins on overlaps)."""
    rank = [None] * len(text)
    for finding in findings:
        for offset in range(finding.start, finding.end):
            if rank[offset] is None or finding.severity > rank[offset]:
                rank[offset] = finding.severity
    pieces, start = [], 0
    for offset in range(1, len(text) + 1):
        if offset == len(text) or rank[offset] != rank[start]:
            chunk = html.escape(text[start:offset]).replace("\n", "<br>")
            severity = rank[start]
            pieces.append(f'<mark style="background:{SEVERITY_COLOUR[severity]}">{chunk}</mark>' if severity
                          else chunk)
            start = offset
    return "".join(pieces)


def show_highlighted(text: str, findings: list[Finding]) -> None:
    st.markdown(f'<div class="edito-preview">{highlighted_html(text, findings)}</div>', unsafe_allow_html=True)


def show_findings(findings: list[Finding], *, lang: str) -> None:
    if not findings:
        st.success("Aucun problème détecté." if lang == "fr" else "Nothing to flag.")
        return
    for finding in sorted(findings, key=lambda f: (-f.severity.rank, f.start)):
        with st.container(border=True):
            st.markdown(f"{SEVERITY_BADGE[finding.severity][lang]} **{finding.code}** · `{finding.name}`")
            st.text(finding.message)
            if finding.suggestion:
                st.caption(("Suggestion : " if lang == "fr" else "Suggestion: ") + finding.suggestion)
