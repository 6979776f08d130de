"""workspace archived_at (archived brands are hidden, kept, restorable); post author_email and reviewer_email
(people an imported file names who have no account here, kept by email)

Revision ID: 0004
Revises: 0003
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('workspace') as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('post') as batch_op:
        batch_op.add_column(sa.Column('author_email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True))
        batch_op.add_column(sa.Column('reviewer_email', sqlmodel.sql.sqltypes.AutoString(length=254),
                                      nullable=True))


def downgrade() -> None:
    # SQLite (3.35+) drops a column in place: a copy-and-move of workspace would break the foreign keys to it.
    with op.batch_alter_table('post', recreate='never') as batch_op:
        batch_op.drop_column('reviewer_email')
        batch_op.drop_column('author_email')
    with op.batch_alter_table('workspace', recreate='never') as batch_op:
        batch_op.drop_column('archived_at')
