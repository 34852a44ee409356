"""file_minutes(conn, minutes) -> Filing: one meeting into the ledger, inside the caller's write transaction.

Progress reports are applied first, to the tasks the ledger already held (see match.py);
then every action item becomes a new task. A meeting is filed once: the same notes again
(same fingerprint), or another version of a meeting already filed (same title, day and
start time), change nothing and say so.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Optional

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from ..model import ActionItem, Minutes, ProgressReport
from ..render.context import source_meeting, status_label, task_year
from .ids import next_id, project_code
from .match import choose
from .records import Change, Filing, Pending
from .tables import DONE, history, meetings, pending, tasks

_ID_PARTS = re.compile(r"^(?P<project>.+)-(?P<year>\d{4})-(?P<seq>\d{3,})$")
REPORTED = ("status", "progress", "deadline", "behind", "risk")


@dataclass(frozen=True)
class Source:
    """Who and what a write comes from: the history's actor, and the meeting when there is one."""

    actor: str
    meeting_id: Optional[int] = None
    day: Optional[str] = None          # the meeting's date: a task it reports done was done by then
    note: Optional[str] = None


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def file_minutes(conn: Connection, minutes: Minutes, *, project: Optional[str] = None, actor: str) -> Filing:
    code = project_code(minutes.meeting.title, minutes.meeting.departments, project)
    filing = Filing(source=minutes.source, meeting=source_meeting(minutes))
    if _already_filed(conn, minutes):
        filing.already_filed = True
        return filing
    meeting_id = conn.execute(insert(meetings).values(
        fingerprint=fingerprint(minutes), title=minutes.meeting.title, date=minutes.meeting.date,
        start_time=minutes.meeting.start_time, source=minutes.source, project=code, filed_at=now(),
        filed_by=actor)).inserted_primary_key[0]
    source = Source(actor, meeting_id, minutes.meeting.date)
    for report in minutes.progress:
        _file_report(conn, report, code, source, filing)
    year = task_year(minutes)
    reported = {_place(r.evidence) for r in minutes.progress if r.evidence}
    for item in minutes.action_items:
        if item.evidence.get("task") is None or _place(item.evidence["task"]) not in reported:
            filing.created.append(_create_task(conn, item, code, year, source, _evidence(minutes, item)))
    return filing


def _place(evidence) -> tuple:
    """The line, or table row, words come from: an action item read from a report's own row is that report."""
    loc = evidence.location
    return (loc.table, loc.row) if loc.table is not None else (loc.line, loc.paragraph)


def fingerprint(minutes: Minutes) -> str:
    """The same notes give the same fingerprint wherever the file lies and whatever it is called."""
    m = minutes.meeting
    content = {"meeting": [m.title, m.date, m.start_time],
               "items": [[a.task, a.owner, a.owner_department, a.deadline, a.priority] for a in minutes.action_items],
               "reports": [[r.task_id, r.task, r.owner, r.status, r.progress, r.deadline, r.behind, r.risk]
                           for r in minutes.progress]}
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _already_filed(conn: Connection, minutes: Minutes) -> bool:
    m = minutes.meeting
    same_notes = meetings.c.fingerprint == fingerprint(minutes)
    found = conn.execute(select(meetings.c.id).where(same_notes)).first()
    if found or not (m.title and m.date):
        return found is not None
    same_meeting = (meetings.c.title == m.title) & (meetings.c.date == m.date) & (
        meetings.c.start_time == m.start_time if m.start_time else meetings.c.start_time.is_(None))
    return conn.execute(select(meetings.c.id).where(same_meeting)).first() is not None


# --------------------------------------------------------------------------- #
# New tasks
# --------------------------------------------------------------------------- #
def _create_task(conn: Connection, item: ActionItem, code: str, year: int, source: Source,
                 evidence: Optional[dict]) -> str:
    task_id, seq = next_id(conn, code, year)
    status = status_label(item.status)
    values = dict(id=task_id, project=code, year=year, seq=seq, task=item.task,
                  owner=item.owner or item.owner_department, department=item.owner_department,
                  collaborators=json.dumps(item.collaborators, ensure_ascii=False), deadline=item.deadline,
                  priority=item.priority, status=status, progress=100 if status == DONE else 0,
                  evidence=json.dumps(evidence, ensure_ascii=False) if evidence else None)
    _insert_task(conn, values, source)
    return task_id


def _insert_task(conn: Connection, values: dict[str, Any], source: Source) -> None:
    stamp = now()
    if values.get("status") == DONE:
        values["completed_on"] = source.day or stamp[:10]
    conn.execute(insert(tasks).values(created_at=stamp, updated_at=stamp, meeting_id=source.meeting_id, **values))
    _record(conn, values["id"], "created", None, values["task"], source, stamp)


def _evidence(minutes: Minutes, item: ActionItem) -> Optional[dict]:
    found = item.evidence.get("task")
    return {"source": minutes.source, **found.to_dict()} if found else None


# --------------------------------------------------------------------------- #
# Progress reports
# --------------------------------------------------------------------------- #
def _file_report(conn: Connection, report: ProgressReport, code: str, source: Source, filing: Filing) -> None:
    known = {report.task_id} if report.task_id and _exists(conn, report.task_id) else set()
    match = choose(report.task, report.task_id, known, _candidates(conn, report, code))
    if match.task_id and _reported_later(conn, match.task_id, source.day):
        filing.stale.append(match.task_id)
    elif match.task_id:
        changes = apply_changes(conn, match.task_id, reported_changes(report),
                                Source(source.actor, source.meeting_id, source.day, report.text))
        if changes:
            filing.updated.setdefault(match.task_id, []).extend(changes)
    elif report.task_id and report.task and _ID_PARTS.match(report.task_id):
        filing.created.append(_create_from_report(conn, report, source))
    else:
        filing.pending.append(_hold(conn, report, match.kind, match.candidates, source, filing.meeting))


def _reported_later(conn: Connection, task_id: str, day: Optional[str]) -> bool:
    """A meeting filed late must not undo what a later meeting already reported on the task."""
    if not day:
        return False
    later = (select(history.c.id).join(meetings, history.c.meeting_id == meetings.c.id)
             .where(history.c.task_id == task_id, history.c.field != "created", meetings.c.date > day).limit(1))
    return conn.execute(later).first() is not None


def _exists(conn: Connection, task_id: str) -> bool:
    return conn.execute(select(tasks.c.id).where(tasks.c.id == task_id)).first() is not None


def _candidates(conn: Connection, report: ProgressReport, code: str) -> list[tuple[str, str]]:
    where = tasks.c.owner == report.owner if report.owner else tasks.c.project == code
    return [(row.id, row.task) for row in conn.execute(select(tasks.c.id, tasks.c.task).where(where))]


def reported_changes(report: ProgressReport) -> dict[str, Any]:
    return {name: getattr(report, name) for name in REPORTED if getattr(report, name) is not None}


def _create_from_report(conn: Connection, report: ProgressReport, source: Source) -> str:
    """A task-overview row whose 任务ID the ledger has not seen is a task to file under that ID."""
    parts = _ID_PARTS.match(report.task_id)
    status = report.status or "未开始"
    values = dict(id=report.task_id, project=parts["project"], year=int(parts["year"]), seq=int(parts["seq"]),
                  task=report.task, owner=report.owner, collaborators="[]", deadline=report.deadline,
                  priority="medium", status=status, progress=report.progress or (100 if status == DONE else 0),
                  behind=report.behind, risk=report.risk)
    _insert_task(conn, values, source)
    return report.task_id


def _hold(conn: Connection, report: ProgressReport, reason: str, candidates: list[tuple[str, float]],
          source: Source, meeting: str) -> Pending:
    body = json.dumps({k: v for k, v in report.to_dict().items() if k != "evidence"}, ensure_ascii=False)
    pending_id = conn.execute(insert(pending).values(
        meeting_id=source.meeting_id, reason=reason, report=body,
        candidates=json.dumps(candidates, ensure_ascii=False))).inserted_primary_key[0]
    return Pending(id=pending_id, meeting=meeting, reason=reason, report=json.loads(body), candidates=candidates)


# --------------------------------------------------------------------------- #
# Changing a task, with its history
# --------------------------------------------------------------------------- #
def apply_changes(conn: Connection, task_id: str, changes: dict[str, Any], source: Source) -> list[Change]:
    """Set the fields that differ, one history entry each; finishing a task dates it and makes it 100%."""
    row = conn.execute(select(tasks).where(tasks.c.id == task_id)).one()
    changes = _completion(row, dict(changes))
    stamp, done = now(), []
    for name, new in changes.items():
        old = getattr(row, name)
        if new != old:
            done.append(_record(conn, task_id, name, _shown(old), _shown(new), source, stamp))
    if done:
        values = {c.field: changes[c.field] for c in done}
        values.update(_completed_on(row, changes, source, stamp))
        conn.execute(update(tasks).where(tasks.c.id == task_id).values(updated_at=stamp, **values))
    return done


def _completion(row, changes: dict[str, Any]) -> dict[str, Any]:
    """What a change implies: progress on a task not started means it is under way; done is 100%."""
    if changes.get("progress") and "status" not in changes and row.status == "未开始":
        changes = {"status": "进行中", **changes}
    if changes.get("status") == DONE and "progress" not in changes:
        changes["progress"] = 100
    if changes.get("status") == DONE and row.behind:
        changes.setdefault("behind", False)
    return changes


def _completed_on(row, changes: dict[str, Any], source: Source, stamp: str) -> dict[str, Any]:
    status = changes.get("status", row.status)
    if status == DONE and row.status != DONE:
        return {"completed_on": source.day or stamp[:10]}
    if status != DONE and row.status == DONE:
        return {"completed_on": None}
    return {}


def _record(conn: Connection, task_id: str, name: str, old: Optional[str], new: Optional[str], source: Source,
            stamp: str) -> Change:
    conn.execute(insert(history).values(task_id=task_id, field=name, old=old, new=new, meeting_id=source.meeting_id,
                                        actor=source.actor, at=stamp, note=source.note))
    return Change(task_id=task_id, field=name, old=old, new=new, actor=source.actor, at=stamp, note=source.note)


def _shown(value: Any) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)
