"""minutes_clauses: sentences and clauses, which never cross a line.

A sentence ends at 。！？；; or a line break; a clause also ends at ，, ：
or a dash/arrow used as a separator. Extraction reads owners, deadlines and cues
clause by clause, and keeps a sentence's clauses together as one task.

They are kept as character offsets in ``doc.user_data`` (SENTENCES_KEY, CLAUSES_KEY),
not as spans: their readers want only offsets, and a document has hundreds of them.
"""
from __future__ import annotations

import bisect
import itertools
import re

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import CLAUSES_KEY, SENTENCES_KEY
from .tokenizer import doc_starts, doc_text, doc_words

SENTENCE_END = {"。", "！", "？", "!", "?", "；", ";", "\n"}
CLAUSE_END = SENTENCE_END | {"，", ",", "：", ":", "—", "——", "→", "->", "|"}


@Language.factory("minutes_clauses", assigns=["doc.user_data"])
def make_clauses(nlp: Language, name: str) -> "ClauseSplitter":
    return ClauseSplitter()


class ClauseSplitter:
    def __init__(self):
        self._ends: dict[str, int] = {}     # word → what it ends (_word_end), worked out once per word

    def __call__(self, doc: Doc) -> Doc:
        words, spaces = doc_words(doc)
        starts = doc_starts(doc)
        ends = self._ends_of(words)
        cuts = list(itertools.compress(range(len(words)), ends))
        doc.user_data[SENTENCES_KEY] = _offsets(words, starts, _ranges(
            len(words), [(i, False) for i in cuts if ends[i] >= _SENTENCE]))
        pauses = _pauses(words, spaces, starts, cuts, ends, _unpunctuated_lines(doc_text(doc)))
        doc.user_data[CLAUSES_KEY] = _offsets(words, starts, _ranges(
            len(words), sorted([(i, False) for i in cuts] + [(i, True) for i in pauses])))
        return doc

    def _ends_of(self, words: list[str]) -> list[int]:
        """What each word ends (_word_end)."""
        if len(self._ends) > MAX_WORDS:
            self._ends.clear()
        for word in set(words).difference(self._ends):
            self._ends[word] = _word_end(word)
        return list(map(self._ends.__getitem__, words))


MAX_WORDS = 200_000                         # the table of words seen, cleared when it grows past this
_CLAUSE, _SENTENCE, _LINE = 1, 2, 3         # what a word ends (0: nothing)


def _word_end(word: str) -> int:
    text = word.strip(" \t") or word
    if "\n" in word:
        return _LINE
    return _SENTENCE if text in SENTENCE_END else _CLAUSE if text in CLAUSE_END else 0


def _ranges(length: int, cuts: list[tuple[int, bool]]):
    """Word ranges (first, stop) between the cuts (word, kept): a punctuation word ends a range
    and belongs to none, a pause ends one after its word."""
    start = 0
    for i, kept in cuts:
        stop = i + 1 if kept else i
        if stop > start:
            yield start, stop
        start = i + 1
    if start < length:
        yield start, length


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


def _pauses(words: list[str], spaces: list[bool], starts: list[int], cuts: list[int], ends: list[int],
            paused: set[int]) -> list[int]:
    """The words after which the speaker of an unpunctuated line paused: a space between two Han
    words (no punctuation ends them)."""
    if not paused:
        return []
    lines = [i for i in cuts if ends[i] == _LINE]
    out = []
    for line_start in sorted(paused):
        first = bisect.bisect_left(starts, line_start)
        if first and not _last_line_break_before(words[first - 1], starts[first - 1], line_start):
            continue        # no word starts that line (it lies inside a word)
        after = bisect.bisect_left(lines, first)
        stop = lines[after] if after < len(lines) else len(words)
        out += [i for i in range(first, stop) if not ends[i] and _pause_after(words, spaces, i)]
    return out


def _last_line_break_before(word: str, start: int, line_start: int) -> bool:
    return "\n" in word and start + word.rindex("\n") + 1 == line_start


def _pause_after(words: list[str], spaces: list[bool], i: int) -> bool:
    """A space between two Han words of an unpunctuated line."""
    return spaces[i] and bool(_HAN.search(words[i])) and i + 1 < len(words) and bool(_HAN.search(words[i + 1]))
