"""The lint rules: phrase rules over the text, item rules over the extracted action items.

Phrase rules apply to every occurrence anywhere in the notes, with the context rules
that keep false alarms down: a word mentioned in quotes (不要写“尽快”) is not used; a
vague party is flagged where it is the doer (an item's owner, after 由/请), not as a
recipient (抄送各部门) or an attribute (各部门负责人); 应该 is an opinion only in a
speaker's view, not in a requirement; 及时 in a sentence with a fixed day is harmless;
a vague period (上半年, 11月上旬运费) is flagged only where it times something, and a word that
also names a kind of thing (择期手术) only before the work it times; a vague party opening a clause
with a duty word (有关部门要…) is a doer; a hedge on facts (大概5万张) counts only where work is
handed out or decided.
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
_WHOLE_MONTH = re.compile(r"^(?:\d{2,4}年|[今明去]年)?[0-9一二三四五六七八九十]{1,3}月份?$")     # 10月份, 明年3月
_PART_OF_MONTH = re.compile(r"初|旬|月中|中下|上中|第\s*\S{1,2}\s*个?\s*(?:周|星期|礼拜)|" + _WHOLE_MONTH.pattern)   # 3月第一周 too
_PROPOSAL = re.compile(r"建议|提议|希望|考虑|打算|或许|可否")
_RECURRING = re.compile(r"^每")
_CLAUSE_TAIL = re.compile(r"[^,，。;；:：!！?？\s]{0,12}")
_NOT_DOER_AFTER = re.compile(r"^\s*(?:负责人|领导|同事|人员|的|之间|数据|口径)")
_CLAUSE_BREAK = ",，。;；:：!！?？、()（）[]【】"
_CLAUSE_BREAK_CHAR = re.compile(f"[{re.escape(_CLAUSE_BREAK)}]")
_CLAUSE_END_CHAR = re.compile(r"[,，。;；!！?？]")


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
    items = _item_places(extraction.minutes)
    work = items | _decision_places(extraction.minutes)
    for unit in reading.seg.units:
        if unit.kind in ("comment", "noise") or unit is reading.seg.title_unit or _quiet(reading, unit, config):
            continue                # a title names the meeting (周例会（9月第2周）): it times no work
        hits: list[tuple[str, int, int]] = []
        hits += [("vague-time", s, e) for s, e in _vague_times(reading, unit, items)]
        hits += [("vague-action", h.start, h.end) for h in reading.cues(unit, "LINT_VAGUE_ACTION")
                 if _hedges_work(unit, h, work)]
        hits += [("vague-action", m.start(), m.end()) for m in _delimitative().finditer(unit.fold)]
        hits += [("subjective", h.start, h.end) for h in reading.cues(unit, "LINT_SUBJECTIVE")]
        hits += [("subjective", m.start(), m.end()) for m in _contextual().finditer(unit.fold)
                 if _opinion(reading, unit, m.start())]
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
    if config.add_words or reading.has(unit, *_PHRASE_CUES) or _phrase_words().search(unit.fold):
        return False
    for party in reading.parties(unit):
        if party.kind == "vague":
            return False
    for deadline in reading.deadlines(unit):
        if deadline.vague:
            return False
    return True


@lru_cache(maxsize=1)
def _phrase_words() -> re.Pattern:
    """`_delimitative`, `_later_words` or `_contextual`: one scan of a line asks all three. A lookahead
    for the characters their words start with comes first: it passes over most places in one test
    where the alternation would try each word."""
    words = lexicon.words("lint.yaml", "vague-action", "soft_verbs") + lexicon.words("lint.yaml", "vague-time", "later_words") \
        + lexicon.words("lint.yaml", "subjective", "contextual")
    starts = "".join(sorted({fold_word(w)[:1] for w in words}))
    return re.compile(f"(?=(?i:[{re.escape(starts)}]))"
                      f"(?:(?:{_delimitative().pattern})|(?:{_later_words().pattern})|(?i:{_contextual().pattern}))")


def _vague_times(reading: Reading, unit: Unit, items: set) -> Iterator[tuple[int, int]]:
    """尽快-type words, and vague dates (下月初前, 1月中旬完成, Q1内) used as deadlines."""
    fixed = [d for d in reading.deadlines(unit) if d.iso]
    for hit in reading.cues(unit, "LINT_VAGUE_TIME"):
        if fold_word(hit.text) == "及时" and any(_same_sentence(reading, unit, hit.start, d.start) for d in fixed):
            continue
        if _describes(unit, hit) or _gives_reason(unit, hit.start):
            continue
        if fold_word(hit.text) in _adjectival() and not _before_work(unit, hit.start, hit.end):
            continue                # 择期PCI患者: elective, not "some day"
        yield hit.start, hit.end
    yield from ((s, e) for s, e in _later(reading, unit) if not _gives_reason(unit, s))
    if unit.label == "rationale" or unit.role == "rationale":
        return                      # grounds report facts (前三季度, 上半年): they set no deadline
    for d in reading.deadlines(unit):
        if d.vague and _WHOLE_MONTH.match(fold(d.text)) and _place(unit.locate(0)) not in items:
            continue                # 6月开展安全生产月活动: a whole month is when an activity runs, unless it times a task
        if d.vague and not _RECURRING.match(fold(d.text)) and _times_something(reading, unit, d):
            yield d.start, _period_end(unit, d)


def _describes(unit: Unit, hit: Hit) -> bool:
    """近期的问题, 后续行动, a heading 后续安排: the word describes a thing and times no work; 3年后
    counts from the meeting."""
    if unit.kind == "heading":
        return True
    before = unit.fold[hit.start - 1:hit.start]
    if before and before in _counted_before() or unit.fold[:hit.start].endswith(_negations()):
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
            if not _standing_rule(reading, unit, m.group(0), after):
                yield m.start(), m.end()
        elif any(h.start == after for h in reading.cues(unit, "TASK_VERB", start=after, end=min(len(unit.text), after + 8))):
            tail = _CLAUSE_TAIL.match(unit.fold, after).group(0)
            if not (len(tail) < 12 and tail.endswith(_attributive_heads())):   # 后续对账安排: a thing to come
                yield m.start(), m.end()


def _standing_rule(reading: Reading, unit: Unit, word: str, after: int) -> bool:
    """以后统一周日20点前发: "from now on", a rule word, and a fixed time or a recurrence in the clause."""
    if word not in lexicon.folded_words("cues.yaml", "from_now_words") \
            or not unit.fold.startswith(tuple(lexicon.folded_words("cues.yaml", "standing_rule_words")), after):
        return False
    clause_end = _clause_end(unit.fold, after)
    return any(after <= d.start < clause_end and d.iso for d in reading.deadlines(unit)) \
        or "每" in unit.fold[after:clause_end]


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
def _negations() -> tuple[str, ...]:
    return tuple(lexicon.folded_words("lint.yaml", "vague-time", "negations"))


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
    """下月初前 / Q3内 always; a bare period before the words of planned work (Q2季度预计研发), or after
    在/于 before the work's verb (计划于年中上线); a bare part of a month also before the work's verb
    (12月中旬举办) or ending its clause (下月初再说 | 排期：8月初); never where the clause reports the
    work done (一季度完成了…)."""
    sentence = _sentence_of(reading, unit, d.start)
    if _PROPOSAL.search(unit.fold[sentence[0]:sentence[1]]):
        return False
    if d.bounded:
        return True
    if not _is_period(d.text):
        return False                # 8月1日起: a start, not a period
    part_of_month = bool(_PART_OF_MONTH.search(fold(d.text)))
    end = _period_end(unit, d)
    if unit.fold[end:sentence[1]].strip() == "" or _clause_ends(unit, end):
        return part_of_month
    if any(mark in _clause_after(unit, end) for mark in _report_marks()):
        return False
    following = _words_after(unit, end, 2, _period_next())
    if following[0] in _lint_words("vague-time", "period_followers"):
        return following[1] not in _lint_words("vague-time", "copulas")      # 四季度将是旺季: a description
    if not part_of_month and not _word_before(unit, d.start, _time_prepositions()):
        return False
    return _names_work(following[0])


def _is_period(text: str) -> bool:
    """A part of a month (8月初, 下月初) or of a year (Q3, 年中): a stretch of days, not one day."""
    return bool(_PART_OF_MONTH.search(fold(text))) or bool(_period().fullmatch(fold_word(text)))


def _period_end(unit: Unit, d: Deadline) -> int:
    """Q2季度: the resolver reads Q2; the period's words run on to 季度."""
    for tail in _period_tails():
        if unit.fold.startswith(tail, d.end):
            return d.end + len(tail)
    return d.end


def _clause_ends(unit: Unit, position: int) -> bool:
    after = unit.fold[position:].lstrip()
    return not after or after[0] in _CLAUSE_BREAK


def _words_after(unit: Unit, position: int, count: int, wanted: tuple[str, ...]) -> list[str]:
    """The next `count` words from `position` on ("" past the clause), cut from the folded text: words,
    not characters (二季度会议 is no 二季度 + 会, 二季度在线 no 二季度 + 在), and cut afresh so that a
    name guessed across the boundary (月中旬举办) or Traditional script cut as written does not hide them.
    The caller reads them only when the first is one of the `wanted` words: a clause that starts
    with none of them is not cut (all "": most clauses)."""
    clause = _clause_after(unit, position)
    if not clause.lstrip().startswith(wanted):
        return [""] * count
    words = [w for w in lexicon.segmenter().cut(clause[:24]) if w.strip()][:count]
    return words + [""] * (count - len(words))


def _word_before(unit: Unit, position: int, wanted: tuple[str, ...]) -> str:
    """The word that ends right before `position` in its clause (于 in 新门店于, not in 鉴于) when it is
    one of the `wanted` words, else ""; the words before are cut only when they end in one."""
    start = _clause_start(unit.fold, position)
    before = unit.fold[max(start, position - 8):position]
    if not before.rstrip().endswith(wanted):
        return ""
    words = [w for w in lexicon.segmenter().cut(before) if w.strip()]
    return words[-1] if words and words[-1] in wanted else ""


def _words(*lists: tuple[str, ...]) -> tuple[str, ...]:
    """The folded words of some lint.yaml / cues.yaml lists, as one tuple for str.startswith/endswith."""
    return tuple(sorted(frozenset().union(*(lexicon.folded_words(*path) for path in lists))))


@lru_cache(maxsize=1)
def _period_next() -> tuple[str, ...]:
    """What _times_something looks for after a period: a word that follows periods, or the work's verb."""
    return _words(("lint.yaml", "vague-time", "period_followers"), ("lint.yaml", "vague-time", "event_verbs"),
                  ("cues.yaml", "task_verbs"))


@lru_cache(maxsize=1)
def _work_next() -> tuple[str, ...]:
    """What _before_work looks for after a time word."""
    return _period_next() + _words(("lint.yaml", "vague-time", "later_followers"), ("cues.yaml", "doer_links"))


@lru_cache(maxsize=1)
def _vague_objects() -> tuple[str, ...]:
    return _words(("lint.yaml", "vague-action", "vague_objects"))


@lru_cache(maxsize=1)
def _time_prepositions() -> tuple[str, ...]:
    return _words(("lint.yaml", "vague-time", "time_prepositions"))


def _names_work(word: str) -> bool:
    """A task verb (组织, 提交) or the verb of an event (召开, 上线, 开业): the word a period times."""
    return word in _lint_words("vague-time", "event_verbs") or word in _task_verbs()


@lru_cache(maxsize=1)
def _task_verbs() -> frozenset[str]:
    return lexicon.folded_words("cues.yaml", "task_verbs")


@lru_cache(maxsize=1)
def _not_duty_after() -> tuple[str, ...]:
    return tuple(_lint_words("vague-owner", "not_duty_after"))


@lru_cache(maxsize=1)
def _doer_links() -> frozenset[str]:
    """近期把… / 择期对…: words that lead to the work; not 和/与, which join a second thing (近期和远期目标)."""
    return lexicon.folded_words("cues.yaml", "doer_links") - lexicon.folded_words("cues.yaml", "coordinators")


def _clause_after(unit: Unit, position: int) -> str:
    folded = unit.fold
    m = _CLAUSE_BREAK_CHAR.search(folded, position)
    return folded[position:m.start() if m else len(folded)]


def _before_work(unit: Unit, start: int, position: int) -> bool:
    """择期召开 / 近期把…交齐 / 验收另行择期。: the word times the work after it, or ends the clause of
    the work before it (近期，部分门店缺货: opening its clause alone, it says when things happened)."""
    if _clause_ends(unit, position):
        before = unit.fold[:start].rstrip()
        return bool(before) and before[-1] not in _CLAUSE_BREAK
    word = _words_after(unit, position, 1, _work_next())[0]
    return word in _lint_words("vague-time", "later_followers") or word in _lint_words("vague-time", "period_followers") \
        or word in _doer_links() or _names_work(word)


def _gives_reason(unit: Unit, position: int) -> bool:
    """因为…现在接了回头还得再改: a time word in a cause or consequence times no work of the meeting."""
    clause = unit.fold[_clause_start(unit.fold, position):position]
    return any(opener in clause for opener in _cause_openers())


def _hedges_work(unit: Unit, hit: Hit, work: set) -> bool:
    """A hedge on facts (大概5万张) counts only where work is handed out or decided; 看看 only with no
    concrete object (再看看, 看看情况)."""
    word = fold_word(hit.text)
    if word in _lint_words("vague-action", "fact_hedges"):
        return _place(unit.locate(hit.start)) in work
    if word in _lint_words("vague-action", "bare_only"):
        return _clause_ends(unit, hit.end) \
            or _words_after(unit, hit.end, 1, _vague_objects())[0] in _lint_words("vague-action", "vague_objects")
    return True


def _clause_start(text: str, position: int) -> int:
    """Where the clause that runs up to `position` starts: after the last break before it (the
    words before it, reversed, searched once for their first break)."""
    m = _CLAUSE_BREAK_CHAR.search(text[:position][::-1])
    return position - m.start() if m else 0


def _clause_end(text: str, start: int) -> int:
    """Where the clause holding text[start] ends: at its next comma, full stop or question mark."""
    m = _CLAUSE_END_CHAR.search(text, start)
    return m.start() if m else len(text)


def _item_places(minutes: Minutes) -> set:
    """The lines (or Word paragraphs and cells) that hold an action item."""
    return {_place(item.evidence["task"].location) for item in minutes.action_items if "task" in item.evidence}


def _decision_places(minutes: Minutes) -> set:
    return {_place(d.evidence.location) for d in minutes.decisions if d.evidence is not None}


def _place(location: Location) -> tuple:
    return location.line, location.paragraph, location.table, location.row, location.cell


@lru_cache(maxsize=None)
def _lint_words(*path: str) -> frozenset[str]:
    return lexicon.folded_words("lint.yaml", *path)


@lru_cache(maxsize=1)
def _adjectival() -> frozenset[str]:
    return _lint_words("vague-time", "adjectival")


@lru_cache(maxsize=1)
def _cause_openers() -> tuple[str, ...]:
    return tuple(_lint_words("vague-time", "cause_openers"))


@lru_cache(maxsize=1)
def _period_tails() -> tuple[str, ...]:
    return tuple(sorted(_lint_words("vague-time", "period_tails"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _report_marks() -> tuple[str, ...]:
    return tuple(_lint_words("vague-time", "report_marks"))


@lru_cache(maxsize=1)
def _period() -> re.Pattern:
    """A quarter or a part of a year as the deadline resolver names them (Q3, 下季度, 年中, 上半年)."""
    quarters = lexicon.load_yaml("deadlines.yaml")
    words = [w for group in ("quarters", "quarter_shift") for ws in quarters[group].values() for w in ws]
    words += lexicon.words("deadlines.yaml", "year_parts_vague")
    return re.compile(rf"(?:\d{{2,4}}年|[今明去]年)?(?:{lexicon.alternation(words)})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _contextual() -> re.Pattern:
    """应该 / should as words in the text (a party's name guessed around them must not hide them)."""
    words = lexicon.alternation(lexicon.words("lint.yaml", "subjective", "contextual"))
    return re.compile(rf"(?<![A-Za-z])(?:{words})(?![A-Za-z])", re.IGNORECASE)


def _opinion(reading: Reading, unit: Unit, position: int) -> bool:
    """应该 as opinion: beside 我认为/我觉得, or in a speaker's turn that cites no rule or requirement."""
    start, end = _sentence_of(reading, unit, position)
    if reading.cues(unit, "LINT_SUBJECTIVE", start=start, end=end):
        return True
    if not _SPEAKER.match(unit.fold) or unit.role == "actions" or unit.label in ("action", "task"):
        return False                # Bob: we should… under 行动项 is the duty handed out, not a view
    context = lexicon.words("lint.yaml", "subjective", "requirement_context")
    sentence = fold(unit.text[start:end])
    return not any(fold(w) in sentence for w in context)


def _vague_doers(reading: Reading, unit: Unit) -> Iterator[Hit]:
    """大家/各部门 right after 由/请 (由相关部门尽快补充; （由相关部门提供…）), or opening a clause
    with a duty word after it (有关部门要做好…; 同时，各部门须于…)."""
    vague = [party for party in reading.parties(unit) if party.kind == "vague"]
    if not vague:
        return                      # most lines name no vague party: no cue word to look up
    markers = reading.cues(unit, "OWNER_MARKER")
    openers = reading.cues(unit, "OWNER_MARKER", "LEAD_IN")
    directives = reading.cues(unit, "DIRECTIVE")
    for party in vague:
        if _NOT_DOER_AFTER.match(unit.text[party.end:]):
            continue
        if any(m.end == party.start for m in markers):
            if not _asked_only_to_take_note(reading, unit, party.end):
                yield party
            continue
        before = unit.fold[:party.start].rstrip()
        opens = not before or before[-1] in _CLAUSE_BREAK or any(m.end == len(before) for m in openers)
        at = len(unit.fold) - len(unit.fold[party.end:].lstrip())
        if opens and any(d.start == at and not unit.fold.startswith(_not_duty_after(), d.end) for d in directives):
            yield party


def _asked_only_to_take_note(reading: Reading, unit: Unit, start: int) -> bool:
    """请各位店长认真看完 / 请大家知悉: the party is asked to read the message, not given work."""
    end = _clause_end(unit.fold, start)
    notices = reading.cues(unit, "NOTICE", start=start, end=end)
    work = reading.cues(unit, "TASK_VERB", start=start, end=end)
    return bool(notices) and all(any(n.start <= w.start < n.end for n in notices) for w in work)


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
