"""Find the time expressions in minutes text and resolve them to deadlines.

Every expression is resolved forward from the meeting's reference (its date, and its
start time when known), as ../CONTRACT.md ("Deadlines") states: weeks start on Monday,
下周三 is Wednesday of the next calendar week, a bare 周五 / 10月20日 / 11:30 is the
next such day or time (today included), 月底 is the calendar month end, and
N个工作日内 counts China's working days (holidays and 调休 included, see holidays.py).

How it works: the words live in nlp_models/deadlines.yaml (only the characters of the
date syntax itself, 年 月 日 号 点 时 分 刻 第, are written into the patterns here). On
first use they are compiled into one regular expression per *rule* (an absolute date,
a month-day, a weekday, a duration, a vague word, ...). Matching runs the rules over
the text after a one-for-one character folding (full-width → ASCII, Latin → lower case,
Traditional → Simplified), keeps the longest non-overlapping matches, and only then
resolves the chosen ones to dates.
"""
from __future__ import annotations

import math
import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property, lru_cache, partial
from typing import Callable, Iterator, NamedTuple, Optional

import chinese_calendar

from . import resources
from .errors import RuleFileError
from .holidays import WorkCalendar, default_calendar
from .startcache import compile_regex
from .textnorm import document_memo, fold_word, word_start_scan

__all__ = ["Deadline", "find_deadlines", "resolve_deadline"]

_RULE_FILE = "deadlines.yaml"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MAX_WORKDAYS = 5000
_PARTIAL_RULES = {"day_of_month", "clock", "weekday", "weekday_en"}  # may lean on the date before them
_MAX_WORD_SETS = 4096  # combinations of trigger words kept with the rules they run (_Grammar._rules_of)
_EVENT_SPAN = 12  # the longest event description looked back for before 后 (收到…后3天内)
_SPACE = r"[ \t\xa0]"  # a time expression does not run across lines
_WHOLE = "_whole"  # the group of a rule's match proper (see _starting_with)
_OPENING = re.compile(r"\s*[(（]\s*")  # between a weekday and the date in brackets after it


@dataclass(frozen=True)
class Deadline:
    """One time expression found in a text, and what it resolves to.

    ``text`` is the exact words (``text == source[start:end]``); ``iso`` is
    ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM`` when a day is fixed, else None; ``kind`` is
    date | datetime | vague | undetermined | conditional; ``bounded`` says the words
    carry a deadline marker (前, 内, 底, 截止, DDL, by, ...); ``warnings`` name limits of
    the answer, such as a working-day count past the holiday data.
    """

    text: str
    start: int
    end: int
    iso: Optional[str]
    kind: str
    bounded: bool
    warnings: tuple[str, ...] = ()

    @property
    def vague(self) -> bool:
        return self.kind == "vague"


# --------------------------------------------------------------------------- #
# Public entry points
# --------------------------------------------------------------------------- #
def find_deadlines(text: str, ref: date | datetime, *, calendar: WorkCalendar | None = None,
                   folded: str | None = None) -> list[Deadline]:
    """Every time expression in ``text``, left to right, non-overlapping, longest first.

    ``folded`` is ``textnorm.fold(text)`` when the caller has it already (a Unit's ``fold``):
    folding a line is a tenth of its scan, and every unit of a document is folded before
    its deadlines are looked for.
    """
    if not isinstance(ref, date):
        raise TypeError(f"ref must be a date or datetime, got {type(ref).__name__}")
    if not isinstance(text, str) or not text.strip():
        return []
    grammar = _grammar()
    candidates = _candidates(grammar, text, folded)
    if not candidates:
        return []
    ctx = _document_context(ref, calendar or default_calendar(), grammar.lex)
    found: list[Deadline] = []
    for candidate in _longest_first(candidates):
        deadline = _deadline(candidate, text, _joined_context(found, candidate, text, ctx))
        if deadline is not None:
            found.append(deadline)
    return _bracketed_dates_win(found, text, grammar)


def _candidates(grammar: "_Grammar", text: str, folded: Optional[str]) -> list["_Candidate"]:
    """The rules' matches in a text, once per document: a table cell is read as a date, as a
    unit and as its record's field, each with a reference day of its own."""
    memo = document_memo("deadline candidates")
    if memo is None:
        return grammar.candidates(_matching_view(text, folded))
    found = memo.get(text)       # the text says what its view is
    if found is None:
        found = memo[text] = grammar.candidates(_matching_view(text, folded))
    return found


def _matching_view(text: str, folded: Optional[str]) -> str:
    """The text as the rules read it: folded, Latin letters in lower case. From a folded text
    only ASCII letters are left to lower (bytes.lower touches nothing else; a test checks that
    this gives the lexicon's own folding for every character of the fold table)."""
    if folded is None or len(folded) != len(text):
        return fold_word(text)
    if folded.isascii():
        return folded.lower()
    return folded.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def _bracketed_dates_win(found: list[Deadline], text: str, grammar: "_Grammar") -> list[Deadline]:
    """``周五（10/21）前``: a date in brackets right after a weekday says which one; they are one
    deadline, the date's, bounded when a suffix follows the bracket."""
    out: list[Deadline] = []
    for d in found:
        before = out[-1] if out else None
        if before and before.kind in ("date", "datetime") and d.iso and _OPENING.fullmatch(text, before.end, d.start) \
                and (closing := grammar.bracket_close.match(text, d.end)) \
                and grammar.weekday_only.fullmatch(fold_word(before.text)):
            bounded = d.bounded or bool(closing.group(1))
            out[-1] = Deadline(text[before.start:closing.end()], before.start, closing.end(), d.iso, d.kind, bounded, d.warnings)
        elif before and before.kind in ("date", "datetime") and d.iso and _SPACE_ONLY.fullmatch(text, before.end, d.start) \
                and _only_a_weekday(grammar, before.text):       # by Fri 10/18, 周五 10/18前: the date says which Friday
            out[-1] = Deadline(text[before.start:d.end], before.start, d.end, d.iso, d.kind,
                               before.bounded or d.bounded, d.warnings)
        else:
            out.append(d)
    return out


_SPACE_ONLY = re.compile(r"[ \t]+")


def _only_a_weekday(grammar: "_Grammar", words: str) -> bool:
    """The words name a weekday and nothing more, perhaps after a deadline prefix (by, 截止)."""
    folded = fold_word(words).lower()
    prefix = grammar.prefix.match(folded)
    return bool(grammar.weekday_said.fullmatch(folded, prefix.end(_WHOLE) if prefix else 0))


def resolve_deadline(text: str, ref: date | datetime, *, calendar: WorkCalendar | None = None) -> Deadline | None:
    """The one deadline of a phrase: first bounded, else first fixed, else first of any kind."""
    found = find_deadlines(text, ref, calendar=calendar)
    for wanted in (lambda d: d.bounded, lambda d: d.iso is not None, lambda d: True):
        for deadline in found:
            if wanted(deadline):
                return deadline
    return None


# --------------------------------------------------------------------------- #
# The resolution context and values
# --------------------------------------------------------------------------- #
class _Context(NamedTuple):
    day: date
    now: Optional[datetime]
    calendar: WorkCalendar
    lex: "_Lexicon"


class _Value(NamedTuple):
    kind: str
    day: Optional[date] = None
    moment: Optional[datetime] = None
    warnings: tuple[str, ...] = ()

    @property
    def iso(self) -> Optional[str]:
        if self.moment is not None:
            return self.moment.isoformat(timespec="minutes")   # strftime drops the zeros of years < 1000
        return self.day.isoformat() if self.day is not None else None


def _document_context(ref: date | datetime, calendar: WorkCalendar, lex: "_Lexicon") -> _Context:
    """The context of a reference day, made once per document: its units all share one."""
    memo = document_memo("deadline contexts")
    if memo is None:
        return _context(ref, calendar, lex)
    key = (ref, calendar)
    ctx = memo.get(key)
    if ctx is None:
        ctx = memo[key] = _context(ref, calendar, lex)
    return ctx


def _context(ref: date | datetime, calendar: WorkCalendar, lex: "_Lexicon") -> _Context:
    if isinstance(ref, datetime):
        return _Context(ref.date(), ref.replace(second=0, microsecond=0), calendar, lex)
    return _Context(ref, None, calendar, lex)


def _on_day(day: date, minutes: int) -> datetime:
    return datetime.combine(day, time()) + timedelta(minutes=minutes)


# --------------------------------------------------------------------------- #
# Candidates and selection
# --------------------------------------------------------------------------- #
class _Rule(NamedTuple):
    name: str
    pattern: re.Pattern
    resolve: Callable[[dict, _Context], Optional[_Value]]
    accept: Optional[Callable[[re.Match], bool]] = None
    extend: Optional[Callable[[str, re.Match], Optional[int]]] = None
    triggers: frozenset = frozenset()  # every match holds one of these characters
    prefixed: bool = True              # may take a deadline prefix (截止, by, DDL:)
    needs: frozenset = frozenset()     # and one of these words (none: a trigger character will do)
    needs_also: tuple[frozenset, ...] = ()  # and one word of each of these too


class _Candidate(NamedTuple):
    start: int
    end: int
    order: int
    rule: _Rule
    match: re.Match
    prefixed: bool


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    if len(candidates) == 1:
        return candidates
    taken: list[_Candidate] = []
    for cand in sorted(candidates, key=_longest_leftmost):
        start, end = cand.start, cand.end
        for t in taken:
            if end > t.start and start < t.end:
                break
        else:
            taken.append(cand)
    taken.sort()    # by start: two kept candidates never share one
    return taken


def _longest_leftmost(c: _Candidate) -> tuple[int, int, int]:
    return c.start - c.end, c.start, c.order


def _joined_context(found: list[Deadline], cand: _Candidate, text: str, ctx: _Context) -> _Context:
    """The second half of 4月22日至26日, 14:00-16:30 or 下周一至周三 counts from the first half's day."""
    if not found or found[-1].iso is None or not _is_partial(cand):
        return ctx
    if not ctx.lex.joiner.fullmatch(fold_word(text[found[-1].end:cand.start])):
        return ctx
    return ctx._replace(day=date.fromisoformat(found[-1].iso[:10]), now=None)


def _is_partial(cand: _Candidate) -> bool:
    """A bare day of month, clock time or weekday (no 下/本 of its own)."""
    return cand.rule.name in _PARTIAL_RULES and not ("ws" in cand.match.re.groupindex and cand.match["ws"])


def _deadline(cand: _Candidate, text: str, ctx: _Context) -> Deadline | None:
    groups = cand.match.groupdict()
    groups["_lead"] = text[cand.start:cand.match.start()]
    groups["_pre"] = cand.prefixed
    try:
        value = cand.rule.resolve(groups, ctx)
    except (ValueError, OverflowError):
        value = None  # an impossible date (2月30日) or one past year 9999
    if value is None:
        return None
    return Deadline(text[cand.start:cand.end], cand.start, cand.end, value.iso, value.kind,
                    _is_bounded(groups, ctx.lex), value.warnings)


def _is_bounded(g: dict, lex: "_Lexicon") -> bool:
    if g.get("_pre") or g.get("mark") or g.get("end") or g.get("within"):
        return True
    if g.get("dp") and lex.daypart.get(_key(g["dp"])) == "end_of_day":
        return True
    return bool(g.get("dir")) and lex.direction.get(_key(g["dir"])) == "within"


# --------------------------------------------------------------------------- #
# Numbers
# --------------------------------------------------------------------------- #
def _key(surface: str) -> str:
    return " ".join(surface.lower().split())


def _int(text: str, lex: "_Lexicon") -> int:
    """Digits or Chinese numerals: 15, 十五, 廿, 两千零四, 二零一五 (digit by digit)."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        return int(text)
    if len(text) > 1 and all(ch in lex.digits for ch in text):
        return int("".join(str(lex.digits[ch]) for ch in text))
    return _positional(text, lex)


def _positional(text: str, lex: "_Lexicon") -> int:
    total = current = 0
    for ch in text:
        if ch in lex.digits:
            current = lex.digits[ch]
        elif ch in lex.units:
            total += (current or 1) * lex.units[ch]
            current = 0
        else:
            raise ValueError(f"not a number: {text!r}")
    return total + current


def _amount(text: str, lex: "_Lexicon") -> Optional[float]:
    """A duration's count; None for words that fix no count (几, 数)."""
    key = _key(text)
    if key in lex.vague_numbers:
        return None
    if key == "半":
        return 0.5
    if key in lex.numbers_en:
        return lex.numbers_en[key]
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", key):
        return float(key)
    return _int(text, lex)


def _year(text: str, lex: "_Lexicon") -> int:
    value = _int(text, lex)
    return 2000 + value if text.isascii() and len(text) == 2 else value


# --------------------------------------------------------------------------- #
# Calendar arithmetic
# --------------------------------------------------------------------------- #
def _add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _first_on_or_after(ref: date, make: Callable[[int], Optional[date]], years: int = 9) -> Optional[date]:
    """The first ``make(year)`` that exists and is not before ``ref``."""
    for year in range(ref.year, ref.year + years):
        try:
            found = make(year)
        except ValueError:
            continue
        if found is not None and found >= ref:
            return found
    return None


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> Optional[date]:
    if n < 0:
        last = _month_end(year, month)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    found = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return found if found.month == month else None


# --------------------------------------------------------------------------- #
# Clock times
# --------------------------------------------------------------------------- #
def _clock_minutes(g: dict, lex: "_Lexicon") -> Optional[int]:
    """Minutes after midnight of the clock time in the match, or None when there is none."""
    parts = _clock_parts(g, lex)
    if parts is None:
        return None
    hour, minute, meridiem = parts
    hour = _shift_hour(hour, meridiem or lex.daypart.get(_key(g.get("dp") or "")), lex)
    if not (0 <= hour <= 24 and 0 <= minute < 60) or (hour == 24 and minute):
        raise ValueError(f"no such time {hour}:{minute:02d}")
    return hour * 60 + minute


def _clock_parts(g: dict, lex: "_Lexicon") -> Optional[tuple[int, int, Optional[str]]]:
    if g.get("hh"):
        return int(g["hh"]), int(g["mm"]), lex.meridiem.get(_key(g.get("ap") or ""))
    if g.get("hh2"):
        return int(g["hh2"]), 0, lex.meridiem.get(_key(g["ap2"]))
    if g.get("hc"):
        return _int(g["hc"], lex), _clock_minute(g, lex), None
    return None


def _clock_minute(g: dict, lex: "_Lexicon") -> int:
    if g.get("half"):
        return 30
    if g.get("qtr"):
        return 15 * _int(g["qtr"], lex)
    return _int(g["mc"], lex) if g.get("mc") else 0


def _shift_hour(hour: int, part: Optional[str], lex: "_Lexicon") -> int:
    """Apply a day part or am/pm; with none, office hours make 1-6 afternoon."""
    if part in ("pm", "afternoon"):
        return hour + 12 if hour < 12 else hour
    if part == "evening":
        return hour + 12 if hour <= 12 else hour  # 晚上12点 is 24:00, the midnight ending the day
    if part == "noon":
        return hour + 12 if hour < 6 else hour
    if part in ("am", "early_morning"):
        return 0 if hour == 12 else hour
    if part is None or part == "end_of_day":
        return hour + 12 if hour in lex.afternoon_hours else hour
    return hour


def _finish_day(day: Optional[date], g: dict, ctx: _Context) -> Optional[_Value]:
    """A resolved day plus whatever follows it: a clock time, or 后/起 (from then on)."""
    if day is None:
        return None
    if g.get("after"):
        return _Value("vague")
    minutes = _clock_minutes(g, ctx.lex)
    if minutes is None:
        return _Value("date", day)
    return _Value("datetime", moment=_on_day(day, minutes))


# --------------------------------------------------------------------------- #
# Day rules: each returns the day; _finish_day adds the clock time
# --------------------------------------------------------------------------- #
def _explicit_year(g: dict, ctx: _Context) -> Optional[int]:
    if g.get("ys"):
        return ctx.day.year + ctx.lex.year_shift[_key(g["ys"])]
    return _year(g["y"], ctx.lex) if g.get("y") else None


def _day_ymd(g: dict, ctx: _Context) -> date:
    return date(_year(g["y"], ctx.lex), _int(g["m"], ctx.lex), _int(g["d"], ctx.lex))


def _day_roc(g: dict, ctx: _Context) -> date:
    return date(int(g["y"]) + ROC_OFFSET, int(g["m"]), int(g["d"]))


ROC_OFFSET = 1911     # a year of the Republic of China (民國114年, 114/03/31) + this = the common era


def _day_dmy(g: dict, ctx: _Context) -> date:
    """30/8/2024 is D/M/Y (first number over 12); 6/8/2024 is M/D/Y unless that day has passed and
    the D/M reading has not (5/9/2025 in a meeting of 2025-08-14 is 5 September: deadlines lie ahead)."""
    first, second, year = int(g["a"]), int(g["b"]), int(g["y"])
    if first > 12:
        return date(year, second, first)
    month_first = date(year, first, second)
    if second <= 12 and month_first < ctx.day <= (day_first := date(year, second, first)):
        return day_first
    return month_first


def _day_month_day(g: dict, ctx: _Context) -> Optional[date]:
    month = ctx.lex.month_en[_key(g["mon"])] if g.get("mon") else _int(g["m"], ctx.lex)
    day, year = _int(g["d"], ctx.lex), _explicit_year(g, ctx)
    if year is not None:
        return date(year, month, day)
    return _first_on_or_after(ctx.day, lambda y: date(y, month, day))


def _day_slash(g: dict, ctx: _Context) -> Optional[date]:
    """6/20 is month/day; 30/8 (first number over 12) is day/month."""
    if int(g["m"]) > 12:
        g = {**g, "m": g["d"], "d": g["m"]}
    return _day_month_day(g, ctx)


def _day_month_shift(g: dict, ctx: _Context) -> date:
    year = _explicit_year(g, ctx)
    first = date(ctx.day.year if year is None else year, ctx.day.month, 1)
    first = _add_months(first, ctx.lex.month_shift[_key(g["ms"])])
    return first.replace(day=_int(g["d"], ctx.lex))


def _day_of_month(g: dict, ctx: _Context) -> Optional[date]:
    day = _int(g["d"], ctx.lex)
    for months in range(13):
        first = _add_months(ctx.day.replace(day=1), months)
        if day <= monthrange(first.year, first.month)[1] and first.replace(day=day) >= ctx.day:
            return first.replace(day=day)
    return None


def _day_relative(g: dict, ctx: _Context) -> date:
    if g.get("nwd"):                                  # 下个工作日: weekends, holidays and 调休 as for N个工作日
        return ctx.calendar.add_workdays(ctx.day, 1)
    word = g.get("rd") or g["rs"]
    table = ctx.lex.relative_days if g.get("rd") else ctx.lex.relative_stems
    return ctx.day + timedelta(days=table[_key(word)])


def _day_weekday(g: dict, ctx: _Context) -> date:
    weekday = ctx.lex.weekday[_key(g["wd"])]
    shift = ctx.lex.week_shift[_key(g["ws"])] if g.get("ws") else 0
    day = _monday(ctx.day) + timedelta(days=7 * shift + weekday)
    return day + timedelta(days=7) if shift == 0 and day < ctx.day else day


def _day_nth_weekday(g: dict, ctx: _Context) -> Optional[date]:
    month, weekday = _int(g["m"], ctx.lex), ctx.lex.weekday[_key(g["wd"])]
    n = -1 if g.get("last") else _int(g["n"], ctx.lex)
    year = _explicit_year(g, ctx)
    if year is not None:
        return _nth_weekday(year, month, weekday, n)
    return _first_on_or_after(ctx.day, lambda y: _nth_weekday(y, month, weekday, n))


def _day_nth_workday(g: dict, ctx: _Context) -> Optional[date]:
    n = -1 if g.get("last") else _int(g["n"], ctx.lex)
    if not 1 <= abs(n) <= _MAX_WORKDAYS_IN_MONTH:
        return None
    year = _explicit_year(g, ctx)

    def in_month(y: int, month: int) -> Optional[date]:
        start = date(y, month, 1) - timedelta(days=1) if n > 0 else date(y, month, monthrange(y, month)[1]) + timedelta(days=1)
        day = ctx.calendar.add_workdays(start, n)
        return day if day.month == month else None
    if g.get("ms"):
        first = _add_months(date(ctx.day.year if year is None else year, ctx.day.month, 1), ctx.lex.month_shift[_key(g["ms"])])
        return in_month(first.year, first.month)
    month = _int(g["m"], ctx.lex)
    if year is not None:
        return in_month(year, month)
    return _first_on_or_after(ctx.day, lambda y: in_month(y, month))


_MAX_WORKDAYS_IN_MONTH = 23


def _day_holiday(g: dict, ctx: _Context) -> Optional[date] | _Value:
    key = ctx.lex.holiday[_key(g.get("hol") or g["holm"])]
    when = ctx.lex.holiday_rule[key]
    year = _explicit_year(g, ctx)
    day = when(year) if year is not None else _first_on_or_after(ctx.day, when)
    if day is not None and g.get("hoff"):                # 国庆节前一天, 春节后三天: counted from the holiday itself
        return day + timedelta(days=_int(g["hoffn"], ctx.lex) * (-1 if g["hoff"] == "前" else 1))
    if day is None or not (g.get("mark") or g.get("firstwd")):
        return day
    if not ctx.calendar.is_statutory_holiday(day):
        return day if ctx.calendar.covers(day.year) or key not in ctx.lex.statutory else _estimated_edge(g, day, ctx)
    first, last = ctx.calendar.days_off_around(day)
    if g.get("firstwd"):                        # 元旦后第一个工作日
        return ctx.calendar.add_workdays(last, 1)
    return ctx.calendar.add_workdays(first, -1)  # 国庆前: the last working day before the break



def _estimated_edge(g: dict, day: date, ctx: _Context) -> _Value:
    """国庆前 in a year whose holiday schedule is not published yet: the working day next to the
    holiday itself by weekends alone, with the calendar's warning (the real break may be longer)."""
    edge = ctx.calendar.add_workdays(day, 1 if g.get("firstwd") else -1)
    return _Value("date", edge, warnings=ctx.calendar.warnings_for(day))


def _resolve_holiday_edge(g: dict, ctx: _Context) -> _Value:
    """节前 / 节后第一个工作日: the working day before or after the next public holiday; vague
    when none begins soon (节前 in March names no holiday)."""
    block = ctx.calendar.next_holiday(ctx.day, ctx.lex.holiday_edge_days)
    if block is None:
        return _Value("vague")
    first, last = block
    day = ctx.calendar.add_workdays(first, -1) if g.get("end") else ctx.calendar.add_workdays(last, 1)
    return _Value("date", day, warnings=ctx.calendar.warnings_for(day))


# --------------------------------------------------------------------------- #
# Periods: a week, month, quarter or year → its last day
# --------------------------------------------------------------------------- #
def _week_end(ctx: _Context, shift: int) -> date:
    return _monday(ctx.day) + timedelta(days=7 * shift + 6)


def _day_week(g: dict, ctx: _Context) -> date:
    return _week_end(ctx, ctx.lex.week_shift[_key(g["ws"])] if g.get("ws") else 0)


def _day_month(g: dict, ctx: _Context) -> Optional[date]:
    if g.get("ms"):
        day = _add_months(ctx.day.replace(day=1), ctx.lex.month_shift[_key(g["ms"])])
        return _month_end(day.year, day.month)
    if not g.get("m"):
        return _month_end(ctx.day.year, ctx.day.month)
    month, year = _int(g["m"], ctx.lex), _explicit_year(g, ctx)
    if year is not None:
        return _month_end(year, month)
    return _first_on_or_after(ctx.day, lambda y: _month_end(y, month))


def _day_year(g: dict, ctx: _Context) -> date:
    year = _explicit_year(g, ctx)
    return date(ctx.day.year if year is None else year, 12, 31)


def _quarter_end(year: int, quarter: int) -> date:
    return _month_end(year, 3 * quarter)


def _day_quarter(g: dict, ctx: _Context) -> Optional[date]:
    current = (ctx.day.month - 1) // 3
    if not g.get("q"):
        shift = ctx.lex.quarter_shift[_key(g["qs"])] if g.get("qs") else 0
        year, index = divmod(current + shift, 4)
        return _quarter_end(ctx.day.year + year, index + 1)
    quarter, year = ctx.lex.quarter[_key(g["q"])], _explicit_year(g, ctx)
    if year is not None:
        return _quarter_end(year, quarter)
    return _first_on_or_after(ctx.day, lambda y: _quarter_end(y, quarter))


def _day_period_en(g: dict, ctx: _Context) -> date:
    period, shift = ctx.lex.period_en[_key(g["pen"])]
    if period == "week":
        return _week_end(ctx, shift)
    if period == "month":
        day = _add_months(ctx.day.replace(day=1), shift)
        return _month_end(day.year, day.month)
    return date(ctx.day.year + shift, 12, 31)


# --------------------------------------------------------------------------- #
# Durations: 3个工作日内, 两周内, 24小时内, 5天前, 会后3天内, 收到协议后3个工作日内
# --------------------------------------------------------------------------- #
def _resolve_duration(g: dict, ctx: _Context) -> Optional[_Value]:
    if "." in g["n"] and g.get("unit") in ("日", "号"):
        return None                             # 3.8日前 is 8 March, not 3.8 days ago
    amount = _amount(g["n"], ctx.lex)
    if amount is None:
        return _Value("vague")
    if g.get("half") or g.get("unit_half"):     # 一个半月, 一年半
        amount += 0.5
    direction = ctx.lex.direction.get(_key(g.get("dir") or ""), "within")
    sign = -1 if direction == "ago" else 1
    unit = ctx.lex.unit[_key(g["unit"])] if g.get("unit") else ctx.lex.unit[_key("个" + g["bare_unit"])]
    return _offset(ctx, sign * amount, unit)


def _offset(ctx: _Context, amount: float, unit: str) -> Optional[_Value]:
    if unit == "workday":
        return _offset_workdays(ctx, math.ceil(amount) if amount > 0 else math.floor(amount))
    if unit in ("month", "year"):
        months = amount * (12 if unit == "year" else 1)
        if months == int(months):
            return _Value("date", _add_months(ctx.day, int(months)))
        return _offset_days(ctx, round(months * 30))
    delta = timedelta(**{unit + "s": amount})
    if unit in ("day", "week") and delta.days * 86400 == delta.total_seconds():
        return _offset_days(ctx, delta.days)
    return _offset_time(ctx, delta)


def _offset_days(ctx: _Context, days: int) -> _Value:
    return _Value("date", ctx.day + timedelta(days=days))


def _offset_time(ctx: _Context, delta: timedelta) -> _Value:
    """N小时内 / N分钟前: an instant with a known start time, else the date it falls on."""
    if ctx.now is not None:
        return _Value("datetime", moment=ctx.now + delta)
    whole_days = int(delta.total_seconds() / 86400)
    return _Value("date", ctx.day + timedelta(days=whole_days))


def _offset_workdays(ctx: _Context, n: int) -> Optional[_Value]:
    if abs(n) > _MAX_WORKDAYS:
        return None
    day = ctx.calendar.add_workdays(ctx.day, n)
    warnings = dict.fromkeys(ctx.calendar.warnings_for(ctx.day) + ctx.calendar.warnings_for(day))
    return _Value("date", day, warnings=tuple(warnings))


def _resolve_counted(g: dict, ctx: _Context) -> Optional[_Value]:
    """A duration counted from an event: the meeting, a date, or something unknown."""
    anchor = _anchor(g["_lead"], ctx)
    if anchor is None:
        return _Value("conditional")
    return _resolve_duration(g, anchor)


def _anchor(event: str, ctx: _Context) -> Optional[_Context]:
    if _meeting_event(event, ctx.lex):
        return ctx
    for found in reversed(find_deadlines(event, ctx.now or ctx.day, calendar=ctx.calendar)):
        if found.end == len(event) and found.iso is not None:
            moment = datetime.fromisoformat(found.iso)
            now = moment if "T" in found.iso else None
            return _Context(moment.date(), now, ctx.calendar, ctx.lex)
    return None


def _meeting_event(event: str, lex: "_Lexicon") -> Optional[str]:
    folded = fold_word(event)
    return next((w for w in lex.meeting_events if folded.endswith(w)), None)


def _event_start(text: str, m: re.Match, lex: "_Lexicon") -> Optional[int]:
    """Where the event before 后 starts: back to punctuation, a boundary word or a verb."""
    end = m.start()
    start = end
    while start > max(0, end - _EVENT_SPAN) and not lex.event_stop.match(text, start - 1):
        start -= 1
    event = text[start:end]
    if not event:
        return None
    meeting = _meeting_event(event, lex)
    if meeting:
        return end - len(meeting)
    if m["conn"] in lex.start_connectors and not _ends_with_date(text[:end], start):
        return None
    return start + _event_offset(event, lex)


def _event_offset(event: str, lex: "_Lexicon") -> int:
    cut = max((event.rfind(b) + len(b) for b in lex.event_boundaries if b in event), default=0)
    rest = event[cut:]
    # 张三收到协议 starts at its verb; in 合同签订 the verb ends the event and keeps its subject
    verb = min((rest.find(v) for v in lex.event_verbs if v in rest and not rest.endswith(v)), default=0)
    return cut + verb


def _ends_with_date(text: str, start: int) -> bool:
    found = find_deadlines(text[start:], date(2000, 1, 1))
    return bool(found) and found[-1].end == len(text) - start and found[-1].iso is not None


# --------------------------------------------------------------------------- #
# Clock-only, end of day, now, vague and undetermined
# --------------------------------------------------------------------------- #
def _resolve_clock(g: dict, ctx: _Context) -> Optional[_Value]:
    if g.get("after"):
        return _Value("vague")
    moment = _on_day(ctx.day, _clock_minutes(g, ctx.lex))
    if ctx.now is not None and moment < ctx.now:
        moment += timedelta(days=1)
    return _Value("datetime", moment=moment)


def _clock_is_time(m: re.Match) -> bool:
    """三点 alone may count points (提出三点建议); it is a time only with more around it."""
    if m["dp"] or m["mark"] or m["after"] or m["mm"] or m["ap2"]:
        return True
    return bool(m["mc"] or m["half"] or m["qtr"] or re.search("[钟整]", m[_WHOLE]))


def _resolve_today(g: dict, ctx: _Context) -> _Value:
    return _Value("date", ctx.day)


def _resolve_now(g: dict, ctx: _Context) -> _Value:
    return _Value("datetime", moment=ctx.now) if ctx.now is not None else _Value("date", ctx.day)


def _resolve_kind(kind: str) -> Callable[[dict, _Context], _Value]:
    return lambda g, ctx: _Value(kind)


def _with_day(day_of: Callable[[dict, _Context], Optional[date]]) -> Callable[[dict, _Context], Optional[_Value]]:
    return lambda g, ctx: _finished(day_of(g, ctx), g, ctx)


def _finished(found: Optional[date] | _Value, g: dict, ctx: _Context) -> Optional[_Value]:
    """A day rule gives a day, or a day with warnings (an estimate) that the finished value keeps."""
    if not isinstance(found, _Value):
        return _finish_day(found, g, ctx)
    value = _finish_day(found.day, g, ctx)
    return value._replace(warnings=found.warnings) if value is not None else None


def _week_is_period(m: re.Match) -> bool:
    return bool(m["ws"] or m["end"] or m["within"])


def _month_is_period(m: re.Match) -> bool:
    if m["end"]:
        return True
    return bool(m["ms"]) or bool(m["within"] and not m["m"])


# --------------------------------------------------------------------------- #
# The lexicon: deadlines.yaml turned into lookups and regex alternations
# --------------------------------------------------------------------------- #
class _Lexicon:
    """Lookups from surface form (lower case, folded) to meaning."""

    def __init__(self, data: dict):
        self.data = data
        self.digits = {ch: int(v) for v, chars in self.section("numerals", dict).items() for ch in chars}
        self.units = {ch: int(v) for v, chars in self.section("numeral_units", dict).items() for ch in chars}
        self.numbers_en = self.index("numbers_en", int)
        self.weekday = self.index("weekdays", _WEEKDAYS.index)
        self.week_shift = self.index("week_shift", int)
        self.month_shift = self.index("month_shift", int)
        self.year_shift = self.index("year_shift", int)
        self.quarter = self.index("quarters", int)
        self.quarter_shift = self.index("quarter_shift", int)
        self.relative_days = self.index("relative_days", int)
        self.relative_stems = self.index("relative_day_stems", int)
        self.daypart = self.index("dayparts", str)
        self.meridiem = self.index("meridiem", str)
        self.unit = self.index("duration_units", str)
        self.month_en = self.index("months_en", lambda k: _MONTHS.index(k) + 1)
        self.period_en = self.index("period_words_en", _period_key)
        self.holiday = self.index("holidays", str) | self.index("holidays_with_mark", str)
        self.statutory = frozenset(self.words("statutory_holidays"))
        if self.statutory - set(self.section("holidays", dict)):
            raise RuleFileError(f"规则文件 '{_RULE_FILE}' 中 statutory_holidays 只能列 holidays 里的节日")
        self.target_verbs = tuple(_key(w) for w in self.words("target_verbs"))
        self.holiday_edge = self.index("holiday_edges", str)      # checked: every edge is before or after
        if set(self.holiday_edge.values()) - {"before", "after"}:
            raise RuleFileError(f"规则文件 '{_RULE_FILE}' 中 holiday_edges 只能分为 'before' 和 'after' 两项")
        self.holiday_edge_days = self.section("holiday_edge_days", int)
        self.direction = self._directions()
        self.vague_numbers = {_key(w) for w in self.words("vague_numbers")}
        self.afternoon_hours = frozenset(self.section("afternoon_hours", list))
        self.meeting_events = sorted(self.words("meeting_events"), key=len, reverse=True)
        self.event_boundaries = self.words("event_boundaries")
        self.event_verbs = self.words("event_verbs")
        self.start_connectors = set(self.words("start_connectors"))
        self.event_stop = re.compile(r"\W")
        self.joiner = _regex(r"\s*" + self.alt("date_joiners") + r"\s*")
        self.holiday_rule = _holiday_rules(self.section("holiday_dates", dict), self.section("lunar_dates", dict),
                                           set(self.section("holidays", dict)))

    def section(self, key: str, kind: type):
        value = self.data.get(key)
        if not isinstance(value, kind) or not value:
            raise RuleFileError(f"规则文件 '{_RULE_FILE}' 中 '{key}' 应为非空的 {kind.__name__}")
        return value

    def words(self, key: str) -> list[str]:
        words = self.section(key, list)
        if not all(isinstance(w, str) and w for w in words):
            raise RuleFileError(f"规则文件 '{_RULE_FILE}' 中 '{key}' 应为非空字符串的列表")
        return words

    def index(self, key: str, convert: Callable) -> dict:
        table = {}
        for canonical, words in self.section(key, dict).items():
            if not isinstance(words, list):
                raise RuleFileError(f"规则文件 '{_RULE_FILE}' 中 '{key}.{canonical}' 应为词语列表")
            try:
                value = convert(str(canonical))
            except ValueError:
                raise RuleFileError(f"规则文件 '{_RULE_FILE}' 中 '{key}' 有未知的键 '{canonical}'") from None
            table.update((_key(str(w)), value) for w in words)
        return table

    def _directions(self) -> dict[str, str]:
        table = {_key(w): d for d, key in _DIRECTION_KEYS.items() for w in self.words(key)}
        for direction, words in self.section("duration_prefixes_en", dict).items():
            table.update((_key(w), direction) for w in words)
        return table

    def alt(self, key: str, *, latin: Optional[bool] = None) -> str:
        """An alternation of the words (or of a mapping's words) under ``key``."""
        value = self.data.get(key)
        words = [w for ws in value.values() for w in ws] if isinstance(value, dict) else self.words(key)
        return _alternation(str(w) for w in words if latin is None or _is_latin(str(w)) == latin)


def _period_key(key: str) -> tuple[str, int]:
    period, _, shift = key.partition("+")
    if period not in ("week", "month", "year"):
        raise ValueError(key)
    return period, int(shift)


def _is_latin(word: str) -> bool:
    return word[:1].isascii() and word[:1].isalpha()


def _alternation(words) -> str:
    """One regex for a word list, as a trie so that a failed match costs one test per letter."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for atom in _atoms(word.lower()):
            node = node.setdefault(atom, {})
        node[""] = {}
    return _render(trie) or "(?!)"


def _atoms(word: str) -> list[str]:
    """The regex pieces of a word: letters, \\s+ for a space, guards around Latin words."""
    atoms = [r"\s+" if ch == " " else re.escape(ch) for ch in " ".join(word.split())]
    if _is_latin(word):
        atoms.insert(0, r"(?<![A-Za-z])")
    if word[-1:].isascii() and word[-1:].isalpha():
        atoms.append(r"(?![A-Za-z])")
    return atoms


def _render(node: dict) -> str:
    branches = [atom + _render(child) for atom, child in sorted(node.items()) if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


# --------------------------------------------------------------------------- #
# Holiday dates
# --------------------------------------------------------------------------- #
def _holiday_rules(specs: dict, lunar: dict, names: set) -> dict[str, Callable[[int], Optional[date]]]:
    missing = sorted(names - set(specs))
    if missing:
        raise RuleFileError(f"规则文件 '{_RULE_FILE}' 中节日 '{missing[0]}' 在 holiday_dates 里没有日期规则")
    return {key: _holiday_rule(key, str(spec), lunar) for key, spec in specs.items()}


def _holiday_rule(key: str, spec: str, lunar: dict) -> Callable[[int], Optional[date]]:
    try:
        return _parse_holiday_rule(spec, lunar)
    except (ValueError, IndexError, KeyError):
        raise RuleFileError(f"规则文件 '{_RULE_FILE}' 中 holiday_dates 的 '{key}: {spec}' 不是有效的日期规则") from None


def _parse_holiday_rule(spec: str, lunar: dict) -> Callable[[int], Optional[date]]:
    parts = spec.split()
    if re.fullmatch(r"\d\d-\d\d", spec):
        month, day = map(int, spec.split("-"))
        return lambda year: date(year, month, day)
    if len(parts) == 3 and parts[1] in _WEEKDAYS:
        month, weekday, n = int(parts[0]), _WEEKDAYS.index(parts[1]), int(parts[2])
        return lambda year: _nth_weekday(year, month, weekday, n)
    if parts[0] == "lunar" and len(parts) in (2, 3) and parts[1] in lunar:
        return _lunar_rule(lunar[parts[1]], int(parts[2]) if len(parts) == 3 else 0)
    if parts[0] == "solar_term" and len(parts) == 2:
        return lambda year: _solar_term(parts[1], year)
    raise ValueError(spec)


def _lunar_rule(table: dict, days: int) -> Callable[[int], Optional[date]]:
    def when(year: int) -> Optional[date]:
        month_day = table.get(year)
        if month_day is None:
            return None
        month, day = map(int, str(month_day).split("-"))
        return date(year, month, day) + timedelta(days=days)
    return when


def _solar_term(name: str, year: int) -> Optional[date]:
    try:
        terms = chinese_calendar.get_solar_terms(date(year, 1, 1), date(year, 12, 31))
    except (NotImplementedError, ValueError, IndexError):
        return None
    return next((day for day, term in terms if term == name), None)


# --------------------------------------------------------------------------- #
# The grammar: one regex per rule
# --------------------------------------------------------------------------- #
class _Grammar:
    def __init__(self, lex: _Lexicon):
        self.lex = lex
        self.rules = tuple(enumerate(_build_rules(lex)))
        self.prefix = _regex(_starting_with(lex, ("deadline_prefixes",), _alternation(lex.words("deadline_prefixes")) + r"\s*:?\s*"))
        pieces = _pieces(lex)
        self.weekday_only = _regex(_expand(r"(?:(?P<ws><WS>)\s*)?<WSTEM>(?P<wd><WD_CN>)", pieces))
        self.weekday_said = _regex(_expand(r"(?:(?:(?P<ws><WS>)\s*)?<WSTEM><WD_CN>|(?:<WS_EN>\s+)?<WD_EN>\.?)", pieces))
        self.bracket_close = _regex(r"\s*[)）]\s*(" + lex.alt("deadline_suffixes") + ")?")

    def candidates(self, folded: str) -> list[_Candidate]:
        """Every rule's matches; a hot loop, kept flat for speed. Only the rules one of the
        line's characters triggers are looked at (most lines trigger none)."""
        gate = self.gate
        present = gate.words_in(folded)
        prefixes = None
        found = []
        for order, rule in self._rules_of(present):
            search, at = rule.pattern.search, 0
            while (m := search(folded, at)) is not None:    # as _rule_matches, inline
                start, end = m.span(_WHOLE)
                at = end if end > start else start + 1
                if end == start or (rule.accept and not rule.accept(m)):
                    continue
                if rule.extend:
                    start = rule.extend(folded, m)
                    if start is None:
                        continue
                head = start
                if rule.prefixed and present & gate.prefix_words:
                    if prefixes is None:
                        prefixes = {end: start for _, start, end in _rule_matches(self.prefix, folded)}
                    head = _prefix_start(start, prefixes)
                if folded[end - 1].isspace():
                    end = len(folded[:end].rstrip())
                found.append(_Candidate(head, end, order, rule, m, head != start))
        return found

    @cached_property
    def gate(self) -> "_Gate":
        return _gate(self.rules, frozenset(_needed_words(self.lex, ("deadline_prefixes",))))

    def _rules_of(self, present: int) -> tuple[tuple[int, _Rule], ...]:
        """The rules a line runs, given the bits of the words it holds. Taking the bits apart
        costs a line more than its scan, and lines hold a few hundred combinations of words:
        each combination's rules are kept in a table (bounded; keyed by bits, not by text)."""
        chosen = self._chosen.get(present)
        if chosen is None:
            if len(self._chosen) >= _MAX_WORD_SETS:
                self._chosen.clear()
            chosen = self._chosen[present] = _rules_run(self.rules, self.gate, present)
        return chosen

    @cached_property
    def _chosen(self) -> dict[int, tuple[tuple[int, _Rule], ...]]:
        return {}


def _rule_matches(pattern: re.Pattern, text: str) -> Iterator[tuple[re.Match, int, int]]:
    """A rule's matches as finditer finds them (left to right, each search going on from the end
    of the last), with the span of the rule's own pattern, group _WHOLE (see _starting_with)."""
    m = pattern.search(text)
    while m is not None:
        start, end = m.span(_WHOLE)
        yield m, start, end
        m = pattern.search(text, end if end > start else start + 1)


def _rules_run(rules: tuple[tuple[int, _Rule], ...], gate: "_Gate", present: int) -> tuple[tuple[int, _Rule], ...]:
    """The rules whose own words and a word of each further group the bits hold."""
    return tuple((order, rule) for order, rule in rules
                 if present >> order & 1 and present & gate.other_words[order] == gate.other_words[order])


class _Gate(NamedTuple):
    """Which rules a line can hold a match of, found in two scans of the line.

    Each rule needs one of its own words (or trigger characters) and one word of each of its
    further groups (_NEEDS_ALSO); each such group has a bit. One-character words (digits, 月,
    前: nine in ten of the words a line holds) are looked up among the line's characters;
    ``scan`` finds, at every place of a line where a longer word starts, the longest word
    starting there, and ``found_with`` gives the bits of every word that is a beginning of it
    (so also the shorter ones there).
    """
    characters: re.Pattern           # the one-character words, as a class
    character_bits: dict[str, int]
    scan: re.Pattern
    found_with: dict[str, int]
    other_words: tuple[int, ...]     # by rule order: the bits of its further groups
    prefix_words: int                # the bit of the deadline prefixes (截止, by): none, no prefix scan

    def words_in(self, folded: str) -> int:
        """The bits of the words a line holds."""
        present = 0
        for character in set(self.characters.findall(folded)):
            present |= self.character_bits[character]
        for word in self.scan.findall(folded):
            present |= self.found_with[word]
        return present


def _gate(rules: tuple[tuple[int, _Rule], ...], prefix_words: frozenset) -> _Gate:
    bits: dict[str, int] = {}
    others = []
    group = len(rules)
    for order, rule in rules:
        for word in rule.needs or rule.triggers:
            bits[word] = bits.get(word, 0) | 1 << order
        mask = 0
        for words in rule.needs_also:
            for word in words:
                bits[word] = bits.get(word, 0) | 1 << group
            mask |= 1 << group
            group += 1
        others.append(mask)
    for word in prefix_words:
        bits[word] = bits.get(word, 0) | 1 << group
    longer = [word for word in bits if len(word) > 1]
    found_with = {word: _or_of(bits.get(word[:n], 0) for n in range(1, len(word) + 1)) for word in longer}
    scan = compile_regex(word_start_scan(longer))
    characters = {word: mask for word, mask in bits.items() if len(word) == 1}
    character_class = compile_regex("[" + "".join(sorted(map(re.escape, characters))) + "]")
    return _Gate(character_class, characters, scan, found_with, tuple(others), 1 << group)


def _or_of(masks) -> int:
    total = 0
    for mask in masks:
        total |= mask
    return total


def _prefix_start(start: int, prefixes: dict[int, int]) -> int:
    """Where a run of deadline prefixes ending at ``start`` begins (by EOD Friday)."""
    while start in prefixes:
        start = prefixes[start]
    return start


@lru_cache(maxsize=None)
def _grammar() -> _Grammar:
    data = resources.load_yaml(_RULE_FILE)
    if not isinstance(data, dict):
        raise RuleFileError(f"规则文件 '{_RULE_FILE}' 应为“键: 词语列表”的映射")
    return _Grammar(_Lexicon(data))


def _pieces(lex: _Lexicon) -> dict[str, str]:
    """Regex building blocks, referred to as <NAME> in the rule templates."""
    digits = "".join(lex.digits)
    small = digits + "".join(ch for ch, v in lex.units.items() if v < 100)
    every = digits + "".join(lex.units)
    weekday_cn = _alternation(w for w in _words(lex, "weekdays") if not _is_latin(w))
    guard = _compound_guard(lex)
    p = {
        "NUM": rf"(?:(?<![0-9])[0-9]{{1,2}}(?![0-9])|[{small}]{{1,3}})",
        "MNUM": rf"(?:[0-9]{{1,2}}|[{small}]{{1,3}})",
        "YEAR": rf"(?:(?<![0-9])(?:[0-9]{{4}}|[0-9]{{2}})(?![0-9])|[{every}]{{2,5}})",
        "DNUM": rf"(?:(?<![0-9.])[0-9]+(?:\.[0-9]+)?|[{every}]{{1,6}}|半|{lex.alt('vague_numbers', latin=False)})",
        "DNUM_EN": rf"(?:(?<![0-9.])[0-9]++(?:\.[0-9]+)?|{lex.alt('numbers_en')}|{lex.alt('vague_numbers', latin=True)})",
        "WSTEM": lex.alt("weekday_stems"),
        "WD_CN": weekday_cn,
        "WD_EN": lex.alt("weekdays", latin=True),
        "WS": guard + lex.alt("week_shift", latin=False),
        "WS_EN": lex.alt("week_shift", latin=True),
        "MS": guard + lex.alt("month_shift"),
        "YS": guard + lex.alt("year_shift"),
        "DAYPART": lex.alt("dayparts"),
        "MERIDIEM": lex.alt("meridiem"),
        "PREFIXES": lex.alt("deadline_prefixes"),
        "SUFFIX": lex.alt("deadline_suffixes"),
        "APPROX": lex.alt("approximate_suffixes"),
        "AFTER": lex.alt("after_suffixes"),
        "COMPARATIVE": "[" + "".join(lex.words("comparatives")) + "]",
        "NOT_DAY": lex.alt("not_day_nouns"),
        "FIGURE_UNITS": lex.alt("figure_units"),
        # 6月20日前后 is "around"; 今年前三季度 is "the first three"; 内推 / 前景 are words of their own
        "SUFFIX_GUARD": f"(?!后|[0-9{digits}]){_follower_guard(lex)}",
        "NUMERALS": digits,
        # a digit no digit comes before, in the rules that cannot open with a lookbehind (one
        # refers back to a group, which a lookbehind, see _starting_with, may not hold)
        "NOT_AFTER_DIGIT": r"(?<![0-9]{2})",
    }
    p["NUMBER_START"] = "[0-9]" + p["NOT_AFTER_DIGIT"]
    p["CLOCK"] = _expand(
        r"(?:(?P<hh>(?<![0-9])[0-9]{1,2})\s*:\s*(?P<mm>[0-9]{2})(?![0-9])(?:\s*(?P<ap><MERIDIEM>))?"
        r"|(?P<hh2>(?<![0-9])[0-9]{1,2})\s*(?P<ap2><MERIDIEM>)"
        r"|(?<!第)(?!(?<=<COMPARATIVE>)一点)(?P<hc><NUM>)\s*[点时]"
        r"(?:钟|整|(?P<half>半)|(?P<qtr>[一三])刻|(?P<mc><MNUM>)\s*分?)?)", p)
    p["MARK"] = _expand(r"(?:\s*(?:(?P<mark><SUFFIX>)<SUFFIX_GUARD>|(?P<approx><APPROX>)|(?P<after><AFTER>)))?", p)
    p["TAIL"] = _expand(
        r"(?:\s*\(\s*(?:<WSTEM><WD_CN>|<WD_EN>\.?)[^()\n]{0,6}\)|\s*,?\s*<WSTEM><WD_CN>(?![0-9]))?"
        r"(?:\s*(?P<dp><DAYPART>))?(?:(?:\s*|t)(?:(?:at|@)\s*)?<CLOCK>)?<MARK>", p)
    p["YEAR_HEAD"] = _expand(r"(?:(?P<ys><YS>)(?:的)?\s*|(?P<y>(?<![0-9])[0-9]{4})\s*年\s*)?", p)
    return p


def _follower_guard(lex: _Lexicon) -> str:
    """A lookahead refusing a mark that starts another word: 三季度内推, 三天前景."""
    parts = [f"(?<={re.escape(str(mark))})[{''.join(map(str, after))}]"
             for mark, after in lex.section("suffix_word_followers", dict).items() if after]
    return f"(?!{'|'.join(parts)})" if parts else ""


def _compound_guard(lex: _Lexicon) -> str:
    """A lookahead refusing a word whose first character ends another word: 说明日志, 线上周会.
    Each choice opens with its character, so re passes over the others at one look."""
    parts = [f"{re.escape(str(ch))}(?<=[{''.join(map(str, before))}]{re.escape(str(ch))})"
             for ch, before in lex.section("compound_guards", dict).items() if before]
    return f"(?!{'|'.join(parts)})" if parts else ""


def _words(lex: _Lexicon, key: str) -> list[str]:
    return [str(w) for ws in lex.section(key, dict).values() for w in ws]


def _expand(template: str, pieces: dict[str, str]) -> str:
    return re.sub(r"<([A-Z_]+)>", lambda m: pieces[m[1]], template)


_DAY_RULES = {
    "ymd_numeric": (r"(?P<y><NUMBER_START>[0-9]{3})(?P<sep>[-/. ])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"
                    r"(?![0-9])(?:\s*[日号])?<TAIL>", _day_ymd),
    # 114/03/31: a Taiwan document's year of the Republic (1912 is its year 1), 100–119 only
    "roc_numeric": (r"(?P<y>1<NOT_AFTER_DIGIT>[01][0-9])(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"
                    r"(?![0-9])(?:\s*[日号])?<TAIL>", _day_roc),
    "dmy_numeric": (r"(?P<a><NUMBER_START>[0-9]?)(?P<sep>[-/.])(?P<b>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})"
                    r"(?![0-9])<TAIL>", _day_dmy),
    "ymd_chinese": (r"(?P<y><YEAR>)\s*年\s*(?P<m><NUM>)\s*月份?\s*(?P<d><NUM>)(?:\s*[日号])?<TAIL>", _day_ymd),
    "month_day": (r"<YEAR_HEAD>(?P<m><NUM>)\s*月份?\s*(?P<d><NUM>)(?:\s*[日号])?(?!\s*<NOT_DAY>)<TAIL>",
                  _day_month_day),
    "month_slash_day": (r"(?<![0-9/.\-])(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})(?![0-9/])<TAIL>", _day_slash),
    # 11.17 is a date when a deadline word follows, or when the day has two digits and no unit
    # makes it a figure (3.25元, 12.50%): a decimal is never both
    "month_dot_day": (r"(?<![0-9.A-Za-z])(?P<m>[0-9]{1,2})\.(?P<d>[0-9]{1,2})(?![0-9.])(?:[日号](?![0-9]))?"
                      r"(?:(?=\s*<SUFFIX>)|(?<=\.[0-9][0-9])(?![%‰]|\s*(?:<FIGURE_UNITS>))|(?<=[日号]))<TAIL>", _day_month_day),
    "month_shift_day": (r"<YEAR_HEAD>(?P<ms><MS>)\s*(?P<d><NUM>)\s*[日号](?!\s*<NOT_DAY>)<TAIL>",
                        _day_month_shift),
    "nth_weekday": (r"<YEAR_HEAD>(?P<m><NUM>)\s*月份?\s*(?:的)?\s*(?:第(?P<n><NUM>)个?|(?P<last>最后一个?))"
                    r"\s*<WSTEM>(?P<wd><WD_CN>)<TAIL>", _day_nth_weekday),
    # 本月最后一个工作日 / 下月第一个工作日 / 10月第3个工作日: counted on the working calendar
    "nth_workday": (r"<YEAR_HEAD>(?:(?P<m><NUM>)\s*月份?|(?P<ms><MS>))\s*(?:的)?\s*(?:第(?P<n><NUM>)个?|(?P<last>最后一个?))"
                    r"\s*(?:<WORKDAY_WORDS>)<TAIL>", _day_nth_workday),
    "day_of_month": (r"(?<![0-9月第])(?P<d><NUM>)\s*[日号](?!\s*<NOT_DAY>|以内|之内|内)<TAIL>", _day_of_month),
    "relative_day": (r"(?:(?P<nwd><NEXT_WORKDAY>)|(?P<rd><RELATIVE_DAYS>)|(?P<rs><RELATIVE_STEMS>)(?=\s*<DAYPART_CN>))<TAIL>",
                     _day_relative),
    # 周1 is Monday but 周17 no weekday; 周四17:30 is Thursday and its time
    "weekday": (r"(?:(?P<ws><WS>)\s*)?<WSTEM>(?P<wd><WD_CN>)(?!(?<=[0-9])[0-9])<TAIL>", _day_weekday),
    "weekday_en": (r"(?:(?P<ws><WS_EN>)\s+)?(?P<wd><WD_EN>)\.?<TAIL>", _day_weekday),
    # 十一 is National Day only with a holiday word or a deadline mark after it (十一前, 十一假期), never
    # inside a number (二十一, 第十一, 十一个)
    "holiday": (r"<YEAR_HEAD>(?:(?P<hol><HOLIDAYS>)|(?<![0-9零〇一二两三四五六七八九十百千第共约近])(?P<holm><MARKED_HOLIDAYS>)"
                r"(?=<HOLIDAY_SUFFIXES>|\s*(?:<SUFFIX>|<AFTER>)))(?:<HOLIDAY_SUFFIXES>)?"
                r"(?:(?P<firstwd><FIRST_WORKDAY>)|(?:(?P<hoff>[前后])(?P<hoffn><NUM>)天)?<TAIL>)",
                _day_holiday),
    "english_month_day": (r"(?P<mon><MONTHS_EN>)\.?\s+(?P<d>[0-9]{1,2})(?:<ORDINAL>)?(?![0-9])"
                          r"(?:,?\s+(?P<y>[0-9]{4}))?<TAIL>", _day_month_day),
    "english_day_month": (r"(?<![0-9])(?P<d>[0-9]{1,2})(?:<ORDINAL>)?\s+(?:of\s+)?(?P<mon><MONTHS_EN>)\.?"
                          r"(?:,?\s+(?P<y>[0-9]{4}))?<TAIL>", _day_month_day),
    "week": (r"(?:(?P<ws><WS>)\s*)?<WEEK_WORDS>(?:(?P<end><END>)|(?P<within><WITHIN>))?<MARK>", _day_week),
    "month": (r"<YEAR_HEAD>(?:(?P<ms><MS>)|(?P<m><NUM>)\s*月份?|月)(?:(?P<end><END>)|(?P<within><WITHIN>))?"
              r"<MARK>", _day_month),
    "year": (r"(?:(?P<ys><YS>)|(?P<y>(?<![0-9])[0-9]{4})\s*年|年)年?(?:(?P<end><END>)|(?P<within><WITHIN>))"
             r"<MARK>", _day_year),
    "quarter": (r"<YEAR_HEAD>(?:(?P<q><QUARTERS>)|(?P<qs><QUARTER_SHIFT>)|季度)(?:(?P<end><END>)|(?P<within><WITHIN>))<MARK>",
                _day_quarter),
    "period_en": (r"(?P<pen><PERIODS_EN>)<MARK>", _day_period_en),
}


# A duration's direction → the deadlines.yaml list of words that say it (3天内, 5天前, 2小时后).
_DIRECTION_KEYS = {"within": "duration_within", "ago": "duration_ago", "later": "duration_later"}

_OTHER_RULES = {
    "duration": (r"(?P<n><DNUM>)\s*<UNIT_AND_HALF>\s*(?P<dir><DIRECTIONS>)", _resolve_duration),
    # 3个工作日完成 / 两天提交: a duration right before the work finished in it bounds the work (not 3天完成的)
    "duration_done": (r"(?P<n><DNUM>)\s*<UNIT_AND_HALF>(?=\s*(?P<within><COMPLETIONS>)(?![的了過过]))", _resolve_duration),
    "duration_en": (r"(?P<dir><DURATION_PREFIXES_EN>)\s+(?P<n><DNUM_EN>)\s+(?P<unit><UNITS_EN>)", _resolve_duration),
    "duration_en_after": (r"(?P<n><DNUM_EN>)\s+(?P<unit><UNITS_EN>)\s+(?P<dir><DIRECTIONS_EN>)", _resolve_duration),
    "counted": (r"(?P<conn><CONNECTORS>)(?:的)?\s*(?P<n><DNUM>)\s*(?P<unit><UNITS>)(?:\s*(?P<dir><WITHIN>))?",
                _resolve_counted),
    "clock": (r"(?:(?P<dp><DAYPART>)\s*)?<CLOCK><MARK>", _resolve_clock),
    "end_of_day": (r"(?P<dp><END_OF_DAY>)", _resolve_today),
    "now": (r"(?<!\w)<NOW>(?!\w)", _resolve_now),
    "vague": (r"<VAGUE><VAGUE_MARK>", _resolve_kind("vague")),
    "vague_recurring": (r"<RECURRING><VAGUE_MARK>", _resolve_kind("vague")),
    "vague_month": (r"<MONTH_VAGUE><VAGUE_MARK>", _resolve_kind("vague")),
    "vague_year": (r"<YEAR_VAGUE><VAGUE_MARK>", _resolve_kind("vague")),
    "vague_quarter": (r"<QUARTER_VAGUE><VAGUE_MARK>", _resolve_kind("vague")),
    "vague_period": (r"(?:<NUM>\s*月份?|(?<![0-9])[0-9]{4}\s*年|<YS>)\s*(?P<mark><SUFFIX>)<SUFFIX_GUARD>",
                     _resolve_kind("vague")),
    # 10月份上线 / 明年3月完成: a month alone right before the work done in it fixes no day (10月完成的技改,
    # 10月完成了: work done, no deadline)
    "vague_month_of_work": (r"(?:<YS>(?:的)?\s*|(?<![0-9])[0-9]{4}\s*年\s*)?(?:<NUM>\s*月份?|<MS>)"
                            r"(?=\s*(?:<COMPLETIONS>|<PERIOD_WORK>)(?![的了過过]))",
                            _resolve_kind("vague")),
    # 3月第一周, 下月第二周: a week of a month, which weeks count is left unsaid
    "vague_week_of_month": (r"(?:<NUM>\s*月份?|<MS>)\s*(?:的)?\s*第\s*<NUM>\s*个?\s*(?:<WEEK_WORDS>)<MARK>",
                            _resolve_kind("vague")),
    "undetermined": (r"<UNDETERMINED>", _resolve_kind("undetermined")),
    # 节前 says "by" (the group is named end, so the deadline is bounded); 节后第一个工作日 names a day
    "holiday_edge": (r"(?:(?P<end><HOLIDAY_BEFORE>)(?:(?![\u4e00-\u9fff])|(?=<HOLIDAY_FOLLOWERS>))|(?P<edge><HOLIDAY_AFTER>))",
                     _resolve_holiday_edge),
}


def _quarter_is_named(m: re.Match) -> bool:
    """三季度内 is the quarter's last day; Q3内 stays as vague as Q3 (../CONTRACT.md)."""
    return not m["within"] or "季" in m[_WHOLE]


_ACCEPT = {"week": _week_is_period, "month": _month_is_period, "clock": _clock_is_time, "quarter": _quarter_is_named}
_EXTEND = {"counted": _event_start}  # called with the lexicon bound


def _rule_pieces(lex: _Lexicon, p: dict[str, str]) -> dict[str, str]:
    """The word alternations that only whole rules use."""
    units = lex.section("duration_units", dict)
    q = {
        "RELATIVE_DAYS": _compound_guard(lex) + lex.alt("relative_days"),
        "NEXT_WORKDAY": lex.alt("next_workday"),
        "RELATIVE_STEMS": _compound_guard(lex) + lex.alt("relative_day_stems"),
        "DAYPART_CN": lex.alt("dayparts", latin=False),
        "HOLIDAYS": lex.alt("holidays"),
        "MARKED_HOLIDAYS": lex.alt("holidays_with_mark"),
        "HOLIDAY_SUFFIXES": lex.alt("holiday_suffixes"),
        "HOLIDAY_BEFORE": _alternation(lex.data["holiday_edges"]["before"]),
        "HOLIDAY_AFTER": _alternation(lex.data["holiday_edges"]["after"]),
        "HOLIDAY_FOLLOWERS": lex.alt("holiday_edge_followers"),
        "FIRST_WORKDAY": lex.alt("first_workday_after"),
        "MONTHS_EN": lex.alt("months_en"),
        "ORDINAL": lex.alt("ordinal_suffixes_en"),
        "WEEK_WORDS": lex.alt("week_words"),
        "END": lex.alt("period_end_marks"),
        "WITHIN": lex.alt("period_within_marks"),
        "QUARTERS": lex.alt("quarters"),
        "QUARTER_SHIFT": lex.alt("quarter_shift"),
        "PERIODS_EN": lex.alt("period_words_en"),
        "UNITS": lex.alt("duration_units"),
        "WORKDAY_WORDS": _alternation(w for w in lex.section("duration_units", dict)["workday"] if not _is_latin(w) and not w.startswith("个")),
        # a half after the unit (一年半, 两周半) or between 个 and the unit (一个半月, 一个半小时)
        "UNIT_AND_HALF": r"(?:(?P<half>个半)(?P<bare_unit>" + _alternation(
            w[1:] for ws in units.values() for w in ws if w.startswith("个")) + r")|(?P<unit>" + lex.alt("duration_units")
            + r")(?:(?P<unit_half>半)(?![0-9" + "".join(lex.digits) + r"]))?)",
        "UNITS_EN": _alternation(w for ws in units.values() for w in ws if _is_latin(w)),
        "DIRECTIONS": _alternation(w for key in _DIRECTION_KEYS.values() for w in lex.words(key)
                                   if not _is_latin(w)),
        "DIRECTIONS_EN": _alternation(w for d in ("ago", "later") for w in lex.words(_DIRECTION_KEYS[d]) if _is_latin(w)),
        "DURATION_PREFIXES_EN": lex.alt("duration_prefixes_en"),
        "COMPLETIONS": lex.alt("duration_completions"),
        "PERIOD_WORK": lex.alt("period_work_verbs"),
        "CONNECTORS": lex.alt("event_connectors"),
        "END_OF_DAY": _alternation(lex.section("dayparts", dict)["end_of_day"]),
        "NOW": lex.alt("now"),
        "VAGUE": lex.alt("vague"),
        "UNDETERMINED": _undetermined(lex),
    }
    q["RECURRING"] = _expand(
        r"<RECURRING_WORDS>\s*(?:<WSTEM><WD_CN>|月\s*<NUM>\s*[日号]|月<END>"
        r"|月\s*(?:的)?\s*(?:第\s*<NUM>\s*个?|最后一个?)\s*(?:<WSTEM><WD_CN>|<WORKDAY_WORDS>)"
        r"|(?:<UNITS>|月|季度)(?=\s*(?:<DAYPART>|<NUM>\s*[点时]|[0-9]{1,2}:|<SUFFIX>)))"
        r"(?:\s*<DAYPART>)?(?:\s*<CLOCK>)?", {**p, **q, "RECURRING_WORDS": lex.alt("recurring")})
    q["MONTH_VAGUE"] = _expand(r"<YEAR_HEAD_V>(?:<MS>|<NUM>\s*月|月)<MONTH_PARTS>", {**p, **_vague_heads(lex, p)})
    q["VAGUE_MARK"] = _expand(r"(?:\s*(?P<mark><SUFFIX>)<SUFFIX_GUARD>)?", p)
    q["YEAR_VAGUE"] = _expand(r"(?:<YS>|(?<![0-9])[0-9]{4}\s*年)?<YEAR_PARTS>(?!(?<=前)[0-9<NUMERALS>])(?!<NOT_PERIOD>)",
                              {**p, "YEAR_PARTS": lex.alt("year_parts_vague"), "NOT_PERIOD": lex.alt("not_period_nouns")})
    q["QUARTER_VAGUE"] = _expand(r"(?:<YS>\s*|(?<![0-9])[0-9]{4}\s*年\s*)?(?:<QUARTERS>|<QUARTER_SHIFT>)", {**p, **q})
    return q


def _vague_heads(lex: _Lexicon, p: dict[str, str]) -> dict[str, str]:
    return {
        "YEAR_HEAD_V": _expand(r"(?:<YS>(?:的)?\s*|(?<![0-9])[0-9]{4}\s*年\s*)?", p),
        "MONTH_PARTS": lex.alt("month_parts_vague"),
    }


def _undetermined(lex: _Lexicon) -> str:
    stop, after = r"[^\s\W]", lex.alt("after_suffixes")
    waits = []
    for wait, ends in lex.section("wait_for", dict).items():
        guards = "".join(_exception_guard(e, str(wait)) for e in lex.words("wait_exceptions") if str(wait) in e)
        waits.append(rf"{guards}{re.escape(str(wait))}{stop}{{1,15}}?{after}?{_alternation(ends)}")
    return "(?:" + "|".join([lex.alt("undetermined")] + waits) + ")"


def _exception_guard(word: str, wait: str) -> str:
    """待办 → (?!办) after 待; 接待 → (?<!接) before it."""
    before, _, after = word.partition(wait)
    guard = f"(?<!{re.escape(before)})" if before else ""
    return guard + (f"(?={re.escape(wait)}(?!{re.escape(after)}))" if after else "")


# What every match of a rule must contain, so a rule whose characters are absent is skipped:
# literal characters, or the data keys whose words' first characters count.
_TRIGGERS = {
    "ymd_numeric": ("0123456789",), "dmy_numeric": ("-/.",), "roc_numeric": ("-/.",), "ymd_chinese": ("年",),
    "month_day": ("月",), "nth_workday": ("月",), "month_slash_day": ("/",), "month_dot_day": (".",), "month_shift_day": ("month_shift",), "nth_weekday": ("第最",),
    "day_of_month": ("日号",), "relative_day": ("relative_days", "relative_day_stems", "next_workday"),
    "weekday": ("weekday_stems",), "weekday_en": ("weekdays:latin",), "holiday": ("holidays", "holidays_with_mark"), "holiday_edge": ("holiday_edges",),
    "english_month_day": ("months_en",), "english_day_month": ("months_en",), "week": ("week_words",),
    "month": ("月",), "year": ("年",), "quarter": ("季qQ",),
    "period_en": ("period_words_en",), "duration": ("duration_units", "半"), "duration_done": ("duration_units", "半"),
    "duration_en": ("duration_prefixes_en",),
    "duration_en_after": ("duration_ago:latin", "duration_later:latin"), "counted": ("event_connectors",),
    "clock": ("点时:", "meridiem"), "end_of_day": ("dayparts",), "now": ("now",),
    "vague": ("vague",), "vague_recurring": ("recurring",), "vague_month": ("month_parts_vague",),
    "vague_year": ("year_parts_vague",), "vague_quarter": ("季qQ",), "vague_month_of_work": ("月",),
    "vague_period": ("deadline_suffixes",), "vague_week_of_month": ("第",), "undetermined": ("undetermined", "wait_for:keys"),
}
# Words a match holds besides its triggers, in the same spec, for rules whose triggers are
# common words (前, 内, 中, 第) or characters (年, 季): each group must be found as well.
_PERIOD_MARKS = ("period_end_marks", "period_within_marks")
_NEEDS_ALSO = {
    "year": (_PERIOD_MARKS,), "quarter": (_PERIOD_MARKS,), "vague_period": (("月", "年", "year_shift"),),
    "vague_month": (("月", "month_shift"),), "nth_weekday": (("月",), ("weekday_stems",)),
    "duration": (tuple(_DIRECTION_KEYS.values()),), "duration_done": (("duration_completions",),),
    "nth_workday": (("duration_units:workday",),), "ymd_numeric": (("-/. ",),),
    "vague_month_of_work": (("duration_completions", "period_work_verbs"),),
    "vague_week_of_month": (("月", "month_shift"), ("week_words",)),
}
_UNPREFIXED_RULES = {"counted", "now", "undetermined"}

# What a match of a rule can start with, in the same spec as _TRIGGERS: each rule is compiled
# to open with a class of these (_starting_with). re tries a pattern at every position of a
# line, and most rules open with optional words and guards (a year, 下个, a lookbehind) that
# cost it a long look at each one; re skips ahead to an opening class by itself. Rules that
# open with a word list or a class need none.
# tests/test_deadlines.py reads each pattern's possible first characters and checks them here.
_DIGITS = ("0123456789",)
_NUMBER = _DIGITS + ("numerals", "numeral_units")
_YEAR_HEAD = _DIGITS + ("year_shift",)
_STARTS = {
    "ymd_chinese": _NUMBER,
    "month_day": _YEAR_HEAD + _NUMBER, "month_slash_day": _DIGITS, "month_dot_day": _DIGITS,
    "month_shift_day": _YEAR_HEAD + ("month_shift",), "nth_weekday": _YEAR_HEAD + _NUMBER,
    "nth_workday": _YEAR_HEAD + _NUMBER + ("month_shift",),
    "day_of_month": _NUMBER, "relative_day": ("relative_days", "relative_day_stems", "next_workday"),
    "weekday": ("week_shift", "weekday_stems"), "weekday_en": ("week_shift:latin", "weekdays:latin"),
    "holiday": _YEAR_HEAD + ("holidays", "holidays_with_mark"), "english_month_day": ("months_en",), "english_day_month": _DIGITS,
    "week": ("week_shift", "week_words"), "month": _YEAR_HEAD + _NUMBER + ("month_shift", "月"),
    "year": _YEAR_HEAD + ("年",), "quarter": _YEAR_HEAD + ("quarters", "quarter_shift", "季"),
    "period_en": ("period_words_en",), "duration": _NUMBER + ("半", "vague_numbers"),
    "duration_done": _NUMBER + ("半", "vague_numbers"),
    "duration_en": ("duration_prefixes_en",), "duration_en_after": _NUMBER + ("numbers_en", "vague_numbers"),
    "clock": _NUMBER + ("dayparts",), "end_of_day": ("dayparts",), "now": ("now",), "vague": ("vague",),
    "vague_month": _YEAR_HEAD + _NUMBER + ("month_shift", "月"), "vague_year": _YEAR_HEAD + ("year_parts_vague",),
    "vague_quarter": _YEAR_HEAD + ("quarters", "quarter_shift"), "vague_period": _YEAR_HEAD + _NUMBER,
    "vague_week_of_month": _NUMBER + ("month_shift",), "undetermined": ("undetermined", "wait_for:keys"),
    "vague_month_of_work": _YEAR_HEAD + _NUMBER + ("month_shift",),
    "holiday_edge": ("holiday_edges",),
}


def _build_rules(lex: _Lexicon) -> tuple[_Rule, ...]:
    p = _pieces(lex)
    p.update(_rule_pieces(lex, p))
    rules = [_compile(lex, name, template, _with_day(day_of), p) for name, (template, day_of) in _DAY_RULES.items()]
    rules += [_compile(lex, name, template, resolve, p) for name, (template, resolve) in _OTHER_RULES.items()]
    return tuple(rules)


def _duration_is_time(m: re.Match, lex: _Lexicon) -> bool:
    """拉回48小时以内 / 控制在3天内 is a target to reach, not a time to finish by."""
    before = m.string[max(0, m.start() - 4):m.start()]
    return not any(before.endswith(v) for v in lex.target_verbs)


def _compile(lex: _Lexicon, name: str, template: str, resolve, pieces: dict[str, str]) -> _Rule:
    pattern = _expand(template, pieces)
    try:
        pattern = _regex(_starting_with(lex, _STARTS[name], pattern) if name in _STARTS else f"(?P<{_WHOLE}>{pattern})")
    except re.error as exc:
        raise RuleFileError(f"规则文件 '{_RULE_FILE}' 中的词语使规则 '{name}' 成为无效的正则表达式：{exc}") from None
    extend = partial(_EXTEND[name], lex=lex) if name in _EXTEND else None
    accept = partial(_duration_is_time, lex=lex) if name in ("duration", "duration_done") else _ACCEPT.get(name)
    return _Rule(name, pattern, resolve, accept, extend, _trigger_chars(lex, _TRIGGERS[name]), name not in _UNPREFIXED_RULES,
                 _trigger_words(lex, _TRIGGERS[name]), tuple(frozenset(_needed_words(lex, spec)) for spec in _NEEDS_ALSO.get(name, ())))


def _starting_with(lex: _Lexicon, spec: tuple[str, ...], pattern: str) -> str:
    """The pattern, as group _WHOLE, where one of the characters its matches start with is (see
    _STARTS). The regex consumes that character and looks back at it, so that re, which skips
    ahead to a pattern's first character class by itself, passes over the other characters at
    one look each (a lookahead of them is tried at every position); the match proper is the
    group's span, the rule's scan (_rule_matches) goes on from its end as finditer would."""
    starts = "".join(sorted(re.escape(ch) for ch in _trigger_chars(lex, spec)))
    return f"[{starts}](?<=(?=(?P<{_WHOLE}>{pattern}))(?s:.))"


def _regex(pattern: str) -> re.Pattern:
    """Compile for folded (lower-case) text, the templates' \\s standing for spaces within a line.

    The runs are possessive (``*+``): what follows a run never starts with a space, so
    giving spaces back cannot help a match, and a line of spaces after "二日" is
    scanned once instead of once per optional part that follows.
    """
    return compile_regex(pattern.replace(r"\s*", _SPACE + "*+").replace(r"\s+", _SPACE + "++"))


def _trigger_words(lex: _Lexicon, spec: tuple[str, ...]) -> frozenset:
    """What a match must contain, word by word, from the same spec as `_trigger_chars`: one of
    the words as the rule's alternation spells them (lower case, up to a first space, which
    the pattern lets stretch), a mapping's key as written, or one of the literal characters.
    Most lines that hold a trigger character hold no trigger word (年 without 年底, 日 without
    a holiday). Empty when the words are the trigger characters themselves (or one is empty)."""
    needed = _needed_words(lex, spec)
    return frozenset() if all(len(w) == 1 for w in needed) or not all(needed) else frozenset(needed)


def _needed_words(lex: _Lexicon, spec: tuple[str, ...]) -> set[str]:
    needed = set()
    for item in spec:
        as_written, words = _spec_words(lex, item)
        needed.update(words if as_written else (w.lower().split(" ")[0] for w in words))
    return needed


def _spec_words(lex: _Lexicon, item: str) -> tuple[bool, list[str]]:
    """The words a trigger spec item names, and whether they count as written (literal
    characters, a mapping's keys) rather than as the rule's alternation spells them."""
    key, _, part = item.partition(":")
    if key not in lex.data:
        return True, list(item)
    value = lex.data[key]
    if part == "keys":
        return True, [str(k) for k in value]
    if isinstance(value, dict) and part in value:       # one list of a mapping (duration_units:workday)
        return False, [str(w) for w in value[part]]
    words = _words(lex, key) if isinstance(value, dict) else value
    return False, [str(w) for w in words if part != "latin" or _is_latin(str(w))]


def _trigger_chars(lex: _Lexicon, spec: tuple[str, ...]) -> frozenset:
    """Characters from a spec: "key" (first characters of its words), "key:keys" (of a
    mapping's keys), "key:latin" (of its Latin words only), "key:list" (of one list of a
    mapping), or literal characters."""
    chars = {w[:1] for item in spec for w in _spec_words(lex, item)[1]}
    return frozenset(c for ch in chars for c in (ch, ch.lower(), ch.upper()))
