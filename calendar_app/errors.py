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


def describe_validation_error(error, *, where: str = "") -> str:
    """One readable line from a pydantic ValidationError: each problem with the field it concerns."""
    parts = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem.get("loc", ()))
        message = problem.get("msg", "invalid").removeprefix("Value error, ")
        parts.append(f"{field}: {message}" if field else message)
    prefix = f"{where}: " if where else ""
    return prefix + "; ".join(parts)
