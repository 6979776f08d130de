"""What the checker reads (PostInput) and the analysed post the rules share (Post)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from checks.config import Config

# The values the calendar gives a post (calendar_app.models' enums are checked against these in a test:
# checks may not import calendar_app).
META_CHOICES: dict[str, tuple[str, ...]] = {
    "objective": ("awareness", "engagement", "traffic", "conversion", "community", "customer_care"),
    "pillar": ("educational", "entertaining", "inspirational", "community", "behind_the_scenes", "news",
               "promotional"),
    "sponsorship": ("none", "paid", "gifted", "affiliate", "employee", "own_product"),
    "kind": ("post", "reply"),
}
SPONSORED = frozenset({"paid", "gifted", "affiliate", "employee"})


@dataclass(frozen=True)
class PostInput:
    """One post to check. ``source``/``line``/``column`` say where its text starts, for reports.

    ``planned`` says the post comes with a plan that could set an objective (a calendar entry, front
    matter, a CSV row); plain text and stdin cannot, so the checker does not ask them for one.
    """

    text: str
    channel: str | None = None
    lang: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    source: str = "-"
    line: int = 1
    column: int = 1
    id: str | None = None
    planned: bool = True


@dataclass
class Post:
    """A post under analysis: its text, the spaCy doc, its language, channel, metadata and settings."""

    text: str
    lang: str
    channel: str | None
    meta: Mapping[str, Any]
    config: Config
    doc: Doc | None = None
    planned: bool = True
    cache: dict[str, Any] = field(default_factory=dict)  # facts several rules share, computed once

    @property
    def objective(self) -> str | None:
        return self.meta.get("objective") or None

    @property
    def kind(self) -> str:
        return self.meta.get("kind") or "post"

    @property
    def is_reply(self) -> bool:
        return self.kind == "reply"

    @property
    def sponsorship(self) -> str:
        return self.meta.get("sponsorship") or "none"

    @property
    def is_sponsored(self) -> bool:
        """Paid, gifted, affiliate or employee content, or a partner named (not the brand's own product)."""
        if self.sponsorship in SPONSORED:
            return True
        return self.sponsorship != "own_product" and bool(self.meta.get("partner"))

    @property
    def is_customer_care(self) -> bool:
        return self.is_reply or self.objective == "customer_care"

    def shared(self, key: str, compute):
        """A fact about this post that several rules read, computed on first use."""
        if key not in self.cache:
            self.cache[key] = compute(self)
        return self.cache[key]


def position(text: str, offset: int, *, line: int = 1, column: int = 1) -> tuple[int, int]:
    """1-based (line, column) of ``offset`` in ``text`` whose first character sits at (line, column)."""
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    lines_before = text.count("\n", 0, offset)
    if lines_before == 0:
        return line, column + offset
    return line + lines_before, offset - line_start + 1
