"""Hostile inputs (issue 13): each case ends in a normal result or a clear MinutesError.

The notes, templates and JSON here are written for the tests.
"""
from __future__ import annotations

import json
from datetime import date
from io import BytesIO
from pathlib import Path

import docx
import pytest

from minutes import process, resolve_deadline
from minutes.errors import TemplateError
from minutes.model import ActionItem, Meeting, Minutes, minutes_from_dict
from minutes.render import (render_ics, render_json, render_markdown, render_minutes_docx, render_tracker_docx,
                            render_tracker_xlsx)
from minutes.render.budget import Budget, render_within_budget
from minutes.render.context import build_context
from minutes.render.docx import render_template


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


# --------------------------------------------------------------------------- #
# Templates: a budget of time, memory and recursion; mistakes name the file
# --------------------------------------------------------------------------- #
def template_file(path: Path, paragraphs: list[str]) -> Path:
    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(path)
    return path


def small_minutes() -> Minutes:
    return Minutes(source="周会.txt", meeting=Meeting(title="周会", date="2024-06-12"),
                   action_items=[ActionItem(task="整理需求", owner="张伟", deadline="2024-06-20")])


RECURSION = "{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}"
DOUBLING = "{% macro d(s) %}{{ d(s ~ s) }}{% endmacro %}{{ d(meeting.title) }}"


@pytest.mark.parametrize("paragraphs, message", [
    ([RECURSION], "无尽递归"),
    (["{{ meeting.title|center(1000000000) }}"], "内存"),
    (["{{ meeting.title.ljust(900000000) }}"], "内存"),
    ([DOUBLING], "内存"),
    (["{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}"], "超过 3 秒"),
    (["{{ meeting.title|format(1) }}"], "TypeError"),
    (["{% for k, v in actions|dictsort %}{{ k }}{% endfor %}"], "AttributeError"),
    (["{% for a in actions %}{% set loop = 1 %}{{ loop }}{% endfor %}"], "special loop variable"),
    (["{{ actions[5].task }}"], "no element 5"),
    (["{{ 1 / 0 }}"], "ZeroDivision"),
], ids=["recursion", "center", "ljust", "doubling", "nested-range", "format", "dictsort", "assign-loop",
        "index", "divide"])
def test_render_template_that_overruns_or_errs_is_a_template_error_naming_it(tmp_path, paragraphs, message):
    path = template_file(tmp_path / "公司模板.docx", paragraphs)
    with pytest.raises(TemplateError, match=message) as caught:
        render_within_budget(render_template, path, build_context(small_minutes()), Budget(seconds=3)) \
            if "range" in paragraphs[0] else render_minutes_docx(small_minutes(), template=path)
    assert "公司模板.docx" in str(caught.value)


def test_render_user_template_within_budget_renders_in_its_own_process(tmp_path):
    path = template_file(tmp_path / "mine.docx", ["{{ meeting.title }}：{% for a in actions %}{{ a.task }}{% endfor %}"])
    document = docx.Document(BytesIO(render_minutes_docx(small_minutes(), template=path)))
    assert document.paragraphs[0].text == "周会：整理需求"


# --------------------------------------------------------------------------- #
# A title longer than Word's property limit
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("style", ["standard", "formal"])
def test_render_title_over_255_characters_keeps_it_on_the_page(style):
    title = "关于" + "年度预算与采购计划" * 40 + "的专题会议"
    minutes = small_minutes()
    minutes.meeting.title = title
    document = docx.Document(BytesIO(render_minutes_docx(minutes, style=style)))
    assert len(document.core_properties.title) == 255
    assert any(title in p.text for p in document.paragraphs)
    assert render_tracker_docx(minutes)
