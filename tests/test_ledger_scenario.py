"""Three weekly meetings of one team, filed in turn, give the ledger a person would keep by hand.

tests/ledger_notes/ holds the notes: 01 the kickoff (a task table: four new tasks), 02 a
review that reports a completion, progress and a delay with its reason, and adds two
tasks, 03 a review with a tracking table (实际进度, 是否滞后, 风险描述) and two new tasks.
"""
from __future__ import annotations

from datetime import date

import pytest
from ledgerdb import NOTES, pg_session_url, reset_pg  # noqa: F401  (fixtures)

from minutes.ledger.store import open_ledger
from minutes.pipeline import process

FILES = ("01-启动会.md", "02-第一次周会.txt", "03-第二次周会.md")
M1, M2, M3 = ("智能仓储升级项目周例会（第1次）（2025-03-03）", "智能仓储升级项目周例会（第2次）（2025-03-10）",
              "智能仓储升级项目周例会（第3次）（2025-03-17）")
REVIEW_DAY = date(2025, 3, 17)

# (ID, task, owner, department, plan date, status, progress, 是否滞后 on the review day)
LEDGER = [
    ("智能仓储升级-2025-001", "完成WMS接口需求文档", "贺军", "信息部", "2025-03-07", "已完成", 100, False),
    ("智能仓储升级-2025-002", "完成扫码枪供应商比价", "温倩", "采购部", "2025-03-12", "已完成", 100, False),
    ("智能仓储升级-2025-003", "整理华东仓库位编码规则", "祁磊", "仓储部", "2025-03-17", "延期", 90, True),
    ("智能仓储升级-2025-004", "搭建WMS测试环境", "邵婷", "信息部", "2025-03-14", "进行中", 70, True),
    ("智能仓储升级-2025-005", "组织WMS接口评审会", "贺军", None, "2025-03-13", "已完成", 100, False),
    ("智能仓储升级-2025-006", "编写仓库员工培训手册", "唐悦", None, "2025-03-21", "进行中", 40, False),
    ("智能仓储升级-2025-007", "与中标供应商签订扫码枪采购合同", "温倩", None, "2025-03-24", "未开始", 0, False),
    ("智能仓储升级-2025-008", "协调服务器提前到货，反馈结果", "邵婷", None, "2025-03-19", "未开始", 0, False),
]

# Every history entry per task: (field, old, new, meeting)
HISTORY = {
    "智能仓储升级-2025-001": [("created", None, "完成WMS接口需求文档", M1), ("status", "未开始", "已完成", M2),
                              ("progress", "0", "100", M2)],
    "智能仓储升级-2025-002": [("created", None, "完成扫码枪供应商比价", M1), ("status", "未开始", "进行中", M2),
                              ("progress", "0", "60", M2), ("status", "进行中", "已完成", M3),
                              ("progress", "60", "100", M3), ("behind", None, "否", M3)],
    "智能仓储升级-2025-003": [("created", None, "整理华东仓库位编码规则", M1), ("status", "未开始", "延期", M2),
                              ("deadline", "2025-03-10", "2025-03-17", M2), ("risk", None, "需等3月14日盘点结果", M2),
                              ("progress", "0", "90", M3), ("behind", None, "是", M3),
                              ("risk", "需等3月14日盘点结果", "盘点数据晚到两天", M3)],
    "智能仓储升级-2025-004": [("created", None, "搭建WMS测试环境", M1), ("status", "未开始", "进行中", M2),
                              ("progress", "0", "30", M2), ("progress", "30", "70", M3), ("behind", None, "是", M3),
                              ("risk", None, "服务器3月20日才到货", M3)],
    "智能仓储升级-2025-005": [("created", None, "组织WMS接口评审会", M2), ("status", "未开始", "已完成", M3),
                              ("progress", "0", "100", M3), ("behind", None, "否", M3)],
    "智能仓储升级-2025-006": [("created", None, "编写仓库员工培训手册", M2), ("status", "未开始", "进行中", M3),
                              ("progress", "0", "40", M3), ("behind", None, "否", M3)],
    "智能仓储升级-2025-007": [("created", None, "与中标供应商签订扫码枪采购合同", M3)],
    "智能仓储升级-2025-008": [("created", None, "协调服务器提前到货，反馈结果", M3)],
}


@pytest.fixture(scope="module")
def extractions():
    return [process(NOTES / name) for name in FILES]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def filed(request, tmp_path_factory, extractions):
    """Filed once per database; every test here only reads (filing again changes nothing)."""
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_session_url")
        reset_pg(url, drop=False)
    else:
        url = str(tmp_path_factory.mktemp("scenario") / "ledger.db")
    ledger = open_ledger(url)
    results = [ledger.file(m, actor="记录人 唐悦") for m in extractions]
    yield ledger, results
    ledger.close()


def test_ledger_scenario_each_meeting_does_what_its_notes_say(filed):
    _, (kickoff, first_review, second_review) = filed
    assert (len(kickoff.created), kickoff.updated, kickoff.pending) == (4, {}, [])
    assert (len(first_review.created), sorted(first_review.updated), first_review.pending) == (
        2, [f"智能仓储升级-2025-00{n}" for n in (1, 2, 3, 4)], [])
    assert (len(second_review.created), sorted(second_review.updated), second_review.pending) == (
        2, [f"智能仓储升级-2025-00{n}" for n in (2, 3, 4, 5, 6)], [])


def test_ledger_scenario_the_ledger_after_three_weeks(filed):
    ledger, _ = filed
    rows = [(t.id, t.task, t.owner, t.department, t.deadline, t.status, t.progress, t.late(REVIEW_DAY))
            for t in ledger.tasks()]
    assert rows == LEDGER


@pytest.mark.parametrize("task_id", sorted(HISTORY))
def test_ledger_scenario_history_of_each_task(filed, task_id):
    ledger, _ = filed
    assert [(c.field, c.old, c.new, c.meeting) for c in ledger.task(task_id).history] == HISTORY[task_id]


def test_ledger_scenario_completion_dates_and_risks(filed):
    ledger, _ = filed
    done = {t.id: t.completed_on for t in ledger.tasks(status="已完成")}
    assert done == {"智能仓储升级-2025-001": "2025-03-10", "智能仓储升级-2025-002": "2025-03-17",
                    "智能仓储升级-2025-005": "2025-03-17"}
    assert {t.id: t.risk for t in ledger.tasks() if t.risk} == {
        "智能仓储升级-2025-003": "盘点数据晚到两天", "智能仓储升级-2025-004": "服务器3月20日才到货"}


def test_ledger_scenario_escalation_the_day_after_the_review(filed):
    ledger, _ = filed
    as_of = date(2025, 3, 18)
    assert [(t.department, t.owner, t.id, t.days_overdue(as_of)) for t in ledger.overdue(as_of)] == [
        ("仓储部", "祁磊", "智能仓储升级-2025-003", 1), ("信息部", "邵婷", "智能仓储升级-2025-004", 4)]


def test_ledger_scenario_filing_all_three_again_changes_nothing(filed, extractions):
    ledger, _ = filed
    before = ([t.to_dict(REVIEW_DAY) for t in ledger.tasks()], len(ledger.history()))
    again = [ledger.file(process(NOTES / name), actor="另一位同事") for name in FILES]
    assert all(r.already_filed and not r.created and not r.updated for r in again)
    assert ([t.to_dict(REVIEW_DAY) for t in ledger.tasks()], len(ledger.history())) == before
