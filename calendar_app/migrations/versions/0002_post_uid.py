"""post uid: a stable identifier for exports, imports and calendar programs

Revision ID: 0002
Revises: 0001
"""
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('post') as batch_op:
        batch_op.add_column(sa.Column('uid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True))
    post = sa.table('post', sa.column('id', sa.Integer), sa.column('uid', sa.String))
    connection = op.get_bind()
    for (post_id,) in connection.execute(sa.select(post.c.id)).all():
        connection.execute(post.update().where(post.c.id == post_id).values(uid=str(uuid.uuid4())))
    with op.batch_alter_table('post') as batch_op:
        batch_op.alter_column('uid', existing_type=sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False)
        batch_op.create_unique_constraint('uq_post_uid', ['uid'])


def downgrade() -> None:
    with op.batch_alter_table('post') as batch_op:
        batch_op.drop_constraint('uq_post_uid', type_='unique')
        batch_op.drop_column('uid')
