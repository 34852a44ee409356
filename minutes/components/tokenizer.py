"""minutes.JiebaTokenizer.v1: jieba segmentation that keeps known terms whole.

jieba cuts "5月12日前" into 日前 and "高雅琴将" into 高雅 / 琴; rule patterns and
names must not depend on such accidents. Terms from the lexicons, and the names
of the document's people passed per call, are cut out first; jieba segments the
text between them (jieba's own cut, as minutes/segmenter.py computes it).
Every token's NORM is its folded form (Simplified, ASCII,
lower case), which the phrase patterns match on.
"""
from __future__ import annotations

import itertools
import re
from typing import Callable, Generic, Iterable, Optional, TypeVar

import spacy
from spacy.tokens import Doc

from ..startcache import compile_regex
from ..textnorm import fold_word, word_start_scan

WORDS_KEY = "minutes.words"
TEXT_KEY = "minutes.text"
STARTS_KEY = "minutes.word_starts"
MATCHING_KEY = "minutes.matching_text"     # fold_word(text), which the gazetteer matches names on
NAME_SPANS_KEY = "minutes.name_spans"      # (names regex, its matches' spans in the matching text)
MAX_WORDS = 500_000          # a table of words seen (PerWord) is cleared when it grows past this


class JiebaTokenizer:
    def __init__(self, vocab, terms: Iterable[str] = (), shapes: tuple[Callable, ...] = ()):
        from ..lexicon import segmenter
        self.vocab = vocab
        self._jieba = segmenter()
        terms = sorted({fold_word(t) for t in terms if len(t) > 1})
        self._terms = compile_regex(word_start_scan(terms)) if terms else None
        self._shapes = shapes        # words found by their shape: departments (区财政局), unlisted names (王强将…)
        self._orths = PerWord(self._orth)

    def __call__(self, text: str, names: Optional[re.Pattern] = None) -> Doc:
        matching = fold_word(text)
        lowered = _lowered(matching)
        name_spans = [m.span() for m in names.finditer(lowered)] if names else []
        words, spaces, starts = _words_spaces_starts(self._words(text, lowered, name_spans), text)
        doc = Doc(self.vocab, words=self._orths.values(words), spaces=spaces)
        doc.user_data[WORDS_KEY] = (words, spaces)
        doc.user_data[STARTS_KEY] = starts
        doc.user_data[TEXT_KEY] = text
        doc.user_data[MATCHING_KEY] = matching
        if names and lowered == matching:        # the gazetteer's own scan would find these again
            doc.user_data[NAME_SPANS_KEY] = (names, name_spans)
        return doc

    def _orth(self, word: str) -> int:
        """The word's lexeme id, its NORM (the folded word) set the first time the word is seen: a
        token without a NORM of its own reads its lexeme's, so no token needs one (and no Token
        object is made). Given ids, not strings, spaCy's Doc hashes no word again."""
        lexeme = self.vocab[word]
        lexeme.norm_ = fold_word(word)
        return lexeme.orth

    def _cut(self, text: str, names: Optional[re.Pattern], matching: str) -> list[str]:
        """The words of the text (``matching``: its fold_word form)."""
        lowered = _lowered(matching)
        return self._words(text, lowered, [m.span() for m in names.finditer(lowered)] if names else [])

    def _words(self, text: str, lowered: str, name_spans: list[tuple[int, int]]) -> list[str]:
        """The words of the text (``lowered``: see _lowered), the names at ``name_spans`` kept whole."""
        words: list[str] = []
        position = 0
        for start, end in _protected(lowered, self._terms, name_spans, self._shapes):
            if start > position:
                words += self._jieba.cut(text[position:start])
            words.append(text[start:end])
            position = end
        if position < len(text):
            words += self._jieba.cut(text[position:])
        return words

    # spaCy's serialisation hooks: nothing to save, the terms come from nlp_models/
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "JiebaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "JiebaTokenizer":
        return self


Value = TypeVar("Value")


class PerWord(Generic[Value]):
    """What a component works out about a word from the word alone, once per word: a bounded
    table, read for a document's words in one pass (new words are looked for only when one is
    missing, not in a set of the document's words every time)."""

    def __init__(self, work_out: Callable[[str], Value]):
        self._work_out = work_out
        self._values: dict[str, Value] = {}

    def of(self, doc: Doc) -> list[Value]:
        """One value per word of the Doc."""
        return self.values(doc_words(doc)[0])

    def values(self, words: list[str]) -> list[Value]:
        try:
            return list(map(self._values.__getitem__, words))
        except KeyError:                # (new words: most documents have a few)
            if len(self._values) > MAX_WORDS:
                self._values.clear()
            for word in set(words).difference(self._values):
                self._values[word] = self._work_out(word)
            return list(map(self._values.__getitem__, words))

    def forget(self) -> None:
        self._values.clear()


def words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """spacy.util.get_words_and_spaces, in linear time (spaCy's copies the rest of the text
    for every word): whitespace words are dropped, the text between two words becomes a
    word of its own, and one space right after a word becomes its trailing space."""
    out_words, out_spaces, _ = _words_spaces_starts(words, text)
    return out_words, out_spaces


def _words_spaces_starts(words: list[str], text: str) -> tuple[list[str], list[bool], list[int]]:
    """words_and_spaces, with where each word starts in the text, for words that spell out the
    text (as _cut gives them): a word starts where the words before it end, so only the runs of
    whitespace words need a look of their own, not every word a search in the text."""
    if "".join(words) != text:
        raise ValueError("the words do not spell out the text")
    starts = list(itertools.accumulate(map(len, words), initial=0))
    blank = list(itertools.compress(range(len(words)), map(str.isspace, words)))
    # a lone whitespace word that starts with no space (most line breaks) stays as it is
    runs = [(first, stop) for first, stop in _runs(blank) if stop - first > 1 or first and words[first][0] == " "] \
        if blank else blank
    if not runs:
        return words, [False] * len(words), starts[:-1]
    out_words: list[str] = []
    out_spaces: list[bool] = []
    out_starts: list[int] = []
    kept = 0                        # the first word not given out yet
    for first, stop in runs:
        out_words += words[kept:first]
        out_starts += starts[kept:first]
        out_spaces += [False] * (first - kept)
        position, end = starts[first], starts[stop]
        if first and text[position] == " ":        # one space after a word is its trailing space
            out_spaces[-1] = True
            position += 1
        if end > position:                          # the rest of the whitespace is a word of its own
            out_words.append(text[position:end])
            out_spaces.append(False)
            out_starts.append(position)
        kept = stop
    out_words += words[kept:]
    out_starts += starts[kept:-1]
    out_spaces += [False] * (len(words) - kept)
    return out_words, out_spaces, out_starts


def _runs(indices: list[int]):
    """(first, stop) of each run of consecutive numbers in the sorted ``indices``."""
    first = previous = indices[0]
    for i in indices[1:]:
        if i != previous + 1:
            yield first, previous + 1
            first = i
        previous = i
    yield first, previous + 1


def doc_words(doc: Doc) -> tuple[list[str], list[bool]]:
    """The Doc's words and whether a space follows each."""
    kept = doc.user_data.get(WORDS_KEY)
    return kept if kept is not None else ([t.text for t in doc], [bool(t.whitespace_) for t in doc])


def doc_starts(doc: Doc) -> list[int]:
    """Where each of the Doc's words starts in its text."""
    kept = doc.user_data.get(STARTS_KEY)
    return kept if kept is not None else [t.idx for t in doc]


def doc_text(doc: Doc) -> str:
    kept = doc.user_data.get(TEXT_KEY)
    return kept if kept is not None else doc.text


def doc_name_spans(doc: Doc, names: re.Pattern) -> list[tuple[int, int]]:
    """Where ``names`` matches the Doc's matching text: the tokenizer's own matches when it
    looked for the same names in the same text, else a scan of its own."""
    kept = doc.user_data.get(NAME_SPANS_KEY)
    if kept is not None and kept[0] is names:
        return kept[1]
    return [m.span() for m in names.finditer(doc_matching_text(doc))]


def doc_matching_text(doc: Doc) -> str:
    """The Doc's text in its fold_word form, made once by the tokenizer."""
    kept = doc.user_data.get(MATCHING_KEY)
    return kept if kept is not None else fold_word(doc_text(doc))


def _lowered(matching: str) -> str:
    """The fold_word form lower-cased throughout (É as é, as the lexicon's shapes are matched), when
    that keeps every character where it is: İ lower-cased is two characters, and a span found
    in the longer text would cut the words at the wrong places."""
    lowered = matching.lower()
    return lowered if len(lowered) == len(matching) else matching


def _protected(folded: str, terms: Optional[re.Pattern], name_spans: list[tuple[int, int]],
               shapes: tuple[Callable, ...] = ()) -> list[tuple[int, int]]:
    """Non-overlapping spans to keep whole: names first, then shaped words, then lexicon terms."""
    spans = list(name_spans)
    taken = bytearray(len(folded) + 1)          # 1 where a kept span lies
    for start, end in spans:
        taken[start:end] = b"\1" * (end - start)
    for start, end in (span for shape in shapes for span in shape(folded)):
        if taken.find(1, start, end) < 0:
            spans.append((start, end))
            taken[start:end] = b"\1" * (end - start)
    if terms:
        spans += _free_terms(folded, terms, taken)
    return sorted(spans)


def _free_terms(folded: str, terms: re.Pattern, taken: bytearray) -> list[tuple[int, int]]:
    """The terms (``terms``: a word_start_scan, its group 1 the longest term starting at a place),
    whole words each, on characters not taken: after a term, the search goes on where it ends;
    a term on taken characters is looked for again from its second character."""
    found = []
    search = terms.search
    m = search(folded)
    while m is not None:
        start, end = m.span(1)
        if taken.find(1, start, end) >= 0:
            m = search(folded, start + 1)
            continue
        # (a term with no Latin letter or digit at either end is a whole word)
        if not (folded[start] in _LATIN or folded[end - 1] in _LATIN) or _whole_word(folded, start, end):
            found.append((start, end))
        m = search(folded, end)
    return found


_LATIN = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")     # ASCII letters and digits


def _whole_word(folded: str, start: int, end: int) -> bool:
    """A Latin term (p1, owner) must not sit inside a longer Latin word (top10, owners)."""
    if folded[start] in _LATIN and start > 0 and folded[start - 1] in _LATIN:
        return False
    return not (folded[end - 1] in _LATIN and end < len(folded) and folded[end] in _LATIN)


@spacy.registry.tokenizers("minutes.JiebaTokenizer.v1")
def create_tokenizer():
    def make(nlp):
        from ..lexicon import find_departments, find_names, tokenizer_terms
        return JiebaTokenizer(nlp.vocab, tokenizer_terms(), (find_departments, find_names))
    return make
