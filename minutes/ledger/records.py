"""What the ledger hands back: tasks, their changes, reports awaiting a person, a filing's outcome.

Plain dataclasses built from rows; ``to_dict()`` is the JSON the CLI (``--format json``)
and the API print.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Optional

from .tables import DONE

PRIORITY_LABELS = {"high": "高", "medium": "中", "low": "低"}
FIELD_LABELS = {"created": "创建", "status": "状态", "progress": "进度", "deadline": "计划完成", "behind": "是否滞后",
                "risk": "风险", "owner": "负责人", "department": "部门", "priority": "优先级", "task": "任务"}


@dataclass
class Change:
    """One history entry: what changed, from what to what, by which meeting or person, when."""

    task_id: str
    field: str
    old: Optional[str]
    new: Optional[str]
    actor: str
    at: str
    meeting: Optional[str] = None       # 标题（日期） of the meeting that reported it
    note: Optional[str] = None

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "label": self.label}


@dataclass
class Task:
    id: str
    task: str
    owner: Optional[str]
    department: Optional[str]
    collaborators: list[str]
    deadline: Optional[str]
    priority: str
    status: str
    progress: int
    behind: Optional[bool]
    risk: Optional[str]
    meeting: Optional[str]
    evidence: Optional[dict]
    created_at: str
    updated_at: str
    completed_on: Optional[str] = None
    history: list[Change] = field(default_factory=list)

    def overdue(self, as_of: date) -> bool:
        """Past its plan day (a task due on ``as_of`` is not yet) and not done."""
        return bool(self.deadline) and self.status != DONE and self.deadline[:10] < as_of.isoformat()

    def days_overdue(self, as_of: date) -> int:
        return (as_of - date.fromisoformat(self.deadline[:10])).days if self.overdue(as_of) else 0

    def late(self, as_of: date) -> bool:
        """是否滞后: overdue, or reported behind plan at the last review, unless done."""
        return self.status != DONE and (self.overdue(as_of) or bool(self.behind))

    def to_dict(self, as_of: Optional[date] = None) -> dict[str, Any]:
        as_of = as_of or date.today()
        out = {k: v for k, v in asdict(self).items() if k != "history"}
        out.update(priority_label=PRIORITY_LABELS.get(self.priority, "中"), overdue=self.overdue(as_of),
                   days_overdue=self.days_overdue(as_of), late=self.late(as_of))
        if self.history:
            out["history"] = [c.to_dict() for c in self.history]
        return out

    @classmethod
    def brief(cls, fields: list, meeting: Optional[str] = None) -> "Task":
        """From the escalation query's columns (queries._ESCALATION_COLUMNS, in order): no evidence,
        collaborators or time stamps."""
        id_, task, owner, department, deadline, priority, status, progress, behind, risk, completed_on = fields
        return cls(id_, task, owner, department, [], deadline, priority, status, progress, behind, risk, meeting,
                   None, "", "", completed_on)

    @classmethod
    def from_row(cls, row, meeting: Optional[str] = None) -> "Task":
        return cls(id=row.id, task=row.task, owner=row.owner, department=row.department,
                   collaborators=json.loads(row.collaborators or "[]"), deadline=row.deadline, priority=row.priority,
                   status=row.status, progress=row.progress, behind=row.behind, risk=row.risk, meeting=meeting,
                   evidence=json.loads(row.evidence) if row.evidence else None, created_at=row.created_at,
                   updated_at=row.updated_at, completed_on=row.completed_on)


@dataclass
class Pending:
    """A progress report no task matched with confidence: a person confirms which task it is."""

    id: int
    meeting: str
    reason: str                          # ambiguous | unmatched
    report: dict
    candidates: list[tuple[str, float]]
    resolved_task_id: Optional[str] = None

    @property
    def reason_label(self) -> str:
        return "有多个可能的任务" if self.reason == "ambiguous" else "台账中没有对应的任务"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "candidates": [{"task_id": t, "score": s} for t, s in self.candidates],
                "reason_label": self.reason_label}


@dataclass
class Filing:
    """What filing one meeting did."""

    source: str
    meeting: str
    already_filed: bool = False
    created: list[str] = field(default_factory=list)                          # new task IDs
    updated: dict[str, list[Change]] = field(default_factory=dict)           # task ID -> its changes
    pending: list[Pending] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)      # tasks a later meeting already reported on: left as they are

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "meeting": self.meeting, "already_filed": self.already_filed,
                "created": list(self.created),
                "updated": {tid: [c.to_dict() for c in changes] for tid, changes in self.updated.items()},
                "pending": [p.to_dict() for p in self.pending], "stale": list(self.stale)}
