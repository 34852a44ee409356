"""minutes_word_shapes: the lexicon's one-word regex patterns, added to the lexicon spans.

A token pattern of one word told by a regex (``[{"TEXT": {"REGEX": …}}]``, LATIN_NAME) makes
spaCy's Matcher call back into Python at every token of a document; here the regex is tried
on each word once, in one loop. The spans join ``doc.spans["lexicon"]`` in the order the
span ruler keeps (sorted), so readers see what the ruler alone would have given.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .tokenizer import doc_words

SPANS_KEY = "lexicon"


@Language.factory("minutes_word_shapes", assigns=["doc.spans"])
def make_word_shapes(nlp: Language, name: str) -> "WordShapes":
    return WordShapes()


def word_regex(pattern) -> Optional[str]:
    """The regex of a one-word pattern matched on its text alone, else None."""
    if isinstance(pattern, list) and len(pattern) == 1 and isinstance(pattern[0], dict) \
            and pattern[0].keys() == {"TEXT"} and isinstance(pattern[0]["TEXT"], dict) \
            and pattern[0]["TEXT"].keys() == {"REGEX"} and isinstance(pattern[0]["TEXT"]["REGEX"], str):
        return pattern[0]["TEXT"]["REGEX"]
    return None


class WordShapes:
    def __init__(self):
        self._patterns: list[tuple[re.Pattern, str, str]] = []    # (regex, label, id)

    def add_patterns(self, entries: list[dict]) -> None:
        for entry in entries:
            self._patterns.append((re.compile(word_regex(entry["pattern"])), entry["label"], entry.get("id", "")))

    def __call__(self, doc: Doc) -> Doc:
        words, _ = doc_words(doc)
        found = {Span(doc, i, i + 1, label=label, span_id=span_id)
                 for regex, label, span_id in self._patterns
                 for i, word in enumerate(words) if regex.search(word)}     # as the Matcher's REGEX: search
        if found:
            doc.spans[SPANS_KEY] = sorted(found.union(doc.spans.get(SPANS_KEY, [])))
        return doc
