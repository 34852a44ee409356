"""What `minutes track` prints: readable tables (Chinese and Latin text lined up) and JSON.

Every view has a text form and a ``*_json`` form holding the same facts; the escalation
list groups open overdue tasks by department, then owner.
"""
from __future__ import annotations

import json
import unicodedata
from datetime import date
from itertools import groupby
from typing import Any, Optional, Sequence

from .records import Filing, Pending, Task

NONE = "—"
UNASSIGNED_DEPARTMENT, UNASSIGNED_OWNER = "（未填部门）", "（未定负责人）"
TASK_WIDTH = 30


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clip(text: str, limit: int) -> str:
    """Cut to ``limit`` display columns, with … when cut."""
    if width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > limit - 1:
            break
        out += ch
    return out + "…"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "") -> str:
    widths = [max(width(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    lines = [_line(headers, widths), "  ".join("-" * w for w in widths)] + [_line(r, widths) for r in rows]
    return "\n".join(indent + line.rstrip() for line in lines)


def _line(cells: Sequence[Any], widths: list[int]) -> str:
    return "  ".join(str(c) + " " * (w - width(str(c))) for c, w in zip(cells, widths))


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _or_none(value: Optional[str]) -> str:
    return value if value else NONE


def late_mark(task: Task, as_of: date) -> str:
    """是否滞后: 是（逾期3天）, 是 (reported behind), or 否."""
    if task.overdue(as_of):
        return f"是（逾期{task.days_overdue(as_of)}天）"
    return "是" if task.late(as_of) else "否"


def due(task: Task) -> str:
    return task.deadline.replace("T", " ") if task.deadline else "未定"


# --------------------------------------------------------------------------- #
# track list
# --------------------------------------------------------------------------- #
def task_list(found: list[Task], as_of: date) -> str:
    if not found:
        return "没有符合条件的任务。"
    rows = [[t.id, clip(t.task, TASK_WIDTH), _or_none(t.owner), _or_none(t.department), due(t), t.status,
             f"{t.progress}%", late_mark(t, as_of)] for t in found]
    late = sum(1 for t in found if t.late(as_of))
    return (table(["任务ID", "任务", "负责人", "部门", "计划完成", "状态", "进度", "是否滞后"], rows)
            + f"\n\n共 {len(found)} 项，滞后 {late} 项（截至 {as_of}）。")


def task_list_data(found: list[Task], as_of: date) -> dict[str, Any]:
    return {"as_of": as_of.isoformat(), "count": len(found), "tasks": [t.to_dict(as_of) for t in found]}


# --------------------------------------------------------------------------- #
# track show
# --------------------------------------------------------------------------- #
def task_detail(task: Task, as_of: date) -> str:
    fields = [("任务ID", task.id), ("任务", task.task), ("负责人", _or_none(task.owner)),
              ("部门", _or_none(task.department)), ("协作人", "、".join(task.collaborators) or NONE),
              ("计划完成", due(task)), ("优先级", task.to_dict(as_of)["priority_label"]), ("状态", task.status),
              ("进度", f"{task.progress}%"), ("是否滞后", late_mark(task, as_of)), ("实际完成", _or_none(task.completed_on)),
              ("风险", _or_none(task.risk)), ("来源会议", _or_none(task.meeting)), ("原文", _evidence(task))]
    head = "\n".join(f"{label}：{value}" for label, value in fields)
    rows = [[c.at.replace("T", " "), clip(c.meeting or c.actor, 40), c.label,
             f"{_or_none(c.old)} → {_or_none(c.new)}" if c.field != "created" else clip(c.new or "", 40)]
            for c in task.history]
    return head + "\n\n变更记录：\n" + table(["时间（UTC）", "来源", "项目", "变更"], rows, indent="  ")


def _evidence(task: Task) -> str:
    ev = task.evidence or {}
    where = f"第{ev['line']}行" if ev.get("line") else f"表{ev['table']}第{ev['row']}行" if ev.get("table") else ""
    return f"{ev.get('source', '')} {where}：{ev.get('text', '')}".strip() if ev else NONE


# --------------------------------------------------------------------------- #
# track overdue
# --------------------------------------------------------------------------- #
def overdue_groups(found: list[Task]) -> list[tuple[str, list[tuple[str, list[Task]]]]]:
    """[(department, [(owner, tasks)])], in the order the query gave (department, owner, plan day)."""
    by_department = groupby(found, key=lambda t: t.department or UNASSIGNED_DEPARTMENT)
    return [(dept, [(owner, list(ts)) for owner, ts in groupby(tasks, key=lambda t: t.owner or UNASSIGNED_OWNER)])
            for dept, tasks in ((d, list(ts)) for d, ts in by_department)]


def overdue_list(found: list[Task], as_of: date) -> str:
    if not found:
        return f"截至 {as_of}，没有逾期未完成的任务。"
    out = [f"截至 {as_of}，逾期未完成 {len(found)} 项（应在 24 小时内上报）："]
    for dept, owners in overdue_groups(found):
        out.append(f"\n{dept}（{sum(len(ts) for _, ts in owners)} 项）")
        for owner, tasks in owners:
            out.append(f"  {owner}（{len(tasks)} 项）")
            rows = [[t.id, clip(t.task, TASK_WIDTH), due(t), f"{t.days_overdue(as_of)}天", t.status, f"{t.progress}%",
                     clip(t.risk or NONE, 24)] for t in tasks]
            out.append(table(["任务ID", "任务", "计划完成", "逾期", "状态", "进度", "风险"], rows, indent="    "))
    return "\n".join(out)


def overdue_data(found: list[Task], as_of: date) -> dict[str, Any]:
    groups = [{"department": dept, "owners": [{"owner": owner, "tasks": [t.to_dict(as_of) for t in tasks]}
                                              for owner, tasks in owners]}
              for dept, owners in overdue_groups(found)]
    return {"as_of": as_of.isoformat(), "count": len(found), "groups": groups}


# --------------------------------------------------------------------------- #
# track add / set / pending
# --------------------------------------------------------------------------- #
def filing_text(result: Filing) -> str:
    head = f"{result.source}：{result.meeting}"
    if result.already_filed:
        return f"{head}\n  已登记过，台账未改动。"
    out = [head, f"  新任务 {len(result.created)} 项" + (f"：{'、'.join(result.created)}" if result.created else "")]
    out.append(f"  更新任务 {len(result.updated)} 项" + ("：" if result.updated else ""))
    for task_id, changes in result.updated.items():
        out.append(f"    {task_id}  " + "；".join(f"{c.label} {_or_none(c.old)} → {_or_none(c.new)}" for c in changes))
    if result.stale:
        out.append(f"  未覆盖 {len(result.stale)} 项（之后的会议已汇报过更新的进展）：{'、'.join(result.stale)}")
    if result.pending:
        out.append(f"  待确认 {len(result.pending)} 项（核对后用 minutes track set 任务ID --confirm 编号 确认）：")
        out += ["    " + pending_line(p) for p in result.pending]
    return "\n".join(out)


def pending_line(p: Pending) -> str:
    report = p.report
    owner = f"（{report['owner']}）" if report.get("owner") else ""
    candidates = "、".join(f"{tid}（相似度 {score:.2f}）" for tid, score in p.candidates) or "无"
    return f"#{p.id} {report.get('task_id') or report['task']}{owner}：{report.get('text', '')} —— {p.reason_label}；候选：{candidates}"


def pending_text(found: list[Pending]) -> str:
    if not found:
        return "没有待确认的汇报。"
    return "\n".join(pending_line(p) + (f"（来自 {p.meeting}）" if p.meeting else "") for p in found)


def changes_text(task: Task, changes) -> str:
    if not changes:
        return f"{task.id} 无变化。"
    return f"{task.id} 已更新：" + "；".join(f"{c.label} {_or_none(c.old)} → {_or_none(c.new)}" for c in changes)
