"""Small builders shared by the tests: Word files made in code, a free local port, a server coming up.

``word_file`` makes the plain kind (paragraphs, a heading, a table) through python-docx.
``RawWord`` makes what python-docx has no API for — text boxes, nested tables, merged
cells, fields, content controls, tracked changes, headers in several sections, notes,
comments, embedded documents — from WordprocessingML fragments, the way Word and WPS
write them, and saves a real package that python-docx, Word and LibreOffice open.
"""
from __future__ import annotations

import io
import socket
import subprocess
import time
from typing import Optional

import docx
import httpx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w15": "http://schemas.microsoft.com/office/word/2012/wordml",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
}
NS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())


def word_file(lines: list[str], rows: Optional[list[list[str]]] = None, *, title: Optional[str] = None,
              heading: Optional[str] = None) -> bytes:
    """A .docx: an optional title, paragraphs, an optional heading, then an optional table."""
    document = docx.Document()
    if title:
        document.add_heading(title, 0)
    for line in lines:
        document.add_paragraph(line)
    if heading:
        document.add_heading(heading, 2)
    if rows:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    return _saved(document)


# --------------------------------------------------------------------------- #
# WordprocessingML fragments
# --------------------------------------------------------------------------- #
def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*content: str, style: Optional[str] = None) -> str:
    """A paragraph; plain strings become runs, markup (starting with '<') is kept as is."""
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{''.join(c if c.startswith('<') else run(c) for c in content)}</w:p>"


def cell(*content: str, span: int = 1, vmerge: Optional[str] = None) -> str:
    """A table cell holding paragraphs (strings) or raw blocks (markup); vmerge 'restart' or 'continue'."""
    props = (f'<w:gridSpan w:val="{span}"/>' if span != 1 else "") + \
            ({"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}[vmerge] if vmerge else "")
    blocks = "".join(c if c.startswith("<") else para(c) for c in content) or "<w:p/>"
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{blocks}</w:tc>"


def row(*cells: str, before: int = 0, after: int = 0) -> str:
    props = (f'<w:gridBefore w:val="{before}"/>' if before else "") + (f'<w:gridAfter w:val="{after}"/>' if after else "")
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


def table(*rows: str, columns: int = 2) -> str:
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(columns))
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'


def grid_table(rows: list[list[str]]) -> str:
    """A plain table of text cells."""
    return table(*(row(*(cell(text) for text in r)) for r in rows), columns=max(len(r) for r in rows))


def text_box(*blocks: str, word: bool = True) -> str:
    """A floating text box as a run. Word writes it twice (DrawingML choice, VML fallback);
    WPS's templates write the VML picture alone (word=False)."""
    content = "".join(b if b.startswith("<") else para(b) for b in blocks)
    vml = (f'<w:pict><v:shape id="文本框1" style="position:absolute;width:400pt;height:300pt">'
           f"<v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict>")
    if not word:
        return f"<w:r>{vml}</w:r>"
    drawing = ('<w:drawing><wp:anchor behindDoc="0" distT="0" distB="0" distL="0" distR="0" simplePos="0" '
               'relativeHeight="1" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
               '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
               '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
               '<wp:extent cx="5080000" cy="3810000"/><wp:wrapSquare wrapText="bothSides"/>'
               '<wp:docPr id="1" name="文本框 1"/><a:graphic><a:graphicData '
               'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
               f'<wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>'
               '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>')
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
            f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>")


def field(code: str, result: str) -> str:
    """A complex field as Word writes it: begin, code, separate, the shown result, end."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f"{run(result)}"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def check_box(checked: bool) -> str:
    """A check-box content control (Word 2010+), showing ☒ or ☐ in MS Gothic."""
    glyph = "☒" if checked else "☐"
    return (f'<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{int(checked)}"/>'
            '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
            '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
            f"<w:sdtContent>{run(glyph)}</w:sdtContent></w:sdt>")


def control(*content: str, placeholder: bool = False, repeating: Optional[str] = None) -> str:
    """A content control around runs or blocks; placeholder=True: still showing its prompt;
    repeating='section'/'item': a repeating section (Word 2013+) or one of its items."""
    props = "<w:showingPlcHdr/>" if placeholder else ""
    props += {"section": "<w15:repeatingSection/>", "item": "<w15:repeatingSectionItem/>"}.get(repeating or "", "")
    return f"<w:sdt><w:sdtPr>{props}</w:sdtPr><w:sdtContent>{''.join(content)}</w:sdtContent></w:sdt>"


# --------------------------------------------------------------------------- #
# A package around the fragments
# --------------------------------------------------------------------------- #
class RawWord:
    """A .docx built from WordprocessingML fragments: body, sections, headers, notes, parts."""

    def __init__(self) -> None:
        self.document = docx.Document()
        body = self.document.element.body
        for child in list(body)[:-1]:          # keep only the final section properties
            body.remove(child)
        self._parts = 0

    def body(self, *blocks: str) -> "RawWord":
        """Append paragraphs (strings) or raw blocks (markup) to the body."""
        section = self.document.element.body[-1]
        for element in _fragment("".join(b if b.startswith("<") else para(b) for b in blocks)):
            section.addprevious(element)
        return self

    def style(self, style_id: str, name: str, based_on: Optional[str] = None) -> "RawWord":
        """Define a paragraph style (Word stores built-in names in English: 'toc 1', 'heading 2')."""
        based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
        self.document.styles.element.append(parse_xml(
            f'<w:style {NS} w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>{based}</w:style>'))
        return self

    def section_break(self) -> "RawWord":
        """End the current section here: its properties move into the last paragraph, as Word writes it."""
        self.document.add_section()
        return self

    def header(self, *blocks: str, section: int = -1, footer: bool = False) -> "RawWord":
        """Give a section its own page header (or footer) with these blocks."""
        target = self.document.sections[section]
        story = target.footer if footer else target.header
        story.is_linked_to_previous = False
        element = story._element
        for child in list(element):
            element.remove(child)
        for child in _fragment("".join(b if b.startswith("<") else para(b) for b in blocks)):
            element.append(child)
        return self

    def notes(self, *notes: str, kind: str = "footnote") -> "RawWord":
        """A footnotes (or endnotes) part with Word's two separator notes and these notes, ids 1…"""
        tag = f"w:{kind}"
        separators = (f'<{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></{tag}>'
                      f'<{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                      f"</w:r></w:p></{tag}>")
        items = "".join(f'<{tag} w:id="{i}"><w:p><w:r><w:{kind}Ref/></w:r>{run(" " + text)}</w:p></{tag}>'
                        for i, text in enumerate(notes, start=1))
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{tag}s {NS}>{separators}{items}</{tag}s>'
        content_type, relation = ((CT.WML_FOOTNOTES, RT.FOOTNOTES) if kind == "footnote"
                                  else (CT.WML_ENDNOTES, RT.ENDNOTES))
        self.part(f"/word/{kind}s.xml", content_type, xml.encode("utf-8"), relation)
        return self

    def comments(self, *comments: str) -> "RawWord":
        items = "".join(f'<w:comment w:id="{i}" w:author="审阅人">{para(text)}</w:comment>'
                        for i, text in enumerate(comments))
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {NS}>{items}</w:comments>'
        self.part("/word/comments.xml", CT.WML_COMMENTS, xml.encode("utf-8"), RT.COMMENTS)
        return self

    def chunk(self, content_type: str, data: bytes, suffix: str) -> str:
        """An embedded document part; returns the w:altChunk element that places it."""
        self._parts += 1
        rid = self.part(f"/word/afchunk{self._parts}.{suffix}", content_type, data, RT.A_F_CHUNK)
        return f'<w:altChunk r:id="{rid}"/>'

    def part(self, name: str, content_type: str, data: bytes, relation: str) -> str:
        part = Part(PackURI(name), content_type, data, self.document.part.package)
        return self.document.part.relate_to(part, relation)

    def bytes(self) -> bytes:
        return _saved(self.document)


def _fragment(xml: str) -> list:
    return list(parse_xml(f"<w:body {NS}>{xml}</w:body>"))


def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stderr.read().decode(errors='replace')}")
        try:
            if httpx.get(base + "healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {base} did not answer within {seconds} s")
