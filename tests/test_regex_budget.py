"""No regular expression minutes runs on user text backtracks catastrophically (issue 13).

Each pattern minutes compiles (found by tests/regex_shapes.py, data-built ones
included) is timed on its worst near-miss line of MAX_UNIT characters, the longest
unit a line is cut into, against the same pattern on an ordinary line of the same
length. A linear pattern stays within a small factor of that; a cubic one (three
adjacent runs of spaces: 110 ms a line) is tens of thousands of times slower. The
margin is generous because a near miss legitimately makes a linear scan work harder
than ordinary text does; a pattern that skips ordinary text faster than one look at
every character (a literal first character is found by a fast search) is held to that
look instead. Whole notes of each shape: bench/hostile_lines.py.
"""
from __future__ import annotations

import gc
import re
from functools import lru_cache

import pytest
import regex_shapes as shapes

from minutes.units import MAX_UNIT

MARGIN = 250
# A scan that looks at every character once: the baseline for a pattern that skips an
# ordinary line faster than that (a literal first character is found by a fast search).
EVERY_CHARACTER = re.compile(r"[\u4e00-\u9fff]+")


@lru_cache(maxsize=1)
def patterns() -> list[dict]:
    return shapes.inventory()


def cases():
    for entry in patterns():
        yield pytest.param(entry, id=entry["where"])


def test_regex_inventory_finds_the_patterns_built_from_rule_data():
    wheres = {entry["where"].split(":")[0] for entry in patterns()}
    assert {"deadlines.py", "segment.py", "extract/meeting.py", "lint/rules.py"} <= wheres
    assert len(patterns()) > 100


@pytest.mark.parametrize("entry", list(cases()))
def test_regex_worst_near_miss_stays_near_an_ordinary_line(entry):
    pattern = re.compile(entry["pattern"], entry["flags"])
    for length in (MAX_UNIT // 4, MAX_UNIT):       # a cubic pattern fails at the short length, in seconds
        worst, shape, baseline = timed(pattern, length)
        assert worst <= MARGIN * baseline, \
            f"{worst * 1000:.1f} ms on {shape[:40]!r}… ({length} chars) vs {baseline * 1e6:.1f} µs on an ordinary line"


def timed(pattern: re.Pattern, length: int) -> tuple[float, str, float]:
    gc.disable()
    try:
        line = shapes.ordinary(length)
        baseline = max(shapes.scan_seconds(pattern, line, repeat=5), shapes.scan_seconds(EVERY_CHARACTER, line, 5))
        worst, shape = shapes.worst_near_miss(pattern, length)
        if worst > MARGIN * baseline:       # a busy machine can stall a few microseconds' scan: look again
            worst = min(worst, shapes.scan_seconds(pattern, shape, repeat=20))
        return worst, shape, baseline
    finally:
        gc.enable()
