"""The visible text of one Word paragraph, as the reader of the printed page sees it.

Only minutes/docx_blocks.py calls this; both are the Word XML layer. A paragraph's
runs sit inside wrappers (insertions, hyperlinks, smart tags, custom XML, content
controls, simple fields) that are looked through. What a reader does not see is left
out: deleted and moved-away text, field codes (``PAGE``, ``HYPERLINK "…"``) — only a
field's result counts —, the placeholder a content control shows while empty, hidden
text, the phonetic guide of ruby text, comment marks. Check boxes read as ☑ or ☐. Text
boxes and shapes are not part of the paragraph's text: their contents (``w:txbxContent``)
are handed back so the block walker reads them as blocks of their own; Word keeps
each box twice (``mc:AlternateContent``: a DrawingML choice and a VML fallback) and
only one branch is read.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Optional, Union

from docx.oxml.ns import qn as _clark

qn = lru_cache(maxsize=None)(_clark)      # 'w:t' → '{…/main}t', computed once per tag (the walk asks often)


def first_child(element, tag: str):
    """The first child with this (Clark) tag, or None: find() without ElementPath reading its argument."""
    return next(element.iterchildren(tag), None)

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
_VML = "{urn:schemas-microsoft-com:vml}"
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"

ALTERNATE_CONTENT, CHOICE, FALLBACK = f"{_MC}AlternateContent", f"{_MC}Choice", f"{_MC}Fallback"
SDT, SDT_PR, SDT_CONTENT = qn("w:sdt"), qn("w:sdtPr"), qn("w:sdtContent")
_RUN, _TEXT, _MATH_TEXT, _FIELD_CHAR = qn("w:r"), qn("w:t"), f"{_MATH}t", qn("w:fldChar")
_RUN_PROPS, _VANISH = qn("w:rPr"), qn("w:vanish")
_BREAK, _BREAK_TYPE, _SYMBOL = qn("w:br"), qn("w:type"), qn("w:sym")
TEXT_BOX = qn("w:txbxContent")
_TEXTPATH = f"{_VML}textpath"             # WordArt: the text is an attribute

CHECKED, UNCHECKED = "☑", "☐"
_PAGE_BREAK = "\x0c"                      # a page/column break: a line break only between text

# Run content that is text of its own.
_FIXED = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-",
          qn("w:softHyphen"): ""}
# What is never seen as text: tracked deletions and moves away, field codes, comment
# marks, note numbers, the phonetic guide, properties, embedded objects and pictures.
_HIDDEN = {qn("w:del"), qn("w:moveFrom"), qn("w:delText"), qn("w:instrText"), qn("w:delInstrText"),
           qn("w:rPr"), qn("w:pPr"), qn("w:rt"), qn("w:commentReference"), qn("w:annotationRef"),
           qn("w:footnoteReference"), qn("w:endnoteReference"), qn("w:footnoteRef"), qn("w:endnoteRef"),
           qn("w:separator"), qn("w:continuationSeparator"), qn("w:object"), qn("w:subDoc"),
           qn("w:lastRenderedPageBreak"), qn("w:pgNum"), qn("w:dayShort"), qn("w:monthShort"),
           qn("w:yearShort"), qn("w:dayLong"), qn("w:monthLong"), qn("w:yearLong"), qn("w:rubyPr"),
           qn("w:fldData"), qn("w:sdtEndPr"), qn("w:customXmlPr"), qn("w:smartTagPr")}
_SHAPES = {qn("w:drawing"), qn("w:pict")}

# Check boxes drawn with a symbol font (w:sym), by font and character code; a box with a
# tick or a cross is a ticked box on a form.
_SYMBOL_BOXES = {
    "wingdings": {0x6F: UNCHECKED, 0x71: UNCHECKED, 0x72: UNCHECKED, 0xA8: UNCHECKED,
                  0x78: CHECKED, 0xFD: CHECKED, 0xFE: CHECKED, 0xFC: "✔"},
    "wingdings 2": {0xA3: UNCHECKED, 0x52: CHECKED, 0x53: CHECKED, 0x54: CHECKED, 0x50: "✓"},
    "symbol": {0xD6: "√", 0xB7: "•", 0xB4: "×"},
}

Box = Union[object, str]                  # a w:txbxContent element, or WordArt's text


class TooDeep(Exception):
    """Wrappers nested deeper than the reader's limit; the block walker reports it."""


class InlineText:
    """Walks one paragraph once: its visible text, and the text boxes anchored in it."""

    def __init__(self, max_depth: int, on_text: Optional[Callable] = None):
        self.max_depth = max_depth
        self.parts: list[str] = []
        self.boxes: list[Box] = []
        self._fields: list[bool] = []     # per open field: is its result showing yet?
        self._on_text = on_text           # called with each w:t read (lint --fix edits those)

    def read(self, p, depth: int) -> str:
        self._children(p, depth)
        text = "".join(self.parts).strip(_PAGE_BREAK)
        return text.replace(_PAGE_BREAK, "\n")

    def _children(self, element, depth: int) -> None:
        if depth > self.max_depth:
            raise TooDeep(depth)
        for child in element.iterchildren():
            self._node(child, depth + 1)

    def _node(self, node, depth: int) -> None:
        tag = node.tag
        if tag == _RUN:                   # the commonest nodes first: runs, then properties and marks
            self._run(node, depth)
        elif tag in _HIDDEN or not isinstance(tag, str):
            return                        # also comments and processing instructions
        elif tag == _TEXT or tag == _MATH_TEXT:
            self._text(node.text or "", node)
        elif tag in _FIXED:
            self._text(_FIXED[tag])
        elif tag == _BREAK:
            self._text(_PAGE_BREAK if node.get(_BREAK_TYPE) in ("page", "column") else "\n")
        elif tag == _SYMBOL:
            self._text(symbol_text(node))
        elif tag == _FIELD_CHAR:
            self._field_char(node)
        elif tag in _SHAPES:
            self.boxes.extend(find_boxes(node, depth, self.max_depth))
        elif tag == ALTERNATE_CONTENT:
            branch = chosen_branch(node)
            if branch is not None:
                self._children(branch, depth)
        elif tag == SDT:
            self._control(node, depth)
        else:
            # wrappers (w:ins, w:moveTo, w:hyperlink, w:smartTag, w:customXml,
            # w:fldSimple, w:ruby, math), and any wrapper a newer Word may add
            self._children(node, depth)

    def _run(self, run, depth: int) -> None:
        """A run's text; a hidden run (w:vanish) only opens or closes fields."""
        children = list(run)
        if _vanished(children):
            for mark in children:
                if mark.tag == _FIELD_CHAR:
                    self._field_char(mark)
            return
        if depth > self.max_depth:
            raise TooDeep(depth)
        showing = self._showing()
        for child in children:
            tag = child.tag
            if tag == _TEXT:              # most of a run: its properties (never text) and its w:t
                if showing:
                    self.parts.append(child.text or "")
                    if self._on_text is not None:
                        self._on_text(child)
            elif tag != _RUN_PROPS:
                self._node(child, depth + 1)
                showing = self._showing()     # a field mark in the run may hide what follows

    def _showing(self) -> bool:
        """Outside fields, or in the shown result of every open one (not its code)."""
        return not self._fields or all(self._fields)

    def _text(self, text: str, node=None) -> None:
        if self._showing():
            self.parts.append(text)
            if node is not None and self._on_text is not None:
                self._on_text(node)

    def _field_char(self, node) -> None:
        kind = node.get(qn("w:fldCharType"))
        if kind == "begin":
            form = node.find(qn("w:ffData"))
            if form is not None:
                self._text(form_field_text(form))
            self._fields.append(False)
        elif kind == "separate" and self._fields:
            self._fields[-1] = True
        elif kind == "end" and self._fields:
            self._fields.pop()

    def _control(self, sdt, depth: int) -> None:
        state = control_state(sdt)
        if state == "placeholder":
            return
        if state in (CHECKED, UNCHECKED):
            self._text(state)
            return
        content = sdt.find(SDT_CONTENT)
        if content is not None:
            self._children(content, depth)


def chosen_branch(alternate):
    """The one branch of mc:AlternateContent a reader shows: the first choice, else the fallback."""
    choice = alternate.find(CHOICE)
    return choice if choice is not None else alternate.find(FALLBACK)


def find_boxes(shape, depth: int, max_depth: int) -> list[Box]:
    """Text boxes inside a drawing or VML picture, in order; a box inside a box is the inner walk's."""
    found: list[Box] = []
    for child in shape.iterchildren():
        if depth > max_depth:
            raise TooDeep(depth)
        if child.tag == TEXT_BOX:
            found.append(child)
        elif child.tag == ALTERNATE_CONTENT:
            branch = chosen_branch(child)
            if branch is not None:
                found.extend(find_boxes(branch, depth + 1, max_depth))
        elif child.tag == _TEXTPATH and (child.get("string") or "").strip():
            found.append(child.get("string"))
        elif isinstance(child.tag, str):
            found.extend(find_boxes(child, depth + 1, max_depth))
    return found


def control_state(sdt) -> Optional[str]:
    """'placeholder' for an empty control showing its prompt, ☑/☐ for a check box, else None."""
    props = sdt.find(SDT_PR)
    if props is None:
        return None
    placeholder = props.find(qn("w:showingPlcHdr"))
    if placeholder is not None and _on(placeholder.get(qn("w:val"))):
        return "placeholder"
    box = props.find(f"{_W14}checkbox")
    if box is not None:
        checked = box.find(f"{_W14}checked")
        return CHECKED if checked is not None and _on(checked.get(f"{_W14}val"), default=False) else UNCHECKED
    return None


def form_field_text(form) -> str:
    """A legacy form field's visible state: a check box's mark or a drop-down's chosen entry."""
    box = form.find(qn("w:checkBox"))
    if box is not None:
        checked = box.find(qn("w:checked"))
        if checked is None:
            checked = box.find(qn("w:default"))
        return CHECKED if checked is not None and _on(checked.get(qn("w:val"))) else UNCHECKED
    choices = form.find(qn("w:ddList"))
    if choices is not None:
        entries = choices.findall(qn("w:listEntry"))
        chosen = choices.find(qn("w:result"))
        if chosen is None:
            chosen = choices.find(qn("w:default"))
        index = as_int(chosen.get(qn("w:val")) if chosen is not None else None, 0)
        return entries[index].get(qn("w:val")) or "" if 0 <= index < len(entries) else ""
    return ""


def symbol_text(sym) -> str:
    """A w:sym character: Unicode as is; a symbol font's private code through _SYMBOL_BOXES."""
    try:
        code = int(sym.get(qn("w:char")) or "", 16)
    except ValueError:
        return ""
    font = (sym.get(qn("w:font")) or "").strip().lower()
    if 0xF000 <= code <= 0xF0FF or (font in _SYMBOL_BOXES and code <= 0xFF):
        return _SYMBOL_BOXES.get(font, {}).get(code & 0xFF, "")
    return chr(code) if 0x20 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else ""


def _vanished(children: list) -> bool:
    """A run (given as its children) formatted as hidden text (w:vanish): on screen only with
    'show hidden', never printed. The first w:vanish of its properties says."""
    for child in children:
        if child.tag == _RUN_PROPS:
            mark = next(child.iterchildren(_VANISH), None)
            if mark is not None:
                return _on(mark.get(qn("w:val")))
    return False


def as_int(value: Optional[str], default: int) -> int:
    """A whole number written in the file, or the default when it is missing or not a number."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _on(value: Optional[str], default: bool = True) -> bool:
    """An OOXML on/off value: absent means on, unless the attribute's default says otherwise."""
    if value is None:
        return default
    return value.strip().lower() not in ("0", "false", "off")
