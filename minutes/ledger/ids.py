"""Task IDs 项目简称-年份-序号 (智能仓储升级-2025-001).

The project's short name is the caller's (``--project``), else the meeting title's
subject: the title without its numbering (（第3次）, 第34周, 2025年), the words that name
the meeting (周例会, 评审会, 纪要) and a trailing 项目 — so every weekly meeting of one
project files under one name. A title that is nothing but meeting words (周例会) gives
the first department present, else 台账.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..resources import load_yaml
from ..textnorm import fold_word
from .tables import tasks

FALLBACK = "台账"
MAX_LENGTH = 32
_BRACKETED = re.compile(r"[(（\[【〔][^)）\]】〕]*[)）\]】〕]")
_NUMBERING = re.compile(r"第?\s*[0-9一二三四五六七八九十百]+\s*(?:次|期|周|届|季度)|\d{4}\s*年度?|\d{1,2}\s*月份?|"
                        r"\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?|[QＱ][1-4]|[上下]半年")
_SPACE = re.compile(r"[\s\-_/·・,，、:：]+")


@lru_cache(maxsize=1)
def _suffixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = load_yaml("ledger.yaml")
    by_length = lambda key: tuple(sorted((fold_word(w) for w in data[key]), key=len, reverse=True))  # noqa: E731
    return by_length("meeting_words"), by_length("project_words")


def project_code(title: Optional[str], departments: list[str] = (), given: Optional[str] = None) -> str:
    if given and _SPACE.sub("", given):
        return _latin_upper(_SPACE.sub("", given))[:MAX_LENGTH]
    subject = _SPACE.sub("", _NUMBERING.sub("", _BRACKETED.sub("", title or "")))
    meeting_words, project_words = _suffixes()
    subject = _strip_suffixes(_strip_suffixes(subject, meeting_words), project_words)
    if not subject:
        subject = departments[0] if departments else FALLBACK
    return _latin_upper(subject)[:MAX_LENGTH]


def _strip_suffixes(text: str, suffixes: tuple[str, ...]) -> str:
    """Drop any of ``suffixes`` from the end, again and again (…项目周例会纪要 → …项目)."""
    changed = True
    while changed and text:
        changed = False
        for suffix in suffixes:
            if fold_word(text).endswith(suffix):
                text, changed = text[:-len(suffix)], True
                break
    return text


def _latin_upper(text: str) -> str:
    return re.sub(r"[a-z]+", lambda m: m.group(0).upper(), text)


def next_id(conn: Connection, project: str, year: int) -> tuple[str, int]:
    """The next free ID of ``project`` in ``year``; the caller holds the ledger's write lock."""
    last = conn.execute(select(func.max(tasks.c.seq)).where(tasks.c.project == project, tasks.c.year == year)).scalar()
    seq = (last or 0) + 1
    return format_id(project, year, seq), seq


def format_id(project: str, year: int, seq: int) -> str:
    return f"{project}-{year}-{seq:03d}"
