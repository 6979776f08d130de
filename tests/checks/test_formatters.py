"""The four output formats, on findings built by hand: exact text lines, the JSON schema, SARIF structure,
GitHub escaping."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from checks import RULESET_VERSION
from checks.finding import Finding, Severity
from checks.formatters import Report, locate, render, summarize
from checks.formatters.github import escape_data, escape_property
from checks.formatters.text import MAX_EXCERPT, cell_width
from checks.post import PostInput
from tests.checks.lint_helpers import marker_rule  # noqa: F401  (the fixture, used by name)

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "schemas" / "edito-lint-1.schema.json"
TEXT = "Bonjour à tous.\nAchetez maintenant, 100% remboursé!"
LAUNCH = PostInput(text=TEXT, channel="x", lang="fr", source="posts/launch.md", line=5)
QUIET = PostInput(text="Merci pour vos retours.", source="posts/quiet.txt")


def finding(code: str, severity: Severity, start: int, end: int, message: str = "Something is off.",
            suggestion: str = "", name: str = "commercial.example") -> Finding:
    return Finding(code=code, name=name, severity=severity, message=message, start=start, end=end,
                   suggestion=suggestion, url=f"https://edito.example/docs/rules/{code}")


SHOUTING = finding("COM005", Severity.WARNING, 11, 15, "Shouting.", "Lower your voice.", "commercial.shouting")
CALL = finding("COM002", Severity.ERROR, 16, 23, "Call to buy.", "Invite, do not order.", "commercial.calls")
NO_OBJECTIVE = finding("MES001", Severity.INFO, 0, 0, "No objective.", name="measurement.no-objective")
REPORTS = [Report(LAUNCH, (SHOUTING, CALL, NO_OBJECTIVE)), Report(QUIET, ())]


def strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


# --- positions ------------------------------------------------------------------------------------------

def test_positions_count_from_where_the_post_starts_in_its_file():
    call = locate(LAUNCH, CALL, 1)
    assert (call.line, call.column, call.end_line, call.end_column) == (6, 1, 6, 8)
    assert call.excerpt == "Achetez maintenant, 100% remboursé!"
    shouting = locate(LAUNCH, SHOUTING, 1)
    assert (shouting.line, shouting.column) == (5, 12)
    in_a_cell = locate(PostInput(text="Promo ici", source="cal.csv", line=3, column=12),
                       finding("COM001", Severity.ERROR, 6, 9), "row 2")
    assert (in_a_cell.line, in_a_cell.column, in_a_cell.end_column) == (3, 18, 21)


def test_an_empty_span_covers_the_whole_post():
    whole = locate(LAUNCH, NO_OBJECTIVE, 1)
    assert whole.whole_post
    assert (whole.line, whole.column) == (5, 1)
    assert (whole.end_line, whole.end_column) == (6, len("Achetez maintenant, 100% remboursé!") + 1)
    assert whole.excerpt == "Bonjour à tous."


def test_summary_counts_by_severity_and_knows_the_threshold():
    summary = summarize(REPORTS)
    assert (summary.posts, summary.files, summary.findings) == (2, 2, 3)
    assert summary.sentence() == "3 findings (1 error, 1 warning, 1 info) in 2 posts"
    assert summary.failed(Severity.ERROR)
    only_warning = summarize([Report(QUIET, (SHOUTING,))])
    assert only_warning.sentence() == "1 finding (0 errors, 1 warning, 0 info) in 1 post"
    assert not only_warning.failed(Severity.ERROR) and only_warning.failed(Severity.WARNING)
    assert summarize([Report(QUIET)]).sentence() == "All clear: 1 post checked"


# --- text --------------------------------------------------------------------------------------------------

def test_text_format_line_by_line():
    assert render("text", REPORTS).splitlines() == [
        "posts/launch.md:5:12: COM005 [warning] Shouting.",
        "    Bonjour à tous.",
        "               ^^^^",
        "  suggestion: Lower your voice.",
        "",
        "posts/launch.md:6:1: COM002 [error] Call to buy.",
        "    Achetez maintenant, 100% remboursé!",
        "    ^^^^^^^",
        "  suggestion: Invite, do not order.",
        "",
        "posts/launch.md:5:1: MES001 [info] No objective.",
        "    Bonjour à tous.",
        "",
        "3 findings (1 error, 1 warning, 1 info) in 2 posts",
    ]


def test_text_without_findings_is_one_line():
    assert render("text", [Report(QUIET)]) == "All clear: 1 post checked\n"


def test_colours_only_when_asked_and_they_change_nothing_else():
    plain = render("text", REPORTS)
    coloured = render("text", REPORTS, color=True)
    assert "\x1b[" not in plain
    assert "\x1b[1;31m[error]" in coloured
    assert strip_ansi(coloured) == plain


def test_carets_line_up_under_wide_characters():
    post = PostInput(text="🚀🚀 Achetez", source="a.txt")
    lines = render("text", [Report(post, (finding("COM002", Severity.ERROR, 3, 10),))]).splitlines()
    assert lines[1] == "    🚀🚀 Achetez"
    assert lines[2] == "    " + " " * 5 + "^" * 7
    assert cell_width("🚀é") == 3


def test_a_long_line_is_cut_around_the_span():
    text = "mot " * 100 + "ACHETEZ" + " fin" * 100
    start = text.index("ACHETEZ")
    lines = render("text", [Report(PostInput(text=text, source="a.txt"),
                                   (finding("COM005", Severity.WARNING, start, start + 7),))]).splitlines()
    excerpt, carets = lines[1], lines[2]
    assert excerpt.startswith("    …") and excerpt.endswith("…")
    assert len(excerpt) <= len("    ") + MAX_EXCERPT + 2
    assert excerpt[carets.index("^"):carets.index("^") + 7] == "ACHETEZ"
    assert carets.count("^") == 7


# --- json --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_json_validates_against_the_published_schema(validator):
    document = json.loads(render("json", REPORTS))
    validator.validate(document)
    assert document["schema"] == "edito.lint/1"
    assert document["ruleset"] == RULESET_VERSION
    assert re.match(r"^\d+\.\d+", document["version"])
    assert document["summary"] == {"posts": 2, "files": 2, "findings": 3,
                                   "by_severity": {"error": 1, "warning": 1, "info": 1}}


def test_json_finding_fields(validator):
    document = json.loads(render("json", [Report(LAUNCH, (CALL,)), Report(QUIET)]))
    assert document["findings"] == [{
        "file": "posts/launch.md", "post": 1, "channel": "x", "code": "COM002", "name": "commercial.calls",
        "family": "COM", "severity": "error", "message": "Call to buy.", "start": 16, "end": 23,
        "line": 6, "column": 1, "end_line": 6, "end_column": 8, "excerpt": "Achetez maintenant, 100% remboursé!",
        "suggestion": "Invite, do not order.", "url": "https://edito.example/docs/rules/COM002",
    }]


def test_json_names_a_post_by_its_id_when_it_has_one():
    row = PostInput(text="Promo", source="cal.csv", line=2, id="row 2")
    document = json.loads(render("json", [Report(QUIET), Report(row, (finding("COM001", Severity.ERROR, 0, 5),))]))
    assert document["findings"][0]["post"] == "row 2"


@pytest.mark.parametrize("change", [
    lambda doc: doc.pop("ruleset"),
    lambda doc: doc["findings"][0].update(severity="fatal"),
    lambda doc: doc["findings"][0].pop("line"),
    lambda doc: doc["findings"][0].update(column=0),
    lambda doc: doc.update(schema="edito.lint/2"),
])
def test_the_schema_rejects_broken_documents(validator, change):
    document = json.loads(render("json", REPORTS))
    change(document)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(document)


# --- sarif --------------------------------------------------------------------------------------------------

def test_sarif_structure_levels_and_regions():
    sarif = json.loads(render("sarif", REPORTS))
    assert sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "edito" and driver["version"]
    assert [rule["id"] for rule in driver["rules"]] == ["COM005", "COM002", "MES001"]
    for rule in driver["rules"]:
        assert {"id", "name", "shortDescription", "helpUri", "defaultConfiguration"} <= set(rule)
        assert rule["helpUri"] == f"https://edito.example/docs/rules/{rule['id']}"
        assert rule["shortDescription"]["text"]
    levels = [(result["ruleId"], result["level"]) for result in run["results"]]
    assert levels == [("COM005", "warning"), ("COM002", "error"), ("MES001", "note")]
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]
    location = run["results"][1]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "posts/launch.md", "uriBaseId": "%SRCROOT%"}
    assert {key: location["region"][key] for key in ("startLine", "startColumn", "endLine", "endColumn")} == {
        "startLine": 6, "startColumn": 1, "endLine": 6, "endColumn": 8}
    assert run["columnKind"] == "unicodeCodePoints"


@pytest.mark.usefixtures("marker_rule")
def test_sarif_rule_entries_come_from_the_catalogue():
    escalated = Finding(code="MES999", name="measurement.test-only", severity=Severity.ERROR, message="m",
                        start=0, end=3, url="https://edito.example/docs/rules/MES999")
    (rule,) = json.loads(render("sarif", [Report(QUIET, (escalated,))]))["runs"][0]["tool"]["driver"]["rules"]
    assert rule["shortDescription"]["text"] == "Reports the marker words of the command-line tests."
    assert rule["defaultConfiguration"]["level"] == "warning"  # the rule's default, not this finding's


def test_sarif_help_uri_only_when_the_docs_link_is_absolute():
    relative = Finding(code="COM001", name="commercial.sales", severity=Severity.ERROR, message="m", start=0, end=1,
                       url="docs/rules.md#com001")
    (rule,) = json.loads(render("sarif", [Report(QUIET, (relative,))]))["runs"][0]["tool"]["driver"]["rules"]
    assert "helpUri" not in rule and rule["help"] == {"text": "See docs/rules.md#com001"}


def test_sarif_without_findings_is_still_a_complete_run():
    (run,) = json.loads(render("sarif", [Report(QUIET)]))["runs"]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []


def test_sarif_paths_are_uris():
    post = PostInput(text="x", source="my posts/été.md")
    location = json.loads(render("sarif", [Report(post, (finding("COM001", Severity.ERROR, 0, 1),))]))
    uri = location["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20posts/%C3%A9t%C3%A9.md"


# --- github -------------------------------------------------------------------------------------------------

def test_github_commands_per_severity():
    lines = render("github", REPORTS).splitlines()
    assert lines == [
        "::warning file=posts/launch.md,line=5,col=12,endLine=5,endColumn=16,title=COM005 commercial.shouting"
        "::Shouting.%0Asuggestion: Lower your voice.",
        "::error file=posts/launch.md,line=6,col=1,endLine=6,endColumn=8,title=COM002 commercial.calls"
        "::Call to buy.%0Asuggestion: Invite, do not order.",
        "::notice file=posts/launch.md,line=5,col=1,endLine=6,endColumn=36,title=MES001 measurement.no-objective"
        "::No objective.",
    ]


def test_github_escapes_the_message_and_the_properties():
    post = PostInput(text="Promo", source="posts/a,b:c.md")
    tricky = finding("COM001", Severity.ERROR, 0, 5, message="100% vendeur,\r\nvraiment: oui")
    (line,) = render("github", [Report(post, (tricky,))]).splitlines()
    assert line.startswith("::error file=posts/a%2Cb%3Ac.md,line=1,")
    assert line.endswith("::100%25 vendeur,%0D%0Avraiment: oui")
    assert escape_data("a%b\nc") == "a%25b%0Ac"
    assert escape_property("x,y:z%") == "x%2Cy%3Az%25"


def test_github_without_findings_prints_nothing():
    assert render("github", [Report(QUIET)]) == ""


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        render("xml", REPORTS)
