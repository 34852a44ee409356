"""Notes made of one hostile line shape against ordinary notes of the same size (issue 13).

    python bench/hostile_lines.py [--kb 500]

Each shape is a line that nearly matches some rule, repeated to fill the note; the
figure is its processing time divided by that of ordinary notes of the same size.
The goal: every shape under 5x.
"""
from __future__ import annotations

import argparse
import time

from minutes import process

ORDINARY = "张伟负责整理需求文档并在下周三前提交给产品部审核，李娜协助。结论：同意采用A方案，依据是七成用户偏好该功能。"
SHAPES = {
    "host + spaces": "由" + " " * 598,
    "待 x598": "待" * 598,
    "@张伟 repeated": "@张伟" * 199,
    "签订起3天 repeated": "签订起3天" * 119,
    "（ x598": "（" * 598,
    "负责人： repeated": "负责人：" * 149,
    "bracket pair + spaces": "（ a／" + "\u3000" * 595,
    "二日 + spaces": "二日" + " " * 598,
    "digits": "1" * 600,
    "commented": "<!-- minutes-disable -->" * 25,
}


def seconds(lines: list[str]) -> float:
    data = ("会议时间：2024年6月12日\n" + "\n".join(lines) + "\n").encode("utf-8")
    started = time.perf_counter()
    process("bench.txt", data)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", type=int, default=500, help="size of each note in kilobytes of UTF-8")
    args = parser.parse_args()
    process("warm-up.txt", "会议\n".encode("utf-8"))

    def fill(line: str) -> list[str]:      # the size in bytes, within the 500,000-character limit
        return [line] * max(1, min(args.kb * 1024 // len(line.encode("utf-8")), 490_000 // (len(line) + 1)))

    base = seconds(fill((ORDINARY * 20)[:600]))
    print(f"{'ordinary':24} {base:7.1f} s")
    for name, line in SHAPES.items():
        took = seconds(fill(line))
        print(f"{name:24} {took:7.1f} s  {took / base:5.2f}x")


if __name__ == "__main__":
    main()
