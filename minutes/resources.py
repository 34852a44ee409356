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
    raise RuleFileError(f"data folder '{name}' not found beside {_PACKAGE}; the installation is incomplete")


def models_dir() -> Path:
    return _locate("nlp_models")


def templates_dir() -> Path:
    return _locate("templates")


def model_path(relative: str) -> Path:
    path = models_dir() / relative
    if not path.is_file():
        raise RuleFileError(f"rule file '{relative}' is missing from {models_dir()}")
    return path


@lru_cache(maxsize=None)
def load_yaml(relative: str):
    """Parse a YAML rule file from nlp_models/, naming the file in any error."""
    path = model_path(relative)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise RuleFileError(f"'{relative}' is not valid YAML: {exc}") from None
    if data is None:
        raise RuleFileError(f"'{relative}' is empty")
    return data


def check_word_lists(relative: str, data, where: str = "") -> None:
    """Every leaf must be a list of non-empty strings (YAML turns a bare `no` into False)."""
    if not isinstance(data, dict):
        raise RuleFileError(f"'{relative}'{where} must map keys to lists of words, found {type(data).__name__}")
    for key, words in data.items():
        if isinstance(words, dict):
            check_word_lists(relative, words, f"{where} > {key}")
        elif not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            bad = next((w for w in words if not (isinstance(w, str) and w)), words) if isinstance(words, list) else words
            raise RuleFileError(f"'{relative}'{where}: entry '{key}' must be a list of non-empty strings; "
                                f"found {bad!r} (quote words YAML reads as booleans or numbers)")
