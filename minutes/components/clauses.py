"""minutes_clauses: sentences and clauses, which never cross a line.

A sentence ends at 。！？；; or a line break; a clause also ends at ，, ：
or a dash/arrow used as a separator. Extraction reads owners, deadlines and cues
clause by clause, and keeps a sentence's clauses together as one task.

They are kept as character offsets in ``doc.user_data`` (SENTENCES_KEY, CLAUSES_KEY), two lists
each, their starts and their ends: their reader wants only offsets, and finds those of a unit
by bisection; a document has hundreds of them.
"""
from __future__ import annotations

import bisect
import itertools
import operator
import re

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import CLAUSES_KEY, SENTENCES_KEY
from .tokenizer import PerWord, doc_starts, doc_text, doc_words

SENTENCE_END = {"。", "！", "？", "!", "?", "；", ";", "\n"}
CLAUSE_END = SENTENCE_END | {"，", ",", "：", ":", "—", "——", "→", "->", "|"}


@Language.factory("minutes_clauses", assigns=["doc.user_data"])
def make_clauses(nlp: Language, name: str) -> "ClauseSplitter":
    return ClauseSplitter()


class ClauseSplitter:
    def __init__(self):
        self._ends = PerWord(_word_end)     # what a word ends, worked out once per word

    def __call__(self, doc: Doc) -> Doc:
        words, spaces = doc_words(doc)
        starts = doc_starts(doc)
        ends = self._ends.of(doc)
        word_ends = list(map(operator.add, starts, map(len, words)))
        cuts = list(itertools.compress(range(len(words)), ends))
        sentence_ends = [i for i in cuts if ends[i] >= _SENTENCE]
        doc.user_data[SENTENCES_KEY] = _offsets(starts, word_ends, sentence_ends, _after(sentence_ends))
        pauses = _pauses(words, spaces, starts, cuts, ends, _unpunctuated_lines(doc_text(doc)))
        if pauses:          # a pause ends a clause after its word, punctuation before itself
            paused = set(pauses)
            cuts = sorted(cuts + pauses)
            doc.user_data[CLAUSES_KEY] = _offsets(starts, word_ends, [i + (i in paused) for i in cuts], _after(cuts))
        else:
            doc.user_data[CLAUSES_KEY] = _offsets(starts, word_ends, cuts, _after(cuts))
        return doc


_CLAUSE, _SENTENCE, _LINE = 1, 2, 3         # what a word ends (0: nothing)


def _word_end(word: str) -> int:
    text = word.strip(" \t") or word
    if "\n" in word:
        return _LINE
    return _SENTENCE if text in SENTENCE_END else _CLAUSE if text in CLAUSE_END else 0


def _after(cuts: list[int]) -> list[int]:
    """The word after each cut: where the next range begins."""
    return list(map(operator.add, cuts, itertools.repeat(1)))


def _offsets(starts: list[int], word_ends: list[int], stops: list[int], nexts: list[int]) -> tuple[list[int], list[int]]:
    """The character offsets of the word ranges between cuts, each cut given by where the range
    before it stops and where the next begins, as two lists: where each range starts, and where
    it ends (where its last word ends, without its space). An empty range is none."""
    firsts, stops = [0, *nexts], [*stops, len(starts)]
    kept = list(map(operator.lt, firsts, stops))
    lasts = map(operator.sub, itertools.compress(stops, kept), itertools.repeat(1))
    return list(map(starts.__getitem__, itertools.compress(firsts, kept))), list(map(word_ends.__getitem__, lasts))


_PUNCTUATION = re.compile(r"[，。！？；：,.!?;:、]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SPEAKER = re.compile(r"^[^:：\s]{1,12}[:：]")


def _unpunctuated_lines(text: str) -> set[int]:
    """Start offsets of lines written with no punctuation at all (speech turned into text), where
    a space between Han words is where the speaker paused."""
    out, position = set(), 0
    for line in text.split("\n"):
        if " " in line and _spoken_with_pauses(line):     # (most lines hold no space: no regex for them)
            out.add(position)
        position += len(line) + 1
    return out


def _spoken_with_pauses(line: str) -> bool:
    said = _SPEAKER.sub("", line)                 # 发言人2：… — the speaker's colon is no punctuation of speech
    return " " in said.strip() and bool(_HAN.search(said)) and not _PUNCTUATION.search(said)


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
