"""Stored checker results, keyed by a hash of everything the checker reads and by the ruleset version."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from calendar_app.models import CheckResult, utc_now


def content_hash(**inputs: Any) -> str:
    """A stable hash of the checker's inputs (text, channel, language, metadata, options)."""
    canonical = json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def stored_findings(digest: str, ruleset_version: str, *, session: Session) -> list[dict] | None:
    result = session.get(CheckResult, (digest, ruleset_version))
    return None if result is None else result.findings


def findings_for(
    digest: str, ruleset_version: str, compute: Callable[[], list[dict]], *, session: Session
) -> list[dict]:
    """The stored findings for this content, or ``compute()`` them once and store them."""
    findings = stored_findings(digest, ruleset_version, session=session)
    if findings is None:
        findings = compute()
        session.merge(CheckResult(content_hash=digest, ruleset_version=ruleset_version, findings=findings,
                                  checked_at=utc_now()))
        session.flush()
    return findings
