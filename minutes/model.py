"""Every data class of minutes, in one place.

Two families live here:

* the *document model* that readers produce and every later stage reads
  (`Document` of `Paragraph` and `Table` blocks, each carrying a `Location`);
* the *minutes model* that extraction produces and renderers, the lint, the CLI
  and the service consume (`Minutes` with `Meeting`, `Decision`, `ActionItem`,
  `Finding`), serialised by `Minutes.to_dict()` exactly as ../CONTRACT.md states.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
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

    def shifted(self, chars: int) -> "Location":
        """The location ``chars`` characters further along the same line."""
        if chars == 0:
            return self
        return replace(self, column=(self.column or 1) + chars)

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
        return replace(base, column=column)
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
class Block:
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
    explain: list[Block] = field(default_factory=list)             # filled when asked (--explain)

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
    """Rebuild Minutes from `Minutes.to_dict()` output; unknown keys are ignored.

    Raises BadExtraction naming the first field that has the wrong shape.
    """
    from .errors import BadExtraction

    def need(cond: bool, where: str, expected: str) -> None:
        if not cond:
            raise BadExtraction(f"{where} must be {expected}", source=source)

    need(isinstance(data, dict), "the extraction", "a JSON object (the output of 'minutes extract --format json')")
    if "error" in data and "meeting" not in data:
        raise BadExtraction(f"is an error record, not an extraction: {data['error']}", source=source)
    meeting_data = data.get("meeting") or {}
    need(isinstance(meeting_data, dict), "'meeting'", "an object")
    meeting = Meeting(**{k: _opt_str(meeting_data.get(k), f"meeting.{k}", need) for k in _MEETING_TEXT})
    for key in _MEETING_LISTS:
        setattr(meeting, key, _str_list(meeting_data.get(key), f"meeting.{key}", need))
    for key in ("affiliations", "person_notes"):
        setattr(meeting, key, _str_map(meeting_data.get(key), f"meeting.{key}", need))
    if meeting.issue_date:
        _check_deadline(meeting.issue_date, "meeting.issue_date", need)
    sections = [_section(s, f"sections[{i}]", need) for i, s in enumerate(data.get("sections") or [])]
    decisions = []
    for i, d in enumerate(data.get("decisions") or []):
        need(isinstance(d, dict) and isinstance(d.get("text"), str), f"decisions[{i}]", "an object with a 'text' string")
        decisions.append(Decision(text=d["text"], topic=_opt_str(d.get("topic"), f"decisions[{i}].topic", need),
                                  rationale=_str_list(d.get("rationale"), f"decisions[{i}].rationale", need),
                                  section=_section_index(d.get("section"), len(sections), f"decisions[{i}]", need)))
    items = []
    for i, a in enumerate(data.get("action_items") or []):
        where = f"action_items[{i}]"
        need(isinstance(a, dict) and isinstance(a.get("task"), str), where, "an object with a 'task' string")
        priority = a.get("priority") or "medium"
        need(priority in PRIORITIES, f"{where}.priority", "one of 'high', 'medium', 'low'")
        deadline = _opt_str(a.get("deadline"), f"{where}.deadline", need)
        if deadline:
            _check_deadline(deadline, f"{where}.deadline", need)
        line = a.get("line")
        need(line is None or isinstance(line, int), f"{where}.line", "an integer or null")
        items.append(ActionItem(
            task=a["task"], owner=_opt_str(a.get("owner"), f"{where}.owner", need),
            owner_department=_opt_str(a.get("owner_department"), f"{where}.owner_department", need),
            collaborators=_str_list(a.get("collaborators"), f"{where}.collaborators", need),
            deadline=deadline, deadline_text=_opt_str(a.get("deadline_text"), f"{where}.deadline_text", need),
            priority=priority, line=line, topic=_opt_str(a.get("topic"), f"{where}.topic", need),
            status=_opt_str(a.get("status"), f"{where}.status", need),
            section=_section_index(a.get("section"), len(sections), where, need)))
    findings = []
    for i, f in enumerate(data.get("lint") or []):
        need(isinstance(f, dict) and isinstance(f.get("rule"), str), f"lint[{i}]", "an object with a 'rule' string")
        findings.append(Finding(rule=f["rule"], text=str(f.get("text") or ""),
                                location=Location(line=f.get("line"), column=f.get("column")),
                                severity=f.get("severity") if f.get("severity") in SEVERITIES else "warning",
                                message=str(f.get("message") or ""), suggestion=str(f.get("suggestion") or ""),
                                label=str(f.get("label") or "")))
    return Minutes(source=str(data.get("source") or source), meeting=meeting, decisions=decisions,
                   action_items=items, lint=findings,
                   open_questions=_str_list(data.get("open_questions"), "open_questions", need),
                   risks=_str_list(data.get("risks"), "risks", need), sections=sections,
                   progress=[_progress_from_dict(p, f"progress[{i}]", need)
                             for i, p in enumerate(data.get("progress") or [])])


_MEETING_TEXT = ("title", "date", "start_time", "end_time", "location", "host", "recorder", "doc_number", "issuer",
                 "issue_date", "signer", "distribution", "cc", "next_meeting", "opening")
_MEETING_LISTS = ("attendees", "departments", "absent", "observers")


def _section(value: Any, where: str, need) -> Section:
    need(isinstance(value, dict), f"'{where}'", "an object with a 'heading'")
    return Section(heading=_opt_str(value.get("heading"), f"{where}.heading", need) or "",
                   role=_opt_str(value.get("role"), f"{where}.role", need),
                   paragraphs=_str_list(value.get("paragraphs"), f"{where}.paragraphs", need),
                   closing=_str_list(value.get("closing"), f"{where}.closing", need),
                   tables=[[_str_list(row, f"{where}.tables", need) for row in _list(table, f"{where}.tables", need)]
                           for table in _list(value.get("tables"), f"{where}.tables", need)])


def _list(value: Any, where: str, need) -> list:
    need(value is None or isinstance(value, list), f"'{where}'", "a list")
    return value or []


def _section_index(value: Any, count: int, where: str, need) -> Optional[int]:
    """A section number that points at a section, or None (an item added by hand has none)."""
    need(value is None or (isinstance(value, int) and not isinstance(value, bool)), f"'{where}.section'",
         "an integer or null")
    return value if value is not None and 0 <= value < count else None


def _progress_from_dict(data: Any, where: str, need) -> ProgressReport:
    need(isinstance(data, dict) and isinstance(data.get("task"), str), where, "an object with a 'task' string")
    progress, behind = data.get("progress"), data.get("behind")
    need(progress is None or (isinstance(progress, int) and 0 <= progress <= 100), f"{where}.progress",
         "an integer from 0 to 100 or null")
    need(behind is None or isinstance(behind, bool), f"{where}.behind", "true, false or null")
    deadline = _opt_str(data.get("deadline"), f"{where}.deadline", need)
    if deadline:
        _check_deadline(deadline, f"{where}.deadline", need)
    texts = {k: _opt_str(data.get(k), f"{where}.{k}", need) for k in ("task_id", "owner", "status", "risk")}
    return ProgressReport(task=data["task"], progress=progress, behind=behind, deadline=deadline,
                          text=str(data.get("text") or ""), **texts)


def _opt_str(value: Any, where: str, need) -> Optional[str]:
    need(value is None or isinstance(value, str), f"'{where}'", "a string or null")
    return value or None


def _str_list(value: Any, where: str, need) -> list[str]:
    if value is None:
        return []
    need(isinstance(value, list) and all(isinstance(v, str) for v in value), f"'{where}'", "a list of strings")
    return list(value)


def _str_map(value: Any, where: str, need) -> dict[str, str]:
    if value is None:
        return {}
    need(isinstance(value, dict) and all(isinstance(v, str) for v in value.values()), f"'{where}'",
         "an object of strings")
    return dict(value)


def _check_deadline(value: str, where: str, need) -> None:
    from datetime import date, datetime
    try:
        (datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value))
    except ValueError:
        need(False, f"'{where}' ('{value}')", "an ISO date YYYY-MM-DD or YYYY-MM-DDTHH:MM")
