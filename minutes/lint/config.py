"""Lint settings: the rule table from nlp_models/lint.yaml, and a project's overrides.

A project file is found from the working directory upward, the way linters do:
``pyproject.toml`` with a ``[tool.minutes.lint]`` table, or ``.minutes.toml`` with
the same keys at the top level (or under ``[lint]``)::

    [tool.minutes.lint]
    disable = ["subjective"]          # rules to turn off
    fail-on = "error"                 # lowest severity that fails the run
    [tool.minutes.lint.severity]
    missing-deadline = "warning"
    [tool.minutes.lint.add-words]     # more words for a phrase rule
    vague-time = ["改日"]
    [tool.minutes.lint.drop-words]    # words a phrase rule should not flag
    vague-action = ["适当"]
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..errors import ConfigError
from ..model import SEVERITIES
from ..resources import load_yaml

PHRASE_RULES = ("vague-time", "vague-owner", "vague-action", "subjective")
_KEYS = {"disable", "enable", "fail-on", "severity", "add-words", "drop-words"}


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    severity: str
    message: str
    suggestion: str


@lru_cache(maxsize=1)
def rule_table() -> dict[str, Rule]:
    """Every lint rule of nlp_models/lint.yaml (entries that carry a severity)."""
    data = load_yaml("lint.yaml")
    rules = {}
    for rule_id, entry in data.items():
        if isinstance(entry, dict) and "severity" in entry:
            if entry["severity"] not in SEVERITIES:
                raise ConfigError(f"lint.yaml：规则 '{rule_id}' 的级别 '{entry['severity']}' 无效，"
                                  f"应为 {'、'.join(SEVERITIES)} 之一")
            rules[rule_id] = Rule(rule_id, entry.get("label", rule_id), entry["severity"], entry.get("message", ""),
                                  entry.get("suggestion", ""))
    return rules


@dataclass(frozen=True)
class LintConfig:
    disabled: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)
    add_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    drop_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fail_on: str = "warning"
    source: Optional[Path] = None

    def enabled(self, rule: str) -> bool:
        return rule not in self.disabled

    def severity_of(self, rule: str) -> str:
        return self.severity.get(rule) or rule_table()[rule].severity

    @classmethod
    def load(cls, path: Optional[Path] = None, start: Optional[Path] = None) -> "LintConfig":
        """From ``path``, or the nearest pyproject.toml/.minutes.toml above ``start`` (the working directory)."""
        if path is not None:
            if not path.is_file():
                raise ConfigError(f"找不到检查设置文件“{path.name}”，请检查 --config 给出的路径", source=str(path))
            table = _table(path)
            if table is None:
                raise ConfigError(f"“{path.name}”里没有检查设置：pyproject.toml 应有 [tool.minutes.lint] 表，"
                                  ".minutes.toml 应直接写设置项", source=str(path))
            return cls.from_table(table, path)
        found = find_config(start or Path.cwd())
        return cls.from_table(found[1], found[0]) if found else cls()

    @classmethod
    def from_table(cls, table: dict, source: Optional[Path] = None) -> "LintConfig":
        where = str(source) if source else "检查设置"
        unknown = set(table) - _KEYS
        if unknown:
            raise ConfigError(f"未知的设置项 {'、'.join(sorted(unknown))}；可用的设置项：{'、'.join(sorted(_KEYS))}",
                              source=where)
        rule_table()                      # validates lint.yaml before the settings are read
        disabled = set(_rule_list(table.get("disable", []), "disable", where))
        disabled -= set(_rule_list(table.get("enable", []), "enable", where))
        severity = {rule: _severity(value, f"severity.{rule}", where)
                    for rule, value in _mapping(table.get("severity", {}), "severity", where).items()}
        _rule_list(list(severity), "severity", where)
        fail_on = _severity(table.get("fail-on", "warning"), "fail-on", where)
        return cls(disabled=frozenset(disabled), severity=severity,
                   add_words=_words(table.get("add-words", {}), "add-words", where),
                   drop_words=_words(table.get("drop-words", {}), "drop-words", where),
                   fail_on=fail_on, source=source)


def find_config(start: Path) -> Optional[tuple[Path, dict]]:
    for folder in [start.resolve(), *start.resolve().parents]:
        for name in (".minutes.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                table = _table(candidate)
                if table is not None:
                    return candidate, table
    return None


def _table(path: Path) -> Optional[dict]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"“{path.name}”不是有效的 TOML 文件：{exc}", source=str(path)) from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("minutes", {}).get("lint")
    return data.get("lint", data)


def _rule_list(value, key: str, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"'{key}' 应为规则名的列表，如 [\"subjective\"]", source=where)
    known = rule_table()
    for rule in value:
        if rule not in known:
            raise ConfigError(f"'{key}' 中的 '{rule}' 不是检查规则；可用的规则：{'、'.join(known)}", source=where)
    return value


def _severity(value, key: str, where: str) -> str:
    if value not in SEVERITIES:
        raise ConfigError(f"'{key}' 的值 '{value}' 无效，应为 {'、'.join(SEVERITIES)} 之一", source=where)
    return value


def _mapping(value, key: str, where: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"'{key}' 应为一个表（规则名 = 值）", source=where)
    return value


def _words(value, key: str, where: str) -> dict[str, tuple[str, ...]]:
    out = {}
    for rule, words in _mapping(value, key, where).items():
        if rule not in PHRASE_RULES:
            raise ConfigError(f"'{key}.{rule}'：只有这几条规则可以增减词语：{'、'.join(PHRASE_RULES)}", source=where)
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise ConfigError(f"'{key}.{rule}' 应为词语列表（非空字符串）", source=where)
        out[rule] = tuple(words)
    return out
