"""minutes_word_shapes: the lexicon's one-word regex patterns, added to the lexicon spans.

A token pattern of one word told by a regex (``[{"TEXT": {"REGEX": …}}]``, LATIN_NAME) makes
spaCy's Matcher call back into Python at every token of a document; here the regex is tried
on each distinct word once (a bounded table keeps the answer per word). The spans join
``doc.user_data[LEXICON_KEY]`` in the order a span ruler keeps (spaCy's Span order), so readers
see what the ruler alone would have given.
"""
from __future__ import annotations

import itertools
import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import LEXICON_KEY
from .lexicon_matcher import span_order
from .tokenizer import PerWord, doc_starts, doc_words

@Language.factory("minutes_word_shapes", assigns=["doc.user_data"])
def make_word_shapes(nlp: Language, name: str) -> "WordShapes":
    return WordShapes(nlp.vocab)


def word_regex(pattern) -> Optional[str]:
    """The regex of a one-word pattern matched on its text alone, else None."""
    if isinstance(pattern, list) and len(pattern) == 1 and isinstance(pattern[0], dict) \
            and pattern[0].keys() == {"TEXT"} and isinstance(pattern[0]["TEXT"], dict) \
            and pattern[0]["TEXT"].keys() == {"REGEX"} and isinstance(pattern[0]["TEXT"]["REGEX"], str):
        return pattern[0]["TEXT"]["REGEX"]
    return None


class WordShapes:
    def __init__(self, vocab):
        self.vocab = vocab
        self._patterns: list[tuple[re.Pattern, str, str]] = []    # (regex, label, id)
        self._shapes = PerWord(self._shape)

    def add_patterns(self, entries: list[dict]) -> None:
        for entry in entries:
            self._patterns.append((re.compile(word_regex(entry["pattern"])), entry["label"], entry.get("id", "")))
        self._shapes.forget()

    def __call__(self, doc: Doc) -> Doc:
        shapes = self._shapes.of(doc)
        found = list(itertools.compress(range(len(shapes)), shapes))
        if not found:           # (most documents: no word to look at)
            return doc
        words, _ = doc_words(doc)
        starts = doc_starts(doc)
        spans = set(doc.user_data.get(LEXICON_KEY, []))
        spans.update((label, i, i + 1, starts[i], starts[i] + len(words[i]), span_id)
                     for i in found for label, span_id in shapes[i])
        doc.user_data[LEXICON_KEY] = sorted(spans, key=lambda s: (s[1], s[2], *span_order(self.vocab, s[0], s[5])))
        return doc

    def _shape(self, word: str) -> tuple[tuple[str, str], ...]:
        """The (label, id) of the regexes the word matches."""
        return tuple((label, span_id) for regex, label, span_id in self._patterns
                     if regex.search(word))      # as the Matcher's REGEX: search
