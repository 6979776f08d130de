"""Helpers the services share: inserts that report duplicates, audited field updates."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

from calendar_app.errors import NotFoundError, ValidationError
from calendar_app.models import utc_now
from calendar_app.services.audit import record_event, snapshot


def insert_unique(record: SQLModel, *, session: Session, duplicate_message: str) -> None:
    """Add and flush in a savepoint, so a uniqueness clash leaves the caller's transaction usable."""
    try:
        with session.begin_nested():
            session.add(record)
            session.flush()
    except IntegrityError:
        raise ValidationError(duplicate_message) from None


def apply_changes(record: SQLModel, changes: SQLModel, *, session: Session, entity: str, actor_id: int | None,
                  workspace_id: int | None) -> SQLModel:
    values = changes.model_dump(exclude_unset=True)
    before = snapshot(record, set(values))
    for field, value in values.items():
        setattr(record, field, value)
    if hasattr(record, "updated_at"):
        record.updated_at = utc_now()
    session.add(record)
    session.flush()
    record_event(session=session, entity=entity, entity_id=record.id, action="edit", actor_id=actor_id,
                 workspace_id=workspace_id, before=before, after=snapshot(record, set(values)))
    return record


def create_audited(record: SQLModel, *, session: Session, entity: str, duplicate_message: str,
                   actor_id: int | None = None, workspace_id: int | None = None,
                   audited_fields: set[str] | None = None) -> SQLModel:
    """Insert a record (refusing duplicates with ``duplicate_message``) and audit its creation."""
    insert_unique(record, session=session, duplicate_message=duplicate_message)
    record_event(session=session, entity=entity, entity_id=record.id, action="create", actor_id=actor_id,
                 workspace_id=workspace_id if workspace_id is not None else getattr(record, "workspace_id", None),
                 after=snapshot(record, audited_fields))
    return record


def get_existing(model: type[SQLModel], record_id: int, *, session: Session, label: str) -> SQLModel:
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(f"{label} {record_id} does not exist.")
    return record
