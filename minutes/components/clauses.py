"""minutes_clauses: sentence and clause spans, which never cross a line.

A sentence ends at 。！？；; or a line break; a clause also ends at ，, ：
or a dash/arrow used as a separator. Extraction reads owners, deadlines and cues
clause by clause, and keeps a sentence's clauses together as one task.
"""
from __future__ import annotations

import re

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
        doc.spans["clauses"] = list(_split(doc, CLAUSE_END, "CLAUSE", _unpunctuated_lines(doc.text)))
        return doc


_PUNCTUATION = re.compile(r"[，。！？；：,.!?;:、]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SPEAKER = re.compile(r"^[^:：\s]{1,12}[:：]")


def _unpunctuated_lines(text: str) -> set[int]:
    """Start offsets of lines written with no punctuation at all (speech turned into text), where
    a space between Han words is where the speaker paused."""
    out, position = set(), 0
    for line in text.split("\n"):
        said = _SPEAKER.sub("", line)                 # 发言人2：… — the speaker's colon is no punctuation of speech
        if " " in said.strip() and _HAN.search(said) and not _PUNCTUATION.search(said):
            out.add(position)
        position += len(line) + 1
    return out


def _split(doc: Doc, ends: set[str], label: str, paused: set[int] = frozenset()):
    start = 0
    line_start = 0
    for token in doc:
        text = token.text.strip(" \t") or token.text
        if "\n" in token.text:
            line_start = token.idx + token.text.rindex("\n") + 1
        if text in ends or "\n" in token.text:
            if token.i > start:
                yield Span(doc, start, token.i, label=label)
            start = token.i + 1
        elif line_start in paused and _pause_after(doc, token):
            yield Span(doc, start, token.i + 1, label=label)      # speech written down unpunctuated pauses here
            start = token.i + 1
    if start < len(doc):
        yield Span(doc, start, len(doc), label=label)


def _pause_after(doc: Doc, token) -> bool:
    """A space between two Han words of an unpunctuated line."""
    return bool(token.whitespace_) and "\n" not in token.whitespace_ and bool(_HAN.search(token.text)) \
        and token.i + 1 < len(doc) and bool(_HAN.search(doc[token.i + 1].text))
