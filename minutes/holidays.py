"""China's working-day calendar: weekends, statutory holidays and adjusted working days (调休).

The official schedule comes from the ``chinesecalendar`` package (import name
``chinese_calendar``), which covers the years it was released for. A user file
(``WorkCalendar.from_file``) adds or overrides days, e.g. next year's schedule once
it is published, or a company's own days off. Past the covered years a calendar
counts weekends only and says so through ``warnings_for``.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Optional

import chinese_calendar
import yaml

from .errors import ConfigError

_PACKAGE_YEARS = range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)
# The package's own tables, read directly: its is_workday and get_holiday_detail check the year
# against min() and max() of every holiday on each call, most of a working-day count's time.
_PACKAGE_OFF: dict[date, str] = chinese_calendar.holidays
_PACKAGE_ON: dict[date, str] = chinese_calendar.workdays
_FILE_KEYS = ("holidays", "workdays")
_LONGEST_BREAK = timedelta(days=14)      # a holiday with its bridged weekends (春节 is 8-9 days)


def _as_date(day: date | datetime) -> date:
    return day.date() if isinstance(day, datetime) else day


class WorkCalendar:
    """Which days are working days: the package's schedule, overridden by user days."""

    def __init__(self, holidays=(), workdays=()):
        self._off = frozenset(holidays)
        self._on = frozenset(workdays)
        self._user_years = frozenset(d.year for d in self._off | self._on)

    def covers(self, year: int) -> bool:
        """True when the holiday schedule of ``year`` is known (package or user file)."""
        return year in _PACKAGE_YEARS or year in self._user_years

    def is_workday(self, day: date | datetime) -> bool:
        day = _as_date(day)
        if day in self._on:
            return True
        if day in self._off:
            return False
        if day.year in _PACKAGE_YEARS:
            return day in _PACKAGE_ON or (day.weekday() < 5 and day not in _PACKAGE_OFF)
        return day.weekday() < 5

    def is_statutory_holiday(self, day: date | datetime) -> bool:
        """A day off for a public holiday (劳动节, 国庆…), not merely a weekend."""
        day = _as_date(day)
        if day in self._off or day in self._on:
            return day in self._off
        if day.year in _PACKAGE_YEARS:
            return day not in _PACKAGE_ON and _PACKAGE_OFF.get(day) is not None
        return False

    def next_holiday(self, day: date | datetime, within_days: int) -> Optional[tuple[date, date]]:
        """The first and last day off of the next public holiday starting within ``within_days``
        after ``day`` (its weekends included), or None."""
        day = _as_date(day)
        start = next((day + timedelta(days=n) for n in range(1, within_days + 1)
                      if self.is_statutory_holiday(day + timedelta(days=n))), None)
        if start is None:
            return None
        first, last = self.days_off_around(start)
        return max(first, day + timedelta(days=1)), last

    def days_off_around(self, day: date | datetime) -> tuple[date, date]:
        """The first and last day of the run of days off that holds ``day`` (国庆: 10-1…10-7)."""
        day = _as_date(day)
        first, last = day, day
        while not self.is_workday(first - timedelta(days=1)) and day - first < _LONGEST_BREAK:
            first -= timedelta(days=1)
        while not self.is_workday(last + timedelta(days=1)) and last - day < _LONGEST_BREAK:
            last += timedelta(days=1)
        return first, last

    def add_workdays(self, day: date | datetime, n: int) -> date:
        """The day ``n`` working days after ``day`` (before it when ``n`` is negative)."""
        day, step = _as_date(day), timedelta(days=1 if n >= 0 else -1)
        for _ in range(abs(n)):
            day += step
            while not self.is_workday(day):
                day += step
        return day

    def warnings_for(self, day: date | datetime) -> tuple[str, ...]:
        year = _as_date(day).year
        if self.covers(year):
            return ()
        return (f"节假日数据不包括 {year} 年，这一年只按周末计算工作日",)

    @classmethod
    def from_file(cls, path: str | Path) -> "WorkCalendar":
        """Read ``{"holidays": [...], "workdays": [...]}`` (YAML or JSON) of ISO dates."""
        data = _read_calendar_file(Path(path))
        holidays, workdays = _dates(data, "holidays", path), _dates(data, "workdays", path)
        both = sorted(set(holidays) & set(workdays))
        if both:
            raise ConfigError(f"节假日文件“{path}”中 {both[0].isoformat()} 既列为假日又列为工作日，请删去其中一处")
        return cls(holidays, workdays)


@lru_cache(maxsize=None)
def default_calendar() -> WorkCalendar:
    return WorkCalendar()


def _read_calendar_file(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        raise ConfigError(f"无法读取节假日文件“{path}”（应为 YAML 或 JSON）：{exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"节假日文件“{path}”应写成 'holidays' 和/或 'workdays' 两项，各列出日期")
    unknown = sorted(str(k) for k in data if k not in _FILE_KEYS)
    if unknown:
        raise ConfigError(f"节假日文件“{path}”中有未知的项 '{unknown[0]}'，只能是 'holidays' 或 'workdays'")
    return data


def _dates(data: dict, key: str, path) -> list[date]:
    entries = data.get(key) or []
    if not isinstance(entries, list):
        raise ConfigError(f"节假日文件“{path}”中 '{key}' 应为 YYYY-MM-DD 日期的列表")
    return [_parse_entry(entry, key, path) for entry in entries]


def _parse_entry(entry, key: str, path) -> date:
    if isinstance(entry, date) and not isinstance(entry, datetime):
        return entry
    try:
        return date.fromisoformat(str(entry).strip())
    except ValueError:
        raise ConfigError(f"节假日文件“{path}”中 '{key}' 的 {entry!r} 不是 YYYY-MM-DD 格式的日期") from None
