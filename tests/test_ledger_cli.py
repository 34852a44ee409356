"""`minutes track …` as a person uses it: readable tables, JSON for scripts, clear errors, and
two `track add` runs at once losing nothing."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import datetime

import docx
import openpyxl
import pytest
from ledgerdb import NOTES, ledger_url, pg_session_url, pg_url  # noqa: F401  (fixtures)

from minutes.cli import main
from minutes.ledger.store import open_ledger

FILES = [str(NOTES / n) for n in ("01-启动会.md", "02-第一次周会.txt", "03-第二次周会.md")]


def track(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["track", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(tmp_path, capsys):
    """A SQLite ledger with the three scenario meetings filed through the command line."""
    path = str(tmp_path / "minutes.db")
    code, _, _ = track(capsys, "add", "--db", path, *FILES)
    assert code == 0
    return path


def test_ledger_cli_add_prints_what_each_meeting_did(tmp_path, capsys):
    path = str(tmp_path / "minutes.db")
    code, out, _ = track(capsys, "add", "--db", path, "--by", "唐悦", FILES[0], FILES[1])
    assert code == 0
    assert "新任务 4 项：智能仓储升级-2025-001、智能仓储升级-2025-002、智能仓储升级-2025-003、智能仓储升级-2025-004" in out
    assert "智能仓储升级-2025-003  状态 未开始 → 延期；计划完成 2025-03-10 → 2025-03-17；风险 — → 需等3月14日盘点结果" in out
    code, out, _ = track(capsys, "add", "--db", path, FILES[1])
    assert code == 0 and "已登记过，台账未改动。" in out
    assert open_ledger(path).task("智能仓储升级-2025-001").history[0].actor == "命令行：唐悦"


def test_ledger_cli_notes_and_their_extraction_json_are_one_meeting(tmp_path, capsys):
    """A reviewed extraction (minutes extract --format json, corrected by hand) carries its progress
    reports; filing it after the notes it came from changes nothing."""
    path, extracted = str(tmp_path / "minutes.db"), tmp_path / "周会.json"
    assert main(["extract", "--format", "json", FILES[1]]) == 0
    extracted.write_text(capsys.readouterr().out, encoding="utf-8")
    assert [r["task"] for r in json.loads(extracted.read_text(encoding="utf-8"))["progress"]] == [
        "WMS接口需求文档", "扫码枪供应商比价", "华东仓库位编码规则", "WMS测试环境搭建"]
    track(capsys, "add", "--db", path, FILES[0], str(extracted))
    code, out, _ = track(capsys, "add", "--db", path, FILES[1])
    assert code == 0 and "已登记过，台账未改动。" in out
    assert open_ledger(path).task("智能仓储升级-2025-003").deadline == "2025-03-17"


def test_ledger_cli_add_goes_on_past_a_bad_file(tmp_path, capsys):
    path, bad = str(tmp_path / "minutes.db"), tmp_path / "坏文件.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    code, out, err = track(capsys, "add", "--db", path, str(bad), FILES[0])
    assert code == 2 and "坏文件.docx" in err and "Traceback" not in err
    assert "新任务 4 项" in out


def test_ledger_cli_list_filters_and_marks_overdue(db, capsys):
    code, out, _ = track(capsys, "list", "--db", db, "--as-of", "2025-03-18")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["任务ID", "任务", "负责人", "部门", "计划完成", "状态", "进度", "是否滞后"]
    row = next(line for line in lines if line.startswith("智能仓储升级-2025-004"))
    assert row.split()[1:] == ["搭建WMS测试环境", "邵婷", "信息部", "2025-03-14", "进行中", "70%", "是（逾期4天）"]
    assert "共 8 项，滞后 2 项（截至 2025-03-18）。" in out
    _, out, _ = track(capsys, "list", "--db", db, "--owner", "温倩")
    assert [line.split()[0] for line in out.splitlines()[2:] if line.startswith("智能")] == [
        "智能仓储升级-2025-002", "智能仓储升级-2025-007"]
    _, out, _ = track(capsys, "list", "--db", db, "--dept", "信息部", "--status", "进行中", "--format", "json")
    assert [t["id"] for t in json.loads(out)["tasks"]] == ["智能仓储升级-2025-004"]
    _, out, _ = track(capsys, "list", "--db", db, "--overdue", "--as-of", "2025-03-18", "--format", "json")
    assert [(t["id"], t["days_overdue"]) for t in json.loads(out)["tasks"]] == [
        ("智能仓储升级-2025-003", 1), ("智能仓储升级-2025-004", 4)]


def test_ledger_cli_overdue_groups_by_department_and_owner(db, capsys):
    code, out, _ = track(capsys, "overdue", "--db", db, "--as-of", "2025-03-18")
    assert code == 0 and out.startswith("截至 2025-03-18，逾期未完成 2 项")
    assert out.index("仓储部（1 项）") < out.index("祁磊（1 项）") < out.index("信息部（1 项）") < out.index("邵婷（1 项）")
    _, out, _ = track(capsys, "overdue", "--db", db, "--as-of", "2025-03-25", "--format", "json")
    data = json.loads(out)
    assert data["count"] == 5
    assert [(g["department"], [o["owner"] for o in g["owners"]]) for g in data["groups"]] == [
        ("仓储部", ["祁磊"]), ("信息部", ["邵婷"]), ("（未填部门）", ["唐悦", "温倩", "邵婷"])]


def test_ledger_cli_show_and_set(db, capsys):
    code, out, _ = track(capsys, "set", "--db", db, "智能仓储升级-2025-003", "--status", "已完成", "--by", "祁磊")
    assert code == 0 and out.strip() == "智能仓储升级-2025-003 已更新：状态 延期 → 已完成；进度 90 → 100；是否滞后 是 → 否"
    _, out, _ = track(capsys, "show", "--db", db, "智能仓储升级-2025-003")
    assert "状态：已完成" in out and "来源会议：智能仓储升级项目周例会（第1次）（2025-03-03）" in out
    assert "命令行：祁磊" in out and "延期 → 已完成" in out
    _, out, _ = track(capsys, "show", "--db", db, "智能仓储升级-2025-003", "--format", "json")
    assert [h["label"] for h in json.loads(out)["history"]][-3:] == ["状态", "进度", "是否滞后"]


@pytest.mark.parametrize("args, message", [
    (["set", "智能仓储升级-2025-003", "--status", "完结"], "状态 '完结' 无效；应为 未开始、进行中、已完成、延期、待验收 之一"),
    (["set", "智能仓储升级-2025-003"], "没有要改的内容"),
    (["show", "智能仓储升级-2025-099"], "台账中没有任务 '智能仓储升级-2025-099'"),
    (["set", "智能仓储升级-2025-001", "--confirm", "7"], "没有待确认的汇报 #7"),
    (["export", "台账.pdf"], "不能导出为 '.pdf'"),
])
def test_ledger_cli_errors_are_chinese_and_name_the_problem(db, capsys, args, message):
    code, _, err = track(capsys, args[0], "--db", db, *args[1:])
    assert code == 2 and message in err and "Traceback" not in err


def test_ledger_cli_pending_and_confirm(tmp_path, capsys):
    notes = tmp_path / "周会.txt"
    notes.write_text("门店周会\n会议时间：2025年6月2日\n参会人员：白露、陆远\n二、待办事项\n"
                     "1. 白露负责起草门店巡检制度，6月6日前完成。\n2. 白露负责培训门店巡检制度，6月13日前完成。\n", encoding="utf-8")
    review = tmp_path / "复盘.txt"
    review.write_text("门店周会\n会议时间：2025年6月9日\n一、上周任务进展\n1. 门店巡检制度（负责人：白露）—— 已完成。\n",
                      encoding="utf-8")
    path = str(tmp_path / "minutes.db")
    _, out, _ = track(capsys, "add", "--db", path, str(notes), str(review))
    assert "待确认 1 项" in out and "#1 门店巡检制度（白露）" in out and "有多个可能的任务" in out
    _, out, _ = track(capsys, "pending", "--db", path)
    assert out.startswith("#1 门店巡检制度（白露）") and "门店-2025-001（相似度 " in out
    code, out, _ = track(capsys, "set", "--db", path, "门店-2025-001", "--confirm", "1")
    assert code == 0 and "状态 未开始 → 已完成" in out
    _, out, _ = track(capsys, "pending", "--db", path, "--format", "json")
    assert json.loads(out) == []


def test_ledger_cli_export_files_read_back(db, tmp_path, capsys):
    outputs = {suffix: tmp_path / f"台账{suffix}" for suffix in (".xlsx", ".docx", ".ics", ".csv")}
    for path in outputs.values():
        assert track(capsys, "export", "--db", db, "--as-of", "2025-03-18", str(path))[0] == 0

    book = openpyxl.load_workbook(outputs[".xlsx"])
    assert book.sheetnames == ["任务跟踪", "会议信息", "变更记录", "会议"]
    rows = list(book["任务跟踪"].iter_rows(values_only=True))
    header = rows[0]
    row = dict(zip(header, next(r for r in rows if r[0] == "智能仓储升级-2025-003")))
    assert (row["任务"], row["负责人"], row["状态"], row["进度%"], row["计划完成日期"]) == (
        "整理华东仓库位编码规则", "祁磊", "延期", 0.9, datetime(2025, 3, 17))
    assert row["风险/备注"] == "盘点数据晚到两天"          # overdue: Excel's 是否滞后 formula says so
    behind = next(r for r in rows if r[0] == "智能仓储升级-2025-003")
    assert behind[header.index("是否滞后")].startswith("=IF(")
    history = list(book["变更记录"].iter_rows(values_only=True))
    assert len(history) == 1 + len(open_ledger(db).history())
    assert ("智能仓储升级-2025-003", "计划完成", "2025-03-10", "2025-03-17") in [r[1:5] for r in history]
    assert [r[0] for r in book["会议"].iter_rows(min_row=2, values_only=True)] == [
        "智能仓储升级项目周例会（第1次）", "智能仓储升级项目周例会（第2次）", "智能仓储升级项目周例会（第3次）"]

    table = docx.Document(str(outputs[".docx"])).tables[0]
    cells = [[c.text for c in r.cells] for r in table.rows]
    assert any("智能仓储升级-2025-004" in r and "70%" in r for r in cells)

    ics = outputs[".ics"].read_bytes().decode("utf-8")
    assert ics.count("BEGIN:VTODO") == 8 and "PERCENT-COMPLETE:70" in ics and "STATUS:COMPLETED" in ics

    data = outputs[".csv"].read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    records = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["任务ID"] for r in records] == [f"智能仓储升级-2025-00{n}" for n in range(1, 9)]
    assert {k: records[3][k] for k in ("负责人", "计划完成日期", "状态", "进度", "是否滞后")} == {
        "负责人": "邵婷", "计划完成日期": "2025-03-14", "状态": "进行中", "进度": "70%", "是否滞后": "是"}


@pytest.mark.parametrize("args, message", [
    (["set"], "minutes track set: 错误：缺少参数：ID"),
    (["list", "--format", "xml"], "参数 --format 的值 'xml' 无效，可选：'table', 'json'"),
    (["overdue", "--as-of", "3月18日"], "参数 --as-of：“3月18日”不是日期，应写成 YYYY-MM-DD"),
])
def test_ledger_cli_usage_errors_are_chinese(capsys, args, message):
    with pytest.raises(SystemExit) as stop:
        main(["track", *args])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and message in err and err.startswith("用法：minutes track")


def test_ledger_cli_looking_at_a_ledger_that_is_not_there(tmp_path, capsys):
    missing = str(tmp_path / "台账.db")
    code, _, err = track(capsys, "list", "--db", missing)
    assert code == 2 and "不存在；先用 minutes track add 登记会议" in err
    assert not (tmp_path / "台账.db").exists()


def test_ledger_cli_damaged_database_needs_no_traceback(tmp_path):
    bad = tmp_path / "minutes.db"
    bad.write_bytes(b"\x00garbage" * 512)
    done = subprocess.run([sys.executable, "-m", "minutes", "track", "list", "--db", str(bad)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2
    assert "已损坏或不是 SQLite 数据库文件" in done.stderr and "Traceback" not in done.stderr


def test_ledger_cli_two_track_add_runs_at_once_lose_nothing(ledger_url, tmp_path):
    """Two processes file different meetings into one ledger at the same moment."""
    open_ledger(ledger_url).close()
    env = {**os.environ, "MINUTES_DB": ledger_url}
    runs = [subprocess.Popen([sys.executable, "-m", "minutes", "track", "add", "--format", "json", *files],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
            for files in ([FILES[0], FILES[2]], [FILES[1]])]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [o[1].decode() for o in outputs]
    created = sorted(i for out, _ in outputs for filing in json.loads(out) for i in filing["created"])
    ledger = open_ledger(ledger_url)
    assert sorted(t.id for t in ledger.tasks()) == created == [f"智能仓储升级-2025-00{n}" for n in range(1, 9)]
    assert len(ledger.meetings()) == 3
    ledger.close()
