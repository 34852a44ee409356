"""The ledger store on SQLite and PostgreSQL: filing, matching, corrections, history, safety."""
from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from ledgerdb import ledger_url, pg_session_url, pg_url, reset_pg  # noqa: F401  (fixtures)
from sqlalchemy import text
from wordfiles import word_file

from minutes.errors import BadChange, LedgerUnavailable, UnknownTask
from minutes.ledger.store import open_ledger, resolve_target, upgrade
from minutes.model import ActionItem, Meeting, Minutes, ProgressReport
from minutes.pipeline import process

ACTOR = "测试"


def meeting(day: str, items=(), reports=(), title: str = "门店数字化项目周例会") -> Minutes:
    """A filed meeting as extraction gives it: (task, owner, department, deadline) items and reports."""
    return Minutes(source=f"{day}.txt", meeting=Meeting(title=title, date=day, departments=["运营部"]),
                   action_items=[ActionItem(task=t, owner=o, owner_department=d, deadline=dl) for t, o, d, dl in items],
                   progress=list(reports))


KICKOFF = meeting("2025-06-02", [("完成门店巡检表改版", "白露", "运营部", "2025-06-06"),
                                 ("整理新供应商名录", "陆远", "采购部", "2025-06-13"),
                                 ("编写客服退货话术", "邱楠", "客服部", "2025-06-09")])


@pytest.fixture
def ledger(ledger_url):
    opened = open_ledger(ledger_url)
    yield opened
    opened.close()


def test_ledger_store_files_action_items_as_numbered_tasks(ledger):
    result = ledger.file(KICKOFF, actor=ACTOR)
    assert result.created == ["门店数字化-2025-001", "门店数字化-2025-002", "门店数字化-2025-003"]
    task = ledger.task("门店数字化-2025-002")
    assert (task.task, task.owner, task.department, task.deadline, task.status, task.progress) == (
        "整理新供应商名录", "陆远", "采购部", "2025-06-13", "未开始", 0)
    assert [(c.field, c.new, c.meeting) for c in task.history] == [
        ("created", "整理新供应商名录", "门店数字化项目周例会（2025-06-02）")]


def test_ledger_store_same_notes_twice_change_nothing(ledger):
    ledger.file(KICKOFF, actor=ACTOR)
    again = ledger.file(meeting("2025-06-02", [(a.task, a.owner, a.owner_department, a.deadline)
                                               for a in KICKOFF.action_items]), actor="另一人")
    assert again.already_filed and not again.created
    assert len(ledger.tasks()) == 3 and len(ledger.history()) == 3 and len(ledger.meetings()) == 1


def test_ledger_store_another_version_of_a_filed_meeting_is_not_filed_twice(ledger):
    ledger.file(KICKOFF, actor=ACTOR)
    edited = meeting("2025-06-02", [("完成门店巡检表改版（含加盟店）", "白露", "运营部", "2025-06-06")])
    assert ledger.file(edited, actor=ACTOR).already_filed
    assert len(ledger.tasks()) == 3


def test_ledger_store_reports_update_the_tasks_they_name(ledger):
    ledger.file(KICKOFF, actor=ACTOR)
    review = meeting("2025-06-09", reports=[
        ProgressReport(task="门店巡检表改版", owner="白露", status="进行中", progress=80, text="门店巡检表改版—— 进行中 80%"),
        ProgressReport(task="新供应商名录", owner="陆远", status="延期", deadline="2025-06-20", risk="资质文件未齐"),
        ProgressReport(task="客服退货话术", owner="邱楠", status="已完成")])
    result = ledger.file(review, actor=ACTOR)
    assert set(result.updated) == {"门店数字化-2025-001", "门店数字化-2025-002", "门店数字化-2025-003"}
    rows = {t.id: (t.status, t.progress, t.deadline, t.risk, t.completed_on) for t in ledger.tasks()}
    assert rows == {
        "门店数字化-2025-001": ("进行中", 80, "2025-06-06", None, None),
        "门店数字化-2025-002": ("延期", 0, "2025-06-20", "资质文件未齐", None),
        "门店数字化-2025-003": ("已完成", 100, "2025-06-09", None, "2025-06-09"),
    }
    change = ledger.task("门店数字化-2025-001").history[-1]
    assert (change.field, change.old, change.new, change.meeting, change.note) == (
        "progress", "0", "80", "门店数字化项目周例会（2025-06-09）", "门店巡检表改版—— 进行中 80%")


def test_ledger_store_ambiguous_report_waits_for_a_person(ledger):
    ledger.file(meeting("2025-06-02", [("起草门店巡检制度", "白露", "运营部", "2025-06-06"),
                                       ("培训门店巡检制度", "白露", "运营部", "2025-06-13")]), actor=ACTOR)
    result = ledger.file(meeting("2025-06-09", reports=[
        ProgressReport(task="门店巡检制度", owner="白露", status="已完成")]), actor=ACTOR)
    assert not result.updated and [p.reason for p in result.pending] == ["ambiguous"]
    assert {t.status for t in ledger.tasks()} == {"未开始"}          # nothing guessed
    waiting = ledger.pending()
    assert [c for c, _ in waiting[0].candidates] == ["门店数字化-2025-001", "门店数字化-2025-002"]

    task, changes = ledger.confirm(waiting[0].id, "门店数字化-2025-001", actor="运营部 白露")
    assert (task.status, task.completed_on) == ("已完成", "2025-06-09")
    assert changes[0].actor == "运营部 白露" and ledger.pending() == []
    with pytest.raises(BadChange, match="已确认"):
        ledger.confirm(waiting[0].id, "门店数字化-2025-002", actor=ACTOR)


def test_ledger_store_a_follow_up_row_is_a_report_not_new_work(ledger):
    """Extraction may also offer an open row of a follow-up table as an item; it is filed once, as the report."""
    data = word_file(["门店周会", "会议时间：2025年6月9日"],
                     [["事项", "负责人", "当前状态"], ["编写客服退货话术", "邱楠", "进行中 40%"]], heading="上次会议跟进事项")
    ledger.file(KICKOFF, actor=ACTOR)
    result = ledger.file(process("周会.docx", data), actor=ACTOR)
    assert result.created == [] and list(result.updated) == ["门店数字化-2025-003"]
    assert (ledger.task("门店数字化-2025-003").status, ledger.task("门店数字化-2025-003").progress) == ("进行中", 40)


def test_ledger_store_report_on_an_unknown_task_is_held(ledger):
    ledger.file(KICKOFF, actor=ACTOR)
    result = ledger.file(meeting("2025-06-09", reports=[ProgressReport(task="年会场地预订", owner="白露",
                                                                       status="进行中")]), actor=ACTOR)
    assert [p.reason for p in result.pending] == ["unmatched"]


def test_ledger_store_report_by_id_and_a_new_id_from_a_task_overview(ledger):
    ledger.file(KICKOFF, actor=ACTOR)
    result = ledger.file(meeting("2025-06-09", reports=[
        ProgressReport(task="巡检表", task_id="门店数字化-2025-001", status="进行中", progress=40),
        ProgressReport(task="门店Wi-Fi改造", task_id="门店数字化-2025-010", owner="蔡宁", status="未开始",
                       deadline="2025-07-01")]), actor=ACTOR)
    assert ledger.task("门店数字化-2025-001").progress == 40
    assert result.created == ["门店数字化-2025-010"]
    assert ledger.file(meeting("2025-06-16", [("复核门店Wi-Fi报价", "蔡宁", "信息部", "2025-06-20")]),
                       actor=ACTOR).created == ["门店数字化-2025-011"]


def test_ledger_store_late_filed_meeting_does_not_undo_a_later_report(ledger):
    ledger.file(KICKOFF, actor=ACTOR)
    ledger.file(meeting("2025-06-16", reports=[ProgressReport(task="门店巡检表改版", owner="白露", status="已完成")]),
                actor=ACTOR)
    late = ledger.file(meeting("2025-06-09", reports=[ProgressReport(task="门店巡检表改版", owner="白露",
                                                                     status="进行中", progress=50)]), actor=ACTOR)
    assert late.stale == ["门店数字化-2025-001"]
    assert ledger.task("门店数字化-2025-001").status == "已完成"


@pytest.mark.parametrize("changes, message", [
    ({"status": "做完了"}, "状态 '做完了' 无效"),
    ({"progress": "120"}, "进度 '120' 无效"),
    ({"deadline": "6月20日"}, "日期 '6月20日' 无效"),
    ({"colour": "red"}, "不能修改 'colour'"),
])
def test_ledger_store_set_refuses_bad_values(ledger, changes, message):
    ledger.file(KICKOFF, actor=ACTOR)
    with pytest.raises(BadChange, match=message):
        ledger.set("门店数字化-2025-001", changes, actor=ACTOR)
    assert len(ledger.history()) == 3


def test_ledger_store_set_records_who_changed_what(ledger):
    ledger.file(KICKOFF, actor=ACTOR)
    task, changes = ledger.set("门店数字化-2025-003", {"status": "待验收", "progress": "90%", "deadline": "2025-06-11 17:00"},
                               actor="网页：邱楠")
    assert (task.status, task.progress, task.deadline) == ("待验收", 90, "2025-06-11T17:00")
    assert [(c.field, c.old, c.new, c.actor, c.meeting) for c in changes] == [
        ("status", "未开始", "待验收", "网页：邱楠", None), ("progress", "0", "90", "网页：邱楠", None),
        ("deadline", "2025-06-09", "2025-06-11T17:00", "网页：邱楠", None)]
    assert ledger.set("门店数字化-2025-003", {"status": "待验收"}, actor=ACTOR)[1] == []
    with pytest.raises(UnknownTask, match="没有任务 '门店数字化-2025-099'"):
        ledger.set("门店数字化-2025-099", {"status": "已完成"}, actor=ACTOR)


def test_ledger_store_history_is_append_only(ledger):
    ledger.file(KICKOFF, actor=ACTOR)
    for statement in ("UPDATE history SET new = 'x'", "DELETE FROM history"):
        with pytest.raises(Exception, match="append-only"):
            with ledger.engine.begin() as conn:
                conn.execute(text(statement))
    assert len(ledger.history()) == 3


def test_ledger_store_filters_and_overdue_order(ledger):
    ledger.file(KICKOFF, actor=ACTOR)
    ledger.set("门店数字化-2025-003", {"status": "已完成"}, actor=ACTOR)
    as_of = date(2025, 6, 10)
    assert [t.id for t in ledger.tasks(owner="陆远")] == ["门店数字化-2025-002"]
    assert [t.id for t in ledger.tasks(department="运营部")] == ["门店数字化-2025-001"]
    assert [t.id for t in ledger.tasks(status="已完成")] == ["门店数字化-2025-003"]
    assert [t.id for t in ledger.tasks(overdue_as_of=as_of)] == ["门店数字化-2025-001"]
    late = ledger.overdue(as_of)
    assert [(t.id, t.days_overdue(as_of)) for t in late] == [("门店数字化-2025-001", 4)]
    assert ledger.overdue(date(2025, 6, 6)) == []            # due that day is not yet overdue


# --------------------------------------------------------------------------- #
# Concurrency: writers in separate processes lose nothing
# --------------------------------------------------------------------------- #
def _file_in_thread(url: str, day: str, tasks: list) -> list[str]:
    ledger = open_ledger(url)          # its own engine and connections, as another server worker has
    try:
        return ledger.file(meeting(day, tasks), actor=f"写入{day}").created
    finally:
        ledger.close()


def test_ledger_store_concurrent_writers_lose_nothing(ledger_url):
    """Eight writers at once, three of them filing the same meeting: every task once, IDs without gaps."""
    open_ledger(ledger_url).close()
    jobs = [(ledger_url, f"2025-06-{d:02d}", [(f"第{d}周任务{i}", "白露", "运营部", None) for i in range(5)])
            for d in range(1, 7)]
    jobs += [jobs[0]] * 2
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        created = list(pool.map(lambda job: _file_in_thread(*job), jobs))
    ledger = open_ledger(ledger_url)
    ids = [t.id for t in ledger.tasks()]
    assert len(ids) == 30 and sorted(ids) == [f"门店数字化-2025-{n:03d}" for n in range(1, 31)]
    assert sorted(i for batch in created for i in batch) == sorted(ids)
    assert len(ledger.meetings()) == 6
    ledger.close()


# --------------------------------------------------------------------------- #
# Migrations and damaged databases
# --------------------------------------------------------------------------- #
def _first_schema_ledger(url: str) -> None:
    """A ledger as the first release wrote it: migration 0001 only, with a meeting, a task and its history."""
    from sqlalchemy import create_engine
    engine = create_engine(resolve_target(url))
    with engine.begin() as conn:
        upgrade(conn, "0001")
        conn.execute(text("INSERT INTO meetings (fingerprint, title, date, source, project, filed_at, filed_by) "
                          "VALUES ('f1', '门店数字化项目周例会', '2025-06-02', 'a.txt', '门店数字化', '2025-06-02T08:00:00', '旧版')"))
        conn.execute(text("INSERT INTO tasks (id, project, year, seq, task, owner, deadline, status, progress, "
                          "meeting_id, created_at, updated_at) VALUES ('门店数字化-2025-001', '门店数字化', 2025, 1, "
                          "'完成门店巡检表改版', '白露', '2025-06-06', '已完成', 100, 1, '2025-06-02T08:00:00', "
                          "'2025-06-09T08:00:00')"))
        conn.execute(text("INSERT INTO history (task_id, field, old, new, meeting_id, actor, at) VALUES "
                          "('门店数字化-2025-001', 'status', '未开始', '已完成', 1, '旧版', '2025-06-09T08:00:00')"))
    engine.dispose()


def test_ledger_store_upgrades_a_first_schema_ledger_without_loss(ledger_url):
    if "://" in ledger_url:
        reset_pg(ledger_url, drop=True)
    _first_schema_ledger(ledger_url)
    ledger = open_ledger(ledger_url)
    task = ledger.task("门店数字化-2025-001")
    assert (task.task, task.status, task.completed_on) == ("完成门店巡检表改版", "已完成", "2025-06-09")
    assert [(c.field, c.actor) for c in task.history] == [("status", "旧版")]
    later = meeting("2025-06-16", [("复核门店巡检结果", "白露", "运营部", "2025-06-20")])
    assert ledger.file(later, actor=ACTOR).created == ["门店数字化-2025-002"]
    assert ledger.pending() == []
    ledger.close()


def test_ledger_store_damaged_file_is_a_clear_error(tmp_path):
    path = tmp_path / "minutes.db"
    path.write_bytes(b"this is a spreadsheet, not a ledger\n" * 200)
    with pytest.raises(LedgerUnavailable, match="已损坏或不是 SQLite 数据库文件"):
        open_ledger(str(path))


def test_ledger_store_locked_file_is_a_clear_error(tmp_path):
    path = tmp_path / "minutes.db"
    open_ledger(str(path)).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        ledger = open_ledger(str(path), timeout=0.2)
        with pytest.raises(LedgerUnavailable, match="正被其他程序占用"):
            ledger.file(KICKOFF, actor=ACTOR)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert open_ledger(str(path)).file(KICKOFF, actor=ACTOR).created      # nothing was half-written


def test_ledger_store_refuses_a_database_of_something_else(tmp_path):
    path = tmp_path / "inventory.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE stock (sku TEXT)")
    with pytest.raises(LedgerUnavailable, match="不是 minutes 台账"):
        open_ledger(str(path))


def test_ledger_store_refuses_a_ledger_from_a_newer_minutes(tmp_path):
    path = tmp_path / "minutes.db"
    open_ledger(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(LedgerUnavailable, match="请升级 minutes"):
        open_ledger(str(path))


@pytest.mark.parametrize("target, message", [
    ("mysql://u:p@host/db", "不支持 'mysql'"),
    ("postgresql://u:p@127.0.0.1:1/none", "无法连接"),
])
def test_ledger_store_unusable_urls(target, message):
    with pytest.raises(LedgerUnavailable, match=message):
        open_ledger(target, timeout=2)


def test_ledger_store_default_location(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MINUTES_DB", raising=False)
    assert resolve_target(None).endswith(str(tmp_path / "minutes.db"))
    monkeypatch.setenv("MINUTES_DB", "postgresql://u:p@db.example/ledger")
    assert resolve_target(None) == "postgresql+psycopg://u:p@db.example/ledger"
    assert resolve_target(str(tmp_path / "a.db")).endswith("a.db")
