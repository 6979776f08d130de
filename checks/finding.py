"""The one data type every rule returns."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

# Where a finding's docs link points: the rules reference shipped in docs/rules.md, or the team's
# hosted copy (EDITO_DOCS_URL=https://docs.example.com/rules#).
DOCS_BASE_URL = os.environ.get("EDITO_DOCS_URL", "docs/rules.md#")


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("info", "warning", "error").index(self.value)

    def __ge__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem in a post: ``text[start:end]`` is the part to highlight (an empty span means the whole post).

    A calendar finding (family CAL) is about several posts: ``post_ids`` names them, the post it is
    about first (its span refers to that post's text), and ``window`` is the period it covers, as ISO
    8601 date-times with offset ``(start, end)``. Both are empty for a finding about one post's text.
    """

    code: str
    name: str
    severity: Severity
    message: str
    start: int
    end: int
    suggestion: str = ""
    url: str = ""
    post_ids: tuple[str, ...] = ()
    window: tuple[str, str] | None = None

    @property
    def family(self) -> str:
        return self.code[:3]

    def to_dict(self) -> dict[str, Any]:
        """Plain data; ``post_ids`` and ``window`` only when set, so per-post findings keep their old shape."""
        data = asdict(self)
        data["severity"] = str(self.severity)
        data["family"] = self.family
        data.pop("post_ids"), data.pop("window")
        return data | self.calendar_fields()

    def calendar_fields(self) -> dict[str, Any]:
        """``post_ids`` (a list) and ``window`` (``{"start", "end"}``) as plain data, those that are set."""
        fields: dict[str, Any] = {}
        if self.post_ids:
            fields["post_ids"] = list(self.post_ids)
        if self.window:
            fields["window"] = {"start": self.window[0], "end": self.window[1]}
        return fields

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        fields = {key: data[key] for key in ("code", "name", "message", "start", "end")}
        window = data.get("window")
        return cls(severity=Severity(data["severity"]), suggestion=data.get("suggestion", ""),
                   url=data.get("url", ""), post_ids=tuple(data.get("post_ids") or ()),
                   window=(window["start"], window["end"]) if window else None, **fields)


def docs_url(code: str) -> str:
    return f"{DOCS_BASE_URL}{code.lower()}"
