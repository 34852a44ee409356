"""Every request and response model of the HTTP API, in one place.

The extraction object is passed through exactly as ``Minutes.to_dict()`` writes it
(../CONTRACT.md); the models below document it in the OpenAPI schema and let tests
check that the two agree. Extra keys are allowed so the core can add fields.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

DocumentKind = Literal["minutes", "tracker"]
FileFormat = Literal["docx", "xlsx", "md", "ics"]
LintFormat = Literal["json", "sarif"]
Style = Literal["standard", "formal"]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


# --------------------------------------------------------------------------- #
# Requests
# --------------------------------------------------------------------------- #
class TextInput(BaseModel):
    """Notes pasted as text; the file name's suffix (.txt or .md) says how to read them."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the notes")
    filename: str = Field("notes.txt", description="name the notes go by: .txt or .md")
    ref_date: Optional[date] = Field(None, description="date relative deadlines count from when the notes carry none")


class RenderInput(BaseModel):
    """Notes as text, or an extraction (perhaps edited) to render as it is."""

    model_config = ConfigDict(extra="forbid")

    text: Optional[str] = Field(None, min_length=1, description="the notes; or give 'extraction'")
    filename: str = Field("notes.txt", description="name the notes go by: .txt or .md")
    ref_date: Optional[date] = None
    extraction: Optional[dict[str, Any]] = Field(None, description="the object /extract returned, edited")


class DeadlineInput(BaseModel):
    """A deadline as a person types it on the page, and the day it counts from."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=200, description="4月30日, 下周三, 3个工作日内, 2024-04-30T17:00")
    ref_date: Optional[date] = Field(None, description="the meeting's date; today when absent")
    start_time: Optional[str] = Field(None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="HH:MM")


class UploadForm(BaseModel):
    """multipart/form-data: the notes as a file."""

    file: bytes = Field(description="a .docx, .txt or .md file")
    ref_date: Optional[date] = Field(None, description="YYYY-MM-DD")


def body_schema(json_model: type[BaseModel]) -> dict:
    """OpenAPI requestBody for a route that reads a form upload or a JSON body itself (in memory)."""
    return {"requestBody": {"required": True, "content": {
        "multipart/form-data": {"schema": UploadForm.model_json_schema()},
        "application/json": {"schema": json_model.model_json_schema()},
    }}}


# --------------------------------------------------------------------------- #
# Responses
# --------------------------------------------------------------------------- #
class Evidence(_Open):
    """The source words and where they are: line/column for text, paragraph or table cell for Word."""

    text: str
    line: Optional[int] = None
    column: Optional[int] = None
    paragraph: Optional[int] = None
    table: Optional[int] = None
    row: Optional[int] = None
    cell: Optional[int] = None


class Meeting(_Open):
    title: Optional[str]
    date: Optional[str]
    start_time: Optional[str]
    location: Optional[str]
    host: Optional[str]
    recorder: Optional[str]
    attendees: list[str]
    departments: list[str]
    end_time: Optional[str] = None
    absent: list[str] = Field([], description="缺席 / 请假")
    observers: list[str] = Field([], description="列席")
    affiliations: dict[str, str] = Field({}, description="person → unit, as written")
    person_notes: dict[str, str] = Field({}, description="person → remark (副区长, 出差)")
    doc_number: Optional[str] = Field(None, description="文号 / 期号, as written")
    issuer: Optional[str] = Field(None, description="发文机关 / 印发机关")
    issue_date: Optional[str] = Field(None, description="印发日期 stated in the notes, YYYY-MM-DD")
    signer: Optional[str] = Field(None, description="签发人")
    distribution: Optional[str] = Field(None, description="分送 / 主送, as written")
    cc: Optional[str] = Field(None, description="抄送, as written")
    next_meeting: Optional[str] = Field(None, description="下次会议, as written")
    opening: Optional[str] = Field(None, description="the notes' own lead paragraph")
    evidence: dict[str, Evidence] = {}


class Section(_Open):
    """A top-level part of the notes, in source order; decisions and items name theirs by index."""

    heading: str
    role: Optional[str] = None
    paragraphs: list[str] = Field([], description="lines no decision or item carries, as written, before them")
    closing: list[str] = Field([], description="the same, after the section's first decision or item")
    tables: list[list[list[str]]] = Field([], description="tables no item was read from: rows of cells")
    evidence: Optional[Evidence] = None


class Decision(_Open):
    text: str
    topic: Optional[str]
    rationale: list[str]
    evidence: Optional[Evidence] = None
    section: Optional[int] = Field(None, description="index into 'sections'")


class ActionItem(_Open):
    task: str
    owner: Optional[str]
    owner_department: Optional[str]
    collaborators: list[str]
    deadline: Optional[str] = Field(description="YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    deadline_text: Optional[str]
    priority: Literal["high", "medium", "low"]
    line: Optional[int]
    section: Optional[int] = Field(None, description="index into 'sections'")
    evidence: dict[str, Evidence] = Field({}, description="task / owner / deadline: the words each came from")


class Finding(_Open):
    rule: str
    text: str
    line: Optional[int]
    column: Optional[int]
    severity: Literal["error", "warning", "info"]
    message: str
    suggestion: str
    label: str = ""
    location: dict[str, int] = {}


class SourceLine(_Open):
    """One line of a text file, or one paragraph or table cell of a Word file, as submitted.

    ``key`` joins it to positions: ``l12`` (line 12), ``p5`` (paragraph 5), ``t1r2c3``.
    Columns in evidence and findings count characters from 1 in ``text``.
    """

    key: str
    text: str
    line: Optional[int] = None
    paragraph: Optional[int] = None
    table: Optional[int] = None
    row: Optional[int] = None
    cell: Optional[int] = None
    heading: Optional[int] = None


class ExtractResponse(_Open):
    source: str
    meeting: Meeting
    decisions: list[Decision]
    action_items: list[ActionItem]
    lint: list[Finding]
    open_questions: list[str] = []
    risks: list[str] = []
    sections: list[Section] = []
    warnings: list[str] = []
    document_text: list[SourceLine] = Field(description="the submitted text, to show evidence and findings in")


class LintResponse(BaseModel):
    source: str
    lint: list[Finding]


class DeadlineResponse(BaseModel):
    text: str
    deadline: Optional[str] = Field(description="YYYY-MM-DD or YYYY-MM-DDTHH:MM; null when no day is fixed")
    kind: Literal["date", "datetime", "vague", "undetermined", "conditional", "none"]
    label: str = Field(description="the day as documents print it: 2024年4月30日（周二）, or ''")
    explanation: str = Field(description="for no fixed day: what the documents will say, in Chinese")
    counted_from: str = Field(description="the date relative words counted from, YYYY-MM-DD")


class Health(BaseModel):
    status: Literal["ok"]
    version: str


class ErrorDetail(BaseModel):
    code: str = Field(description="unsupported, too_large, empty, encoding, corrupt, bad_json, invalid, "
                                  "bad_request, unauthorized, busy, timeout, internal, not_found, ...")
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text} for status, text in (
        (400, "malformed body"), (401, "missing or wrong bearer token"), (413, "too large"),
        (415, "unsupported file or content type"), (422, "unusable content"), (503, "busy"), (504, "took too long"))
}
