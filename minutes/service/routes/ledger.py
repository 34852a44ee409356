"""/api/v1/ledger/…: the task ledger over HTTP, for the page's 台账 view and for scripts.

    POST  /ledger/meetings                 file notes (a file, {"text"}) or a reviewed {"extraction"}
    GET   /ledger/meetings                 the meetings filed
    GET   /ledger/tasks                    the tasks, filtered (owner, dept, status, overdue, as_of)
    GET   /ledger/tasks/{id}               one task with its history
    PATCH /ledger/tasks/{id}               a correction: status, progress, deadline, owner, risk
    GET   /ledger/overdue                  the escalation list, by department and owner
    GET   /ledger/pending                  reports waiting for a person
    POST  /ledger/pending/{n}/confirm      say which task report n is about
    GET   /ledger/export                   tracker.xlsx / .docx / .ics / .csv

The ledger is MINUTES_DB (a SQLite file or a PostgreSQL URL shared by several servers),
opened on first use. Every write records its source in the history: ``网页：name`` for
the page (it sends ``X-Minutes-Client: web``), ``API：name`` otherwise; ``by`` names the
person. Database work runs on FastAPI's thread pool; extraction runs in the job pool.
"""
from __future__ import annotations

import threading
from datetime import date
from typing import Any, Literal, Optional
from urllib.parse import quote

from fastapi import APIRouter, Depends, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from ..config import Settings, get_settings
from ..models import ERROR_RESPONSES, RenderInput, body_schema
from . import work
from .deps import Submission, get_pool, render_submission
from .pool import Pool

router = APIRouter(prefix="/ledger", tags=["ledger"])
_OPENING = threading.Lock()
MEDIA = {"xlsx": work.XLSX, "docx": work.DOCX, "ics": work.CALENDAR, "csv": "text/csv; charset=utf-8"}
EXPORT_NAMES = {"xlsx": "任务跟踪台账", "docx": "任务跟踪台账", "ics": "台账待办", "csv": "台账任务"}


class TaskChange(BaseModel):
    """A correction by hand; only the fields given change, each recorded in the history."""

    model_config = ConfigDict(extra="forbid")

    status: Optional[Literal["未开始", "进行中", "已完成", "延期", "待验收"]] = None
    progress: Optional[int] = Field(None, ge=0, le=100, description="percent")
    deadline: Optional[str] = Field(None, description="YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    owner: Optional[str] = None
    risk: Optional[str] = None
    by: Optional[str] = Field(None, max_length=64, description="who makes the change, for the history")


class Confirmation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    task_id: str = Field(description="the task the pending report is about")
    by: Optional[str] = Field(None, max_length=64)


def get_ledger(request: Request, settings: Settings = Depends(get_settings)):
    """The app's ledger, opened (and migrated) once, on the first request that needs it."""
    ledger = getattr(request.app.state, "ledger", None)
    if ledger is None:
        with _OPENING:
            ledger = getattr(request.app.state, "ledger", None)
            if ledger is None:
                from ...ledger.store import open_ledger
                ledger = request.app.state.ledger = open_ledger(settings.db)
    return ledger


def actor(by: Optional[str], client: Optional[str]) -> str:
    source = "网页" if client == "web" else "API"
    return f"{source}：{by.strip()}" if by and by.strip() else source


def _day(as_of: Optional[date]) -> date:
    return as_of or date.today()


# --------------------------------------------------------------------------- #
@router.post("/meetings", responses=ERROR_RESPONSES, openapi_extra=body_schema(RenderInput),
             summary="File a meeting: its action items become tasks, its progress reports update them")
async def file_meeting(project: Optional[str] = None, by: Optional[str] = None,
                       submission: Submission = Depends(render_submission), pool: Pool = Depends(get_pool),
                       settings: Settings = Depends(get_settings), ledger=Depends(get_ledger),
                       x_minutes_client: Optional[str] = Header(None)) -> dict[str, Any]:
    """Send notes (a file, or `{"text"}`), or `{"extraction": {...}}` as /extract returned it and a
    person corrected it (with its `progress` reports). Filing the same meeting again changes nothing."""
    minutes = await pool.run(work.submitted_minutes, submission, settings.limits, timeout=settings.request_timeout)
    result = await run_in_threadpool(ledger.file, minutes, project=project, actor=actor(by, x_minutes_client))
    return result.to_dict()


@router.get("/meetings", summary="The meetings filed, oldest first")
def list_meetings(ledger=Depends(get_ledger)) -> list[dict[str, Any]]:
    return ledger.meetings()


@router.get("/tasks", responses=ERROR_RESPONSES, summary="The ledger's tasks, filtered")
def list_tasks(owner: Optional[str] = None, dept: Optional[str] = None, status: Optional[str] = None,
               overdue: bool = False, as_of: Optional[date] = None, project: Optional[str] = None,
               ledger=Depends(get_ledger)) -> dict[str, Any]:
    """`late` is 是否滞后 as of `as_of` (default today): overdue, or reported behind at the last review."""
    day = _day(as_of)
    found = ledger.tasks(owner=owner, department=dept, status=status, project=project,
                         overdue_as_of=day if overdue else None)
    from ...ledger import views     # SQLAlchemy: loaded with the first ledger request, not at start
    return views.task_list_data(found, day)


@router.get("/tasks/{task_id}", responses=ERROR_RESPONSES, summary="One task with its history")
def show_task(task_id: str, as_of: Optional[date] = None, ledger=Depends(get_ledger)) -> dict[str, Any]:
    return ledger.task(task_id).to_dict(_day(as_of))


@router.patch("/tasks/{task_id}", responses=ERROR_RESPONSES, summary="Correct a task; every change goes to its history")
def change_task(task_id: str, change: TaskChange, ledger=Depends(get_ledger),
                x_minutes_client: Optional[str] = Header(None)) -> dict[str, Any]:
    fields = change.model_dump(exclude_unset=True, exclude={"by"})
    task, changes = ledger.set(task_id, fields, actor=actor(change.by, x_minutes_client))
    return {"task": task.to_dict(), "changes": [c.to_dict() for c in changes]}


@router.get("/overdue", responses=ERROR_RESPONSES, summary="The escalation list: open tasks past their day")
def list_overdue(as_of: Optional[date] = None, ledger=Depends(get_ledger)) -> dict[str, Any]:
    day = _day(as_of)
    from ...ledger import views
    return views.overdue_data(ledger.overdue(day), day)


@router.get("/pending", summary="Progress reports no task matched with confidence")
def list_pending(ledger=Depends(get_ledger)) -> list[dict[str, Any]]:
    return [p.to_dict() for p in ledger.pending()]


@router.post("/pending/{pending_id}/confirm", responses=ERROR_RESPONSES,
             summary="Apply a pending report to the task a person names")
def confirm_pending(pending_id: int, confirmation: Confirmation, ledger=Depends(get_ledger),
                    x_minutes_client: Optional[str] = Header(None)) -> dict[str, Any]:
    task, changes = ledger.confirm(pending_id, confirmation.task_id, actor=actor(confirmation.by, x_minutes_client))
    return {"task": task.to_dict(), "changes": [c.to_dict() for c in changes]}


@router.get("/export", response_class=Response, responses=ERROR_RESPONSES,
            summary="The ledger as an Excel tracker (with history), Word tracker, calendar or CSV")
def export(format: Literal["xlsx", "docx", "ics", "csv"] = "xlsx", owner: Optional[str] = None,
           dept: Optional[str] = None, status: Optional[str] = None, as_of: Optional[date] = None,
           ledger=Depends(get_ledger)) -> Response:
    from ...ledger.export import export as render
    data = render(ledger, f".{format}", as_of=_day(as_of), filters={"owner": owner, "department": dept, "status": status})
    name = f"{EXPORT_NAMES[format]}.{format}"
    disposition = f"attachment; filename=\"ledger.{format}\"; filename*=UTF-8''{quote(name, safe='')}"
    return Response(data, media_type=MEDIA[format], headers={"Content-Disposition": disposition})
