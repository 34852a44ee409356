"""The meeting's information (title, when, where, who) and the document's gazetteer."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from .. import lexicon
from ..model import Evidence, Meeting
from ..labels import field_of
from ..parties import (Gazetteer, Party, is_department, is_post, looks_like_person, name_shaped,
                       parse_parties, parties_as_read, without_posts)
from ..units import Segmented, Unit, label_field
from ..textnorm import fold, fold_word
from ..layouts.noise import DAY_LINE
from .when import parse_other_language_day, parse_when, placed, read_when
from ..deadlines import find_deadlines

# Label precedence for the meeting date: a 会议时间 beats a form's 提报日期, and the day a request
# was filed (发起日期) comes after the time its communication log gives (_DATE_IN_CELL).
_DATE_LABEL_RANK = {"会议时间": 0, "会议日期": 0, "开会时间": 0, "召开时间": 0, "日期": 1, "时间": 2, "date": 1,
                    "time": 2, "沟通时间": 3, "when": 3, "发起日期": 5.5, "提报日期": 5.5, "填报日期": 5.5}
_GENERIC_TITLE = re.compile(r"^(?:会议纪要|会议记录|会议纪录|纪要|记录|会议|会议信息|meeting minutes|minutes|)$", re.I)
# Cut from a title (matched on folded text): a 【会议纪要】 tag, a detached 会议纪要/速记
# suffix, an attached 纪要 (keeping 会议), and a (录音整理) remark.
_TITLE_NOISE = re.compile(r"^\[(?:会议纪要|会议记录|纪要)\]\s*|^\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?=\S{4})|"
                          r"\s*[(（](?:节选|摘要|摘录|草稿|初稿)[)）]$|(?<!\s)\s+(?:会议纪要|会议记录|会议纪录|纪要|速记|记录)$"
                          r"|(?<=会)会议(?:纪要|记录|纪录)$|(?<=会议)(?:纪要|记录|纪录)$|(?<=会)(?:纪要|记录|纪录)$|(?<!\s)\s*\((?:录音整理|速记|草稿|初稿)\)$", re.I)
_MEETING_WORD = re.compile(r"会|纪要|记录|review|planning|sync|standup|retro|meeting", re.I)
_HOSTED_BY = re.compile(r"由(?:轮值主席|主席|会议主持人|总经理|副总经理)?\s*+([A-Za-z][\w.-]{1,38}+|[^，,。()（）\s]{0,8})\s*+"
                        r"(?:[(（]([^()（）]+)[)）])?\s*+主持")
_DATE_IN_CELL = 5   # rank of a time found in a record's 时间 column (a communication log)
_FIELD_SPLIT = re.compile(r"(?<!\s)(?:\s{2,}+|\u3000++|\s*+\|\s*+|\s++(?=\S{1,6}[:：]))(?=[^\s:：|]{1,8}[:：])")
_CONTINUATION_LABELS = {"attendees", "departments", "absent"}
# An opening line that speaks of the meeting (…召开…, 今天（…）会议的纪要, the meeting was held…).
_MEETING_TALK = re.compile(r"会议|例会|会上|在.{1,20}开|\b(?:meeting|held|met)\b", re.I)


@dataclass
class MeetingInfo:
    meeting: Meeting
    gazetteer: Gazetteer
    urgency: Optional[str]           # 紧急程度 of a form: governs every item


def extract_meeting(seg: Segmented, ref_date: Optional[date] = None) -> MeetingInfo:
    fields = list(_field_values(seg.units))
    meeting = Meeting()
    gazetteer = Gazetteer()
    _title(meeting, seg, fields)
    _when(meeting, fields, seg, ref_date)
    _location(meeting, fields)
    _place_after_the_day(meeting)
    _people(meeting, gazetteer, fields, seg)
    _from_prose(meeting, gazetteer, seg)
    _from_chat(meeting, gazetteer, seg)
    _roles_in_turns(meeting, gazetteer, seg)
    _place_after_at(meeting, seg)
    _roles_attend(meeting)
    urgency = next((v for name, v, _ in fields if name == "urgency"), None)
    return MeetingInfo(meeting=meeting, gazetteer=gazetteer, urgency=urgency)


def _field_values(units: list[Unit]) -> Iterable[tuple[str, str, Unit]]:
    """(field, value, unit) for every meeting label, splitting lines that hold several."""
    for i, unit in enumerate(units):
        if unit.label_group == "meeting" and _under_next_meeting(unit):
            continue                      # ## 下次会议 / 轮值主持人：… names the next meeting's chair
        if unit.label_group == "meeting":
            for name, value in _split_fields(unit.label, unit.text):
                if not value and name in _CONTINUATION_LABELS:
                    value = _continued_value(_continuation(units, i))
                elif name in _CONTINUATION_LABELS and (more := _run_on(units, i, value)):
                    value = "；".join([value.rstrip("、，,；; "), *(u.text for u in more)])
                yield name, value, unit
                if name == "attendees":
                    yield from (("attendees", names, u) for u, names in _other_sides(units, i))
        elif unit.record is not None and unit.column in ("attendees", "date"):
            yield unit.column, unit.text, unit
        elif i < _HEADER_LINES and unit.kind == "line" and unit.label is None and (parts := _header_parts(unit.text)):
            unit.label, unit.label_group = parts[0][0], "meeting"      # the line is the meeting's, not a task
            yield from ((name, value, unit) for name, value in parts)
        if unit.label_group == "meeting" or (unit.label is None and unit.kind == "line" and not unit.headings):
            if m := _HOSTED_BY.search(unit.text):
                yield "hosted_by", m.group(1) or m.group(2) or "", unit


def _under_next_meeting(unit: Unit) -> bool:
    """A line under a heading about the next meeting (## 下次会议安排, ### 确定下次的议题及时间)."""
    return any(h.kind == "heading" and _names_next_meeting(h.fold.lower()) for h in unit.headings)


def _names_next_meeting(words: str) -> bool:
    return any(p in words for p in _next_prefixes())


@lru_cache(maxsize=1)
def _next_prefixes() -> tuple[str, ...]:
    return tuple(lexicon.folded_words("deadlines.yaml", "next_meeting_prefixes"))


_HEADER_LINES = 8
_PART = re.compile(r"(?<!\s)\s*+[|｜·•]\s*|\s++/\s++|[。；;]\s*+(?=[^，,。；;:：\s]{1,6}\s*+[:：])")   # …9:30。主持：X；记录：Y


def _header_parts(text: str) -> list[tuple[str, str]]:
    """``2025-06-17 10:00-10:20 | Host: Kevin | Notes: Lily``: a header line of fields set apart by
    bars or dots, the first perhaps unlabelled (a date); two labelled parts make it a header."""
    fields = [(_part_field(part), part) for part in _PART.split(text) if part.strip()]
    if sum(1 for field, _ in fields if field) < 2:
        return []                         # not a header: its other parts need not be read as dates
    found = []
    for field, part in fields:
        if field:
            found.append(field)
        elif (when := parse_when(part)).day or when.start:
            found.append(("date", part.strip()))
            found += [("location", c.strip()) for c in _CLAUSES.split(part)[1:] if names_a_place(c)]
    return found


def _part_field(part: str) -> Optional[tuple[str, str]]:
    """(field, value) of a labelled part of a header line (主持：X, or 主持 X)."""
    label, colon, value = _COLON.split(part, maxsplit=1) if _COLON.search(part) else (part, "", "")
    name = label_field(label, "meeting") if colon else None
    if name is None and not colon and (spaced := _SPACED_LABEL.match(part.strip())):
        name = label_field(spaced.group(1), "meeting")              # 主持 司空澜 / 记录 耿佳
        value = spaced.group(2) if name else value
    return (name, value.strip().rstrip("。；;，,")) if name else None


_SPACED_LABEL = re.compile(r"(\S{1,6})\s++(\S.{0,30})$")
_COLON = re.compile(r"([:：])")


def _split_fields(first: str, text: str) -> list[tuple[str, str]]:
    """``2024-03-12 10:20　　地点：应急指挥室`` → date and location."""
    parts = _FIELD_SPLIT.split(text)
    out = [(first, parts[0].strip())]
    for part in parts[1:]:
        label, _, value = _COLON.split(part, maxsplit=1)
        name = label_field(label, "meeting")
        if name:
            out.append((name, value.strip()))
        else:
            out[-1] = (out[-1][0], f"{out[-1][1]} {part}".strip())
    return out


def _continuation(units: list[Unit], i: int) -> list[Unit]:
    """The lines under an empty ``参会人员：`` label: indented or listed, or (as Word keeps them,
    without indent) lines that are only people and their departments (销售部 高峰, 品牌部：常晓、宋佳音),
    or a department on its own line (【市场部】, ### 技术部) with its people under it."""
    lines = []
    for unit in units[i + 1:]:
        if _department_line(unit.text) is not None and unit.kind in ("heading", "line") and unit.label is None:
            lines.append(unit)
            continue
        if lines and _department_line(lines[-1].text) is not None and unit.kind == "heading" \
                and _only_people(unit.text):
            lines.append(unit)              # 【财务部】 / 施雨桐: one short line under it reads like a heading
            continue
        if unit.label is not None and not _side_of_the_meeting(unit) or unit.kind == "heading" \
                or (not unit.indent and unit.style is None and not _only_people(unit.text)):
            break
        lines.append(unit)
    while lines and _department_line(lines[-1].text) is not None:
        lines.pop()                        # a department with nobody under it is the next section's heading
    return lines


def _run_on(units: list[Unit], i: int, value: str) -> list[Unit]:
    """A list that goes on past its label's line: after a value ending in a separator
    (张三、李四、 / 王五、赵六), or in lines indented under it (出席：沈立群　副市长 / 　　　郁志强　副秘书长),
    the next lines that hold only people."""
    if not value.endswith(_RUN_ON_ENDS) and not (i + 1 < len(units) and units[i + 1].indent):
        return []
    lines = []
    for unit in units[i + 1:i + 1 + _RUN_ON_LINES]:
        if unit.kind not in ("line", "heading") or unit.label is not None or not _only_people(unit.text):
            break
        if unit.kind == "heading" and (unit.style is not None or not _only_names(unit.text)):
            break                                   # (a short last line passes for a heading; a marked one is one)
        lines.append(unit)
        if not unit.indent and not unit.text.endswith(_RUN_ON_ENDS):
            break                                   # an unindented line ends the list unless it runs on too
    return lines


def _only_names(text: str) -> bool:
    """张三、李四: a line that names people and nothing else (no department, no sentence)."""
    found = _only_parties(text)
    return bool(found) and all(p.kind == "person" for p in found)


_RUN_ON_ENDS = ("、", "，", ",", "；", ";")
_RUN_ON_LINES = 20


def _side_of_the_meeting(unit: Unit) -> bool:
    """``业主单位：冼伟、房晓`` read as a record's field (a 单位): one side's people, when that is all it holds."""
    return unit.label_group == "record" and unit.kind == "line" and _only_people(unit.text)


def _other_sides(units: list[Unit], i: int) -> Iterable[tuple[Unit, str]]:
    """``我方人员：…`` then ``供应商：华腾精密塑胶有限公司 销售总监 雷振、客户经理 蔡晶``: the lines
    after an attendee line that name another party's people, each written with a post."""
    for unit in units[i + 1:i + 1 + _SIDES]:
        m = _LABELLED.match(unit.text)
        if unit.kind != "line" or unit.label is not None or not m:
            return
        names = [_posted_name(entry) for entry in _ENTRIES.split(unit.text[m.end():])]
        if not names or not all(names):
            return
        yield unit, "、".join(names)


_SIDES = 3
_ENTRIES = re.compile(r"[、；;]")


def _posted_name(entry: str) -> Optional[str]:
    """``…有限公司 销售总监 雷振`` → 雷振: a name after a post, whatever comes before."""
    words = entry.split()
    return words[-1] if len(words) >= 2 and name_shaped(words[-1]) and is_post(words[-2]) else None


def _continued_value(lines: list[Unit]) -> str:
    """The lines as one list value, a department on its own line applied to the people under it."""
    entries, department = [], None
    for unit in lines:
        if (heading := _department_line(unit.text)) is not None:
            department = heading
        else:
            entries.append(f"{department}：{unit.text}" if department and not _LABELLED.match(unit.text) else unit.text)
    return "；".join(entries)


_LABELLED = re.compile(r"^[^:：]{1,12}[:：]")


def _department_line(text: str) -> Optional[str]:
    """【市场部】 / 技术部： / 客服中心: a line that is only a department."""
    words = text.strip().strip("【】[]()（）:：*# ")
    return words if words and len(words) <= _PEOPLE_LINE and is_department(words) else None


def _only_people(text: str) -> bool:
    if len(text) > _PEOPLE_LINE or _SENTENCE_END.search(text):
        return False
    if m := _LABELLED.match(text):           # 品牌部：常晓、宋佳音 / 甲方：冼伟、房晓
        label = text[:m.end() - 1].strip()
        if not is_department(label) and (len(label) > _SIDE_LABEL or name_shaped(label)):
            return False
        text = text[m.end():]
    parties = parties_as_read(text)
    return any(p.kind == "person" for p in parties) and all(p.kind in ("person", "department") for p in parties)


_SENTENCE_END = re.compile(r"[。；;]")
_PEOPLE_LINE = 40          # chars: 总经办 赵宏（总经理）, 财务部 葛琼、严倩
_SIDE_LABEL = 6            # chars: 甲方, 建设单位, 受託方 — a side of the meeting, no sentence


# --------------------------------------------------------------------------- #
def _title(meeting: Meeting, seg: Segmented, fields) -> None:
    """The meeting's own name: what the notes call this meeting, not the organisation above it,
    the series it belongs to, an app's banner or a bare 会议纪要."""
    candidates = [(0, i, v, u) for i, (name, v, u) in enumerate(fields) if name == "title" and v]
    first = [u for u in seg.units[:_TITLE_LINES] if u.kind in ("line", "heading") and u.record is None
             and (u.label is None or u.label == "topic") and u.style is None]
    heads = [u for u in seg.units if u.kind == "heading" and u.rank <= 2]
    for i, unit in enumerate(_unique([*([seg.title_unit] if seg.title_unit else []), *first])):
        candidates.append((1, i, unit.text, unit))
    for i, unit in enumerate(u for u in heads if u is not seg.title_unit and u not in first):
        candidates.append((3, i, unit.text, unit))          # a later heading names the meeting only outright
    for i, (name, unit) in enumerate(_convened_names(seg)):
        candidates.append((2, i, name, unit))
    scored = [(_title_score(text, source, unit is seg.title_unit), _PREFERENCE[source], -order, text, unit)
              for source, order, text, unit in candidates]
    best = max(scored, default=None)
    if best is not None and best[0] > 0:
        _, _, _, text, unit = best
        meeting.title = _clean_title(text)
        meeting.evidence["title"] = Evidence(text, unit.locate())


_TITLE_LINES = 8          # a title sits among the first lines
# On equal scores: the title line first, then a 会议名称 field, then the name an opening sentence
# gives, then a later heading.
_PREFERENCE = {1: 3, 0: 2, 2: 1, 3: 0}
_SENTENCE_MARK = re.compile(r"[，,。；;]|://")
_DATE_TAIL = re.compile(r"(?<=[^\s@·-])[\s@·-]++(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{8}).*$")
_BRACKET_TAIL = re.compile(r"(?<!\s)\s*+[(（][^()（）]*[)）]\s*$")
_ORDINAL_MEETING = re.compile(r"第\s*[0-9一二三四五六七八九十百〇零]+\s*[次期届]")


def _unique(units: list) -> list:
    out = []
    for unit in units:
        if unit not in out:
            out.append(unit)
    return out


def _title_score(text: str, source: int, first: bool = False) -> int:
    """How surely a line names this meeting: a labelled 会议名称 most, then a line ending in a
    meeting word (…协调会, 周例会, sync); an organisation, a series, a banner or 会议纪要 alone
    not at all."""
    if _SENTENCE_MARK.search(text):
        return 0                          # a sentence (cleaning a title never takes its marks away)
    cleaned = _clean_title(text)
    folded = _DATE_TAIL.sub("", _BRACKET_TAIL.sub("", fold(cleaned))).lower()
    if not cleaned or _GENERIC_TITLE.match(folded) or len(cleaned) > 50:
        return 0
    if any(w in folded for w in lexicon.folded_words("cues.yaml", "not_titles")):
        return 0
    ends = folded.rstrip(" )）").endswith(_meeting_nouns())
    score = 3 if ends else 1 if _MEETING_WORD.search(cleaned) or first else 0
    if is_department(cleaned) or not ends and lexicon.department_pattern().fullmatch(fold_word(cleaned)):
        return 0                                        # 慈安社区服务中心 heads the page; it is no meeting
    if source == 3 and not ends:
        return 0                                        # # 例会照片 is a later section, not the meeting
    if _ORDINAL_MEETING.search(cleaned):
        score += 1                                      # 第12次常务会议 names one meeting of a series
    return score


@lru_cache(maxsize=1)
def _meeting_nouns() -> tuple[str, ...]:
    return tuple(lexicon.folded_words("cues.yaml", "meeting_nouns"))


def _convened_names(seg: Segmented) -> Iterable[tuple[str, Unit]]:
    """``…主持召开第12次县政府常务会议，研究…``: the name an opening sentence gives the meeting."""
    for unit in seg.units[:_TITLE_LINES + 4]:
        if unit.kind == "line" and (m := _CONVENED_NAME.search(unit.text)):
            yield m.group(1), unit


_CONVENED_NAME = re.compile(r"(?:召开|举行|开了)了?([^，,。；;、\s]{2,30}?(?:会议|会))(?=[，,。；;\s]|$)")


def _clean_title(text: str) -> str:
    """The title without the words every minutes carries (会议纪要, （草稿）); a bracket that wraps
    it whole goes, one that sets off a part of it (【3.15】第四次会议) stays."""
    text = text.strip()
    while (m := _TITLE_NOISE.search(fold(_square(text)))):
        text = (text[:m.start()] + text[m.end():]).strip()
    if _WRAPPED.fullmatch(_square(text)):
        text = text[1:-1].strip()
    return text


_WRAPPED = re.compile(r"\[[^\[\]]+\]")


def _square(text: str) -> str:
    """【】 as [] (one character each, so offsets hold)."""
    return text.replace("【", "[").replace("】", "]")


def _when(meeting: Meeting, fields, seg: Segmented, ref: Optional[date]) -> None:
    """The meeting's date and times, from the best-ranked source that gives them (see when.py)."""
    labelled = [(_DATE_LABEL_RANK.get(fold(u.label_words or "").lower(), 4) if u.record is None else _DATE_IN_CELL,
                 i, v, u) for i, (name, v, u) in enumerate(fields) if name == "date"]
    candidates = sorted(labelled + list(_unlabelled_dates(seg)), key=lambda t: t[:2])
    reference = _Reference(ref, seg)
    # (a mail header's time is when it was sent, not when the meeting began: its day alone may serve)
    for rank, _, value, unit in candidates:
        if meeting.date and meeting.start_time:
            break                         # nothing later can change either
        if rank == _ANY_DATE and not _mostly_date(value):
            continue                      # a date inside an opening line's content is no meeting date
        if unit.label_group != "meeting" and not _DAY_WRITTEN.search(fold(value)):
            continue                      # no day to read, and a time alone counts only on a meeting line
        when = read_when(value)
        if rank == _ANY_DATE and not when.has_year:
            continue
        if when.day is not None and not when.has_year:
            when = placed(when, reference.day())
        if when.day and not meeting.date:
            meeting.date = when.day.isoformat()
            meeting.evidence["date"] = Evidence(value, unit.locate())
        if when.start and not meeting.start_time and (when.day or unit.label_group == "meeting") \
                and unit.kind != "noise":
            meeting.start_time, meeting.end_time = when.start, when.end
            meeting.evidence["start_time"] = Evidence(value, unit.locate())
    for _, _, value, unit in sorted(labelled, key=lambda t: t[:2]) if not meeting.date else ():
        if (day := parse_other_language_day(value, reference.day())) is not None:
            meeting.date = day.isoformat()
            meeting.evidence["date"] = Evidence(value, unit.locate())
            break
    if meeting.date and not meeting.start_time:
        _time_beside_the_day(meeting, [t for t in labelled if t[3].kind != "noise"])
    if not meeting.start_time:
        _start_said(meeting, seg)


class _Reference:
    """The day a date written without its year is placed by: the one given, else the first full
    date the notes state (7月1日…召开 in a 纪要 dated 2025年7月3日), looked for only when such a
    date comes up (most notes write the meeting's year)."""

    def __init__(self, given: Optional[date], seg: Segmented) -> None:
        self._day, self._seg = given, seg if given is None else None

    def day(self) -> Optional[date]:
        if self._seg is not None:
            self._day, self._seg = _stated_day(self._seg), None
        return self._day


def _stated_day(seg: Segmented) -> Optional[date]:
    """The first full date, year and all, in the first lines (a heading's, a label's), else in the
    last (the date a letter or 纪要 is signed with)."""
    for unit in seg.units[:_HEADER_LINES] + seg.units[max(_HEADER_LINES, len(seg.units) - _SIGNED_LINES):]:
        if unit.kind in ("line", "heading") and _YEAR.search(unit.text):
            when = parse_when(unit.text, None)
            if when.has_year and when.day:
                return when.day
    return None


_SIGNED_LINES = 3
_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}\s*+[年./-]")
# A day is written with figures or 月 (when.py's _names_a_day): a text with neither names none.
_DAY_WRITTEN = re.compile(r"\d|月")


def _time_beside_the_day(meeting: Meeting, labelled) -> None:
    """``5月20日 11:00`` in a form's 时间 cell, the year left out: the meeting's day, so its start."""
    day = date.fromisoformat(meeting.date)
    for _, _, value, unit in sorted(labelled, key=lambda t: t[:2]):
        when = parse_when(value, day)
        if when.start and when.day == day:
            meeting.start_time, meeting.end_time = when.start, when.end
            meeting.evidence["start_time"] = Evidence(value, unit.locate())
            return


def _start_said(meeting: Meeting, seg: Segmented) -> None:
    """A start no label gives: a time said with the meeting's opening in the first lines or posts
    (@所有人 10点在群里开个短会), else, in a chat export, the time of the first post after the
    day line (a transcript's offsets from the recording are no clock times, and have no day line)."""
    day_line = next((u.index for u in seg.units if u.noise == DAY_LINE), None)
    first = seg.units[day_line + 1:] if day_line is not None else seg.units
    opening = [u for u in first if u.kind in ("line", "heading") and u.record is None][:_OPENING_POSTS]
    for unit in opening:
        if day_line is None and not any(w in unit.fold for w in _meeting_nouns()):
            continue                      # outside a chat, only a line that speaks of a meeting (…开始试运行 is none)
        if (said := _opening_time(unit.fold)) is not None:
            meeting.start_time = said
            meeting.evidence["start_time"] = Evidence(unit.text, unit.locate())
            return
    post = next((u for u in first if u.when and u.kind in ("line", "speaker")), None) if day_line is not None else None
    if post is not None and (m := _CLOCK_STAMP.match(post.when)):
        meeting.start_time = f"{int(m.group(1)):02d}:{m.group(2)}"
        meeting.evidence["start_time"] = Evidence(post.when, post.locate())


_OPENING_POSTS = 6
_CLOCK_STAMP = re.compile(r"^(?:.*\s)?(\d{1,2}):(\d{2})(?::\d{2})?$")
_SAID_ON = date(2000, 1, 3)             # any day: only the time of day is read


def _opening_time(folded: str) -> Optional[str]:
    """HH:MM of a time of day said as when the meeting opens: 10点…开个短会, 今晚8点线上碰一下,
    下午三点准时开始; not a deadline (10点前交材料)."""
    for m in _clock_start().finditer(folded):
        probe = "今天" + folded[m.start():m.start() + _PROBE_CHARS]
        said = next((d for d in find_deadlines(probe, _SAID_ON) if d.start == 0), None)
        if said is None or said.kind != "datetime" or said.bounded or not said.iso:
            continue
        after = probe[said.end:said.end + _OPENING_GAP + 4]
        gap = after[:w.start()] if (w := _opening_word().search(after)) else None
        if gap is not None and not _CLAUSES.search(gap) and not _clock_start().search(gap):
            return said.iso[11:16]                 # (2点的会改到3点开始: the later time opens it)
    return None


_PROBE_CHARS = 16
_OPENING_GAP = 8


@lru_cache(maxsize=1)
def _clock_start() -> re.Pattern:
    """Where a time of day may begin: a day part or an hour (10点, 9:30, 三点半)."""
    dayparts = lexicon.alternation(w for key in ("early_morning", "morning", "noon", "afternoon", "evening")
                                   for w in lexicon.words("deadlines.yaml", "dayparts", key))
    return re.compile(rf"(?:{dayparts})(?=\s*+[\d零〇一二两三四五六七八九十])|(?<![\d.:/-])(?:\d{{1,2}}|[零〇一二两三四五六七八九十]{{1,3}})"
                      rf"\s*+(?:[:：]\s*+\d{{2}}|[点时])")


@lru_cache(maxsize=1)
def _opening_word() -> re.Pattern:
    return re.compile(lexicon.alternation(lexicon.words("meeting.yaml", "opening_words")), re.I)


_ANY_DATE = 9


def _mostly_date(text: str) -> bool:
    """A header line that opens with its date (``2025-06-17 (Tue) 10:00 | Host: …``), or a short
    line that holds little else (``东川县人民政府办公室　2023年11月6日``); not a sentence."""
    if re.match(r"(?<!\s)\s*+(?:\d{4}\s*+[-/.年]|\d{8}\b)", fold(text)):
        return True
    return not re.search(r"[，,。；;]", text) and len(text.strip()) <= 40


def _unlabelled_dates(seg: Segmented) -> Iterable[tuple[int, int, str, Unit]]:
    """Dates the note states without a label: its title, an opening that convenes the meeting,
    a chat export's day line, then any date among the first lines."""
    first = [u for u in seg.units[:12] if u.kind in ("line", "heading") and u.label is None and u.record is None]
    for i, unit in enumerate(first):
        text = unit.text
        if unit is seg.title_unit or unit.kind == "heading" and unit.rank <= 2 and i < 4:
            yield 6, i, text, unit
        elif unit.style is None and (next(_convened_in(text), None) or _MEETING_TALK.search(text)
                                     or _says_convening(fold(text))):
            yield 7, i, text, unit
        elif unit.style is None and (today := _today_then_date().search(fold(text))):
            yield 7, i, text[today.start(1):], unit          # 今天（6/12）下午的讨论纪要如下：the date said
        elif unit.style is None:
            yield _ANY_DATE, i, text, unit
    for i, unit in enumerate(u for u in seg.units if u.kind == "speaker" or u.noise == DAY_LINE):
        yield 8, i, unit.when or unit.text, unit


@lru_cache(maxsize=1)
def _today_then_date() -> re.Pattern:
    """今天（6/12） / 今日10月9日: "today" and the date it is."""
    today = lexicon.alternation(lexicon.words("meeting.yaml", "today_words"))
    return re.compile(rf"(?:{today})\s*+[(（]?+\s*+(\d{{1,4}}+\s*+[-/.月年]\s*+\d{{1,2}})", re.I)


def _says_convening(folded: str) -> bool:
    return any(w in folded for w in lexicon.folded_words("cues.yaml", "convening"))


def _location(meeting: Meeting, fields) -> None:
    """The first labelled place; a value that is a sentence gives only its clause that names a place
    (现场会议，2号楼会议室B), or nothing (会场：报告厅消防检查过了，音响还没调 reports on the venue)."""
    for field_name, value, unit in fields:
        if field_name == "location" and value and meeting.location is None and (place := _place_of(value)):
            meeting.location = place
            meeting.evidence["location"] = Evidence(value, unit.locate())


_CLAUSES = re.compile(r"[，,。；;]")


def _place_of(value: str) -> Optional[str]:
    value = value.strip().rstrip("。；;，,")
    if not value or not _CLAUSES.search(value):
        return value or None
    places = [m for m in _CLAUSE.finditer(value) if names_a_place(m.group())]
    return value[places[0].start():places[-1].end()].strip() if places else None   # 客户现场，…4楼会议室


_CLAUSE = re.compile(r"[^，,。；;]+")


def _place_after_the_day(meeting: Meeting) -> None:
    """``2025.6.9 周一 下午3点 三楼会议室``: a line under the title that gives the day, perhaps the
    time, and last, set apart by a space, the place."""
    day = meeting.evidence.get("date")
    if meeting.location or day is None or not meeting.date:
        return
    words = day.text.split()
    last = words[-1].lstrip("@＠") if len(words) > 1 else ""      # (@三楼会议室: at)
    when = parse_when(last)
    if names_a_place(last) and not (when.day or when.start):
        meeting.location = last
        at = day.location
        column = at.column + day.text.rindex(last) if at.column is not None else None
        meeting.evidence["location"] = Evidence(last, replace(at, column=column))


def names_a_place(words: str) -> bool:
    """3号楼, 第一会议室B, 报告厅, 新仓项目办公室, A座12层 1201: a short name ending in a place
    word, perhaps with a room number after it."""
    folded = fold_word(_ROOM_NUMBER.sub("", words.strip())).lower()
    return 1 < len(folded) <= _PLACE_MAX and folded.endswith(_place_words())


_ROOM_NUMBER = re.compile(r"(?:\s*+[(（][^()（）]*[)）]|\s*+[A-Za-z0-9-]{1,6})$")


_PLACE_MAX = 30


@lru_cache(maxsize=1)
def _place_words() -> tuple[str, ...]:
    return tuple(w.lower() for w in lexicon.folded_words("meeting.yaml", "place_words"))


# --------------------------------------------------------------------------- #
_CONVENING_VERBS = ("主持召开", "主持", "召集召开", "召开")      # what a chair does to a meeting


@lru_cache(maxsize=1)
def _convened() -> re.Pattern:
    """``副区长刘建明在区政府三楼会议室主持召开…``: who chaired it, and where."""
    titles = "|".join(sorted(lexicon.words("parties.yaml", "leading_titles"), key=len, reverse=True))
    return re.compile(rf"(?:{titles})?\s*+([\u4e00-\u9fff]{{2,3}}|(?<![A-Za-z])[A-Za-z]++(?:\s[A-Za-z]++)?)\s*+(?:同志)?"
                      rf"(?:在([^，,。；;]{{2,24}}?))?(?:{'|'.join(_CONVENING_VERBS)})")


def _convened_in(words: str) -> Iterator[re.Match]:
    """`_convened`'s matches in the words, looked for only where one of its verbs is: the pattern
    tries every character as a chair's name, and most lines convene nothing."""
    if not any(verb in words for verb in _CONVENING_VERBS):
        return iter(())
    return _convened().finditer(words)


def _from_prose(meeting: Meeting, gazetteer: Gazetteer, seg: Segmented) -> None:
    """A 纪要 that opens with a sentence instead of a form: date, chair and place from it."""
    opening = [u for u in seg.units[:6] if u.kind == "line" and u.label is None and u.record is None]
    for unit in opening:
        text = unit.text                  # matched in the folded view (副總經理 too), quoted as written

        def said(m: re.Match, group: int) -> str:
            return text[m.start(group):m.end(group)]
        for m in _convened_in(unit.fold) if not meeting.host else ():
            host = said(m, 1)              # (…服务中心在会所召开会议。经理蔡永红主持: not the first match)
            if name_shaped(host) and not _first_person(host):
                meeting.host = host
                meeting.evidence["host"] = Evidence(host, unit.locate(m.start(1)))
                gazetteer.add_person(host)
                break
        if not meeting.location and (m := _CONVENED_AT.search(unit.fold)):
            meeting.location = said(m, 1).strip()
            meeting.evidence["location"] = Evidence(said(m, 1), unit.locate(m.start(1)))
        if not meeting.recorder and (m := _RECORDED_BY.search(unit.fold)):    # …，客服部夏侯杰记录。
            person = next((p for p in parties_as_read(said(m, 1)) if p.kind == "person" and name_shaped(p.name)), None)
            if person is not None:
                meeting.recorder = person.name
                meeting.evidence["recorder"] = Evidence(said(m, 1), unit.locate(m.start(1)))
                gazetteer.add_person(person.name, person.department)
        _attendance_in_sentence(meeting, gazetteer, unit)
        for m in _ROLE_IN_SENTENCE.finditer(unit.fold):           # …召开协调会，主持：鲍一凡（IT运维部），参加：…
            role = "host" if m.group(1).startswith("主持") else "recorder"
            if not getattr(meeting, role) and name_shaped(said(m, 2)):
                setattr(meeting, role, said(m, 2))
                meeting.evidence[role] = Evidence(said(m, 2), unit.locate(m.start(2)))
                gazetteer.add_person(said(m, 2))


# ``…在区政府三楼会议室主持召开…`` / ``14:00在运维中心会议室召开…``: where the opening says it met
_CONVENED_AT = re.compile(r"在([^，,。；;在]{2,24}?)(?:主持召开|召集召开|召开|举行)")
# The last clause of an opening that says who chaired and who took notes: …，客服部夏侯杰记录。
# (or a sentence of its own: …参加会议。办公室孔令怡记录。)
_RECORDED_BY = re.compile(r"(?:(?<=主持)[^。；;]*?[，,]|(?:^|(?<=[。；;])))\s*+(?:由)?([^，,。；;]{2,16}?)(?:负责)?(?:作|做)?记录(?=\s*+[。；;]|\s*+$)")
# A role given as a field inside the opening sentence, after a comma
_ROLE_IN_SENTENCE = re.compile(r"[，,；;]\s*+(主持人?|记录人?)\s*+[:：]\s*+([^\s，,；;。(（]{2,12})")


def _attendance_in_sentence(meeting: Meeting, gazetteer: Gazetteer, unit: Unit) -> None:
    """Who took part, said in the opening sentence: a clause ``参加：易航（客服部）、尚文（财务部）``,
    or parties before an attendance verb (工程部、客服部负责人参加; 张伟、李娜出席会议)."""
    people_before: list[Party] = []          # 副院长葛宏、鲍丽华，院办负责人参加会议: the clauses of only people before it
    for clause in _CLAUSE.finditer(unit.text):
        words = clause.group().strip()
        present = None
        label = _LABEL_IN_CLAUSE.match(words)
        if label and label_field(label.group(1), "meeting") == "attendees":
            parties = parties_as_read(words[label.end():])
        elif (front := _before_attendance(words)) is not None:
            parties = people_before + parties_as_read(front)
        elif (present := listed_as_present(words)) is not None:
            parties = parties_as_read(present)
        else:
            found = _only_parties(words) if "、" in words or len(words) <= _ONE_PARTY else []
            people_before = people_before + found if found else []
            continue
        if parties and all(p.kind in ("person", "department") for p in parties):
            listed = bool(meeting.attendees)
            for party in parties:
                if party.kind == "department":
                    _add_department(meeting, gazetteer, party.name)
                elif not listed:
                    _add_attendee(meeting, gazetteer, party.name, party.department)
                    if party.department:
                        _add_department(meeting, gazetteer, party.department)
            if not listed and present is not None and unit.speaker and looks_like_person(unit.speaker):
                _add_attendee(meeting, gazetteer, unit.speaker, None)      # a post listing who came: its writer too


_LABEL_IN_CLAUSE = re.compile(r"^([^\s:：]{1,6})\s*+[:：]\s*+")


_LIST_MARK = re.compile(r"[、,，]")
_ONE_PARTY = 12          # chars: a clause naming one party (副院长葛宏) is no longer; a list has its 、


def _only_parties(clause: str) -> list[Party]:
    """The parties of a clause that holds nothing else (副院长葛宏、鲍丽华、程志远), else none."""
    entries = [e for e in _LIST_MARK.split(clause) if e.strip()]
    parties = parties_as_read(clause)
    named = [p for p in parties if p.kind in ("person", "department") and (p.kind == "department" or name_shaped(p.name))]
    return named if entries and len(named) == len(entries) == len(parties) else []


def listed_as_present(clause: str) -> Optional[str]:
    """``今天来的有 @Ben @蒋琪``, ``到场的有：…``: the people a clause lists as there, to its end."""
    m = _present_listing().search(fold(clause))
    return clause[m.end():].strip() if m and m.end() < len(clause) else None


@lru_cache(maxsize=1)
def _present_listing() -> re.Pattern:
    verbs = lexicon.alternation(lexicon.folded_words("meeting.yaml", "attendance_verbs")
                                | lexicon.folded_words("meeting.yaml", "arrival_verbs"))
    return re.compile(rf"(?:{verbs})了?的(?:人|人员|同事)?有\s*+[:：]?\s*+")


def _before_attendance(clause: str) -> Optional[str]:
    """The parties of ``工程部、客服部负责人参加``: the clause before its attendance verb and the
    delegates a department sends."""
    folded = fold(clause)
    verb = next((v for v in _attendance_verbs() if folded.endswith(v) and len(folded) > len(v)), None)
    if verb is None:
        return None
    front = folded[:-len(verb)].rstrip()
    while (delegate := next((d for d in _delegate_words() if front.endswith(d) and len(front) > len(d)), None)):
        front = front[:-len(delegate)].rstrip()
    return clause[:len(front)]


@lru_cache(maxsize=1)
def _attendance_verbs() -> tuple[str, ...]:
    return tuple(sorted(lexicon.folded_words("meeting.yaml", "attendance_verbs"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _delegate_words() -> tuple[str, ...]:
    return tuple(sorted(lexicon.folded_words("meeting.yaml", "delegate_words"), key=len, reverse=True))


def _first_person(words: str) -> bool:
    """今天我 (…主持): the speaker, not a name."""
    return any(w in words for w in lexicon.words("cues.yaml", "first_person"))


def _from_chat(meeting: Meeting, gazetteer: Gazetteer, seg: Segmented) -> None:
    """A chat export, when no list says who took part: the people a system line lists as the
    call's participants, then who wrote (a header ``钱晓峰 10:01`` or a post ``孟凡(售后服务部)：…``,
    whose bracket gives the writer's department)."""
    if meeting.attendees:
        return
    for unit in seg.units:
        if unit.kind == "noise" and unit.when:
            for party in _listed_in_system_line(unit.text):
                _add_attendee(meeting, gazetteer, party.name, party.department)
    for unit in seg.units:
        if unit.kind == "speaker" and unit.speaker and looks_like_person(unit.speaker) \
                or unit.kind == "line" and unit.when and unit.speaker and unit.label is None:
            _add_attendee(meeting, gazetteer, unit.speaker, None)        # a header, or a post's writer
        elif unit.kind == "line" and unit.when and unit.label is None and (m := _POSTED_BY.match(unit.text)):
            department = m.group(2) if m.group(2) and is_department(m.group(2)) else None
            if looks_like_person(m.group(1)):
                _add_attendee(meeting, gazetteer, m.group(1), department)
            if department:
                _add_department(meeting, gazetteer, department)


# A post written with its writer in front, perhaps with the writer's department: 孟凡(售后服务部)：…
_POSTED_BY = re.compile(r"^\s*+([^\s:：()（）@，,。]{2,12}?)(?:\s*+[(（]([^()（）:：]{1,12})[)）])?\s*+[:：]")
_SYSTEM_LABEL = re.compile(r"([^\s:：，,。；;]{1,8})\s*+[:：]\s*+")


def _listed_in_system_line(text: str) -> list[Party]:
    """视频会议已结束，时长 42分钟，参与人：孟凡、龙婷…: the people after an attendee label."""
    for m in _SYSTEM_LABEL.finditer(text):
        if label_field(m.group(1), "meeting") == "attendees":
            return [p for p in parties_as_read(text[m.end():]) if p.kind == "person"]
    return []


def _add_attendee(meeting: Meeting, gazetteer: Gazetteer, name: str, department: Optional[str]) -> None:
    if name not in meeting.attendees:
        meeting.attendees.append(name)
    gazetteer.add_person(name, department)


def _place_after_at(meeting: Meeting, seg: Segmented) -> None:
    """``碰头会 4.26 16:00 @运营部小会议室``: a room after @ in the opening lines is where it met."""
    if meeting.location:
        return
    for unit in seg.units[:_TITLE_LINES]:
        for m in _AT_PLACE.finditer(unit.text):
            if fold_word(m.group(1)).endswith(lexicon.place_endings()):
                meeting.location = m.group(1)
                meeting.evidence["location"] = Evidence(m.group(1), unit.locate(m.start(1)))
                return


_AT_PLACE = re.compile(r"(?:^|(?<=\s))[@＠]\s*+([^\s@＠，,。;；|｜]{2,24})")
_ROLE_LINES = 30             # who chairs and who takes notes is said as the meeting opens


def _roles_in_turns(meeting: Meeting, gazetteer: Gazetteer, seg: Segmented) -> None:
    """A chat or transcript names its roles as it opens: 今天我来主持 makes the writer the host,
    @龙婷 麻烦记一下纪要 (or 请龙婷记一下) makes 龙婷 the recorder."""
    host_said, recorder_named = _role_patterns()
    for unit in seg.units[:_ROLE_LINES]:
        turn = _turn(unit)
        if turn is None:
            continue
        writer, said = turn
        if not meeting.host and host_said.search(fold(said)) and looks_like_person(writer):
            meeting.host = writer
            meeting.evidence["host"] = Evidence(unit.text, unit.locate())
            gazetteer.add_person(writer)
        if not meeting.recorder and (m := recorder_named.search(fold(said))):
            name = said[m.start(1):m.end(1)].strip()
            if looks_like_person(name):
                meeting.recorder = name
                meeting.evidence["recorder"] = Evidence(unit.text, unit.locate())
                gazetteer.add_person(name)


# A message written with its writer in front: 孟凡(售后服务部)：…, Kevin: …
_WRITER = re.compile(r"^\s*+([^\s:：()（）@，,。]{2,12}?)(?:\s*+[(（][^()（）:：]{1,12}[)）])?\s*+[:：]\s*+")


def _turn(unit: Unit) -> Optional[tuple[str, str]]:
    """(writer, what they wrote) for a chat message or a transcript turn."""
    if unit.kind != "line":
        return None
    if unit.speaker:
        return unit.speaker, unit.text
    if unit.label is None and (m := _WRITER.match(unit.text)):
        return m.group(1), unit.text[m.end():]
    return None


@lru_cache(maxsize=1)
def _role_patterns() -> tuple[re.Pattern, re.Pattern]:
    first = lexicon.alternation(lexicon.words("cues.yaml", "first_person"))
    host = lexicon.alternation(lexicon.words("cues.yaml", "meeting_roles", "host"))
    recorder = lexicon.alternation(lexicon.words("cues.yaml", "meeting_roles", "recorder"))
    courtesy = lexicon.alternation(lexicon.words("cues.yaml", "courtesies"))
    occasion = lexicon.alternation(lexicon.words("cues.yaml", "meeting_roles", "occasion"))
    host_said = re.compile(rf"(?:^|[，,。\s]|{occasion})(?:由)?(?:{first})(?:来)?(?:{host})")
    recorder_named = re.compile(rf"(?:@\s*+|(?:{courtesy})\s*+)([\u4e00-\u9fff]{{2,4}}?|[A-Za-z][\w.-]{{1,15}})"
                                rf"\s*+(?:{courtesy})?\s*+(?:{recorder})")
    return host_said, recorder_named


def _people(meeting: Meeting, gazetteer: Gazetteer, fields, seg: Segmented) -> None:
    absent = {p.name for name, v, _ in fields if name == "absent" for p in parties_as_read(v) if p.kind == "person"}
    listed = [p.name for name, v, _ in fields if name == "attendees" for p in parties_as_read(v) if p.kind == "person"]
    for name, value, unit in fields:
        if name in ("host", "recorder"):
            _role(meeting, gazetteer, name, value, unit, listed)
        elif name == "hosted_by" and not meeting.host and value and not _first_person(value):
            meeting.host = value = without_posts(value)
            meeting.evidence["host"] = Evidence(value, unit.locate())
        elif name == "attendees":
            _attendees(meeting, gazetteer, parties_as_read(value), absent, unit)
        elif name in ("departments", "initiator_department"):
            for party in parties_as_read(value):
                if party.kind == "department" or is_department(party.name):
                    _add_department(meeting, gazetteer, party.name)
        elif name == "initiator":
            for party in parties_as_read(value):
                if party.kind == "person":
                    gazetteer.add_person(party.name, party.department)
    _attendee_records(meeting, gazetteer, seg)
    if not meeting.attendees:
        _attendee_sections(meeting, gazetteer, seg)
    meeting.absent = sorted(absent - set(meeting.attendees), key=list(absent).index)


def _role(meeting: Meeting, gazetteer: Gazetteer, name: str, value: str, unit: Unit, listed: list[str]) -> None:
    if getattr(meeting, name):
        return
    parties = [p for p in parties_as_read(value) if p.kind == "person" and _a_person(p, listed)]
    if not parties:
        parties = _listed_person_opening_a_clause(value, listed)
    if not parties:
        return
    setattr(meeting, name, parties[0].name)
    meeting.evidence[name] = Evidence(value, unit.locate())
    gazetteer.add_person(parties[0].name, parties[0].department)


def _a_person(party: Party, listed: list[str]) -> bool:
    """A role's value names a person: a name's shape (祁峰, 王总, Kevin), a name written with its
    department or post, or one the attendee list names too; not words that name a process
    (整理：系统自动转写，人工校对)."""
    return bool(name_shaped(party.name) or party.department or party.note or party.name in listed)


def _listed_person_opening_a_clause(value: str, listed: list[str]) -> list[Party]:
    """紀錄：會議錄音轉寫，詹佩珊校對: the listed person who does the role's work in a clause."""
    for clause in _CLAUSE.finditer(value):
        words = clause.group().strip()
        if (name := next((n for n in listed if words.startswith(n) and len(words) > len(n)), None)) is not None:
            return [Party(name=name, kind="person")]
    return []


def _attendees(meeting: Meeting, gazetteer: Gazetteer, parties: list[Party], absent: set, unit: Unit) -> None:
    for party in parties:
        if party.kind == "department":
            _add_department(meeting, gazetteer, party.name)
            continue
        if party.kind != "person" or party.name in absent or _first_person(party.name[:2]):
            continue                                    # 在场：郝老师、小贺，我记: the writer, unnamed
        if party.name not in meeting.attendees:
            meeting.attendees.append(party.name)
        gazetteer.add_person(party.name, party.department)
        if party.department:
            _add_department(meeting, gazetteer, party.department)
        role = _role_in_note(party.note)                 # 李娜（记录）, Alice Chen (chair), Wei (notes)
        if role in ("host", "recorder") and not getattr(meeting, role):
            setattr(meeting, role, party.name)
    meeting.evidence.setdefault("attendees", Evidence(unit.text, unit.locate()))


_NOTE_PARTS = re.compile(r"[,，、;；/]")


def _role_in_note(note: Optional[str]) -> Optional[str]:
    """The meeting role a bracketed note gives an attendee (主持, 记录员, chair, notes), by the labels of those roles."""
    if not note:
        return None                      # (most attendees: no note)
    for part in _NOTE_PARTS.split(note):
        match = label_field(part.strip(), "meeting") if part.strip() else None
        if match in ("host", "recorder"):
            return match
    return None


def _attendee_records(meeting: Meeting, gazetteer: Gazetteer, seg: Segmented) -> None:
    """A 部门 | 参会人员 table, or a sign-in sheet (姓名 | 部门 | 职务): the row's people took part, in
    the row's department when it names one."""
    for record in seg.records:
        people = record.get("attendees")
        department = record.get("owner_department")
        if not people:
            continue
        if not department or not is_department(department):
            department = None
        for party in parse_parties(people):
            if party.kind == "person":
                party.department = party.department or department
                gazetteer.add_person(party.name, party.department)
                if party.name not in meeting.attendees:
                    meeting.attendees.append(party.name)
        if department:
            _add_department(meeting, gazetteer, department)


_NOTE = re.compile(r"[(（][^()（）]*[)）]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ENTRY_SPLIT = re.compile(r"[、,，;；/|]|(?<=\S)(?=@)")
_HANDLE = re.compile(r"^@?[A-Za-z][\w.\-]{1,38}$")
_LATIN_NAME = re.compile(r"^[A-Za-z][a-z'.-]+(?: [A-Za-z][a-z'.-]+){1,2}$")


def _attendee_sections(meeting: Meeting, gazetteer: Gazetteer, seg: Segmented) -> None:
    """A ``## 参会人员`` / ``## Attendees`` section lists people one way or another: names, @handles
    run together, linked handles with a note in brackets, mail addresses, or a table whose rows
    start with a name."""
    last_row = None
    for unit in seg.units:
        if unit.role != "attendees" or unit.kind not in ("line", "form", "cell") or unit.label is not None:
            continue
        if unit.kind in ("form", "cell"):
            row = _row_of(unit)
            first_in_row, last_row = row != last_row, row
            if not first_in_row:
                continue
        for name in attendee_entries(unit.text):
            if name not in meeting.attendees:
                meeting.attendees.append(name)
                gazetteer.add_person(name)
                meeting.evidence.setdefault("attendees", Evidence(unit.text, unit.locate()))


def attendee_entries(text: str) -> list[str]:
    """The people one attendee line names, as written: 周敏 / @zhou-min / Yi Yang / a@b.com."""
    text = _NOTE.sub(" ", text)
    entries = _EMAIL.findall(text)
    rest = _EMAIL.sub(" ", text)
    for chunk in _ENTRY_SPLIT.split(rest):
        chunk = chunk.strip()
        if _LATIN_NAME.match(chunk.lstrip("@")):
            entries.append(chunk.lstrip("@"))
            continue
        for word in chunk.split():
            mentioned = word.startswith("@")
            word = word.strip("@*:：")
            if not word:
                continue
            if re.match(r"[\u4e00-\u9fff]", word):
                if name_shaped(word) or mentioned and looks_like_person(word):
                    entries.append(word)
            elif _HANDLE.match(word) and not field_of(word, "meeting"):
                entries.append(word)
    return entries


def _row_of(unit: Unit):
    where = unit.origin.location
    return (where.table, where.row) if where.table is not None else where.line


def _roles_attend(meeting: Meeting) -> None:
    """The chair and the note-taker sit in the meeting: with the attendees when a list names any."""
    if not meeting.attendees:
        return
    meeting.host = _full_name(meeting.host, meeting.attendees)           # 主持：甘教授 / 参加：甘立新老师…
    meeting.recorder = _full_name(meeting.recorder, meeting.attendees)
    listed = {fold_word(a) for a in meeting.attendees}
    if meeting.host and not _listed(meeting.host, listed):
        meeting.attendees.insert(0, meeting.host)
    if meeting.recorder and not _listed(meeting.recorder, listed):
        meeting.attendees.append(meeting.recorder)


def _full_name(role: Optional[str], attendees: list[str]) -> Optional[str]:
    """A titled surname (甘教授, 王主任) as the one attendee of that surname written in full."""
    if not role or not _TITLED_SURNAME.match(role) or role in attendees:
        return role
    surname = lexicon.surname_and_title(fold(role))
    if surname is None:
        return role
    full = [a for a in attendees if fold(a).startswith(surname) and name_shaped(a) and lexicon.surname_and_title(fold(a)) is None]
    return full[0] if len(full) == 1 else role


_TITLED_SURNAME = re.compile(r"^[\u4e00-\u9fff]{2,6}$")


def _listed(name: str, listed: set[str]) -> bool:
    """Marcus is the listed Marcus Tan; 卫宁老师 the listed 卫宁."""
    folded = fold_word(name)
    return any(folded in a or a in folded for a in listed)


def _add_department(meeting: Meeting, gazetteer: Gazetteer, name: str) -> None:
    name = name.strip()
    if name and name not in meeting.departments:
        meeting.departments.append(name)
    gazetteer.add_department(name)

