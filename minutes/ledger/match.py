"""Which task a progress report refers to.

1. A 任务ID in the report that the ledger holds decides.
2. Otherwise the report's task words are compared with each candidate's: the tasks of the
   same owner when the report names one, else the tasks of the meeting's project.
   ``similarity`` is the Dice coefficient of the two texts' character bigrams (punctuation
   and spaces ignored, Traditional folded to Simplified), raised to 0.9 when one text
   contains the other whole and is at least 4 characters long (reports shorten a task's
   name: 测试环境搭建 for 搭建WMS测试环境 scores by bigrams, 比价 inside 扫码枪供应商比价 by
   containment).
3. The best candidate is taken when it scores at least MATCH (0.6) and no other candidate
   comes within MARGIN (0.15) of it. When some candidate scores at least CONSIDER (0.35)
   but that does not hold, the report is *ambiguous*; when none does, *unmatched*. Both
   go to the pending list for a person to confirm: the ledger never guesses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..textnorm import fold_word

MATCH = 0.6
MARGIN = 0.15
CONSIDER = 0.35
CONTAINED = 0.9
MIN_CONTAINED = 4
_NOISE = re.compile(r"[\W_]+")


@dataclass
class Match:
    kind: str                          # id | text | ambiguous | unmatched
    task_id: Optional[str] = None
    candidates: list[tuple[str, float]] = field(default_factory=list)


def similarity(a: str, b: str) -> float:
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return 0.0
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= MIN_CONTAINED and shorter in longer:
        return max(CONTAINED, _dice(a, b))
    return _dice(a, b)


def _norm(text: str) -> str:
    return _NOISE.sub("", fold_word(text or ""))


def _dice(a: str, b: str) -> float:
    pairs_a, pairs_b = _bigrams(a), _bigrams(b)
    if not pairs_a or not pairs_b:
        return 1.0 if a == b else 0.0
    common = sum(min(pairs_a.count(p), pairs_b.count(p)) for p in set(pairs_a))
    return 2 * common / (len(pairs_a) + len(pairs_b))


def _bigrams(text: str) -> list[str]:
    return [text[i:i + 2] for i in range(len(text) - 1)]


def choose(report_task: str, report_id: Optional[str], known_ids: set[str],
           candidates: Iterable[tuple[str, str]]) -> Match:
    """``candidates`` are (task ID, task text); see the module docstring for the rule."""
    if report_id and report_id in known_ids:
        return Match("id", report_id)
    scored = sorted(((tid, round(similarity(report_task, text), 3)) for tid, text in candidates),
                    key=lambda pair: -pair[1])
    near = [(tid, score) for tid, score in scored if score >= CONSIDER]
    if not near:
        return Match("unmatched", candidates=scored[:3])
    best_id, best = near[0]
    if best >= MATCH and (len(near) == 1 or near[1][1] <= best - MARGIN):
        return Match("text", best_id, candidates=near[:3])
    return Match("ambiguous", candidates=near[:3])
