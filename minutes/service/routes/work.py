"""The work the routes hand to the pool: plain functions over bytes in memory.

They run in the pool's worker processes, so they and their arguments pickle (module-level
functions, dataclasses, bytes). Nothing here touches the disk or logs what a document says.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...model import Document, Minutes, Paragraph, Table, load_json, minutes_from_dict
from ...pipeline import Options, process, process_document
from ...read import Limits, decode_text
from ..errors import InvalidRequest
from .deps import Submission

WARM_UP_TEXT = "会议时间：2024年6月14日\n待办：\n1. 张伟负责整理需求，6月20日前完成。\n"


def extract(submission: Submission, limits: Limits) -> dict:
    """The contract's object, plus the submitted text to show evidence and findings in."""
    document, minutes = process_document(submission.filename, submission.data, options=_options(submission, limits))
    return {**minutes.to_dict(), "document_text": document_text(submission.filename, submission.data, document)}


def lint(submission: Submission, limits: Limits, fmt: str) -> dict | str:
    minutes = notes_minutes(submission, limits)
    if fmt == "sarif":
        from ...lint.output import sarif_report
        return sarif_report([(minutes.source, minutes)])
    return {"source": minutes.source, "lint": [f.to_dict() for f in minutes.lint]}


def notes_minutes(submission: Submission, limits: Limits) -> Minutes:
    return process(submission.filename, submission.data, options=_options(submission, limits))


def _options(submission: Submission, limits: Limits) -> Options:
    return Options(ref_date=submission.ref_date, limits=limits, lint=True)


def warm_up() -> None:
    process("warm-up.txt", WARM_UP_TEXT.encode("utf-8"))


# --------------------------------------------------------------------------- #
# The text as submitted, line by line (text) or paragraph and cell (Word)
# --------------------------------------------------------------------------- #
def document_text(filename: str, data: bytes, document: Document) -> list[dict]:
    """Evidence and lint columns count characters in these texts: raw lines, Word paragraphs and cells."""
    if document.kind != "docx":
        text, _ = decode_text(data, filename)
        return [{"key": f"l{n}", "line": n, "text": line} for n, line in enumerate(text.split("\n"), start=1)]
    return [entry for block in document.blocks for entry in _block_entries(block)]


def _block_entries(block: Paragraph | Table) -> list[dict]:
    if isinstance(block, Paragraph):
        loc = block.location
        return [{"key": f"p{loc.paragraph}", "paragraph": loc.paragraph, "heading": block.heading, "text": block.text}]
    return [{"key": f"t{c.location.table}r{c.location.row}c{c.location.cell}", "table": c.location.table,
             "row": c.location.row, "cell": c.location.cell, "text": c.text}
            for row in block.rows for c in row if c is not None]


# --------------------------------------------------------------------------- #
# Rendering
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Output:
    suffix: str
    media_type: str
    label: str          # in the offered file name: 周会-会议纪要.docx
    ascii_label: str    # in the ASCII fallback name: minutes.docx


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MARKDOWN = "text/markdown; charset=utf-8"
CALENDAR = "text/calendar; charset=utf-8"
OUTPUTS: dict[tuple[str, str], Output] = {
    ("minutes", "docx"): Output("docx", DOCX, "会议纪要", "minutes"),
    ("minutes", "md"): Output("md", MARKDOWN, "会议纪要", "minutes"),
    ("minutes", "ics"): Output("ics", CALENDAR, "待办", "todo"),
    ("tracker", "xlsx"): Output("xlsx", XLSX, "任务跟踪表", "tracker"),
    ("tracker", "docx"): Output("docx", DOCX, "任务跟踪表", "tracker"),
    ("tracker", "ics"): Output("ics", CALENDAR, "待办", "todo"),
}


def make(key: tuple[str, str], minutes: Minutes, options: dict) -> bytes:
    from ... import render as r     # written alongside; imported when first used
    document, fmt = key
    if fmt == "ics":
        return r.render_ics(minutes).encode("utf-8")
    if fmt == "md":
        return r.render_markdown(minutes, review_notes=options["review_notes"]).encode("utf-8")
    if document == "minutes":
        return r.render_minutes_docx(minutes, style=options["style"], review_notes=options["review_notes"])
    if fmt == "xlsx":
        return r.render_tracker_xlsx(minutes, project=options["project"])
    return r.render_tracker_docx(minutes, project=options["project"])


def render(submission: Submission, limits: Limits, output: tuple[str, str], options: dict) -> tuple[bytes, str]:
    """The bytes of ``output`` (document, format) and the stem of the name to offer it under."""
    minutes = submitted_minutes(submission, limits)
    return make(output, minutes, options), Path(minutes.source).stem


def submitted_minutes(submission: Submission, limits: Limits) -> Minutes:
    """An extraction is taken as it is (the person's corrections win); notes are extracted first."""
    if submission.extraction is not None:
        return minutes_from_dict(submission.extraction, source=submission.filename)
    if Path(submission.filename).suffix.lower() == ".json":
        return minutes_from_dict(_json_file(submission), source=submission.filename)
    return notes_minutes(submission, limits)


def _json_file(submission: Submission) -> object:
    return load_json(submission.data, submission.filename)


DEFAULT_FORMAT = {"minutes": "docx", "tracker": "xlsx"}


def choose_output(document: str, fmt: str | None) -> tuple[str, str]:
    fmt = fmt or DEFAULT_FORMAT[document]
    if (document, fmt) not in OUTPUTS:
        accepted = "、".join(f for d, f in OUTPUTS if d == document)
        raise InvalidRequest(f"{document} 文档没有 '{fmt}' 格式；可选：{accepted}")
    return document, fmt
