"""``edito lint | rules | rule``: in process with a test-only rule (exit codes, thresholds, formats,
configuration), and as a user runs them (``python -m checks`` and the ``edito`` script) with whatever
catalogue is installed."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

from checks import Config
from checks.cli import main, wants_color, wants_progress
from checks.finding import docs_url
from tests.checks.lint_helpers import marker_rule  # noqa: F401  (the fixture, used by name)

ROOT = Path(__file__).resolve().parents[2]
EDITO = Path(sys.executable).with_name("edito")
SCHEMA = json.loads((ROOT / "docs/schemas/edito-lint-1.schema.json").read_text(encoding="utf-8"))
FRONT_MATTER = "---\nlang: en\nchannel: linkedin\nobjective: engagement\n---\n\n"


def lint(*args: str) -> int:
    """The checker with only the test rule selected, so the findings are the test's own."""
    return main(["lint", "--select", "MES999", *args])


def write(name: str, text: str) -> str:
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    Path(name).write_text(text, encoding="utf-8")
    return name


def one_line_error(stderr: str, *fragments: str) -> None:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("edito: error: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


# --- lint, in process ---------------------------------------------------------------------------------

@pytest.mark.usefixtures("marker_rule")
class TestLint:
    def test_exit_code_follows_the_threshold(self, capsys):
        post = write("post.md", FRONT_MATTER + "Our plan ZZWARN")
        assert lint(post) == 0  # a warning, below the default threshold (error)
        out = capsys.readouterr().out
        assert out.splitlines()[0] == "post.md:7:10: MES999 [warning] test marker ZZWARN"
        assert out.rstrip().endswith("1 finding (0 errors, 1 warning, 0 info) in 1 post")
        assert lint(post, "--fail-on", "warning") == 1
        assert lint(post, "--fail-on", "info") == 1
        assert lint(write("bad.md", FRONT_MATTER + "Our plan ZZFAIL")) == 1
        assert lint(write("fine.md", FRONT_MATTER + "Our plan is ready.")) == 0
        assert capsys.readouterr().out.rstrip().endswith("All clear: 1 post checked")

    def test_ignore_and_select(self, capsys):
        post = write("post.md", FRONT_MATTER + "ZZFAIL")
        assert lint(post, "--ignore", "MES999") == 0
        assert main(["lint", "--select", "measurement.test-only", "--fail-on", "info", post]) == 1
        assert main(["lint", "--select", "CAL", post]) == 0  # calendar rules never run on one post
        assert capsys.readouterr().out.endswith("All clear: 1 post checked\n")
        assert main(["lint", "--select", "CAL", "--extend-select", "MES9", post]) == 1

    def test_configuration_file_and_flags(self, capsys):
        post = write("post.md", FRONT_MATTER + "ZZWARN")
        write("edito.toml", 'fail-on = "warning"\n')
        assert lint(post) == 1  # found from the working directory
        assert lint(post, "--fail-on", "error") == 0  # the flag wins
        write("quiet.toml", 'ignore = ["measurement"]\n')
        assert lint(post, "--config", "quiet.toml") == 0
        capsys.readouterr()
        write("edito.toml", 'fail-on = "fatal"\n')
        assert lint(post) == 2
        one_line_error(capsys.readouterr().err, "edito.toml", "fail-on", "fatal")

    def test_a_reasoned_silence_in_the_front_matter(self):
        post = write("post.md", "---\nlang: en\nsilence:\n  MES999: \"it is a test\"\n---\nZZFAIL")
        assert lint(post) == 0

    def test_stdin(self, capsys, monkeypatch):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Plan ZZFAIL")))
        assert lint("--lang", "en", "-") == 1
        assert capsys.readouterr().out.startswith("-:1:6: MES999 [error] test marker ZZFAIL")

    def test_stdin_read_as_a_named_markdown_file(self, capsys, monkeypatch):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((FRONT_MATTER + "ZZFAIL").encode())))
        assert lint("--stdin-filename", "posts/new.md", "-") == 1
        assert capsys.readouterr().out.startswith("posts/new.md:7:1: MES999")

    def test_json_to_a_file_validates(self, capsys):
        write("cal.csv", "id,lang,body\n7,en,\"Line one\nZZWARN here\"\n,fr,Rien à signaler\n")
        assert lint("--format", "json", "-o", "report.json", "cal.csv", write("b.md", "ZZFAIL")) == 1
        assert capsys.readouterr().out == ""
        document = json.loads(Path("report.json").read_text(encoding="utf-8"))
        jsonschema.validate(document, SCHEMA)
        assert [(f["file"], f["post"], f["line"], f["column"], f["severity"]) for f in document["findings"]] == [
            ("cal.csv", "7", 3, 1, "warning"), ("b.md", 3, 1, 1, "error")]
        assert document["summary"]["posts"] == 3

    @pytest.mark.parametrize(("fmt", "expected"), [("sarif", '"version": "2.1.0"'), ("github", "::warning file=p.md")])
    def test_other_formats(self, capsys, fmt, expected):
        assert lint("--format", fmt, write("p.md", "ZZWARN")) == 0
        assert expected in capsys.readouterr().out

    def test_no_progress_bar_and_no_colour_when_not_a_terminal(self, capsys):
        write("many.csv", "body\n" + "".join(f"Post {number} ZZWARN\n" for number in range(25)))
        assert lint("many.csv") == 0
        captured = capsys.readouterr()
        assert captured.err == "" and "\x1b[" not in captured.out
        assert "25 findings (0 errors, 25 warnings, 0 info) in 25 posts" in captured.out


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_and_colour_decisions():
    terminal, pipe = FakeTerminal(), io.StringIO()
    assert wants_progress(21, terminal, disabled=False)
    assert not wants_progress(20, terminal, disabled=False)
    assert not wants_progress(500, terminal, disabled=True)
    assert not wants_progress(500, pipe, disabled=False)
    assert wants_color(terminal, {})
    assert not wants_color(terminal, {"NO_COLOR": "1"})
    assert not wants_color(pipe, {})


@pytest.mark.parametrize(("args", "fragments"), [
    (["lint", "missing.md"], ["missing.md", "no such file"]),
    (["lint", "--select", "COM,XYZ", "p.md"], ["'XYZ' is not a rule code"]),
    (["lint", "--format", "xml", "p.md"], ["invalid choice: 'xml'"]),
    (["lint"], ["required: PATH"]),
    (["lint", "--config", "none.toml", "p.md"], ["none.toml", "cannot be read"]),
    (["lint", "-o", "no/such/folder/out.txt", "--select", "CAL", "p.md"], ["no/such/folder/out.txt"]),
    (["rule", "NOPE999"], ["unknown rule 'NOPE999'", "edito rules"]),
    ([], ["required"]),
])
def test_usage_and_input_errors_are_one_line_and_exit_2(capsys, args, fragments):
    write("p.md", "Bonjour")
    assert main(args) == 2
    one_line_error(capsys.readouterr().err, *fragments)


# --- rules, rule, in process ---------------------------------------------------------------------------

@pytest.mark.usefixtures("marker_rule")
def test_rules_table_and_json(capsys):
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "SUMMARY"]
    (row,) = [line for line in lines if line.startswith("MES999")]
    assert row.split(None, 3) == ["MES999", "measurement.test-only", "warning",
                                  "Reports the marker words of the command-line tests."]
    assert main(["rules", "--format", "json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert {"code": "MES999", "name": "measurement.test-only", "family": "MES", "severity": "warning",
            "summary": "Reports the marker words of the command-line tests.",
            "options": {"markers": ["ZZWARN", "ZZFAIL"]},
            "url": docs_url("MES999")} in entries


@pytest.mark.usefixtures("marker_rule")
@pytest.mark.parametrize("name", ["MES999", "mes999", "measurement.test-only"])
def test_rule_prints_every_section_and_the_options(capsys, name):
    assert main(["rule", name]) == 0
    out = capsys.readouterr().out
    assert out.startswith("MES999 measurement.test-only (default severity: warning)")
    positions = [out.index(heading) for heading in ("What it does\n---", "Why it matters\n---", "Example\n---",
                                                    "Use instead\n---", "Options (defaults")]
    assert positions == sorted(positions)
    assert '  markers = ["ZZWARN", "ZZFAIL"]' in out
    assert "Our plan ZZWARN" in out


# --- as a user runs it ----------------------------------------------------------------------------------

def run(*command: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    return subprocess.run(list(command), input=stdin, capture_output=True, text=True, env=env, timeout=300)


def checker(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return run(sys.executable, "-m", "checks", *args, stdin=stdin)


def test_an_empty_post_is_all_clear_and_stdin_works():
    write("empty.txt", "")
    result = checker("lint", "--select", "CAL", "empty.txt")
    assert (result.returncode, result.stdout, result.stderr) == (0, "All clear: 1 post checked\n", "")
    piped = checker("lint", "--select", "CAL", "-", stdin="Bonjour à tous")
    assert (piped.returncode, piped.stdout) == (0, "All clear: 1 post checked\n")


def test_json_from_the_real_catalogue_validates():
    post = write("posts/launch.md", "---\nlang: fr\nchannel: instagram\nsponsorship: paid\npartner: Acme\n---\n"
                 "SOLDES !!! Achetez maintenant, dernière chance, www.acme.example\n")
    result = checker("lint", "--format", "json", post)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    failed = any(finding["severity"] == "error" for finding in document["findings"])
    assert result.returncode == (1 if failed else 0)
    for finding in document["findings"]:
        assert finding["file"] == post and 7 <= finding["line"] <= finding["end_line"] <= 7


def test_missing_file_is_one_line_and_exit_2():
    result = checker("lint", "nowhere.md")
    assert result.returncode == 2 and result.stdout == ""
    one_line_error(result.stderr, "nowhere.md")


def test_the_edito_script_runs_the_checker_commands():
    help_text = run(str(EDITO), "--help").stdout
    for command in ("lint", "rules", "rule", "app", "db", "demo"):
        assert f"\n  {command} " in help_text
    listed = run(str(EDITO), "rules", "--format", "json")
    assert listed.returncode == 0
    rules = json.loads(listed.stdout)
    assert all({"code", "name", "severity", "summary"} <= set(rule) for rule in rules)
    unknown = run(str(EDITO), "rule", "NOPE999")
    assert unknown.returncode == 2
    one_line_error(unknown.stderr, "NOPE999")
    write("empty.md", "")
    assert run(str(EDITO), "lint", "--select", "CAL", "empty.md").stdout == "All clear: 1 post checked\n"
    if not rules:
        pytest.skip("the rule catalogue is empty")
    explained = run(str(EDITO), "rule", rules[0]["code"])
    assert explained.returncode == 0
    assert explained.stdout.startswith(f"{rules[0]['code']} {rules[0]['name']}")
    assert "What it does" in explained.stdout


def test_the_checker_commands_start_without_the_heavy_imports():
    probe = (
        "import sys\n"
        "from calendar_app.cli import main\n"
        "assert main(['lint', '--help']) == 0\n"
        "loaded = {name.split('.')[0] for name in sys.modules}\n"
        "heavy = {'spacy', 'typer', 'sqlalchemy', 'streamlit', 'yaml', 'rich'} & loaded\n"
        "print(sorted(heavy), file=sys.stderr)\n"
    )
    result = run(sys.executable, "-c", probe)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[]"


# --- what the docs promise -------------------------------------------------------------------------------

def test_the_readme_settings_example_loads():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = [block for block in re.findall(r"```toml\n(.*?)```", readme, re.S) if "[tool.edito]" in block]
    config = Config.from_mapping(tomllib.loads(block)["tool"]["edito"], source="README.md")
    assert config.fail_on == "warning" and config.voice == "vous"
    assert config.jurisdictions["en"] == "UK" and "linkedin" in config.channels


def test_the_pre_commit_hook():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "edito-lint" and hook["entry"] == "edito lint" and hook["language"] == "python"
    assert hook["files"] == r"\.(md|txt)$" and hook["name"] and hook["description"]
