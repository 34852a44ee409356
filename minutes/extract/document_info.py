"""What a 纪要 says around its decisions and action items, so a document can carry it.

    frame       文号/期号, 发文机关, the 纪要 mark, 印发日期 (版头 and 版记 lines)
    people      列席, units and remarks of the people named (区住建局 王立新, 孙伟（出差）)
    lines       分送 / 抄送 / 签发 / 下次会议 lines
    opening     the notes' own lead paragraph (听取了…汇报，研究了…)
    sections    the notes' headings in order, which decision and item sits under which,
                and the lines under them that nothing else carries (background figures,
                progress reports, discussion), as written
    questions   lines that leave a question open, and risks

Works on the segmented units after extraction, from form and the word lists of
nlp_models/document.yaml; it never changes what extraction found, except a title
that is only the issuing office or the 纪要 mark.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Iterable, Optional

from ..errors import RuleFileError
from ..model import Evidence, Location, Minutes, Section, Table
from ..parties import parties_as_read
from ..resources import check_word_lists, load_yaml
from ..units import Segmented, Unit, label_field
from ..textnorm import document_memo, fold, fold_word

_FILE = "document.yaml"
_HEAD_UNITS = 10            # the 版头 and lead paragraph sit within the first lines
_FOOT_UNITS = 8             # the 版记 within the last
_OPENING_MIN = 15           # chars: shorter lines are captions, not a lead paragraph
_TITLE_MAX = 60
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_SENTENCE = re.compile(r"[，,。；;！!？?]")
_TRAILING = "。；;，,、 \t"
_FRAME_FIELDS = ("doc_number", "issuer", "issue_date", "signer")     # labels fields.yaml does not name


@lru_cache(maxsize=1)
def _data() -> dict:
    data = load_yaml(_FILE)
    check_word_lists(_FILE, data)
    return data


@lru_cache(maxsize=None)           # one entry per word list of the rule file
def _words(*path: str) -> tuple[str, ...]:
    node = _data()
    for key in path:
        node = node[key]
    return tuple(sorted((fold_word(w) for w in node), key=len, reverse=True))


@lru_cache(maxsize=1)
def _doc_number_patterns() -> tuple[re.Pattern, ...]:
    try:
        return tuple(re.compile(p) for p in _data()["doc_number_patterns"])
    except re.error as exc:
        raise RuleFileError(f"规则文件 '{_FILE}' 中 doc_number_patterns 有无效的正则表达式：{exc}") from None


@lru_cache(maxsize=1)
def _frame_label() -> re.Pattern:
    """``文号：…`` / ``印发机关：…`` lines: (label, value)."""
    labels = sorted({w for name in _FRAME_FIELDS for w in _data()["labels"][name]}, key=len, reverse=True)
    return re.compile(rf"^\s*({'|'.join(map(re.escape, labels))})\s*[:：]\s*(.+)$")


@lru_cache(maxsize=1)
def _imprint() -> re.Pattern:
    words = "|".join(map(re.escape, _words("imprint_words")))
    # (?<!\s): the issuer stops before the spaces, tried once per run, not once per space
    return re.compile(rf"^(?P<issuer>.*?)(?<!\s)\s*+(?P<date>\d{{4}}\s*+年\s*+\d{{1,2}}\s*+月\s*+\d{{1,2}}\s*+日)\s*(?:{words})\s*$")


# --------------------------------------------------------------------------- #
def add_document_info(minutes: Minutes, seg: Segmented, transcript: bool = False) -> None:
    """Fill the frame fields, sections, open questions and risks of ``minutes`` from ``seg``."""
    finder = _UnitFinder(seg.units)
    used = finder.keys(_item_evidence(minutes))
    heads = [u for u in seg.units if u.kind == "heading" and _is_section_head(u)]
    first_heading = heads[0].index if heads else len(seg.units)
    head, foot = seg.units[:min(first_heading, _HEAD_UNITS)], seg.units[-_FOOT_UNITS:]
    frame = _read_frame(minutes, head, foot)
    _labelled_lines(minutes, seg.units, frame)
    _people(minutes, seg.units)
    _opening(minutes, head, used | frame.keys, seg.title_unit)
    _fix_title(minutes, head, frame)
    skip = used | frame.keys | ({_key(u) for u in head} if minutes.meeting.opening else set())
    _sections(minutes, seg, heads, finder, skip, transcript)


# --------------------------------------------------------------------------- #
# Finding the unit a location points into
# --------------------------------------------------------------------------- #
def _key(unit: Unit) -> tuple:
    return _location_key(unit.origin.location)


def _location_key(loc: Location) -> tuple:
    return (loc.line, loc.paragraph, loc.table, loc.row, loc.cell)


class _UnitFinder:
    """Location → the unit it falls in (a Word paragraph may hold several units, one per soft line)."""

    def __init__(self, units: list[Unit]) -> None:
        self.by_key: dict[tuple, list[Unit]] = {}
        origin, found = None, []
        for unit in units:
            if unit.origin is not origin:              # (the units of one paragraph or cell share its place)
                origin = unit.origin
                found = self.by_key.setdefault(_key(unit), [])
            found.append(unit)

    def unit_at(self, loc: Location) -> Optional[Unit]:
        candidates = self.by_key.get(_location_key(loc), [])
        if len(candidates) < 2:
            return candidates[0] if candidates else None      # (most places: one unit, whatever its column)
        column = loc.column or 1
        before = [u for u in candidates if (u.locate(0).column or 1) <= column]
        return (before or candidates or [None])[-1]

    def keys(self, locations: Iterable[Location]) -> set[tuple]:
        return {_location_key(loc) for loc in locations}


def _item_evidence(minutes: Minutes) -> Iterable[Location]:
    for d in minutes.decisions:
        if d.evidence:
            yield d.evidence.location
        yield from (e.location for e in d.rationale_evidence)
    for a in minutes.action_items:
        yield from (e.location for e in a.evidence.values())


# --------------------------------------------------------------------------- #
# 版头 and 版记
# --------------------------------------------------------------------------- #
@dataclass
class _Frame:
    keys: set[tuple] = field(default_factory=set)      # the lines that are frame, not content
    mark: Optional[str] = None                           # the 纪要 mark line as written


def _read_frame(minutes: Minutes, head: list[Unit], foot: list[Unit]) -> _Frame:
    frame = _Frame()
    meeting = minutes.meeting
    for unit in head:
        if _doc_number(meeting, unit):
            frame.keys.add(_key(unit))
    for unit in head[:4]:
        if _issuer_line(meeting, unit, frame):
            frame.keys.add(_key(unit))
    for unit in foot:
        if _imprint_line(meeting, unit):
            frame.keys.add(_key(unit))
    return frame


def _doc_number(meeting, unit: Unit) -> bool:
    if unit.kind not in ("line", "heading") or unit.record is not None or meeting.doc_number:
        return False
    if m := _doc_number_in(unit.fold):
        meeting.doc_number = unit.text[m.start():m.end()].strip()
        meeting.evidence["doc_number"] = Evidence(meeting.doc_number, unit.locate(m.start()))
        return True
    return False


def _doc_number_in(folded: str) -> Optional[re.Match]:
    """Where the first doc-number pattern that matches finds one in a folded line. The head's first
    lines are asked twice (for the number, then for the office around it): searched once."""
    found = document_memo("doc numbers")
    if found is not None and folded in found:
        return found[folded]
    m = next((m for pattern in _doc_number_patterns() if (m := pattern.search(folded))), None)
    if found is not None:
        found[folded] = m
    return m


def _issuer_line(meeting, unit: Unit, frame: _Frame) -> bool:
    """江川区人民政府办公室 / 江川区人民政府办公室会议纪要 / 会议纪要 / 办公室  2024年3月14日."""
    text = _without_doc_number(unit.text).strip()
    folded = fold_word(text)
    if folded in _words("minutes_marks"):
        frame.mark = text
        return True
    mark = next((m for m in _words("minutes_marks") if folded.endswith(m) and len(folded) > len(m)), None)
    dated = _DATE.search(fold(text))
    office = text[:len(text) - len(mark)] if mark else text[:dated.start()] if dated else text
    office = office.strip()
    if not mark and not dated and not meeting.doc_number or not _looks_like_office(office):
        return False
    meeting.issuer = meeting.issuer or office
    meeting.evidence.setdefault("issuer", Evidence(office, unit.locate(unit.text.find(office))))
    if mark:
        frame.mark = text
    if dated:
        _set_issue_date(meeting, dated, unit)
    return True


def _without_doc_number(text: str) -> str:
    m = _doc_number_in(fold(text))
    return text[:m.start()] + text[m.end():] if m else text


def _looks_like_office(text: str) -> bool:
    folded = fold_word(re.sub(r"\s+", "", text))
    return 2 < len(folded) <= 30 and not _SENTENCE.search(folded) and folded.endswith(_words("issuer_endings"))


def _imprint_line(meeting, unit: Unit) -> bool:
    """江川区人民政府办公室　　2024年3月14日印发."""
    folded = fold(unit.text.strip())
    if not folded.endswith(_words("imprint_words")) or unit.kind not in ("line", "heading"):
        return False                    # (the imprint's last words: most lines end otherwise)
    m = _imprint().match(folded)
    if not m:
        return False
    office = unit.text.strip()[m.start("issuer"):m.end("issuer")].strip()
    if office and not meeting.issuer:
        meeting.issuer = office
        meeting.evidence["issuer"] = Evidence(office, unit.locate(unit.text.find(office)))
    _set_issue_date(meeting, _DATE.search(unit.fold), unit)
    return True


def _set_issue_date(meeting, m: Optional[re.Match], unit: Unit) -> None:
    if m is None or meeting.issue_date:
        return
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return
    meeting.issue_date = day.isoformat()
    meeting.evidence["issue_date"] = Evidence(m.group(0), unit.locate(m.start()))


# --------------------------------------------------------------------------- #
# 分送 / 抄送 / 签发 / 下次会议 and frame labels
# --------------------------------------------------------------------------- #
def _labelled_lines(minutes: Minutes, units: list[Unit], frame: _Frame) -> None:
    meeting = minutes.meeting
    for unit in units:
        if unit.label_group == "meeting" and unit.label in ("distribution", "next_meeting"):
            field_name = _line_field(unit)
            _set_text(meeting, field_name, unit.text, unit)
            frame.keys.add(_key(unit))
        elif unit.kind == "line" and _has_colon(unit) \
                and (m := _frame_label().match(fold(written := as_written(unit)))):
            field_name = _frame_field(fold_word(m.group(1)))
            value = written[m.start(2):].strip()
            if field_name == "issue_date":
                _set_issue_date(meeting, _DATE.search(fold(value)), unit)
            else:
                _set_text(meeting, field_name, value, unit)
            frame.keys.add(_key(unit))


def _has_colon(unit: Unit) -> bool:
    """A frame label needs its colon; a line without one (in the words `as_written` gives) is not
    cut out, folded and matched."""
    text, end = unit.origin.text, unit.start + len(unit.text)
    start = text.rfind("\n", 0, unit.start) + 1
    return text.find(":", start, end) >= 0 or text.find("：", start, end) >= 0


def _line_field(unit: Unit) -> str:
    if unit.label == "next_meeting":
        return "next_meeting"
    words = fold_word(unit.label_words or "")
    if words in _words("labels", "cc"):
        return "cc"
    if words in _words("labels", "signer"):
        return "signer"
    return "distribution"


def _frame_field(label: str) -> str:
    return next(name for name in _FRAME_FIELDS if label in _words("labels", name))


def _set_text(meeting, name: str, value: str, unit: Unit) -> None:
    value = value.strip().rstrip(_TRAILING)
    if value and not getattr(meeting, name):
        setattr(meeting, name, value)
        meeting.evidence[name] = Evidence(value, unit.locate())


# --------------------------------------------------------------------------- #
# 列席, units and remarks
# --------------------------------------------------------------------------- #
_PEOPLE_LABELS = ("attendees", "absent", "host", "recorder")


def _people(minutes: Minutes, units: list[Unit]) -> None:
    meeting = minutes.meeting
    observer_words = _words("labels", "observers")
    for unit in units:
        if unit.label_group != "meeting" or unit.label not in _PEOPLE_LABELS:
            continue
        observing = unit.label == "attendees" and fold_word(unit.label_words or "") in observer_words
        for party in parties_as_read(unit.text):
            note = (party.note or "").strip()
            folded = fold_word(note)
            observer_note = any(w in folded for w in observer_words)
            if observing or observer_note:
                _add(meeting.observers, party.name)
                note = "" if observer_note else note
            if party.kind == "person" and party.department:
                meeting.affiliations.setdefault(party.name, party.department)
            if party.kind == "person" and note:
                meeting.person_notes.setdefault(party.name, note)


def _add(names: list[str], name: str) -> None:
    if name and name not in names:
        names.append(name)


# --------------------------------------------------------------------------- #
# Lead paragraph and title
# --------------------------------------------------------------------------- #
def _opening(minutes: Minutes, head: list[Unit], skip: set[tuple], title: Optional[Unit]) -> None:
    cues = _words("opening_cues")
    for unit in head:
        if unit is title or unit.kind != "line" or unit.label is not None or unit.record is not None:
            continue
        if _key(unit) in skip or len(unit.text.strip()) < _OPENING_MIN:
            continue
        folded = fold_word(unit.text)
        if any(c in folded for c in cues):
            minutes.meeting.opening = as_written(unit)
            minutes.meeting.evidence["opening"] = Evidence(minutes.meeting.opening, unit.origin.locate(0))
            return


def _fix_title(minutes: Minutes, head: list[Unit], frame: _Frame) -> None:
    """A title that is only the issuing office or the 纪要 mark gives way to the heading line after them."""
    meeting = minutes.meeting
    frame_words = {fold_word(w) for w in (meeting.issuer, frame.mark) if w}
    if not meeting.title or fold_word(meeting.title) not in frame_words and \
            not any(fold_word(meeting.title) == f[:len(fold_word(meeting.title))] for f in frame_words):
        return
    for unit in head:
        text = unit.text.strip()
        if _key(unit) in frame.keys or unit.label is not None or unit.record is not None or not text:
            continue
        if len(text) <= _TITLE_MAX and not _SENTENCE.search(fold(text)):
            meeting.title = _title_words(text)
            meeting.evidence["title"] = Evidence(text, unit.locate())
        return


def _title_words(text: str) -> str:
    """关于…的专题会议纪要 → 关于…的专题会议 (the documents add 纪要 back)."""
    stripped = re.sub(r"\s*纪要$", "", fold_word(text))
    return text[:len(stripped)] if stripped else text


def as_written(unit: Unit) -> str:
    """The unit's line as the notes write it, numbering and label included (markdown marks removed)."""
    text = unit.origin.text
    start = text.rfind("\n", 0, unit.start) + 1
    return text[start:unit.start + len(unit.text)].strip()


# --------------------------------------------------------------------------- #
# Sections
# --------------------------------------------------------------------------- #
def _is_section_head(unit: Unit) -> bool:
    """A heading under no other heading (the title aside)."""
    return unit.kind == "heading" and unit.rank > 0 and not any(
        h.kind == "heading" and h.rank > 0 for h in unit.headings)


class _SectionIndex:
    """Which section a unit falls in: the last section head before it (a unit's index is its place)."""

    def __init__(self, heads: list[Unit], units: list[Unit]) -> None:
        self.starts = [h.index for h in heads]
        self.ends = self.starts[1:] + [len(units)]

    def of(self, unit: Unit) -> Optional[int]:
        after = bisect_right(self.starts, unit.index)          # heads at or before the unit
        return after - 1 if after and self.starts[after - 1] != unit.index else None

    def lines(self, index: int, units: list[Unit]) -> list[Unit]:
        return units[self.starts[index] + 1:self.ends[index]]


def _sections(minutes: Minutes, seg: Segmented, heads: list[Unit], finder: _UnitFinder, skip: set[tuple],
              transcript: bool) -> None:
    """Sections run from one top-level heading to the next, read flat: nesting quirks cannot lose a line."""
    for unit in heads:
        minutes.sections.append(Section(heading=unit.text.strip(), role=unit.role,
                                        evidence=Evidence(unit.text, unit.locate())))
    section_of = _SectionIndex(heads, seg.units)
    first_item = _place_items(minutes, finder, section_of)
    for index, section in enumerate(minutes.sections):
        if not _keeps_lines(section, transcript):
            continue                    # (most sections: their lines are items, or kept by nothing)
        for unit in section_of.lines(index, seg.units):
            if _carried(unit, skip):
                _carry(minutes, section, unit, transcript, unit.index > first_item.get(index, unit.index))
    _carry_tables(minutes, seg, section_of, skip)


def _place_items(minutes: Minutes, finder: _UnitFinder, section_of: _SectionIndex) -> dict[int, int]:
    """Set each decision's and item's section; give each section's first unit that an item was read from."""
    first: dict[int, int] = {}

    def place(loc: Optional[Location]) -> Optional[int]:
        unit = finder.unit_at(loc) if loc is not None else None
        index = section_of.of(unit) if unit is not None else None
        if index is not None:
            first[index] = min(first.get(index, unit.index), unit.index)
        return index

    for d in minutes.decisions:
        d.section = place(d.evidence.location if d.evidence else None)
    for a in minutes.action_items:
        evidence = a.evidence.get("task") or next(iter(a.evidence.values()), None)
        a.section = place(evidence.location if evidence else None)
    return first


def _carried(unit: Unit, skip: set[tuple]) -> bool:
    if unit.kind not in ("line", "heading") or unit.record is not None or unit.label_group == "meeting":
        return False
    text = unit.text.strip()
    if not text or _key(unit) in skip or _MARKUP.match(text):
        return False                    # (most lines an item was read from: no need to read them as a label)
    return not label_field(text, "content")           # a bare 依据 / 待办 label line


_MARKUP = re.compile(r"^<[^>]*>$")      # an HTML tag left on its own line by a wiki export


def _keeps_lines(section: Section, transcript: bool) -> bool:
    """Whether `_carry` takes anything from the section's lines: most lines' sections keep none,
    and they need not be asked whether they are a bare label."""
    role = section.role or "none"
    return role == "next" or not transcript and role in _data()["carried_roles"]


def _carry(minutes: Minutes, section: Section, unit: Unit, transcript: bool, after_items: bool) -> None:
    role = section.role or "none"
    if role == "next":
        _set_text(minutes.meeting, "next_meeting", unit.text, unit)
        return
    if not _keeps_lines(section, transcript):
        return
    (section.closing if after_items else section.paragraphs).append(
        as_written(unit) + ("（已完成）" if unit.checked else ""))
    words = fold_word(unit.text)
    if role == "questions" or unit.label == "question" or _open_question_cue().search(words):
        _add(minutes.open_questions, unit.text.strip())
    elif role == "risks" or unit.label == "risk":
        _add(minutes.risks, unit.text.strip())


@lru_cache(maxsize=1)
def _open_question_cue() -> re.Pattern:
    """Any of the words that leave a question open, found in one scan of a (folded) line."""
    return re.compile("|".join(map(re.escape, _words("open_question_cues"))))


def _carry_tables(minutes: Minutes, seg: Segmented, section_of: _SectionIndex, skip: set[tuple]) -> None:
    """A table nothing was read from (figures, a progress tracker) goes with its section, cell by cell."""
    tables = [block for block in seg.document.blocks if isinstance(block, Table)]
    if not tables or not minutes.sections:
        return                          # (most notes: no table, or no section to carry one)
    units_of: dict[int, list[Unit]] = {}
    for unit in seg.units:
        units_of.setdefault(id(unit.origin), []).append(unit)
    for block in tables:
        units = (u for row in block.rows for c in row if c is not None for u in units_of.get(id(c), ()))
        first = next(units, None)
        index = section_of.of(first) if first is not None else None
        if index is None or (minutes.sections[index].role or "none") not in _data()["carried_roles"]:
            continue                    # (most tables: items were read from them, in a section that keeps none)
        if any(_key(u) in skip or u.label_group == "meeting" for u in (first, *units)):
            continue
        minutes.sections[index].tables.append([[c.text.strip() if c else "" for c in row] for row in block.rows
                                               if any(c and c.text.strip() for c in row)])
