"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding, shown as
annotations on the pull request. Escaping follows GitHub's toolkit: ``%``, CR and LF in the message;
also ``:`` and ``,`` in the properties."""

from __future__ import annotations

from collections.abc import Sequence

from checks.finding import Severity
from checks.formatters import Located, Report, located

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(item: Located) -> str:
    finding = item.finding
    properties = {
        "file": item.file, "line": item.line, "col": item.column, "endLine": item.end_line,
        "endColumn": item.end_column, "title": f"{finding.code} {finding.name}",
    }
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{COMMANDS[Severity(finding.severity)]} {joined}::{escape_data(item.message_with_suggestion)}"


def render(reports: Sequence[Report]) -> str:
    return "".join(command(item) + "\n" for item in located(reports))
