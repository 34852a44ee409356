"""minutes_parties: one span per party a clause can name, with its department.

Reads the gazetteer spans, the lexicon spans (DEPT, DEPT_SHORT, VAGUE_PARTY,
MENTION, LATIN_NAME) and name forms (王总, 刘工, 小李, 老陈; a surname and one or
two characters right before an owner verb), and keeps the best non-overlapping
set: the document's own names first, then departments, then name forms.
The spans, by start, are ``doc.user_data[PARTIES_KEY]`` (tuples, see minutes/nlp.py);
what each names — (kind, listed name, department), kind person | department | vague —
is ``doc.user_data[PARTIES_BY_OFFSETS]`` by the span's character offsets.
"""
from __future__ import annotations

import bisect
import itertools
import operator
import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicon
from ..nlp import GAZETTEER_SPANS_KEY, LEXICON_KEY, PARTIES_BY_OFFSETS, PARTIES_KEY
from ..parties import ends_as_post, is_department, is_vague_party, name_shaped
from ..startcache import compile_regex
from ..textnorm import fold_word
from .gazetteer import GAZETTEER_KEY
from .tokenizer import PerWord, doc_starts, doc_text, doc_words

# A web address or mail address names no party, whatever words it holds (https, @qq.com).
_LINK = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_RANK = {"PERSON": 0, "DEPT": 1, "VAGUE_PARTY": 1, "DEPT_SHORT": 3, "NAME_FORM": 2, "LATIN_NAME": 3, "NAME_GUESS": 4}
_LEXICON_LABELS = frozenset(_RANK) | {"MENTION"}
_BRACKETS = ("(", "（")


@Language.factory("minutes_parties", requires=["doc.user_data"], assigns=["doc.user_data"])
def make_parties(nlp: Language, name: str) -> "PartyFinder":
    return PartyFinder(nlp.vocab)


@lru_cache(maxsize=1)
def _name_forms() -> re.Pattern:
    surnames = "".join(sorted(lexicon.surnames() - {s for s in lexicon.surnames() if len(s) > 1}))
    compound = "|".join(sorted(s for s in lexicon.surnames() if len(s) > 1))   # sorted: the same pattern text in every process
    titles = "|".join(sorted(lexicon.words("parties.yaml", "titles"), key=len, reverse=True))
    prefixes = "".join(lexicon.words("parties.yaml", "name_prefixes"))
    return compile_regex(rf"^(?:(?:{compound}|[{surnames}])(?:{titles})|[{prefixes}][{surnames}])$")


@lru_cache(maxsize=1)
def _name_form_starts() -> frozenset[str]:
    """The characters a name form can start with: what `_name_forms` allows first."""
    return frozenset(s[0] for s in lexicon.surnames()) | frozenset("".join(lexicon.words("parties.yaml", "name_prefixes")))


@lru_cache(maxsize=1)
def _guess() -> re.Pattern:
    surnames = "".join(sorted(s for s in lexicon.surnames() if len(s) == 1))
    return re.compile(rf"^[{surnames}][\u4e00-\u9fff]{{1,2}}$")


class PartyFinder:
    def __init__(self, vocab):
        self.vocab = vocab
        self._shapes = PerWord(self._shape)     # what a word's shape alone says, once per word

    def __call__(self, doc: Doc) -> Doc:
        gazetteer = doc.user_data.get(GAZETTEER_KEY)
        text = doc_text(doc)
        words, _ = doc_words(doc)
        candidates = list(doc.user_data.get(GAZETTEER_SPANS_KEY, ()))
        candidates += [s for s in doc.user_data.get(LEXICON_KEY, ()) if s[0] in _LEXICON_LABELS]
        candidates += self._forms(words, doc_starts(doc), self._shapes.of(doc))
        if any(c in text for c in _each_openers()):
            candidates += _each_of_a_kind(words, doc_starts(doc), text)
        if "@" in text or "://" in text or "www." in text.lower():      # what _LINK needs to match
            links = [m.span() for m in _LINK.finditer(text)]
            candidates = [c for c in candidates if not any(a < c[4] and c[3] < b for a, b in links)]
        ranked = sorted(candidates, key=lambda s: (_RANK.get(s[0], 2), s[1] - s[2]))
        chosen = _non_overlapping(ranked, len(words))
        departments = {fold_word(d) for d in gazetteer.departments} if gazetteer is not None else set()
        spans = []
        by_offsets = doc.user_data[PARTIES_BY_OFFSETS] = {}
        described: dict[tuple[str, str, bool], tuple] = {}      # a party recurs: (label, text, @) → _describe
        for span in sorted(chosen, key=operator.itemgetter(1)):
            span = _mention_target(span, words)
            label, _, _, start_char, end_char, _ = span
            written = text[start_char:end_char]
            mentioned = start_char > 0 and text[start_char - 1] == "@"
            what = described.get((label, written, mentioned))
            if what is None:
                what = described[label, written, mentioned] = _describe(label, written, gazetteer, departments, mentioned)
            by_offsets[start_char, end_char] = what
            spans.append(span)
        doc.user_data[PARTIES_KEY] = spans
        return doc

    def _forms(self, words: list[str], starts: list[int], shapes: list[tuple]) -> list[tuple]:
        spans = []
        for i in _form_places(shapes):
            name_form, department, guess, _, _, _, opens_form, _, _ = shapes[i]
            if name_form:
                first, stop, label = i, i + 1, "NAME_FORM"
            elif opens_form and i + 1 < len(words) and _name_forms().match(shapes[i][_NORM] + shapes[i + 1][_NORM]):
                first, stop, label = i, i + 2, "NAME_FORM"
            elif department:
                first, stop, label = _department_start(shapes, i), i + 1, "DEPT"
            elif guess and _before_owner_cue(shapes, i + 1):
                first, stop, label = i, i + 1, "NAME_GUESS"
            elif (width := _named_by_place(words, shapes, i)):
                first, stop, label = i, i + width, "NAME_GUESS"
            else:
                continue
            spans.append((label, first, stop, starts[first], starts[stop - 1] + len(words[stop - 1]), ""))
        return spans

    def _shape(self, word: str) -> tuple:
        """(a name form, a department, a guessable name, NORM, is punctuation, is space, a single
        character a two-word name form may start with, a word a name may follow for its place:
        a department, a post or an opening bracket, and whether a party may start at the word:
        any of the first three or the seventh) — all fixed by the word alone."""
        lexeme = self.vocab[word]
        folded = lexeme.norm_            # 劉工 is 刘工: surnames and titles are listed in Simplified script
        name_form = bool(_name_forms().match(folded)) and lexicon.word_frequency(folded) < lexicon.name_guess_limit()
        department = is_department(word) and not lexeme.is_punct
        guess = bool(_guess().match(folded)) and lexicon.plausible_name(folded)
        opens_form = len(folded) == 1 and folded in _name_form_starts()
        return (name_form, department, guess, lexeme.norm_, lexeme.is_punct, lexeme.is_space, opens_form,
                department or word in _BRACKETS or word in lexicon.role_words(),
                name_form or department or guess or opens_form)


# The helpers below read the words' shapes (PartyFinder._shape), one per word of the Doc.
_DEPARTMENT, _NORM, _PUNCT, _SPACE, _OPENS_PLACE, _MAY_START = 1, 3, 4, 5, 7, 8


def _form_places(shapes: list[tuple]) -> list[int]:
    """The words where _forms may find a party: those whose shape says one may start there, and
    those right after a department, post or bracket (_named_by_place); every other word would
    be tried in vain."""
    places = set(itertools.compress(range(len(shapes)), map(operator.itemgetter(_MAY_START), shapes)))
    places.update(itertools.compress(range(1, len(shapes)), map(operator.itemgetter(_OPENS_PLACE), shapes)))
    return sorted(places)


def _named_by_place(words: list[str], shapes: list[tuple], i: int) -> int:
    """How many words from i make a name that its place vouches for: right after a department
    (and perhaps a post: 工程部司徒亮, 工程部经理薛晨), or alone in brackets (牵头（杭旭）)."""
    if not i or not shapes[i - 1][_OPENS_PLACE]:      # no department, post or bracket before it
        return 0
    before = i - 1
    if words[before] in lexicon.role_words() and i > 1:
        before = i - 2
    after_department = shapes[before][_DEPARTMENT]
    bracketed = words[i - 1] in _BRACKETS and i + 1 < len(words) and words[i + 1] in (")", "）")
    if not (after_department or bracketed):
        return 0
    if name_shaped(words[i]):
        return 1
    joined = words[i] + words[i + 1] if i + 1 < len(words) else ""
    return 2 if after_department and words[i] in lexicon.surnames() and len(joined) <= 4 and name_shaped(joined) else 0


def _department_start(shapes: list[tuple], i: int) -> int:
    """区财政局 is one department though jieba cuts 区 / 财政局."""
    prefixes = lexicon.department_prefixes()
    while i > 0 and shapes[i - 1][_NORM] in prefixes:
        i -= 1
    return i


def _before_owner_cue(shapes: list[tuple], i: int) -> bool:
    """A guessed name counts only at a clause start and right before what a doer does (张三负责…, 李娜尽快…)."""
    if i >= len(shapes):
        return False
    name_at, norm = i - 1, shapes[i][_NORM]
    if i + 1 < len(shapes) and shapes[i][_SPACE]:
        i += 1                                                     # 骆怀远 副教授 牵头…
        norm = shapes[i][_NORM]
    if norm in lexicon.titles_after_names() and i + 1 < len(shapes):     # 柴志明同志负责…, 卓秀梅护士长安排…
        after = shapes[i + 2] if shapes[i + 1][_SPACE] and i + 2 < len(shapes) else shapes[i + 1]
        follows = norm in lexicon.folded_words("parties.yaml", "titles") or _doer_follows(after[_NORM])
    else:
        follows = _doer_follows(norm)
    return follows and _clause_start(shapes, name_at)     # (what follows is asked first: most would-be names do nothing)


def _doer_follows(norm: str) -> bool:
    return norm in lexicon.doer_cues() or norm[:1].isdigit() or norm in (":", "、") or norm.startswith(_time_openers())


@lru_cache(maxsize=1)
def _time_openers() -> tuple[str, ...]:
    return tuple(lexicon.time_openers())


def _post_not_person(word: str) -> bool:
    """店长, 安全员: a post; 戚老师 (a surname and a title) is a person, after whom no name starts."""
    return ends_as_post(word) and lexicon.surname_and_title(word) is None


def _clause_start(shapes: list[tuple], i: int, post: bool = True) -> bool:
    """Word i opens a clause: first, after a mark, 由/请, or a post that itself opens one (店长葛新写…)."""
    if i == 0:
        return True
    before = shapes[i - 1]
    if before[_PUNCT] or before[_SPACE] or before[_NORM] in ("@", ">") or before[_NORM] in lexicon.folded_words("cues.yaml", "owner_markers"):
        return True
    if not post:
        return False
    for width in (1, 2):                  # 店长 | 项目 经理 | 安 全员: the post, as the segmenter cut it
        if i - width >= 0 and _post_not_person("".join(s[_NORM] for s in shapes[i - width:i])) \
                and _clause_start(shapes, i - width, post=False):
            return True
    return False


def _non_overlapping(spans: list[tuple], size: int) -> list[tuple]:
    taken = bytearray(size)         # 1 for each word a span kept covers
    out, mentions = [], []
    for span in spans:
        if span[0] == "MENTION":
            mentions.append(span)
        elif taken.find(1, span[1], span[2]) < 0:
            out.append(span)
            taken[span[1]:span[2]] = b"\1" * (span[2] - span[1])
    starts = {s[1] for s in out}     # a set: a cell of 30,000 @mentions is not 10^9 comparisons
    return out + [m for m in mentions if m[1] + 1 not in starts]


def _each_of_a_kind(words: list[str], starts: list[int], text: str) -> list[tuple]:
    """各店店长, 各病区护士长, 每个班组长: "each X" as a party names no one, however the segmenter cut it
    (各 / 病区 / 护士长); it runs up to what the doer does (a doer cue, a time, a task verb)."""
    spans = []
    for i in _words_starting_with(_each_openers(), text, starts):
        best, post = None, None          # the shortest reading, and the longest ending in a post (各位 | 店长)
        for stop in range(i + 1, min(i + _EACH_WORDS, len(words)) + 1):
            if stop > i + 1 and _ends_the_party(words[stop - 1]):
                break
            if is_vague_party("".join(words[i:stop])):
                best = best or stop
                post = stop if ends_as_post(fold_word(words[stop - 1])) or is_department("".join(words[i + 1:stop])) \
                    else post                    # (各 / 临床 / 科室: the unit, not 各临床)
        best = post or best
        if best is not None:
            spans.append(("VAGUE_PARTY", i, best, starts[i], starts[best - 1] + len(words[best - 1]), ""))
    return spans


_EACH_WORDS = 3


def _words_starting_with(firsts: tuple[str, ...], text: str, starts: list[int]) -> list[int]:
    """The words that start with one of the characters, found where the text holds them (a few
    places) rather than by asking every word."""
    found = []
    for first in firsts:
        position = text.find(first)
        while position >= 0:
            i = bisect.bisect_left(starts, position)
            if i < len(starts) and starts[i] == position:
                found.append(i)
            position = text.find(first, position + 1)
    return sorted(found)


@lru_cache(maxsize=1)
def _each_openers() -> tuple[str, ...]:
    """The first characters of the words that open "each X" (各, 每个: parties.yaml vague_party_openers)."""
    return tuple(sorted({w[0] for w in lexicon.words("parties.yaml", "vague_party_openers")}))


def _ends_the_party(word: str) -> bool:
    """What a doer does or when: the party stops before it."""
    folded = fold_word(word)
    return not folded.isalpha() or folded in lexicon.doer_cues() or folded.startswith(_time_openers()) \
        or folded in lexicon.folded_words("cues.yaml", "task_verbs")


def _mention_target(span: tuple, words: list[str]) -> tuple:
    """``@阿杰``: the party is the word after the @."""
    label, _, end, _, end_char, _ = span
    if label != "MENTION":
        return span
    return "NAME_FORM", end - 1, end, end_char - len(words[end - 1]), end_char, ""


def _describe(label: str, text: str, gazetteer, departments: set[str], mentioned: bool = False) -> tuple[str, str, str | None]:
    """What a span names: (kind, name, department). An @handle is the person as written (@priya, not
    the listed Priya Nair): a handle is how the team names them."""
    if label == "VAGUE_PARTY":
        return "vague", text, None
    if label in ("DEPT", "DEPT_SHORT"):
        listed = gazetteer.person(text) if gazetteer else None
        if listed:
            return "person", listed, gazetteer.people.get(listed)
        return "department", text, text
    if gazetteer is not None:
        listed = gazetteer.person(text)
        if listed:
            return "person", text if mentioned else listed, gazetteer.people.get(listed)
        if fold_word(text) in departments:
            return "department", text, text
    return "person", text, None
