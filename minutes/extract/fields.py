"""Fields written inside an item's own words.

``…，负责人：韩雪，8月24日前完成``, ``…。负责人：柴晓琳；截止：3月28日；协作：卢峰``,
``… — owner @Jason, ETA 7/23``, ``…（刘工/10月18日）``: each field is cut out of
the task text and read separately.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from datetime import date

from ..deadlines import find_deadlines
from ..labels import field_of
from ..parties import name_shaped, parse_parties
from ..textnorm import fold

# English labels may be followed by a space instead of a colon: "DDL 7/17", "owner Amy".
_SPACE_LABELS = ("ddl", "eta", "due", "owner", "deadline", "by")
# （刘工/10月18日） and （祁东，6月3日前）, closing the words (a mark may follow).
_SLASH_PAIR = re.compile(r"[(（]\s*+([^()（）/／]{1,20}?)\s*+[/／]\s*+([^()（）]{1,24}?)\s*+[)）][\s。；;，,.]*$")
_COMMA_PAIR = re.compile(r"[(（]\s*+([^()（）/／,，]{1,20}?)\s*+[,，]\s*+([^()（）,，]{1,24}?)\s*+[)）][\s。；;，,.]*$")


@dataclass(frozen=True)
class InlineField:
    name: str          # canonical field: owner, deadline, collaborators, priority, task...
    value: str
    start: int         # span of the whole "label：value" in the text
    end: int
    value_start: int


# "label：value" anywhere in an item's words; the label is any short run before a
# colon, and `labels.field_of` decides whether it names an item field.
_FIELD = re.compile(r"(?:^|(?<=[\s,，;；。(（\[【—\-|]))(?P<label>[^\s,，;；。:：()（）\[\]【】|\-—]{1,10}(?: [a-z]{2,8})?)\s*[:：]\s*"
                    rf"|(?:^|(?<=[\s,，;；。(（\[【—\-|]))(?P<spaced>{'|'.join(_SPACE_LABELS)})\s+(?=\S)"
                    r"|(?:^|(?<=[\s,，;；。(（]))(?P<bare>[\u4e00-\u9fff]{2,6})\s+(?=\S)", re.I)
_LABEL_END = re.compile(r"[:：]|\s")      # a label ends in a colon or, spaced or bare, before a space
_PROBE_DAY = date(2024, 6, 3)
_VALUE_END = re.compile(r"[,，;；。)）\]】]|\s+-|\s*—")


def inline_fields(text: str) -> list[InlineField]:
    """Every ``label：value`` of an item field in the text, left to right; a value
    ends at punctuation or where the next field's label starts."""
    if not _LABEL_END.search(text):
        return []
    folded = fold(text).lower()
    found = [(m, name) for m in _FIELD.finditer(folded) if (name := _field_name(m, folded)) is not None]
    out: list[InlineField] = []
    for i, (m, name) in enumerate(found):
        limit = found[i + 1][0].start() if i + 1 < len(found) else len(text)
        stop = _VALUE_END.search(folded, m.end(), limit)
        end = stop.start() if stop else limit
        if name in _PARTY_FIELDS:
            end = _before_a_spaced_date(text, m.end(), end)
        value = text[m.end():end].strip()
        if name in ("id", "remark", "task") or not value:
            continue
        out.append(InlineField(name, value, m.start(), m.end() + len(text[m.end():end].rstrip()), m.end()))
    return out


_PARTY_FIELDS = ("owner", "collaborators")
_GAP = re.compile(r"\s+")


def _before_a_spaced_date(text: str, start: int, end: int) -> int:
    """``负责人：周强 6月20日前``: a party's value ends at a space before a date; the date is the
    item's own."""
    for gap in _GAP.finditer(text, start, end):
        if gap.start() > start and any(d.start == 0 for d in find_deadlines(text[gap.end():end], _PROBE_DAY)):
            return gap.start()
    return end


def _field_name(m: re.Match, folded: str) -> str | None:
    match = field_of(m.group("label") or m.group("spaced") or m.group("bare"), "record")
    if match is None or m.group("bare") is not None and not _bare_value(match.field, folded[m.end():]):
        return None
    return match.field


def _bare_value(name: str, rest: str) -> bool:
    """A label written without its colon (责任人 于佳耕, 闭环时间 11.17) counts only before a value of
    its kind: a name for an owner, a date for a deadline."""
    head = re.split(r"[\s,，;；。]", rest.strip(), maxsplit=1)[0]
    if name == "owner":
        return any(name_shaped(p.name) for p in parse_parties(head)[:1])
    if name == "deadline":
        return any(d.start == 0 for d in find_deadlines(head, _PROBE_DAY))
    return False


def bracket_pair(text: str) -> InlineField | None:
    """``（刘工/10月18日）`` or ``（销售主管 范晓，周四前）`` at the end: who and by when. With a comma
    the first part must name a party and the second open with a day (（含税，预算以内） is neither)."""
    if "/" in text or "／" in text:
        m = _SLASH_PAIR.search(text)
        if m and not _slash_inside_a_date(text, m):
            return InlineField("pair", m.group(0), m.start(), m.end(), m.start(1))
    if "，" in text or "," in text:
        m = _COMMA_PAIR.search(text)
        if m and _names_a_party(m.group(1)) and _opens_with_a_day(m.group(2)):
            return InlineField("pair", m.group(0), m.start(), m.end(), m.start(1))
    return None


def _names_a_party(words: str) -> bool:
    parties = parse_parties(words)
    return bool(parties) and all(p.kind == "department" or p.kind == "person" and name_shaped(p.name)
                                 for p in parties)


def _opens_with_a_day(words: str) -> bool:
    return any(d.start == 0 for d in find_deadlines(words, _PROBE_DAY))


def _slash_inside_a_date(text: str, m: re.Match) -> bool:
    """``(ETA 3/12)``: the slash is a date's, not the one between who and when."""
    inner = text[m.start(1):m.end(2)]
    slash = m.end(1) + len(text[m.end(1):m.start(2)].rstrip()) - m.start(1) - 1
    return any(d.start < slash < d.end for d in find_deadlines(inner, _PROBE_DAY))
