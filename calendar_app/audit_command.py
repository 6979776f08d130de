"""``edito audit ARCHIVE…``: a brand's past posts, read from its platforms' exports, checked and reported.

Every per-post rule and the calendar rules run over the archives (``checks.audit``), with the workspace's
settings (``-w``), else those of the nearest edito.toml or pyproject.toml, else the defaults; the report
is one self-contained HTML page, JSON (``edito.audit/1``) or CSV. Errors are one line, exit 1, and leave
no report behind (it is written to a temporary file, then renamed).
"""

from __future__ import annotations

import os
import secrets
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from sqlmodel import Session

    from calendar_app.models import Workspace
    from checks import Config
    from checks.audit.model import ArchivedPost
    from checks.audit.readers import Ignored
    from checks.audit.report import AuditReport

FORMATS = ("html", "json", "csv")
LANGUAGES = ("fr", "en")
SHOWN_SKIPPED = 5
STDOUT = "-"


def _fail(message: str):
    from calendar_app.errors import ValidationError

    return ValidationError(message)


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise _fail(f"{option} {value!r} is not a date: give it as YYYY-MM-DD.") from None


def _selectors(values: list[str] | None, option: str) -> tuple[str, ...] | None:
    """The codes, prefixes, families or names given, each naming at least one rule."""
    if not values:
        return None
    from checks import Config
    from checks.registry import all_rules

    parts = tuple(part.strip() for value in values for part in value.split(",") if part.strip())
    for part in parts:
        if not any(Config(select=(part,)).is_selected(rule) for rule in all_rules()):
            raise _fail(f"{option} {part!r}: no rule has this code or name ('edito rules' lists them).")
    return parts


@dataclass
class Setup:
    """What the audit runs with: the checker's settings and how to read the results."""

    config: Config
    lang: str
    timezone: str = "UTC"
    commercial_target: float | None = None
    frequencies: dict[str, float] = field(default_factory=dict)


def workspace_setup(workspace: Workspace, *, session: Session) -> Setup:
    """The workspace's checker settings (every channel's overrides under its platform), language, timezone,
    commercial target and each platform's planned posts per week."""
    from calendar_app.services.calendar_checks import calendar_config
    from calendar_app.services.workspaces import list_channels
    from checks import ConfigError

    channels = list_channels(workspace.id, session=session)
    frequencies: dict[str, float] = {}
    for channel in channels:
        if channel.posts_per_week:
            platform = str(channel.platform)
            frequencies[platform] = frequencies.get(platform, 0) + channel.posts_per_week
    lang = str(workspace.language)
    try:
        config = calendar_config(workspace, channels).with_flags(lang=lang)
    except ConfigError as error:
        raise _fail(str(error)) from None
    target = workspace.commercial_target
    return Setup(config=config, lang=lang, timezone=workspace.timezone,
                 commercial_target=_default_target(config) if target is None else target, frequencies=frequencies)


def _workspace_setup(name: str) -> Setup:
    from calendar_app.commands import _ready_engine
    from calendar_app.db import session_scope
    from calendar_app.services.workspaces import pick_workspace

    with session_scope(_ready_engine()) as session:
        return workspace_setup(pick_workspace(name, session=session), session=session)


def _default_target(config: Config) -> float:
    """The highest commercial share the calendar rule CAL001 allows with these settings."""
    from checks.registry import get_rule

    return float(config.options_for(get_rule("CAL001"))["target"])


def _setup(workspace: str | None, lang: str | None, select: tuple[str, ...] | None,
           ignore: tuple[str, ...] | None) -> Setup:
    from checks import Config

    if workspace is not None:
        setup = _workspace_setup(workspace)
    else:
        config = Config.discover(Path.cwd())
        setup = Setup(config=config, lang=config.lang or "en")
    if lang:
        setup.lang = lang
    setup.config = setup.config.with_flags(select=select, ignore=ignore, lang=lang)
    if setup.commercial_target is None:
        setup.commercial_target = _default_target(setup.config)
    return setup


def _in_period(posts: Iterable[ArchivedPost], start: date | None, end: date | None, timezone: str
               ) -> Iterator[ArchivedPost]:
    """The posts published from ``start`` to ``end`` included (days in ``timezone``)."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(timezone)
    for post in posts:
        day = post.created_at.astimezone(zone).date()
        if (start is None or day >= start) and (end is None or day <= end):
            yield post


@contextmanager
def _progress_bar():
    """``on_progress`` drawing the posts checked so far on stderr, when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("Checking posts: {task.completed:,.0f} checked"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("audit", total=None)
        yield lambda count: progress.advance(task, count)


class Skipped:
    """The malformed records the readers left out: counted, the first few kept to show."""

    def __init__(self) -> None:
        self.count, self.first = 0, []

    def __call__(self, message: str) -> None:
        self.count += 1
        if len(self.first) < SHOWN_SKIPPED:
            self.first.append(message)

    def warn(self) -> None:
        if not self.count:
            return
        typer.echo(f"edito: warning: {self.count} malformed record{'s' if self.count > 1 else ''} skipped:", err=True)
        for message in self.first:
            typer.echo(f"  {message}", err=True)
        if self.count > len(self.first):
            typer.echo(f"  … and {self.count - len(self.first)} more", err=True)


def _exported(frequencies: dict[str, float], archives: Sequence[Path]) -> dict[str, float]:
    """The planned frequencies of the platforms the archives export: a platform without its export is not
    silent, only absent (all of them when an Edito CSV, which may hold any platform, is among them)."""
    from checks.audit.readers import EDITO, detect

    platforms = {source.platform for path in archives for source in detect(path)}
    if EDITO in platforms:
        return dict(frequencies)
    return {platform: frequency for platform, frequency in frequencies.items() if platform in platforms}


def build_report(archives: Sequence[Path], setup: Setup, *, names: Sequence[str] | None = None,
                 start: date | None = None, end: date | None = None, engine: str = "local",
                 workers: int | None = None, scheduler: str | None = None, partition_size: int | None = None,
                 on_progress: Callable[[int], None] | None = None, skipped: Skipped | None = None,
                 ignored: Ignored | None = None) -> AuditReport:
    """The report on the archives' posts published from ``start`` to ``end`` (in the setup's timezone), as
    ``edito audit`` writes it (the app's Audit page too); ``names`` are the archives as the report names them
    (default: their paths). An archive that cannot be read, or an engine that cannot run, raises
    ValidationError with one sentence."""
    from checks import ConfigError, InputError
    from checks.audit.engine import PARTITION_SIZE, AuditError, audit
    from checks.audit.model import ArchiveError
    from checks.audit.readers import read_archives
    from checks.audit.report import AuditReport
    from checks.inputs import InputFileError, describe_os_error
    from checks.nlp import PipelineMissingError

    skipped = skipped if skipped is not None else Skipped()
    try:
        stream = read_archives(archives, skipped=skipped, ignored=ignored)
        first = next(stream, None)  # a wrong path fails here, before any worker starts
        posts = _in_period(chain([first] if first else [], stream), start, end, setup.timezone)
        tally = audit(posts, config=setup.config, engine=engine, workers=workers, scheduler=scheduler,
                      partition_size=partition_size or PARTITION_SIZE, on_progress=on_progress,
                      timezone=setup.timezone, frequencies=_exported(setup.frequencies, archives))
    except (ArchiveError, AuditError, ConfigError, InputError, InputFileError, PipelineMissingError) as error:
        raise _fail(str(error)) from None
    except OSError as error:
        raise _fail(describe_os_error(error)) from None
    return AuditReport(tally, lang=setup.lang, timezone=setup.timezone, commercial_target=setup.commercial_target,
                       archives=list(names) if names is not None else [str(path) for path in archives],
                       skipped=skipped.count)


def _write(output: Path, content: str) -> None:
    """All or nothing: a temporary file beside the report, renamed over it once complete."""
    if str(output) == STDOUT:
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    # Created with open(), not tempfile (which makes it private, 0600): the report gets the usual permissions.
    partial = output.with_name(f".{output.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        with partial.open("x", encoding="utf-8", newline="") as handle:
            handle.write(content)
        os.replace(partial, output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _format(fmt: str | None, output: Path | None) -> str:
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output is not None else ""
        return suffix if suffix in FORMATS else "html"
    if fmt.strip().lower() not in FORMATS:
        raise _fail(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    return fmt.strip().lower()


def _engine(engine: str | None, scheduler: str | None) -> str:
    from checks.audit.engine import ENGINES

    chosen = (engine or ("dask" if scheduler else "local")).strip().lower()
    if chosen not in ENGINES:
        raise _fail(f"--engine {engine!r}: choose one of {', '.join(ENGINES)}.")
    if scheduler and chosen != "dask":
        raise _fail("--scheduler only applies with --engine dask.")
    return chosen


def audit_command(
    archives: Annotated[list[Path], typer.Argument(
        help="Exports to read: zip files, unpacked folders or export files (X, Instagram, Facebook, LinkedIn, "
             "Edito CSV).", metavar="ARCHIVE", show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="The report file ('-' for standard output). Default: edito-audit.html (.json, .csv).")
    ] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="html (one self-contained page), json (edito.audit/1) or csv (one row per month); "
                               "default: from --output's extension, else html.")] = None,
    start: Annotated[str | None, typer.Option(
        "--from", help="First day to audit (YYYY-MM-DD), in the workspace's timezone (UTC without one).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day to audit, included.")] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="fr or en: the report's language, and that of posts whose export does not say (default: the "
                       "workspace's; else detected, report in English).")] = None,
    select: Annotated[list[str] | None, typer.Option(
        "--select", help="Check only these rules: comma-separated codes, prefixes, families (COM, CAL) or names.")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Skip these rules too.")] = None,
    workspace: Annotated[str | None, typer.Option(
        "--workspace", "-w", help="Use this workspace's checker settings, language, timezone and commercial target.")
    ] = None,
    engine: Annotated[str | None, typer.Option(
        "--engine", help="local (processes on this machine, the default) or dask.")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Worker processes (default: one per CPU); 1 checks in this process.")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="With --engine dask: the scheduler's address (tcp://host:8786), or 'local' for a cluster "
                            "on this machine (the default).")] = None,
) -> None:
    """Audit past posts from the platforms' exports: every rule, the calendar as a whole, one report."""
    from checks import ConfigError, InputError
    from checks.audit.readers import Ignored
    from checks.audit.report import render
    from checks.inputs import InputFileError, describe_os_error
    from checks.nlp import PipelineMissingError

    fmt = _format(fmt, output)
    first_day, last_day = _day(start, "--from"), _day(end, "--to")
    if first_day and last_day and last_day < first_day:
        raise _fail(f"--to {last_day} is before --from {first_day}.")
    if lang is not None and lang.strip().lower() not in LANGUAGES:
        raise _fail(f"--lang {lang!r}: choose fr or en.")
    chosen_engine = _engine(engine, scheduler)
    skipped, ignored = Skipped(), Ignored()
    try:
        setup = _setup(workspace, lang and lang.strip().lower(), _selectors(select, "--select"),
                       _selectors(ignore, "--ignore"))
        with _progress_bar() as on_progress:
            report = build_report(archives, setup, start=first_day, end=last_day, engine=chosen_engine,
                                  workers=workers, scheduler=scheduler, on_progress=on_progress, skipped=skipped,
                                  ignored=ignored)
        target = output or Path(f"edito-audit.{fmt}")
        _write(target, render(fmt, report))
    except (ConfigError, InputError, InputFileError, PipelineMissingError) as error:
        raise _fail(str(error)) from None
    except OSError as error:
        raise _fail(describe_os_error(error)) from None
    skipped.warn()
    total = report.tally.total()
    left_out = [f"{count} {what}" for what, count in (("retweets", ignored.retweets), ("empty texts", ignored.empty),
                                                      ("duplicates", ignored.duplicates)) if count]
    where = "" if str(target) == STDOUT else f"Wrote {target}: "
    left_out_note = f" ({', '.join(left_out)} left out)" if left_out else ""
    findings = sum(total.families.values()) + sum(total.calendar.values())
    typer.echo(f"{where}{_count(total.posts, 'post')} and {_count(total.replies, 'reply', 'replies')} audited"
               f"{left_out_note}, {_count(findings, 'finding')}.", err=True)


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"
