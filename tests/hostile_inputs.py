"""Generators of hostile inputs and the invariants every input must keep (issue 13).

Shared by tests/test_properties.py (a bounded run in CI) and tools/fuzz.py (as long as
you like). A generator draws notes the way people and accidents write them: labels,
names, deadlines and list marks in any order, runs of one fragment pumped hundreds of
times, stray comments, control characters, broken Word files, odd JSON, templates
that loop or recurse. A check takes one input and raises AssertionError naming the
broken invariant; anything else it raises is a bug in minutes.

Invariants:
    only MinutesError      no other exception leaves process(), resolve_deadline(),
                           minutes_from_dict() or a renderer
    deterministic          the same input gives the same output
    evidence               every evidence position points at its words in the source
    past deadlines         a deadline before the meeting date has a past-deadline finding
    loads back             the JSON output reads back to the same minutes and renders
"""
from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any, Optional

import docx
from hypothesis import strategies as st

from minutes import Options, resolve_deadline
from minutes.errors import MinutesError
from minutes.lint.fix import _fix_text
from minutes.model import Paragraph, minutes_from_dict
from minutes.pipeline import process_document
from minutes.read import decode_text
from minutes.render import (
    render_ics,
    render_json,
    render_markdown,
    render_minutes_docx,
    render_tracker_docx,
    render_tracker_xlsx,
)

# --------------------------------------------------------------------------- #
# Notes
# --------------------------------------------------------------------------- #
LABELS = ["会议时间：", "会议名称：", "会议地点：", "地点:", "主持人：", "主持：", "记录人：", "参会人员：", "出席：",
          "缺席：", "列席：", "待办：", "待办事项", "结论：", "决议：", "依据：", "议题：", "负责人：", "责任人：",
          "截止时间：", "完成时限：", "任务：", "优先级：", "协助：", "配合部门：", "下一步行动", "会议议定事项",
          "Owner:", "DDL:", "ETA:", "Action items", "由", "主持召开", "召开", "同志"]
NAMES = ["张伟", "李娜", "王强", "刘工", "小陈", "欧阳娜娜", "Tom", "Jerry Li", "韩冰", "周强"]
DEPARTMENTS = ["产品部", "研发部", "市场部", "客服部", "财务处", "办公室", "各部门", "相关部门", "信息中心"]
TASKS = ["整理需求文档", "提交预算报告", "完成系统上线", "跟进供应商合同", "输出测试方案", "汇总问卷", "发给相关部门",
         "研究一下", "配合一下", "签订合同", "修订制度", "开展培训"]
WHEN = ["下周三前", "周五", "6月20日", "6月20日前", "3个工作日内", "5個工作日內", "两周内", "尽快", "近期", "月底",
        "下月底", "明天下午3点前", "2024年6月12日", "2024-06-12", "24小时内", "待定", "收到协议后3天内", "签订起3天",
        "Q3", "EOD", "6/20", "June 20", "10:30", "14:00-15:30", "上午", "点半", "0999年1月1日", "9999年12月31日",
        "十五号", "下下周一", "本周内", "年底前", "第三季度末", "2月30日", "13月1日", "25:00"]
WORDS = ["负责", "协助", "我来负责", "我周三前给你", "你负责", "我认为", "我觉得", "应该", "原则上", "争取", "大家",
         "已完成", "进行中", "高", "紧急", "重要", "同意", "通过", "决定", "会议认为", "抄送", "@"]
MARKS = ["一、", "（一）", "(一)", "1.", "1、", "（1）", "①", "- ", "* ", "- [ ] ", "- [x] ", "# ", "## ", "### ",
         "> ", "| ", " | ", "|---|---|", "**", "`", "【", "】", "[", "]"]
PUNCT = ["，", "。", "；", "、", "：", ":", " ", "  ", "\u3000", "\t", "（", "）", "(", ")", "-", "/", "~", "至",
         "！", "？", "“", "”", "…"]
COMMENTS = ["<!-- minutes-disable -->", "<!-- minutes-disable vague-time -->", "<!-- minutes-enable -->",
            "<!-- minutes-disable-line -->", "<!-- minutes-disable-next-line -->", "<!--", "-->", "<!-- 备注 -->"]
ODD = ["\x00", "\x0b", "\x0c", "\r", "\x1c", "\x85", "\u2028", "\ufeff", "\u200b", "\ud7ff", "\U0001f600", "\u0301",
       "ﬁ", "Ａ", "１２", "〇", "壹", "廿"]

FRAGMENT = st.sampled_from(LABELS + NAMES + DEPARTMENTS + TASKS + WHEN + WORDS + MARKS + PUNCT + COMMENTS + ODD)
PUMPED = st.builds(lambda f, n: f * n, st.sampled_from(LABELS + WHEN + MARKS + PUNCT + WORDS + ["@张伟", "待", "由"]),
                   st.integers(20, 400))
NOISE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@st.composite
def note_line(draw) -> str:
    parts = draw(st.lists(st.one_of(FRAGMENT, FRAGMENT, FRAGMENT, PUMPED, NOISE), max_size=12))
    return "".join(parts)


@st.composite
def notes(draw, max_lines: int = 30) -> str:
    lines = draw(st.lists(note_line(), min_size=1, max_size=max_lines))
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


SUFFIX = st.sampled_from([".txt", ".md"])
ENCODING = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "big5"])


@st.composite
def note_file(draw) -> tuple[str, bytes]:
    text = draw(notes())
    encoding = draw(ENCODING)
    data = text.encode(encoding, errors="ignore")
    return f"notes{draw(SUFFIX)}", data


RAW_FILE = st.tuples(st.builds(lambda s: "raw" + s, st.sampled_from([".txt", ".md", ".docx", ".pdf", ""])),
                     st.binary(max_size=600))


# --------------------------------------------------------------------------- #
# Word files: built from the same lines, then sometimes broken on purpose
# --------------------------------------------------------------------------- #
# Small edits to document.xml of the kind a damaged or crafted file carries.
XML_EDITS = [
    (b"<w:tc>", b'<w:tc><w:tcPr><w:gridSpan w:val="7"/></w:tcPr>'),
    (b"<w:tc>", b'<w:tc><w:tcPr><w:gridSpan w:val="-3"/></w:tcPr>'),
    (b"<w:tc>", b'<w:tc><w:tcPr><w:gridSpan w:val="x"/></w:tcPr>'),
    (b"<w:tc>", b'<w:tc><w:tcPr><w:vMerge/></w:tcPr>'),
    (b"<w:tc>", b'<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>'),
    (b"<w:tr>", b"<w:tr><w:tc><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:tc>"),
    (b"<w:p>", b"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"99\"/><w:numId w:val=\"7\"/></w:numPr></w:pPr>"),
    (b"<w:r>", b"<w:r><w:br/><w:tab/><w:cr/>"),
    (b"<w:t>", b"<w:t xml:space=\"preserve\">\xe3\x80\x80"),
    (b"</w:body>", b"<w:tbl></w:tbl></w:body>"),
    (b"</w:body>", b"<w:tbl><w:tr></w:tr></w:tbl></w:body>"),
    (b"<w:body>", b"<w:body><w:sdt><w:sdtContent><w:p><w:r><w:t>\xe5\xbe\x85\xe5\x8a\x9e</w:t></w:r></w:p>"
                  b"</w:sdtContent></w:sdt>"),
    (b"</w:document>", b""),
    (b"w:val", b"w:val2"),
]


@st.composite
def word_file(draw, edits: list = XML_EDITS) -> tuple[str, bytes]:
    doc = docx.Document()
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            style = draw(st.sampled_from([None, "Heading 1", "Heading 2", "Title", "List Bullet", "List Number"]))
            doc.add_paragraph(_xml_safe(draw(note_line())), style=style)
        else:
            _table(draw, doc)
    out = io.BytesIO()
    doc.save(out)
    data = out.getvalue()
    if draw(st.integers(0, 3)) == 0:
        data = _mutate_xml(data, draw, edits)
    return "notes.docx", data


def _table(draw, doc) -> None:
    rows, cols = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    table = doc.add_table(rows=rows, cols=cols)
    for row in table.rows:
        for cell in row.cells:
            cell.text = _xml_safe(draw(st.one_of(note_line(), st.sampled_from(LABELS + NAMES + WHEN + TASKS))))
    if rows > 1 and cols > 1 and draw(st.booleans()):
        r, c = draw(st.integers(0, rows - 2)), draw(st.integers(0, cols - 2))
        table.cell(r, c).merge(table.cell(draw(st.integers(r, rows - 1)), draw(st.integers(c, cols - 1))))


# Edits the Word reader cannot take yet (issue 13, item 2: a merge of 10^8 columns): tools/fuzz.py only.
HUGE_XML_EDITS = [
    (b"<w:tc>", b'<w:tc><w:tcPr><w:gridSpan w:val="100000"/></w:tcPr>'),
    (b"<w:tc>", b'<w:tc><w:tcPr><w:gridSpan w:val="100000000"/></w:tcPr>'),
]


def _mutate_xml(data: bytes, draw, edits: list) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "word/document.xml":
                for old, new in draw(st.lists(st.sampled_from(edits), min_size=1, max_size=3)):
                    body = body.replace(old, new, draw(st.integers(1, 3)))
            dst.writestr(item, body)
    return out.getvalue()


def _xml_safe(text: str) -> str:
    return "".join(ch for ch in text if ch in "\t\n\r" or (" " <= ch and ch not in "\ufffe\uffff"
                                                            and not "\ud800" <= ch <= "\udfff"))


# --------------------------------------------------------------------------- #
# Deadlines, extraction JSON, templates
# --------------------------------------------------------------------------- #
PHRASE = st.lists(st.one_of(st.sampled_from(WHEN + PUNCT + NAMES + WORDS), NOISE.map(lambda s: s[:6])),
                  max_size=6).map("".join)
REF = st.one_of(st.dates(date(1, 1, 1), date(9999, 12, 31)), st.dates(date(2020, 1, 1), date(2030, 12, 31)),
                st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31)))

JSON_LEAF = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False),
                      st.text(max_size=8), st.sampled_from(["2024-06-20", "2024-06-20T15:00", "0999-01-01", "high",
                                                            "", "张伟", "-1", "2024-13-01"]))
JSON_ANY = st.recursive(JSON_LEAF, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                           st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                        max_leaves=12)


@st.composite
def extraction_json(draw) -> Any:
    """An extraction a person edited: the real shape, with fields swapped for anything."""
    item = {"task": "整理需求", "owner": "张伟", "deadline": "2024-06-20", "priority": "high", "line": 3,
            "collaborators": ["李娜"], "evidence": {}}
    meeting = {"title": "周会", "date": "2024-06-12", "attendees": ["张伟"]}
    decision = {"text": "通过", "rationale": []}
    finding = {"rule": "vague-time", "text": "尽快", "line": 3, "column": 5, "severity": "warning"}
    base = {"source": "周会.txt", "meeting": meeting, "decisions": [decision], "action_items": [item],
            "lint": [finding]}
    for _ in range(draw(st.integers(0, 4))):
        target = draw(st.sampled_from([base, meeting, item, finding, decision]))
        target[draw(st.sampled_from(sorted(target) + ["evidence", "end_time", "status", "location"]))] = \
            draw(JSON_ANY)
    return draw(st.one_of(st.just(base), JSON_ANY)) if draw(st.integers(0, 5)) == 0 else base


TEMPLATE_TAGS = ["{{ meeting.title }}", "{{ meeting.title|center(%d) }}", "{{ meeting.title.ljust(%d) }}",
                 "{% for a in actions %}{{ a.task }}{% endfor %}", "{% for i in range(%d) %}{{ i }}{% endfor %}",
                 "{% for i in range(%d) %}{% for j in range(%d) %}.{% endfor %}{% endfor %}",
                 "{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}",
                 "{% macro d(s) %}{{ d(s ~ s) }}{% endmacro %}{{ d('ab') }}",
                 "{{ meeting.title|format(%d) }}", "{{ actions|dictsort }}", "{{ actions[%d].task }}",
                 "{{ %d / 0 }}", "{{ 'x' * %d }}", "{{ meeting|attr('x') }}", "{{ ''.__class__ }}",
                 "{% if meeting.location %}{{ meeting.location }}{% endif %}", "{{ actions|length }}",
                 "{{ topics|map(attribute='heading')|join('、') }}", "{{ meeting.when|truncate(%d) }}",
                 "{% for", "{{", "}}", "{%p if review_notes %}", "{%p endif %}", "{{ meeting.title|wordwrap(%d) }}",
                 "{{ range(%d)|list|length }}", "{{ actions|sum(attribute='no') }}", "{{ meeting.title|int + 1 }}"]


@st.composite
def template_paragraphs(draw) -> list[str]:
    tags = draw(st.lists(st.sampled_from(TEMPLATE_TAGS), min_size=1, max_size=4))
    return ["".join(tag.replace("%d", str(draw(st.sampled_from([0, 1, 7, 10**5, 10**9])))) for tag in tags)]


# --------------------------------------------------------------------------- #
# The checks
# --------------------------------------------------------------------------- #
def extracted(name: str, data: bytes, ref: Optional[date] = None):
    """(document, minutes) or None for a MinutesError; any other exception propagates as a bug."""
    try:
        return process_document(name, data, options=Options(ref_date=ref))
    except MinutesError:
        return None


def check_notes(name: str, data: bytes, ref: Optional[date] = None) -> None:
    """Every invariant for one file of notes."""
    first = extracted(name, data, ref)
    if first is None:
        return
    document, minutes = first
    again = extracted(name, data, ref)
    assert again is not None and again[1].to_dict() == minutes.to_dict(), "same input, different output"
    check_evidence(name, data, document, minutes.to_dict())
    check_past_deadlines(minutes)
    check_loads_back(minutes)
    if document.kind != "docx":
        _, encoding = decode_text(data, name)
        _fix_text(data, [f for f in minutes.lint if f.rule in ("vague-time", "vague-owner")], encoding)


MARKDOWN_INLINE = str.maketrans("", "", "*_~`")   # marks the markdown reader drops inside a line


def check_evidence(name: str, data: bytes, document, result: dict) -> None:
    texts = _source_texts(name, data, document)
    for where, evidence in _evidence(result):
        key = _key(evidence)
        column = evidence.get("column") or 1
        words = evidence["text"]
        shown = texts.get(key, "")[column - 1:]
        if document.kind == "md":     # `**张伟**负责` is quoted as 张伟负责, from the first mark on
            shown, words = shown.translate(MARKDOWN_INLINE), words.translate(MARKDOWN_INLINE)
        assert shown.startswith(words), f"{where}: evidence {evidence} points at {shown[:len(words)]!r} " \
                                        f"in {texts.get(key)!r}"


def _source_texts(name: str, data: bytes, document) -> dict[tuple, str]:
    if document.kind != "docx":
        text, _ = decode_text(data, name)
        return {("l", n): line for n, line in enumerate(text.split("\n"), start=1)}
    texts = {}
    for block in document.blocks:
        if isinstance(block, Paragraph):
            texts[("p", block.location.paragraph)] = block.text
            continue
        for row in block.rows:
            for cell in row:
                if cell is not None:
                    loc = cell.location
                    texts[("t", loc.table, loc.row, loc.cell)] = cell.text
    return texts


def _key(evidence: dict) -> tuple:
    if evidence.get("line") is not None:
        return ("l", evidence["line"])
    if evidence.get("table") is not None:
        return ("t", evidence["table"], evidence.get("row"), evidence.get("cell"))
    return ("p", evidence.get("paragraph"))


ITEM_RULES = {"missing-owner", "missing-deadline", "multiple-owners", "past-deadline", "duplicate-task",
              "decision-without-rationale"}


def _evidence(result: dict):
    for name, e in result["meeting"]["evidence"].items():
        yield f"meeting.{name}", e
    for i, d in enumerate(result["decisions"]):
        if d["evidence"]:
            yield f"decisions[{i}]", d["evidence"]
        for e in d["rationale_evidence"]:
            yield f"decisions[{i}].rationale", e
    for i, a in enumerate(result["action_items"]):
        for name, e in a["evidence"].items():
            yield f"action_items[{i}].{name}", e
    for f in result["lint"]:
        if f["rule"] not in ITEM_RULES:   # item findings quote the item, at the item's place
            yield f"lint {f['rule']}", {"text": f["text"], **f["location"]}


def check_past_deadlines(minutes) -> None:
    if not minutes.meeting.date:
        return
    past = [a for a in minutes.action_items if a.deadline and a.deadline[:10] < minutes.meeting.date]
    flagged = [f for f in minutes.lint if f.rule == "past-deadline"]
    assert len(flagged) >= len(past), f"deadlines before {minutes.meeting.date} not flagged: " \
                                      f"{[(a.task, a.deadline) for a in past]}"


def check_loads_back(minutes) -> None:
    text = render_json(minutes)
    again = minutes_from_dict(json.loads(text), source=minutes.source)
    for before, after in zip(minutes.action_items, again.action_items, strict=True):
        assert (before.task, before.owner, before.deadline, before.priority, before.line) == \
               (after.task, after.owner, after.deadline, after.priority, after.line), "action item changed on reload"
    assert again.meeting.title == minutes.meeting.title and again.meeting.date == minutes.meeting.date
    assert [d.text for d in again.decisions] == [d.text for d in minutes.decisions]
    check_renders(again)


def check_renders(minutes, *, word: bool = True) -> None:
    """Every renderer gives bytes or a MinutesError."""
    renderers = [render_markdown, render_ics, render_tracker_xlsx]
    if word:
        renderers += [render_minutes_docx, render_tracker_docx]
    for render in renderers:
        try:
            assert render(minutes)
        except MinutesError:
            pass


def check_deadline(text: str, ref: date | datetime) -> None:
    try:
        first = resolve_deadline(text, ref)
    except MinutesError:
        return
    assert resolve_deadline(text, ref) == first, "same phrase, different deadline"
    if first is None:
        return
    assert text[first.start:first.end] == first.text, f"{first} does not quote {text!r}"
    if first.iso:
        parsed = datetime.fromisoformat(first.iso) if "T" in first.iso else date.fromisoformat(first.iso)
        assert parsed.isoformat()[:len(first.iso)] == first.iso, f"{first.iso!r} is not ISO"
    assert first.kind in ("date", "datetime", "vague", "undetermined", "conditional")


def small_minutes():
    from minutes.model import ActionItem, Meeting, Minutes
    return Minutes(source="周会.txt", meeting=Meeting(title="周会", date="2024-06-12"),
                   action_items=[ActionItem(task="整理需求", owner="张伟", deadline="2024-06-20")])


def check_template(paragraphs: list[str]) -> None:
    """A Word template made of these paragraphs renders, or its error names the template file."""
    import tempfile

    import docx

    from minutes.errors import TemplateError
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "模板.docx"
        doc = docx.Document()
        for text in paragraphs:
            doc.add_paragraph(text)
        doc.save(path)
        try:
            render_minutes_docx(small_minutes(), template=path)
        except TemplateError as exc:
            assert "模板.docx" in str(exc), str(exc)


def check_extraction_json(data: Any) -> None:
    try:
        minutes = minutes_from_dict(json.loads(json.dumps(data)), source="edited.json")
    except MinutesError:
        return
    check_renders(minutes)
