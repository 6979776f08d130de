"""The ``edito`` command. Errors a user can act on print one line on stderr and exit non-zero.

``lint``, ``rules`` and ``rule`` go straight to the checker (``checks.cli``) without loading Typer or
SQLAlchemy, so ``edito lint`` starts fast; every other command runs the Typer app of
``calendar_app.commands``. ``edito lint --calendar`` without a file checks the calendar stored in the
database: the checker calls ``checks.cli.database_calendar``, set here (with ``--workspace``/``-w``, an
option only this case takes) to read it through ``services.calendar_checks``.
"""

from __future__ import annotations

import sys

CHECKER_COMMANDS = {
    "lint": "Check posts before they go out: edito lint --help.",
    "rules": "List the checker's rules.",
    "rule": "Explain one rule of the checker: edito rule CODE.",
}


def main(argv: list[str] | None = None) -> int:
    """Console entry point: one readable line for any error the user can act on, never a traceback."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args and args[0] in CHECKER_COMMANDS:
        from checks.cli import main as checker_main

        if args[0] == "lint" and any(arg.startswith("--calendar") for arg in args):
            args = _calendar_from_database(args)
            if isinstance(args, int):
                return args
        return checker_main(args)

    from sqlalchemy.exc import SQLAlchemyError

    from calendar_app.commands import cli
    from calendar_app.errors import EditoError

    try:
        cli(args=args, prog_name="edito")  # standalone: click reports usage errors itself (exit 2)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except EditoError as error:
        print(f"edito: error: {error}", file=sys.stderr)
        return 1
    except SQLAlchemyError as error:
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        print(f"edito: database error: {detail}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("edito: interrupted", file=sys.stderr)
        return 130
    return 0


def _take_workspace(args: list[str]) -> tuple[list[str], str | None, bool]:
    """``args`` without ``-w NAME`` / ``--workspace NAME`` (or ``=NAME``, ``-wNAME``), the name, and whether
    one was given (the checker's own parser does not know the option)."""
    rest: list[str] = []
    name, given = None, False
    tokens = iter(args)
    for token in tokens:
        if token == "--":
            rest.append(token)
            rest.extend(tokens)
            break
        if token in ("-w", "--workspace"):
            name, given = next(tokens, None), True
        elif token.startswith("--workspace="):
            name, given = token.partition("=")[2], True
        elif token.startswith("-w") and not token.startswith("--"):
            name, given = token[2:], True
        else:
            rest.append(token)
    return rest, name, given


def _calendar_from_database(args: list[str]) -> list[str] | int:
    """``edito lint --calendar`` without a file reads the configured database: set the checker's hook for
    the workspace chosen with ``--workspace`` (or the only one). Nothing heavy is imported here; the
    database is opened only when the checker calls the hook."""
    import contextlib
    import io

    import checks.cli

    rest, workspace, given = _take_workspace(args)
    if given and not workspace:
        return checks.cli.fail("--workspace needs a workspace name or number")
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            parsed = checks.cli.build_parser().parse_args(rest)
    except SystemExit:  # --help, or a usage error: the checker says it again, out loud
        return args if not given else rest
    from_database = parsed.calendar == checks.cli.CALENDAR_FROM_DATABASE and not parsed.paths
    if not from_database:
        if given:
            return checks.cli.fail("--workspace only applies to 'edito lint --calendar' without a file "
                                   "(it reads the database)")
        return args

    def read(now):
        from calendar_app.services.calendar_checks import database_calendar

        return database_calendar(workspace)(now)

    checks.cli.database_calendar = read
    return rest


if __name__ == "__main__":
    sys.exit(main())
