"""Layouts: one module per document shape, each reading its part of the notes into blocks
with a role (actions, decisions, status, info, attendees, …) and the evidence for it.

    noise      page furniture, mail and chat machinery, template guidance     noise.py
    table      column tables, typed by their cells; header words confirm      table.py
    form       label/value forms: label cells beside or above their values    form.py
    sections   headed sections and lists: a heading hints, the lines decide   sections.py
    chat       a chat export: message headers and the lines under them        (segment.py, units marked "speaker")
    transcript 某某：… turns, numbered speakers, speech without punctuation   (extract/actions.py, ActionReader._turn)
    prose      running text: a sentence that names its doer                  (extract/actions.py, ActionReader._free)

The first three run while the notes are segmented (they need only the words); sections
run once the document is analysed (they ask the item builder what each line does).
Every layout hands its candidate lines to the one item builder (extract/items.py).

`explain(seg, minutes)` lists the blocks as read, for ``minutes extract --explain``.
See README.md in this folder for how to add a layout.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..model import LayoutBlock, Minutes
from ..units import Segmented, Unit

LAYOUTS: dict[str, str] = {
    "noise": "page furniture, mail and chat machinery, template guidance",
    "table": "column tables typed by their cells",
    "form": "label/value forms",
    "sections": "headed sections and lists",
    "chat": "chat exports",
    "transcript": "逐条发言：说话人的承诺和指派",
    "prose": "running text",
}


@dataclass(frozen=True)
class _Reading:
    layout: str
    role: Optional[str]
    evidence: str
    key: object                     # units with the same key belong to one block


def explain(seg: Segmented, minutes: Minutes, transcript: bool) -> list[LayoutBlock]:
    """The notes as blocks: consecutive units read by one layout with one role and one reason."""
    blocks: list[LayoutBlock] = []
    block_at: dict[tuple, LayoutBlock] = {}
    last_key = None
    for unit in seg.units:
        if not unit.text.strip() and unit.kind != "heading":
            continue
        reading = _read(unit, transcript)
        if blocks and reading.key == last_key:
            blocks[-1].end = unit.locate()
        else:
            blocks.append(LayoutBlock(reading.layout, reading.role, reading.evidence, unit.locate(), unit.locate(),
                                unit.text.strip()[:30]))
        block_at.setdefault(_place(unit.origin.location), blocks[-1])
        last_key = reading.key
    for item in minutes.action_items:
        if (task := item.evidence.get("task")) and (block := block_at.get(_place(task.location))):
            block.items += 1
    for decision in minutes.decisions:
        if decision.evidence and (block := block_at.get(_place(decision.evidence.location))):
            block.decisions += 1
    return blocks


def _place(location) -> tuple:
    """Where a unit's words sit, without the column: a line, a paragraph or a table cell."""
    return (location.line, location.paragraph, location.table, location.row, location.cell)


def _read(unit: Unit, transcript: bool) -> _Reading:
    if unit.kind == "noise":
        return _Reading("noise", None, unit.noise, ("noise", unit.noise))
    if unit.record is not None:
        record = unit.record
        columns = "；".join(f"{c.header or '（无表头）'} → {c.field or '—'}（{c.evidence}）" for c in record.columns)
        role = "status" if record.status_table else None
        return _Reading("table", role, ("跟踪以往任务；" if role else "") + columns, ("table", record.table))
    if unit.kind in ("form", "cell") or unit.kind == "line" and unit.label_group == "meeting":
        return _Reading("form", "meta", f"标签“{unit.label_words}”" if unit.label_words else "表单格",
                        ("form", unit.label_group))
    if unit.kind == "speaker" or unit.speaker:
        return _Reading("chat", unit.role, f"{unit.speaker} 的消息", ("chat", unit.speaker))
    heading = unit if unit.kind == "heading" else (unit.headings[-1] if unit.headings else None)
    if transcript and unit.kind == "line":
        return _Reading("transcript", unit.role, "逐条发言：说话人的承诺和指派", ("transcript", id(heading)))
    if heading is not None:
        owner = next((h for h in reversed([heading, *heading.headings]) if h.role_evidence), heading)
        evidence = owner.role_evidence or "标题未说明；逐行判断"
        return _Reading("sections", unit.role, evidence, ("sections", id(heading)))
    return _Reading("prose", unit.role, "无标题；逐句找执行人", ("prose",))
