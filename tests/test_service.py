"""The web service through its HTTP surface: the real app, the real core, no mocks.

Every endpoint, every error status (400/401/413/415/422/503/504), the bearer-token
option, CORS off by default, downloads opened with python-docx / openpyxl, and an
edited extraction changing the rendered documents.
"""
from __future__ import annotations

import asyncio
import io
import json
import logging
import time
import zipfile
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import docx
import httpx
import openpyxl
import pytest
from fastapi.testclient import TestClient
from wordfiles import word_file

from minutes.errors import ConfigError
from minutes.pipeline import process
from minutes.service import Settings, create_app, get_settings
from minutes.service.config import env_name, load_settings
from minutes.service.errors import Timeout
from minutes.service.models import ExtractResponse, LintResponse
from minutes.service.routes.pool import Pool

NOTES = [
    "会议时间：2024年6月14日 14:30",
    "会议地点：3楼会议室",
    "主持人：王强",
    "记录人：李娜",
    "参会人员：王强、李娜、张伟",
    "一、决议",
    "1. 同意采用A方案。",
    "二、待办事项",
    "1. 张伟负责完成A方案技术文档，6月20日前提交。",
    "2. 李娜尽快整理用户反馈。",
]
TEXT = "产品上线进度同步会\n" + "\n".join(NOTES) + "\n"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@lru_cache(maxsize=None)
def notes_docx(repeat: int = 1) -> bytes:
    """A Word file with a title, meeting info lines, a 待办 list and an action table."""
    return word_file(NOTES * repeat, [["任务", "负责人", "截止日期"], ["更新部署脚本", "赵敏", "6月21日"]],
                     title="产品上线进度同步会")


def client_with(**settings) -> TestClient:
    return TestClient(create_app(Settings(**{"processes": 1, **settings})))


@pytest.fixture(scope="module")
def client():
    with client_with() as c:
        yield c


def upload(client: TestClient, path: str, data: bytes = None, name: str = "周会.docx", **form):
    return client.post(path, files={"file": (name, notes_docx() if data is None else data)}, data=form)


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    return error


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def owner_cells(data: bytes, task: str) -> list[str]:
    """The row of ``task`` in the Word minutes' action table."""
    document = docx.Document(io.BytesIO(data))
    return [c.text for t in document.tables for row in t.rows for c in row.cells
            if any(task in cell.text for cell in row.cells)]


def xlsx_rows(data: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return list(sheet.iter_rows(values_only=True))


# --------------------------------------------------------------------------- #
# health, page, OpenAPI
# --------------------------------------------------------------------------- #
def test_service_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_service_page_is_chinese_and_loads_nothing_from_outside(client):
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert 'lang="zh-CN"' in page and "会议纪要" in page
    assert 'src="static/app.js"' in page and 'href="static/app.css"' in page
    assert "http://" not in page and "https://" not in page
    assert 'id="token"' not in page


@pytest.mark.parametrize("path, media_type", [("/static/app.js", "javascript"), ("/static/app.css", "text/css")])
def test_service_page_assets_are_served(client, path, media_type):
    response = client.get(path)
    assert response.status_code == 200 and media_type in response.headers["content-type"]
    assert "http://" not in response.text and "https://" not in response.text


def test_service_openapi_documents_every_endpoint_and_body(client):
    schema = client.get("/openapi.json").json()
    for path in ("/api/v1/extract", "/api/v1/lint", "/api/v1/render"):
        post = schema["paths"][path]["post"]
        assert set(post["requestBody"]["content"]) == {"multipart/form-data", "application/json"}
        assert {"401", "413", "415", "422", "504"} <= set(post["responses"])
    assert "/healthz" in schema["paths"]
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/docs-static/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text.lower()
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200


def test_service_unknown_path_is_a_json_error(client):
    assert_error(client.get("/api/v1/nothing"), 404, "not_found")


# --------------------------------------------------------------------------- #
# extract
# --------------------------------------------------------------------------- #
def test_service_extract_docx_upload_is_the_contract_object(client):
    response = upload(client, "/api/v1/extract")
    assert response.status_code == 200, response.text
    body = response.json()
    ExtractResponse.model_validate(body)
    expected = process("周会.docx", notes_docx()).to_dict()
    assert {k: v for k, v in body.items() if k != "document_text"} == json.loads(json.dumps(expected))
    assert body["source"] == "周会.docx"
    first = body["action_items"][0]
    assert (first["owner"], first["deadline"]) == ("张伟", "2024-06-20")


def test_service_extract_json_text_with_ref_date(client):
    text = "待办：\n1. 张伟负责整理需求，下周三前完成。\n"
    response = client.post("/api/v1/extract", json={"text": text, "filename": "周会.md", "ref_date": "2024-06-14"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["source"] == "周会.md"
    assert body["action_items"][0]["deadline"] == "2024-06-19"


def test_service_extract_form_ref_date(client):
    data = "待办：\n1. 张伟负责整理需求，下周三前完成。\n".encode("gb18030")
    response = upload(client, "/api/v1/extract", data=data, name="notes.txt", ref_date="2024-06-14")
    assert response.status_code == 200, response.text
    assert response.json()["action_items"][0]["deadline"] == "2024-06-19"


@pytest.mark.parametrize("name, data", [("周会.docx", None), ("周会.txt", TEXT.encode("utf-8"))])
def test_service_extract_evidence_points_into_document_text(client, name, data):
    body = upload(client, "/api/v1/extract", data=data, name=name).json()
    lines = {entry["key"]: entry["text"] for entry in body["document_text"]}
    evidence = [e for item in body["action_items"] for e in item["evidence"].values()]
    assert evidence
    for e in evidence:
        start = e["column"] - 1
        assert lines[position_key(e)][start:start + len(e["text"])] == e["text"]
    assert all(position_key(f["location"]) in lines for f in body["lint"])


def position_key(location: dict) -> str:
    if location.get("line") is not None:
        return f"l{location['line']}"
    if location.get("table") is not None:
        return f"t{location['table']}r{location['row']}c{location['cell']}"
    return f"p{location['paragraph']}"


def test_service_extract_docx_document_text_has_paragraphs_and_cells(client):
    entries = upload(client, "/api/v1/extract").json()["document_text"]
    assert entries[0] == {"key": "p1", "paragraph": 1, "heading": 1, "text": "产品上线进度同步会"}
    assert {"key": "t1r2c2", "table": 1, "row": 2, "cell": 2, "text": "赵敏"} in entries


# --------------------------------------------------------------------------- #
# lint
# --------------------------------------------------------------------------- #
def test_service_lint_json(client):
    response = client.post("/api/v1/lint", json={"text": TEXT})
    assert response.status_code == 200
    body = LintResponse.model_validate(response.json())
    assert {"vague-time", "missing-deadline"} <= {f.rule for f in body.lint}
    assert any(f.text == "尽快" and f.line == 11 for f in body.lint)


def test_service_lint_sarif(client):
    response = upload(client, "/api/v1/lint?format=sarif")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sarif+json"
    sarif = response.json()
    assert sarif["version"] == "2.1.0"
    assert "vague-time" in {r["ruleId"] for r in sarif["runs"][0]["results"]}


# --------------------------------------------------------------------------- #
# render
# --------------------------------------------------------------------------- #
RENDERS = [
    ("minutes", "docx", DOCX_TYPE, "会议纪要", "minutes"),
    ("minutes", "md", "text/markdown; charset=utf-8", "会议纪要", "minutes"),
    ("tracker", "xlsx", XLSX_TYPE, "任务跟踪表", "tracker"),
    ("tracker", "docx", DOCX_TYPE, "任务跟踪表", "tracker"),
    ("tracker", "ics", "text/calendar; charset=utf-8", "待办", "todo"),
]


@pytest.mark.parametrize("document, fmt, media_type, label, ascii_label", RENDERS)
def test_service_render_download_type_and_utf8_filename(client, document, fmt, media_type, label, ascii_label):
    response = upload(client, f"/api/v1/render?document={document}&format={fmt}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media_type
    disposition = response.headers["content-disposition"]
    assert disposition.startswith(f'attachment; filename="{ascii_label}.{fmt}"')
    assert f"filename*=UTF-8''{quote(f'周会-{label}.{fmt}')}" in disposition
    assert owner_and_deadline_in(fmt, response.content)


def owner_and_deadline_in(fmt: str, data: bytes) -> bool:
    if fmt == "xlsx":
        return any("张伟" in row and any(str(v).startswith("2024-06-20") for v in row) for row in xlsx_rows(data))
    text = docx_text(data) if fmt == "docx" else data.decode("utf-8")
    return "张伟" in text and any(day in text for day in ("2024年6月20日", "2024-06-20", "20240620"))


def test_service_render_defaults_to_word_minutes(client):
    response = client.post("/api/v1/render", json={"text": TEXT, "filename": "plan B.txt"})
    assert response.headers["content-type"] == DOCX_TYPE
    assert response.headers["content-disposition"].startswith('attachment; filename="plan B-minutes.docx"')


@pytest.mark.parametrize("document, fmt", [("minutes", "docx"), ("tracker", "xlsx")])
def test_service_render_edited_extraction_changes_the_document(client, document, fmt):
    extraction = upload(client, "/api/v1/extract").json()
    item = extraction["action_items"][0]
    item.update(owner="赵六", deadline="2024-06-25", priority="high")
    response = client.post(f"/api/v1/render?document={document}&format={fmt}", json={"extraction": extraction})
    assert response.status_code == 200, response.text
    if fmt == "xlsx":
        row = next(r for r in xlsx_rows(response.content) if r[1] == item["task"])
        assert row[2] == "赵六" and str(row[5]).startswith("2024-06-25") and row[6] == "高"
    else:
        row = owner_cells(response.content, item["task"])
        assert "赵六" in row and "张伟" not in row


def test_service_render_an_uploaded_extraction_json(client):
    extraction = upload(client, "/api/v1/extract").json()
    extraction["action_items"][0]["owner"] = "钱七"
    data = json.dumps(extraction, ensure_ascii=False).encode("utf-8")
    response = upload(client, "/api/v1/render?document=tracker&format=xlsx", data=data, name="周会.json")
    assert response.status_code == 200, response.text
    assert any("钱七" in row for row in xlsx_rows(response.content))


# --------------------------------------------------------------------------- #
# errors
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("headers, body", [
    ({"content-type": "application/json"}, b'{"text": '),
    ({"content-type": "multipart/form-data"}, b"no boundary"),
])
def test_service_malformed_body_is_400(client, headers, body):
    assert_error(client.post("/api/v1/extract", content=body, headers=headers), 400, "bad_request")


@pytest.mark.parametrize("name, data", [("周会.pdf", b"%PDF-1.7"), ("周会.doc", b"\xd0\xcf\x11\xe0"), ("周会", b"x")])
def test_service_unsupported_file_is_415(client, name, data):
    error = assert_error(upload(client, "/api/v1/extract", data=data, name=name), 415, "unsupported")
    assert name in error["message"]


def test_service_unsupported_content_type_is_415(client):
    response = client.post("/api/v1/extract", content=TEXT.encode(), headers={"content-type": "text/plain"})
    assert "text/plain" in assert_error(response, 415, "unsupported")["message"]


@pytest.mark.parametrize("name, data, code", [
    ("empty.txt", b"", "empty"),
    ("blank.docx", b"   ", "empty"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "corrupt"),
    ("report.docx", b"%PDF-1.7 ...", "corrupt"),
    ("utf16.txt", b"\xff\xfe\x41", "encoding"),
])
def test_service_unusable_content_is_422(client, name, data, code):
    assert_error(upload(client, "/api/v1/extract", data=data, name=name), 422, code)


@pytest.mark.parametrize("path, body, code", [
    ("/api/v1/extract", {"filename": "a.txt"}, "invalid"),
    ("/api/v1/extract", {"text": TEXT, "ref_date": "14/06/2024"}, "invalid"),
    ("/api/v1/extract", {"extraction": {}}, "invalid"),
    ("/api/v1/render", {"text": TEXT, "extraction": {}}, "invalid"),
    ("/api/v1/render", {"extraction": {"action_items": [{"task": "写报告", "priority": "urgent"}]}}, "bad_json"),
    ("/api/v1/render", {"extraction": {"action_items": [{"task": "写报告", "deadline": "6月20日"}]}}, "bad_json"),
    ("/api/v1/render?document=minutes&format=xlsx", {"text": TEXT}, "invalid"),
    ("/api/v1/lint?format=pdf", {"text": TEXT}, "invalid"),
])
def test_service_invalid_request_is_422(client, path, body, code):
    assert_error(client.post(path, json=body), 422, code)


def test_service_form_without_file_is_422(client):
    response = client.post("/api/v1/extract", files={"notes": ("a.txt", b"x")})
    assert "'file'" in assert_error(response, 422, "invalid")["message"]


def test_service_form_bad_ref_date_is_422(client):
    assert_error(upload(client, "/api/v1/extract", ref_date="明天"), 422, "invalid")


def test_service_file_over_the_limit_is_413():
    with client_with(max_upload_bytes=1000) as c:
        assert_error(upload(c, "/api/v1/extract", data=b"x" * 5000, name="a.txt"), 413, "too_large")


def test_service_declared_length_over_the_limit_is_413_before_reading():
    with client_with(max_upload_bytes=1000) as c:
        response = c.post("/api/v1/extract", content=b"{}" * 50_000, headers={"content-type": "application/json"})
        assert "请求体有" in assert_error(response, 413, "too_large")["message"]


def test_service_zip_bomb_is_413(client):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b"a" * 50_000_000)
    assert_error(upload(client, "/api/v1/extract", data=bomb.getvalue(), name="bomb.docx"), 413, "too_large")


def test_service_streamed_body_is_refused_while_it_streams():
    app = create_app(Settings(max_upload_bytes=1000))
    head = b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
    chunks = [head] + [b"x" * 10_000] * 100      # 1 MB, no Content-Length
    form = b"multipart/form-data; boundary=xyz"
    status, body, consumed = asyncio.run(asgi_post(app, "/api/v1/extract", form, chunks))
    assert status == 413 and json.loads(body)["error"]["code"] == "too_large"
    assert consumed < 10        # stopped at the limit (1000 + 64 KiB), not after reading everything


async def asgi_post(app, path: str, content_type: bytes, chunks: list[bytes]) -> tuple[int, bytes, int]:
    """Drive the app as a server would, counting how much of the body it pulled."""
    consumed, sent = 0, {"status": 0, "body": b""}
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"content-type", content_type)], "client": ("127.0.0.1", 1), "server": ("t", 80)}

    async def receive():
        nonlocal consumed
        consumed += 1
        return {"type": "http.request", "body": chunks[consumed - 1], "more_body": consumed < len(chunks)}

    async def send(message):
        if message["type"] == "http.response.start":
            sent["status"] = message["status"]
        elif message["type"] == "http.response.body":
            sent["body"] += message.get("body", b"")

    await app(scope, receive, send)
    return sent["status"], sent["body"], consumed


def test_service_slow_document_is_504():
    with client_with(request_timeout=0.001) as c:
        error = assert_error(upload(c, "/api/v1/extract"), 504, "timeout")
        assert "MINUTES_REQUEST_TIMEOUT" in error["message"]


def test_service_runaway_job_is_killed_and_its_process_replaced():
    pool = Pool(processes=1, max_jobs=2)
    try:
        started = time.monotonic()
        with pytest.raises(Timeout):
            asyncio.run(pool.run(time.sleep, 60, timeout=3))
        assert time.monotonic() - started < 10
        assert asyncio.run(pool.run(len, b"abc", timeout=30)) == 3
    finally:
        pool.shutdown()


def test_service_full_job_slots_give_503():
    app = create_app(Settings(processes=1, max_jobs=1))
    statuses = asyncio.run(concurrently(app, [("post", "/api/v1/extract")] * 2))
    assert sorted(r.status_code for r in statuses) == [200, 503]
    busy = next(r for r in statuses if r.status_code == 503)
    assert busy.json()["error"]["code"] == "busy" and busy.headers["retry-after"]


async def concurrently(app, calls: list[tuple[str, str]], order: list | None = None,
                       notes: bytes | None = None) -> list[httpx.Response]:
    """Send ``calls`` at once (GETs 20 ms later), noting the order in which they finish."""
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        async def call(method: str, path: str) -> httpx.Response:
            if method == "get":
                await asyncio.sleep(0.02)
                response = await http.get(path)
            else:
                response = await http.post(path, files={"file": ("周会.docx", notes or notes_docx())})
            if order is not None:
                order.append(path)
            return response
        return await asyncio.gather(*(call(m, p) for m, p in calls))


def test_service_cpu_work_does_not_block_other_requests():
    app = create_app(Settings(processes=3))
    order: list[str] = []
    long_notes = notes_docx(repeat=60)
    calls = [("post", "/api/v1/extract")] * 3 + [("get", "/healthz")]
    responses = asyncio.run(concurrently(app, calls, order, notes=long_notes))
    assert order[0] == "/healthz"
    bodies = [r.json() for r in responses[:3]]
    assert all(r.status_code == 200 for r in responses) and bodies[0] == bodies[1] == bodies[2]


# --------------------------------------------------------------------------- #
# auth, CORS, settings, logs
# --------------------------------------------------------------------------- #
@pytest.fixture(scope="module")
def secured():
    with client_with(api_token="s3cret") as c:
        yield c


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic czNjcmV0"}])
@pytest.mark.parametrize("path", ["/api/v1/extract", "/api/v1/lint", "/api/v1/render", "/api/v1/deadline"])
def test_service_token_required_on_every_api_route(secured, path, headers):
    response = secured.post(path, json={"text": TEXT}, headers=headers)
    assert_error(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"


def test_service_token_is_checked_before_the_body_is_read():
    app = create_app(Settings(api_token="s3cret"))
    status, _, consumed = asyncio.run(asgi_post(app, "/api/v1/extract", b"application/json", [b"{}"] * 10))
    assert (status, consumed) == (401, 0)


def test_service_token_accepted(secured):
    response = secured.post("/api/v1/extract", json={"text": TEXT}, headers={"Authorization": "Bearer s3cret"})
    assert response.status_code == 200


def test_service_token_leaves_page_and_health_public_and_page_asks_for_it(secured):
    assert secured.get("/healthz").status_code == 200
    page = secured.get("/")
    assert page.status_code == 200 and 'id="token"' in page.text


PREFLIGHT = {"Origin": "http://intranet.example", "Access-Control-Request-Method": "POST"}


def test_service_cors_is_off_by_default(client):
    assert "access-control-allow-origin" not in client.options("/api/v1/extract", headers=PREFLIGHT).headers
    response = client.get("/healthz", headers={"Origin": "http://intranet.example"})
    assert "access-control-allow-origin" not in response.headers


def test_service_cors_allows_listed_origins_only():
    with client_with(cors_origins=["http://intranet.example"]) as c:
        allowed = c.options("/api/v1/extract", headers=PREFLIGHT)
        assert allowed.headers["access-control-allow-origin"] == "http://intranet.example"
        other = c.options("/api/v1/extract", headers={**PREFLIGHT, "Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers


@pytest.mark.parametrize("environ, field, value", [
    ({}, "max_upload_bytes", 20 * 1024 * 1024),
    ({"MINUTES_MAX_UPLOAD_BYTES": "1000"}, "max_upload_bytes", 1000),
    ({"MINUTES_REQUEST_TIMEOUT": "2.5"}, "request_timeout", 2.5),
    ({"MINUTES_CORS_ORIGINS": "http://a.example, http://b.example"}, "cors_origins", ["http://a.example", "http://b.example"]),
    ({"MINUTES_API_TOKEN": ""}, "api_token", None),
    ({"MINUTES_PROCESSES": "2", "MINUTES_MAX_JOBS": "3"}, "max_jobs", 3),
])
def test_service_settings_from_environment(environ, field, value):
    assert getattr(load_settings(environ), field) == value


@pytest.mark.parametrize("environ, shown", [
    ({"MINUTES_MAX_UPLOAD_BYTES": "lots"}, "MINUTES_MAX_UPLOAD_BYTES='lots'"),
    ({"MINUTES_REQUEST_TIMEOUT": "-1"}, "MINUTES_REQUEST_TIMEOUT='-1'"),
    ({"MINUTES_WORKERS": "4", "MINUTES_PROCESSES": "0"}, "MINUTES_PROCESSES='0'"),
])
def test_service_bad_setting_names_the_variable(environ, shown):
    with pytest.raises(ConfigError, match=shown):
        load_settings(environ)


def test_service_get_settings_is_cached_and_reads_the_environment(monkeypatch):
    monkeypatch.setenv("MINUTES_API_TOKEN", "from-env")
    get_settings.cache_clear()
    try:
        assert get_settings() is get_settings()
        assert get_settings().api_token.get_secret_value() == "from-env"
        with TestClient(create_app()) as c:
            assert c.post("/api/v1/extract", json={"text": TEXT}).status_code == 401
    finally:
        get_settings.cache_clear()


def test_service_logs_never_hold_the_document(client, caplog):
    secret = "绝密项目青龙计划"
    caplog.set_level(logging.DEBUG)
    client.post("/api/v1/extract", json={"text": TEXT + f"3. 张伟负责{secret}，6月30日前完成。\n"})
    client.post("/api/v1/extract", files={"file": (f"{secret}.docx", f"PK{secret}".encode())})
    client.post("/api/v1/render", json={"extraction": {"action_items": [{"task": secret, "priority": 1}]}})
    assert secret not in caplog.text


def test_service_every_setting_is_documented():
    docs = (Path(__file__).resolve().parent.parent / "docs" / "service.md").read_text(encoding="utf-8")
    assert all(f"`{env_name(name)}`" in docs for name in Settings.model_fields)


# --------------------------------------------------------------------------- #
# deadlines as the page's fields take them; renders that follow edits
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("body, deadline, label, kind", [
    ({"text": "4月30日", "ref_date": "2024-04-10"}, "2024-04-30", "2024年4月30日（周二）", "date"),
    ({"text": "下周三", "ref_date": "2024-04-10"}, "2024-04-17", "2024年4月17日（周三）", "date"),
    ({"text": "3个工作日内", "ref_date": "2024-09-26"}, "2024-09-30", "2024年9月30日（周一）", "date"),
    ({"text": "明天下午3点前", "ref_date": "2024-04-10"}, "2024-04-11T15:00", "2024年4月11日（周四） 15:00", "datetime"),
    ({"text": "24小时内", "ref_date": "2024-04-10", "start_time": "14:30"}, "2024-04-11T14:30",
     "2024年4月11日（周四） 14:30", "datetime"),
    ({"text": "2024-05-06"}, "2024-05-06", "2024年5月6日（周一）", "date"),
    ({"text": "尽快", "ref_date": "2024-04-10"}, None, "", "vague"),
    ({"text": "待定", "ref_date": "2024-04-10"}, None, "", "undetermined"),
])
def test_service_deadline_resolves_what_people_type(client, body, deadline, label, kind):
    response = client.post("/api/v1/deadline", json=body)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert (answer["deadline"], answer["label"], answer["kind"]) == (deadline, label, kind)
    assert bool(answer["explanation"]) == (deadline is None) and body["text"] in (answer["explanation"] or body["text"])


@pytest.mark.parametrize("body, status, code", [
    ({"text": ""}, 422, "invalid"), ({"text": "下周三", "start_time": "25:00"}, 422, "invalid"),
    ({"text": "下周三", "ref_date": "4月10日"}, 422, "invalid"), ({"text": "x" * 5000}, 413, "too_large"),
])
def test_service_deadline_refuses_bad_bodies(client, body, status, code):
    assert_error(client.post("/api/v1/deadline", json=body), status, code)


def test_service_render_review_notes_follow_the_edits(client):
    extraction = client.post("/api/v1/extract", json={"text": TEXT}).json()
    soon = next(a for a in extraction["action_items"] if a["deadline"] is None)
    soon.update(deadline="2024-06-21", deadline_text="6月21日")
    extraction["action_items"].append({"task": "联系供应商报价", "owner": None, "priority": "medium"})
    response = client.post("/api/v1/render?review_notes=true&format=md", json={"extraction": extraction})
    notes = response.text.split("## 审阅意见")[1]
    assert "| 尽快 |" not in notes and "缺少截止日期" not in notes.split("联系供应商报价")[0]
    assert "联系供应商报价" in notes and "缺少负责人" in notes
