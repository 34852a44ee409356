"""The Word XML layer: body paragraphs and tables in document order, as model blocks.

python-docx gives the package and the XML; this module is the only one that does
XPath on it. It reads what python-docx's `.text` misses: text inside tracked
insertions and content controls, soft breaks, auto-numbering (whose digits are
not in the text), heading levels, and merged cells (read once, not at every grid
position they span).
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

from docx.document import Document as WordDocument
from docx.oxml.ns import qn

from .model import Cell, Location, Paragraph, Table

_P, _TBL, _SDT = qn("w:p"), qn("w:tbl"), qn("w:sdt")
_TEXT_TAGS = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n",
              qn("w:noBreakHyphen"): "-", qn("w:sym"): ""}
_SKIP_INSIDE = {qn("w:del"), qn("w:txbxContent"), qn("w:instrText"), qn("w:delText")}
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)


class _Numbering:
    """numId → per-level number format, read once from the numbering part."""

    def __init__(self, word: WordDocument):
        self.formats: dict[tuple[str, int], str] = {}
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            definition = abstract.get(ref.get(qn("w:val")) if ref is not None else None)
            if definition is None:
                continue
            for lvl in definition.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                level = int(lvl.get(qn("w:ilvl"), "0"))
                self.formats[(num.get(qn("w:numId")), level)] = fmt.get(qn("w:val")) if fmt is not None else "decimal"

    def kind(self, num_id: str, level: int) -> Optional[str]:
        if num_id in (None, "0"):
            return None
        fmt = self.formats.get((num_id, level), "decimal")
        return "bullet" if fmt == "bullet" else ("number" if fmt != "none" else None)


def iter_blocks(word: WordDocument) -> Iterator[Paragraph | Table]:
    numbering = _Numbering(word)
    styles = _StyleInfo(word)
    counters = {"paragraph": 0, "table": 0}
    for element in _body_children(word.element.body):
        if element.tag == _P:
            counters["paragraph"] += 1
            yield _paragraph(element, Location(paragraph=counters["paragraph"], column=1), numbering, styles)
        else:
            counters["table"] += 1
            yield _table(element, counters["table"])


def _body_children(parent) -> Iterator:
    """Paragraphs and tables in order, looking through content controls (w:sdt)."""
    for child in parent.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_children(content)


def paragraph_text(p) -> str:
    """All visible text of a w:p: runs, insertions, hyperlinks, fields' results; not deletions."""
    parts: list[str] = []
    for node in p.iter(*_TEXT_TAGS):
        if _inside_skipped(node, p):
            continue
        if node.tag == qn("w:br") and node.get(qn("w:type")) in ("page", "column"):
            continue
        fixed = _TEXT_TAGS[node.tag]
        parts.append(node.text or "" if fixed is None else fixed)
    return "".join(parts)


def _inside_skipped(node, stop) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in _SKIP_INSIDE:
            return True
        parent = parent.getparent()
    return False


class _StyleInfo:
    """Heading level and style-level numbering, per style id, resolved through basedOn."""

    def __init__(self, word: WordDocument):
        self._styles = {}
        try:
            for style in word.styles.element.findall(qn("w:style")):
                self._styles[style.get(qn("w:styleId"))] = style
        except (KeyError, NotImplementedError, AttributeError):
            pass

    def heading(self, style_id: Optional[str]) -> Optional[int]:
        for style in self._chain(style_id):
            name = style.find(qn("w:name"))
            name = name.get(qn("w:val")) if name is not None else ""
            if name.lower() == "title":
                return 1
            if m := _HEADING_STYLE.match(name):
                return int(m.group(1))
            outline = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
            if outline is not None and outline.get(qn("w:val")).isdigit() and int(outline.get(qn("w:val"))) < 9:
                return int(outline.get(qn("w:val"))) + 1
        return None

    def numbering(self, style_id: Optional[str]):
        for style in self._chain(style_id):
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                return num_pr
        return None

    def _chain(self, style_id: Optional[str]):
        seen = set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None


def _paragraph(p, location: Location, numbering: _Numbering, styles: _StyleInfo) -> Paragraph:
    style_id = _style_id(p)
    heading = _outline_level(p) or styles.heading(style_id)
    num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    if num_pr is None:
        num_pr = styles.numbering(style_id)
    list_kind, level = None, 0
    if num_pr is not None:
        num_id = _val(num_pr.find(qn("w:numId")))
        level = int(_val(num_pr.find(qn("w:ilvl"))) or 0)
        list_kind = numbering.kind(num_id, level)
        if list_kind is None and num_id not in (None, "0"):
            list_kind = "number"
    return Paragraph(text=paragraph_text(p), location=location, heading=heading,
                     list_kind=list_kind, list_level=level)


def _style_id(p) -> Optional[str]:
    return _val(p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}"))


def _outline_level(p) -> Optional[int]:
    value = _val(p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}"))
    return int(value) + 1 if value and value.isdigit() and int(value) < 9 else None


def _val(element) -> Optional[str]:
    return element.get(qn("w:val")) if element is not None else None


def _through_controls(parent, tag: str) -> list:
    """Children with `tag`, also when a content control (repeating section) wraps them."""
    found = []
    for child in parent.iterchildren():
        if child.tag == tag:
            found.append(child)
        elif child.tag == _SDT and (content := child.find(qn("w:sdtContent"))) is not None:
            found.extend(_through_controls(content, tag))
    return found


def _table(tbl, index: int) -> Table:
    """Rows of cells; a horizontally or vertically merged cell appears once, None elsewhere."""
    rows: list[list[Optional[Cell]]] = []
    for r, tr in enumerate(_through_controls(tbl, qn("w:tr")), start=1):
        row: list[Optional[Cell]] = []
        grid = 0
        for tc in _through_controls(tr, qn("w:tc")):
            props = tc.find(qn("w:tcPr"))
            span = int(_val(props.find(qn("w:gridSpan"))) or 1) if props is not None else 1
            vmerge = props.find(qn("w:vMerge")) if props is not None else None
            continues = vmerge is not None and _val(vmerge) in (None, "continue")
            text = "\n".join(paragraph_text(p) for p in tc.iter(_P) if not _inside_skipped(p, tc))
            first = None if continues else Cell(text=text, location=Location(table=index, row=r, cell=grid + 1, column=1))
            row.extend([first] + [None] * (span - 1))
            grid += span
        rows.append(row)
    return Table(rows=rows, location=Location(table=index, row=1, cell=1, column=1))
