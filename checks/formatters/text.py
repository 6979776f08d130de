"""The human format: ``file:line:col: CODE [severity] message``, the line with the span underlined, the
suggestion, and a summary line. ANSI colours only when asked (the CLI asks when stdout is a terminal
and NO_COLOR is not set)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from checks.finding import Severity
from checks.formatters import Located, Report, involved, located, summarize

MAX_EXCERPT = 120  # characters of a long line shown around the span
CONTEXT_BEFORE = 30
INDENT = "    "
_STYLES = {"bold": "1", "dim": "2", Severity.ERROR: "1;31", Severity.WARNING: "1;33", Severity.INFO: "1;36"}


def _paint(text: str, style: str | Severity, color: bool) -> str:
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if color and text else text


def cell_width(text: str) -> int:
    """Terminal columns taken by ``text``: wide (CJK, most emoji) characters take two, combining ones none."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def _window(line: str, start: int, end: int) -> tuple[str, int, int]:
    """A long line cut around the span, with an ellipsis on each side that was cut."""
    if len(line) <= MAX_EXCERPT:
        return line, start, end
    left = max(0, min(start - CONTEXT_BEFORE, len(line) - MAX_EXCERPT))
    right = left + MAX_EXCERPT
    prefix, suffix = ("…" if left else ""), ("…" if right < len(line) else "")
    shift = len(prefix) - left
    return prefix + line[left:right] + suffix, start + shift, min(end, right) + shift


def excerpt_lines(item: Located, color: bool = False) -> list[str]:
    """The post line holding the span and, under it, carets marking the span (none for whole-post findings)."""
    if not item.excerpt.strip():
        return []
    shown, start, end = _window(item.excerpt.replace("\t", " "), item.excerpt_start, item.excerpt_end)
    lines = [INDENT + shown]
    if not item.whole_post:
        carets = "^" * max(1, cell_width(shown[start:end]))
        lines.append(INDENT + " " * cell_width(shown[:start]) + _paint(carets, item.finding.severity, color))
    return lines


def format_finding(item: Located, color: bool = False) -> list[str]:
    finding = item.finding
    severity = Severity(finding.severity)
    head = (f"{_paint(f'{item.file}:{item.line}:{item.column}:', 'bold', color)} "
            f"{_paint(finding.code, 'bold', color)} {_paint(f'[{severity}]', severity, color)} {finding.message}")
    lines = [head, *excerpt_lines(item, color)]
    lines += [f"  {_paint(label + ':', 'dim', color)}{rest}" for label, _, rest in
              (line.partition(":") for line in involved(finding))]
    if finding.suggestion:
        lines.append(f"  {_paint('suggestion:', 'dim', color)} {finding.suggestion}")
    return lines


def render(reports: Sequence[Report], *, color: bool = False) -> str:
    out: list[str] = []
    for item in located(reports):
        out.extend(format_finding(item, color))
        out.append("")
    out.append(_paint(summarize(reports).sentence(), "bold", color))
    return "\n".join(out) + "\n"
