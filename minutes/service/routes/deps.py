"""What routes depend on: settings, the bearer token, the job pool, and the submitted notes.

Bodies are read here from the stream, into memory only (Starlette's own form parser
spools uploads over 1 MB to a temporary file), and refused with 413 as soon as they
pass the limit, before the rest arrives.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ValidationError
from python_multipart import MultipartParser
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import parse_options_header

from ...errors import TooLargeInput, UnsupportedInput
from ...model import load_json
from ..config import Settings, get_settings
from ..errors import BadRequest, InvalidRequest, Unauthorized
from ..models import RenderInput, TextInput
from .pool import Pool

bearer = HTTPBearer(auto_error=False, description="the value of MINUTES_API_TOKEN, when it is set")


def get_pool(request: Request) -> Pool:
    return request.app.state.pool


def require_token(credentials: Optional[HTTPAuthorizationCredentials] = Depends(bearer),
                  settings: Settings = Depends(get_settings)) -> None:
    expected = settings.api_token
    if expected is None:
        return
    given = credentials.credentials if credentials else ""
    if not secrets.compare_digest(given.encode(), expected.get_secret_value().encode()):
        raise Unauthorized("缺少或填错了访问令牌：请在请求头加上 'Authorization: Bearer <令牌>'，"
                           "令牌即服务器设置的 MINUTES_API_TOKEN")


@dataclass(frozen=True)
class Submission:
    """Notes (bytes and the name they go by), or an extraction to render as it is."""

    filename: str
    data: Optional[bytes] = None
    ref_date: Optional[date] = None
    extraction: Optional[dict[str, Any]] = None


async def notes_submission(request: Request, settings: Settings = Depends(get_settings)) -> Submission:
    """A file upload or {"text", "filename", "ref_date"}."""
    return await _read_submission(request, settings, TextInput)


async def render_submission(request: Request, settings: Settings = Depends(get_settings)) -> Submission:
    """A file upload, {"text", ...}, or {"extraction": {...}}."""
    return await _read_submission(request, settings, RenderInput)


async def _read_submission(request: Request, settings: Settings, model: type[BaseModel]) -> Submission:
    media_type, options = parse_options_header(request.headers.get("content-type", ""))
    if media_type == b"multipart/form-data":
        return await _form_submission(request, options.get(b"boundary"), settings.max_body_bytes)
    if media_type == b"application/json":
        return _json_submission(await read_body(request, settings.max_body_bytes), model)
    shown = media_type.decode("latin-1") or "无"
    raise UnsupportedInput(f"不接受内容类型 '{shown}'；请用 multipart/form-data（文件放在 'file' 字段）"
                           "或 application/json 提交")


async def read_body(request: Request, limit: int, sink=None) -> bytes:
    """The body, refused with TooLargeInput the moment it passes ``limit`` (or its Content-Length does)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(int(declared), limit)
    body, size = bytearray(), 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(size, limit)
        (sink or body.extend)(chunk)
    return bytes(body)


def _too_large(size: int, limit: int) -> TooLargeInput:
    return TooLargeInput(f"请求体有 {size:,} 字节以上，超过上限 {limit:,} 字节；请拆成几份再提交")


def _json_submission(body: bytes, model: type[BaseModel]) -> Submission:
    data = load_json(body, "请求体", BadRequest)
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        raise InvalidRequest(_first_problem(exc)) from None
    return _from_model(parsed)


def _from_model(parsed: BaseModel) -> Submission:
    extraction = getattr(parsed, "extraction", None)
    if (parsed.text is None) == (extraction is None):
        raise InvalidRequest("请给出 'text'（会议记录）或 'extraction'（要生成文档的提取结果）其中一项，"
                             "不能两项都给或都不给")
    if parsed.text is not None and "\x00" in parsed.text:
        line = parsed.text.count("\n", 0, parsed.text.index("\x00")) + 1
        raise InvalidRequest(f"'text' 第 {line} 行有 NUL 控制字符（U+0000），不是会议记录里的文字；"
                             "多半是从二进制文件粘贴来的，请删去后再提交")
    data = parsed.text.encode("utf-8") if parsed.text is not None else None
    return Submission(filename=parsed.filename, data=data, ref_date=parsed.ref_date, extraction=extraction)


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"]) or "请求体"
    return f"请求中的 '{where}' 有误：{error['msg']}"


async def _form_submission(request: Request, boundary: Optional[bytes], limit: int) -> Submission:
    if not boundary:
        raise BadRequest("multipart/form-data 请求缺少 boundary 参数，表单无法拆分")
    form = MemoryForm()
    parser = MultipartParser(boundary, form.callbacks())
    try:
        await read_body(request, limit, sink=parser.write)
        parser.finalize()
    except MultipartParseError as exc:
        raise BadRequest(f"multipart 表单已损坏（{exc}）") from None
    return form.submission()


MAX_FORM_PARTS = 16       # the form has two fields; 300,000 empty parts would cost 600 MB


class MemoryForm:
    """The parts of a multipart form, collected in memory."""

    def __init__(self) -> None:
        self.parts: list[dict] = []
        self._field = self._value = b""

    def callbacks(self) -> dict:
        return {"on_part_begin": self._begin, "on_header_field": self._header_field,
                "on_header_value": self._header_value, "on_header_end": self._header_end,
                "on_part_data": self._data}

    def _begin(self) -> None:
        if len(self.parts) >= MAX_FORM_PARTS:
            raise BadRequest(f"表单的部分超过 {MAX_FORM_PARTS} 个；只需 'file'（会议记录文件）和可选的 'ref_date'")
        self.parts.append({"headers": {}, "data": bytearray()})

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        self.parts[-1]["headers"][self._field.lower()] = self._value
        self._field = self._value = b""

    def _data(self, data: bytes, start: int, end: int) -> None:
        self.parts[-1]["data"].extend(data[start:end])

    def field(self, name: str) -> tuple[Optional[str], Optional[bytes]]:
        """(filename, data) of the part called ``name``."""
        for part in self.parts:
            _, options = parse_options_header(part["headers"].get(b"content-disposition", b""))
            if options.get(b"name") == name.encode():
                filename = options.get(b"filename")
                return (filename.decode("utf-8", "replace") if filename is not None else None), bytes(part["data"])
        return None, None

    def submission(self) -> Submission:
        filename, data = self.field("file")
        if data is None or not filename:
            raise InvalidRequest("表单的 'file' 字段里没有文件；请把会议记录作为 file=@会议记录.docx 上传")
        _, ref_date = self.field("ref_date")
        return Submission(filename=_basename(filename), data=data, ref_date=_form_date(ref_date))


def _basename(filename: str) -> str:
    return filename.replace("\\", "/").rsplit("/", 1)[-1] or "upload"


def _form_date(value: Optional[bytes]) -> Optional[date]:
    text = (value or b"").decode("utf-8", "replace").strip()
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise InvalidRequest(f"ref_date '{text}' 不是日期，应写成 YYYY-MM-DD，如 2024-06-12") from None
