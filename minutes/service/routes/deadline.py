"""POST /api/v1/deadline: the day a deadline as people write it resolves to (the page's deadline fields)."""
from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, Depends, Request
from pydantic import ValidationError

from ...deadlines import resolve_deadline
from ...model import ActionItem
from ..errors import BadRequest, InvalidRequest
from ..models import ERROR_RESPONSES, DeadlineInput, DeadlineResponse
from .deps import read_body

router = APIRouter(tags=["deadline"])
MAX_BODY = 4096
EXPLAINED = {   # kind → what the documents do with it, for people
    "vague": "没有给出具体日期，文档中记为“{text}（未定）”",
    "undetermined": "写明了待定，文档中记为“{text}”",
    "conditional": "从一件尚未发生的事算起，无法确定日期，文档中记为“{text}（未定）”",
    "none": "看不出日期，文档中记为“{text}（未定）”",
}


async def deadline_input(request: Request) -> DeadlineInput:
    body = await read_body(request, MAX_BODY)
    try:
        return DeadlineInput.model_validate_json(body)
    except ValidationError as exc:
        error = exc.errors()[0]
        if error["type"] == "json_invalid":
            raise BadRequest(f"请求体不是有效的 JSON（{error['msg']}）") from None
        raise InvalidRequest(f"请求中的 '{'.'.join(str(p) for p in error['loc']) or '请求体'}' 有误："
                             f"{error['msg']}") from None


@router.post("/deadline", response_model=DeadlineResponse, responses=ERROR_RESPONSES,
             summary="Resolve a deadline phrase (4月30日, 下周三, 3个工作日内) to a date")
def deadline(body: DeadlineInput = Depends(deadline_input)) -> DeadlineResponse:
    """Counted from `ref_date` (the meeting's date; today when absent) and `start_time` when given."""
    ref = body.ref_date or date.today()
    if body.start_time:
        ref = datetime.combine(ref, datetime.strptime(body.start_time, "%H:%M").time())
    found = resolve_deadline(body.text.strip(), ref)
    kind = found.kind if found else "none"
    iso = found.iso if found else None
    from ...render.context import deadline_label     # with the first request: the renderers cost the server 40 MB
    label = deadline_label(ActionItem(task="", deadline=iso, deadline_text=body.text.strip())) if iso else ""
    explained = EXPLAINED.get(kind, "").format(text=body.text.strip())
    return DeadlineResponse(text=body.text, deadline=iso, kind=kind, label=label, explanation=explained,
                            counted_from=ref.isoformat()[:10])
