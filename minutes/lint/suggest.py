"""Suggestions in the meeting's own terms: an example day counted from its date, an example owner from its people.

lint.yaml's suggestions may end in ``{date_example}`` or ``{owner_example}``; they become
"，如“3月19日（周二）17:00前”" and "，如“由区住建局王立新负责”" for a meeting of 2024-03-12
with 王立新 of 区住建局 present, or nothing when the notes give no date or no people — a
March meeting never gets a June example, nor a name that is not in its notes.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable, Optional

from ..holidays import default_calendar
from ..model import Finding, Meeting, Minutes
from .config import rule_table

NO_EXAMPLES = {"date_example": "", "owner_example": ""}
EXAMPLE_WEEK = 7            # days after the meeting: a deadline a person could plausibly set
EXAMPLE_CLOCK = "17:00"
WEEKDAYS = "一二三四五六日"


def examples(minutes: Minutes) -> dict[str, str]:
    return {"date_example": date_example(minutes.meeting.date), "owner_example": owner_example(minutes.meeting)}


def date_example(meeting_date: Optional[str]) -> str:
    """A working day a week after the meeting, or back to the working day before it."""
    if not meeting_date:
        return ""
    day = date.fromisoformat(meeting_date[:10]) + timedelta(days=EXAMPLE_WEEK)
    calendar = default_calendar()
    for _ in range(EXAMPLE_WEEK):
        if calendar.is_workday(day):
            break
        day -= timedelta(days=1)
    return f"，如“{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）{EXAMPLE_CLOCK}前”"


def owner_example(meeting: Meeting) -> str:
    """One of the people present (not the chair or the recorder when others are there), with their unit."""
    people = [p for p in meeting.attendees if p not in (meeting.host, meeting.recorder, *meeting.observers)]
    people = people or list(meeting.attendees)
    if not people:
        return ""
    person = next((p for p in people if meeting.affiliations.get(p)), people[0])
    return f"，如“由{meeting.affiliations.get(person, '')}{person}负责”"


def personalise(findings: Iterable[Finding], minutes: Minutes) -> list[Finding]:
    """Each finding's suggestion filled with this meeting's examples (findings are changed in place)."""
    fill = examples(minutes)
    findings = list(findings)
    for f in findings:
        spec = rule_table().get(f.rule)
        if spec and "_example}" in spec.suggestion:
            f.suggestion = spec.suggestion.format(text=f.text, task=f.text, **fill)
    return findings


def plain(suggestion: str) -> str:
    """A rule's suggestion with no meeting to take examples from (SARIF's rule help)."""
    return suggestion.format_map({"text": "…", "task": "…", **NO_EXAMPLES})
