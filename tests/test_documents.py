"""Documents a secretary can send as they are: they say what the notes say, nothing more, nothing less.

Notes that carry each fact (tests/written_notes.py FORMAL) and notes that lack them (PLAIN) are
rendered to Word (standard and formal), Markdown and the Excel tracker, and read back:
python-docx and openpyxl for the text, the .docx XML for colours, fonts, frames and
rules, the package for its properties.
"""
from __future__ import annotations

import re
import zipfile
from datetime import datetime, timezone
from io import BytesIO

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from written_notes import FORMAL, PLAIN, WEEKLY

from minutes import process
from minutes.model import ActionItem, Meeting, Minutes, minutes_from_dict
from minutes.render import (
    render_markdown,
    render_minutes_docx,
    render_tracker_docx,
    render_tracker_xlsx,
)

FACTS = {      # what FORMAL says that a document has a place for, as the documents print it
    "文号": "〔2024〕第17期",
    "发文机关": "江川区人民政府办公室",
    "印发日期": "2024年3月14日",
    "分送": "区委办公室，区人大常委会办公室，区政协办公室",
    "抄送": "区住建局，区财政局，区审计局，各街道办事处",
    "列席": "区审计局 赵红",
    "缺席": "区城管局 孙伟（出差）",
    "出席单位": "区住建局 王立新",
    "下次会议": "4月18日（周四）上午9:00，听取第二批实施方案编制情况汇报",
    "开头": "听取了区住建局关于2024年老旧小区改造进展情况的汇报，研究了资金保障、施工组织和居民沟通等问题",
    "背景数字": "总投资约1.86亿元，其中中央补助资金6200万元",
}
INVENTED = ("无。", "：无", "分发范围", "请假人员", "抄送：", "分送：", "印发", "列席", "缺席")


def notes(text: str, name: str = "专题会议.txt"):
    return process(name, text.encode("utf-8"))


@pytest.fixture(scope="module")
def formal():
    return notes(FORMAL)


def docx_text(data: bytes) -> str:
    """Every paragraph, in tables too, in body order; one line each."""
    body = docx.Document(BytesIO(data)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


def body_paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(BytesIO(data)).paragraphs if p.text.strip()]


RENDERS = {
    "standard": lambda m: docx_text(render_minutes_docx(m)),
    "formal": lambda m: docx_text(render_minutes_docx(m, style="formal")),
    "markdown": lambda m: render_markdown(m).replace("\\", ""),
}


# --------------------------------------------------------------------------- #
# Nothing dropped, nothing invented
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("style", RENDERS)
@pytest.mark.parametrize("fact", FACTS)
def test_documents_carry_every_fact_of_the_notes(formal, style, fact):
    assert FACTS[fact] in RENDERS[style](formal)


@pytest.mark.parametrize("style", RENDERS)
def test_documents_invent_nothing_the_notes_do_not_say(style):
    text = RENDERS[style](notes(PLAIN))
    assert not [w for w in INVENTED if w in text]
    assert f"{datetime.now():%Y}年{datetime.now().month}月{datetime.now().day}日印发" not in text


@pytest.mark.parametrize("style", RENDERS)
def test_documents_say_each_action_once(formal, style):
    text = RENDERS[style](formal)
    for item in formal.action_items:
        assert text.count(item.task) == 1, item.task


@pytest.mark.parametrize("style", RENDERS)
def test_documents_keep_an_open_question_in_its_place(style):
    text = RENDERS[style](notes(WEEKLY))
    assert text.count("关于外包夜班方案，会上未达成一致，待成本测算后再议。") == 1
    assert text.index("3月起晚班增加4个坐席") < text.index("关于外包夜班方案")


# --------------------------------------------------------------------------- #
# The notes' sections, in order, each heading once
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("style", ["standard", "formal"])
def test_documents_keep_the_sources_sections_in_order(formal, style):
    data = render_minutes_docx(formal, style=style)
    headings = [p.text for p in docx.Document(BytesIO(data)).paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、基本情况", "二、会议议定事项", "三、会议要求"]


@pytest.mark.parametrize("style", ["standard", "formal"])
def test_documents_double_no_heading(formal, style):
    """会议议定事项 is not followed by 结论 or 会议议定：, nor 会议要求 by 待办 or 会议要求：."""
    texts = body_paragraphs(render_minutes_docx(formal, style=style))
    for heading, echoes in (("二、会议议定事项", ("结论", "会议议定")), ("三、会议要求", ("待办", "会议要求"))):
        after = texts[texts.index(heading) + 1]
        assert not after.startswith(echoes), after
    assert texts.count("会议议定事项") == 0


def test_documents_formal_numbers_entries_under_a_heading(formal):
    texts = body_paragraphs(render_minutes_docx(formal, style="formal"))
    start = texts.index("三、会议要求")
    assert [t[:3] for t in texts[start + 1:start + 4]] == ["（一）", "（二）", "（三）"]
    # an item handed to 各街道办事处 with 尽快: the sentence keeps who and what was said, flagging both
    assert texts[start + 3] == "（三）做好居民沟通工作，意见征询。由各街道办事处负责（未落实到具体负责人），完成时限未明确（会上表述为“尽快”）。"


def test_documents_notes_without_headings_get_labels_not_invented_headings():
    texts = body_paragraphs(render_minutes_docx(notes(PLAIN)))
    assert "结论" in texts and "待办" in texts
    assert not any(t.endswith(("会议议定事项", "其他事项")) for t in texts)


# --------------------------------------------------------------------------- #
# The formal style, read from the XML
# --------------------------------------------------------------------------- #
def xml_of(data: bytes, part: str = "word/document.xml") -> str:
    return zipfile.ZipFile(BytesIO(data)).read(part).decode("utf-8")


def paragraph_with(data: bytes, text: str):
    document = docx.Document(BytesIO(data))
    return next(p for p in document.paragraphs if text in p.text)


def test_documents_formal_has_the_red_minutes_mark_and_issue_line(formal):
    data = render_minutes_docx(formal, style="formal")
    texts = body_paragraphs(data)
    assert texts[:3] == ["江川区人民政府办公室会议纪要", "〔2024〕第17期", "江川区人民政府办公室\t2024年3月14日"]
    mark = paragraph_with(data, "会议纪要")
    run = mark.runs[0]
    assert str(run.font.color.rgb) == "FF0000" and run.font.size >= Pt(22)
    assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    rule = paragraph_with(data, "2024年3月14日")._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000" and rule.get(qn("w:val")) == "single"


def test_documents_formal_without_office_or_number_has_no_head():
    data = render_minutes_docx(notes(PLAIN), style="formal")
    assert body_paragraphs(data)[0] == "门店排班系统选型会纪要"
    assert 'w:color="FF0000"' not in xml_of(data)


def record_lines(data: bytes) -> list:
    return [p for p in docx.Document(BytesIO(data)).paragraphs if p._p.pPr is not None
            and p._p.pPr.find(qn("w:framePr")) is not None]


@pytest.mark.parametrize("drop, expected", [
    ((), ["分送：", "抄送：", "江川区人民政府办公室\t2024年3月14日印发"]),
    (("distribution",), ["抄送：", "江川区人民政府办公室\t2024年3月14日印发"]),
    (("distribution", "cc"), ["江川区人民政府办公室\t2024年3月14日印发"]),
    (("issuer", "issue_date"), ["分送：", "抄送："]),
])
def test_documents_formal_record_sits_at_the_foot_with_its_rules(formal, drop, expected):
    data = minutes_from_dict(formal.to_dict())
    for name in drop:
        setattr(data.meeting, name, None)
    lines = record_lines(render_minutes_docx(data, style="formal"))
    assert [p.text[:len(e)] for p, e in zip(lines, expected)] == expected and len(lines) == len(expected)
    tops = [int(p._p.pPr.find(qn("w:framePr")).get(qn("w:y"))) for p in lines]
    height = int(lines[0]._p.pPr.find(qn("w:framePr")).get(qn("w:h")))
    text_area = round(225 / 25.4 * 1440)       # twips: A4 less 37 mm and 35 mm margins
    assert tops == [text_area - height * (len(lines) - i) for i in range(len(lines))]   # stacked up from the foot
    for p in lines:
        frame = p._p.pPr.find(qn("w:framePr"))
        assert (frame.get(qn("w:vAnchor")), frame.get(qn("w:hRule"))) == ("margin", "exact")
    borders = [p._p.pPr.find(qn("w:pBdr")) for p in lines]
    widths = [b.find(qn("w:top")).get(qn("w:sz")) for b in borders]
    assert widths == ["8"] + ["4"] * (len(lines) - 1)               # thick above the first, thin between
    bottoms = [b.find(qn("w:bottom")).get(qn("w:val")) for b in borders]
    assert bottoms == ["nil"] * (len(lines) - 1) + ["single"]       # thick below the last only


def test_documents_formal_attendance_names_units(formal):
    texts = body_paragraphs(render_minutes_docx(formal, style="formal"))
    assert "出席：刘建明（副区长），区住建局 王立新，区财政局 陈芳" in texts
    assert "列席：区审计局 赵红" in texts and "缺席：区城管局 孙伟（出差）" in texts


@pytest.mark.parametrize("render", [lambda m: render_minutes_docx(m), lambda m: render_minutes_docx(m, style="formal"),
                                    lambda m: render_tracker_docx(m)], ids=["standard", "formal", "tracker"])
def test_documents_declare_fallback_fonts(formal, render):
    fonts = xml_of(render(formal), "word/fontTable.xml")
    for name, alt in (("仿宋_GB2312", "仿宋"), ("方正小标宋简体", "宋体"), ("黑体", "SimHei")):
        entry = re.search(rf'<w:font w:name="{name}">(.*?)</w:font>', fonts, re.S)
        assert entry and f'<w:altName w:val="{alt}"/>' in entry.group(1) and 'w:charset w:val="86"' in entry.group(1)


# --------------------------------------------------------------------------- #
# Word details
# --------------------------------------------------------------------------- #
def _needed_mm(text: str, size_pt: float) -> float:
    """Width a one-line cell needs: CJK one em, Latin about half, plus Word's 1.9 mm cell margins."""
    ems = sum(1 if ord(ch) > 0x2e80 else 0.55 for ch in text)
    return ems * size_pt * 25.4 / 72 + 3.8


@pytest.mark.parametrize("render", [lambda m: render_minutes_docx(m), lambda m: render_tracker_docx(m),
                                    lambda m: render_minutes_docx(m, review_notes=True)],
                         ids=["minutes", "tracker", "review-notes"])
def test_documents_table_headers_fit_on_one_line(formal, render):
    document = docx.Document(BytesIO(render(formal)))
    for table in document.tables:
        head = table.rows[0]
        if head._tr.trPr is None or head._tr.trPr.find(qn("w:tblHeader")) is None:
            continue
        for cell in head.cells:
            size = cell.paragraphs[0].runs[0].font.size.pt
            assert cell.width.mm >= _needed_mm(cell.text, size), cell.text


@pytest.mark.parametrize("project", [None, "ABCDEFGH"])
def test_documents_tracker_ids_fit_their_column(formal, project):
    document = docx.Document(BytesIO(render_tracker_docx(formal, project=project)))
    table = document.tables[0]
    for row in table.rows[1:]:
        cell = row.cells[0]
        assert re.fullmatch(r"([A-Z0-9]+-)?2024-\d{3}", cell.text)
        assert cell.width.mm >= _needed_mm(cell.text, 10.5)


@pytest.mark.parametrize("render", [lambda m: render_minutes_docx(m), lambda m: render_minutes_docx(m, review_notes=True),
                                    lambda m: render_tracker_docx(m)], ids=["minutes", "review-notes", "tracker"])
def test_documents_no_table_row_splits_across_pages(formal, render):
    document = docx.Document(BytesIO(render(formal)))
    rows = [row for table in document.tables for row in table.rows]
    assert rows and all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
                        for row in rows)


def test_documents_labels_keep_with_the_next_paragraph(formal):
    document = docx.Document(BytesIO(render_minutes_docx(notes(PLAIN))))
    for p in document.paragraphs:
        if p.text in ("结论", "依据", "待办") or p.style.name.startswith("Heading"):
            assert p.paragraph_format.keep_with_next or p.style.paragraph_format.keep_with_next, p.text


@pytest.mark.parametrize("render", [lambda m: render_minutes_docx(m), lambda m: render_minutes_docx(m, style="formal"),
                                    lambda m: render_tracker_docx(m)], ids=["standard", "formal", "tracker"])
def test_documents_have_their_own_properties(formal, render):
    data = render(formal)
    props = docx.Document(BytesIO(data)).core_properties
    assert props.title == "关于老旧小区改造推进工作的专题会议纪要"
    assert props.author == "李静"
    assert props.created == datetime(2024, 3, 11, 16, 0, tzinfo=timezone.utc)     # the meeting's day, Beijing time
    assert "python-docx" not in (props.comments or "") and props.created.year != 2013
    names = zipfile.ZipFile(BytesIO(data)).namelist()
    assert not any("thumbnail" in n for n in names)
    assert "Macintosh" not in xml_of(data, "docProps/app.xml")


def test_documents_created_is_the_meetings_start_time():
    props = docx.Document(BytesIO(render_minutes_docx(notes(PLAIN)))).core_properties
    assert props.created == datetime(2024, 5, 8, 2, 0, tzinfo=timezone.utc)      # 10:00 in Beijing


# --------------------------------------------------------------------------- #
# Excel: printable on A4 landscape
# --------------------------------------------------------------------------- #
@pytest.fixture(scope="module")
def book(formal):
    return openpyxl.load_workbook(BytesIO(render_tracker_xlsx(notes(FORMAL))))


@pytest.mark.parametrize("sheet, tall", [("任务跟踪", 0), ("会议信息", 1)])
def test_documents_excel_prints_on_a4_landscape(book, sheet, tall):
    ws = book[sheet]
    setup = ws.page_setup
    assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9)           # 9 = A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and (setup.fitToWidth, setup.fitToHeight) == (1, tall)
    assert ws.print_title_rows == "$1:$1" and "&P" in ws.oddFooter.center.text


@pytest.mark.parametrize("sheet", ["任务跟踪", "会议信息"])
def test_documents_excel_columns_print_legibly(book, sheet):
    """Fit to one page wide shrinks at most to ~80%: the columns add up to at most 190 characters."""
    ws = book[sheet]
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGHIJKL"[:ws.max_column]]
    assert sum(widths) <= 190
    wrapped = [ws.cell(row=2, column=c).alignment.wrap_text for c in range(1, ws.max_column + 1)]
    assert any(wrapped)


def test_documents_excel_ids_and_dates_never_wrap(book):
    ws = book["任务跟踪"]
    for col in ("A", "F"):
        cell = ws[f"{col}2"]
        assert not cell.alignment.wrap_text
        assert ws.column_dimensions[col].width >= len(str(cell.value)[:16])


def test_documents_excel_meeting_sheet_says_only_what_the_notes_say(book):
    rows = {r[0]: r[1] for r in book["会议信息"].iter_rows(values_only=True) if r[0]}
    assert rows["文号"] == "〔2024〕第17期" and rows["抄送"].startswith("区住建局")
    plain = openpyxl.load_workbook(BytesIO(render_tracker_xlsx(notes(PLAIN))))["会议信息"]
    labels = {r[0] for r in plain.iter_rows(values_only=True)}
    assert not labels & {"文号", "分送", "抄送", "列席人员", "缺席人员", "下次会议"}


def test_documents_excel_rows_grow_with_wrapped_text():
    """Excel and LibreOffice do not grow a program's rows: a wrapped cell gets a row tall enough for it."""
    long_task = "编制第二批改造项目实施方案并征求各街道办事处和居民代表意见后报区政府审定，同时抄送区财政局"
    minutes = Minutes(source="x.txt", meeting=Meeting(title="专题会议", date="2024-03-12"),
                      action_items=[ActionItem(task=long_task, owner="王立新"), ActionItem(task="短", owner="陈芳")])
    ws = openpyxl.load_workbook(BytesIO(render_tracker_xlsx(minutes)))["任务跟踪"]
    assert ws.row_dimensions[2].height >= 3 * 13.5          # 90 columns of text in a 30-column cell
    assert (ws.row_dimensions[3].height or 0) < ws.row_dimensions[2].height


@pytest.mark.parametrize("style", RENDERS)
def test_documents_an_item_without_owner_or_day_says_so_without_inventing(style):
    text = RENDERS[style](notes(PLAIN + "3. 整理试点门店的排班需求。\n"))
    assert "整理试点门店的排班需求" in text and "待定" not in text
    if style == "formal":
        assert "负责人未明确" in text and "完成时限未明确" in text
