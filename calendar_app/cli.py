"""The ``edito`` command. Errors a user can act on print one line on stderr and exit non-zero."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Annotated

import typer

from calendar_app.errors import EditoError

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


def main(argv: list[str] | None = None) -> int:
    """Console entry point: one readable line for any error the user can act on, never a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        cli(args=argv, prog_name="edito")  # standalone: click reports usage errors itself (exit 2)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except EditoError as error:
        typer.echo(f"edito: error: {error}", err=True)
        return 1
    except SQLAlchemyError as error:
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        typer.echo(f"edito: database error: {detail}", err=True)
        return 1
    except KeyboardInterrupt:
        typer.echo("edito: interrupted", err=True)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
