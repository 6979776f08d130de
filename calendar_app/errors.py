"""Errors a user can act on: the CLI and the UI show their message as one line, never a traceback."""


class EditoError(Exception):
    """Base class: ``str(error)`` is a complete sentence for the user."""


class ConfigurationError(EditoError):
    """A setting (such as DATABASE_URL) is not usable."""


class DatabaseUnavailableError(EditoError):
    """The database cannot be reached or opened."""


class SchemaTooNewError(EditoError):
    """The database was migrated by a newer Edito than this one."""


class ValidationError(EditoError):
    """Input that breaks a rule of the data model."""


class NotFoundError(EditoError):
    """The record asked for does not exist (or is in the trash)."""


class ConflictError(EditoError):
    """Someone else saved the record since it was read: nothing was overwritten."""

    def __init__(self, message: str, *, current: dict | None = None, attempted: dict | None = None):
        super().__init__(message)
        self.current = current
        self.attempted = attempted


class PermissionDeniedError(EditoError):
    """The user's role does not allow this action."""


class ApprovalBlockedError(EditoError):
    """The post still has error-level findings and no override reason was given."""

    def __init__(self, message: str, *, codes: list[str]):
        super().__init__(message)
        self.codes = codes


# pydantic refusals worth saying in the page's language (their ctx values fill the label)
TRANSLATED_PYDANTIC_TYPES = frozenset({"string_too_long", "string_too_short", "missing", "greater_than_equal",
                                       "less_than_equal"})


def validation_problem(problem: dict) -> str:
    """One pydantic problem's message: a ``Localized`` one (the models' own checks, pydantic's usual
    refusals) that pages can translate, else pydantic's English."""
    from calendar_app.i18n import Localized

    context = problem.get("ctx") or {}
    cause = context.get("error")
    if isinstance(cause, ValueError) and cause.args and isinstance(cause.args[0], Localized):
        return cause.args[0]
    if problem.get("type") in TRANSLATED_PYDANTIC_TYPES:
        return Localized(f"pydantic.{problem['type']}", **{key: value for key, value in context.items()
                                                           if isinstance(value, int | float | str)})
    return problem.get("msg", "invalid").removeprefix("Value error, ")


def describe_validation_error(error, *, where: str = "", lang: str = "en") -> str:
    """One readable line from a pydantic ValidationError: each problem with the field it concerns, in
    ``lang`` where the message is known."""
    from calendar_app.i18n import LABELS, localized

    parts = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem.get("loc", ()))
        field = LABELS.get(field, {}).get(lang, field) if lang != "en" else field  # « Nom affiché », not display_name
        message = localized(validation_problem(problem), lang)
        colon = "\u00a0: " if lang == "fr" else ": "  # French puts a (no-break) space before the colon
        parts.append(f"{field}{colon}{message}" if field else message)
    prefix = f"{where}: " if where else ""
    return prefix + "; ".join(parts)
