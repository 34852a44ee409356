"""jieba's accurate mode (with its HMM for unknown words): compiled where jieba_fast_dat is
installed, in pure Python otherwise; jieba's answer, word for word, either way.

jieba cuts a block of Han, Latin and digits along the most probable path through the
words of its dictionary: for each position, every dictionary word starting there is a
choice, worth log(frequency) − log(total) plus the best path after it, and ties go to
the longer word. Runs of single characters that make no dictionary word go to its HMM
(finalseg), which labels each character Begin/Middle/End/Single of a word.

- `Segmenter`, pure Python, on jieba's own word table: the path search in one backward
  pass over plain lists, each word's weight computed once per process. The fallback
  (MINUTES_SEGMENTER=python, or no jieba_fast_dat wheel for the platform).
- `CompiledSegmenter`, the default: the same walk, with the path search and the HMM in
  jieba_fast_dat's C++ over a double-array trie of the same words. Its own cut (``lcut``)
  is *not* jieba's: it gives a tie between two equally probable paths to the shorter
  word (一/一一 for 一一一, jieba 一一/一), splits 62% and 0.3 inside a run of unknown
  characters (jieba keeps them whole) and cuts \\r\\n in two. So only two of its parts are
  used: the path search that breaks ties as jieba does (``_get_DAG_and_calc``), and the
  HMM on runs of Han characters, where its ties go another way than jieba's only when
  every labelling is impossible under the HMM (a character it never saw as a word of
  its own): such a run goes to jieba's HMM.

tests/test_speed.py checks both against ``jieba.Tokenizer.cut`` on notes and random text.
"""
from __future__ import annotations

import os
import re
import zlib
from functools import lru_cache
from math import log
from pathlib import Path
from typing import Optional

from . import startcache
from .errors import ConfigError
from .lexicon import import_jieba

# jieba's own patterns (jieba/__init__.py, jieba/finalseg/__init__.py), written out so that
# the compiled path need not import jieba; a test checks they are jieba's
_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)   # what the path search cuts
_SPACE = re.compile("(\r\n|\\s)", re.U)                              # between blocks
_HAN = re.compile("([\u4E00-\u9FD5]+)")                              # what the HMM labels
_LATIN = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")                   # kept whole beside it
_HMM_FLOOR = -3.14e100          # finalseg's MIN_FLOAT: the log-probability of what it never saw
_LABELLED_WORD = re.compile("BM*E|S")
SETTING = "MINUTES_SEGMENTER"


class Segmenter:
    """jieba's cut in pure Python, on jieba's word table (``tokenizer.FREQ``, ``tokenizer.total``)."""

    def __init__(self, tokenizer):
        self.freq: dict[str, int] = tokenizer.FREQ
        self.log_total = log(tokenizer.total)
        self.weights: dict[str, float] = {}

    def cut(self, text: str) -> list[str]:
        """The words of ``text``, as ``list(tokenizer.cut(text))`` gives them."""
        if len(text) == 1:          # a mark between two words the tokenizer keeps whole: a third of the calls
            return [text]
        words: list[str] = []
        pieces = _BLOCK.split(text)                  # [between, block, between, …, between]
        for index in range(1, len(pieces), 2):
            if pieces[index - 1]:
                _between(pieces[index - 1], words)
            self._cut_block(pieces[index], words)
        if pieces[-1]:
            _between(pieces[-1], words)
        return words

    def frequency(self, word: str) -> int:
        """The word's frequency in the dictionary (0 for a word it does not hold)."""
        return self.freq.get(word) or 0

    def _cut_block(self, block: str, words: list[str]) -> None:
        size = len(block)
        if size == 1:
            words.append(block)
            return
        ends = self._best_path(block)
        if ends[0] == size - 1:          # one dictionary word (a sixth of the blocks)
            words.append(block)
            return
        loose = -1                       # where the run of characters taken one by one began
        start = 0
        while start < size:
            stop = ends[start] + 1
            if stop == start + 1:
                if loose < 0:
                    loose = start
            else:
                if loose >= 0:
                    self._singles(block[loose:start], words)
                    loose = -1
                words.append(block[start:stop])
            start = stop
        if loose >= 0:
            self._singles(block[loose:], words)

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
        elif not self.frequency(run):
            self._unknown(run, words)
        else:
            words.extend(run)

    def _unknown(self, run: str, words: list[str]) -> None:
        words.extend(_finalseg().cut(run))


class CompiledSegmenter(Segmenter):
    """The same walk; the path search and the HMM in jieba_fast_dat's C++, over its trie of the same words."""

    def __init__(self, trie, total: int, native):
        self.trie, self.total = trie, float(total)
        self._route, self._frequency = native._get_DAG_and_calc, native._get_freq
        self._viterbi = native._finalseg_viterbi_cpp

    def frequency(self, word: str) -> int:
        return self._frequency(self.trie, word)

    def _best_path(self, block: str) -> list[int]:
        ends: list[int] = []
        self._route(self.trie, block, ends, self.total)     # ties to the longer word, as jieba
        return ends

    def _unknown(self, run: str, words: list[str]) -> None:
        """finalseg.cut: each Han stretch labelled by the HMM, Latin and digits between them kept as jieba keeps them."""
        if _HAN.fullmatch(run):                              # (most runs: Han alone)
            self._labelled(run, words)
            return
        pieces = _HAN.split(run)                             # [other, Han, other, …, other]
        if pieces[0]:
            _latin(pieces[0], words)
        for index in range(1, len(pieces), 2):
            han = pieces[index]
            if len(han) == 1:
                words.append(han)
            else:
                self._labelled(han, words)
            if pieces[index + 1]:
                _latin(pieces[index + 1], words)

    def _labelled(self, han: str, words: list[str]) -> None:
        probability, labels = self._viterbi(han)
        if probability > _HMM_FLOOR / 2:
            words.extend([han[m.start():m.end()] for m in _LABELLED_WORD.finditer(labels)])
        else:                # only jieba's own HMM breaks the ties among impossible labellings as jieba does
            words.extend(_finalseg().cut(han))


def _between(text: str, words: list[str]) -> None:
    """What lies between blocks, as jieba cuts it: one word per character, but \\r\\n is one."""
    if "\r\n" not in text:
        words.extend(text)
        return
    for index, piece in enumerate(_SPACE.split(text)):
        if index % 2:
            words.append(piece)
        else:
            words.extend(piece)


def _latin(text: str, words: list[str]) -> None:
    """Latin, digits and signs inside an unknown run: 62%, 0.3 and v2 whole, as finalseg keeps them."""
    if text.isalnum():
        words.append(text)
    elif text:
        words.extend([part for part in _LATIN.split(text) if part])


def _finalseg():
    return import_jieba().finalseg


# --------------------------------------------------------------------------- #
# Which one, and their tables
# --------------------------------------------------------------------------- #
def load(dictionary: Path) -> Segmenter:
    """The segmenter on ``dictionary``: compiled unless MINUTES_SEGMENTER says python or
    jieba_fast_dat cannot be imported (MINUTES_SEGMENTER=compiled makes that an error)."""
    choice = os.environ.get(SETTING, "").strip().lower()
    if choice not in ("", "python", "compiled"):
        raise ConfigError(f"{SETTING}={choice!r} 不是可用的分词方式；应为 python、compiled，或不设（能用编译版就用）")
    compiled = None if choice == "python" else _compiled(dictionary)
    if compiled is None and choice == "compiled":
        raise ConfigError(f"{SETTING}=compiled，但 jieba_fast_dat 无法导入；"
                          f"请安装它（pip install jieba_fast_dat），或不设 {SETTING}")
    return compiled or Segmenter(jieba_tokenizer(dictionary))


@lru_cache(maxsize=1)
def jieba_tokenizer(dictionary: Path):
    """jieba's tokenizer on ``dictionary``, its word table from the start-up cache: jieba's own
    cache file takes three times as long to read (marshal.load on a file object)."""
    jieba = import_jieba()
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer(dictionary=str(dictionary))

    def build() -> tuple[dict, int]:
        tokenizer.initialize()
        return tokenizer.FREQ, tokenizer.total

    tokenizer.FREQ, tokenizer.total = startcache.table("segmenter", dictionary, build)
    tokenizer.initialized = True
    return tokenizer


def _compiled(dictionary: Path) -> Optional[CompiledSegmenter]:
    """The compiled segmenter, its trie kept in the start-up cache; None without a usable jieba_fast_dat."""
    try:
        import jieba_fast_dat
        from jieba_fast_dat import _jieba_fast_dat_functions_py3 as native
        native._get_DAG_and_calc, native._get_freq, native._finalseg_viterbi_cpp    # private: a later release may differ
        jieba_fast_dat.finalseg.load_model()        # jieba's HMM tables, as the wheel carries them
    except (ImportError, AttributeError, OSError):
        return None
    total, _, data = startcache.table("segmenter-trie", dictionary, lambda: _trie_table(dictionary, native),
                                      valid=_intact)
    trie = native.DatTrie()
    trie.load_from_bytes(data)
    return CompiledSegmenter(trie, total, native)


def _trie_table(dictionary: Path, native) -> tuple[int, int, bytes]:
    """(total, checksum, trie): the trie built from jieba's own reading of the dictionary.

    A corrupt trie would make the C++ read out of bounds, so it is kept with its checksum."""
    table = jieba_tokenizer(dictionary)
    trie = native.DatTrie()
    trie.build([(word, count) for word, count in table.FREQ.items() if count])    # prefixes (0) need no entry
    data = trie.save_to_bytes()
    return table.total, zlib.crc32(data), data


def _intact(value) -> bool:
    return (isinstance(value, tuple) and len(value) == 3 and isinstance(value[2], bytes)
            and zlib.crc32(value[2]) == value[1])
