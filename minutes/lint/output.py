"""Lint output: text for people (one entry per phrase, the source line with a caret, a summary), the
contract's JSON, and SARIF 2.1.0.

The text view says each phrase once: an item rule that a phrase on the same line explains
(尽快 → missing-deadline, 相关部门 → missing-owner) joins that phrase's entry with both
reasons. JSON and SARIF keep every finding as it is (tools and the scorer count them).
"""
from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass
from typing import Iterable, TextIO, Union

from .. import __version__
from ..errors import MinutesError
from ..model import SEVERITIES, Finding, Location, Minutes
from .config import rule_table
from .fix import PLACEHOLDERS
from .suggest import plain

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
Result = tuple[str, Union[Minutes, MinutesError]]
# item rule → the phrase rule whose words say why (the phrase's entry carries both)
EXPLAINED_BY = {"missing-deadline": "vague-time", "missing-owner": "vague-owner"}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
_COLOURS = {"error": "1;31", "warning": "1;33", "info": "1;36", "hint": "32", "dim": "2"}
_WINDOW = 72            # display columns of a long source line shown around the finding


def position(location: Location) -> str:
    """``12:8`` for text; ``p5:3`` for a Word paragraph; ``t2r3c1:4`` for a Word table cell."""
    if location.line is not None:
        return f"{location.line}:{location.column or 1}"
    if location.table is not None:
        return f"t{location.table}r{location.row}c{location.cell}:{location.column or 1}"
    return f"p{location.paragraph or 0}:{location.column or 1}"


# --------------------------------------------------------------------------- #
# One entry per phrase
# --------------------------------------------------------------------------- #
@dataclass
class Entry:
    """What a person reads about one place: the phrase's finding and any item rule it explains."""

    findings: list[Finding]

    @property
    def head(self) -> Finding:
        return self.findings[0]

    @property
    def severity(self) -> str:
        return min((f.severity for f in self.findings), key=SEVERITIES.index)

    @property
    def rules(self) -> list[str]:
        return [f.rule for f in self.findings]

    @property
    def message(self) -> str:
        return "；".join(f.message for f in self.findings)

    @property
    def label(self) -> str:
        return "、".join(dict.fromkeys(f.label or f.rule for f in self.findings))

    @property
    def suggestion(self) -> str:
        return next((f.suggestion for f in self.findings if f.suggestion), "")


def _place(location: Location) -> tuple:
    return (location.line, location.paragraph, location.table, location.row, location.cell)


def _row(location: Location) -> tuple:
    """The line, paragraph or table row: an item's task cell and its 尽快 cell are one place."""
    return (location.line, location.paragraph, location.table, location.row)


def entries(findings: Iterable[Finding]) -> list[Entry]:
    """Findings grouped so each phrase is said once, in the order of the notes."""
    findings = list(findings)
    out = [Entry([f]) for f in findings if f.rule not in EXPLAINED_BY]
    for f in (f for f in findings if f.rule in EXPLAINED_BY):
        partner = next((e for e in out if e.head.rule == EXPLAINED_BY[f.rule]
                        and _row(e.head.location) == _row(f.location) and len(e.findings) == 1), None)
        if partner:
            partner.findings.append(f)
        else:
            out.append(Entry([f]))
    return sorted(out, key=lambda e: tuple(v or 0 for v in _place(e.head.location)) + (e.head.location.column or 0,))


# --------------------------------------------------------------------------- #
# Text
# --------------------------------------------------------------------------- #
def use_colour(stream: TextIO) -> bool:
    """Colour only for a person at a terminal: never when piped, with NO_COLOR set, or TERM=dumb."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def text_report(results: Iterable[Result], *, colour: bool = False, fixing: bool = False) -> str:
    results = list(results)
    paint = _painter(colour)
    lines: list[str] = []
    counted: list[Entry] = []
    for source, result in results:
        if isinstance(result, MinutesError):
            lines.append(f"{source}: {paint('error', 'error')} input-error {result.message}")
            continue
        texts = source_texts(source)
        for entry in entries(result.lint):
            counted.append(entry)
            lines += _entry_lines(source, entry, texts, paint)
    lines.append(summary(counted, results, fixing, paint))
    return "\n".join(lines)


def _entry_lines(source: str, entry: Entry, texts: dict[tuple, str], paint) -> list[str]:
    f = entry.head
    out = [f"{source}:{position(f.location)}: {paint(entry.severity, entry.severity)} "
           f"{','.join(entry.rules)} {entry.message}"]
    text = texts.get(_place(f.location))
    if text is not None:
        out += _caret(text, f, paint(entry.severity, "{}"), paint)
    if entry.suggestion:
        out.append(f"      {paint('hint', '= 建议：' + entry.suggestion)}")
    return out


def _caret(text: str, f: Finding, marks: str, paint) -> list[str]:
    """``   17 | the line`` and ``      |      ^^^^`` under the flagged words (CJK counts two columns)."""
    gutter = position(f.location).split(":")[0]
    start = max(0, (f.location.column or 1) - 1)
    length = len(f.text) if text[start:start + len(f.text)] == f.text else 1
    begin = max(0, start - _WINDOW // 3) if _width(text) > _WINDOW else 0
    shown = text[begin:]
    while _width(shown) > _WINDOW and len(shown) > start - begin + length:
        shown = shown[:-1]
    lead = "…" if begin else ""
    tail = "…" if len(shown) < len(text) - begin else ""
    pad = " " * (_width(lead) + _width(text[begin:start]))
    width = max(1, _width(text[start:start + length]))
    return [f"{gutter:>6} {paint('dim', '|')} {lead}{shown}{tail}",
            f"{'':>6} {paint('dim', '|')} {pad}{marks.format('^' * width)}"]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def summary(counted: list[Entry], results: list[Result], fixing: bool, paint) -> str:
    """共 19 个问题：10 个错误，8 个警告，1 个提示 — and a hint at --fix when it would help."""
    files = len(results)
    bad = sum(1 for _, r in results if isinstance(r, MinutesError))
    scope = f"（{files} 个文件{f'，{bad} 个无法读取' if bad else ''}）" if files > 1 or bad else ""
    if not counted:
        return paint("hint", f"没有发现问题{scope}")
    by = {s: sum(1 for e in counted if e.severity == s) for s in SEVERITIES}
    parts = "，".join(f"{n} 个{SEVERITY_NAMES[s]}" for s, n in by.items() if n)
    line = f"共 {len(counted)} 个问题：{parts}{scope}"
    if not fixing and any(r in PLACEHOLDERS for e in counted for r in e.rules):
        line += "。可加 --fix 生成一份把含糊词换成【待定】占位符的副本，原文件不动"
    return line


def _painter(colour: bool):
    def paint(kind: str, text: str) -> str:
        return f"\x1b[{_COLOURS[kind]}m{text}\x1b[0m" if colour else text
    return paint


def source_texts(source: str) -> dict[tuple, str]:
    """Each line of a text file, paragraph and cell of a Word file, keyed like a finding's place."""
    from ..read import decode_text, read_document
    try:
        if not source.lower().endswith(".docx"):
            with open(source, "rb") as handle:
                text, _ = decode_text(handle.read(), source)
            return {(n, None, None, None, None): line for n, line in enumerate(text.splitlines(), 1)}
        document = read_document(source)
    except (OSError, MinutesError):
        return {}
    texts: dict[tuple, str] = {}
    for block in document.blocks:
        cells = [c for row in block.rows for c in row if c] if hasattr(block, "rows") else [block]
        for item in cells:
            texts[_place(item.location)] = item.text.replace("\n", " ")
    return texts


def json_report(results: Iterable[Result]) -> str:
    out = []
    for source, result in results:
        if isinstance(result, MinutesError):
            out.append({"source": source, "error": result.to_dict()})
        else:
            out.append({"source": source, "lint": [f.to_dict() for f in result.lint]})
    return json.dumps(out, ensure_ascii=False, indent=2)


def sarif_report(results: Iterable[Result]) -> str:
    results = list(results)
    rules = list(rule_table().values())
    index = {r.id: i for i, r in enumerate(rules)}
    sarif_results, notifications = [], []
    for source, result in results:
        if isinstance(result, MinutesError):
            notifications.append({"level": "error", "message": {"text": f"{source}: {result.message}"},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(source)}}}]})
            continue
        sarif_results += [_sarif_result(f, source, index) for f in result.lint]
    run = {
        "tool": {"driver": {
            "name": "minutes", "version": __version__, "semanticVersion": __version__,
            "rules": [{"id": r.id, "name": r.id.replace("-", " ").title().replace(" ", ""),
                       "shortDescription": {"text": r.message.replace("{text}", "…").replace("{task}", "…")},
                       "help": {"text": plain(r.suggestion)},
                       "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]}} for r in rules]}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    else:
        run["invocations"] = [{"executionSuccessful": True}]
    return json.dumps({"$schema": _SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)


def _sarif_result(f: Finding, source: str, index: dict[str, int]) -> dict:
    physical = {"artifactLocation": {"uri": _uri(source)}}
    loc = f.location
    if loc.line is not None:
        physical["region"] = {"startLine": loc.line, "startColumn": loc.column or 1,
                              "endColumn": (loc.column or 1) + len(f.text), "snippet": {"text": f.text}}
    location = {"physicalLocation": physical}
    if loc.line is None:
        where = (f"table {loc.table} row {loc.row} cell {loc.cell}" if loc.table is not None
                 else f"paragraph {loc.paragraph}")
        location["logicalLocations"] = [{"name": where, "kind": "element"}]
        location["properties"] = {k: v for k, v in loc.to_dict().items()}
    result = {"ruleId": f.rule, "level": _SARIF_LEVEL[f.severity], "message": {"text": f.message},
              "locations": [location]}
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    if f.suggestion:
        result["properties"] = {"suggestion": f.suggestion, "words": f.text}
    return result


def _uri(source: str) -> str:
    return source.replace("\\", "/")
