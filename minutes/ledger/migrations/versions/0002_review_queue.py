"""Reports awaiting a person, the escalation list's indexes, and 实际完成时间.

Adds the ``pending`` table (progress reports no task matched with confidence),
``tasks.completed_on`` (filled for tasks already done from their history), a partial
index of open tasks by plan date that covers every column ``track overdue`` shows, and an
index by department.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OPEN_TASKS = sa.text("status <> '已完成'")
# Every column the escalation list shows, so the index answers it alone (written out: a migration
# must not change when the schema module does).
ESCALATION_INDEX = ("deadline", "department", "owner", "id", "task", "priority", "status", "progress", "behind",
                    "risk", "completed_on", "meeting_id")


def upgrade() -> None:
    op.create_table(
        "pending",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id"), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("report", sa.Text, nullable=False),
        sa.Column("candidates", sa.Text, nullable=False, server_default="[]"),
        sa.Column("resolved_task_id", sa.String(96), sa.ForeignKey("tasks.id")),
        sa.Column("resolved_by", sa.String(128)),
        sa.Column("resolved_at", sa.String(19)),
    )
    op.add_column("tasks", sa.Column("completed_on", sa.String(10)))
    op.create_index("ix_tasks_open_deadline", "tasks", list(ESCALATION_INDEX),
                    sqlite_where=OPEN_TASKS, postgresql_where=OPEN_TASKS)
    op.create_index("ix_tasks_department", "tasks", ["department"])
    op.execute("UPDATE tasks SET completed_on = (SELECT substr(max(h.at), 1, 10) FROM history h "
               "WHERE h.task_id = tasks.id AND h.field = 'status' AND h.new = '已完成') "
               "WHERE status = '已完成'")


def downgrade() -> None:
    op.drop_column("tasks", "completed_on")
    op.drop_index("ix_tasks_department", "tasks")
    op.drop_index("ix_tasks_open_deadline", "tasks")
    op.drop_table("pending")
