"""Readers (minutes/read.py, minutes/docx_blocks.py): text encodings, markdown, Word, bad input.

Every file is built in the test under tmp_path (or as bytes), small enough to read
in milliseconds. Bad input must raise the right MinutesError subclass with its
contract code and a message naming the problem; nothing else may escape.
"""
from __future__ import annotations

import importlib.util
import io
import random
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from minutes.errors import (
    CorruptInput,
    EmptyInput,
    MinutesError,
    TooLargeInput,
    UndecodableInput,
    UnsupportedInput,
)
from minutes.model import Location, Paragraph, Table
from minutes.read import Limits, decode_text, read_document

W = nsdecls("w")
MAKE_DOCX = Path(__file__).resolve().parents[2] / "shared" / "eval" / "make_docx.py"

SIMPLIFIED = "项目周会纪要\n负责人：张伟，截止日期：下周五\n结论：同意采用方案A。\n"
TRADITIONAL = "會議紀錄 負責人：林志豪 截止日期：下週五\n結論：同意採用方案A。\n"
MOSTLY_ASCII = "Weekly sync 2024-06-03\nOwner: Zhang Wei\nAction: send report by Friday\n张伟负责\n"


# --------------------------------------------------------------------------- #
# helpers
# --------------------------------------------------------------------------- #
def docx_bytes(word: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    word.save(buf)
    return buf.getvalue()


def read_word(word: docx.document.Document) -> list[Paragraph | Table]:
    return read_document("notes.docx", docx_bytes(word)).blocks


def insert_body_xml(word: docx.document.Document, xml: str) -> None:
    """Append a raw body element (w:p, w:sdt) before the final section properties."""
    body = word.element.body
    body.insert(len(body) - 1, parse_xml(xml))


def grid(table: Table) -> list[list[str | None]]:
    return [[cell.text if cell else None for cell in row] for row in table.rows]


def zip_bytes(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buf.getvalue()


def plain_docx(text: str = "张伟负责整理需求文档") -> bytes:
    word = docx.Document()
    word.add_paragraph(text)
    return docx_bytes(word)


def with_extra_entries(data: bytes, extra: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, src.read(info.filename))
        for name, blob in extra.items():
            out.writestr(name, blob)
    return buf.getvalue()


def with_damaged_document_xml(data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            blob = src.read(info.filename)
            out.writestr(info, blob[: len(blob) // 2] if info.filename == "word/document.xml" else blob)
    return buf.getvalue()


def texts(blocks) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph)]


# --------------------------------------------------------------------------- #
# .txt encodings
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("data", "expected", "encodings"), [
    pytest.param(SIMPLIFIED.encode("utf-8"), SIMPLIFIED, {"utf-8"}, id="utf8"),
    pytest.param(b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"), SIMPLIFIED, {"utf-8-sig"}, id="utf8-bom"),
    pytest.param(("议程 • 预算€5万\n" + SIMPLIFIED).encode("gb18030"), "议程 • 预算€5万\n" + SIMPLIFIED,
                 {"gb18030"}, id="gb18030-beyond-gbk"),
    pytest.param(SIMPLIFIED.encode("gbk"), SIMPLIFIED, {"gbk", "gb18030"}, id="gbk"),
    pytest.param(b"\xff\xfe" + SIMPLIFIED.encode("utf-16-le"), SIMPLIFIED, {"utf-16", "utf-16-le"}, id="utf16le-bom"),
    pytest.param(b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be"), SIMPLIFIED, {"utf-16", "utf-16-be"}, id="utf16be-bom"),
    pytest.param(MOSTLY_ASCII.encode("utf-16-le"), MOSTLY_ASCII, {"utf-16-le"}, id="utf16le-no-bom"),
    pytest.param(MOSTLY_ASCII.encode("utf-16-be"), MOSTLY_ASCII, {"utf-16-be"}, id="utf16be-no-bom"),
    pytest.param("會議紀錄 負責人：林志豪 截止日期：下週五".encode("big5"), "會議紀錄 負責人：林志豪 截止日期：下週五",
                 {"big5"}, id="big5"),
    pytest.param(TRADITIONAL.encode("big5"), TRADITIONAL, {"big5"}, id="big5-two-lines"),
])
def test_read_decode_text_detects_encoding(data, expected, encodings):
    text, encoding = decode_text(data)
    assert text == expected
    assert encoding in encodings


def test_read_gb18030_characters_outside_gbk_really_need_gb18030():
    # the fixture above only proves something if GBK cannot carry these characters
    for ch in "€•":
        with pytest.raises(UnicodeEncodeError):
            ch.encode("gbk")


ROUND_TRIP = [
    ("utf-8", lambda t: t.encode("utf-8")),
    ("utf-8-bom", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
    ("gb18030", lambda t: t.encode("gb18030")),
    ("utf-16-le-bom", lambda t: b"\xff\xfe" + t.encode("utf-16-le")),
    ("utf-16-be-bom", lambda t: b"\xfe\xff" + t.encode("utf-16-be")),
]


@pytest.mark.parametrize(("name", "encode"), ROUND_TRIP + [("gbk", lambda t: t.encode("gbk"))],
                         ids=[n for n, _ in ROUND_TRIP] + ["gbk"])
def test_read_txt_simplified_round_trips_through_every_encoding(tmp_path, name, encode):
    path = tmp_path / "纪要.txt"
    path.write_bytes(encode(SIMPLIFIED))
    document = read_document(path)
    assert document.kind == "txt"
    assert texts(document.blocks) == SIMPLIFIED.strip().split("\n")


@pytest.mark.parametrize(("name", "encode"), ROUND_TRIP + [("big5", lambda t: t.encode("big5"))],
                         ids=[n for n, _ in ROUND_TRIP] + ["big5"])
def test_read_txt_traditional_round_trips_through_every_encoding(tmp_path, name, encode):
    path = tmp_path / "紀錄.txt"
    path.write_bytes(encode(TRADITIONAL))
    assert texts(read_document(path).blocks) == TRADITIONAL.strip().split("\n")


@pytest.mark.parametrize("text", ["市場部\n", "會議紀錄\n", pytest.param("陳曉\n", marks=pytest.mark.xfail(
    strict=True, reason="two characters that are common Han in both Big5 and GB18030 readings (陳曉 / 朝惧) "
                        "cannot be told apart without more text"))])
def test_read_decode_text_short_big5_is_not_garbled(text):
    assert decode_text(text.encode("big5")) == (text, "big5")


@pytest.mark.parametrize(("raw", "expected"), [
    (b"line one\r\nline two\r\n", "line one\nline two\n"),
    (b"line one\rline two\r", "line one\nline two\n"),
    (b"a\r\nb\rc\nd", "a\nb\nc\nd"),
    ("会议\r\n纪要\r".encode("gb18030"), "会议\n纪要\n"),
    (b"\xff\xfe" + "会议\r\n纪要\r".encode("utf-16-le"), "会议\n纪要\n"),
], ids=["crlf", "cr", "mixed", "gb18030-crlf", "utf16-cr"])
def test_read_decode_text_normalises_line_endings(raw, expected):
    assert decode_text(raw)[0] == expected


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_read_txt_line_numbers_survive_line_ending(newline):
    raw = newline.join(["主持人：陈晓", "", "结论：同意", "张伟负责"]).encode("utf-8")
    blocks = read_document("n.txt", raw).blocks
    assert [(b.text, b.location.line) for b in blocks] == [("主持人：陈晓", 1), ("结论：同意", 3), ("张伟负责", 4)]
    assert blocks[1].gap_before is True


def test_read_txt_keeps_markdown_marks_literally():
    blocks = read_document("n.txt", "# 标题\n**加粗**".encode()).blocks
    assert [(b.text, b.heading) for b in blocks] == [("# 标题", None), ("**加粗**", None)]


# --------------------------------------------------------------------------- #
# .md structure
# --------------------------------------------------------------------------- #
def md(source: str) -> list[Paragraph | Table]:
    return read_document("notes.md", source.encode("utf-8")).blocks


def only_paragraph(source: str) -> Paragraph:
    blocks = md(source)
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph), blocks
    return blocks[0]


@pytest.mark.parametrize(("line", "level", "text"), [
    ("# 产品周会纪要", 1, "产品周会纪要"),
    ("## 议题一：上线计划", 2, "议题一：上线计划"),
    ("### 议题二 ###", 3, "议题二"),
    ("###### 附件", 6, "附件"),
])
def test_read_md_heading_level_and_text(line, level, text):
    p = only_paragraph(line)
    assert (p.heading, p.text, p.list_kind) == (level, text, None)
    assert p.locate(0).column == line.index(text[0]) + 1


@pytest.mark.parametrize(("line", "text", "column_of_last"), [
    ("1\\. 预算表\\+附件说明", "1. 预算表+附件说明", 13),
    ("路径写成 C:\\temp（不是转义）", "路径写成 C:\\temp（不是转义）", 18),
])
def test_read_md_backslash_escapes_show_their_character(line, text, column_of_last):
    """A backslash before ASCII punctuation is Markdown's escape: the reader shows the character,
    and positions still point into the file."""
    p = only_paragraph(line)
    assert p.text == text and p.locate(len(text) - 1).column == column_of_last


@pytest.mark.parametrize("line", ["#没有空格", "####### 七级不是标题"])
def test_read_md_not_a_heading(line):
    assert only_paragraph(line).heading is None


@pytest.mark.parametrize(("line", "kind", "level", "text"), [
    ("- 参会：王强、李娜", "bullet", 0, "参会：王强、李娜"),
    ("* 星号列表", "bullet", 0, "星号列表"),
    ("+ 加号列表", "bullet", 0, "加号列表"),
    ("  - 子项：张伟", "bullet", 1, "子项：张伟"),
    ("    - 孙项：李娜", "bullet", 2, "孙项：李娜"),
    ("1. 确认上线日期", "number", 0, "确认上线日期"),
    ("2) 准备发布说明", "number", 0, "准备发布说明"),
    ("  10. 第十项", "number", 1, "第十项"),
    ("普通段落", None, 0, "普通段落"),
])
def test_read_md_list_kind_and_level(line, kind, level, text):
    p = only_paragraph(line)
    assert (p.list_kind, p.list_level, p.text) == (kind, level, text)


def test_read_md_tab_indented_sub_item_is_nested():
    parent, child = md("- 上线准备\n\t- 李娜整理发布说明")
    assert (parent.list_level, child.list_level) == (0, 1)


@pytest.mark.parametrize(("line", "checked", "text"), [
    ("- [ ] 李娜整理需求文档", False, "李娜整理需求文档"),
    ("- [x] 王强已发送邮件", True, "王强已发送邮件"),
    ("* [X] 张伟完成评审", True, "张伟完成评审"),
    ("1. [ ] 高磊搭建后台", False, "高磊搭建后台"),
    ("- 没有复选框", None, "没有复选框"),
])
def test_read_md_checkbox(line, checked, text):
    p = only_paragraph(line)
    assert (p.checked, p.text) == (checked, text)
    assert p.locate(0).column == line.index(text[0]) + 1


@pytest.mark.parametrize(("line", "kind", "text"), [
    ("> 风险：服务器扩容时间未定", None, "风险：服务器扩容时间未定"),
    ("> - 引用中的列表项", "bullet", "引用中的列表项"),
    (">> 二级引用", None, "二级引用"),
])
def test_read_md_blockquote(line, kind, text):
    p = only_paragraph(line)
    assert (p.quote, p.list_kind, p.text) == (True, kind, text)


def test_read_md_table_cells_and_separator_skipped():
    source = ("会前说明\n"
              "| 任务 | 负责人 | 截止 |\n"
              "| --- | :---: | ---: |\n"
              "| 整理需求<br>补充用例 | **李娜** | 6月20日 |\n"
              "| 搭建后台 | 高磊 | 周五 |\n"
              "会后补充")
    before, table, after = md(source)
    assert isinstance(table, Table)
    assert (before.text, after.text) == ("会前说明", "会后补充")
    assert grid(table) == [["任务", "负责人", "截止"],
                           ["整理需求\n补充用例", "李娜", "6月20日"],
                           ["搭建后台", "高磊", "周五"]]
    assert table.location.line == 2
    owner = table.rows[1][1]
    assert (owner.location.line, owner.location.column) == (4, source.split("\n")[3].index("李娜") + 1)
    assert table.rows[2][2].location == Location(line=5, column=source.split("\n")[4].index("周五") + 1)


@pytest.mark.parametrize("source", [
    "待办如下\n| 任务 | 负责人 | 截止 |\n| --- | --- | --- |\n| 整理需求 | 李娜 | 6月20日 |\n| 搭建后台 | 高磊 | 周五 |\n",
    "待辦如下\n任務 | 負責人 | 截止\n:-- | :--: | --:\n整理需求 | 李娜 | 6月20日\n搭建後台 | 高磊 | 週五\n",
])
def test_read_ruled_pipe_table_pasted_into_a_txt_file(source):
    """A pipe table with its rule line (copied from a wiki, a chat or an AI summary) is a table in a
    .txt file too; a line with a bar and no rule under it stays a line."""
    before, table = read_document("notes.txt", source.encode("utf-8")).blocks
    assert isinstance(table, Table) and len(table.rows) == 3 and grid(table)[1] == ["整理需求", "李娜", "6月20日"]
    blocks = read_document("notes.txt", "甲方 | 乙方\n合同已签\n".encode("utf-8")).blocks
    assert [type(b) for b in blocks] == [Paragraph, Paragraph]


@pytest.mark.parametrize("source", [
    "跟进清单\n编号,任务,负责人,截止日期\n1,更新门店陈列手册,庞莉,2025-03-14\n2,\"核对A、B两仓库存,并出差异表\",蒋涛,3月20日\n",
    "跟进清单\r\n编号,任务,负责人,截止日期\r\n1,更新门店陈列手册,庞莉,2025-03-14\r\n2,\"核对A、B两仓库存,并出差异表\",蒋涛,3月20日\r\n",
])
def test_read_comma_separated_rows_pasted_from_a_sheet_are_a_table(source):
    """Rows exported from a spreadsheet as CSV (a quoted field may hold a comma) are a table."""
    before, table = read_document("notes.txt", source.encode("utf-8")).blocks
    assert isinstance(table, Table) and grid(table) == [
        ["编号", "任务", "负责人", "截止日期"], ["1", "更新门店陈列手册", "庞莉", "2025-03-14"],
        ["2", "核对A、B两仓库存,并出差异表", "蒋涛", "3月20日"]]
    assert table.rows[1][2].location == Location(line=3, column=12)


@pytest.mark.parametrize("source", [
    "Attendees: Wang, Li, Zhao\nApologies: Chen, Liu, Sun\n",            # prose: a space after each comma
    "预算1,200,000元，已批复\n实际支出1,150,000元，结余\n",                  # thousands separators
    "甲,乙\n丙,丁\n",                                                      # two fields: too little to tell
    "名单,张三,李四\n今天讨论了三件事。\n",                                  # one row alone
    "- [ ] 更新报价单 —— 负责人:范晓,截止:6月3日,优先级:高\n- [ ] 联系物流商 —— 负责人:祁东,截止:6月5日,优先级:中\n",
    "1. 范晓:更新报价单,6月3日前发客户,销售部配合。\n2. 祁东:联系物流商,6月5日前确认运费,财务部配合。\n",
])
def test_read_lines_with_commas_that_are_no_table_stay_lines(source):
    assert all(isinstance(b, Paragraph) for b in read_document("notes.txt", source.encode("utf-8")).blocks)


def test_read_md_br_variants_in_cell_become_line_breaks():
    (table,) = md("| 备注 |\n|---|\n| 第一行<br/>第二行<br />第三行 |")
    assert table.rows[1][0].text == "第一行\n第二行\n第三行"


def test_read_md_escaped_pipe_in_cell():
    (table,) = md("| 方案 | 结论 |\n|---|---|\n| A \\| B | 待定 |")
    assert grid(table)[1] == ["A | B", "待定"]


@pytest.mark.parametrize(("line", "text", "char", "column"), [
    ("**负责人**：张伟，截止：周五", "负责人：张伟，截止：周五", "张", 9),
    ("- **结论**：同意采用**方案A**", "结论：同意采用方案A", "案", 17),
    ("详见[需求文档](https://wiki.example.com/req_(v2))，王强负责", "详见需求文档，王强负责", "王", 45),
    ("运行`make docs`后由__李娜__确认", "运行make docs后由李娜确认", "李", 18),
])
def test_read_md_inline_marks_stripped_and_columns_kept(line, text, char, column):
    p = only_paragraph(line)
    assert p.text == text
    assert line[column - 1] == char          # the expected column really is that char's column
    assert p.locate(p.text.index(char)) == Location(line=1, column=column)


def test_read_md_locate_past_end_continues_after_last_char():
    p = only_paragraph("**结论**：通过")
    assert p.locate(len(p.text)).column == len("**结论**：通过") + 1


# --------------------------------------------------------------------------- #
# .docx
# --------------------------------------------------------------------------- #
def test_read_docx_paragraphs_and_tables_in_document_order():
    word = docx.Document()
    word.add_heading("项目周会纪要", level=0)
    word.add_paragraph("会议时间：2024年6月3日")
    table = word.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "任务", (0, 1): "负责人", (1, 0): "整理需求", (1, 1): "李娜"}.items():
        table.cell(r, c).text = text
    word.add_paragraph("散会")
    word.add_table(rows=1, cols=1).cell(0, 0).text = "附件清单"
    blocks = read_word(word)
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Paragraph", "Paragraph", "Table", "Paragraph", "Table"]
    assert [b.location.paragraph for b in blocks if isinstance(b, Paragraph)] == [1, 2, 3]
    assert [b.location.table for b in blocks if isinstance(b, Table)] == [1, 2]
    assert texts(blocks) == ["项目周会纪要", "会议时间：2024年6月3日", "散会"]
    assert grid(blocks[2]) == [["任务", "负责人"], ["整理需求", "李娜"]]
    assert read_document("notes.docx", docx_bytes(word)).kind == "docx"


def test_read_docx_split_runs_are_joined():
    word = docx.Document()
    p = word.add_paragraph()
    for piece in ["负责", "人：张", "伟，截", "止日期：", "6月", "20日"]:
        p.add_run(piece).bold = piece.startswith("负")
    assert texts(read_word(word)) == ["负责人：张伟，截止日期：6月20日"]


def test_read_docx_soft_line_break_kept_as_newline():
    word = docx.Document()
    p = word.add_paragraph("主持人：陈晓")
    p.add_run().add_break()
    p.add_run("记录人：周敏")
    p.add_run().add_break(WD_BREAK.PAGE)      # text after a page break starts a new line
    p.add_run("附件：预算明细")
    p.add_run().add_break(WD_BREAK.PAGE)      # at the end it separates nothing
    assert texts(read_word(word)) == ["主持人：陈晓\n记录人：周敏\n附件：预算明细"]


@pytest.mark.parametrize(("level", "expected"), [(0, 1), (1, 1), (2, 2), (3, 3)],
                         ids=["title", "heading1", "heading2", "heading3"])
def test_read_docx_heading_levels(level, expected):
    word = docx.Document()
    word.add_heading("议题一：预算审批", level=level)
    word.add_paragraph("正文")
    heading, body = read_word(word)
    assert (heading.heading, heading.text) == (expected, "议题一：预算审批")
    assert body.heading is None


@pytest.mark.parametrize(("style", "kind"), [("List Number", "number"), ("List Bullet", "bullet"), ("Normal", None)])
def test_read_docx_auto_numbering_noticed(style, kind):
    word = docx.Document()
    word.add_paragraph("确认上线日期", style=style)
    (p,) = read_word(word)
    assert (p.list_kind, p.text) == (kind, "确认上线日期")


def test_read_docx_merged_cells_appear_once():
    word = docx.Document()
    table = word.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"格{r}{c}"
    table.cell(0, 0).merge(table.cell(0, 1)).text = "任务与负责人"     # horizontal
    table.cell(1, 2).merge(table.cell(2, 2)).text = "6月20日"          # vertical
    (read,) = read_word(word)
    assert grid(read) == [["任务与负责人", None, "格02"],
                          ["格10", "格11", "6月20日"],
                          ["格20", "格21", None]]
    locations = {(c.location.table, c.location.row, c.location.cell) for row in read.rows for c in row if c}
    assert locations == {(1, 1, 1), (1, 1, 3), (1, 2, 1), (1, 2, 2), (1, 2, 3), (1, 3, 1), (1, 3, 2)}
    assert read.rows[1][2].location == Location(table=1, row=2, cell=3, column=1)


def test_read_docx_cell_location_in_second_table():
    word = docx.Document()
    word.add_table(rows=1, cols=1).cell(0, 0).text = "第一张表"
    word.add_paragraph("中间段落")
    second = word.add_table(rows=2, cols=3)
    second.cell(1, 2).text = "周五"
    blocks = read_word(word)
    cell = blocks[2].rows[1][2]
    assert (cell.text, cell.location.table, cell.location.row, cell.location.cell) == ("周五", 2, 2, 3)


def test_read_docx_tracked_changes_and_content_controls():
    word = docx.Document()
    insert_body_xml(word, f'<w:p {W}><w:r><w:t>张伟负责</w:t></w:r>'
                          '<w:ins w:id="1" w:author="李娜" w:date="2024-06-03T10:00:00Z">'
                          '<w:r><w:t>整理</w:t></w:r></w:ins>'
                          '<w:del w:id="2" w:author="李娜" w:date="2024-06-03T10:00:00Z">'
                          '<w:r><w:delText>删掉的旧任务</w:delText></w:r></w:del>'
                          '<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>需求文档</w:t></w:r></w:sdtContent></w:sdt>'
                          '</w:p>')
    insert_body_xml(word, f'<w:sdt {W}><w:sdtPr/><w:sdtContent>'
                          '<w:p><w:r><w:t>截止日期：6月20日</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    assert texts(read_word(word)) == ["张伟负责整理需求文档", "截止日期：6月20日"]


def test_read_docx_tracked_deletion_in_table_cell_not_read():
    word = docx.Document()
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "负责人"
    cell = table.cell(0, 1)
    cell._tc.remove(cell.paragraphs[0]._p)
    cell._tc.append(parse_xml(f'<w:p {W}><w:r><w:t>李娜</w:t></w:r>'
                              '<w:del w:id="3" w:author="王强"><w:r><w:delText>王强</w:delText></w:r></w:del></w:p>'))
    (read,) = read_word(word)
    assert grid(read) == [["负责人", "李娜"]]


def _wrap_in_sdt(element) -> None:
    sdt = parse_xml(f'<w:sdt {W}><w:sdtPr/><w:sdtContent/></w:sdt>')
    element.addprevious(sdt)
    sdt[1].append(element)


@pytest.mark.parametrize("wrap", ["row", "cell"])
def test_read_docx_content_control_around_row_or_cell(wrap):
    word = docx.Document()
    table = word.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "任务", (0, 1): "负责人", (1, 0): "整理需求", (1, 1): "李娜"}.items():
        table.cell(r, c).text = text
    row = table._tbl.tr_lst[1]
    _wrap_in_sdt(row if wrap == "row" else row.tc_lst[1])
    (read,) = read_word(word)
    assert grid(read) == [["任务", "负责人"], ["整理需求", "李娜"]]


@pytest.mark.skipif(not MAKE_DOCX.exists(), reason="shared/eval/make_docx.py not present")
def test_read_docx_built_like_real_minutes(tmp_path):
    spec = importlib.util.spec_from_file_location("make_docx", MAKE_DOCX)
    make_docx = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_docx)
    out = tmp_path / "纪要.docx"
    make_docx.build("# 预算评审会\n会议时间：2024年6月3日\n1. 张伟负责整理预算明细\n- 李娜协助\n"
                    "主持人：陈晓\\\n记录人：周敏\n| 任务 | 负责人 |\n|---|---|\n| 搭建后台<br>联调 | 高磊 |\n", str(out))
    blocks = read_document(out).blocks
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    assert [(p.text, p.heading, p.list_kind) for p in paragraphs] == [
        ("预算评审会", 1, None),
        ("会议时间：2024年6月3日", None, None),
        ("张伟负责整理预算明细", None, "number"),
        ("李娜协助", None, "bullet"),
        ("主持人：陈晓\n记录人：周敏", None, None),
    ]
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert grid(table) == [["任务", "负责人"], ["搭建后台\n联调", "高磊"]]


# --------------------------------------------------------------------------- #
# Bad input
# --------------------------------------------------------------------------- #
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def _bomb_docx() -> bytes:
    return with_extra_entries(plain_docx(), {"word/media/image1.bin": bytes(1_000_000)})


def _many_entries() -> bytes:
    return with_extra_entries(plain_docx(), {f"word/extra/part{i}.xml": b"<a/>" for i in range(12)})


def _empty_docx() -> bytes:
    word = docx.Document()
    word.add_paragraph("   ")
    word.add_table(rows=2, cols=2)
    return docx_bytes(word)


BAD = [
    # name, bytes, limits, error class, code, words the message must contain
    ("纪要.doc", OLE, Limits(), UnsupportedInput, "unsupported", [".doc", ".docx"]),
    ("纪要.docx", OLE, Limits(), CorruptInput, "corrupt", ["旧版二进制 .doc", "另存为 .docx"]),
    ("纪要.docx", PDF, Limits(), CorruptInput, "corrupt", ["PDF 文件"]),
    ("纪要.pdf", PDF, Limits(), UnsupportedInput, "unsupported", ["不支持", ".pdf", ".txt"]),
    ("纪要", SIMPLIFIED.encode(), Limits(), UnsupportedInput, "unsupported", ["无扩展名"]),
    ("纪要.docx", b"PK\x03\x04" + random.Random(7).randbytes(400), Limits(), CorruptInput, "corrupt", ["压缩包损坏"]),
    ("纪要.docx", zip_bytes({"content.xml": b"<office:document/>", "mimetype": b"x"}), Limits(),
     CorruptInput, "corrupt", ["word/document.xml"]),
    ("纪要.docx", plain_docx()[:2000], Limits(), CorruptInput, "corrupt", ["压缩包损坏", "重新保存"]),
    ("纪要.docx", with_damaged_document_xml(plain_docx()), Limits(), CorruptInput, "corrupt", ["已损坏"]),
    ("纪要.txt", b"", Limits(), EmptyInput, "empty", ["空文件"]),
    ("纪要.md", b"", Limits(), EmptyInput, "empty", ["空文件"]),
    ("纪要.docx", b"", Limits(), EmptyInput, "empty", ["空文件"]),
    ("纪要.txt", b"  \r\n\t\n   \n", Limits(), EmptyInput, "empty", ["空文件"]),
    ("纪要.md", b"\n\n    \n", Limits(), EmptyInput, "empty", ["空文件"]),
    ("纪要.docx", _empty_docx(), Limits(), EmptyInput, "empty", ["没有文字"]),
    ("纪要.docx", _bomb_docx(), Limits(max_compression_ratio=40), TooLargeInput, "too_large", ["压缩炸弹", "压缩比 40 倍"]),
    ("纪要.docx", _bomb_docx(), Limits(max_unzipped_bytes=1_000_000, max_compression_ratio=10**6),
     TooLargeInput, "too_large", ["1,000,000"]),
    ("纪要.docx", _many_entries(), Limits(max_zip_entries=10), TooLargeInput, "too_large", ["个条目", "上限 10 个"]),
    ("纪要.txt", SIMPLIFIED.encode() * 10, Limits(max_bytes=200), TooLargeInput, "too_large", ["上限 200 字节"]),
    ("纪要.docx", plain_docx(), Limits(max_bytes=1000), TooLargeInput, "too_large", ["上限 1,000 字节"]),
    ("纪要.md", ("会" * 300).encode(), Limits(max_chars=100), TooLargeInput, "too_large", ["300 个字符", "上限 100 个字符"]),
    ("纪要.txt", b"\x80\x80\x80abc\xff\xfe\xfd", Limits(), UndecodableInput, "encoding", ["文字编码", "UTF-8"]),
    ("纪要.txt", b"\xff\xfe\x00\xd8", Limits(), UndecodableInput, "encoding", ["utf-16 的字节顺序标记", "第 2 字节"]),
    ("纪要.txt", "会议\x00纪要".encode(), Limits(), UndecodableInput, "encoding", ["文字编码"]),
]
BAD_IDS = ["doc", "doc-renamed-docx", "pdf-as-docx", "pdf", "no-extension", "corrupt-zip", "zip-without-document",
           "truncated-docx", "damaged-xml", "empty-txt", "empty-md", "empty-docx", "whitespace-txt",
           "whitespace-md", "docx-no-text", "zip-bomb-ratio", "zip-bomb-size", "too-many-entries",
           "txt-over-max-bytes", "docx-over-max-bytes", "over-max-chars", "undecodable", "bad-utf16-bom",
           "nul-in-utf8"]


@pytest.mark.parametrize(("name", "data", "limits", "error", "code", "words"), BAD, ids=BAD_IDS)
def test_read_bad_input_raises_named_error(tmp_path, name, data, limits, error, code, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error) as info:
        read_document(path, limits=limits)
    assert info.value.code == code
    assert info.value.to_dict() == {"code": code, "message": info.value.message}
    for word in words:
        assert word in info.value.message
    assert name in info.value.message             # the file is named where the source is not shown (HTTP)


@pytest.mark.parametrize(("name", "data", "limits", "error", "code", "words"), BAD, ids=BAD_IDS)
def test_read_bad_bytes_given_as_data_same_error(name, data, limits, error, code, words):
    with pytest.raises(error) as info:
        read_document(name, data, limits=limits)
    assert info.value.code == code
    assert info.value.source == name


def test_read_zip_bomb_limits_do_not_refuse_a_normal_docx():
    # the control for the bomb cases: the same tight limits accept the same docx without the bomb
    for limits in (Limits(max_compression_ratio=40), Limits(max_unzipped_bytes=1_000_000)):
        assert texts(read_document("纪要.docx", plain_docx(), limits=limits).blocks) == ["张伟负责整理需求文档"]
    assert read_document("纪要.docx", with_extra_entries(plain_docx(), {"word/extra/part1.xml": b"<a/>"}),
                         limits=Limits(max_zip_entries=20)).blocks


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xff\xfe", " \r\n\t\n".encode("utf-16"),
                                  "　　\n　".encode("utf-8")],
                         ids=["utf8-bom-only", "utf16-bom-only", "utf16-whitespace", "fullwidth-spaces"])
def test_read_whitespace_only_text_in_any_encoding_is_empty(data):
    with pytest.raises(EmptyInput):
        read_document("纪要.txt", data)


def test_read_missing_file(tmp_path):
    path = tmp_path / "不存在.txt"
    with pytest.raises(UnsupportedInput) as info:
        read_document(path)
    assert info.value.code == "unsupported"
    assert info.value.message == "找不到文件“不存在.txt”，请检查路径和文件名"
    assert str(path) in str(info.value)


def test_read_directory(tmp_path):
    folder = tmp_path / "纪要.md"
    folder.mkdir()
    with pytest.raises(UnsupportedInput) as info:
        read_document(folder)
    assert "“纪要.md”是文件夹" in info.value.message


def test_read_file_over_max_bytes_is_refused_before_reading(tmp_path):
    path = tmp_path / "纪要.txt"
    path.write_bytes(SIMPLIFIED.encode() * 10)
    with pytest.raises(TooLargeInput) as info:
        read_document(path, limits=Limits(max_bytes=100))
    assert f"{path.stat().st_size:,} 字节" in info.value.message


def test_read_every_error_is_a_minutes_error():
    for error in (UnsupportedInput, EmptyInput, UndecodableInput, CorruptInput, TooLargeInput):
        assert issubclass(error, MinutesError)


@pytest.mark.parametrize(("name", "data"), [
    ("纪要.txt", SIMPLIFIED.encode("gb18030")),
    ("纪要.txt", b"\xff\xfe" + SIMPLIFIED.encode("utf-16-le")),
    ("纪要.md", "# 周会\n- [ ] 李娜整理**需求**\n| 任务 | 负责人 |\n|---|---|\n| 搭建 | 高磊 |\n".encode()),
    ("纪要.docx", plain_docx()),
], ids=["gb18030", "utf16", "md", "docx"])
def test_read_data_bytes_same_as_path(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    from_path = read_document(path)
    from_bytes = read_document(str(path), data)
    assert from_bytes == from_path
    assert from_bytes.blocks                  # not vacuously equal


def test_read_data_bytes_need_no_file_on_disk(tmp_path):
    document = read_document(tmp_path / "nowhere" / "纪要.md", "## 议题\n结论：通过".encode())
    assert [(b.text, b.heading) for b in document.blocks] == [("议题", 2), ("结论：通过", None)]


@pytest.mark.parametrize("name", ["纪要.TXT", "纪要.Md", "纪要.markdown"])
def test_read_suffix_is_case_insensitive(name):
    assert read_document(name, "结论：通过".encode()).blocks[0].text == "结论：通过"
