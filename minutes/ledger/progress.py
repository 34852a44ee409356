"""read_progress(segmented, minutes) -> reports on earlier tasks, for the ledger to apply.

Extraction leaves status lines and tracking-table rows out of the action items on
purpose (a progress report updates a task, it does not create one). This module reads
them as reports:

* a row of a table whose status column is filled in (协作进度跟踪表, 上次会议跟进事项):
  its task, 任务ID, owner, plan date, 实际进度 / 当前状态 (a status word, a percentage or
  both), 是否滞后 and 风险描述 cells;
* a line in a section that follows up earlier tasks (上周任务进展, 上期行动项回顾):
  ``扫码枪供应商比价（负责人：温倩）—— 进行中 60%``, ``- [x] 规则上线（@潘涛）—— 已完成``,
  ``库位编码规则（祁磊）延期至3月17日，原因：…``.

Only what the notes say is set; words come from nlp_models/ledger.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable, Optional

from ..deadlines import resolve_deadline
from ..model import Evidence, Minutes, ProgressReport
from ..resources import check_word_lists, load_yaml
from ..units import Record, Segmented, Unit, label_field
from ..textnorm import fold, fold_word, trie_regex

TASK_ID = re.compile(r"[A-Za-z\u4e00-\u9fff][\w\u4e00-\u9fff]{0,15}-\d{4}-\d{3,}(?:-\d+)*")
PERCENT = re.compile(r"(?<![\d.])(\d{1,3})\s*%")
# A percentage opens a report only at the start or after a separator (—— 60%, ：80%); glued to
# the words before it (覆盖率补到70%) it belongs to the task.
PERCENT_CUE = re.compile(r"(?:^|(?<=[\s\-:,;|]))(\d{1,3})\s*%")
TAIL = re.compile(r"[:,;]")                  # folded ：，；
SEPARATOR = re.compile(r"^[\s\-—–:：,，;；|｜>→]+|[\s\-—–:：,，;；|｜>→。.]+$")
# (负责人：温倩) (@潘涛) (温倩) (负责人：韩雪，原定8月18日)
BRACKETS = re.compile(r"[(（]([^()（）]*)[)）]")
NOTE_FIELD = re.compile(r"^(?:(?P<label>[^:：]{1,6})\s*[:：]\s*)?@?(?P<name>[^:：\s]{1,12})$")
REPORT_DASH = re.compile(r"--|\s-\s")       # 任务 —— 进展 (folded: ——  is --)
HALF_YEAR = timedelta(days=183)
LABEL_AFTER = r"(?![时日期率度节情])"      # 完成时间, 完成日期, 完成率: a label or a figure, not a status
FIELD_TASK, FIELD_OWNER, FIELD_ID = "task", "owner", "id"
STATE_FIELDS = ("status", "progress")


@dataclass(frozen=True)
class Words:
    statuses: dict[str, str]              # folded word -> status
    status_pattern: re.Pattern
    reschedule: re.Pattern
    progress: re.Pattern                  # a percentage that is progress: 进行中 60%, 进度：80%, a bare 90%
    risk: re.Pattern
    behind_yes: frozenset[str]
    behind_no: frozenset[str]
    nothing: frozenset[str]
    opener: re.Pattern                    # words that open a report after the task: 已, 于, 目前


@lru_cache(maxsize=1)
def words() -> Words:
    data = load_yaml("ledger.yaml")
    check_word_lists("ledger.yaml", data)
    statuses = {fold_word(w): status for status, ws in data["statuses"].items() for w in ws}
    folded = lambda key: [fold_word(w) for w in data[key]]   # noqa: E731
    leads = trie_regex(list(statuses) + folded("progress_words")).pattern
    status_pattern = re.compile(trie_regex(statuses).pattern + LABEL_AFTER)
    return Words(statuses=statuses, status_pattern=status_pattern,
                 reschedule=trie_regex(folded("reschedule_cues")),
                 progress=re.compile(rf"(?:^|{leads})\s*+[:：]?\s*+约?(?<![\d.])(\d{{1,3}})\s*%"),
                 risk=re.compile(f"(?:{trie_regex(folded('risk_cues')).pattern})\\s*[:：是为]\\s*"),
                 behind_yes=frozenset(folded("behind_yes")), behind_no=frozenset(folded("behind_no")),
                 nothing=frozenset(folded("nothing")),
                 opener=re.compile(trie_regex(folded("report_openers")).pattern))


def read_progress(seg: Segmented, minutes: Minutes) -> list[ProgressReport]:
    """Every report in the notes, in document order."""
    day = _meeting_day(minutes)
    found = [(r.fields[next(iter(r.fields))].index, _from_record(r, day)) for r in seg.records if _reports(r)]
    found += [(u.index, _from_line(u, day)) for u in seg.units if _is_status_line(u)]
    return [report for _, report in sorted(found, key=lambda pair: pair[0]) if report]


def _meeting_day(minutes: Minutes) -> date:
    return date.fromisoformat(minutes.meeting.date) if minutes.meeting.date else date.today()


# --------------------------------------------------------------------------- #
# Table rows
# --------------------------------------------------------------------------- #
def _reports(record: Record) -> bool:
    """A tracker's row, or a row with a state under a heading that follows up earlier tasks."""
    return bool(record.fields) and (record.status_table or (
        any(u.role == "status" for u in record.fields.values()) and bool(_state_cells(record))))


def _state_cells(record: Record) -> list[Unit]:
    """Cells of status and progress columns (当前状态, 实际进度, 是否滞后); not a date column (更新时间)."""
    columns = {column.field: column for column in record.columns if column.field}
    return [unit for name, unit in record.fields.items()
            if name.split("#")[0] in STATE_FIELDS and (name not in columns or columns[name].kind != "date")]


def _from_record(record: Record, day: date) -> Optional[ProgressReport]:
    task_unit = record.fields.get(FIELD_TASK)
    task_id = _task_id(record.get(FIELD_ID))
    if task_unit is None and task_id is None:
        return None
    report = ProgressReport(task=_clean(task_unit.text if task_unit else ""), task_id=task_id,
                            owner=_owner_name(record.get(FIELD_OWNER)))
    for unit in _state_cells(record):
        _read_cell(report, unit.text, day)
    report.deadline = report.deadline or plan_date(record.get("deadline"), day)
    report.risk = _something(record.get("remark")) or report.risk
    first = task_unit or next(iter(record.fields.values()))
    report.text = " | ".join(u.text for u in record.fields.values())
    report.evidence = Evidence(first.text, first.locate())
    return report if _says_something(report) else None


def _read_cell(report: ProgressReport, text: str, day: date) -> None:
    """A status cell holds 是/否 (是否滞后), a status word, a percentage, or a sentence of them."""
    folded = fold_word(text.strip())
    if folded in words().behind_yes or folded in words().behind_no:
        report.behind = folded in words().behind_yes
        return
    _read_clause(report, fold(text), text, day)


def _task_id(text: Optional[str]) -> Optional[str]:
    m = TASK_ID.search(text or "")
    return m.group(0) if m else None


def _owner_name(text: Optional[str]) -> Optional[str]:
    """温倩 from 温倩, 采购部/温倩 or 温倩（采购部）: the person, else the whole cell."""
    if not text:
        return None
    text = re.sub(r"[(（][^)）]*[)）]", "", text).strip().lstrip("@")
    parts = [p.strip() for p in re.split(r"[/／\s]+", text) if p.strip()]
    return parts[-1] if parts else None


# --------------------------------------------------------------------------- #
# Status lines
# --------------------------------------------------------------------------- #
def _is_status_line(unit: Unit) -> bool:
    return (unit.role == "status" and unit.kind == "line" and unit.record is None
            and unit.label_group != "record" and bool(unit.text.strip()))


def _from_line(unit: Unit, day: date) -> Optional[ProgressReport]:
    text, folded = unit.text, unit.fold
    cue = _first_cue(folded)
    if cue is None and unit.checked is None:
        return None
    head = text[:cue] if cue is not None else text
    dash = REPORT_DASH.search(fold(head))
    head = head[:dash.start()] if dash else head
    report = ProgressReport(task="", task_id=_task_id(head), text=text.strip(), evidence=Evidence(text, unit.locate()))
    head = TASK_ID.sub("", head)
    report.owner, head = _owner_in(head)
    report.task = _clean(_without_report_opening(head))
    if cue is not None:
        _read_clause(report, folded[cue:], text[cue:], day)
    if unit.checked and report.status is None:
        report.status = "已完成"
        _settle(report)
    return report if report.task and _says_something(report) else None


def _first_cue(folded: str) -> Optional[int]:
    """Where the report part starts: the first status word, percentage or new date cue."""
    starts = [m.start() for m in (words().status_pattern.search(folded), PERCENT_CUE.search(folded),
                                  words().reschedule.search(folded)) if m]
    return min(starts) if starts else None


def _without_report_opening(head: str) -> str:
    """报告：已于5月6日 → 报告: what follows the last separator is the report's start when it opens
    with one of ledger.yaml's report_openers (已, 于, 目前…)."""
    cuts = list(TAIL.finditer(fold(head)))
    if cuts and words().opener.match(fold_word(head[cuts[-1].end():].strip())):
        return head[:cuts[-1].start()]
    return head


def _owner_in(head: str) -> tuple[Optional[str], str]:
    """The owner a task line names in brackets, or before a colon (温倩：比价), and the rest."""
    for m in BRACKETS.finditer(head):
        owner = _bracket_owner(m.group(1))
        if owner:
            return owner, head[:m.start()] + head[m.end():]
    lead = re.match(r"^@?([^\s:：,，()（）\dA-Za-z]{2,4}|[A-Za-z][\w.]{1,15})[:：]\s*", head)
    if lead and label_field(lead.group(1), "record") is None:
        return lead.group(1), head[lead.end():]
    return None, head


def _bracket_owner(inside: str) -> Optional[str]:
    """负责人：韩雪 among the bracket's fields, or a lone @name / name."""
    parts = [p.strip() for p in re.split(r"[，,；;]", inside) if p.strip()]
    for part in parts:
        m = NOTE_FIELD.match(part)
        if m and m.group("label") and label_field(m.group("label"), "record") == FIELD_OWNER:
            return m.group("name")
    m = NOTE_FIELD.match(parts[0]) if len(parts) == 1 else None
    return m.group("name") if m and not m.group("label") and not re.search(r"\d", m.group("name")) else None


# --------------------------------------------------------------------------- #
# The report part: status, percentage, new date, risk
# --------------------------------------------------------------------------- #
def _read_clause(report: ProgressReport, folded: str, text: str, day: date) -> None:
    w = words()
    if (m := w.status_pattern.search(folded)) and report.status is None:
        report.status = w.statuses[m.group(0)]
    if (m := w.progress.search(SEPARATOR.sub("", folded))) and report.progress is None:
        report.progress = min(int(m.group(1)), 100)
    if (m := w.reschedule.search(folded)) and report.deadline is None:
        report.deadline = plan_date(_clause(text, m.end()), day)
    if m := w.risk.search(folded):
        report.risk = _something(_clause(text, m.end()))
    _settle(report)


def _settle(report: ProgressReport) -> None:
    """100% is done and done is 100%; any other percentage leaves the status as the task has it."""
    if report.progress == 100 and report.status in (None, "进行中"):
        report.status = "已完成"
    if report.status == "已完成" and report.progress is None:
        report.progress = 100


def _clause(text: str, start: int) -> str:
    return re.split(r"[，,；;。]", text[start:], maxsplit=1)[0].strip()


def plan_date(text: Optional[str], day: date) -> Optional[str]:
    """A plan date as written: ``3月12日`` in a review on 3月17日 is this year's, not next year's."""
    if not text or not text.strip():
        return None
    found = resolve_deadline(text, day)
    if found is None or found.iso is None:
        return None
    iso = found.iso
    resolved = date.fromisoformat(iso[:10])
    if not re.search(r"\d{4}", text) and resolved - day > HALF_YEAR:
        iso = _year_earlier(resolved).isoformat() + iso[10:]
    return iso


def _year_earlier(day: date) -> date:
    return day.replace(year=day.year - 1) if not (day.month == 2 and day.day == 29) else day - timedelta(days=365)


def _something(text: Optional[str]) -> Optional[str]:
    text = _clean(text or "")
    return None if not text or fold_word(text) in words().nothing else text


def _clean(text: str) -> str:
    return SEPARATOR.sub("", text.strip()).strip()


def _says_something(report: ProgressReport) -> bool:
    return any(v is not None for v in (report.status, report.progress, report.deadline, report.behind))


def describe(reports: Iterable[ProgressReport]) -> list[str]:
    """One line per report, for messages: 扫码枪供应商比价（温倩）：进行中 60%."""
    return [f"{r.task_id or r.task}{f'（{r.owner}）' if r.owner else ''}：{_state(r)}" for r in reports]


def _state(report: ProgressReport) -> str:
    parts = [report.status or "", f"{report.progress}%" if report.progress is not None else "",
             f"计划 {report.deadline}" if report.deadline else "", "滞后" if report.behind else ""]
    return " ".join(p for p in parts if p)
