"""Priority: a field's value (优先级：高, a 优先级 column, ☑紧急) or an item's own words."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .. import lexicon
from ..units import Unit
from ..textnorm import fold_word, folding_to
from .reading import Reading

_CHECKED = re.compile(r"[☑✔✓■▣√]\s*([^\s☑✔✓■▣√□☐]+)|\[[xX]\]\s*(\S+)")
_BOXES = re.compile(r"[□☐☑✔✓■▣√]")
_LABELS = {"PRIORITY_HIGH": "high", "PRIORITY_MEDIUM": "medium", "PRIORITY_LOW": "low"}


@lru_cache(maxsize=1)
def _cell_words() -> dict[str, str]:
    return {fold_word(w): level for level in ("high", "medium", "low") for w in lexicon.words("priority.yaml", level, "cell")}


def cell_priority(value: str) -> Optional[str]:
    """The level a priority field states; a checkbox form counts only its ticked box."""
    if _BOXES.search(value):
        m = _CHECKED.search(value)
        value = (m.group(1) or m.group(2)) if m else ""
    key = fold_word(value).strip(" 。.:：()（）[]\ufe0f")
    if key in _cell_words():
        return _cell_words()[key]
    if key in _default_marks():                      # a 优先级 column of 🔴 / 🟡 / 🟢
        return _default_marks()[key]
    for word, level in sorted(_cell_words().items(), key=lambda kv: -len(kv[0])):
        if len(word) > 1 and word in key:
            return level
    return None


@lru_cache(maxsize=1)
def _inline_levels() -> dict[str, str]:
    return {fold_word(w): level for level in ("high", "medium", "low") for w in lexicon.words("priority.yaml", level, "inline")}


@lru_cache(maxsize=1)
def _heading_words() -> re.Pattern:
    alternation = "|".join(re.escape(w) for w in sorted(_inline_levels(), key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])({alternation})(?![a-z0-9])")


def heading_priority(unit: Unit) -> Optional[tuple[str, Unit, int]]:
    """Urgency written on an enclosing heading (## 止血措施（特急）) governs its items: (level, heading, offset)."""
    for heading in reversed(unit.headings):
        m = _heading_words().search(fold_word(heading.text))
        if m:
            return _inline_levels()[m.group(1)], heading, m.start(1)
    return None


def inline_priority(reading: Reading, unit: Unit, start: int = 0, end: Optional[int] = None) -> Optional[tuple[str, int]]:
    """A priority word among the item's own tokens (P1, 紧急, 不急, 低优先级): (level, offset)."""
    hits = reading.cues(unit, *_LABELS, start=start, end=end)
    return (_LABELS[hits[0].label], hits[0].start) if hits else None


# --------------------------------------------------------------------------- #
# Marks and their legend
# --------------------------------------------------------------------------- #
@lru_cache(maxsize=1)
def _default_marks() -> dict[str, str]:
    return {mark: level for level in ("high", "medium", "low") for mark in lexicon.words("priority.yaml", "marks", level)}


@lru_cache(maxsize=1)
def _any_mark() -> re.Pattern:
    """A character that folds to the first of a mark's: what a line needs before a legend is looked for."""
    return re.compile(f"[{re.escape(folding_to(''.join(mark[0] for mark in _default_marks())))}]")


@lru_cache(maxsize=1)
def _legend_pattern() -> re.Pattern:
    marks = "|".join(re.escape(m) for m in sorted(_default_marks(), key=len, reverse=True))
    links = "|".join(re.escape(fold_word(w)) for w in sorted(lexicon.words("priority.yaml", "legend_links"),
                                                            key=len, reverse=True))
    return re.compile(rf"({marks})\s*(?:{links})\s*([^\s,，;；/|)）★☆]{{1,8}})")


def read_legend(units: list[Unit]) -> dict[str, str]:
    """What each mark stands for in these notes: its default, unless a legend line says otherwise.
    A legend line (（★ 为高优先级事项）, 🔴 高 / 🟡 中 / 🟢 低) is no content; it gets kind "noise"."""
    marks = dict(_default_marks())
    for unit in units:
        if unit.kind not in ("line", "heading") or len(unit.text) > _LEGEND_MAX or not _any_mark().search(unit.text):
            continue                # a legend names a mark: most lines have none to fold and look for
        found = [(m.group(1), cell_priority(m.group(2))) for m in _legend_pattern().finditer(fold_word(unit.text))]
        found = [(mark, level) for mark, level in found if level]
        if found and (len(found) > 1 or re.match(r"^\s*[(（]|^\s*(?:注|说明|图例)", unit.text)
                      or len(_legend_pattern().sub("", fold_word(unit.text)).strip(" ()（）。.;；:：")) <= 4):
            marks.update(found)
            unit.kind, unit.noise = "noise", "优先级图例"
    return marks


_LEGEND_MAX = 40


def mark_priority(text: str, marks: dict[str, str]) -> Optional[tuple[str, int]]:
    """The level a mark beside an item stands for, and where it is."""
    for mark, level in marks.items():
        at = text.find(mark)
        if at >= 0:
            return level, at
    return None
