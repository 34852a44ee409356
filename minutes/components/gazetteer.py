"""minutes_gazetteer: the document's own people and departments as PERSON / DEPT spans.

The per-document Gazetteer (built from the attendee list, host, recorder, owner
fields) rides on ``doc.user_data["gazetteer"]``; the tokenizer has already kept
its names whole, so every match is word-aligned. The spans are tuples in
``doc.user_data[GAZETTEER_SPANS_KEY]`` (see minutes/nlp.py).
"""
from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import GAZETTEER_SPANS_KEY, NAMES_KEY
from .tokenizer import doc_matching_text, doc_name_spans, doc_starts, doc_text, doc_words

GAZETTEER_KEY = "gazetteer"


@Language.factory("minutes_gazetteer", assigns=["doc.user_data"])
def make_gazetteer(nlp: Language, name: str) -> "GazetteerTagger":
    return GazetteerTagger()


class GazetteerTagger:
    def __call__(self, doc: Doc) -> Doc:
        gazetteer = doc.user_data.get(GAZETTEER_KEY)
        pattern = None
        if gazetteer is not None:
            pattern = doc.user_data[NAMES_KEY] if NAMES_KEY in doc.user_data else gazetteer.pattern()
        spans = []
        if pattern is not None:
            text, matching = doc_text(doc), doc_matching_text(doc)
            words, _ = doc_words(doc)
            starts = doc_starts(doc)
            labels: dict[str, str] = {}     # a name recurs; whether it is a person depends on its folded form alone
            for start, end in doc_name_spans(doc, pattern):
                found = word_range(words, starts, start, end)
                if found is not None:
                    name = matching[start:end]
                    label = labels.get(name)
                    if label is None:
                        label = labels[name] = "PERSON" if gazetteer.person(text[start:end]) else "DEPT"
                    spans.append((label, *found, start, end, ""))
        doc.user_data[GAZETTEER_SPANS_KEY] = spans
        return doc


def word_range(words: list[str], starts: list[int], start_char: int, end_char: int):
    """(first word, word after the last) of the characters, when they start a word and end one
    (``doc.char_span(…, alignment_mode="strict")``), else None."""
    first = bisect.bisect_left(starts, start_char)
    if first == len(starts) or starts[first] != start_char:
        return None
    last = bisect.bisect_right(starts, end_char - 1) - 1
    if last < first or starts[last] + len(words[last]) != end_char:
        return None
    return first, last + 1
