"""minutes.JiebaTokenizer.v1: jieba segmentation that keeps known terms whole.

jieba cuts "5月12日前" into 日前 and "高雅琴将" into 高雅 / 琴; rule patterns and
names must not depend on such accidents. Terms from the lexicons, and the names
of the document's people passed per call, are cut out first; jieba segments the
text between them (jieba's own cut, as minutes/segmenter.py computes it).
Every token's NORM is its folded form (Simplified, ASCII,
lower case), which the phrase patterns match on.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Optional

import spacy
from spacy.tokens import Doc

from ..startcache import compile_regex
from ..textnorm import fold, fold_word, trie_regex

WORDS_KEY = "minutes.words"
TEXT_KEY = "minutes.text"


class JiebaTokenizer:
    def __init__(self, vocab, terms: Iterable[str] = (), shapes: tuple[Callable, ...] = ()):
        from ..lexicon import segmenter
        self.vocab = vocab
        self._jieba = segmenter()
        self._terms = trie_regex(sorted({fold_word(t) for t in terms if len(t) > 1}), compile_regex)
        self._shapes = shapes        # words found by their shape: departments (区财政局), unlisted names (王强将…)
        self._normed: set[str] = set()

    def __call__(self, text: str, names: Optional[re.Pattern] = None) -> Doc:
        words, spaces = words_and_spaces(list(self._cut(text, names)), text)
        self._set_norms(words)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[WORDS_KEY] = (words, spaces)
        doc.user_data[TEXT_KEY] = text
        return doc

    def _set_norms(self, words: list[str]) -> None:
        """NORM = the folded word, set once per word on its lexeme: a token without a NORM
        of its own reads its lexeme's, so no token needs one (and no Token object is made)."""
        for word in words:
            if word not in self._normed:
                self.vocab[word].norm_ = fold_word(word)
                self._normed.add(word)

    def _cut(self, text: str, names: Optional[re.Pattern]):
        position = 0
        for start, end in _protected(fold(text).lower(), self._terms, names, self._shapes):
            yield from self._jieba_words(text[position:start])
            yield text[start:end]
            position = end
        yield from self._jieba_words(text[position:])

    def _jieba_words(self, chunk: str):
        if chunk:
            yield from self._jieba.cut(chunk)

    # spaCy's serialisation hooks: nothing to save, the terms come from nlp_models/
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "JiebaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "JiebaTokenizer":
        return self


def words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """spacy.util.get_words_and_spaces, in linear time (spaCy's copies the rest of the text
    for every word): whitespace words are dropped, the text between two words becomes a
    word of its own, and one space right after a word becomes its trailing space."""
    out_words: list[str] = []
    out_spaces: list[bool] = []
    position = 0
    for word in words:
        if word.isspace():
            continue
        start = text.index(word, position)
        if start > position:
            out_words.append(text[position:start])
            out_spaces.append(False)
        out_words.append(word)
        position = start + len(word)
        spaced = position < len(text) and text[position] == " "
        out_spaces.append(spaced)
        position += spaced
    if position < len(text):
        out_words.append(text[position:])
        out_spaces.append(False)
    return out_words, out_spaces


def doc_words(doc: Doc) -> tuple[list[str], list[bool]]:
    """The Doc's words and whether a space follows each."""
    kept = doc.user_data.get(WORDS_KEY)
    return kept if kept is not None else ([t.text for t in doc], [bool(t.whitespace_) for t in doc])


def doc_text(doc: Doc) -> str:
    kept = doc.user_data.get(TEXT_KEY)
    return kept if kept is not None else doc.text


def _protected(folded: str, terms: Optional[re.Pattern], names: Optional[re.Pattern],
               shapes: tuple[Callable, ...] = ()) -> list[tuple[int, int]]:
    """Non-overlapping spans to keep whole: names first, then shaped words, then lexicon terms."""
    spans = [m.span() for m in names.finditer(folded)] if names else []
    taken = [False] * (len(folded) + 1)
    for start, end in spans:
        for i in range(start, end):
            taken[i] = True
    for start, end in (span for shape in shapes for span in shape(folded)):
        if not any(taken[start:end]):
            spans.append((start, end))
            for i in range(start, end):
                taken[i] = True
    if terms:
        position = 0
        while position < len(folded):
            m = terms.search(folded, position)
            if not m:
                break
            start, end = m.span()
            if end > start and not any(taken[start:end]) and _whole_word(folded, start, end):
                spans.append((start, end))
            position = start + 1 if end == start or any(taken[start:end]) else end
    return sorted(spans)


def _whole_word(folded: str, start: int, end: int) -> bool:
    """A Latin term (p1, owner) must not sit inside a longer Latin word (top10, owners)."""
    alnum = lambda ch: ch.isascii() and ch.isalnum()
    if alnum(folded[start]) and start > 0 and alnum(folded[start - 1]):
        return False
    return not (alnum(folded[end - 1]) and end < len(folded) and alnum(folded[end]))


@spacy.registry.tokenizers("minutes.JiebaTokenizer.v1")
def create_tokenizer():
    def make(nlp):
        from ..lexicon import find_departments, find_names, tokenizer_terms
        return JiebaTokenizer(nlp.vocab, tokenizer_terms(), (find_departments, find_names))
    return make
