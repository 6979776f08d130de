"""``edito workspace add|list|rename|archive|restore``: the brands (workspaces), from the command line.

Every change is audited (entity ``workspace``); an archived brand is hidden from lists and pickers, kept with
its channels, campaigns, posts and members, and ``restore`` brings it back: nothing is ever deleted here."""

from __future__ import annotations

import shlex
from typing import Annotated

import typer

workspace_cli = typer.Typer(help="Brands (workspaces): add, list, rename, archive, restore.", no_args_is_help=True)


def _engine():
    from calendar_app.commands import _ready_engine

    return _ready_engine()


def _brand(name: str, session):
    """The brand named ``name`` (any case), archived or not; a NotFoundError naming the brands if none."""
    from calendar_app.errors import NotFoundError
    from calendar_app.services.workspaces import find_workspace, list_workspaces

    workspace = find_workspace(name, session=session)
    if workspace is None:
        names = ", ".join(repr(known.name) for known in list_workspaces(session=session, include_archived=True))
        raise NotFoundError(f"No brand named {name!r} (brands: {names or 'none yet'}).")
    return workspace


def _choice(value: str, enum, option: str):
    from calendar_app.commands import _choice as choice

    return choice(value, enum, option)


OPTIONS = {"name": "NAME", "timezone": "--timezone", "commercial_target": "--commercial-target"}


def _described(error) -> str:
    """A pydantic refusal in one line, naming the argument or option it concerns."""
    from calendar_app.errors import validation_problem

    return "; ".join(f"{OPTIONS.get(str(problem['loc'][0]), problem['loc'][0])}: {validation_problem(problem)}"
                     if problem.get("loc") else validation_problem(problem) for problem in error.errors())


@workspace_cli.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The brand's name, as the app shows it.", show_default=False)],
    lang: Annotated[str, typer.Option("--lang", help="Language of its posts: fr or en.", show_default=False)],
    timezone: Annotated[str, typer.Option("--timezone", help="IANA timezone of its calendar, e.g. Europe/Paris.", show_default=False)],
    voice: Annotated[str, typer.Option("--voice", help="How posts address readers: tu, vous or neutral.")] = "vous",
    commercial_target: Annotated[float, typer.Option("--commercial-target", help="Highest share of promotional posts, from 0 to 1.")] = 0.2,
) -> None:
    """Create a brand. Then add its channels in the app's Settings, or import its calendar
    (edito import -w NAME FILE creates the channels the file names)."""
    from pydantic import ValidationError as PydanticValidationError

    from calendar_app.db import session_scope
    from calendar_app.errors import ValidationError
    from calendar_app.models import Language, Voice, WorkspaceCreate
    from calendar_app.services.workspaces import create_workspace

    language, chosen_voice = _choice(lang, Language, "--lang"), _choice(voice, Voice, "--voice")
    try:
        data = WorkspaceCreate(name=name, language=language, timezone=timezone.strip(), voice=chosen_voice,
                               commercial_target=commercial_target)
    except PydanticValidationError as error:
        raise ValidationError(_described(error)) from None
    with session_scope(_engine()) as session:
        workspace = create_workspace(data, session=session)
    typer.echo(f"Created brand {workspace.name!r} ({workspace.language}, {workspace.timezone}, voice "
               f"{workspace.voice}, commercial target {workspace.commercial_target:g}).")


@workspace_cli.command("list")
def list_command(
    archived: Annotated[bool, typer.Option("--archived", help="Show the archived brands too (marked 'archived').")] = False,
) -> None:
    """Every brand: name, language, timezone, voice, number of channels, and 'demo' or 'archived'."""
    from sqlalchemy import func
    from sqlmodel import select

    from calendar_app.db import session_scope
    from calendar_app.models import Channel
    from calendar_app.services.workspaces import ADD_HINT, list_workspaces

    with session_scope(_engine()) as session:
        everything = list_workspaces(session=session, include_archived=True)
        channels = dict(session.exec(select(Channel.workspace_id, func.count()).group_by(Channel.workspace_id)).all())
    shown = [workspace for workspace in everything if archived or workspace.archived_at is None]
    hidden = len(everything) - len(shown)
    if not everything:
        typer.echo(f"No brand yet: {ADD_HINT}.")
    for workspace in shown:
        count = channels.get(workspace.id, 0)
        flags = " ".join(flag for flag, on in (("demo", workspace.is_demo), ("archived", workspace.archived_at))
                         if on)
        typer.echo(f"{workspace.name}\t{workspace.language}\t{workspace.timezone}\t{workspace.voice}\t"
                   f"{count} channel{'' if count == 1 else 's'}" + (f"\t{flags}" if flags else ""))
    if hidden:
        typer.echo(f"{hidden} archived brand{'s' if hidden > 1 else ''} not shown (edito workspace list --archived).",
                   err=True)


@workspace_cli.command("rename")
def rename(
    old: Annotated[str, typer.Argument(help="The brand's current name (any case).", show_default=False)],
    new: Annotated[str, typer.Argument(help="Its new name.", show_default=False)],
) -> None:
    """Rename a brand (its posts, channels and members stay with it)."""
    from calendar_app.db import session_scope
    from calendar_app.services.workspaces import rename_workspace

    with session_scope(_engine()) as session:
        workspace = _brand(old, session)
        before = workspace.name
        rename_workspace(workspace.id, new, session=session)
        after = workspace.name
    typer.echo(f"Renamed {before!r} to {after!r}.")


@workspace_cli.command("archive")
def archive(name: Annotated[str, typer.Argument(help="The brand's name (any case).", show_default=False)]) -> None:
    """Archive a brand: hidden from lists, the app and --workspace; kept whole (posts, channels, campaigns,
    members), and edito workspace restore brings it back. Nothing is deleted."""
    from calendar_app.db import session_scope
    from calendar_app.services.workspaces import archive_workspace

    with session_scope(_engine()) as session:
        workspace = archive_workspace(_brand(name, session).id, session=session)
    typer.echo(f"Archived {workspace.name!r}: hidden, nothing deleted (edito workspace restore "
               f"{shlex.quote(workspace.name)} brings it back).")


@workspace_cli.command("restore")
def restore(name: Annotated[str, typer.Argument(help="The archived brand's name (any case).", show_default=False)]) -> None:
    """Bring an archived brand back, as it was."""
    from calendar_app.db import session_scope
    from calendar_app.services.workspaces import restore_workspace

    with session_scope(_engine()) as session:
        workspace = restore_workspace(_brand(name, session).id, session=session)
    typer.echo(f"Restored {workspace.name!r}.")
