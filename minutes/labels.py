"""One way to read a label: a line's ``负责人：``, a form's label cell, a table header, a heading.

    field_of(text, *groups) -> LabelMatch | None     what field a label names
    role_of_heading(text)    -> str | None           what a section heading says its lines are

A label is read the way people write and read them (nlp_models/fields.yaml):

1. as listed, after folding script and width, dropping the spaces that line up
   short labels (时　间), a trailing colon, asterisks, and a bracketed note
   (负责人（部门/姓名） is 负责人);
2. bilingual, ``Host 会议主持人``: its Han part, then its Latin part;
3. by its head word: Chinese compounds end in what they are, so 复盘会议时间 is a
   时间 and 牵头单位 a 单位; a modifier in front may make it another field
   (实际完成时间 reports progress, 配合部门 helps, 下次会议时间 is the next meeting);
4. English plurals (Items, Owners).

Headings are phrases rather than labels: after the same cascade over the content
labels, the first section rule whose keyword the heading contains decides
(nlp_models/sections.yaml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .errors import RuleFileError
from .resources import check_word_lists, load_yaml
from .textnorm import fold_word

GROUPS = ("meeting", "content", "record")
MAX_MODIFIER = 6          # chars a head word may carry in front of it (复盘会议 + 时间)
MAX_LABEL = 16            # a longer text is a sentence, not a label

_NOTE = re.compile(r"(?<!\s)\s*+[(（\[【][^()（）\[\]【】]*[)）\]】]\s*$")
_EDGE = " :：*#_~=\t-【】[]"
_SYMBOLS = re.compile(r"^[^\w\u4e00-\u9fff(（\[【]+|[^\w\u4e00-\u9fff)）\]】]+$")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_HAN_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_PARTS = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff/、()（）]*|[a-z][a-z0-9 ./&'_-]*[a-z0-9]|[a-z]")
_PAIR = re.compile(r"(?<!\s)\s*+(?:/|、|及|和|与|或|&)\s*")     # (?<!\s): one try per run of spaces
_PAIR_WORD = re.compile(r"[/、及和与或&]")                          # what every _PAIR holds
_SPACES = re.compile(r"\s+")
_SPACE = re.compile(r"\s")
_UPPER = re.compile(r"[A-Z]")
_OPENING = ("(", "（", "[", "【")
_CLOSING = (")", "）", "]", "】")
_LATIN_WORDS = re.compile(r"[a-z ]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[a-z]")
_LATIN_MODIFIER = re.compile(r"(?:[a-z]+ ?){0,3}")
_HAN_MODIFIER = re.compile(rf"[\u4e00-\u9fff]{{0,{MAX_MODIFIER}}}")
_CONTENT_ROLES = {"decision": "decisions", "rationale": "rationale", "action": "actions",
                  "risk": "risks", "question": "questions"}


@dataclass(frozen=True)
class LabelMatch:
    field: str           # canonical field, e.g. "owner", "deadline", "date"
    group: str           # meeting | content | record
    how: str             # listed | bilingual | head | plural: how the label was recognised
    words: str           # the label as recognised (folded)


# --------------------------------------------------------------------------- #
# Rule data
# --------------------------------------------------------------------------- #
@lru_cache(maxsize=1)
def _rules() -> dict:
    data = load_yaml("fields.yaml")
    for key in ("labels", "heads", "modifiers"):
        if not isinstance(data.get(key), dict):
            raise RuleFileError(f"规则文件 'fields.yaml' 缺少 '{key}' 映射")
        check_word_lists("fields.yaml", data[key], f" > {key}")
    return data


@lru_cache(maxsize=1)
def listed() -> dict[str, dict[str, str]]:
    """group → {normalised label → field}."""
    return {group: {normalise(label): name for name, labels in fields.items() for label in labels}
            for group, fields in _rules()["labels"].items()}


@lru_cache(maxsize=1)
def _heads() -> dict[str, list[tuple[str, str]]]:
    """group → [(head word, field)], longest first."""
    return {group: sorted(((normalise(w), name) for name, words in fields.items() for w in words),
                          key=lambda hw: -len(hw[0]))
            for group, fields in _rules()["heads"].items()}


@lru_cache(maxsize=1)
def _modifiers() -> dict[str, list[tuple[str, str]]]:
    return {group: [(normalise(w), name) for name, words in fields.items() for w in words]
            for group, fields in _rules()["modifiers"].items()}


@lru_cache(maxsize=1)
def _section_rules() -> list[tuple[str, re.Pattern]]:
    """(role, a pattern finding any of its keywords), in the file's order."""
    rules = load_yaml("sections.yaml")
    if not isinstance(rules, list) or not all(isinstance(r, dict) and {"role", "keywords"} <= r.keys() for r in rules):
        raise RuleFileError("规则文件 'sections.yaml' 应为 {role, keywords} 条目的列表")
    return [(rule["role"], re.compile("|".join(re.escape(normalise(k)) for k in rule["keywords"])))
            for rule in rules if rule["keywords"]]


# --------------------------------------------------------------------------- #
# Matching
# --------------------------------------------------------------------------- #
# A label (参会人员, 负责人, Owner) is a word of the vocabulary: remembered across documents like
# any word. Longer text (a line, a cell) is worked out afresh for each document.
_REMEMBERED_CHARS = 16


def normalise(text: str) -> str:
    """The matching form of a label: folded, lower-case, no note, no edge marks, no gaps between Han."""
    return _normalise_label(text) if len(text) <= _REMEMBERED_CHARS else _normalise(text)


def field_of(text: str, *groups: str) -> Optional[LabelMatch]:
    """The field a label names, trying the groups in order at each step of the cascade."""
    return _field_of_label(text, *groups) if len(text) <= _REMEMBERED_CHARS else _field_of(text, *groups)


def _normalise(text: str) -> str:
    # Each step is taken only where its mark is there to find (an upper-case letter, a closing
    # bracket at the end, a space, a symbol at an edge): most labels need none of them.
    key = fold_word(_CAMEL.sub(" ", text) if _UPPER.search(text) else text).strip(_EDGE)
    if key.rstrip().endswith(_CLOSING):
        key = _NOTE.sub("", key).strip(_EDGE) or key
    if _SPACE.search(key):
        key = _HAN_GAP.sub("", key)
    if not _word_edge(key[:1], _OPENING) or not _word_edge(key[-1:], _CLOSING):
        key = _SYMBOLS.sub("", key) or key               # 👤参会人, ℹ️会议信息, ✅ 决议
    return _SPACES.sub(" ", key)


def _word_edge(char: str, brackets: tuple[str, ...]) -> bool:
    """A character _SYMBOLS keeps at that edge: a word character (\\w, Han among them) or a bracket."""
    return char.isalnum() or char == "_" or char in brackets


def _field_of(text: str, *groups: str) -> Optional[LabelMatch]:
    key = normalise(text)
    if not key or len(key) > MAX_LABEL * 2:
        return None
    groups = groups or GROUPS
    parts = _bilingual_parts(key)
    steps = [("listed", key), *(("bilingual", p) for p in parts[:1])]
    if key.endswith("s") and _LATIN_WORDS.fullmatch(key):
        steps.append(("plural", key[:-1]))
    for how, words in steps:
        for group in groups:
            table = listed().get(group, {})
            name = table.get(words) or table.get(words.replace(" ", ""))
            if name:
                return LabelMatch(name, group, how, words)
    for words in [w for w in (key, *parts[:1]) if len(w) <= MAX_LABEL]:
        for group in groups:
            found = _by_head(words, group)
            if found and not _words_before_a_gap(text, found):
                return found
    return _first_of_pair(key, groups)


_WORD_THEN_GAP = re.compile(r"[\u4e00-\u9fff]{2}\s+([\u4e00-\u9fff]+)\s*[:：]?\s*$")


def _words_before_a_gap(text: str, found: LabelMatch) -> bool:
    """``清点库存 负责人``: words, a space, then the head word are a line's text and then its label,
    not one compound label (a label spaced out to line up, 时　间, has one character per run)."""
    m = _WORD_THEN_GAP.search(fold_word(text))
    return m is not None and found.words.endswith(m.group(1)) and len(m.group(1)) < len(found.words)


_normalise_label = lru_cache(maxsize=1 << 14)(_normalise)
_field_of_label = lru_cache(maxsize=4096)(_field_of)


def _first_of_pair(key: str, groups: tuple[str, ...]) -> Optional[LabelMatch]:
    """``地点/线上``, ``时间及方式``: a label paired with a gloss is read by its first part."""
    if not _PAIR_WORD.search(key):
        return None
    parts = [p for p in _PAIR.split(key) if p.strip()]
    if len(parts) != 2:
        return None
    match = field_of(parts[0], *groups)
    return LabelMatch(match.field, match.group, "paired", key) if match else None


def _bilingual_parts(key: str) -> list[str]:
    """``host 会议主持人`` → [会议主持人, host]: one Han and one Latin part, nothing else.
    Only the Han part is read (``TODO 小林`` is no label): the Latin one often only glosses it."""
    if not _LATIN.search(key):
        return []                   # (most labels: Han alone)
    parts = [p.strip() for p in _PARTS.findall(key)]
    han = [p for p in parts if _HAN.match(p)]
    if len(parts) != 2 or len(han) != 1 or len("".join(parts)) < len(key.replace(" ", "")) - 1:
        return []
    return han + [p for p in parts if p not in han]


def _by_head(words: str, group: str) -> Optional[LabelMatch]:
    for head, name in _heads().get(group, ()):
        front = words[:-len(head)] if words.endswith(head) else None
        if front is not None and _modifier_shaped(front, head):
            for modifier, other in _modifiers().get(group, ()):
                if modifier in front:
                    name = other
                    break
            return LabelMatch(name, group, "head", words) if name != "none" else None
    return None


def _modifier_shaped(front: str, head: str) -> bool:
    """A head word's modifier is a few Han characters before a Han head, a few words before a Latin one."""
    if _LATIN.match(head):
        return bool(_LATIN_MODIFIER.fullmatch(front))
    return bool(_HAN_MODIFIER.fullmatch(front))


def _pair_of_two_roles(key: str) -> bool:
    """A paired heading whose second part names a section of another kind (问题与措施: questions,
    then actions) holds both: each line says which it is."""
    parts = [p for p in _PAIR.split(key) if p.strip()]
    if len(parts) != 2 or min(len(p.strip()) for p in parts) < 2 or max(len(p.strip()) for p in parts) > _PAIRED_PART:
        return False                # 參、決議: a numbering; 回顾近期的 issue 和 discussions: one phrase
    first, second = (role_of_heading(p) for p in parts)
    return first is not None and second is not None and second != first


def _deliberation_outcome(key: str) -> bool:
    """讨论结果 / 会议研究决定: what a deliberation came to is its decisions (a heading pairing the
    talk with its outcome, 讨论及结论, is `_pair_of_two_roles`'s). A form's 讨论结果 cell stays a
    summary to look for decisions in: only headings come here."""
    head = next((h for h, name in _heads()["content"] if name == "decision" and key.endswith(h)), None)
    return head is not None and _deliberation_verbs().search(key[:-len(head)]) is not None


_PAIRED_PART = 8            # chars: each part of a paired heading is a label (存在问题, 整改措施)


@lru_cache(maxsize=1)
def _deliberation_verbs() -> re.Pattern:
    from .lexicon import alternation, words
    return re.compile(alternation(words("cues.yaml", "deliberation_verbs")))


def role_of_heading(text: str) -> Optional[str]:
    """What a heading says its section holds (actions, decisions, status, info, …), or None."""
    match = field_of(text, "content")
    key = normalise(text)
    if _PAIR.search(key) and _pair_of_two_roles(key):
        return None                 # 问题与措施, 讨论及结论: the talk or the problems, and what came of them
    if match and match.field in _CONTENT_ROLES and match.how != "head":
        return _CONTENT_ROLES[match.field]
    if match and match.field == "result" and _deliberation_outcome(key):
        return "decisions"
    for role, keyword in _section_rules():
        if keyword.search(key):
            return role
    if match and match.field in _CONTENT_ROLES:
        return _CONTENT_ROLES[match.field]
    meeting = field_of(text, "meeting")
    if meeting and meeting.field in ("attendees", "absent") and meeting.how != "head":      # ## 参会人 / ## Attendees
        return "attendees"
    if meeting and meeting.field == "agenda":                     # ## 议程: topics to talk about, no work
        return "agenda"
    return None
