"""Noise: what a document carries that is not the meeting's content.

Page furniture (— 2 —, 第 1 页 共 3 页, 内部资料 注意保密, separators, a running head
repeated on every page), mail machinery (the header block of an email, the quoted
message under a reply, the signature), chat machinery (撤回了一条消息, 加入了群聊,
[图片]), markup (HTML tags, image lines) and template guidance (a 填写说明 or a
callout telling the writer what to put where). Such units get ``kind = "noise"`` and
a reason in ``unit.noise``; every later stage passes over them, so they become no
item, title or date.

The words live in nlp_models/noise.yaml; the shapes (a page number, a tag) are here.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import islice
from typing import Optional

from .. import lexicon
from ..labels import normalise
from ..textnorm import fold, folding_to, trie_regex
from ..units import Unit

_PAGE_NUMBER = re.compile(r"^(?:[-—–_\s]*\d{1,4}[-—–_\s]*|第\s*\d{1,4}\s*页[\s,，/]*(?:共\s*\d{1,4}\s*页)?"
                          r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$", re.I)
# A chat export's day divider: ——— 2024年11月12日 ———, == 2024-11-12 (周二) ==
_DAY = r"\d{4}\s*[年/.-]\s*\d{1,2}\s*[月/.-]\s*\d{1,2}\s*日?\s*(?:[(（]?(?:星期|周)[一二三四五六日天][)）]?)?"
_DAY_LINE = re.compile(rf"^[-—–=·~\s]{{2,}}{_DAY}[-—–=·~\s]{{2,}}$")
DAY_LINE = "聊天记录的日期分隔"
# The same divider undecorated (2024-11-12 星期二), known by the time-stamped messages under it
_BARE_DAY = re.compile(rf"^{_DAY}$")
_SEPARATOR = re.compile(r"^[-—–_=*~#·.\s]{3,}$")
_COPIES = re.compile(r"^[(（]?\s*共印\s*\d{1,4}\s*份\s*[)）]?$")
_TAG = re.compile(r"^\s*</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>\s*$", re.I)
_OPEN_BLOCK = re.compile(r"^\s*<(div|aside|details|blockquote|section)\b[^<>]*>\s*$", re.I)
_IMAGE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$")
_QUOTE_OPENER = re.compile(r"^(?:-{2,}\s*(?:原始邮件|original message)\s*-{2,}"
                           r"|在\s*.{4,40}?写道\s*[:：]|on\s.{6,80}?\swrote\s*:)\s*$", re.I)
_QUOTE_OPENER_STARTS = frozenset("-在oO")       # what _QUOTE_OPENER's lines start with
_SIGNATURE_DASHES = re.compile(r"^--\s*$")
_MAX_REPEATED = 30        # a running head is short
_EMAIL_HEAD_LINES = 12
_SIGNATURE_LINES = 10      # a signature sits in the last lines of a message


def mark(units: list[Unit]) -> None:
    """Set kind "noise" and a reason on every unit that is no content of the meeting."""
    for unit in units:
        reason = _furniture(unit)
        if reason:
            _set(unit, reason)
    _repeated(units)
    _email(units)
    _callouts(units)
    _bare_day_lines(units)


def _bare_day_lines(units: list[Unit]) -> None:
    """A line that is only a day, followed by a time-stamped message: a chat export's divider."""
    content = [u for u in units if u.kind in ("line", "heading", "noise") and u.text.strip()]
    for unit, following in zip(content, content[1:]):
        if unit.kind != "noise" and unit.label is None and following.when and _BARE_DAY.match(unit.fold.strip()):
            _set(unit, DAY_LINE)


def _set(unit: Unit, reason: str) -> None:
    unit.kind = "noise"
    unit.noise = reason


# --------------------------------------------------------------------------- #
def _furniture(unit: Unit) -> Optional[str]:
    if unit.kind not in ("line", "heading", "form"):
        return None
    text = unit.fold.strip()
    if not text:
        return None
    shape = _shape(unit, text)
    if shape:
        return shape
    if _may_hold_marks(text):
        normal = normalise(text)
        if _only_words(normal, "page_marks"):
            return "密级、页眉等页面标记"
        if _only_words(normal, "chat_system") or _chat_system(normal):
            return "聊天软件的系统消息"
    if _blank_to_fill(text):
        return "待填写的空白"
    if _sign_off_field(text):
        return "表单的签字栏"
    if _stamp(text):
        return "文档修改记录"
    return None


def _shape(unit: Unit, text: str) -> Optional[str]:
    """A page number, a separator, a tag, an image: furniture known by its shape alone."""
    source = unit.origin.text                       # before a marker was cut: "— 2 —" is no bullet
    if not (_may_start_shape(text[:1]) or _may_start_shape(source.lstrip()[:1])):
        return None                                 # most lines start otherwise
    whole = text if source.strip() == unit.text else fold(source).strip()
    if _PAGE_NUMBER.match(whole) or _PAGE_NUMBER.match(text) and not unit.style:
        return "页码"
    if _DAY_LINE.match(text):
        return DAY_LINE
    if _SEPARATOR.match(text):
        return "分隔线"
    if _COPIES.match(text):
        return "印数"
    if _TAG.match(text):
        return "标记代码"
    if _IMAGE.match(unit.text):
        return "图片"
    return None


_SHAPE_STARTS = "-_=*~#.第共pP(（<!"             # the first character of any shape above but a digit


def _may_start_shape(first: str) -> bool:
    """Whether a shape may start with this character, as written (before folding): a digit or one of
    _SHAPE_STARTS, told apart without a pattern (asked twice of every line)."""
    return first.isdecimal() or first in _shape_starts()


@lru_cache(maxsize=1)
def _shape_starts() -> frozenset[str]:
    return frozenset(folding_to(_SHAPE_STARTS))


_STAMP_LABEL = re.compile(r"^[\s*_]*([^:：]{2,12})[:：]")


def _stamp(text: str) -> bool:
    """``最后编辑：林晓 2024-11-06 17:42`` / ``文档维护：… ｜ 最后更新：…``: the file's history."""
    if ":" not in text and "：" not in text:
        return False                  # no label: most lines
    m = _STAMP_LABEL.match(text)
    return bool(m) and normalise(m.group(1)) in _words("document_stamps")


def _sign_off_field(text: str) -> bool:
    """发起部门负责人签字 / 甲方签章：________ / 经办人签名\t: a form's place to sign, blanks after it at most."""
    if not any(word in text for word in _word_tuple("sign_off", "words")):
        return False                  # (most lines: no word of signing at all)
    words = _FILLED_OUT.sub("", text)
    if len(words) > _SIGN_OFF_MAX or not words.endswith(_word_tuple("sign_off", "words")):
        return False
    signer = words[:-max(len(w) for w in _word_tuple("sign_off", "words") if words.endswith(w))]
    return not signer or signer.endswith(_word_tuple("sign_off", "signer_endings")) and not _ASKS_A_SIGNER.search(signer)


_SIGN_OFF_MAX = 16        # chars: a sign-off label is short
_FILLED_OUT = re.compile(r"(?:[:：\s_＿]|日期|_{2}\s*年|年\s*_{1,2}\s*月|月\s*_{1,2}\s*日)+$")   # blanks and a date to fill after it
_ASKS_A_SIGNER = re.compile(r"[由请]")


_BLANKS = re.compile(r"_{3,}|＿{2,}|_{2}\s*年\s*_{1,2}\s*月|[(（][^()（）]{0,12}填写[^()（）]{0,6}[)）]")
_FORM_LABEL = re.compile(r"[^\s:：]{1,16}(?:[:：]|(?=\t))")          # a label, its colon or a pasted cell's tab
_FILL_MARKS = re.compile(r"[\s_＿年月日时分:：/.()（）□☐\d-]")
_WORD_CHARS = re.compile(r"[\s\W_]")


def _blank_to_fill(text: str) -> bool:
    """A form line left to fill in (签字：________ ____年__月__日, （处理完成后填写）): labels and blanks only."""
    if "_" not in text and "＿" not in text and "填写" not in text or not _BLANKS.search(text):
        return False                  # every blank is underscores, or a bracket saying 填写
    rest = _BLANKS.sub(" ", text)
    rest = _FORM_LABEL.sub(" ", rest)          # the labels
    return not _FILL_MARKS.sub("", rest)


def _only_words(normal: str, key: str) -> bool:
    """The line (in its labels.normalise form) is made of listed marks and punctuation only (内部资料，请勿外传)."""
    if not _any_word(key).search(normal):
        return False                  # most lines hold none of the marks: nothing to take away
    rest = normal
    for word in _longest_first(key):
        rest = rest.replace(word, " ")
    return len(rest) < len(normal) and not _WORD_CHARS.sub("", rest)


_MARK_KEYS = ("page_marks", "chat_system", "chat_system_prefixes", "chat_system_endings")


def _may_hold_marks(folded: str) -> bool:
    """Whether the line may hold a page mark or a chat app's words at all, asked before it is
    normalised (labels.normalise only drops marks, spaces and a note, and lower-cases): the
    listed words found anywhere in the line, both without spaces and in lower case."""
    return bool(_any_mark().search("".join(folded.split()).lower()))


@lru_cache(maxsize=1)
def _any_mark() -> re.Pattern:
    return trie_regex("".join(word.split()).lower() for key in _MARK_KEYS for word in _words(key))


@lru_cache(maxsize=None)
def _longest_first(key: str) -> tuple[str, ...]:
    return tuple(sorted(_words(key), key=len, reverse=True))


@lru_cache(maxsize=None)
def _any_word(key: str) -> re.Pattern:
    return re.compile("|".join(re.escape(word) for word in _longest_first(key)))


def _chat_system(folded: str) -> bool:
    """``王敏撤回了一条消息`` / ``李雷邀请韩梅加入了群聊`` / ``系统消息：…``: the app speaks, not a person
    (``folded``: the line's labels.normalise form)."""
    return len(folded) <= 40 and folded.endswith(_word_tuple("chat_system_endings")) \
        or folded.startswith(_word_tuple("chat_system_prefixes"))


@lru_cache(maxsize=None)
def _word_tuple(*path: str) -> tuple[str, ...]:
    """The words as a tuple, which str.startswith/endswith test in one call."""
    return tuple(_words(*path))


@lru_cache(maxsize=None)
def _words(*path: str) -> frozenset[str]:
    return lexicon.folded_words("noise.yaml", *path)


_SAYS_SOMETHING = re.compile(r"[,，;；。:：]|\d{1,2}\s*[月/.-]\s*\d{1,2}")     # a clause, or a date


def _repeated(units: list[Unit]) -> None:
    """A short line that recurs verbatim and says nothing of work is a running head or foot."""
    lines = [u for u in units if u.kind == "line" and not u.style and u.label is None]
    counts = Counter(u.fold.strip() for u in lines)
    for unit in lines:
        text = unit.fold.strip()
        if counts[text] >= 2 and 4 <= len(text) <= _MAX_REPEATED and not _SAYS_SOMETHING.search(text):
            _set(unit, "每页重复的页眉页脚")


# --------------------------------------------------------------------------- #
# Mail
# --------------------------------------------------------------------------- #
def _email(units: list[Unit]) -> None:
    """The header block of an email, the quoted message below a reply line, the signature above it."""
    headers = _header_run(units, 0)
    if len(headers) >= 2:
        for unit in headers:
            if unit.label not in ("title", "topic"):           # 主题 names the meeting; the rest is routing
                _set(unit, "邮件头")
    end = next((i for i in range(len(headers) + 1, len(units)) if units[i].kind in ("line", "noise")
                and (_quote_opener(units[i]) or _may_open_header(units[i]) and len(_header_run(units, i)) >= 2)),
               len(units))
    for quoted in units[end:]:
        _set(quoted, "引用的原邮件")
    if len(headers) < 2 and end == len(units):
        return                                  # no mail: a closing 以上 ends minutes, not a signature
    body = [i for i in range(max(0, end - _SIGNATURE_LINES), end) if units[i].kind == "line"]
    sender = _sender(headers)
    start = next((i for i in body if _SIGNATURE_DASHES.match(units[i].text)
                  or _only_words(normalise(fold(units[i].text).strip()), "sign_offs")
                  or sender and units[i].text.strip() == sender), None)
    if start is not None:
        for unit in units[start:end]:
            if unit.kind in ("line", "heading"):
                _set(unit, "邮件签名")


_ADDRESS = re.compile(r"[<＜(（\[]?\s*[\w.+-]+@[\w.-]+\s*[>＞)）\]]?")


def _sender(headers: list[Unit]) -> Optional[str]:
    """The sender's name as the From line gives it (林冠宇 <x@y>), for the signature that repeats it."""
    for unit in headers:
        if _mail_field(unit, "sender"):
            name = _ADDRESS.sub("", _MAIL_LABEL.sub("", unit.text, count=1)).strip(" \"'“”")
            return name if 2 <= len(name) <= 30 else None
    return None


def _quote_opener(unit: Unit) -> bool:
    """A reply's line above the message it quotes (在…写道：, On … wrote:, ---- 原始邮件 ----)."""
    text = unit.fold.strip()
    return text[:1] in _QUOTE_OPENER_STARTS and bool(_QUOTE_OPENER.match(text))


def _header_run(units: list[Unit], start: int) -> list[Unit]:
    """The mail header lines from units[start] on (From: / 发件人：…), consecutive, up to the first other line."""
    run = []
    for unit in islice(units, start, start + _EMAIL_HEAD_LINES):
        if unit.kind == "noise" and not unit.noise.startswith("邮件") and unit.noise != "分隔线":
            continue
        if unit.kind not in ("line", "noise") or not _mail_field(unit):
            break
        run.append(unit)
    return run if any(_mail_field(u, "own", "sender") for u in run) else []


def _may_open_header(unit: Unit) -> bool:
    """A run of header lines starts at a header field, or at noise it looks past (most lines are neither)."""
    return unit.kind == "noise" or _mail_field(unit)


_MAIL_LABEL = re.compile(r"^\s*([^:：]{1,16})[:：]")


def _mail_field(unit: Unit, *kinds: str) -> bool:
    """The line is a mail header field (of the given kinds: own, shared; default both)."""
    if unit.label_words is None and ":" not in unit.text and "：" not in unit.text:
        return False                  # no label, and no colon to end one: most lines
    m = _MAIL_LABEL.match(unit.text) if unit.label is None else None
    words = normalise(m.group(1)) if m else normalise(unit.label_words) if unit.label_words else ""
    return words in _mail_fields(kinds or ("own", "sender", "shared"))


@lru_cache(maxsize=None)
def _mail_fields(kinds: tuple[str, ...]) -> frozenset[str]:
    """The mail header labels of these kinds, as one set."""
    return frozenset().union(*(_words("mail_fields", kind) for kind in kinds))


# --------------------------------------------------------------------------- #
# Template guidance
# --------------------------------------------------------------------------- #
def _callouts(units: list[Unit]) -> None:
    """A box of guidance left in from a template (<div class="callout">…</div>) tells the writer
    what to put where; its lines are no content when any of them speaks to the writer."""
    i = 0
    while i < len(units):
        if units[i].kind == "noise" and _OPEN_BLOCK.match(units[i].text):
            end = next((j for j in range(i + 1, len(units)) if units[j].kind == "noise"
                        and _TAG.match(units[j].text) and units[j].text.strip().startswith("</")), None)
            if end is None:
                return
            inside = units[i + 1:end]
            if any(_guidance(u) for u in inside):
                for unit in inside:
                    _set(unit, "模板填写提示")
            i = end
        i += 1


def _guidance(unit: Unit) -> bool:
    text = normalise(unit.text)
    return any(cue in text for cue in _words("guidance_cues"))
