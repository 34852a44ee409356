"""read_document(path) -> Document: .txt (any common encoding), .md, .docx.

Readers only lift structure that is visible in the file format (markdown heading
marks, list markers, checkboxes, tables, Word heading styles, auto-numbering,
table cells). Meaning — which line is a label, a topic or a task — is segment's
and extract's business.
"""
from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Iterator, Optional

from .errors import (CorruptInput, EmptyInput, MinutesError, TooLargeInput, UndecodableInput,
                     UnsupportedInput)
from .model import CONTENT_REGIONS, Cell, Document, Location, Paragraph, Table

SUPPORTED = (".txt", ".md", ".markdown", ".docx")


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one hostile file from taking the machine."""

    max_bytes: int = 20 * 1024 * 1024
    max_zip_entries: int = 2000
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_compression_ratio: int = 200
    max_chars: int = 500_000          # about 250 pages; keeps the worst case to seconds
    # What a Word file declares about itself is bounded too (a gridSpan of 10^8 must not
    # become 10^8 list entries). Word's own tables stop at 63 columns.
    max_blocks: int = 100_000         # paragraphs and tables
    max_table_columns: int = 512      # grid positions in one row
    max_table_rows: int = 50_000      # rows of all tables together
    max_table_cells: int = 200_000    # grid positions of all tables together
    max_depth: int = 100              # XML levels under the body (tables in cells, boxes, controls)
    # XML takes ~120 bytes of memory per element once parsed, and <a/> is 4 bytes: the
    # parts python-docx parses are bounded by their own size, not by the zip's.
    max_xml_bytes: int = 12 * 1024 * 1024


def read_document(path: str | Path, data: bytes | None = None, *, limits: Limits = Limits()) -> Document:
    """Read a file (or its bytes, when given) into the document model."""
    source = str(path)
    suffix = Path(source).suffix.lower()
    if suffix not in SUPPORTED:
        shown = suffix or "无扩展名"
        raise UnsupportedInput(f"无法读取“{Path(source).name}”：不支持这种文件（{shown}），"
                               "请提供 .txt、.md 或 .docx 文件", source=source)
    if data is None:
        data = _read_bytes(Path(source), limits)
    _check_size(data, source, limits)
    if suffix == ".docx":
        return read_docx(data, source, limits)
    text, encoding = decode_text(data, source)
    if not text.strip():
        raise EmptyInput(f"“{Path(source).name}”里没有文字（只有空白或字节顺序标记），请确认选对了文件", source=source)
    if len(text) > limits.max_chars:
        raise TooLargeInput(f"“{Path(source).name}”有 {len(text):,} 个字符，超过上限 {limits.max_chars:,} 个字符；"
                            "请拆成几份再处理", source=source)
    kind = "md" if suffix in (".md", ".markdown") else "txt"
    return Document(source=source, kind=kind, blocks=parse_lines(text, markdown=kind == "md"), encoding=encoding)


def _read_bytes(path: Path, limits: Limits) -> bytes:
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise TooLargeInput(f"“{path.name}”有 {size:,} 字节，超过上限 {limits.max_bytes:,} 字节；"
                                "请拆成几份再处理", source=str(path))
        return path.read_bytes()
    except FileNotFoundError:
        raise UnsupportedInput(f"找不到文件“{path.name}”，请检查路径和文件名", source=str(path)) from None
    except IsADirectoryError:
        raise UnsupportedInput(f"“{path.name}”是文件夹，不是文件；"
                               "请给出文件夹里的会议记录文件", source=str(path)) from None
    except PermissionError:
        raise UnsupportedInput(f"没有权限读取“{path.name}”，请检查文件的访问权限", source=str(path)) from None


def _check_size(data: bytes, source: str, limits: Limits) -> None:
    if not data or not data.strip():
        raise EmptyInput(f"“{Path(source).name}”是空文件（没有内容，或只有空白）", source=source)
    if len(data) > limits.max_bytes:
        raise TooLargeInput(f"“{Path(source).name}”有 {len(data):,} 字节，超过上限 {limits.max_bytes:,} 字节；"
                            "请拆成几份再处理", source=source)


# --------------------------------------------------------------------------- #
# Text encodings
# --------------------------------------------------------------------------- #
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_MISDECODE = re.compile(r"[\x00-\x08\x0e-\x1f\ue000-\uf8ff\ufffd]")


def decode_text(data: bytes, source: str = "") -> tuple[str, str]:
    """Detect the encoding (BOM, UTF-8, UTF-16 without BOM, GB18030, Big5) and decode."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, source), encoding
    for encoding in _candidates(data):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _MISDECODE.search(text):
            return _normalise_newlines(text), encoding
    raise UndecodableInput(f"无法识别“{Path(source).name}”的文字编码（支持 UTF-8、UTF-16、GB18030/GBK、Big5），"
                           "可能不是文本文件；如果是，请用记事本另存为 UTF-8 后再试", source=source)


def _candidates(data: bytes) -> Iterator[str]:
    head = data[:4000]
    if head.count(0) > len(head) // 4:       # ASCII-range UTF-16 leaves every other byte NUL
        odd_nuls = head[1::2].count(0)
        yield from ["utf-16-le", "utf-16-be"] if odd_nuls >= head[0::2].count(0) else ["utf-16-be", "utf-16-le"]
    elif not head.count(0):
        yield "utf-8"
        yield from _gb_or_big5(data)         # weighed only when the text is not UTF-8


def _gb_or_big5(data: bytes) -> list[str]:
    """GB18030 accepts almost any bytes, so prefer Big5 when it decodes to common Traditional text."""
    try:
        big5 = data.decode("big5")
    except UnicodeDecodeError:
        return ["gb18030"]
    try:
        gb = data.decode("gb18030")
    except UnicodeDecodeError:
        return ["big5"]
    return ["big5", "gb18030"] if _commonness(big5) > _commonness(gb) else ["gb18030", "big5"]


def _commonness(text: str) -> float:
    """Share of non-ASCII characters that are common Han; kana and symbols count against."""
    from .charsets import COMMON_HAN
    wide = [ch for ch in text if ord(ch) > 0x7F and not ch.isspace()]
    return sum(ch in COMMON_HAN or unicodedata.category(ch).startswith("P") for ch in wide) / len(wide) if wide else 0.0


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return _normalise_newlines(data.decode(encoding))
    except UnicodeDecodeError as exc:
        raise UndecodableInput(f"“{Path(source).name}”开头是 {encoding} 的字节顺序标记（BOM），但第 {exc.start} 字节起"
                               f"不是有效的 {encoding} 文字；请用记事本另存为 UTF-8 后再试", source=source) from None


def _normalise_newlines(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- #
# Lines of .txt and .md
# --------------------------------------------------------------------------- #
_MD_QUOTE = re.compile(r"^(?:\s*>\s?)+")
_MD_HEADING = re.compile(r"^(#{1,6})\s+")
# Matched where the line's marks end (pattern.match(line, pos)), so no ^.
_LIST_MARK = re.compile(r"([-*+](?=\s)|[•·▪●◦]|\d{1,3}[.)](?=\s))\s*")
_LIST_STARTS = frozenset("-*+•·▪●◦")     # _LIST_MARK's marks but the numbers
_CHECKBOX = re.compile(r"\[([ xX✓✔])\]\s*")
_MD_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
# One cell of a table's rule line (:---:); the line is split on its bars first, so no
# pattern ever weighs where a run of spaces ends.
_MD_RULE_CELL = re.compile(r":?-{2,}:?")


def _is_table_rule(line: str) -> bool:
    """A Markdown table's rule line: cells of dashes (with alignment colons) between bars."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return bool(body) and all(_MD_RULE_CELL.fullmatch(cell.strip()) for cell in body.split("|"))
# Inline marks dropped from a Markdown line: bold, code, a link's target, <br>, and the backslash
# of an escape (9\.29, 安排\+框架), as Markdown shows them.
_MD_INLINE = re.compile(r"\*\*|__|`|\[([^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*\)|<br\s*/?>|\\(?=[!-/:-@\[-`{-~])")


def parse_lines(text: str, *, markdown: bool) -> list[Paragraph | Table]:
    """Turn text into blocks: one Paragraph per non-blank line; tables as Tables (markdown pipe
    tables, with or without edge bars; in any text, lines of tab-separated columns)."""
    lines = text.split("\n")
    blocks: list[Paragraph | Table] = []
    gap = False
    number = 0
    while number < len(lines):
        rows = _table_rows(lines, number, markdown) if _TABLE_SIGN.search(lines[number]) else []
        if rows:
            piped = "|" in rows[0][1] and (markdown or len(rows) > 1 and _is_table_rule(rows[1][1])
                                           or _barred_rows(rows[0][1], rows[1:]))
            blocks.append(_md_table(rows) if piped else _split_table(rows))
            number += len(rows)
            gap = False
            continue
        raw = lines[number]
        number += 1
        if raw.strip():
            blocks.append(_text_line(raw.rstrip(), number, markdown))
            blocks[-1].gap_before = gap
        gap = not raw.strip()
    return blocks


# What any table's first line holds: a bar, a tab, a comma, or a run of spaces. Most lines hold none.
_TABLE_SIGN = re.compile(r"[|\t,]|\s{2,}|\u3000")


def _table_rows(lines: list[str], start: int, markdown: bool) -> list[tuple[int, str]]:
    """The (1-based number, line) rows of a table starting at lines[start], or []."""
    first = lines[start]
    ruled = "|" in first and start + 1 < len(lines) and _is_table_rule(lines[start + 1]) and "-" in lines[start + 1]
    if ruled or markdown and _MD_TABLE_ROW.match(first):     # a ruled pipe table is one in any text (pasted)
        bare = not _MD_TABLE_ROW.match(first)
        end = start + 1
        while end < len(lines) and (_MD_TABLE_ROW.match(lines[end]) or bare and "|" in lines[end]):
            end += 1
        return [(n + 1, lines[n]) for n in range(start, end)]
    width = _bar_width(first)
    if width:
        end = start + 1
        while end < len(lines) and _bar_width(lines[end]) == width:
            end += 1
        if end - start >= 2:
            return [(n + 1, lines[n]) for n in range(start, end)]
    for measure, least in ((_tab_width, 2), (_csv_width, 3)):
        width = measure(first)
        if width >= least:
            end = start + 1
            while end < len(lines) and measure(lines[end]) == width:
                end += 1
            if end - start >= 2:
                return [(n + 1, lines[n]) for n in range(start, end)]
    for wide in (True, False):            # lined up on screen (Han twice as wide), or by character count
        starts = _spaced_starts(first, wide)
        if len(starts) < _SPACED_COLUMNS:
            break                         # a line has as many fields measured either way
        end = start + 1
        while end < len(lines) and _aligned(_spaced_starts(lines[end], wide), starts):
            end += 1
        if end - start >= _SPACED_ROWS:
            return [(n + 1, lines[n]) for n in range(start, end)]
    return []


_SPACED_GAP = re.compile(r"\s{2,}|\u3000+")
_SPACED_COLUMNS = 3       # columns lined up with runs of spaces: at least three of them…
_SPACED_ROWS = 3          # …on at least three lines in a row
_SLACK = 4                # display columns a cell may start off its column's start


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _spaced_starts(line: str, wide: bool = True) -> list[int]:
    """Columns where the fields of a line laid out with runs of spaces start: on screen (``wide``,
    a Han character taking two columns) or by character count."""
    body = line.rstrip()
    if "\t" in body or not body.strip() or not _SPACED_GAP.search(body.strip()):
        return []
    width = _display_width if wide else len
    first = len(body) - len(body.lstrip())
    return [width(body[:first])] + [width(body[:m.end()]) for m in _SPACED_GAP.finditer(body, first)]


def _aligned(starts: list[int], columns: list[int]) -> bool:
    """Each field of the line starts where a column starts; cells may be empty, so fields may be fewer."""
    return len(starts) >= 2 and all(any(abs(s - c) <= _SLACK for c in columns) for s in starts)


def _bar_width(line: str) -> int:
    """Cells of a line set out with bars and no rule line under its first (a table typed in a
    plain-text note): three cells at least, or two between edge bars; 0 for other lines."""
    body = line.strip()
    if body.count("|") < 2:
        return 0
    edged = body.startswith("|") and body.endswith("|") and len(body) > 1
    cells = len((body[1:-1] if edged else body).split("|"))
    return cells if cells >= 3 or edged else 0


def _barred_rows(first: str, rest: list[tuple[int, str]]) -> bool:
    width = _bar_width(first)
    return bool(rest) and width > 0 and all(_bar_width(raw) == width for _, raw in rest)


def _tab_width(line: str) -> int:
    """Columns of a tab-separated line (a spreadsheet pasted as text), 0 for other lines."""
    return len(line.strip("\r\n").split("\t")) if "\t" in line.strip() else 0


def _csv_width(line: str) -> int:
    """Fields of a line of comma-separated values as a spreadsheet exports them, 0 for other lines
    (prose puts a space after its commas; a number may hold a thousands separator)."""
    if line.count(",") < 2 or _LISTED.match(line) or line.rstrip().endswith("。"):
        return 0                      # (- [ ] 任务 —— 负责人:X,截止:Y / …配合。: sentences with half-width commas)
    fields = _csv_fields(line)
    return len(fields) if fields is not None else 0


def _csv_fields(line: str) -> Optional[list[tuple[int, str]]]:
    """(start index, text) of each field; a quoted field may hold commas and doubled quotes."""
    body = line.rstrip("\r\n")
    fields, position = [], 0
    while True:
        if body.startswith('"', position):
            closing = _CSV_QUOTED.match(body, position)
            if closing is None:
                return None
            text, position = closing.group(1).replace('""', '"'), closing.end()
            fields.append((closing.start() + 1, text))
        else:
            comma = body.find(",", position)
            end = len(body) if comma < 0 else comma
            fields.append((position, body[position:end].strip()))
            position = end
        if position >= len(body):
            return fields
        if body[position] != "," or body.startswith(" ", position + 1) or _THOUSANDS.match(body, position - 1):
            return None
        position += 1


# A line a list marker opens: a list of sentences, not a sheet's row.
_LISTED = re.compile(r"\s*+(?:[-*+•·▪●◦]|\d{1,3}[.)、](?!\d)|[一二三四五六七八九十]{1,3}、|[(（])")
_CSV_QUOTED = re.compile(r'"((?:[^"]|"")*)"(?=,|\s*$)')
_THOUSANDS = re.compile(r"\d,\d{3}(?!\d)")


def _text_line(raw: str, number: int, markdown: bool) -> Paragraph:
    """Peel structural marks off a line, keeping the source column of every remaining char."""
    pos, quote, heading, list_kind, checked = 0, False, None, None, None
    body = raw.lstrip()
    if markdown and body.startswith(">") and (m := _MD_QUOTE.match(raw)):
        quote, pos = True, m.end()
        body = raw[pos:].lstrip()
    indent = len(raw) - len(body) - pos
    width = len(raw[pos:pos + indent].expandtabs(2)) if indent else 0     # a tab is one nesting level
    pos += indent
    first = body[:1]                  # what each mark starts with, asked before its pattern
    if markdown and first == "#" and (m := _MD_HEADING.match(raw, pos)):
        heading, pos = len(m.group(1)), m.end()
    elif (first in _LIST_STARTS or first.isdecimal()) and (m := _LIST_MARK.match(raw, pos)):
        if markdown or not m.group(1)[0].isdigit():
            list_kind = "number" if m.group(1)[0].isdigit() else "bullet"
            pos = m.end()
            if box := _CHECKBOX.match(raw, pos):
                checked, pos = box.group(1) != " ", box.end()
    end = len(raw.rstrip("# ")) if heading else len(raw)
    text, columns = _clean_inline(raw, pos, end, markdown)
    return Paragraph(text=text, location=Location(line=number, column=columns[0] if columns else pos + 1),
                     heading=heading, list_kind=list_kind, list_level=width // 2, checked=checked,
                     quote=quote, columns=columns)


def _clean_inline(raw: str, start: int, end: int, markdown: bool) -> tuple[str, tuple[int, ...]]:
    """Text of raw[start:end] without inline markdown, and the 1-based source column of each char;
    no columns when nothing was taken out (the text runs on from its first column, see model._locate)."""
    if not markdown or not _MD_INLINE.search(raw, start, end):
        return raw[start:end], ()
    chars: list[str] = []
    columns: list[int] = []
    pos = start
    for m in (_MD_INLINE.finditer(raw, start, end) if markdown else ()):
        _keep(raw, pos, m.start(), chars, columns)
        if m.group(0).startswith("<br"):
            chars.append("\n")
            columns.append(m.start() + 1)
        elif m.group(1) is not None:
            _keep(raw, m.start() + 1, m.start() + 1 + len(m.group(1)), chars, columns)
        pos = m.end()
    _keep(raw, pos, end, chars, columns)
    return "".join(chars), tuple(columns)


def _keep(raw: str, start: int, end: int, chars: list[str], columns: list[int]) -> None:
    chars.extend(raw[start:end])
    columns.extend(range(start + 1, end + 1))


def _md_table(rows: list[tuple[int, str]]) -> Table:
    cells: list[list[Cell | None]] = []
    for number, raw in rows:
        if _is_table_rule(raw):
            continue
        bars = [i for i, ch in enumerate(raw) if ch == "|" and (i == 0 or raw[i - 1] != "\\")]
        edges = bars if bars and not raw[:bars[0]].strip() else [-1] + bars    # a row may lack its edge bars
        if raw[edges[-1] + 1:].strip():
            edges.append(len(raw))
        cells.append([_md_cell(raw, number, left, right) for left, right in zip(edges, edges[1:])])
    return Table(rows=cells, location=Location(line=rows[0][0], column=1))


def _md_cell(raw: str, number: int, left: int, right: int) -> Cell:
    lead = len(raw[left + 1:right]) - len(raw[left + 1:right].lstrip())
    tail = len(raw[left + 1:right].rstrip())
    text, columns = _clean_inline(raw, left + 1 + lead, left + 1 + tail, True)
    if "\\|" in text and not columns:
        columns = tuple(range(left + 2 + lead, left + 2 + lead + len(text)))
    while "\\|" in text:                                # an escaped bar is a literal |
        i = text.index("\\|")
        text, columns = text[:i] + text[i + 1:], columns[:i] + columns[i + 1:]
    column = columns[0] if columns else left + 2 + (lead if text else 0)
    return Cell(text=text, location=Location(line=number, column=column), columns=columns)


def _split_table(rows: list[tuple[int, str]]) -> Table:
    """Columns split by tabs, or by runs of spaces and placed by where they start (an empty cell
    leaves a gap): each field a cell, its source columns kept."""
    tabs = "\t" in rows[0][1].strip()
    if not tabs and _csv_width(rows[0][1]):
        return Table(rows=[[_text_cell(number, start, text) for start, text in _csv_fields(raw)] for number, raw in rows],
                     location=Location(line=rows[0][0], column=1))
    wide = tabs or all(_aligned(_spaced_starts(raw), _spaced_starts(rows[0][1])) for _, raw in rows)
    columns = [] if tabs else _spaced_starts(rows[0][1], wide)
    cells: list[list[Cell | None]] = []
    for number, raw in rows:
        fields = _fields(raw, re.compile("\t") if tabs else _SPACED_GAP)
        if tabs:
            cells.append([_text_cell(number, start, text) for start, text in fields])
            continue
        row: list[Cell | None] = [None] * len(columns)
        for start, text in fields:
            at = _display_width(raw[:start]) if wide else start
            c = min(range(len(columns)), key=lambda i: abs(columns[i] - at))
            row[c] = _text_cell(number, start, text) if row[c] is None else row[c]
        cells.append([c if c is not None else _text_cell(number, 0, "") for c in row])
    return Table(rows=cells, location=Location(line=rows[0][0], column=1))


def _fields(raw: str, gap: re.Pattern) -> list[tuple[int, str]]:
    """(start index, text) of each field of a row."""
    body = raw.rstrip()
    position = len(body) - len(body.lstrip()) if gap is _SPACED_GAP else 0
    out = []
    for m in list(gap.finditer(body, position)) + [None]:
        end = m.start() if m else len(body)
        piece = body[position:end]
        out.append((position + len(piece) - len(piece.lstrip()), piece.strip()))
        position = m.end() if m else end
    return out


def _text_cell(number: int, start: int, text: str) -> Cell:
    return Cell(text=text, location=Location(line=number, column=start + 1),
                columns=tuple(range(start + 1, start + 1 + len(text))))


# --------------------------------------------------------------------------- #
# Word
# --------------------------------------------------------------------------- #
def read_docx(data: bytes, source: str, limits: Limits = Limits()) -> Document:
    xml = check_zip(data, source, limits)
    from .docx_package import WordPackage   # python-docx's XML classes: text-only runs do not pay for them
    try:
        word = WordPackage(data, source)
        body = word.body
    except MinutesError:
        raise
    except Exception as exc:     # a zip python's reader accepts but cannot inflate, and friends
        raise CorruptInput(f"Word 文件“{Path(source).name}”已损坏（{exc.__class__.__name__}: {exc}），"
                           "请用 Word 重新保存后再试", source=source) from None
    if body is None:
        raise CorruptInput(f"Word 文件“{Path(source).name}”的主文档部件不是 Word 正文（没有 w:body），"
                           "请用 Word 重新保存后再试", source=source)
    from .docx_blocks import Budget, read_blocks
    try:
        blocks, warnings = read_blocks(word, Budget(limits, source, xml=xml))
    except MinutesError:
        raise
    except Exception as exc:
        raise CorruptInput(f"无法读取 Word 文件“{Path(source).name}”的内容（{exc.__class__.__name__}: {exc}），"
                           "请用 Word 重新保存后再试", source=source) from None
    content = [b for b in blocks if b.region in CONTENT_REGIONS]
    furniture = [b for b in blocks if b.region not in CONTENT_REGIONS]
    if not any(_block_text(b) for b in content):
        if any(_block_text(b) for b in furniture):
            raise EmptyInput(f"Word 文件“{Path(source).name}”的正文没有文字，只有页眉、页脚或脚注", source=source)
        raise EmptyInput(f"Word 文件“{Path(source).name}”里没有文字（可能只有图片或扫描件）", source=source)
    return Document(source=source, kind="docx", blocks=content, furniture=furniture, warnings=warnings)


def _block_text(block: Paragraph | Table) -> str:
    if isinstance(block, Paragraph):
        return block.text.strip()
    return "".join(c.text for row in block.rows for c in row if c).strip()


def check_zip(data: bytes, source: str, limits: Limits) -> int:
    """Refuse non-zips and zip bombs before python-docx inflates anything; the bytes of XML it will parse."""
    if not data.startswith(b"PK"):
        what = _sniff(data)
        raise CorruptInput(f"“{Path(source).name}”不是 Word .docx 文件{what}", source=source)
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:      # opened once for the entries and the content types
            return _check_entries(archive, source, limits)
    except zipfile.BadZipFile as exc:
        raise CorruptInput(f"“{Path(source).name}”不是有效的 Word 文件（压缩包损坏：{exc}），"
                           "请用 Word 重新保存后再试", source=source) from None


def _check_entries(archive: zipfile.ZipFile, source: str, limits: Limits) -> int:
    entries = archive.infolist()
    if len(entries) > limits.max_zip_entries:
        raise TooLargeInput(f"Word 文件“{Path(source).name}”的压缩包里有 {len(entries):,} 个条目，"
                            f"超过上限 {limits.max_zip_entries:,} 个",
                            source=source)
    sizes: dict[str, int] = {}        # by name (a name listed twice is inflated once)
    total = packed = 0
    for entry in entries:
        sizes[entry.filename] = entry.file_size
        total += entry.file_size
        packed += entry.compress_size
    packed = max(1, packed)
    if total > limits.max_unzipped_bytes or total / packed > limits.max_compression_ratio:
        raise TooLargeInput(f"Word 文件“{Path(source).name}”由 {packed:,} 字节解压为 {total:,} 字节（疑似压缩炸弹）；"
                            f"上限为 {limits.max_unzipped_bytes:,} 字节、压缩比 {limits.max_compression_ratio} 倍",
                            source=source)
    if "word/document.xml" not in sizes:
        raise CorruptInput(f"“{Path(source).name}”不是 Word 文档：压缩包（zip）里没有 word/document.xml", source=source)
    xml = _parsed_bytes(archive, sizes)
    if xml > limits.max_xml_bytes:
        raise TooLargeInput(f"Word 文件“{Path(source).name}”中要解析的 XML 部件共 {xml:,} 字节，"
                            f"超过上限 {limits.max_xml_bytes:,} 字节",
                            source=source)
    return xml


_CONTENT_TYPES = "[Content_Types].xml"


def _parsed_bytes(archive: zipfile.ZipFile, sizes: dict[str, int]) -> int:
    """Unpacked size of the parts that are parsed as XML or text, by their declared content type."""
    from lxml import etree
    from .docx_package import ContentTypes
    if sizes.get(_CONTENT_TYPES, 0) > 1024 * 1024:
        return sum(sizes.values())
    try:
        root = etree.fromstring(archive.read(_CONTENT_TYPES), etree.XMLParser(resolve_entities=False, no_network=True))
    except Exception:            # no or broken [Content_Types].xml: the Word reader refuses the file itself
        return 0
    types = ContentTypes.declared(root)

    def parsed(name: str) -> bool:
        kind = types.of("/" + name)
        return name.endswith(".rels") or kind.endswith("xml") or kind.startswith("text/")
    return sum(size for name, size in sizes.items() if parsed(name))


def _sniff(data: bytes) -> str:
    if data.startswith(b"%PDF"):
        return "（这是 PDF 文件）"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "（这是旧版二进制 .doc 文件，请在 Word 中另存为 .docx）"
    if data.lstrip()[:1] in (b"{", b"<"):
        return "（看起来是文本、JSON 或 HTML）"
    return ""
