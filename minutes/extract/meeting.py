"""The meeting's information (title, when, where, who) and the document's gazetteer."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterable, Optional

from .. import lexicon
from ..model import Evidence, Meeting
from ..labels import field_of
from ..parties import Gazetteer, Party, is_department, looks_like_person, name_shaped, parse_parties, without_posts
from ..units import Segmented, Unit, label_field
from ..textnorm import fold, fold_word
from ..layouts.noise import DAY_LINE
from .when import parse_other_language_day, parse_when

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
_HOSTED_BY = re.compile(r"由(?:轮值主席|主席|会议主持人|总经理|副总经理)?\s*+([^，,。()（）\s]{0,8})\s*+(?:[(（]([^()（）]+)[)）])?\s*+主持")
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
    _simple(meeting, fields, "location")
    _people(meeting, gazetteer, fields, seg)
    _from_prose(meeting, gazetteer, seg)
    _from_chat(meeting, gazetteer, seg)
    _roles_in_turns(meeting, gazetteer, seg)
    _place_after_at(meeting, seg)
    urgency = next((v for name, v, _ in fields if name == "urgency"), None)
    return MeetingInfo(meeting=meeting, gazetteer=gazetteer, urgency=urgency)


def _field_values(units: list[Unit]) -> Iterable[tuple[str, str, Unit]]:
    """(field, value, unit) for every meeting label, splitting lines that hold several."""
    for i, unit in enumerate(units):
        if unit.label_group == "meeting":
            for name, value in _split_fields(unit.label, unit.text):
                if not value and name in _CONTINUATION_LABELS:
                    value = "；".join(u.text for u in _continuation(units, i))
                yield name, value, unit
        elif unit.record is not None and unit.column in ("attendees", "date"):
            yield unit.column, unit.text, unit
        elif i < _HEADER_LINES and unit.kind == "line" and unit.label is None and (parts := _header_parts(unit.text)):
            unit.label, unit.label_group = parts[0][0], "meeting"      # the line is the meeting's, not a task
            yield from ((name, value, unit) for name, value in parts)
        if unit.label_group == "meeting" or (unit.label is None and unit.kind == "line" and not unit.headings):
            if m := _HOSTED_BY.search(unit.text):
                yield "hosted_by", m.group(1) or m.group(2) or "", unit


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
    without indent) lines that are only people and their departments (销售部 高峰)."""
    lines = []
    for unit in units[i + 1:]:
        if unit.label is not None or unit.kind == "heading" \
                or (not unit.indent and unit.style is None and not _only_people(unit.text)):
            break
        lines.append(unit)
    return lines


def _only_people(text: str) -> bool:
    if len(text) > _PEOPLE_LINE or re.search(r"[。；;:：]", text):
        return False
    parties = parse_parties(text)
    return any(p.kind == "person" for p in parties) and all(p.kind in ("person", "department") for p in parties)


_PEOPLE_LINE = 40          # chars: 总经办 赵宏（总经理）, 财务部 葛琼、严倩


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
_DATE_TAIL = re.compile(r"(?<=[^\s@·-])[\s@·-]++(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{8}).*$")
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
    cleaned = _clean_title(text)
    folded = _DATE_TAIL.sub("", re.sub(r"(?<!\s)\s*+[(（][^()（）]*[)）]\s*$", "", fold(cleaned))).lower()
    if not cleaned or _GENERIC_TITLE.match(folded) or len(cleaned) > 50 or re.search(r"[，,。；;]|://", cleaned):
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
    for rank, _, value, unit in sorted(labelled + list(_unlabelled_dates(seg)), key=lambda t: t[:2]):
        if meeting.date and meeting.start_time:
            break                         # nothing later can change either
        if rank == _ANY_DATE and not _mostly_date(value):
            continue                      # a date inside an opening line's content is no meeting date
        when = parse_when(value, ref)
        if rank == _ANY_DATE and not when.has_year:
            continue
        if when.day and not meeting.date:
            meeting.date = when.day.isoformat()
            meeting.evidence["date"] = Evidence(value, unit.locate())
        if when.start and not meeting.start_time and (when.day or unit.label_group == "meeting"):
            meeting.start_time, meeting.end_time = when.start, when.end
            meeting.evidence["start_time"] = Evidence(value, unit.locate())
    for _, _, value, unit in sorted(labelled, key=lambda t: t[:2]) if not meeting.date else ():
        if (day := parse_other_language_day(value, ref)) is not None:
            meeting.date = day.isoformat()
            meeting.evidence["date"] = Evidence(value, unit.locate())
            break


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
        elif unit.style is None and (_convened().search(text) or _MEETING_TALK.search(text)
                                     or _says_convening(fold(text))):
            yield 7, i, text, unit
        elif unit.style is None:
            yield _ANY_DATE, i, text, unit
    for i, unit in enumerate(u for u in seg.units if u.kind == "speaker" or u.noise == DAY_LINE):
        yield 8, i, unit.when or unit.text, unit


def _says_convening(folded: str) -> bool:
    return any(w in folded for w in lexicon.folded_words("cues.yaml", "convening"))


def _simple(meeting: Meeting, fields, name: str) -> None:
    for field_name, value, unit in fields:
        if field_name == name and value and getattr(meeting, name) is None:
            setattr(meeting, name, value.strip())
            meeting.evidence[name] = Evidence(value, unit.locate())


# --------------------------------------------------------------------------- #
@lru_cache(maxsize=1)
def _convened() -> re.Pattern:
    """``副区长刘建明在区政府三楼会议室主持召开…``: who chaired it, and where."""
    titles = "|".join(sorted(lexicon.words("parties.yaml", "leading_titles"), key=len, reverse=True))
    return re.compile(rf"(?:{titles})?\s*+([\u4e00-\u9fff]{{2,3}}|(?<![A-Za-z])[A-Za-z]++(?:\s[A-Za-z]++)?)\s*+(?:同志)?"
                      rf"(?:在([^，,。；;]{{2,24}}?))?(?:主持召开|主持|召集召开|召开)")


def _from_prose(meeting: Meeting, gazetteer: Gazetteer, seg: Segmented) -> None:
    """A 纪要 that opens with a sentence instead of a form: date, chair and place from it."""
    opening = [u for u in seg.units[:6] if u.kind == "line" and u.label is None and u.record is None]
    for unit in opening:
        text = unit.text                  # matched in the folded view (副總經理 too), quoted as written

        def said(m: re.Match, group: int) -> str:
            return text[m.start(group):m.end(group)]
        if m := _convened().search(unit.fold):
            host = said(m, 1)
            if not meeting.host and name_shaped(host) and not _first_person(host):
                meeting.host = host
                meeting.evidence["host"] = Evidence(host, unit.locate(m.start(1)))
                gazetteer.add_person(host)
        if not meeting.location and (m := _CONVENED_AT.search(unit.fold)):
            meeting.location = said(m, 1).strip()
            meeting.evidence["location"] = Evidence(said(m, 1), unit.locate(m.start(1)))
        if not meeting.recorder and (m := _RECORDED_BY.search(unit.fold)):    # …，客服部夏侯杰记录。
            person = next((p for p in parse_parties(said(m, 1)) if p.kind == "person" and name_shaped(p.name)), None)
            if person is not None:
                meeting.recorder = person.name
                meeting.evidence["recorder"] = Evidence(said(m, 1), unit.locate(m.start(1)))
                gazetteer.add_person(person.name, person.department)
        for m in _ROLE_IN_SENTENCE.finditer(unit.fold):           # …召开协调会，主持：鲍一凡（IT运维部），参加：…
            role = "host" if m.group(1).startswith("主持") else "recorder"
            if not getattr(meeting, role) and name_shaped(said(m, 2)):
                setattr(meeting, role, said(m, 2))
                meeting.evidence[role] = Evidence(said(m, 2), unit.locate(m.start(2)))
                gazetteer.add_person(said(m, 2))


# ``…在区政府三楼会议室主持召开…`` / ``14:00在运维中心会议室召开…``: where the opening says it met
_CONVENED_AT = re.compile(r"在([^，,。；;在]{2,24}?)(?:主持召开|召集召开|召开|举行)")
# The last clause of an opening that says who chaired and who took notes: …，客服部夏侯杰记录。
_RECORDED_BY = re.compile(r"(?<=主持)[^。；;]*?[，,]\s*+(?:由)?([^，,。；;]{2,16}?)(?:负责)?(?:作|做)?记录(?=\s*+[。；;]|\s*+$)")
# A role given as a field inside the opening sentence, after a comma
_ROLE_IN_SENTENCE = re.compile(r"[，,；;]\s*+(主持人?|记录人?)\s*+[:：]\s*+([^\s，,；;。(（]{2,12})")


def _first_person(words: str) -> bool:
    """今天我 (…主持): the speaker, not a name."""
    return any(w in words for w in lexicon.words("cues.yaml", "first_person"))


def _from_chat(meeting: Meeting, gazetteer: Gazetteer, seg: Segmented) -> None:
    """A chat export: who wrote, when no list says so."""
    headers = [u for u in seg.units if u.kind == "speaker"]
    if not meeting.attendees:
        for unit in headers:
            if unit.speaker and unit.speaker not in meeting.attendees and looks_like_person(unit.speaker):
                meeting.attendees.append(unit.speaker)
                gazetteer.add_person(unit.speaker)


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
    absent = {p.name for name, v, _ in fields if name == "absent" for p in parse_parties(v) if p.kind == "person"}
    for name, value, unit in fields:
        if name in ("host", "recorder"):
            _role(meeting, gazetteer, name, value, unit)
        elif name == "hosted_by" and not meeting.host and value and not _first_person(value):
            meeting.host = value = without_posts(value)
            meeting.evidence["host"] = Evidence(value, unit.locate())
        elif name == "attendees":
            _attendees(meeting, gazetteer, parse_parties(value), absent, unit)
        elif name in ("departments", "initiator_department"):
            for party in parse_parties(value):
                if party.kind == "department" or is_department(party.name):
                    _add_department(meeting, gazetteer, party.name)
        elif name == "initiator":
            for party in parse_parties(value):
                if party.kind == "person":
                    gazetteer.add_person(party.name, party.department)
    _attendee_records(meeting, gazetteer, seg)
    if not meeting.attendees:
        _attendee_sections(meeting, gazetteer, seg)
    meeting.absent = sorted(absent - set(meeting.attendees), key=list(absent).index)


def _role(meeting: Meeting, gazetteer: Gazetteer, name: str, value: str, unit: Unit) -> None:
    parties = [p for p in parse_parties(value) if p.kind == "person"]
    if not parties or getattr(meeting, name):
        return
    setattr(meeting, name, parties[0].name)
    meeting.evidence[name] = Evidence(value, unit.locate())
    gazetteer.add_person(parties[0].name, parties[0].department)


def _attendees(meeting: Meeting, gazetteer: Gazetteer, parties: list[Party], absent: set, unit: Unit) -> None:
    for party in parties:
        if party.kind == "department":
            _add_department(meeting, gazetteer, party.name)
            continue
        if party.kind != "person" or party.name in absent:
            continue
        if party.name not in meeting.attendees:
            meeting.attendees.append(party.name)
        gazetteer.add_person(party.name, party.department)
        if party.department:
            _add_department(meeting, gazetteer, party.department)
        note = party.note or ""
        if "主持" in note and not meeting.host:
            meeting.host = party.name
        if "记录" in note and not meeting.recorder:
            meeting.recorder = party.name
    meeting.evidence.setdefault("attendees", Evidence(unit.text, unit.locate()))


def _attendee_records(meeting: Meeting, gazetteer: Gazetteer, seg: Segmented) -> None:
    """A 部门 | 参会人员 table: the row's department applies to its people."""
    for record in seg.records:
        people = record.get("attendees")
        department = record.get("owner_department")
        if not people or not department or not is_department(department):
            continue
        for party in parse_parties(people):
            if party.kind == "person":
                party.department = party.department or department
                gazetteer.add_person(party.name, party.department)
                if party.name not in meeting.attendees:
                    meeting.attendees.append(party.name)
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


def _add_department(meeting: Meeting, gazetteer: Gazetteer, name: str) -> None:
    name = name.strip()
    if name and name not in meeting.departments:
        meeting.departments.append(name)
    gazetteer.add_department(name)

