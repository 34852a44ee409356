"""When the meeting was held: its date and its start and end time.

A date is read by the deadline grammar (minutes/deadlines.py reads 2023年11月2日,
二〇二三年十一月二日, 2024.4.26, 2024/3/28, June 15, 2021 and Mar 07, 2023 alike); this
module only brings the forms it does not know to ones it does (民國113年 → 2024年,
20240430 → 2024-04-30, a time glued to a date) and chooses among the dates a note
holds. The meeting's own date wins over the dates around it:

    0-5  a labelled 会议时间 / 日期 / Date (the label's rank, a table's 时间 column last)
    6    the title or first heading (``周例会 2024-05-06``, ``### 20240430-任务布置``)
    7    an opening sentence that convenes it (``2023年11月2日上午，县长…主持召开…``)
    8    a chat export's day line or first message
    9    any other date among the first lines (an issue date, a header)

A date written without a year takes the year nearest the reference date, and stays
unknown when there is none (../CONTRACT.md, "Meeting date").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Optional

from .. import lexicon
from ..deadlines import ROC_OFFSET, find_deadlines
from ..textnorm import fold, once_per_document

_PROBE_DAY = date(2000, 1, 3)        # the grammar needs a reference; only explicit parts are kept
# 民國113年, or a three-digit year 1xx before a month (114年4月8日): no minutes are dated in the 2nd century
_ROC_YEAR = re.compile(r"(?:中华民国|民国)\s*(\d{2,3})\s*年|(?<![0-9])(1[0-9]{2})\s*年(?=\s*[0-9]{1,2}\s*月)")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_GLUED_TIME = re.compile(r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{2})(?=\d{1,2}:\d{2})")
_YEAR = re.compile(r"(?:19|20)\d{2}|[〇零一二三四五六七八九]{4}\s*年")
_CLOCK = re.compile(r"T(\d{2}:\d{2})$")


@dataclass(frozen=True)
class When:
    day: Optional[date]
    start: Optional[str]          # HH:MM
    end: Optional[str]
    has_year: bool = True


def parse_when(text: str, ref: Optional[date] = None) -> When:
    """The date, start and end time in a value such as ``2023年4月26日（星期三）10:00-11:40``."""
    return placed(read_when(text), ref)


def placed(when: When, ref: Optional[date]) -> When:
    """A day written without its year in the year nearest the reference (none without one)."""
    if when.day is not None and not when.has_year:
        return When(_nearest_year(when.day, ref), when.start, when.end, False)
    return when


def read_when(text: str) -> When:
    """What the text says, a day without its year left on the probe's year (see `placed`). The
    reference only places such a day, so a line asked again (a title as the stated day, then
    as a candidate) is read once per document, and a caller asks for a reference only when
    a day needs one."""
    return once_per_document("when", text, _read_when_afresh)


def _read_when_afresh(text: str) -> When:
    found = find_deadlines(_prepared(fold(text)), _PROBE_DAY)
    day, has_year = None, True
    for d in found:
        if d.iso and d.kind in ("date", "datetime") and _names_a_day(d.text):
            has_year = bool(_YEAR.search(d.text))
            day = date.fromisoformat(d.iso[:10])
            break
    times = [m.group(1) for d in found if d.iso and (m := _CLOCK.search(d.iso))]
    return When(day, times[0] if times else None, times[1] if len(times) > 1 else None, has_year)


# Languages a labelled date may be written in besides Chinese and English (which the grammar reads):
# dateparser knows their month and weekday names (3 décembre 2026, 12 de diciembre de 2026,
# 2026년 12월 3일, 03-Dec-2026). Naming them keeps it from trying all of its ~200 locales.
_OTHER_LANGUAGES = ["en", "fr", "de", "es", "pt", "it", "ru", "ja", "ko", "vi", "id", "ms", "th"]
_OTHER_LANGUAGE_LIMIT = 64           # a date field's value, not a paragraph


def parse_other_language_day(text: str, ref: Optional[date] = None) -> Optional[date]:
    """The day in a labelled date the grammar could not read, when it is written with letters
    of another script (month names in French, Spanish, Korean…). dateparser is imported here,
    on the first such value, so a start-up that never meets one does not pay for it."""
    text = text.strip()
    if len(text) > _OTHER_LANGUAGE_LIMIT or not any(c.isdigit() for c in text) \
            or not any(c.isalpha() and not "\u4e00" <= c <= "\u9fff" for c in text):
        return None
    import dateparser
    from datetime import datetime
    settings = {"REQUIRE_PARTS": ["day", "month"], "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DATES_FROM": "current_period",
                "RELATIVE_BASE": datetime.combine(ref or _PROBE_DAY, datetime.min.time())}
    for piece in [text, *re.split(r"[,，;；|｜(（]", text)[:4]]:
        if piece.strip() and (found := dateparser.parse(piece.strip(), languages=_OTHER_LANGUAGES,
                                                         settings=settings)):
            day = found.date()
            return day if re.search(r"\d{4}", piece) else _nearest_year(day, ref)
    return None


def _prepared(folded: str) -> str:
    """Forms the grammar does not read, rewritten to ones it does (the value only serves to find a date)."""
    text = _ROC_YEAR.sub(lambda m: f"{int(m.group(1) or m.group(2)) + ROC_OFFSET}年", folded)
    text = _COMPACT.sub(lambda m: f"{m.group(1)}-{m.group(2)}-{m.group(3)}", text)
    return _GLUED_TIME.sub(r"\1 ", text)


def _names_a_day(words: str) -> bool:
    """A month and a day are written (not 明天, 周五 or a bare clock time)."""
    return bool(_MONTH_AND_DAY.search(fold(words).lower()))


_MONTH_AND_DAY = re.compile(r"\d{1,2}\s*+[月/.\-]\s*+\d{1,2}|[月].{0,3}[日号]|(?<![a-z])[a-z]{3,}+\.?\s*+\d{1,2}"
                            r"|\d{1,2}\s++[a-z]{3,}")


def _nearest_year(day: Optional[date], ref: Optional[date]) -> Optional[date]:
    if day is None or ref is None:
        return None
    options = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            options.append(day.replace(year=year))
        except ValueError:               # 2月29日 in a common year
            continue
    return min(options, key=lambda d: abs((d - ref).days), default=None)


# --------------------------------------------------------------------------- #
# The next meeting
# --------------------------------------------------------------------------- #
@lru_cache(maxsize=1)
def next_meeting_phrase() -> re.Pattern:
    """下次例会 / 下一次会议 / 下次质控会 / next meeting: the meeting after this one."""
    prefixes = lexicon.alternation(lexicon.words("deadlines.yaml", "next_meeting_prefixes"))
    nouns = lexicon.alternation(lexicon.words("cues.yaml", "meeting_nouns"))
    return re.compile(rf"(?:{prefixes})\s?[^\s,，。;；:：]{{0,6}}?(?:{nouns})", re.I)


def next_meeting_date(units, ref: Optional[date]) -> Optional[tuple[str, object]]:
    """The date the notes give the next meeting (下次例会：9月11日, 下次会议定于2024年9月20日), after
    this one, and the unit that says it."""
    for unit in units:
        text = unit.text
        said = unit.label == "next_meeting" or unit.role == "next" or next_meeting_phrase().search(unit.fold.lower())
        if not said:
            continue
        when = parse_when(text, ref)
        if when.day and (ref is None or when.day > ref):
            return when.day.isoformat(), unit
    return None
