"""What a person sees from the command line: `minutes lint` text, Chinese help and errors, the
warning when deadlines count from today."""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path

import pytest

from minutes.cli import build_parser, main

NOTES = """\
周例会纪要
会议时间：2024年6月12日（周三）14:00
参会人员：周强（产品部）、郑涛（研发部）、冯雪（市场部）

待办：
1. 郑涛尽快提交接口文档。
2. 相关部门配合一下做好上线准备，6月20日前完成。
3. 冯雪6月18日前完成宣传方案。
"""
UNDATED = "待办：\n1. 张伟下周三前提交方案。\n"


@pytest.fixture()
def draft(tmp_path) -> Path:
    path = tmp_path / "周例会.txt"
    path.write_text(NOTES, encoding="utf-8")
    return path


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def lint_text(argv: list[str], monkeypatch, stream=None) -> str:
    out = stream or StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    main(["lint", *argv])
    return out.getvalue()


# --------------------------------------------------------------------------- #
# minutes lint, text
# --------------------------------------------------------------------------- #
def test_cli_output_lint_says_each_phrase_once_with_every_reason(draft, monkeypatch):
    text = lint_text([str(draft)], monkeypatch)
    heads = [l for l in text.splitlines() if l.startswith(str(draft))]
    soon = [l for l in heads if "尽快" in l]
    assert len(soon) == 1
    assert "vague-time,missing-deadline" in soon[0]
    assert "“尽快”没有给出可执行的日期" in soon[0] and "没有可确定的截止日期" in soon[0]
    vague = [l for l in heads if "相关部门" in l]
    assert len(vague) == 1 and "vague-owner,missing-owner" in vague[0]


def test_cli_output_lint_json_keeps_every_finding(draft, capsys):
    main(["lint", "--format", "json", str(draft)])
    rules = [(f["rule"], f["line"]) for f in json.loads(capsys.readouterr().out)[0]["lint"]]
    assert ("vague-time", 6) in rules and ("missing-deadline", 6) in rules
    assert ("vague-owner", 7) in rules and ("missing-owner", 7) in rules


def test_cli_output_lint_shows_the_line_with_a_caret_under_the_words(draft, monkeypatch):
    lines = lint_text([str(draft)], monkeypatch).splitlines()
    at = next(i for i, l in enumerate(lines) if l.startswith(f"{draft}:6:"))
    assert lines[at + 1] == "     6 | 1. 郑涛尽快提交接口文档。"
    source, caret = lines[at + 1], lines[at + 2]
    assert caret.index("^") == len("     6 | 1. ") + 4 and caret.count("^") == 4      # 郑涛 is 4 columns wide
    assert lines[at + 3].strip() == "= 建议：写明具体日期和时间，如“6月19日（周三）17:00前”"
    assert source.startswith("     6 |")


def test_cli_output_lint_ends_with_a_summary_and_a_hint_at_fix(draft, monkeypatch):
    last = lint_text([str(draft)], monkeypatch).splitlines()[-1]
    assert re.match(r"共 \d+ 个问题：\d+ 个错误，\d+ 个警告", last)
    assert "--fix" in last
    assert "--fix" not in lint_text(["--fix", str(draft)], monkeypatch).splitlines()[-1]


def test_cli_output_lint_summary_of_a_clean_file(tmp_path, monkeypatch):
    clean = tmp_path / "clean.txt"
    clean.write_text("会议时间：2024年6月12日\n结论：采用甲方案。依据：成本低。\n待办：\n1. 郑涛6月20日前提交接口文档。\n",
                     encoding="utf-8")
    assert lint_text([str(clean)], monkeypatch).splitlines()[-1] == "没有发现问题"


@pytest.mark.parametrize("stream, no_color, coloured", [
    (StringIO, False, False), (Terminal, False, True), (Terminal, True, False)],
    ids=["pipe", "terminal", "terminal-NO_COLOR"])
def test_cli_output_lint_colour_only_on_a_terminal(draft, monkeypatch, stream, no_color, coloured):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    text = lint_text([str(draft)], monkeypatch, stream())
    assert ("\x1b[" in text) == coloured


def test_cli_output_lint_word_file_shows_the_paragraph(tmp_path, monkeypatch):
    from wordfiles import word_file
    path = tmp_path / "初稿.docx"
    path.write_bytes(word_file(["会议时间：2024年6月12日", "待办：", "郑涛尽快提交接口文档。"]))
    lines = lint_text([str(path)], monkeypatch).splitlines()
    at = next(i for i, l in enumerate(lines) if "尽快" in l and l.startswith(str(path)))
    assert lines[at + 1].endswith("| 郑涛尽快提交接口文档。") and lines[at + 1].split("|")[0].strip() == "p3"


# --------------------------------------------------------------------------- #
# Help and errors in Chinese
# --------------------------------------------------------------------------- #
def _subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_cli_output_every_subcommand_has_chinese_help(command, capsys):
    parser = _subcommands()[command]
    assert re.search(r"[\u4e00-\u9fff]", parser.description or ""), f"{command} has no Chinese description"
    for action in parser._actions:
        assert action.help and re.search(r"[\u4e00-\u9fff]", action.help), (command, action.dest)
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：") and "选项" in out and "show this help" not in out


def test_cli_output_top_level_help_lists_commands_in_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "提取会议信息" in out and "启动网页" in out and "测量吞吐量" in out


@pytest.mark.parametrize("argv, words", [
    (["extract"], "缺少参数"),
    (["extract", "--format", "xml", "a.txt"], "参数 --format 的值 'xml' 无效"),
    (["lint", "--bogus", "a.txt"], "无法识别的参数"),
    (["extract", "--ref-date", "6月12日", "a.txt"], "不是日期，应写成 YYYY-MM-DD"),
])
def test_cli_output_usage_errors_are_chinese(argv, words, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert words in capsys.readouterr().err


# --------------------------------------------------------------------------- #
# Counting from today says so
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("command", [["extract"], ["lint"], ["render", "--markdown", "{tmp}/out.md"]])
def test_cli_output_warns_in_chinese_when_today_is_the_reference(tmp_path, capsys, command):
    notes = tmp_path / "无日期.txt"
    notes.write_text(UNDATED, encoding="utf-8")
    argv = [a.format(tmp=tmp_path) for a in command]
    main([*argv[:1], str(notes), *argv[1:]] if argv[0] == "render" else [*argv, str(notes)])
    err = capsys.readouterr().err
    assert "没有会议日期" in err and f"按今天（{date.today().isoformat()}）推算" in err and "--ref-date" in err


@pytest.mark.parametrize("notes, argv", [
    ("会议时间：2024年6月12日\n" + UNDATED, []), (UNDATED, ["--ref-date", "2024-06-12"])],
    ids=["dated-notes", "ref-date"])
def test_cli_output_no_warning_when_a_date_is_known(tmp_path, capsys, notes, argv):
    path = tmp_path / "notes.txt"
    path.write_text(notes, encoding="utf-8")
    main(["extract", *argv, str(path)])
    assert "没有会议日期" not in capsys.readouterr().err


def test_cli_output_piped_lint_has_no_escape_codes(draft):
    """The real console script, its output piped: no colour."""
    out = subprocess.run([sys.executable, "-m", "minutes", "lint", str(draft)], capture_output=True, text=True).stdout
    assert "\x1b[" not in out and out.splitlines()[-1].startswith("共 ")
