"""The ``edito`` Typer app: the planning commands (``app``, ``db upgrade``, ``demo``), and the checker's
``lint``, ``rules`` and ``rule`` listed in ``edito --help``.

Imported only when a planning command runs: ``calendar_app.cli.main`` hands the checker's commands to
``checks.cli`` before this module (Typer, SQLAlchemy) is loaded."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Annotated

import typer

from calendar_app.cli import CHECKER_COMMANDS

APP_FILE = Path(__file__).resolve().parent / "app.py"

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
    demo_data: Annotated[bool, typer.Option("--demo/--no-demo", help="Seed demo data into an empty database.")] = True,
) -> None:
    """Start the planning app (migrates the database first; seeds the demo into an empty one)."""
    from calendar_app.db import session_scope
    from calendar_app.demo import seed_demo
    from calendar_app.services.workspaces import list_workspaces

    engine = _ready_engine()
    with session_scope(engine) as session:
        if demo_data and not list_workspaces(session=session):
            seed_demo(session=session)
            typer.echo("First run: demo workspaces created (sign-in password for demo accounts: edito-demo).")
    engine.dispose()
    typer.echo(f"Edito is starting at http://localhost:{port} (Ctrl+C to stop)")
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP_FILE),
        "--server.port", str(port), "--server.address", address, "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--global.developmentMode", "false",
        "--client.toolbarMode", "minimal",
    ]
    try:
        raise typer.Exit(subprocess.call(command))
    except KeyboardInterrupt:
        raise typer.Exit(130) from None


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
