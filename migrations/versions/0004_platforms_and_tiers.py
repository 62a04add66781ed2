"""platforms, tiers, eligibility and unconfirmed figures

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel.sql.sqltypes.AutoString)
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing rows take what they already say: the platform is their cloud, anyone may sit
    # them, nothing is unconfirmed. Their tier is left to the seed (or a maintainer) to state.
    with op.batch_alter_table('certifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('platform', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False, server_default='none'))
        batch_op.add_column(sa.Column('tier', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
        batch_op.add_column(sa.Column('eligibility', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False, server_default='open'))
        batch_op.add_column(sa.Column('eligibility_note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True))
        batch_op.add_column(sa.Column('previous_codes', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('unconfirmed', sa.JSON(), nullable=False, server_default='[]'))
    op.execute("UPDATE certifications SET platform = cloud")
    with op.batch_alter_table('certifications', schema=None) as batch_op:
        for column in ('platform', 'eligibility', 'previous_codes', 'unconfirmed'):
            batch_op.alter_column(column, server_default=None)
        batch_op.create_index(batch_op.f('ix_certifications_platform'), ['platform'], unique=False)

    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unconfirmed', sa.JSON(), nullable=False, server_default='[]'))
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.alter_column('unconfirmed', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_column('unconfirmed')
    with op.batch_alter_table('certifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certifications_platform'))
        batch_op.drop_column('unconfirmed')
        batch_op.drop_column('previous_codes')
        batch_op.drop_column('eligibility_note')
        batch_op.drop_column('eligibility')
        batch_op.drop_column('tier')
        batch_op.drop_column('platform')
