"""The audit trail: who did what to which record, and when, with the values before and after."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, SQLModel, select

from calendar_app.models import AuditEvent


def snapshot(record: SQLModel, fields: set[str] | None = None) -> dict[str, Any]:
    return record.model_dump(mode="json", include=fields)


def record_event(
    *,
    session: Session,
    entity: str,
    entity_id: int,
    action: str,
    actor_id: int | None = None,
    workspace_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    event = AuditEvent(
        entity=entity,
        entity_id=entity_id,
        action=action,
        actor_id=actor_id,
        workspace_id=workspace_id,
        before=before,
        after=after,
    )
    session.add(event)
    session.flush()
    return event


def history(entity: str, entity_id: int, *, session: Session) -> list[AuditEvent]:
    statement = (
        select(AuditEvent)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id)
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return list(session.exec(statement))
