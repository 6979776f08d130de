"""Alembic environment: migrates the engine handed over by ``calendar_app.db`` (batch mode on SQLite)."""

from alembic import context
from sqlmodel import SQLModel

import calendar_app.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from calendar_app.db import engine_from_settings

config = context.config
engine = config.attributes.get("engine") or engine_from_settings()

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
