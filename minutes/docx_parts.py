"""Text a Word package keeps outside the body's XML: page headers and footers, footnotes
and endnotes, and embedded documents (w:altChunk: Word, HTML, plain text).

Part of the Word XML layer with docx_blocks.py, whose BlockReader numbers the blocks
and counts them against the limits.
"""
from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator, Optional

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from .docx_package import WordPackage
from .docx_text import qn
from .errors import TooLargeInput
from .model import Block, Cell, Location, Table

_SECTION, _SECTION_CHANGE = qn("w:sectPr"), qn("w:sectPrChange")
_NOTE_KINDS = (("footnote", RT.FOOTNOTES, qn("w:footnote")), ("endnote", RT.ENDNOTES, qn("w:endnote")))
_WORD_CHUNK = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
               "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
_HTML_CHUNK = ("text/html", "application/xhtml+xml")
_TEXT_CHUNK = ("text/plain",)


# --------------------------------------------------------------------------- #
# Headers, footers, notes
# --------------------------------------------------------------------------- #
def furniture_blocks(reader) -> Iterator[Block]:
    """Page headers, then footers, each distinct one once; then footnotes and endnotes."""
    for region, tag in (("header", qn("w:headerReference")), ("footer", qn("w:footerReference"))):
        seen: set[tuple[str, ...]] = set()
        for part in _section_parts(reader.word, tag):
            yield from _once(reader, reader.word.element(part), region, seen)
    for region, relation, tag in _NOTE_KINDS:
        root = _related_xml(reader, relation)
        for note in root.iterchildren(tag) if root is not None else ():
            if note.get(qn("w:type")) in (None, "normal"):
                yield from reader.container(note, region, 1)


def _section_parts(word, tag: str) -> list:
    """The header (or footer) parts the sections refer to, in section order, each part once."""
    parts, names = [], set()
    for section in word.body.iter(_SECTION):
        if section.getparent() is not None and section.getparent().tag == _SECTION_CHANGE:
            continue                                   # the layout before a tracked change
        for reference in section.iterchildren(tag):
            part = word.related(reference.get(qn("r:id")))
            if part is not None and part.is_xml and part.partname not in names:
                names.add(part.partname)
                parts.append(part)
    return parts


def _once(reader, root, region: str, seen: set) -> list[Block]:
    """The part's blocks, unless it has no text or the same text was already read."""
    marks = reader.paragraphs, reader.tables
    blocks = list(reader.container(root, region, 0))
    signature = tuple(_text_of(b) for b in blocks)
    if not "".join(signature).strip() or signature in seen:
        reader.paragraphs, reader.tables = marks      # its numbers go to the next part
        return []
    seen.add(signature)
    return blocks


def _text_of(block: Block) -> str:
    if isinstance(block, Table):
        return "\t".join(c.text for row in block.rows for c in row if c)
    return block.text


def _related_xml(reader, relation: str):
    """The root element of a related XML part (footnotes, endnotes), or None."""
    related = reader.word.related_by(relation)
    return reader.word.element(related) if related is not None else None


# --------------------------------------------------------------------------- #
# Embedded documents (w:altChunk)
# --------------------------------------------------------------------------- #
def alt_chunk_blocks(reader, chunk, region: str, depth: int) -> Iterator[Block]:
    """The blocks of a document embedded where the w:altChunk stands."""
    part = reader.word.related(chunk.get(qn("r:id")))
    if part is None:
        return
    kind = part.content_type.split(";")[0].strip().lower()
    if kind in _WORD_CHUNK:
        yield from _word_chunk(reader, reader.word.blob(part), region, depth)
    elif kind in _HTML_CHUNK:
        yield from _html_chunk(reader, reader.word.blob(part), region)
    elif kind in _TEXT_CHUNK:
        from .read import decode_text
        text, _ = decode_text(reader.word.blob(part), reader.budget.source)
        yield from (reader.paragraph_of(line, region) for line in text.split("\n") if line.strip())
    else:
        reader.warnings.append(f"未读取嵌入的文档 {part.partname}（{kind} 格式不支持，请在 Word 中打开后另存）")


def _word_chunk(reader, data: bytes, region: str, depth: int) -> Iterator[Block]:
    """A whole .docx embedded in the document: its body, numbered on from the outer document's."""
    from .docx_blocks import BlockReader
    from .read import check_zip
    if reader.embedded:
        raise TooLargeInput(f"Word 文件“{Path(reader.budget.source).name}”嵌入的文档里又嵌入了文档（altChunk），"
                            "只读一层", source=reader.budget.source)
    limits = reader.budget.limits
    reader.budget.xml += check_zip(data, reader.budget.source,
                                   replace(limits, max_xml_bytes=limits.max_xml_bytes - reader.budget.xml))
    inner = BlockReader(WordPackage(data, reader.budget.source), reader.budget)   # lint --fix edits the outer file only
    inner.embedded = True
    inner.paragraphs, inner.tables, inner.warnings = reader.paragraphs, reader.tables, reader.warnings
    yield from inner.container(inner.word.body, region, depth)
    reader.paragraphs, reader.tables = inner.paragraphs, inner.tables


def _html_chunk(reader, data: bytes, region: str) -> Iterator[Block]:
    from .read import decode_text
    text, _ = decode_text(data, reader.budget.source)
    page = _HtmlBlocks()
    for start in range(0, len(text), 1 << 16):         # in slices, so a page of a million <p> stops early
        page.feed(text[start:start + (1 << 16)])
        reader.budget.ahead(len(page.items))
    page.close()
    for kind, content in page.items:
        if kind == "p":
            yield reader.paragraph_of(content, region)
        else:
            yield _html_table(reader, content, region)


def _html_table(reader, rows: list[list[tuple[str, int, int]]], region: str) -> Table:
    """Cells with colspan/rowspan placed on a grid, each once, None where a span covers."""
    reader.tables += 1
    reader.budget.block()
    index, grid_rows, covers = reader.tables, [], {}
    below: dict[int, tuple[int, tuple[int, int]]] = {}    # grid column → (rows still covered, covering cell)
    for r, row in enumerate(rows):
        positions: list[Optional[Cell]] = []
        cells = iter(row)
        pending = next(cells, None)
        extent = max(below) + 1 if below else 0           # spans from rows above reach this far
        while pending is not None or len(positions) < extent:
            column = len(positions)
            if column in below:
                left, start = below.pop(column)
                if left > 1:
                    below[column] = (left - 1, start)
                covers[(r, column)] = start
                positions.append(None)
            elif pending is None:
                positions.append(None)
            else:
                positions.extend(_html_cell(reader, index, r, column, pending, covers, below))
                pending = next(cells, None)
        reader.budget.row(index, r + 1, len(positions))
        grid_rows.append(positions)
    return Table(rows=grid_rows, location=Location(table=index, row=1, cell=1, column=1), region=region,
                 covers=covers)


def _html_cell(reader, index: int, r: int, column: int, cell: tuple[str, int, int], covers: dict,
               below: dict) -> list[Optional[Cell]]:
    """One HTML cell at its grid column, and the positions its colspan and rowspan cover."""
    text, colspan, rowspan = cell
    reader.budget.row(index, r + 1, column + colspan)
    reader.budget.text(len(text))
    for c in range(column, column + colspan):
        if c > column:
            covers[(r, c)] = (r, column)
        if rowspan > 1:
            below[c] = (rowspan - 1, (r, column))
    return [Cell(text=text, location=Location(table=index, row=r + 1, cell=column + 1, column=1))] + [None] * (colspan - 1)


class _HtmlBlocks(HTMLParser):
    """An HTML page as paragraphs and tables: block tags end a paragraph, td/th are cells.

    A table inside a cell is read as lines of that cell's text."""

    _BREAKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "dt", "dd", "blockquote",
               "pre", "section", "article", "header", "footer", "hr", "title"}
    _SILENT = {"script", "style", "head", "template", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, object]] = []
        self._text: list[str] = []
        self._silent = 0
        self._tables: list[list[list[tuple[str, int, int]]]] = []
        self._cell: Optional[list[object]] = None            # [text parts, colspan, rowspan]

    def handle_starttag(self, tag, attrs):
        if tag in self._SILENT:
            self._silent += 1
        elif tag == "table":
            self._flush()
            self._tables.append([])
        elif tag == "tr" and len(self._tables) == 1:
            self._tables[-1].append([])
        elif tag in ("td", "th") and self._tables and len(self._tables) == 1:
            values = dict(attrs)
            self._cell = [[], _span(values.get("colspan")), _span(values.get("rowspan"))]
        elif tag in self._BREAKS:
            self._break()

    def handle_endtag(self, tag):
        if tag in self._SILENT:
            self._silent = max(self._silent - 1, 0)
        elif tag in ("td", "th") and self._cell is not None and len(self._tables) > 1:
            self._cell[0].append("\t")                      # a cell of a table inside a cell
        elif tag in ("td", "th") and self._cell is not None:
            parts, colspan, rowspan = self._cell
            text = "\n".join(line.strip() for line in "".join(parts).split("\n") if line.strip())
            if not self._tables[-1]:
                self._tables[-1].append([])
            self._tables[-1][-1].append((text, colspan, rowspan))
            self._cell = None
        elif tag == "table" and self._tables:
            rows = self._tables.pop()
            if self._tables:                                      # a table inside a cell: lines of its text
                self._break()
            elif any(rows):
                self.items.append(("table", [row for row in rows if row]))
        elif tag in self._BREAKS:
            self._break()

    def handle_data(self, data):
        if self._silent:
            return
        data = re.sub(r"\s+", " ", data)
        (self._cell[0] if self._cell is not None else self._text).append(data)

    def _break(self):
        if self._cell is not None:
            self._cell[0].append("\n")
        elif not self._tables:
            self._flush()

    def _flush(self):
        text = "".join(self._text).strip()
        if text:
            self.items.append(("p", text))
        self._text = []

    def close(self):
        super().close()
        self._flush()


def _span(value: Optional[str]) -> int:
    try:
        return max(int(value or 1), 1)
    except ValueError:
        return 1
