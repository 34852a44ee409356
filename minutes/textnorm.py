"""fold(text): the matching view of a text — same length, so offsets map back 1:1.

Rules, lexicons and patterns are written once, in Simplified script with ASCII
punctuation; `fold` brings Traditional characters, full-width forms and ideographic
spaces to that view. Output always quotes the original text.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Optional

from .resources import model_path
from .startcache import compile_regex

_EXTRA = {
    "\u3000": " ", "\u00a0": " ", "\u2014": "-", "\u2013": "-", "\u2015": "-", "\uff5e": "~",
    "\u301c": "~", "\u2192": ">", "\u2022": "-", "\u00b7": "-", "\u25cf": "-", "\u25aa": "-",
    "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u3001": "、",
    "\u300c": '"', "\u300d": '"', "\u300e": '"', "\u300f": '"',
}


@lru_cache(maxsize=1)
def _foldings() -> dict[int, str]:
    """What folding changes: full-width forms, Traditional characters, the _EXTRA marks."""
    table = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    for line in model_path("charsets/t2s.tsv").read_text(encoding="utf-8").splitlines():
        trad, _, simp = line.partition("\t")
        if len(trad) == 1 and len(simp) == 1:
            table[ord(trad)] = simp
    table.update({ord(k): v for k, v in _EXTRA.items()})
    return table


def folding_to(chars: str) -> str:
    """Every character that folds to one of these, themselves included (— and ― for -, ２ for 2)."""
    wanted = set(chars)
    return "".join(sorted(wanted | {chr(code) for code, to in _foldings().items() if to in wanted}))


@lru_cache(maxsize=1)
def matching_table() -> dict[int, str]:
    """The fold table with Latin letters lower-cased: what `fold_word` applies, as a translate table."""
    table = {code: ch.lower() for code, ch in _foldings().items()}
    table.update((ord(ch), ch.lower()) for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return table


class _Folding(NamedTuple):
    """A folding applied as a cut around the characters it changes, and a look-up of those.

    str.translate looks every character up in its table, and most characters fold to
    themselves (95% are ASCII or Han, and two thirds of the texts folded change not at all);
    re finds the few that change in one pass over a set of them."""

    split: Callable[[str], list[str]]    # text → [kept, changed char, kept, ...]
    replace: Callable[[str, str], str]   # dict.get(changed char, itself)


def _folding(table: dict[int, str]) -> _Folding:
    changed = {chr(code): to for code, to in table.items() if to != chr(code)}
    in_bmp = "".join(re.escape(ch) for ch in sorted(changed) if ord(ch) <= 0xFFFF)
    # re tests a set of BMP characters with one table look-up but compares characters past the
    # BMP one by one: the set takes all of those in as one range, and .get keeps the ones not folded
    return _Folding(compile_regex(f"([{in_bmp}\U00010000-\U0010FFFF])").split, changed.get)


@lru_cache(maxsize=1)
def _fold_folding() -> _Folding:
    return _folding(_foldings())


@lru_cache(maxsize=1)
def _word_folding() -> _Folding:
    return _folding(matching_table())


def _folded(text: str, folding: _Folding) -> str:
    parts = folding.split(text)
    if len(parts) == 1:
        return text
    changed = parts[1::2]
    parts[1::2] = map(folding.replace, changed, changed)
    return "".join(parts)


def fold(text: str) -> str:
    """Simplified script, ASCII digits/letters/punctuation; one char in, one char out."""
    memo = _DOCUMENT.get()
    if memo is None:
        return _folded(text, _fold_folding())
    folded = memo.folds.get(text)            # asked some hundred times per document: no helper between
    if folded is None:
        folded = memo.folds[text] = _folded(text, _fold_folding())
    return folded


def fold_word(word: str) -> str:
    """Fold a lexicon entry; lower-cases Latin letters so 'ASAP' matches 'asap'."""
    memo = _DOCUMENT.get()
    if memo is None:
        return _folded(word, _word_folding())
    folded = memo.word_folds.get(word)
    if folded is None:
        folded = memo.word_folds[word] = _folded(word, _word_folding())
    return folded


# --------------------------------------------------------------------------- #
# What one document's texts gave, kept while it is read
# --------------------------------------------------------------------------- #
class _DocumentMemo:
    """The same words come back many times in one document (a cell, its record, its row's
    task; a name in every list it is in), and each reader folds them again. Kept for one
    document only: nothing a document says outlives it."""

    __slots__ = ("folds", "word_folds", "others")

    def __init__(self) -> None:
        self.folds: dict[str, str] = {}
        self.word_folds: dict[str, str] = {}
        self.others: dict[str, dict] = {}


_DOCUMENT: ContextVar[Optional[_DocumentMemo]] = ContextVar("minutes_document_memo", default=None)


@contextmanager
def one_document() -> Iterator[None]:
    """While one document is read (pipeline), what is worked out from its texts is kept; a
    step that opens its own (extract, called alone) inside the pipeline's shares the pipeline's."""
    if _DOCUMENT.get() is not None:
        yield
        return
    token = _DOCUMENT.set(_DocumentMemo())
    try:
        yield
    finally:
        _DOCUMENT.reset(token)


def document_memo(name: str) -> Optional[dict]:
    """The memo called ``name`` of the document being read (text → what it gave), None outside one."""
    memo = _DOCUMENT.get()
    if memo is None:
        return None
    found = memo.others.get(name)
    if found is None:
        found = memo.others[name] = {}
    return found


def once_per_document(name: str, text: str, read: Callable[[str], Any]) -> Any:
    """``read(text)``, asked once per document for the same text (memo ``name``); afresh outside one."""
    memo = document_memo(name)
    if memo is None:
        return read(text)
    found = memo.get(text)
    if found is None:
        found = memo[text] = read(text)
    return found


def trie_regex(words: Iterable[str], compile: Callable[[str], re.Pattern] = re.compile) -> Optional[re.Pattern]:
    """One regex matching any of the words, longest first, built from their trie.

    ``compile`` may be the start-up cache's (startcache.compile_regex) for the rule data's
    words, never for words from a document (its people's names must not be kept on disk).
    """
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True
    if not trie:
        return None
    return compile(_trie_pattern(trie))


def word_start_scan(words: list[str], buckets: int = 5) -> str:
    """A regex that finds, at each place where one of the words starts, the longest one
    starting there (its group 1). It consumes that place's character and looks back at it: re
    skips ahead to a class of first characters by itself, and the next search may start at
    the next place (overlapping words are all found).

    re tries a trie's branches one by one, and where none matches (most places) it has looked
    at every branch's first character: the first characters are split into a few buckets,
    each behind a lookahead of its characters, so a place looks only at its own bucket's."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word)
    firsts = sorted(by_first)
    size = -(-len(firsts) // buckets)
    groups = [firsts[i:i + size] for i in range(0, len(firsts), size)]
    trie = "|".join(f"(?=[{_character_class(chars)}])" + trie_regex([w for c in chars for w in by_first[c]], str) for chars in groups)
    return f"[{_character_class(firsts)}](?<=(?=({trie}))(?s:.))"


def _character_class(characters) -> str:
    return "".join(map(re.escape, characters))


def _trie_pattern(node: dict) -> str:
    chain = ""
    while len(node) == 1:                # one way on (most of a name's characters): no sorting, no list
        (ch, node), = node.items()
        if not ch:
            return chain
        chain += _escaped(ch)
    branches = [_escaped(ch) + _trie_pattern(node[ch]) for ch in sorted(node) if ch]
    if not branches:
        return chain
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return chain + (f"(?:{body})?" if "" in node else body)


_SPECIAL = frozenset("()[]{}?*+-|^$\\.&~# \t\n\r\v\f")      # what re.escape escapes


def _escaped(ch: str) -> str:
    return "\\" + ch if ch in _SPECIAL else ch
