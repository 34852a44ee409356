"""minutes_clauses: sentences and clauses, which never cross a line.

A sentence ends at 。！？；; or a line break; a clause also ends at ，, ：
or a dash/arrow used as a separator. Extraction reads owners, deadlines and cues
clause by clause, and keeps a sentence's clauses together as one task.

They are kept as character offsets in ``doc.user_data`` (SENTENCES_KEY, CLAUSES_KEY),
not as spans: their readers want only offsets, and a document has hundreds of them.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import CLAUSES_KEY, SENTENCES_KEY
from .tokenizer import doc_text, doc_words

SENTENCE_END = {"。", "！", "？", "!", "?", "；", ";", "\n"}
CLAUSE_END = SENTENCE_END | {"，", ",", "：", ":", "—", "——", "→", "->", "|"}


@Language.factory("minutes_clauses", assigns=["doc.user_data"])
def make_clauses(nlp: Language, name: str) -> "ClauseSplitter":
    return ClauseSplitter()


class ClauseSplitter:
    def __call__(self, doc: Doc) -> Doc:
        words, spaces = doc_words(doc)
        starts = _word_starts(words, spaces)
        doc.user_data[SENTENCES_KEY] = _offsets(words, starts, _split(words, spaces, SENTENCE_END))
        doc.user_data[CLAUSES_KEY] = _offsets(words, starts, _split(words, spaces, CLAUSE_END,
                                                                    _unpunctuated_lines(doc_text(doc))))
        return doc


def _word_starts(words: list[str], spaces: list[bool]) -> list[int]:
    starts, position = [], 0
    for word, spaced in zip(words, spaces):
        starts.append(position)
        position += len(word) + spaced
    return starts


def _offsets(words: list[str], starts: list[int], ranges) -> list[tuple[int, int]]:
    """Word ranges as character offsets (the end is that of the last word, without its space)."""
    return [(starts[first], starts[stop - 1] + len(words[stop - 1])) for first, stop in ranges]


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


def _split(words: list[str], spaces: list[bool], ends: set[str], paused: set[int] = frozenset()):
    """Word ranges (first, stop) of the sentences or clauses."""
    start = 0
    line_start = 0
    offset = 0
    for i, word in enumerate(words):
        text = word.strip(" \t") or word
        if "\n" in word:
            line_start = offset + word.rindex("\n") + 1
        if text in ends or "\n" in word:
            if i > start:
                yield start, i
            start = i + 1
        elif line_start in paused and _pause_after(words, spaces, i):
            yield start, i + 1      # speech written down unpunctuated pauses here
            start = i + 1
        offset += len(word) + spaces[i]
    if start < len(words):
        yield start, len(words)


def _pause_after(words: list[str], spaces: list[bool], i: int) -> bool:
    """A space between two Han words of an unpunctuated line."""
    return spaces[i] and bool(_HAN.search(words[i])) and i + 1 < len(words) and bool(_HAN.search(words[i + 1]))
