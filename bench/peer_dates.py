"""Score minutes.deadlines on the peer suite of Chinese date expressions.

    python bench/peer_dates.py [--show-failures] [FILE.jsonl ...]

Each case's ``span`` is resolved with ``resolve_deadline(span, ref)`` where ``ref`` is
the case's reference time. Scoring follows ../shared/peer/README.md: when ``expected``
is a date the answer's date must match; when it has a time, date and time must match
to the minute. Prints the accuracy of each file and the median time per phrase.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from minutes.deadlines import resolve_deadline  # noqa: E402

PEER_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "peer"
PEER_FILES = ("datetime_zh.jsonl", "datetime_zh_forward.jsonl")


def load_cases(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def is_correct(expected: str, answer: str | None) -> bool:
    if answer is None:
        return False
    if "T" in expected:
        return answer == expected
    return answer[:10] == expected


def run_case(case: dict) -> tuple[str | None, float]:
    """The answer's ISO string and the time taken in microseconds."""
    ref = datetime.fromisoformat(case["ref"])
    started = time.perf_counter_ns()
    found = resolve_deadline(case["span"], ref)
    elapsed = (time.perf_counter_ns() - started) / 1000
    return (found.iso if found else None), elapsed


def score_file(path: str | Path) -> tuple[float, float, list[dict]]:
    """(accuracy, median µs per phrase, failing cases with the answer given)."""
    cases = load_cases(path)
    resolve_deadline("明天", datetime(2024, 1, 1))  # compile the rules outside the timing
    failures, timings = [], []
    for case in cases:
        answer, elapsed = run_case(case)
        timings.append(elapsed)
        if not is_correct(case["expected"], answer):
            failures.append({**case, "answer": answer})
    accuracy = 1 - len(failures) / len(cases) if cases else 0.0
    return accuracy, statistics.median(timings) if timings else 0.0, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help=f"peer files (default: {', '.join(PEER_FILES)} in {PEER_DIR})")
    parser.add_argument("--show-failures", action="store_true", help="print every failing case")
    args = parser.parse_args(argv)
    for path in args.files or [PEER_DIR / name for name in PEER_FILES]:
        accuracy, median_us, failures = score_file(path)
        total = len(load_cases(path))
        print(f"{Path(path).name}: {accuracy:.1%} ({total - len(failures)}/{total}), median {median_us:.1f} µs/phrase")
        if args.show_failures:
            for case in failures:
                print(f"  {case['ref']}  {case['span']!r}: expected {case['expected']}, got {case['answer']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
