"""The one place that turns errors into HTTP: status by error code, body {"error": {"code", "message"}}.

    MinutesError (minutes.errors)        the core's input errors keep their contract codes
    └── ServiceError                     what only HTTP has
        ├── BadRequest       bad_request   400  body is not JSON, or a broken multipart form
        ├── InvalidRequest   invalid       422  well-formed, but a field is missing or wrong
        ├── Unauthorized     unauthorized  401  MINUTES_API_TOKEN is set and the bearer token is not it
        ├── Busy             busy          503  every job slot of this worker is taken
        ├── Timeout          timeout       504  the document took longer than MINUTES_REQUEST_TIMEOUT
        └── Internal         internal      500  a bug; logged without the document

A file the server cannot use for what it *is* (.pdf, a JSON array) is 415; one it cannot
use for what it *contains* (empty, undecodable, a damaged .docx, a wrong extraction) is
422; one that is too big to hold, or unpacks too big (a zip bomb), is 413.
"""
from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..errors import MinutesError

log = logging.getLogger("minutes.service")


class ServiceError(MinutesError):
    code = "service"


class BadRequest(ServiceError):
    code = "bad_request"


class InvalidRequest(ServiceError):
    code = "invalid"


class Unauthorized(ServiceError):
    code = "unauthorized"


class Busy(ServiceError):
    code = "busy"


class Timeout(ServiceError):
    code = "timeout"


class Internal(ServiceError):
    code = "internal"


STATUS = {
    "unsupported": 415,
    "too_large": 413,
    "empty": 422, "encoding": 422, "corrupt": 422, "bad_json": 422, "invalid": 422,
    "bad_request": 400,
    "unauthorized": 401,
    "busy": 503,
    "timeout": 504,
    "not_found": 404,                                  # the ledger has no such task
    "ledger_unavailable": 503,                         # the ledger's database is locked, damaged or down
}
HEADERS = {"unauthorized": {"WWW-Authenticate": "Bearer"}, "busy": {"Retry-After": "5"}}


async def handle_error(request: Request, exc: Exception) -> JSONResponse:
    """Every error, ours or the framework's, as {"error": {"code", "message"}} with its status."""
    status, code, message = describe(exc)
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status,
                        headers=HEADERS.get(code))


def describe(exc: Exception) -> tuple[int, str, str]:
    if isinstance(exc, MinutesError):
        return STATUS.get(exc.code, 500), exc.code, exc.message
    if isinstance(exc, RequestValidationError):
        return 422, "invalid", "；".join(_validation_message(e) for e in exc.errors())
    if isinstance(exc, HTTPException):
        phrase = HTTPStatus(exc.status_code).phrase
        return exc.status_code, phrase.lower().replace(" ", "_"), str(exc.detail)
    log.error("internal error: %s", exc.__class__.__name__)   # the message may quote the document: not logged
    return 500, "internal", "服务器内部出错；提交的文档没有留在服务器上"


def _validation_message(error: dict) -> str:
    where = " ".join(str(part) for part in error.get("loc", ()))
    return f"请求中的 '{where}' 有误：{error.get('msg')}"
