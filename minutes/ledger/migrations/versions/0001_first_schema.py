"""The first ledger: meetings, tasks and their append-only history.

Revision ID: 0001
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

APPEND_ONLY = {
    "sqlite": [
        "CREATE TRIGGER history_no_update BEFORE UPDATE ON history "
        "BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
        "CREATE TRIGGER history_no_delete BEFORE DELETE ON history "
        "BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
    ],
    "postgresql": [
        "CREATE FUNCTION minutes_history_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'history is append-only'; END $$",
        "CREATE TRIGGER history_no_change BEFORE UPDATE OR DELETE ON history "
        "FOR EACH ROW EXECUTE FUNCTION minutes_history_append_only()",
    ],
}


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("fingerprint", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("date", sa.String(10)),
        sa.Column("start_time", sa.String(5)),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("project", sa.String(64), nullable=False),
        sa.Column("filed_at", sa.String(19), nullable=False),
        sa.Column("filed_by", sa.String(128), nullable=False),
    )
    op.create_table(
        "tasks",
        sa.Column("id", sa.String(96), primary_key=True),
        sa.Column("project", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("task", sa.Text, nullable=False),
        sa.Column("owner", sa.String(64)),
        sa.Column("department", sa.String(64)),
        sa.Column("collaborators", sa.Text, nullable=False, server_default="[]"),
        sa.Column("deadline", sa.String(16)),
        sa.Column("priority", sa.String(8), nullable=False, server_default="medium"),
        sa.Column("status", sa.String(8), nullable=False, server_default="未开始"),
        sa.Column("progress", sa.Integer, nullable=False, server_default="0"),
        sa.Column("behind", sa.Boolean),
        sa.Column("risk", sa.Text),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id")),
        sa.Column("evidence", sa.Text),
        sa.Column("created_at", sa.String(19), nullable=False),
        sa.Column("updated_at", sa.String(19), nullable=False),
        sa.UniqueConstraint("project", "year", "seq", name="uq_tasks_project_year_seq"),
    )
    op.create_index("ix_tasks_owner", "tasks", ["owner"])
    op.create_table(
        "history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("task_id", sa.String(96), sa.ForeignKey("tasks.id"), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("old", sa.Text),
        sa.Column("new", sa.Text),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id")),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("at", sa.String(19), nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_history_task", "history", ["task_id"])
    for statement in APPEND_ONLY.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def downgrade() -> None:
    op.drop_table("history")
    op.drop_table("tasks")
    op.drop_table("meetings")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS minutes_history_append_only()")
