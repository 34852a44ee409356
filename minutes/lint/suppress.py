"""Inline suppression, written in the notes like a linter's comments.

    <!-- minutes-disable vague-time -->        … until minutes-enable (all rules if none named)
    <!-- minutes-enable -->
    <!-- minutes-disable-next-line subjective -->
    本段内容 <!-- minutes-disable-line vague-action -->
    <!-- minutes-disable-file missing-deadline -->

The markers work in any text: an HTML comment in Markdown, a line of a .txt file
(``# minutes-disable …`` or ``【minutes-disable …】``), or a paragraph in Word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..model import Finding, Location
from ..units import Segmented

DIRECTIVE = re.compile(r"minutes-(disable|enable)(-line|-next-line|-file)?((?:[\s,]+[a-z][a-z-]*[a-z])*)")


@dataclass(frozen=True)
class Directive:
    action: str              # disable | enable
    scope: str               # range | line | next-line | file
    rules: frozenset[str]    # empty = every rule
    unit: int                # index of the unit that holds it


def directives(seg: Segmented) -> list[Directive]:
    found = []
    for unit in seg.units:
        said = unit.remark or (unit.text if unit.kind == "comment" else "")
        if not said:
            continue                  # most units carry no remark to a tool
        for m in DIRECTIVE.finditer(said):
            scope = (m.group(2) or "-range")[1:]
            rules = frozenset(r for r in re.split(r"[\s,]+", m.group(3)) if r)
            found.append(Directive(m.group(1), scope, rules, unit.index))
    return found


def suppressed(findings: list[Finding], seg: Segmented) -> list[Finding]:
    """Findings that no directive silences."""
    marks = directives(seg)
    if not marks:
        return findings
    keys = [_key(u.locate(0)) for u in seg.units]
    return [f for f in findings if not _silenced(f, _unit_of(f.location, keys, seg), marks)]


def _silenced(finding: Finding, unit: Optional[int], marks: list[Directive]) -> bool:
    def covers(d: Directive) -> bool:
        return not d.rules or finding.rule in d.rules
    if any(d.scope == "file" and covers(d) for d in marks):
        return True
    if unit is None:
        return False
    if any(d.scope == "line" and d.unit == unit and covers(d) for d in marks):
        return True
    if any(d.scope == "next-line" and d.unit == unit - 1 and covers(d) for d in marks):
        return True
    state = False
    for d in sorted((d for d in marks if d.scope == "range" and d.unit <= unit), key=lambda d: d.unit):
        if covers(d):
            state = d.action == "disable"
    return state


def _key(location: Location) -> tuple:
    return (location.line, location.paragraph, location.table, location.row, location.cell)


def _unit_of(location: Location, keys: list[tuple], seg: Segmented) -> Optional[int]:
    key = _key(location)
    matches = [i for i, k in enumerate(keys) if k == key]
    if not matches:
        return None
    column = location.column or 1
    best = matches[0]
    for i in matches:       # several units share a Word paragraph (soft breaks): pick the one the column is in
        if (seg.units[i].locate(0).column or 1) <= column:
            best = i
    return best
