"""The one place that knows where the rule data (nlp_models/) and templates live.

In a source checkout or editable install they sit beside the package; a wheel
carries them inside it (see pyproject.toml, force-include).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from .errors import RuleFileError

_PACKAGE = Path(__file__).resolve().parent
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when present: rule files load 10x faster


def _locate(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise RuleFileError(f"在 {_PACKAGE} 旁边找不到数据文件夹 '{name}'，安装不完整；请重新安装 minutes")


def models_dir() -> Path:
    return _locate("nlp_models")


def templates_dir() -> Path:
    return _locate("templates")


def model_path(relative: str) -> Path:
    path = models_dir() / relative
    if not path.is_file():
        raise RuleFileError(f"规则文件 '{relative}' 不在 {models_dir()} 中，安装不完整；请重新安装 minutes")
    return path


@lru_cache(maxsize=None)
def load_yaml(relative: str):
    """Parse a YAML rule file from nlp_models/, naming the file in any error."""
    path = model_path(relative)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise RuleFileError(f"规则文件 '{relative}' 不是有效的 YAML：{exc}") from None
    if data is None:
        raise RuleFileError(f"规则文件 '{relative}' 是空的")
    return data


def check_word_lists(relative: str, data, where: str = "") -> None:
    """Every leaf must be a list of non-empty strings (YAML turns a bare `no` into False)."""
    if not isinstance(data, dict):
        raise RuleFileError(f"规则文件 '{relative}'{where} 应为“键: 词语列表”的映射，实为 {type(data).__name__}")
    for key, words in data.items():
        if isinstance(words, dict):
            check_word_lists(relative, words, f"{where} > {key}")
        elif not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            bad = next((w for w in words if not (isinstance(w, str) and w)), words) if isinstance(words, list) else words
            raise RuleFileError(f"规则文件 '{relative}'{where} 中 '{key}' 应为非空字符串的列表，实为 {bad!r}；"
                                "YAML 会把 yes、no、数字等读成布尔值或数字，请给这些词加引号")
