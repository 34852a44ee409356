"""Decisions (结论 / 决议 / 决定 / 共识) and the grounds stated for each (依据).

A unit is a decision when it is labelled so (``结论：``, a 决议事项 cell, a 结论
column), sits in a decisions section, or opens with a decision cue (会议决定,
一致同意...). Its rationale is an inline ``依据：`` part, the ``依据`` lines or
list that follow it, a bracketed ``（某某：理由）``, or grounds written into the
sentence: a cause before it (由于…，/ 因…，所以…) or after it (…，因为…), a purpose
(为便于…，/ …，以便…).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

from .. import lexicon
from ..labels import listed
from ..model import Decision, Evidence
from ..units import Unit
from ..textnorm import fold
from .items import is_question
from .when import next_meeting_phrase
from .reading import Reading, speaker_of



@lru_cache(maxsize=1)
def _inline_label() -> re.Pattern:
    """A decision label inside a line (…→ 结论：…, 会议决议：…)."""
    return re.compile(rf"(?:^|[\s>→\-—,，;；。])(?:{_labels('decision')})[:：]\s*")


@lru_cache(maxsize=1)
def _rationale() -> re.Pattern:
    """Where grounds start inside a line: 依据：…, （理由：…）, reason: …."""
    return re.compile(rf"[。;；.]?(?<!\s)\s*+[(（]?(?:{_labels('rationale')})\s*+[:：]\s*+", re.I)


@lru_cache(maxsize=1)
def _rationale_label() -> re.Pattern:
    """A grounds label opening the grounds' own words (（依据：…)."""
    return re.compile(rf"[(（]?(?:{_labels('rationale')})\s*+[:：]\s*+", re.I)


def _labels(field: str) -> str:
    """The content labels of a field (nlp_models/fields.yaml), as one alternation, longest first."""
    words = [w for w, name in listed()["content"].items() if name == field]
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
_QUOTED_REASON = re.compile(r"[(（]\s*+[^()（）:：]{1,8}[:：]\s*+([^()（）]+)[)）]\s*$")
_SPEAKER = re.compile(r"^[^:：,，。]{1,8}[:：]")
_SENTENCE_END = re.compile(r"[。！？!?→]|\.(?=\s)")      # (an English full stop before a space)
_NOT_DECISION = re.compile(r"[?？]\s*$|未达成|暂不形成结论|不形成结论|没有结论|未形成"
                           r"|(?:以下|如下)[^，,。；;]{0,6}[:：]?\s*$")      # …通过了以下议案： introduces them


def _alternation(key: str) -> str:
    """The key's words as one alternation; its English words also as a sentence starts them (We agreed,
    Approved): a case-blind pattern would fold every Han character it reads, at ten times the cost."""
    words = lexicon.words("cues.yaml", key)
    starting = [re.escape(w.capitalize()) for w in words if w.isascii() and w[:1].isalpha()]
    return "|".join([lexicon.alternation(words), *starting])


@lru_cache(maxsize=1)
def _opener() -> re.Pattern:
    """[会议|经讨论|双方…]* [一致|原则上]? [审议|研究…]? [同意|决定|通过…] at the start of a unit."""
    # (or people named as a group, 家长们/委员们, when all of them agreed: 家长们一致同意…)
    group = rf"[\u4e00-\u9fff]{{1,3}}们(?=(?:{_alternation('unanimity_words')}))"
    return re.compile(rf"^(?:(?:{_alternation('decision_subjects')}|{group})[,，]?\s*)*"
                      rf"(?:(?:{_alternation('decision_qualifiers')}){{0,2}}(?:{_alternation('deliberation_verbs')})?"
                      rf"(?:{_alternation('decision_heads')})"
                      rf"|(?:{_alternation('unanimity_words')})(?:{_alternation('consensus_heads')})"
                      rf"|(?<=\S)(?:{_alternation('subject_heads')}))(?:一下|了)?[:：,，]?\s*")


@lru_cache(maxsize=1)
def _decision_words() -> re.Pattern:
    """A word one of the sentence tests of `_decision` needs (_opener, _concluded, _settles,
    _deliberated, _decides_after_grounds): a line with none of them is asked no sentence by sentence."""
    keys = ("decision_heads", "subject_heads", "unanimity_words", "from_now_words", "decision_endings", "decision_agreements", "decision_settings",
            "deliberation_verbs", "result_connectives")
    return re.compile("|".join(_alternation(key) for key in keys))


@lru_cache(maxsize=1)
def _decision_verb() -> re.Pattern:
    return re.compile(_alternation("decision_verbs"))


@lru_cache(maxsize=1)
def _because() -> re.Pattern:
    return re.compile(rf"(?:{_alternation('rationale_openers')})(.+?)[,，]\s*(?:{_alternation('result_connectives')})(.+)$")


def opens_decision(unit: Unit) -> bool:
    """The line is labelled a decision (议决：…), or a sentence of it states one in its first
    words (会议决定…, 一致同意…)."""
    if unit.label == "decision":
        return True
    text = unit.fold
    return any(_opener().match(text[start:end]) and not _NOT_DECISION.search(text[start:end])
               for start, end in _sentences(text, 0))


def extract_decisions(reading: Reading, transcript: bool) -> tuple[list[Decision], dict[int, tuple[int, int]]]:
    """All decisions in order, and per unit the range consumed as a decision or rationale."""
    _mark_sections(reading.seg.units)
    decisions: list[Decision] = []
    used: dict[int, tuple[int, int]] = {}
    last: Optional[Decision] = None
    grounds: Optional[tuple[Unit, int]] = None       # 背景：… waiting for the decision right after it
    intro: Optional[Unit] = None                     # 会议形成以下意见： over the entries that follow
    for unit in reading.seg.units:
        if unit.kind in ("comment", "noise"):
            continue
        intro = intro if intro is not None and _under_intro(unit, intro) else None
        if intro is not None and unit.index not in used and not _reports(unit, reading) \
                and (made := _make(unit, unit.text, 0)) is not None:
            decisions.append(made)
            used[unit.index] = (0, len(unit.text))
            last, grounds = made, None
            continue
        if _introduces_decisions(unit):
            intro = unit
            continue
        if unit.kind == "heading" and (made := _heading_decision(unit)) is not None:
            decisions.append(made)                   # 一、审议通过《关于…的议案》: each heading a resolution
            used[unit.index] = (0, len(unit.text))
            last, grounds = made, None
            continue
        if unit.kind == "heading" or not unit.text.strip():
            last = last if unit.kind != "heading" or unit.role == "rationale" else None
            grounds = grounds if unit.kind != "heading" else None
            continue
        if last is not None and _is_rationale(unit):
            _add_rationale(last, unit.text, unit, 0)
            used[unit.index] = (0, len(unit.text))
            continue
        if unit.label == "decision" and unit.record is None and _before_work_handed_out(reading, unit, 0) == 0:
            used[unit.index] = (0, 0)                # 会议议定：由X牵头，…前完成: all of it is work, read as a task
            continue
        found = _decision(unit, transcript, reading)
        if found is not None and transcript and found[0][0].from_turn and _only_confirms(found[0][0].text):
            found = _confirmed_proposal(reading, unit, used)      # 好，那就这么定了: what was put to them
        if found is not None:
            made, consumed = found
            decisions.extend(made)
            if not made[0].from_turn:
                used[unit.index] = consumed
            if grounds is not None:
                grounds_unit, start = grounds
                _add_rationale(made[0], grounds_unit.text[start:], grounds_unit, start)
                used[grounds_unit.index] = (0, len(grounds_unit.text))
            last, grounds = made[-1], None
            continue
        grounds = _grounds_before(unit) if last is None else None
        if unit.role != "rationale" and unit.rank < 99 and unit.kind != "cell":
            last = None if unit.rank <= 10 else last
    return decisions, used


@lru_cache(maxsize=1)
def _topic_lead() -> re.Pattern:
    """关于家长志愿者护学岗， — the matter named in a clause before what was decided about it."""
    return re.compile(rf"(?:{_alternation('topic_leads')})[^，,。；;:：]{{2,24}}[，,]\s*+")


def _introduces_decisions(unit: Unit) -> bool:
    """会议讨论了…，形成以下意见： / 经研究，议定如下： / 经研究，会议决定： — the list under the line
    holds decisions."""
    if unit.kind not in ("line", "heading"):
        return False
    text = unit.fold.rstrip() or (fold(unit.label_words) + "：" if unit.label_words else "")   # 会议讨论并决定：as a label
    if not text.endswith((":", "：")):
        return False                                 # (every such line ends in its colon)
    if _decision_list_intro().search(text) is not None:
        return True
    labelled = _inline_label().search(text)
    return labelled is not None and labelled.end() >= len(text)


@lru_cache(maxsize=1)
def _decision_list_intro() -> re.Pattern:
    """…形成以下意见： / 议定如下： / 会议讨论并决定：(the verb right before the colon ending the line)."""
    return re.compile(rf"(?:{_alternation('decision_list_verbs')})(?:了?(?:以下|如下)(?:几点|几项)?"
                      rf"(?:{_alternation('decision_list_nouns')})?)?\s*+[:：]\s*+$")


def _under_intro(unit: Unit, intro: Unit) -> bool:
    """An entry of the list right under the introducing line: numbered or bulleted deeper than it."""
    return unit.kind != "heading" and unit.style is not None and (intro.style is None or unit.rank > intro.rank) \
        and unit.record is None \
        and (unit.label == intro.label or not intro.text.strip()) and _place(unit) == _place(intro)   # (another cell or label: another part)


def _place(unit: Unit) -> tuple:
    where = unit.locate()
    return where.table, where.row, where.cell


def _heading_decision(unit: Unit) -> Optional[Decision]:
    """A heading that states what a body resolved on deliberation (审议通过《…》, 审议未通过《…》,
    表决通过…), as the sections of a board's or committee's resolutions are headed; not a heading
    that names the kind of section (会议决定, 决议事项) or an item of the agenda (确定下次会议时间,
    通过上次会议纪录)."""
    text = unit.fold
    m = _opener().match(text)
    if m is None or _NOT_DECISION.search(text) or not _deliberated_agreement().search(m.group(0)):
        return None
    rest = text[m.end():].strip()
    return _make(unit, unit.text, 0) if len(rest) >= _HEADING_DECISION_MIN or "《" in rest else None


_HEADING_DECISION_MIN = 6      # characters of what was resolved after the opener


@lru_cache(maxsize=1)
def _deliberated_agreement() -> re.Pattern:
    return re.compile(rf"(?:{_alternation('deliberation_verbs')})(?:{_alternation('decision_agreements')})")


def _grounds_before(unit: Unit) -> Optional[tuple[Unit, int]]:
    """A line of grounds with no decision above it (背景：…, 依据：…): the unit and where its words start."""
    if unit.record is not None or not unit.text.strip():
        return None
    if unit.label == "rationale" or unit.label_words and fold(unit.label_words).strip() in _grounds_labels():
        return unit, 0                                   # the label is off the unit's text already
    m = _grounds_label().match(unit.fold) if unit.label is None else None
    return (unit, m.end()) if m and m.end() < len(unit.text.rstrip()) else None


@lru_cache(maxsize=1)
def _grounds_labels() -> frozenset[str]:
    return lexicon.folded_words("cues.yaml", "grounds_labels")


@lru_cache(maxsize=1)
def _grounds_label() -> re.Pattern:
    return re.compile(rf"\s*+(?:{_alternation('grounds_labels')})\s*+[:：]\s*+")


def _mark_sections(units: list[Unit]) -> None:
    """Note on each heading whether its section enumerates items and whether it labels decisions."""
    for unit in units:
        listed = unit.style is not None and unit.kind != "heading"
        labelled = unit.label == "decision"
        if not (listed or labelled):
            continue                     # most units say neither about the sections above them
        for heading in reversed(unit.headings):
            if (heading.has_list or not listed) and (heading.labelled_decisions or not labelled):
                break                    # marked by an earlier unit, and so were the headings above it
            if listed:
                heading.has_list = True
            if labelled:
                heading.labelled_decisions = True


def _is_rationale(unit: Unit) -> bool:
    if unit.label == "rationale":
        return True
    if unit.kind == "cell":
        return False
    return unit.role == "rationale" and unit.label is None and unit.kind != "cell"


def _decision(unit: Unit, transcript: bool, reading: Reading) -> Optional[tuple[list[Decision], tuple[int, int]]]:
    """The decisions in the unit (one per ①② entry or per concluding sentence), and the part
    of the unit they take."""
    text = unit.text
    whole = (0, len(text))
    if unit.label == "decision" and unit.record is None:
        end = _before_work_handed_out(reading, unit, 0)
        return _with(_enumerated(unit, text[:end], 0), (0, end))
    if unit.record is not None and (unit.label == "decision" or unit.column == "decision"
                                    or unit.column == "result" and _opener().match(unit.fold)):
        return _with(_enumerated(unit, text, 0), whole)
    if unit.record is not None or unit.label is not None and unit.label_group != "content":
        return None
    if _BILINGUAL_TITLE.match(unit.text):
        return None                      # 通過上次會議記錄 Confirmation of previous minutes: an agenda item's title
    if unit.role == "decisions" and unit.label is None and _enumerated_like_siblings(unit) \
            and not _reports(unit, reading):
        return _with(_enumerated(unit, text, 0), whole)
    if ":" in unit.fold and (m := _inline_label().search(unit.fold)):       # (a label ends in its colon, folded to ":")
        end = _before_work_handed_out(reading, unit, m.end())
        return _with(_enumerated(unit, text[m.end():end], m.end()), (0, end))
    speaker = speaker_end(unit) if transcript else 0
    if unit.role == "actions" and _standing_rule(unit.fold) and not _names_a_doer(reading, unit, 0, len(text)) \
            and not _NOT_DECISION.search(unit.fold):
        return _with([_make(unit, text.rstrip(" 。.;；"), 0)], whole)     # 从本周起…统一…, among the tasks: a rule, nobody's task
    if unit.role not in ("status", "actions") and _decision_words().search(unit.fold):
        made, taken = [], None
        for start, end in _sentences(text, speaker):
            sentence = unit.fold[start:end]
            if (topic := _topic_lead().match(sentence)) and _opener().match(sentence[topic.end():]):
                start, sentence = start + topic.end(), sentence[topic.end():]    # 关于X，大家同意…: what was agreed
            if (_opener().match(sentence) or _decides_after_grounds(sentence) or _concluded().search(sentence)
                    or _settles(sentence) or _deliberated(sentence) and not _hands_out_work(reading, unit, start, end)
                    or _standing_rule(sentence) and not _names_a_doer(reading, unit, start, end)) \
                    and not _NOT_DECISION.search(sentence):
                end = _with_grounds(text, _until_assignment(text, start, end))
                made.append(_make(unit, text[start:end], start))
                taken = (taken[0] if taken else (0 if start == speaker else start), end)
            elif made:
                break                    # 会议明确…。会议决定…。 both; a sentence of other business ends the run
        if taken:
            return _with(made, taken)
    if transcript and (m := _decision_verb().search(unit.fold, speaker)):
        decision = _transcript_decision(unit, speaker, m.start())
        if decision is not None:
            decision.from_turn = True
            return [decision], whole
    return None


def _grounds_first(sentence: str) -> Optional[tuple[int, int, int]]:
    """``鉴于B区投诉最多，会议决定…`` / ``由于X，Y`` / ``因X，Z，所以Y``: grounds given before the
    decision, as (where the grounds start, where they end, where the decision starts). They
    run to a result connective (所以) when one follows, else to the decision opener after one
    or two clauses, else one clause. A purpose (为便于X，Y) is grounds too, its word kept."""
    subjects = _subjects().match(sentence)                     # 经研究，因…
    m = _ground_opener().match(sentence, subjects.end() if subjects else 0)
    if m is None:
        return None if subjects else _facts_first(sentence)
    start = m.end() if m.group("cause") else m.start()
    commas = [c.start() for c in _CLAUSE_COMMA.finditer(sentence, m.end())][:4]
    if not commas or commas[0] - start < 2:
        return None
    for comma in commas:
        if (result := _result_connective().match(sentence, comma + 1)) and result.end() < len(sentence):
            return start, comma, result.end()
    if subjects:
        return None          # 经研究，由于X，Y: without 所以 the outcome is not told apart from more grounds
    for comma in commas[:2]:
        rest = sentence[comma + 1:].lstrip()
        if _opener().match(rest):
            return start, comma, len(sentence) - len(rest)
    rest = sentence[commas[0] + 1:].lstrip()
    return (start, commas[0], len(sentence) - len(rest)) if len(rest) >= 4 else None


def _facts_first(sentence: str) -> Optional[tuple[int, int, int]]:
    """``客户投诉集中在周末，决定周六增加值班`` : one or two clauses of facts, then a firm decision word
    opening the next clause. The facts are the grounds."""
    for comma in [c.start() for c in _CLAUSE_COMMA.finditer(sentence)][:2]:
        rest = sentence[comma + 1:].lstrip()
        if comma >= 4 and _firm_head().match(rest) and len(rest) >= 6:
            return 0, comma, len(sentence) - len(rest)
    return None


@lru_cache(maxsize=1)
def _firm_head() -> re.Pattern:
    return re.compile(rf"(?:{_alternation('firm_decision_heads')})(?!{_alternation('firm_decision_not_before')})")


def _grounds_after(sentence: str) -> Optional[tuple[int, int, int]]:
    """``暂不采购，因为资源利用率不到三成`` / ``改为线上，以便外地同事参加``: grounds in the last
    clause, as (where the decision ends, where the grounds start, where they end)."""
    commas = [c.start() for c in _CLAUSE_COMMA.finditer(sentence)]
    if not commas or commas[-1] < 4:
        return None
    comma = commas[-1]
    m = _ground_follower().match(sentence, comma + 1)
    if m is None:
        return None
    start = m.end() if m.group("cause") else m.start("purpose")
    end = len(sentence.rstrip(" 。.;；"))
    return (comma, start, end) if end - start >= 2 else None


_CLAUSE_COMMA = re.compile(r"[，,]")


@lru_cache(maxsize=1)
def _subjects() -> re.Pattern:
    return re.compile(rf"(?:(?:{_alternation('decision_subjects')})[,，]?\s*+)+")


@lru_cache(maxsize=1)
def _ground_opener() -> re.Pattern:
    results = _alternation("result_connectives")
    return re.compile(rf"(?!{results})(?:(?P<cause>{_alternation('rationale_openers')})|(?P<purpose>{_alternation('purpose_openers')}))")


@lru_cache(maxsize=1)
def _ground_follower() -> re.Pattern:
    return re.compile(rf"\s*+(?:(?P<cause>{_alternation('rationale_followers')})|(?P<purpose>{_alternation('purpose_followers')}))")


@lru_cache(maxsize=1)
def _result_connective() -> re.Pattern:
    return re.compile(rf"\s*+(?:{_alternation('result_connectives')})[,，]?\s*+")


# ①…②…③… written on one line: one decision each
_CIRCLED = re.compile(r"[\u2460-\u2473\u2776-\u277f]")


def _decides_after_grounds(sentence: str) -> bool:
    """Grounds first, then what states a decision (鉴于…，会议决定… / 由于…，首发日期定为…)."""
    grounds = _grounds_first(sentence)
    if grounds is None:
        return False
    rest = sentence[grounds[2]:]
    if _subjects().match(sentence) and _result_connective().match(sentence, grounds[1] + 1):
        return True          # 经讨论，因X，所以Y: the outcome of the discussion
    return bool(_opener().match(rest) or _concluded().search(rest) or _settles(rest))


@lru_cache(maxsize=1)
def _deliberation() -> re.Pattern:
    """经[过] + the body that deliberated (at most 12 characters) + 研究/评议… [后]，"""
    return re.compile(rf"经过?[^,，。;；:：\s]{{0,12}}?(?:{_alternation('deliberation_verbs')})后?[,，]\s*+")


def _deliberated(sentence: str) -> bool:
    """经评审小组评议，授予…: an outcome after the deliberation, not a proposal (经讨论，建议…)."""
    m = _deliberation().match(sentence)
    if m is None or len(sentence) - m.end() < 4:
        return False
    return not any(w in sentence[m.end():m.end() + 4] for w in _proposing_words())


@lru_cache(maxsize=1)
def _standing() -> re.Pattern:
    return re.compile(rf"^[^,，。;；:：]{{0,16}}?(?:{_alternation('from_now_words')})[^。;；:：]{{0,16}}?"
                      rf"(?:{_alternation('standing_rule_words')})")


def _standing_rule(sentence: str) -> bool:
    """排班表以后统一周日20点前发 / 今后一律走线上审批: a rule from now on, in the first clause."""
    return _standing().match(sentence) is not None


def _names_a_doer(reading: Reading, unit: Unit, start: int, end: int) -> bool:
    """A person or department in the sentence before its rule: their duty, an action item."""
    return any(p.kind in ("person", "department") for p in reading.parties(unit, start, end))


def _hands_out_work(reading: Reading, unit: Unit, start: int, end: int) -> bool:
    """经讨论，试卷由戚老师负责，10月24日前交初稿: what the discussion came to is work with a doer
    and a day, an action item rather than a decision."""
    return reading.has(unit, "OWNER_VERB", "OWNER_MARKER", start=start, end=end) \
        and any(start <= d.start < end and d.iso for d in reading.deadlines(unit))


def _before_work_handed_out(reading: Reading, unit: Unit, start: int) -> int:
    """Where a labelled decision ends: at the sentence after it that hands out work with a doer and
    a day (会议决定：自11月10日起…。由护理部牵头，11月7日前完成…), else at the unit's end."""
    sentences = _sentences(unit.text, start)
    for s_start, s_end in sentences[1:]:
        if _work_with_a_day(reading, unit, s_start, s_end):
            return s_start
    if sentences:                      # 照案通過，由人資部蔡佩珊負責於4月30日前完成…: a clause of the first
        s_start, s_end = sentences[0]
        if _handed_out_from_the_start(reading, unit, s_start, s_end):
            return s_start             # 会议议定：由X牵头，…6月20日前完成…: no rule, only the work
        for c_start, c_end in reading.clauses(unit, s_start, s_end)[1:]:
            if _opens_with_a_doer(reading, unit, c_start, c_end) and _work_with_a_day(reading, unit, c_start, c_end):
                return c_start
    return len(unit.text)


def _handed_out_from_the_start(reading: Reading, unit: Unit, start: int, end: int) -> bool:
    """The sentence opens with 由/请 and hands out work with a day: what was agreed is the task itself."""
    lead = start + len(unit.text[start:end]) - len(unit.text[start:end].lstrip(" ，,；;"))
    return any(h.start == lead for h in reading.cues(unit, "OWNER_MARKER", start=lead, end=end)) \
        and _work_with_a_day(reading, unit, start, end)


def _opens_with_a_doer(reading: Reading, unit: Unit, start: int, end: int) -> bool:
    """The clause starts with who does it or with 由/请 before them (，由人資部蔡佩珊負責…, ，生產部林志豪…);
    not with a thing (，固定资产年末盘点由财务部监盘) or a day."""
    lead = start + len(unit.text[start:end]) - len(unit.text[start:end].lstrip(" ，,；;"))
    return any(h.start == lead for h in reading.cues(unit, "OWNER_MARKER", start=lead, end=end)) \
        or any(p.start == lead and p.kind in ("person", "department") for p in reading.parties(unit, lead, end))


def _work_with_a_day(reading: Reading, unit: Unit, start: int, end: int) -> bool:
    return _hands_out_work(reading, unit, start, end) or _names_a_doer(reading, unit, start, end) \
        and any(start <= d.start < end and d.iso for d in reading.deadlines(unit))


def _enumerated(unit: Unit, text: str, offset: int) -> list[Optional[Decision]]:
    """The decision in text, or one per circled number when it enumerates several."""
    marks = [m.start() for m in _CIRCLED.finditer(text)]
    if not marks or len(marks) == 1 and not text[:marks[0]].strip():
        return [_make(unit, text, offset)]      # (…②…: the first number was read as the cell's list mark)
    bounds = ([0] if text[:marks[0]].strip() else []) + marks + [len(text)]
    skip = [1 if _CIRCLED.match(text, a) else 0 for a in bounds[:-1]]       # the number itself
    return [_make(unit, text[a + k:b], offset + a + k) for (a, b), k in zip(zip(bounds, bounds[1:]), skip)]


def _reports(unit: Unit, reading: Reading) -> bool:
    """A line under 结论 that only reports: progress (跟进中, 正在适配), or what was presented (汇报了…)."""
    text = unit.fold
    if _opener().match(text):
        return False
    end = len(text.rstrip(" 。.;；!！"))
    status = any(h.end >= end - 1 for h in reading.cues(unit, "STATUS"))       # … 跟进中 / … 已完成
    told = any(h.start <= 2 and "了" in text[h.end:h.end + 4] for h in reading.cues(unit, "REPORTING"))
    return status or told


@lru_cache(maxsize=1)
def _concluded() -> re.Pattern:
    """A statement that closes on its outcome (…评审通过, …审议通过), or whose subject agrees
    in its first clause (X同意建仓): a decision wherever it stands."""
    endings = _alternation("decision_endings")
    heads = _alternation("decision_agreements")
    return re.compile(rf"(?:{endings})[。.;；]?\s*$|^[^,，。;；:：]{{2,16}}?(?:{heads})(?=[\u4e00-\u9fff])")


@lru_cache(maxsize=1)
def _settled() -> re.Pattern:
    """开业日期定为11月23日 / 首批试点定为12家: a setting fixed in the first clause."""
    return re.compile(rf"^([^,，。;；:：]{{2,20}}?)(?:{_alternation('decision_settings')})\s*+[^,，。;；\s]")


def _settles(sentence: str) -> bool:
    """A setting fixed, not proposed (业务部建议…提前至…) and not the next meeting's time."""
    m = _settled().match(sentence)
    if m is None or next_meeting_phrase().match(sentence.lower()):
        return False
    return not any(w in m.group(1) for w in _proposing_words())


@lru_cache(maxsize=1)
def _proposing_words() -> frozenset[str]:
    """What makes a setting reported or proposed rather than fixed (汇报, 建议, 考虑)."""
    return lexicon.folded_words("cues.yaml", "reporting_verbs") | lexicon.folded_words("cues.yaml", "not_commitment")


def speaker_end(unit: Unit) -> int:
    """Where a turn's words start: after ``名字：`` (a chat message starts at 0)."""
    if unit.speaker:
        return 0
    m = _SPEAKER.match(unit.fold)
    return m.end() if m and not _opener().match(unit.fold) else 0


def _sentences(text: str, start: int) -> list[tuple[int, int]]:
    """Sentence ranges from `start`, each without its leading spaces. Speech written down without
    punctuation (加 就定在十五万 戈阳你明天…) pauses with spaces: there they end sentences."""
    out, position = [], start
    ends = _PAUSE if not _PUNCTUATED.search(text, start) else _SENTENCE_END
    for m in ends.finditer(text, start):                  # an arrow leads to the outcome (… → 定了…)
        out.append((position, m.end()))
        position = m.end()
    if position < len(text):
        out.append((position, len(text)))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in out if text[s:e].strip()]


# A title written twice, in Chinese and then in English, with no sentence marks.
_BILINGUAL_TITLE = re.compile(r"^[\u4e00-\u9fff《》“”]{2,24}\s+[A-Z][A-Za-z'’&/ -]{2,60}$")
_PUNCTUATED = re.compile(r"[，,。；;！!？?：:、]")
_PAUSE = re.compile(r"(?<=[\u4e00-\u9fff])\s++(?=[\u4e00-\u9fff])")


@lru_cache(maxsize=1)
def _assignment() -> re.Pattern:
    """A clause handing out a task: ，[the thing] 由/请 + a party + an owner verb or an everyday work
    verb (or 于/在 + its date): ，由采购中心负责…, ，排班表由车佳怡妈妈做好后发群 (not ，由于…)."""
    markers = _alternation("owner_markers")
    inside_a_word = "".join(sorted({f"(?<!{re.escape(fold(w)[:-1])})" for w in lexicon.words("cues.yaml", "words_ending_in_markers")}))
    verbs = "|".join([_alternation("owner_verbs"), _alternation("short_work_verbs")])
    return re.compile(rf"[,，;；]\s*(?:另)?(?:(?!{_alternation('condition_openers')})[^,，;；。由请]{{1,10}}?)?"
                      rf"{inside_a_word}(?:{markers})(?!于)[^,，;；。]{{1,16}}?(?:{verbs}|于|在)")


def _until_assignment(text: str, start: int, end: int) -> int:
    """``会议同意X，由采购中心负责组织招标，11月20日前完成``: the decision stops where a task is handed out."""
    m = _assignment().search(fold(text), start, end)
    return m.start() if m else end


def _with_grounds(text: str, end: int) -> int:
    """A decision sentence keeps the 依据：… sentence right after it."""
    rest = text[end:]
    if _rationale().match(fold(rest.lstrip())):
        return len(text)
    return end


def _with(made: list[Optional[Decision]], consumed: tuple[int, int]):
    made = [d for d in made if d is not None]
    return (made, consumed) if made else None


def _enumerated_like_siblings(unit: Unit) -> bool:
    """In a decisions section: a list entry, or plain text in a section without a list.
    A section that labels its decisions (结论：) needs the label; a plain remark after a
    numbered list (本次会议为通报会…) is not one of the list's decisions."""
    section = unit.headings[-1] if unit.headings else None
    if section is None:
        return True
    if getattr(section, "labelled_decisions", False):
        return False
    return unit.style is not None or _opens_with_mark(unit.text) or not getattr(section, "has_list", False)


def _opens_with_mark(text: str) -> bool:
    """✅ 改为…, √ 同意…, 📌 …: a symbol in front serves as the entry's bullet."""
    return _is_mark(text.lstrip()[:1])


def _is_mark(char: str) -> bool:
    return bool(char) and (unicodedata.category(char) == "So" or char in "√\ufe0f")


def _make(unit: Unit, text: str, offset: int) -> Optional[Decision]:
    """A decision from unit.text[offset:], with its inline rationale split off."""
    body = text
    rationale = None
    if m := _rationale().search(fold(body)):
        body, rationale = text[:m.start()], (text[m.end():], offset + m.end())
    quoted = _QUOTED_REASON.search(body)
    if quoted and not rationale:
        rationale = (quoted.group(1), offset + quoted.start(1))
        body = body[:quoted.start()]
    lead = 0
    if not rationale and (first := _grounds_first(fold(body))):
        rationale = (body[first[0]:first[1]], offset + first[0])
        body, lead = body[first[2]:], first[2]
    elif not rationale and (after := _grounds_after(fold(body))):
        rationale = (body[after[1]:after[2]], offset + after[1])
        body = body[:after[0]]
    cleaned, skipped = _clean(body)
    skipped += lead
    if not cleaned or _NOT_DECISION.search(fold(cleaned)):
        return None
    topic = unit.record.get("topic") if unit.record is not None else None    # the row's 议题 cell
    decision = Decision(text=cleaned, topic=topic or unit.topic,
                        evidence=Evidence(cleaned, unit.locate(offset + skipped)))
    if rationale:
        _add_rationale(decision, rationale[0], unit, rationale[1])
    return decision


def _only_confirms(text: str) -> bool:
    """那就这么定了 / 就这样定了: a turn that settles what was put before it, saying nothing itself."""
    rest = _settling().sub("", _decision_verb().sub("", fold(text)))
    return len(re.sub(r"\W", "", rest)) <= 1


@lru_cache(maxsize=1)
def _settling() -> re.Pattern:
    return re.compile(lexicon.alternation(lexicon.words("cues.yaml", "settling_words") + lexicon.words("cues.yaml", "acknowledgements")))


def _confirmed_proposal(reading: Reading, unit: Unit, used: dict[int, tuple[int, int]]):
    """The proposal a confirming turn settles: the last statement (no question) of the same speaker's
    turn before it, a few turns back at most. Its range is taken, so it gives no action item."""
    speaker = speaker_of(unit, reading)
    if speaker is None:
        return None
    units = reading.seg.units
    for earlier in reversed(units[max(0, unit.index - _PROPOSAL_TURNS):unit.index]):
        said_by = speaker_of(earlier, reading)
        if said_by is None or said_by.name != speaker.name or earlier.index in used:
            continue
        statements = [(s, e) for s, e in _sentences(earlier.text, speaker_end(earlier)) if not is_question(earlier.text[s:e])]
        if not statements:
            continue
        start, end = statements[-1]
        body = _SHORT_LEAD_CLAUSES.sub("", earlier.text[start:end])   # 还有一个事，…
        made = _make(earlier, body, end - len(body))
        if made is None:
            return None
        made.from_turn = True
        used[earlier.index] = (0, len(earlier.text))     # (a turn is read whole for its promises)
        return [made], (0, len(unit.text))
    return None


_PROPOSAL_TURNS = 4
# Short clauses opening spoken words before what is said (对，/ 行，还有一个事，…): not part of it.
_SHORT_LEAD_CLAUSES = re.compile(r"^(?:[^,，]{0,5}[,，])+(?=[^,，]{6,})")


def _transcript_decision(unit: Unit, start: int, verb: int) -> Optional[Decision]:
    """``因为…，所以培训就定在9月8号到10号``: the decision and its ground."""
    sentence_start, end = next(((s, e) for s, e in _sentences(unit.text, start) if s <= verb < e), (start, len(unit.text)))
    end = len(unit.text[:end].rstrip("。！？!? "))
    sentence = unit.text[sentence_start:end]
    if _NOT_DECISION.search(unit.text[sentence_start:end + 1]):
        return None
    m = _because().search(fold(sentence))
    if m:
        decision = _make(unit, sentence[m.start(2):], sentence_start + m.start(2))
        if decision:
            _add_rationale(decision, sentence[m.start(1):m.end(1)], unit, sentence_start + m.start(1))
        return decision
    body = _SHORT_LEAD_CLAUSES.sub("", sentence)   # 对，/那就这么定， → 餐补就按…
    return _make(unit, body, sentence_start + len(sentence) - len(body))


def _clean(text: str) -> tuple[str, int]:
    """Strip an opener (会议决定, 一致同意：) and closing punctuation; also return chars skipped."""
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    while stripped and _is_mark(stripped[0]):                     # ✅ √ 📌
        unmarked = stripped[1:].lstrip()
        lead += len(stripped) - len(unmarked)
        stripped = unmarked
    m = _opener().match(fold(stripped))
    if m is None and (deliberation := _deliberation().match(fold(stripped))) and deliberation.end() < len(stripped):
        stripped, lead = stripped[deliberation.end():], lead + deliberation.end()     # 经校务会讨论，[决定]…
        m = _opener().match(fold(stripped))
    if m and m.end() < len(stripped) and not _hedged(m.group(0)):   # a hedged decision keeps its hedge visible
        cut = _what_was_agreed(m.group(0))
        stripped, lead = stripped[cut:], lead + cut
    cleaned = stripped.strip()
    lead += len(stripped) - len(stripped.lstrip(" ，,：:"))
    cleaned = cleaned.strip(" ，,：:").rstrip("。；;").strip()
    return (cleaned[:-1] if cleaned.endswith(".") and not cleaned.endswith("..") else cleaned), lead


def _what_was_agreed(opener: str) -> int:
    """Where the decision's own words start in its opener: after 会议决定：, but at an agreement verb
    that leads into them (会议审议通过《办法》 is 审议通过《办法》, 会议同意采用A方案 is 同意采用A方案:
    the verb is what was decided about the thing)."""
    m = _agreement().search(opener)
    if m is None and (refused := _agreement().search(opener.rstrip(" ,，"))) and refused.group(0)[:1] in _REFUSING:
        return refused.start()             # 不同意，预算不足: a refusal stays the decision, its reason after it
    return m.start() if m else len(opener)


_REFUSING = frozenset("不未否")


@lru_cache(maxsize=1)
def _agreement() -> re.Pattern:
    """An agreement verb ending the opener (会议同意|, 审议通过|); not one inside 通过共识， or before a colon."""
    return re.compile(rf"(?:{_alternation('deliberation_verbs')})?(?:{_alternation('decision_agreements')})了?\s*$")


def _hedged(opener: str) -> bool:
    """会议原则上同意: the opener holds a vague-action word, which the text must keep in sight."""
    return bool(_vague_actions().search(opener))


@lru_cache(maxsize=1)
def _vague_actions() -> re.Pattern:
    return re.compile(lexicon.alternation(lexicon.words("lint.yaml", "vague-action", "phrases")))


def _add_rationale(decision: Decision, text: str, unit: Unit, offset: int) -> None:
    stripped = text.lstrip()
    offset += len(text) - len(stripped)
    if label := _rationale_label().match(fold(stripped)):
        stripped, offset = stripped[label.end():], offset + label.end()   # the evidence starts after it too
    cleaned = stripped.strip().rstrip("。；;，,）) ").strip()
    offset += len(stripped) - len(stripped.lstrip())
    if cleaned:
        decision.rationale.append(cleaned)
        decision.rationale_evidence.append(Evidence(cleaned, unit.locate(offset)))
