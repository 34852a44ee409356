"""The ledger's schema at the newest migration (SQLAlchemy Core); migrations/ builds it step by step.

    meetings   one row per meeting filed; ``fingerprint`` makes filing the same notes twice a no-op
    tasks      one row per task: ID 项目简称-年份-序号, the tracker's columns, where it came from
    history    every change to a task, append-only (database triggers refuse UPDATE and DELETE)
    pending    progress reports no task could be matched to with confidence, for a person to confirm

Dates are ISO strings (``2025-03-14`` or ``2025-03-14T17:00``), so they compare as text
on SQLite and PostgreSQL alike; times of filing are UTC ``YYYY-MM-DDTHH:MM:SS``.
"""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint, text)

STATUSES = ("未开始", "进行中", "已完成", "延期", "待验收")
DONE = "已完成"
# The escalation list reads open tasks by plan date: a partial index of only those, holding every
# column the list shows, answers it without reading the table (half the time on 100,000 tasks).
OPEN_TASKS = text(f"status <> '{DONE}'")
ESCALATION_INDEX = ("deadline", "department", "owner", "id", "task", "priority", "status", "progress", "behind",
                    "risk", "completed_on", "meeting_id")

metadata = MetaData()

meetings = Table(
    "meetings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("fingerprint", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("date", String(10)),
    Column("start_time", String(5)),
    Column("source", Text, nullable=False),
    Column("project", String(64), nullable=False),
    Column("filed_at", String(19), nullable=False),
    Column("filed_by", String(128), nullable=False),
)

tasks = Table(
    "tasks", metadata,
    Column("id", String(96), primary_key=True),
    Column("project", String(64), nullable=False),
    Column("year", Integer, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("task", Text, nullable=False),
    Column("owner", String(64)),
    Column("department", String(64)),
    Column("collaborators", Text, nullable=False, server_default="[]"),     # JSON list
    Column("deadline", String(16)),
    Column("priority", String(8), nullable=False, server_default="medium"),
    Column("status", String(8), nullable=False, server_default="未开始"),
    Column("progress", Integer, nullable=False, server_default="0"),
    Column("behind", Boolean),                                              # 是否滞后 as last reported
    Column("risk", Text),
    Column("meeting_id", Integer, ForeignKey("meetings.id")),
    Column("evidence", Text),                                               # JSON: source words and place
    Column("created_at", String(19), nullable=False),
    Column("updated_at", String(19), nullable=False),
    Column("completed_on", String(10)),                                     # 实际完成时间
    UniqueConstraint("project", "year", "seq", name="uq_tasks_project_year_seq"),
    Index("ix_tasks_open_deadline", *ESCALATION_INDEX, sqlite_where=OPEN_TASKS, postgresql_where=OPEN_TASKS),
    Index("ix_tasks_owner", "owner"),
    Index("ix_tasks_department", "department"),
)

history = Table(
    "history", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("task_id", String(96), ForeignKey("tasks.id"), nullable=False),
    Column("field", String(32), nullable=False),
    Column("old", Text),
    Column("new", Text),
    Column("meeting_id", Integer, ForeignKey("meetings.id")),
    Column("actor", String(128), nullable=False),
    Column("at", String(19), nullable=False),
    Column("note", Text),
    Index("ix_history_task", "task_id"),
)

pending = Table(
    "pending", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id"), nullable=False),
    Column("reason", String(16), nullable=False),            # ambiguous | unmatched
    Column("report", Text, nullable=False),                  # JSON: the ProgressReport
    Column("candidates", Text, nullable=False, server_default="[]"),   # JSON: [[task id, score], ...]
    Column("resolved_task_id", String(96), ForeignKey("tasks.id")),
    Column("resolved_by", String(128)),
    Column("resolved_at", String(19)),
)

ALL = (history, pending, tasks, meetings)      # children first: the order to empty them in
