"""Is minutes linear in the length of a note? One note repeated 1×, 2×, 4× … 256×, timed.

    python bench/length.py [NOTE] [--max 256] [--runs 3]

Each size is processed ``--runs`` times in one warm process and the fastest run counts
(other programs on the machine only ever add time). The exponent is the slope of
log(time) over log(size), fitted by least squares: 1.0 is linear, 2.0 quadratic. The
repeated note keeps its meeting header once, then its body again and again, as a long
meeting's notes would read.
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from minutes.pipeline import process  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_NOTE = ROOT / "examples" / "产品评审会.txt"


def repeated(text: str, times: int) -> str:
    return "\n".join([text] + [text.split("\n", 3)[-1]] * (times - 1))


def fastest(text: str, runs: int) -> float:
    best = math.inf
    for _ in range(runs):
        start = time.perf_counter()
        process("note.txt", text.encode("utf-8"))
        best = min(best, time.perf_counter() - start)
    return best


def slope(points: list[tuple[int, float]]) -> float:
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("note", nargs="?", type=Path, default=DEFAULT_NOTE)
    parser.add_argument("--max", type=int, default=256, help="largest repetition (default 256)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size; the fastest counts (default 3)")
    args = parser.parse_args(argv)
    text = args.note.read_text(encoding="utf-8")
    process("warm-up.txt", text.encode("utf-8"))
    points = []
    times = 1
    print(f"{'×':>5} {'chars':>9} {'seconds':>9} {'µs/char':>8}")
    while times <= args.max:
        note = repeated(text, times)
        seconds = fastest(note, args.runs)
        points.append((len(note), seconds))
        print(f"{times:>5} {len(note):>9,} {seconds:>9.3f} {seconds / len(note) * 1e6:>8.1f}")
        times *= 2
    print(f"exponent (log time over log length): {slope(points):.2f} overall, "
          f"{slope(points[len(points) // 2:]):.2f} over the longer half")
    return 0


if __name__ == "__main__":
    sys.exit(main())
