"""``minutes lint --fix``: a copy of the draft with placeholders where a rewrite is safe.

Only words that stand for a missing fact are replaced — a vague time becomes
【截止日期待定】, a vague doer 【负责人待定】 — so the writer sees at a glance what to
fill in. Opinion and hedges need a person's judgement and are left as they are.
The original file is never touched; the copy is ``NAME.fixed.EXT`` beside it.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..model import Finding

PLACEHOLDERS = {"vague-time": "【截止日期待定】", "vague-owner": "【负责人待定】"}


def fixed_path(source: str) -> Path:
    path = Path(source)
    return path.with_name(f"{path.stem}.fixed{path.suffix}")


def write_fixed(source: str, findings: list[Finding]) -> Path | None:
    """Write the fixed copy; None when no finding has a safe rewrite."""
    edits = [f for f in findings if f.rule in PLACEHOLDERS and f.text]
    if not edits:
        return None
    data = Path(source).read_bytes()
    if Path(source).suffix.lower() == ".docx":
        out = _fix_docx(data, edits, source)
    else:
        from ..read import decode_text
        out = _fix_text(data, edits, decode_text(data, source)[1])
    target = fixed_path(source)
    _atomic_write(target, out)
    return target


def _fix_text(data: bytes, edits: list[Finding], encoding: str) -> bytes:
    text = data.decode(encoding)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    for f in sorted(edits, key=lambda f: (f.location.line or 0, -(f.location.column or 0))):
        i = (f.location.line or 0) - 1
        if 0 <= i < len(lines):
            lines[i] = _replace_at(lines[i], f.text, (f.location.column or 1) - 1, PLACEHOLDERS[f.rule])
    return newline.join(lines).encode(encoding)


def _replace_at(line: str, words: str, column: int, placeholder: str) -> str:
    at = line.find(words, max(0, column - 1))
    if at < 0:
        at = line.find(words)
    return line if at < 0 else line[:at] + placeholder + line[at + len(words):]


def _fix_docx(data: bytes, edits: list[Finding], source: str) -> bytes:
    """Edit the text nodes each finding's paragraph or cell was read from (the reader's own walk)."""
    from ..docx_blocks import Budget, Places, read_blocks
    from ..docx_package import WordPackage
    from ..read import Limits
    word = WordPackage(data, source)
    places = Places()
    read_blocks(word, Budget(Limits(), source), places)     # fills places
    for f in edits:
        loc = f.location
        if loc.table is not None:
            targets = places.cells.get((loc.table, loc.row, loc.cell), [])
        else:
            targets = [places.paragraphs.get(loc.paragraph, [])]
        for nodes in targets:
            if _replace_in_runs(nodes, f.text, PLACEHOLDERS[f.rule]):
                break
    return word.save()


def _replace_in_runs(nodes: list, words: str, placeholder: str) -> bool:
    """Replace words that may be split over several w:t nodes; the first node keeps its format."""
    joined = "".join(t.text or "" for t in nodes)
    at = joined.find(words)
    if at < 0:
        return False
    end, position = at + len(words), 0
    for t in nodes:
        text = t.text or ""
        start, stop = position, position + len(text)
        if stop > at and start < end:
            keep_before = text[:max(0, at - start)]
            keep_after = text[max(0, end - start):] if end <= stop else ""
            t.text = keep_before + (placeholder if start <= at < stop else "") + keep_after
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        position = stop
    return True


def _atomic_write(target: Path, data: bytes) -> None:
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
