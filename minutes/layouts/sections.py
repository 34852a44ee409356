"""Headed sections and lists: what a section holds, from its heading and from its lines.

A known heading (待办, 会议决议, 上期回顾) is a hint; a heading nobody listed
(【后续安排】, 2. 本周安排, ### 分工) does not leave its section unread: when most of
its lines hand out work — a doer named at the start or in a field slot, an owner
field, an @mention — the section is an actions section, whatever its heading says;
when most of them state decisions, a decisions section; when most report
progress, a status section.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Optional

from ..units import Unit

MIN_SHARE = 2 / 3          # of a section's lines that must agree
MIN_LINES = 2              # one line is no evidence of what a section holds


@dataclass
class Section:
    heading: Unit
    lines: list[Unit] = field(default_factory=list)


@dataclass(frozen=True)
class LineReading:
    """What one line does, as the item builder and the decision reader see it."""

    assigns: Callable[[Unit], bool]
    decides: Callable[[Unit], bool]
    reports: Callable[[Unit], bool]


def sections(units: list[Unit]) -> list[Section]:
    """Each heading with the lines right under it (not those under a deeper heading)."""
    found: dict[int, Section] = {}
    for unit in units:
        if unit.headings and unit.kind in ("line",) and unit.text.strip():
            heading = unit.headings[-1]
            found.setdefault(id(heading), Section(heading)).lines.append(unit)
    return list(found.values())


def assign_roles(units: list[Unit], read: LineReading) -> list[tuple[Section, str, str]]:
    """Give a role to every section whose heading says none; (section, role, evidence) for each."""
    decided = []
    for section in sections(units):
        if section.heading.role is not None or section.heading.rank == 0:      # the title heads everything
            continue
        role, evidence = _role_from_lines(section, read)
        if role is None:
            continue
        section.heading.role = role
        section.heading.role_evidence = evidence
        for unit in section.lines:
            if unit.role is None:
                unit.role = role
        decided.append((section, role, evidence))
    return decided


def _role_from_lines(section: Section, read: LineReading) -> tuple[Optional[str], str]:
    lines = [u for u in section.lines if u.checked is not True]
    if len(lines) < MIN_LINES:
        return None, ""
    need = math.ceil(MIN_SHARE * len(lines))
    decisions = sum(1 for u in lines if read.decides(u))
    status = sum(1 for u in lines if read.reports(u))
    other_role, other = ("decisions", decisions) if decisions >= status else ("status", status)
    assigning = _Tally(lines, read.assigns)       # the dearest question: asked only as far as needed
    # The most lines win, actions first on a tie; tasks beside a decision are a topic's discussion.
    if not decisions and assigning.at_least(max(status, need)):
        role, count = "actions", assigning.count()
    elif other >= need and not (decisions and assigning.at_least(other)):
        role, count = other_role, other
    else:
        return None, ""
    words = {"actions": "在分派工作", "decisions": "在作决定", "status": "在报进展"}[role]
    return role, f"标题未说明；{len(lines)}行中{count}行{words}"


class _Tally:
    """How many lines a test holds for, asked line by line only until a question is settled."""

    def __init__(self, lines: list[Unit], test: Callable[[Unit], bool]):
        self._answers = (bool(test(u)) for u in lines)
        self._left = len(lines)
        self._yes = 0

    def at_least(self, wanted: int) -> bool:
        while self._yes < wanted <= self._yes + self._left:
            self._left -= 1
            self._yes += next(self._answers)
        return self._yes >= wanted

    def count(self) -> int:
        self._yes += sum(self._answers)
        self._left = 0
        return self._yes
