"""Hostile inputs (issue 13): each case ends in a normal result or a clear MinutesError.

The notes, templates and JSON here are written for the tests.
"""
from __future__ import annotations

import re

import json
from datetime import date
from io import BytesIO
from pathlib import Path

import docx
import pytest
from fastapi.testclient import TestClient

from minutes import process, resolve_deadline
from minutes.cli import main
from minutes.errors import BadExtraction, TemplateError
from minutes.model import ActionItem, Location, Meeting, Minutes, minutes_from_dict
from minutes.render import (
    render_ics,
    render_json,
    render_markdown,
    render_minutes_docx,
    render_tracker_docx,
    render_tracker_xlsx,
)
from minutes.render.budget import Budget, render_within_budget
from minutes.render.context import build_context
from minutes.render.docx import render_template, tags
from minutes.service import Settings, create_app


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


# --------------------------------------------------------------------------- #
# Extraction JSON coming back in: checked field by field
# --------------------------------------------------------------------------- #
EDITED = {"source": "周会.txt", "meeting": {"title": "周会", "date": "2024-06-12"},
          "action_items": [{"task": "整理需求", "owner": "张伟", "deadline": "2024-06-20", "line": 3}]}


def edited(**changes) -> dict:
    data = json.loads(json.dumps(EDITED))
    for path, value in changes.items():
        *parents, last = path.split("__")
        target = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[last] = value
    return data


@pytest.mark.parametrize("data, field, found", [
    (edited(decisions=5), "'decisions'", "整数 5"),
    (edited(action_items__0__line="3"), "'action_items[0].line'", '"3"'),
    (edited(action_items__0__line=True), "'action_items[0].line'", "布尔值"),
    (edited(action_items__0__line=2.5), "'action_items[0].line'", "2.5"),
    (edited(action_items__0__task=None), "'action_items[0].task'", "null"),
    (edited(action_items__0__collaborators="李娜"), "'action_items[0].collaborators'", '"李娜"'),
    (edited(action_items__0__deadline="6月20日"), "'action_items[0].deadline'", "6月20日"),
    (edited(action_items__0__priority="urgent"), "'action_items[0].priority'", "urgent"),
    (edited(meeting__date="2024/06/12"), "'meeting.date'", "2024/06/12"),
    (edited(meeting__attendees=["张伟", 7]), "'meeting.attendees[1]'", "7"),
    (edited(meeting=[]), "'meeting'", "列表"),
    (edited(lint=[{"rule": "vague-time", "column": "五"}]), "'lint[0].column'", "五"),
    (edited(lint=[{"rule": "vague-time", "severity": "fatal"}]), "'lint[0].severity'", "fatal"),
    ([EDITED, EDITED], "'整个文件'", "列表"),
], ids=["decisions-number", "line-string", "line-bool", "line-float", "task-null", "collaborators-string",
        "deadline-words", "priority", "meeting-date", "attendee-number", "meeting-list", "column", "severity",
        "two-extractions"])
def test_model_wrong_shaped_extraction_names_the_field(data, field, found):
    with pytest.raises(BadExtraction) as caught:
        minutes_from_dict(data, source="改过的.json")
    assert field in str(caught.value) and found in str(caught.value) and "改过的.json" in str(caught.value)


def test_model_extraction_reads_back_docx_locations_of_findings():
    data = edited(lint=[{"rule": "vague-time", "text": "尽快", "location": {"table": 1, "row": 2, "cell": 3,
                                                                             "column": 4}}])
    assert minutes_from_dict(data).lint[0].location == Location(column=4, table=1, row=2, cell=3)


@pytest.mark.parametrize("content, message", [
    (b'{"decisions": 5}', "'decisions' 应为列表"),
    (b"[" * 100_000 + b"]" * 100_000, "嵌套层数过多"),
    (b'{"source": "a\x00b"}', "U+0000"),
    ('{"source": "周会"}'.encode("gbk"), "UTF-8"),
    (b'{"meeting": {"title": ' + b"9" * 5000 + b"}}", "不是可用的 JSON"),
], ids=["wrong-shape", "deep", "nul", "gbk", "huge-number"])
def test_cli_render_of_bad_extraction_json_exits_2_naming_the_file(tmp_path, capsys, content, message):
    path = tmp_path / "改过的.json"
    path.write_bytes(content)
    code = main(["render", str(path), "--markdown", str(tmp_path / "out.md")])
    err = capsys.readouterr().err
    assert code == 2 and "改过的.json" in err and message in err and "Traceback" not in err


def test_cli_render_reads_utf16_extraction_json(tmp_path, capsys):
    path = tmp_path / "记事本.json"
    path.write_bytes(json.dumps(EDITED, ensure_ascii=False).encode("utf-16"))
    assert main(["render", str(path), "--markdown", str(tmp_path / "out.md")]) == 0
    assert "整理需求" in (tmp_path / "out.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- #
# The service: the same checks, as 4xx with a JSON error
# --------------------------------------------------------------------------- #
@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Settings(processes=1))) as c:
        yield c


def error_of(response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    return error["message"]


@pytest.mark.parametrize("body, status, code, message", [
    (json.dumps({"extraction": edited(decisions=5)}).encode(), 422, "bad_json", "'decisions'"),
    (json.dumps({"extraction": edited(action_items__0__line="三")}).encode(), 422, "bad_json", "action_items[0].line"),
    (b'{"extraction": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", 400, "bad_request", "嵌套"),
    (b'{"text": "\x00"}', 400, "bad_request", "U+0000"),
], ids=["decisions-number", "line-words", "deep", "nul"])
def test_service_render_of_bad_extraction_is_4xx_naming_the_field(client, body, status, code, message):
    response = client.post("/api/v1/render", content=body, headers={"content-type": "application/json"})
    assert message in error_of(response, status, code)


@pytest.mark.parametrize("path", ["/api/v1/extract", "/api/v1/lint", "/api/v1/render"])
def test_service_text_with_a_nul_is_422_naming_the_line(client, path):
    response = client.post(path, json={"text": "周会\n张伟负责整理\u0000需求"})
    assert "第 2 行" in error_of(response, 422, "invalid")


def test_service_render_of_uploaded_bad_extraction_json_is_422(client):
    response = client.post("/api/v1/render", files={"file": ("改过的.json", b"[" * 50_000)})
    assert "嵌套" in error_of(response, 422, "bad_json")


def test_service_form_of_many_empty_parts_is_refused(client):
    boundary = "b0undary"
    body = (f"--{boundary}\r\n\r\n\r\n" * 300_000 + f"--{boundary}--\r\n").encode()
    response = client.post("/api/v1/extract", content=body,
                           headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert "16" in error_of(response, 400, "bad_request")


# --------------------------------------------------------------------------- #
# Evidence after an inline minutes-disable comment
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("line", [
    "<!-- minutes-disable vague-time -->张伟尽快整理需求文档，相关部门配合一下",
    "  <!-- 备注 --> <!-- minutes-disable -->张伟尽快整理需求文档，相关部门配合一下",
    "张伟尽快整理需求文档，相关部门配合一下 <!-- minutes-disable-line vague-time -->",
    "张伟 <!-- 备注：原定周三 --> 尽快整理需求文档，相关部门配合一下",          # a comment inside the line
])
@pytest.mark.parametrize("name", ["周会.txt", "周会.md"])
def test_segment_evidence_after_an_inline_comment_points_at_the_words(line, name):
    notes = f"会议时间：2024年6月12日\n待办：\n{line}\n"
    minutes = process(name, notes.encode("utf-8"))
    positions = [(e.text, e.location) for a in minutes.action_items for e in a.evidence.values()]
    positions += [(f.text, f.location) for f in minutes.lint if f.rule.startswith(("vague", "subjective"))]
    assert any(text == "张伟" for text, _ in positions)
    for text, location in positions:          # words quoted across a cut comment read as if it were not there
        after = line[location.column - 1:]
        assert after.startswith(text) or re.sub(r"<!--.*?-->", "", after).startswith(text), (text, location)


def test_render_template_of_many_unclosed_tags_is_stopped_by_the_budget(tmp_path):
    path = template_file(tmp_path / "坏模板.docx", ["{{" * 200_000])
    with pytest.raises(TemplateError, match="超过 2 秒") as caught:
        render_within_budget(render_template, path, build_context(small_minutes()), Budget(seconds=2))
    assert "坏模板.docx" in str(caught.value)


def test_render_template_tags_are_found_in_one_pass():
    assert tags("{{ a }}{% if b %}{# c #}{{ d }") == ["{{ a }}", "{% if b %}", "{# c #}"]
    unclosed = "{%" * 100_000 + "{{ x }}"
    assert tags(unclosed) == ["{{ x }}"]


@pytest.mark.parametrize("cell", [
    "张伟负责整理" + "会议材料" * 200 + "\n李娜负责汇总",
    "王强负责" + "准备材料 " * 150,
], ids=["overlong-line-then-paragraph", "overlong-line-of-words"])
def test_segment_overlong_cell_evidence_quotes_the_cell(cell):
    from wordfiles import word_file
    document = docx.Document(BytesIO(word_file(["会议"], [["任务", "负责人"], [cell, "张伟"]])))
    data = BytesIO()
    document.save(data)
    minutes = process("长单元格.docx", data.getvalue())
    task = minutes.action_items[0].evidence["task"]
    assert cell.startswith(task.text) and len(task.text) > 600


@pytest.mark.parametrize("notes", [
    "结论：同意采用A方案\n依据： 七成用户偏好该功能\n",
    "同意\n会议时间：，" + "依据：" * 202 + "会议时间：\n",
], ids=["spaced-label", "overlong-labels"])
def test_decisions_rationale_evidence_starts_after_its_label(notes):
    minutes = process("评审.txt", notes.encode("utf-8"))
    lines = notes.split("\n")
    evidence = [e for d in minutes.decisions for e in d.rationale_evidence]
    assert evidence
    for e in evidence:
        assert lines[e.location.line - 1][e.location.column - 1:].startswith(e.text)
