"""minutes_clauses: sentence and clause spans, which never cross a line.

A sentence ends at 。！？；; or a line break; a clause also ends at ，, ：
or a dash/arrow used as a separator. Extraction reads owners, deadlines and cues
clause by clause, and keeps a sentence's clauses together as one task.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

SENTENCE_END = {"。", "！", "？", "!", "?", "；", ";", "\n"}
CLAUSE_END = SENTENCE_END | {"，", ",", "：", ":", "—", "——", "→", "->", "|"}


@Language.factory("minutes_clauses", assigns=["doc.spans"])
def make_clauses(nlp: Language, name: str) -> "ClauseSplitter":
    return ClauseSplitter()


class ClauseSplitter:
    def __call__(self, doc: Doc) -> Doc:
        doc.spans["sentences"] = list(_split(doc, SENTENCE_END, "SENT"))
        doc.spans["clauses"] = list(_split(doc, CLAUSE_END, "CLAUSE"))
        return doc


def _split(doc: Doc, ends: set[str], label: str):
    start = 0
    for token in doc:
        text = token.text.strip(" \t") or token.text
        if text in ends or "\n" in token.text:
            if token.i > start:
                yield Span(doc, start, token.i, label=label)
            start = token.i + 1
    if start < len(doc):
        yield Span(doc, start, len(doc), label=label)
