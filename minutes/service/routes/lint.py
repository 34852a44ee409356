"""POST /api/v1/lint: notes in, vagueness findings out (JSON or SARIF)."""
from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse, Response

from ..config import Settings, get_settings
from ..models import ERROR_RESPONSES, LintFormat, LintResponse, TextInput, body_schema
from . import work
from .deps import Submission, get_pool, notes_submission
from .pool import Pool

router = APIRouter(tags=["lint"])
SARIF = "application/sarif+json"


@router.post("/lint", response_model=LintResponse, openapi_extra=body_schema(TextInput),
             responses={**ERROR_RESPONSES, 200: {"content": {SARIF: {}}}},
             summary="Flag vague, unenforceable or non-neutral wording")
async def lint(format: LintFormat = "json", submission: Submission = Depends(notes_submission),
               pool: Pool = Depends(get_pool), settings: Settings = Depends(get_settings)) -> Response:
    """`format=json`: `{"source", "lint": [findings]}`; `format=sarif`: SARIF 2.1.0 for review tools."""
    report = await pool.run(work.lint, submission, settings.limits, format, timeout=settings.request_timeout)
    if format == "sarif":
        return Response(report, media_type=SARIF)
    return JSONResponse(report)
