"""fold(text): the matching view of a text — same length, so offsets map back 1:1.

Rules, lexicons and patterns are written once, in Simplified script with ASCII
punctuation; `fold` brings Traditional characters, full-width forms and ideographic
spaces to that view. Output always quotes the original text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable, Optional

from .resources import model_path

_EXTRA = {
    "\u3000": " ", "\u00a0": " ", "\u2014": "-", "\u2013": "-", "\u2015": "-", "\uff5e": "~",
    "\u301c": "~", "\u2192": ">", "\u2022": "-", "\u00b7": "-", "\u25cf": "-", "\u25aa": "-",
    "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u3001": "、",
    "\u300c": '"', "\u300d": '"', "\u300e": '"', "\u300f": '"',
}


# Characters that fold to themselves, listed all the same: str.translate raises and clears a
# KeyError inside for each character its table lacks, which cost more than the folding itself
# (95% of the characters folded are ASCII or Han). Listing them changes no result.
_UNCHANGED = (range(0x80), range(0x3000, 0x3040), range(0x4E00, 0xA000))


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


@lru_cache(maxsize=1)
def _unchanged() -> dict[int, int]:
    return {code: code for block in _UNCHANGED for code in block}


@lru_cache(maxsize=1)
def _table() -> dict[int, int | str]:
    table: dict[int, int | str] = dict(_unchanged())
    table.update(_foldings())
    return table


@lru_cache(maxsize=1)
def matching_table() -> dict[int, int | str]:
    """The fold table with Latin letters lower-cased: what `fold_word` applies, as one translate table."""
    table: dict[int, int | str] = dict(_unchanged())
    table.update((code, ch.lower()) for code, ch in _foldings().items())
    table.update((ord(ch), ch.lower()) for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return table


def fold(text: str) -> str:
    """Simplified script, ASCII digits/letters/punctuation; one char in, one char out."""
    return text.translate(_table())


def fold_word(word: str) -> str:
    """Fold a lexicon entry; lower-cases Latin letters so 'ASAP' matches 'asap'."""
    return word.translate(matching_table())


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


def _trie_pattern(node: dict) -> str:
    if len(node) == 1:                   # one way on (most of a name's characters): no sorting, no list
        (ch, child), = node.items()
        return _escaped(ch) + _trie_pattern(child) if ch else ""
    branches = [_escaped(ch) + _trie_pattern(node[ch]) for ch in sorted(node) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_SPECIAL = frozenset("()[]{}?*+-|^$\\.&~# \t\n\r\v\f")      # what re.escape escapes


def _escaped(ch: str) -> str:
    return "\\" + ch if ch in _SPECIAL else ch
