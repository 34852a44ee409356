"""extract(segmented, ...) -> Minutes: meeting info, decisions, action items.

    meeting.py    the meeting's information and the document's gazetteer
    reading.py    the spaCy analysis of the whole document, asked per unit
    decisions.py  decisions and their rationale
    actions.py    action items, their owner, helpers, deadline and priority
    fields.py     负责人：/截止：/（刘工/10月18日） written inside an item
    priority.py   priority words and fields
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Optional

from .. import lexicon
from ..holidays import WorkCalendar
from ..model import Minutes
from ..parties import could_name_a_person, looks_like_person, name_shaped, parties_as_read
from ..textnorm import one_document
from ..units import Segmented
from .actions import ActionReader
from ..layouts.sections import LineReading, assign_roles
from .decisions import extract_decisions, opens_decision
from .document_info import add_document_info
from .items import ItemBuilder
from .priority import read_legend
from .when import next_meeting_date
from .meeting import extract_meeting
from .reading import Reading

_SPEAKER_LINE = re.compile(r"^([^:：,，。\s()（）]{1,6}(?:[(（][^()（）:：]{1,12}[)）])?)[:：]\s*\S")


@dataclass
class Extraction:
    """The minutes, and the analysis they came from (the lint reads both)."""

    minutes: Minutes
    reading: Reading
    transcript: bool


def extract(seg: Segmented, *, ref_date: Optional[date] = None, calendar: Optional[WorkCalendar] = None,
            today: Optional[date] = None) -> Extraction:
    with one_document():
        return _extract(seg, ref_date, calendar, today)


def _extract(seg: Segmented, ref_date: Optional[date], calendar: Optional[WorkCalendar],
             today: Optional[date]) -> Extraction:
    marks = read_legend(seg.units)
    info = extract_meeting(seg, ref_date)
    meeting = info.meeting
    ref = reference_time(meeting.date, meeting.start_time, ref_date, today)
    _people_from_fields(seg, info.gazetteer)
    reading = Reading(seg, info.gazetteer, ref, calendar)
    _section_roles(seg, reading)
    transcript = is_transcript(seg, info.gazetteer)
    decisions, used = extract_decisions(reading, transcript)
    following = next_meeting_date(seg.units, ref.date() if isinstance(ref, datetime) else ref)
    actions = ActionReader(reading, info.urgency, transcript, marks, following[0] if following else None).extract(skip=used)
    minutes = Minutes(source=seg.document.source, meeting=meeting, decisions=decisions, action_items=actions)
    add_document_info(minutes, seg, transcript)
    if not meeting.date and ref_date is None:
        minutes.warnings.append(f"记录中没有会议日期，也没有指定参考日期（--ref-date）：相对期限从 "
                                f"{ref.isoformat()[:10]} 起算")
    minutes.warnings += sorted({w for d in reading.deadlines_read() for w in d.warnings})
    return Extraction(minutes=minutes, reading=reading, transcript=transcript)


def _section_roles(seg: Segmented, reading: Reading) -> None:
    """Sections whose heading names no role get one from what their lines do (layouts/sections.py)."""
    builder = ItemBuilder(reading, None)

    def assigns(unit) -> bool:
        """Work handed out: a doer marked (由X, @X, 负责人：X, a name in a field slot), or a doer
        that opens the line with a date or a responsibility verb after it."""
        if not builder.may_name_a_doer(unit, 0, len(unit.text)):
            return False                 # nothing a draft could take an owner from
        draft = builder.draft(unit, 0, len(unit.text))
        if not (draft.owners or draft.vague) or builder.is_status(unit, 0, len(unit.text)) \
                or builder.is_opinion(unit, 0, len(unit.text)):
            return False
        dated = draft.deadline is not None and (draft.deadline.bounded or draft.deadline.iso is not None)
        return bool({"assigned", "slot"} & draft.signals) or "subject" in draft.signals and dated

    read = LineReading(assigns=assigns, decides=opens_decision,
                       reports=lambda unit: builder.is_status(unit, 0, len(unit.text)))
    assign_roles(seg.units, read)


def reference_time(meeting_date: Optional[str], start_time: Optional[str], ref_date: Optional[date],
                   today: Optional[date]) -> date | datetime:
    """The meeting's date (with its start time when known) wins over --ref-date, then today."""
    if meeting_date:
        day = date.fromisoformat(meeting_date)
        if start_time:
            hour, minute = (int(x) for x in start_time.split(":"))
            return datetime(day.year, day.month, day.day, hour, minute)
        return day
    return ref_date or today or date.today()


def is_transcript(seg: Segmented, gazetteer=None) -> bool:
    """Notes that are mostly ``某某：…`` turns by people, or a chat export, are read as a conversation
    (``前端：…`` / ``灰度发布：已上线`` are fields of a list, not someone speaking)."""
    if any(u.speaker for u in seg.units):
        return True
    lines = [u for u in seg.units if u.kind == "line" and u.label is None and u.style is None]
    turns = [u for u in lines if (m := _SPEAKER_LINE.match(u.text)) and _speaks(m.group(1), gazetteer)]
    return len(turns) >= 3 and len(turns) >= 0.4 * len(lines)


def _speaks(who: str, gazetteer) -> bool:
    who = _BRACKETED_REST.sub("", who).strip()
    return gazetteer is None and looks_like_person(who) or gazetteer is not None and (
        gazetteer.person(who) is not None or name_shaped(who))


_BRACKETED_REST = re.compile(r"[(（].*")
_LINK = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
# Where a slot ends: a mark (a tab too), a run of dashes, or two spaces or more. Written to open with
# one set of characters, so re skips the words between slots in one scan; the spaces around a mark
# stay with the pieces, which are stripped.
_SLOT = re.compile(r"""[:：，,；;（）()|｜\t→>\-—–\s]     # a mark, a dash or a space, then
                       (?:(?<=[-—–])[-—–]*             #   after a dash: the rest of the dashes
                       |(?<=[^\S\t])\s+                #   after a space: at least one more
                       |(?<=[^-—–\s]|\t))              #   after a mark: nothing""", re.X)
# A line set out in slots: two spaces, an arrow, or a dash between spaces (one set of characters
# first, so re scans the words between them at once).
_SLOTTED = re.compile(r"[\s→>](?:(?<=[→>])|(?<=\s)(?:\s|[-—–]+\s))")
_NAME_LETTER = re.compile(r"[A-Za-z\u4e00-\u9fff]")     # what parties.looks_like_person needs one of
_SLOT_NAME_MAX = 16          # chars: a longer piece of a line is a phrase, not a name in a slot


def _people_from_slots(seg: Segmented, gazetteer) -> None:
    """A name nobody listed, standing alone in a field slot of an item line (任务 → 耿佳，4月28日;
    Marcus — finalize…; 品质部 师晓宇), joins the gazetteer, so the line's owner is found."""
    read: set[str] = set()        # a piece read once has given its names (a row's owner comes again and again)
    for unit in seg.units:
        if unit.kind not in ("line", "cell") or (unit.style is None and unit.record is None and "\t" not in unit.text
                                                  and not _SLOTTED.search(unit.text)):
            continue
        pieces = list(filter(None, map(str.strip, _SLOT.split(_without_links(unit.text)))))
        if len(pieces) < 2 and unit.record is None:
            continue
        for piece in pieces:
            words = piece.lstrip("@")
            if len(piece) > _SLOT_NAME_MAX or words in read or not _NAME_LETTER.search(words):
                continue                 # (a name needs a Han or Latin letter: a piece of figures names nobody)
            read.add(words)
            if not could_name_a_person(words):
                continue                 # (4月28日, 待定, 进行中: no character a name needs)
            for party in parties_as_read(words):
                if party.kind == "person" and name_shaped(party.name) and party.name not in gazetteer.people \
                        and (not party.name[:1].islower() or party.name == words):
                    gazetteer.add_person(party.name, party.department)   # (fix #4520: a verb; -- miaomiao: a handle)


def _without_links(text: str) -> str:
    """Links and mail addresses blanked out; a text with no ://, www. or @ has none (and its
    run of word characters is not tried, at each start, for an @ after it)."""
    if "@" in text or "://" in text or "." in text and "www." in text.lower():
        return _LINK.sub(" ", text)
    return text


def _numbered_speakers(seg: Segmented, gazetteer) -> None:
    """``发言人2：…`` / ``Speaker 1:``: a transcript's numbered speaker label stands for a person."""
    for unit in seg.units:
        if unit.kind == "line" and (m := _numbered_speaker().match(unit.fold)):     # 發言人2 too
            gazetteer.add_person(unit.text[m.start(1):m.end(1)])


@lru_cache(maxsize=1)
def _numbered_speaker() -> re.Pattern:
    labels = lexicon.alternation(lexicon.words("cues.yaml", "speaker_labels"))
    return re.compile(rf"^((?:{labels})\s?[0-9A-Za-z]{{1,2}})\s*[:：]", re.I)


_DEFINING_WORD = re.compile(r"简称|nafter", re.I)
# A name the notes define for a party: （以下简称“华腾精密”）, (hereinafter "Acme").
_DEFINED = re.compile(r"(?:以下)?简称\s*+[:：]?\s*+[“\"「『]([^”\"」』]{2,12})[”\"」』]|hereinafter\s+(?:referred\s+to\s+as\s+)?[“\"]([^”\"]{2,20})[”\"]",
                      re.I)


def _defined_names(seg: Segmented, gazetteer) -> None:
    """A short name a document defines for an organisation acts as that party (华腾精密须于…提供…)."""
    for unit in seg.units:
        if not _DEFINING_WORD.search(unit.text):      # neither wording of a definition (most lines)
            continue
        for m in _DEFINED.finditer(unit.text):
            gazetteer.add_department(m.group(1) or m.group(2))


def _people_from_fields(seg: Segmented, gazetteer) -> None:
    """Names in owner/helper cells and 负责人： lines join the gazetteer (周工（研发部）)."""
    _people_from_slots(seg, gazetteer)
    _defined_names(seg, gazetteer)
    _numbered_speakers(seg, gazetteer)
    for unit in seg.units:
        if unit.kind == "speaker" and unit.speaker:
            gazetteer.add_person(unit.speaker)
        field = unit.column if unit.record is not None else (unit.label if unit.label_group == "record" else None)
        if field in ("owner", "collaborators"):
            for party in parties_as_read(unit.text):
                if party.kind == "person":
                    gazetteer.add_person(party.name, party.department)
