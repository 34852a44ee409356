"""Build the shipped Word templates with python-docx: ``python templates/build_templates.py``.

Writes, beside this file:

* ``minutes_standard.docx`` — business minutes: info table, per topic 结论/依据/待办,
  the action table, 未决事项, optional 审阅意见, 签发/分发 lines;
* ``minutes_formal.docx`` — a 纪要 laid out after GB/T 9704-2012 (A4, 天头 37 mm,
  订口 28 mm, 仿宋_GB2312 三号 body on a 22-line grid, 方正小标宋简体 二号 title,
  黑体 first-level headings, 出席/请假/列席 lines, 抄送 in the 版记, page numbers
  "— 1 —" outside);
* ``tracker.docx`` — the action items as a landscape tracker table.

The Jinja tags are those of docxtpl (``{{ }}``, ``{%p %}`` paragraph tags,
``{%tr %}`` row tags, ``{% cellbg %}``); the names they use are listed in
docs/templates.md. Every style and every run names its East Asian font
(``w:eastAsia``) so Word and WPS never fall back to a Latin font for Chinese.
Commit the .docx files this writes: users open and edit them in Word.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
LATIN = "Times New Roman"
THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# Word rejects a file whose property children are out of schema order: what may follow each
# element we add (ECMA-376 CT_TcPr, CT_PPr, CT_RPr).
AFTER_SHD_IN_TCPR = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
                     "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
AFTER_PBDR_IN_PPR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                     "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                     "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                     "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                     "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
AFTER_LANG_IN_RPR = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


@dataclass(frozen=True)
class Look:
    """A font as Chinese offices name it: East Asian face, size in points, weight."""

    east: str
    size: float
    bold: bool = False
    latin: str = LATIN


# Standard minutes: 宋体 小四 body, 黑体 headings.
STD_BODY, STD_TITLE = Look("宋体", 12), Look("黑体", 18)
STD_H1, STD_H2, STD_LABEL = Look("黑体", 14), Look("黑体", 12), Look("宋体", 12, bold=True)
STD_CELL, STD_HEAD, STD_SMALL = Look("宋体", 10.5), Look("黑体", 10.5), Look("宋体", 9)
# GB/T 9704-2012: 三号 = 16 pt, 二号 = 22 pt, 四号 = 14 pt; 22 lines of 28.95 pt on 225 mm.
GB_BODY, GB_TITLE = Look("仿宋_GB2312", 16), Look("方正小标宋简体", 22)
GB_H1, GB_NOTE, GB_PAGE = Look("黑体", 16), Look("仿宋_GB2312", 14), Look("宋体", 14)
GB_LINE = Pt(28.95)
HEADER_FILL = "D9E2F3"
SIGN_BLANK = "\u3000" * 8          # an underlined gap to sign on
LABEL_FILL = "F2F2F2"


# --------------------------------------------------------------------------- #
# Raw XML: the only place that touches oxml elements
# --------------------------------------------------------------------------- #
def _child(parent, tag: str, successors: tuple[str, ...] = ()):
    """The child ``tag`` of ``parent``, created before any of ``successors`` when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        later = [child for child in parent if child.tag in {qn(t) for t in successors}]
        later[0].addprevious(found) if later else parent.append(found)
    return found


def set_rfonts(rpr, look: Look) -> None:
    """Latin and East Asian faces on an rPr; theme fonts would override them, so drop those."""
    fonts = rpr.get_or_add_rFonts()
    for attr in THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), look.latin)
    fonts.set(qn("w:eastAsia"), look.east)
    fonts.set(qn("w:hint"), "eastAsia")


def set_lang(rpr) -> None:
    lang = _child(rpr, "w:lang", AFTER_LANG_IN_RPR)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def doc_defaults_rpr(doc):
    defaults = _child(doc.styles.element, "w:docDefaults")
    return _child(_child(defaults, "w:rPrDefault"), "w:rPr")


def shade(cell, fill: str) -> None:
    shd = _child(cell._tc.get_or_add_tcPr(), "w:shd", AFTER_SHD_IN_TCPR)
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def repeat_as_header(row) -> None:
    """The row repeats on every page and is never split."""
    trpr = row._tr.get_or_add_trPr()
    _child(trpr, "w:tblHeader").set(qn("w:val"), "true")
    _child(trpr, "w:cantSplit").set(qn("w:val"), "true")


def paragraph_border(paragraph, side: str, eighths: int) -> None:
    """A rule above or below a paragraph (版记 lines); width in eighths of a point."""
    borders = _child(paragraph._p.get_or_add_pPr(), "w:pBdr", AFTER_PBDR_IN_PPR)
    line = _child(borders, f"w:{side}")
    for key, value in (("w:val", "single"), ("w:sz", str(eighths)), ("w:space", "1"), ("w:color", "000000")):
        line.set(qn(key), value)


def add_field(paragraph, instruction: str, look: Look) -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instrText / separate / result / end runs."""
    for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        style_run(run, look)
        if kind:
            _child(run._r, "w:fldChar").set(qn("w:fldCharType"), kind)
        elif text.strip() == instruction:
            instr = _child(run._r, "w:instrText")
            instr.text = text
            instr.set(qn("xml:space"), "preserve")
        else:
            run.text = text


def line_grid(section, pitch_twips: int) -> None:
    """The document grid GB/T 9704 asks for: a fixed number of lines per page."""
    grid = _child(section._sectPr, "w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(pitch_twips))


# --------------------------------------------------------------------------- #
# Styles and runs
# --------------------------------------------------------------------------- #
def style_run(run, look: Look) -> None:
    run.font.size = Pt(look.size)
    run.font.bold = look.bold
    set_rfonts(run._r.get_or_add_rPr(), look)


def add_run(paragraph, text: str, look: Look):
    run = paragraph.add_run(text)
    style_run(run, look)
    return run


def style_font(style, look: Look, color: bool = True) -> None:
    style.font.size = Pt(look.size)
    style.font.bold = look.bold
    style.font.italic = False
    if color:
        style.font.color.rgb = RGBColor(0, 0, 0)
    set_rfonts(style.element.get_or_add_rPr(), look)


def base_styles(doc, body: Look) -> None:
    """Document defaults and Normal in the body font, Chinese as the East Asian language."""
    rpr = doc_defaults_rpr(doc)
    set_rfonts(rpr, body)
    set_lang(rpr)
    style_font(doc.styles["Normal"], body)


def heading_style(doc, name: str, look: Look, before: float, after: float):
    style = doc.styles[name]
    style_font(style, look)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.keep_with_next = True
    return style


def paragraph(doc_or_cell, text: str = "", look: Look | None = None, style: str | None = None,
              align=None):
    p = doc_or_cell.add_paragraph(style=style)
    if text:
        add_run(p, text, look)
    if align is not None:
        p.alignment = align
    return p


def tag(doc, text: str) -> None:
    """A paragraph holding only a docxtpl ``{%p ... %}`` tag; docxtpl removes it on render."""
    doc.add_paragraph().add_run(text)


# --------------------------------------------------------------------------- #
# Tables
# --------------------------------------------------------------------------- #
def fill_cell(cell, text: str | list[str], look: Look, align=WD_ALIGN_PARAGRAPH.LEFT) -> None:
    """One paragraph; a list of texts is joined by line breaks (one run each)."""
    p = cell.paragraphs[0]
    p.alignment = align
    p.paragraph_format.first_line_indent = Pt(0)
    for i, line in enumerate([text] if isinstance(text, str) else text):
        run = add_run(p, "", look)
        if i:
            run.add_break()
        run.add_text(line)
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def table_widths(table, widths_mm: list[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)


def loop_table(doc, headers: list[str], cells: list[str], widths: list[float], loop: str,
               cell_look: Look = STD_CELL, head_look: Look = STD_HEAD, centred: frozenset[int] = frozenset()):
    """Header row, then ``{%tr for %}`` / one row of ``{{ }}`` cells / ``{%tr endfor %}``."""
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers):
        fill_cell(cell, text, head_look, WD_ALIGN_PARAGRAPH.CENTER)
        shade(cell, HEADER_FILL)
    repeat_as_header(table.rows[0])
    fill_cell(table.rows[1].cells[0], f"{{%tr for {loop} %}}", cell_look)
    for i, (cell, text) in enumerate(zip(table.rows[2].cells, cells)):
        fill_cell(cell, text, cell_look, WD_ALIGN_PARAGRAPH.CENTER if i in centred else WD_ALIGN_PARAGRAPH.LEFT)
    fill_cell(table.rows[3].cells[0], "{%tr endfor %}", cell_look)
    table_widths(table, widths)
    return table


def info_table(doc, rows: list[tuple[str, str, str, str] | tuple[str, str]], widths: list[float]):
    """Label / value pairs, two pairs to a row or one pair spanning the width."""
    table = doc.add_table(rows=len(rows), cols=4)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table_widths(table, widths)
    for row, spec in zip(table.rows, rows):
        cells = row.cells if len(spec) == 4 else [row.cells[0], row.cells[1].merge(row.cells[3])]
        for i, (cell, text) in enumerate(zip(cells, spec)):
            fill_cell(cell, text, STD_HEAD if i % 2 == 0 else STD_CELL,
                      WD_ALIGN_PARAGRAPH.CENTER if i % 2 == 0 else WD_ALIGN_PARAGRAPH.LEFT)
            if i % 2 == 0:
                shade(cell, LABEL_FILL)
    return table


# --------------------------------------------------------------------------- #
# Page setup
# --------------------------------------------------------------------------- #
def a4(section, top: float, bottom: float, left: float, right: float, landscape: bool = False) -> None:
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)


def page_x_of_y(section, look: Look) -> None:
    """Footer 第 X 页 共 Y 页, centred."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(p, "第 ", look)
    add_field(p, "PAGE", look)
    add_run(p, " 页 共 ", look)
    add_field(p, "NUMPAGES", look)
    add_run(p, " 页", look)


def gb_page_numbers(doc, section) -> None:
    """— 1 — in 4号 宋体: odd pages right, even pages left, one character in from the edge."""
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        p = footer.paragraphs[0]
        p.alignment = align
        setattr(p.paragraph_format, f"{side}_indent", Pt(GB_PAGE.size))
        add_run(p, "— ", GB_PAGE)
        add_field(p, "PAGE", GB_PAGE)
        add_run(p, " —", GB_PAGE)


def core_properties(doc, title: str) -> None:
    props = doc.core_properties
    props.title, props.author, props.language = title, "minutes", "zh-CN"


# --------------------------------------------------------------------------- #
# minutes_standard.docx
# --------------------------------------------------------------------------- #
STD_INFO_ROWS = [
    ("会议名称", "{{ meeting.title }}"),
    ("会议时间", "{{ meeting.when }}", "会议地点", "{{ meeting.location }}"),
    ("主持人", "{{ meeting.host }}", "记录人", "{{ meeting.recorder }}"),
    ("参会人员", "{{ meeting.attendees }}"),
    ("参会部门", "{{ meeting.departments }}"),
    ("请假人员", "{{ meeting.absent or '无' }}"),
]
STD_ACTION_HEADERS = ["序号", "任务", "负责人", "部门", "协作", "截止日期", "优先级", "状态"]
# The date cell breaks before the weekday (a list item is a line break) rather than inside the date.
STD_ACTION_CELLS = ["{{ a.no }}", "{{ a.task }}", "{{ a.owner }}", "{{ a.department }}", "{{ a.collaborators }}",
                    ["{{ a.deadline_date }}{% if a.deadline_weekday %}",
                     "（{{ a.deadline_weekday }}）{{ a.deadline_time }}{% endif %}"],
                    "{{ a.priority }}", "{{ a.status }}"]
STD_ACTION_WIDTHS = [9, 42, 15, 15, 15, 34, 15, 15]
NOTE_HEADERS = ["序号", "类别", "原文", "问题", "建议", "位置"]
NOTE_CELLS = ["{{ n.no }}", ["{{ n.label }}", "{{ n.rule }}"], "{{ n.words }}", "{{ n.message }}",
              "{{ n.suggestion }}", "{{ n.where }}"]
NOTE_WIDTHS = [10, 22, 30, 42, 38, 18]


def standard_styles(doc) -> None:
    base_styles(doc, STD_BODY)
    normal = doc.styles["Normal"].paragraph_format
    normal.line_spacing, normal.space_after = 1.25, Pt(3)
    heading_style(doc, "Title", STD_TITLE, 0, 12).paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _no_title_rule(doc.styles["Title"])
    heading_style(doc, "Heading 1", STD_H1, 12, 6)
    heading_style(doc, "Heading 2", STD_H2, 9, 3)


def _no_title_rule(style) -> None:
    """python-docx's default Title has a blue rule under it; an office document does not."""
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def standard_topics(doc) -> None:
    paragraph(doc, "会议议定事项", STD_H1, "Heading 1")
    tag(doc, "{%p for topic in topics %}")
    paragraph(doc, "{{ topic.heading }}", STD_H2, "Heading 2")
    for label, items, line in (("结论", "topic.decisions", "{{ loop.index }}. {{ d.text }}"),
                               ("依据", "topic.grounds", "（{{ loop.index }}）{{ d }}"),
                               ("待办", "topic.actions", "{{ loop.index }}. {{ d.task }}（负责人：{{ d.owner_full }}；"
                                                       "截止：{{ d.deadline }}）")):
        tag(doc, f"{{%p if {items} %}}")
        paragraph(doc, label, STD_LABEL)
        tag(doc, f"{{%p for d in {items} %}}")
        paragraph(doc, line, STD_BODY).paragraph_format.left_indent = Pt(24)
        tag(doc, "{%p endfor %}")
        tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def standard_lists(doc) -> None:
    paragraph(doc, "行动项清单", STD_H1, "Heading 1")
    loop_table(doc, STD_ACTION_HEADERS, STD_ACTION_CELLS, STD_ACTION_WIDTHS, "a in actions",
               centred=frozenset({0, 6, 7}))
    paragraph(doc, "未决事项", STD_H1, "Heading 1")
    tag(doc, "{%p for q in open_questions %}")
    paragraph(doc, "{{ loop.index }}. {{ q }}", STD_BODY)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if not open_questions %}")
    paragraph(doc, "无。", STD_BODY)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if risks %}")
    paragraph(doc, "风险提示", STD_H1, "Heading 1")
    tag(doc, "{%p for r in risks %}")
    paragraph(doc, "{{ loop.index }}. {{ r }}", STD_BODY)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def review_section(doc, head: Look, cell: Look, small: Look, heading_style_name: str | None) -> None:
    """审阅意见: the lint findings, so a draft goes out with its open questions visible."""
    tag(doc, "{%p if review_notes %}")
    paragraph(doc, "审阅意见（定稿前处理并删除本节）", head, heading_style_name)
    loop_table(doc, NOTE_HEADERS, NOTE_CELLS, NOTE_WIDTHS, "n in review_notes", small, Look(head.east, small.size),
               centred=frozenset({0, 5}))
    tag(doc, "{%p endif %}")


def sign_off(doc) -> None:
    p = paragraph(doc)
    p.paragraph_format.space_before = Pt(18)
    p.paragraph_format.tab_stops.add_tab_stop(Mm(95), WD_TAB_ALIGNMENT.LEFT)
    add_run(p, "签发人：", STD_BODY)
    add_run(p, f"{{{{ issuer or '{SIGN_BLANK}' }}}}", STD_BODY).font.underline = True
    add_run(p, "\t签发日期：", STD_BODY)
    add_run(p, SIGN_BLANK, STD_BODY).font.underline = True
    paragraph(doc, "分发范围：{{ distribution }}", STD_BODY)
    paragraph(doc, "记录人：{{ meeting.recorder }}", STD_BODY)


def build_standard() -> Document:
    doc = Document()
    a4(doc.sections[0], top=25, bottom=25, left=25, right=25)
    standard_styles(doc)
    doc.sections[0].header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    add_run(doc.sections[0].header.paragraphs[0], "{{ meeting.title }}", STD_SMALL)
    page_x_of_y(doc.sections[0], STD_SMALL)
    paragraph(doc, "{{ meeting.minutes_title }}", STD_TITLE, "Title")
    info_table(doc, STD_INFO_ROWS, [24, 56, 24, 56])
    standard_topics(doc)
    standard_lists(doc)
    review_section(doc, STD_H1, STD_CELL, STD_CELL, "Heading 1")
    sign_off(doc)
    core_properties(doc, "会议纪要（标准版）")
    return doc


# --------------------------------------------------------------------------- #
# minutes_formal.docx (GB/T 9704-2012 纪要)
# --------------------------------------------------------------------------- #
def formal_styles(doc) -> None:
    base_styles(doc, GB_BODY)
    fmt = doc.styles["Normal"].paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, GB_LINE
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(2 * GB_BODY.size)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    title = heading_style(doc, "Title", GB_TITLE, 0, 0)
    _no_title_rule(title)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    title.paragraph_format.line_spacing = Pt(36)
    h1 = heading_style(doc, "Heading 1", GB_H1, 0, 0)
    h1.paragraph_format.first_line_indent = Pt(2 * GB_H1.size)
    h1.paragraph_format.line_spacing_rule, h1.paragraph_format.line_spacing = WD_LINE_SPACING.EXACTLY, GB_LINE


def labelled_line(doc, label: str, value: str) -> None:
    """出席：names — label in 黑体 two characters in, wrapped lines aligned after the colon."""
    p = paragraph(doc)
    fmt = p.paragraph_format
    fmt.left_indent, fmt.first_line_indent = Pt(5 * GB_BODY.size), Pt(-3 * GB_BODY.size)
    add_run(p, f"{label}：", GB_H1)
    add_run(p, value, GB_BODY)


def formal_body(doc) -> None:
    paragraph(doc, "{{ opening }}", GB_BODY)
    tag(doc, "{%p for topic in topics %}")
    paragraph(doc, "{{ topic.heading }}", GB_H1, "Heading 1")
    tag(doc, "{%p for d in topic.decisions %}")
    paragraph(doc, "会议议定：{{ d.sentence }}{% if d.rationale %}主要依据：{{ d.rationale_text }}。{% endif %}", GB_BODY)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if topic.actions %}")
    paragraph(doc, "会议要求：", GB_BODY)
    tag(doc, "{%p for a in topic.actions %}")
    paragraph(doc, "{{ loop.index }}. {{ a.sentence }}", GB_BODY)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def formal_pending(doc) -> None:
    tag(doc, "{%p if open_questions or risks %}")
    paragraph(doc, "会议提出以下事项待进一步研究：", GB_BODY)
    tag(doc, "{%p for q in open_questions + risks %}")
    paragraph(doc, "{{ loop.index }}. {{ q }}", GB_BODY)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def formal_review(doc) -> None:
    tag(doc, "{%p if review_notes %}")
    paragraph(doc, "审阅意见（定稿前处理并删除）", GB_H1)
    tag(doc, "{%p for n in review_notes %}")
    paragraph(doc, "{{ n.no }}. 【{{ n.label }}（{{ n.rule }}）】“{{ n.words }}”：{{ n.message }}。建议：{{ n.suggestion }}。"
                   "{% if n.where %}（{{ n.where }}）{% endif %}", GB_BODY)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def formal_attendance(doc) -> None:
    paragraph(doc)
    labelled_line(doc, "出席", "{{ meeting.attendees }}")
    for label, key in (("请假", "absent"), ("列席", "observers")):
        tag(doc, f"{{%p if meeting.{key} %}}")
        labelled_line(doc, label, f"{{{{ meeting.{key} }}}}")
        tag(doc, "{%p endif %}")


def formal_record(doc) -> None:
    """版记: 抄送 between a thick and a thin rule, then 记录 and the date over a thick rule."""
    paragraph(doc)
    for text, above, below in (("抄送：{{ cc }}", 8, 6), ("记录：{{ meeting.recorder }}\t{{ generated }}印发", 0, 8)):
        p = paragraph(doc, text, GB_NOTE)
        fmt = p.paragraph_format
        fmt.first_line_indent, fmt.left_indent, fmt.right_indent = Pt(0), Pt(GB_NOTE.size), Pt(GB_NOTE.size)
        fmt.tab_stops.add_tab_stop(Mm(156) - Pt(GB_NOTE.size), WD_TAB_ALIGNMENT.RIGHT)
        for side, width in (("top", above), ("bottom", below)):
            if width:
                paragraph_border(p, side, width)


def build_formal() -> Document:
    doc = Document()
    section = doc.sections[0]
    a4(section, top=37, bottom=35, left=28, right=26)
    section.header_distance, section.footer_distance = Mm(15), Mm(23)
    line_grid(section, round(GB_LINE.pt * 20))
    formal_styles(doc)
    gb_page_numbers(doc, section)
    paragraph(doc, "{{ meeting.minutes_title }}", GB_TITLE, "Title")
    paragraph(doc)
    formal_body(doc)
    formal_pending(doc)
    formal_review(doc)
    formal_attendance(doc)
    formal_record(doc)
    core_properties(doc, "会议纪要（公文格式）")
    return doc


# --------------------------------------------------------------------------- #
# tracker.docx
# --------------------------------------------------------------------------- #
TRACKER_HEADERS = ["任务ID", "任务", "负责人", "部门", "协作人", "计划完成日期", "优先级", "状态", "进度", "风险/备注"]
TRACKER_CELLS = ["{{ a.id }}", "{{ a.task }}", "{{ a.owner }}", "{{ a.department }}", "{{ a.collaborators }}",
                 "{{ a.deadline_short }}", "{{ a.priority }}", "{% cellbg a.status_fill %}{{ a.status }}",
                 "{{ a.progress }}", "{{ a.remarks }}"]
TRACKER_WIDTHS = [30, 66, 17, 17, 18, 28, 15, 17, 12, 42]


def build_tracker() -> Document:
    doc = Document()
    a4(doc.sections[0], top=20, bottom=20, left=15, right=15, landscape=True)
    standard_styles(doc)
    page_x_of_y(doc.sections[0], STD_SMALL)
    paragraph(doc, "{{ meeting.title }}任务跟踪表", STD_TITLE, "Title")
    p = paragraph(doc, "来源会议：{{ meeting.source_meeting }}", STD_CELL)
    add_run(p, "　　项目：{{ project }}　　制表日期：{{ generated }}", STD_CELL)
    loop_table(doc, TRACKER_HEADERS, TRACKER_CELLS, TRACKER_WIDTHS, "a in actions",
               centred=frozenset({0, 5, 6, 7, 8}))
    paragraph(doc, "状态取值：未开始 / 进行中 / 已完成 / 延期 / 待验收。绿色为已完成，黄色为进行中，红色为延期。",
              STD_SMALL)
    core_properties(doc, "任务跟踪表")
    return doc


BUILDERS = {"minutes_standard.docx": build_standard, "minutes_formal.docx": build_formal,
            "tracker.docx": build_tracker}


def main(out_dir: Path = HERE) -> list[Path]:
    written = []
    for name, build in BUILDERS.items():
        build().save(out_dir / name)
        written.append(out_dir / name)
    return written


if __name__ == "__main__":
    for path in main():
        print(path)
