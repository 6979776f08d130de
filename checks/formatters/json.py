"""The machine format, schema ``edito.lint/1`` (docs/schemas/edito-lint-1.schema.json).

Within version 1 keys may be added, never removed or changed in meaning; consumers ignore keys they do
not know. A breaking change publishes ``edito.lint/2`` with a schema file of its own.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from checks.engine import RULESET_VERSION
from checks.formatters import (
    SEVERITY_ORDER,
    Located,
    Report,
    edito_version,
    located,
    summarize,
)

SCHEMA = "edito.lint/1"


def finding_entry(item: Located) -> dict[str, Any]:
    finding = item.finding
    return {
        "file": item.file,
        "post": item.post,
        "channel": item.post_input.channel,
        "code": finding.code,
        "name": finding.name,
        "family": finding.family,
        "severity": str(finding.severity),
        "message": finding.message,
        "start": finding.start,
        "end": finding.end,
        "line": item.line,
        "column": item.column,
        "end_line": item.end_line,
        "end_column": item.end_column,
        "excerpt": item.excerpt,
        "suggestion": finding.suggestion,
        "url": finding.url,
        **finding.calendar_fields(),
    }


def document(reports: Sequence[Report]) -> dict[str, Any]:
    summary = summarize(reports)
    return {
        "schema": SCHEMA,
        "version": edito_version(),
        "ruleset": RULESET_VERSION,
        "summary": {
            "posts": summary.posts,
            "files": summary.files,
            "findings": summary.findings,
            "by_severity": {str(severity): summary.counts[severity] for severity in SEVERITY_ORDER},
        },
        "findings": [finding_entry(item) for item in located(reports)],
    }


def render(reports: Sequence[Report]) -> str:
    return json.dumps(document(reports), ensure_ascii=False, indent=2) + "\n"
