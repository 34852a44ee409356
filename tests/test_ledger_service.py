"""The ledger over HTTP: two real `minutes serve` processes sharing one ledger (SQLite file or
PostgreSQL), filing, filtering, corrections with their source, exports, and writers at once."""
from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import httpx
import openpyxl
import pytest
from ledgerdb import NOTES, live_servers, pg_session_url, reset_pg  # noqa: F401  (fixtures)

TOKEN = "ledger-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
WEB = {**AUTH, "X-Minutes-Client": "web"}



@pytest.fixture(scope="module")
def http():
    with httpx.Client(timeout=90) as client:     # the first filings wait for the servers' job processes to warm up
        yield client


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def servers(request, tmp_path_factory):
    """Two servers on one ledger, as a team server with two `minutes serve` processes has."""
    if request.param == "postgresql":
        db = request.getfixturevalue("pg_session_url")
        reset_pg(db, drop=False)
    else:
        db = str(tmp_path_factory.mktemp("served") / "ledger.db")
    env = {"MINUTES_DB": db, "MINUTES_API_TOKEN": TOKEN}
    with live_servers(env, count=2) as bases:
        yield [base + "api/v1/ledger" for base in bases]


@pytest.fixture(scope="module")
def filed(servers, http):
    """The three scenario meetings: a file upload, pasted text, and a reviewed extraction."""
    api, _ = servers
    kickoff = (NOTES / "01-启动会.md").read_bytes()
    first = http.post(f"{api}/meetings", headers=WEB, files={"file": ("启动会.md", kickoff)}, params={"by": "唐悦"})
    text = (NOTES / "02-第一次周会.txt").read_text(encoding="utf-8")
    second = http.post(f"{api}/meetings", headers=AUTH, json={"text": text, "filename": "周会.txt"})
    extraction = http.post(api.replace("/ledger", "/extract"), headers=AUTH, json={
        "text": (NOTES / "03-第二次周会.md").read_text(encoding="utf-8"), "filename": "周会3.md"}).json()
    extraction["action_items"][1]["owner"] = "祁磊"                 # a person corrected the owner on the page
    third = http.post(f"{api}/meetings", headers=WEB, json={"extraction": extraction}, params={"by": "唐悦"})
    return [r.json() for r in (first, second, third)]


def test_ledger_service_files_notes_and_reviewed_extractions(filed, servers, http):
    api, _ = servers
    assert [len(r["created"]) for r in filed] == [4, 2, 2]
    assert sorted(filed[2]["updated"]) == [f"智能仓储升级-2025-00{n}" for n in (2, 3, 4, 5, 6)]
    assert http.get(f"{api}/tasks/智能仓储升级-2025-008", headers=AUTH).json()["owner"] == "祁磊"
    task = http.get(f"{api}/tasks/智能仓储升级-2025-001", headers=AUTH).json()
    assert [(h["label"], h["actor"]) for h in task["history"]] == [("创建", "网页：唐悦"), ("状态", "API"), ("进度", "API")]
    again = http.post(f"{api}/meetings", headers=AUTH, files={"file": ("a.md", (NOTES / "01-启动会.md").read_bytes())})
    assert again.json()["already_filed"] is True


def test_ledger_service_lists_filters_and_escalation(filed, servers, http):
    api, other = servers
    listed = http.get(f"{other}/tasks", headers=AUTH, params={"dept": "信息部", "as_of": "2025-03-18"}).json()
    assert [(t["id"], t["late"], t["days_overdue"]) for t in listed["tasks"]] == [
        ("智能仓储升级-2025-001", False, 0), ("智能仓储升级-2025-004", True, 4)]
    late = http.get(f"{api}/overdue", headers=AUTH, params={"as_of": "2025-03-18"}).json()
    assert [(g["department"], [o["owner"] for o in g["owners"]]) for g in late["groups"]] == [
        ("仓储部", ["祁磊"]), ("信息部", ["邵婷"])]


def test_ledger_service_correction_is_recorded_with_its_source(filed, servers, http):
    api, other = servers
    changed = http.patch(f"{api}/tasks/智能仓储升级-2025-006", headers=WEB, json={"progress": 60, "by": "唐悦"})
    assert changed.status_code == 200
    assert [(c["field"], c["old"], c["new"], c["actor"]) for c in changed.json()["changes"]] == [
        ("progress", "40", "60", "网页：唐悦")]
    assert http.get(f"{other}/tasks/智能仓储升级-2025-006", headers=AUTH).json()["progress"] == 60


@pytest.mark.parametrize("method, path, body, status, words", [
    ("patch", "/tasks/智能仓储升级-2025-006", {"status": "完结"}, 422, "status"),
    ("patch", "/tasks/智能仓储升级-2025-006", {"deadline": "下周三"}, 422, "日期 '下周三' 无效"),
    ("patch", "/tasks/智能仓储升级-2025-099", {"status": "已完成"}, 404, "台账中没有任务"),
    ("post", "/pending/99/confirm", {"task_id": "智能仓储升级-2025-001"}, 404, "没有待确认的汇报 #99"),
])
def test_ledger_service_refuses_bad_writes(filed, servers, method, path, body, status, words, http):
    api, _ = servers
    answer = getattr(http, method)(api + path, headers=AUTH, json=body)
    assert answer.status_code == status and words in answer.json()["error"]["message"]


def test_ledger_service_needs_the_token(servers, http):
    api, _ = servers
    assert http.get(f"{api}/tasks").status_code == 401


def test_ledger_service_export(filed, servers, http):
    api, _ = servers
    answer = http.get(f"{api}/export", headers=AUTH, params={"format": "xlsx", "as_of": "2025-03-18"})
    assert answer.status_code == 200 and "filename*=UTF-8''" in answer.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames == ["任务跟踪", "会议信息", "变更记录", "会议"]
    assert book["任务跟踪"].max_row == 1 + 8
    csv_text = http.get(f"{api}/export", headers=AUTH, params={"format": "csv", "owner": "邵婷"}).content
    assert csv_text.decode("utf-8-sig").count("\n") == 2       # the header and 邵婷's one task (the other went to 祁磊)


def test_ledger_service_two_servers_writing_at_once_lose_nothing(filed, servers, http):
    """Meetings filed and corrections made through both servers at the same time all arrive."""
    meetings = [{"text": f"仓储周会\n会议时间：2025年4月{d}日\n待办事项：\n1. 贺军负责核对第{d}批入库单，4月{d + 3}日前完成。\n",
                 "filename": f"第{d}批.txt"} for d in range(1, 9)]
    changes = [("智能仓储升级-2025-007", {"progress": p}) for p in (10, 20, 30, 40)]
    changes += [("智能仓储升级-2025-008", {"risk": f"第{n}次提醒供应商"}) for n in range(1, 5)]

    def send(job):
        index, (kind, payload) = job
        base = servers[index % 2]
        if kind == "file":
            return http.post(f"{base}/meetings", headers=AUTH, json=payload)
        task_id, body = payload
        return http.patch(f"{base}/tasks/{task_id}", headers=AUTH, json=body)

    jobs = list(enumerate([("file", m) for m in meetings] + [("set", c) for c in changes]))
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(send, jobs))
    assert [a.status_code for a in answers] == [200] * len(jobs), [a.text for a in answers if a.status_code != 200]
    api, _ = servers
    tasks = http.get(f"{api}/tasks", headers=AUTH, params={"owner": "贺军"}).json()["tasks"]
    checks = sorted(t["task"] for t in tasks if t["task"].startswith("核对"))
    assert checks == sorted(f"核对第{d}批入库单" for d in range(1, 9))
    ids = [t["id"] for t in http.get(f"{api}/tasks", headers=AUTH).json()["tasks"]]
    assert len(ids) == len(set(ids)) == 16
    history = {f: http.get(f"{api}/tasks/{f}", headers=AUTH).json()["history"]
               for f in ("智能仓储升级-2025-007", "智能仓储升级-2025-008")}
    assert len([h for h in history["智能仓储升级-2025-007"] if h["field"] == "progress"]) == 4
    assert sorted(h["new"] for h in history["智能仓储升级-2025-008"] if h["field"] == "risk") == [
        f"第{n}次提醒供应商" for n in range(1, 5)]
