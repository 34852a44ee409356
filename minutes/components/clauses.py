"""minutes_clauses: sentence and clause spans, which never cross a line.

A sentence ends at 。！？；; or a line break; a clause also ends at ，, ：
or a dash/arrow used as a separator. Extraction reads owners, deadlines and cues
clause by clause, and keeps a sentence's clauses together as one task.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from .tokenizer import doc_text, doc_words

SENTENCE_END = {"。", "！", "？", "!", "?", "；", ";", "\n"}
CLAUSE_END = SENTENCE_END | {"，", ",", "：", ":", "—", "——", "→", "->", "|"}


@Language.factory("minutes_clauses", assigns=["doc.spans"])
def make_clauses(nlp: Language, name: str) -> "ClauseSplitter":
    return ClauseSplitter()


class ClauseSplitter:
    def __call__(self, doc: Doc) -> Doc:
        doc.spans["sentences"] = list(_split(doc, SENTENCE_END, "SENT"))
        doc.spans["clauses"] = list(_split(doc, CLAUSE_END, "CLAUSE", _unpunctuated_lines(doc_text(doc))))
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
    words, spaces = doc_words(doc)
    start = 0
    line_start = 0
    offset = 0
    for i, word in enumerate(words):
        text = word.strip(" \t") or word
        if "\n" in word:
            line_start = offset + word.rindex("\n") + 1
        if text in ends or "\n" in word:
            if i > start:
                yield Span(doc, start, i, label=label)
            start = i + 1
        elif line_start in paused and _pause_after(words, spaces, i):
            yield Span(doc, start, i + 1, label=label)      # speech written down unpunctuated pauses here
            start = i + 1
        offset += len(word) + spaces[i]
    if start < len(words):
        yield Span(doc, start, len(words), label=label)


def _pause_after(words: list[str], spaces: list[bool], i: int) -> bool:
    """A space between two Han words of an unpunctuated line."""
    return spaces[i] and bool(_HAN.search(words[i])) and i + 1 < len(words) and bool(_HAN.search(words[i + 1]))
