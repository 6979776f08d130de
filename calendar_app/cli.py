"""The ``edito`` command. Errors a user can act on print one line on stderr and exit non-zero.

``lint``, ``rules`` and ``rule`` go straight to the checker (``checks.cli``) without loading Typer or
SQLAlchemy, so ``edito lint`` starts fast; every other command runs the Typer app of
``calendar_app.commands``.
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


if __name__ == "__main__":
    sys.exit(main())
