"""process(source) -> Minutes: read → segment → extract (→ resolve) → lint, for one input.

The one core function that the CLI, the API and the service call. Every stage
error for one file becomes a MinutesError naming the file; nothing else escapes.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Optional

from .errors import MinutesError
from .extract import extract
from .holidays import WorkCalendar, default_calendar
from .ledger.progress import read_progress
from .model import Document, Minutes
from .read import Limits, read_document
from .layouts import explain
from .segment import segment
from .startup import reading, settled
from .textnorm import one_document


@dataclass(frozen=True)
class Options:
    ref_date: Optional[date] = None
    calendar: Optional[WorkCalendar] = None
    limits: Limits = Limits()
    lint: bool = True
    lint_config: Optional[object] = None
    explain: bool = False             # say how each block of the notes was read (minutes.explain)


def process(source: str | Path, data: bytes | None = None, *, options: Options = Options()) -> Minutes:
    """Turn one file (or its bytes) into Minutes, lint findings included."""
    return process_document(source, data, options=options)[1]


def process_document(source: str | Path, data: bytes | None = None, *,
                     options: Options = Options()) -> tuple[Document, Minutes]:
    """`process`, also giving the document read (for a caller that shows the source, like the web page)."""
    reading()
    with one_document():
        return _process_document(source, data, options)


def _process_document(source, data, options: Options) -> tuple[Document, Minutes]:
    document = read_document(source, data, limits=options.limits)
    calendar = options.calendar or default_calendar()
    segmented = segment(document)
    extraction = extract(segmented, ref_date=options.ref_date, calendar=calendar)
    extraction.minutes.warnings[:0] = document.warnings
    extraction.minutes.progress = read_progress(segmented, extraction.minutes)
    if options.lint:
        from .lint import lint
        extraction.minutes.lint = lint(extraction, config=options.lint_config)
    if options.explain:
        extraction.minutes.explain = explain(segmented, extraction.minutes, extraction.transcript)
    return document, extraction.minutes


def process_many(sources: list[str], options: Options = Options()):
    """Yield (source, Minutes | MinutesError) in order; one bad file never stops the batch."""
    for number, source in enumerate(sources):
        if number == 1:
            settled()                   # the first document has loaded everything a run keeps
        try:
            yield source, process(source, options=options)
        except MinutesError as exc:
            exc.source = exc.source or source
            yield source, exc
        except Exception as exc:  # a bug on odd input: report it for this file, go on with the rest
            yield source, MinutesError(f"处理“{Path(source).name}”时程序内部出错（{exc.__class__.__name__}: {exc}）；"
                                       "请把这份文件和这条信息交给维护人员", source=source)
