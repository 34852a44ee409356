"""Parties: people and departments, as written in attendee lists and owner fields.

`parse_parties(text)` reads lists such as ``客服部 何静、客服部 马骁``,
``周建国（产品部）、赵磊（研发部）``, ``采购部：王立群、邓佳；IT部：冯工``,
``Kevin 王凯(PM), Amy 刘思雨(PM)`` or ``汤敏（贺芳协助）``. The `Gazetteer`
collects a document's people with their departments; the tokenizer keeps their
names whole and the extractor looks owners up in it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, NamedTuple, Optional

from . import lexicon
from .labels import field_of
from .textnorm import fold, fold_word, folding_to, matching_table, once_per_document, trie_regex

_GROUP_SEP = re.compile(r"[;；\n]")
_ITEM_SEP = re.compile(r"[、,，/]|(?<!\s)\s++(?:和|与|及|and)\s+|(?<=[^\s@])(?=@[^\s@])")
_SEPARATOR_OR_SPACE = re.compile(r"[、,，/@\s]")     # where _ITEM_SEP or _space_items may cut a group
_BRACKET = re.compile(r"[(（]([^()（）]*)[)）]\s*$")
_NOT_A_NAME = re.compile(r"\d|以及|等人|等|共\d*|全体|人员$|负责人$|成员|同学|同事|无$|^无|待定|另定|tbd|未定|其他", re.I)
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_HAN_START = re.compile(r"[\u4e00-\u9fff]")
_LABELLED_GROUP = re.compile(r"^([^:：]{1,12})[:：]\s*(.*)$")         # 采购部：王立群、邓佳
_LATIN_WORDS = re.compile(r"[A-Za-z][A-Za-z.' -]*")
_ACRONYM = re.compile(r"[A-Z]{2,5}\d?")
_CAPITALISED = re.compile(r"[A-Z][A-Za-z.'-]*")
_FIRST_WORD = re.compile(r"^(\S+?)\s+(\S.*)$")
_CONTACT_LABEL = re.compile(r"^[^:：]{1,6}[:：]\s*")
_HELPING = re.compile(r"协助|配合|协办|support", re.I)
_LATIN = re.compile(r"^[A-Za-z][A-Za-z.'-]*(?:\s+[A-Za-z][A-Za-z.'-]*)*$")
_LATIN_THEN_CJK = re.compile(r"^[A-Za-z][A-Za-z.'-]*\s+[\u4e00-\u9fff]{2,4}$")
_LATIN_THEN_SURNAME = re.compile(r"^[A-Za-z][A-Za-z.'-]*\s+([\u4e00-\u9fff])$")
_UNDETERMINED_FORMS = ("待定", "另定", "未定", "暂定", "tbd", "tba", "待确认", "待安排", "无", "—+", "-+", "/", "n/?a")
UNDETERMINED = re.compile(rf"^(?:{'|'.join(_UNDETERMINED_FORMS)})$", re.I)     # matched on folded text


@dataclass
class Party:
    name: str                        # as written: 夏律师, Kevin 王凯, 研发部
    kind: str                        # person | department | vague | undetermined
    department: Optional[str] = None
    note: Optional[str] = None       # bracketed words that are not a department: 主持, 记录, PM
    helper: bool = False             # written as a helper inside the field: 汤敏（贺芳协助）


@lru_cache(maxsize=1 << 16)     # a pure test of the word, asked for the same words again and again
def is_department(word: str) -> bool:
    folded = fold_word(word.strip())
    if not folded or folded in lexicon.not_departments() or folded.endswith(lexicon.place_endings()):
        return False
    if folded in lexicon.folded_words("parties.yaml", "department_short"):
        return True
    m = lexicon.department_pattern().fullmatch(folded)
    return bool(m)


@lru_cache(maxsize=1 << 16)
def is_vague_party(word: str) -> bool:
    folded = fold_word(word.strip())
    return folded in lexicon.folded_words("parties.yaml", "vague_parties") or _each_of_a_kind(folded)


def _each_of_a_kind(folded: str) -> bool:
    """各病区护士长, 每个班组: "each X" as a party, for any X of a few Han characters."""
    opener = next((o for o in _vague_openers() if folded.startswith(o)), None)
    if opener is None:
        return False
    rest = folded[len(opener):]
    return 1 <= len(rest) <= _EACH_MAX and bool(_CJK.match(rest)) \
        and not rest.startswith(tuple(lexicon.folded_words("parties.yaml", "not_party_after_opener")))


_EACH_MAX = 8


@lru_cache(maxsize=1)
def _vague_openers() -> tuple[str, ...]:
    return tuple(sorted(lexicon.folded_words("parties.yaml", "vague_party_openers"), key=len, reverse=True))


@lru_cache(maxsize=1 << 16)
def looks_like_person(word: str) -> bool:
    """A plausible written name: 2–4 Han chars, a titled surname (王总), or a Latin name."""
    word = word.strip()
    if not word or _NOT_A_NAME.search(word) or is_department(word) or is_vague_party(word):
        return False
    if _CJK.match(word):
        return 2 <= len(word) <= 4 or _titled(word) or _kin_of_a_name(word)
    if m := _LATIN_THEN_SURNAME.match(word):
        return m.group(1) in lexicon.surnames()            # Vivian 周, Hank 许
    return bool(_LATIN.match(word) and len(word) <= 24) or bool(_LATIN_THEN_CJK.match(word))


@lru_cache(maxsize=1)
def _weekday_words() -> frozenset[str]:
    """English weekday names (deadlines.yaml): capitalised, and still no names (by Friday 14 March)."""
    forms = (lexicon.load_yaml("deadlines.yaml").get("weekdays") or {}).values()
    return frozenset(w.lower() for ws in forms for w in ws if w.isascii() and w.isalpha() and len(w) > 2)


def _kin_of_a_name(word: str) -> bool:
    """孟亦凡妈妈, 郎子轩爸爸: a person named by their tie to a named person."""
    folded = fold(word)
    if folded[-1:] not in _kinship_last():
        return False                                # most words end in no kinship word
    kin = next((k for k in _kinship_words() if folded.endswith(k)), None)
    return kin is not None and len(word) > len(kin) and name_shaped(word[:-len(kin)])


@lru_cache(maxsize=1)
def _kinship_last() -> frozenset[str]:
    return frozenset(k[-1] for k in _kinship_words())


@lru_cache(maxsize=1)
def _kinship_words() -> tuple[str, ...]:
    return tuple(sorted(lexicon.folded_words("parties.yaml", "kinship_words"), key=len, reverse=True))


@lru_cache(maxsize=1 << 16)
def name_shaped(word: str) -> bool:
    """Stricter than `looks_like_person`: the shape a name takes when nothing else says it is one —
    a surname and one to three characters that are no common word (祁峰, 欧阳瑶), a titled
    surname (王总, 小李), or a Latin name; 电子签章 is four Han characters but no name. 趙建國 is
    judged as 赵建国."""
    word = fold(word.strip().lstrip("@"))
    if not looks_like_person(word):
        return False
    if not _CJK.match(word):
        return not _ACRONYM.fullmatch(word) and word.lower() not in _weekday_words()   # ETA, TBD, Friday: no names
    if _titled(word) or (word[0] in lexicon.words("parties.yaml", "name_prefixes") and word[1:] in lexicon.surnames()):
        return True                                 # 小霍, 老欧阳 (小霍出 is 小霍 and a verb)
    if len(word) > 4 and _kin_of_a_name(word):
        return True                                 # 孟亦凡妈妈
    surname = next((s for s in lexicon.surnames_longest_first() if word.startswith(s)), None)
    return surname is not None and 1 <= len(word) - len(surname) <= 2 and lexicon.plausible_name(word)


def could_name_a_person(words: str) -> bool:
    """Whether a name-shaped person can be read in the words at all: they hold a letter of a script
    other than Han (Marcus, Иван) or a character every Han name needs one of (a surname's first,
    小/老/阿, a title's last). Most slot pieces (dates, 待定, 紧急, 进行中) hold none and need not be
    parsed for one."""
    folded = fold(words)
    return not _name_characters().isdisjoint(folded) or bool(_OTHER_LETTER.search(folded))


@lru_cache(maxsize=1)
def _name_characters() -> frozenset[str]:
    return frozenset(s[0] for s in lexicon.surnames()) | frozenset("".join(lexicon.words("parties.yaml", "name_prefixes"))) \
        | frozenset(_titles_by_last())


_OTHER_LETTER = re.compile(r"[^\W\d_\u3400-\u9fff\uf900-\ufaff]")     # a letter, not a Han character


def _titled(word: str) -> bool:
    return any(1 <= len(word) - len(t) <= 2 for t in _titles_ending(word))


def _titles_ending(word: str) -> list[str]:
    """The titles the word ends with, longest first (asked of nearly every word: looked up by last character)."""
    return [t for t in _titles_by_last().get(word[-1:], ()) if word.endswith(t)]


@lru_cache(maxsize=1)
def _title_closers() -> frozenset[str]:
    """The characters, as written, that fold to the last character of a title."""
    return frozenset(folding_to("".join(_titles_by_last())))


@lru_cache(maxsize=1)
def _titles_by_last() -> dict[str, tuple[str, ...]]:
    return _by_character(_titles(), -1)


def _by_character(words: Iterable[str], at: int) -> dict[str, tuple[str, ...]]:
    """The words grouped by their character at `at` (0: the first, -1: the last), in the order given."""
    grouped: dict[str, list[str]] = {}
    for word in words:
        grouped.setdefault(word[at], []).append(word)
    return {char: tuple(group) for char, group in grouped.items()}


def parse_parties(text: str) -> list[Party]:
    """Every party in a list field, in order, with departments applied to their people.

    While one document is read (textnorm.one_document) the same words are parsed once: an
    owner cell, the slot it sits in and the owner field read from it, or an attendee line read
    for the meeting and again for the document, hold the same names."""
    return [Party(**vars(p)) for p in parties_as_read(text)]      # copies: a reader may set a party's department


def parties_as_read(text: str) -> list[Party]:
    """`parse_parties` for a reader that only looks: the parties as first read in this document,
    shared, not copied (a reader that changes one must ask `parse_parties`)."""
    return once_per_document("parties", text, _parse_parties)


def _parse_parties(text: str) -> list[Party]:
    if ";" not in text and "；" not in text and "\n" not in text:
        return _parse_group(text.strip())                # one group (most texts: an owner, a slot)
    parties: list[Party] = []
    for group in _GROUP_SEP.split(text):
        parties.extend(_parse_group(group.strip()))      # (each group keeps only named parties)
    return parties


def _parse_group(group: str) -> list[Party]:
    """One ；-separated group: ``采购部：王立群、邓佳`` or ``范志强、黎明（销售部）``."""
    if not group:
        return []
    department = None
    m = _LABELLED_GROUP.match(group) if ":" in group or "：" in group else None
    if m and is_department(m.group(1)):
        department, group = m.group(1).strip(), m.group(2)
    elif m and _names_a_side(m.group(1)):
        group = m.group(2)                          # 甲方：冼伟、房晓 / 业主单位：…: the side's people
    if not _SEPARATOR_OR_SPACE.search(group):      # one entry: nothing to split it at (most groups)
        entry = _courtesy_dropped(group)
        party = _parse_item(entry, department) if entry else None
        return [party] if party is not None and party.name else []
    split = _entries_outside_brackets(group)
    items = [i.strip() for i in (split if len(split) > 1 else _space_items(group))]
    parties = []
    for item in items:
        if item:
            party = _parse_item(item, department)
            parties.append(party)
            if party.kind == "person" and (words := _two_words(item)) and is_department(words[0]):
                department = words[0]                     # 财务部 孔德明、严倩、华磊: 严倩 and 华磊 too
    if len(parties) > 1:
        _share_trailing_department(parties)
    return _department_over_person(group, [p for p in parties if p.name])


def _entries_outside_brackets(group: str) -> list[str]:
    """``郜敏（药剂科，列席）、汤若曦``: the group cut at the separators between entries, not at those
    inside a bracket."""
    if "(" not in group and "（" not in group or _PLAIN_BRACKETS.fullmatch(group):
        return _ITEM_SEP.split(group)      # (no bracket holds a separator: 周建国（产品部）、赵磊（研发部）)
    pieces, start, depth, last = [], 0, 0, 0
    for m in _ITEM_SEP.finditer(group):
        depth += _depth_change(group[last:m.start()])
        last = m.start()
        if depth <= 0:
            pieces.append(group[start:m.start()])
            start = m.end()
    return [*pieces, group[start:]]


# A group whose brackets are single pairs holding none of the characters an _ITEM_SEP match starts at.
_PLAIN_BRACKETS = re.compile(r"(?:[^()（）]|[(（][^()（）、,，/@\s]*[)）])*")


def _depth_change(text: str) -> int:
    return text.count("(") + text.count("（") - text.count(")") - text.count("）")


def _department_over_person(group: str, parties: list[Party]) -> list[Party]:
    """``客服中心/郦敏``: a department and one of its people, written as one entry."""
    if len(parties) == 2 and group.count("/") == 1 and parties[0].kind == "department" \
            and parties[1].kind == "person" and not parties[1].department:
        parties[1].department = parties[0].name
        return [parties[1]]
    return parties


def _space_items(group: str) -> list[str]:
    """Split on spaces, keeping ``Kevin 王凯`` and ``客服部 何静`` together."""
    words = [_courtesy_dropped(word) for word in group.split()]     # Kenneth Chan先生 is Kenneth Chan
    items: list[str] = []
    for word in words:
        latin = _LATIN_WORDS.fullmatch(items[-1]) if items else None
        if items and (latin or is_department(items[-1]) or is_post(items[-1]) or _post_before(items[-1], word)
                      or _post_after(items[-1], word)) \
                and _HAN_START.match(word) \
                or (latin or items and is_post(items[-1])) and _CAPITALISED.fullmatch(word):   # Kevin 王凯, 总经理 芮国栋
            items[-1] += " " + word
        elif items and _LONE_HAN.match(items[-1]) and _LONE_HAN.match(word):
            items[-1] += word                     # 仲　伟: a two-character name padded to the width of three
        else:
            items.append(word)
    return items


_LONE_HAN = re.compile(r"^[\u4e00-\u9fff]$")
_PADDED_NAME = re.compile(r"^[\u4e00-\u9fff]\s++[\u4e00-\u9fff]$")


@lru_cache(maxsize=1 << 12)
def is_post(word: str) -> bool:
    """总经理, 委员会主任, 年级干事: a post written before a name, not a titled surname (王主任)."""
    folded = fold(word.strip())
    if folded in _posts()[0] or _office_title(folded):
        return True
    front = next((folded[:-len(t)] for t in lexicon.words("parties.yaml", "titles") if folded.endswith(t)), "")
    return len(front) >= 2 and front not in lexicon.surnames() and not name_shaped(front)     # 年级干事


def _parse_item(item: str, department: Optional[str]) -> Party:
    note = None
    helper = False
    m = _BRACKET.search(item) if ")" in item or "）" in item else None
    if m:
        inside, item = m.group(1).strip(), item[:m.start()].strip()
        if is_department(item) and name_shaped(contact := _contact(inside)) and not _office_title(contact):
            return _parse_item(contact, item)                        # 信息部（杭旭）: 杭旭 of 信息部
        if _full_name_of(item, inside):
            return _parse_item(inside, department)                  # 郝书记（郝建军）: the full name
        if is_department(inside):
            department = inside
        elif _HELPING.search(inside):
            note = inside                                  # 汤敏（贺芳协助）: 汤敏 owns, 贺芳 helps
        else:
            note, department = _note_and_department(inside, department)
    if item[1:2].isspace() and _PADDED_NAME.match(item):
        item = "".join(item.split())                     # 呂　燕: a two-character name padded to three
    item = _courtesy_dropped(item)                       # 主席 鄧家明先生: the post, then the name
    words = _two_words(item)
    if words and (ranked := name_before_title(words[1])):
        words, note = (words[0], ranked[0]), note or ranked[1]     # 班主任 尚文静老师
    if words and is_department(words[0]):
        department, item = words
    elif words and (is_post(words[0]) and looks_like_person(words[1]) or _unit_before(*words)):
        note, item = note or words[0], words[1]    # 总经理 芮国栋, 质检 卢涛, 村主任 贝春生: the person; the word before, a note
    elif words and _post_after(*words):
        note, item = note or words[1], words[0]    # 欧阳明 主任医师, 龚佳慧 住院医师: the person; the rank, a note
    elif glued := _department_then_name(item):
        department, item = glued
    elif standing := _post_then_name(item):
        note, item = note or standing[0], standing[1]   # 博士生谷雨晴, 班主任尚文静: the person
    item = _without_courtesy(item.strip(" :：@*"))
    if ranked := name_before_title(item):
        item, note = ranked[0], note or ranked[1]  # 赵敏教授, 卓秀梅护士长: the name as the other lists write it
    if not item:
        return Party(name="", kind="person")
    if item[0] in _undetermined_openers() and UNDETERMINED.match(fold(item)):
        return Party(name=item, kind="undetermined")
    if is_vague_party(item):
        return Party(name=item, kind="vague")
    if is_department(item):
        return Party(name=item, kind="department", department=item)
    if not looks_like_person(item):
        return Party(name="", kind="person")
    return Party(name=item, kind="person", department=department, note=note, helper=helper)


def _post_then_name(item: str) -> Optional[tuple[str, str]]:
    """``博士生谷雨晴``: a post or standing glued before a full name in a list entry."""
    if item[:1] in _leading_title_openers():        # (most entries: no leading title opens them, folded or not)
        folded = fold(item)
        for post in _leading_titles().get(folded[:1], ()):
            if folded.startswith(post) and len(folded) > len(post):
                rest = item[len(post):].strip()
                if name_shaped(rest) and not _titled(fold(rest)):
                    return item[:len(post)], rest
    for length in (3, 2):            # 区域经理付强, 品控专员邱敏, 店长谢婷婷: a post with its own modifier
        post, name = item[:-length], item[-length:]
        if len(post) >= 2 and _ends_in_a_post_word(fold(post)) and _post_before(post, name, glued=True):
            return post, name
    return None


def _ends_in_a_post_word(folded: str) -> bool:
    """区域经理, 品控专员: the last two characters or more are a title or post (区域经理 is no name)."""
    return folded.endswith(_post_words_of_two_or_more().get(folded[-1:], ()))


@lru_cache(maxsize=1)
def _post_words_of_two_or_more() -> dict[str, tuple[str, ...]]:
    """By last character: a word is asked about the few that end as it does, not all."""
    return _by_character((w for w in lexicon.folded_words("parties.yaml", "titles") | lexicon.folded_words("parties.yaml", "post_suffixes")
                          if len(w) >= 2), -1)


@lru_cache(maxsize=1)
def _leading_title_openers() -> frozenset[str]:
    """The characters, as written, that fold to the first character of a leading title."""
    return frozenset(folding_to("".join(_leading_titles())))


@lru_cache(maxsize=1)
def _leading_titles() -> dict[str, tuple[str, ...]]:
    """The leading titles by first character, longest first."""
    return _by_character(sorted(lexicon.folded_words("parties.yaml", "leading_titles"), key=len, reverse=True), 0)


def _post_after(name: str, post: str) -> bool:
    """``欧阳明 主任医师``: a full name, then its post or rank (a word that is one, not a name)."""
    return name_shaped(name) and not _titled(fold(name)) and not is_department(post) \
        and (fold(post) in lexicon.folded_words("parties.yaml", "titles") or is_post(post)
             or _ends_as_office(fold(post)) and not name_shaped(post))


def name_before_title(item: str) -> Optional[tuple[str, str]]:
    """``赵敏教授`` → (赵敏, 教授): a full name with a title of two or more characters glued after it.
    A surname alone before the title (王主任, 欧阳经理) is how the person is called: kept whole."""
    if item[-1:] not in _title_closers():
        return None                      # (most items: no title ends them, folded or not)
    folded = fold(item)
    for title in _titles_ending(folded):
        if len(title) >= 2 and len(folded) - len(title) >= 2:
            front = item[:-len(title)].rstrip()
            if name_shaped(front) and not _titled(fold(front)) and fold(front) not in lexicon.surnames():
                return front, item[-len(title):]
    return None


def _ends_as_office(word: str) -> bool:
    """区政府副区长, 市财政局副局长, 资料员: a folded word ending as a post, title or office does."""
    return ends_as_post(word) or word.endswith(lexicon.words("parties.yaml", "leading_titles"))


def bare_title(word: str) -> bool:
    """副局长, 经理, 护士长: a title or post with no name in it (市财政局副局长 is no 市财政局 person)."""
    folded = fold(word.strip())
    titles = lexicon.folded_words("parties.yaml", "titles")
    return folded in titles or folded.removeprefix("副") in titles \
        or folded in lexicon.folded_words("parties.yaml", "leading_titles") or folded in lexicon.folded_words("parties.yaml", "post_suffixes")


@lru_cache(maxsize=1)
def _titles() -> tuple[str, ...]:
    """The titles, longest first (副主任医师 before 主任医师 before 医师)."""
    return tuple(sorted(lexicon.words("parties.yaml", "titles"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _undetermined_openers() -> frozenset[str]:
    """The characters an UNDETERMINED word may open with as written (Traditional, full-width and
    upper-case forms too): an item opening with any other is none, and need not be folded to tell."""
    firsts = "".join(form[0] for form in _UNDETERMINED_FORMS)
    return frozenset(folding_to(firsts + firsts.upper()))


def _contact(inside: str) -> str:
    """The person a bracket after a department names: （联系人：龙婷）, （江秀琴主任）."""
    return without_posts(_CONTACT_LABEL.sub("", inside) if ":" in inside or "：" in inside else inside)


def _names_a_side(label: str) -> bool:
    """甲方, 业主单位, 委託方: a label for one side of a meeting, which is no person."""
    words = label.strip()
    return bool(_CJK.match(words)) and len(words) <= _POST_MAX and not name_shaped(words)


def _post_before(first: str, name: str, glued: bool = False) -> bool:
    """``资料员 仇月``, ``家长代表 钮丹``: a word ending as posts do (a title, 员, 代表) that is no
    name, no department and no vague party, written before a name with a space, is the person's
    post or role, listed or not (庹亮 韩梅梅 are two people: 庹亮 ends as no post does)."""
    return bool(_CJK.match(first)) and 2 <= len(first) <= _POST_MAX and ends_as_post(fold(first)) \
        and (glued or not name_shaped(first)) and not is_department(first) and not is_vague_party(first) \
        and name_shaped(name) and not _titled(fold(name))


def ends_as_post(word: str) -> bool:
    """资料员, 店长, 保洁主管: a folded word ending as a post or title does."""
    return word.endswith(lexicon.words("parties.yaml", "post_suffixes")) or word.endswith(lexicon.words("parties.yaml", "titles"))


def _unit_before(first: str, name: str) -> bool:
    """``质检 卢涛``, ``司庫 吳志雄``, ``村主任 贝春生`` as one entry of a list (entries apart by 、 or ，):
    the word before a full name is the unit, post or function the person speaks for (two people would
    be two entries)."""
    return bool(_CJK.match(first)) and 2 <= len(first) <= _POST_MAX \
        and not is_vague_party(first) and name_shaped(name) and not _titled(fold(name)) \
        and field_of(first) is None                       # 责任人 卢涛 is a label and its value


_POST_MAX = 6


def _full_name_of(item: str, inside: str) -> bool:
    """郝书记（郝建军）, 谭老师（谭雪梅）: a titled surname, then the full name with that surname."""
    short = fold(item.strip())
    if _CJK.match(short) is None or not _titled(short):
        return False                       # (most items: a name or a department, not a titled surname)
    full = fold(inside)
    return name_shaped(full) and not _titled(full) and len(full) > 1 and full[0] == short[0]


def _two_words(item: str) -> Optional[tuple[str, str]]:
    """``客服部 何静`` → (客服部, 何静): an item's first word and the rest, when it has a space."""
    if "\n" in item or item[:1].isspace():        # not met (items are stripped lines); the pattern's reading
        m = _FIRST_WORD.match(item)
        return (m.group(1), m.group(2).strip()) if m else None
    words = item.split(None, 1)                   # the same as the pattern, without trying each length
    return (words[0], words[1].strip()) if len(words) == 2 else None


def _department_then_name(item: str) -> Optional[tuple[str, str]]:
    """``质量部蒋晓`` written without a space: the department, then the person."""
    if len(item) > _GLUED_MAX or _department_endings().isdisjoint(item[:-1]):
        return None                     # no department can end before the last character (most names)
    m = lexicon.department_pattern().match(fold_word(item))
    if not m or m.end() >= len(item) or not is_department(item[:m.end()]):
        return None
    rest = item[m.end():]
    role = _opening_word(rest, _role_words()) or ""
    if name_shaped(rest[len(role):]) and not bare_title(rest) and (role or item[m.end()] not in lexicon.suffix_followers().get(item[m.end() - 1], ())):
        return item[:m.end()], rest[len(role):]                      # 工程部经理薛晨: 薛晨 of 工程部
    return None


def _office_title(word: str) -> bool:
    """财务总监, 项目经理: a post, not a titled surname (王总监)."""
    words, lengths, _, last_chars = _role_words()
    return word[-1:] in last_chars and any(len(word) - n >= 2 and word[-n:] in words for n in lengths)


@lru_cache(maxsize=1)
def _role_words() -> _WordTable:
    return _by_length(lexicon.words("parties.yaml", "role_words"))


class _WordTable(NamedTuple):
    """Words as a set, with their lengths longest first and the characters they open and end with:
    the longest word a text opens or ends with is one set lookup per length, not one comparison
    per word, and a text whose first (last) character opens (ends) no word needs none."""

    words: frozenset[str]
    lengths: tuple[int, ...]
    first_chars: frozenset[str]
    last_chars: frozenset[str]


def _by_length(words) -> _WordTable:
    words = frozenset(words)
    return _WordTable(words, tuple(sorted({len(w) for w in words}, reverse=True)),
                      frozenset(w[0] for w in words), frozenset(w[-1] for w in words))


def _opening_word(text: str, table: _WordTable) -> Optional[str]:
    """The longest word of the table that opens the text and leaves something after it."""
    if text[:1] in table.first_chars:
        for n in table.lengths:
            if n < len(text) and text[:n] in table.words:
                return text[:n]
    return None


def _closing_word(text: str, table: _WordTable) -> Optional[str]:
    """The longest word of the table that ends the text and leaves something before it."""
    if text[-1:] in table.last_chars:
        for n in table.lengths:
            if n < len(text) and text[-n:] in table.words:
                return text[-n:]
    return None


_GLUED_MAX = 12           # chars: 质量部蒋晓, 人力资源部牛佳, 人力资源部经理欧阳晴


@lru_cache(maxsize=1)
def _department_endings() -> frozenset[str]:
    """The characters a match of `lexicon.department_pattern` can end with, as written: the last of a
    department suffix or of a known department, and every character fold_word makes one of them."""
    words = lexicon.words("parties.yaml", "department_suffixes") + lexicon.words("parties.yaml", "departments")
    last = {fold_word(w)[-1] for w in words}
    return frozenset(last | {chr(code) for code, to in matching_table().items() if to in last})


def _courtesy_dropped(item: str) -> str:
    """梁家豪先生 → 梁家豪 (a title alone, 先生, stays as written)."""
    for title in _courtesy_titles().get(item[-1:], ()):
        if item.endswith(title) and len(item) > len(title) + 1:
            return item[:-len(title)].rstrip()
    return item


def _without_courtesy(item: str) -> str:
    """梁家豪先生 → 梁家豪, 鍾明達校長 → 鍾明達; a title alone (先生) stays as written."""
    dropped = _courtesy_dropped(item)
    return dropped if dropped != item else without_posts(item)


@lru_cache(maxsize=1)
def _courtesy_titles() -> dict[str, tuple[str, ...]]:
    """By last character, in the list's order (most items end as no courtesy title does)."""
    return _by_character(lexicon.words("parties.yaml", "courtesy_titles"), -1)


def without_posts(item: str) -> str:
    """A name written with its posts (副局长欧阳敏, 总经理助理上官婉, 江秀琴主任, 鍾明達校長): the
    name, when what is left is shaped like one; else the words as written."""
    if item[:1] not in _post_openers() and item[-1:] not in _post_closers() or name_shaped(item):
        return item                      # (most words: no post opens or ends them, folded or not)
    name, folded = item, fold(item)
    while not name_shaped(name) and (post := _opening_word(folded, _posts())):
        name, folded = name[len(post):], folded[len(post):]
    if not name_shaped(name):
        post = _closing_word(folded, _posts()) or ""
        name = name[:len(name) - len(post)]
    return name if name_shaped(name) else item


@lru_cache(maxsize=1)
def _post_openers() -> frozenset[str]:
    """The characters, as written, that fold to the first character of a post."""
    return frozenset(folding_to("".join(_posts().first_chars)))


@lru_cache(maxsize=1)
def _post_closers() -> frozenset[str]:
    """The characters, as written, that fold to the last character of a post."""
    return frozenset(folding_to("".join(_posts().last_chars)))


@lru_cache(maxsize=1)
def _posts() -> _WordTable:
    posts = set(lexicon.words("parties.yaml", "leading_titles")) | lexicon.role_words()
    return _by_length(fold(p) for p in posts if len(p) >= 2)


def _note_and_department(inside: str, department: Optional[str]) -> tuple[str, Optional[str]]:
    """（行銷部經理） holds a department and a title; （财务总监） only a title."""
    m = lexicon.department_pattern().match(fold_word(inside))
    if m and m.end() < len(inside) and is_department(inside[:m.end()]):
        return inside[m.end():].lstrip("，,、;；:： "), inside[:m.end()]        # （药剂科，列席）
    return inside, department


def _share_trailing_department(parties: list[Party]) -> None:
    """In ``范志强、黎明（销售部）`` the bracket names the department of the whole group."""
    people = [p for p in parties if p.kind == "person"]
    if len(people) > 1 and people[-1].department and not people[-1].note \
            and not any(p.department for p in people[:-1]):
        for p in people[:-1]:
            p.department = people[-1].department


# --------------------------------------------------------------------------- #
# Gazetteer
# --------------------------------------------------------------------------- #
@dataclass
class Gazetteer:
    """The document's people (name → department) and departments, in order of mention."""

    people: dict[str, Optional[str]] = field(default_factory=dict)
    departments: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)   # folded alias → name as listed
    nicknames: dict[str, str] = field(default_factory=dict)  # folded nickname (芳姐) → name as listed; kept as written
    # pattern() as last built, and the sizes it was built at: names are only ever added, so the
    # same sizes mean the same names (the tokenizer and the gazetteer component both ask)
    _pattern: tuple = field(default=((), None), init=False, repr=False, compare=False)

    def add_person(self, name: str, department: Optional[str] = None) -> None:
        name = name.strip()
        if not name:
            return
        if name in self.people:                 # its aliases and nicknames are in already
            if department and not self.people[name]:
                self.people[name] = department
            if department:
                self.add_department(department)
            return
        self.people[name] = department or None
        for alias in _aliases(name):
            self.aliases.setdefault(fold_word(alias), name)
        for nickname in _nicknames(name):
            self.nicknames.setdefault(fold_word(nickname), name)
        if department:
            self.add_department(department)

    def add_department(self, name: str) -> None:
        if name and name not in self.departments:
            self.departments.append(name)

    def add(self, party: Party) -> None:
        if party.kind == "person":
            self.add_person(party.name, party.department)
        elif party.kind == "department":
            self.add_department(party.name)

    def person(self, written: str) -> Optional[str]:
        """The listed name for a written form (``Jason`` → ``Jason 陈杰``), if it is a known person."""
        key = fold_word(written.strip())
        return self.aliases.get(key) or (written.strip() if key in self.nicknames else None)

    def department_of(self, name: str) -> Optional[str]:
        listed = self.aliases.get(fold_word(name.strip())) or self.nicknames.get(fold_word(name.strip()))
        return self.people.get(listed) if listed else None

    def pattern(self) -> Optional[re.Pattern]:
        """Regex over folded, lower-cased text matching any known name or department."""
        sizes = (len(self.aliases), len(self.nicknames), len(self.departments))
        if self._pattern[0] != sizes:
            names = list(self.aliases) + list(self.nicknames) + [fold_word(d) for d in self.departments if len(d) > 1]
            self._pattern = (sizes, trie_regex(names))
        return self._pattern[1]


def _aliases(name: str) -> list[str]:
    """``Kevin 王凯`` is also written ``Kevin`` or ``王凯``."""
    forms = [name]
    if _LATIN_THEN_CJK.match(name):
        latin, cjk = name.split(None, 1)
        forms += [latin, cjk]
    elif _LATIN.match(name) and " " in name:          # Alice Wang is also Alice
        forms.append(name.split()[0])
    return forms


def _nicknames(name: str) -> list[str]:
    """王芳 is also 芳姐 among colleagues."""
    if _CJK.match(name) and 2 <= len(name) <= 3 and name[0] in lexicon.surnames():
        return [name[-1] + t for t in lexicon.words("parties.yaml", "given_name_titles")]
    return []
