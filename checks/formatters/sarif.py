"""SARIF 2.1.0 (one run; tool ``edito``), for code-scanning dashboards such as GitHub's.

Columns count Unicode code points (``run.columnKind``); ``endColumn`` is exclusive, as SARIF defines it.
The ``rules`` array lists the rules that reported something, with their summary and default level when
the rule is in the catalogue, and ``helpUri`` when the docs link is absolute (``EDITO_DOCS_URL``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote, urlsplit

from checks.finding import Severity
from checks.formatters import Located, Report, edito_version, located

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://edito.example/docs"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _catalogue() -> dict[str, Any]:
    from checks.registry import all_rules

    return {rule.code: rule for rule in all_rules()}


def rule_entry(item: Located, catalogue: dict[str, Any]) -> dict[str, Any]:
    finding = item.finding
    rule = catalogue.get(finding.code)
    summary = (rule.docs().get("summary") if rule else "") or finding.name
    default = rule.severity if rule else finding.severity
    entry = {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": " ".join(summary.split())},
        "defaultConfiguration": {"level": LEVELS[Severity(default)]},
        "properties": {"tags": [finding.name.split(".")[0]]},
    }
    if urlsplit(finding.url).scheme:  # SARIF wants an absolute URI here
        entry["helpUri"] = finding.url
    elif finding.url:  # the rules reference in the repository (docs/rules.md#code) unless EDITO_DOCS_URL is set
        entry["help"] = {"text": f"See {finding.url}"}
    return entry


def artifact_location(source: str) -> dict[str, str]:
    path = PurePath(source)
    location = {"uri": quote(path.as_posix(), safe="/:")}
    if not path.is_absolute() and source != "-":
        location["uriBaseId"] = "%SRCROOT%"
    return location


def result_entry(item: Located, rule_index: int) -> dict[str, Any]:
    return {
        "ruleId": item.finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[Severity(item.finding.severity)],
        "message": {"text": item.message_with_suggestion},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact_location(item.file),
                "region": {
                    "startLine": item.line,
                    "startColumn": item.column,
                    "endLine": item.end_line,
                    "endColumn": item.end_column,
                    "snippet": {"text": item.excerpt},
                },
            },
        }],
        "properties": {"post": item.post, **item.finding.calendar_fields()},
    }


def document(reports: Sequence[Report]) -> dict[str, Any]:
    items = located(reports)
    catalogue = _catalogue() if items else {}
    rules: dict[str, dict[str, Any]] = {}
    for item in items:
        rules.setdefault(item.finding.code, rule_entry(item, catalogue))
    index = {code: position for position, code in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "edito", "version": edito_version(), "informationUri": INFORMATION_URI,
                "rules": list(rules.values()),
            }},
            "columnKind": "unicodeCodePoints",
            "results": [result_entry(item, index[item.finding.code]) for item in items],
        }],
    }


def render(reports: Sequence[Report]) -> str:
    return json.dumps(document(reports), ensure_ascii=False, indent=2) + "\n"
