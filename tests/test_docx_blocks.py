"""Word as offices save it (minutes/docx_blocks.py, docx_text.py, docx_parts.py).

Each test builds a .docx in code with tests/wordfiles.py — text boxes, layout tables,
merged cells, headers in several sections, notes, fields, content controls, tracked
changes, embedded documents — from notes written for the test, and checks what the
reader gives back: each text once, in reading order, in the right kind of block and
the right region. The last part checks that every size a file declares is bounded.
"""
from __future__ import annotations

import json

import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from wordfiles import (
    RawWord,
    cell,
    check_box,
    control,
    field,
    grid_table,
    para,
    row,
    run,
    table,
    text_box,
)

from minutes import Options, process
from minutes.cli import main
from minutes.errors import CorruptInput, EmptyInput, MinutesError, TooLargeInput
from minutes.model import Paragraph, Table
from minutes.read import Limits, read_document

RT_IMAGE = RELATIONSHIP_TYPE.IMAGE


def read(word: RawWord, limits: Limits = Limits()) -> list[Paragraph | Table]:
    """Everything read, in reading order: the text, then the furniture (headers, footers, notes)."""
    document = read_document("纪要.docx", word.bytes(), limits=limits)
    return document.blocks + document.furniture


def shown(blocks) -> list[tuple[str, object]]:
    """Each block as (region, text) or (region, grid of cell texts), empty paragraphs left out."""
    out = []
    for block in blocks:
        if isinstance(block, Table):
            out.append((block.region, [[c.text if c else None for c in r] for r in block.rows]))
        elif block.text.strip():
            out.append((block.region, block.text))
    return out


def body_text(word: RawWord) -> list[str]:
    return [b.text for b in read(word) if isinstance(b, Paragraph) and b.text.strip()]


# --------------------------------------------------------------------------- #
# Text boxes and shapes
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("word", [True, False], ids=["word-choice-and-fallback", "wps-vml-only"])
def test_docx_blocks_text_box_read_once_right_after_its_anchor(word):
    doc = RawWord().body("仓储部周例会纪要",
                         para("会议时间：2024年7月2日", text_box("会议地点：三号库办公室", "记录人：韩梅", word=word)),
                         "一、上周出入库情况")
    assert shown(read(doc)) == [("body", "仓储部周例会纪要"), ("body", "会议时间：2024年7月2日"),
                                ("textbox", "会议地点：三号库办公室"), ("textbox", "记录人：韩梅"),
                                ("body", "一、上周出入库情况")]


GROUP = ('<w:r><w:drawing><wp:anchor simplePos="0" relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" '
         'allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
         '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>'
         '</wp:positionV><wp:extent cx="3000000" cy="2000000"/><wp:wrapNone/><wp:docPr id="5" name="组合 5"/>'
         '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup">'
         '<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr/>'
         '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>{first}</w:txbxContent></wps:txbx>'
         '<wps:bodyPr/></wps:wsp>'
         '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>{second}</w:txbxContent></wps:txbx>'
         '<wps:bodyPr/></wps:wsp>'
         '</wpg:wgp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')
WORD_ART = ('<w:r><w:pict><v:shape id="艺术字1" type="#_x0000_t136" style="width:300pt;height:40pt">'
            '<v:textpath style="font-family:&quot;方正小标宋简体&quot;" string="区教育局党组会议纪要"/>'
            '</v:shape></w:pict></w:r>')


@pytest.mark.parametrize(("anchor", "expected"), [
    (GROUP.format(first=para("议题一：校舍维修"), second=para("议题二：暑期值班")),
     [("textbox", "议题一：校舍维修"), ("textbox", "议题二：暑期值班")]),
    (WORD_ART, [("textbox", "区教育局党组会议纪要")]),
    (text_box(para("外框：", text_box("内框：值班表见附件"))),
     [("textbox", "外框："), ("textbox", "内框：值班表见附件")]),
], ids=["grouped-boxes-in-order", "word-art", "box-in-a-box"])
def test_docx_blocks_shapes_give_their_text_in_order(anchor, expected):
    doc = RawWord().body(para(anchor), "正文第一段")
    assert shown(read(doc)) == expected + [("body", "正文第一段")]


def test_docx_blocks_table_inside_a_text_box_is_a_table():
    doc = RawWord().body(para(text_box("社区议事会记录", grid_table([["事项", "责任人"], ["清理楼道杂物", "周立"]]))))
    assert shown(read(doc)) == [("textbox", "社区议事会记录"),
                                ("textbox", [["事项", "责任人"], ["清理楼道杂物", "周立"]])]


def test_docx_blocks_text_box_in_a_table_cell_follows_the_table():
    doc = RawWord().body(table(row(cell("会议名称"), cell(para("安全例会", text_box("附：检查清单"))))),
                         "散会")
    assert shown(read(doc)) == [("body", [["会议名称", "安全例会"]]), ("textbox", "附：检查清单"), ("body", "散会")]


WPS_FORM = [
    "物业服务协调会会议纪要",
    "会议时间：2024年9月12日 上午9:30",
    "会议地点：物业中心二楼会议室",
    "主持人：邵建国",
    "记录人：谭晓雯",
    "参会人员：邵建国、谭晓雯、欧阳峰、付丽",
    "一、会议决定",
    "同意更换3号楼电梯维保单位。",
    "二、待办事项",
    grid_table([["序号", "工作内容", "责任人", "完成时限"],
                ["1", "联系新维保单位签订维保合同", "欧阳峰", "9月20日前"],
                ["2", "在3号楼各单元张贴电梯停运通知", "付丽", "9月14日前"]]),
]


def test_docx_blocks_form_in_a_wps_text_box_yields_its_items(tmp_path, capsys):
    path = tmp_path / "物业协调会.docx"
    path.write_bytes(RawWord().body(para(text_box(*WPS_FORM, word=False))).bytes())
    assert main(["extract", "--format", "jsonl", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    items = {(a["owner"], a["deadline"]) for a in result["action_items"]}
    assert items == {("欧阳峰", "2024-09-20"), ("付丽", "2024-09-14")}
    assert result["meeting"]["title"] == "物业服务协调会"
    assert result["meeting"]["host"] == "邵建国"
    assert ["电梯维保单位" in d["text"] for d in result["decisions"]] == [True]


# --------------------------------------------------------------------------- #
# Layout tables framing other tables
# --------------------------------------------------------------------------- #
TASKS = [["任务", "负责人", "完成时间"],
         ["修订食堂采购管理办法", "马骏", "2024年8月30日"],
         ["组织供应商现场考察", "白露", "2024年9月6日"]]


def test_docx_blocks_table_nested_in_a_layout_cell_is_a_table_of_its_own():
    doc = RawWord().body(table(
        row(cell("会议名称"), cell("后勤保障月度例会")),
        row(cell("待办事项"), cell("经讨论形成以下任务：", grid_table(TASKS), "以上任务每周五汇报进度。")),
        row(cell("备注"), cell("下次例会另行通知")),
        columns=2))
    blocks = read(doc)
    assert shown(blocks) == [
        ("body", [["会议名称", "后勤保障月度例会"]]),
        ("body", "待办事项"), ("body", "经讨论形成以下任务："),
        ("body", TASKS),
        ("body", "以上任务每周五汇报进度。"),
        ("body", [["备注", "下次例会另行通知"]]),
    ]
    tables = [b for b in blocks if isinstance(b, Table)]
    # the frame keeps its number and its rows' numbers on both sides; the inner table is the second met
    assert [(t.location.table, t.location.row) for t in tables] == [(1, 1), (2, 1), (1, 3)]
    assert tables[2].rows[0][1].location.to_dict() == {"table": 1, "row": 3, "cell": 2, "column": 1}
    assert tables[1].rows[2][1].location.to_dict() == {"table": 2, "row": 3, "cell": 2, "column": 1}


def test_docx_blocks_task_table_nested_in_a_layout_cell_yields_its_items(tmp_path, capsys):
    doc = RawWord().body("后勤保障月度例会纪要", "会议时间：2024年8月20日", table(
        row(cell("一、待办事项", grid_table(TASKS))), columns=1))
    path = tmp_path / "后勤例会.docx"
    path.write_bytes(doc.bytes())
    assert main(["extract", "--format", "jsonl", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {(a["task"], a["owner"], a["deadline"]) for a in result["action_items"]} == {
        ("修订食堂采购管理办法", "马骏", "2024-08-30"), ("组织供应商现场考察", "白露", "2024-09-06")}


# --------------------------------------------------------------------------- #
# Merged cells and grid columns
# --------------------------------------------------------------------------- #
def test_docx_blocks_merged_cells_once_with_the_grid_honoured():
    doc = RawWord().body(table(
        row(cell("议题"), cell("事项", span=2)),
        row(cell("供应商评审", vmerge="restart"), cell("结论"), cell("同意引入第二家供应商")),
        row(cell(vmerge="continue"), cell("待办"), cell("采购部9月5日前提交比价单")),
        row(cell("补充说明"), before=1, after=1),
        columns=3))
    (grid,) = read(doc)
    assert shown([grid]) == [("body", [["议题", "事项", None],
                                       ["供应商评审", "结论", "同意引入第二家供应商"],
                                       [None, "待办", "采购部9月5日前提交比价单"],
                                       [None, "补充说明", None]])]
    assert grid.rows[3][1].location.cell == 2            # its grid column, after the gridBefore gap
    # what a reader sees at the merged positions: the cell to the left, the cell above; a gap shows nothing
    assert [grid.shown_at(0, 2).text, grid.shown_at(2, 0).text, grid.shown_at(3, 0), grid.shown_at(3, 2)] == \
        ["事项", "供应商评审", None, None]


def test_docx_blocks_owner_merged_down_over_several_tasks_is_shown_at_each():
    doc = RawWord().body(table(
        row(cell("任务"), cell("负责人"), cell("完成时限")),
        row(cell("制定OA升级方案"), cell("唐敏", vmerge="restart"), cell("10月18日")),
        row(cell("组织全员培训"), cell(vmerge="continue"), cell("10月30日")),
        row(cell("采购备用服务器"), cell(vmerge="continue"), cell("11月8日")), columns=3))
    (grid,) = read(doc)
    assert [grid.rows[r][1] for r in (2, 3)] == [None, None]
    assert [grid.shown_at(r, 1).text for r in (1, 2, 3)] == ["唐敏"] * 3


def test_docx_blocks_vertical_continuation_without_a_start_is_read():
    doc = RawWord().body(table(row(cell("负责人", vmerge="continue"), cell("陆远"))))
    assert shown(read(doc)) == [("body", [["负责人", "陆远"]])]


# --------------------------------------------------------------------------- #
# Headers, footers, sections, notes
# --------------------------------------------------------------------------- #
def test_docx_blocks_headers_and_footers_marked_and_read_once_per_distinct_text():
    doc = (RawWord().body("招标工作专题会议纪要", "一、会议议定事项")
           .header("〔2024〕第17期")
           .header(para("第 ", field("PAGE", "1"), " 页"), footer=True)
           .section_break().body("附件：评标专家名单")
           .header("〔2024〕第17期")                           # the next section repeats it
           .header("内部资料 注意保存", footer=True))
    assert shown(read(doc)) == [("body", "招标工作专题会议纪要"), ("body", "一、会议议定事项"),
                                ("body", "附件：评标专家名单"),
                                ("header", "〔2024〕第17期"),
                                ("footer", "第 1 页"), ("footer", "内部资料 注意保存")]


def test_docx_blocks_furniture_is_kept_apart_and_never_becomes_an_item():
    doc = (RawWord().body("设备采购评审会纪要", "会议时间：2024年5月8日", "二、待办事项",
                          "1. 郝静负责汇总三家报价，5月15日前完成。")
           .header("〔2024〕第9期　内部资料")
           .header(para("第 ", field("PAGE", "1"), " 页 共 1 页"), footer=True))
    document = read_document("评审会.docx", doc.bytes())
    assert {b.region for b in document.blocks} == {"body"}
    assert [(b.region, b.text) for b in document.furniture] == [("header", "〔2024〕第9期　内部资料"),
                                                               ("footer", "第 1 页 共 1 页")]
    minutes = process("评审会.docx", doc.bytes(), options=Options())
    assert [(a.owner, a.deadline) for a in minutes.action_items] == [("郝静", "2024-05-15")]


def test_docx_blocks_text_only_in_a_page_header_is_an_empty_document():
    with pytest.raises(EmptyInput) as info:
        read(RawWord().body("<w:p/>").header("〔2024〕第9期"))
    assert "页眉" in info.value.message


def test_docx_blocks_furniture_leaves_body_numbers_as_they_are():
    def numbered(doc):
        return [(b.text, b.location.paragraph) for b in read(doc) if b.region == "body"]
    plain = RawWord().body("会议纪要", "参会人员：钟山、柳青")
    furnished = (RawWord().body("会议纪要", "参会人员：钟山、柳青").header("〔2024〕第3期")
                 .notes("柳青为列席人员"))
    assert numbered(furnished) == numbered(plain) == [("会议纪要", 1), ("参会人员：钟山、柳青", 2)]


def test_docx_blocks_footnotes_and_endnotes_marked_and_reference_marks_not_read():
    reference = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
    doc = (RawWord().body(para("预算按上年度标准执行", reference, "。"))
           .notes("以财务处2024年3月核定数为准")
           .notes("本纪要发至各科室", kind="endnote"))
    assert shown(read(doc)) == [("body", "预算按上年度标准执行。"),
                                ("footnote", " 以财务处2024年3月核定数为准"),
                                ("endnote", " 本纪要发至各科室")]


def test_docx_blocks_table_of_contents_lines_are_furniture_not_a_second_copy_of_the_headings():
    doc = (RawWord().style("TOCHeading", "TOC Heading").style("TOC1", "toc 1").style("MyToc", "目录条目", "TOC1")
           .body("年度工作会议纪要", para("目录", style="TOCHeading"),
                 para(field('HYPERLINK \\l "_Toc1"', "一、会议概况\t1"), style="TOC1"),
                 para("二、议定事项\t2", style="MyToc"),
                 para("一、会议概况", style="Heading1"), "会议于2024年1月12日召开。"))
    document = read_document("纪要.docx", doc.bytes())
    assert shown(document.blocks) == [("body", "年度工作会议纪要"), ("body", "一、会议概况"),
                                      ("body", "会议于2024年1月12日召开。")]
    assert shown(document.furniture) == [("contents", "目录"), ("contents", "一、会议概况\t1"),
                                         ("contents", "二、议定事项\t2")]


def test_docx_blocks_paragraphs_on_both_sides_of_a_section_break_in_order():
    doc = RawWord().body("一、会议情况").section_break().body("二、议定事项", "1. 同意调整值班安排")
    assert body_text(doc) == ["一、会议情况", "二、议定事项", "1. 同意调整值班安排"]


# --------------------------------------------------------------------------- #
# Text inside one paragraph: fields, links, controls, symbols, tabs and breaks
# --------------------------------------------------------------------------- #
NESTED_IF = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText></w:r>'
             + field("PAGE", "1") +
             '<w:r><w:instrText> = 1 "首页" "续页" </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("首页") +
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
FORM_CHECKBOX = ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="紧急"/><w:enabled/>'
                 '<w:checkBox><w:sizeAuto/><w:default w:val="0"/><w:checked/></w:checkBox></w:ffData>'
                 '</w:fldChar></w:r><w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
DROPDOWN = ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="优先级"/><w:enabled/>'
            '<w:ddList><w:result w:val="1"/><w:listEntry w:val="高"/><w:listEntry w:val="中"/>'
            '<w:listEntry w:val="低"/></w:ddList></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText> FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


@pytest.mark.parametrize(("content", "expected"), [
    (("会议材料共", '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>3</w:t></w:r></w:fldSimple>', "页"),
     "会议材料共3页"),
    (("详见", field('HYPERLINK "https://oa.example.cn/notice/88"', "集团OA公告"), "。"), "详见集团OA公告。"),
    (("详见", '<w:hyperlink r:id="rId90" w:history="1"><w:r><w:t>共享盘会议目录</w:t></w:r></w:hyperlink>'),
     "详见共享盘会议目录"),
    (("印发日期：", field('DATE \\@ "yyyy年M月d日"', "2024年7月2日")), "印发日期：2024年7月2日"),
    (("本页为", NESTED_IF), "本页为首页"),
    (("目录", '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" </w:instrText>'
              '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'), "目录"),
    (("紧急程度：", check_box(True), "紧急 ", check_box(False), "普通"), "紧急程度：☑紧急 ☐普通"),
    (("是否紧急：", FORM_CHECKBOX, "是"), "是否紧急：☑是"),
    (("优先级：", DROPDOWN), "优先级：中"),
    (("责任人：", control(run("单击此处输入文字。"), placeholder=True)), "责任人："),
    (("完成日期：", control(run("2024年9月30日"))), "完成日期：2024年9月30日"),
    (("已选：", '<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>', "线上 ",
      '<w:r><w:sym w:font="Wingdings 2" w:char="F0A3"/></w:r>', "线下"), "已选：☑线上 ☐线下"),
    (("合格", '<w:r><w:sym w:font="Symbol" w:char="F0D6"/></w:r>', '<w:r><w:sym w:font="Wingdings" w:char="F041"/></w:r>'),
     "合格√"),
    (("会议地点：", '<w:r><w:rPr><w:vanish/></w:rPr><w:t>（填写说明：写明楼层和房间号）</w:t></w:r>', "二楼东会议室"),
     "会议地点：二楼东会议室"),
    (("<w:smartTag w:uri=\"urn:schemas-microsoft-com:office:smarttags\" w:element=\"PersonName\">"
      "<w:r><w:t>杜鹃</w:t></w:r></w:smartTag>", "<w:customXml w:element=\"owner\"><w:r><w:t>负责</w:t></w:r>"
      "</w:customXml>", "报名统计"), "杜鹃负责报名统计"),
], ids=["simple-field", "hyperlink-field", "hyperlink", "date-field", "nested-fields", "field-without-result",
        "check-box-controls", "legacy-check-box", "legacy-drop-down", "placeholder-not-content",
        "date-control", "symbol-font-boxes", "symbol-font-check", "hidden-text", "smart-tag-and-custom-xml"])
def test_docx_blocks_inline_text_is_what_the_page_shows(content, expected):
    assert body_text(RawWord().body(para(*content))) == [expected]


def test_docx_blocks_tabs_keep_columns_and_breaks_keep_lines():
    tab_stops = ('<w:pPr><w:tabs><w:tab w:val="left" w:pos="2100"/><w:tab w:val="left" w:pos="4200"/>'
                 '</w:tabs></w:pPr>')
    doc = RawWord().body(
        f"<w:p>{tab_stops}{run('序号')}<w:r><w:tab/></w:r>{run('事项')}<w:r><w:tab/></w:r>{run('负责人')}</w:p>",
        para("主持人：庞磊", "<w:r><w:br/></w:r>", "记录人：蒋欣", "<w:r><w:cr/></w:r>", "列席：审计科"),
        para('<w:r><w:br w:type="page"/></w:r>', "附件：值班安排表"))
    assert body_text(doc) == ["序号\t事项\t负责人", "主持人：庞磊\n记录人：蒋欣\n列席：审计科", "附件：值班安排表"]


# --------------------------------------------------------------------------- #
# Content controls, tracked changes, comments, wrappers
# --------------------------------------------------------------------------- #
def test_docx_blocks_repeating_section_rows_and_block_controls():
    items = "".join(control(row(cell(task), cell(owner)), repeating="item")
                    for task, owner in (("更新门禁名单", "沈涛"), ("检修消防栓", "彭飞")))
    doc = RawWord().body(
        control(para("会议主题：安全检查部署"), repeating=None),
        control(para("在此键入会议地点"), placeholder=True),
        table(row(cell("事项"), cell("责任人")), control(items, repeating="section")))
    assert shown(read(doc)) == [("body", "会议主题：安全检查部署"),
                                ("body", [["事项", "责任人"], ["更新门禁名单", "沈涛"], ["检修消防栓", "彭飞"]])]


def test_docx_blocks_tracked_changes_read_as_accepted_and_comments_are_not_content():
    change = 'w:author="审核人" w:date="2024-07-03T09:00:00Z"'
    doc = RawWord().comments("这里的日期再确认一下").body(
        para("由", f'<w:del w:id="1" {change}><w:r><w:delText>王宁</w:delText></w:r></w:del>',
             f'<w:ins w:id="2" {change}>{run("黎明")}</w:ins>', "牵头整改",
             '<w:commentRangeStart w:id="0"/>', "，8月底前完成", '<w:commentRangeEnd w:id="0"/>',
             '<w:r><w:commentReference w:id="0"/></w:r>', "。"),
        para(f'<w:moveFrom w:id="3" {change}>{run("请财务科复核。")}</w:moveFrom>', "会议结束。"),
        para(f'<w:moveTo w:id="4" {change}>{run("请财务科复核。")}</w:moveTo>'),
        table(row(cell("事项"), cell("责任人")),
              f'<w:tr><w:trPr><w:del w:id="5" {change}/></w:trPr>{cell("撤销的旧事项")}{cell("王宁")}</w:tr>',
              row(cell("更换电子屏"), cell("黎明"))))
    assert shown(read(doc)) == [("body", "由黎明牵头整改，8月底前完成。"), ("body", "会议结束。"),
                                ("body", "请财务科复核。"),
                                ("body", [["事项", "责任人"], ["更换电子屏", "黎明"]])]


def test_docx_blocks_alternate_blocks_read_once():
    doc = RawWord().body('<mc:AlternateContent><mc:Choice Requires="w14">' + para("会议纪要（新格式）")
                         + "</mc:Choice><mc:Fallback>" + para("会议纪要（旧格式）") + "</mc:Fallback></mc:AlternateContent>")
    assert body_text(doc) == ["会议纪要（新格式）"]


def test_docx_blocks_custom_xml_around_blocks_is_looked_through():
    doc = RawWord().body('<w:customXml w:element="minutes">' + para("会议纪要") + grid_table([["议题", "结论"]])
                         + "</w:customXml>")
    assert shown(read(doc)) == [("body", "会议纪要"), ("body", [["议题", "结论"]])]


# --------------------------------------------------------------------------- #
# Embedded documents (w:altChunk)
# --------------------------------------------------------------------------- #
HTML = ("<html><head><meta charset='utf-8'><style>p{margin:0}</style></head><body>"
        "<h2>二、议定事项</h2><p>同意采购&nbsp;两台 <b>投影仪</b>。</p>"
        "<table><tr><th>事项</th><th colspan='2'>责任人及时限</th></tr>"
        "<tr><td rowspan='2'>设备采购</td><td>韦嘉</td><td>7月15日前</td></tr>"
        "<tr><td>龚莉</td><td>7月20日前</td></tr></table><p>散会。</p></body></html>")


def test_docx_blocks_embedded_html_gives_paragraphs_and_tables_in_place():
    doc = RawWord()
    doc.body("一、会议情况", doc.chunk("text/html", HTML.encode("utf-8"), "html"), "三、其他")
    assert shown(read(doc)) == [
        ("body", "一、会议情况"), ("body", "二、议定事项"), ("body", "同意采购 两台 投影仪。"),
        ("body", [["事项", "责任人及时限", None], ["设备采购", "韦嘉", "7月15日前"], [None, "龚莉", "7月20日前"]]),
        ("body", "散会。"), ("body", "三、其他")]
    (grid,) = [b for b in read(doc) if isinstance(b, Table)]
    assert [grid.shown_at(0, 2).text, grid.shown_at(2, 0).text] == ["责任人及时限", "设备采购"]


def test_docx_blocks_embedded_text_and_word_documents_in_place():
    from wordfiles import word_file
    doc = RawWord()
    text = doc.chunk("text/plain", "补充：\n\n祁峰负责会场布置\n".encode("gb18030"), "txt")
    inner = doc.chunk("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                      word_file(["附：嵌入的会议议程"], [["时间", "议程"], ["9:00", "开场致辞"]]), "docx")
    doc.body("正文开始", text, inner, "正文结束")
    blocks = read(doc)
    assert shown(blocks) == [("body", "正文开始"), ("body", "补充："), ("body", "祁峰负责会场布置"),
                             ("body", "附：嵌入的会议议程"), ("body", [["时间", "议程"], ["9:00", "开场致辞"]]),
                             ("body", "正文结束")]
    numbers = [b.location.paragraph for b in blocks if isinstance(b, Paragraph)]
    assert numbers == list(range(1, len(numbers) + 1))       # numbered on through the embedded parts


def test_docx_blocks_embedded_document_of_an_unread_kind_is_a_warning_not_a_silent_gap():
    doc = RawWord()
    doc.body("正文", doc.chunk("application/rtf", b"{\\rtf1\\ansi \\'d5\\'c5\\'c8\\'fd}", "rtf"))
    minutes = process("纪要.docx", doc.bytes(), options=Options())
    assert any("/word/afchunk1.rtf" in w and "application/rtf" in w for w in minutes.warnings)


# --------------------------------------------------------------------------- #
# Locations
# --------------------------------------------------------------------------- #
def test_docx_blocks_locations_are_unique_and_the_same_on_every_read():
    doc = RawWord().body(para("标题", text_box("框内一段")),
                         table(row(cell("外", grid_table([["甲", "乙"]])))), "结尾").header("页眉")
    first, second = read(doc), read(doc)
    assert first == second
    keys = [(b.location.paragraph,) if isinstance(b, Paragraph) else
            (c.location.table, c.location.row, c.location.cell) for b in first
            for c in (b.rows[0] if isinstance(b, Table) else [b]) if c is not None]
    assert len(keys) == len(set(keys))


def test_docx_blocks_lint_fix_edits_text_box_and_nested_table_in_place(tmp_path, capsys):
    import docx
    path = tmp_path / "草稿.docx"
    path.write_bytes(RawWord().body(
        "项目协调会纪要", "会议时间：2024年6月12日",
        para(text_box("待办：", "1. 接口文档由相关部门补充，6月20日前完成。")),
        table(row(cell("二、待办", grid_table([["任务", "负责人", "完成时间"], ["更新测试环境", "秦川", "尽快"]])))),
    ).bytes())
    main(["lint", "--fix", str(path)])
    fixed = docx.Document(path.with_name("草稿.fixed.docx"))
    xml = fixed.element.xml
    assert "接口文档由【负责人待定】补充" in xml
    assert "【截止日期待定】" in xml and "尽快" not in xml
    assert xml.count("接口文档由") == 2          # Word's two copies of the box: the one read is edited


# --------------------------------------------------------------------------- #
# Bounds: every size a file declares
# --------------------------------------------------------------------------- #
def _nested_controls(depth: int) -> str:
    xml = para("深处")
    for _ in range(depth):
        xml = control(xml)
    return xml


HOSTILE = [
    ("gridSpan", RawWord().body(table(row(cell("任务", span=10 ** 8), cell("负责人")))), Limits(),
     ["gridSpan", "512"]),
    ("gridBefore", RawWord().body(table(row(cell("任务"), before=10 ** 9))), Limits(), ["gridBefore", "512"]),
    ("rows", RawWord().body(table(*(row(cell(f"第{i}项")) for i in range(60)), columns=1)),
     Limits(max_table_rows=50), ["50"]),
    ("cells", RawWord().body(grid_table([["甲"] * 10] * 10)), Limits(max_table_cells=64), ["64"]),
    ("blocks", RawWord().body(*(f"第{i}段" for i in range(40))), Limits(max_blocks=30), ["30"]),
    ("text", RawWord().body("会" * 80, "议" * 80), Limits(max_chars=100), ["100", "字符"]),
    ("nesting", RawWord().body(_nested_controls(60)), Limits(), ["嵌套", "100"]),
    ("nested-tables", RawWord().body(
        "".join("<w:tbl><w:tr><w:tc>" for _ in range(40)) + para("最里层")
        + "".join("</w:tc></w:tr></w:tbl>" for _ in range(40))), Limits(), ["嵌套"]),
]


@pytest.mark.parametrize(("what", "doc", "limits", "words"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_docx_blocks_declared_sizes_are_bounded(what, doc, limits, words):
    with pytest.raises(TooLargeInput) as info:
        read(doc, limits)
    assert info.value.code == "too_large"
    assert "纪要.docx" in str(info.value)
    for word in words:
        assert word in info.value.message


def test_docx_blocks_bounds_do_not_refuse_ordinary_files():
    # the controls for the bounds: the same shapes a little under each limit are read
    assert len(read(RawWord().body(table(*(row(cell(f"第{i}项")) for i in range(40)), columns=1)),
                    Limits(max_table_rows=50))[0].rows) == 40
    assert len(read(RawWord().body(_nested_controls(10)))) == 1
    assert read(RawWord().body(table(row(cell("议题", span=63), cell("结论")))))[0].width == 64


def test_docx_blocks_xml_to_parse_is_bounded_but_pictures_are_not_counted():
    limits = Limits(max_xml_bytes=1_000_000)          # python-docx's own template is ~0.8 MB of XML
    padded = RawWord().body(*(["<w:p/>"] * 40_000), "会议纪要")           # and 240 KB more
    with pytest.raises(TooLargeInput) as info:
        read(padded, limits)
    assert "XML" in info.value.message and "1,000,000" in info.value.message
    pictured = RawWord().body("会议纪要")
    pictured.part("/word/media/image1.png", "image/png", bytes(range(256)) * 2000, RT_IMAGE)
    assert shown(read(pictured, limits)) == [("body", "会议纪要")]


def test_docx_blocks_embedded_document_shares_the_xml_limit():
    from wordfiles import word_file
    inner = word_file(["附件正文"] * 1500)
    doc = RawWord()
    doc.body("正文", doc.chunk("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                             inner, "docx"))
    outer_only = len(RawWord().body("正文").bytes())
    assert shown(read(doc))[:2] == [("body", "正文"), ("body", "附件正文")]
    with pytest.raises(TooLargeInput):                  # each part alone is under, together over
        read(doc, Limits(max_xml_bytes=_xml_size(doc.bytes()) + outer_only // 10))


def _xml_size(data: bytes) -> int:
    """Unpacked size of the outer package's XML parts, the embedded .docx not opened."""
    import io
    import zipfile
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(e.file_size for e in archive.infolist() if e.filename.endswith((".xml", ".rels")))


def test_docx_blocks_embedded_page_of_many_paragraphs_stops_early():
    doc = RawWord()
    doc.body(doc.chunk("text/html", b"<p>x</p>" * 50_000, "html"))
    with pytest.raises(TooLargeInput) as info:
        read(doc, Limits(max_blocks=1000))
    assert "1,000" in info.value.message


def test_docx_blocks_html_span_is_bounded():
    doc = RawWord()
    doc.body(doc.chunk("text/html", b"<table><tr><td colspan='100000000'>x</td></tr></table>", "html"))
    with pytest.raises(TooLargeInput):
        read(doc)


@pytest.mark.parametrize("content", [
    table(row(cell("任务").replace("<w:tc>", '<w:tc><w:tcPr><w:gridSpan w:val="两列"/></w:tcPr>'), cell("秦川"))),
    para('<w:r><w:sym w:font="Wingdings" w:char="zz"/></w:r>', "任务"),
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="x"/><w:numId w:val="1"/></w:numPr></w:pPr>' + run("任务") + "</w:p>",
    para('<w:r><w:fldChar w:fldCharType="end"/></w:r>', "任务", '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'),
], ids=["span-not-a-number", "symbol-not-hex", "level-not-a-number", "field-ends-before-it-begins"])
def test_docx_blocks_nonsense_values_are_read_not_raised(content):
    blocks = read(RawWord().body(content))
    assert "任务" in "".join(b.text if isinstance(b, Paragraph) else b.rows[0][0].text for b in blocks)


def test_docx_blocks_any_error_is_a_minutes_error():
    doc = RawWord()
    doc.body(doc.chunk("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                       b"PK\x03\x04 not really a zip", "docx"))
    with pytest.raises(MinutesError):
        read(doc)


def test_docx_blocks_damaged_notes_part_is_named():
    doc = RawWord().body("正文")
    doc.part("/word/footnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
             b"<w:footnotes><w:footnote w:id=", RELATIONSHIP_TYPE.FOOTNOTES)
    with pytest.raises(CorruptInput) as info:
        read(doc)
    assert "/word/footnotes.xml" in info.value.message and "纪要.docx" in str(info.value)


def test_docx_blocks_region_is_body_for_text_files():
    assert [b.region for b in read_document("纪要.md", "# 纪要\n正文\n|甲|乙|".encode()).blocks] == ["body"] * 3
