"""POST /api/v1/extract: notes in, the contract's object out."""
from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from ..config import Settings, get_settings
from ..models import ERROR_RESPONSES, ExtractResponse, TextInput, body_schema
from . import work
from .deps import Submission, get_pool, notes_submission
from .pool import Pool

router = APIRouter(tags=["extract"])


@router.post("/extract", response_model=ExtractResponse, responses=ERROR_RESPONSES,
             openapi_extra=body_schema(TextInput),
             summary="Extract meeting info, decisions, action items and lint findings")
async def extract(submission: Submission = Depends(notes_submission), pool: Pool = Depends(get_pool),
                  settings: Settings = Depends(get_settings)) -> JSONResponse:
    """Send a .docx/.txt/.md file as `file` (multipart) or `{"text", "filename", "ref_date"}`.

    The object is returned exactly as `minutes extract --format json` prints it, plus
    `document_text`: the submitted text that evidence and lint positions point into.
    """
    content = await pool.run(work.extract, submission, settings.limits, timeout=settings.request_timeout)
    return JSONResponse(content)
