"""minutes.JiebaTokenizer.v1: jieba segmentation that keeps known terms whole.

jieba cuts "5月12日前" into 日前 and "高雅琴将" into 高雅 / 琴; rule patterns and
names must not depend on such accidents. Terms from the lexicons, and the names
of the document's people passed per call, are cut out first; jieba segments the
text between them. Every token's NORM is its folded form (Simplified, ASCII,
lower case), which the phrase patterns match on.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Optional

import spacy
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces

from ..textnorm import fold, fold_word, trie_regex


class JiebaTokenizer:
    def __init__(self, vocab, terms: Iterable[str] = (), shapes: tuple[Callable, ...] = ()):
        from ..lexicon import segmenter
        self.vocab = vocab
        self._jieba = segmenter()
        self._terms = trie_regex(sorted({fold_word(t) for t in terms if len(t) > 1}))
        self._shapes = shapes        # words found by their shape: departments (区财政局), unlisted names (王强将…)

    def __call__(self, text: str, names: Optional[re.Pattern] = None) -> Doc:
        words = list(self._cut(text, names))
        words, spaces = get_words_and_spaces(words, text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for token in doc:
            token.norm_ = fold_word(token.text)
        return doc

    def _cut(self, text: str, names: Optional[re.Pattern]):
        position = 0
        for start, end in _protected(fold(text).lower(), self._terms, names, self._shapes):
            yield from self._jieba_words(text[position:start])
            yield text[start:end]
            position = end
        yield from self._jieba_words(text[position:])

    def _jieba_words(self, chunk: str):
        if chunk:
            yield from (w for w in self._jieba.cut(chunk) if w)

    # spaCy's serialisation hooks: nothing to save, the terms come from nlp_models/
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "JiebaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "JiebaTokenizer":
        return self


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
