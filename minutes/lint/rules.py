"""The lint rules: phrase rules over the text, item rules over the extracted action items.

Phrase rules apply to every occurrence anywhere in the notes, with the context rules
that keep false alarms down: a word mentioned in quotes (不要写“尽快”) is not used; a
vague party is flagged where it is the doer (an item's owner, after 由/请), not as a
recipient (抄送各部门) or an attribute (各部门负责人); 应该 is an opinion only in a
speaker's view, not in a requirement; 及时 in a sentence with a fixed day is harmless;
a vague period (上半年, 11月上旬运费) is flagged only where it times something.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Optional

from .. import lexicon
from ..deadlines import Deadline
from ..extract import Extraction
from ..extract.reading import Hit, Reading
from ..errors import RuleFileError
from ..model import Evidence, Finding, Location, Minutes
from ..units import Unit
from ..textnorm import fold, fold_word
from .config import LintConfig, rule_table
from .suggest import NO_EXAMPLES

_QUOTES = ("“”", '""', "「」", "『』", "‘’", "''")
_SPEAKER = re.compile(r"^[^:：,，。]{1,8}[:：]")
_PART_OF_MONTH = re.compile(r"初|旬|月中|中下|上中|第\s*\S{1,2}\s*个?\s*(?:周|星期|礼拜)")     # 3月第一周 too
_PROPOSAL = re.compile(r"建议|提议|希望|考虑|打算|或许|可否")
_RECURRING = re.compile(r"^每")
_CLAUSE_TAIL = re.compile(r"[^,，。;；:：!！?？\s]{0,12}")
_NOT_DOER_AFTER = re.compile(r"^\s*(?:负责人|领导|同事|人员|的|之间|数据|口径)")


def check(extraction: Extraction, config: LintConfig) -> list[Finding]:
    findings = list(_phrase_findings(extraction.reading, extraction, config))
    findings += list(item_findings(extraction.minutes, config))
    findings += list(decision_findings(extraction.minutes, config))
    return _unique([f for f in findings if config.enabled(f.rule)])


def _unique(findings: list[Finding]) -> list[Finding]:
    """The same words flagged twice by one rule (an item's vague owner found also after 由) count once."""
    seen, out = set(), []
    for f in findings:
        key = (f.rule, f.location, f.text)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# --------------------------------------------------------------------------- #
# Phrase rules
# --------------------------------------------------------------------------- #
_PHRASE_CUES = ("LINT_VAGUE_TIME", "LINT_VAGUE_ACTION", "LINT_SUBJECTIVE", "LINT_SUBJECTIVE_CONTEXTUAL")


def _phrase_findings(reading: Reading, extraction: Extraction, config: LintConfig) -> Iterator[Finding]:
    for unit in reading.seg.units:
        if unit.kind in ("comment", "noise") or _quiet(reading, unit, config):
            continue
        hits: list[tuple[str, int, int]] = []
        hits += [("vague-time", s, e) for s, e in _vague_times(reading, unit)]
        hits += [("vague-action", h.start, h.end) for h in reading.cues(unit, "LINT_VAGUE_ACTION")]
        hits += [("vague-action", m.start(), m.end()) for m in _delimitative().finditer(unit.fold)]
        hits += [("subjective", h.start, h.end) for h in reading.cues(unit, "LINT_SUBJECTIVE")]
        hits += [("subjective", h.start, h.end) for h in reading.cues(unit, "LINT_SUBJECTIVE_CONTEXTUAL")
                 if _opinion(reading, unit, h)]
        hits += [("vague-owner", h.start, h.end) for h in _vague_doers(reading, unit)]
        hits += list(_added_words(unit, config))
        for rule, start, end in _longest(hits):
            words = unit.text[start:end]
            if _mentioned(unit, start, end) or _dropped(config, rule, words):
                continue
            yield make(rule, words, unit.locate(start), config)
    for item in extraction.minutes.action_items:
        evidence = item.evidence.get("vague_owner")
        if evidence is not None:
            yield make("vague-owner", evidence.text, evidence.location, config)


def _quiet(reading: Reading, unit: Unit, config: LintConfig) -> bool:
    """Nothing a phrase rule could flag: no lint cue word, no vague party or date, no words of the
    project's own (most lines; asked once instead of rule by rule)."""
    return not config.add_words and not reading.cues(unit, *_PHRASE_CUES) \
        and not any(party.kind == "vague" for party in reading.parties(unit)) \
        and not any(d.vague for d in reading.deadlines(unit)) \
        and not _delimitative().search(unit.fold) and not _later_words().search(unit.fold)


def _vague_times(reading: Reading, unit: Unit) -> Iterator[tuple[int, int]]:
    """尽快-type words, and vague dates (下月初前, 1月中旬完成, Q1内) used as deadlines."""
    fixed = [d for d in reading.deadlines(unit) if d.iso]
    for hit in reading.cues(unit, "LINT_VAGUE_TIME"):
        if fold_word(hit.text) == "及时" and any(_same_sentence(reading, unit, hit.start, d.start) for d in fixed):
            continue
        if not _describes(unit, hit):
            yield hit.start, hit.end
    yield from _later(reading, unit)
    if unit.label == "rationale" or unit.role == "rationale":
        return                      # grounds report facts (前三季度, 上半年): they set no deadline
    for d in reading.deadlines(unit):
        if d.vague and not _RECURRING.match(fold(d.text)) and _times_something(reading, unit, d):
            yield d.start, d.end


def _describes(unit: Unit, hit: Hit) -> bool:
    """近期的问题, 后续行动, a heading 后续安排: the word describes a thing and times no work; 3年后
    counts from the meeting."""
    if unit.kind == "heading":
        return True
    before = unit.fold[hit.start - 1:hit.start]
    if before and before in _counted_before():
        return True
    after = unit.fold[hit.end:hit.end + 8].lstrip()
    return after.startswith(_attributive_heads())


def _later(reading: Reading, unit: Unit) -> Iterator[tuple[int, int]]:
    """后续再对比 / 年后统计名单: a "later" word right before the work it times."""
    if unit.kind == "heading":
        return
    for m in _later_words().finditer(unit.fold):
        if m.start() and unit.fold[m.start() - 1] in _counted_before():
            continue
        after = m.end() + len(unit.fold[m.end():]) - len(unit.fold[m.end():].lstrip())
        if unit.fold.startswith(_later_followers(), after):
            yield m.start(), m.end()
        elif any(h.start == after for h in reading.cues(unit, "TASK_VERB", start=after, end=min(len(unit.text), after + 8))):
            tail = _CLAUSE_TAIL.match(unit.fold, after).group(0)
            if not (len(tail) < 12 and tail.endswith(_attributive_heads())):   # 后续对账安排: a thing to come
                yield m.start(), m.end()


@lru_cache(maxsize=1)
def _later_words() -> re.Pattern:
    return re.compile(lexicon.alternation(lexicon.words("lint.yaml", "vague-time", "later_words")))


@lru_cache(maxsize=1)
def _later_followers() -> tuple[str, ...]:
    return tuple(lexicon.folded_words("lint.yaml", "vague-time", "later_followers"))


@lru_cache(maxsize=1)
def _counted_before() -> str:
    counted = lexicon.load_yaml("lint.yaml")["vague-time"].get("counted_before")
    if not isinstance(counted, str) or not counted:
        raise RuleFileError("规则文件 'lint.yaml' > vague-time > counted_before 应为一串字符")
    return fold_word(counted)


@lru_cache(maxsize=1)
def _attributive_heads() -> tuple[str, ...]:
    return tuple(lexicon.folded_words("lint.yaml", "vague-time", "attributive_heads"))


@lru_cache(maxsize=1)
def _delimitative() -> re.Pattern:
    """讨论下 / 跟一下 / 加强下 / 聊一聊 / 看一看: a soft verb said "a little"."""
    verbs = lexicon.alternation(lexicon.words("lint.yaml", "vague-action", "soft_verbs"))
    other_words = lexicon.alternation(w[1:] for w in lexicon.words("lint.yaml", "vague-action", "not_delimitative")
                                      if w.startswith("下") and len(w) > 1)
    return re.compile(rf"(?P<verb>{verbs})(?:一?下(?!{other_words})|一(?P=verb))")


def _times_something(reading: Reading, unit: Unit, d: Deadline) -> bool:
    sentence = _sentence_of(reading, unit, d.start)
    if _PROPOSAL.search(unit.fold[sentence[0]:sentence[1]]):
        return False
    if d.bounded:
        return True
    if not _PART_OF_MONTH.search(fold(d.text)):
        return False
    after = unit.text[d.end:sentence[1]].lstrip()
    verb = reading.cues(unit, "TASK_VERB", start=d.end, end=sentence[1])
    return not after or bool(verb and verb[0].start == d.end + len(unit.text[d.end:sentence[1]]) - len(after)) \
        or after.startswith(("召开", "举行", "完成", "开展", "启动", "上线", "发布"))


def _opinion(reading: Reading, unit: Unit, hit: Hit) -> bool:
    """应该 as opinion: beside 我认为/我觉得, or in a speaker's turn that cites no rule or requirement."""
    start, end = _sentence_of(reading, unit, hit.start)
    if reading.cues(unit, "LINT_SUBJECTIVE", start=start, end=end):
        return True
    if not _SPEAKER.match(unit.fold):
        return False
    context = lexicon.words("lint.yaml", "subjective", "requirement_context")
    sentence = fold(unit.text[start:end])
    return not any(fold(w) in sentence for w in context)


def _vague_doers(reading: Reading, unit: Unit) -> Iterator[Hit]:
    """大家/各部门 right after 由/请 (由相关部门尽快补充; （由相关部门提供…）)."""
    markers = reading.cues(unit, "OWNER_MARKER")
    for party in reading.parties(unit):
        if party.kind != "vague" or _NOT_DOER_AFTER.match(unit.text[party.end:]):
            continue
        if any(m.end == party.start for m in markers):
            yield party


def _added_words(unit: Unit, config: LintConfig) -> Iterator[tuple[str, int, int]]:
    if not config.add_words:
        return
    folded = fold_word(unit.text)
    for rule, words in config.add_words.items():
        for word in words:
            for m in re.finditer(re.escape(fold_word(word)), folded):
                yield rule, m.start(), m.end()


def _longest(hits: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """One finding per place and rule: 下月初前 wins over 下月初."""
    kept: list[tuple[str, int, int]] = []
    for rule, start, end in sorted(set(hits), key=lambda h: (h[1], -(h[2] - h[1]))):
        if not any(r == rule and s <= start < e for r, s, e in kept):
            kept.append((rule, start, end))
    return kept


def _mentioned(unit: Unit, start: int, end: int) -> bool:
    """A word alone in quotes (不得填写“尽快”“近期”) is talked about, not used; so is one
    after 不要写 / 避免 / 例如 in a longer quote."""
    text = unit.text
    if any(text[start - 1:start] == q[0] and text[end:end + 1] == q[1] for q in _QUOTES if start > 0):
        return True
    opened = max((text.rfind(q[0], 0, start) for q in _QUOTES), default=-1)
    if opened < 0 or any(q[1] in text[opened + 1:start] for q in _QUOTES if q[0] != q[1]):
        return False
    before = fold(text[max(0, opened - 12):opened + 1])
    return any(fold(m) in before for m in lexicon.words("lint.yaml", "mention_markers"))


def _dropped(config: LintConfig, rule: str, words: str) -> bool:
    return fold_word(words) in {fold_word(w) for w in config.drop_words.get(rule, ())}


def _sentence_of(reading: Reading, unit: Unit, position: int) -> tuple[int, int]:
    for start, end in reading.sentences(unit):
        if start <= position < end:
            return start, end
    return 0, len(unit.text)


def _same_sentence(reading: Reading, unit: Unit, a: int, b: int) -> bool:
    return _sentence_of(reading, unit, a) == _sentence_of(reading, unit, b)


# --------------------------------------------------------------------------- #
# Item rules
# --------------------------------------------------------------------------- #
def item_findings(minutes: Minutes, config: LintConfig) -> Iterator[Finding]:
    meeting_day = _meeting_day(minutes.meeting.date)
    seen: set = set()
    for item in minutes.action_items:
        where = _item_location(item)
        if not item.owner:
            yield make("missing-owner", item.task, where, config, task=item.task)
        if not item.deadline:
            yield make("missing-deadline", item.task, where, config, task=item.task)
        if len(item.owners) > 1:
            yield make("multiple-owners", item.task, where, config, task=item.task, parties="、".join(item.owners))
        if meeting_day and item.deadline and item.deadline[:10] < meeting_day:
            yield make("past-deadline", item.deadline, where, config, task=item.task)
        key = (fold_word(re.sub(r"\W", "", item.task)), item.owner)
        if key in seen:
            yield make("duplicate-task", item.task, where, config, task=item.task)
        seen.add(key)


def decision_findings(minutes: Minutes, config: LintConfig) -> Iterator[Finding]:
    for decision in minutes.decisions:
        if not decision.rationale and decision.evidence is not None:
            yield make("decision-without-rationale", decision.text, decision.evidence.location, config)


def _item_location(item) -> Location:
    evidence: Optional[Evidence] = item.evidence.get("task")
    return evidence.location if evidence else Location(line=item.line)


def _meeting_day(value: Optional[str]) -> Optional[str]:
    return value[:10] if value else None


def make(rule: str, text: str, location: Location, config: LintConfig, *, task: str = "",
         parties: str = "") -> Finding:
    spec = rule_table()[rule]
    fill = {"text": parties or text, "task": task or text, **NO_EXAMPLES}
    return Finding(rule=rule, text=text, location=location, severity=config.severity_of(rule), label=spec.label,
                   message=spec.message.format(**fill), suggestion=spec.suggestion.format(**fill))
