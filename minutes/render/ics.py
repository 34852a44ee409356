"""The action items as iCalendar to-dos (RFC 5545), written by hand.

One VTODO per action item, none dropped: an item whose deadline fixes no day is
exported without DUE (a to-do with no due date) and its DESCRIPTION says so.
A deadline with a time of day is ``DUE;TZID=Asia/Shanghai:…T…`` with the zone's
VTIMEZONE (UTC+8 all year); a day alone is ``DUE;VALUE=DATE:…``. UIDs hash the
meeting, its date and the task words, so re-exporting updates rather than
duplicates a to-do. Lines end in CRLF and are folded at 75 octets without
splitting a UTF-8 character.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timezone
from typing import Any, Optional

from ..model import ActionItem, Minutes
from .context import build_context, parse_deadline, task_uid

PRODID = "-//minutes//会议纪要待办//ZH"
TZID = "Asia/Shanghai"
VTIMEZONE = ("BEGIN:VTIMEZONE", f"TZID:{TZID}", "BEGIN:STANDARD", "DTSTART:19700101T000000",
             "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:CST", "END:STANDARD", "END:VTIMEZONE")
PRIORITY = {"high": 1, "medium": 5, "low": 9}
STATUS = {"未开始": "NEEDS-ACTION", "延期": "NEEDS-ACTION", "进行中": "IN-PROCESS", "待验收": "IN-PROCESS",
          "已完成": "COMPLETED"}
FOLD_AT = 75             # octets per line, CRLF excluded
_UNITS = re.compile(r"\\.|.", re.DOTALL)   # an escape pair is never split across lines
_ESCAPES = (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\r\n", "\\n"), ("\n", "\\n"), ("\r", "\\n"))


def render_ics(minutes: Minutes, *, stamp: Optional[datetime] = None) -> str:
    """The calendar as text with CRLF line ends; ``stamp`` (UTC) defaults to now."""
    context = build_context(minutes)
    dtstamp = (stamp or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape(context['meeting']['title'] or '会议')}待办"]
    if any(isinstance(parse_deadline(a.deadline), datetime) for a in minutes.action_items):
        lines += VTIMEZONE
    for item, action, uid in zip(minutes.action_items, context["actions"], _uids(minutes)):
        lines += vtodo(item, action, uid, dtstamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def vtodo(item: ActionItem, action: dict[str, Any], uid: str, dtstamp: str) -> list[str]:
    lines = ["BEGIN:VTODO", f"UID:{uid}", f"DTSTAMP:{dtstamp}", f"SUMMARY:{escape(action['task'])}",
             f"DESCRIPTION:{escape(description(action))}", f"PRIORITY:{PRIORITY.get(item.priority, 5)}",
             f"STATUS:{STATUS[action['status']]}"]
    if action["topic"]:
        lines.append(f"CATEGORIES:{escape(action['topic'])}")
    due = due_line(item.deadline)
    return lines + ([due] if due else []) + ["END:VTODO"]


def description(action: dict[str, Any]) -> str:
    fields = (("任务ID", action["id"]), ("负责人", action["owner"]), ("部门", action["department"]),
              ("协作", action["collaborators"]), ("优先级", action["priority"]), ("截止", action["deadline"]),
              ("备注", action["remarks"]), ("来源会议", action["source_meeting"]))
    return "\n".join(f"{label}：{value}" for label, value in fields if value)


def due_line(deadline: Optional[str]) -> Optional[str]:
    due = parse_deadline(deadline)
    if due is None:
        return None
    if isinstance(due, datetime):
        return f"DUE;TZID={TZID}:{_basic(due.isoformat(timespec='seconds'))}"
    return f"DUE;VALUE=DATE:{_basic(due.isoformat())}"


def _basic(iso: str) -> str:
    """RFC 5545's basic form of an ISO value (four-digit years included, unlike strftime's %Y)."""
    return iso.replace("-", "").replace(":", "")


def _uids(minutes: Minutes) -> list[str]:
    """Stable UIDs; the same task twice in one meeting gets its occurrence number."""
    seen: Counter[str] = Counter()
    uids = []
    for item in minutes.action_items:
        uids.append(task_uid(minutes, item, seen[item.task]))
        seen[item.task] += 1
    return uids


def escape(text: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma, and line breaks as \\n."""
    for raw, escaped in _ESCAPES:
        text = text.replace(raw, escaped)
    return text


def fold(line: str) -> str:
    """Split into lines of at most 75 octets; continuation lines start with one space.

    Splits fall between characters (never inside a UTF-8 sequence) and never inside
    an escape like ``\\n``, which some clients unfold badly.
    """
    parts, current, size = [], [], 0
    for ch in _UNITS.findall(line):
        width = len(ch.encode("utf-8"))
        limit = FOLD_AT if not parts else FOLD_AT - 1
        if size + width > limit:
            parts.append("".join(current))
            current, size = [], 0
        current.append(ch)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)
