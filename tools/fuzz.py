"""Fuzz minutes for as long as you like with the properties of tests/hostile_inputs.py.

    python tools/fuzz.py --minutes 45 --out fuzz-out

Round after round, each property draws a fresh batch of inputs (notes, Word files,
raw bytes, deadline phrases, edited extraction JSON, templates) and checks the same
invariants as tests/test_properties.py. Three kinds of finding are recorded:

    failure   an invariant broken or an exception that is not a MinutesError (shrunk
              to a small example by hypothesis, with its traceback)
    slow      one process() call slower than 5x the ordinary rate for its size
    memory    a MemoryError under the address-space cap (--memory-gb)

Each finding's smallest example is saved as a pickle of the check's arguments
(``OUT/failure-word-….pickle``): ``h.check_notes(*pickle.load(open(f, "rb")))`` replays it.

The report (``OUT/report.json``) gives the inputs tried per property, the time, and
each distinct finding once, with its count; slow inputs are saved beside it.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import resource
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import hostile_inputs as h  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ORDINARY_CHARS_PER_SECOND = 10_000   # process() on ordinary notes, one core (minutes bench)
SLOW_FACTOR = 5


class Run:
    def __init__(self, out: Path):
        self.out = out
        self.tried: Counter[str] = Counter()
        self.findings: dict[str, dict] = {}
        self.slow = 0
        self.failing = None          # the arguments of the last failing call: hypothesis replays the shrunk one last

    def record(self, kind: str, prop: str, summary: str, detail: str, example=None) -> None:
        key = f"{kind}:{prop}:{summary}"
        if example is not None and key not in self.findings:
            name = f"{kind}-{prop}-{hashlib.sha1(key.encode()).hexdigest()[:10]}.pickle"
            (self.out / name).write_bytes(pickle.dumps(example))
            detail = f"example: {name} (pickle of the arguments)\n{detail}"
        entry = self.findings.setdefault(key, {"kind": kind, "property": prop, "summary": summary,
                                               "detail": detail, "count": 0})
        entry["count"] += 1

    def timed_notes(self, prop: str, name: str, data: bytes, ref=None) -> None:
        started = time.perf_counter()
        h.extracted(name, data, ref)
        seconds = time.perf_counter() - started
        if seconds > 1.0 + SLOW_FACTOR * len(data) / ORDINARY_CHARS_PER_SECOND:
            self.slow += 1
            digest = hashlib.sha1(data).hexdigest()[:12]
            (self.out / f"slow-{digest}{Path(name).suffix}").write_bytes(data)
            self.record("slow", prop, f"{seconds:.1f} s for {len(data):,} bytes", f"slow-{digest}{Path(name).suffix}")
        h.check_notes(name, data, ref)


def properties(run: Run) -> dict:
    def notes(file, ref):
        run.timed_notes("notes", *file, ref)

    def word(file):
        run.timed_notes("word", *file)

    def raw(file):
        run.timed_notes("raw", *file)

    def template(paragraphs):
        h.check_template(paragraphs)

    return {
        "notes": ((h.note_file(), st.sampled_from([None, h.date(2024, 6, 12)])), notes, 60),
        "word": ((h.word_file(h.XML_EDITS + h.HUGE_XML_EDITS),), word, 30),
        "raw": ((h.RAW_FILE,), raw, 200),
        "deadlines": ((h.PHRASE, h.REF), h.check_deadline, 2000),
        "json": ((h.extraction_json(),), h.check_extraction_json, 200),
        "templates": ((h.template_paragraphs(),), template, 10),
    }


def counted(run: Run, name: str, check):
    def wrapped(args):
        run.tried[name] += 1
        try:
            check(*args)
        except MemoryError:
            run.record("memory", name, "MemoryError", repr(args)[:2000], example=args)
        except BaseException:
            run.failing = args
            raise
    return wrapped


def one_batch(run: Run, name: str, strategies: tuple, check, batch: int) -> None:
    test = settings(max_examples=batch, deadline=None, database=None, derandomize=False,
                    phases=(Phase.generate, Phase.shrink), suppress_health_check=list(HealthCheck),
                    report_multiple_bugs=False)(given(st.tuples(*strategies))(counted(run, name, check)))
    try:
        test()
    except Exception as exc:   # noqa: BLE001 - a finding: recorded, then the next batch
        frames = traceback.extract_tb(exc.__traceback__)
        place = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames)
                      if "/minutes/" in f.filename), "tests")
        notes = "\n".join(getattr(exc, "__notes__", []))
        run.record("failure", name, f"{exc.__class__.__name__} at {place}: {str(exc)[:200]}",
                   notes[:4000] + "\n" + "".join(traceback.format_exception(exc))[-4000:], example=run.failing)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10, help="how long to run (default 10)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-out"), help="report and slow inputs go here")
    parser.add_argument("--memory-gb", type=float, default=4, help="address-space cap of this process")
    parser.add_argument("--only", nargs="*", help="property names to run (default: all)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    cap = int(args.memory_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    run = Run(args.out)
    props = {k: v for k, v in properties(run).items() if not args.only or k in args.only}
    started = time.monotonic()
    rounds = 0
    while time.monotonic() - started < args.minutes * 60:
        for name, (strategies, check, batch) in props.items():
            one_batch(run, name, strategies, check, batch)
        rounds += 1
        write_report(run, args.out, time.monotonic() - started, rounds)
    report = write_report(run, args.out, time.monotonic() - started, rounds)
    print(json.dumps({k: v for k, v in report.items() if k != "findings"}, ensure_ascii=False, indent=2))
    for finding in report["findings"]:
        print(f"{finding['kind']:8} {finding['property']:10} x{finding['count']:<4} {finding['summary']}")
    return 1 if report["findings"] else 0


def write_report(run: Run, out: Path, seconds: float, rounds: int) -> dict:
    report = {"seconds": round(seconds), "rounds": rounds, "tried": dict(run.tried),
              "tried_total": sum(run.tried.values()), "slow": run.slow,
              "findings": sorted(run.findings.values(), key=lambda f: (f["kind"], f["property"], f["summary"]))}
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return report


if __name__ == "__main__":
    sys.exit(main())
