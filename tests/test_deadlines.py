"""Deadline resolution (minutes/deadlines.py) and the working-day calendar (minutes/holidays.py).

Every table pins one rule of ../shared/CONTRACT.md ("Deadlines") or of the module's
brief; dates are chosen to cross a weekend, a month end, a year end and China's
statutory holidays with their adjusted working days (调休).
"""
from __future__ import annotations

import importlib.util
import json
import re
from datetime import date, datetime
from pathlib import Path
from re import _constants as C, _parser as P

import pytest

from minutes import deadlines, resources
from minutes.deadlines import Deadline, find_deadlines, resolve_deadline
from minutes.errors import ConfigError, RuleFileError
from minutes.holidays import WorkCalendar, default_calendar
from minutes.textnorm import fold, fold_word, matching_table, one_document

WED = date(2024, 6, 12)                      # a Wednesday
WED_2PM = datetime(2024, 6, 12, 14, 0)
REPO = Path(__file__).resolve().parent.parent
PEER_DIR = REPO.parent / "shared" / "peer"


def iso(text: str, ref, **kwargs) -> str | None:
    found = resolve_deadline(text, ref, **kwargs)
    return found.iso if found else None


def only(text: str, ref) -> Deadline:
    found = find_deadlines(text, ref)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- #
# Weekdays and weeks
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("text, ref, expected", [
    ("周五", WED, "2024-06-14"),
    ("本周五", WED, "2024-06-14"),
    ("这周五", WED, "2024-06-14"),
    ("周五前", WED, "2024-06-14"),
    ("星期五", WED, "2024-06-14"),
    ("礼拜五", WED, "2024-06-14"),
    ("周三", WED, "2024-06-12"),              # on the day itself: that day
    ("周一前", WED, "2024-06-17"),            # passed this week: next week's
    ("本周一", WED, "2024-06-17"),
    ("周日", WED, "2024-06-16"),
    ("周一", date(2024, 6, 16), "2024-06-17"),  # said on a Sunday
    ("本周五", date(2024, 6, 16), "2024-06-21"),
    ("周五", date(2024, 12, 30), "2025-01-03"),  # crosses the year end
])
def test_deadlines_weekday_is_this_week_or_next_when_passed(text, ref, expected):
    assert iso(text, ref) == expected


@pytest.mark.parametrize("text, ref, expected", [
    ("下周三", WED, "2024-06-19"),
    ("下周三", date(2024, 6, 10), "2024-06-19"),  # Monday: still the next calendar week
    ("下周一", date(2024, 6, 16), "2024-06-17"),  # Sunday: next week starts tomorrow
    ("下星期二", WED, "2024-06-18"),
    ("下个礼拜五", WED, "2024-06-21"),
    ("下下周一", WED, "2024-06-24"),
    ("下周五", date(2024, 12, 30), "2025-01-10"),
    ("上周三", WED, "2024-06-05"),
    ("上上周三", WED, "2024-05-29"),
    ("研发部下周一前提交", WED, "2024-06-17"),
])
def test_deadlines_next_wednesday_crosses_week(text, ref, expected):
    assert iso(text, ref) == expected


@pytest.mark.parametrize("text, expected, bounded", [
    ("本周内", "2024-06-16", True),
    ("本周", "2024-06-16", False),
    ("周末", "2024-06-16", True),
    ("下周内", "2024-06-23", True),
    ("下周", "2024-06-23", False),
    ("下周末前", "2024-06-23", True),
])
def test_deadlines_whole_week_ends_on_its_sunday(text, expected, bounded):
    found = only(text, WED)
    assert (found.iso, found.bounded) == (expected, bounded)


# --------------------------------------------------------------------------- #
# Month, quarter and year ends
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("text, ref, expected", [
    ("月底", date(2024, 2, 10), "2024-02-29"),
    ("本月底", date(2023, 2, 10), "2023-02-28"),
    ("月底前", WED, "2024-06-30"),
    ("下月底", date(2024, 12, 10), "2025-01-31"),
    ("下月底", date(2024, 1, 31), "2024-02-29"),
    ("6月底前", date(2024, 6, 3), "2024-06-30"),
    ("6月底", date(2024, 7, 3), "2025-06-30"),     # forward: next year's June
    ("3月底前", WED, "2025-03-31"),
    ("2024年6月底", date(2024, 7, 3), "2024-06-30"),
    ("本月内", WED, "2024-06-30"),
    ("下个月", WED, "2024-07-31"),
    ("年底", WED, "2024-12-31"),
    ("年底前", date(2024, 12, 31), "2024-12-31"),
    ("明年底", WED, "2025-12-31"),
    ("年内", WED, "2024-12-31"),
    ("Q3末", WED, "2024-09-30"),
    ("季度末", date(2024, 11, 5), "2024-12-31"),
    ("二季度末前", date(2024, 11, 5), "2025-06-30"),
    ("争取月底前", date(2024, 6, 3), "2024-06-30"),  # a hedge keeps the day
])
def test_deadlines_month_quarter_and_year_end_on_their_last_day(text, ref, expected):
    assert iso(text, ref) == expected


# --------------------------------------------------------------------------- #
# Working days, calendar days, weeks, months
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("text, ref, expected", [
    ("3个工作日内", date(2024, 9, 26), "2024-09-30"),   # 9-29 is a 调休 Sunday
    ("5个工作日内", date(2024, 9, 26), "2024-10-09"),   # across National Day
    ("5个工作日内", date(2023, 4, 26), "2023-05-06"),   # lands on the 调休 Saturday
    ("3个工作日内", date(2026, 6, 16), "2026-06-22"),   # Dragon Boat 6-19 and a weekend
    ("7个工作日内", date(2025, 12, 24), "2026-01-05"),  # 元旦, 2026-01-04 调休 Sunday
    ("下个工作日", date(2025, 9, 30), "2025-10-09"),    # the whole National Day break skipped
    ("十一前", date(2025, 9, 10), "2025-09-30"),        # 十一 = National Day, before a deadline mark
    ("十一长假之前", date(2024, 9, 2), "2024-09-30"),   # the Monday after the 调休 Sunday, last before the break
    ("下一个工作日前", date(2024, 9, 27), "2024-09-29"),  # 9-29 is a 调休 Sunday
    ("next business day", date(2024, 6, 7), "2024-06-11"),  # a Friday before 端午 (6-10)
    ("3个工作日内", date(2025, 1, 24), "2025-02-05"),   # Spring Festival, 1-26 调休 Sunday
    ("5个工作日内", date(2025, 2, 4), "2025-02-10"),    # 2-08 调休 Saturday
    ("3个工作日内", date(2024, 6, 13), "2024-06-18"),   # an ordinary weekend
    ("三个工作日内", date(2024, 9, 26), "2024-09-30"),
    ("3个工作日", date(2024, 9, 26), None),              # a bare duration is no deadline
    ("3个工作日完成询价", date(2024, 9, 26), "2024-09-30"),  # …but one before the work finished in it bounds it
    ("两个工作日提交", date(2024, 9, 26), "2024-09-29"),
    ("兩週完成整改", date(2024, 9, 26), "2024-10-10"),
    ("用了3天完成", date(2024, 9, 26), None),             # time spent, not a deadline
    ("3个工作日后", date(2024, 9, 26), "2024-09-30"),
    ("within 3 business days", date(2024, 9, 26), "2024-09-30"),
])
def test_deadlines_workdays_follow_china_holidays_and_adjusted_days(text, ref, expected):
    assert iso(text, ref) == expected


@pytest.mark.parametrize("text, ref, expected", [
    ("节前完成", date(2024, 4, 26), "2024-04-30"),            # 劳动节 5-1…5-5; 4-28 is a 调休 Sunday
    ("放假前", date(2024, 9, 20), "2024-09-30"),               # 国庆: the last working day before it
    ("節前", date(2025, 1, 20), "2025-01-27"),                  # 春节 starts 1-28, 1-26 is worked
    ("节后第一个工作日", date(2024, 4, 26), "2024-05-06"),
    ("节后上班第一天", date(2025, 1, 20), "2025-02-05"),
    ("节前", date(2024, 3, 1), None),                           # no holiday within a month: vague
    ("节后", date(2024, 4, 26), None),                          # after, with no day named: vague
    ("春节放假前", date(2024, 12, 20), "2025-01-27"),            # a named holiday's break, not the next one
    ("國慶放假前", date(2024, 9, 2), "2024-09-30"),
])
def test_deadlines_holiday_edges_are_the_working_days_around_the_next_holiday(text, ref, expected):
    assert iso(text, ref) == expected


def test_deadlines_holiday_before_a_noun_names_the_task_not_its_day():
    found = find_deadlines("节前安全检查：1/26补班当天做完", date(2025, 1, 24))
    assert [d.text for d in found][0] == "1/26"


def test_deadlines_holiday_edges_follow_a_users_calendar_past_the_published_years():
    days_off = [date(2031, 5, 1), date(2031, 5, 2), date(2031, 5, 5)]      # Thu, Fri, and Mon after the weekend
    calendar = WorkCalendar(holidays=days_off)
    assert calendar.next_holiday(date(2031, 4, 25), 31) == (date(2031, 5, 1), date(2031, 5, 5))
    assert iso("节前", date(2031, 4, 25), calendar=calendar) == "2031-04-30"
    assert iso("节后第一个工作日", date(2031, 4, 25), calendar=calendar) == "2031-05-06"


@pytest.mark.parametrize("text, vague", [
    ("邓卫10月份安排设备保养", "10月份"),        # a month alone before the work it times: no day
    ("明年3月上线", "明年3月"),
    ("新系统2026年4月启动", "2026年4月"),
    ("10月完成的技改使能耗下降6%", None),        # work done, told of: no deadline at all
    ("10月排产计划已下发", None),                # a month naming the plan
])
def test_deadlines_a_month_before_its_work_is_vague(text, vague):
    found = find_deadlines(text, date(2025, 9, 10))
    assert [(d.text, d.kind) for d in found] == ([(vague, "vague")] if vague else [])


@pytest.mark.parametrize("text, expected", [
    ("本周四17:30前", "2025-09-11T17:30"),     # a clock right after the weekday, no space
    ("下周一10:00前", "2025-09-15T10:00"),
    ("周1前", "2025-09-15"),                  # a digit weekday
    ("今明两天内完成", "2025-09-11"),            # today and tomorrow: by tomorrow
    ("114/09/30前", "2025-09-30"),              # a Taiwan document's year of the Republic
    ("114.10.3", "2025-10-03"),
])
def test_deadlines_a_weekday_and_its_time_written_together(text, expected):
    assert iso(text, date(2025, 9, 10)) == expected
    assert not find_deadlines("周17", date(2025, 9, 10))     # no weekday 17


@pytest.mark.parametrize("text, expected", [
    ("5/9/2025", "2025-09-05"),      # May 9 has passed at the meeting, September 5 has not: D/M/Y
    ("22/8/2025", "2025-08-22"),     # first number over 12: D/M/Y
    ("8/20/2025", "2025-08-20"),     # second number over 12: M/D/Y
    ("3/4/2025", "2025-03-04"),      # both readings passed: M/D/Y as written
])
def test_deadlines_numeric_dates_with_a_year_read_the_way_that_lies_ahead(text, expected):
    assert iso(text, date(2025, 8, 14)) == expected


@pytest.mark.parametrize("text", ["3月第一周", "下月第二周前", "4月的第3个星期"])
def test_deadlines_a_week_of_a_month_is_vague(text):
    assert only(text, date(2024, 2, 1)).kind == "vague"


@pytest.mark.parametrize("text, expected, bounded", [
    ("周五（6/21）前", "2024-06-21", True),            # the date in brackets says which Friday
    ("下周五(10/21)前交", "2024-10-21", True),
    ("周五（6/21）", "2024-06-21", False),
    ("三季度内", "2024-09-30", True),                  # a named quarter, within it
])
def test_deadlines_contract_forms(text, expected, bounded):
    d = only(text, WED)
    assert (d.iso, d.bounded) == (expected, bounded)


@pytest.mark.parametrize("text", ["把时效拉回48小时以内", "首次响应控制在2小时内", "处理周期缩短到3天内"])
def test_deadlines_a_duration_after_a_target_verb_is_no_deadline(text):
    assert find_deadlines(text, WED) == []


def test_deadlines_holiday_edge_without_a_nearby_holiday_is_vague():
    assert only("节前", date(2024, 3, 1)).kind == "vague"


@pytest.mark.parametrize("text, ref, expected", [
    ("3天内", WED, "2024-06-15"),
    ("10日内", WED, "2024-06-22"),
    ("3天内", date(2024, 12, 30), "2025-01-02"),
    ("一周内", WED, "2024-06-19"),
    ("两周内", WED, "2024-06-26"),
    ("3周内", WED, "2024-07-03"),
    ("两个星期内", WED, "2024-06-26"),
    ("1个月内", date(2024, 1, 31), "2024-02-29"),
    ("半个月内", WED, "2024-06-27"),
    ("一个半月内", WED, "2024-07-27"),       # a half between 个 and the unit: 45 days
    ("两年半内", WED, "2026-12-12"),         # a half after the unit
    ("一个半小时后", WED, "2024-06-12"),
    ("兩週半內", WED, "2024-06-29"),
    ("10个自然日内", WED, "2024-06-22"),     # calendar days, said so against working days
    ("30個日曆日內", WED, "2024-07-12"),
    ("within 14 calendar days", WED, "2024-06-26"),
    ("两天后", WED, "2024-06-14"),
    ("5天前", WED, "2024-06-07"),
    ("5年前", WED, "2019-06-12"),
])
def test_deadlines_calendar_durations_count_from_the_meeting(text, ref, expected):
    assert iso(text, ref) == expected


@pytest.mark.parametrize("text, ref, expected", [
    ("24小时内", datetime(2026, 6, 16, 14, 0), "2026-06-17T14:00"),
    ("24小时内", date(2026, 6, 16), "2026-06-17"),        # no start time: the date
    ("1小时内", datetime(2024, 6, 12, 23, 30), "2024-06-13T00:30"),
    ("2小时内", date(2024, 6, 12), "2024-06-12"),
    ("30分钟内", datetime(2024, 6, 12, 9, 0), "2024-06-12T09:30"),
    ("半小时内", datetime(2024, 6, 12, 9, 0), "2024-06-12T09:30"),
    ("2小时后", WED_2PM, "2024-06-12T16:00"),
    ("10分钟之前", WED_2PM, "2024-06-12T13:50"),
    ("within 24 hours", WED_2PM, "2024-06-13T14:00"),
    ("24h内", WED_2PM, "2024-06-13T14:00"),
])
def test_deadlines_hours_and_minutes_are_instants_when_the_start_time_is_known(text, ref, expected):
    assert iso(text, ref) == expected


# --------------------------------------------------------------------------- #
# Days named relative to the meeting, and month-days resolved forward
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("text, ref, expected", [
    ("今天", WED, "2024-06-12"),
    ("今晚", WED, "2024-06-12"),
    ("明天", WED, "2024-06-13"),
    ("明早", WED, "2024-06-13"),
    ("明天上午", WED_2PM, "2024-06-13"),
    ("后天", WED, "2024-06-14"),
    ("大后天", WED, "2024-06-15"),
    ("昨天", WED, "2024-06-11"),
    ("明天", date(2024, 12, 31), "2025-01-01"),
    ("明天下班前", WED, "2024-06-13"),
    ("下班前", WED_2PM, "2024-06-12"),
    ("EOD", WED_2PM, "2024-06-12"),
])
def test_deadlines_relative_days_count_from_the_meeting_date(text, ref, expected):
    assert iso(text, ref) == expected


@pytest.mark.parametrize("text, ref, expected", [
    ("10月20日前", date(2023, 10, 10), "2023-10-20"),
    ("1月5日前", date(2023, 12, 20), "2024-01-05"),    # crosses the year end
    ("6月12日", WED, "2024-06-12"),                     # the meeting day itself
    ("6月20号", WED, "2024-06-20"),
    ("2月29日", date(2023, 3, 1), "2024-02-29"),        # waits for a leap year
    ("29日", date(2023, 2, 10), "2023-03-29"),          # February has none
    ("31日", date(2024, 4, 5), "2024-05-31"),
    ("5号", WED, "2024-07-05"),
    ("十五号", WED, "2024-06-15"),
    ("二十日", WED, "2024-06-20"),
    ("本月十日", WED, "2024-06-10"),                     # explicit: this month, even past
    ("下个月二十号", WED, "2024-07-20"),
    ("十月第一个星期一", WED, "2024-10-07"),
    ("6月23日（周日补班）下班前", WED, "2024-06-23"),        # a note after the weekday, then the time of day
    ("6月21日(周五 上午) 10:00前", WED, "2024-06-21T10:00"),
])
def test_deadlines_month_day_without_year_resolves_forward(text, ref, expected):
    assert iso(text, ref) == expected


@pytest.mark.parametrize("text, expected", [
    ("6/20", "2024-06-20"),
    ("6/10", "2025-06-10"),
    ("30/8", "2024-08-30"),
    ("30/8/2024", "2024-08-30"),          # first number over 12: D/M/Y
    ("8/30/2024", "2024-08-30"),
    ("2024-06-20", "2024-06-20"),
    ("2024.06.20", "2024-06-20"),
    ("2024/06/20", "2024-06-20"),
    ("2024年6月20日", "2024-06-20"),
    ("24年6月20日", "2024-06-20"),
    ("二〇二四年六月二十日", "2024-06-20"),
    ("2024年6月20日（星期四）", "2024-06-20"),
    ("2024-06-20T10:00", "2024-06-20T10:00"),
    ("6.20前", "2024-06-20"),              # M.D only with a deadline word after it
    ("V3.5前上线", None),
    ("共十一人参会", None),                # 十一 as a number is no National Day
    ("第十一次例会前", None),
])
def test_deadlines_written_dates(text, expected):
    assert iso(text, WED) == expected


# --------------------------------------------------------------------------- #
# Clock times
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("text, ref, expected", [
    ("6月20日17:00前", WED_2PM, "2024-06-20T17:00"),
    ("明天下午3点前", WED_2PM, "2024-06-13T15:00"),
    ("明天中午12:00前", WED_2PM, "2024-06-13T12:00"),
    ("下周一上午10点前", WED_2PM, "2024-06-17T10:00"),
    ("6/24 10:00前", WED_2PM, "2024-06-24T10:00"),
    ("11:30前", datetime(2024, 6, 12, 9, 0), "2024-06-12T11:30"),
    ("11:30前", WED_2PM, "2024-06-13T11:30"),            # already past: tomorrow
    ("11:30前", WED, "2024-06-12T11:30"),                # no start time: the meeting day
    ("今天 18:00 前", WED_2PM, "2024-06-12T18:00"),
    ("下午2:00", WED_2PM, "2024-06-12T14:00"),
    ("晚上8点", WED_2PM, "2024-06-12T20:00"),
    ("三点半", WED_2PM, "2024-06-12T15:30"),              # office hours: afternoon
    ("下午三点十五", WED_2PM, "2024-06-12T15:15"),
    ("明早9点", WED_2PM, "2024-06-13T09:00"),
    ("凌晨2点", WED_2PM, "2024-06-13T02:00"),
    ("3pm", WED, "2024-06-12T15:00"),
    ("3:30 PM", WED, "2024-06-12T15:30"),
    ("周五下午", WED_2PM, "2024-06-14"),                  # a day part alone adds no time
    ("明天上午", WED_2PM, "2024-06-13"),
])
def test_deadlines_clock_times(text, ref, expected):
    assert iso(text, ref) == expected


# --------------------------------------------------------------------------- #
# Vague, undetermined and conditional
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("text", [
    "尽快", "尽早", "抓紧", "ASAP", "asap", "近期", "及时", "适时", "随后", "稍后", "改天", "回头", "择期",
    "下月初", "9月初", "1月中旬", "4月中旬", "上旬", "下旬", "月中", "月中前", "Q3", "Q1内", "上半年",
    "下半年", "近日", "后续", "以后", "找时间", "不急", "soon", "几天内", "每周五前", "7月前", "6月中下旬",
    "下个月中旬", "2024年Q3", "6月20日后",
])
def test_deadlines_vague_times_fix_no_day(text):
    found = only(text, WED)
    assert (found.kind, found.iso, found.vague) == ("vague", None, True)


@pytest.mark.parametrize("text", ["待定", "另定", "TBD", "暂不定时间", "时间没定", "待IT排期后确定", "视情况而定"])
def test_deadlines_undetermined_times(text):
    found = only(text, WED)
    assert (found.kind, found.iso) == ("undetermined", None)


@pytest.mark.parametrize("text, words", [
    ("收到协议后3个工作日内", "收到协议后3个工作日内"),
    ("合同签订后5个工作日内", "合同签订后5个工作日内"),
    ("上线后一周内", "上线后一周内"),
    ("请在收到协议后3个工作日内回复", "收到协议后3个工作日内"),
    ("张三收到样品后两天内反馈", "收到样品后两天内"),
])
def test_deadlines_counted_from_an_unknown_event_are_conditional(text, words):
    found = only(text, WED)
    assert (found.kind, found.iso, found.text, found.bounded) == ("conditional", None, words, True)


@pytest.mark.parametrize("text, ref, expected", [
    ("会后3天内", WED, "2024-06-15"),
    ("会后3个工作日内", date(2024, 9, 26), "2024-09-30"),
    ("会议结束后24小时内", WED_2PM, "2024-06-13T14:00"),
    ("即日起30天内", WED, "2024-07-12"),
    ("6月20日后3个工作日内", WED, "2024-06-25"),         # counted from a known date
])
def test_deadlines_counted_from_the_meeting_or_a_date_are_fixed(text, ref, expected):
    assert iso(text, ref) == expected


# --------------------------------------------------------------------------- #
# Scripts and languages
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("text, ref, expected", [
    ("下週三", WED, "2024-06-19"),
    ("3個工作日內", date(2024, 9, 26), "2024-09-30"),
    ("禮拜五", WED, "2024-06-14"),
    ("十五號", WED, "2024-06-15"),
    ("明天下午三點", WED_2PM, "2024-06-13T15:00"),
    ("兩週內", WED, "2024-06-26"),
    ("國慶節前", WED, "2024-09-30"),
    ("後天", WED, "2024-06-14"),
])
def test_deadlines_traditional_script(text, ref, expected):
    assert iso(text, ref) == expected


@pytest.mark.parametrize("text, ref, expected", [
    ("１０月２０日前", date(2023, 10, 10), "2023-10-20"),
    ("６／２０", WED, "2024-06-20"),
    ("３个工作日内", date(2024, 9, 26), "2024-09-30"),
    ("明天１５：００前", WED_2PM, "2024-06-13T15:00"),
])
def test_deadlines_full_width_digits(text, ref, expected):
    assert iso(text, ref) == expected


@pytest.mark.parametrize("text, ref, expected", [
    ("Fri", WED, "2024-06-14"),
    ("Friday", date(2024, 6, 15), "2024-06-21"),
    ("next Wed", WED, "2024-06-19"),
    ("EOD Thursday", WED, "2024-06-13"),
    ("by 6/20", WED, "2024-06-20"),
    ("June 20", WED, "2024-06-20"),
    ("Jun 20th", WED, "2024-06-20"),
    ("20 June 2025", WED, "2025-06-20"),
    ("due Friday", WED, "2024-06-14"),
    ("tomorrow", WED, "2024-06-13"),
    ("end of month", WED, "2024-06-30"),
    ("in 2 weeks", WED, "2024-06-26"),
    ("EOD THURSDAY", WED, "2024-06-13"),
    ("3 days ago", WED, "2024-06-09"),
])
def test_deadlines_english_forms(text, ref, expected):
    assert iso(text, ref) == expected


# --------------------------------------------------------------------------- #
# Holidays
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("text, ref, expected", [
    ("国庆", WED, "2024-10-01"),
    ("国庆节前", WED, "2024-09-30"),        # the last working day before the days off (9-29 is worked)
    ("五一前", date(2025, 4, 15), "2025-04-30"),
    ("春节前", date(2025, 1, 10), "2025-01-27"),   # the days off start 1-28, the eve
    ("元旦后第一个工作日", date(2024, 12, 20), "2025-01-02"),
    ("国庆假期后第一个工作日", WED, "2024-10-08"),
    ("元旦", WED, "2025-01-01"),
    ("劳动节", WED, "2025-05-01"),
    ("五一", WED, "2025-05-01"),
    ("春节", WED, "2025-01-29"),
    ("春节", date(2025, 2, 1), "2026-02-17"),
    ("除夕", WED, "2025-01-28"),
    ("端午节", WED, "2025-05-31"),          # 2024's was 6-10, already past
    ("中秋", WED, "2024-09-17"),
    ("清明", WED, "2025-04-04"),
    ("今年圣诞节", WED, "2024-12-25"),
    ("母亲节", date(2017, 3, 22), "2017-05-14"),
])
def test_deadlines_holidays_by_name(text, ref, expected):
    assert iso(text, ref) == expected


# --------------------------------------------------------------------------- #
# Deadline markers, spans, sentences
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("text, bounded", [
    ("周五前", True), ("周五", False), ("月底", True), ("3天内", True), ("5天前", False),
    ("DDL 7/17", True), ("ETA 7/23", True), ("by Friday", True), ("下班前", True), ("截止：月底", True),
    ("6月20日截止", True), ("最晚6月20日", True), ("2024年1月10日或之前", True), ("6月20日前后", False),
    ("尽快", False), ("Q1内", True),
])
def test_deadlines_bounded_means_a_deadline_marker(text, bounded):
    assert only(text, WED).bounded is bounded


def test_deadlines_two_deadlines_in_one_sentence():
    text = "38台笔记本的配置清单周五前给到刘经理，9月5号前把电脑和系统账号全部开好"
    found = find_deadlines(text, date(2025, 8, 13))
    assert [(d.text, d.start, d.end, d.iso) for d in found] == [
        ("周五前", 11, 14, "2025-08-15"),
        ("9月5号前", 20, 25, "2025-09-05"),
    ]


@pytest.mark.parametrize("text, words, start", [
    ("请张三于6月20日（周四）前提交", "6月20日（周四）前", 4),
    ("DDL：6/20，owner Amy", "DDL：6/20", 0),
    ("- 江涛：补偿券发放上线，P1，今天 18:00 前", "今天 18:00 前", 16),
    ("截止日期：2024-04-12 | 已完成", "截止日期：2024-04-12", 0),
])
def test_deadlines_spans_are_exact_offsets(text, words, start):
    found = only(text, WED)
    assert (found.text, found.start, found.end) == (words, start, start + len(words))
    assert text[found.start:found.end] == found.text


@pytest.mark.parametrize("text, ref, expected", [
    ("4月22日至26日", date(2024, 4, 1), ["2024-04-22", "2024-04-26"]),
    ("12月30、31日", date(2024, 12, 1), ["2024-12-30", "2024-12-31"]),
    ("6月20日 14:00-16:30", datetime(2024, 6, 1, 9, 0), ["2024-06-20T14:00", "2024-06-20T16:30"]),
    ("下周一至周三", WED, ["2024-06-17", "2024-06-19"]),
    ("下周一至下周三", WED, ["2024-06-17", "2024-06-19"]),
])
def test_deadlines_second_half_of_a_range_shares_the_first_date(text, ref, expected):
    assert [d.iso for d in find_deadlines(text, ref)] == expected


@pytest.mark.parametrize("text, expected", [
    ("周五开会，收到协议后3个工作日内反馈", "收到协议后3个工作日内"),   # the bounded one
    ("尽快，最晚6月20日前", "最晚6月20日前"),
    ("6月20日评审，尽快提交", "6月20日"),                             # else the fixed one
    ("尽快处理", "尽快"),                                            # else whatever there is
])
def test_resolve_deadline_prefers_bounded_then_fixed(text, expected):
    assert resolve_deadline(text, WED).text == expected


@pytest.mark.parametrize("text", [
    "提出3点建议", "3号楼会议室", "地铁1号线", "当前版本", "请查看说明日志", "线上周会", "早一点提交",
    "年中慶活動", "二号产线投产", "大家一起讨论", "没有时间要求", "今年的目标", "每天的订单量", "7月批次滤芯",
])
def test_deadlines_words_that_are_not_times(text):
    assert find_deadlines(text, WED) == []


@pytest.mark.parametrize("text", [
    None, "", "   ", "🙂🙂🙂", "\x00\x01", 12345, "2月30日前", "25:00前", "0月0日", "99999个工作日内",
    "9999年12月31日后3天内", "待" + "啊" * 5000, "后3天内", "年" * 3000, "周" * 3000,
])
def test_deadlines_odd_input_never_raises(text):
    assert isinstance(find_deadlines(text, WED), list)
    assert resolve_deadline(text, WED_2PM) is None or isinstance(resolve_deadline(text, WED_2PM), Deadline)


@pytest.mark.parametrize("text", [None, "", "🙂🙂🙂", "2月30日前", "25:00前", "0月0日", "99999个工作日内",
                                  "9999年12月31日后3天内"])
def test_deadlines_garbage_gives_nothing(text):
    assert find_deadlines(text, WED) == []


def test_deadlines_invalid_date_is_skipped_not_replaced_by_a_part_of_it():
    assert find_deadlines("2月30日前提交", WED) == []


# --------------------------------------------------------------------------- #
# Calendar coverage and user calendars
# --------------------------------------------------------------------------- #
def test_deadlines_warn_past_the_calendar_data():
    found = only("3个工作日内", date(2026, 12, 30))
    assert found.iso == "2027-01-04"
    assert found.warnings == ("节假日数据不包括 2027 年，这一年只按周末计算工作日",)
    assert only("3个工作日内", date(2026, 6, 16)).warnings == ()


@pytest.mark.parametrize("text, ref, expected", [
    ("国庆前", date(2031, 9, 1), "2031-09-30"),                # 10-01 is a Wednesday: the Tuesday before
    ("春节前", date(2031, 1, 6), "2031-01-22"),                # 正月初一 2031-01-23
    ("元旦后第一个工作日", date(2031, 12, 20), "2032-01-02"),  # 2032-01-01 is a Thursday
])
def test_deadlines_a_holiday_edge_past_the_calendar_data_is_estimated_with_a_warning(text, ref, expected):
    """Before the year's schedule is published, 国庆前 is the working day before the holiday by
    weekends alone, never the holiday itself, and says the estimate is one."""
    found = only(text, ref)
    assert found.iso == expected
    assert found.warnings == (f"节假日数据不包括 {expected[:4]} 年，这一年只按周末计算工作日",)


def test_deadlines_user_calendar_file_overrides(tmp_path):
    path = tmp_path / "calendar.yaml"
    path.write_text("holidays: [2027-01-01, 2027-01-04]\nworkdays: []\n", encoding="utf-8")
    found = find_deadlines("3个工作日内", date(2026, 12, 30), calendar=WorkCalendar.from_file(path))
    assert [(d.iso, d.warnings) for d in found] == [("2027-01-06", ())]


def test_deadlines_company_day_off_moves_the_count(tmp_path):
    path = tmp_path / "calendar.json"
    path.write_text(json.dumps({"holidays": ["2024-06-14"]}), encoding="utf-8")
    assert iso("3个工作日内", WED) == "2024-06-17"
    assert iso("3个工作日内", WED, calendar=WorkCalendar.from_file(path)) == "2024-06-18"


@pytest.mark.parametrize("day, workday", [
    (date(2024, 9, 29), True),      # 调休 Sunday
    (date(2024, 9, 28), False),
    (date(2024, 10, 1), False),
    (date(2023, 5, 6), True),       # 调休 Saturday
    (date(2025, 1, 28), False),     # Spring Festival
    (date(2025, 1, 26), True),
    (date(2027, 1, 1), True),       # past the data: a Friday is a working day
    (date(2027, 1, 2), False),
    (datetime(2024, 9, 29, 10, 0), True),
])
def test_holidays_is_workday(day, workday):
    assert default_calendar().is_workday(day) is workday


@pytest.mark.parametrize("day, n, expected", [
    (date(2024, 9, 26), 3, date(2024, 9, 30)),
    (date(2024, 9, 30), -3, date(2024, 9, 26)),
    (date(2024, 9, 26), 0, date(2024, 9, 26)),
    (date(2026, 12, 31), 1, date(2027, 1, 1)),
])
def test_holidays_add_workdays(day, n, expected):
    assert default_calendar().add_workdays(day, n) == expected


def test_holidays_warnings_name_the_uncovered_year():
    calendar = default_calendar()
    assert calendar.warnings_for(date(2026, 12, 31)) == ()
    assert calendar.warnings_for(date(2027, 3, 1)) == ("节假日数据不包括 2027 年，这一年只按周末计算工作日",)
    assert calendar is default_calendar()


def test_holidays_user_file_overrides_the_package(tmp_path):
    path = tmp_path / "company.yaml"
    path.write_text("holidays:\n  - 2024-06-14\nworkdays:\n  - '2024-10-01'\n", encoding="utf-8")
    calendar = WorkCalendar.from_file(path)
    assert calendar.is_workday(date(2024, 6, 14)) is False
    assert calendar.is_workday(date(2024, 10, 1)) is True
    assert calendar.is_workday(date(2024, 10, 2)) is False


@pytest.mark.parametrize("content, words", [
    ('{"holidays": ["2027-13-01"]}', ["2027-13-01", "holidays"]),
    ('{"workdays": ["tomorrow"]}', ["tomorrow", "workdays"]),
    ('{"holiday": ["2027-01-01"]}', ["holiday"]),
    ('["2027-01-01"]', ["'holidays' 和/或 'workdays'"]),
    ('{"holidays": "2027-01-01"}', ["holidays", "日期的列表"]),
    ("{not json", ["无法读取"]),
    ('{"holidays": ["2027-01-01"], "workdays": ["2027-01-01"]}', ["2027-01-01", "既列为假日又列为工作日"]),
])
def test_holidays_bad_file_is_a_config_error_naming_file_and_entry(tmp_path, content, words):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        WorkCalendar.from_file(path)
    assert str(path) in str(caught.value)
    assert all(word in str(caught.value) for word in words)


def test_holidays_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="nope.yaml"):
        WorkCalendar.from_file(tmp_path / "nope.yaml")


# --------------------------------------------------------------------------- #
# The rule file
# --------------------------------------------------------------------------- #
def test_deadlines_rule_file_documents_every_key():
    text = resources.model_path("deadlines.yaml").read_text(encoding="utf-8")
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    documented = set(re.findall(r"^#\s{3}(\w+)", header, flags=re.M))
    assert set(resources.load_yaml("deadlines.yaml")) <= documented


@pytest.mark.parametrize("festival", ["spring_festival", "dragon_boat", "mid_autumn"])
def test_deadlines_lunar_dates_are_official_days_off(festival):
    table = resources.load_yaml("deadlines.yaml")["lunar_dates"][festival]
    days = [date(year, *map(int, table[year].split("-"))) for year in range(2008, 2027)]
    assert [day for day in days if default_calendar().is_workday(day)] == []


def test_deadlines_rule_file_missing_a_key_names_file_and_key(monkeypatch):
    data = {k: v for k, v in resources.load_yaml("deadlines.yaml").items() if k != "weekdays"}
    monkeypatch.setattr(deadlines.resources, "load_yaml", lambda name: data)
    deadlines._grammar.cache_clear()
    try:
        with pytest.raises(RuleFileError, match=r"deadlines\.yaml.*weekdays"):
            find_deadlines("周五", WED)
    finally:
        monkeypatch.undo()
        deadlines._grammar.cache_clear()


def test_deadlines_synonym_added_to_the_data_needs_no_code(monkeypatch):
    data = dict(resources.load_yaml("deadlines.yaml"))
    data["vague"] = data["vague"] + ["等有空再说"]
    monkeypatch.setattr(deadlines.resources, "load_yaml", lambda name: data)
    deadlines._grammar.cache_clear()
    try:
        assert only("等有空再说", WED).kind == "vague"
    finally:
        monkeypatch.undo()
        deadlines._grammar.cache_clear()


def test_deadlines_a_callers_folded_line_reads_as_the_line():
    """A caller may hand over textnorm.fold of the line (a Unit's fold) instead of having it
    folded again: the rules see the same text, for every character of the fold table and for
    cased letters the fold leaves alone (İ, Σ) or a stray surrogate."""
    table = matching_table()
    every = "".join(map(chr, table)) + "ABCxyz İΣ\udc80 明天3PM前"
    assert deadlines._matching_view(every, fold(every)) == every.translate(table)
    text = "請於下週三（６／２０）ＰＭ３點前完成，DDL 見 Ｑ３"
    assert find_deadlines(text, WED, folded=fold(text)) == find_deadlines(text, WED) != []



@pytest.mark.parametrize("text", ["周五前提交初稿", "3个工作日内回复", "下午3点开会", "10月8日前完成"])
def test_deadlines_a_line_read_again_in_one_document_resolves_from_each_reference(text):
    """In one document the rules' matches of a line are found once (a cell is read as a date, a
    unit and a field); each reading still counts from its own reference day."""
    refs = [WED, WED_2PM, date(2024, 9, 30), date(2024, 10, 9)]
    alone = [find_deadlines(text, ref) for ref in refs]
    with one_document():
        together = [find_deadlines(text, ref, folded=fold(text)) for ref in refs + refs]
    assert together == alone + alone
    assert len({tuple(d.iso for d in found) for found in alone}) > 1

# --------------------------------------------------------------------------- #
# The scan's shortcut: a rule is tried only where one of its matches can start
# --------------------------------------------------------------------------- #
def test_deadlines_rule_is_tried_wherever_its_match_can_start():
    """A rule opens with a word or class that re skips ahead to by itself: its own, or a class of
    the characters its matches can start with (_STARTS), looked back at before the rule proper
    (group _whole) is matched from there; read off the parsed pattern, every character the rule
    proper can start with is in that class. So for the deadline prefix's."""
    grammar = deadlines._grammar()
    for name, pattern in [(rule.name, rule.pattern) for _, rule in grammar.rules] + [("prefix", grammar.prefix)]:
        parsed = P.parse(pattern.pattern).data
        assert _opens_with_a_literal_or_class(parsed), f"rule {name} needs its first characters in _STARTS"
        if len(parsed) == 2 and parsed[1][0] is C.ASSERT and parsed[1][1][0] == -1:
            allowed, _ = _first_characters(parsed[:1])
            lookahead, _ = parsed[1][1][1].data
            first, empty = _first_characters(lookahead[1][1].data)
            assert first is not None and not empty, name
            assert first <= allowed, (name, "".join(sorted(first - allowed)))


@pytest.mark.parametrize("text, rule_name", [
    ("今年年底前完成", "year"), ("2025年内上线", "year"), ("明年年末", "year"),
    ("下季度末前交付", "quarter"), ("三季度内", "quarter"), ("Q3末", "quarter"), ("本季度以内", "quarter"),
    ("7月前提交", "vague_period"), ("2024年前", "vague_period"), ("明年前", "vague_period"),
    ("3月中旬前", "vague_month"), ("下月初", "vague_month"), ("明年3月上旬", "vague_month"),
    ("3月第二个周五", "nth_weekday"), ("12月的第1个礼拜三", "nth_weekday"),
    ("3月第一周", "vague_week_of_month"), ("下月第二个星期内", "vague_week_of_month"),
    ("本月最后一个工作日", "nth_workday"), ("10月第3个工作日", "nth_workday"),
    ("3天内完成", "duration"), ("两周之后", "duration"), ("2019-03-05", "ymd_numeric"), ("2019 3 5", "ymd_numeric"),
    ("three days ago", "duration_en_after"), ("2 weeks later", "duration_en_after"), ("5 minutes from now", "duration_en_after"),
])
def test_deadlines_rule_runs_only_where_the_words_it_needs_are(text, rule_name):
    """A rule runs on a line holding one of its trigger words and, where those are common (前, 内,
    中, 第, 年), a word of each further group (_NEEDS_ALSO): every match holds them all."""
    grammar = deadlines._grammar()
    folded = fold_word(text)
    matched = [(rule, folded[start:end]) for _, rule in grammar.rules
               for _, start, end in deadlines._rule_matches(rule.pattern, folded)]
    assert rule_name in {rule.name for rule, _ in matched}
    for rule, words in matched:
        assert not rule.needs or _holds_one(words, rule.needs), (rule.name, words)
        assert all(_holds_one(words, needed) for needed in rule.needs_also), (rule.name, words)


def _holds_one(text: str, words) -> bool:
    return any(word in text for word in words)


def _first_characters(sequence) -> tuple[set | None, bool]:
    """The characters a match of a parsed pattern can start with (None: any character), and
    whether it can be empty; a lookaround consumes nothing."""
    found: set = set()
    for op, av in sequence:
        first, empty = _first_characters_of(op, av)
        if first is None:
            return None, False
        found |= first
        if not empty:
            return found, False
    return found, True


def _first_characters_of(op, av) -> tuple[set | None, bool]:
    if op is C.LITERAL:
        return {chr(av)}, False
    if op is C.IN:
        if any(o not in (C.LITERAL, C.RANGE) for o, _ in av):
            return None, False
        return {chr(c) for o, a in av for c in ([a] if o is C.LITERAL else range(a[0], a[1] + 1))}, False
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        return set(), True
    if op is C.SUBPATTERN:
        return _first_characters(av[3])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        first, empty = _first_characters(av[2])
        return first, empty or av[0] == 0
    if op is C.BRANCH:
        parts = [_first_characters(alternative) for alternative in av[1]]
        if any(first is None for first, _ in parts):
            return None, False
        return set().union(*(first for first, _ in parts)), any(empty for _, empty in parts)
    return None, False


def _opens_with_a_literal_or_class(parsed) -> bool:
    while parsed and parsed[0][0] is C.SUBPATTERN:
        parsed = parsed[0][1][3].data
    op, av = parsed[0]
    return op in (C.LITERAL, C.IN) or (op is C.BRANCH and all(alt and alt[0][0] is C.LITERAL for alt in av[1]))


# --------------------------------------------------------------------------- #
# The peer suite (../shared/peer): accuracy must not fall below what is reached
# --------------------------------------------------------------------------- #
def _peer_bench():
    spec = importlib.util.spec_from_file_location("peer_dates", REPO / "bench" / "peer_dates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name, floor", [
    ("datetime_zh.jsonl", 0.99),
    ("datetime_zh_forward.jsonl", 0.99),
])
def test_deadlines_peer_accuracy_floor(name, floor):
    if not (PEER_DIR / name).is_file():
        pytest.skip(f"peer file {PEER_DIR / name} is not beside the repository")
    accuracy, _median_us, failures = _peer_bench().score_file(PEER_DIR / name)
    assert accuracy >= floor, [(f["span"], f["ref"], f["expected"], f["answer"]) for f in failures]


@pytest.mark.parametrize("text, ref, expected", [
    ("9.15日前", date(2025, 9, 10), "2025-09-15"),     # a dotted date with its 日 is a date, not 9.15 days ago
    ("3.8日前提交", date(2025, 9, 10), "2026-03-08"),
    ("12.1日", date(2025, 9, 10), "2025-12-01"),
    ("1.5天内", date(2025, 9, 10), "2025-09-11"),      # a decimal of 天 is still a duration
])
def test_deadlines_a_dotted_month_and_day_with_its_day_mark(text, ref, expected):
    assert iso(text, ref) == expected


@pytest.mark.parametrize("text", ["下周初完成", "本周中给出结论", "周初前提交"])
def test_deadlines_the_start_or_middle_of_a_week_is_vague(text):
    assert only(text, date(2025, 9, 10)).kind == "vague"


@pytest.mark.parametrize("text, ref, expected", [
    ("本月最后一个工作日", date(2025, 9, 10), "2025-09-30"),
    ("下月第一个工作日前", date(2025, 9, 10), "2025-10-09"),     # 10-01…10-08 off for National Day
    ("下个月第3个工作日", date(2025, 9, 10), "2025-10-11"),      # 10-11 a 调休 Saturday
    ("12月最后一个工作日", date(2025, 9, 10), "2025-12-31"),
    ("国庆节前一天", date(2025, 9, 10), "2025-09-30"),           # counted from the holiday itself
    ("春节前两天", date(2025, 9, 10), "2026-02-15"),
    ("中秋节后一天", date(2025, 9, 10), "2025-10-07"),
])
def test_deadlines_working_days_of_a_month_and_days_around_a_holiday(text, ref, expected):
    assert iso(text, ref) == expected


@pytest.mark.parametrize("text", ["每月最后一个周五前", "每月第一个工作日提交"])
def test_deadlines_an_nth_day_of_every_month_is_recurring(text):
    assert only(text, date(2025, 9, 10)).kind == "vague"


def test_deadlines_the_next_of_a_meeting_series_is_no_next_week():
    assert [d.text for d in find_deadlines("下次周会前提交", date(2025, 9, 10))] in ([], ["下次周会前"])


@pytest.mark.parametrize("text, said, iso", [
    ("revise the cost plan, by Thu 5/22", "by Thu 5/22", "2025-05-22"),
    ("周四 5/22前交初稿", "周四 5/22前", "2025-05-22"),
    ("Friday 5/30 at the latest", "Friday 5/30", "2025-05-30"),
])
def test_deadlines_a_date_after_a_weekday_and_a_space_says_which_one(text, said, iso):
    found = find_deadlines(text, date(2025, 5, 12))
    assert [(d.text, d.iso) for d in found] == [(said, iso)]
