"""Laying out what the checker found: ``text``, ``json``, ``sarif`` and ``github``, one module each.

The formatters hold no rule logic: they take a list of :class:`Report` (a post and its findings) and
turn it into a string. Positions are 1-based lines and columns in the post's file, computed from the
finding's character span and where the post's text starts (``PostInput.line``/``column``); an empty
span (``start == end``) means the whole post. ``end_column`` is exclusive: the column just after the
span, as in SARIF.

A calendar finding (family CAL) also names the posts involved and the period it covers
(``Finding.post_ids`` and ``Finding.window``); it is reported on the first post it names, and every
format shows the others and the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module

from checks.finding import Finding, Severity
from checks.post import PostInput, position

FORMATS = ("text", "json", "sarif", "github")
MAX_LISTED_POSTS = 10  # in the text of a message; the json and sarif formats list them all
SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True)
class Report:
    """One checked post and the findings of the rules on it (in text order)."""

    post: PostInput
    findings: Sequence[Finding] = ()


@dataclass(frozen=True)
class Located:
    """A finding with its place in the file and the line of the post it sits on."""

    finding: Finding
    post_input: PostInput
    post: str | int  # the post's id, or its 1-based position in the run
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str  # the line of the post text where the span starts
    excerpt_start: int  # the span inside ``excerpt`` (0-based, end exclusive)
    excerpt_end: int
    whole_post: bool

    @property
    def file(self) -> str:
        return self.post_input.source

    @property
    def message_with_suggestion(self) -> str:
        """The message, the posts and window of a calendar finding, then the suggestion, one per line
        (for one-field formats)."""
        finding = self.finding
        lines = [finding.message, *involved(finding)]
        if finding.suggestion:
            lines.append(f"suggestion: {finding.suggestion}")
        return "\n".join(lines)


def involved(finding: Finding) -> list[str]:
    """``posts: …`` and ``window: start → end`` for a finding about several posts; nothing otherwise."""
    lines = []
    if finding.post_ids:
        shown = ", ".join(finding.post_ids[:MAX_LISTED_POSTS])
        more = len(finding.post_ids) - MAX_LISTED_POSTS
        lines.append(f"posts: {shown}" + (f" and {more} more" if more > 0 else ""))
    if finding.window:
        lines.append(f"window: {finding.window[0]} → {finding.window[1]}")
    return lines


def locate(post: PostInput, finding: Finding, label: str | int) -> Located:
    text = post.text
    whole_post = finding.end <= finding.start
    start, end = (0, len(text)) if whole_post else (min(finding.start, len(text)), min(finding.end, len(text)))
    line, column = position(text, start, line=post.line, column=post.column)
    end_line, end_column = position(text, end, line=post.line, column=post.column)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    return Located(
        finding=finding, post_input=post, post=label, line=line, column=column, end_line=end_line,
        end_column=end_column, excerpt=text[line_start:line_end], excerpt_start=start - line_start,
        excerpt_end=min(end, line_end) - line_start, whole_post=whole_post,
    )


def located(reports: Sequence[Report]) -> list[Located]:
    """Every finding of every report, in report order, each with its position."""
    return [
        locate(report.post, finding, report.post.id or index)
        for index, report in enumerate(reports, start=1)
        for finding in report.findings
    ]


@dataclass(frozen=True)
class Summary:
    posts: int
    files: int
    counts: dict[Severity, int]

    @property
    def findings(self) -> int:
        return sum(self.counts.values())

    def failed(self, threshold: Severity) -> bool:
        return any(count and severity >= threshold for severity, count in self.counts.items())

    def sentence(self) -> str:
        posts = _plural(self.posts, "post")
        if not self.findings:
            return f"All clear: {posts} checked"
        by_severity = ", ".join(  # "info" has no plural
            f"{self.counts[severity]} info" if severity == Severity.INFO else _plural(self.counts[severity], severity)
            for severity in SEVERITY_ORDER
        )
        return f"{_plural(self.findings, 'finding')} ({by_severity}) in {posts}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summarize(reports: Sequence[Report]) -> Summary:
    counts = dict.fromkeys(SEVERITY_ORDER, 0)
    for report in reports:
        for finding in report.findings:
            counts[Severity(finding.severity)] += 1
    return Summary(posts=len(reports), files=len({report.post.source for report in reports}), counts=counts)


def edito_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("edito")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def render(format_name: str, reports: Sequence[Report], *, color: bool = False) -> str:
    """The report in ``format_name`` (one of FORMATS); ``color`` only changes the text format."""
    if format_name not in FORMATS:
        raise ValueError(f"unknown output format {format_name!r}; expected one of {', '.join(FORMATS)}")
    module = import_module(f"checks.formatters.{format_name}")
    return module.render(reports, color=color) if format_name == "text" else module.render(reports)
