"""What an audit reads: posts from a platform's export, each with where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

KINDS = ("post", "reply")


class ArchiveError(Exception):
    """An archive that cannot be read: one sentence naming the file (and the record where it applies)."""


@dataclass(frozen=True, slots=True)
class ArchivedPost:
    """One post of an export.

    ``id`` is unique in the audit (``"x:1234"``, ``"instagram:posts_1.json#3"``); ``created_at`` is aware
    (UTC when the export gives no offset); ``channel`` is the platform (``"x"``, ``"instagram"``,
    ``"facebook"``, ``"linkedin"``, or an Edito channel's platform); ``kind`` is ``"post"`` or ``"reply"``;
    ``link`` is the original post's address where the export gives one; ``source`` names the file and
    record (``"data/tweets.js, record 12"``) for messages.
    """

    id: str
    created_at: datetime
    channel: str
    kind: str
    text: str
    link: str | None = None
    source: str = ""
    lang: str | None = None

    def __post_init__(self) -> None:
        if self.created_at.tzinfo is None or self.created_at.utcoffset() is None:
            raise ValueError(f"{self.source or self.id}: created_at must be timezone-aware")
        if self.kind not in KINDS:
            raise ValueError(f"{self.source or self.id}: kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
