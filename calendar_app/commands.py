"""The ``edito`` Typer app: the planning commands (``app``, ``db upgrade``, ``demo``), and the checker's
``lint``, ``rules`` and ``rule`` listed in ``edito --help``.

Imported only when a planning command runs: ``calendar_app.cli.main`` hands the checker's commands to
``checks.cli`` before this module (Typer, SQLAlchemy) is loaded."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from typing import Annotated

import typer

from calendar_app.cli import CHECKER_COMMANDS

APP_FILE = Path(__file__).resolve().parent / "app.py"
LOOPBACK = ("127.0.0.1", "localhost", "::1")

cli = typer.Typer(
    name="edito",
    help="Edito: plan a brand's social-media posts and catch bad ones before they go out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
db_cli = typer.Typer(help="Database schema.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")


def _add_user_commands() -> None:
    from calendar_app.user_commands import user_cli

    cli.add_typer(user_cli, name="user")
    from calendar_app.workspace_commands import workspace_cli
    cli.add_typer(workspace_cli, name="workspace")
    from calendar_app.audit_command import audit_command
    cli.command("audit")(audit_command)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"edito {version('edito')}")
        raise typer.Exit()


@cli.callback()
def root(
    show_version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Plan a brand's social-media posts and catch bad ones before they go out."""


def _ready_engine():
    from calendar_app.db import engine_from_settings, upgrade

    engine = engine_from_settings()
    upgrade(engine)
    return engine


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the database schema to this version of Edito."""
    from calendar_app.db import describe, engine_from_settings, upgrade

    engine = engine_from_settings()
    applied = upgrade(engine)
    typer.echo(f"{'Upgraded' if applied else 'Already up to date'}: {describe(engine)}")


@cli.command()
def demo() -> None:
    """Seed the demo brands (French and English), their team and a month of posts. Safe to run twice."""
    from calendar_app.db import session_scope
    from calendar_app.demo import seed_demo

    with session_scope(_ready_engine()) as session:
        report = seed_demo(session=session)
    for workspace, created in report.items():
        typer.echo(f"{workspace}: {created} posts created" if created else f"{workspace}: already there")


@cli.command()
def app(
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8501,
    address: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    demo_data: Annotated[bool | None, typer.Option("--demo/--no-demo", help="Seed demo data into an empty database (default: only when listening on localhost).")] = None,
) -> None:
    """Start the planning app (migrates the database first; seeds the demo into an empty one on localhost).

    Beyond localhost, sign-in is mandatory (EDITO_REQUIRE_LOGIN is set for the app). With no account yet, it
    first says how to create the first admin (edito user add EMAIL --name NAME --role admin)."""
    from calendar_app.db import session_scope
    from calendar_app.demo import seed_demo
    from calendar_app.services.users import list_users
    from calendar_app.services.workspaces import list_workspaces
    from calendar_app.settings import get_settings

    local = address in LOOPBACK
    demo_data = local if demo_data is None else demo_data
    engine = _ready_engine()
    with session_scope(engine) as session:
        if demo_data and not list_workspaces(session=session, include_archived=True):
            seed_demo(session=session)
            typer.echo("First run: demo workspaces created (sign-in password for demo accounts: edito-demo).")
        no_account = not list_users(session=session)
    engine.dispose()
    if no_account:  # a team starting from zero: nobody could sign in yet
        first_admin = '  edito user add EMAIL --name "FIRST LAST" --role admin   # password asked twice, hidden'
        if local and not get_settings().require_login:
            typer.echo("No account yet: the app walks you through your first brand, its channels and team, and "
                       "makes you its first admin. To sign in from other machines, create an admin with a "
                       f"password:\n{first_admin}")
        else:
            typer.echo(f"No account yet: create the first admin, then sign in with their email and password:\n"
                       f"{first_admin}")
    typer.echo(f"Edito is starting at http://localhost:{port} (Ctrl+C to stop)")
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP_FILE),
        "--server.port", str(port), "--server.address", address, "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--global.developmentMode", "false",
        "--client.toolbarMode", "minimal",
    ]
    environment = dict(os.environ)
    if not local:
        environment["EDITO_REQUIRE_LOGIN"] = "1"
        typer.echo(f"Listening on {address}: sign-in is required.")
    sys.stdout.flush()
    # Become Streamlit rather than wait for it: a stop signal (Ctrl+C, a service manager's SIGTERM) then
    # reaches the server itself, and no orphaned server keeps the port.
    os.execve(sys.executable, command, environment)


def _workspace(session, name: str | None):
    from calendar_app.services.workspaces import pick_workspace

    return pick_workspace(name, session=session)


def _progress(label: str):
    """A progress callback drawing a bar on a terminal (nothing when the output is redirected)."""
    if not sys.stderr.isatty():
        return None, None
    from rich.progress import Progress

    bar = Progress(transient=True)
    task = bar.add_task(label, total=None)
    return bar, lambda done, total: bar.update(task, completed=done, total=total)


WORKSPACE_OPTION = typer.Option("--workspace", "-w", help="Workspace (brand) name or number; needed when there are several.")
DATE_ORDER_OPTION = typer.Option("--date-order", help="dmy (dd/mm/yyyy) or mm/dd/yyyy (mdy) dates for Hootsuite and Sprout; default: dmy for a French workspace.")


@cli.command("export")
def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="edito-csv, excel-fr, hootsuite, buffer, sprout or ics.")] = "edito-csv",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write ('-' for standard output); several files get its name as a prefix; a .zip holds them all.")] = None,
    workspace: Annotated[str | None, WORKSPACE_OPTION] = None,
    start: Annotated[datetime | None, typer.Option("--from", formats=["%Y-%m-%d"], help="First day (YYYY-MM-DD), in the workspace's timezone.")] = None,
    end: Annotated[datetime | None, typer.Option("--to", formats=["%Y-%m-%d"], help="Last day, included.")] = None,
    channel: Annotated[list[str] | None, typer.Option("--channel", help="Only this channel (name or platform); repeat for several.")] = None,
    status: Annotated[list[str] | None, typer.Option("--status", help="Only this status; repeat for several. Schedulers default to approved and scheduled.")] = None,
    campaign: Annotated[str | None, typer.Option("--campaign", help="Only this campaign.")] = None,
    with_findings: Annotated[bool, typer.Option("--with-findings", help="Add the checker's findings as columns.")] = False,
    date_order: Annotated[str | None, DATE_ORDER_OPTION] = None,
) -> None:
    """Export the calendar: Edito CSV, French spreadsheet CSV, Hootsuite, Buffer, Sprout Social or iCalendar."""
    from calendar_app.db import session_scope
    from calendar_app.errors import ValidationError
    from calendar_app.exchange import DateOrder, ExportFilters, Format, export_calendar
    from calendar_app.exchange.files import output_paths, write_all

    fmt_value = _choice(fmt, Format, "--format")
    order = _choice(date_order, DateOrder, "--date-order") if date_order else None
    if start and end and end < start:
        raise ValidationError(f"--to {end:%Y-%m-%d} is before --from {start:%Y-%m-%d}.")
    filters = ExportFilters(start=start and start.date(), end=end and end.date(), channels=tuple(channel or ()),
                            statuses=tuple(status or ()), campaign=campaign)
    bar, progress = _progress("Checking posts") if with_findings else (None, None)
    with session_scope(_ready_engine()) as session:
        target = _workspace(session, workspace)
        if bar:
            bar.start()
        try:
            result = export_calendar(target.id, fmt_value, session=session, filters=filters,
                                     with_findings=with_findings, date_order=order, progress=progress)
        finally:
            if bar:
                bar.stop()
    if str(output) == "-":
        if len(result.files) != 1:
            raise ValidationError(f"The {fmt_value} export makes {len(result.files)} files: give a file name or a "
                                  f".zip with --output instead of '-'.")
        sys.stdout.buffer.write(result.files[0].data)
        sys.stdout.flush()
        written = []
    else:
        written = write_all(output_paths(result, output))
    for path in written:
        typer.echo(f"Wrote {path}", err=True)
    typer.echo(f"{result.exported} posts exported ({fmt_value}).", err=True)
    for note in result.notes:
        typer.echo(note, err=True)
    if result.left_out:
        typer.echo(f"{len(result.left_out)} posts left out, which the {fmt_value} format cannot carry:", err=True)
        for left in result.left_out:
            typer.echo(f"  - {left}", err=True)


@cli.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="The CSV file to import.", show_default=False)],
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="edito-csv, excel-fr, hootsuite, buffer or sprout; detected from the header if not given.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row and show what would be created; write nothing.")] = False,
    workspace: Annotated[str | None, WORKSPACE_OPTION] = None,
    channel: Annotated[str | None, typer.Option("--channel", help="Channel for files that name none (Hootsuite, Buffer, Sprout) or rows that leave it empty.")] = None,
    date_order: Annotated[str | None, DATE_ORDER_OPTION] = None,
) -> None:
    """Import a calendar file. Every row is checked first; nothing is written unless all rows are valid."""
    from calendar_app.db import session_scope
    from calendar_app.errors import ValidationError
    from calendar_app.exchange import DateOrder, Format, ImportRejected, apply_import, describe_plan, plan_import
    from checks.inputs import describe_os_error

    fmt_value = _choice(fmt, Format, "--format") if fmt else None
    order = _choice(date_order, DateOrder, "--date-order") if date_order else None
    try:
        data = file.read_bytes()
    except OSError as error:
        raise ValidationError(describe_os_error(error)) from None
    with session_scope(_ready_engine()) as session:
        target = _workspace(session, workspace)
        plan = plan_import(data, source=str(file), workspace_id=target.id, session=session, fmt=fmt_value,
                           channel=channel, date_order=order)
        if not plan.ok:
            raise ImportRejected(plan)
        for line in describe_plan(plan):
            typer.echo(line)
        if dry_run:
            typer.echo("Dry run: nothing was written.")
            return
        result = apply_import(plan, session=session)
    typer.echo(f"Imported {result.created} posts into {target.name}"
               f"{f' ({result.skipped} duplicates skipped)' if result.skipped else ''}.")


@cli.command("backup")
def backup_command(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The zip file to write (a folder: the default name in it). Default: edito-backup-YYYYmmdd-HHMMSS.zip (UTC) here.")] = None,
) -> None:
    """Back up the whole database to one zip file: a consistent snapshot, safe while the app runs."""
    from calendar_app.backup import create_backup, default_backup_name
    from calendar_app.db import describe, engine_from_settings

    engine = engine_from_settings()
    bar, update = _progress("Backing up")
    if bar:
        bar.start()
    try:
        result = create_backup(engine, output or Path(default_backup_name()),
                               progress=update and (lambda _table, done, total: update(done, total)))
    finally:
        if bar:
            bar.stop()
    manifest = result.manifest
    typer.echo(f"Backed up {describe(engine)} to {result.path}: {len(manifest['tables'])} tables, "
               f"{result.rows} rows, schema revision {manifest['schema_revision']}.")


@cli.command("restore")
def restore_command(
    file: Annotated[Path, typer.Argument(help="The backup zip file (from edito backup).", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Replace everything in a database that is not empty.")] = False,
) -> None:
    """Restore a backup into the database: all tables or nothing. An empty database unless --force."""
    from calendar_app.backup import restore_backup
    from calendar_app.db import describe, engine_from_settings

    engine = engine_from_settings()
    bar, update = _progress("Restoring")
    if bar:
        bar.start()
    try:
        result = restore_backup(engine, file, force=force,
                                progress=update and (lambda _table, done, total: update(done, total)))
    finally:
        if bar:
            bar.stop()
    manifest = result.manifest
    migrated = f", migrated from schema revision {result.migrated_from}" if result.migrated_from else ""
    typer.echo(f"Restored {file} into {describe(engine)}: {len(result.rows)} tables, {sum(result.rows.values())} "
               f"rows (backup of {manifest.get('created_at', '?')} from {manifest.get('backend', '?')}{migrated}).")


def _choice(value: str, enum, option: str):
    try:
        return enum(value.strip().lower())
    except ValueError:
        from calendar_app.errors import ValidationError

        raise ValidationError(f"{option} {value!r}: choose one of {', '.join(item.value for item in enum)}.") from None


def _forward_to_checker(name: str):
    def command(ctx: typer.Context) -> None:
        from checks.cli import main as checker_main

        raise typer.Exit(checker_main([name, *ctx.args]))

    return command


# Listed in `edito --help`; `calendar_app.cli.main` normally hands these to checks.cli before Typer loads.
for _name, _help in CHECKER_COMMANDS.items():
    cli.command(
        _name, help=_help, add_help_option=False,
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )(_forward_to_checker(_name))


_add_user_commands()
