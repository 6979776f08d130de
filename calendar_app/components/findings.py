"""Showing the checker's findings: the text with the flagged parts highlighted, and the list beside it.

Every piece of user text placed in markup goes through :func:`html_text`: HTML-escaped, and with the
Markdown punctuation written as character references, so a post carrying ``<script>``, ``![](…)`` or
``$$…$$`` is shown as the text it is. ``st.markdown`` parses Markdown around and, once an HTML block
ends, after raw HTML: a carriage return alone is a Markdown line ending, so two of them would close
the preview's ``<div>`` block and let the rest of a post be read as Markdown; line breaks of every
kind therefore become ``<br>``. Text shown by Markdown elements (captions, subheaders, toasts) goes
through ``calendar_app.components.plain_text.escape_markdown`` instead.
"""

from __future__ import annotations

import streamlit as st

from calendar_app.components.plain_text import escape_markdown
from checks import Finding, Severity

SEVERITY_BADGE = {
    Severity.ERROR: {"fr": ":red-badge[erreur]", "en": ":red-badge[error]"},
    Severity.WARNING: {"fr": ":orange-badge[attention]", "en": ":orange-badge[warning]"},
    Severity.INFO: {"fr": ":blue-badge[info]", "en": ":blue-badge[info]"},
}
SEVERITY_COLOUR = {Severity.ERROR: "#ffd6d6", Severity.WARNING: "#fff1c2", Severity.INFO: "#dbeafe"}

# HTML's five (as html.escape writes them), then every character Markdown, Streamlit's directives
# (:red[…]) or LaTeX ($…$) could read as syntax, as numeric character references.
_HTML_TEXT = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#x27;",
              **{ord(char): f"&#{ord(char)};" for char in "\\`*_{}[]()#+-.!|~$:=^"}}
_LINE_BREAKS = {ord("\n"): "<br>", ord("\r"): "<br>"}
_ONE_LINE = {ord("\n"): " ", ord("\r"): " "}


def html_text(text: str, *, line_breaks: bool = True) -> str:
    """``text`` for markup given to ``st.markdown(…, unsafe_allow_html=True)``: shown as typed, never read
    as HTML or Markdown. Line breaks become ``<br>`` (or spaces with ``line_breaks=False``); a Windows
    line break (CR LF) is one break."""
    table = {**_HTML_TEXT, **(_LINE_BREAKS if line_breaks else _ONE_LINE)}
    return text.replace("\r\n", "\n").translate(table)


def highlighted_html(text: str, findings: list[Finding]) -> str:
    """The text as HTML, each finding's span in a <mark> coloured by severity (worst wins on overlaps)."""
    rank = [None] * len(text)
    for finding in findings:
        for offset in range(finding.start, finding.end):
            if rank[offset] is None or finding.severity > rank[offset]:
                rank[offset] = finding.severity
    # The offsets index ``text``: a CR LF keeps its two characters (a space, invisible before <br>).
    text = text.replace("\r\n", " \n")
    pieces, start = [], 0
    for offset in range(1, len(text) + 1):
        if offset == len(text) or rank[offset] != rank[start]:
            chunk = html_text(text[start:offset])
            severity = rank[start]
            pieces.append(f'<mark style="background:{SEVERITY_COLOUR[severity]}">{chunk}</mark>' if severity
                          else chunk)
            start = offset
    return "".join(pieces)


def show_highlighted(text: str, findings: list[Finding]) -> None:
    st.markdown(f'<div class="edito-preview">{highlighted_html(text, findings)}</div>', unsafe_allow_html=True)


def grouped_findings(findings: list[Finding]) -> list[list[Finding]]:
    """The findings by rule, worst rule first, each rule's findings in text order (a long post may break
    the same rule five times: one card, not five)."""
    groups: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: (-f.severity.rank, f.start)):
        groups.setdefault(finding.code, []).append(finding)
    return list(groups.values())


def show_findings(findings: list[Finding], *, lang: str) -> None:
    if not findings:
        st.success("Aucun problème détecté." if lang == "fr" else "Nothing to flag.")
        return
    for group in grouped_findings(findings):
        first = group[0]
        with st.container(border=True):
            count = f" · ×{len(group)}" if len(group) > 1 else ""
            st.markdown(f"{SEVERITY_BADGE[first.severity][lang]} **{first.code}** · `{first.name}`{count}")
            for message in dict.fromkeys(finding.message for finding in group):
                st.text(message if len(group) == 1 else f"• {message}")
            for suggestion in dict.fromkeys(finding.suggestion for finding in group if finding.suggestion):
                # May quote the post (a partner's name): Markdown-escaped.
                st.caption(("Suggestion : " if lang == "fr" else "Suggestion: ") + escape_markdown(suggestion))
