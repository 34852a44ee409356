"""The vagueness lint: lint(extraction) -> findings; report(files) for the command line.

    config.py    the rule table (nlp_models/lint.yaml) and a project's overrides
    rules.py     phrase rules (vague-time, vague-owner, vague-action, subjective) and
                 item rules (missing-owner, missing-deadline, multiple-owners, ...)
    suppress.py  minutes-disable / minutes-enable markers in the notes
    suggest.py   suggestions with examples from the meeting's own date and people
    review.py    findings brought up to date with a person's edits (a document's 审阅意见)
    output.py    text, JSON and SARIF 2.1.0
    fix.py       --fix: a copy with placeholders where a rewrite is safe
"""
from __future__ import annotations

from typing import Callable, Optional, TextIO

from ..errors import MinutesError
from ..extract import Extraction
from ..model import SEVERITIES, Finding, Minutes
from .config import LintConfig, rule_table
from .output import json_report, sarif_report, text_report, use_colour
from .rules import check
from .suggest import personalise
from .suppress import suppressed

__all__ = ["lint", "report", "LintConfig", "rule_table"]


def lint(extraction: Extraction, config: Optional[LintConfig] = None) -> list[Finding]:
    """Every finding for one document, in document order, after inline suppressions."""
    config = config or LintConfig()
    findings = suppressed(check(extraction, config), extraction.reading.seg)
    return personalise(sorted(findings, key=_order), extraction.minutes)


def _order(f: Finding):
    loc = f.location
    return (loc.line or 0, loc.table or 0, loc.paragraph or 0, loc.row or 0, loc.cell or 0, loc.column or 0, f.rule)


def report(files: list[str], options, *, fmt: str, fail_on: str, fix: bool, out: TextIO, err: TextIO,
           notice: Optional[Callable[[str, Minutes], None]] = None) -> int:
    """Lint files, print in `fmt`; exit 0 clean, 1 findings at or above `fail_on`, 2 an input error.

    ``notice`` is told of each file read (the command line warns when deadlines count from today)."""
    from ..pipeline import process_many
    from .fix import write_fixed
    results = list(process_many(files, options))
    for source, result in results:
        if notice and not isinstance(result, MinutesError):
            notice(source, result)
    if fmt == "text":
        printed = text_report(results, colour=use_colour(out), fixing=fix)
    else:
        printed = {"json": json_report, "sarif": sarif_report}[fmt](results)
    if printed:
        out.write(printed + "\n")
    threshold = SEVERITIES.index(fail_on)
    failed = errors = False
    for source, result in results:
        if isinstance(result, MinutesError):
            errors = True
            err.write(f"minutes: {result}\n")
            continue
        failed |= any(SEVERITIES.index(f.severity) <= threshold for f in result.lint)
        if fix:
            written = write_fixed(source, result.lint)
            if written:
                err.write(f"minutes: 已写入 {written}\n")
    return 2 if errors else (1 if failed else 0)
