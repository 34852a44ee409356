"""A Word package opened part by part: the parts the reader asks for, and nothing else.

python-docx's ``Document()`` inflates every part and parses every XML part it knows,
whether or not a reader needs it: styles.xml alone is often 300 KB (Word's default
template, with its latent styles and table styles), more than the whole body several
times over. Here a part is read and parsed (with python-docx's own XML classes, so the
elements are the ones python-docx gives) when asked for, and of the style table only
the styles the document's paragraphs name are parsed, each with the styles it is
based on. A damaged part the reader never asks for no longer refuses the whole file;
one it asks for stops with a message naming the part.

Part of the Word XML layer with docx_blocks.py (the blocks), docx_text.py (a
paragraph's text) and docx_parts.py (headers, notes, embedded documents). lint --fix
edits text nodes in the parsed parts and writes the package back with ``save``: every
other entry of the zip is copied as it was.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from contextlib import contextmanager
from functools import cached_property
from io import BytesIO
from pathlib import Path
from typing import NamedTuple, Optional

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml
from lxml import etree

from .docx_text import qn
from .errors import CorruptInput

_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CONTENT_TYPES = "[Content_Types].xml"
_STYLE, _STYLE_ID = qn("w:style"), qn("w:styleId")


class Part(NamedTuple):
    """One part of the package: its name, as the relationships resolve it, and declared content type."""

    partname: str                 # "/word/header1.xml"
    content_type: str

    @property
    def is_xml(self) -> bool:
        return self.content_type.split(";")[0].strip().lower().endswith("xml")


class ContentTypes(NamedTuple):
    """What [Content_Types].xml declares: a content type per part name, else per extension."""

    overrides: dict[str, str]
    defaults: dict[str, str]

    @classmethod
    def declared(cls, root) -> "ContentTypes":
        overrides, defaults = {}, {}
        for declared in root:             # one pass over the declarations, Override and Default alike
            tag = declared.tag if isinstance(declared.tag, str) else ""
            if tag.endswith("}Override"):
                overrides[declared.get("PartName", "").lower()] = declared.get("ContentType", "")
            elif tag.endswith("}Default"):
                defaults[declared.get("Extension", "").lower()] = declared.get("ContentType", "")
        return cls(overrides, defaults)

    def of(self, partname: str) -> str:
        """The content type of a part name written as the relationships resolve it ("/word/styles.xml")."""
        found = self.overrides.get(partname.lower())
        return found if found is not None else self.defaults.get(partname.rsplit(".", 1)[-1].lower(), "")


class WordPackage:
    """A .docx's main document, and the parts related to it, read when asked for."""

    def __init__(self, data: bytes, source: str):
        self.source = source
        self._zip = zipfile.ZipFile(BytesIO(data))
        self._members = {info.filename for info in self._zip.infolist()}
        self._parsed: dict[str, object] = {}          # part name → root element, kept for save
        self._types = self._content_types()
        main = next((target for kind, target in self.relations_of("/").values() if kind == RT.OFFICE_DOCUMENT), None)
        if main is None:
            self._refuse("压缩包的关系（_rels/.rels）里没有主文档")
        self.document = self.part(main)
        if self.document.content_type != CT.WML_DOCUMENT_MAIN:
            self._refuse(f"主文档部件 {main} 的类型是 {self.document.content_type or '未声明'}，不是 Word 文档")

    # ------------------------------------------------------------------ the body and its parts
    @property
    def body(self):
        return getattr(self.element(self.document), "body", None)

    def element(self, part: Part):
        """The part's root element, parsed at the first question."""
        root = self._parsed.get(part.partname)
        if root is None:
            root = self._parsed[part.partname] = self.parse(part.partname, self.blob(part))
        return root

    def blob(self, part: Part) -> bytes:
        return self.member(part.partname)

    def related(self, relation_id: Optional[str]) -> Optional[Part]:
        """The part the main document refers to by this rId (a header, an embedded document)."""
        found = self._document_relations.get(relation_id or "")
        return self.part(found[1]) if found is not None and self._has(found[1]) else None

    def related_by(self, relation_type: str) -> Optional[Part]:
        """The main document's first part of this relationship type (footnotes, numbering), if any."""
        for kind, target in self._document_relations.values():
            if kind == relation_type and self._has(target):
                return self.part(target)
        return None

    @cached_property
    def _document_relations(self) -> dict[str, tuple[str, str]]:
        return self.relations_of(self.document.partname)

    @cached_property
    def numbering(self):
        """The numbering part's root, or None: read at the first numbered paragraph."""
        part = self.related_by(RT.NUMBERING)
        return self.element(part) if part is not None else None

    def style_table(self) -> "StyleTable":
        """The style table (the caller keeps it: the package holds no reference back to it)."""
        part = self.related_by(RT.STYLES)
        return StyleTable(self, part)

    def part(self, partname: str) -> Part:
        return Part(partname, self._types.of(partname))

    # ------------------------------------------------------------------ reading the zip
    def member(self, partname: str) -> bytes:
        with self._reading(partname):
            return self._zip.read(partname.lstrip("/"))

    def stream(self, part: Part):
        """The part's bytes as a stream inflated as it is read (the style table reads only what it needs)."""
        with self._reading(part.partname):
            return self._zip.open(part.partname.lstrip("/"))

    def read_some(self, part: Part, stream, size: int) -> bytes:
        with self._reading(part.partname):
            return stream.read(size)

    @contextmanager
    def _reading(self, partname: str):
        """A part missing from the zip, or one that will not inflate, refuses the file, naming the part."""
        try:
            yield
        except (KeyError, zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
            self._refuse(f"读不出 {partname} 部件（{exc.__class__.__name__}: {exc}）")

    def parse(self, partname: str, data: bytes):
        try:
            return parse_xml(data)
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise CorruptInput(f"Word 文件“{Path(self.source).name}”的 {partname} 部件已损坏（{exc}），"
                               "请用 Word 重新保存后再试", source=self.source) from None

    def relations_of(self, partname: str) -> dict[str, tuple[str, str]]:
        """rId → (type, target part name) from the part's .rels; external targets (links) are left out."""
        folder, name = posixpath.split(partname)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if not self._has(rels):
            return {}
        found = {}
        for relation in self.parse(rels, self.member(rels)).iterchildren(_RELATIONSHIP):
            if relation.get("TargetMode") == "External" or not relation.get("Target"):
                continue
            target = posixpath.normpath(posixpath.join(folder, relation.get("Target")))
            found[relation.get("Id", "")] = (relation.get("Type", ""), "/" + target.lstrip("/"))
        return found

    def _content_types(self) -> ContentTypes:
        if _CONTENT_TYPES not in self._members:
            self._refuse("压缩包里没有 [Content_Types].xml")
        return ContentTypes.declared(self.parse(_CONTENT_TYPES, self.member(_CONTENT_TYPES)))

    def _has(self, partname: str) -> bool:
        return partname.lstrip("/") in self._members

    def _refuse(self, problem: str):
        raise CorruptInput(f"“{Path(self.source).name}”不是可读取的 Word .docx 文件（{problem}），"
                           "请用 Word 重新保存后再试", source=self.source)

    # ------------------------------------------------------------------ writing back (lint --fix)
    def save(self) -> bytes:
        """The package with every parsed part written from its (edited) XML, every other entry as it was."""
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in self._zip.infolist():
                root = self._parsed.get("/" + info.filename)
                data = (etree.tostring(root, encoding="UTF-8", standalone=True) if root is not None
                        else self._zip.read(info))
                target.writestr(info, data)
        return out.getvalue()


class StyleTable:
    """Style id → w:style, parsed one style at a time, the part inflated only as far as needed.

    The part is cut at its ``<w:style`` tags (a style never holds another) and a style is
    parsed, inside a copy of the root's start tag for its namespaces, only when a
    paragraph names it or a named style is based on it. The part is inflated a chunk at
    a time until the style asked for is found: the styles a document uses usually come
    first, before the long tail of table styles. A part that does not cut cleanly
    (another prefix, a default namespace, an id with entities, a piece that will not
    parse) is parsed whole, as python-docx would. A style id given twice: the first
    counts, as in python-docx."""

    _CHUNK = 1 << 15

    def __init__(self, package: WordPackage, part: Optional[Part]):
        self._package, self._part = package, part
        self._found: dict[str, object] = {}
        self._pieces: Optional[dict[str, tuple[int, int]]] = {}     # None: the part is read whole
        self._data = bytearray()                                     # (grows by chunks)
        self._stream = package.stream(part) if part is not None else None
        self._ended = part is None
        if part is not None:
            self._begin()

    def get(self, style_id: Optional[str]):
        if self._part is None or not style_id:
            return None
        if style_id not in self._found:
            while self._pieces is not None and style_id not in self._pieces and self._index_more():
                pass
            span = self._pieces.get(style_id) if self._pieces is not None else None
            self._found[style_id] = self._piece(*span) if span is not None else None
        return self._whole.get(style_id) if self._pieces is None else self._found[style_id]

    @cached_property
    def _whole(self) -> dict[str, object]:
        styles: dict[str, object] = {}
        for style in self._package.element(self._part).iterchildren(_STYLE):
            styles.setdefault(style.get(_STYLE_ID), style)
        return styles

    # ------------------------------------------------------------------ cutting the part as it is inflated
    def _begin(self) -> None:
        while len(self._data) < _ROOT_TAG_WITHIN and self._more():
            pass                            # (the root's start tag, however small the chunks)
        root = _ROOT_TAG.search(self._data, 0, _ROOT_TAG_WITHIN)
        if root is None or not _utf8(self._data):
            self._pieces = None
            return
        prefix = re.escape(root.group(1))
        self._wrapper = (root.group(0), b"</" + root.group(1) + b":styles>")
        self._tag, self._closing = b"<" + root.group(1) + b":style", b"</" + root.group(1) + b":styles"
        self._id = re.compile(rb"\s" + prefix + rb":styleId\s*=\s*(?:\"([^\"<&]*)\"|'([^'<&]*)')")
        self._scanned, self._open = root.end(), None

    def _index_more(self) -> bool:
        """Inflate another chunk and index the styles it completes; False once the part is all read."""
        more = self._more()
        data, tag = self._data, self._tag
        while (at := data.find(tag, self._scanned)) >= 0 and at + len(tag) < len(data):
            self._scanned = at + 1
            if data[at + len(tag)] in b" \t\r\n/>":            # <w:style …>, not <w:styles
                self._close_piece(at)
                self._open = at
        if not more:
            closing = data.rfind(self._closing)
            if closing < 0:
                self._pieces = None
            else:
                self._close_piece(closing)
        return more and self._pieces is not None

    def _close_piece(self, end: int) -> None:
        start, self._open = self._open, None
        if start is None or self._pieces is None:
            return
        data = self._data
        tag_end = data.find(b">", start, end)
        found = self._id.search(data, start, tag_end if tag_end > 0 else end)
        if found is None:
            if b"styleId" in data[start:tag_end if tag_end > 0 else end]:
                self._pieces = None                # an id written in a way the cut does not read
            return
        self._pieces.setdefault((found.group(1) or found.group(2) or b"").decode("utf-8", "replace"), (start, end))

    def _more(self) -> bool:
        if self._ended:
            return False
        chunk = self._package.read_some(self._part, self._stream, self._CHUNK)
        self._ended = not chunk
        self._data += chunk
        return bool(chunk)

    def _piece(self, start: int, end: int):
        opening, closing = self._wrapper
        try:
            root = parse_xml(opening + bytes(self._data[start:end]) + closing)
        except (etree.XMLSyntaxError, ValueError):
            self._pieces = None
            return None
        return next(root.iterchildren(_STYLE), None)


# The style part's root start tag, its attributes quoted (a '>' may stand inside a value), in the
# part's first bytes.
_ROOT_TAG_WITHIN = 4096
_ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.-]*):styles(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*>")
_DECLARED_ENCODING = re.compile(rb"(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)")


def _utf8(data: bytes) -> bool:
    """The part is UTF-8 (what Word writes): the cut works on bytes."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False
    declared = _DECLARED_ENCODING.match(data, 0, 200)
    return declared is None or declared.group(1).lower() in (b"utf-8", b"utf8")
