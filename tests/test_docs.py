"""The documentation tells the truth: every command, option, rule and setting is in it,
and the examples in the README give what they say."""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from minutes import resolve_deadline
from minutes.cli import build_parser
from minutes.lint.config import _KEYS, rule_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_docs_readme_documents_every_command_and_option(command):
    assert f"minutes {command}" in README
    for action in _subcommands()[command]._actions:
        for option in action.option_strings:
            if option.startswith("--") and option not in ("--help",):
                assert option in README, f"{command} {option} is not in README.md"


@pytest.mark.parametrize("rule", sorted(rule_table()))
def test_docs_readme_documents_every_lint_rule(rule):
    assert f"`{rule}`" in README


@pytest.mark.parametrize("key", sorted(_KEYS - {"enable"}))
def test_docs_readme_documents_every_lint_setting(key):
    assert key in README


def _deadline_rows():
    table = README.split("会议日期 2024-09-26（周四）时")[1].split("\n\n")[0]
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        phrases = re.findall(r"`([^`]+)`", cells[0])
        expected = re.findall(r"\d{4}-\d\d-\d\d(?:T\d\d:\d\d)?", cells[1])
        start = "14:00" if "14:00" in cells[0] else None
        for i, phrase in enumerate(phrases):
            yield pytest.param(phrase, expected[i] if i < len(expected) else None, start, id=phrase)


@pytest.mark.parametrize("phrase, expected, start", list(_deadline_rows()))
def test_docs_readme_deadline_table_is_right(phrase, expected, start):
    ref = date(2024, 9, 26) if start is None else __import__("datetime").datetime(2024, 9, 26, 14, 0)
    found = resolve_deadline(phrase, ref)
    assert found is not None
    assert found.iso == expected


def test_docs_readme_json_example_is_what_extract_prints():
    shown = json.loads(README.split("```json\n")[1].split("```")[0])
    printed = subprocess.run([sys.executable, "-m", "minutes", "extract", "--format", "json", shown["source"]],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout
    actual = json.loads(printed)
    assert {k: actual["meeting"][k] for k in shown["meeting"]} == shown["meeting"]
    assert shown["decisions"][0] == {k: actual["decisions"][0][k] for k in shown["decisions"][0]}
    item = next(a for a in actual["action_items"] if a["task"] == shown["action_items"][0]["task"])
    assert {k: item[k] for k in shown["action_items"][0]} == shown["action_items"][0]
    finding = next(f for f in actual["lint"] if f["rule"] == shown["lint"][0]["rule"])
    assert {k: finding[k] for k in shown["lint"][0]} == shown["lint"][0]


def test_docs_every_rule_file_is_described():
    described = (ROOT / "nlp_models" / "README.md").read_text(encoding="utf-8")
    for path in sorted((ROOT / "nlp_models").rglob("*")):
        if path.is_file() and path.name != "README.md":
            assert path.relative_to(ROOT / "nlp_models").as_posix() in described, path


def _rule_keys() -> list[tuple[str, str]]:
    """(file, key) for every top-level key of every YAML rule file, and every group of fields.yaml."""
    import yaml
    keys = []
    for path in sorted((ROOT / "nlp_models").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            keys += [(path.name, str(k)) for k in data]
            if path.name == "fields.yaml":
                keys += [(path.name, str(group)) for part in data.values() for group in part]
    return keys


@pytest.mark.parametrize("file, key", _rule_keys())
def test_docs_every_rule_key_is_read_by_the_code(file, key):
    """A key nobody reads is a word list that does nothing while code does the work (issue 9)."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "minutes").rglob("*.py"))
    assert f'"{key}"' in source or f"'{key}'" in source, f"{file} > {key} is never read by minutes/"
