"""build_context(minutes) -> dict: the one template context every document renderer reads.

Word templates (docxtpl) and the markdown writer both read this dict, so a company
template sees exactly the names docs/templates.md lists. Everything in it is display
text ready to print (dates in Chinese, priorities as 高/中/低, "" for unknowns), so
templates need no logic beyond loops and ifs.

Dict keys never shadow a dict method (no "items", "keys", "values"): Jinja's
``x.items`` would find ``dict.items`` first.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from hashlib import sha1
from typing import Any, Optional

from ..model import ActionItem, Decision, Finding, Minutes

PRIORITY_LABELS = {"high": "高", "medium": "中", "low": "低"}
STATUSES = ("未开始", "进行中", "已完成", "延期", "待验收")
# Surface forms a person or an extraction may use for each tracker status.
STATUS_WORDS = {
    "未开始": ("未开始", "待开始", "not started", "todo", "open", "new"),
    "进行中": ("进行中", "处理中", "跟进中", "in progress", "doing", "ongoing"),
    "已完成": ("已完成", "完成", "已关闭", "关闭", "done", "closed", "completed"),
    "延期": ("延期", "延迟", "逾期", "delayed", "overdue"),
    "待验收": ("待验收", "待确认", "待审核", "review", "to verify"),
}
# Cell colours as trackers use them: green done, yellow in progress, red late.
STATUS_FILLS = {"未开始": "FFFFFF", "进行中": "FFEB9C", "已完成": "C6EFCE", "延期": "FFC7CE", "待验收": "DDEBF7"}
SEVERITY_LABELS = {"error": "须修改", "warning": "建议修改", "info": "提示"}
UNSET_WORDS = ("待定", "另定", "未定", "再定", "TBD")   # deadline words that already say "not set"
UNTITLED_ONLY = "会议议定事项"      # the one group when no topic is named
UNTITLED_REST = "其他事项"          # items without topic, after the named topics
WEEKDAYS = "一二三四五六日"
NUMERALS = "〇一二三四五六七八九"
# Characters XML 1.0 (Word) and openpyxl refuse; a pasted transcript may carry them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_END_PUNCT = tuple("。！？；.!?;")

CONTEXT_KEYS = ("meeting", "opening", "topics", "decisions", "actions", "open_questions", "risks",
                "review_notes", "issuer", "distribution", "cc", "generated", "project")


def build_context(minutes: Minutes, *, project: Optional[str] = None, review_notes: bool = False) -> dict[str, Any]:
    """Everything a template may print, keyed as CONTEXT_KEYS."""
    decisions = [_decision(i, d, topic_name(minutes, d.topic)) for i, d in enumerate(minutes.decisions, 1)]
    actions = [_action(i, a, minutes, tid) for i, (a, tid) in
               enumerate(zip(minutes.action_items, task_ids(minutes, project)), 1)]
    meeting = _meeting(minutes)
    return {
        "meeting": meeting, "opening": _opening(meeting), "project": project_code(minutes, project),
        "topics": _topics(_topic_order(minutes), decisions, actions), "decisions": decisions, "actions": actions,
        "open_questions": [clean(q) for q in minutes.open_questions], "risks": [clean(r) for r in minutes.risks],
        "review_notes": [_note(i, f) for i, f in enumerate(_sorted_findings(minutes), 1)] if review_notes else [],
        "issuer": "", "distribution": _distribution(meeting), "cc": _cc(meeting),
        "generated": cn_date(date.today()),
    }


# --------------------------------------------------------------------------- #
# Text, dates and labels
# --------------------------------------------------------------------------- #
def clean(text: Optional[str]) -> str:
    """Printable text: control characters removed, None as ""."""
    return _CONTROL.sub("", text or "").strip()


def joined(names: list[str], sep: str = "、") -> str:
    return sep.join(clean(n) for n in names if clean(n))


def sentence(text: str) -> str:
    """The text closed with a full stop, as body text in a 纪要 needs."""
    text = clean(text).rstrip("，,、：:")
    return text if not text or text.endswith(_END_PUNCT) else text + "。"


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def cn_weekday(day: date, prefix: str = "周") -> str:
    return prefix + WEEKDAYS[day.weekday()]


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (topic numbers; up to 99)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return NUMERALS[ones]
    return (NUMERALS[tens] if tens > 1 else "") + "十" + (NUMERALS[ones] if ones else "")


def parse_deadline(value: Optional[str]) -> date | datetime | None:
    """The ISO deadline as a date, or a datetime when it carries a time of day."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    except ValueError:
        return None


def deadline_label(item: ActionItem) -> str:
    """2024年6月20日（周四）, with 17:00 when timed; the source words when no day is fixed."""
    day, weekday, clock = deadline_parts(item)
    return f"{day}（{weekday}）" + (f" {clock}" if clock else "") if weekday else day


def deadline_parts(item: ActionItem) -> tuple[str, str, str]:
    """(2024年6月20日, 周四, 17:00 or ""); for no fixed day: (尽快（未定）, "", "")."""
    due = parse_deadline(item.deadline)
    said = clean(item.deadline_text)
    if due is None:
        return (said if any(w in said for w in UNSET_WORDS) else f"{said}（未定）" if said else "待定"), "", ""
    day = due.date() if isinstance(due, datetime) else due
    return cn_date(day), cn_weekday(day), f"{due:%H:%M}" if isinstance(due, datetime) else ""


def status_label(raw: Optional[str]) -> str:
    """One of STATUSES; an unknown or missing status is 未开始."""
    key = clean(raw).lower()
    return next((s for s, words in STATUS_WORDS.items() if key in words), STATUSES[0])


# --------------------------------------------------------------------------- #
# Task IDs: PROJECT-YEAR-NNN, shared by the Word and Excel trackers and the .ics UIDs
# --------------------------------------------------------------------------- #
_YEAR_PREFIX = re.compile(r"^(\d{4}年度?|\d{4}|第[一二三四1-4]季度|[上下]半年)+")
_LATIN_HEAD = re.compile(r"^[A-Za-z][A-Za-z0-9]*")


def project_code(minutes: Minutes, project: Optional[str] = None) -> str:
    """The caller's short name, else the title's first characters (year words skipped)."""
    given = re.sub(r"[\s\-_/]+", "", clean(project)).upper()
    if given:
        return given
    title = re.sub(r"[^\w]", "", clean(minutes.meeting.title))
    title = _YEAR_PREFIX.sub("", title) or title
    latin = _LATIN_HEAD.match(title)
    return (latin.group(0)[:8].upper() if latin else title[:4]) or "RW"


def task_year(minutes: Minutes) -> int:
    """The meeting's year; else the first deadline's; else this year."""
    for value in [minutes.meeting.date] + [a.deadline for a in minutes.action_items]:
        found = parse_deadline(value)
        if found:
            return found.year
    return date.today().year


def task_ids(minutes: Minutes, project: Optional[str] = None) -> list[str]:
    prefix = f"{project_code(minutes, project)}-{task_year(minutes)}"
    return [f"{prefix}-{n:03d}" for n in range(1, len(minutes.action_items) + 1)]


def task_uid(minutes: Minutes, item: ActionItem, occurrence: int = 0) -> str:
    """A UID that survives reordering and re-runs: a hash of meeting, date and task words."""
    key = "\x1f".join([clean(minutes.meeting.title), minutes.meeting.date or "", clean(item.task), str(occurrence)])
    return f"{sha1(key.encode('utf-8')).hexdigest()[:20]}@minutes"


def source_meeting(minutes: Minutes) -> str:
    """智能手环X2上市筹备会（2023-04-26）"""
    title = clean(minutes.meeting.title) or clean(minutes.source)
    return f"{title}（{minutes.meeting.date}）" if minutes.meeting.date else title


# --------------------------------------------------------------------------- #
# Meeting
# --------------------------------------------------------------------------- #
def minutes_title(title: str) -> str:
    """X会 → X会纪要; X → X会议纪要; a title already ending in 纪要 stays."""
    if not title:
        return "会议纪要"
    if title.endswith("纪要"):
        return title
    return title + ("纪要" if title.endswith(("会", "会议")) else "会议纪要")


def _meeting(minutes: Minutes) -> dict[str, Any]:
    m = minutes.meeting
    day = parse_deadline(m.date)
    date_text, weekday = (cn_date(day), cn_weekday(day, "星期")) if day else ("", "")
    date_full = f"{date_text}（{weekday}）" if day else ""
    time = "—".join(t for t in (m.start_time, m.end_time) if t)
    return {
        "title": clean(m.title), "minutes_title": minutes_title(clean(m.title)),
        "date": date_text, "weekday": weekday, "date_full": date_full, "date_iso": m.date or "",
        "time": time, "when": " ".join(p for p in (date_full, time) if p),
        "location": clean(m.location), "host": clean(m.host), "recorder": clean(m.recorder),
        "attendees": joined(m.attendees), "attendee_list": [clean(a) for a in m.attendees],
        "departments": joined(m.departments), "department_list": [clean(d) for d in m.departments],
        "absent": joined(_real_names(m.absent)), "absent_list": _real_names(m.absent),
        "observers": "", "source": clean(minutes.source), "source_meeting": source_meeting(minutes),
    }


def _real_names(names: list[str]) -> list[str]:
    """An 请假：无 line is no one."""
    return [clean(n) for n in names if clean(n) and clean(n) not in ("无", "没有", "暂无", "—", "-")]


def _opening(meeting: dict[str, Any]) -> str:
    """The lead sentence of a 纪要: when, who chaired, where, who took part."""
    where = f"在{meeting['location']}" if meeting["location"] else ""
    chair = f"{meeting['host']}{where}主持召开" if meeting["host"] else f"{where}召开"
    held = f"{chair}{meeting['title'] or '会议'}"
    parts = [meeting["date"], held, f"{meeting['departments']}等部门参加会议" if meeting["departments"] else ""]
    return "，".join(p for p in parts if p) + "。会议研究了有关事项，现纪要如下："


def _distribution(meeting: dict[str, Any]) -> str:
    return "参会人员" + (f"，{meeting['departments']}" if meeting["departments"] else "")


def _cc(meeting: dict[str, Any]) -> str:
    return f"{meeting['departments']}。" if meeting["departments"] else ""


# --------------------------------------------------------------------------- #
# Decisions, action items, topics, review notes
# --------------------------------------------------------------------------- #
def _decision(no: int, d: Decision, topic: str) -> dict[str, Any]:
    rationale = [clean(r) for r in d.rationale if clean(r)]
    return {"no": no, "text": clean(d.text), "sentence": sentence(d.text), "topic": topic,
            "rationale": rationale, "rationale_text": "；".join(rationale)}


def _action(no: int, a: ActionItem, minutes: Minutes, task_id: str) -> dict[str, Any]:
    status = status_label(a.status)
    owner, department = clean(a.owner) or "待定", clean(a.owner_department)
    return {
        "no": no, "id": task_id, "task": clean(a.task), "owner": owner, "department": department,
        "owner_full": f"{owner}（{department}）" if department and department != owner else owner,
        "collaborators": joined(a.collaborators), **_deadline_fields(a),
        "priority": PRIORITY_LABELS.get(a.priority, "中"), "status": status, "status_fill": STATUS_FILLS[status],
        "progress": "100%" if status == "已完成" else "0%", "topic": topic_name(minutes, a.topic),
        "remarks": "；".join(remarks(a)), "source_meeting": source_meeting(minutes),
        "sentence": _action_sentence(a, owner, department, deadline_label(a)),
    }


def _deadline_fields(a: ActionItem) -> dict[str, str]:
    day, weekday, clock = deadline_parts(a)
    return {"deadline": deadline_label(a), "deadline_date": day, "deadline_weekday": weekday, "deadline_time": clock,
            "deadline_short": a.deadline.replace("T", " ") if a.deadline else deadline_label(a),
            "deadline_iso": a.deadline or "", "deadline_text": clean(a.deadline_text)}


def _action_sentence(a: ActionItem, owner: str, department: str, deadline: str) -> str:
    """输出固件说明。由赵磊（研发部）负责，孙浩配合，2023年5月6日（周六）前完成。"""
    who = f"由{owner}（{department}）负责" if department and department != owner else f"由{owner}负责"
    helpers = f"，{joined(a.collaborators)}配合" if a.collaborators else ""
    said = f"（会上表述为“{clean(a.deadline_text)}”）" if clean(a.deadline_text) else ""
    when = f"，{deadline}前完成" if a.deadline else f"，完成时限待定{said}"
    return f"{sentence(a.task)}{who if a.owner else '责任人待定'}{helpers}{when}。"


def remarks(a: ActionItem) -> list[str]:
    """What a tracker's 风险/备注 column should warn about for one item."""
    notes = []
    if not a.deadline:
        notes.append(f"截止时间未明确（原文：{clean(a.deadline_text)}）" if a.deadline_text else "截止时间未明确")
    if not a.owner:
        notes.append(f"负责人未明确（原文：{clean(a.vague_owner)}）" if a.vague_owner else "负责人未明确")
    if len(a.owners) > 1:
        notes.append(f"多方负责：{joined(a.owners)}")
    return notes


def _topics(names: list[str], decisions: list[dict], actions: list[dict]) -> list[dict[str, Any]]:
    """Decisions and action items grouped by topic, in order of appearance; untitled last."""
    groups = [(n, [d for d in decisions if d["topic"] == n], [a for a in actions if a["topic"] == n])
              for n in names + [""]]
    groups = [g for g in groups if g[1] or g[2]]
    return [_topic(i, name or (UNTITLED_REST if names else UNTITLED_ONLY), ds, acts)
            for i, (name, ds, acts) in enumerate(groups, 1)]


def _topic(no: int, name: str, decisions: list[dict], actions: list[dict]) -> dict[str, Any]:
    """One section; a ground names its decision when the topic has several."""
    grounds = [f"结论{i}：{r}" if len(decisions) > 1 else r
               for i, d in enumerate(decisions, 1) for r in d["rationale"]]
    return {"no": no, "number": cn_numeral(no), "name": name, "heading": f"{cn_numeral(no)}、{name}",
            "decisions": decisions, "grounds": grounds, "actions": actions}


def topic_name(minutes: Minutes, raw: Optional[str]) -> str:
    """A topic that is only the document's own title (…会议纪要) is no topic: ""."""
    topic, title = clean(raw), clean(minutes.meeting.title)
    if not topic or topic.endswith("纪要") or (title and topic.startswith(title)):
        return ""
    return topic


def _topic_order(minutes: Minutes) -> list[str]:
    """Topic names by first appearance: by source line when every entry has one."""
    entries = [(d.evidence.location.line if d.evidence else None, d.topic) for d in minutes.decisions]
    entries += [(a.line, a.topic) for a in minutes.action_items]
    if all(line is not None for line, _ in entries):
        entries.sort(key=lambda e: e[0])
    return list(dict.fromkeys(t for t in (topic_name(minutes, raw) for _, raw in entries) if t))


def _sorted_findings(minutes: Minutes) -> list[Finding]:
    return sorted(minutes.lint, key=lambda f: (f.location.line or 0, f.location.column or 0))


def _where(f: Finding) -> str:
    """第12行 in text notes; 第5段 or 表2第3行第1列 in a Word file."""
    loc = f.location
    if loc.line is not None:
        return f"第{loc.line}行"
    if loc.table is not None:
        return f"表{loc.table}第{loc.row}行第{loc.cell}列"
    return f"第{loc.paragraph}段" if loc.paragraph is not None else ""


def _note(no: int, f: Finding) -> dict[str, Any]:
    where = _where(f)
    return {"no": no, "rule": f.rule, "label": f.label or _rule_label(f.rule), "words": clean(f.text),
            "message": clean(f.message), "suggestion": clean(f.suggestion), "where": where,
            "severity": SEVERITY_LABELS.get(f.severity, f.severity)}


def _rule_label(rule: str) -> str:
    """An edited extraction may carry findings without labels: take them from nlp_models/lint.yaml."""
    from ..lint.config import rule_table
    spec = rule_table().get(rule)
    return spec.label if spec else rule
