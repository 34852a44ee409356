"""Progress reports on earlier tasks are read from status sections and tracking tables, and only there."""
from __future__ import annotations

from datetime import date

import pytest
from wordfiles import word_file

from minutes.ledger.ids import project_code
from minutes.ledger.match import choose, similarity
from minutes.ledger.progress import plan_date
from minutes.pipeline import process

HEAD = "项目周会\n会议时间：2025年6月9日\n"


def reports(body: str, name: str = "notes.txt"):
    return process(name, (HEAD + body).encode("utf-8")).progress


def fields(report) -> dict:
    return {k: v for k, v in report.to_dict().items() if k not in ("text", "evidence") and v is not None}


@pytest.mark.parametrize("line, expected", [
    ("1. 供应商资质审核（负责人：陆远）—— 已完成，6月6日已归档。",
     {"task": "供应商资质审核", "owner": "陆远", "status": "已完成", "progress": 100}),
    ("2. 门店巡检表改版（负责人：白露）—— 进行中 80%，剩余两家门店试用。",
     {"task": "门店巡检表改版", "owner": "白露", "status": "进行中", "progress": 80}),
    ("3. 季度盘点方案（蔡宁）延期至6月20日，原因：财务口径未定。",
     {"task": "季度盘点方案", "owner": "蔡宁", "status": "延期", "deadline": "2025-06-20", "risk": "财务口径未定"}),
    ("4. 客服话术更新（@邱楠）—— 完成时间调整为6月13日，进度 50%",
     {"task": "客服话术更新", "owner": "邱楠", "progress": 50, "deadline": "2025-06-13"}),
    ("5. 数据看板上线（负责人：严格，原定6月5日）—— 已完成，日活覆盖率 86%",
     {"task": "数据看板上线", "owner": "严格", "status": "已完成", "progress": 100}),
    ("6. 采购合同续签（负责人：陆远）—— 暂停，等待法务意见",
     {"task": "采购合同续签", "owner": "陆远", "status": "延期"}),
    ("7. 展会物料準備（負責人：白露）—— 進行中 30%",
     {"task": "展会物料準備", "owner": "白露", "status": "进行中", "progress": 30}),
    ("8. 仓储迁移-2025-007 机房搬迁方案：待验收",
     {"task": "机房搬迁方案", "task_id": "仓储迁移-2025-007", "status": "待验收"}),
    ("9. 季度经营分析报告：已于6月6日完成并发送各部门。",
     {"task": "季度经营分析报告", "status": "已完成", "progress": 100}),
    ("10. Kevin: 退款接口重构完成，PR 已提交。blocker：测试环境数据库无法连接",
     {"task": "退款接口重构", "owner": "Kevin", "status": "已完成", "progress": 100, "risk": "测试环境数据库无法连接"}),
])
def test_ledger_progress_status_lines(line, expected):
    found = reports("一、上周任务进展\n" + line + "\n二、待办事项\n1. 陆远负责整理新供应商名录，6月16日前完成。\n")
    assert [fields(r) for r in found] == [expected]


def test_ledger_progress_checkbox_in_a_review_section_is_done():
    """A percentage glued to the task's words is the task's target, not its progress."""
    found = reports("## 上周待办回顾\n- [x] 退货流程图更新（@邱楠）\n- [ ] 夜班排班表（@蔡宁）—— 进行中\n"
                    "- [x] 蔡宁：门店盘点准确率提升到98%\n", "notes.md")
    assert [(r.task, r.owner, r.status, r.progress) for r in found] == [
        ("退货流程图更新", "邱楠", "已完成", 100), ("夜班排班表", "蔡宁", "进行中", None),
        ("门店盘点准确率提升到98%", "蔡宁", "已完成", 100)]


def test_ledger_progress_lines_outside_a_review_are_not_reports():
    """Discussion that mentions 完成 or a percentage is not a report on a task."""
    found = reports("一、讨论\n1. 本月回款完成率 92%，已完成年度目标的一半。\n二、待办事项\n1. 白露负责复核回款明细，6月12日前完成。\n")
    assert found == []


def test_ledger_progress_tracking_table_rows():
    table = ("## 协作进度跟踪表\n\n| 任务名称 | 责任部门 | 责任人 | 计划完成时间 | 实际进度 | 是否滞后 | 风险描述 | 更新时间 |\n"
             "|---|---|---|---|---|---|---|---|\n"
             "| 门店巡检表改版 | 运营部 | 白露 | 6月6日 | 90% | 是 | 两家门店未反馈 | 6月9日 |\n"
             "| 供应商资质审核 | 采购部 | 陆远 | 6月13日 | 已完成 | 否 | 无 | 6月9日 |\n")
    found = reports(table, "notes.md")
    assert [fields(r) for r in found] == [
        {"task": "门店巡检表改版", "owner": "白露", "progress": 90, "deadline": "2025-06-06",
         "behind": True, "risk": "两家门店未反馈"},
        {"task": "供应商资质审核", "owner": "陆远", "status": "已完成", "progress": 100, "deadline": "2025-06-13",
         "behind": False},
    ]


def test_ledger_progress_follow_up_table_in_a_word_file():
    """上次会议跟进事项 as a Word table with 当前状态; the evidence points at the table cell."""
    data = word_file(["项目周会", "会议时间：2025年6月9日"],
                     [["事项", "负责人", "当前状态"], ["供应商资质审核", "陆远", "已完成"], ["客服话术更新", "邱楠", "进行中 40%"]],
                     heading="上次会议跟进事项")
    found = process("周会.docx", data).progress
    assert [(r.task, r.owner, r.status, r.progress) for r in found] == [
        ("供应商资质审核", "陆远", "已完成", 100), ("客服话术更新", "邱楠", "进行中", 40)]
    assert found[0].evidence.location.table == 1 and found[0].evidence.location.row == 2


def test_ledger_progress_does_not_turn_reports_into_action_items():
    minutes = process("notes.txt", (HEAD + "一、上周任务进展\n1. 供应商资质审核（负责人：陆远）—— 已完成。\n"
                                    "二、待办事项\n1. 陆远负责整理新供应商名录，6月16日前完成。\n").encode("utf-8"))
    assert [a.task for a in minutes.action_items] == ["整理新供应商名录"]
    assert [r.task for r in minutes.progress] == ["供应商资质审核"]


@pytest.mark.parametrize("text, meeting, expected", [
    ("3月12日", date(2025, 3, 17), "2025-03-12"),       # a plan date already past is this year's
    ("3月20日", date(2025, 3, 17), "2025-03-20"),
    ("1月10日", date(2024, 12, 20), "2025-01-10"),      # across the new year, forward
    ("2024年3月12日", date(2025, 3, 17), "2024-03-12"),
    ("下周三", date(2025, 3, 17), "2025-03-26"),
    ("待定", date(2025, 3, 17), None),
])
def test_ledger_progress_plan_dates(text, meeting, expected):
    assert plan_date(text, meeting) == expected


# --------------------------------------------------------------------------- #
# Matching a report to a task
# --------------------------------------------------------------------------- #
TASKS = [("P-2025-001", "完成WMS接口需求文档"), ("P-2025-002", "组织WMS接口评审会"),
         ("P-2025-003", "搭建WMS测试环境"), ("P-2025-004", "整理华东仓库位编码规则")]


@pytest.mark.parametrize("report, report_id, kind, task_id", [
    ("WMS接口需求文档", None, "text", "P-2025-001"),           # contained: 0.9
    ("WMS测试环境搭建", None, "text", "P-2025-003"),           # same words, other order
    ("华东仓库位编码", None, "text", "P-2025-004"),
    ("WMS接口", None, "ambiguous", None),                      # two tasks contain it
    ("门店巡检表改版", None, "unmatched", None),
    ("接口文档", "P-2025-002", "id", "P-2025-002"),            # a known ID decides, whatever the words
])
def test_ledger_match_rule(report, report_id, kind, task_id):
    found = choose(report, report_id, {t for t, _ in TASKS}, TASKS)
    assert (found.kind, found.task_id) == (kind, task_id)


def test_ledger_match_ambiguous_lists_the_candidates():
    found = choose("WMS接口", None, set(), TASKS)
    assert [t for t, _ in found.candidates] == ["P-2025-001", "P-2025-002"]


@pytest.mark.parametrize("a, b, low, high", [
    ("扫码枪供应商比价", "完成扫码枪供应商比价", 0.9, 0.95),
    ("扫碼槍供應商比價", "完成扫码枪供应商比价", 0.9, 0.95),     # Traditional folded
    ("培训手册", "编写仓库员工培训手册", 0.9, 0.95),
    ("测试环境", "采购合同", 0.0, 0.01),
])
def test_ledger_match_similarity(a, b, low, high):
    assert low <= similarity(a, b) <= high


# --------------------------------------------------------------------------- #
# The project's short name
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("title, departments, given, expected", [
    ("智能仓储升级项目周例会（第3次）", [], None, "智能仓储升级"),
    ("智能仓储升级项目周例会（第12次）", [], None, "智能仓储升级"),
    ("市场部周例会纪要（第34周）", ["市场部"], None, "市场部"),
    ("2025年第二季度产品迭代评审会", [], None, "产品迭代"),
    ("CRM改版项目启动会", [], None, "CRM改版"),
    ("crm migration weekly", [], None, "CRMMIGRATIONWEEKLY"),
    ("周例会", ["财务部"], None, "财务部"),
    (None, [], None, "台账"),
    ("智能仓储升级项目周例会", [], "wms 一期", "WMS一期"),
])
def test_ledger_ids_project_code(title, departments, given, expected):
    assert project_code(title, departments, given) == expected
