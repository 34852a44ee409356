"""Fields written inside an item's own words.

``…，负责人：韩雪，8月24日前完成``, ``…。负责人：柴晓琳；截止：3月28日；协作：卢峰``,
``… — owner @Jason, ETA 7/23``, ``…（刘工/10月18日）``: each field is cut out of
the task text and read separately.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..segment import label_field
from ..textnorm import fold

# English labels may be followed by a space instead of a colon: "DDL 7/17", "owner Amy".
_SPACE_LABELS = ("ddl", "eta", "due", "owner", "deadline", "by")
_BRACKET_PAIR = re.compile(r"[(（]\s*([^()（）/／]{1,20}?)\s*[/／]\s*([^()（）]{1,24}?)\s*[)）]\s*$")


@dataclass(frozen=True)
class InlineField:
    name: str          # canonical field: owner, deadline, collaborators, priority, task...
    value: str
    start: int         # span of the whole "label：value" in the text
    end: int
    value_start: int


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    from ..segment import _labels
    labels = sorted(_labels()["record"], key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in labels)
    spaced = "|".join(_SPACE_LABELS)
    # a value also ends where the next label starts: "责任人：施琳  完成时限：12月20日"
    stop = rf"(?=[,，;；。)）]|\s+-|\s*—|\s+(?:{alternation})\s*[:：]|$)"
    return re.compile(rf"(?:^|(?<=[\s,，;；。(（—\-|]))(?:({alternation})\s*[:：]|({spaced})\s+(?=\S))\s*(.*?){stop}",
                      re.I)


def inline_fields(text: str) -> list[InlineField]:
    """Every ``label：value`` of an item field in the text, left to right."""
    folded = fold(text).lower()
    out: list[InlineField] = []
    for m in _pattern().finditer(folded):
        label = m.group(1) or m.group(2)
        name = label_field(label, "record")
        if name is None or name in ("id", "remark"):
            continue
        value = text[m.start(3):m.end(3)].strip()
        if name == "task" or not value:
            continue
        out.append(InlineField(name, value, m.start(), m.end(), m.start(3)))
    return out


def bracket_pair(text: str) -> InlineField | None:
    """``（刘工/10月18日）`` at the end: who and by when."""
    m = _BRACKET_PAIR.search(text)
    if not m:
        return None
    return InlineField("pair", m.group(0), m.start(), m.end(), m.start(1))
