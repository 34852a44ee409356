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
from dataclasses import dataclass, field
from datetime import date, datetime
from hashlib import sha1
from typing import Any, Optional

from ..model import ActionItem, Decision, Finding, Meeting, Minutes

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
UNSAID = "—"                # a field the notes leave empty: shown as a dash, never as 无 or 待定
UNTITLED_REST = "其他事项"          # items under no heading, after the notes' own sections
WEEKDAYS = "一二三四五六日"
NUMERALS = "〇一二三四五六七八九"
# Characters XML 1.0 (Word) and openpyxl refuse; a pasted transcript may carry them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_END_PUNCT = tuple("。！？；.!?;")

CONTEXT_KEYS = ("meeting", "opening", "topics", "decisions", "actions", "open_questions", "risks",
                "review_notes", "issuer", "distribution", "cc", "generated", "project")
# Sections the documents do not print as sections: the info block shows them, or the 下次会议 line.
NOT_PRINTED_ROLES = ("meta", "attendees", "next")
# A section's heading that already says what its entries are needs no label before them.
DECISION_WORDS = ("议定", "决定", "决议", "结论", "共识")
ACTION_WORDS = ("要求", "待办", "分工", "安排", "行动", "任务", "措施")
_LIST_MARK = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d{1,3}[.、)）]|[一二三四五六七八九十]+、|[①-⑳])\s*")


def build_context(minutes: Minutes, *, project: Optional[str] = None, review_notes: bool = False) -> dict[str, Any]:
    """Everything a template may print, keyed as CONTEXT_KEYS."""
    decisions = [_decision(i, d, topic_name(minutes, d.topic)) for i, d in enumerate(minutes.decisions, 1)]
    actions = [_action(i, a, minutes, tid) for i, (a, tid) in
               enumerate(zip(minutes.action_items, task_ids(minutes, project)), 1)]
    meeting = _meeting(minutes)
    topics = _sections(minutes, decisions, actions) if minutes.sections else \
        _topics(_topic_order(minutes), decisions, actions)
    return {
        "meeting": meeting, "opening": _opening(minutes, meeting), "project": project_code(minutes, project),
        "topics": topics, "decisions": decisions, "actions": actions,
        "open_questions": _not_printed(minutes.open_questions, topics), "risks": _not_printed(minutes.risks, topics),
        "review_notes": _notes(minutes) if review_notes else [],
        "issuer": clean(minutes.meeting.signer), "distribution": clean(minutes.meeting.distribution),
        "cc": clean(minutes.meeting.cc), "generated": cn_date(date.today()),
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
    """2024年6月20日（周四）, with 17:00 when timed; the source words when no day is fixed; — when none."""
    day, weekday, clock = deadline_parts(item)
    return f"{day}（{weekday}）" + (f" {clock}" if clock else "") if weekday else day


def deadline_parts(item: ActionItem) -> tuple[str, str, str]:
    """(2024年6月20日, 周四, 17:00 or ""); for no fixed day: (尽快（未定）, "", ""); for none said: (—, "", "")."""
    due = parse_deadline(item.deadline)
    said = clean(item.deadline_text)
    if due is None:
        return (said if any(w in said for w in UNSET_WORDS) else f"{said}（未定）" if said else UNSAID), "", ""
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
    """The caller's short name, else a Latin code the title starts with (CRM升级评审会 → CRM), else ""."""
    given = re.sub(r"[\s\-_/]+", "", clean(project)).upper()
    if given:
        return given
    title = re.sub(r"[^\w]", "", clean(minutes.meeting.title))
    title = _YEAR_PREFIX.sub("", title) or title
    latin = _LATIN_HEAD.match(title)
    return latin.group(0)[:8].upper() if latin else ""


def task_year(minutes: Minutes) -> int:
    """The meeting's year; else the first deadline's; else this year."""
    for value in [minutes.meeting.date] + [a.deadline for a in minutes.action_items]:
        found = parse_deadline(value)
        if found:
            return found.year
    return date.today().year


def task_ids(minutes: Minutes, project: Optional[str] = None) -> list[str]:
    """PROJECT-2024-001 with a project code, 2024-001 without: never a prefix cut out of the title's words."""
    code = project_code(minutes, project)
    prefix = f"{code}-{task_year(minutes)}" if code else str(task_year(minutes))
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
    issued = parse_deadline(m.issue_date)
    present = [a for a in m.attendees if a not in m.observers and a != m.recorder]   # the 记录 line names the note-taker
    return {
        "title": clean(m.title), "minutes_title": minutes_title(clean(m.title)),
        "date": date_text, "weekday": weekday, "date_full": date_full, "date_iso": m.date or "",
        "time": time, "when": " ".join(p for p in (date_full, time) if p),
        "location": clean(m.location), "host": clean(m.host), "recorder": clean(m.recorder),
        "attendees": joined(m.attendees), "attendee_list": [clean(a) for a in m.attendees],
        "attendance": people_line(present, m), "departments": joined(m.departments),
        "department_list": [clean(d) for d in m.departments],
        "absent": people_line(_real_names(m.absent), m), "absent_list": _real_names(m.absent),
        "observers": people_line(m.observers, m), "observer_list": [clean(o) for o in m.observers],
        "doc_number": clean(m.doc_number), "office": clean(m.issuer), "mark": f"{clean(m.issuer)}会议纪要",
        "headed": bool(clean(m.doc_number) or clean(m.issuer)),
        "issue_date": cn_date(issued) if issued else "", "issue_date_iso": m.issue_date or "",
        "signer": clean(m.signer), "next_meeting": clean(m.next_meeting).rstrip("。；;"), "lead": clean(m.opening),
        "start_time": m.start_time or "",
        "source": clean(minutes.source), "source_meeting": source_meeting(minutes),
    }


def people_line(names: list[str], meeting: Meeting) -> str:
    """区住建局 王立新、李明，区财政局 陈芳，刘建明（副区长）: people of one unit together, in the notes' order."""
    groups: list[tuple[str, list[str]]] = []
    for name in (clean(n) for n in names if clean(n)):
        unit = clean(meeting.affiliations.get(name))
        shown = f"{name}（{clean(meeting.person_notes[name])}）" if clean(meeting.person_notes.get(name)) else name
        if groups and groups[-1][0] == unit:
            groups[-1][1].append(shown)
        else:
            groups.append((unit, [shown]))
    return "，".join(f"{unit} {'、'.join(people)}" if unit else "、".join(people) for unit, people in groups)


def _real_names(names: list[str]) -> list[str]:
    """An 请假：无 line is no one."""
    return [clean(n) for n in names if clean(n) and clean(n) not in ("无", "没有", "暂无", "—", "-")]


def _opening(minutes: Minutes, meeting: dict[str, Any]) -> str:
    """The notes' own lead paragraph; else one sentence made of what the notes say (when, who, where)."""
    if clean(minutes.meeting.opening):
        return clean(minutes.meeting.opening)
    where = f"在{meeting['location']}" if meeting["location"] else ""
    chair = f"{meeting['host']}{where}主持召开" if meeting["host"] else f"{where}召开"
    held = f"{chair}{meeting['title'] or '会议'}"
    parts = [meeting["date"], held, f"{meeting['departments']}参加会议" if meeting["departments"] else ""]
    return "，".join(p for p in parts if p) + "。现将会议主要内容纪要如下："


# --------------------------------------------------------------------------- #
# Decisions, action items, topics, review notes
# --------------------------------------------------------------------------- #
def _decision(no: int, d: Decision, topic: str) -> dict[str, Any]:
    rationale = [clean(r) for r in d.rationale if clean(r)]
    return {"no": no, "text": clean(d.text), "sentence": sentence(d.text), "topic": topic,
            "rationale": rationale, "rationale_text": "；".join(rationale), "section": d.section,
            "position": _position(d.evidence.location if d.evidence else None)}


def _action(no: int, a: ActionItem, minutes: Minutes, task_id: str) -> dict[str, Any]:
    status = status_label(a.status)
    owner, department = clean(a.owner) or UNSAID, clean(a.owner_department)
    return {
        "no": no, "id": task_id, "task": clean(a.task), "owner": owner, "department": department,
        "unit": department if department != owner else "",
        "owner_full": f"{owner}（{department}）" if department and department != owner else owner,
        "collaborators": joined(a.collaborators), **_deadline_fields(a),
        "priority": PRIORITY_LABELS.get(a.priority, "中"), "status": status, "status_fill": STATUS_FILLS[status],
        "progress": "100%" if status == "已完成" else "0%", "topic": topic_name(minutes, a.topic),
        "remarks": "；".join(remarks(a)), "source_meeting": source_meeting(minutes),
        "sentence": _action_sentence(a, owner, department, deadline_label(a)), "section": a.section,
        "position": _position(a.evidence["task"].location if "task" in a.evidence else None),
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
    when = f"，{deadline}前完成" if a.deadline else f"，完成时限未明确{said}"
    unnamed = f"由{clean(a.vague_owner)}负责（未落实到具体负责人）" if a.vague_owner else "负责人未明确"   # what the notes say
    return f"{sentence(a.task)}{who if a.owner else unnamed}{helpers}{when}。"


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
    """Without the notes' sections (an extraction from elsewhere): grouped by topic, untitled last."""
    groups = [Group(n, None, [d for d in decisions if d["topic"] == n], [a for a in actions if a["topic"] == n])
              for n in names + [""]]
    groups = [g for g in groups if g.decisions or g.actions]
    if names and groups and not groups[-1].name:
        groups[-1].name = UNTITLED_REST
    return _numbered(groups)


def _sections(minutes: Minutes, decisions: list[dict], actions: list[dict]) -> list[dict[str, Any]]:
    """The notes' own sections in their order and words; what sits under no heading in a group of its own."""
    count = len(minutes.sections)
    groups = [_section_group(i, section, decisions, actions) for i, section in enumerate(minutes.sections)]
    groups = [g for g in groups if g.has_content()]
    rest = Group("", None, [d for d in decisions if not _placed(d, count)], [a for a in actions if not _placed(a, count)])
    if rest.has_content():
        before = _starts_before(rest, minutes)
        rest.name = "" if before or not groups else UNTITLED_REST
        groups = [rest] + groups if before else groups + [rest]
    return _numbered(groups)


def _section_group(index: int, section, decisions: list[dict], actions: list[dict]) -> "Group":
    group = Group(clean(section.heading), section.role, [d for d in decisions if d["section"] == index],
                  [a for a in actions if a["section"] == index])
    if section.role not in NOT_PRINTED_ROLES:
        group.paragraphs = [clean(p) for p in section.paragraphs if clean(p)]
        group.closing = [clean(p) for p in section.closing if clean(p)]
        group.table_lines = [line for table in section.tables for line in table_lines(table)]
    return group


def _placed(item: dict[str, Any], count: int) -> bool:
    return item["section"] is not None and 0 <= item["section"] < count


def _starts_before(rest: "Group", minutes: Minutes) -> bool:
    """Items under no heading that the notes write before their first heading go first."""
    first = _position(minutes.sections[0].evidence.location if minutes.sections[0].evidence else None)
    mine = [x["position"] for x in rest.decisions + rest.actions if x["position"] is not None]
    return first is not None and bool(mine) and min(mine) < first


def _position(loc) -> Optional[int]:
    """A comparable place in the notes: the line of a text file, the paragraph of a Word file (tables: None)."""
    if loc is None or loc.table is not None:
        return None
    return loc.line if loc.line is not None else loc.paragraph


def table_lines(rows: list[list[str]]) -> list[str]:
    """指标：营收；目标：1,200万元 — a table as lines, each row's cells labelled by the header row."""
    rows = [[clean(c) for c in row] for row in rows if any(clean(c) for c in row)]
    if len(rows) < 2:
        return ["；".join(c for c in row if c) for row in rows]
    head, body = rows[0], rows[1:]
    return ["；".join(f"{h}：{c}" if h and h != c else c for h, c in zip(head, row) if c) for row in body]


@dataclass
class Group:
    """One section of a document while it is being laid out."""

    name: str
    role: Optional[str]
    decisions: list[dict]
    actions: list[dict]
    paragraphs: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    table_lines: list[str] = field(default_factory=list)

    def has_content(self) -> bool:
        return bool(self.decisions or self.actions or self.paragraphs or self.closing or self.table_lines)

    def label(self, kind: str, words: tuple[str, ...], role: str) -> str:
        """结论 / 待办 (standard) or 会议议定 / 会议要求 (formal), unless the heading says it already."""
        return "" if self.role == role or any(w in self.name for w in words) else kind


def _numbered(groups: list[Group]) -> list[dict[str, Any]]:
    out, n = [], 0
    for no, g in enumerate(groups, 1):
        n += 1 if g.name else 0
        number = cn_numeral(n) if g.name else ""
        grounds = [f"结论{i}：{r}" if len(g.decisions) > 1 else r
                   for i, d in enumerate(g.decisions, 1) for r in d["rationale"]]
        out.append({"no": no, "number": number, "name": g.name, "heading": f"{number}、{g.name}" if g.name else "",
                    "role": g.role or "", "decisions": g.decisions, "grounds": grounds, "actions": g.actions,
                    "paragraphs": g.paragraphs, "closing": g.closing, "table_lines": g.table_lines,
                    "decision_label": g.label("结论", DECISION_WORDS, "decisions"),
                    "action_label": g.label("待办", ACTION_WORDS, "actions"), "lines": formal_lines(g)})
    return out


def formal_lines(g: Group) -> list[str]:
    """A 纪要 section's body: its own lines, then （一）（二）… entries (1. 2. under a label), then the rest."""
    entries: list[tuple[str, list[str]]] = []
    said = [d["sentence"] + (f"主要依据：{d['rationale_text']}。" if d["rationale"] else "") for d in g.decisions]
    entries += _labelled(g.label("会议议定", DECISION_WORDS, "decisions"), said)
    entries += _labelled(g.label("会议要求", ACTION_WORDS, "actions"), [a["sentence"] for a in g.actions])
    listed = [c for c in g.closing if _LIST_MARK.match(c)]
    entries += [(_LIST_MARK.sub("", c), []) for c in listed]
    lines = g.paragraphs + g.table_lines
    for i, (text, subs) in enumerate(entries, 1):
        lines.append((f"（{cn_numeral(i)}）" if len(entries) > 1 else "") + text)
        lines += [f"{j}. {sub}" for j, sub in enumerate(subs, 1)]
    return lines + [c for c in g.closing if c not in listed]


def _labelled(label: str, texts: list[str]) -> list[tuple[str, list[str]]]:
    if not texts:
        return []
    if not label:
        return [(t, []) for t in texts]
    return [(f"{label}：{texts[0]}", [])] if len(texts) == 1 else [(f"{label}：", texts)]


def _not_printed(entries: list[str], topics: list[dict[str, Any]]) -> list[str]:
    """Open questions and risks the sections do not already print."""
    printed = "\n".join(p for t in topics for p in t["paragraphs"] + t["closing"])
    return [clean(e) for e in entries if clean(e) and clean(e) not in printed]


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
    """The lint's findings brought up to date with any edits, in the notes' order."""
    from ..lint.review import review_findings
    loc = lambda f: f.location     # noqa: E731
    return sorted(review_findings(minutes), key=lambda f: (loc(f).line or 0, loc(f).paragraph or 0, loc(f).table or 0,
                                                           loc(f).row or 0, loc(f).cell or 0, loc(f).column or 0))


def _where(f: Finding) -> str:
    """第12行 in text notes; 第5段 or 表2第3行第1列 in a Word file."""
    loc = f.location
    if loc.line is not None:
        return f"第{loc.line}行"
    if loc.table is not None:
        return f"表{loc.table}第{loc.row}行第{loc.cell}列"
    return f"第{loc.paragraph}段" if loc.paragraph is not None else ""


def _notes(minutes: Minutes) -> list[dict[str, Any]]:
    """One note per phrase (尽快 with the missing deadline it causes), in the notes' order."""
    from ..lint.output import entries
    return [_note(i, e) for i, e in enumerate(entries(_sorted_findings(minutes)), 1)]


def _note(no: int, entry) -> dict[str, Any]:
    f = entry.head
    return {"no": no, "rule": "、".join(entry.rules), "label": "、".join(
                dict.fromkeys(x.label or _rule_label(x.rule) for x in entry.findings)),
            "words": clean(f.text), "message": clean(entry.message), "suggestion": clean(entry.suggestion),
            "where": _where(f), "severity": SEVERITY_LABELS.get(entry.severity, entry.severity)}


def _rule_label(rule: str) -> str:
    """An edited extraction may carry findings without labels: take them from nlp_models/lint.yaml."""
    from ..lint.config import rule_table
    spec = rule_table().get(rule)
    return spec.label if spec else rule
