"""Stored checker results, keyed by a hash of everything the checker reads and by the ruleset version."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from calendar_app.models import CheckResult, utc_now

LOOKUP_BATCH = 500  # content hashes per query


def content_hash(**inputs: Any) -> str:
    """A stable hash of the checker's inputs (text, channel, language, metadata, options)."""
    canonical = json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def stored_findings_many(digests: Iterable[str], ruleset_version: str, *, session: Session) -> dict[str, list[dict]]:
    """The stored findings of every digest that has some, in one query per ``LOOKUP_BATCH`` digests."""
    unique = list(set(digests))
    found: dict[str, list[dict]] = {}
    for first in range(0, len(unique), LOOKUP_BATCH):
        found.update(session.exec(select(CheckResult.content_hash, CheckResult.findings).where(
            CheckResult.ruleset_version == ruleset_version,
            col(CheckResult.content_hash).in_(unique[first:first + LOOKUP_BATCH]))).all())
    return found


def store_findings_many(results: Mapping[str, list[dict]], ruleset_version: str, *, session: Session) -> None:
    """Store new results in one statement; a digest another session stored meanwhile is left as it is."""
    if not results:
        return
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    now = utc_now()
    session.execute(insert(CheckResult).on_conflict_do_nothing(), [
        {"content_hash": digest, "ruleset_version": ruleset_version, "findings": findings, "checked_at": now}
        for digest, findings in results.items()])
