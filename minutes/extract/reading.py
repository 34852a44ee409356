"""Reading: the analysed document, asked per unit and character range.

The whole document goes through the spaCy pipeline once, its units joined by
line breaks. A `Reading` maps each unit to its slice of that Doc and answers
questions in the unit's own character offsets: which parties, which cue words,
which sentences and clauses lie in a range.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Iterator, NamedTuple, Optional, Sequence

from ..deadlines import Deadline, find_deadlines
from ..holidays import WorkCalendar
from ..nlp import CLAUSES_KEY, LEXICON_KEY, PARTIES_BY_OFFSETS, PARTIES_KEY, SENTENCES_KEY, analyse
from ..lexicon import title_after_name
from ..parties import Gazetteer
from ..units import Segmented, Unit

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Hit(NamedTuple):
    """A labelled span in unit offsets (a tuple: a document makes some hundreds of them). A party's
    hit says what it names as fields of its own (read far more often than hits are made)."""

    label: str
    start: int
    end: int
    text: str
    kind: Optional[str] = None          # for parties: person, department, vague, undetermined…
    name: str = ""                      # the listed name for a party, else the text
    department: Optional[str] = None    # for parties: the department listed for them


# A document makes some hundred hits, each built straight from its fields (a NamedTuple's own
# __new__ is a Python function in front of this one).
_new_hit = tuple.__new__


class Reading:
    def __init__(self, seg: Segmented, gazetteer: Gazetteer, ref: date | datetime,
                 calendar: Optional[WorkCalendar] = None):
        self.seg = seg
        self.gazetteer = gazetteer
        self.ref = ref
        self.calendar = calendar
        self.starts: list[int] = []
        self._texts = [unit.text for unit in seg.units]
        self._ends: list[int] = []             # where each unit's text ends in the Doc
        position = 0
        for text in self._texts:
            self.starts.append(position)
            position += len(text)
            self._ends.append(position)
            position += 1
        self.doc: Doc = analyse("\n".join(self._texts), gazetteer)
        self._by_unit: dict[str, list[Sequence[Hit]]] = {}
        self._cues_by_label: Optional[list[dict[str, list[Hit]]]] = None
        self._deadlines: dict[int, list[Deadline]] = {}
        self._ranges: dict[str, dict[int, list[tuple[int, int]]]] = {SENTENCES_KEY: {}, CLAUSES_KEY: {}}

    # ------------------------------------------------------------------ #
    def hits(self, unit: Unit, key: str, start: int = 0, end: Optional[int] = None,
             labels: Optional[set[str]] = None) -> list[Hit]:
        """The spans of a component (key: "lexicon", "parties") inside unit[start:end], optionally
        of some labels."""
        per_unit = (self._by_unit.get(key) or self._index(key))[unit.index]
        if not per_unit:            # most units have no span of this kind
            return []
        if end is None:
            if not start and labels is None:
                return list(per_unit)
            end = len(unit.text)
        return [h for h in per_unit if h.start >= start and h.end <= end and (labels is None or h.label in labels)]

    def parties(self, unit: Unit, start: int = 0, end: Optional[int] = None) -> list[Hit]:
        per_unit = (self._by_unit.get("parties") or self._index("parties"))[unit.index]
        if not per_unit:
            return []                 # asked of every line, and most lines name no party
        if end is None:
            if not start:
                return list(per_unit)
            end = len(unit.text)
        return [h for h in per_unit if h.start >= start and h.end <= end]

    def cues(self, unit: Unit, *labels: str, start: int = 0, end: Optional[int] = None) -> list[Hit]:
        # Asked some hundred times per unit, mostly for labels the unit has none of: look up
        # the unit's hits by label rather than filter all its cue words on every question.
        by_label = (self._cues_by_label or self._cue_labels())[unit.index]
        if not by_label:
            return []
        if len(labels) == 1:
            found = by_label.get(labels[0])
            if found is None:
                return []
        else:
            present = by_label.keys() & labels
            if not present:
                return []
            if len(present) > 1:     # keep the hits of several labels in text order
                return self.hits(unit, "lexicon", start, end, present)
            found = by_label[present.pop()]
        if end is None:
            end = len(unit.text)
            if not start:
                return list(found)
        return [h for h in found if h.start >= start and h.end <= end]

    def has(self, unit: Unit, *labels: str, start: int = 0, end: Optional[int] = None) -> bool:
        by_label = (self._cues_by_label or self._cue_labels())[unit.index]
        if by_label.keys().isdisjoint(labels):
            return False            # the common answer, without a list of hits
        if end is None:
            end = len(unit.text)
        return any(h.start >= start and h.end <= end for label in labels for h in by_label.get(label, ()))

    def sentences(self, unit: Unit) -> list[tuple[int, int]]:
        """The unit's sentences (a list shared by every caller: read it, do not change it)."""
        return self._ranges[SENTENCES_KEY].get(unit.index) or self._in_unit(SENTENCES_KEY, unit)

    def clauses(self, unit: Unit, start: int = 0, end: Optional[int] = None) -> list[tuple[int, int]]:
        """The clauses inside unit[start:end] (for the whole unit, a list shared by every caller)."""
        found = self._ranges[CLAUSES_KEY].get(unit.index) or self._in_unit(CLAUSES_KEY, unit)
        if start <= 0 and (end is None or end >= len(unit.text)):
            return found
        if end is None:
            end = len(unit.text)
        return [(s, e) for s, e in found if s >= start and e <= end]

    def deadlines(self, unit: Unit) -> list[Deadline]:
        found = self._deadlines.get(unit.index)
        if found is None:
            try:
                found = find_deadlines(unit.text, self.ref, calendar=self.calendar, folded=unit.fold)
            except Exception:   # a resolver bug must not lose the document
                found = []
            self._deadlines[unit.index] = found
        return found

    def deadlines_read(self) -> Iterator[Deadline]:
        """The deadlines some reader asked for (their warnings are the document's): a line no
        reader looked at for a date dates nothing in the minutes."""
        for found in self._deadlines.values():
            yield from found

    # ------------------------------------------------------------------ #
    def _index(self, key: str) -> list[Sequence[Hit]]:
        if key == "lexicon":            # read once, into both indexes
            self._cue_labels()
            return self._by_unit[key]
        self._by_unit[key] = table = self._table(self.doc.user_data.get(_SPAN_KEYS[key], ()))
        return table

    def _table(self, spans: Sequence[tuple], by_label: Optional[list[dict[str, list[Hit]]]] = None) -> list[Sequence[Hit]]:
        """Each span (label, _, _, start_char, end_char, _; see minutes/nlp.py) as a Hit in the unit
        it lies in (one that crosses a unit's end is dropped); units with none share one empty
        entry (a document lives until it is done, and most units hold no party). Given `by_label`
        (one entry per unit), each unit's hits are also filed there by label, in the same pass."""
        starts, ends, texts = self.starts, self._ends, self._texts
        parties, title_after = self._parties(), title_after_name()
        table: list[Sequence[Hit]] = [()] * len(texts)
        unit_of = bisect.bisect_right
        i, base, limit, text = -1, 0, -1, ""        # the unit the last span lay in, and where it starts and ends
        for label, _, _, start_char, end_char, _ in spans:
            if not base <= start_char <= limit:     # (spans come by start: mostly the same unit as the last)
                if (at := unit_of(starts, start_char) - 1) < 0:
                    continue
                i, text, base, limit = at, texts[at], starts[at], ends[at]
            if end_char > limit:
                continue
            start, end = start_char - base, end_char - base
            words = text[start:end]
            party = parties.get((start_char, end_char))      # (kind, listed name, department)
            if party is None:
                hit = _new_hit(Hit, (label, start, end, words, None, words, None))
            else:
                if party[0] == "person" and (title := title_after.match(text, end)):
                    end = title.end()              # 柴志明同志负责…: the courtesy or rank goes with the name
                hit = _new_hit(Hit, (label, start, end, words, *party))
            if row := table[i]:
                row.append(hit)
            else:
                table[i] = [hit]
            if by_label is not None:
                if (filed := by_label[i]) is _NO_CUES:
                    by_label[i] = {label: [hit]}
                elif (same := filed.get(label)) is None:
                    filed[label] = [hit]
                else:
                    same.append(hit)
        return table

    def _cue_labels(self) -> list[dict[str, list[Hit]]]:
        """Each unit's cue words by label (filed while the cue words are read into units)."""
        by_label: list[dict[str, list[Hit]]] = [_NO_CUES] * len(self.seg.units)
        self._by_unit["lexicon"] = self._table(self.doc.user_data.get(LEXICON_KEY, ()), by_label)
        self._cues_by_label = by_label
        return by_label

    def _in_unit(self, key: str, unit: Unit) -> list[tuple[int, int]]:
        """The sentences or clauses (components/clauses.py) inside the unit, in unit offsets, kept for
        the next question. They follow each other without overlapping, so their starts and their
        ends both rise and those inside are one run of them (one that crosses the unit's end is
        inside no unit)."""
        starts, ends = self.doc.user_data.get(key) or _NO_RANGES
        base = self.starts[unit.index]
        first = bisect.bisect_left(starts, base)
        stop = bisect.bisect_right(ends, base + len(unit.text), first)
        found = self._ranges[key][unit.index] = [(s - base, e - base) for s, e in zip(starts[first:stop], ends[first:stop])]
        return found

    def _parties(self) -> dict[tuple[int, int], tuple]:
        """What each party names, by its character offsets, as the parties component keeps it: a
        span of any kind over a party's characters reads that party."""
        return self.doc.user_data.get(PARTIES_BY_OFFSETS, {})


_SPAN_KEYS = {"lexicon": LEXICON_KEY, "parties": PARTIES_KEY}
_NO_CUES: dict[str, list[Hit]] = {}      # shared by the units with no cue word: never written to
_NO_RANGES: tuple[list[int], list[int]] = ([], [])



@dataclass(frozen=True)
class Speaker:
    """Who says a transcript line or chat message; their words start at `end`."""

    name: str
    department: Optional[str]
    end: int


def speaker_of(unit: Unit, reading: Reading) -> Optional[Speaker]:
    """``刘经理：…`` (a known person before a colon) or a chat message under its header."""
    gazetteer = reading.gazetteer
    if unit.speaker:
        listed = gazetteer.person(unit.speaker) or unit.speaker
        return Speaker(listed, gazetteer.department_of(listed), 0)
    text = unit.text
    for p in reading.parties(unit, 0, min(len(text), 12)):
        if p.kind == "person" and not text[:p.start].strip(" -*") and (m := _AFTER_SPEAKER.match(text, p.end)):
            return Speaker(p.name, p.department, m.end())
    return None


# After a speaker's name: a colon, perhaps after their department in brackets (孟凡(售后服务部)：…).
_AFTER_SPEAKER = re.compile(r"(?<!\s)(?:\s*+[(（][^()（）:：]{1,12}[)）])?\s*+[:：]")
