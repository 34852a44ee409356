"""segment(document) -> Segmented: units of text with their place in the structure.

A *unit* is one line of a text file, one paragraph (or soft-broken line) of a Word
file, or one table cell. Segmentation decides, from form alone:

* numbering and nesting (一、 （一） 1. （1） ① bullets, headings, Word auto-numbers),
* labels (``负责人：``, ``结论：``, a form's label cell) and what field they name,
* the *role* of the section a unit sits in (decisions, actions, status, info...),
* table shape: records under a header row, or label/value forms.

What the words mean beyond that is extract's business.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Optional

from . import lexicon
from .labels import field_of, role_of_heading
from .layouts import noise
from .layouts.table import may_say_done, table_units, task_state
from .model import Document, Paragraph
from .parties import bare_title, ends_as_post, looks_like_person, name_shaped
from .textnorm import fold_word
from .units import (Record, Segmented, Unit, advance, bare_label, cut_comments, pasted_form_labels, split_lines,
                    strip_box, strip_label, strip_marker)

_PREFIX = re.compile(r"^([^:：]{2,8})[:：]")
_TIMESTAMP = re.compile(r"^(?:[\[(（【]\s*\d{1,2}:\d{2}(?::\d{2})?\s*[\])）】]|\d{1,2}:\d{2}(?::\d{2})?(?=\s+[^\s:：]{1,8}[:：]))\s*")
# A chat export's message header: "张伟 2024-05-13 10:02", "10:02 张伟", "2024-05-13 10:02:33 张伟"
_CHAT_DATE = r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s+)?"
# (a speech-to-text export numbers its speakers: "发言人1 00:00:05", "Speaker 2 00:01:40")
_CHAT_HEADER = re.compile(rf"^(?:(?P<name>[^\s\d:：，,。]{{1,16}}(?:\s[A-Za-z]{{1,16}})?(?:\s?\d{{1,2}})?)\s+(?P<when>{_CHAT_DATE}\d{{1,2}}:\d{{2}}(?::\d{{2}})?)"
                          rf"|(?P<when2>{_CHAT_DATE}\d{{1,2}}:\d{{2}}(?::\d{{2}})?)\s+(?P<name2>[^\s\d:：，,。]{{1,16}}))$")
_SENTENCE_END = re.compile(r"[。;；!?！？]\s*$")
_CLAUSE_MARK = re.compile(r"[，,。；;]")
_NOT_A_CAPTION = re.compile(r"[，,。；;！!？?:：]|\d{1,2}\s*[月/.]\s*\d")      # a sentence's marks, or a date


def segment(document: Document) -> Segmented:
    units: list[Unit] = []
    records: list[Record] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            units.extend(_paragraph_units(block, len(units)))
        else:
            cells, table_records = table_units(block, len(units))
            units.extend(cells)
            records.extend(table_records)
    for i, unit in enumerate(units):
        unit.index = i
    noise.mark(units)
    pasted_form_labels(units)
    _chat_turns(units)
    title = _title_unit(units)
    _nest(units, title)
    return Segmented(document=document, units=units, records=records, title_unit=title)

def _paragraph_units(p: Paragraph, index: int) -> list[Unit]:
    units = []
    for unit, first in split_lines(p, index, "line"):
        _classify_paragraph(unit, p, first)
        units.append(unit)
    return units


def _classify_paragraph(unit: Unit, p: Paragraph, first: bool) -> None:
    cut_comments(unit)
    unit.checked = p.checked
    if p.heading and first:
        unit.kind, unit.style = "heading", f"h{p.heading}"
    elif p.list_kind and first:
        unit.style = f"{p.list_kind}{p.list_level}"
    elif p.list_kind:
        unit.style = "cont"
    unit.indent += p.list_level * 2 if p.list_kind else (p.location.column or 1) - 1
    unit.gap_before = p.gap_before and first
    if unit.style in (None, "cont") or unit.kind == "heading":
        strip_marker(unit)
    else:
        strip_box(unit)                  # a Word list item typed as "[ ] 任务"
    if ":" in unit.fold and (m := _TIMESTAMP.match(unit.fold)):      # every time stamp has a colon
        unit.when = m.group(0).strip(" []()（）【】")
        advance(unit, m.end())
        if (poster := _TIMED_POSTER.match(unit.text)) and _names_a_poster(poster.group(1)):
            unit.speaker = poster.group(1)           # [09:35] Alice Zhou: …, a channel export's post
            advance(unit, poster.end())
    strip_label(unit, "meeting", "content", "record")
    if unit.label is None and unit.style is None and unit.kind == "line":
        bare_label(unit)
    if "~~" in unit.text and _STRUCK.match(unit.text) or unit.checked is None and _marked_done(unit.text, unit.fold):
        unit.checked = True              # struck through: cancelled, even in an open box (- [ ] ~~…~~)


# Who wrote a time-stamped post: a name of one to three Latin words, or one word, before a colon
_TIMED_POSTER = re.compile(r"([A-Za-z][\w.'-]{0,20}(?: [A-Za-z][\w.'-]{0,20}){0,2}|[^\s:：()（）@，,。]{2,12})\s*[:：]\s*")


def _names_a_poster(name: str) -> bool:
    """A person's name, not a label (Note:) and not the chat's own voice (系统消息:)."""
    return field_of(name) is None and looks_like_person(name) \
        and fold_word(name).lower() not in lexicon.folded_words("noise.yaml", "chat_system_prefixes")


# Work marked done in the line itself: ✅ in front, or a closing state after a dash or in brackets
# (… —— close, …（已完成））; a line struck through is done (cancelled) in any box.
_DONE_FRONT = re.compile(r"^\s*(?:[✅☑✔]|\[[xX✓✔]\])")
_DONE_FRONT_STARTS = frozenset("✅☑✔[")
_STRUCK = re.compile(r"^\s*~~.+~~")
_DONE_TAIL = re.compile(r"(?:\s[-—–]+\s*+|(?<!-)-{2,}+\s*+|[(（]|[:：]\s*+)([^-—–()（）:：]{1,12}?)[)）]?\s*+[✅☑✔]?\s*+$")


_TAIL_STATE = 12          # chars: the most _DONE_TAIL reads as the state


def _marked_done(text: str, folded: str) -> bool:
    if text.lstrip()[:1] in _DONE_FRONT_STARTS and _DONE_FRONT.match(text):
        return True
    if not may_say_done(folded[max(0, len(_before_tail(folded)) - _TAIL_STATE):]):
        return False              # no done word where the tail's state could be: most lines
    tail = _DONE_TAIL.search(folded)
    return bool(tail) and tail.start() > 0 and len(tail.group(1).strip()) <= 8 \
        and task_state(tail.group(1)) == "done"


def _before_tail(folded: str) -> str:
    """The line without what _DONE_TAIL lets follow the state: spaces, a tick, a closing bracket."""
    rest = folded.rstrip()
    if rest and rest[-1] in "✅☑✔":
        rest = rest[:-1].rstrip()
    if rest and rest[-1] in ")）":
        rest = rest[:-1]
    return rest


def _chat_turns(units: list[Unit]) -> None:
    """A chat export: each header line names who wrote the lines under it."""
    headers = {id(u): m for u in units if u.kind == "line" and u.label is None and ":" in u.fold
               and (m := _CHAT_HEADER.match(u.fold))}                  # a header's time has a colon
    if len(headers) < 2:
        return
    speaker = None
    for unit in units:
        m = headers.get(id(unit))
        if m:
            unit.kind = "speaker"
            speaker = _person_of_header(unit.text[m.start("name"):m.end("name")] if m.group("name") else
                                        unit.text[m.start("name2"):m.end("name2")])
            unit.speaker, unit.when = speaker, m.group("when") or m.group("when2")
        elif unit.kind == "heading":
            speaker = None
        elif speaker is not None and unit.kind == "line":
            unit.speaker = speaker


def _person_of_header(name: str) -> str:
    """园长-郑丽华, 郑丽华-园长: a header that joins the writer's post to the name by a dash names the person."""
    parts = [p.strip() for p in _HEADER_DASH.split(name) if p.strip()]
    if len(parts) != 2:
        return name
    first_is_post, second_is_post = (bare_title(p) or ends_as_post(fold_word(p)) for p in parts)
    if first_is_post != second_is_post:
        person = parts[1] if first_is_post else parts[0]
        if name_shaped(person):
            return person
    return name


_HEADER_DASH = re.compile(r"[-－—–]")


# --------------------------------------------------------------------------- #
# Title, nesting and section roles
# --------------------------------------------------------------------------- #
def _title_unit(units: list[Unit]) -> Optional[Unit]:
    """The first heading, or a first plain line that reads like a name, not a sentence."""
    for unit in units[:3]:
        if unit.kind == "heading":
            return unit
        if unit.label is None and unit.style is None and unit.kind == "line":
            text = unit.text.strip()
            return unit if len(text) <= 50 and not _CLAUSE_MARK.search(text) else None
    return None


class _Ranks:
    """Numbering styles ranked by first appearance: the first style seen is outermost."""

    def __init__(self) -> None:
        self.order: dict[str, int] = {}

    def of(self, unit: Unit) -> float:
        if unit.style and unit.style[0] == "h" and unit.style[1:].isdigit():
            return int(unit.style[1:])
        if unit.style is None or unit.style == "cont":
            return 99
        if unit.style not in self.order:
            self.order[unit.style] = 10 + len(self.order)
        return self.order[unit.style]


_NOTHING = object()       # no stack seen yet (an empty stack's top is None)


def _nest(units: list[Unit], title: Optional[Unit]) -> None:
    """Set rank, parent, enclosing headings, section role and inherited urgency, in one pass."""
    ranks = _Ranks()
    stack: list[Unit] = []
    content = [u for u in units if u.kind not in ("noise", "comment")]
    following = {id(u): nxt for u, nxt in zip(content, content[1:])}
    message_floor = None                  # the stack's depth when the latest time-stamped message began
    heads: set[int] = set()               # ids of the stacked units that head a section (fixed once stacked)
    prefix_roles: dict[str, Optional[str]] = {}     # 张伟： on every line of a transcript: asked once
    # The stack under a unit is fixed while that unit is on top (a unit is stacked once, and what is
    # below it changes only once it is popped): lines under the same top share its headings and role.
    top: object = _NOTHING
    headings: list[Unit] = []
    inherited: Optional[str] = None
    for unit in units:
        if _opens_list(unit, following.get(id(unit))):
            unit.kind = "heading"
        # a time-stamped line, or a chat header before the lines of a message
        message = bool(unit.when) and unit.kind in ("line", "speaker")
        if message and message_floor is not None:
            del stack[message_floor:]             # a new message ends the lists and labels the last one opened
        label_heading = _is_label_heading(unit)
        _rank(unit, title, ranks, stack, label_heading)
        _close_scopes(unit, stack)
        if message or message_floor is not None and len(stack) < message_floor:
            message_floor = len(stack)            # what the message opens sits above this depth
        unit.parent = stack[-1] if stack else None
        if unit.parent is not top:
            top = unit.parent
            headings = [u for u in stack if id(u) in heads]
            inherited = _role_from(headings)
        unit.headings = headings
        unit.role = inherited
        heading = unit.kind == "heading" or label_heading
        if unit is not title and heading:
            own = _role_of_heading(unit)
            if own:
                unit.role_evidence = f"标题“{(unit.label_words or unit.text).strip()[:20]}”"
            unit.role = own or unit.role
        elif unit.kind != "cell" and unit.label is None and (":" in unit.fold or "：" in unit.fold) \
                and (m := _PREFIX.match(unit.fold)):
            prefix = m.group(1)
            if prefix not in prefix_roles:
                prefix_roles[prefix] = role_of_heading(prefix)
            unit.role = prefix_roles[prefix] or unit.role
        if unit.kind != "cell" and (heading or unit.rank < 99):
            stack.append(unit)
            if heading:
                heads.add(id(unit))


def _rank(unit: Unit, title: Optional[Unit], ranks: _Ranks, stack: list[Unit], label_heading: bool) -> None:
    if unit.kind in ("cell", "form", "speaker", "comment", "noise"):
        unit.rank = 99
    elif unit is title:
        unit.rank = 0
    elif label_heading:
        while stack and stack[-1].kind != "heading":
            stack.pop()
        unit.rank = (stack[-1].rank if stack else 0) + 0.5
    elif _is_text_heading(unit):
        unit.kind = "heading"
        unit.rank = ranks.of(unit) if unit.style else 9
    else:
        unit.rank = ranks.of(unit)
        if unit.rank == 99 and unit.indent and stack and stack[-1].kind != "heading":
            unit.rank = stack[-1].rank + 0.25


def _close_scopes(unit: Unit, stack: list[Unit]) -> None:
    """Pop what the unit is not inside of; a blank line before plain text ends a label's scope."""
    if unit.kind in ("cell", "form", "speaker", "comment", "noise"):
        return
    while stack and stack[-1].rank >= unit.rank:
        stack.pop()
    if unit.kind == "heading" and (unit.style is None or unit.style.startswith("h")):
        while stack and _is_label_heading(stack[-1]) and stack[-1].label_group == "content":
            stack.pop()                  # 【会上确定】 … 【后续安排】: a caption ends a label's scope
    if unit.gap_before and unit.rank == 99 and not unit.indent:
        while stack and _is_label_heading(stack[-1]):
            stack.pop()


_APPENDIX = re.compile(r"^(?:附[:：件录]|附\s|备注[:：]|说明[:：])")
_INTRO = re.compile(r"^(?:补充[:：]?|其他[:：]?|[^,，。;；:：]{1,10}[:：])$")
_INTRO_MAX = 11           # chars: the longest line _INTRO takes


# A caption set off by marks, as plain-text notes draw headings: == 决议 ==, 【待办】, **结论**, ——背景——
_DECORATED = re.compile(r"^(?:={2,}|#{1,6}|\*\*|-{2,}|~{2,}|【|\[)\s*[^=#*~【】\[\]]{1,30}?\s*(?:={2,}|#*|\*\*|-{2,}|~{2,}|】|\])$")


def _is_text_heading(unit: Unit) -> bool:
    """A numbered or labelled line that names a section rather than says something;
    also ``附：…`` / ``补充：`` lines that open a new part, and captions set off by marks."""
    if unit.kind == "heading" or unit.label == "topic":
        return True
    if unit.kind == "line" and unit.label is None and unit.style is None and _DECORATED.match(unit.fold.strip()) \
            and not _SENTENCE_END.search(unit.text.strip("=#*-~【】[] ")):
        return True
    if unit.kind == "line" and unit.label is None and unit.style is None and _APPENDIX.match(unit.text.strip()):
        return True
    if unit.label is not None or unit.style not in ("cn", "pcn", "part"):
        return False
    text = unit.text.strip()
    return len(text) <= 40 and not _SENTENCE_END.search(text) and "，" not in text[:-1] and "," not in text \
        and not _BRACKETED_FIELD.search(text)


# 教材发放（责任单位：教材科；完成时间：开学前）: fields in brackets make an entry, not a section's name
_BRACKETED_FIELD = re.compile(r"[(（][^()（）:：]{1,12}[:：][^()（）]*[)）]")


_LIST_HEAD_MAX = 16       # chars: a list's caption is short


def _opens_list(unit: Unit, nxt: Optional[Unit]) -> bool:
    """A short line with no sentence in it, followed by a list that sits under it (or a table), is
    that list's heading (``TODO`` / ``背景`` / ``3. 后续工作安排`` above its bullets) — unless the
    list below is the line's own fields (``负责人：…``)."""
    if unit.kind != "line" or unit.label is not None or nxt is None:
        return False
    table_below = nxt.kind == "cell" and unit.style is None      # 待办清单（共享表格导出） above a pasted table
    if not table_below and (nxt.style in (None, "cont") and not (nxt.indent > unit.indent and nxt.kind == "line")
                            or nxt.indent + 2 < unit.indent):    # a list further out is no list under this line
        return False
    if nxt.label_group == "record" or unit.checked is not None:
        return False
    text = unit.text.strip().strip("*_").rstrip(":：")          # a caption may end in a colon: 会后落实：
    if len(text) <= _LIST_INTRO_MAX and unit.text.rstrip().endswith((":", "：")) \
            and fold_word(text).lower().endswith(_list_intro_endings()):
        return True                                             # 各位好，今天会议待办如下：
    if len(text) > _LIST_HEAD_MAX or text[:1] in "(（" or _NOT_A_CAPTION.search(text):
        return False
    if unit.style is None:
        return True
    return unit.style not in ("cont",) and (nxt.indent > unit.indent or nxt.style != unit.style) \
        and not unit.style.startswith("bullet")


_LIST_INTRO_MAX = 20         # a 纪要's opening paragraph (…现将会议议定事项纪要如下：) heads no list


@lru_cache(maxsize=1)
def _list_intro_endings() -> tuple[str, ...]:
    return tuple(w.lower() for w in lexicon.folded_words("cues.yaml", "list_intro_endings"))


def heads_section(unit: Unit) -> bool:
    """A heading, a label with nothing after it, or a short ``罗琳：`` line: it heads what follows."""
    return unit.kind == "heading" or _is_label_heading(unit)


def _is_label_heading(unit: Unit) -> bool:
    """A label with nothing after it ("待办：", "会议决议：") or a short ``罗琳：`` / ``补充：`` line heads what follows."""
    if unit.label_group == "content" and not unit.text.strip():
        return True
    if unit.kind != "line" or unit.label is not None or unit.style is not None:
        return False
    text = unit.text.strip()
    return len(text) <= _INTRO_MAX and bool(_INTRO.match(text))


def _role_of_heading(unit: Unit) -> Optional[str]:
    if unit.label_group == "content" and unit.label in ("decision", "rationale", "action", "risk", "question"):
        return {"decision": "decisions", "rationale": "rationale", "action": "actions",
                "risk": "risks", "question": "questions"}[unit.label]
    if unit.label == "topic":
        return None
    return role_of_heading(unit.text)


def _role_from(headings: list[Unit]) -> Optional[str]:
    """The role of the innermost heading that has one (every unit in ``headings`` heads a section)."""
    for heading in reversed(headings):
        if heading.role:
            return heading.role
    return None
