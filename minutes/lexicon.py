"""The rule vocabulary of nlp_models/, loaded once and validated.

Everything the pipeline matches on by *word* comes from here: parties, cue words,
priority words and lint phrases. Each becomes a SpanRuler phrase pattern with a
label; the tokenizer keeps each multi-character entry whole.
"""
from __future__ import annotations

import json
import re
import sys
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from . import startcache
from .errors import RuleFileError
from .resources import load_yaml, model_path
from .textnorm import fold_word, trie_regex

# label → (file, key path) of the word lists that feed SpanRuler phrase patterns
PHRASE_SOURCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "DEPT": ("parties.yaml", ("departments",)),
    "DEPT_SHORT": ("parties.yaml", ("department_short",)),
    "VAGUE_PARTY": ("parties.yaml", ("vague_parties",)),
    "OWNER_VERB": ("cues.yaml", ("owner_verbs",)),
    "OWNER_MARKER": ("cues.yaml", ("owner_markers",)),
    "HELPER_VERB": ("cues.yaml", ("helper_verbs",)),
    "HELPER_MARKER": ("cues.yaml", ("helper_markers",)),
    "DECISION_VERB": ("cues.yaml", ("decision_verbs",)),
    "STATUS": ("cues.yaml", ("status_words",)),
    "COMMITMENT": ("cues.yaml", ("commitments",)),
    "FIRST_PERSON": ("cues.yaml", ("first_person",)),
    "SECOND_PERSON": ("cues.yaml", ("second_person",)),
    "NOT_COMMITMENT": ("cues.yaml", ("not_commitment",)),
    "NOTICE": ("cues.yaml", ("notice_requests",)),
    "FLOOR": ("cues.yaml", ("floor_requests",)),
    "TASK_VERB": ("cues.yaml", ("task_verbs",)),
    "DOER_LINK": ("cues.yaml", ("doer_links",)),
    "DIRECTIVE": ("cues.yaml", ("directives",)),
    "NEED": ("cues.yaml", ("needs",)),
    "LEAD_IN": ("cues.yaml", ("lead_ins",)),
    "REPORTING": ("cues.yaml", ("reporting_verbs",)),
    "CONVENING": ("cues.yaml", ("convening",)),
    "TOGETHER": ("cues.yaml", ("together",)),
    "PRIORITY_HIGH": ("priority.yaml", ("high", "inline")),
    "PRIORITY_MEDIUM": ("priority.yaml", ("medium", "inline")),
    "PRIORITY_LOW": ("priority.yaml", ("low", "inline")),
    "LINT_VAGUE_TIME": ("lint.yaml", ("vague-time", "phrases")),
    "LINT_VAGUE_ACTION": ("lint.yaml", ("vague-action", "phrases")),
    "LINT_SUBJECTIVE": ("lint.yaml", ("subjective", "phrases")),
    "LINT_SUBJECTIVE_CONTEXTUAL": ("lint.yaml", ("subjective", "contextual")),
    "RECIPIENT_MARKER": ("lint.yaml", ("recipient_markers",)),
    "MENTION_MARKER": ("lint.yaml", ("mention_markers",)),
}


@lru_cache(maxsize=None)
def words(file: str, *path: str) -> tuple[str, ...]:
    """The word list at `path` in a rule file, e.g. words("cues.yaml", "owner_verbs")."""
    node = load_yaml(file)
    for key in path:
        if not isinstance(node, dict) or key not in node:
            raise RuleFileError(f"规则文件 '{file}' 中没有 '{' > '.join(path)}' 这一项")
        node = node[key]
    if not isinstance(node, list) or not all(isinstance(w, str) and w for w in node):
        raise RuleFileError(f"规则文件 '{file}' 中 {' > '.join(path)} 应为非空字符串的列表；"
                            "YAML 会把 yes、no、数字等读成布尔值或数字，请给这些词加引号")
    return tuple(node)


def alternation(words) -> str:
    """One regex alternation of the words, folded and escaped, longest first (so 共同负责 wins over 负责)."""
    return "|".join(re.escape(w) for w in sorted({fold_word(w) for w in words}, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=None)
def folded_words(file: str, *path: str) -> frozenset[str]:
    """The word list, folded, as a set for membership tests."""
    return frozenset(fold_word(w) for w in words(file, *path))


def chars(file: str, key: str) -> str:
    value = load_yaml(file).get(key)
    if not isinstance(value, str) or not value:
        raise RuleFileError(f"规则文件 '{file}' 中 {key} 应为一串字符")
    return value


@lru_cache(maxsize=1)
def phrase_patterns() -> list[dict]:
    """SpanRuler patterns from the word lists, plus token patterns from patterns/*.jsonl."""
    patterns = [{"label": label, "pattern": word, "id": f"{file}:{'.'.join(path)}"}
                for label, (file, path) in PHRASE_SOURCES.items() for word in words(file, *path)]
    return patterns + list(token_patterns())


def token_patterns() -> Iterator[dict]:
    path = model_path("patterns/tokens.jsonl")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RuleFileError(f"规则文件 'patterns/tokens.jsonl' 第 {number} 行不是有效的 JSON（{exc.msg}）") from None
        if not isinstance(entry, dict) or not {"label", "pattern"} <= entry.keys() or not isinstance(entry["pattern"], list):
            raise RuleFileError(f"规则文件 'patterns/tokens.jsonl' 第 {number} 行应为 "
                                '{"label": ..., "pattern": [词元条件, ...], "id": ...}')
        yield entry


@lru_cache(maxsize=1)
def tokenizer_terms() -> frozenset[str]:
    """Multi-character entries the tokenizer keeps whole."""
    return frozenset(p["pattern"] for p in phrase_patterns() if isinstance(p["pattern"], str) and len(p["pattern"]) > 1)


@lru_cache(maxsize=1)
def department_pattern() -> re.Pattern:
    """A department written in full: a known name, or a word ending in a department suffix."""
    suffixes = "|".join(sorted((re.escape(fold_word(s)) for s in words("parties.yaml", "department_suffixes")),
                               key=len, reverse=True))
    known = "|".join(sorted((re.escape(fold_word(d)) for d in words("parties.yaml", "departments")),
                            key=len, reverse=True))
    return startcache.compile_regex(rf"(?:{known}|[\u4e00-\u9fffA-Za-z]{{1,8}}?(?:{suffixes}))")


@lru_cache(maxsize=1)
def segmenter():
    """The one word segmenter (segmenter.py): jieba's accurate mode on the frequent
    words of jieba's dictionary (nlp_models/segmenter), compiled where jieba_fast_dat is installed."""
    from .segmenter import load
    return load(model_path("segmenter/words.txt"))


def import_jieba():
    """jieba, imported without pkg_resources: it only wants it to find its own files (a path
    does as well), and importing it costs a tenth of a second and a deprecation warning."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None          # makes `import pkg_resources` fail, so jieba uses paths
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def word_frequency(word: str) -> int:
    return segmenter().frequency(word)


@lru_cache(maxsize=1)
def department_finder() -> re.Pattern:
    """A department in running text, from a clause start or 由/会同/向…: 区财政局, 街道办事处, IT部.

    Matched on folded, lower-cased text. A one-character suffix (部, 局, 委) needs two
    characters before it, so 这部 or 全局 are not departments.
    """
    suffixes = [fold_word(s) for s in words("parties.yaml", "department_suffixes")]
    short = "|".join(re.escape(s) for s in suffixes if len(s) == 1)
    long = "|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True) if len(s) > 1)
    prefixes = "|".join(re.escape(fold_word(p)) for p in words("parties.yaml", "department_prefixes"))
    start = _starts_after(r"\s,，。;；:：、(（\"'“@>", [fold_word(b) for b in words("parties.yaml", "department_left_boundaries")])
    han = r"[\u4e00-\u9fff]"
    not_first = "|".join(re.escape(fold_word(b)) for b in             # (授权办公室主任X: 办公室 is the unit)
                         words("parties.yaml", "department_left_boundaries") + words("parties.yaml", "department_not_starting")
                         + words("cues.yaml", "owner_markers") + _han_words(words("lint.yaml", "vague-time", "phrases")))
    followers = suffix_followers()
    # (a follower before a date is a preposition: 财务处于11月15日前)
    end = "(?!" + "|".join(f"(?<={re.escape(k)})[{''.join(v)}](?![0-9])" for k, v in followers.items()) + ")" \
        if followers else ""
    name = rf"(?:{prefixes})?(?:{han}{{2,6}}?(?:{short})|{han}{{1,6}}?(?:{long})|[a-z]{{1,8}}(?:{short}|{long})){end}"
    return startcache.compile_regex(rf"{start}(?!{not_first})({name})")


def _han_words(entries: tuple[str, ...]) -> tuple[str, ...]:
    """The entries in Han script (a department may start where 尽快 or 及时 would, never with them)."""
    return tuple(w for w in entries if not w.isascii())


def _starts_after(marks: str, words: list[str], read: int = 0) -> str:
    """A regex assertion: at the start of the text, or right after one of the marks (the inside of
    a character class) or of the words. The regex tries it at every character, and each
    alternative costs a try: so one negative lookbehind holds the start, the marks and the
    one-character words, and one lookbehind each the longer words of one length. ``read``: how
    many characters past that place the regex has read when it asks (see name_finder)."""
    singles = "".join(re.escape(w) for w in words if len(w) == 1)
    read_past = r"[\s\S]" * read
    by_length: dict[int, list[str]] = {}
    for word in words:
        if len(word) > 1:
            by_length.setdefault(len(word), []).append(re.escape(word))
    longer = [f"(?<=(?:{'|'.join(same)}){read_past})" for _, same in sorted(by_length.items())]
    return "(?:" + "|".join([f"(?<![^{marks}{singles}]{read_past})", *longer]) + ")"


@lru_cache(maxsize=1)
def suffix_followers() -> dict[str, tuple[str, ...]]:
    """A department suffix → characters that, right after it, make it part of another word (部门, 组织)."""
    data = load_yaml("parties.yaml").get("department_suffix_followers") or {}
    return {fold_word(k): tuple(v) for k, v in data.items()}


@lru_cache(maxsize=1)
def name_finder() -> re.Pattern:
    """An unlisted person at a clause start, right before what a doer does: 李娜尽快…, 王强将…, 张伟负责….

    Matched on folded, lower-cased text; whether it is a name and not a common word
    (方案发给…) is decided later, against the segmenter's word frequencies.

    The clause start is asked after the surname's first character: a regex that begins with a set
    of characters skips in one pass to where one of them is (a surname starts at one place in
    nine), where one that begins with an assertion tries it at every character.
    """
    start = _starts_after(r"\s,，。;；:：、(（\"“@>", sorted(folded_words("cues.yaml", "owner_markers")), read=1)   # 由, 请, 授权…
    return startcache.compile_regex(_name_then_doer(start))


@lru_cache(maxsize=1)
def name_after_post_finder() -> re.Pattern:
    """The same, right after a post written before the name (店长葛新写…, 安全员苗青在…). The post is
    matched, not looked behind for: re skips to a post's first characters by itself, where a lookbehind
    of some eighty words would be tried at every character."""
    posts = "|".join(re.escape(w) for w in sorted(_posts_before_names(), key=lambda w: (-len(w), w)))
    return startcache.compile_regex(f"(?:{posts})" + _name_then_doer())


def _name_then_doer(after_first: str = "") -> str:
    """A surname and one or two characters (the name, group 1), then what a doer does.
    ``after_first``: an assertion asked once the surname's first character is read."""
    follow = "|".join(re.escape(c) for c in sorted(doer_cues() | time_openers(), key=lambda c: (-len(c), c)))
    return rf"({_surname(after_first)}[\u4e00-\u9fff]{{1,2}}?)(?=\s*(?:{_after_name()})?\s*(?:{follow}|[:：、0-9])|(?:{_ranks()})[\u4e00-\u9fff])"


def _surname(after_first: str) -> str:
    """A compound surname (欧阳, tried first) or a single one; with ``after_first``, the first character
    is read as one set of characters, the assertion asked, then the compound's rest read and the
    whole looked behind for (re passes over an alternative that starts with another character at
    one comparison, where a lookbehind first would be asked of each)."""
    single = "".join(sorted(s for s in surnames() if len(s) == 1))
    compound = sorted(s for s in surnames() if len(s) > 1)
    if not after_first:
        return f"(?:{'|'.join([*compound, f'[{single}]'])})"
    firsts = "".join(sorted({s[0] for s in surnames()}))
    rests = [f"{s[1:]}(?<={s})" for s in compound]
    return f"[{firsts}]{after_first}(?:{'|'.join([*rests, f'(?<=[{single}])'])})"


@lru_cache(maxsize=1)
def _ranks() -> str:
    """Ranks and posts of two or more characters: glued after a surname and a given name, they
    say it is a name whatever work follows (卓秀梅护士长安排…)."""
    return _longest_first(w for w in words("parties.yaml", "titles") if len(w) >= 2)


@lru_cache(maxsize=1)
def titles_after_names() -> frozenset[str]:
    """What may stand between a name and what the person does: a courtesy or a rank of two or
    more characters (柴志明同志负责…, 卓秀梅护士长安排…, 赵敏教授牵头…), folded."""
    return frozenset(w for w in folded_words("parties.yaml", "courtesy_titles") | folded_words("parties.yaml", "titles")
                     if len(w) >= 2)


@lru_cache(maxsize=1)
def _after_name() -> str:
    return _longest_first(titles_after_names())


def surname_and_title(word: str) -> Optional[str]:
    """甘教授, 欧阳经理, 戚老师 (folded): a surname and a title, no given name between them — the
    surname, else None."""
    titles, names = folded_words("parties.yaml", "titles"), surnames()
    return next((word[:n] for n in (2, 1) if word[:n] in names and word[n:] in titles), None)


@lru_cache(maxsize=1)
def title_after_name() -> re.Pattern:
    """A courtesy or rank right after a name (柴志明同志, 卓秀梅 护士长): it goes with the name."""
    return re.compile(rf"\s?(?:{_after_name()})")


def _longest_first(words_: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words_), key=lambda w: (-len(w), w)))


def _posts_before_names() -> list[str]:
    """Posts written straight before a name at a clause start (店长葛新写…, 安全员苗青在…): the name
    starts after them."""
    titles = [w for w in words("parties.yaml", "titles") if len(w) >= 2]
    return sorted({fold_word(w) for w in (*titles, *words("parties.yaml", "leading_titles"),
                                          *words("parties.yaml", "post_suffixes"))})


@lru_cache(maxsize=1)
def doer_cues() -> frozenset[str]:
    """Words that follow a doer: 负责, 协助, 将, 于, 尽快… (folded)."""
    keys = ("owner_verbs", "helper_verbs", "doer_links", "directives", "short_work_verbs")
    return frozenset().union(*(folded_words("cues.yaml", k) for k in keys), folded_words("lint.yaml", "vague-time", "phrases"))


@lru_cache(maxsize=1)
def time_openers() -> frozenset[str]:
    """Words a time phrase starts with (周三, 星期五, 明天, 下月, 下次例会前, 每晚): a doer is often followed by when."""
    data = load_yaml("deadlines.yaml")
    words = set(data.get("weekday_stems") or []) | set(data.get("next_meeting_prefixes") or []) | set(recurring_times())
    for key in ("relative_days", "month_shift"):
        for forms in (data.get(key) or {}).values():
            words.update(w for w in forms if not w.isascii())
    stems = [w for forms in (data.get("relative_day_stems") or {}).values() for w in forms]
    parts = [w for forms in (data.get("dayparts") or {}).values() for w in forms if not w.isascii() and len(w) == 1]
    words.update(stem + part for stem in stems for part in parts)          # 明早, 今晚
    return frozenset(fold_word(w) for w in words)


@lru_cache(maxsize=1)
def recurring_times() -> tuple[str, ...]:
    """每晚, 每周, 每天, 每月…: a recurring word (deadlines.yaml recurring) with a unit or a part of the day, folded."""
    data = load_yaml("deadlines.yaml")
    heads = [fold_word(w) for w in data.get("recurring") or []]
    tails = [fold_word(w) for key in ("dayparts", "duration_units") for forms in (data.get(key) or {}).values()
             for w in forms if not w.isascii()]
    tails += [w[1:] for w in tails if w.startswith("个")]            # 每月 as well as 每个月
    return tuple(sorted({h + t for h in heads for t in tails}, key=len, reverse=True))


def plausible_name(word: str) -> bool:
    """Not a word the segmenter knows as common (单位, 施工), nor one starting with one (方案发…),
    nor a weekday (周四前出方案: 周 is a surname too)."""
    limit = name_guess_limit()
    compound = word.startswith(compound_surnames())
    return word_frequency(word) < limit and (compound or len(word) < 3 or word_frequency(word[:2]) < limit) \
        and not _weekday_start().match(word)


@lru_cache(maxsize=1)
def _weekday_start() -> re.Pattern:
    data = load_yaml("deadlines.yaml")
    stems = [fold_word(w) for w in data.get("weekday_stems") or []]
    days = [fold_word(w) for forms in (data.get("weekdays") or {}).values() for w in forms if not w.isascii() or w.isdigit()]
    return re.compile(f"(?:{'|'.join(map(re.escape, stems))})(?:{'|'.join(map(re.escape, days))})")


def find_names(folded: str):
    """Spans of unlisted names by shape (name_finder), keeping the plausible ones."""
    spans = {m.span(1) for m in name_finder().finditer(folded)}
    spans |= {m.span(1) for m in name_after_post_finder().finditer(folded)           # (戚老师和倪老师: 老师 is 戚's title,
              if not (m.start() and surname_and_title(folded[m.start() - 1:m.start(1)]) is not None)}   # no post before 和倪)
    for start, end in sorted(spans):
        if plausible_name(folded[start:end]):
            yield start, end


def find_departments(folded: str):
    """Spans of departments by shape (department_finder), looked for only on the lines that hold
    a department suffix (most lines hold none; no department crosses a line)."""
    finder, suffixes = department_finder(), _suffix_finder()
    position = 0
    while (suffix := suffixes.search(folded, position)) is not None:
        line_start = folded.rfind("\n", 0, suffix.start()) + 1
        line_end = folded.find("\n", suffix.end())
        line_end = len(folded) if line_end < 0 else line_end
        for m in finder.finditer(folded[line_start:line_end]):
            yield line_start + m.start(1), line_start + m.end(1)
        position = line_end + 1


@lru_cache(maxsize=1)
def _suffix_finder() -> re.Pattern:
    return trie_regex(sorted({fold_word(s) for s in words("parties.yaml", "department_suffixes")}), startcache.compile_regex)


@lru_cache(maxsize=1)
def department_prefixes() -> frozenset[str]:
    return frozenset(fold_word(w) for w in words("parties.yaml", "department_prefixes"))


@lru_cache(maxsize=1)
def name_guess_limit() -> int:
    value = load_yaml("parties.yaml").get("name_guess_max_word_frequency")
    if not isinstance(value, int) or value < 0:
        raise RuleFileError("规则文件 'parties.yaml' 中 name_guess_max_word_frequency 应为非负整数")
    return value


@lru_cache(maxsize=1)
def place_endings() -> tuple[str, ...]:
    return tuple(fold_word(w) for w in words("parties.yaml", "place_endings"))


@lru_cache(maxsize=1)
def not_departments() -> frozenset[str]:
    return frozenset(fold_word(w) for w in words("parties.yaml", "not_departments"))


@lru_cache(maxsize=1)
def compound_surnames() -> tuple[str, ...]:
    """Surnames of two characters or more (欧阳, 司马), longest first."""
    return tuple(sorted((s for s in surnames() if len(s) > 1), key=lambda s: (-len(s), s)))


@lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    """Posts written between a department and a name (工程部经理薛晨)."""
    return frozenset(words("parties.yaml", "role_words"))


@lru_cache(maxsize=1)
def surnames_longest_first() -> tuple[str, ...]:
    return tuple(sorted(surnames(), key=lambda s: (-len(s), s)))


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return frozenset(chars("parties.yaml", "surnames")) | frozenset(words("parties.yaml", "compound_surnames"))
