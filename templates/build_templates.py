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
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree
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
AFTER_CELLMAR_IN_TBLPR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
AFTER_SNAP_IN_PPR = AFTER_PBDR_IN_PPR[AFTER_PBDR_IN_PPR.index("w:snapToGrid") + 1:]
CELL_MARGIN = 57           # twips: 1 mm
AFTER_FRAMEPR_IN_PPR = ("w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr") + AFTER_PBDR_IN_PPR


@dataclass(frozen=True)
class Look:
    """A font as Chinese offices name it: East Asian face, size in points, weight."""

    east: str
    size: float
    bold: bool = False
    latin: str = LATIN
    color: str | None = None


@dataclass(frozen=True)
class FontFallback:
    """A Chinese face as the fontTable declares it: the face to use where it is missing, its PANOSE class."""

    name: str
    alt: str
    panose: str
    family: str = "modern"


# Standard minutes: 宋体 小四 body, 黑体 headings.
STD_BODY, STD_TITLE = Look("宋体", 12), Look("黑体", 18)
STD_H1, STD_H2, STD_LABEL = Look("黑体", 14), Look("黑体", 12), Look("宋体", 12, bold=True)
STD_CELL, STD_HEAD, STD_SMALL = Look("宋体", 10.5), Look("黑体", 10.5), Look("宋体", 9)
# GB/T 9704-2012: 三号 = 16 pt, 二号 = 22 pt, 四号 = 14 pt; 22 lines of 28.95 pt on 225 mm.
GB_BODY, GB_TITLE = Look("仿宋_GB2312", 16), Look("方正小标宋简体", 22)
GB_H1, GB_NOTE, GB_PAGE = Look("黑体", 16), Look("仿宋_GB2312", 14), Look("宋体", 14)
GB_LINE = Pt(28.95)
GB_TEXT_WIDTH = 156            # mm: A4 less 订口 28 mm and 翻口 26 mm
GB_RED = "FF0000"              # the 纪要 mark and the rule under the 版头
GB_MARK = Look("方正小标宋简体", 26, color=GB_RED)
# A PC without the GB fonts (most outside government) gets the nearest Windows face, not a Latin one.
FALLBACKS = (FontFallback("仿宋_GB2312", "仿宋", "02010609060101010101"),
             FontFallback("方正小标宋简体", "宋体", "02010600030101010101", "roman"),
             FontFallback("黑体", "SimHei", "02010609060101010101"),
             FontFallback("宋体", "SimSun", "02010600030101010101", "roman"))
TEMPLATE_DATE = datetime(2024, 1, 1, tzinfo=timezone.utc)    # the shipped files' own dates: fixed, so a rebuild is identical
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
    _child(trpr, "w:cantSplit").set(qn("w:val"), "true")
    _child(trpr, "w:tblHeader").set(qn("w:val"), "true")


def never_split(row) -> None:
    """A row that moves to the next page whole instead of breaking across it."""
    _child(row._tr.get_or_add_trPr(), "w:cantSplit").set(qn("w:val"), "true")


def paragraph_border(paragraph, side: str, eighths: int | str, color: str = "000000", kind: str = "single") -> None:
    """A rule above or below a paragraph; width in eighths of a point (or a tag that gives it)."""
    borders = _child(paragraph._p.get_or_add_pPr(), "w:pBdr", AFTER_PBDR_IN_PPR)
    sides = ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar")
    line = _child(borders, f"w:{side}", sides[sides.index(f"w:{side}") + 1:])
    for key, value in (("w:val", kind), ("w:sz", str(eighths)), ("w:space", "1"), ("w:color", color)):
        line.set(qn(key), value)


def frame_above_page_foot(paragraph, width_mm: float, height: int, top: str) -> None:
    """Put the paragraph alone in a frame ``height`` twips high whose top is ``top`` twips (a number or a
    tag that gives one) below the top of the text area: one 版记 line, placed from the foot up."""
    frame = _child(paragraph._p.get_or_add_pPr(), "w:framePr", AFTER_FRAMEPR_IN_PPR)
    for key, value in (("w:w", str(round(width_mm / 25.4 * 1440))), ("w:h", str(height)), ("w:hRule", "exact"),
                       ("w:hSpace", "0"), ("w:wrap", "around"), ("w:vAnchor", "margin"), ("w:hAnchor", "margin"),
                       ("w:xAlign", "center"), ("w:y", top)):
        frame.set(qn(key), value)


def declare_fonts(doc, fonts: tuple["FontFallback", ...]) -> None:
    """fontTable entries that name the Windows face to use where a GB font is not installed (w:altName),
    with the GB2312 character set and the PANOSE class, so Word and WPS substitute a like face."""
    part = doc.part.part_related_by(RT.FONT_TABLE)
    table = etree.fromstring(part.blob)
    for font in fonts:
        for old in table.findall(qn("w:font")):
            if old.get(qn("w:name")) == font.name:
                table.remove(old)
        entry = etree.SubElement(table, qn("w:font"))
        entry.set(qn("w:name"), font.name)
        for tag_name, value in (("w:altName", font.alt), ("w:panose1", font.panose), ("w:charset", "86"),
                                ("w:family", font.family), ("w:pitch", "variable")):
            etree.SubElement(entry, qn(tag_name)).set(qn("w:val"), value)
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


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


def drop_thumbnail(doc) -> None:
    """python-docx's default package carries its own preview picture; a generated document has none."""
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]


def plain_app_properties(doc) -> None:
    """docProps/app.xml without the default package's 'Microsoft Macintosh Word' and counts of nothing."""
    part = next(rel.target_part for rel in doc.part.package.rels.values() if rel.reltype == RT.EXTENDED_PROPERTIES)
    part._blob = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                  b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                  b"<Application>minutes</Application><DocSecurity>0</DocSecurity></Properties>")


# --------------------------------------------------------------------------- #
# Styles and runs
# --------------------------------------------------------------------------- #
def style_run(run, look: Look) -> None:
    run.font.size = Pt(look.size)
    run.font.bold = look.bold
    if look.color:
        run.font.color.rgb = RGBColor.from_string(look.color)
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
              align=None, keep_with_next: bool = False):
    p = doc_or_cell.add_paragraph(style=style)
    if text:
        add_run(p, text, look)
    if align is not None:
        p.alignment = align
    if keep_with_next:
        p.paragraph_format.keep_with_next = True
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


def narrow_cell_margins(table, twips: int = CELL_MARGIN) -> None:
    """Left and right cell margins of 1 mm instead of Word's 1.9 mm: a date or a name fits on one line."""
    margins = _child(table._tbl.tblPr, "w:tblCellMar", AFTER_CELLMAR_IN_TBLPR)
    for side in ("left", "right"):
        margin = _child(margins, f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")


def no_grid_snap(style) -> None:
    """A title's exact line spacing, not rounded up to two lines of the GB page grid."""
    _child(style.element.get_or_add_pPr(), "w:snapToGrid", AFTER_SNAP_IN_PPR).set(qn("w:val"), "0")


def table_widths(table, widths_mm: list[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)


def loop_table(doc, headers: list[str], cells: list[str | list[str]], widths: list[float], loop: str,
               cell_look: Look = STD_CELL, head_look: Look = STD_HEAD, centred: frozenset[int] = frozenset()):
    """Header row, then ``{%tr for %}`` / one row of ``{{ }}`` cells / ``{%tr endfor %}``; no row splits."""
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
    never_split(table.rows[2])
    fill_cell(table.rows[3].cells[0], "{%tr endfor %}", cell_look)
    table_widths(table, widths)
    narrow_cell_margins(table)
    return table


def info_table(doc, rows: list[tuple[str, ...]], widths: list[float]):
    """Label / value pairs, two pairs to a row or one pair spanning the width; a row given with a
    condition as its first entry (``("meeting.absent", "缺席人员", …)``) is there only when it holds."""
    plain = [r[1:] if r[0].startswith("?") else r for r in rows]
    conditions = [r[0][1:] if r[0].startswith("?") else None for r in rows]
    count = len(plain) + 2 * sum(1 for c in conditions if c)
    table = doc.add_table(rows=count, cols=4)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table_widths(table, widths)
    at = 0
    for spec, condition in zip(plain, conditions):
        if condition:
            fill_cell(table.rows[at].cells[0], f"{{%tr if {condition} %}}", STD_CELL)
            at += 1
        _info_row(table.rows[at], spec)
        at += 1
        if condition:
            fill_cell(table.rows[at].cells[0], "{%tr endif %}", STD_CELL)
            at += 1
    return table


def _info_row(row, spec: tuple[str, ...]) -> None:
    cells = row.cells if len(spec) == 4 else [row.cells[0], row.cells[1].merge(row.cells[3])]
    for i, (cell, text) in enumerate(zip(cells, spec)):
        fill_cell(cell, text, STD_HEAD if i % 2 == 0 else STD_CELL,
                  WD_ALIGN_PARAGRAPH.CENTER if i % 2 == 0 else WD_ALIGN_PARAGRAPH.LEFT)
        if i % 2 == 0:
            shade(cell, LABEL_FILL)
    never_split(row)


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
    """The shipped template's own properties; a rendered document gets the meeting's (minutes/render/docx.py)."""
    props = doc.core_properties
    props.title, props.author, props.language = title, "minutes", "zh-CN"
    props.comments, props.last_modified_by, props.revision = "", "", 1
    props.created = props.modified = TEMPLATE_DATE
    drop_thumbnail(doc)
    plain_app_properties(doc)


# --------------------------------------------------------------------------- #
# minutes_standard.docx
# --------------------------------------------------------------------------- #
STD_INFO_ROWS = [
    ("会议名称", "{{ meeting.title or '—' }}"),
    ("会议时间", "{{ meeting.when or '—' }}", "会议地点", "{{ meeting.location or '—' }}"),
    ("主持人", "{{ meeting.host or '—' }}", "记录人", "{{ meeting.recorder or '—' }}"),
    ("出席人员", "{{ meeting.attendance or '—' }}"),
    ("?meeting.observers", "列席人员", "{{ meeting.observers }}"),
    ("?meeting.absent", "缺席人员", "{{ meeting.absent }}"),
    ("?meeting.departments", "参会部门", "{{ meeting.departments }}"),
]
STD_ACTION_HEADERS = ["序号", "任务", "负责人", "部门", "协作", "截止日期", "优先级"]
# The date cell breaks before the weekday (a list item is a line break) rather than inside the date.
STD_ACTION_CELLS = ["{{ a.no }}", "{{ a.task }}", "{{ a.owner }}", "{{ a.unit }}", "{{ a.collaborators }}",
                    ["{{ a.deadline_date }}{% if a.deadline_weekday %}",
                     "（{{ a.deadline_weekday }}）{{ a.deadline_time }}{% endif %}"],
                    "{{ a.priority }}"]
# mm, 160 in all. Every header fits on one line (2 CJK chars of 10.5 pt and the 3.8 mm cell margins
# take 11.2 mm); a four-character name or unit, and 2024年12月31日, fit on one.
STD_ACTION_WIDTHS = [12, 40, 19, 19, 19, 35, 16]
NOTE_HEADERS = ["序号", "类别", "原文", "问题", "建议", "位置"]
NOTE_CELLS = ["{{ n.no }}", "{{ n.label }}", "{{ n.words }}", "{{ n.message }}", "{{ n.suggestion }}", "{{ n.where }}"]
NOTE_WIDTHS = [13, 22, 28, 40, 39, 18]


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


def each(doc, items: str, line: str, look: Look, indent: float = 0) -> None:
    """One paragraph per entry of ``items`` (a {%p for %} loop over ``d``)."""
    tag(doc, f"{{%p for d in {items} %}}")
    paragraph(doc, line, look).paragraph_format.left_indent = Pt(indent)
    tag(doc, "{%p endfor %}")


def standard_topics(doc) -> None:
    """The notes' sections in their order: heading, own lines, 结论, 依据, the section's action table, the rest."""
    tag(doc, "{%p for topic in topics %}")
    tag(doc, "{%p if topic.heading %}")
    paragraph(doc, "{{ topic.heading }}", STD_H1, "Heading 1")
    tag(doc, "{%p endif %}")
    each(doc, "topic.paragraphs + topic.table_lines", "{{ d }}", STD_BODY)
    tag(doc, "{%p if topic.decisions %}")
    tag(doc, "{%p if topic.decision_label %}")
    paragraph(doc, "{{ topic.decision_label }}", STD_LABEL, keep_with_next=True)
    tag(doc, "{%p endif %}")
    each(doc, "topic.decisions", "{{ loop.index }}. {{ d.text }}", STD_BODY, 24)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if topic.grounds %}")
    paragraph(doc, "依据", STD_LABEL, keep_with_next=True)
    each(doc, "topic.grounds", "（{{ loop.index }}）{{ d }}", STD_BODY, 24)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if topic.actions %}")
    tag(doc, "{%p if topic.action_label %}")
    paragraph(doc, "{{ topic.action_label }}", STD_LABEL, keep_with_next=True)
    tag(doc, "{%p endif %}")
    loop_table(doc, STD_ACTION_HEADERS, STD_ACTION_CELLS, STD_ACTION_WIDTHS, "a in topic.actions",
               centred=frozenset({0, 6}))
    tag(doc, "{%p endif %}")
    each(doc, "topic.closing", "{{ d }}", STD_BODY)
    tag(doc, "{%p endfor %}")


def standard_lists(doc) -> None:
    """未决事项 and 风险 the sections do not already print; 下次会议 as the notes give it."""
    for title, items in (("未决事项", "open_questions"), ("风险提示", "risks")):
        tag(doc, f"{{%p if {items} %}}")
        paragraph(doc, title, STD_H1, "Heading 1")
        each(doc, items, "{{ loop.index }}. {{ d }}", STD_BODY)
        tag(doc, "{%p endif %}")
    tag(doc, "{%p if meeting.next_meeting %}")
    p = paragraph(doc, "下次会议：", STD_LABEL)
    p.paragraph_format.space_before = Pt(12)
    add_run(p, "{{ meeting.next_meeting }}。", STD_BODY)
    tag(doc, "{%p endif %}")


def review_section(doc, head: Look, cell: Look, small: Look, heading_style_name: str | None) -> None:
    """审阅意见: the lint findings, so a draft goes out with its open questions visible."""
    tag(doc, "{%p if review_notes %}")
    paragraph(doc, "审阅意见（定稿前处理并删除本节）", head, heading_style_name, keep_with_next=True)
    loop_table(doc, NOTE_HEADERS, NOTE_CELLS, NOTE_WIDTHS, "n in review_notes", small, Look(head.east, small.size),
               centred=frozenset({0, 5}))
    tag(doc, "{%p endif %}")


def sign_off(doc) -> None:
    """签发 (blank to sign unless the notes name the signer); 分送 / 抄送 / 印发 only as the notes give them."""
    p = paragraph(doc)
    p.paragraph_format.space_before = Pt(18)
    p.paragraph_format.tab_stops.add_tab_stop(Mm(95), WD_TAB_ALIGNMENT.LEFT)
    add_run(p, "签发人：", STD_BODY)
    add_run(p, f"{{{{ issuer or '{SIGN_BLANK}' }}}}", STD_BODY).font.underline = True
    add_run(p, "\t签发日期：", STD_BODY)
    add_run(p, SIGN_BLANK, STD_BODY).font.underline = True
    for label, value in (("分送", "distribution"), ("抄送", "cc")):
        tag(doc, f"{{%p if {value} %}}")
        paragraph(doc, f"{label}：{{{{ {value} }}}}。", STD_BODY)
        tag(doc, "{%p endif %}")
    tag(doc, "{%p if meeting.office or meeting.issue_date %}")
    paragraph(doc, "印发：{{ meeting.office }}{% if meeting.office and meeting.issue_date %}　{% endif %}"
                   "{% if meeting.issue_date %}{{ meeting.issue_date }}印发{% endif %}", STD_BODY)
    tag(doc, "{%p endif %}")


def build_standard() -> Document:
    doc = Document()
    a4(doc.sections[0], top=25, bottom=25, left=25, right=25)
    standard_styles(doc)
    doc.sections[0].header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    add_run(doc.sections[0].header.paragraphs[0], "{{ meeting.title }}", STD_SMALL)
    page_x_of_y(doc.sections[0], STD_SMALL)
    paragraph(doc, "{{ meeting.minutes_title }}", STD_TITLE, "Title")
    tag(doc, "{%p if meeting.headed %}")
    paragraph(doc, "{{ meeting.office }}{% if meeting.office and meeting.doc_number %}　{% endif %}"
                   "{{ meeting.doc_number }}", STD_CELL, align=WD_ALIGN_PARAGRAPH.CENTER)
    tag(doc, "{%p endif %}")
    info_table(doc, STD_INFO_ROWS, [24, 56, 24, 56])
    tag(doc, "{%p if meeting.lead %}")
    paragraph(doc, "{{ meeting.lead }}", STD_BODY).paragraph_format.space_before = Pt(9)
    tag(doc, "{%p endif %}")
    standard_topics(doc)
    standard_lists(doc)
    review_section(doc, STD_H1, STD_CELL, STD_CELL, "Heading 1")
    sign_off(doc)
    declare_fonts(doc, FALLBACKS)
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
    no_grid_snap(title)
    h1 = heading_style(doc, "Heading 1", GB_H1, 0, 0)
    h1.paragraph_format.first_line_indent = Pt(2 * GB_H1.size)
    h1.paragraph_format.line_spacing_rule, h1.paragraph_format.line_spacing = WD_LINE_SPACING.EXACTLY, GB_LINE


def centred(doc, text: str, look: Look):
    p = paragraph(doc, text, look, align=WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.first_line_indent = Pt(0)
    return p


def formal_head(doc) -> None:
    """版头, when the notes give an issuing office or a 期号: the red 纪要 mark, the 期号, the office and
    the 印发 date either side, then a red rule across the text width."""
    tag(doc, "{%p if meeting.headed %}")
    mark = centred(doc, "{{ meeting.mark }}", GB_MARK)
    mark.paragraph_format.line_spacing = Pt(GB_MARK.size * 1.5)
    tag(doc, "{%p if meeting.doc_number %}")
    centred(doc, "{{ meeting.doc_number }}", GB_BODY)
    tag(doc, "{%p endif %}")
    rule = paragraph(doc, "{{ meeting.office }}\t{{ meeting.issue_date }}", GB_BODY)
    fmt = rule.paragraph_format
    fmt.first_line_indent, fmt.left_indent, fmt.right_indent = Pt(0), Pt(GB_BODY.size), Pt(GB_BODY.size)
    fmt.tab_stops.add_tab_stop(Mm(GB_TEXT_WIDTH) - Pt(2 * GB_BODY.size), WD_TAB_ALIGNMENT.RIGHT)
    paragraph_border(rule, "bottom", 8, GB_RED)
    paragraph(doc)
    tag(doc, "{%p endif %}")


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
    tag(doc, "{%p if topic.heading %}")
    paragraph(doc, "{{ topic.heading }}", GB_H1, "Heading 1")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for line in topic.lines %}")
    paragraph(doc, "{{ line }}", GB_BODY)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")


def formal_pending(doc) -> None:
    tag(doc, "{%p if open_questions or risks %}")
    paragraph(doc, "会议提出以下事项待进一步研究：", GB_BODY, keep_with_next=True)
    tag(doc, "{%p for q in open_questions + risks %}")
    paragraph(doc, "{{ loop.index }}. {{ q }}", GB_BODY)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if meeting.next_meeting %}")
    paragraph(doc, "下次会议：{{ meeting.next_meeting }}。", GB_BODY)
    tag(doc, "{%p endif %}")


def formal_review(doc) -> None:
    tag(doc, "{%p if review_notes %}")
    paragraph(doc, "审阅意见（定稿前处理并删除）", GB_H1, keep_with_next=True)
    tag(doc, "{%p for n in review_notes %}")
    paragraph(doc, "{{ n.no }}. 【{{ n.label }}】{{ n.message }}。建议：{{ n.suggestion }}。"
                   "{% if n.where %}（{{ n.where }}）{% endif %}", GB_BODY)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def formal_attendance(doc) -> None:
    """出席 / 列席 / 缺席 with each person's unit, then 记录, each only when the notes give it."""
    paragraph(doc)
    for label, key in (("出席", "attendance"), ("列席", "observers"), ("缺席", "absent"), ("记录", "recorder")):
        tag(doc, f"{{%p if meeting.{key} %}}")
        labelled_line(doc, label, f"{{{{ meeting.{key} }}}}")
        tag(doc, "{%p endif %}")


RECORD_LINES = (("distribution", "分送：{{ distribution }}。"), ("cc", "抄送：{{ cc }}。"),
                ("meeting.office or meeting.issue_date",
                 "{{ meeting.office }}\t{% if meeting.issue_date %}{{ meeting.issue_date }}印发{% endif %}"))
THICK, THIN = 8, 4          # eighths of a point: 0.35 mm and 0.25 mm rules (GB/T 9704 7.4)
GB_TEXT_HEIGHT = round(225 / 25.4 * 1440)      # twips: A4 less 天头 37 mm and 35 mm at the foot
RECORD_LINE = 454                               # twips (8 mm): one 版记 line with its rule


def formal_record(doc) -> None:
    """版记 at the foot of the last page: 分送, 抄送, then 印发机关 and 印发日期, each only as the notes give
    it, each in a frame set up from the foot of the text area by the lines present below it; a thick rule
    above the first line there and below the last, thin rules between (GB/T 9704 7.4).

    One frame a line, because LibreOffice drops a frame whose paragraphs carry different rules."""
    conditions = [f"({c})" for c, _ in RECORD_LINES]
    for i, (condition, text) in enumerate(RECORD_LINES):
        before, after = " or ".join(conditions[:i]), " or ".join(conditions[i + 1:])
        below = "".join(f" + (1 if {c} else 0)" for c in conditions[i + 1:])
        tag(doc, f"{{%p if {condition} %}}")
        p = paragraph(doc, text, GB_NOTE)
        fmt = p.paragraph_format
        fmt.first_line_indent, fmt.left_indent, fmt.right_indent = Pt(0), Pt(GB_NOTE.size), Pt(GB_NOTE.size)
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(GB_NOTE.size * 1.5)
        fmt.tab_stops.add_tab_stop(Mm(GB_TEXT_WIDTH) - Pt(2 * GB_NOTE.size), WD_TAB_ALIGNMENT.RIGHT)
        frame_above_page_foot(p, GB_TEXT_WIDTH, RECORD_LINE, f"{{{{ {GB_TEXT_HEIGHT} - {RECORD_LINE} * (1{below}) }}}}")
        paragraph_border(p, "top", f"{{% if {before} %}}{THIN}{{% else %}}{THICK}{{% endif %}}" if before else THICK)
        if after:
            paragraph_border(p, "bottom", THICK, kind=f"{{% if {after} %}}nil{{% else %}}single{{% endif %}}")
        else:
            paragraph_border(p, "bottom", THICK)
        tag(doc, "{%p endif %}")
    paragraph(doc)      # the body may not end inside a frame


def build_formal() -> Document:
    doc = Document()
    section = doc.sections[0]
    a4(section, top=37, bottom=35, left=28, right=26)
    section.header_distance, section.footer_distance = Mm(15), Mm(23)
    line_grid(section, round(GB_LINE.pt * 20))
    formal_styles(doc)
    gb_page_numbers(doc, section)
    formal_head(doc)
    paragraph(doc, "{{ meeting.minutes_title }}", GB_TITLE, "Title")
    paragraph(doc)
    formal_body(doc)
    formal_pending(doc)
    formal_attendance(doc)
    formal_review(doc)
    formal_record(doc)
    declare_fonts(doc, FALLBACKS)
    core_properties(doc, "会议纪要（公文格式）")
    return doc


# --------------------------------------------------------------------------- #
# tracker.docx
# --------------------------------------------------------------------------- #
TRACKER_HEADERS = ["任务ID", "任务", "负责人", "部门", "协作人", "计划完成日期", "优先级", "状态", "进度", "风险/备注"]
TRACKER_CELLS = ["{{ a.id }}", "{{ a.task }}", "{{ a.owner }}", "{{ a.department }}", "{{ a.collaborators }}",
                 "{{ a.deadline_short }}", "{{ a.priority }}", "{% cellbg a.status_fill %}{{ a.status }}",
                 "{{ a.progress }}", "{{ a.remarks }}"]
# mm, 267 in all (A4 landscape less 15 mm margins); 任务ID holds ABCDEFGH-2024-001 on one line,
# 计划完成日期 a date and a time.
TRACKER_WIDTHS = [42, 60, 17, 18, 18, 30, 16, 17, 13, 36]


def build_tracker() -> Document:
    doc = Document()
    a4(doc.sections[0], top=20, bottom=20, left=15, right=15, landscape=True)
    standard_styles(doc)
    page_x_of_y(doc.sections[0], STD_SMALL)
    paragraph(doc, "{{ meeting.title }}任务跟踪表", STD_TITLE, "Title")
    p = paragraph(doc, "来源会议：{{ meeting.source_meeting }}", STD_CELL)
    add_run(p, "{% if project %}　　项目：{{ project }}{% endif %}　　制表日期：{{ generated }}", STD_CELL)
    loop_table(doc, TRACKER_HEADERS, TRACKER_CELLS, TRACKER_WIDTHS, "a in actions",
               centred=frozenset({0, 5, 6, 7, 8}))
    paragraph(doc, "状态取值：未开始 / 进行中 / 已完成 / 延期 / 待验收。绿色为已完成，黄色为进行中，红色为延期。",
              STD_SMALL)
    declare_fonts(doc, FALLBACKS)
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
