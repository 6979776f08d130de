"""``edito lint``, ``edito rules`` and ``edito rule CODE`` (also ``python -m checks …``).

Exit codes: 0 nothing at or above the ``--fail-on`` threshold, 1 findings at or above it, 2 a usage,
configuration or input error (one line ``edito: error: …`` on stderr, never a traceback). Importing
this module stays cheap: spaCy loads when posts are checked, YAML and rich only when needed.

``edito lint --calendar FILE.csv`` checks the calendar as a whole (family CAL) from its Edito CSV
export; ``edito lint --calendar`` without a file reads the app's database through ``database_calendar``,
which the app sets (the checker never imports it), with the workspace's own settings.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from checks.config import Config, ConfigError
from checks.engine import BATCH_SIZE, InputError, lint_many
from checks.finding import Severity, docs_url
from checks.formatters import FORMATS
from checks.nlp import PipelineMissingError
from checks.post import PostInput
from checks.registry import FAMILIES, Rule, all_rules, get_rule

if TYPE_CHECKING:
    from checks.calendar import CalendarContext, CalendarPost, StoredCalendar
    from checks.finding import Finding
    from checks.formatters import Report

PROG = "edito"
PROGRESS_MIN_POSTS = 20
PROGRESS_BATCH_SIZE = 32
CALENDAR_FROM_DATABASE = ""  # the value of --calendar given without a file
# How ``edito lint --calendar`` (no file) reads the app's database: set by calendar_app before it hands
# the command line over. Called with ``now``; returns the workspace's posts, context and settings.
database_calendar: Callable[[datetime], StoredCalendar] | None = None
_SELECTOR = re.compile(
    rf"^(ALL|(?:{'|'.join(FAMILIES)})[0-9]{{0,3}}|(?:{'|'.join(FAMILIES.values())})(?:\.[a-z0-9_-]+)*)$"
)


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line, like every other error, with the way to the help."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{PROG}: error: {message} (see '{self.prog} --help')\n")


def _selectors(value: str) -> list[str]:
    parts = [part.strip() for part in value.split(",") if part.strip()]
    for part in parts:
        if not _SELECTOR.match(part):
            raise argparse.ArgumentTypeError(
                f"{part!r} is not a rule code, code prefix, family, rule name or ALL")
    return parts


def _moment(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an ISO 8601 date-time") from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{value!r} needs an offset, like 2026-11-23T09:00:00+01:00")
    return moment


def _lint_usage_check(lint: argparse.ArgumentParser) -> Callable[[argparse.Namespace], None]:
    """What argparse cannot say on its own: the PATHs needed, or one calendar file."""
    def check_usage(args: argparse.Namespace) -> None:
        if args.calendar is None:
            if not args.paths:
                lint.error("the following arguments are required: PATH (or --calendar FILE.csv)")
            if args.now:
                lint.error("--now only applies with --calendar")
        elif len(args.paths) > (0 if args.calendar else 1):
            lint.error("--calendar checks one calendar: give one CSV file")
        elif args.channel:
            lint.error("--channel does not apply with --calendar: the calendar names each post's channel")
    return check_usage


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Edito's pre-publication checker for social-media posts.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{lint,rules,rule}",
                                     parser_class=_Parser)

    lint = commands.add_parser(
        "lint", help="check posts before they go out",
        description="Check posts: Markdown files with front matter, text files, the calendar's CSV export, "
                    "folders of those, or - for stdin. With --calendar, check the calendar as a whole (rules "
                    "CAL…: commercial share, copy-paste, collisions, silences, workload, timing) from its "
                    "Edito CSV export. Exit 0: nothing at or above --fail-on; 1: findings at or above it; "
                    "2: usage, configuration or input error.")
    lint.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, or - to read one post from stdin")
    lint.add_argument("--calendar", nargs="?", const=CALENDAR_FROM_DATABASE, metavar="FILE.csv",
                      help="check the calendar as a whole (rules CAL…): its Edito CSV export, or - for stdin; "
                           "without a file, the app's database")
    lint.add_argument("--now", type=_moment, metavar="ISO",
                      help="with --calendar: the time to check against, with its offset (default: now)")
    lint.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    for flag, meaning in (("--select", "check only these rules"), ("--ignore", "skip these rules too"),
                          ("--extend-select", "check these rules as well")):
        lint.add_argument(flag, type=_selectors, action="extend", metavar="CODES",
                          help=f"{meaning}: comma-separated codes, prefixes (COM0), families (COM), names or ALL")
    lint.add_argument("--lang", choices=("fr", "en"), help="language of posts that do not say (default: detected)")
    lint.add_argument("--channel", metavar="NAME", help="channel of posts that do not say (x, linkedin, instagram…)")
    lint.add_argument("--fail-on", choices=[str(severity) for severity in Severity],
                      help="lowest severity that makes the exit code 1 (default: error, or the configuration's)")
    lint.add_argument("--config", metavar="FILE", type=Path,
                      help="settings file (edito.toml or pyproject.toml); default: the nearest one")
    lint.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    lint.add_argument("--stdin-filename", metavar="NAME",
                      help="name to report for stdin; its extension (.md, .csv) chooses how it is read")
    lint.add_argument("-o", "--output", metavar="FILE", type=Path, help="write the report to FILE instead of stdout")
    lint.set_defaults(handler=run_lint, check_usage=_lint_usage_check(lint))

    rules = commands.add_parser("rules", help="list every rule", description="List every rule of the checker.")
    rules.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    rules.set_defaults(handler=run_rules)

    rule = commands.add_parser("rule", help="explain one rule", description="Explain one rule and its options.")
    rule.add_argument("code", metavar="CODE", help="a rule code (COM001) or name (commercial.urgency)")
    rule.set_defaults(handler=run_rule)
    return parser


# --- lint -------------------------------------------------------------------------------------------------

def load_config(args: argparse.Namespace, base: Config | None = None) -> Config:
    """``--config FILE``, else ``base`` (a workspace's settings), else the discovered file; flags on top."""
    if args.config:
        config = Config.from_file(args.config)
    else:
        config = base if base is not None else Config.discover(Path.cwd())
    return config.with_flags(
        select=tuple(args.select) if args.select else None,
        ignore=tuple(args.ignore) if args.ignore else None,
        extend_select=tuple(args.extend_select) if args.extend_select else None,
        fail_on=Severity(args.fail_on) if args.fail_on else None,
        lang=args.lang,
    )


def wants_color(stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """ANSI colours on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    return bool(stream.isatty()) and not environ.get("NO_COLOR")


def wants_progress(count: int, stream: TextIO, disabled: bool) -> bool:
    return not disabled and count > PROGRESS_MIN_POSTS and bool(stream.isatty())


def _with_progress(results: Iterable[Any], total: int) -> Iterator[Any]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn("Checking posts"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("lint", total=total)
        for item in results:
            yield item
            progress.advance(task)


def check(posts: list[PostInput], config: Config, *, progress: bool) -> list[Report]:
    from checks.formatters import Report

    results = lint_many(posts, config=config, batch_size=PROGRESS_BATCH_SIZE if progress else BATCH_SIZE)
    if progress:
        results = _with_progress(results, len(posts))
    return [Report(post, tuple(findings)) for post, findings in results]


def run_lint(args: argparse.Namespace) -> int:
    from checks.inputs import read_inputs

    if args.calendar is not None:
        return write_report(args, *lint_calendar_reports(args))
    config = load_config(args)
    posts = read_inputs(args.paths, default_channel=args.channel, stdin_name=args.stdin_filename)
    return write_report(args, check(posts, config, progress=wants_progress(len(posts), sys.stderr, args.no_progress)),
                        config)


def write_report(args: argparse.Namespace, reports: list[Report], config: Config) -> int:
    """The report in the chosen format, to ``-o FILE`` or stdout; the exit code."""
    from checks.formatters import render, summarize

    output = render(args.format, reports, color=args.output is None and wants_color(sys.stdout))
    if args.output:
        args.output.write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
        sys.stdout.flush()
    return 1 if summarize(reports).failed(config.fail_on) else 0


# --- lint --calendar ------------------------------------------------------------------------------------

def read_calendar_file(args: argparse.Namespace, now: datetime
                       ) -> tuple[list[CalendarPost], list[PostInput], CalendarContext]:
    """The posts of the calendar's Edito CSV export, the PostInput each is reported on, and the context."""
    from checks.calendar import CalendarContext
    from checks.calendar.edito_csv import read_calendar_csv
    from checks.inputs import InputFileError, STDIN, describe_os_error

    name = args.calendar or args.paths[0]
    if name == STDIN:
        data, source = sys.stdin.buffer.read(), args.stdin_filename or STDIN
    else:
        try:
            data, source = Path(name).read_bytes(), name
        except OSError as error:
            raise InputFileError(describe_os_error(error)) from None
    calendar = read_calendar_csv(data, source)
    return calendar.posts, calendar.inputs, CalendarContext(now=now, timezone=calendar.timezone or "UTC")


def read_database_calendar(now: datetime) -> StoredCalendar:
    if database_calendar is None:
        raise InputError("no calendar to read: reading the app's database is not available here; give the "
                         "calendar's Edito CSV export instead (edito lint --calendar FILE.csv)")
    return database_calendar(now)


def _report_input(post: CalendarPost, source: str) -> PostInput:
    return PostInput(text=post.text, channel=post.platform, lang=post.lang, source=source, id=post.id)


def calendar_reports(inputs: Sequence[PostInput], findings: Iterable[Finding]) -> list[Report]:
    """One report per post, in the calendar's order, each with the findings it comes first in; findings
    that name no post go to a last, empty post named ``calendar``."""
    from checks.formatters import Report

    by_post: dict[str | None, list[Finding]] = {post.id: [] for post in inputs}
    unnamed: list[Finding] = []
    for finding in findings:
        by_post.get(finding.post_ids[0] if finding.post_ids else None, unnamed).append(finding)
    reports = [Report(post, tuple(by_post[post.id])) for post in inputs]
    if unnamed:
        source = inputs[0].source if inputs else "calendar"
        reports.append(Report(PostInput(text="", source=source, id="calendar"), tuple(unnamed)))
    return reports


def lint_calendar_reports(args: argparse.Namespace) -> tuple[list[Report], Config]:
    """The calendar's findings, one report per post, and the settings they were checked with.

    From a file: the discovered ``edito.toml``/pyproject (or ``--config``) and the flags. From the
    database: the workspace's settings (or ``--config``) and the flags; the commercial findings the app
    has stored under those settings are reused, so only posts it has not checked yet are checked here.
    """
    from checks.calendar import commercial_config, lint_calendar, with_commercial_findings

    now = args.now or datetime.now(UTC)
    known: Mapping[str, int] = {}
    if args.calendar or args.paths:
        config = load_config(args)
        posts, inputs, context = read_calendar_file(args, now)
    else:
        stored = read_database_calendar(now)
        config = load_config(args, base=stored.config)
        posts, context = list(stored.posts), stored.context
        inputs = [_report_input(post, f"{stored.workspace} (database)") for post in posts]
        if commercial_config(config) == commercial_config(stored.config):  # the app's counts hold
            known = stored.commercial_counts
    progress = _with_progress if wants_progress(len(posts) - len(known), sys.stderr, args.no_progress) else None
    posts = with_commercial_findings(posts, config=config, progress=progress, known=known)
    return calendar_reports(inputs, lint_calendar(posts, context=context, config=config)), config


# --- rules, rule -----------------------------------------------------------------------------------------

def _summary(rule: Rule) -> str:
    return " ".join(rule.docs().get("summary", "").split("\n\n")[0].split())


def _jsonable(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(value)
    return str(value)


def rule_entry(rule: Rule) -> dict[str, Any]:
    return {"code": rule.code, "name": rule.name, "family": rule.family, "severity": str(rule.severity),
            "summary": _summary(rule), "options": dict(rule.options), "url": docs_url(rule.code)}


def run_rules(args: argparse.Namespace) -> int:
    entries = [rule_entry(rule) for rule in all_rules()]
    if args.format == "json":
        sys.stdout.write(json.dumps(entries, ensure_ascii=False, indent=2, default=_jsonable) + "\n")
        return 0
    rows = [("CODE", "NAME", "SEVERITY", "SUMMARY")]
    rows += [(entry["code"], entry["name"], entry["severity"], entry["summary"]) for entry in entries]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[3])
    print(f"\n{len(entries)} rules. Details: {PROG} rule CODE")
    return 0


def find_rule(code_or_name: str) -> Rule | None:
    return get_rule(code_or_name) or get_rule(code_or_name.upper()) or get_rule(code_or_name.lower())


def run_rule(args: argparse.Namespace) -> int:
    rule = find_rule(args.code)
    if rule is None:
        return fail(f"unknown rule {args.code!r}; '{PROG} rules' lists every code and name")
    entry, docs = rule_entry(rule), rule.docs()
    print(f"{rule.code} {rule.name} (default severity: {rule.severity})\n")
    if entry["summary"]:
        print(docs["summary"] + "\n")
    for section in ("What it does", "Why it matters", "Example", "Use instead"):
        if docs.get(section):
            print(f"{section}\n{'-' * len(section)}\n{docs[section]}\n")
    if rule.options:
        title = f'Options (defaults; change them under [tool.edito.rules."{rule.name}"])'
        print(f"{title}\n{'-' * len(title)}")
        for name, value in rule.options.items():
            print(f"  {name} = {json.dumps(value, ensure_ascii=False, default=_jsonable)}")
        print()
    print(f"Docs: {entry['url']}")
    return 0


# --- entry point ---------------------------------------------------------------------------------------

def fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if hasattr(args, "check_usage"):
            args.check_usage(args)
    except SystemExit as done:  # --help, or a usage error already printed
        return done.code if isinstance(done.code, int) else 0
    for stream in (sys.stdout, sys.stderr):  # a console that cannot show « » or emoji gets escapes, not a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        return args.handler(args)
    except (InputError, ConfigError, PipelineMissingError) as error:
        return fail(str(error))
    except BrokenPipeError:  # the reader went away (`edito lint … | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:
        from checks.inputs import describe_os_error

        return fail(describe_os_error(error))
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
