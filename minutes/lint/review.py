"""The findings for a document about to go out: the lint's, brought up to date with a person's edits.

An extraction edited on the web page (or by hand) keeps the findings of the notes as
they were. For the 审阅意见 of a document made from it, the item rules are checked
again on the items as they are now, and a phrase finding is kept only while its
words are still in what the document prints — a 尽快 replaced by a date is gone.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator, Optional

from ..model import Finding, Location, Minutes
from ..textnorm import fold_word
from .config import LintConfig
from .rules import item_findings, make
from .suggest import personalise

RECHECKED = frozenset({"missing-owner", "missing-deadline", "multiple-owners", "past-deadline", "duplicate-task",
                       "decision-without-rationale"})


def review_findings(minutes: Minutes, config: Optional[LintConfig] = None) -> list[Finding]:
    config = config or LintConfig()
    printed = fold_word("\n".join(printed_text(minutes)))
    kept = [replace(f) for f in minutes.lint if f.rule not in RECHECKED and fold_word(f.text) in printed]
    fresh = [*item_findings(minutes, config), *_decisions_without_rationale(minutes, config)]
    return personalise(kept + [f for f in fresh if config.enabled(f.rule)], minutes)


def _decisions_without_rationale(minutes: Minutes, config: LintConfig) -> Iterator[Finding]:
    for d in minutes.decisions:
        if not d.rationale:
            yield make("decision-without-rationale", d.text, d.evidence.location if d.evidence else Location(), config)


def printed_text(minutes: Minutes) -> Iterator[str]:
    """Every text a document made from ``minutes`` may print."""
    m = minutes.meeting
    yield from (v for v in (m.title, m.location, m.opening, m.next_meeting, m.distribution, m.cc) if v)
    for d in minutes.decisions:
        yield d.text
        yield from d.rationale
    for a in minutes.action_items:
        yield from (v for v in (a.task, a.owner, a.owner_department, a.deadline_text, *a.collaborators) if v)
    for s in minutes.sections:
        yield from s.paragraphs + s.closing
        yield from (cell for table in s.tables for row in table for cell in row)
    yield from minutes.open_questions + minutes.risks
