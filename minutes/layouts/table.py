"""Column tables: a header row, then one record per row (任务 | 负责人 | 截止时间 …).

Each column is typed twice: by its header words (`labels.field_of`, both scripts,
head words) and by what its cells hold — people or handles, departments, dates and
deadline phrases, states (未开始/已完成/close), progress (60%, 是/否), priority
words, IDs, or longer text. Header words decide where they are known and the cells
agree; where a header is unknown, the cells decide (a column of names next to a
column of sentences is an owner and its tasks, whatever the header says).

A table whose first row is not such a header is a form (see form.py). Each cell
becomes units; each row a `Record` mapping the column's field to the cell's unit.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field as dataclass_field, replace
from datetime import date
from functools import lru_cache
from typing import Optional

from .. import lexicon
from ..deadlines import find_deadlines
from ..labels import field_of
from ..model import Cell, Table
from ..parties import UNDETERMINED, is_department, name_shaped, parse_parties
from ..textnorm import fold, fold_word, trie_regex
from ..units import Record, Unit, cell_units, label_field
from .form import form_units

_ANY_DAY = date(2024, 6, 3)         # typing a cell only asks *whether* it is a date, not which
_ID = re.compile(r"^(?:#?\d{1,4}|[a-z]{1,6}[-_]?\d{1,5}(?:[-_.]\d{1,4})*|\d{1,3}(?:\.\d{1,3}){1,3})$", re.I)
_PROGRESS = re.compile(r"^(?:\d{1,3}(?:\.\d+)?\s*%|是|否|yes|no|y|n)$", re.I)
_BLANK = re.compile(r"^(?:[□☐]\s*\S{1,4}\s*)+$|^[_＿\s年月日时分/.-]*$|^(?:xx|××|XX)\S{0,4}$", re.I)
_MENTION = re.compile(r"^\s*(?:\[?@[\w.\-\u4e00-\u9fff]+\]?(?:\([^)]*\))?[\s、,，/]*)+$")
_JOINERS = re.compile(r"及|和|与|、|/|＆|&|\+")
_CLAUSE_MARK = re.compile(r"[，,。；;]")
_NOT_DATE_WORDS = re.compile(r"[\s()（）前内]")
_STRUCK = re.compile(r"\s*~~.+~~\s*", re.S)
_STATE_WORDS = re.compile(r"[a-z]+(?: [a-z]+)?|[\u4e00-\u9fff]+|[✅✔☑]")
# Fields that make a table a list of work: what is done, by whom, by when.
_ITEM_FIELDS = {"task", "owner", "deadline", "owner_department"}
_WANTED = _ITEM_FIELDS | {"decision", "topic", "result", "attendees"}
# The meeting's own fields: a row of them over one row of values is the form's header, not a list.
_MEETING_FIELDS = {"title", "date", "location", "host", "recorder", "attendees", "departments", "absent", "agenda"}


@dataclass(frozen=True)
class Column:
    field: Optional[str]        # canonical field, or None when nothing says what it holds
    header: str                 # the header words as written
    evidence: str               # why: "header '负责人'" or "cells: 4 of 5 are people"
    number: int                 # its place in the row, from 0
    cells: "_ColumnKinds" = dataclass_field(repr=False, compare=False)

    @property
    def kind(self) -> Optional[str]:
        """What its cells hold: person, department, date, state, progress, priority, id, text. Worked
        out when first asked: a column its header names is read without it (a tracker's report asks)."""
        found = self.cells[self.number]
        return found[0] if found else None


# --------------------------------------------------------------------------- #
def table_units(table: Table, index: int) -> tuple[list[Unit], list[Record]]:
    rows = [_row_as_seen(table, r) for r in range(len(table.rows))]
    rows = [row for row in rows if any(c and c.text.strip() for c in row)]
    if not rows:
        return [], []
    columns = read_columns(rows)
    if columns is not None and len(rows) > 1:
        return _record_units(rows, columns, index, table)
    columns = _headless_columns(rows)
    if columns is not None:
        return _record_units([[None] * len(columns)] + rows, columns, index, table)
    return form_units(rows, index), []


def _row_as_seen(table: Table, r: int) -> list[Optional[Cell]]:
    """A row as a reader sees it: a cell merged down from a row above (one 负责人 for three
    tasks) fills its place; a cell spanning columns is read once."""
    return [c if c is not None or table.covers.get((r, i), (r,))[0] == r else table.shown_at(r, i)
            for i, c in enumerate(table.rows[r])]


def read_columns(rows: list[list[Optional[Cell]]]) -> Optional[list[Column]]:
    """The columns of a record table under its first row, or None when the first row is no header."""
    header = [c.text.strip() if c else "" for c in rows[0]]
    named = _decided_work(_people_who_work([_column_field(h) if h else None for h in header]))
    body = rows[1:]
    kinds = _ColumnKinds(body)
    if not _header_like(rows[0], named, kinds):
        return None
    labelled = [part for n in named if n and n != "none" for part in n.split("+")]
    filled = len([h for h in header if h])
    if labelled and set(labelled) <= _MEETING_FIELDS and len(body) <= 2:
        return None                           # 会议主题 | 时间 | 地点 over their values: a form
    if len(labelled) >= 2 and _WANTED & set(labelled) and len(labelled) >= filled / 2:
        return _typed(header, named, kinds)
    items_named = bool(_ITEM_FIELDS & set(labelled))
    if items_named or not labelled and len(body) >= 2:
        typed = _typed(header, named, kinds)
        known = {part for col in typed if col.field for part in col.field.split("+")}
        if items_named and "task" in known and ({"owner", "owner_department"} & known or "deadline" in labelled):
            return typed                      # header words name some of it; the cells name the rest
        if not labelled and {"task", "owner", "deadline"} <= known:
            return typed                      # no header word we know: people, work and dates say it
    return None


def _people_who_work(named: list[Optional[str]]) -> list[Optional[str]]:
    """姓名 heads a roster's people (who came); beside a column of work (明日计划, 任务, 状态) the
    people are its owners."""
    if "attendees" in named and _WORK_COLUMNS & set(named):
        return ["owner" if n == "attendees" else n for n in named]
    return named


_WORK_COLUMNS = {"task", "deadline", "status", "progress"}


def _decided_work(named: list[Optional[str]]) -> list[Optional[str]]:
    """议定事项 | 责任单位 | 完成时限: what was decided, each with who does it and by when, is work to
    do (a column of decisions beside no doer and no date stays decisions)."""
    if "decision" in named and {"owner", "owner_department"} & set(named) and "deadline" in named and "task" not in named:
        return ["task" if n == "decision" else n for n in named]
    return named


class _ColumnKinds(dict):
    """Column number → _column_kind of the column's cells in these rows, worked out when first asked:
    whether a table has a header row is mostly settled by its header's words."""

    def __init__(self, rows: list[list[Optional[Cell]]]):
        super().__init__()
        self._rows = rows

    def __missing__(self, c: int) -> Optional[tuple[str, str, float]]:
        kind = self[c] = _column_kind([row[c].text for row in self._rows if c < len(row) and row[c] is not None])
        return kind


def _headless_columns(rows: list[list[Optional[Cell]]]) -> Optional[list[Column]]:
    """A list laid out in columns with no header row (1. 会场音响调试  郝老师  明天下班前):
    every row is data, and the cells say what each column holds."""
    width = max(len(r) for r in rows)
    if len(rows) < 2 or width < 3:
        return None                       # one row, or too few columns for a task, its doer and its date
    filled = [c.text.strip() for row in rows for c in row if c is not None and c.text.strip()]
    if _at_least(len(filled) / 4, (text for text in filled if _column_field(text))):
        return None                       # label cells beside their values: a form, not a list
    typed = _typed([""] * width, [None] * width, _ColumnKinds(rows))
    known = {col.field for col in typed if col.field}
    if "task" in known and ({"owner", "owner_department"} & known) and "deadline" in known:
        return typed
    return None


def _at_least(wanted: float, found) -> bool:
    """Whether the iterable yields at least ``wanted`` items, taking no more of them than that."""
    count = 0
    for _ in found:
        count += 1
        if count >= wanted:
            return True
    return count >= wanted


def _header_like(row: list[Optional[Cell]], named: list[Optional[str]], kinds) -> bool:
    """A header row's cells are short names (a label, or no value of the kind found below them)."""
    for c, cell in enumerate(row):
        text = cell.text.strip() if cell else ""
        if len(text) > 24:
            return False
        if named[c] or not text:
            continue
        kind = _cell_kind(text)               # the header cell's own kind first: most are no value at all
        if kind in ("person", "date", "department") and kinds[c] and kinds[c][0] == kind:
            return False
    return True


def _typed(header: list[str], named: list[Optional[str]], kinds: "_ColumnKinds") -> list[Column]:
    """Each column's field: the header's where it names one, else what its cells hold."""
    columns: list[Column] = []
    taken = {part for n in named if n and n != "none" for part in n.split("+")}
    for c, words in enumerate(header):
        name = named[c]
        if name == "none":
            columns.append(Column(None, words, f"表头“{words}”不是待办的字段", c, kinds))
            continue
        if name:
            columns.append(Column(name, words, f"表头“{words}”", c, kinds))
            continue
        kind, why, _ = kinds[c] if kinds[c] else (None, "", 0)
        guess = _FROM_KIND.get(kind) if "attendees" not in taken else None     # a roster's other columns are no work
        if guess and guess not in taken:
            taken.add(guess)
            columns.append(Column(guess, words, f"单元格：{why}", c, kinds))
        else:
            columns.append(Column(None, words, f"单元格：{why}" if why else "空列", c, kinds))
    _one_task_column(columns, kinds)
    return _numbered(columns)


_FROM_KIND = {"person": "owner", "department": "owner_department", "date": "deadline", "state": "status",
              "progress": "progress", "priority": "priority", "id": "id"}


def _one_task_column(columns: list[Column], kinds) -> None:
    """With no task column named, the column of the longest text holds the tasks."""
    if any(col.field == "task" for col in columns):
        return
    texts = [(kinds[c][2], c) for c, col in enumerate(columns) if col.field is None and kinds[c] and kinds[c][0] == "text"]
    if texts:
        _, c = max(texts)
        col = columns[c]
        columns[c] = replace(col, field="task", evidence=col.evidence + "，文字最长")


def _numbered(columns: list[Column]) -> list[Column]:
    """A second column of the same field is kept apart: owner, owner#3."""
    out = []
    for c, col in enumerate(columns):
        if col.field and col.field in [o.field for o in out]:
            col = replace(col, field=f"{col.field}#{c + 1}")
        out.append(col)
    return out


def _column_field(text: str) -> Optional[str]:
    """A header cell's field; a combined header (责任人及完成时限) gives "owner+deadline";
    "none" when its words name something we do not read (开始时间)."""
    parts = [p for p in _JOINERS.split(text.strip()) if p.strip()]
    names = [label_field(p, "record") for p in parts] if len(parts) > 1 else []
    if names and all(names) and len(set(names)) > 1:
        return "+".join(names)
    match = field_of(text, "record", "content", "meeting", "column")
    if match and match.group == "content" and match.field == "action":
        return "task"                     # a column headed 行动 / 待办 / Action holds the tasks
    return match.field if match else None


# --------------------------------------------------------------------------- #
# What a cell holds
# --------------------------------------------------------------------------- #
def _column_kind(cells: list[str]) -> Optional[tuple[str, str, float]]:
    """The kind most of a column's filled cells hold: (kind, evidence, mean length)."""
    kinds = [_cell_kind(text) for text in cells]
    filled = [k for k in kinds if k not in (None, "blank")]
    if not filled:
        return None
    kind, count = Counter(filled).most_common(1)[0]
    if count < 0.6 * len(filled):
        return None
    mean = sum(len(t.strip()) for t in cells if t.strip()) / max(1, len([t for t in cells if t.strip()]))
    return kind, f"{len(filled)}格中{count}格是{_KIND_WORDS[kind]}", mean


_KIND_WORDS = {"person": "人名", "department": "部门", "date": "日期", "state": "任务状态",
               "progress": "进度", "priority": "优先级", "id": "编号", "text": "文字"}


_WORD_CELL = 8             # chars: a cell this short holds one value (a name, a state, a date, a department)


def _cell_kind(text: str) -> Optional[str]:
    """What one cell holds, judged from its words alone. A one-value cell's answer is kept, as
    a word's would be (offices write the same names and states in table after table); a
    longer cell's text is the document's own and is judged afresh."""
    text = text.strip()
    return _value_kind(text) if len(text) <= _WORD_CELL else _judged_kind(text)


@lru_cache(maxsize=4096)
def _value_kind(text: str) -> Optional[str]:
    return _judged_kind(text)


def _judged_kind(text: str) -> Optional[str]:
    if not text:
        return None
    folded = fold(text)
    if _BLANK.match(folded) or UNDETERMINED.match(folded):
        return "blank"
    if _PROGRESS.match(folded):
        return "progress"
    if task_state(text) is not None and len(text) <= 40 and not _sentence(folded):
        return "state"
    if _ID.match(folded):
        return "id"
    if _priority_word(folded):
        return "priority"
    if _is_date(text):
        return "date"
    if is_department(text):
        return "department"
    if _MENTION.match(text) or _people(text):
        return "person"
    return "text" if len(text) >= 4 else None


def _sentence(folded: str) -> bool:
    return bool(_CLAUSE_MARK.search(folded)) and len(folded) > 12


def _priority_word(folded: str) -> bool:
    from ..extract.priority import cell_priority
    return len(folded) <= 6 and cell_priority(folded) is not None


def _is_date(text: str) -> bool:
    found = find_deadlines(text, _ANY_DAY)
    covered = sum(d.end - d.start for d in found if d.kind != "vague")
    return bool(found) and covered >= 0.6 * len(_NOT_DATE_WORDS.sub("", text))


def _people(text: str) -> bool:
    if len(text) > 30:
        return False
    parties = parse_parties(text)
    return bool(parties) and all(p.kind == "person" and name_shaped(p.name) for p in parties)


@lru_cache(maxsize=1)
def _states() -> tuple[frozenset[str], frozenset[str]]:
    return (lexicon.folded_words("cues.yaml", "state_done"), lexicon.folded_words("cues.yaml", "state_open"))


def may_say_done(text: str) -> bool:
    """Whether any word `task_state` reads as done is in the text (any case): a quick look
    before the full reading, which most texts would fail."""
    return bool(_done_words().search(text.lower()))


@lru_cache(maxsize=1)
def _done_words() -> re.Pattern:
    return trie_regex(word.lower() for word in _states()[0])


def _struck(unit) -> bool:
    """~~评估更换中间件~~: a task struck through is cancelled."""
    return unit is not None and bool(_STRUCK.fullmatch(unit.text))


def task_state(text: str) -> Optional[str]:
    """'done' or 'open' when a cell states where a task stands; the last state written wins
    (``20220706:open 20220720:close`` is done)."""
    done, open_ = _states()
    found = None
    for word in _STATE_WORDS.findall(fold_word(text)):
        for candidate in (word, *word.split()) if " " in word else (word,):     # not started, not, started
            if candidate in done:
                found = "done"
            elif candidate in open_:
                found = "open"
    return found


# --------------------------------------------------------------------------- #
# Records
# --------------------------------------------------------------------------- #
def _record_units(rows, columns: list[Column], index, table: Table) -> tuple[list[Unit], list[Record]]:
    units: list[Unit] = []
    records: list[Record] = []
    tracker = _tracks_progress(rows, columns)
    task_header = _task_header(rows[0], columns)
    for r, row in enumerate(rows[1:], start=2):
        record = Record(fields={}, table=table.location.table or 0, row=r, status_table=tracker,
                        columns=columns, task_header=task_header)
        first = len(units)
        for c, cell in enumerate(row):
            if cell is None or not cell.text.strip():
                continue
            name = columns[c].field if c < len(columns) else None
            for unit in cell_units(cell, index + len(units)):
                unit.record, unit.column = record, name
                units.append(unit)
                target = record.fields if name else record.extra
                key = name or f"col{c + 1}"
                target[key] = _joined(target[key], unit) if key in target else unit
        record.done = any(task_state(u.text) == "done" for name, u in record.fields.items()
                          if name.split("#")[0] == "status") or _struck(record.fields.get("task"))
        _decided_only(record, columns, units[first:])
        records.append(record)
    return units, records


def _decided_only(record: Record, columns: list[Column], cells: list[Unit]) -> None:
    """决定事项 | 责任人 | 完成时限 with a dash for the doer and the date: that row records a
    decision, not work (the column is work where a row names who and by when)."""
    task = record.fields.get("task")
    if task is None or not any(col.field == "task" and _column_field(col.header) == "decision" for col in columns):
        return
    doer_or_day = [record.fields.get(name) for name in ("owner", "owner_department", "deadline")]
    if all(unit is None or _DASHES.match(unit.text) for unit in doer_or_day):
        for unit in [task, *cells]:
            if unit.column == "task":
                unit.column = "decision"
        record.fields["decision"] = record.fields.pop("task")


_DASHES = re.compile(r"^[\s\-—–/／]*$")


def _task_header(row: list[Optional[Cell]], columns: list[Column]) -> Optional[Unit]:
    """The task column's header cell: a plan column's header may carry its rows' deadline (明日计划).
    Kept out of the document's units: it is read only for that."""
    for c, cell in enumerate(row):
        if cell is not None and c < len(columns) and columns[c].field == "task":
            return next(cell_units(cell, -1), None)
    return None


def _tracks_progress(rows, columns: list[Column]) -> bool:
    """A tracker of existing tasks: a progress column (实际进度 60%, 是否滞后, 完成情况) that is filled in."""
    tracked = [c for c, col in enumerate(columns) if col.field and col.field.split("#")[0] == "progress"]
    return any(len(row) > c and row[c] is not None and row[c].text.strip() for row in rows[1:] for c in tracked)


def _joined(first: Unit, more: Unit) -> Unit:
    """A multi-paragraph cell read as one field value (first paragraph's location)."""
    return Unit(text=first.text + _between(first, more) + more.text, origin=first.origin, start=first.start,
                index=first.index, kind="cell", record=first.record, column=first.column)


def _between(first: Unit, more: Unit) -> str:
    """What separates two units of a cell: a line break, or, for the pieces an overlong line
    was cut into, the spaces between them as written, so the value quotes the cell."""
    source, end = first.origin.text, first.start + len(first.text)
    if more.origin is first.origin and source[first.start:end] == first.text and "\n" not in source[end:more.start]:
        return source[end:more.start]
    return "\n"
