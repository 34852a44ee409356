"""Reading the ledger and correcting it by hand: lists, one task with its history, the
escalation list, corrections, and confirming a pending report."""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Optional

from sqlalchemy import Select, func, select, update
from sqlalchemy.engine import Connection

from ..errors import BadChange, UnknownTask
from ..model import ProgressReport
from .filing import Source, apply_changes, now, reported_changes
from .records import Change, Pending, Task
from .tables import DONE, STATUSES, history, meetings, pending, tasks

PRIORITIES = {"high": "high", "medium": "medium", "low": "low", "高": "high", "中": "medium", "低": "low"}


def meeting_label(title: Optional[str], day: Optional[str], source: Optional[str] = None) -> Optional[str]:
    name = title or source
    return f"{name}（{day}）" if name and day else name


_LABEL_COLUMNS = (meetings.c.title.label("m_title"), meetings.c.date.label("m_date"),
                  meetings.c.source.label("m_source"))


def _task_select() -> Select:
    return select(tasks, *_LABEL_COLUMNS).select_from(tasks.outerjoin(meetings, tasks.c.meeting_id == meetings.c.id))


def _task(row) -> Task:
    return Task.from_row(row, meeting_label(row.m_title, row.m_date, row.m_source))


def list_tasks(conn: Connection, *, owner: Optional[str] = None, department: Optional[str] = None,
               status: Optional[str] = None, overdue_as_of: Optional[date] = None,
               project: Optional[str] = None) -> list[Task]:
    query = _task_select()
    if owner:
        query = query.where(tasks.c.owner == owner)
    if department:
        query = query.where(tasks.c.department == department)
    if status:
        query = query.where(tasks.c.status == check_status(status))
    if project:
        query = query.where(tasks.c.project == project)
    if overdue_as_of:
        query = query.where(tasks.c.status != DONE, tasks.c.deadline < overdue_as_of.isoformat())
    query = query.order_by(tasks.c.project, tasks.c.year, tasks.c.seq)
    return [_task(row) for row in conn.execute(query)]


# What the escalation list shows: no evidence, collaborators or time stamps to read and decode.
_ESCALATION_COLUMNS = ("id", "task", "owner", "department", "deadline", "priority", "status", "progress", "behind",
                       "risk", "completed_on")


def overdue(conn: Connection, as_of: date) -> list[Task]:
    """Open tasks past their plan day, by department, owner and plan day (the escalation order).

    Reads only the partial index of open tasks (ix_tasks_open_deadline), which holds the columns shown."""
    query = (select(*(tasks.c[name] for name in _ESCALATION_COLUMNS), *_LABEL_COLUMNS)
             .select_from(tasks.outerjoin(meetings, tasks.c.meeting_id == meetings.c.id))
             .where(tasks.c.status != DONE, tasks.c.deadline < as_of.isoformat())
             .order_by(tasks.c.department.nulls_last(), tasks.c.owner.nulls_last(), tasks.c.deadline, tasks.c.id))
    labels: dict[tuple, Optional[str]] = {}
    found = []
    for *fields, title, day, source in conn.execute(query):      # by position: 10x faster than by name
        if (title, day, source) not in labels:
            labels[title, day, source] = meeting_label(title, day, source)
        found.append(Task.brief(fields, labels[title, day, source]))
    return found


def get_task(conn: Connection, task_id: str) -> Task:
    row = conn.execute(_task_select().where(tasks.c.id == task_id)).first()
    if row is None:
        raise UnknownTask(f"台账中没有任务 '{task_id}'；用 minutes track list 查看全部任务ID")
    task = _task(row)
    task.history = changes_of(conn, task_id)
    return task


def changes_of(conn: Connection, task_id: Optional[str] = None) -> list[Change]:
    query = (select(history, *_LABEL_COLUMNS)
             .select_from(history.outerjoin(meetings, history.c.meeting_id == meetings.c.id))
             .order_by(history.c.id))
    if task_id:
        query = query.where(history.c.task_id == task_id)
    return [Change(task_id=r.task_id, field=r.field, old=r.old, new=r.new, actor=r.actor, at=r.at,
                   meeting=meeting_label(r.m_title, r.m_date, r.m_source), note=r.note) for r in conn.execute(query)]


def meetings_filed(conn: Connection) -> list[dict[str, Any]]:
    counts = select(tasks.c.meeting_id, func.count().label("n")).group_by(tasks.c.meeting_id).subquery()
    query = (select(meetings, counts.c.n).select_from(meetings.outerjoin(counts, counts.c.meeting_id == meetings.c.id))
             .order_by(meetings.c.date, meetings.c.id))
    return [{"id": r.id, "title": r.title, "date": r.date, "source": r.source, "project": r.project,
             "filed_at": r.filed_at, "filed_by": r.filed_by, "new_tasks": r.n or 0} for r in conn.execute(query)]


# --------------------------------------------------------------------------- #
# Corrections
# --------------------------------------------------------------------------- #
def set_task(conn: Connection, task_id: str, changes: dict[str, Any], actor: str) -> tuple[Task, list[Change]]:
    get_task(conn, task_id)
    done = apply_changes(conn, task_id, checked_changes(changes), Source(actor))
    return get_task(conn, task_id), done


def checked_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Validate a person's correction; BadChange names the field, the value and what is accepted."""
    checks = {"status": check_status, "progress": check_progress, "deadline": check_deadline,
              "priority": check_priority, "risk": _text, "owner": _text, "department": _text, "behind": check_behind}
    unknown = sorted(set(changes) - set(checks))
    if unknown:
        raise BadChange(f"不能修改 '{unknown[0]}'；可修改：{'、'.join(checks)}")
    return {name: checks[name](value) for name, value in changes.items()}


def check_status(value: Any) -> str:
    if value not in STATUSES:
        raise BadChange(f"状态 '{value}' 无效；应为 {'、'.join(STATUSES)} 之一")
    return value


def check_progress(value: Any) -> int:
    text = str(value).strip().rstrip("%")
    if not text.isdigit() or not 0 <= int(text) <= 100:
        raise BadChange(f"进度 '{value}' 无效；应为 0 到 100 的整数（百分比）")
    return int(text)


def check_deadline(value: Any) -> Optional[str]:
    if value in (None, ""):
        return None
    text = str(value).strip().replace(" ", "T")
    try:
        (datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text))
    except ValueError:
        raise BadChange(f"日期 '{value}' 无效；应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM") from None
    return text[:16]


def check_priority(value: Any) -> str:
    if value not in PRIORITIES:
        raise BadChange(f"优先级 '{value}' 无效；应为 高、中、低（或 high、medium、low）")
    return PRIORITIES[value]


def check_behind(value: Any) -> Optional[bool]:
    if value is None or isinstance(value, bool):
        return value
    raise BadChange(f"是否滞后 '{value}' 无效；应为 true 或 false")


def _text(value: Any) -> Optional[str]:
    return str(value).strip() or None if value is not None else None


# --------------------------------------------------------------------------- #
# Reports awaiting a person
# --------------------------------------------------------------------------- #
def pending_reports(conn: Connection, *, include_resolved: bool = False) -> list[Pending]:
    query = (select(pending, *_LABEL_COLUMNS)
             .select_from(pending.join(meetings, pending.c.meeting_id == meetings.c.id)).order_by(pending.c.id))
    if not include_resolved:
        query = query.where(pending.c.resolved_task_id.is_(None))
    return [Pending(id=r.id, meeting=meeting_label(r.m_title, r.m_date, r.m_source), reason=r.reason,
                    report=json.loads(r.report), candidates=[tuple(c) for c in json.loads(r.candidates)],
                    resolved_task_id=r.resolved_task_id) for r in conn.execute(query)]


def confirm(conn: Connection, pending_id: int, task_id: str, actor: str) -> tuple[Task, list[Change]]:
    """A person says which task a pending report is about: it is applied there, with its meeting as source."""
    row = conn.execute(select(pending, meetings.c.date).select_from(
        pending.join(meetings, pending.c.meeting_id == meetings.c.id)).where(pending.c.id == pending_id)).first()
    if row is None:
        raise UnknownTask(f"没有待确认的汇报 #{pending_id}；用 minutes track pending 查看")
    if row.resolved_task_id:
        raise BadChange(f"汇报 #{pending_id} 已确认为任务 {row.resolved_task_id}")
    get_task(conn, task_id)
    report = json.loads(row.report)
    changes = reported_changes(ProgressReport(**{k: v for k, v in report.items() if k != "evidence"}))
    done = apply_changes(conn, task_id, changes, Source(actor, row.meeting_id, row.date, report.get("text")))
    conn.execute(update(pending).where(pending.c.id == pending_id).values(
        resolved_task_id=task_id, resolved_by=actor, resolved_at=now()))
    return get_task(conn, task_id), done
