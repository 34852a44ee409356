"""minutes_gazetteer: the document's own people and departments as PERSON / DEPT spans.

The per-document Gazetteer (built from the attendee list, host, recorder, owner
fields) rides on ``doc.user_data["gazetteer"]``; the tokenizer has already kept
its names whole, so every match is token-aligned.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..textnorm import fold_word
from .tokenizer import doc_text

GAZETTEER_KEY = "gazetteer"
SPANS_KEY = "gazetteer"


@Language.factory("minutes_gazetteer", assigns=["doc.spans"])
def make_gazetteer(nlp: Language, name: str) -> "GazetteerTagger":
    return GazetteerTagger()


class GazetteerTagger:
    def __call__(self, doc: Doc) -> Doc:
        gazetteer = doc.user_data.get(GAZETTEER_KEY)
        pattern = gazetteer.pattern() if gazetteer is not None else None
        spans: list[Span] = []
        if pattern is not None:
            folded = fold_word(doc_text(doc))
            for m in pattern.finditer(folded):
                span = doc.char_span(m.start(), m.end(), alignment_mode="strict")
                if span is None:
                    continue
                label = "PERSON" if gazetteer.person(span.text) else "DEPT"
                spans.append(Span(doc, span.start, span.end, label=label))
        doc.spans[SPANS_KEY] = spans
        return doc
