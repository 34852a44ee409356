"""The command line (minutes/cli.py): `minutes extract`, help, version, errors at the edge.

Most tests call `minutes.cli.main([...])` in-process and read stdout/stderr with
capsys; one runs `python -m minutes` and one the installed `minutes` console script,
to prove the entry points the contract names really work.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

import minutes
from minutes.cli import build_parser, main

NOTES = """市场推广方案评审会
会议时间：2024年6月3日 14:30
会议地点：5楼第二会议室
主持人：陈晓
记录人：周敏
参会人员：市场部 陈晓、周敏，研发部 高磊

一、议题：暑期促销方案
结论：同意采用线上直播方案。
依据：去年直播转化率比线下高30%。

二、待办事项
1. 高磊负责搭建直播后台，6月10日前完成，紧急。
2. 周敏整理预算明细，尽快提交，市场部配合。
"""

SHORT_MD = """# 客服排班调整会
会议时间：2024年5月20日

## 待办
- [ ] 刘洋负责更新排班表，5月24日前完成
"""

MEETING_KEYS = {"title", "date", "start_time", "location", "host", "recorder", "attendees", "departments"}
DECISION_KEYS = {"text", "topic", "rationale"}
ACTION_KEYS = {"task", "owner", "owner_department", "collaborators", "deadline", "deadline_text", "priority", "line"}
LINT_KEYS = {"rule", "text", "line", "column", "severity", "message", "suggestion"}


def _docx(text: str) -> bytes:
    import io
    word = docx.Document()
    for line in text.strip().split("\n"):
        word.add_paragraph(line)
    buf = io.BytesIO()
    word.save(buf)
    return buf.getvalue()


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A folder of notes, made the working directory so sources can be given as relative paths."""
    (tmp_path / "评审会.txt").write_text(NOTES, encoding="utf-8")
    (tmp_path / "排班.md").write_text(SHORT_MD, encoding="utf-8")
    (tmp_path / "周会.docx").write_bytes(_docx("产品周会\n会议时间：2024年6月12日\n张伟负责整理需求文档，6月14日前完成"))
    (tmp_path / "gbk.txt").write_bytes(NOTES.encode("gb18030"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def jsonl(out: str) -> list[dict]:
    lines = out.strip("\n").split("\n")
    return [json.loads(line) for line in lines]


# --------------------------------------------------------------------------- #
# extract --format jsonl
# --------------------------------------------------------------------------- #
def test_cli_extract_jsonl_one_object_per_file_in_order(workdir, capsys):
    files = ["排班.md", "评审会.txt", "周会.docx", "gbk.txt"]
    status, out, err = run(capsys, "extract", "--format", "jsonl", *files)
    assert status == 0, err
    objects = jsonl(out)
    assert [o["source"] for o in objects] == files
    assert all("error" not in o for o in objects)
    assert objects[0]["action_items"][0]["owner"] == "刘洋"
    assert objects[1]["meeting"]["date"] == "2024-06-03"
    assert objects[2]["action_items"][0]["deadline"] == "2024-06-14"
    assert objects[3]["meeting"] == objects[1]["meeting"]      # GB18030 reads like UTF-8
    assert objects[3]["action_items"] == objects[1]["action_items"]
    assert err == ""


BAD_FILES = [
    # name, bytes (None: do not create), code
    ("扫描件.pdf", b"%PDF-1.7\n%%EOF\n", "unsupported"),
    ("损坏.docx", b"PK\x03\x04" + bytes(range(256)) * 2, "corrupt"),
    ("旧格式.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "corrupt"),
    ("空白.txt", b"", "empty"),
    ("乱码.txt", b"\x80\x80\x80abc\xff\xfe\xfd", "encoding"),
    ("不存在.txt", None, "unsupported"),
]


@pytest.mark.parametrize(("bad", "data", "code"), BAD_FILES, ids=[b[2] + "-" + b[0] for b in BAD_FILES])
def test_cli_extract_jsonl_bad_file_in_middle(workdir, capsys, bad, data, code):
    if data is not None:
        (workdir / bad).write_bytes(data)
    status, out, err = run(capsys, "extract", "--format", "jsonl", "评审会.txt", bad, "排班.md")
    assert status != 0
    first, middle, last = jsonl(out)
    assert [first["source"], middle["source"], last["source"]] == ["评审会.txt", bad, "排班.md"]
    assert set(middle) == {"source", "error"}
    assert set(middle["error"]) == {"code", "message"}
    assert middle["error"]["code"] == code
    assert middle["error"]["message"]
    assert first["action_items"] and last["action_items"]           # the others were still processed
    assert bad in err
    assert "Traceback" not in err + out


def test_cli_extract_only_bad_files_still_prints_every_line(workdir, capsys):
    (workdir / "a.pdf").write_bytes(b"%PDF-1.4")
    status, out, err = run(capsys, "extract", "--format", "jsonl", "a.pdf", "missing.docx")
    assert status == 2
    assert [(o["source"], o["error"]["code"]) for o in jsonl(out)] == [("a.pdf", "unsupported"),
                                                                    ("missing.docx", "unsupported")]
    assert "a.pdf" in err and "missing.docx" in err


# --------------------------------------------------------------------------- #
# --format json / md
# --------------------------------------------------------------------------- #
def test_cli_extract_json_one_file_is_one_object(workdir, capsys):
    status, out, _ = run(capsys, "extract", "--format", "json", "评审会.txt")
    assert status == 0
    obj = json.loads(out)
    assert isinstance(obj, dict)
    assert obj["source"] == "评审会.txt"
    assert obj["meeting"]["title"] == "市场推广方案评审会"


def test_cli_extract_json_is_the_default_format(workdir, capsys):
    assert json.loads(run(capsys, "extract", "排班.md")[1])["source"] == "排班.md"


def test_cli_extract_json_several_files_is_a_list(workdir, capsys):
    (workdir / "a.pdf").write_bytes(b"%PDF-1.4")
    status, out, _ = run(capsys, "extract", "--format", "json", "评审会.txt", "a.pdf", "排班.md")
    assert status == 2
    objs = json.loads(out)
    assert isinstance(objs, list)
    assert [o["source"] for o in objs] == ["评审会.txt", "a.pdf", "排班.md"]
    assert objs[1]["error"]["code"] == "unsupported"



def test_cli_extract_md_prints_readable_markdown(workdir, capsys):
    status, out, err = run(capsys, "extract", "--format", "md", "评审会.txt")
    assert status == 0, err
    assert out.lstrip().startswith("#")
    assert "{" not in out                      # not JSON
    for words in ("市场推广方案评审会", "线上直播方案", "搭建直播后台", "高磊", "周敏"):
        assert words in out


def test_cli_extract_md_bad_file_is_noted_not_fatal(workdir, capsys):
    (workdir / "a.pdf").write_bytes(b"%PDF-1.4")
    status, out, err = run(capsys, "extract", "--format", "md", "评审会.txt", "a.pdf")
    assert status == 2
    assert "搭建直播后台" in out and "a.pdf" in out
    assert "a.pdf" in err


# --------------------------------------------------------------------------- #
# --ref-date
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("notes", "argv", "meeting_date", "deadline"), [
    ("周五前提交报告，张三负责\n", ["--ref-date", "2024-07-10"], None, "2024-07-12"),
    ("下周三前提交报告，张三负责\n", ["--ref-date", "2024-07-10"], None, "2024-07-17"),
    ("会议时间：2024年6月3日\n周五前提交报告，张三负责\n", ["--ref-date", "2024-07-10"], "2024-06-03", "2024-06-07"),
    ("会议时间：2024年6月3日\n周五前提交报告，张三负责\n", [], "2024-06-03", "2024-06-07"),
], ids=["ref-date-used", "ref-date-next-week", "meeting-date-wins", "meeting-date-alone"])
def test_cli_extract_ref_date(workdir, capsys, notes, argv, meeting_date, deadline):
    (workdir / "n.txt").write_text(notes, encoding="utf-8")
    status, out, err = run(capsys, "extract", "--format", "jsonl", *argv, "n.txt")
    assert status == 0, err
    (obj,) = jsonl(out)
    assert obj["meeting"]["date"] == meeting_date
    (item,) = obj["action_items"]
    assert (item["owner"], item["deadline"]) == ("张三", deadline)


@pytest.mark.parametrize(("holidays", "deadline"), [(None, "2024-07-15"), ("holidays: [2024-07-11]\n", "2024-07-16")],
                         ids=["default-calendar", "extra-day-off"])
def test_cli_extract_holidays_file_moves_working_day_deadline(workdir, capsys, holidays, deadline):
    (workdir / "n.txt").write_text("周会\n张伟负责整理需求文档，3个工作日内完成\n", encoding="utf-8")
    argv = ["--ref-date", "2024-07-10", "n.txt"]          # a Wednesday
    if holidays:
        (workdir / "days.yaml").write_text(holidays, encoding="utf-8")
        argv = ["--holidays", "days.yaml", *argv]
    status, out, err = run(capsys, "extract", "--format", "jsonl", *argv)
    assert status == 0, err
    assert jsonl(out)[0]["action_items"][0]["deadline"] == deadline


def test_cli_extract_missing_holidays_file_names_it(workdir, capsys):
    status, out, err = run(capsys, "extract", "--holidays", "假期.yaml", "评审会.txt")
    assert status == 2
    assert "假期.yaml" in err and "Traceback" not in err


@pytest.mark.parametrize("value", ["2024-13-01", "2024/07/10", "next-friday", "20240710x"])
def test_cli_bad_ref_date_is_a_usage_error(workdir, capsys, value):
    with pytest.raises(SystemExit) as info:
        main(["extract", "--ref-date", value, "评审会.txt"])
    assert info.value.code == 2
    out, err = capsys.readouterr()
    assert value in err
    assert "YYYY-MM-DD" in err
    assert out == "" and "Traceback" not in err


# --------------------------------------------------------------------------- #
# --help, --version
# --------------------------------------------------------------------------- #
def _subparsers() -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def _option_cases():
    cases = []
    for command, parser in _subparsers().items():
        for action in parser._actions:
            if not action.option_strings or isinstance(action, argparse._HelpAction):
                continue
            cases.append(pytest.param(command, action, id=f"{command}{action.option_strings[0]}"))
    return cases


@pytest.mark.parametrize(("command", "action"), _option_cases())
def test_cli_help_explains_every_option(capsys, command, action):
    assert action.help and action.help != argparse.SUPPRESS, f"{command} {action.option_strings[0]} has no help"
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert action.option_strings[0] in out
    first_word = re.findall(r"[A-Za-z]{3,}|[\u4e00-\u9fff]{2,}", action.help)[0]
    assert first_word in " ".join(out.split())


@pytest.mark.parametrize(("command", "words"), [
    ("extract", ["--format", "jsonl", "--ref-date", "YYYY-MM-DD", "会议日期", "--no-lint", "--holidays", "FILE"]),
    ("lint", ["--format", "sarif", "--fail-on", "--fix", "--config", "--ref-date"]),
    ("render", ["--minutes", "--tracker", "--markdown", "--ics", "--json", "--template", "--style", "formal"]),
    ("serve", ["--host", "--port", "--workers"]),
    ("bench", ["--repeat", "PATH", "--cold-runs", "--stages"]),
])
def test_cli_subcommand_help_names_its_options(capsys, command, words):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = " ".join(capsys.readouterr().out.split())        # argparse wraps lines
    for word in words:
        assert word in out


def test_cli_top_level_help_lists_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("extract", "lint", "render", "serve", "bench"):
        assert command in out


def test_cli_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"minutes {minutes.__version__}"


@pytest.mark.parametrize("argv", [[], ["extract"], ["extract", "--format", "xml", "a.txt"], ["nosuch"]],
                         ids=["no-command", "no-files", "bad-format", "bad-command"])
def test_cli_usage_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "用法：" in err and "错误：" in err and "Traceback" not in err


# --------------------------------------------------------------------------- #
# the contract's keys
# --------------------------------------------------------------------------- #
def test_cli_extract_objects_have_every_contract_key(workdir, capsys):
    status, out, err = run(capsys, "extract", "--format", "jsonl", "评审会.txt")
    assert status == 0, err
    (obj,) = jsonl(out)
    assert obj["source"] == "评审会.txt"
    assert MEETING_KEYS <= set(obj["meeting"])
    assert isinstance(obj["meeting"]["attendees"], list) and isinstance(obj["meeting"]["departments"], list)
    assert obj["decisions"] and obj["action_items"] and obj["lint"]   # each list is really checked
    for decision in obj["decisions"]:
        assert DECISION_KEYS <= set(decision)
        assert isinstance(decision["rationale"], list)
    for item in obj["action_items"]:
        assert ACTION_KEYS <= set(item)
        assert item["priority"] in ("high", "medium", "low")
        assert isinstance(item["collaborators"], list)
        assert isinstance(item["line"], int)
        assert item["deadline"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d)?", item["deadline"])
    for finding in obj["lint"]:
        assert LINT_KEYS <= set(finding)
        assert finding["severity"] in ("error", "warning", "info")


def test_cli_extract_values_of_a_realistic_note(workdir, capsys):
    (obj,) = jsonl(run(capsys, "extract", "--format", "jsonl", "评审会.txt")[1])
    meeting = obj["meeting"]
    assert {k: meeting[k] for k in MEETING_KEYS} == {
        "title": "市场推广方案评审会", "date": "2024-06-03", "start_time": "14:30", "location": "5楼第二会议室",
        "host": "陈晓", "recorder": "周敏", "attendees": ["陈晓", "周敏", "高磊"], "departments": ["市场部", "研发部"]}
    (decision,) = obj["decisions"]
    assert "线上直播方案" in decision["text"]
    assert decision["rationale"] == ["去年直播转化率比线下高30%"]
    first, second = obj["action_items"]
    assert (first["owner"], first["owner_department"], first["deadline"], first["priority"], first["line"]) == (
        "高磊", "研发部", "2024-06-10", "high", 13)
    assert (second["owner"], second["deadline"], second["line"]) == ("周敏", None, 14)
    vague = [f for f in obj["lint"] if f["rule"] == "vague-time"]
    assert [(f["text"], f["line"], f["column"]) for f in vague] == [("尽快", 14, NOTES.split("\n")[13].index("尽快") + 1)]


def test_cli_extract_no_lint_leaves_lint_empty(workdir, capsys):
    (obj,) = jsonl(run(capsys, "extract", "--format", "jsonl", "--no-lint", "评审会.txt")[1])
    assert obj["lint"] == []
    assert obj["action_items"]


def test_cli_extract_docx_items_have_no_line(workdir, capsys):
    (obj,) = jsonl(run(capsys, "extract", "--format", "jsonl", "周会.docx")[1])
    (item,) = obj["action_items"]
    assert (item["owner"], item["line"]) == ("张伟", None)


# --------------------------------------------------------------------------- #
# real processes
# --------------------------------------------------------------------------- #
def _check_real_run(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stdout.strip("\n").split("\n")
    objects = [json.loads(line) for line in lines]
    assert [o["source"] for o in objects] == ["评审会.txt", "扫描件.pdf", "排班.md"]
    assert objects[0]["meeting"]["host"] == "陈晓"
    assert objects[1]["error"]["code"] == "unsupported"
    assert objects[2]["action_items"][0]["deadline"] == "2024-05-24"
    assert "扫描件.pdf" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_python_dash_m_minutes_extract_jsonl(workdir):
    (workdir / "扫描件.pdf").write_bytes(b"%PDF-1.7")
    result = subprocess.run([sys.executable, "-m", "minutes", "extract", "--format", "jsonl",
                             "评审会.txt", "扫描件.pdf", "排班.md"],
                            cwd=workdir, capture_output=True, text=True, encoding="utf-8", timeout=120)
    _check_real_run(result)


def test_cli_console_script_extract_jsonl(workdir):
    script = Path(sys.executable).with_name("minutes")
    if not script.exists():
        script = shutil.which("minutes")
    assert script, "the 'minutes' console script is not installed"
    (workdir / "扫描件.pdf").write_bytes(b"%PDF-1.7")
    result = subprocess.run([str(script), "extract", "--format", "jsonl", "--ref-date", "2024-05-01",
                             "评审会.txt", "扫描件.pdf", "排班.md"],
                            cwd=workdir, capture_output=True, text=True, encoding="utf-8", timeout=120)
    _check_real_run(result)
