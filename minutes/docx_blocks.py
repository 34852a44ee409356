"""The Word XML layer: every place a Word or WPS file keeps text, as model blocks in reading order.

docx_package.py opens the package part by part, with python-docx's XML classes; this
module (with docx_text.py for the text of one paragraph and docx_parts.py for the other
parts of the package) is the only one that does XPath on it. Read, in this order:

* the body: paragraphs and tables, looking through content controls (repeating sections
  too), custom XML and tracked insertions; tracked deletions are gone; a control still
  showing its placeholder prompt is empty;
* text boxes and shapes, right after the paragraph that anchors them (region "textbox");
* a table that frames other tables (a layout table): each row holding a table is read as
  paragraphs, with the inner tables as tables of their own, so their header rows and
  columns count; the frame's other rows stay a table;
* merged cells once: a cell spanning columns at its first grid column, a vertical merge
  in its first row, None at every other position it covers; w:gridBefore/w:gridAfter
  leave their grid positions empty;
* embedded documents (w:altChunk) where they stand;
* after the body, page headers, page footers, footnotes and endnotes, marked with their
  region; a header or footer that several sections repeat is read once.

Paragraphs and tables are numbered in that reading order (table N is the Nth table met,
nested ones included), so in a plain document they are its own paragraphs and tables.
Every count a file declares (grid spans, rows, cells, nesting, text) is checked against
read.Limits as it is read: a hostile file stops with TooLargeInput, not with gigabytes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, NamedTuple, Optional

from .docx_package import WordPackage
from .docx_parts import alt_chunk_blocks, furniture_blocks
from .docx_text import (ALTERNATE_CONTENT, SDT, SDT_CONTENT, InlineText, TooDeep, as_int, chosen_branch,
                        control_state, first_child, qn)
from .errors import TooLargeInput
from .model import Block, Cell, Location, Paragraph, Table

if TYPE_CHECKING:
    from .read import Limits

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_PROPS = {_TR: qn("w:trPr"), _TC: qn("w:tcPr")}
_PPR, _PSTYLE, _OUTLINE, _NUM_PR = qn("w:pPr"), qn("w:pStyle"), qn("w:outlineLvl"), qn("w:numPr")
_NUM_ID, _LEVEL, _VAL = qn("w:numId"), qn("w:ilvl"), qn("w:val")
_NAME, _BASED_ON = qn("w:name"), qn("w:basedOn")
_V_MERGE, _GRID_SPAN, _GRID_BEFORE, _GRID_AFTER = qn("w:vMerge"), qn("w:gridSpan"), qn("w:gridBefore"), qn("w:gridAfter")
_DELETED_MARKS = (qn("w:del"), qn("w:cellDel"))
ALT_CHUNK = qn("w:altChunk")
# Block-level wrappers: their children stand in the document as if unwrapped.
_WRAPPERS = {SDT_CONTENT, qn("w:customXml"), qn("w:ins"), qn("w:moveTo"), qn("w:smartTag")}
_GONE = {qn("w:del"), qn("w:moveFrom")}
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_CONTENTS_STYLE = re.compile(r"^(?:toc\s*\d|toc heading|目录\s*\d)$", re.I)    # a table of contents' lines


@dataclass
class Budget:
    """What one file may make, counted as it is read (read.Limits gives the numbers)."""

    limits: "Limits"
    source: str
    xml: int = 0                      # bytes of XML parsed (embedded documents share the limit)
    chars: int = 0
    blocks: int = 0
    rows: int = 0
    cells: int = 0

    def text(self, chars: int) -> None:
        self.chars += chars
        if self.chars > self.limits.max_chars:
            self._refuse(f"Word 文件“{Path(self.source).name}”的文字超过上限 {self.limits.max_chars:,} 个字符")

    def block(self) -> None:
        self.blocks += 1
        self.ahead(0)

    def ahead(self, coming: int) -> None:
        """Refuse now when blocks still to be made would go over (an embedded page's paragraphs)."""
        if self.blocks + coming > self.limits.max_blocks:
            self._refuse(f"Word 文件“{Path(self.source).name}”的段落和表格超过上限 {self.limits.max_blocks:,} 个")

    def row(self, table: int, row: int, width: int) -> None:
        if width > self.limits.max_table_columns:
            self._refuse(f"Word 文件“{Path(self.source).name}”第 {table} 个表格第 {row} 行占 {width:,} 列（跨列数 gridSpan、"
                         f"gridBefore 或 gridAfter 过大），超过上限 {self.limits.max_table_columns:,} 列")
        self.rows += 1
        self.cells += width
        if self.rows > self.limits.max_table_rows:
            self._refuse(f"Word 文件“{Path(self.source).name}”的表格共超过 {self.limits.max_table_rows:,} 行，超过上限")
        if self.cells > self.limits.max_table_cells:
            self._refuse(f"Word 文件“{Path(self.source).name}”的表格共超过 "
                         f"{self.limits.max_table_cells:,} 个单元格位置，超过上限")

    def nesting(self, depth: int) -> None:
        if depth > self.limits.max_depth:
            self.too_deep()

    def too_deep(self) -> None:
        self._refuse(f"Word 文件“{Path(self.source).name}”的嵌套层数超过上限 {self.limits.max_depth} 层"
                     "（表格、文本框或内容控件套得过深）")

    def _refuse(self, message: str) -> None:
        raise TooLargeInput(message, source=self.source)


class _Numbering:
    """numId → per-level number format, read once from the numbering part."""

    def __init__(self, word: WordPackage):
        self._word = word

    @cached_property
    def formats(self) -> dict[tuple[str, int], str]:
        """Read at the first numbered paragraph: many documents have none."""
        formats: dict[tuple[str, int], str] = {}
        root = self._word.numbering
        if root is None:
            return formats
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            definition = abstract.get(ref.get(qn("w:val")) if ref is not None else None)
            if definition is None:
                continue
            for lvl in definition.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                level = as_int(lvl.get(qn("w:ilvl")), 0)
                formats[(num.get(qn("w:numId")), level)] = fmt.get(qn("w:val")) if fmt is not None else "decimal"
        return formats

    def kind(self, num_id: Optional[str], level: int) -> Optional[str]:
        if num_id in (None, "0"):
            return None
        fmt = self.formats.get((num_id, level), "decimal")
        return "bullet" if fmt == "bullet" else ("number" if fmt != "none" else None)


class _StyleInfo:
    """Heading level and style-level numbering, per style id, resolved through basedOn."""

    def __init__(self, word: WordPackage):
        self._word = word
        self._known: dict[Optional[str], tuple[Optional[int], bool, object]] = {}   # style id → what a paragraph asks

    @cached_property
    def _table(self):
        """Read at the first paragraph that names a style."""
        return self._word.style_table()

    def of(self, style_id: Optional[str]) -> tuple[Optional[int], bool, object]:
        """(heading level, table-of-contents line, style-level numbering) of a style, worked out once per style."""
        known = self._known.get(style_id)
        if known is None:
            chain = list(self._chain(style_id))
            known = self._known[style_id] = (_heading_level(chain), _lists_contents(chain), _style_numbering(chain))
        return known

    def _chain(self, style_id: Optional[str]):
        """The style and those it is based on, nearest first."""
        seen = set()
        while style_id and style_id not in seen and (style := self._table.get(style_id)) is not None:
            seen.add(style_id)
            yield style
            style_id = _val(first_child(style, _BASED_ON))


def _heading_level(chain: list) -> Optional[int]:
    for style in chain:
        name = _val(first_child(style, _NAME)) or ""
        if name.lower() == "title":
            return 1
        if m := _HEADING_STYLE.match(name):
            return int(m.group(1))
        if level := _outline(_grandchild(style, _PPR, _OUTLINE)):
            return level
    return None


def _lists_contents(chain: list) -> bool:
    """A line of a generated table of contents: it repeats a heading found further on."""
    return any(_CONTENTS_STYLE.match(_val(first_child(style, _NAME)) or "") for style in chain)


def _style_numbering(chain: list):
    for style in chain:
        num_pr = _grandchild(style, _PPR, _NUM_PR)
        if num_pr is not None:
            return num_pr
    return None


def _grandchild(element, child: str, tag: str):
    """The first ``tag`` under a ``child`` of the element (find("child/tag") without ElementPath)."""
    return next((found for parent in element.iterchildren(child) for found in parent.iterchildren(tag)), None)


class _Slot(NamedTuple):
    """One w:tc of a row: its first grid column, columns spanned, element, depth, the row
    number its vertical merge started in (None: the cell starts in this row), and its
    paragraphs, tables and embedded documents with their depth (walked once, when it starts here)."""

    grid: int
    span: int
    tc: object
    depth: int
    above: Optional[int]
    blocks: list


@dataclass
class _Row:
    number: int
    slots: list[_Slot]
    width: int
    layout: bool                      # holds a table (or an embedded document): read as paragraphs


@dataclass
class _Part:
    """The rows of a table between layout rows, becoming one Table block."""

    first_row: int
    rows: list[list[Optional[Cell]]] = field(default_factory=list)
    covers: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    def table(self, index: int, region: str) -> Table:
        return Table(rows=self.rows, location=Location(table=index, row=self.first_row, cell=1, column=1),
                     region=region, covers=self.covers)


@dataclass
class Places:
    """The text nodes (w:t) each numbered paragraph and cell was read from, for edits in place
    (lint --fix): a cell has one list per paragraph."""

    paragraphs: dict[int, list] = field(default_factory=dict)
    cells: dict[tuple[int, int, int], list[list]] = field(default_factory=dict)


class BlockReader:
    """Reads one Word package's parts into blocks; numbers and the budget run across all of them."""

    def __init__(self, word: WordPackage, budget: Budget, places: Optional[Places] = None):
        self.word = word
        self.budget = budget
        self.places = places              # None: nobody will edit, keep no references
        self.numbering = _Numbering(word)
        self.styles = _StyleInfo(word)
        self.paragraphs = 0
        self.tables = 0
        self.embedded = False             # reading a document embedded in another (w:altChunk)
        self.warnings: list[str] = []     # what was seen but could not be read

    # ------------------------------------------------------------------ containers
    def container(self, parent, region: str, depth: int) -> Iterator[Block]:
        """Blocks of a body, cell, text box, header or note, in order."""
        for element, at in self._block_children(parent, depth):
            if element.tag == _P:
                yield from self._paragraph_blocks(element, region, at)
            elif element.tag == _TBL:
                yield from self._table(element, region, at)
            else:
                yield from alt_chunk_blocks(self, element, region, at)

    def _block_children(self, parent, depth: int) -> Iterator[tuple[object, int]]:
        """Paragraphs, tables and embedded documents under parent, through wrappers, with their depth."""
        self.budget.nesting(depth + 1)
        for child in parent.iterchildren():
            if child.tag in (_P, _TBL, ALT_CHUNK):
                yield child, depth + 1
            elif child.tag == SDT:
                if control_state(child) != "placeholder" and (content := first_child(child, SDT_CONTENT)) is not None:
                    yield from self._block_children(content, depth + 2)
            elif child.tag in _WRAPPERS:
                yield from self._block_children(child, depth + 1)
            elif child.tag == ALTERNATE_CONTENT and (branch := chosen_branch(child)) is not None:
                yield from self._block_children(branch, depth + 1)

    # ------------------------------------------------------------------ paragraphs
    def _paragraph_blocks(self, p, region: str, depth: int) -> Iterator[Block]:
        """The paragraph, then the text boxes anchored in it."""
        text, boxes, nodes = self.paragraph_text(p, depth)
        paragraph = self._paragraph(p, text, region)
        if self.places is not None:
            self.places.paragraphs[paragraph.location.paragraph] = nodes
        yield paragraph
        yield from self._boxes(boxes, region, depth)

    def _paragraph(self, p, text: str, region: str) -> Paragraph:
        props = first_child(p, _PPR)
        style_id = _val(first_child(props, _PSTYLE)) if props is not None else None
        style_heading, contents, style_numbering = self.styles.of(style_id)
        heading = (_outline(first_child(props, _OUTLINE)) if props is not None else None) or style_heading
        num_pr = first_child(props, _NUM_PR) if props is not None else None
        list_kind, level = self._list_mark(style_numbering if num_pr is None else num_pr)
        if contents:
            region = "contents"
        return self.paragraph_of(text, region, heading=heading, list_kind=list_kind, list_level=level)

    def _list_mark(self, num_pr) -> tuple[Optional[str], int]:
        """Word's own numbering or bullet (its digits are not in the text), and the list level."""
        if num_pr is None:
            return None, 0
        num_id = _val(first_child(num_pr, _NUM_ID))
        level = min(max(as_int(_val(first_child(num_pr, _LEVEL)), 0), 0), 8)
        kind = self.numbering.kind(num_id, level)
        return (kind or ("number" if num_id not in (None, "0") else None)), level

    def paragraph_of(self, text: str, region: str, **style) -> Paragraph:
        """A numbered paragraph block (also for text that comes from outside WordprocessingML)."""
        self.budget.block()
        self.budget.text(len(text))
        self.paragraphs += 1
        return Paragraph(text=text, location=Location(paragraph=self.paragraphs, column=1), region=region, **style)

    def paragraph_text(self, p, depth: int) -> tuple[str, list, list]:
        """A paragraph's visible text, the text boxes anchored in it, and its w:t nodes (when kept)."""
        nodes: list = []
        inline = InlineText(self.budget.limits.max_depth - depth, nodes.append if self.places is not None else None)
        try:
            return inline.read(p, 0), inline.boxes, nodes
        except TooDeep:
            self.budget.too_deep()
            raise

    # ------------------------------------------------------------------ tables
    def _table(self, tbl, region: str, depth: int) -> Iterator[Block]:
        """The table as one block, or, when rows frame other tables, split around those rows."""
        self.tables += 1
        index = self.tables
        self.budget.block()
        part, boxes = _Part(first_row=1), []
        open_merges: dict[int, int] = {}              # grid column → row number a vertical merge started in
        for tr, at, props in self._through(tbl, _TR, depth):
            row = self._row(tr, props, index, part.first_row + len(part.rows), open_merges, at)
            if row.layout:
                if part.rows:
                    yield part.table(index, region)
                yield from self._boxes(boxes, region, depth)
                yield from self._layout_row(row, region)
                part, boxes = _Part(first_row=row.number + 1), []
            else:
                part.rows.append(self._cells(row, index, part, boxes))
        if part.rows:
            yield part.table(index, region)
        yield from self._boxes(boxes, region, depth)

    def _through(self, parent, tag: str, depth: int) -> Iterator[tuple[object, int, object]]:
        """Rows of a table or cells of a row, also where content controls or custom XML wrap them,
        with their depth and their properties (w:trPr, w:tcPr)."""
        self.budget.nesting(depth + 1)
        for child in parent.iterchildren():
            if child.tag == tag:
                props = first_child(child, _PROPS[tag])
                if not _deleted(props):
                    yield child, depth + 1, props
            elif child.tag == SDT and (content := first_child(child, SDT_CONTENT)) is not None:
                yield from self._through(content, tag, depth + 2)
            elif child.tag in _WRAPPERS:
                yield from self._through(child, tag, depth + 1)

    def _row(self, tr, props, table: int, number: int, open_merges: dict[int, int], depth: int) -> _Row:
        grid = _count(props, _GRID_BEFORE)
        slots: list[_Slot] = []
        for tc, at, tc_props in self._through(tr, _TC, depth):
            merge = first_child(tc_props, _V_MERGE) if tc_props is not None else None
            above = open_merges.get(grid) if merge is not None and _val(merge) in (None, "continue") else None
            if merge is None:
                open_merges.pop(grid, None)
            elif above is None:                       # a restart, or a continuation with nothing above
                open_merges[grid] = number
            blocks = list(self._block_children(tc, at)) if above is None else []
            slots.append(_Slot(grid, max(_count(tc_props, _GRID_SPAN), 1), tc, at, above, blocks))
            grid = slots[-1].grid + slots[-1].span
            if grid > self.budget.limits.max_table_columns:
                self.budget.row(table, number, grid)        # refuses before a million cells are listed
        width = grid + _count(props, _GRID_AFTER)
        self.budget.row(table, number, width)
        layout = any(_frames(slot) for slot in slots)
        return _Row(number=number, slots=slots, width=width, layout=layout)

    def _cells(self, row: _Row, table: int, part: _Part, boxes: list) -> list[Optional[Cell]]:
        """Grid positions of a row: each cell at its first column, None where a merge or gap covers."""
        positions: list[Optional[Cell]] = [None] * row.width
        here = len(part.rows)
        for slot in row.slots:
            if slot.above is not None:
                if slot.above >= part.first_row:       # the merge began in this part of the table
                    start = (slot.above - part.first_row, slot.grid)
                    part.covers.update({(here, g): start for g in range(slot.grid, slot.grid + slot.span)})
                continue
            positions[slot.grid] = self._cell(slot, table, row.number, boxes)
            if slot.span > 1:
                part.covers.update({(here, g): (here, slot.grid) for g in range(slot.grid + 1, slot.grid + slot.span)})
        return positions

    def _cell(self, slot: _Slot, table: int, row: int, boxes: list) -> Cell:
        texts, nodes = [], []
        for p, at in slot.blocks:
            text, found, runs = self.paragraph_text(p, at)
            texts.append(text)
            boxes.extend(found)
            nodes.append(runs)
        text = "\n".join(texts)
        self.budget.text(len(text))
        if self.places is not None:
            self.places.cells[(table, row, slot.grid + 1)] = nodes
        return Cell(text=text, location=Location(table=table, row=row, cell=slot.grid + 1, column=1))

    def _layout_row(self, row: _Row, region: str) -> Iterator[Block]:
        for slot in row.slots:
            if slot.above is None:
                yield from self.container(slot.tc, region, slot.depth)

    def _boxes(self, boxes: list, region: str, depth: int) -> Iterator[Block]:
        """Text boxes met inside table cells, after the table part that holds them."""
        box_region = "textbox" if region == "body" else region
        for box in boxes:
            if isinstance(box, str):
                yield self.paragraph_of(box, box_region)
            else:
                yield from self.container(box, box_region, depth + 1)


def read_blocks(word: WordPackage, budget: Budget, places: Optional[Places] = None) -> tuple[list[Block], list[str]]:
    """Every block of a Word document (the body, then headers, footers and notes), and warnings."""
    reader = BlockReader(word, budget, places)
    blocks = list(reader.container(word.body, "body", 0))
    blocks.extend(furniture_blocks(reader))
    return blocks, reader.warnings


def _frames(slot: _Slot) -> bool:
    """A cell that holds a table or an embedded document: part of a layout, not a value."""
    return any(element.tag != _P for element, _ in slot.blocks)


def _deleted(props) -> bool:
    """A row or cell (given as its w:trPr or w:tcPr) removed with tracked changes on (accepted, it is gone)."""
    if props is None:
        return False
    return next(props.iterchildren(*_DELETED_MARKS), None) is not None


def _count(props, tag: str) -> int:
    """A non-negative count a property declares (w:gridSpan, w:gridBefore, w:gridAfter), 0 if absent."""
    if props is None:
        return 0
    return max(as_int(_val(first_child(props, tag)), 0), 0)


def _outline(element) -> Optional[int]:
    value = _val(element)
    return int(value) + 1 if value and value.isdigit() and int(value) < 9 else None


def _val(element) -> Optional[str]:
    return element.get(_VAL) if element is not None else None
