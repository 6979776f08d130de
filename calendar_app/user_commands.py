"""``edito user add|list|disable|enable|passwd|access``: the team's accounts, from the command line."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

user_cli = typer.Typer(help="Team accounts: add, list, disable, change a password, workspace access.",
                       no_args_is_help=True)


def _password(from_stdin: bool) -> str:
    from calendar_app.services.users import MIN_PASSWORD_LENGTH

    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt(f"Password ({MIN_PASSWORD_LENGTH} characters or more)", hide_input=True,
                        confirmation_prompt=True)


def _workspace_ids(names: list[str] | None, session) -> list[int]:
    from calendar_app.commands import _workspace

    return [_workspace(session, name).id for name in names or []]


def _user(email: str, session):
    from calendar_app.errors import NotFoundError
    from calendar_app.services.users import find_user

    user = find_user(email, session=session)
    if user is None:
        raise NotFoundError(f"No account with the email {email!r} (edito user list shows them).")
    return user


def _engine():
    from calendar_app.commands import _ready_engine

    return _ready_engine()


@user_cli.command("add")
def add(
    email: Annotated[str, typer.Argument(help="The person's email: their sign-in name.")],
    name: Annotated[str, typer.Option("--name", help="Name shown in the app.")],
    role: Annotated[str, typer.Option("--role", help="writer, editor or admin.")] = "writer",
    workspace: Annotated[list[str] | None, typer.Option("--workspace", "-w", help="A workspace they may open (repeat); admins open all.")] = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from standard input (scripts).")] = False,
) -> None:
    """Create an account (the password is asked twice, hidden, and stored as an argon2id hash)."""
    from pydantic import ValidationError as PydanticValidationError

    from calendar_app.db import session_scope
    from calendar_app.errors import ValidationError, describe_validation_error
    from calendar_app.services.members import SYSTEM, MemberCreate, create_account, give_access

    password = _password(password_stdin)
    try:
        data = MemberCreate(name=name, email=email, role=role.strip().lower(), password=password)
    except PydanticValidationError as error:
        raise ValidationError(describe_validation_error(error)) from None
    with session_scope(_engine()) as session:
        ids = _workspace_ids(workspace, session)
        account = create_account(data, user=SYSTEM, session=session)
        for workspace_id in ids:
            give_access(account.id, workspace_id, user=SYSTEM, session=session)
    typer.echo(f"Created {data.email} ({data.role}).")


@user_cli.command("list")
def list_command() -> None:
    """Every account: email, name, role, active or not, demo or not, workspaces."""
    from calendar_app.db import session_scope
    from calendar_app.services.auth import workspaces_of
    from calendar_app.services.users import list_users

    with session_scope(_engine()) as session:
        for user in list_users(session=session):
            reach = "all workspaces" if user.role == "admin" else ", ".join(
                workspace.name for workspace in workspaces_of(user, session=session)) or "no workspace"
            flags = " ".join(flag for flag, on in (("disabled", not user.is_active), ("demo", user.is_demo)) if on)
            typer.echo(f"{user.email}\t{user.name}\t{user.role}\t{flags or 'active'}\t{reach}")


def _set_active(email: str, active: bool) -> None:
    from calendar_app.db import session_scope
    from calendar_app.services.members import SYSTEM, set_active

    with session_scope(_engine()) as session:
        user = set_active(_user(email, session).id, active, user=SYSTEM, session=session)
    typer.echo(f"{user.email} is {'active' if active else 'disabled (signed out everywhere)'}.")


@user_cli.command("disable")
def disable(email: Annotated[str, typer.Argument(help="The account's email.")]) -> None:
    """Disable an account: it cannot sign in, and its sessions end at once. Its posts stay. The last active
    admin cannot be disabled."""
    _set_active(email, False)


@user_cli.command("enable")
def enable(email: Annotated[str, typer.Argument(help="The account's email.")]) -> None:
    """Enable a disabled account again."""
    _set_active(email, True)


@user_cli.command("passwd")
def passwd(
    email: Annotated[str, typer.Argument(help="The account's email.")],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from standard input.")] = False,
) -> None:
    """Set a new password (argon2id); the account's sessions end."""
    from calendar_app.db import session_scope
    from calendar_app.services.members import SYSTEM, reset_password

    password = _password(password_stdin)
    with session_scope(_engine()) as session:
        user = reset_password(_user(email, session).id, password, user=SYSTEM, session=session)
    typer.echo(f"Password changed for {user.email}; they are signed out everywhere.")


@user_cli.command("access")
def access(
    email: Annotated[str, typer.Argument(help="The account's email.")],
    workspace: Annotated[list[str], typer.Option("--workspace", "-w", help="Workspace name (repeat).")],
    remove: Annotated[bool, typer.Option("--remove", help="Take the access away instead.")] = False,
) -> None:
    """Give (or with --remove take away) access to workspaces. Admins open every workspace: nothing to remove."""
    from calendar_app.db import session_scope
    from calendar_app.services.members import SYSTEM, give_access, remove_from_workspace

    with session_scope(_engine()) as session:
        account = _user(email, session)
        for workspace_id in _workspace_ids(workspace, session):
            (remove_from_workspace if remove else give_access)(account.id, workspace_id, user=SYSTEM,
                                                               session=session)
    typer.echo(f"{account.email}: access {'removed from' if remove else 'given to'} {', '.join(workspace)}.")
