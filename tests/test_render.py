"""Renderers (minutes/render/): Word minutes and tracker, Excel tracker, .ics, markdown, JSON.

Every shipped template is rendered from real extractions of the dev corpus (a .txt,
a .md and a .docx) and read back with python-docx / openpyxl / a small iCalendar
reader, so a dropped item, a lost date or a wrong header fails by name. User
templates, safe and unsafe, are built here with python-docx.
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
import zipfile
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from minutes.errors import MinutesError, TemplateError
from minutes.model import ActionItem, Decision, Finding, Location, Meeting, Minutes
from minutes.pipeline import process
from minutes.render import (
    render_ics,
    render_json,
    render_markdown,
    render_minutes_docx,
    render_tracker_docx,
    render_tracker_xlsx,
    write_outputs,
)
from minutes.render.context import CONTEXT_KEYS, build_context
from minutes.render.ics import fold
from minutes.resources import templates_dir

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "corpus" / "dev"
# The repository's own examples (a .txt, a .md, a .docx), and the dev corpus's when it is beside the repository.
PATHS = {p.name: p for p in [REPO / "examples" / "产品评审会.txt", REPO / "examples" / "周例会.md",
                             REPO / "examples" / "采购评审会.docx"]
         + [DEV / n for n in ("dev-a-01.txt", "dev-a-13.md", "dev-a-02.docx") if (DEV / n).is_file()]}
SOURCES = list(PATHS)
STYLES = ["standard", "formal"]
STATUS_LIST = '"未开始,进行中,已完成,延期,待验收"'
TRACKER_HEADERS = ["任务ID", "任务", "负责人", "部门", "协作人", "计划完成日期", "优先级", "状态", "进度%", "是否滞后",
                   "风险/备注", "来源会议"]
ACTION_HEADERS = ["序号", "任务", "负责人", "部门", "协作", "截止日期", "优先级"]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def extracted() -> dict[str, Minutes]:
    return {name: process(PATHS[name]) for name in SOURCES}


@pytest.fixture(params=SOURCES)
def minutes(request, extracted) -> Minutes:
    return extracted[request.param]


def small_minutes(**changes) -> Minutes:
    """Two topics, an item without topic, one without deadline, a timed one; text that needs escaping."""
    items = [ActionItem(task="提交A&B方案<初稿>", owner="张伟", owner_department="研发部", deadline="2024-06-20",
                        priority="high", topic="议题一", collaborators=["李娜"]),
             ActionItem(task="确认场地", owner="王强", deadline=None, deadline_text="尽快", topic="议题二"),
             ActionItem(task="=HYPERLINK(\"x\")", owner="赵磊", deadline="2024-06-21T17:30", priority="low")]
    decisions = [Decision(text="采用A方案", topic="议题一", rationale=["成本低", "周期短"]),
                 Decision(text="下周复盘", topic="议题二")]
    base = dict(source="notes.txt", meeting=Meeting(title="产品评审会", date="2024-06-12", host="王强",
                                                    attendees=["王强", "张伟"], departments=["研发部"]),
                decisions=decisions, action_items=items, open_questions=["预算是否追加"])
    return Minutes(**{**base, **changes})


# --------------------------------------------------------------------------- #
# Reading documents back
# --------------------------------------------------------------------------- #
def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(BytesIO(data))


def all_text(doc) -> str:
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def cn_date(iso: str) -> str:
    day = date.fromisoformat(iso[:10])
    return f"{day.year}年{day.month}月{day.day}日"


def table_with_header(doc, first: str):
    return next(t for t in doc.tables if t.rows[0].cells[0].text == first)


def read_ics(text: str) -> list[dict[str, tuple[str, str]]]:
    """VTODOs as {name: (name;params, unescaped value)}; asserts CRLF and 75-octet lines."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in physical) <= 75
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    todos, current = [], None
    for line in logical:
        head, _, value = line.partition(":")
        if line == "BEGIN:VTODO":
            current = {}
        elif line == "END:VTODO":
            todos.append(current)
            current = None
        elif current is not None:
            current[head.split(";")[0]] = (head, unescape(value))
    return todos


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


# --------------------------------------------------------------------------- #
# Word minutes
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("style", STYLES)
def test_render_minutes_docx_keeps_every_action_item(minutes, style):
    text = all_text(open_docx(render_minutes_docx(minutes, style=style)))
    for item in minutes.action_items:
        assert item.task in text
        assert item.owner is None or item.owner in text
        assert item.deadline is None or cn_date(item.deadline) in text
    for decision in minutes.decisions:
        assert decision.text in text


def test_render_standard_docx_has_info_and_action_tables(minutes):
    doc = open_docx(render_minutes_docx(minutes))
    info = [row.cells[0].text for row in table_with_header(doc, "会议名称").rows]
    labels = {cell.text for row in table_with_header(doc, "会议名称").rows for cell in row.cells}
    assert info[0] == "会议名称" and {"会议时间", "会议地点", "主持人", "记录人", "出席人员"} <= labels
    tables = [t for t in doc.tables if t.rows[0].cells[0].text == "序号" and len(t.columns) == len(ACTION_HEADERS)]
    assert all([c.text for c in t.rows[0].cells] == ACTION_HEADERS for t in tables)
    rows = [[c.text for c in row.cells] for t in tables for row in t.rows[1:]]
    assert sorted(r[1] for r in rows) == sorted(a.task for a in minutes.action_items)
    assert sorted(int(r[0]) for r in rows) == list(range(1, len(minutes.action_items) + 1))


def test_render_standard_docx_groups_by_topic_with_untitled_last():
    """An extraction without the notes' sections (made elsewhere) is grouped by topic."""
    doc = open_docx(render_minutes_docx(small_minutes()))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、议题一", "二、议题二", "三、其他事项", "未决事项"]
    body = [p.text for p in doc.paragraphs]
    first = body.index("一、议题一")
    assert body[first + 1:first + 4] == ["结论", "1. 采用A方案", "依据"]
    last = [t for t in doc.tables if "=HYPERLINK(\"x\")" in all_text_of(t)]
    assert len(last) == 1


def all_text_of(table) -> str:
    return "\n".join(c.text for row in table.rows for c in row.cells)


def test_render_standard_docx_sign_off_says_only_what_the_notes_say():
    text = all_text(open_docx(render_minutes_docx(small_minutes())))
    assert "签发人：" in text and "1. 预算是否追加" in text
    assert not any(w in text for w in ("分发范围", "分送", "抄送", "印发", "无。", "请假", "缺席", "列席"))


def test_render_formal_docx_lists_absent_and_no_empty_observer_line():
    texts = [p.text for p in open_docx(render_minutes_docx(small_minutes(meeting=Meeting(
        title="周例会", attendees=["甲", "乙"], absent=["丙"])), style="formal")).paragraphs]
    assert "出席：甲、乙" in texts and "缺席：丙" in texts
    assert not any(t.startswith(("列席", "请假")) for t in texts)


def test_render_formal_docx_follows_gbt_9704(extracted):
    m = extracted["产品评审会.txt"]
    doc = open_docx(render_minutes_docx(m, style="formal"))
    section = doc.sections[0]
    mm = [round(length.mm, 1) for length in (section.page_width, section.page_height, section.top_margin,
                                             section.left_margin)]
    assert mm == [210, 297, 37, 28]                      # A4, 天头 37 mm, 订口 28 mm
    assert east_asia(doc.styles["Normal"]) == "仿宋_GB2312" and doc.styles["Normal"].font.size == Pt(16)
    title = doc.styles["Title"]
    assert east_asia(title) == "方正小标宋简体" and title.font.size == Pt(22)
    assert title.font.color.rgb in (None, docx.shared.RGBColor(0, 0, 0))
    assert east_asia(doc.styles["Heading 1"]) == "黑体"
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == f"{m.meeting.title}纪要"            # no 版头: the notes give no office or 期号
    assert any(t.startswith("出席：") and m.meeting.attendees[0] in t for t in texts)
    assert not any(t.startswith(("抄送", "分送")) or t.endswith("印发") for t in texts)


@pytest.mark.parametrize("render", [
    lambda m: render_minutes_docx(m), lambda m: render_minutes_docx(m, style="formal"),
    lambda m: render_tracker_docx(m)], ids=["standard", "formal", "tracker"])
def test_render_docx_sets_east_asian_font_on_styles_and_runs(extracted, render):
    doc = open_docx(render(extracted["产品评审会.txt"]))
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia"))
    chinese_runs = [r for r in doc.element.body.iter(qn("w:r")) if CJK.search("".join(r.itertext()))]
    assert chinese_runs
    for run in chinese_runs:
        fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts is not None and fonts.get(qn("w:eastAsia")), "".join(run.itertext())


def east_asia(style) -> str | None:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


@pytest.mark.parametrize("style", STYLES)
def test_render_minutes_docx_lists_review_notes_only_when_asked(style):
    finding = Finding(rule="vague-time", text="尽快", location=Location(line=7, column=3),
                      message="“尽快”没有给出日期", suggestion="写明日期，如 6月20日前")
    m = small_minutes(lint=[finding])
    with_notes = all_text(open_docx(render_minutes_docx(m, style=style, review_notes=True)))
    without = all_text(open_docx(render_minutes_docx(m, style=style)))
    for part in ("审阅意见", "时间表述模糊", "“尽快”没有给出日期", "6月19日（周三）17:00前", "第7行"):
        assert part in with_notes and part not in without
    assert "vague-time" not in with_notes                # people read the rule's name, not its id


def test_render_minutes_docx_escapes_markup_in_data():
    doc = open_docx(render_minutes_docx(small_minutes()))
    assert "提交A&B方案<初稿>" in all_text(doc)


def test_render_minutes_docx_with_nothing_extracted():
    empty = Minutes(source="empty.txt")
    for style in STYLES:
        assert "会议纪要" in all_text(open_docx(render_minutes_docx(empty, style=style)))


def test_render_minutes_docx_refuses_unknown_style():
    with pytest.raises(TemplateError, match="纪要样式 'fancy' 无效，可选：'standard'、'formal'"):
        render_minutes_docx(small_minutes(), style="fancy")


# --------------------------------------------------------------------------- #
# User templates: the safety check
# --------------------------------------------------------------------------- #
def user_template(path: Path, runs: list[str], where: str = "body") -> Path:
    """A .docx whose body (or header) holds one paragraph made of ``runs`` (Word splits tags so)."""
    doc = docx.Document()
    paragraph = doc.sections[0].header.paragraphs[0] if where == "header" else doc.add_paragraph()
    for text in runs:
        paragraph.add_run(text)
    doc.save(path)
    return path


@pytest.mark.parametrize("runs, where, quoted", [
    (["{{ ''.__class__ }}"], "body", "{{ ''.__class__ }}"),
    (["{% import os %}"], "body", "{% import os %}"),
    (["{{ ''.__cla", "ss__.__mro__ }}"], "body", "__class__"),              # split across runs
    (["{{ ‘’.__class__ }}"], "body", "__class__"),                          # Word's smart quotes
    (["{{ meeting.title.__class__ }}"], "header", "{{ meeting.title.__class__ }}"),
    (["{{ meeting|attr('x') }}"], "body", "attr"),
    (["{% include 'other.docx' %}"], "body", "include"),
    (["{% from 'x' import y %}"], "body", "from"),
    (["{{ lipsum.__globals__ }}"], "body", "lipsum"),
    (["{{ cycler }}"], "body", "cycler"),
    (["{{ meeting['_secret'] }}"], "body", "_secret"),
    (["{{ 2 ** 64 }}"], "body", "**"),
    (["{{ os }}"], "body", "'os' 不是模板变量"),
], ids=["class", "import", "split-runs", "smart-quotes", "header", "attr", "include", "from-import", "lipsum",
        "cycler", "private-key", "power", "unknown-name"])
def test_render_refuses_unsafe_user_template(tmp_path, runs, where, quoted):
    path = user_template(tmp_path / "company.docx", runs, where)
    with pytest.raises(TemplateError) as caught:
        render_minutes_docx(small_minutes(), template=path)
    assert "company.docx" in str(caught.value) and quoted in str(caught.value)


@pytest.mark.parametrize("runs, message", [
    (["{{ 'x' * 100000 }}"], "长度超过 10000"),
    (["{% for x in %}"], "无法解析"),
    (["{{ meeting.no_such_field }}"], "no_such_field"),
], ids=["huge-repeat", "syntax", "undefined-field"])
def test_render_user_template_errors_name_the_file(tmp_path, runs, message):
    path = user_template(tmp_path / "mine.docx", runs)
    with pytest.raises(TemplateError, match=message) as caught:
        render_minutes_docx(small_minutes(), template=path)
    assert "mine.docx" in str(caught.value)


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"], ids=["empty", "text", "bad-zip"])
def test_render_refuses_a_template_that_is_not_docx(tmp_path, content):
    path = tmp_path / "broken.docx"
    path.write_bytes(content)
    with pytest.raises(TemplateError, match="broken.docx"):
        render_minutes_docx(small_minutes(), template=path)


def test_render_missing_template_names_the_path(tmp_path):
    with pytest.raises(TemplateError, match="nowhere.docx"):
        render_tracker_docx(small_minutes(), template=tmp_path / "nowhere.docx")


def test_render_custom_company_template(tmp_path, extracted):
    """A company's own layout: its heading, a loop table, filters and ifs all work."""
    doc = docx.Document()
    doc.add_heading("某某集团 会议决定事项通知", 0)
    doc.add_paragraph("会议：{{ meeting.title }}（{{ meeting.date }}）；共 {{ actions|length }} 项任务")
    table = doc.add_table(rows=4, cols=3)
    for cell, text in zip(table.rows[0].cells, ["事项", "责任人", "完成时限"]):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for a in actions %}"
    for cell, text in zip(table.rows[2].cells, ["{{ a.task }}", "{{ a.owner|upper }}", "{{ a.deadline }}"]):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    doc.add_paragraph("{% if open_questions %}待定：{{ open_questions|join('；') }}{% else %}无待定事项{% endif %}")
    doc.save(tmp_path / "company.docx")
    m = extracted["产品评审会.txt"]
    out = open_docx(render_minutes_docx(m, template=tmp_path / "company.docx"))
    year, month, day = (int(x) for x in m.meeting.date.split("-"))
    assert out.paragraphs[1].text == f"会议：{m.meeting.title}（{year}年{month}月{day}日）；共 {len(m.action_items)} 项任务"
    assert [row.cells[0].text for row in out.tables[0].rows[1:]] == [a.task for a in m.action_items]
    assert out.paragraphs[-1].text == "无待定事项"


# --------------------------------------------------------------------------- #
# Word tracker
# --------------------------------------------------------------------------- #
def test_render_tracker_docx_has_one_row_per_item(minutes):
    doc = open_docx(render_tracker_docx(minutes, project="XM"))
    table = table_with_header(doc, "任务ID")
    assert [c.text for c in table.rows[0].cells][:8] == TRACKER_HEADERS[:8]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    year = (minutes.meeting.date or minutes.action_items[0].deadline)[:4]
    assert [r[0] for r in rows] == [f"XM-{year}-{i:03d}" for i in range(1, len(minutes.action_items) + 1)]
    assert [r[1] for r in rows] == [a.task for a in minutes.action_items]
    assert [r[2] for r in rows] == [a.owner or "—" for a in minutes.action_items]
    dated = [a.deadline[:10] for a in minutes.action_items if a.deadline]
    assert [r[5][:10] for r in rows if r[5][:2] == "20"] == dated


def test_render_tracker_docx_colours_status_cells():
    done = small_minutes(action_items=[ActionItem(task="已办", owner="甲", status="已完成")])
    cell = table_with_header(open_docx(render_tracker_docx(done)), "任务ID").rows[1].cells[7]
    assert cell.text == "已完成"
    assert cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "C6EFCE"


# --------------------------------------------------------------------------- #
# Excel tracker
# --------------------------------------------------------------------------- #
def open_xlsx(data: bytes):
    return openpyxl.load_workbook(BytesIO(data))


def test_render_tracker_xlsx_has_one_row_per_action_item(minutes):
    ws = open_xlsx(render_tracker_xlsx(minutes))["任务跟踪"]
    assert [c.value for c in ws[1]] == TRACKER_HEADERS
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(minutes.action_items)
    for row, item in zip(rows, minutes.action_items):
        assert row[1] == item.task and row[2] == (item.owner or "—")
        assert row[11].startswith(minutes.meeting.title)


def test_render_tracker_xlsx_dates_are_real_dates(minutes):
    ws = open_xlsx(render_tracker_xlsx(minutes))["任务跟踪"]
    for row, item in enumerate(minutes.action_items, 2):
        cell = ws.cell(row=row, column=6)
        if item.deadline is None:
            assert cell.value is None
            continue
        assert cell.is_date and isinstance(cell.value, datetime)
        assert cell.value == datetime.fromisoformat(item.deadline)
        assert cell.number_format == ("yyyy-mm-dd hh:mm" if "T" in item.deadline else "yyyy-mm-dd")


def test_render_tracker_has_status_dropdown(minutes):
    ws = open_xlsx(render_tracker_xlsx(minutes))["任务跟踪"]
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list" and dv.formula1 == STATUS_LIST]
    assert len(lists) == 1
    last = len(minutes.action_items) + 1
    assert str(lists[0].sqref) == f"H2:H{last}" and ws["H1"].value == "状态"
    assert lists[0].showErrorMessage and not lists[0].showDropDown     # showDropDown=True would hide the arrow
    assert {ws.cell(row=r, column=8).value for r in range(2, last + 1)} == {"未开始"}


def test_render_tracker_xlsx_late_formula_colours_freeze_and_filter(extracted):
    m = extracted["产品评审会.txt"]
    ws = open_xlsx(render_tracker_xlsx(m))["任务跟踪"]
    last = len(m.action_items) + 1
    assert ws["J2"].value == '=IF(AND(F2<>"",F2<TODAY(),H2<>"已完成"),"是","否")'
    assert ws[f"J{last}"].value.startswith(f'=IF(AND(F{last}<>""')
    formulas = {r.formula[0] for rng in ws.conditional_formatting for r in rng.rules}
    assert formulas == {'OR($H2="延期",$J2="是")', '$H2="已完成"', '$H2="进行中"'}
    assert [str(rng.sqref) for rng in ws.conditional_formatting] == [f"A2:L{last}"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:L{last}"
    assert ws["A1"].font.bold and ws["A1"].fill.start_color.rgb.endswith("1F4E78")


@pytest.mark.parametrize("project, expected", [("XM", "XM-2024-001"), ("xm 2", "XM2-2024-001"),
                                               (None, "2024-001")])
def test_render_tracker_task_ids(project, expected):
    ws = open_xlsx(render_tracker_xlsx(small_minutes(), project=project))["任务跟踪"]
    assert ws["A2"].value == expected and ws["A4"].value == expected[:-1] + "3"


def test_render_tracker_xlsx_column_widths_count_chinese_double(extracted):
    m = extracted["产品评审会.txt"]
    ws = open_xlsx(render_tracker_xlsx(m))["任务跟踪"]
    longest_task = max(len(a.task) for a in m.action_items)          # all-Chinese tasks here
    assert ws.column_dimensions["B"].width >= min(2 * longest_task, 28)
    assert ws.column_dimensions["F"].width >= len("2023-05-06")


def test_render_tracker_xlsx_keeps_formula_like_text_as_text():
    ws = open_xlsx(render_tracker_xlsx(small_minutes()))["任务跟踪"]
    assert ws["B4"].value == '=HYPERLINK("x")' and ws["B4"].data_type == "s"


def test_render_tracker_xlsx_meeting_sheet(extracted):
    m = extracted["产品评审会.txt"]
    ws = open_xlsx(render_tracker_xlsx(m))["会议信息"]
    values = {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row[0]}
    assert values["会议名称"] == m.meeting.title and values["主持人"] == m.meeting.host
    assert values["会议日期"] == datetime.fromisoformat(m.meeting.date)
    texts = [row[2] for row in ws.iter_rows(values_only=True)]
    assert [d.text for d in m.decisions] == [t for t in texts if t and t != "决议"]


# --------------------------------------------------------------------------- #
# iCalendar
# --------------------------------------------------------------------------- #
def test_render_ics_has_one_todo_per_item(minutes):
    todos = read_ics(render_ics(minutes))
    assert [t["SUMMARY"][1] for t in todos] == [a.task for a in minutes.action_items]
    for todo, item in zip(todos, minutes.action_items):
        assert todo["PRIORITY"][1] == {"high": "1", "medium": "5", "low": "9"}[item.priority]
        assert item.owner is None or f"负责人：{item.owner}" in todo["DESCRIPTION"][1]
        assert f"来源会议：{minutes.meeting.title}" in todo["DESCRIPTION"][1]
        assert ("DUE" in todo) == (item.deadline is not None)


@pytest.mark.parametrize("deadline, due", [
    ("2024-06-20", ("DUE;VALUE=DATE", "20240620")),
    ("2024-06-21T17:30", ("DUE;TZID=Asia/Shanghai", "20240621T173000")),
])
def test_render_ics_due_is_date_or_shanghai_time(deadline, due):
    m = small_minutes(action_items=[ActionItem(task="任务", owner="甲", deadline=deadline)])
    text = render_ics(m)
    assert read_ics(text)[0]["DUE"] == due
    assert ("BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai" in text) == ("T" in deadline)


def test_render_ics_uids_are_stable_and_unique():
    m = small_minutes()
    twice = small_minutes(action_items=m.action_items + [m.action_items[0]])
    first, again = read_ics(render_ics(m)), read_ics(render_ics(twice))
    assert [t["UID"] for t in first] == [t["UID"] for t in again][:3]
    assert len({t["UID"] for t in again}) == 4


@pytest.mark.parametrize("task, summary_line", [
    ("a,b;c\\d", "SUMMARY:a\\,b\\;c\\\\d"),
    ("第一行\n第二行", "SUMMARY:第一行\\n第二行"),
    ("中文，全角；不转义", "SUMMARY:中文，全角；不转义"),
])
def test_render_ics_escapes_text(task, summary_line):
    text = render_ics(small_minutes(action_items=[ActionItem(task=task)]))
    assert summary_line in text.replace("\r\n ", "")
    assert read_ics(text)[0]["SUMMARY"][1] == task.replace("\n", "\n")


@pytest.mark.parametrize("line", ["A" * 200, "中" * 100, "DESCRIPTION:" + "负责人\\n" * 30, "x" * 75, "x" * 76])
def test_ics_fold_keeps_lines_within_75_octets(line):
    folded = fold(line).split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in folded)
    assert all(part.startswith(" ") for part in folded[1:])
    assert "".join([folded[0]] + [p[1:] for p in folded[1:]]) == line


# --------------------------------------------------------------------------- #
# Markdown and JSON
# --------------------------------------------------------------------------- #
def test_render_markdown_contains_every_item_once(minutes):
    text = render_markdown(minutes)
    assert text.startswith("# ") and "无。" not in text
    table_rows = {int(m.group(1)): line for line in text.splitlines() if (m := re.match(r"\| (\d+) \|", line))}
    assert sorted(table_rows) == list(range(1, len(minutes.action_items) + 1))
    for row, item in zip((table_rows[n] for n in sorted(table_rows)), minutes.action_items):
        assert item.task.replace("|", "\\|") in row
        assert item.owner is None or item.owner in row
        assert item.deadline is None or cn_date(item.deadline) in row


@pytest.mark.parametrize("review_notes", [True, False])
def test_render_markdown_review_notes(review_notes):
    m = small_minutes(action_items=[ActionItem(task="确认场地", deadline="2024-06-14", line=3)])
    text = render_markdown(m, review_notes=review_notes)
    assert ("## 审阅意见" in text) == review_notes
    note = "| 缺少负责人 | 确认场地 | 待办“确认场地”没有负责人 | 指定唯一负责人（人名，其次部门），如“由张伟负责” | 第3行 |"
    assert (note in text) == review_notes


def test_render_markdown_escapes_table_cells():
    m = small_minutes(action_items=[ActionItem(task="A|B *重点*", owner="甲")])
    assert "| A\\|B \\*重点\\* | 甲 |" in render_markdown(m)


def test_render_json_is_the_extraction(minutes):
    text = render_json(minutes)
    assert json.loads(text) == json.loads(json.dumps(minutes.to_dict())) and "\\u" not in text


# --------------------------------------------------------------------------- #
# write_outputs
# --------------------------------------------------------------------------- #
def test_write_outputs_writes_every_format(tmp_path, extracted):
    outputs = {"minutes": tmp_path / "out" / "纪要.docx", "tracker": tmp_path / "out" / "跟踪.xlsx",
               "markdown": tmp_path / "m.md", "ics": tmp_path / "t.ics", "json": tmp_path / "m.json"}
    m = extracted["产品评审会.txt"]
    written = write_outputs(m, outputs, style="formal", project="XM")
    assert written == list(outputs.values())
    assert zipfile.is_zipfile(outputs["minutes"]) and zipfile.is_zipfile(outputs["tracker"])
    assert open_xlsx(outputs["tracker"].read_bytes())["任务跟踪"]["A2"].value == f"XM-{m.meeting.date[:4]}-001"
    assert outputs["ics"].read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(p.name for p in written)


@pytest.mark.parametrize("key, name", [("minutes", "minutes.md"), ("tracker", "tracker.docx")])
def test_write_outputs_chooses_renderer_by_suffix(tmp_path, key, name):
    [path] = write_outputs(small_minutes(), {key: tmp_path / name})
    data = path.read_bytes()
    assert data.startswith(b"# ") if name.endswith(".md") else zipfile.is_zipfile(path)


@pytest.mark.parametrize("key, name, message", [
    ("minutes", "minutes.pdf", "“minutes.pdf”的扩展名不能用于 --minutes：应为 .docx 或 .md"),
    ("tracker", "tracker.csv", "应为 .xlsx 或 .docx"),
    ("slides", "deck.pptx", "'slides' 不是可生成的文档"),
])
def test_write_outputs_refuses_unsupported_output_before_writing(tmp_path, key, name, message):
    outputs = {"json": tmp_path / "ok.json", key: tmp_path / name}
    with pytest.raises(MinutesError, match=re.escape(message)) as caught:
        write_outputs(small_minutes(), outputs)
    assert name in str(caught.value) and list(tmp_path.iterdir()) == []


def test_context_has_exactly_the_documented_names():
    finding = Finding(rule="vague-time", text="尽快", location=Location(line=1))
    context = build_context(small_minutes(lint=[finding]), review_notes=True)
    assert set(context) == set(CONTEXT_KEYS)
    names = set(context)
    for key in ("topics", "decisions", "actions", "review_notes"):
        names |= set(context[key][0])
    names |= set(context["meeting"])
    docs = (REPO / "docs" / "templates.md").read_text(encoding="utf-8")
    assert sorted(n for n in names if f"`{n}`" not in docs) == []


# --------------------------------------------------------------------------- #
# The shipped templates
# --------------------------------------------------------------------------- #
def test_shipped_templates_match_build_script(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("build_templates", templates_dir() / "build_templates.py")
    build = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "build_templates", build)        # dataclasses look their module up
    spec.loader.exec_module(build)
    for path in build.main(tmp_path):
        fresh, shipped = zipfile.ZipFile(path), zipfile.ZipFile(templates_dir() / path.name)
        for part in ("word/document.xml", "word/styles.xml"):
            assert fresh.read(part) == shipped.read(part), f"{path.name} {part}: run templates/build_templates.py"
