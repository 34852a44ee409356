"""POST /api/v1/render: notes or an edited extraction in, a Word/Excel/Markdown/.ics file out."""
from __future__ import annotations

from typing import Optional
from urllib.parse import quote

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from ..config import Settings, get_settings
from ..models import ERROR_RESPONSES, DocumentKind, FileFormat, RenderInput, Style, body_schema
from . import work
from .deps import Submission, get_pool, render_submission
from .pool import Pool

router = APIRouter(tags=["render"])
_FILES = {o.media_type: {} for o in work.OUTPUTS.values()}


@router.post("/render", response_class=Response, openapi_extra=body_schema(RenderInput),
             responses={**ERROR_RESPONSES, 200: {"content": _FILES, "description": "the file, as a download"}},
             summary="Render Word minutes, a task tracker (Excel/Word), Markdown or an .ics calendar")
async def render(document: DocumentKind = "minutes", format: Optional[FileFormat] = None,
                 style: Style = "standard", review_notes: bool = False, project: Optional[str] = None,
                 submission: Submission = Depends(render_submission), pool: Pool = Depends(get_pool),
                 settings: Settings = Depends(get_settings)) -> Response:
    """minutes: docx (default), md, ics; tracker: xlsx (default), docx, ics.

    Send notes (a file, or `{"text"}`), or `{"extraction": {...}}`: the object /extract
    returned, corrected by a person, which is rendered as it is.
    """
    key = work.choose_output(document, format)
    options = {"style": style, "review_notes": review_notes, "project": project}
    data, stem = await pool.run(work.render, submission, settings.limits, key, options,
                                timeout=settings.request_timeout)
    output = work.OUTPUTS[key]
    return Response(data, media_type=output.media_type, headers={"Content-Disposition": attachment(stem, output)})


def attachment(stem: str, output: work.Output) -> str:
    """RFC 6266: an ASCII name for old clients, then the UTF-8 name (RFC 5987) that current ones use."""
    name = f"{stem}-{output.label}.{output.suffix}"
    ascii_stem = "".join(c for c in stem if c.isascii() and c.isprintable() and c not in '"\\;').strip(" -._")
    fallback = f"{ascii_stem + '-' if ascii_stem else ''}{output.ascii_label}.{output.suffix}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
