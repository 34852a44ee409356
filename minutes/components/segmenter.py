"""jieba's accurate mode (with its HMM for unknown words), computed with fewer Python steps.

jieba cuts a block of Han, Latin and digits along the most probable path through the
words of its dictionary: for each position, every dictionary word starting there is a
choice, worth log(frequency) − log(total) plus the best path after it, and ties go to
the longer word. It builds that as a dictionary of word ends (its DAG) and scores it
in a second pass, calling ``log`` for every choice. Here both happen in one backward
pass over plain lists, and each word's weight is computed once per process. Runs of
single characters that make no dictionary word go to jieba's own HMM (finalseg), as in
jieba. The answers are jieba's, word for word (tests/test_speed.py checks them against
``jieba.Tokenizer.cut`` on notes and on random strings); the dictionary, the block
patterns and the HMM are jieba's.
"""
from __future__ import annotations

from math import log

from ..lexicon import import_jieba

_jieba = import_jieba()
finalseg, re_han_default, re_skip_default = _jieba.finalseg, _jieba.re_han_default, _jieba.re_skip_default


class Segmenter:
    def __init__(self, tokenizer):
        self.freq: dict[str, int] = tokenizer.FREQ
        self.log_total = log(tokenizer.total)
        self.weights: dict[str, float] = {}

    def cut(self, text: str) -> list[str]:
        """The words of ``text``, as ``list(tokenizer.cut(text))`` gives them."""
        words: list[str] = []
        for block in re_han_default.split(text):
            if not block:
                continue
            if re_han_default.match(block):
                self._cut_block(block, words)
            else:                                  # spaces and line breaks whole, anything else char by char
                for piece in re_skip_default.split(block):
                    if re_skip_default.match(piece):
                        words.append(piece)
                    else:
                        words.extend(piece)
        return words

    def _cut_block(self, block: str, words: list[str]) -> None:
        ends = self._best_path(block)
        single = ""
        start = 0
        while start < len(block):
            stop = ends[start] + 1
            if stop - start == 1:
                single += block[start]
            else:
                if single:
                    self._singles(single, words)
                    single = ""
                words.append(block[start:stop])
            start = stop
        if single:
            self._singles(single, words)

    def _best_path(self, block: str) -> list[int]:
        """For each position, where the word starting there ends on the most probable path."""
        freq, weights = self.freq, self.weights
        size = len(block)
        score = [0.0] * (size + 1)
        ends = [0] * size
        for start in range(size - 1, -1, -1):
            best = best_end = None
            end = start
            while end < size:
                word = block[start:end + 1]
                count = freq.get(word)               # None: no dictionary word starts so (0: a prefix only)
                if count is None:
                    break
                if count:
                    value = (weights.get(word) or self._weight(word)) + score[end + 1]
                    if best is None or value >= best:       # a tie goes to the longer word
                        best, best_end = value, end
                end += 1
            if best is None:                                # no dictionary word starts here
                best, best_end = self._weight(block[start]) + score[start + 1], start
            score[start], ends[start] = best, best_end
        return ends

    def _weight(self, word: str) -> float:
        weight = self.weights.get(word)
        if weight is None:
            weight = self.weights[word] = log(self.freq.get(word) or 1) - self.log_total
        return weight

    def _singles(self, run: str, words: list[str]) -> None:
        """Characters the path took one by one: a known word stays cut, an unknown run goes to the HMM."""
        if len(run) == 1:
            words.append(run)
        elif not self.freq.get(run):
            words.extend(finalseg.cut(run))
        else:
            words.extend(run)
