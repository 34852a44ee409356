"""Every data class of minutes, in one place.

Two families live here:

* the *document model* that readers produce and every later stage reads
  (`Document` of `Paragraph` and `Table` blocks, each carrying a `Location`);
* the *minutes model* that extraction produces and renderers, the lint, the CLI
  and the service consume (`Minutes` with `Meeting`, `Decision`, `ActionItem`,
  `Finding`), serialised by `Minutes.to_dict()` exactly as ../CONTRACT.md states.
"""
from __future__ import annotations

import json
from pathlib import Path
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, Optional

Priority = Literal["high", "medium", "low"]
Severity = Literal["error", "warning", "info"]
PRIORITIES: tuple[str, ...] = ("high", "medium", "low")
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


# --------------------------------------------------------------------------- #
# Where words came from
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Location:
    """A position in the source: line/column for text, paragraph or table cell for Word.

    All numbers are 1-based. ``column`` is the column of the first character the
    location points at (for .docx it counts characters inside the paragraph/cell).
    """

    line: Optional[int] = None
    column: Optional[int] = None
    paragraph: Optional[int] = None
    table: Optional[int] = None
    row: Optional[int] = None
    cell: Optional[int] = None

    def __init__(self, line: Optional[int] = None, column: Optional[int] = None, paragraph: Optional[int] = None,
                 table: Optional[int] = None, row: Optional[int] = None, cell: Optional[int] = None):
        # Written straight into the instance's fields: the frozen dataclass's own __init__ sets each
        # through object.__setattr__, at twice the cost, and a document makes thousands of locations.
        fields = self.__dict__
        fields["line"], fields["column"], fields["paragraph"] = line, column, paragraph
        fields["table"], fields["row"], fields["cell"] = table, row, cell

    def shifted(self, chars: int) -> "Location":
        """The location ``chars`` characters further along the same line."""
        if chars == 0:
            return self
        return self.at_column((self.column or 1) + chars)

    def at_column(self, column: int) -> "Location":
        """The same place in another column (a hot path: `replace` looks up the fields each call)."""
        return Location(self.line, column, self.paragraph, self.table, self.row, self.cell)

    def describe(self) -> str:
        """Human form used in messages: ``12:8``, ``¶5:3`` or ``table 2 row 3 col 1``."""
        if self.line is not None:
            return f"{self.line}:{self.column or 1}"
        if self.table is not None:
            return f"table {self.table} row {self.row} col {self.cell}:{self.column or 1}"
        if self.paragraph is not None:
            return f"¶{self.paragraph}:{self.column or 1}"
        return "?"

    def to_dict(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class Evidence:
    """The exact source words a field was taken from, and where they are."""

    text: str
    location: Location

    def __init__(self, text: str, location: Location):
        fields = self.__dict__          # as Location's: thousands per document, each field set once
        fields["text"], fields["location"] = text, location

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, **self.location.to_dict()}


# --------------------------------------------------------------------------- #
# Document model (readers → segment)
# --------------------------------------------------------------------------- #
Region = Literal["body", "textbox", "header", "footer", "footnote", "endnote", "contents"]
# Where a block sits in a Word file. "body" and "textbox" are what the writer wrote as
# content (WPS forms live in a text box): Document.blocks. Page headers and footers, the
# notes and a generated table of contents (its lines repeat the headings) are furniture
# and asides: Document.furniture.
CONTENT_REGIONS: tuple[str, ...] = ("body", "textbox")


@dataclass
class Paragraph:
    """One paragraph of a Word file, or one line of a text/markdown file.

    ``text`` has structural markers removed (markdown ``#``/``-``/``1.``/``>``,
    checkboxes); ``location`` points at its first character. Word soft line breaks
    stay in ``text`` as ``\\n``.
    """

    text: str
    location: Location
    heading: Optional[int] = None       # 1 = top-level heading (Title / '#')
    list_kind: Optional[str] = None     # "bullet" | "number" | None
    list_level: int = 0                 # nesting depth of a list item, 0 = top
    checked: Optional[bool] = None      # markdown checkbox: True [x], False [ ], None no box
    quote: bool = False                 # markdown blockquote
    gap_before: bool = False            # a blank line precedes it (text files)
    columns: tuple[int, ...] = ()       # source column of each char of text, when marks were removed
    region: Region = "body"             # Word: where in the file it sits (see CONTENT_REGIONS)

    def locate(self, index: int) -> Location:
        return _locate(self.location, self.columns, index)


@dataclass
class Cell:
    text: str
    location: Location
    columns: tuple[int, ...] = ()

    def locate(self, index: int) -> Location:
        return _locate(self.location, self.columns, index)


def _locate(base: Location, columns: tuple[int, ...], index: int) -> Location:
    """Location of the char at ``index`` of a text whose first char is at ``base``."""
    if columns and base.line is not None:
        column = columns[index] if index < len(columns) else columns[-1] + 1 + index - len(columns)
        return base.at_column(column)
    return base.shifted(index)


@dataclass
class Table:
    """A table with merged cells read once: ``rows[r][c]`` is None where a merge repeats.

    ``covers`` maps each such position to the (row, column) of the cell whose merge covers
    it: to its left for a cell spanning columns, above for one spanning rows (a 负责人 cell
    merged down over three tasks names the owner of all three). Positions no cell covers
    (Word's gridBefore/gridAfter gaps) are not in it.
    """

    rows: list[list[Optional[Cell]]]
    location: Location
    region: Region = "body"
    covers: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def shown_at(self, r: int, c: int) -> Optional[Cell]:
        """The cell a reader sees at grid position (r, c): the one there, or the merged one over it."""
        cell = self.rows[r][c] if c < len(self.rows[r]) else None
        if cell is None and (r, c) in self.covers:
            at_r, at_c = self.covers[(r, c)]
            cell = self.rows[at_r][at_c]
        return cell


Block = Paragraph | Table


@dataclass
class Document:
    """What a reader made of one file.

    ``blocks`` is the writer's own text in reading order (for Word: the body and its text
    boxes). ``furniture`` holds what Word keeps beside it — page headers and footers
    (where the document number 〔2024〕第17期 often is), footnotes, endnotes, a table of
    contents — read
    and marked by ``region``, apart so that no later stage takes a page number for a task.
    """

    source: str
    kind: Literal["txt", "md", "docx"]
    blocks: list[Block]
    encoding: Optional[str] = None
    furniture: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)    # what the reader saw but could not read


# --------------------------------------------------------------------------- #
# Minutes model (extract → resolve → lint → render)
# --------------------------------------------------------------------------- #
@dataclass
class Meeting:
    title: Optional[str] = None
    date: Optional[str] = None          # ISO date
    start_time: Optional[str] = None    # HH:MM
    end_time: Optional[str] = None      # HH:MM
    location: Optional[str] = None
    host: Optional[str] = None
    recorder: Optional[str] = None
    attendees: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    # What a 纪要 carries around its content, as the notes give it (None / empty when they do not):
    observers: list[str] = field(default_factory=list)       # 列席
    affiliations: dict[str, str] = field(default_factory=dict)   # person → unit, as written (区住建局)
    person_notes: dict[str, str] = field(default_factory=dict)   # person → remark (副区长, 出差)
    doc_number: Optional[str] = None    # 文号 / 期号: 〔2024〕第17期
    issuer: Optional[str] = None        # 发文机关 / 印发机关
    issue_date: Optional[str] = None    # 印发日期 (ISO) stated in the notes
    signer: Optional[str] = None        # 签发人
    distribution: Optional[str] = None  # 分送 / 主送 / 分发范围, as written
    cc: Optional[str] = None            # 抄送, as written
    next_meeting: Optional[str] = None  # 下次会议, as written
    opening: Optional[str] = None       # the notes' own lead paragraph (听取了…汇报，研究了…)
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return _with_evidence(self)


def _with_evidence(obj) -> dict[str, Any]:
    """Every field as is, and the evidence map as plain dicts."""
    out = {f.name: getattr(obj, f.name) for f in fields(obj) if f.name != "evidence"}
    out["evidence"] = {k: e.to_dict() for k, e in obj.evidence.items()}
    return out


@dataclass
class Decision:
    text: str
    topic: Optional[str] = None
    rationale: list[str] = field(default_factory=list)
    evidence: Optional[Evidence] = None
    rationale_evidence: list[Evidence] = field(default_factory=list)
    from_turn: bool = field(default=False, repr=False)   # said in a transcript turn that may also hold tasks
    section: Optional[int] = None        # index into Minutes.sections: the part of the notes it sits in

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "topic": self.topic,
            "rationale": list(self.rationale),
            "evidence": self.evidence.to_dict() if self.evidence else None,
            "rationale_evidence": [e.to_dict() for e in self.rationale_evidence],
            "section": self.section,
        }


@dataclass
class ActionItem:
    task: str
    owner: Optional[str] = None
    owner_department: Optional[str] = None
    collaborators: list[str] = field(default_factory=list)
    deadline: Optional[str] = None       # YYYY-MM-DD or YYYY-MM-DDTHH:MM
    deadline_text: Optional[str] = None
    deadline_vague: bool = False         # a time was given but fixes no day (尽快, 近期)
    priority: str = "medium"
    line: Optional[int] = None
    topic: Optional[str] = None
    status: Optional[str] = None
    owners: list[str] = field(default_factory=list)   # every party named responsible
    vague_owner: Optional[str] = None    # 大家 / 各部门 as the doer
    section: Optional[int] = None        # index into Minutes.sections
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return _with_evidence(self)


@dataclass
class Finding:
    rule: str
    text: str
    location: Location
    severity: str = "warning"
    message: str = ""
    suggestion: str = ""
    label: str = ""            # the rule's name for people (nlp_models/lint.yaml)

    @property
    def line(self) -> Optional[int]:
        return self.location.line

    @property
    def column(self) -> Optional[int]:
        return self.location.column

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "text": self.text,
            "line": self.location.line,
            "column": self.location.column,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
            "label": self.label,
            "location": self.location.to_dict(),
        }


@dataclass
class Section:
    """A part of the notes as they lay it out, in source order.

    ``heading`` is the heading as written, numbering removed ("" for text before any
    heading); ``role`` is what segmentation says the heading announces (decisions,
    actions, info, status, questions…, or None for a topic); ``paragraphs`` are the
    lines under it that no decision or action item carries (background figures,
    progress reports, discussion), as written, split into those before the section's
    first decision or item (``paragraphs``) and those after it (``closing``);
    ``tables`` likewise its tables (a figures table, a progress tracker), one list of
    cell texts per row.
    """

    heading: str = ""
    role: Optional[str] = None
    paragraphs: list[str] = field(default_factory=list)           # before the section's first decision or item
    closing: list[str] = field(default_factory=list)              # after it
    tables: list[list[list[str]]] = field(default_factory=list)    # tables no item was read from: rows of cells
    evidence: Optional[Evidence] = None

    def to_dict(self) -> dict[str, Any]:
        return {"heading": self.heading, "role": self.role, "paragraphs": list(self.paragraphs),
                "closing": list(self.closing), "tables": [[list(row) for row in table] for table in self.tables],
                "evidence": self.evidence.to_dict() if self.evidence else None}


@dataclass
class ProgressReport:
    """How an earlier task stands, as a status line or tracking-table row reports it.

    Read by minutes/ledger/progress.py; the ledger applies it to the task it refers to.
    Only what the notes say is set: None means "not reported".
    """

    task: str                          # the task as the report names it
    task_id: Optional[str] = None      # 项目简称-年份-序号, when the report gives it
    owner: Optional[str] = None
    status: Optional[str] = None       # 未开始 / 进行中 / 已完成 / 延期 / 待验收
    progress: Optional[int] = None     # percent, 0-100
    deadline: Optional[str] = None     # a new plan date (延期至10月25日), ISO
    behind: Optional[bool] = None      # 是否滞后 as reported
    risk: Optional[str] = None
    text: str = ""                     # the report's own words
    evidence: Optional[Evidence] = None

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "evidence"}
        out["evidence"] = self.evidence.to_dict() if self.evidence else None
        return out


@dataclass
class LayoutBlock:
    """A stretch of the notes as a layout read it: what role it was given and why (``--explain``)."""

    layout: str                        # the layout module that read it: table, form, sections, noise, ...
    role: Optional[str]                # actions, decisions, status, info, attendees, ... or None
    evidence: str                      # what decided it: a heading, a column's cells, what the lines do
    start: Location
    end: Location
    text: str                          # its first words
    items: int = 0                     # action items read from it
    decisions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"layout": self.layout, "role": self.role, "evidence": self.evidence,
                "start": self.start.to_dict(), "end": self.end.to_dict(), "text": self.text,
                "items": self.items, "decisions": self.decisions}


@dataclass
class Minutes:
    source: str
    meeting: Meeting = field(default_factory=Meeting)
    decisions: list[Decision] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    open_questions: list[str] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)
    lint: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    progress: list[ProgressReport] = field(default_factory=list)   # reports on earlier tasks
    explain: list[LayoutBlock] = field(default_factory=list)             # filled when asked (--explain)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "source": self.source,
            "meeting": self.meeting.to_dict(),
            "decisions": [d.to_dict() for d in self.decisions],
            "action_items": [a.to_dict() for a in self.action_items],
            "open_questions": list(self.open_questions),
            "risks": list(self.risks),
            "lint": [f.to_dict() for f in self.lint],
            "warnings": list(self.warnings),
            "sections": [s.to_dict() for s in self.sections],
            "progress": [p.to_dict() for p in self.progress],
        }
        if self.explain:
            out["explain"] = [b.to_dict() for b in self.explain]
        return out


# --------------------------------------------------------------------------- #
# Reading an extraction back (a person corrected the JSON and re-renders it)
# --------------------------------------------------------------------------- #
def minutes_from_dict(data: Any, source: str = "<json>") -> Minutes:
    """Rebuild Minutes from `Minutes.to_dict()` output, checked against ../CONTRACT.md.

    Unknown keys are ignored (a later version may add some); a known key with the
    wrong shape raises BadExtraction naming the field (``action_items[2].line``),
    what it holds and what it should hold.
    """
    from .errors import BadExtraction
    if isinstance(data, dict) and "error" in data and "meeting" not in data:
        raise BadExtraction(f"“{Path(source).name}”是一条出错记录，不是提取结果：{str(data['error'])[:200]}",
                            source=source)
    read = _Reader(source)
    root = read.obj(data, "整个文件")
    sections = [_section_from(read, s, f"sections[{i}]") for i, s in read.items(root, "sections")]
    return Minutes(
        source=read.text(root.get("source"), "source") or source,
        meeting=_meeting_from(read, read.obj(root.get("meeting"), "meeting", optional=True)),
        decisions=[_decision_from(read, d, f"decisions[{i}]", len(sections)) for i, d in read.items(root, "decisions")],
        action_items=[_action_from(read, a, f"action_items[{i}]", len(sections))
                      for i, a in read.items(root, "action_items")],
        lint=[_finding_from(read, f, f"lint[{i}]") for i, f in read.items(root, "lint")],
        open_questions=read.texts(root.get("open_questions"), "open_questions"),
        risks=read.texts(root.get("risks"), "risks"), sections=sections,
        progress=[_progress_from(read, p, f"progress[{i}]") for i, p in read.items(root, "progress")])


_MEETING_TEXT = ("title", "start_time", "end_time", "location", "host", "recorder", "doc_number", "issuer",
                 "signer", "distribution", "cc", "next_meeting", "opening")
_MEETING_DATES = ("date", "issue_date")
_MEETING_LISTS = ("attendees", "departments", "absent", "observers")
_MEETING_MAPS = ("affiliations", "person_notes")


def _meeting_from(read: "_Reader", data: dict) -> Meeting:
    meeting = Meeting(**{k: read.text(data.get(k), f"meeting.{k}") for k in _MEETING_TEXT})
    for key in _MEETING_DATES:
        setattr(meeting, key, read.iso(data.get(key), f"meeting.{key}", with_time=False))
    for key in _MEETING_LISTS:
        setattr(meeting, key, read.texts(data.get(key), f"meeting.{key}"))
    for key in _MEETING_MAPS:
        setattr(meeting, key, read.text_map(data.get(key), f"meeting.{key}"))
    return meeting


def _section_from(read: "_Reader", data: Any, where: str) -> Section:
    s = read.obj(data, where)
    tables = [[read.texts(row, f"{where}.tables[{t}][{r}]") for r, row in read.items(table, None, f"{where}.tables[{t}]")]
              for t, table in read.items(s, "tables", f"{where}.tables")]
    return Section(heading=read.text(s.get("heading"), f"{where}.heading") or "",
                   role=read.text(s.get("role"), f"{where}.role"),
                   paragraphs=read.texts(s.get("paragraphs"), f"{where}.paragraphs"),
                   closing=read.texts(s.get("closing"), f"{where}.closing"), tables=tables)


def _decision_from(read: "_Reader", data: Any, where: str, sections: int) -> Decision:
    d = read.obj(data, where)
    return Decision(text=read.text(d.get("text"), f"{where}.text", required=True),
                    topic=read.text(d.get("topic"), f"{where}.topic"),
                    rationale=read.texts(d.get("rationale"), f"{where}.rationale"),
                    section=read.section(d.get("section"), f"{where}.section", sections))


def _action_from(read: "_Reader", data: Any, where: str, sections: int) -> ActionItem:
    a = read.obj(data, where)
    text = {k: read.text(a.get(k), f"{where}.{k}") for k in ("owner", "owner_department", "deadline_text",
                                                              "topic", "status")}
    return ActionItem(task=read.text(a.get("task"), f"{where}.task", required=True), **text,
                      collaborators=read.texts(a.get("collaborators"), f"{where}.collaborators"),
                      deadline=read.iso(a.get("deadline"), f"{where}.deadline", with_time=True),
                      priority=read.choice(a.get("priority"), f"{where}.priority", PRIORITIES, "medium"),
                      line=read.number(a.get("line"), f"{where}.line"),
                      section=read.section(a.get("section"), f"{where}.section", sections))


def _progress_from(read: "_Reader", data: Any, where: str) -> ProgressReport:
    p = read.obj(data, where)
    progress, behind = p.get("progress"), p.get("behind")
    if progress is not None and (type(progress) is not int or not 0 <= progress <= 100):
        read.fail(f"{where}.progress", progress, "0 到 100 的整数或 null")
    if behind is not None and not isinstance(behind, bool):
        read.fail(f"{where}.behind", behind, "true、false 或 null")
    texts = {k: read.text(p.get(k), f"{where}.{k}") for k in ("task_id", "owner", "status", "risk")}
    return ProgressReport(task=read.text(p.get("task"), f"{where}.task", required=True), progress=progress,
                          behind=behind, deadline=read.iso(p.get("deadline"), f"{where}.deadline", with_time=True),
                          text=read.text(p.get("text"), f"{where}.text") or "", **texts)


def _finding_from(read: "_Reader", data: Any, where: str) -> Finding:
    f = read.obj(data, where)
    place = read.obj(f.get("location"), f"{where}.location", optional=True)
    numbers = {k: read.number(place.get(k), f"{where}.location.{k}") for k in
               ("line", "column", "paragraph", "table", "row", "cell")}
    numbers["line"] = read.number(f.get("line"), f"{where}.line") or numbers["line"]
    numbers["column"] = read.number(f.get("column"), f"{where}.column") or numbers["column"]
    return Finding(rule=read.text(f.get("rule"), f"{where}.rule", required=True),
                   text=read.text(f.get("text"), f"{where}.text") or "", location=Location(**numbers),
                   severity=read.choice(f.get("severity"), f"{where}.severity", SEVERITIES, "warning"),
                   **{k: read.text(f.get(k), f"{where}.{k}") or "" for k in ("message", "suggestion", "label")})


_FIX = "请对照 'minutes extract --format json' 的输出改正"
_JSON_TYPES = {dict: "对象", list: "列表", str: "字符串", bool: "布尔值", int: "整数", float: "数字",
               type(None): "null"}


class _Reader:
    """Typed reads of one JSON value each; the first wrong one raises BadExtraction naming its field."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, where: str, value: Any, expected: str):
        from .errors import BadExtraction
        shown = json_repr(value)
        raise BadExtraction(f"“{Path(self.source).name}”中 '{where}' 应为{expected}，"
                            f"实为{_JSON_TYPES.get(type(value), '其他值')} {shown}；{_FIX}",
                            source=self.source)

    def obj(self, value: Any, where: str, optional: bool = False) -> dict:
        if value is None and optional:
            return {}
        if not isinstance(value, dict):
            self.fail(where, value, "对象（JSON {…}）")
        return value

    def items(self, root: Any, key: Optional[str], where: Optional[str] = None) -> list[tuple[int, Any]]:
        value = root.get(key) if key is not None else root
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(where or key, value, "列表（JSON […]）或 null")
        return list(enumerate(value))

    def text(self, value: Any, where: str, required: bool = False) -> Optional[str]:
        if required and not (isinstance(value, str) and value.strip()):
            self.fail(where, value, "非空字符串")
        if value is not None and not isinstance(value, str):
            self.fail(where, value, "字符串或 null")
        return value or None

    def texts(self, value: Any, where: str) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(where, value, "字符串列表或 null")
        for i, v in enumerate(value):
            if not isinstance(v, str):
                self.fail(f"{where}[{i}]", v, "字符串")
        return list(value)

    def text_map(self, value: Any, where: str) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            self.fail(where, value, "字符串对象（名字 → 文字）或 null")
        return dict(value)

    def section(self, value: Any, where: str, count: int) -> Optional[int]:
        """A section number that points at a section, or None (an item added by hand has none)."""
        self.number(value, where)
        return value if value is not None and value < count else None

    def number(self, value: Any, where: str) -> Optional[int]:
        if value is not None and (type(value) is not int or not 0 <= value < 10**9):
            self.fail(where, value, "非负整数或 null")
        return value

    def choice(self, value: Any, where: str, accepted: tuple[str, ...], default: str) -> str:
        if value is None or value == "":
            return default
        if value not in accepted:
            self.fail(where, value, "以下之一：" + "、".join(f"'{a}'" for a in accepted))
        return value

    def iso(self, value: Any, where: str, *, with_time: bool) -> Optional[str]:
        from datetime import date, datetime
        text = self.text(value, where)
        if text is None:
            return None
        try:
            parsed = datetime.fromisoformat(text) if with_time and "T" in text else date.fromisoformat(text)
        except ValueError:
            parsed = None
        form = "YYYY-MM-DD 或 YYYY-MM-DDTHH:MM" if with_time else "YYYY-MM-DD"
        if parsed is None or len(text) != len("YYYY-MM-DDTHH:MM" if "T" in text else "YYYY-MM-DD"):
            self.fail(where, value, f"ISO 日期 {form}")
        return text


def load_json(data: bytes, source: str, error: type | None = None) -> Any:
    """The JSON value in ``data`` (UTF-8, -16 or -32, BOM or not); ``error`` (BadExtraction) naming the problem."""
    from .errors import BadExtraction
    error = error or BadExtraction
    try:
        return json.loads(data)
    except RecursionError:
        raise error(f"“{Path(source).name}”的 JSON 嵌套层数过多（超过约 1000 层），不是提取结果；" + _FIX,
                    source=source) from None
    except UnicodeDecodeError as exc:
        raise error(f"“{Path(source).name}”不是 UTF-8 编码的 JSON（第 {exc.start + 1} 个字节无法解码）；"
                    "请另存为 UTF-8", source=source) from None
    except json.JSONDecodeError as exc:
        raise error(f"“{Path(source).name}”不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列：{_json_problem(exc)}",
                    source=source) from None
    except ValueError as exc:       # e.g. an integer of more than 4,300 digits
        raise error(f"“{Path(source).name}”不是可用的 JSON：{exc}", source=source) from None


def _json_problem(exc: json.JSONDecodeError) -> str:
    if exc.msg.startswith("Invalid control character") and exc.pos < len(exc.doc):
        code = ord(exc.doc[exc.pos])
        return f"字符串里有控制字符 U+{code:04X}，应写成转义形式 \\u{code:04x}"
    return exc.msg


def json_repr(value: Any, limit: int = 60) -> str:
    """A short JSON rendering of ``value`` for a message."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"
