"""Text from a file or a cell, shown through Markdown elements (st.error, st.info…) as the text it is.

Streamlit never renders HTML there, but it does render Markdown: a cell holding ``![](https://…)`` would
load an image and ``[clic](https://…)`` would show a link. Backslash-escaping the Markdown punctuation
shows them as typed.
"""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")


def escape_markdown(text: object) -> str:
    """``text`` with every Markdown (and Streamlit directive or LaTeX) character escaped; line breaks kept."""
    return "  \n".join(_MARKDOWN.sub(r"\\\1", line) for line in str(text).split("\n"))


def error_message(error: Exception, lang: str = "fr") -> str:
    """What a page shows for a refused action: pydantic's problems in one line, or the service's message
    in the page's language (``Localized``), Markdown-escaped, since messages quote names and values as typed."""
    from pydantic import ValidationError as PydanticValidationError

    from calendar_app.errors import describe_validation_error
    from calendar_app.i18n import localized

    if isinstance(error, PydanticValidationError):
        return escape_markdown(describe_validation_error(error, lang=lang))
    message = error.args[0] if error.args and isinstance(error.args[0], str) else str(error)
    return escape_markdown(localized(message, lang))
