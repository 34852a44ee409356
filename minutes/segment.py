"""segment(document) -> Segmented: units of text with their place in the structure.

A *unit* is one line of a text file, one paragraph (or soft-broken line) of a Word
file, or one table cell. Segmentation decides, from form alone:

* numbering and nesting (一、 （一） 1. （1） ① bullets, headings, Word auto-numbers),
* labels (``负责人：``, ``结论：``, a form's label cell) and what field they name,
* the *role* of the section a unit sits in (decisions, actions, status, info...),
* table shape: records under a header row, or label/value forms.

What the words mean beyond that is extract's business.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Iterator, Optional

from .model import Cell, Document, Location, Paragraph, Table
from .labels import LabelMatch, field_of, role_of_heading
from .textnorm import fold

# Numbering styles, matched on folded text. The order of first appearance in a
# document decides nesting (see _Ranks), the way a reader infers it.
_CN = "一二三四五六七八九十百零〇两"
_MARKERS = [
    ("cn", re.compile(rf"^第?[{_CN}]+[、.](?!\d)\s*")),
    ("pcn", re.compile(rf"^\([{_CN}]+\)[、.]?\s*")),
    ("part", re.compile(rf"^第[{_CN}\d]+(?:部分|章|节|项)[、:.\s]\s*")),
    ("num", re.compile(r"^\d{1,3}(?:[、]|\.(?!\d)|\)(?!\d))\s*")),
    ("pnum", re.compile(r"^\(\d{1,3}\)[、.]?\s*")),
    ("circ", re.compile(r"^[\u2460-\u2473\u2776-\u277f]\s*")),
    ("bullet", re.compile(r"^[-*+>•▪●◦■□◆◇√✓]\s+")),
]
_PREFIX = re.compile(r"^([^:：]{2,8})[:：]")
_COMMENT = re.compile(r"<!--.*?-->|^\s*minutes-(?:disable|enable)\S*(?:[\s,]+[a-z-]+)*\s*$|(?:^|\s)(?:#|//)\s*minutes-(?:disable|enable)\S*(?:[\s,]+[a-z-]+)*\s*$|【minutes-[^】]*】")
# A timestamp that opens a transcript line: [14:02] / (00:12:31) / 14:02 周总：…
_TIMESTAMP = re.compile(r"^(?:[\[(（【]\s*\d{1,2}:\d{2}(?::\d{2})?\s*[\])）】]|\d{1,2}:\d{2}(?::\d{2})?(?=\s+[^\s:：]{1,8}[:：]))\s*")
# A chat export's message header: "张伟 2024-05-13 10:02", "10:02 张伟", "2024-05-13 10:02:33 张伟"
_CHAT_DATE = r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s+)?"
_CHAT_HEADER = re.compile(rf"^(?:(?P<name>[^\s\d:：，,。]{{1,16}}(?:\s[A-Za-z]{{1,16}})?)\s+(?P<when>{_CHAT_DATE}\d{{1,2}}:\d{{2}}(?::\d{{2}})?)"
                          rf"|(?P<when2>{_CHAT_DATE}\d{{1,2}}:\d{{2}}(?::\d{{2}})?)\s+(?P<name2>[^\s\d:：，,。]{{1,16}}))$")
_SENTENCE_END = re.compile(r"[。;；!?！？]\s*$")


# A label at the start of a line: ``负责人：``, ``【结论】``, ``[Action]``; what it names is
# decided by `labels.field_of`. An ordinal may follow the label (结论一：, 决议2：).
_LINE_LABEL = re.compile(r"^\s*(?:[\[【]\s*(?P<bracket>[^\[\]【】:：\n]{1,16}?)\s*[\]】]\s*[:：]?"
                         r"|(?P<plain>[^:：，,。；;！？!?\[\]【】()（）\n]{1,20}?)\s*[:：])\s*")
_ORDINAL = re.compile(rf"\s*(?:[{_CN}]|\d{{1,2}})$")
_LEAD_QUALIFIER = re.compile(r"^(?:本次|此次|本期|本场)")


def line_label(text: str, *groups: str) -> Optional[tuple[LabelMatch, re.Match]]:
    """The label opening a line, if it names a field of one of the groups."""
    m = _LINE_LABEL.match(text)
    if not m:
        return None
    words = m.group("bracket") if m.group("bracket") is not None else m.group("plain")
    for candidate in _label_candidates(words.strip()):
        match = field_of(candidate, *groups)
        if match and (m.group("plain") is not None or match.how != "head"):
            return match, m
    return None


def _label_candidates(words: str) -> list[str]:
    bare = _LEAD_QUALIFIER.sub("", words)
    out = [words, bare, _ORDINAL.sub("", bare)]
    return [w for i, w in enumerate(out) if w and w not in out[:i]]


def label_field(text: str, group: str) -> Optional[str]:
    """The canonical field a whole label cell or header names, e.g. '负责人' → 'owner'."""
    match = field_of(text, group)
    return match.field if match else None


def section_role(heading: str) -> Optional[str]:
    return role_of_heading(heading)


# --------------------------------------------------------------------------- #
# Units
# --------------------------------------------------------------------------- #
@dataclass(eq=False)
class Unit:
    text: str                          # the words, numbering and label removed
    origin: Paragraph | Cell
    start: int                         # offset of `text` inside origin.text
    index: int                         # order in the document
    kind: str = "line"                 # heading | line | cell
    style: Optional[str] = None        # numbering style key, e.g. "cn", "num", "bullet1", "h2"
    rank: float = 99                   # nesting: smaller is outer
    checked: Optional[bool] = None
    label: Optional[str] = None        # canonical field the unit's label names
    label_group: Optional[str] = None
    label_words: Optional[str] = None  # the label as written
    indent: int = 0
    gap_before: bool = False
    parent: Optional["Unit"] = None
    role: Optional[str] = None         # role of the section the unit is in
    headings: list["Unit"] = field(default_factory=list)
    record: Optional["Record"] = None
    column: Optional[str] = None       # for table cells: the header's field
    has_list: bool = False             # (headings) the section enumerates its entries
    labelled_decisions: bool = False   # (headings) the section writes 结论：/决议： labels
    remark: str = ""                   # an HTML comment or minutes-disable marker cut from the text
    speaker: Optional[str] = None      # who says it, in a chat export (the line under a header)
    when: Optional[str] = None         # a chat header's or transcript line's time stamp

    @cached_property
    def fold(self) -> str:
        return fold(self.text)

    def locate(self, offset: int = 0) -> Location:
        return self.origin.locate(self.start + offset)

    @property
    def line(self) -> Optional[int]:
        return self.origin.location.line

    @property
    def topic(self) -> Optional[str]:
        for heading in reversed(self.headings):
            if heading.role is None and heading.kind == "heading" and heading.rank > 0:   # not the title
                return heading.text
        return None

    def __repr__(self) -> str:
        return f"Unit({self.kind}:{self.style}:{self.label}:{self.role}:{self.text[:30]!r})"


@dataclass(eq=False)
class Record:
    """One row of a table under a header: canonical field → cell unit."""

    fields: dict[str, Unit]
    table: int
    row: int
    extra: dict[str, Unit] = field(default_factory=dict)   # cells whose header is unknown
    status_table: bool = False

    def get(self, name: str) -> Optional[str]:
        unit = self.fields.get(name)
        return unit.text.strip() if unit and unit.text.strip() else None


@dataclass
class Segmented:
    document: Document
    units: list[Unit]
    records: list[Record]
    title_unit: Optional[Unit]


def segment(document: Document) -> Segmented:
    units: list[Unit] = []
    records: list[Record] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            units.extend(_paragraph_units(block, len(units)))
        else:
            table_units, table_records = _table_units(block, len(units))
            units.extend(table_units)
            records.extend(table_records)
    for i, unit in enumerate(units):
        unit.index = i
    _chat_turns(units)
    title = _title_unit(units)
    _nest(units, title)
    return Segmented(document=document, units=units, records=records, title_unit=title)


MAX_UNIT = 600            # chars; longer lines are cut at sentence ends so every rule stays linear
_BREAK = re.compile(r"[。！？!?；;]|[，,、]")


def _lines(origin: Paragraph | Cell, index: int, kind: str) -> Iterator[tuple[Unit, bool]]:
    """One unit per non-blank line of a paragraph or cell (soft breaks, <br>), and whether it is the first."""
    offset = 0
    for part in origin.text.split("\n"):
        for piece_start, piece in _pieces(part):
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                first = offset == 0 and piece_start == 0
                yield Unit(text=stripped, origin=origin, start=offset + piece_start + lead, index=index, kind=kind,
                           indent=lead if piece_start == 0 else 0), first
                index += 1
        offset += len(part) + 1


def _pieces(line: str) -> Iterator[tuple[int, str]]:
    """A line, or for an overlong one, pieces of at most MAX_UNIT chars ending at a sentence end if any."""
    start = 0
    while len(line) - start > MAX_UNIT:
        window = line[start:start + MAX_UNIT]
        ends = [m.end() for m in _BREAK.finditer(window) if m.group(0) in "。！？!?；;"] or \
               [m.end() for m in _BREAK.finditer(window)]
        cut = ends[-1] if ends else MAX_UNIT
        yield start, line[start:start + cut]
        start += cut
    yield start, line[start:]


def _paragraph_units(p: Paragraph, index: int) -> Iterator[Unit]:
    for unit, first in _lines(p, index, "line"):
        _classify_paragraph(unit, p, first)
        yield unit


def _classify_paragraph(unit: Unit, p: Paragraph, first: bool) -> None:
    _cut_comments(unit)
    unit.checked = p.checked
    if p.heading and first:
        unit.kind, unit.style = "heading", f"h{p.heading}"
    elif p.list_kind and first:
        unit.style = f"{p.list_kind}{p.list_level}"
    elif p.list_kind:
        unit.style = "cont"
    unit.indent += p.list_level * 2 if p.list_kind else (p.location.column or 1) - 1
    unit.gap_before = p.gap_before and first
    if unit.style in (None, "cont") or unit.kind == "heading":
        _strip_marker(unit)
    if m := _TIMESTAMP.match(unit.fold):
        unit.when = m.group(0).strip(" []()（）【】")
        _advance(unit, m.end())
    _strip_label(unit, "meeting", "content", "record")


def _cut_comments(unit: Unit) -> None:
    """``<!-- … -->`` and ``# minutes-disable …`` are remarks to tools, not content."""
    comments = list(_COMMENT.finditer(unit.text))
    if not comments:
        return
    unit.remark = " ".join(m.group(0) for m in comments)
    kept = _COMMENT.sub("", unit.text)
    if not kept.strip():
        unit.kind = "comment"
        return
    lead = len(kept) - len(kept.lstrip())
    if unit.text.startswith(kept.strip()[:1]) or lead == 0:
        unit.text = kept.rstrip()
    else:
        unit.start += unit.text.index(kept.strip())
        unit.text = kept.strip()
    unit.__dict__.pop("fold", None)


def _strip_marker(unit: Unit) -> None:
    """Remove a typed numbering mark; outside headings it sets the unit's style."""
    for style, pattern in _MARKERS:
        m = pattern.match(unit.fold)
        if m and m.end() < len(unit.text):
            if unit.kind != "heading":
                unit.style = f"bullet{unit.indent // 2}" if style == "bullet" else style
            _advance(unit, m.end())
            break
    box = re.match(r"^\[([ xX✓✔])\]\s*", unit.fold)
    if box and unit.checked is None and box.end() < len(unit.text):
        unit.checked = box.group(1) != " "
        _advance(unit, box.end())


def _strip_label(unit: Unit, *groups: str) -> None:
    found = line_label(unit.fold, *groups)
    if not found:
        return
    match, m = found
    words = "bracket" if m.group("bracket") is not None else "plain"
    unit.label, unit.label_group = match.field, match.group
    unit.label_words = unit.text[m.start(words):m.end(words)].strip()
    _advance(unit, m.end())


def _advance(unit: Unit, chars: int) -> None:
    unit.start += chars
    unit.text = unit.text[chars:]
    unit.__dict__.pop("fold", None)


def _chat_turns(units: list[Unit]) -> None:
    """A chat export: each header line names who wrote the lines under it."""
    headers = [(u, _CHAT_HEADER.match(u.fold)) for u in units if u.kind == "line" and u.label is None]
    headers = [(u, m) for u, m in headers if m]
    if len(headers) < 2:
        return
    speaker = None
    for unit in units:
        m = _CHAT_HEADER.match(unit.fold) if unit.kind == "line" and unit.label is None else None
        if m:
            unit.kind = "speaker"
            speaker = unit.text[m.start("name"):m.end("name")] if m.group("name") else \
                unit.text[m.start("name2"):m.end("name2")]
            unit.speaker, unit.when = speaker, m.group("when") or m.group("when2")
        elif unit.kind == "heading":
            speaker = None
        elif speaker is not None and unit.kind == "line":
            unit.speaker = speaker


# --------------------------------------------------------------------------- #
# Tables
# --------------------------------------------------------------------------- #
def _table_units(table: Table, index: int) -> tuple[list[Unit], list[Record]]:
    rows = [[c for c in row] for row in table.rows if any(c and c.text.strip() for c in row)]
    if not rows:
        return [], []
    header = _header_fields(rows[0])
    if header and len(rows) > 1:
        header = [name if name is None or name not in header[:c] else f"{name}#{c + 1}"
                  for c, name in enumerate(header)]
        return _record_units(rows, header, index, table)
    return _form_units(rows, index), []


def _column_field(text: str) -> Optional[str]:
    """A header cell's field; a combined header (责任人及完成时限) gives "owner+deadline"."""
    parts = [p for p in re.split(r"及|和|与|、|/|＆|&|\+", text.strip()) if p.strip()]
    names = [label_field(p, "record") for p in parts] if len(parts) > 1 else []
    if names and all(names) and len(set(names)) > 1:
        return "+".join(names)
    match = field_of(text, "record", "content", "meeting")
    return match.field if match else None


def _header_fields(row: list[Optional[Cell]]) -> Optional[list[Optional[str]]]:
    """Canonical fields of a header row, or None when the row is not a header."""
    names = [_column_field(c.text) if c else None for c in row]
    known = [part for n in names if n for part in n.split("+")]
    wanted = {"task", "owner", "deadline", "decision", "topic", "result", "attendees", "owner_department"}
    if len(known) >= 2 and wanted & set(known) and len(known) >= len([c for c in row if c]) / 2:
        return names
    return None


def _record_units(rows, header, index, table: Table) -> tuple[list[Unit], list[Record]]:
    units: list[Unit] = []
    records: list[Record] = []
    status = _has_progress(rows, header)
    for r, row in enumerate(rows[1:], start=2):
        record = Record(fields={}, table=table.location.table or 0, row=r, status_table=status)
        for c, cell in enumerate(row):
            if cell is None or not cell.text.strip():
                continue
            name = header[c] if c < len(header) else None
            for unit in _cell_lines(cell, index + len(units)):
                unit.record, unit.column = record, name
                units.append(unit)
                target = record.fields if name else record.extra
                key = name or f"col{c + 1}"
                if key not in target:
                    target[key] = unit
                else:
                    target[key] = _joined(target[key], unit)
        records.append(record)
    return units, records


def _has_progress(rows, header) -> bool:
    """A tracker of existing tasks: a progress/status column that is filled in."""
    columns = [c for c, name in enumerate(header) if name and name.split("#")[0] == "status"]
    return any(len(row) > c and row[c] is not None and row[c].text.strip() for row in rows[1:] for c in columns)


def _joined(first: Unit, more: Unit) -> Unit:
    """A multi-paragraph cell read as one field value (first paragraph's location)."""
    joined = Unit(text=first.text + "\n" + more.text, origin=first.origin, start=first.start,
                  index=first.index, kind="cell", record=first.record, column=first.column)
    return joined


def _cell_lines(cell: Cell, index: int) -> Iterator[Unit]:
    for unit, _ in _lines(cell, index, "cell"):
        unit.indent = 0
        _strip_marker(unit)
        if (found := line_label(unit.fold, "content")) and found[0].field == "rationale":
            _strip_label(unit, "content")             # a 依据： paragraph inside a 结论 cell
        yield unit


def _form_units(rows, index: int) -> list[Unit]:
    """A form: label cells followed by value cells (2- or 4-column), or a plain grid."""
    units: list[Unit] = []
    for row in rows:
        cells = [c for c in row if c is not None]
        c = 0
        while c < len(cells):
            name, group = _cell_label(cells[c])
            if name and c + 1 < len(cells) and _cell_label(cells[c + 1])[0] is None:
                for unit in _cell_lines(cells[c + 1], index + len(units)):
                    unit.kind, unit.label, unit.label_group = "line", name, group
                    unit.label_words = cells[c].text.strip()
                    _strip_label(unit, "meeting", "content", "record")
                    if unit.label != name and unit.label_group == "record":
                        unit.label, unit.label_group = name, group
                    units.append(unit)
                c += 2
                continue
            for unit in _cell_lines(cells[c], index + len(units)):
                unit.kind = "line"
                _strip_label(unit, "meeting", "content", "record")
                if unit.label is None:
                    unit.kind = "form"      # a grid cell with no label: a caption or a blank to fill
                units.append(unit)
            c += 1
    return units


def _cell_label(cell: Cell) -> tuple[Optional[str], Optional[str]]:
    match = field_of(cell.text.strip(), "meeting", "content", "record")
    return (match.field, match.group) if match else (None, None)


# --------------------------------------------------------------------------- #
# Title, nesting and section roles
# --------------------------------------------------------------------------- #
def _title_unit(units: list[Unit]) -> Optional[Unit]:
    """The first heading, or a first plain line that reads like a name, not a sentence."""
    for unit in units[:3]:
        if unit.kind == "heading":
            return unit
        if unit.label is None and unit.style is None and unit.kind == "line":
            text = unit.text.strip()
            return unit if len(text) <= 50 and not re.search(r"[，,。；;]", text) else None
    return None


class _Ranks:
    """Numbering styles ranked by first appearance: the first style seen is outermost."""

    def __init__(self) -> None:
        self.order: dict[str, int] = {}

    def of(self, unit: Unit) -> float:
        if unit.style and unit.style[0] == "h" and unit.style[1:].isdigit():
            return int(unit.style[1:])
        if unit.style is None or unit.style == "cont":
            return 99
        if unit.style not in self.order:
            self.order[unit.style] = 10 + len(self.order)
        return self.order[unit.style]


def _nest(units: list[Unit], title: Optional[Unit]) -> None:
    """Set rank, parent, enclosing headings, section role and inherited urgency, in one pass."""
    ranks = _Ranks()
    stack: list[Unit] = []
    for unit in units:
        _rank(unit, title, ranks, stack)
        _close_scopes(unit, stack)
        unit.parent = stack[-1] if stack else None
        unit.headings = [u for u in stack if u.kind == "heading" or _is_label_heading(u)]
        unit.role = _role_from(unit.headings)
        if unit is not title and (unit.kind == "heading" or _is_label_heading(unit)):
            unit.role = _role_of_heading(unit) or unit.role
        elif unit.kind != "cell" and (m := _PREFIX.match(unit.fold)) and unit.label is None:
            unit.role = section_role(m.group(1)) or unit.role
        if unit.kind != "cell" and (unit.kind == "heading" or unit.rank < 99 or _is_label_heading(unit)):
            stack.append(unit)


def _rank(unit: Unit, title: Optional[Unit], ranks: _Ranks, stack: list[Unit]) -> None:
    if unit.kind in ("cell", "form", "speaker", "comment"):
        unit.rank = 99
    elif unit is title:
        unit.rank = 0
    elif _is_label_heading(unit):
        while stack and stack[-1].kind != "heading":
            stack.pop()
        unit.rank = (stack[-1].rank if stack else 0) + 0.5
    elif _is_text_heading(unit):
        unit.kind = "heading"
        unit.rank = ranks.of(unit) if unit.style else 9
    else:
        unit.rank = ranks.of(unit)
        if unit.rank == 99 and unit.indent and stack and stack[-1].kind != "heading":
            unit.rank = stack[-1].rank + 0.25


def _close_scopes(unit: Unit, stack: list[Unit]) -> None:
    """Pop what the unit is not inside of; a blank line before plain text ends a label's scope."""
    if unit.kind in ("cell", "form", "speaker", "comment"):
        return
    while stack and stack[-1].rank >= unit.rank:
        stack.pop()
    if unit.gap_before and unit.rank == 99 and not unit.indent:
        while stack and _is_label_heading(stack[-1]):
            stack.pop()


_APPENDIX = re.compile(r"^(?:附[:：件录]|附\s|备注[:：]|说明[:：])")
_INTRO = re.compile(r"^(?:补充[:：]?|其他[:：]?|[^,，。;；:：]{1,10}[:：])$")


def _is_text_heading(unit: Unit) -> bool:
    """A numbered or labelled line that names a section rather than says something;
    also ``附：…`` / ``补充：`` lines that open a new part."""
    if unit.kind == "heading" or unit.label == "topic":
        return True
    if unit.kind == "line" and unit.label is None and unit.style is None and _APPENDIX.match(unit.text.strip()):
        return True
    if unit.label is not None or unit.style not in ("cn", "pcn", "part"):
        return False
    text = unit.text.strip()
    return len(text) <= 40 and not _SENTENCE_END.search(text) and "，" not in text[:-1] and "," not in text


def heads_section(unit: Unit) -> bool:
    """A heading, a label with nothing after it, or a short ``罗琳：`` line: it heads what follows."""
    return unit.kind == "heading" or _is_label_heading(unit)


def _is_label_heading(unit: Unit) -> bool:
    """A label with nothing after it ("待办：", "会议决议：") or a short ``罗琳：`` / ``补充：`` line heads what follows."""
    if unit.label_group == "content" and not unit.text.strip():
        return True
    return unit.kind == "line" and unit.label is None and unit.style is None and bool(_INTRO.match(unit.text.strip()))


def _role_of_heading(unit: Unit) -> Optional[str]:
    if unit.label_group == "content" and unit.label in ("decision", "rationale", "action", "risk", "question"):
        return {"decision": "decisions", "rationale": "rationale", "action": "actions",
                "risk": "risks", "question": "questions"}[unit.label]
    if unit.label == "topic":
        return None
    return section_role(unit.text)


def _role_from(headings: list[Unit]) -> Optional[str]:
    for heading in reversed(headings):
        role = heading.role if heading.kind == "heading" or _is_label_heading(heading) else None
        if role:
            return role
    return None
