"""Priority: a field's value (优先级：高, a 优先级 column, ☑紧急) or an item's own words."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .. import lexicon
from ..units import Unit
from ..textnorm import fold_word
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
    key = fold_word(value).strip(" 。.:：()（）[]")
    if key in _cell_words():
        return _cell_words()[key]
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
