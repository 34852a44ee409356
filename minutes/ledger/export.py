"""The ledger as files: the Excel tracker with a history sheet, the Word tracker, iCalendar, CSV.

The Excel and Word trackers are the per-meeting renderers of minutes.render fed the
ledger's tasks: the rows keep their ledger IDs, status and progress, and 是否滞后 stays
the formula Excel recomputes every day. The Excel book adds 变更记录 (every history
entry) and 会议 (every meeting filed). The CSV is one row per task with a header row,
UTF-8 with a byte-order mark and ISO dates, the shape Feishu/DingTalk task imports
and Jira's CSV importer map by column name.
"""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, timezone
from hashlib import sha1
from typing import Any, Callable, Optional

from openpyxl import Workbook

from ..errors import BadChange
from ..model import ActionItem, Meeting, Minutes
from ..render import docx as render_docx
from ..render import ics as render_ics
from ..render import xlsx as render_xlsx
from ..render.context import build_context
from .records import Change, Task
from .views import late_mark

TITLE = "任务跟踪台账"
CSV_HEADERS = ("任务ID", "任务", "负责人", "部门", "协作人", "计划完成日期", "优先级", "状态", "进度", "是否滞后",
               "风险", "实际完成日期", "来源会议")
# (header, widest it may grow in characters; longer text wraps)
HISTORY_COLUMNS = (("时间（UTC）", 19), ("任务ID", 22), ("项目", 8), ("原值", 24), ("新值", 24), ("来源会议", 30),
                   ("操作人", 14), ("原文", 40))
MEETING_COLUMNS = (("会议", 30), ("日期", 12), ("项目简称", 14), ("新任务数", 8), ("来源文件", 30),
                   ("登记时间（UTC）", 19), ("登记人", 14))


def export(ledger, suffix: str, *, as_of: date, filters: Optional[dict[str, Any]] = None) -> bytes:
    writer = WRITERS.get(suffix.lower())
    if writer is None:
        raise BadChange(f"不能导出为 '{suffix or '无扩展名'}'；应为 {'、'.join(WRITERS)}")
    found = ledger.tasks(**{k: v for k, v in (filters or {}).items() if v})
    return writer(ledger, found, as_of)


def as_minutes(found: list[Task], as_of: date, source: str) -> Minutes:
    """The tasks as Minutes, so the per-meeting renderers can draw them."""
    departments = sorted({t.department for t in found if t.department})
    items = [ActionItem(task=t.task, owner=t.owner, owner_department=t.department, collaborators=t.collaborators,
                        deadline=t.deadline, priority=t.priority, status=t.status) for t in found]
    return Minutes(source=source, meeting=Meeting(title=TITLE, date=as_of.isoformat(), departments=departments),
                   action_items=items)


def actions(found: list[Task], minutes: Minutes, as_of: date) -> list[dict[str, Any]]:
    """The renderers' row context, with the ledger's own ID, status, progress and risk."""
    rows = build_context(minutes)["actions"]
    for row, task in zip(rows, found):
        row.update(id=task.id, status=task.status, progress=f"{task.progress}%", progress_ratio=task.progress / 100,
                   remarks=_remarks(task, as_of), source_meeting=task.meeting or "", late=late_mark(task, as_of))
    return rows


def _remarks(task: Task, as_of: date) -> str:
    reported = "例会报告滞后" if task.behind and not task.overdue(as_of) and task.status != "已完成" else ""
    return "；".join(p for p in (task.risk, reported) if p)


# --------------------------------------------------------------------------- #
def to_xlsx(ledger, found: list[Task], as_of: date) -> bytes:
    minutes = as_minutes(found, as_of, ledger.name)
    changes, filed = ledger.history(), ledger.meetings()
    wanted = {t.id for t in found}
    return render_xlsx.render_tracker(minutes, actions=actions(found, minutes, as_of), extra_sheets=[
        _title_tracker, lambda book: history_sheet(book, [c for c in changes if c.task_id in wanted]),
        lambda book: meetings_sheet(book, filed)])


def _title_tracker(book: Workbook) -> None:
    """The tracker sheet prints under the ledger's name, not its first task's meeting."""
    book.worksheets[0].oddHeader.center.text = TITLE


def history_sheet(book: Workbook, changes: list[Change]) -> None:
    ws = book.create_sheet("变更记录")
    rows = [[c.at.replace("T", " "), c.task_id, c.label, c.old or "", c.new or "", c.meeting or "", c.actor,
             c.note or ""] for c in changes]
    _sheet(ws, HISTORY_COLUMNS, rows, f"{TITLE} 变更记录")


def meetings_sheet(book: Workbook, filed: list[dict[str, Any]]) -> None:
    ws = book.create_sheet("会议")
    rows = [[m["title"] or "", m["date"] or "", m["project"], m["new_tasks"], m["source"],
             m["filed_at"].replace("T", " "), m["filed_by"]] for m in filed]
    _sheet(ws, MEETING_COLUMNS, rows, f"{TITLE} 会议")


def _sheet(ws, columns: tuple[tuple[str, int], ...], rows: list[list[Any]], title: str) -> None:
    """A filtered table with a frozen header, columns fitted up to their caps, printed on A4 landscape."""
    from openpyxl.utils import get_column_letter
    render_xlsx.header_row(ws, tuple(header for header, _ in columns))
    for row, values in enumerate(rows, 2):
        render_xlsx.write_row(ws, row, values)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    render_xlsx.fit_columns(ws, caps={i: cap for i, (_, cap) in enumerate(columns, 1)})
    render_xlsx.fit_rows(ws)
    render_xlsx.print_setup(ws, title=title)


def to_docx(ledger, found: list[Task], as_of: date) -> bytes:
    minutes = as_minutes(found, as_of, ledger.name)
    context = {**build_context(minutes), "actions": actions(found, minutes, as_of)}
    return render_docx.render_template(render_docx.shipped(render_docx.TRACKER), context)


def to_ics(ledger, found: list[Task], as_of: date) -> bytes:
    """One VTODO per task; the UID is derived from the task ID, so a re-export updates, not duplicates."""
    minutes = as_minutes(found, as_of, ledger.name)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{render_ics.PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{TITLE}", *render_ics.VTIMEZONE]
    for item, action, task in zip(minutes.action_items, actions(found, minutes, as_of), found):
        todo = render_ics.vtodo(item, action, f"{sha1(task.id.encode('utf-8')).hexdigest()[:20]}@minutes-ledger", stamp)
        lines += todo[:-1] + [f"PERCENT-COMPLETE:{task.progress}", todo[-1]]
    lines.append("END:VCALENDAR")
    return "".join(render_ics.fold(line) + "\r\n" for line in lines).encode("utf-8")


def to_csv(ledger, found: list[Task], as_of: date) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADERS)
    for t in found:
        writer.writerow([_cell(v) for v in [t.id, t.task, t.owner or "", t.department or "", "、".join(t.collaborators),
                         (t.deadline or "").replace("T", " "), t.to_dict(as_of)["priority_label"], t.status,
                         f"{t.progress}%", "是" if t.late(as_of) else "否", t.risk or "", t.completed_on or "",
                         t.meeting or ""]])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: str) -> str:
    """Text that a spreadsheet would run as a formula (=, +, @) is quoted with a leading apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "@") else value


WRITERS: dict[str, Callable[[Any, list[Task], date], bytes]] = {
    ".xlsx": to_xlsx, ".docx": to_docx, ".ics": to_ics, ".csv": to_csv,
}
