"""Edito's pre-publication checker (library first, then the ``edito lint`` CLI).

>>> from checks import lint
>>> [f.code for f in lint("SOLDES !!! Achetez maintenant, commandez vite !", channel="x", lang="fr",
...                       meta={"objective": "conversion"})]  # doctest: +SKIP

It never imports Streamlit or ``calendar_app``: the dependency goes one way only.
"""

from checks.config import Config, ConfigError
from checks.engine import RULESET_VERSION, InputError, Linter, lint, lint_many
from checks.finding import Finding, Severity
from checks.post import PostInput

__all__ = [
    "RULESET_VERSION", "Config", "ConfigError", "Finding", "InputError", "Linter", "PostInput", "Severity",
    "lint", "lint_many",
]
