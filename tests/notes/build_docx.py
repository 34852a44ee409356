#!/usr/bin/env python3
"""Build the Word notes of this held-out set (tests/notes/*.docx).

    python tests/notes/build_docx.py [NAME ...]

Writes every NAME.docx beside this script (or only the named ones). The text of each
note is written here; each builder shapes its file the way offices save minutes:
tables with label cells and merged cells, labels across the top row, a page header
holding the document number, a footer PAGE field, a WPS-style text box (its content
stored twice, as DrawingML and as the VML fallback), tracked changes and a comment,
a layout table with a nested table, hyperlinks (element and field), content controls
and tab-separated columns. Runs are split every few characters, as Word does after
editing, so a reader must join runs to see words. The gold of each note is the
NAME.gold.json beside it; README.md lists what each file tests.
"""
import sys
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

HERE = Path(__file__).resolve().parent

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
}


def _decl(*prefixes):
    return " ".join(f'xmlns:{p}="{NS[p]}"' for p in prefixes)


def _esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------- documents and text

def new_doc(author="办公室", font="宋体"):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(11)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    doc.core_properties.author = author
    doc.core_properties.created = datetime(2024, 1, 1, 8, 0, 0)
    return doc


def add_runs(paragraph, text, bold_label=True, step=5):
    """Add TEXT as several runs; the label before a full-width colon is bold.

    A '\\n' inside TEXT becomes a soft line break (Shift+Enter) within the paragraph.
    """
    for k, line in enumerate(text.split("\n")):
        if k:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        label, sep, rest = line.partition("：")
        if bold_label and sep and 0 < len(label) <= 10:
            paragraph.add_run(label + sep).bold = True
            line = rest
        for i in range(0, len(line), step):
            paragraph.add_run(line[i:i + step])
    return paragraph


def para(container, text="", style=None, align=None, bold_label=True, bold=False):
    p = container.add_paragraph(style=style) if style else container.add_paragraph()
    if bold:
        p.add_run(text).bold = True
    else:
        add_runs(p, text, bold_label)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return p


def set_cell(cell, value, bold=False):
    """Fill CELL; paragraphs are separated by '\\n\\n', soft breaks by '\\n'."""
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    first = cell.paragraphs[0]
    for r in list(first.runs):
        r._r.getparent().remove(r._r)
    for k, chunk in enumerate(value.split("\n\n") if value else [""]):
        p = first if k == 0 else cell.add_paragraph()
        if bold:
            p.add_run(chunk).bold = True
        else:
            add_runs(p, chunk, bold_label=False, step=6)


def table(container, rows, header_bold=False, style="Table Grid"):
    ncols = max(len(r) for r in rows)
    t = container.add_table(rows=len(rows), cols=ncols)
    if style:
        t.style = style
    for r, row in enumerate(rows):
        for c in range(ncols):
            set_cell(t.cell(r, c), row[c] if c < len(row) else "", bold=header_bold and r == 0)
    return t


def merge(t, r1, c1, r2, c2, value, bold=False):
    cell = t.cell(r1, c1).merge(t.cell(r2, c2))
    set_cell(cell, value, bold=bold)
    return cell


# ---------------------------------------------------------------- raw WordprocessingML

def header_text(doc, text, align="right"):
    p = doc.sections[0].header.paragraphs[0]
    add_runs(p, text, bold_label=False)
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if align == "right" else WD_ALIGN_PARAGRAPH.CENTER


def footer_page_field(doc, before="— ", after=" —", extra=None):
    """A centred footer whose page number is a PAGE field with a cached result."""
    footer = doc.sections[0].footer
    if extra:
        add_runs(footer.paragraphs[0], extra, bold_label=False)
        p = footer.add_paragraph()
    else:
        p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p._p.append(parse_xml(
        f'<w:r {_decl("w")}><w:t xml:space="preserve">{before}</w:t></w:r>'))
    for xml in ('<w:fldChar w:fldCharType="begin"/>',
                '<w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText>',
                '<w:fldChar w:fldCharType="separate"/>', '<w:t>1</w:t>',
                '<w:fldChar w:fldCharType="end"/>'):
        p._p.append(parse_xml(f'<w:r {_decl("w")}>{xml}</w:r>'))
    p._p.append(parse_xml(
        f'<w:r {_decl("w")}><w:t xml:space="preserve">{after}</w:t></w:r>'))


def move_into_text_box(doc, elements, box_id, height_emu=7200000):
    """Move body ELEMENTS (paragraphs/tables) into one text box, as WPS saves a form.

    The box's content is written twice, once in the DrawingML shape (mc:Choice) and once
    in the VML fallback (mc:Fallback), which is how Word and WPS store it.
    """
    inner = "".join(etree.tostring(e, encoding="unicode") for e in elements)
    body = elements[0].getparent()
    anchor = doc.add_paragraph()
    body.remove(anchor._p)
    elements[0].addprevious(anchor._p)
    for e in elements:
        body.remove(e)
    xml = f"""<w:r {_decl("w", "mc", "wp", "a", "wps", "v")}>
  <mc:AlternateContent>
    <mc:Choice Requires="wps">
      <w:drawing>
        <wp:inline distT="0" distB="0" distL="0" distR="0">
          <wp:extent cx="5580000" cy="{height_emu}"/>
          <wp:effectExtent l="0" t="0" r="0" b="0"/>
          <wp:docPr id="{box_id}" name="文本框 {box_id}"/>
          <wp:cNvGraphicFramePr/>
          <a:graphic>
            <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
              <wps:wsp>
                <wps:cNvSpPr txBox="1"/>
                <wps:spPr>
                  <a:xfrm><a:off x="0" y="0"/><a:ext cx="5580000" cy="{height_emu}"/></a:xfrm>
                  <a:prstGeom prst="rect"><a:avLst/></a:prstGeom>
                  <a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln>
                </wps:spPr>
                <wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx>
                <wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t"><a:noAutofit/></wps:bodyPr>
              </wps:wsp>
            </a:graphicData>
          </a:graphic>
        </wp:inline>
      </w:drawing>
    </mc:Choice>
    <mc:Fallback>
      <w:pict>
        <v:shape id="文本框 {box_id}" o:spid="_x0000_s10{box_id}" type="#_x0000_t202" style="width:439pt;height:{height_emu // 12700}pt" strokeweight=".5pt" xmlns:o="urn:schemas-microsoft-com:office:office">
          <v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox>
        </v:shape>
      </w:pict>
    </mc:Fallback>
  </mc:AlternateContent>
</w:r>"""
    anchor._p.append(parse_xml(xml))
    return anchor


def hyperlink(paragraph, text, url):
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    paragraph._p.append(parse_xml(
        f'<w:hyperlink {_decl("w", "r")} r:id="{r_id}"><w:r><w:rPr><w:color w:val="0563C1"/>'
        f'<w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{_esc(text)}</w:t></w:r></w:hyperlink>'))


def hyperlink_field(paragraph, text, url):
    """A HYPERLINK field: the code names the URL, the cached result is the visible text."""
    for xml in ('<w:fldChar w:fldCharType="begin"/>',
                f'<w:instrText xml:space="preserve"> HYPERLINK "{url}" </w:instrText>',
                '<w:fldChar w:fldCharType="separate"/>',
                f'<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{_esc(text)}</w:t>',
                '<w:fldChar w:fldCharType="end"/>'):
        paragraph._p.append(parse_xml(f'<w:r {_decl("w")}>{xml}</w:r>'))


def checkbox(paragraph, checked, sdt_id):
    """An inline check-box content control (w14:checkbox) showing ☒ or ☐."""
    paragraph._p.append(parse_xml(
        f'<w:sdt {_decl("w", "w14")}><w:sdtPr><w:id w:val="{sdt_id}"/><w14:checkbox>'
        f'<w14:checked w14:val="{1 if checked else 0}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
        f'<w:sdtContent><w:r><w:t>{"☒" if checked else "☐"}</w:t></w:r></w:sdtContent></w:sdt>'))


def wrap_in_block_control(paragraphs, alias, sdt_id):
    """Wrap body PARAGRAPHS in one block-level rich-text content control."""
    first = paragraphs[0]._p
    sdt = parse_xml(
        f'<w:sdt {_decl("w")}><w:sdtPr><w:alias w:val="{alias}"/><w:tag w:val="{alias}"/>'
        f'<w:id w:val="{sdt_id}"/></w:sdtPr><w:sdtContent/></w:sdt>')
    first.addprevious(sdt)
    content = sdt.find(qn("w:sdtContent"))
    for p in paragraphs:
        content.append(p._p)


def _rev(kind, change_id, author, when, text):
    tag = "w:delText" if kind == "del" else "w:t"
    return (f'<w:{kind} {_decl("w")} w:id="{change_id}" w:author="{author}" w:date="{when}">'
            f'<w:r><{tag} xml:space="preserve">{_esc(text)}</{tag}></w:r></w:{kind}>')


def tracked(paragraph, parts, author, when, first_id):
    """Append PARTS to PARAGRAPH: plain strings, ('ins', text) or ('del', text)."""
    change_id = first_id
    for part in parts:
        if isinstance(part, str):
            add_runs(paragraph, part, bold_label=False)
        else:
            paragraph._p.append(parse_xml(_rev(part[0], change_id, author, when, part[1])))
            change_id += 1
    return change_id


def deleted_paragraph(paragraph, text, author, when, change_id):
    """Turn PARAGRAPH into a tracked deletion: its text and its paragraph mark."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:rPr {_decl("w")}><w:del w:id="{change_id}" w:author="{author}" w:date="{when}"/></w:rPr>'))
    paragraph._p.append(parse_xml(_rev("del", change_id + 1, author, when, text)))


def inserted_paragraph(paragraph, text, author, when, change_id):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:rPr {_decl("w")}><w:ins w:id="{change_id}" w:author="{author}" w:date="{when}"/></w:rPr>'))
    paragraph._p.append(parse_xml(_rev("ins", change_id + 1, author, when, text)))


# ---------------------------------------------------------------- the notes

def n13_tw_school_admin():
    """Taiwan school administrative meeting: ROC dates, 2 pairs per row, merged 提案 cells."""
    doc = new_doc("許雅筑", font="新細明體")
    para(doc, "臺北市立明德高級中學", align="center", bold=True)
    para(doc, "113學年度第1學期第2次行政會議紀錄", style="Title", align="center")
    t = table(doc, [
        ["時間", "中華民國113年9月11日（星期三）上午10時", "地點", "行政大樓3樓第一會議室"],
        ["主席", "鍾明達校長", "紀錄", "許雅筑"],
        ["出席人員", "", "", ""],
        ["請假人員", "", "", ""],
    ])
    merge(t, 2, 1, 2, 3, "教務處 江秀琴主任、學務處 賴俊宏主任、總務處 溫建志主任、輔導室 詹淑惠主任、人事室 游佩君主任")
    merge(t, 3, 1, 3, 3, "會計室 簡文彬主任（公假）")
    para(doc, "壹、主席致詞：（略）")
    para(doc, "貳、上次會議決議執行情形：詳如附件一，均已執行完畢。")
    para(doc, "參、業務報告")
    para(doc, "一、教務處：第一次段考訂於10月15日至16日舉行，各科命題進度請依教學研究會決議辦理。")
    para(doc, "二、總務處：南棟廁所整修工程已於8月30日完工驗收。校園監視系統老舊，已完成汰換規劃。")
    para(doc, "三、學務處：上週颱風停課通報因各處室聯繫窗口不一，部分班級家長未即時收到通知。")
    para(doc, "肆、提案討論")
    t = table(doc, [
        ["提案一", "案由", "本校113學年度校慶運動會辦理日期案。"],
        ["", "說明", "校慶運動會原訂11月9日舉行，因與全國中等學校運動會賽程衝突，擬予調整。"],
        ["", "決議", "照案通過，校慶運動會改於11月16日（星期六）舉行，11月18日（星期一）補假一日。"],
        ["提案二", "案由", "圖書館延長開放時間案。"],
        ["", "說明", "高三學生反映晚自習座位不足，圖書館閱覽室目前僅開放至下午5時。"],
        ["", "決議", "修正通過，週一至週五延長開放至晚上9時，由學務處安排志工協助值班。"],
    ])
    merge(t, 0, 0, 2, 0, "提案一", bold=True)
    merge(t, 3, 0, 5, 0, "提案二", bold=True)
    para(doc, "伍、臨時動議：無。")
    para(doc, "陸、主席指示（交辦事項）")
    table(doc, [
        ["辦理單位", "交辦事項", "完成期限"],
        ["總務處", "完成校園監視系統汰換採購招標", "113年10月31日"],
        ["學務處", "擬定颱風停課通報流程並公告週知", "113年9月20日"],
        ["教務處（江秀琴主任）", "彙整各科第一次段考命題進度", "9月27日"],
        ["輔導室", "辦理新生適應輔導講座", "10月中旬"],
        ["人事室", "更新教職員差勤系統權限設定", "下週五"],
    ], header_bold=True)
    para(doc, "柒、散會：上午11時40分。")
    return doc


def n14_gov_old_housing():
    """District government 纪要: 文号 in the page header, masthead in a text box, PAGE footer."""
    doc = new_doc("区政府办公室", font="仿宋")
    header_text(doc, "宁政阅〔2024〕15号")
    box = para(doc, "宁川区人民政府办公室", align="center", bold=True)
    box2 = para(doc, "会 议 纪 要", align="center", bold=True)
    move_into_text_box(doc, [box._p, box2._p], 1, height_emu=1100000)
    para(doc, "第15期", align="center")
    para(doc, "宁川区人民政府办公室　　　　　　　　2024年4月3日", bold_label=False)
    para(doc, "关于推进老旧小区改造工作的专题会议纪要", style="Title", align="center")
    para(doc, "　　2024年3月28日上午，副区长公孙怡在区政府2号楼306会议室主持召开专题会议，研究推进2024年老旧小区改造工作。"
              "区住建局、区财政局、区城管局、区发改局及各街道办事处分管负责人参加会议。现将会议议定事项纪要如下：")
    para(doc, "　　一、同意区住建局提出的2024年老旧小区改造实施方案，改造范围为建成于2000年以前的23个小区，涉及居民6812户。")
    para(doc, "　　二、改造资金按中央补助、区级配套、居民自筹三部分筹措，区级配套比例不低于30%。")
    para(doc, "　　三、会议要求")
    para(doc, "　　（一）区住建局牵头，区财政局配合，4月15日前完成2024年改造项目清单的核定并报区政府。")
    para(doc, "　　（二）区城管局牵头（联系人：伍建新），5月底前完成改造小区内违章搭建的摸底和拆除计划。")
    para(doc, "　　（三）区财政局（栾晓梅）于4月30日前提出中央补助资金拨付方案。")
    para(doc, "　　（四）区发改局负责专项债券项目申报，6月底前完成。")
    para(doc, "　　（五）有关部门要做好居民意见征询工作，适时召开居民议事会。")
    para(doc, "")
    para(doc, "出席：公孙怡　区住建局 霍刚　区财政局 栾晓梅　区城管局 伍建新　区发改局 雷鸣")
    para(doc, "列席：区政府办公室 卜文")
    para(doc, "分送：区委办公室，区人大常委会办公室，区政协办公室，各街道办事处。")
    para(doc, "抄送：市住房和城乡建设委员会。")
    footer_page_field(doc, extra="宁川区人民政府办公室　　　　2024年4月3日印发")
    return doc


def n17_hospital_online_clinic():
    """Hospital minutes: label-left info table, action table 事项/对接人/节点/备注 with ★."""
    doc = new_doc("院办")
    para(doc, "互联网医院上线推进协调会会议纪要", style="Title", align="center")
    table(doc, [
        ["会议时间", "2025年3月25日（星期二）15:00-16:30"],
        ["会议地点", "门诊楼5楼会议室"],
        ["主持人", "邝文涛（分管副院长）"],
        ["记录人", "巩莉（院办）"],
        ["参会人员", "医务科 欧阳倩；信息科 项东；药学部 仇敏；门诊部 权慧；财务科 应佳；院办 巩莉"],
    ])
    para(doc, "一、进展情况", style="Heading 2")
    para(doc, "医务科报告：互联网医院执业许可申请材料已报卫健委，诊疗科目备案材料尚缺两个科室的医师资质扫描件。"
              "信息科报告：患者端小程序已完成内测，电子处方流转模块待与药房系统联调。")
    para(doc, "二、会议决定", style="Heading 2")
    para(doc, "互联网医院于4月15日试运行，首批开放内分泌科、皮肤科、心理科复诊。")
    para(doc, "理由：三个科室复诊患者占比高，线上诊疗风险可控。")
    para(doc, "三、工作分工", style="Heading 2")
    table(doc, [
        ["事项", "对接人", "节点", "备注"],
        ["完成互联网医院诊疗科目备案材料", "医务科 欧阳倩", "4 月 7 日", "★"],
        ["电子处方流转与药房系统联调", "信息科 项东、药学部 仇敏", "清明节前", ""],
        ["线上问诊医生排班表", "门诊部（联系人：权慧）", "3月28日", ""],
        ["患者端隐私协议审核", "院办", "待定", "需外部法律顾问参与"],
        ["医保线上结算接口申请", "财务科 应佳", "尽快", "医保局窗口受理"],
    ], header_bold=True)
    para(doc, "注：标★者为紧急事项。")
    return doc


def n20_supplier_review_no_header():
    """Minutes whose task table has no header row at all (columns typed by content)."""
    doc = new_doc("晁阳")
    para(doc, "采购部2023年度供应商评审会", style="Title", align="center")
    para(doc, "时间：2023年12月5日 14:00　　地点：采购部会议室")
    para(doc, "主持：邴天　　记录：晁阳")
    para(doc, "参会：采购部 邴天、鲁婧、晁阳；财务部 闵红；信息部 荀亮")
    para(doc, "会议听取了鲁婧关于2023年度供应商绩效评价情况的汇报：在册供应商64家，A类21家、B类37家、C类6家。")
    para(doc, "会议确定：")
    para(doc, "1. 2024年起A类供应商年度评审结果与框架协议份额挂钩，评审不合格者份额下调20%。")
    para(doc, "2. 恒越五金、嘉利包装两家C类供应商暂停新增订单，整改验收通过后恢复。")
    para(doc, "依据：两家全年来料批次合格率分别为91.2%和89.7%，低于95%的准入线。")
    table(doc, [
        ["1", "完成A类供应商年度评审报告", "鲁婧", "12月15日", "高"],
        ["2", "更新合格供应商名录并在OA发布", "晁阳", "12月20日", "中"],
        ["3", "向两家C类供应商发出书面整改通知", "鲁婧", "12月8日", "高"],
        ["4", "2024年框架协议续签谈判", "邴天", "1月12日", "中"],
        ["5", "供应商门户账号权限清理", "信息部", "月底", "低"],
    ])
    para(doc, "（以上事项完成后请在OA任务中心销号。）")
    return doc


def n27_form1_onboarding():
    """Form 1 in Word: label cells left, merged value cells, a vertically merged block label."""
    doc = new_doc("卓文")
    para(doc, "跨部门协作沟通记录及任务跟进表", style="Title", align="center")
    para(doc, "一、项目/任务基本信息", style="Heading 2")
    t = table(doc, [
        ["项目/任务名称", "", "", ""],
        ["协作部门", "", "", ""],
        ["发起人/负责人", "芮琳（人力资源部）", "起止时间", "2025-07-01至2025-09-30"],
        ["核心目标", "", "", ""],
    ])
    merge(t, 0, 1, 0, 3, "新员工入职一站式办理优化")
    merge(t, 1, 1, 1, 3, "人力资源部、行政部、IT部、财务部")
    merge(t, 3, 1, 3, 3, "新员工入职当天完成邮箱与OA账号、工位电脑、工资卡全部办理")
    para(doc, "二、沟通记录区", style="Heading 2")
    t = table(doc, [
        ["第3次沟通", "沟通时间", "2025-08-0615:30"],
        ["", "参与部门/人员", "人力资源部：芮琳、卓文；行政部：伏媛；IT部：危思成；财务部：查理"],
        ["", "沟通议题", "入职当天账号开通延迟；工资卡办理"],
        ["", "核心内容（摘要）", "7月入职的23人中有9人入职当天未拿到邮箱和OA账号，原因是IT部收到入职名单晚于入职日；"
                            "工资卡需新员工本人到银行网点办理，平均耗时半天。"],
        ["", "决议事项", "①入职名单由人力资源部提前3个工作日推送IT部、行政部。\n\n②工资卡改为入职前线上预约办理。"
                     "\n\n③工位与电脑由行政部在入职前一天准备完毕。"],
        ["", "下一步行动（任务描述/负责人/时限）",
         "任务：在HR系统中配置入职名单自动推送；负责人：卓文；时限：8月15日\n\n"
         "任务：与开户行确认线上预约办卡流程；负责人：查理；时限：8月13日前\n\n"
         "任务：编制入职前一天工位准备清单；负责人：伏媛；时限：下周三"],
    ])
    merge(t, 0, 0, 5, 0, "第3次沟通", bold=True)
    para(doc, "三、任务跟进区", style="Heading 2")
    table(doc, [
        ["任务名称", "任务描述", "负责人（部门/姓名）", "计划开始时间", "计划结束时间", "实际完成时间", "当前状态",
         "完成情况描述", "备注（问题/解决方案）"],
        ["入职流程现状调研", "访谈近3个月入职员工并发放问卷", "人力资源部/卓文", "2025-07-01", "2025-07-15",
         "2025-07-14", "已完成", "回收问卷41份", ""],
        ["账号开通时限承诺", "明确IT账号开通不超过1个工作日", "IT部/危思成", "2025-07-20", "2025-07-31",
         "2025-08-05", "已完成", "延期5天完成", "需部门经理会签"],
        ["新版入职指引", "编写新版入职指引（含IT自助开通说明）", "人力资源部/芮琳", "2025-08-07", "2025-08-29",
         "", "未开始", "", "需IT部提供系统截图"],
    ], header_bold=True)
    para(doc, "四、问题与反馈区", style="Heading 2")
    table(doc, [
        ["反馈时间", "反馈人", "问题描述", "处理进展", "解决方案", "处理人", "预计解决时间", "实际解决时间"],
        ["2025-07-22", "伏媛", "新员工工位分配信息未同步到门禁系统", "已解决", "门禁系统接入HR名单", "危思成",
         "2025-07-25", "2025-07-24"],
    ], header_bold=True)
    return doc


def n29_form2_contract_approval():
    """Form 2 in Word: two label/value pairs per row, ☑ boxes, unfilled signature cells."""
    doc = new_doc("聂梓萱")
    para(doc, "跨部门协作沟通与问题反馈表", style="Title", align="center")
    para(doc, "基本信息", style="Heading 2")
    t = table(doc, [
        ["发起部门", "法务合规部", "发起人", "聂梓萱"],
        ["内部通讯号", "3307", "发起日期", "2024年11月25日"],
        ["紧急程度", "", "", ""],
    ])
    merge(t, 2, 1, 2, 3, "☐普通　☑紧急　☐特急")
    para(doc, "协作/问题描述", style="Heading 2")
    t = table(doc, [
        ["问题类型", "", "", ""],
        ["详细描述", "", "", ""],
        ["涉及部门", "销售部、IT部、法务合规部", "关联项目/事项名称", "合同全生命周期管理"],
        ["期望完成时间", "", "", ""],
    ])
    merge(t, 0, 1, 0, 3, "☐协作需求　☑流程卡点　☐资源申请　☐故障投诉　☐其他")
    merge(t, 1, 1, 1, 3, "背景：合同审批流中法务会签节点平均停留4.6个工作日。\n\n"
                         "现状：11月有3份销售合同因审批超时错过客户签约窗口。\n\n"
                         "期望：标准合同的法务会签时限压缩到2个工作日以内。")
    merge(t, 3, 1, 3, 3, "2024 年 12 月 20 日 18 时")
    para(doc, "沟通记录", style="Heading 2")
    table(doc, [
        ["时间", "参与部门/人", "内容"],
        ["2024-11-26 10:00", "法务合规部 聂梓萱、冀辰；销售部 阚志远；IT部 丁一",
         "确认超时主要原因是合同模板不统一，法务需逐条审阅；IT部可在审批流中为标准模板开设快速通道。"],
    ], header_bold=True)
    para(doc, "处理结果", style="Heading 2")
    table(doc, [
        ["解决方案/协作内容", "完成时间", "责任人"],
        ["梳理销售合同标准模板，明确可走快速通道的条款范围", "2024-12-06", "冀辰"],
        ["审批流增加“标准模板”快速通道，会签时限设为2个工作日", "12月13日", "IT部 丁一"],
        ["组织销售部合同模板使用培训", "12月18日前", "阚志远"],
        ["超时合同的客户补偿方案", "3个工作日内", "销售部"],
    ], header_bold=True)
    t = table(doc, [
        ["发起人满意度（1-5分）", "", "备注", ""],
        ["发起部门负责人签字", "", "日期", "____年__月__日"],
        ["接收部门负责人签字", "", "日期", "____年__月__日"],
    ])
    return doc


def n31_form3_training_budget():
    """Form 3 in Word: header labels across the top row, values below; agendas as columns."""
    doc = new_doc("解语")
    para(doc, "会议纪要", style="Title", align="center")
    t = table(doc, [
        ["会议主题", "时间", "地点/线上", "参会部门及人员"],
        ["2025年度培训预算评审会", "2024年12月18日 14:00", "行政楼301",
         "人力资源部：冯程、解语\n\n财务部：谷雨\n\n各事业部培训接口人（线上）"],
        ["主持人", "冯程", "记录人", "解语"],
    ])
    for c in range(4):
        set_cell(t.cell(0, c), ["会议主题", "时间", "地点/线上", "参会部门及人员"][c], bold=True)
    table(doc, [
        ["", "议程1：管理培训预算", "议程2：技能认证补贴"],
        ["结论", "2025年管理培训预算核定为86万元，较2024年压减12%。",
         "技能认证补贴标准维持不变，新增3项数字化技能认证纳入补贴目录。"],
        ["依据", "2024年管理培训人均满意度4.1分，但课后行为转化评估只覆盖了35%的学员。",
         "2024年数字化岗位招聘中有41%的岗位要求相关认证。"],
        ["待办", "5个工作日内完成管理培训供应商续签评估，由人力资源部冯程负责，抄送财务部。",
         "谷雨测算新增认证补贴对预算的影响，下周五前。"],
    ], header_bold=True)
    table(doc, [
        ["行动项（责任人/截止日期）"],
        ["1. 人力资源部提交2025年培训计划终稿（解语/12月27日）"],
        ["2. 财务部将培训预算录入预算系统（谷雨/2025年1月6日）"],
        ["3. 各事业部报送2025年内训师名单（待定/1月中旬）"],
    ], header_bold=True)
    para(doc, "分发：参会人员　　抄送：分管副总裁")
    return doc


def n33_form4_request_and_review():
    """Form 4 with instruction text and an unfilled template row, then the review minutes."""
    doc = new_doc("沙小鸥")
    para(doc, "协作需求提报表", style="Title", align="center")
    table(doc, [
        ["项目/任务名称", "门店会员小程序积分商城接入"],
        ["发起部门", "会员运营部"],
        ["协作部门", "信息中心、财务部"],
        ["协作部门（二）", "XX部门（接口人：XXX）"],
        ["发起部门接口人", "萧然"],
        ["联系方式", "分机5520"],
        ["目标描述", "（填写说明：写明背景、现状和期望）\n\n门店会员可在小程序中用积分兑换商品，盘活沉睡积分。"],
        ["关键成果（KPI）", "上线后3个月积分兑换率由9%提升到20%"],
        ["时间节点", "11月1-12月20"],
        ["所需资源（人力/预算/设备）", "人力：信息中心前端1人、后端1人；预算：首批兑换商品采购8万元；设备：无"],
        ["紧急程度", "☑普通　☐紧急　☐特急"],
        ["提报日期", "2025年10月20日"],
        ["备注", "填写说明：时间节点须写到具体日期，不要填写“尽快”“近期”；协作部门不止一个时逐行填写。"],
    ])
    para(doc, "")
    para(doc, "积分商城接入需求评审会纪要", style="Heading 1")
    table(doc, [
        ["会议时间", "2025年10月22日 10:00"],
        ["会议地点", "信息中心会议室"],
        ["主持人", "萧然"],
        ["记录人", "沙小鸥"],
        ["参会人员", "会员运营部 萧然、沙小鸥；信息中心 訾鹏、麦琪；财务部 阙红"],
    ])
    para(doc, "会议决议：")
    para(doc, "1. 积分商城一期只接入实物商品兑换，虚拟券放到二期。")
    para(doc, "依据：虚拟券涉及第三方结算，财务对账方案尚未确定。")
    para(doc, "2. 积分兑换比例定为100积分抵1元。")
    para(doc, "行动项：")
    table(doc, [
        ["序号", "行动", "负责人", "截止", "优先级"],
        ["1", "输出积分商城需求文档", "沙小鸥", "10月27日", "高"],
        ["2", "评估积分商城开发工作量并给出排期", "訾鹏", "10/29", "中"],
        ["3", "制定积分兑换的财务核算方案", "阙红", "11月7日前", ""],
        ["4", "首批兑换商品选品", "会员运营部", "11月上旬", "低"],
        ["5", "小程序接口联调环境准备", "麦琪（訾鹏协助）", "11月3日", "中"],
    ], header_bold=True)
    return doc


def n34_form5_tracker_warehouse():
    """Form 5 tracker: 责任部门 cells merged down rows; only 解决方案 next steps are new work."""
    doc = new_doc("佘然")
    para(doc, "华南新仓启用项目进度跟踪表（第6周）", style="Title", align="center")
    para(doc, "周例会：2024年6月4日（周二）9:30，新仓项目办公室。主持：司徒静；记录：佘然。")
    para(doc, "参会：项目办 司徒静；行政部 佘然；工程部 邝宇；信息部 卜凡；运营部 庄晓彤；人力资源部 屠明")
    head = ["任务名称", "责任部门", "责任人", "计划完成时间", "实际进度", "是否滞后", "风险描述", "解决方案", "更新时间"]
    rows = [
        ["货架安装验收", "工程部", "邝宇", "2024-06-07", "80%", "否", "无", "按计划推进", "6/4"],
        ["消防喷淋联动测试", "", "邝宇", "2024-06-05", "50%", "是", "联动模块到货延迟",
         "邝宇6月6日前协调厂家提前发货并完成联动测试", "6/4"],
        ["WMS系统上线", "信息部", "卜凡", "2024-06-14", "60%", "否", "与TMS接口尚未联调", "按计划推进", "6/4"],
        ["WMS库位编码导入", "", "卜凡", "2024-06-10", "30%", "是", "库位数据与图纸不一致",
         "庄晓彤本周五前提供最终版库位图纸，卜凡协助核对", "6/4"],
        ["叉车及操作员到位", "运营部", "庄晓彤", "2024-06-12", "100%", "否", "无", "已完成", "6/3"],
        ["拣货员招聘（40人）", "人力资源部", "屠明", "2024-06-15", "55%", "是", "本地招聘进度慢",
         "启动劳务派遣补充，人力资源部6月11日前补足20人", "6/4"],
        ["开仓仪式筹备", "行政部", "佘然", "2024-06-18", "10%", "是", "场地布置供应商未定",
         "原任务顺延至6月21日，责任人不变", "6/4"],
    ]
    t = table(doc, [head] + rows, header_bold=True)
    merge(t, 1, 1, 2, 1, "工程部")
    merge(t, 3, 1, 4, 1, "信息部")
    para(doc, "会议确定：开仓日期维持6月24日不变。依据：除招聘外其余关键节点均可在6月20日前完成。")
    para(doc, "需支持事项：WMS与TMS接口联调需总部信息中心派人支援，由司徒静6月5日前向总部发函申请。")
    para(doc, "风险升级：无。")
    return doc


def _feedback_form(doc, number, dept, person, phone, urgency, problem, desc, depts, record, results):
    para(doc, f"跨部门协作沟通与问题反馈表（{number}）", style="Heading 1", align="center")
    t = table(doc, [
        ["发起部门", dept, "发起人", person],
        ["内部通讯号", phone, "发起日期", "2025年1月7日"],
        ["紧急程度", urgency, "问题类型", problem],
        ["详细描述", "", "", ""],
        ["涉及部门", "", "", ""],
    ])
    merge(t, 3, 1, 3, 3, desc)
    merge(t, 4, 1, 4, 3, depts)
    table(doc, [["时间", "参与部门/人", "内容"], record], header_bold=True)
    table(doc, [["解决方案/协作内容", "完成时间", "责任人"]] + results, header_bold=True)
    table(doc, [["发起人满意度", "", "签字确认", "____年__月__日"]])


def n36_two_feedback_forms():
    """Two filled feedback forms in one file, one ☑特急 and one ☑普通, handled at one meeting."""
    doc = new_doc("鲍一凡")
    para(doc, "IT运维问题协调会处理记录", style="Title", align="center")
    para(doc, "2025年1月8日（周三）14:00在运维中心会议室召开问题协调会，主持：鲍一凡（IT运维部），"
              "参加：易航（客服部）、尚文（财务部）、鄢斌（IT运维部）。会上处理了以下两张反馈表。")
    _feedback_form(
        doc, "一", "客服部", "易航", "6120", "☐普通 ☐紧急 ☑特急", "☑故障投诉",
        "背景：1月7日晚客服系统发布新版本。\n\n现状：1月8日上午起在线客服会话频繁丢失，已有37位客户重复进线投诉。\n\n"
        "期望：当天恢复会话稳定，丢失的会话记录可追回。",
        "IT运维部、客服部",
        ["2025-01-08 14:00", "客服部 易航；IT运维部 鄢斌、鲍一凡", "确认为新版本会话保持配置错误，处理安排见下表。"],
        [["回滚客服系统1月7日发布的版本", "1月8日18:00前", "IT运维部 鄢斌"],
         ["恢复丢失的会话记录并回访受影响客户", "1月9日", "客服部 易航"]])
    doc.add_page_break()
    _feedback_form(
        doc, "二", "财务部", "尚文", "6305", "☑普通 ☐紧急 ☐特急", "☑流程卡点",
        "背景：报销系统在提交时自动查验发票真伪。\n\n现状：12月以来查验失败率约18%，员工需线下补交发票原件。\n\n"
        "期望：查验失败率降到2%以下。",
        "IT运维部、财务部",
        ["2025-01-08 14:40", "财务部 尚文；IT运维部 鄢斌", "失败多为查验接口超时，需更换服务商接口。"],
        [["更换发票查验服务接口", "1月17日", "IT运维部 鄢斌"],
         ["整理查验失败发票清单供人工复核", "1月10日", "财务部 尚文"],
         ["报销系统操作指引更新", "待定", "财务部"]])
    return doc


def n37_wps_text_box_form():
    """A WPS-style file: the whole minutes form sits in one text box, stored twice."""
    doc = new_doc("钭晓")
    start = len(doc.element.body) - 1   # the sectPr stays last
    para(doc, "行政综合部周例会纪要", align="center", bold=True)
    t = table(doc, [
        ["会议时间", "2023年6月13日 9:00", "会议地点", "行政楼208"],
        ["主持人", "仇思远", "记录人", "钭晓"],
        ["参会人员", "", "", ""],
    ])
    merge(t, 2, 1, 2, 3, "仇思远、钭晓、宓娜、訾凯、韶华")
    para(doc, "一、会议结论")
    para(doc, "1. 端午节福利采用粽子礼盒加超市卡的组合，人均标准200元。")
    para(doc, "依据：上半年员工福利调研中，63%的员工首选购物卡。")
    para(doc, "二、待办事项")
    para(doc, "1. 福利礼盒供应商比价并下单（宓娜，6月16日前）")
    para(doc, "2. 端午节假期值班安排表（訾凯，6月20日）")
    para(doc, "3. 会议室预订系统故障报修（韶华，今天下班前）")
    para(doc, "4. 消防器材季度检查（訾凯）——尽快")
    body = doc.element.body
    elements = [e for e in list(body)[start:] if e.tag != qn("w:sectPr")]
    move_into_text_box(doc, elements, 1)
    return doc


def n44_office_safety_month():
    """An enterprise Word file as offices keep it: 文号 header, merged info table, tracked
    changes (a changed date, an inserted item, a deleted item), a comment and a PAGE footer."""
    doc = new_doc("鲜于婷", font="仿宋")
    header_text(doc, "华源能源〔2024〕办纪字第9号")
    para(doc, "关于2024年安全生产月活动安排的办公会议纪要", style="Title", align="center")
    t = table(doc, [
        ["会议名称", "", "", ""],
        ["时间", "2024年5月27日 15:00", "地点", "公司本部3楼会议室"],
        ["主持", "总经理 芮国栋", "记录", "综合办公室 鲜于婷"],
        ["出席", "", "", ""],
    ])
    merge(t, 0, 1, 0, 3, "2024年安全生产月活动部署办公会")
    merge(t, 3, 1, 3, 3, "芮国栋、滕飞（安全环保部）、秦川（生产技术部）、燕妮（综合办公室）、鲜于婷（综合办公室）")
    para(doc, "一、议定事项", style="Heading 2")
    para(doc, "（一）安全生产月活动主题定为“人人讲安全、个个会应急”。")
    who, when = "鲜于婷", "2024-05-28T09:10:00Z"
    p = para(doc, "")
    change = tracked(p, ["（二）", ("del", "6月7日"), ("ins", "6月14日"),
                         "组织全公司消防应急疏散演练，全体员工参加。"], who, when, 101)
    run = p.add_run("")
    doc.add_comment(run, text="建议演练前请燕妮尽快确认各楼层疏散引导员名单。", author="芮国栋", initials="芮")
    para(doc, "二、工作安排", style="Heading 2")
    para(doc, "1. 安全环保部滕飞负责编制安全生产月活动方案，5月31日前印发。")
    para(doc, "2. 综合办公室燕妮负责疏散演练的场地与人员组织，6月12日前完成。")
    inserted_paragraph(doc.add_paragraph(),
                       "3. 生产技术部秦川组织开展一次全面隐患排查，6月20日前形成排查报告。", who, when, change)
    deleted_paragraph(doc.add_paragraph(),
                      "4. 综合办公室采购安全宣传展板，6月3日前到位。", who, when, change + 2)
    para(doc, "4. 各部门要组织员工参加安全知识线上答题，答题率不低于95%，6月30日前完成。")
    footer_page_field(doc)
    return doc


def n45_lab_nested_table():
    """A layout table whose right cell nests the task table; a soft-break info paragraph,
    a hyperlink element and a HYPERLINK field, check-box content controls, a decision in a
    block content control, and tab-separated task lines."""
    doc = new_doc("闾丘澄")
    para(doc, "计算机视觉课题组第14次组会", style="Title", align="center")
    layout = doc.add_table(rows=1, cols=2)
    left, right = layout.cell(0, 0), layout.cell(0, 1)
    set_cell(left, "")
    add_runs(left.paragraphs[0], "时间：2024年11月20日（周三）19:00\n地点：实验楼B305\n主持：卫宁老师\n"
                                 "记录：闾丘澄\n参会：卫宁、闾丘澄、戈雅、皇甫军、Tony Lu、覃小满")
    set_cell(right, "本周任务")
    table(right, [
        ["同学", "本周任务", "截止"],
        ["戈雅", "补完消融实验（去掉注意力模块的对照组）", "11月27日"],
        ["皇甫军", "整理CVPR投稿的相关工作部分", "下周一"],
        ["Tony Lu", "复现baseline并提交到组内代码库", "11/25"],
    ], header_bold=True)
    p = para(doc, "组内代码库：")
    hyperlink(p, "git.cvlab.example.edu.cn/group/baseline", "https://git.cvlab.example.edu.cn/group/baseline")
    p = para(doc, "")
    add_runs(p, "结论", bold_label=False)
    decision = [para(doc, "CVPR投稿定为主攻方向，ECCV作为备选。"),
                para(doc, "依据：消融实验初步结果在两个数据集上均提升1.5个点以上。")]
    wrap_in_block_control(decision, "会议结论", 3001)
    para(doc, "其他安排：", bold_label=False)
    para(doc, "覃小满\t预约学院GPU集群下月机时\t本周五", bold_label=False)
    p = para(doc, "闾丘澄\t更新组会纪要归档页（", bold_label=False)
    hyperlink_field(p, "组会纪要归档", "https://wiki.cvlab.example.edu.cn/meetings")
    add_runs(p, "）\t月底", bold_label=False)
    p = para(doc, "下次组会是否邀请外部报告：", bold_label=False)
    checkbox(p, False, 4001)
    add_runs(p, "是　", bold_label=False)
    checkbox(p, True, 4002)
    add_runs(p, "否", bold_label=False)
    return doc


def n61_college_joint_meeting_numbered():
    """College 党政联席会议: Heading styles, Word's own list numbering (no typed numbers), and a task
    table whose 责任人 cell is merged down two rows."""
    doc = new_doc("学院办公室", font="仿宋")
    para(doc, "机电工程学院2025年第8次党政联席会议纪要", style="Title", align="center")
    para(doc, "时间：2025年11月12日（星期三）14:30")
    para(doc, "地点：学院楼A302")
    para(doc, "主持：院长 薛振国")
    para(doc, "出席：薛振国、党委书记 柴慧、副院长 郗明、副院长 冷雪、办公室主任 牛丽")
    para(doc, "记录：牛丽")
    para(doc, "一、审议事项", style="Heading 1", bold_label=False)
    para(doc, "会议审议通过《机电工程学院研究生导师遴选实施细则（修订）》。", style="List Number", bold_label=False)
    para(doc, "会议同意推荐郗明副院长牵头的“智能制造虚拟教研室”申报省级项目。", style="List Number", bold_label=False)
    para(doc, "二、工作部署", style="Heading 1", bold_label=False)
    t = table(doc, [["序号", "工作内容", "责任人", "完成时间"],
                    ["1", "完成本科教学审核评估自评报告初稿", "冷雪", "2025年11月28日"],
                    ["2", "组织各系开展期末考试命题审核", "", "12月10日前"],
                    ["3", "修订学院科研经费报销流程并在学院网站公示", "郗明", "11月底"],
                    ["4", "落实学生宿舍安全检查，形成整改清单", "柴慧", "下周五"]], header_bold=True)
    merge(t, 1, 2, 2, 2, "冷雪")
    para(doc, "三、其他", style="Heading 1", bold_label=False)
    para(doc, "学院年终总结会初定于12月下旬召开，具体时间另行通知。", bold_label=False)
    return doc


def n70_office_form_table_cells():
    """An office 会议纪要 form as a Word table: label cells left, one content cell holding the
    discussion and the decisions as numbered paragraphs, a 下一步工作 cell with soft-broken lines."""
    doc = new_doc("综合办", font="仿宋")
    header_text(doc, "内部资料 注意保存")
    para(doc, "会 议 纪 要", align="center", bold=True)
    t = table(doc, [
        ["会议名称", "2025年三季度安全生产委员会会议", "会议时间", "2025年9月23日 9:00"],
        ["会议地点", "公司办公楼五楼会议室", "主持人", "常务副总 岑建新"],
        ["参会人员", "", "", ""],
        ["会议内容", "", "", ""],
        ["下一步工作", "", "", ""],
        ["记录人", "舒晓雯", "审核人", "岑建新"],
    ])
    merge(t, 2, 1, 2, 3, "岑建新、安环部 喻志刚、生产部 伍海涛、设备部 庞立春、综合办 舒晓雯、各车间主任")
    merge(t, 3, 1, 3, 3, "一、安环部通报了三季度安全检查情况：共检查12次，发现隐患37项，已整改31项，整改率83.8%。\n\n"
                         "二、会议讨论了四季度安全生产重点，形成以下意见：\n\n"
                         "1. 同意将11月定为“消防安全月”，全员参加疏散演练。\n\n"
                         "2. 未整改完成的6项隐患实行挂牌督办，整改完成前相关设备不得开机。")
    merge(t, 4, 1, 4, 3, "1. 剩余6项隐患整改：生产部伍海涛牵头，设备部配合，10月15日前全部销号。\n"
                         "2. 消防安全月活动方案：安环部喻志刚负责，10月20日前报公司审批。\n"
                         "3. 冬季防冻防滑检查：各车间自查，11月底前完成。")
    footer_page_field(doc)
    return doc


def n81_district_coordination_word_table():
    """A district office's 纪要 as Word saves it: Title style, a 文号 line, body paragraphs with
    bold lead words, a 议定事项 table whose 责任单位 cell names two units (several owners)."""
    doc = new_doc("区政府办", font="仿宋")
    header_text(doc, "区政府办公室", align="center")
    para(doc, "关于推进老旧小区停车改造的协调会纪要", style="Title", align="center")
    para(doc, "区府办纪〔2025〕23号", align="center", bold_label=False)
    para(doc, "2025年6月5日上午，副区长辛建平在区政府302会议室召开协调会，区住建局、区城管局、区交警大队、各街道办事处分管负责同志参加。会议听取了住建局关于停车改造进展的汇报，研究了下一步工作。现纪要如下：", bold_label=False)
    para(doc, "一、会议明确，停车改造坚持“一小区一方案”，改造方案须经业主表决通过后实施。", bold_label=False)
    para(doc, "二、会议议定事项", bold_label=False)
    table(doc, [["序号", "议定事项", "责任单位", "完成时限"],
                ["1", "制定停车改造技术导则并下发各街道", "区住建局", "6月20日前"],
                ["2", "清理小区周边僵尸车", "区城管局、区交警大队", "6月底前"],
                ["3", "摸排辖区老旧小区停车需求并报区住建局", "各街道办事处", "7月10日前"]], header_bold=True)
    para(doc, "出席：辛建平　区住建局 苗振华　区城管局 侯志刚　区交警大队 骆勇", bold_label=False)
    para(doc, "记录：区府办 詹雯", bold_label=False)
    footer_page_field(doc)
    return doc


def n112_battery_review_word_table():
    """An engineering review in Word: a four-column info table (two label/value pairs per row,
    the attendee cell merged across three), a Heading 1, and one table that holds each topic's
    discussion, decision, owner and date in the same row; a decision row has dashes for owner and
    date, a date counted from an unknown event, 本周内."""
    doc = new_doc("车文静")
    para(doc, "新能源电池包结构评审会纪要", style="Title", align="center")
    info = table(doc, [["会议名称", "电池包结构方案评审", "会议时间", "2025年8月12日 15:00"],
                       ["会议地点", "研发楼B座403", "主持人", "易振东"],
                       ["参会人员", "", "", ""],
                       ["记录人", "车文静", "", ""]])
    merge(info, 2, 1, 2, 3, "易振东、冉晓月、简一凡、官鹏、车文静")
    merge(info, 3, 1, 3, 3, "车文静")
    para(doc, "评审情况", style="Heading 1")
    table(doc, [["序号", "议题", "讨论情况", "决定事项", "责任人", "完成时限"],
                ["1", "下壳体材料", "铝合金方案重量比钢制方案轻18%，成本高12%", "采用铝合金方案", "—", "—"],
                ["2", "冷却板流道", "仿真显示边角电芯温差超过5℃", "重新优化流道布局并提交仿真报告", "简一凡", "8月22日"],
                ["3", "密封验证", "IP67试验样件尚未到货", "催供应商发样件，到货后3个工作日内完成试验", "官鹏",
                 "样件到货后3个工作日内"],
                ["4", "评审文件归档", "—", "本次评审材料统一上传PLM", "车文静", "本周内"]], header_bold=True)
    return doc


def n117_form2_labels_on_top():
    """Form 2 in Word with the labels across the top of each table and the values in the row
    below, ☑特急 in its own merged cell, the description merged across, and the 处理结果 block
    label-left (one solution, one date, one owner written as department and name)."""
    doc = new_doc("龚晓彤")
    para(doc, "跨部门协作沟通与问题反馈表", style="Title", align="center")
    table(doc, [["发起部门", "发起人", "内部通讯号", "发起日期"],
                ["客服中心", "龚晓彤", "6021", "2025年7月14日"]], header_bold=True)
    urgency = table(doc, [["紧急程度", "", ""]])
    merge(urgency, 0, 1, 0, 2, "☐普通　☐紧急　☑特急")
    t = table(doc, [["问题类型", "涉及部门", "期望完成时间"],
                    ["☐协作需求 ☐流程卡点 ☐资源申请 ☑故障投诉 ☐其他", "信息部、客服中心", "2025年7月14日 18时"],
                    ["详细描述", "", ""],
                    ["", "", ""]], header_bold=True)
    merge(t, 2, 0, 2, 2, "详细描述", bold=True)
    merge(t, 3, 0, 3, 2, "背景：呼叫中心高峰时段每小时约400通来电。\n\n现状：7月14日上午起坐席通话间歇性掉线，"
                         "已有37通投诉。\n\n期望：当天恢复正常通话。")
    para(doc, "沟通记录", style="Heading 2")
    table(doc, [["时间", "参与部门/人", "内容"],
                ["2025-07-14 11:20", "客服中心 龚晓彤；信息部 邹毅、蒲倩",
                 "信息部初步判断为语音网关证书过期；先切换备用网关恢复通话，再查证书管理的漏洞。"]], header_bold=True)
    para(doc, "处理结果", style="Heading 2")
    table(doc, [["解决方案/协作内容", "切换备用语音网关，更换过期证书并加装到期提醒"],
                ["完成时间", "2025年7月15日"],
                ["责任人", "信息部 邹毅"]])
    table(doc, [["发起人满意度（1-5分）", "", "备注", ""],
                ["签字确认", "", "日期", "____年__月__日"]])
    return doc


BUILDERS = {
    "n13-tw-school-admin": n13_tw_school_admin,
    "n14-gov-old-housing": n14_gov_old_housing,
    "n17-hospital-online-clinic": n17_hospital_online_clinic,
    "n20-supplier-review-no-header": n20_supplier_review_no_header,
    "n27-form1-onboarding": n27_form1_onboarding,
    "n29-form2-contract-approval": n29_form2_contract_approval,
    "n31-form3-training-budget": n31_form3_training_budget,
    "n33-form4-request-and-review": n33_form4_request_and_review,
    "n34-form5-tracker-warehouse": n34_form5_tracker_warehouse,
    "n36-two-feedback-forms": n36_two_feedback_forms,
    "n37-wps-text-box-form": n37_wps_text_box_form,
    "n44-office-safety-month": n44_office_safety_month,
    "n45-lab-nested-table": n45_lab_nested_table,
    "n61-college-joint-meeting-numbered": n61_college_joint_meeting_numbered,
    "n70-office-form-table-cells": n70_office_form_table_cells,
    "n81-district-coordination-word-table": n81_district_coordination_word_table,
    "n112-battery-review-word-table": n112_battery_review_word_table,
    "n117-form2-labels-on-top": n117_form2_labels_on_top,
}


def main(names):
    for name in names or BUILDERS:
        BUILDERS[name]().save(HERE / f"{name}.docx")
        print(f"wrote {name}.docx")


if __name__ == "__main__":
    main(sys.argv[1:])
