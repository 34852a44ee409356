"""Hostile inputs (issue 13): each case ends in a normal result or a clear MinutesError.

The notes, templates and JSON here are written for the tests.
"""
from __future__ import annotations

import json
from datetime import date

import pytest

from minutes import process, resolve_deadline
from minutes.model import minutes_from_dict
from minutes.render import render_ics, render_json, render_markdown, render_tracker_xlsx


# --------------------------------------------------------------------------- #
# Years below 1000
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("text, ref, expected", [
    ("0999年6月1日下午3点前", date(999, 5, 30), "0999-06-01T15:00"),
    ("明天上午10点", date(12, 3, 4), "0012-03-05T10:00"),
    ("6月2日前", date(999, 5, 30), "0999-06-02"),
])
def test_deadlines_years_below_1000_print_as_iso(text, ref, expected):
    assert resolve_deadline(text, ref).iso == expected


def test_render_early_year_deadlines_load_back_and_render():
    notes = "会议时间：0999年5月30日 14:00\n待办：\n1. 张伟负责整理需求，0999年6月1日下午3点前完成。\n"
    minutes = process("早.txt", notes.encode("utf-8"))
    assert [a.deadline for a in minutes.action_items] == ["0999-06-01T15:00"]
    again = minutes_from_dict(json.loads(render_json(minutes)))
    assert again.action_items[0].deadline == "0999-06-01T15:00"
    assert "DUE;TZID=Asia/Shanghai:09990601T150000" in render_ics(again)
    assert render_tracker_xlsx(again) and "整理需求" in render_markdown(again)
