"""Every regular expression minutes compiles, and the near-miss lines that make one backtrack.

    python tests/regex_shapes.py      prints the inventory as JSON lines

The inventory runs in a fresh interpreter that watches ``re`` compile while minutes is
imported and processes the shipped examples (patterns built from nlp_models/ data
included), keeping each pattern whose compiling caller is a file of minutes.

A near-miss shape is what catastrophic backtracking feeds on: a line that almost
matches, over and over. Shapes are drawn from the pattern itself: random sample
strings of what it matches, cut short, repeated to the line length; every unbounded
repeat pumped after the text that leads to it ("由" + 600 spaces); and single
characters that many classes share (spaces, digits, brackets, colons).
"""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from re import _constants as C
from re import _parser as P

ROOT = Path(__file__).resolve().parent.parent
SHARED_CHARS = [" ", "\u3000", "\t", "张", "a", "A", "1", "：", ":", "，", "。", "（", "(", "）", "-", "@", "/", "日", "|"]
ORDINARY = ("会议时间：2024年6月12日（周三）14:00，地点2号会议室。张伟负责整理需求文档，下周三前提交产品部审核；"
            "李娜协助。结论：同意采用A方案，依据是七成用户偏好该功能。王强尽快跟进供应商合同，月底前签订。")


# --------------------------------------------------------------------------- #
# Inventory
# --------------------------------------------------------------------------- #
def inventory() -> list[dict]:
    """[{pattern, flags, where}] from a fresh interpreter."""
    out = subprocess.run([sys.executable, __file__], capture_output=True, text=True, cwd=ROOT, check=True,
                         env={**os.environ, "PYTHONHASHSEED": "0"})
    return [json.loads(line) for line in out.stdout.splitlines()]


def _watch_and_print() -> None:
    package = os.sep + "minutes" + os.sep
    seen: dict[tuple, str] = {}
    original = re._compile

    def spy(pattern, flags):
        compiled = original(pattern, flags)
        frame = sys._getframe(1)
        while frame and frame.f_code.co_filename.endswith(os.path.join("re", "__init__.py")):
            frame = frame.f_back
        if frame and package in frame.f_code.co_filename and isinstance(compiled.pattern, str):
            where = f"{frame.f_code.co_filename.rsplit(package, 1)[-1]}:{frame.f_lineno}"
            seen.setdefault((compiled.pattern, compiled.flags), where)
        return compiled

    re._compile = spy
    # minutes compiles most of its own patterns through its start-up cache, which does not go
    # through re._compile: watch that door too, before any module takes the name
    import minutes.startcache as startcache
    cached = startcache.compile_regex

    def cached_spy(pattern, flags=0):
        compiled = cached(pattern, flags)
        frame = sys._getframe(1)
        if package in frame.f_code.co_filename:
            where = f"{frame.f_code.co_filename.rsplit(package, 1)[-1]}:{frame.f_lineno}"
            seen.setdefault((compiled.pattern, compiled.flags), where)
        return compiled

    startcache.compile_regex = cached_spy
    from minutes import process
    from minutes.render import (
        render_ics,
        render_markdown,
        render_minutes_docx,
        render_tracker_xlsx,
    )
    for example in sorted((ROOT / "examples").glob("*.*")):
        if example.suffix in (".txt", ".md", ".docx"):
            minutes = process(str(example))
            render_markdown(minutes), render_ics(minutes), render_tracker_xlsx(minutes), render_minutes_docx(minutes)
    re._compile = original
    startcache.compile_regex = cached
    for (pattern, flags), where in seen.items():
        print(json.dumps({"pattern": pattern, "flags": flags, "where": where}, ensure_ascii=False))


# --------------------------------------------------------------------------- #
# Shapes
# --------------------------------------------------------------------------- #
def shapes(pattern: re.Pattern, length: int, samples: int = 10, seed: int = 0) -> set[str]:
    rng = random.Random(seed)
    parsed = P.parse(pattern.pattern, pattern.flags)
    found = {ch * length for ch in SHARED_CHARS}
    for _ in range(samples):
        repeats: list[tuple[str, str]] = []
        text = "".join(_sample(parsed, rng, [], repeats))
        for unit in {text, text[:-1], text[: len(text) // 2]} | set(text):
            if unit:
                found.add(_fill(unit, length))
        for lead, body in repeats:
            found.add((lead + _fill(body, length))[:length])
            found.add(_fill(lead + body, length))
    return found


def ordinary(length: int) -> str:
    return _fill(ORDINARY, length)


def _fill(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def _sample(parsed, rng: random.Random, out: list[str], repeats: list) -> list[str]:
    """One random string the parsed pattern matches (lookarounds ignored); unbounded repeats noted."""
    items = list(parsed)
    for index, (op, av) in enumerate(items):
        proper = _looked_back_at(items[index + 1:index + 2])
        if proper is not None:       # this character opens the pattern proper: the proper's text instead
            _sample(proper, rng, out, repeats)
            continue
        if index and _looked_back_at(items[index:index + 1]) is not None:
            continue
        ch = _char(op, av, rng)
        if ch is not None:
            out.append(ch)
        elif op is C.BRANCH:
            _sample(rng.choice(av[1]), rng, out, repeats)
        elif op is C.SUBPATTERN:
            _sample(av[3], rng, out, repeats)
        elif op is C.ATOMIC_GROUP:
            _sample(av, rng, out, repeats)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            _repeat(av, rng, out, repeats)
        elif op is C.GROUPREF_EXISTS:
            _sample(av[1], rng, out, repeats)
    return out


def _looked_back_at(items):
    """The pattern proper of ``[abc](?<=(?=(proper)).)``, a first character consumed so that re skips
    ahead to it and looked back at (deadlines._starting_with); None for anything else."""
    if not items or items[0][0] is not C.ASSERT or items[0][1][0] >= 0:
        return None
    body = list(items[0][1][1])
    if not body or body[0][0] is not C.ASSERT or body[0][1][0] != 1:
        return None
    return body[0][1][1]


def _repeat(av, rng: random.Random, out: list[str], repeats: list) -> None:
    low, high, item = av
    if high == C.MAXREPEAT:
        body = _sample(item, rng, [], [])
        if body:
            repeats.append(("".join(out), "".join(body)))
    for _ in range(min(rng.choice([low, low, low + 1, low + 2]), high)):
        _sample(item, rng, out, repeats)


def _char(op, av, rng: random.Random):
    if op is C.LITERAL:
        return chr(av)
    if op is C.NOT_LITERAL:
        return rng.choice([c for c in SHARED_CHARS if ord(c) != av])
    if op is C.ANY:
        return "x"
    if op is C.IN:
        listed = [chr(a) for o, a in av if o is C.LITERAL] + [chr(a[0]) for o, a in av if o is C.RANGE]
        pool = [c for c in listed + SHARED_CHARS if _in_class(av, c)]
        return rng.choice(pool) if pool else ""
    return None


def _in_class(items, ch: str) -> bool:
    negate, hit = False, False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            hit |= ord(ch) == av
        elif op is C.RANGE:
            hit |= av[0] <= ord(ch) <= av[1]
        elif op is C.CATEGORY:
            hit |= _category(str(av), ch)
    return hit != negate


def _category(name: str, ch: str) -> bool:
    tests = {"SPACE": ch.isspace(), "DIGIT": ch.isdigit(), "WORD": ch.isalnum() or ch == "_", "LINEBREAK": ch == "\n"}
    kind = next((k for k in tests if k in name), None)
    return kind is not None and (tests[kind] != ("NOT" in name))


# --------------------------------------------------------------------------- #
# Timing
# --------------------------------------------------------------------------- #
def scan_seconds(pattern: re.Pattern, text: str, repeat: int = 1) -> float:
    """The best of ``repeat`` full scans (every match, as finditer, sub and split do)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for _ in pattern.finditer(text):
            pass
        best = min(best, time.perf_counter() - started)
    return best


def worst_near_miss(pattern: re.Pattern, length: int) -> tuple[float, str]:
    """(seconds, shape) of the costliest shape that the pattern matches at most rarely."""
    timed = []
    for shape in shapes(pattern, length):
        if sum(1 for _ in pattern.finditer(shape)) <= length // 50:   # many matches: a hit, not a near miss
            timed.append((scan_seconds(pattern, shape), shape))
    timed.sort(reverse=True)
    return max(((scan_seconds(pattern, s, repeat=3), s) for _, s in timed[:2]), default=(0.0, ""))


if __name__ == "__main__":
    _watch_and_print()
