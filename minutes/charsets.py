"""Common Han characters, for telling Big5 text from GB18030 text when both decode."""
from __future__ import annotations

from .resources import model_path

COMMON_HAN = frozenset(model_path("charsets/common_han.txt").read_text(encoding="utf-8").split()[0])
