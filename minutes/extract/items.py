"""The one item builder: what a range of words says about a task — its owner, helpers,
deadline, priority and task words — and the ActionItem it becomes.

Every layout hands its candidate lines here (minutes/extract/actions.py decides which
lines are candidates, from the layout's blocks). A `Draft` collects what the words say;
`ItemBuilder.item()` turns it into an `ActionItem` with evidence for every field.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from .. import lexicon
from ..deadlines import Deadline
from ..labels import field_of
from ..model import ActionItem, Evidence, Location
from ..parties import UNDETERMINED, ends_as_post, is_department, parse_parties
from ..units import Unit
from ..textnorm import fold
from .fields import InlineField, bracket_pair, inline_fields
from .priority import cell_priority, heading_priority, inline_priority, mark_priority
from .when import next_meeting_phrase
from .reading import Hit, Reading

_OPEN_OWNER = re.compile(r"谁(?:出|来|负责|跟进|做|牵头|写|搞)")
LEAD_NOISE = re.compile(r"^(?:todo|待办|行动|action)\s*+(?:\([^()\n]{0,40}\))?\s*+[:：]?\s*|^另(?=由)", re.I)
SEPARATORS = " \t,，;；。、:：—-|→>"
_ONE_OFF = re.compile(r"一下$")
_FILLER_AFTER_DEADLINE = re.compile(r"^\s*(?:完成|前完成|内完成|截止|为止|之前|以前)")
_HEDGE = re.compile(r"(?:争取|尽量|力争|务必|最迟|最晚|须|需|要|必须|请)\s*(?:在|于)?\s*$")
_PREP_BEFORE_DEADLINE = re.compile(r"(?:在|于)\s*$|(?:具体|完成|截止)?(?:时间|日期)\s*$")
_NEED = re.compile(r"需要|要|得|请|必须|须")
_HELPING = re.compile(r"协助|配合|协办")
_HELPING_WORDS = re.compile(r"协助|配合|协办|support")
_NAME_HEADING = re.compile(r"[^:：]{1,10}[:：]")
_BEFORE = re.compile(r"\s*+(?:之?前|以前)")      # possessive: a run of spaces is not retried from every position
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
_BREAK = re.compile(r"[\s,，;；、:：]")
_OPENING_BRACKET = re.compile(r"\s*+[(（]")
_CLOSING_BRACKET = re.compile(r"\s*+[)）]")
_QUESTION_MARK = re.compile(r"[?？]$")
_OF = re.compile(r"\s*+(?:之前|以前|前|之后|以后|后|以内|之内|内)?\s*+的")


@lru_cache(maxsize=1)
def _en_owner_verb() -> re.Pattern:
    """English: a name followed by one of these owns what comes after (David to review…)."""
    return re.compile(rf"(?:{lexicon.alternation(lexicon.words('cues.yaml', 'owner_verbs_en'))})\s+[a-z]", re.I)


@lru_cache(maxsize=1)
def _joiners() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Gaps between co-owners: a joining word (、 和 与 +) or comma perhaps with a word that says
    they share (一起, 共同); only the sharing word; only the joining word."""
    joiners = lexicon.alternation(lexicon.words("cues.yaml", "coordinators"))
    together = lexicon.alternation(lexicon.words("cues.yaml", "together"))
    return (re.compile(rf"\s*+(?:{joiners}|,|，)?\s*+(?:{together})?\s*+"), re.compile(rf"\s*+(?:{together})?\s*+"),
            re.compile(rf"\s*+(?:{joiners})\s*+"))


@dataclass
class Draft:
    """What one range of words says about a task, before it becomes an ActionItem."""

    unit: Unit
    start: int
    end: int
    owners: list[tuple[str, Optional[str], Location]] = field(default_factory=list)   # (name, department, where)
    owner_undetermined: bool = False
    vague: Optional[Hit] = None
    vague_at: Optional[Location] = None
    helpers: list[str] = field(default_factory=list)
    deadline: Optional[Deadline] = None
    deadline_unit: Optional[Unit] = None
    priority: Optional[str] = None
    priority_at: Optional[Evidence] = None
    cut: list[tuple[int, int]] = field(default_factory=list)
    helper_cut: list[tuple[int, int]] = field(default_factory=list)   # helper clauses: out of the task words only
    task: Optional[str] = None
    department_hint: Optional[str] = None
    signals: set[str] = field(default_factory=set)


class ItemBuilder:
    """Reads owners, helpers, deadlines and priorities out of a unit's words."""

    def __init__(self, reading: Reading, form_priority: Optional[str], marks: Optional[dict[str, str]] = None,
                 next_meeting: Optional[str] = None):
        self.reading = reading
        self.form_priority = form_priority
        self.next_meeting = next_meeting             # ISO date of the next meeting, when the notes give it
        self.marks = marks or {}                     # ★ → high, as the notes' legend or the defaults say
        self._lead_marks = SEPARATORS + "@*" + "".join(self.marks)      # what may stand before a doer (★ 后端小组…)
        self._fields: dict[str, tuple[InlineField, ...]] = {}

    def fields(self, words: str) -> tuple[InlineField, ...]:
        """`inline_fields` of some words of this document: a line's words are asked about as a
        sentence, as an item and as a draft, so each is read once."""
        found = self._fields.get(words)
        if found is None:
            found = self._fields[words] = tuple(inline_fields(words))
        return found

    def draft(self, unit: Unit, start: int, end: int) -> Draft:
        draft = Draft(unit=unit, start=start, end=end)
        text = unit.text
        for f in self.fields(text[start:end]):
            self.apply_field(draft, f, unit, start)
        pair = bracket_pair(text[start:end])
        if pair is not None:
            self._apply_pair(draft, unit, start + pair.start, start + pair.end)
        if not draft.owners and not draft.vague:
            self.owners_from_text(draft, unit)
        self._line_department(draft, unit)
        if not draft.owners and not draft.vague:
            self._heading_owner(draft, unit)
        if not draft.owners and not draft.vague and draft.department_hint:     # 责任部门：生产部, no person
            draft.owners.append((draft.department_hint, draft.department_hint, unit.locate(start)))
        self._helpers_from_text(draft, unit)
        if draft.deadline is None and "undetermined-deadline" not in draft.signals:
            self._deadline_from_text(draft, unit)
        self.inline_priority(draft, unit, start, end)
        if any(_ONE_OFF.search(h.text) for h in self.reading.cues(unit, "LINT_VAGUE_ACTION", start=start, end=end)):
            draft.signals.add("vague-action")
        if _NEED.search(unit.fold, start, end):
            draft.signals.add("need")
        if _OPEN_OWNER.search(unit.fold, start, end):
            draft.signals.add("open-owner")
        return draft

    def may_name_a_doer(self, unit: Unit, start: int, end: int) -> bool:
        """Whether `draft` could find a doer (owners, a vague party, 谁来…) or a vague action in
        unit[start:end]: each source it reads them from, checked without reading them. A line
        with none of these needs no draft where only a named or vague task counts."""
        text = unit.text[start:end]
        return bool(self.reading.parties(unit, start, end) or self.fields(text) or bracket_pair(text)
                    or unit.fold.lower().find(":", start) >= 0           # a role before its colon (前端：…), as _role_at
                    or unit.headings and self.reading.parties(unit.headings[-1])      # tasks under 罗琳：
                    or _OPEN_OWNER.search(unit.fold, start, end)
                    or self.reading.has(unit, "LINT_VAGUE_ACTION", start=start, end=end))

    def apply_field(self, draft: Draft, f: InlineField, unit: Unit, base: int) -> None:
        draft.cut.append((base + f.start, base + f.end))
        if f.name == "owner":
            self.owner_field(draft, f.value, base + f.value_start, unit)
            draft.signals.add("assigned")
        elif f.name == "owner_department" and is_department(f.value):
            draft.department_hint = f.value
        elif f.name == "collaborators":
            draft.helpers += [p.name for p in parse_parties(f.value) if p.kind != "undetermined"]
        elif f.name == "deadline":
            found = [d for d in self.reading.deadlines(unit) if d.start < base + f.end and d.end > base + f.value_start]
            if found:
                draft.deadline, draft.deadline_unit = best_deadline(found), unit
            else:
                draft.signals.add("undetermined-deadline")
        elif f.name == "priority" and (level := cell_priority(f.value)):
            draft.priority, draft.priority_at = level, Evidence(f.value, unit.locate(base + f.value_start))

    def _apply_pair(self, draft: Draft, unit: Unit, start: int, end: int) -> None:
        """（刘工/10月18日）: owner(s) before the slash, deadline after; 待定 keeps the line's department."""
        inside = unit.text[start:end].strip("（()） 。；;，,.")
        who, _, when = re.split(r"([/／])" if "/" in inside or "／" in inside else r"([,，])", inside, maxsplit=1)
        draft.cut.append((start, end))
        self.owner_field(draft, who, start + 1, unit)
        found = [d for d in self.reading.deadlines(unit) if start <= d.start < end]
        if found:
            draft.deadline, draft.deadline_unit = best_deadline(found), unit
        elif UNDETERMINED.match(fold(when.strip())):
            draft.signals.add("undetermined-deadline")

    def inline_priority(self, draft: Draft, unit: Unit, start: int, end: int) -> None:
        found = inline_priority(self.reading, unit, start, end) if draft.priority is None else None
        if found:
            level, offset = found
            words = next(h.text for h in self.reading.cues(unit, "PRIORITY_HIGH", "PRIORITY_MEDIUM", "PRIORITY_LOW",
                                                           start=offset, end=end))
            draft.priority, draft.priority_at = level, Evidence(words, unit.locate(offset))
        elif draft.priority is None and (marked := mark_priority(unit.text[start:end], self.marks)):
            level, offset = marked                   # ★ 后端联调 / 🔴 修复登录
            draft.priority, draft.priority_at = level, Evidence(unit.text[start + offset], unit.locate(start + offset))
            draft.cut.append((start + offset, start + offset + 1))

    def owner_field(self, draft: Draft, value: str, offset: int, unit: Unit) -> None:
        """A 负责人 value: the first party owns, the rest co-own; （X协助） helps."""
        parties = parse_parties(value)
        gazetteer = self.reading.gazetteer
        for party in parties:
            if party.helper:
                draft.helpers.append(party.name)
            elif party.kind == "undetermined":
                draft.owner_undetermined = True
            elif party.kind == "vague":
                draft.vague = Hit("VAGUE_PARTY", offset, offset + len(party.name), party.name, "vague", party.name, None)
                draft.vague_at = unit.locate(offset + max(0, value.find(party.name)))
            else:
                department = party.department or (party.name if party.kind == "department" else
                                                  gazetteer.department_of(party.name))
                if party.kind == "person" and draft.owners and all(name == dept for name, dept, _ in draft.owners):
                    department = department or draft.owners[0][1]     # 信息部上线… / 责任人：信息部 庄毅: the person
                    draft.owners = []                                  # named for the department's work owns it
                draft.owners.append((gazetteer.person(party.name) or party.name, department,
                                     unit.locate(offset + max(0, value.find(party.name)))))
            if party.note and _HELPING.search(party.note):
                helper = _HELPING_WORDS.sub("", party.note).strip()
                if helper:
                    draft.helpers.append(helper)

    def owners_from_text(self, draft: Draft, unit: Unit) -> None:
        start, end = draft.start, draft.end
        parties = _outside(self.reading.parties(unit, start, end), draft.cut)
        owners = self.marked_owners(unit, parties, start, end) if parties else []
        if owners:
            draft.signals.add("assigned")
            draft.helpers += self._joined_by(unit, parties, owners, start, end)
        else:
            owners = self._subject(unit, parties, start, end, draft)
        if len(owners) > 1:          # 运维与支付组共同负责: the joiners go with the owners
            draft.cut.append((owners[0].start, owners[-1].end))
        for hit in owners:
            if hit.kind == "vague":
                if draft.vague is None:
                    draft.vague, draft.vague_at = hit, unit.locate(hit.start)
            elif hit.kind in ("person", "department"):
                draft.owners.append((hit.name, hit.department, unit.locate(hit.start)))
                if hit.kind == "person" and (post := _post_opening_clause(unit.text, hit.start, start)) is not None:
                    draft.cut.append((post, hit.start))      # 项目经理滕志远负责…: the post goes with the name
                elif hit.kind == "person" and (unit_before := _unit_right_before(parties, hit, unit.text)) is not None:
                    draft.cut.append((unit_before.start, hit.start))     # 生产部伍海涛牵头…: so does the unit
            end = hit.end
            if m := _en_owner_verb().match(unit.text[end:].lstrip()):      # "David to review…": cut "to"
                end += len(unit.text[end:]) - len(unit.text[end:].lstrip()) + m.end() - 1
            draft.cut.append((hit.start, end))

    def _joined_by(self, unit: Unit, parties: list[Hit], owners: list[Hit], start: int, end: int) -> list[str]:
        """由戚老师和倪老师共同命题，戚老师负责: the others who do it together with the one made
        responsible work with them."""
        if len(owners) != 1 or owners[0].kind != "person":
            return []
        for together in self.reading.cues(unit, "TOGETHER", start=start, end=end):
            group = _group_before(parties, together.start, unit.fold)
            if len(group) > 1 and any(p.name == owners[0].name for p in group):
                return [p.name for p in group if p.name != owners[0].name and p.kind in ("person", "department")]
        return []

    def marked_owners(self, unit: Unit, parties: list[Hit], start: int, end: int) -> list[Hit]:
        """由X负责 / X负责 / X、Y共同负责 / 请X… / @X."""
        if not parties:
            return []                 # every way of marking an owner marks one of the parties
        verbs = self.reading.cues(unit, "OWNER_VERB", start=start, end=end)
        markers = self.reading.cues(unit, "OWNER_MARKER", start=start, end=end)
        text = unit.fold
        for verb in verbs:
            group = _group_before(parties, verb.start, text)
            if len(group) == 1 and group[0].kind == "department" and (named := _bracketed_after(parties, verb.end, text)):
                return [_of_department(named, group[0])]          # 信息部牵头（杭旭）: 杭旭 answers for it
            if len(group) == 1 and group[0].kind == "person":
                return [_with_department_before(parties, group[0], text)]   # 安保部主管晏青牵头
            if group:
                return group
        for together in self.reading.cues(unit, "TOGETHER", start=start, end=end):
            group = _group_before(parties, together.start, text)     # 财务部和行政部一起弄 / A、B共同完成
            if len(group) > 1 and self.verb_at(unit, together.end, end):
                return group
        for marker in markers:
            after = [p for p in parties if p.start >= marker.end and not text[marker.end:p.start].strip()]
            if after:
                person = _person_of(parties, after[0], unit.text)
                return [person] if person else _group_from(parties, after[0], text)
        for party in parties:            # 值班表由闫小青编排: the segmenter glued 由 to the word before it
            if party.start > start and text[party.start - 1] in _single_markers() and party.kind in ("person", "department") \
                    and (any(h.start == party.end for h in self.reading.cues(unit, "TASK_VERB", "OWNER_VERB",
                                                                             start=party.end, end=end))
                         or text[party.end:party.end + 1] in lexicon.folded_words("cues.yaml", "short_work_verbs")):     # 排班表由X做好…
                return [party]
        mentions = [p for p in parties if p.start > 0 and text[p.start - 1] in "@"
                    and not self._reports(unit, p.end, end)]      # @chenmo 介绍了…: who spoke, not who is to do
        if mentions:
            return mentions[:1]
        second = self.reading.cues(unit, "SECOND_PERSON", start=start, end=end)
        return [p for p in parties if p.kind == "person"       # 陈晨你… / Rachel 你…: the one spoken to
                and any(s.start == p.end or s.start > p.end and not text[p.end:s.start].strip() for s in second)][:1]

    def _subject(self, unit: Unit, parties: list[Hit], start: int, end: int, draft: Draft) -> list[Hit]:
        """The doer at the start of the item, of a sentence or of a clause (``赵磊输出…``, ``…，各部门近期报送``)."""
        text = unit.fold
        starts = [(start, end)] + [r for r in self.reading.clauses(unit, start, end) if r[0] > start]
        for s_start, s_end in starts:
            lead = s_start + len(text[s_start:s_end]) - len(text[s_start:s_end].lstrip(self._lead_marks))
            noise = LEAD_NOISE.match(text[lead:s_end])
            if noise:
                lead += noise.end()
            lead_in = next((h for h in self.reading.cues(unit, "LEAD_IN", start=lead, end=s_end) if h.start == lead), None)
            if lead_in is not None:
                lead = lead_in.end + len(text[lead_in.end:s_end]) - len(text[lead_in.end:s_end].lstrip(SEPARATORS))
            first = next((p for p in parties if p.start >= lead), None)
            if first is not None and first.start > lead and first.kind == "person" \
                    and (_post_before_name(text[lead:first.start]) or _side_word(text[lead:first.start])):
                lead = first.start                         # 店长葛新写…: the post before the name (cut with the owner)
            if (first is None or first.start != lead) and (initialled := self._initials_at(unit, lead)):
                draft.signals.add("subject")
                return [initialled]                        # DO to circulate…: Daniel Osei, listed with his initials
            if (first is None or first.start != lead) and (role := _role_at(unit, lead)):
                draft.signals.update({"subject", "slot"})     # 前端：会员中心改版提测 — a role owns it
                return [role]
            if first is None or first.start != lead:
                continue
            members = self._members(unit, parties, first, s_end)
            if members:                                    # 后端小组（史可、梁嘉）：… — the first member owns
                draft.department_hint = draft.department_hint or first.name
                draft.cut.append((first.start, members[-1].end + 1))
                draft.signals.add("subject")
                return members
            glued = _person_of(parties, first, unit.text)
            if glued is not None:
                draft.department_hint = draft.department_hint or unit.text[lead:glued.start]
                draft.cut.append((lead, glued.start))
                first = glued                              # 质量部蒋晓：… — the person, in that department
            group = _group_from(parties, first, text)
            if len(group) == 1 and (unit_after := _department_bracketed_after(parties, first, text)) is not None:
                department, closed = unit_after               # 蒲晓岚（资产管理部）：…: the person, of that unit,
                first = _of_department(first, department)._replace(end=closed)       # the bracket cut with the name
                group = [first]
            follows = self.doer_follows(unit, group[-1].end, end) or glued is not None \
                and glued.name in self.reading.gazetteer.people and _work_after(text, glued.end)
            if follows and not self._is_helper(unit, group[-1].end, end) \
                    and not self._reports(unit, group[-1].end, end):
                draft.signals.add("subject")
                if text[group[-1].end:group[-1].end + 1] in (":", "："):
                    draft.signals.add("slot")          # 张弈帆：让调试器适配…
                if len(group) > 1 and _deals_with(text, group, end):
                    return group[:1]                   # 柏振宇与翟丽萍对接…: the one dealt with stays in the task
                return group
        for p in parties:      # a name right before its deadline: "达人合作名单 Amy 周一前出初版"
            if p.kind == "person" and self._deadline_at(unit, p.end) is not None:
                draft.signals.add("subject")
                return [p]
        for p in parties:      # a party alone between separators: "更新埋点文档 - Jerry - EOD Friday"
            if p.kind in ("person", "department", "vague") and _alone(text, p, start, end):
                draft.signals.add("slot")
                return [p]
        return []

    def _initials_at(self, unit: Unit, lead: int) -> Optional[Hit]:
        """``DO to circulate…``: capital initials before an English owner verb, when exactly one
        listed person has those initials (Daniel Osei)."""
        m = _INITIALS.match(unit.text, lead)
        if m is None or not _en_owner_verb().match(unit.text, m.end(1) + 1):
            return None
        people = [name for name in self.reading.gazetteer.people if _initials_of(name) == m.group(1)]
        if len(people) != 1:
            return None
        name = people[0]
        return Hit("PERSON", m.start(1), m.end(1), m.group(1), "person", name, self.reading.gazetteer.people[name])

    def _members(self, unit: Unit, parties: list[Hit], group: Hit, end: int) -> list[Hit]:
        """The people a group names in brackets right after itself (后端小组（史可、梁嘉、邓淼）)."""
        if group.kind != "department" or unit.text[group.end:group.end + 1] not in "(（":
            return []
        close = min((i for i in (unit.text.find(")", group.end), unit.text.find("）", group.end)) if i > 0), default=-1)
        if close < 0 or close > end:
            return []
        return [p for p in parties if group.end < p.start < close and p.kind == "person"]

    def _reports(self, unit: Unit, position: int, end: int) -> bool:
        """``财务处提出…`` / ``质量部汇报…``: the party speaks; it is not given a task."""
        rest = unit.text[position:end]
        skip = len(rest) - len(rest.lstrip())
        return any(h.start == position + skip for h in self.reading.cues(unit, "REPORTING", start=position, end=end))

    def _is_helper(self, unit: Unit, position: int, end: int) -> bool:
        rest = unit.text[position:end]
        skip = len(rest) - len(rest.lstrip())
        return any(h.start == position + skip for h in self.reading.cues(unit, "HELPER_VERB", start=position, end=end))

    def doer_follows(self, unit: Unit, position: int, end: int) -> bool:
        """After a party: a task verb, a linking word, a time, a colon or an arrow — not a noun (IT机房)."""
        rest = unit.fold[position:end].lstrip()
        if not rest:
            return False
        if rest[0] in ":：>" or rest.startswith("->") or _en_owner_verb().match(rest):
            return True
        if next_meeting_phrase().match(rest.lower()):
            return True                   # 庞悦下次例会前提交…
        deadline = self._deadline_at(unit, position)
        if deadline is not None:          # 赵磊5个工作日内提交 / 赵宏明天与…; not 运营部国庆活动规则
            return deadline.bounded or self.verb_at(unit, deadline.end, end)
        if rest.startswith(lexicon.recurring_times()):
            return True                   # 各网格员每晚巡查…: when it recurs, then the work
        return self.verb_at(unit, position, end)

    def verb_at(self, unit: Unit, position: int, end: int) -> bool:
        rest = unit.fold[position:end].lstrip()
        if not rest:
            return False
        skip = len(unit.text[position:end]) - len(unit.text[position:end].lstrip())
        if rest[0] in _leading_chars():
            return True                   # 将… / 自查…: the segmenter may have glued it to what follows
        return any(h.start == position + skip for h in self.reading.cues(
            unit, "TASK_VERB", "DOER_LINK", "OWNER_VERB", "HELPER_VERB", "LINT_VAGUE_TIME", "LINT_VAGUE_ACTION",
            "COMMITMENT", start=position + skip, end=end))

    def _deadline_at(self, unit: Unit, position: int) -> Optional[Deadline]:
        text = unit.text
        skip = len(text[position:]) - len(text[position:].lstrip(" 于在"))
        return next((d for d in self.reading.deadlines(unit) if d.start == position + skip), None)

    def _heading_owner(self, draft: Draft, unit: Unit) -> None:
        """Tasks listed under ``罗琳：`` belong to 罗琳."""
        heading = unit.headings[-1] if unit.headings else None
        if heading is None or heading.label is not None or not _NAME_HEADING.fullmatch(heading.text.strip()):
            return
        parties = self.reading.parties(heading)
        if len(parties) == 1 and parties[0].start == 0 and parties[0].kind in ("person", "department"):
            draft.owners.append((parties[0].name, parties[0].department, heading.locate()))
            draft.signals.add("assigned")

    def _line_department(self, draft: Draft, unit: Unit) -> None:
        """``法务部：修订…，龚律师牵头`` / ``销售部：…（待定/尽快）``: a department before the colon
        is the owner's department, or the owner when no person is named."""
        text = unit.fold
        lead = draft.start + len(text[draft.start:draft.end]) - len(text[draft.start:draft.end].lstrip(SEPARATORS))
        parties = self.reading.parties(unit, lead, draft.end)
        if not parties or parties[0].start != lead or parties[0].kind != "department":
            return
        group = _group_from(parties, parties[0], text)
        if text[group[-1].end:group[-1].end + 1] not in (":", "："):
            return
        department = group[0].name
        draft.department_hint = department
        draft.cut.append((group[0].start, group[-1].end + 1))
        if draft.owners:
            name, dept, offset = draft.owners[0]
            draft.owners[0] = (name, dept or department, offset)
        elif not draft.vague:
            draft.owners = [(p.name, p.name, unit.locate(p.start)) for p in group]

    def _helpers_from_text(self, draft: Draft, unit: Unit) -> None:
        """X协助 / X配合 / 抄送X / (由X提供…) — and drop the helper clause from the task words."""
        start, end = draft.start, draft.end
        parties = _outside(self.reading.parties(unit, start, end), draft.cut)
        if not parties:
            return                    # every helper is one of the parties
        text = unit.fold
        owned = {o[0] for o in draft.owners}
        for verb in self.reading.cues(unit, "HELPER_VERB", start=start, end=end):
            group = [h for h in _group_before(parties, verb.start, text) if h.name not in owned]
            for hit in group:
                draft.helpers.append(hit.name)
            if group:
                joiner = len(text[:group[0].start]) - len(text[:group[0].start].rstrip("、和与及 "))
                together = fold(verb.text) in lexicon.folded_words("cues.yaml", "together")
                stop = verb.end if together else _clause_around(self.reading, unit, group[0].start, end)[1]
                draft.helper_cut.append((group[0].start - joiner, stop))   # 和谷雨晴一起|核对…: the work stays
        for marker in self.reading.cues(unit, "HELPER_MARKER", start=start, end=end):
            after = [p for p in parties if p.start >= marker.end and not text[marker.end:p.start].strip(" :：")]
            if after and marker.text not in ("协助", "配合", "协作") or after and text[marker.end:marker.end + 1] in ":：":
                for hit in _group_from(parties, after[0], text):
                    if hit.name not in owned:
                        draft.helpers.append(hit.name)
                draft.cut.append((marker.start, _group_from(parties, after[0], text)[-1].end))
        if draft.owners or draft.vague or draft.owner_undetermined:
            for marker in self.reading.cues(unit, "OWNER_MARKER", start=start, end=end):
                after = [p for p in parties if p.start >= marker.end and not text[marker.end:p.start].strip()]
                if after and after[0].name not in owned and (not draft.vague or after[0].start != draft.vague.start):
                    draft.helpers.append(after[0].name)

    def _deadline_from_text(self, draft: Draft, unit: Unit) -> None:
        found = [d for d in self.reading.deadlines(unit) if draft.start <= d.start < draft.end
                 and not _inside_range(d.start, d.end, draft.cut) and not _since(unit.text, d)
                 and self._said_as_deadline(unit, d, draft.end)]
        said = [d for d in found if not attributive(unit.text, d)]
        found = said or found                     # 5/4之前的加班审批 → 韩梅梅，3个工作日内: the day the item is due
        if found:
            best = best_deadline(found)
            draft.deadline, draft.deadline_unit = best, unit
        else:
            self.before_next_meeting(draft, unit, draft.start, draft.end)
        if draft.deadline is None:
            self._deadline_from_caption(draft, unit)

    def _deadline_from_caption(self, draft: Draft, unit: Unit) -> None:
        """``4月10日前完成：`` / ``下次开会前完成：`` over a list of tasks: the day of every task under
        it that names none of its own. Only a bounded day (前, 内) on a caption of work counts: a
        heading's bare date is the meeting's."""
        for heading in reversed(unit.headings):
            if heading.role != "actions":
                continue
            bounded = [d for d in self.reading.deadlines(heading) if d.iso and d.bounded]
            if bounded:
                draft.deadline, draft.deadline_unit = best_deadline(bounded), heading
            elif "undetermined-deadline" not in draft.signals:
                self.before_next_meeting(draft, heading, 0, len(heading.text))
            return

    def before_next_meeting(self, draft: Draft, unit: Unit, start: int, end: int) -> None:
        """下次例会前 is the next meeting's date when the notes give it, else no day (missing-deadline)."""
        m = next_meeting_phrase().search(unit.fold.lower(), start, end)
        before = _BEFORE.match(unit.text, m.end()) if m is not None else None
        if before is None:
            return
        end = before.end()
        if self.next_meeting:
            draft.deadline = Deadline(unit.text[m.start():end], m.start(), end, self.next_meeting, "date", True)
            draft.deadline_unit = unit
        else:
            draft.signals.add("undetermined-deadline")

    def _said_as_deadline(self, unit: Unit, d: Deadline, end: int) -> bool:
        """A period (下半年, 二季度) names a deadline only with 前/内, a vague-time word, or a verb after it."""
        if d.kind != "vague" or d.bounded or self.vague_word(unit, d):
            return True
        return self.verb_at(unit, d.end, end) or not unit.text[d.end:end].strip(" ，,。；;")

    def vague_word(self, unit: Unit, deadline: Deadline) -> bool:
        """尽快 / 近期 said of a task, not a period named in a report (本季度, 上半年)."""
        return any(h.start <= deadline.start < h.end or deadline.start <= h.start < deadline.end
                   for h in self.reading.cues(unit, "LINT_VAGUE_TIME"))

    def task_words(self, draft: Draft) -> str:
        if draft.task is None:
            draft.task = _task_text(draft, self.reading)
        return draft.task

    def item(self, draft: Draft) -> ActionItem:
        task = self.task_words(draft)
        unit = draft.unit
        owners = _unique([o for o in draft.owners if o[0]])
        owner = owners[0] if owners else None
        department = None
        if owner:
            department = owner[1] or self.reading.gazetteer.department_of(owner[0]) or draft.department_hint
            if is_department(owner[0]):
                department = owner[0]
        helpers = _unique_names([o[0] for o in owners[1:]] + draft.helpers, exclude={owner[0]} if owner else set())
        priority, priority_at = draft.priority, draft.priority_at
        if priority is None and (inherited := heading_priority(unit)):
            priority, heading, offset = inherited
            priority_at = Evidence(heading.text, heading.locate(offset))
        priority = priority or self.form_priority or "medium"
        item = ActionItem(task=task or unit.text.strip(), owner=owner[0] if owner else None,
                          owner_department=department, collaborators=helpers,
                          deadline=draft.deadline.iso if draft.deadline else None,
                          deadline_text=draft.deadline.text if draft.deadline else None,
                          deadline_vague=bool(draft.deadline and draft.deadline.vague),
                          priority=priority, line=unit.line, topic=unit.topic,
                          owners=[o[0] for o in owners],
                          vague_owner=draft.vague.text if draft.vague and not owner else None)
        item.evidence["task"] = Evidence(unit.text[draft.start:draft.end].strip(), unit.locate(draft.start))
        if draft.deadline is not None and draft.deadline_unit is not None:
            item.evidence["deadline"] = Evidence(draft.deadline.text, draft.deadline_unit.locate(draft.deadline.start))
        if owner:
            item.evidence["owner"] = Evidence(owner[0], owner[2])
        if draft.vague is not None and not owner:
            item.evidence["vague_owner"] = Evidence(draft.vague.text, draft.vague_at or unit.locate(draft.vague.start))
        if draft.deadline is None and "undetermined-deadline" in draft.signals:
            item.deadline_text = "待定"
        if priority_at is not None:
            item.evidence["priority"] = priority_at
        for i, name in enumerate(helpers):
            if (where := _find_words(name, _item_units(draft))) is not None:
                item.evidence[f"collaborators[{i}]"] = where
        return item

    def is_status(self, unit: Unit, start: int, end: int) -> bool:
        """Progress words outside brackets: 已完成, 顺延 (but not a remark like （上期顺延）)."""
        hits = self.reading.cues(unit, "STATUS", start=start, end=end)
        if not hits:
            return False
        brackets = [m.span() for m in _BRACKETED.finditer(unit.text)]
        return any(not _inside_range(h.start, h.end, brackets) for h in hits)

    def assigns(self, unit: Unit, start: int, end: int) -> bool:
        """The words hand something to someone: 由/请, 负责/牵头, 协助."""
        return self.reading.has(unit, "OWNER_MARKER", "OWNER_VERB", "HELPER_VERB", start=start, end=end)

    def is_opinion(self, unit: Unit, start: int, end: int) -> bool:
        return self.reading.has(unit, "LINT_SUBJECTIVE", start=start, end=end) or (
            self.reading.has(unit, "NOT_COMMITMENT", start=start, end=end)
            and not any(d.bounded for d in self.reading.deadlines(unit) if start <= d.start < end))

    def is_opinion_sentence(self, unit: Unit, start: int, end: int) -> bool:
        return self.reading.has(unit, "LINT_SUBJECTIVE", start=start, end=end)


# --------------------------------------------------------------------------- #
def _post_opening_clause(text: str, name_start: int, floor: int) -> Optional[int]:
    """Where a post written right before a name starts, when it opens its clause (项目经理滕志远负责)."""
    for width in range(2, 7):
        begin = name_start - width
        if begin < floor:
            break
        if (_post_before_name(text[begin:name_start]) or _side_word(text[begin:name_start])) \
                and (begin == floor or not text[begin - 1].isalnum()):
            return begin
    return None


def _deals_with(text: str, group: list[Hit], end: int) -> bool:
    """``A与B对接…``: two parties joined by 与/和/跟/同 before a verb of dealing with someone."""
    joiner = text[group[0].end:group[1].start].strip()
    rest = text[group[-1].end:end].lstrip()
    return joiner in lexicon.folded_words("cues.yaml", "coordinators") \
        and rest.startswith(tuple(lexicon.folded_words("cues.yaml", "counterpart_verbs")))


def _side_word(words: str) -> bool:
    """我方, 客户方, 甲方: one side of the meeting, written before its person (客户方茅建中提供…)."""
    return 2 <= len(words) <= 4 and words.isalpha() and words.endswith(tuple(lexicon.folded_words("parties.yaml", "side_suffixes")))


def _names_the_owner(between: str) -> bool:
    """The owner's unit or post, standing between a marker (由, 授权) and the owner it hands the
    work to (由信息部卢海, 授权董事会秘书蒯文涛)."""
    return len(between) >= 2 and (_post_before_name(between) or is_department(between))


def _post_before_name(words: str) -> bool:
    """店长, 项目经理, 安全员: a post, written right before the name it belongs to."""
    return 2 <= len(words) <= 6 and words.isalpha() and ends_as_post(words) or words in lexicon.role_words()


@lru_cache(maxsize=1)
def _leading_chars() -> frozenset[str]:
    """One-character links after a doer (将, 在, 自, 须); not those that join the doer to another
    party (与, 和, 跟, 从)."""
    return frozenset(w for w in lexicon.folded_words("cues.yaml", "doer_links") if len(w) == 1) \
        - lexicon.folded_words("cues.yaml", "coordinators") - {"从"}     # (从 opens a source: 从仓库调…)


_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _single_markers() -> frozenset[str]:
    """One-character words that hand work to the party after them (由, 请)."""
    return frozenset(w for w in lexicon.folded_words("cues.yaml", "owner_markers") if len(w) == 1)


def _item_units(draft: Draft) -> list[Unit]:
    """The units an item's words come from: its line, or every cell of its table row."""
    record = draft.unit.record
    return [draft.unit] + (list(record.fields.values()) + list(record.extra.values()) if record else [])


def _find_words(words: str, units: list[Unit]) -> Optional[Evidence]:
    for unit in units:
        at = unit.text.find(words)
        if at >= 0:
            return Evidence(words, unit.locate(at))
    return None


# A name standing in a field slot of an item line: after a field separator and before the next
# one or the end (任务 → 耿佳，4月28日 / 任务 - 米可欣 - 下周一 / 任务：车驰，8/15前 / 任务 -- miaomiao),
# or first in the item, before one (Marcus — finalize…). Matched on folded text (— is -, → is >).
_SLOT_BEFORE = re.compile(r"(?:[:：>|｜\t(（]|\s-+|-+|\s{2,})\s*@?$")
_SLOT_AFTER = re.compile(r"\s*(?:$|[,，;；。|｜\t(（)）]|\s-+|-{2,}|\s{2,}|\d)")
# (three adjacent runs of spaces in one alternative took minutes on a name and 600 spaces; the same
# matches: dashes or a mark then a word, two spaces or a tab in the run before a word)
_SLOT_FIRST = re.compile(r"\s*+(?:-+|[:：>|｜])\s*+\S|\s{2,}+\S|(?=\s*\t)\s*+\S")


@lru_cache(maxsize=1)
def _roles() -> re.Pattern:
    return re.compile(rf"({lexicon.alternation(lexicon.words('parties.yaml', 'role_words'))})\s*[:：]")


_INITIALS = re.compile(r"([A-Z]{2,3})\s")


def _initials_of(name: str) -> str:
    """Daniel Osei → DO; a name of one word or in Han characters has none."""
    words = name.split()
    return "".join(w[0] for w in words).upper() if len(words) >= 2 and name.isascii() else ""


def _role_at(unit: Unit, lead: int) -> Optional[Hit]:
    """A role written before a colon (前端：…, QA：…) owns the line when no person is named;
    like a department, it is its own unit."""
    if ":" not in unit.fold:                          # no colon (folded, every colon is ":"): no role
        return None
    lowered = unit.fold.lower()
    if lowered.find(":", lead) < 0:                   # none after it: no role
        return None
    m = _roles().match(lowered, lead)
    if m is None or field_of(m.group(1), "record", "meeting"):          # 负责人： is a label, not a role
        return None
    role = unit.text[m.start(1):m.end(1)]
    return Hit("ROLE", m.start(1), m.end(1), role, "department", role, role)


def _work_after(text: str, position: int) -> bool:
    """After a unit and one of its listed people at a clause's start (病理科闻人杰加做…), words
    that are not the person's own (闻人杰的报告): the work, whatever verb the segmenter did not know."""
    return bool(_HAN.match(text, position)) and text[position] not in "的之"


def _person_of(parties: list[Hit], department: Hit, text: str) -> Optional[Hit]:
    """``质量部蒋晓`` / ``工程部经理薛晨`` / ``资产管理部 蒲晓岚``: a department followed at once (or
    after a space) by one of its people, perhaps after their title, names that person."""
    if department.kind != "department":
        return None
    after = next((p for p in parties if p.start >= department.end), None)
    between = text[department.end:after.start].strip(" \u3000") if after else ""     # 资产管理部 蒲晓岚 too
    if after is None or after.kind != "person" or len(between) > _TITLE_MAX or _BREAK.search(between):
        return None
    return _of_department(after, department)


def _department_bracketed_after(parties: list[Hit], person: Hit, text: str) -> Optional[tuple[Hit, int]]:
    """``蒲晓岚（资产管理部）``: a person with their unit in brackets right after the name, and where
    the bracket closes."""
    if person.kind != "person" or text[person.end:person.end + 1] not in ("(", "（"):
        return None
    inside = [p for p in parties if person.end < p.start and p.end <= person.end + 1 + _UNIT_IN_BRACKETS]
    if len(inside) != 1 or inside[0].kind != "department" or inside[0].start != person.end + 1 \
            or text[inside[0].end:inside[0].end + 1] not in (")", "）"):
        return None
    return inside[0], inside[0].end + 1


_UNIT_IN_BRACKETS = 16    # chars of a unit's name in brackets after a person


def _of_department(person: Hit, department: Hit) -> Hit:
    """The person, with the department the notes just named for them when none is known."""
    if person.department:
        return person
    return person._replace(department=department.name)


def _unit_right_before(parties: list[Hit], person: Hit, text: str) -> Optional[Hit]:
    """The department written right before the person (生产部伍海涛, 工程部经理薛晨), if any."""
    before = next((p for p in reversed(parties) if p.end <= person.start), None)
    if before is None or before.kind != "department":
        return None
    between = text[before.end:person.start].strip()
    return before if not between or _post_before_name(between) else None


def _with_department_before(parties: list[Hit], person: Hit, text: str) -> Hit:
    """The person, with the department written right before them (and their post)."""
    before = next((p for p in reversed(parties) if p.end <= person.start), None)
    named = _person_of(parties, before, text) if before is not None else None
    return named if named is not None and named.start == person.start else person


def _bracketed_after(parties: list[Hit], position: int, text: str) -> Optional[Hit]:
    """``由信息部牵头（杭旭）``: the one person in brackets right after the verb."""
    m = _OPENING_BRACKET.match(text, position)
    if not m:
        return None
    inside = next((p for p in parties if p.start == m.end()), None)
    if inside is None or inside.kind != "person" or not _CLOSING_BRACKET.match(text, inside.end):
        return None
    return inside


_TITLE_MAX = 4            # chars of a job title between a department and its person (经理, 副主任)


def _alone(text: str, party: Hit, start: int, end: int) -> bool:
    before = text[start:party.start]
    after = text[party.end:end]
    if not before.strip(SEPARATORS + "@*"):
        return bool(_SLOT_FIRST.match(after))
    return bool(_SLOT_BEFORE.search(before)) and bool(_SLOT_AFTER.match(after))


def is_question(text: str) -> bool:
    """A question mark, or a chat's question without one (你那边什么情况 / 这个谁去办)."""
    text = text.strip()
    if _QUESTION_MARK.search(text):
        return True
    return fold(text).rstrip("。.，,;；!！~～ ").endswith(_question_endings())


@lru_cache(maxsize=1)
def _question_endings() -> tuple[str, ...]:
    return tuple(lexicon.folded_words("cues.yaml", "question_endings"))


def _outside(hits: list[Hit], cuts: list[tuple[int, int]]) -> list[Hit]:
    """The hits that lie inside none of the cuts (most drafts have none yet)."""
    if not cuts:
        return hits
    return [h for h in hits if not _inside_range(h.start, h.end, cuts)]


def _inside_range(start: int, end: int, cuts: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in cuts)


def _since(text: str, deadline: Deadline) -> bool:
    """``自9月1日起`` / ``9月1日开始`` is a start, not a deadline."""
    if deadline.bounded:
        return False
    before = fold(text[max(0, deadline.start - 2):deadline.start])
    after = fold(text[deadline.end:deadline.end + 2])
    return before.endswith("自") or before.endswith("从") or after.startswith("起") or after.startswith("开始")


def attributive(text: str, deadline: Deadline) -> bool:
    """``5/4之前的加班审批``: a time before 的 describes what the task is about."""
    return bool(_OF.match(text, deadline.end, deadline.end + 6))


def best_deadline(found: list[Deadline]) -> Deadline:
    """A bounded day (6月20日前) beats any bounded phrase, which beats a bare date (到期日) or a vague word."""
    for wanted in (lambda d: d.bounded and d.iso, lambda d: d.bounded, lambda d: d.iso, lambda d: d.vague,
                   lambda d: True):
        for d in found:
            if wanted(d):
                return d
    return found[0]


def _group_before(parties: list[Hit], position: int, text: str) -> list[Hit]:
    """Parties joined by 、/与/和/+ that end right before `position` (张伟、李娜负责)."""
    group: list[Hit] = []
    cursor = position
    for p in reversed(parties):
        gap = text[p.end:cursor]
        if p.end <= cursor and _joiners()[0].fullmatch(gap) \
                and (not group or gap.strip()):
            group.insert(0, p)
            cursor = p.start
        elif p.end <= cursor:
            break
    if group and not _joiners()[1].fullmatch(text, group[-1].end, max(group[-1].end, position)):
        return []
    return group


def _group_from(parties: list[Hit], first: Hit, text: str) -> list[Hit]:
    """``杜鹏、白雪：`` / ``Jason + 孙浩``: the first party and those joined to it."""
    group = [first]
    for p in parties:
        if p.start <= group[-1].start:
            continue
        if _joiners()[2].fullmatch(text[group[-1].end:p.start]):
            group.append(p)
        else:
            break
    return group


def _clause_around(reading: Reading, unit: Unit, position: int, end: int) -> tuple[int, int]:
    for start, stop in reading.clauses(unit):
        if start <= position < stop:
            return start, min(stop, end)
    return position, position


def cell_units(reading: Reading, unit: Unit) -> list[Unit]:
    if "\n" not in unit.text:
        return [unit]
    return [u for u in reading.seg.units if u.record is unit.record and u.column == unit.column]


def _unique(owners):
    seen, out = set(), []
    for o in owners:
        if o[0] not in seen:
            seen.add(o[0])
            out.append(o)
    return out


def _unique_names(names: list[str], exclude: set[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        name = name.strip()
        if name and name not in exclude and name not in out and not UNDETERMINED.match(fold(name)):
            out.append(name)
    return out


def strip_trailing(text: str) -> str:
    return text.strip().strip("。；;，, ").strip()


def _task_text(draft: Draft, reading: Reading) -> str:
    """The item's words with owner, deadline, fields, helper clauses and priority marks cut out."""
    unit = draft.unit
    text = unit.text
    cuts = list(draft.cut) + list(draft.helper_cut)
    if draft.deadline is not None and draft.deadline_unit is unit and draft.start <= draft.deadline.start < draft.end:
        d = draft.deadline
        end = d.end
        after = _FILLER_AFTER_DEADLINE.match(unit.fold[end:draft.end])
        if after:
            end += after.end()
        start = d.start
        before = _HEDGE.search(unit.fold[draft.start:start]) or _PREP_BEFORE_DEADLINE.search(unit.fold[draft.start:start])
        if before:
            start = draft.start + before.start()
        cuts.append((start, end))
    if noise := LEAD_NOISE.match(unit.fold[draft.start:draft.end]):
        cuts.append((draft.start, draft.start + noise.end()))       # TODO(@chenmo): …, the owner read from it
    for s, _ in draft.cut:
        if s > draft.start + 1 and unit.fold[s - 1] in _single_markers() and unit.fold[s - 2].strip() \
                and not any(h.start <= s - 1 < h.end for h in reading.cues(unit, "OWNER_MARKER", start=draft.start, end=draft.end)):
            cuts.append((s - 1, s))                       # 排班表由|龙晓梅: a marker the segmenter glued to the word before
    for hit in reading.cues(unit, *_CUT_FROM_TASK, start=draft.start, end=draft.end):
        if (span := _cut_from_task(hit, draft)) is not None:
            cuts.append(span)
    kept, at = [], draft.start           # the words between the cuts, a \x00 where each cut was
    for s, e in sorted((max(s, draft.start), min(e, draft.end)) for s, e in cuts):
        if s < e:
            kept.append(text[at:s] if s > at else "")
            at = max(at, e)
    kept.append(text[at:draft.end])
    return _tidy("\x00".join(kept))


_NO_PARTY_AFTER = frozenset("(（,，;；。:：、)）")


# Cue words that may leave the task's words (one question for all of them; `_cut_from_task` says which do).
_CUT_FROM_TASK = ("PRIORITY_HIGH", "PRIORITY_MEDIUM", "PRIORITY_LOW", "LINT_VAGUE_TIME", "OWNER_VERB", "OWNER_MARKER",
                  "DIRECTIVE", "COMMITMENT", "FIRST_PERSON", "SECOND_PERSON", "LEAD_IN")


def _cut_from_task(hit: Hit, draft: Draft) -> Optional[tuple[int, int]]:
    """What of a cue word leaves the task's words: urgency, vague time, pronouns and commitments
    always; 负责 after its owner or as a filler (共同负责), not a verb that is the work too (组织验收);
    由/请 before a cut owner, with the owner's unit or post between them; a must right after the
    owner (医务部要…); a lead-in only where it opens the item."""
    label, fold_ = hit.label, draft.unit.fold
    if label == "OWNER_VERB":
        if fold(hit.text) in lexicon.folded_words("cues.yaml", "working_owner_verbs") and _HAN.match(draft.unit.text, hit.end):
            return None                                   # 由业委会组织验收: 组织 is the work as well
        after_owner = any(abs(hit.start - e) <= 1 for _, e in draft.cut)          # 由闫旭牵头
        return (hit.start, hit.end) if after_owner or fold(hit.text).endswith(_filler_endings()) else None
    if label == "OWNER_MARKER":
        if fold_[hit.end:hit.end + 1] in _NO_PARTY_AFTER:
            return None                                   # 发放安排（…）, 课程安排，: a noun, nobody is assigned
        owner_at = next((s for s, _ in draft.cut if abs(hit.end - s) <= 1 or s > hit.end and not fold_[hit.end:s].strip(" @")
                         or _names_the_owner(fold_[hit.end:s])), None)
        if owner_at is not None:
            return hit.start, max(owner_at, hit.end)      # 由信息部卢海…, 授权董事会秘书蒯文涛…: with the unit or post
        return (hit.start, hit.end) if fold(hit.text) in ("请",) else None
    if label == "DIRECTIVE":
        modal = fold(hit.text) in lexicon.folded_words("cues.yaml", "modal_directives")
        return (hit.start, hit.end) if modal and any(e == hit.start for _, e in draft.cut) else None
    if label == "LEAD_IN":
        return (hit.start, hit.end) if not fold_[draft.start:hit.start].strip(SEPARATORS) else None
    return hit.start, hit.end


@lru_cache(maxsize=1)
def _fillers() -> frozenset[str]:
    """Words that say nothing about the task (完成, 负责, 进行): cut where they stand alone."""
    return lexicon.folded_words("cues.yaml", "filler_verbs")


@lru_cache(maxsize=1)
def _filler_endings() -> tuple[str, ...]:
    return tuple(_fillers())


_CUT = re.compile(r"\x00+")
_DANGLING_SEPARATOR = re.compile(r"\s*+[,，;；:：]\s*+(?=[,，;；。]|$)|(?<=[。！？])\s*+[,，;；:：]++")
_EDGE_MARKS = re.compile(r"^[\s,，;；。:：、—\-|→>@*]+|[\s,，;；。:：、—\-|→>@*（(]+$")
_EMPTY_BRACKETS = re.compile(r"[（(【\[][\s,，;；、:：]*[)）】\]]")
_TRAILING_DASH = re.compile(r"\s*+[—\-]{1,2}\s*$")
_LEFT_MARK = re.compile(r"@(?=[\s,，;；。]|$)|(?<=[\u4e00-\u9fff])就(?=@?[,，;；。]|$)")
_SEPARATOR_RUN = re.compile(r"[,，;；]{2,}")
_ARROW_TO_CUT = re.compile(r"(?<![→>\s])\s*+[→>]++\s*+(?=[,，;；])")     # 方案 → ，报区域: where the owner was cut


@lru_cache(maxsize=1)
def _lone_filler() -> re.Pattern:
    """A filler word (完成, 负责) or a preposition left alone between separators by the cuts."""
    return re.compile(rf"(?:^|(?<=[,，;；]))\s*(?:{lexicon.alternation(_fillers())}|截止|由|于|在)\s*(?=[,，;；。]|$)")


def _tidy(words: str) -> str:
    """Join the kept words; drop separators left dangling by the cuts."""
    joined = "".join(part for part in _CUT.split(words) if part.strip())
    joined = _DANGLING_SEPARATOR.sub("", joined)
    joined = _EDGE_MARKS.sub("", joined)
    joined = _EMPTY_BRACKETS.sub("", joined)
    joined = _TRAILING_DASH.sub("", joined)
    joined = _lone_filler().sub("", joined)
    joined = _LEFT_MARK.sub("", joined)                    # 就交给@X cut to 就@
    joined = _leading_reply().sub("", joined)              # 行，… / 吧，… left before the work by a cut turn
    joined = _SEPARATOR_RUN.sub("，", _ARROW_TO_CUT.sub("", joined))
    return joined.strip(" ，,；;。:：、—-").strip()


@lru_cache(maxsize=1)
def _leading_reply() -> re.Pattern:
    acks = lexicon.alternation(lexicon.words("cues.yaml", "acknowledgements"))
    return re.compile(rf"^(?:(?:{acks})|吧|啊|呢|嘛)\s*+[,，]\s*+", re.I)
