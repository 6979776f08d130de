"""A rule that exists only while a test asks for it, so CLI and formatter tests do not hang on the catalogue.

Use the ``marker_rule`` fixture (import it into the test module): it registers MES999
(``measurement.test-only``) and takes it out of the registry afterwards, so other tests never see it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from checks import registry
from checks.finding import Finding, Severity
from checks.post import Post


class MarkerRule(registry.Rule):
    """Reports the marker words of the command-line tests.

    What it does
    ------------
    Reports ZZWARN as a warning and ZZFAIL as an error.

    Why it matters
    --------------
    The command-line tests need findings whatever the catalogue holds.

    Example
    -------
    ```post
    lang: en
    ---
    Our plan ZZWARN
    ```

    Use instead
    -----------
    ```post
    lang: en
    ---
    Our plan is ready.
    ```
    """

    code = "MES999"
    name = "measurement.test-only"
    severity = Severity.WARNING
    options = {"markers": ["ZZWARN", "ZZFAIL"]}
    messages = {"default": {"en": "test marker {word}", "fr": "marqueur de test {word}"}}
    suggestions = {"default": {"en": "remove {word}", "fr": "retirez {word}"}}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        for match in re.finditer("|".join(options["markers"]), post.text):
            yield self.finding(post, match.start(), match.end(), escalate=match.group() == "ZZFAIL",
                               word=match.group())


@pytest.fixture
def marker_rule() -> Iterator[type[MarkerRule]]:
    registry.all_rules()  # load the catalogue first, so it cannot register around the test rule
    registry.register(MarkerRule)
    try:
        yield MarkerRule
    finally:
        registry.unregister(MarkerRule.code)
