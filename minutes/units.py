"""The document's units: one line of a text file, one paragraph line of a Word file, one table cell.

A `Unit` is the smallest piece the later stages read, with its place in the
structure (numbering, label, nesting, section role, table record) and a way back
to the source (`locate`). This module makes units and strips what is form, not
content: numbering marks, checkboxes, labels, tool comments.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Optional

from .labels import LabelMatch, field_of
from .model import Cell, Document, Location, Paragraph
from .textnorm import fold as fold_text

CN = "一二三四五六七八九十百零〇两"
MARKERS = [
    ("cn", re.compile(rf"^第?[{CN}]+[、.](?!\d)\s*")),
    ("shi", re.compile(rf"^[{CN}]{{1,3}}是(?![的否])[，,:：]?\s*")),     # 一是…；二是… of official prose
    ("pcn", re.compile(rf"^\([{CN}]+\)[、.]?\s*")),
    ("part", re.compile(rf"^第[{CN}\d]+(?:部分|章|节|项)[、:.\s]\s*")),
    ("num", re.compile(r"^\d{1,3}(?:[、]|\.(?!\d)|\)(?!\d))\s*")),
    ("pnum", re.compile(r"^\(\d{1,3}\)[、.]?\s*")),
    ("alpha", re.compile(r"^(?:\([a-h]\)|[a-h][.)](?![\w.]))\s*")),
    ("circ", re.compile(r"^[\u2460-\u2473\u2776-\u277f]\s*")),
    ("bullet", re.compile(r"^[-*+>•▪●◦■□◆◇√✓]\s+")),
]
# Any of the marks at all: most lines start with none, and one test says so.
_ANY_MARKER = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in MARKERS))
# What the marks above start with (besides a digit): a line starting otherwise is not asked.
_MARKER_STARTS = frozenset("第(" + CN + "abcdefgh" + "-*+>•▪●◦■□◆◇√✓"
                           + "".join(map(chr, range(0x2460, 0x2474))) + "".join(map(chr, range(0x2776, 0x2780))))
_BOX = re.compile(r"^\[([ xX✓✔])\]\s*")
_COMMENT = re.compile(r"<!--.*?-->|^\s*minutes-(?:disable|enable)\S*(?:[\s,]+[a-z-]+)*\s*$|(?:^|\s)(?:#|//)\s*minutes-(?:disable|enable)\S*(?:[\s,]+[a-z-]+)*\s*$|【minutes-[^】]*】")

# A label at the start of a line: ``负责人：``, ``【结论】``, ``[Action]``; what it names is
# decided by `labels.field_of`. An ordinal may follow the label (结论一：, 决议2：).
_LINE_LABEL = re.compile(r"^\s*+(?:[\[【]\s*+(?P<bracket>[^\[\]【】:：\n]{1,16}?)\s*+[\]】]\s*+[:：]?"
                         r"|(?P<plain>[^:：，,。；;！？!?\[\]【】()（）\n]{1,20}?)\s*+[:：])\s*")
_ORDINAL = re.compile(rf"(?<!\s)\s*+(?:[{CN}]|\d{{1,2}})$")
_LEAD_QUALIFIERS = ("本次", "此次", "本期", "本场")


def line_label(text: str, *groups: str) -> Optional[tuple[LabelMatch, re.Match]]:
    """The label opening a line, if it names a field of one of the groups."""
    if ":" not in text and "：" not in text and "[" not in text and "【" not in text:
        return None                 # every label ends in a colon or sits in brackets: most lines have neither
    m = _LINE_LABEL.match(text)
    if not m:
        return None
    plain = m.group("plain") is not None
    words = (m.group("plain") if plain else m.group("bracket")).strip()
    numbered = _ends_in_ordinal(words)
    for candidate in _label_candidates(words):
        match = field_of(candidate, *groups)
        if not match:
            continue
        if numbered and candidate != words and match.group != "content":
            match = field_of(candidate, "content") if "content" in groups else None
            if match is None:       # 结论一： numbers a decision, 议程1： an agenda item (a topic);
                continue            # 发言人1： is a speaker, not a label
        if match.field != "none" and (plain or match.how != "head"):
            return match, m
    return None


def _ends_in_ordinal(words: str) -> bool:
    last = words[-1:]
    return bool(last) and (last in CN or last.isdecimal()) and bool(_ORDINAL.search(words))


def _label_candidates(words: str) -> list[str]:
    """The label as written, without a leading 本次, and without a trailing ordinal (结论一)."""
    bare = words[2:] if words.startswith(_LEAD_QUALIFIERS) else words
    unnumbered = _ORDINAL.sub("", bare) if _ends_in_ordinal(bare) else bare
    if unnumbered is words:
        return [words] if words else []
    out = [words, bare, unnumbered]
    return [w for i, w in enumerate(out) if w and w not in out[:i]]


def label_field(text: str, group: str) -> Optional[str]:
    """The canonical field a whole label cell or header names, e.g. '负责人' → 'owner'."""
    match = field_of(text, group)
    return match.field if match else None


# --------------------------------------------------------------------------- #
# Units
# --------------------------------------------------------------------------- #
@dataclass(eq=False)
class Unit:
    text: str                          # the words, numbering and label removed
    origin: Paragraph | Cell
    start: int                         # offset of `text` inside origin.text
    index: int                         # order in the document
    kind: str = "line"                 # heading | line | cell | form | speaker | comment | noise
    style: Optional[str] = None        # numbering style key, e.g. "cn", "num", "bullet1", "h2"
    rank: float = 99                   # nesting: smaller is outer
    checked: Optional[bool] = None
    label: Optional[str] = None        # canonical field the unit's label names
    label_group: Optional[str] = None
    label_words: Optional[str] = None  # the label as written
    indent: int = 0
    gap_before: bool = False
    parent: Optional["Unit"] = None
    role: Optional[str] = None         # role of the section the unit is in
    headings: list["Unit"] = field(default_factory=list)
    record: Optional["Record"] = None
    column: Optional[str] = None       # for table cells: the header's field
    has_list: bool = False             # (headings) the section enumerates its entries
    labelled_decisions: bool = False   # (headings) the section writes 结论：/决议： labels
    remark: str = ""                   # an HTML comment or minutes-disable marker cut from the text
    noise: str = ""                    # why the unit is no content (kind "noise"): page number, email header…
    role_evidence: str = ""            # (headings) what gave the section its role
    speaker: Optional[str] = None      # who says it, in a chat export (the line under a header)
    when: Optional[str] = None         # a chat header's or transcript line's time stamp
    gaps: tuple = ()                   # (offset in text, chars) of comments cut from inside the line
    # The folded text (textnorm.fold): every reader of a line asks for it, several times each, so it
    # is a plain attribute, made with the unit and kept in step by `_set_text`, the one way its text changes.
    fold: str = field(default="", init=False, repr=False)

    def __post_init__(self) -> None:
        self.fold = fold_text(self.text)

    def locate(self, offset: int = 0) -> Location:
        if self.gaps:
            offset += sum(chars for at, chars in self.gaps if at <= offset)
        return self.origin.locate(self.start + offset)

    @property
    def line(self) -> Optional[int]:
        return self.origin.location.line

    @property
    def topic(self) -> Optional[str]:
        for heading in reversed(self.headings):
            if heading.role is None and heading.kind == "heading" and heading.rank > 0:   # not the title
                return heading.text
        return None

    def __repr__(self) -> str:
        return f"Unit({self.kind}:{self.style}:{self.label}:{self.role}:{self.text[:30]!r})"


@dataclass(eq=False)
class Record:
    """One row of a table under a header: canonical field → cell unit."""

    fields: dict[str, Unit]
    table: int
    row: int
    extra: dict[str, Unit] = field(default_factory=dict)   # cells whose header is unknown
    status_table: bool = False          # the table tracks the progress of earlier tasks
    done: bool = False                  # the row's state says the task is done or closed
    columns: list = field(default_factory=list)            # layouts.table.Column per column: field, kind, evidence
    task_header: Optional[Unit] = None  # the task column's header cell (明日计划 dates its rows)

    def get(self, name: str) -> Optional[str]:
        unit = self.fields.get(name)
        return unit.text.strip() if unit and unit.text.strip() else None


@dataclass
class Segmented:
    document: Document
    units: list[Unit]
    records: list[Record]
    title_unit: Optional[Unit]

MAX_UNIT = 600            # chars; longer lines are cut at sentence ends so every rule stays linear
_BREAK = re.compile(r"[。！？!?；;]|[，,、]")


def split_lines(origin: Paragraph | Cell, index: int, kind: str) -> list[tuple[Unit, bool]]:
    """One unit per non-blank line of a paragraph or cell (soft breaks, <br>), and whether it is the first."""
    text = origin.text
    if "\n" not in text and len(text) <= MAX_UNIT:          # one line: most paragraphs and cells
        stripped = text.strip()
        if not stripped:
            return []
        lead = len(text) - len(text.lstrip())
        unit = Unit(stripped, origin, lead, index, kind)      # by position: a Unit has 26 fields to match names to
        unit.indent = lead
        return [(unit, True)]
    return list(_split_lines(origin, index, kind))


def _split_lines(origin: Paragraph | Cell, index: int, kind: str) -> Iterator[tuple[Unit, bool]]:
    offset = 0
    for part in origin.text.split("\n"):
        for piece_start, piece in _pieces(part) if len(part) > MAX_UNIT else ((0, part),):
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                first = offset == 0 and piece_start == 0
                yield Unit(text=stripped, origin=origin, start=offset + piece_start + lead, index=index, kind=kind,
                           indent=lead if piece_start == 0 else 0), first
                index += 1
        offset += len(part) + 1


def _pieces(line: str) -> Iterator[tuple[int, str]]:
    """A line, or for an overlong one, pieces of at most MAX_UNIT chars ending at a sentence end if any."""
    start = 0
    while len(line) - start > MAX_UNIT:
        window = line[start:start + MAX_UNIT]
        ends = [m.end() for m in _BREAK.finditer(window) if m.group(0) in "。！？!?；;"] or \
               [m.end() for m in _BREAK.finditer(window)]
        cut = ends[-1] if ends else MAX_UNIT
        yield start, line[start:start + cut]
        start += cut
    yield start, line[start:]

def cut_comments(unit: Unit) -> None:
    """``<!-- … -->`` and ``# minutes-disable …`` are remarks to tools, not content."""
    if "<!--" not in unit.text and "minutes-" not in unit.text:
        return                           # what every remark holds: most lines have none
    comments = list(_COMMENT.finditer(unit.text))
    if not comments:
        return
    unit.remark = " ".join(m.group(0) for m in comments)
    kept, gaps, position = "", [], 0
    for m in comments:
        kept += unit.text[position:m.start()]
        gaps.append((len(kept), m.end() - m.start()))
        position = m.end()
    kept += unit.text[position:]
    if not kept.strip():
        unit.kind = "comment"
        return
    lead = len(kept) - len(kept.lstrip())
    unit.start += lead + sum(chars for at, chars in gaps if at <= lead)
    unit.gaps = tuple((at - lead, chars) for at, chars in gaps if at > lead)   # 张伟 <!-- 注 --> 周五前…
    _set_text(unit, kept.strip())


def strip_marker(unit: Unit) -> None:
    """Remove a typed numbering mark; outside headings it sets the unit's style."""
    folded = unit.fold
    first = folded[:1]
    marked = (first in _MARKER_STARTS or first.isdecimal()) and _ANY_MARKER.match(folded)
    for style, pattern in MARKERS if marked else ():
        m = pattern.match(folded)
        if m and m.end() < len(unit.text):
            if unit.kind != "heading":
                unit.style = f"bullet{unit.indent // 2}" if style == "bullet" else style
            advance(unit, m.end())
            break
    strip_box(unit)


def strip_box(unit: Unit) -> None:
    """A typed checkbox, ``[ ]`` or ``[x]``, says whether the item is done."""
    box = _BOX.match(unit.fold) if unit.fold.startswith("[") else None
    if box and unit.checked is None and box.end() < len(unit.text):
        unit.checked = box.group(1) != " "
        advance(unit, box.end())


def strip_label(unit: Unit, *groups: str) -> None:
    found = line_label(unit.fold, *groups)
    if not found:
        return
    match, m = found
    words = "bracket" if m.group("bracket") is not None else "plain"
    unit.label, unit.label_group = match.field, match.group
    unit.label_words = unit.text[m.start(words):m.end(words)].strip()
    advance(unit, m.end())


def advance(unit: Unit, chars: int) -> None:
    if unit.gaps:
        unit.start += chars + sum(cut for at, cut in unit.gaps if at <= chars)
        unit.gaps = tuple((at - chars, cut) for at, cut in unit.gaps if at > chars)
    else:
        unit.start += chars
    # fold maps each char to one char: the rest's fold is the fold's rest
    _set_text(unit, unit.text[chars:], unit.fold[chars:])


def _set_text(unit: Unit, text: str, folded: Optional[str] = None) -> None:
    """Change a unit's words, and its fold with them (given, or made afresh)."""
    unit.text = text
    unit.fold = fold_text(text) if folded is None else folded


def cell_units(cell: Cell, index: int) -> Iterator[Unit]:
    for unit, _ in split_lines(cell, index, "cell"):
        unit.indent = 0
        strip_marker(unit)
        if (found := line_label(unit.fold, "content")) and found[0].field == "rationale":
            strip_label(unit, "content")             # a 依据： paragraph inside a 结论 cell
        yield unit


def bare_label(unit: Unit) -> None:
    """A line that is only a content label, with no colon (结论 / 待办 / Action items on a line of their
    own), heads what follows as ``结论：`` would."""
    match = field_of(unit.text, "content") if len(unit.text.strip()) <= _BARE_LABEL_MAX else None
    if match and match.how in ("listed", "bilingual", "plural"):
        unit.kind, unit.label, unit.label_group, unit.label_words = "heading", match.field, "content", unit.text.strip()


_BARE_LABEL_MAX = 16


def pasted_form_labels(units: list["Unit"]) -> None:
    """A form pasted as text puts each cell on a line: a line that is only a meeting field's label
    (会议时间 / 地点 / 参会人员, no colon) and the plain line after it are that field and its value."""
    content = [u for u in units if u.kind in ("line", "heading") and u.text.strip()]
    for label, value in zip(content, content[1:]):
        if label.label is not None or label.style or value.label is not None or value.kind != "line" or value.style \
                or len(label.text.strip()) > _BARE_LABEL_MAX or ":" in label.text or "：" in label.text:
            continue
        match = field_of(label.text, "meeting")
        if match and _printed_label(match, label.text.strip()):
            value.label, value.label_group, value.label_words = match.field, "meeting", label.text.strip()
            label.kind, label.noise = "noise", "表单中的栏目名"


def _printed_label(match, words: str) -> bool:
    """A bare line is a form's label when it is one as printed: a listed label, two joined (地点/线上,
    会议地点及方式), or a head word after a listed one (参会部门及人员) — not any noun ending in 人员."""
    if match.how in ("listed", "bilingual", "plural", "paired"):
        return True
    if match.how != "head":
        return False
    first = _JOINED_LABELS.split(words, maxsplit=1)[0]
    found = field_of(first, "meeting") if first != words else None
    return found is not None and found.how == "listed"


_JOINED_LABELS = re.compile(r"[及和与、/／]")
