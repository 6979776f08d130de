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
    """A problem in a post: ``text[start:end]`` is the part to highlight (an empty span means the whole post)."""

    code: str
    name: str
    severity: Severity
    message: str
    start: int
    end: int
    suggestion: str = ""
    url: str = ""

    @property
    def family(self) -> str:
        return self.code[:3]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = str(self.severity)
        data["family"] = self.family
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        fields = {key: data[key] for key in ("code", "name", "message", "start", "end")}
        return cls(severity=Severity(data["severity"]), suggestion=data.get("suggestion", ""),
                   url=data.get("url", ""), **fields)


def docs_url(code: str) -> str:
    return f"{DOCS_BASE_URL}{code.lower()}"
