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
