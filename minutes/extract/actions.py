"""Action items: which words hand out a task, and its owner, helpers, deadline, priority.

Where items come from, strongest signal first:

* a table row under a header with a task (or owner and deadline) column;
* a line in an actions section (待办 / 行动项 / 分工 ...), or labelled ``待办：`` /
  ``TODO``, or an open ``- [ ]`` box; its ``负责人：`` / ``截止：`` sub-lines are
  its fields;
* anywhere else (but in status sections, only a new assignment with a date): a
  sentence whose doer is named — at its start, after 由/请/@, before 负责/牵头 —
  and that carries a deadline, a responsibility verb, or a vague time;
* in a transcript, a speaker's own commitment (我来负责, 我下周三前走完) and an
  assignment to someone addressed (周琳，…你那边负责).

Progress reports (已完成, 顺延), checked boxes, opinions and decisions are not items.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from .. import lexicon
from ..deadlines import find_deadlines
from ..layouts.table import task_state
from ..model import ActionItem, Evidence
from ..parties import UNDETERMINED, is_department, is_vague_party, parse_parties
from ..segment import heads_section
from ..units import Record, Unit
from ..textnorm import fold
from .fields import InlineField, bracket_pair
from .priority import cell_priority
from .meeting import listed_as_present
from .reading import Hit, Reading, Speaker, speaker_of

from .items import (LEAD_NOISE, SEPARATORS, Draft, ItemBuilder, attributive, best_deadline, cell_units, is_question,
                    strip_trailing)

_LISTED_TASK = re.compile(r"^\s*(?:\[?#\d+|\d{1,2}[.、)]|[-•*]|\[[^\]]+\]\()")
_REMARK_LEAD = 4          # chars of a remark cell where an urgency word still speaks of the row
_PUNCTUATED = re.compile(r"[，。！？；,.!?;]")
_AFTERTHOUGHT = 8         # chars: a dated tail this short finishes the clause before it
_DONE_ASPECT = re.compile(r"[\u4e00-\u9fff]了(?:[吧啊呀]?\s*$)")
_NOT_WORD = re.compile(r"[\W_]+")
_PAUSES = re.compile(r"[\s,，。.!！~～]+")
_WRITER = re.compile(r"^[^\s:：]{1,16}[:：]")
_PIECE_BREAK = re.compile(r"[\s,，。.;；!！@]+")
_PIECE_MARKS = ",，。.;；!！@"        # what _PIECE_BREAK splits at besides spaces


def _state_only(text: str) -> bool:
    """A line that is nothing but a task's state (已完成 / 进行中 / done): a report, no task."""
    words = _NOT_WORD.sub("", fold(text).lower())
    return 0 < len(words) <= _STATE_MAX and task_state(words) is not None


_STATE_MAX = 6


class ActionReader:
    def __init__(self, reading: Reading, urgency: Optional[str], transcript: bool, marks: Optional[dict] = None,
                 next_meeting: Optional[str] = None):
        self.taken: dict[int, tuple[int, int]] = {}      # part of a unit already read as a decision
        self.reading = reading
        self.transcript = transcript
        self.items = ItemBuilder(reading, cell_priority(urgency) if urgency else None, marks, next_meeting)

    def extract(self, skip: dict[int, tuple[int, int]]) -> list[ActionItem]:
        items: list[ActionItem] = []
        seen_records: set[int] = set()
        last: Optional[Draft] = None
        last_unit: Optional[Unit] = None          # the line the latest item came from
        for unit in self.reading.seg.units:
            if unit.record is not None:
                if id(unit.record) not in seen_records:
                    seen_records.add(id(unit.record))
                    items.extend(self._record(unit.record))
                last = None
                continue
            if unit.kind in ("form", "speaker", "comment", "noise") or heads_section(unit) or not unit.text.strip() \
                    or unit is self.reading.seg.title_unit:
                continue
            if unit.index in skip and not self._owner_field(unit.text):     # 结论：…。责任人：X — a decision and a task
                if skip[unit.index] == (0, len(unit.text)):
                    continue
                self.taken[unit.index] = skip[unit.index]
            if last is not None and self._attach_field(last, unit):
                items[-1] = self.items.item(last)
                continue
            fields_follow = self._fields_follow(unit)      # 整理复盘报告 / - 负责人：王蕾 / - 截止：9月20日
            if fields_follow:
                drafts = list(self._listed(unit))
            else:
                drafts = list(self._line(unit, in_list=self._follows_an_item(unit, last_unit)))
            drafts = [d for d in drafts if not _takes_meeting_role(d) and not self._asks_only_notice(d)
                      and not self._asks_only_to_carry_out(d) and not _lists_who_is_there(d)]
            if self.transcript and items and last_unit is not None:
                drafts = [d for d in drafts if not self._dates_the_last_ask(d, items[-1], unit, last_unit)]
            items.extend(self.items.item(d) for d in drafts)
            last_unit = unit if drafts else last_unit
            last = drafts[-1] if drafts and (unit.label in ("task", "action") or fields_follow) else None
        return items

    def _asks_only_notice(self, draft: Draft) -> bool:
        """请各位店长认真看完： / 请大家知悉 / 晏欣你先说一下: asking people to read the message or
        to speak in the meeting is no work of its own (请周强知悉并于周五前反馈 still hands out the 反馈)."""
        unit = draft.unit
        notices = self.reading.cues(unit, "NOTICE", "FLOOR", start=draft.start, end=draft.end)
        if not notices:
            return False
        work = self.reading.cues(unit, "TASK_VERB", start=draft.start, end=draft.end)
        return not any(not any(n.start <= w.start < n.end for n in notices) for w in work)

    def _asks_only_to_carry_out(self, draft: Draft) -> bool:
        """请各单位按时落实。: a call to carry out what the minutes say names no work of its own."""
        requests = lexicon.folded_words("cues.yaml", "carry_out_requests")
        if not any(w in draft.unit.fold[draft.start:draft.end] for w in requests):
            return False                  # (most drafts: no such word, and their task words need not be cut here)
        return fold(self.items.task_words(draft)).strip(" 。.！!") in requests

    def _owner_field(self, words: str) -> bool:
        """The words carry an owner field (责任人：X, 负责人 X)."""
        return any(f.name == "owner" for f in self.items.fields(words))

    def _record(self, record: Record) -> list[ActionItem]:
        if record.done or "attendees" in record.fields:
            return []                     # done, or a row of a sign-in sheet (姓名 | 部门 | 职务): no work
        if record.status_table or "task" not in record.fields and not {"owner", "deadline"} <= record.fields.keys():
            return [self.items.item(d) for d in self._record_cells(record)]
        task_unit = record.fields.get("task")
        if task_unit is None or not task_unit.text.strip() or task_unit.role in ("status", "info") \
                and not {"owner", "deadline"} & record.fields.keys():
            return []
        return [self.items.item(self._record_draft(record, unit)) for unit in self._task_lines(task_unit)]

    def _record_draft(self, record: Record, task_unit: Unit) -> Draft:
        draft = Draft(unit=task_unit, start=0, end=len(task_unit.text))
        draft.task = strip_trailing(task_unit.text.replace("\n", " "))
        self._owner_cell(draft, record)
        for name in ("collaborators",):
            if unit := record.fields.get(name):
                draft.helpers += [p.name for p in parse_parties(unit.text) if p.kind != "undetermined"]
        self._deadline_cell(draft, record.fields.get("deadline"))
        for name, unit in record.fields.items():
            if "+" in name:                     # 责任人及完成时限: "高远（王蕾配合），下周三"
                self._combined_cell(draft, unit, name.split("+"))
        if draft.deadline is None and record.task_header is not None:
            self._header_deadline(draft, record.task_header)
        if draft.deadline is None and "undetermined-deadline" not in draft.signals:
            self._deadline_in_task(draft, task_unit)
        if (unit := record.fields.get("priority")) and (level := cell_priority(unit.text)):
            draft.priority, draft.priority_at = level, Evidence(unit.text, unit.locate())
        self.items.inline_priority(draft, task_unit, 0, len(task_unit.text))
        for name, unit in record.fields.items():          # 备注：紧急，… — an urgency word opening a remark
            if draft.priority is None and name.split("#")[0] == "remark":
                self.items.inline_priority(draft, unit, 0, min(len(unit.text), _REMARK_LEAD))
        self.items.owners_from_text(draft, task_unit) if not draft.owners and not draft.vague else None
        return draft

    def _task_lines(self, task_unit: Unit) -> list[Unit]:
        """A task cell listing several tasks, each on its own numbered or linked line, gives one item per line."""
        lines = cell_units(self.reading, task_unit)
        if len(lines) > 1 and all(_LISTED_TASK.match(u.text) or u.style for u in lines):
            return lines
        return [task_unit]

    def _header_deadline(self, draft: Draft, header: Unit) -> None:
        """明日计划 / 下周计划: the plan column's header dates every row."""
        found = [d for d in find_deadlines(header.text, self.reading.ref, calendar=self.reading.calendar) if d.iso]
        if found:
            draft.deadline, draft.deadline_unit = best_deadline(found), header

    def _record_cells(self, record: Record) -> Iterable[Draft]:
        """A tracker of existing tasks: only cells that hand out something new count."""
        for name, unit in list(record.fields.items()) + list(record.extra.items()):
            if name.split("#")[0] in ("task", "remark") or name.startswith("col"):
                for line in cell_units(self.reading, unit):
                    yield from self._free(line, strict=True)

    def _owner_cell(self, draft: Draft, record: Record) -> None:
        owner_unit = record.fields.get("owner")
        department = record.get("owner_department")
        if owner_unit is not None:
            self.items.owner_field(draft, owner_unit.text, 0, owner_unit)
        if department and owner_unit is None and (not is_department(department) or is_vague_party(department)):
            parties = parse_parties(department)
            named = [p for p in parties if p.kind == "person" and p.department]
            if len(named) == 1 or len(parties) > 1 or any(p.kind == "vague" for p in parties):
                self.items.owner_field(draft, department, 0, record.fields["owner_department"])
                return       # 教務處（江秀琴主任）, 区城管局、区交警大队, 各街道办事处 in a 责任单位 column
        if department and is_department(department):
            draft.department_hint = department
            if not draft.owners and not draft.vague and not draft.owner_undetermined:
                draft.owners.append((department, department, record.fields["owner_department"].locate()))
            elif not draft.owners and draft.owner_undetermined:
                draft.owners.append((department, department, record.fields["owner_department"].locate()))

    def _combined_cell(self, draft: Draft, unit: Unit, fields: list[str]) -> None:
        deadlines = self.reading.deadlines(unit)
        if "deadline" in fields and draft.deadline is None and deadlines:
            draft.deadline, draft.deadline_unit = best_deadline(deadlines), unit
        if "owner" in fields and not draft.owners and not draft.vague:
            words = unit.text
            for d in sorted(deadlines, key=lambda d: -d.start):
                words = words[:d.start] + " " * (d.end - d.start) + words[d.end:]
            self.items.owner_field(draft, words.strip(" ，,；;"), 0, unit)

    def _deadline_in_task(self, draft: Draft, task_unit: Unit) -> None:
        """A row with no day in a deadline column (``10月底 TC 例会介绍选型方案``): a bounded day
        written in the task itself is its deadline, and leaves the task's words."""
        found = [d for d in self.reading.deadlines(task_unit) if d.bounded and d.iso and not attributive(task_unit.text, d)]
        if not found:
            return
        draft.deadline, draft.deadline_unit = best_deadline(found), task_unit
        text = task_unit.text
        rest = (text[:draft.deadline.start].rstrip(" ，,") + " " + text[draft.deadline.end:].lstrip(" ，,")).strip()
        draft.task = strip_trailing(rest.replace("\n", " ")) or draft.task

    def _deadline_cell(self, draft: Draft, unit: Optional[Unit]) -> None:
        if unit is None:
            return
        found = self.reading.deadlines(unit)
        if found:
            draft.deadline, draft.deadline_unit = best_deadline(found), unit
        elif UNDETERMINED.match(fold(unit.text.strip())):
            draft.signals.add("undetermined-deadline")
        else:
            self.items.before_next_meeting(draft, unit, 0, len(unit.text))    # 下次质控会前

    def _line(self, unit: Unit, in_list: bool = False) -> Iterable[Draft]:
        if unit.checked is True or unit.role in ("next", "attendees", "meta"):
            return
        explicit = unit.label == "action" or unit.label == "task" or unit.checked is False \
            or bool(LEAD_NOISE.match(unit.fold)) and not unit.text.lower().startswith("另")
        if unit.label is not None and unit.label not in ("action", "task") and unit.label_group != "content":
            return
        if unit.label == "decision" and unit.index in self.taken:
            yield from self._free(unit, strict=False)     # 会议决定：…。由护理部牵头，11月7日前…: the work after it
            return
        if unit.label in ("decision", "rationale", "topic", "result", "risk", "question", "progress"):
            return
        if unit.role == "status" and self.items.is_status(unit, 0, len(unit.text)) \
                and not self.items.assigns(unit, 0, len(unit.text)):
            return                      # - [ ] 方案（@鲁明）—— 进行中: an open task's progress, not a new one
        if explicit or unit.role == "actions":
            yield from self._listed(unit)
        elif self.transcript and speaker_of(unit, self.reading):
            yield from self._turn(unit)
        else:
            yield from self._free(unit, strict=unit.role in ("status", "info", "rationale", "decisions", "agenda"),
                                  in_list=in_list)

    def _listed(self, unit: Unit) -> Iterable[Draft]:
        """A line in an actions section: an item unless it only reports progress."""
        text = unit.text
        if _state_only(text):
            return
        if unit.checked is None and self.items.is_status(unit, 0, len(text)) and not self.items.assigns(unit, 0, len(text)):
            return
        pieces = self._split_items(unit)
        drafts = [self.items.draft(unit, start, end) for start, end in pieces]
        if len(drafts) > 1:
            drafts = self._bare_verbs_joined(unit, drafts)
        doer: Optional[Draft] = None
        for draft in drafts:
            _carry_doer(doer, draft)
            doer = draft if draft.owners else doer
            if self.items.task_words(draft) and not _scheduled_event(draft) and not _asks_first(draft):
                yield draft

    def _bare_verbs_joined(self, unit: Unit, drafts: list[Draft]) -> list[Draft]:
        """``抓好防汛准备。冷国庆负责，7月10日前到位。``: a piece whose work is a bare verb (到位, 落实)
        after a piece that names nobody finishes that piece's work."""
        joined = [drafts[0]]
        for draft in drafts[1:]:
            before = joined[-1]
            if not (before.owners or before.vague) and len(self.items.task_words(draft)) <= _BARE_VERB:
                joined[-1] = self.items.draft(unit, before.start, draft.end)
            else:
                joined.append(draft)
        return joined

    def _follows_an_item(self, unit: Unit, last_unit: Optional[Unit]) -> bool:
        """The line just before gave an item, in the same list: a sibling needs only a doer and a verb."""
        return last_unit is not None and unit.style is not None and last_unit.index == unit.index - 1 \
            and last_unit.style == unit.style and last_unit.parent is unit.parent

    def _free(self, unit: Unit, strict: bool, in_list: bool = False) -> Iterable[Draft]:
        """Outside action sections: a sentence that names a doer and commits to something."""
        doer: Optional[Draft] = None
        for start, end in self._split_items(unit):
            if not self.items.may_name_a_doer(unit, start, end) and doer is None:
                continue                  # every item here needs a doer, or a vague action (… 跟进一下)
            assigned = self._owner_field(unit.text[start:end])       # 建议…。责任人：X — whoever words it, it is given
            if not assigned and (self.items.is_opinion(unit, start, end) or is_question(unit.text[start:end])) \
                    or self.reading.has(unit, "CONVENING", start=start, end=end):
                continue
            draft = self.items.draft(unit, start, end)
            _carry_doer(doer, draft)
            doer = draft if draft.owners and "subject" in draft.signals else doer
            signals = draft.signals
            named = bool(draft.owners or draft.vague or "open-owner" in signals)
            bounded = draft.deadline is not None and (draft.deadline.bounded or draft.deadline.iso is not None
                                                      or self.items.vague_word(unit, draft.deadline))
            if self.items.is_status(unit, start, end) and ("assigned" not in signals or strict):
                continue
            if "slot" in signals and not {"subject", "assigned"} & signals and not bounded and not in_list:
                continue          # 议题 —— 汇报人: a name after a topic is its presenter, unless a date makes it work
            if strict:
                ok = named and "subject" in signals and draft.deadline is not None and draft.deadline.bounded \
                    and draft.deadline.iso is not None
                ok = ok or (named and "assigned" in signals and draft.deadline is not None)
            else:
                ok = named and ("subject" in signals or "assigned" in signals) and (
                    bounded or "owner-verb" in signals or "assigned" in signals or "vague-action" in signals)
                ok = ok or "open-owner" in signals or ("vague-action" in signals and "need" in signals)
                ok = ok or (in_list and named and "subject" in signals)
            if ok and self.items.task_words(draft) and not _scheduled_event(draft):
                yield draft

    def _turn(self, unit: Unit) -> Iterable[Draft]:
        """One speaker's turn: their commitments, and tasks they hand to someone named."""
        speaker = speaker_of(unit, self.reading)
        drafts: list[Draft] = []
        if not _PUNCTUATED.search(unit.text) and self.reading.has(unit, "LINT_SUBJECTIVE"):
            return                    # 我觉得…: an unpunctuated turn that gives a view gives it all through
        for start, end in self._spoken_sentences(unit):
            start = max(start, speaker.end)
            if start < end and self.items.is_opinion_sentence(unit, start, end):
                start = self._handed_out_after_opinion(unit, start, end)   # 我觉得…，@左丘雯 你出个方案
            if start >= end or self.items.is_opinion_sentence(unit, start, end) or is_question(unit.text[start:end + 1]) \
                    or self.reading.has(unit, "DECISION_VERB", start=start, end=end):
                continue
            drafts += list(self._turn_sentence(unit, start, end, speaker))
        if any(d.deadline is not None and not d.deadline.vague for d in drafts):
            # 我来负责 / 我这边要走审批 … then the dated pieces: the undated preamble is not an item
            drafts = [d for d in drafts if d.deadline is not None or "commitment" not in d.signals]
        for draft in drafts:
            if self.items.task_words(draft) and not self._acknowledges(draft):
                yield draft

    def _dates_the_last_ask(self, draft: Draft, item: ActionItem, unit: Unit, asked_in: Unit) -> bool:
        """@左丘雯 你出个方案 / 左丘雯：好的，我周五前发群里 — the one asked names the day in the
        next turn: the day goes to the task asked for, the reply is no second task."""
        speaker = speaker_of(unit, self.reading)
        if speaker is None or item.owner != speaker.name or item.deadline is not None or unit.index - asked_in.index > _NEXT_TURN:
            return False
        if draft.deadline is None or draft.deadline.iso is None or len(self.items.task_words(draft)) > _REPLY_TASK:
            return False
        item.deadline, item.deadline_text = draft.deadline.iso, draft.deadline.text
        item.evidence["deadline"] = Evidence(draft.deadline.text, unit.locate(draft.deadline.start))
        return True

    def _handed_out_after_opinion(self, unit: Unit, start: int, end: int) -> int:
        """Where a clause after a view hands work to someone by name (@X 你…); else the sentence's end."""
        text = unit.fold
        for c_start, c_end in self.reading.clauses(unit, start, end)[1:]:
            lead = c_start + len(text[c_start:c_end]) - len(text[c_start:c_end].lstrip(SEPARATORS))
            parties = [p for p in self.reading.parties(unit, c_start, c_end) if p.kind == "person"]
            if text[lead:lead + 1] == "@" and self.items.marked_owners(unit, parties, c_start, c_end) \
                    and not self.items.is_opinion_sentence(unit, c_start, c_end):
                return c_start
        return end

    def _spoken_sentences(self, unit: Unit) -> list[tuple[int, int]]:
        """Sentences of a turn; speech written down with no punctuation pauses where a space falls,
        and a short dated afterthought (… 周四之前给我) belongs to what was said before it."""
        sentences = self.reading.sentences(unit)
        clauses = self.reading.clauses(unit)
        if len(clauses) <= len(sentences) or _PUNCTUATED.search(unit.text):
            return sentences
        merged: list[list[int]] = []
        for start, end in clauses:
            dated = any(start <= d.start < end and d.bounded for d in self.reading.deadlines(unit))
            if merged and dated and len(unit.text[start:end].strip()) <= _AFTERTHOUGHT:
                merged[-1][1] = end
            else:
                merged.append([start, end])
        return [(s, e) for s, e in merged]

    def _acknowledges(self, draft: Draft) -> bool:
        """行 / 好的没问题 / 收到: a reply that takes note, with nothing left to do; 行，你来调: one
        that hands back what was just offered, naming no new work."""
        def words(text: str) -> list[str]:
            return _PAUSES.sub(" ", fold(text).lower()).split()
        acks = lexicon.folded_words("cues.yaml", "acknowledgements")
        said = words(draft.unit.text[draft.start:draft.end])
        rest = "".join(w for w in words(draft.task or "") if w not in acks)
        return bool(said) and (not rest or said[0] in acks and bool(_BARE_HANDBACK.fullmatch(rest)))

    def _turn_sentence(self, unit: Unit, start: int, end: int, speaker: Speaker) -> Iterable[Draft]:
        clauses = self.reading.clauses(unit, start, end) or [(start, end)]
        addressed = self._addressed(unit, clauses[0])
        dated_in = lambda a, b: [d for d in self.reading.deadlines(unit) if a <= d.start < b and d.iso]
        for c_start, c_end in clauses:
            if self.items.is_status(unit, c_start, c_end) or self.reading.has(unit, "NOT_COMMITMENT", start=c_start, end=c_end):
                continue
            parties = [p for p in self.reading.parties(unit, c_start, c_end) if p.kind == "person"]
            marked = self.items.marked_owners(unit, parties, c_start, c_end)
            if marked:                                         # @陈晨 你负责… / 吴工你评估一下…
                draft = self.items.draft(unit, start, end)
                draft.signals.add("assigned")
                yield draft
                return
            if addressed is not None and self.reading.has(unit, "SECOND_PERSON", start=c_start, end=c_end):
                draft = self.items.draft(unit, c_start, end)      # 周琳，…你那边负责印制
                draft.owners = [(addressed.name, addressed.department, unit.locate(addressed.start))]
                draft.signals.add("assigned")
                yield draft
                return
            vague = [p for p in self.reading.parties(unit, c_start, c_end) if p.kind == "vague"]
            if vague and self.reading.has(unit, "LINT_VAGUE_ACTION", start=c_start, end=c_end) \
                    and not self.reading.has(unit, "FIRST_PERSON", start=c_start, end=vague[0].start):   # 我发到群里大家看一下: mine
                draft = self.items.draft(unit, start, end)           # 另外…的通知，大家各自跟进一下
                if not draft.owners and draft.vague is None:
                    draft.vague, draft.vague_at = vague[0], unit.locate(vague[0].start)
                yield draft
                return
            if _DONE_ASPECT.search(unit.text[c_start:c_end]) and not dated_in(c_start, end):
                continue                                          # 我这边复现了: a report, not a promise
            committed = self.reading.has(unit, "COMMITMENT", start=c_start, end=c_end) or (
                self.reading.has(unit, "FIRST_PERSON", start=c_start, end=c_end)
                and (dated_in(c_start, end) or self.reading.has(unit, "LINT_VAGUE_TIME", start=c_start, end=end)))
            bounded = [d for d in dated_in(c_start, c_end) if d.bounded]
            if committed or bounded:
                for piece in self._split_by_deadlines(unit, c_start, end):
                    draft = self.items.draft(unit, *piece)
                    if piece[0] > start and len(self.items.task_words(draft)) <= _BARE_VERB:
                        draft = self.items.draft(unit, start, piece[1])    # …调两个过去，下周一之前到位
                    if not draft.owners and not draft.vague:
                        draft.owners = [(speaker.name, speaker.department, unit.locate(c_start))]
                    draft.signals.add("commitment" if committed else "dated")
                    yield draft
                return

    def _addressed(self, unit: Unit, first: tuple[int, int]) -> Optional[Hit]:
        """``周琳，培训手册和工牌你那边负责印制``: a name alone before the first comma."""
        parties = [p for p in self.reading.parties(unit, *first) if p.kind == "person"]
        if len(parties) == 1 and unit.text[first[0]:first[1]].strip() == parties[0].text:
            return parties[0]
        return None

    def _fields_follow(self, unit: Unit) -> bool:
        """The next line is a 负责人/截止 field line: this line is the task they belong to."""
        if unit.label is not None or unit.kind != "line":
            return False
        units = self.reading.seg.units
        following = units[unit.index + 1] if unit.index + 1 < len(units) else None
        return following is not None and \
            following.label_group == "record" and following.label in ("owner", "deadline") and \
            (following.parent is unit or following.indent > unit.indent or following.style != unit.style)

    def _split_items(self, unit: Unit) -> list[tuple[int, int]]:
        """One range per item: sentences that name their own doer start a new item."""
        sentences = self.reading.sentences(unit) or [(0, len(unit.text))]
        taken = self.taken.get(unit.index)
        if taken:       # what a decision took is not a task; the rest of its sentence may be
            sentences = [(max(s, taken[1]) if s < taken[1] < e else s, e) for s, e in sentences
                         if e <= taken[0] or e > taken[1]]
        ranges: list[list[int]] = []
        if len(sentences) > 1 and self._is_topic(unit, *sentences[0]):
            sentences = sentences[1:]
        closed = False
        for start, end in sentences:      # (the first sentence starts an item whatever it opens with)
            if ranges and not closed and (not self._starts_with_doer(unit, start, end)
                                          or self._opens_with_field(unit, start, end)):
                ranges[-1][1] = end
            else:
                ranges.append([start, end])
            closed = self._closed_by_bracketed_doer(unit, start, end)
        pieces: list[tuple[int, int]] = []
        for start, end in ranges:
            if len(ranges) > 1 and self.items.is_status(unit, start, end) and not self.items.assigns(unit, start, end):
                continue
            pieces.extend(self._split_by_deadlines(unit, start, end))
        return pieces

    def _closed_by_bracketed_doer(self, unit: Unit, start: int, end: int) -> bool:
        """``…换图（责编 X，5月9日前）；与作者确认…（Y，本周五前）``: a sentence that ends with its doer in
        brackets is a whole item; the next sentence starts another."""
        words = unit.text[start:end].rstrip(SEPARATORS + "．. ")
        if not words.endswith(("）", ")")):
            return False
        opening = max(words.rfind("（"), words.rfind("("))
        return opening >= 0 and (bool(self.reading.parties(unit, start + opening, start + len(words)))
                                 or bracket_pair(words) is not None)

    def _opens_with_field(self, unit: Unit, start: int, end: int) -> bool:
        """``…。负责人：X`` — a sentence that is only a field of the item before it."""
        fields = self.items.fields(unit.text[start:end])
        return bool(fields) and fields[0].start <= 1

    def _is_topic(self, unit: Unit, start: int, end: int) -> bool:
        """``关于施工进度。…``: a short opening phrase with no doer, date or verb names the topic."""
        words = unit.fold[start:end].strip(SEPARATORS)
        return len(words) <= 14 and words.startswith(("关于", "就", "针对", "对于")) \
            and not self.reading.parties(unit, start, end) and not any(start <= d.start < end for d in self.reading.deadlines(unit))

    def _starts_with_doer(self, unit: Unit, start: int, end: int) -> bool:
        """The sentence hands out its own work: a clause of it opens with its doer (客服部要…, 请财务部…),
        or it names one with 由/请 (…方案由工程部司徒亮编制)."""
        for c_start, c_end in [(start, end)] + [c for c in self.reading.clauses(unit, start, end) if c[0] > start]:
            if self._clause_opens_with_doer(unit, c_start, c_end):
                return True
        parties = self.reading.parties(unit, start, end)
        return any(h.start > start for h in self.reading.cues(unit, "OWNER_MARKER", start=start, end=end)) \
            and bool(self.items.marked_owners(unit, parties, start, end))

    def _clause_opens_with_doer(self, unit: Unit, start: int, end: int) -> bool:
        text = unit.fold
        lead = start + len(text[start:end]) - len(text[start:end].lstrip(SEPARATORS))
        if any(h.start == lead for h in self.reading.cues(unit, "OWNER_MARKER", "LEAD_IN", start=lead, end=end)):
            return True
        parties = self.reading.parties(unit, lead, end)
        return bool(parties) and parties[0].start == lead and self.items.doer_follows(unit, parties[0].end, end)

    def _split_by_deadlines(self, unit: Unit, start: int, end: int) -> list[tuple[int, int]]:
        """``清单周五前给到刘经理，9月5号前把账号开好``: two tasks, one per dated clause."""
        found = self.reading.deadlines(unit)
        if len(found) < 2:              # most lines: not two days to cut between
            return [(start, end)]
        dated = [d for d in found if start <= d.start < end and d.bounded and d.iso
                 and not attributive(unit.text, d)]
        if len(dated) < 2:              # most lines: no need to cut them into clauses
            return [(start, end)]
        clauses = self.reading.clauses(unit, start, end)
        owners_clauses = [c for c in clauses if any(c[0] <= d.start < c[1] for d in dated)]
        if len(owners_clauses) < 2:
            return [(start, end)]
        pieces = []
        piece_start = start
        for c_start, c_end in owners_clauses[1:]:
            pieces.append((piece_start, c_start))
            piece_start = c_start
        pieces.append((piece_start, end))
        return pieces

    def _attach_field(self, draft: Draft, unit: Unit) -> bool:
        """``负责人：林志豪`` / ``截止日期：…`` lines under a ``事项：`` line."""
        if unit.label_group != "record" or unit.label in ("task", "id", "remark") or unit.label is None:
            return False
        f = InlineField(unit.label, unit.text, 0, 0, 0)
        self.items.apply_field(draft, f, unit, 0)
        draft.cut.pop()
        if unit.label == "deadline":
            found = self.reading.deadlines(unit)
            if found:
                draft.deadline, draft.deadline_unit = best_deadline(found), unit
                draft.signals.discard("undetermined-deadline")
        return True


_NEXT_TURN = 3            # units: the reply's header line (左丘雯 10:30) may sit between ask and answer
_REPLY_TASK = 6           # chars: 发群里 / 发你 / 交上来 say how it is delivered, not what
_BARE_VERB = 2            # chars: 到位 / 搞定 names no work on its own; the sentence before says what
_BARE_HANDBACK = re.compile(r"(?:你|您)?(?:来|去)?[\u4e00-\u9fff]?")     # 来调 / 你来 / 去弄: no object, no new work
_REPORTS_THE_CHAIR = re.compile(r"会议由[^，,。；;]{1,16}主持")


@lru_cache(maxsize=1)
def _role_words() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """The meeting roles (主持, 记一下纪要), what may come before them (麻烦, 我, 这次), longest
    first, and the characters the roles end with."""
    roles = lexicon.folded_words("cues.yaml", "meeting_roles", "host") | \
        lexicon.folded_words("cues.yaml", "meeting_roles", "recorder")
    leading = lexicon.folded_words("cues.yaml", "courtesies") | lexicon.folded_words("cues.yaml", "first_person") \
        | lexicon.folded_words("cues.yaml", "meeting_roles", "occasion")
    return roles, tuple(sorted(leading, key=len, reverse=True)), frozenset(role[-1] for role in roles)


def _asks_first(draft: Draft) -> bool:
    """``灰度策略谁来定？——待定，周四再议``: an item that opens with a question and names nobody is an
    open question, not work handed out."""
    words = draft.unit.text[draft.start:draft.end]
    question = _QUESTION_END.search(words)
    return question is not None and not draft.owners and not _SENTENCE_BREAK.search(words, 0, question.start())


_QUESTION_END = re.compile(r"？|\?(?=\s|$)")         # (not a URL's ?id=)
_SENTENCE_BREAK = re.compile(r"[。！!；;]")


def _scheduled_event(draft: Draft) -> bool:
    """``8月3日（周六）整体搬迁至3号楼`` / ``9月1日全员返岗``: a day the item opens with, not a
    deadline (no 前, 内, 截止), and nobody named: what happens then, a schedule, not work handed out."""
    d = draft.deadline
    if d is None or d.bounded or draft.owners or draft.vague:
        return False
    lead = len(draft.unit.text[draft.start:d.start].strip(" 0123456789.、，,:：()（）-"))
    return lead == 0 and d.iso is not None and draft.deadline_unit is draft.unit


def _carry_doer(before: Optional[Draft], draft: Draft) -> None:
    """卢涛明天前出报告，两周内完成整改验证: a later piece of the same line that names no doer of
    its own is done by the doer before it (Chinese leaves a repeated subject out)."""
    if before is None or draft.owners or draft.vague is not None or "open-owner" in draft.signals \
            or draft.deadline is None:
        return
    draft.owners = list(before.owners)
    draft.department_hint = draft.department_hint or before.department_hint
    draft.signals |= {"subject", "carried"}


def _takes_meeting_role(draft: Draft) -> bool:
    """主持，@龙婷 麻烦记一下纪要: chairing or keeping the minutes of this meeting and nothing
    else is meeting information (extract/meeting.py reads it), no task."""
    if draft.deadline is None and _REPORTS_THE_CHAIR.search(draft.task or ""):
        return True                                    # 会议由总经理助理上官婉主持，…，客服部夏侯杰记录
    roles, leading, role_endings = _role_words()
    words = fold(draft.task or "").strip()
    if _last_word_char(words) not in role_endings:
        return False                      # (most tasks: the last piece ends in no role)
    said = _WRITER.sub("", words)       # the writer's name: …
    pieces = [p for p in _PIECE_BREAK.split(said) if p]
    if any(piece[-1] not in role_endings for piece in pieces):
        return False                      # only what comes before a role is cut: each piece ends in one
    for i, piece in enumerate(pieces):
        while (lead := next((w for w in leading if piece.startswith(w) and len(piece) > len(w)), None)):
            piece = piece[len(lead):]
        pieces[i] = piece.removeprefix("来")
    return bool(pieces) and all(p in roles for p in pieces)


def _lists_who_is_there(draft: Draft) -> bool:
    """早，开始站会，今天来的有 @Ben @蒋琪: the @names are who came, no one given work."""
    words = draft.unit.text[draft.start:draft.end]
    present = listed_as_present(words) if "有" in words else None      # (most drafts: no 的有)
    parties = parse_parties(present) if present is not None else []
    return bool(parties) and all(p.kind in ("person", "department") for p in parties)


def _last_word_char(words: str) -> str:
    """The last character of the last piece `_PIECE_BREAK` leaves of the words ("" if none)."""
    for char in reversed(words):
        if not char.isspace() and char not in _PIECE_MARKS:
            return char
    return ""
