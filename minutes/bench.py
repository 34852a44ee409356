"""``minutes bench``: cold start, warm throughput, latency, peak memory, and where the time goes.

Speed is measured here, never asserted in a test. Everything is measured in one run,
one process, one core: the floor is what merely opening the same files costs
(python-docx for .docx, reading and decoding for text), so the ratio says what the
analysis itself adds. The cold start is a whole ``minutes extract`` process on one file,
the median of several; the first start after installing (or editing nlp_models/) is
slower while it fills the start-up cache (minutes/startcache.py), so one untimed run
goes first.
"""
from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from io import BytesIO
from pathlib import Path
from typing import Iterable

from .read import SUPPORTED, decode_text

_EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
COLD_RUNS = 10


def corpus(paths: Iterable[str]) -> list[Path]:
    """Every supported file under the given files and folders (default: examples/)."""
    chosen = [Path(p) for p in paths] or [_EXAMPLES]
    files: list[Path] = []
    for path in chosen:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED)
        elif path.is_file():
            files.append(path)
    return files


def run(paths: Iterable[str], repeat: int = 10, cold_runs: int = COLD_RUNS, stages: bool = False) -> str:
    files = corpus(paths)
    if not files:
        return "没有可测量的 .txt、.md 或 .docx 文件：请给出会议记录文件或包含它们的文件夹"
    blobs = [(str(f), f.read_bytes()) for f in files]
    cold = cold_start(files[0], cold_runs)
    warm, latencies = warm_run(blobs, repeat)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024     # before the floor: python-docx's trees
    floor = open_only(blobs, repeat)                                     # would add their own 60 MB
    docs = len(blobs) * repeat
    lines = [
        f"文件：{len(blobs)} 个 × {repeat} 遍 = {docs} 份文档，单进程、单核",
        f"冷启动（minutes extract 处理一个文件，整个进程）：{len(cold)} 次的中位数 {statistics.median(cold):.2f} 秒"
        f"（最短 {min(cold):.2f}，最长 {max(cold):.2f}）",
        f"热运行：{warm:.2f} 秒，每秒 {docs / warm:.1f} 份，每份 {warm / docs * 1000:.1f} 毫秒",
        f"单份延迟：p50 {_ms(latencies, 0.5)} 毫秒，p95 {_ms(latencies, 0.95)} 毫秒，"
        f"最长 {max(latencies) * 1000:.1f} 毫秒",
        f"下限（仅打开同样的文件）：{floor:.3f} 秒，每份 {floor / docs * 1000:.2f} 毫秒（每秒 {docs / floor:.0f} 份）；"
        f"minutes 用时是下限的 {warm / floor:.1f} 倍",
        f"热运行期间的峰值内存（RSS）：{peak:.0f} MB",
    ]
    if stages:
        lines += stage_table(blobs, repeat)
    return "\n".join(lines)


def cold_start(sample: Path, runs: int = COLD_RUNS) -> list[float]:
    """Wall times of fresh `python -m minutes extract` processes on one file (after one untimed run)."""
    command = [sys.executable, "-m", "minutes", "extract", "--format", "jsonl", "--ref-date", "2024-06-03", str(sample)]
    subprocess.run(command, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return times


def warm_run(blobs: list[tuple[str, bytes]], repeat: int) -> tuple[float, list[float]]:
    from .pipeline import process
    from .startup import settled
    process(*blobs[0])                      # load the pipeline once, as a long-running process would,
    settled()                               # and settle as `extract` of many files and the service do
    latencies = []
    start = time.perf_counter()
    for _ in range(repeat):
        for name, data in blobs:
            t = time.perf_counter()
            process(name, data)
            latencies.append(time.perf_counter() - t)
    return time.perf_counter() - start, latencies


def open_only(blobs: list[tuple[str, bytes]], repeat: int) -> float:
    import docx
    start = time.perf_counter()
    for _ in range(repeat):
        for name, data in blobs:
            if name.lower().endswith(".docx"):
                docx.Document(BytesIO(data))
            else:
                decode_text(data, name)
    return time.perf_counter() - start


# --------------------------------------------------------------------------- #
# Where the time goes
# --------------------------------------------------------------------------- #
# (label, module, attribute): each stage function as the pipeline calls it. Stages nest
# (the nlp and the deadline scan run inside extraction); the table subtracts them.
_STAGES = (
    ("read", "minutes.pipeline", "read_document"),
    ("segment", "minutes.pipeline", "segment"),
    ("extract", "minutes.pipeline", "extract"),
    ("nlp (tokenizer + components)", "minutes.extract.reading", "analyse"),
    ("deadline scan (per unit)", "minutes.extract.reading", "find_deadlines"),
    ("progress", "minutes.pipeline", "read_progress"),
    ("lint", "minutes.lint", "lint"),
)


def stage_table(blobs: list[tuple[str, bytes]], repeat: int) -> list[str]:
    """One more pass per repeat with each stage timed: ms per document and share of the whole."""
    from importlib import import_module
    from .pipeline import process
    totals: dict[str, float] = {}
    with ExitStack() as stack:
        for label, module, name in _STAGES:
            stack.enter_context(_timed(import_module(module), name, label, totals))
        start = time.perf_counter()
        for _ in range(repeat):
            for name, data in blobs:
                process(name, data)
        whole = time.perf_counter() - start
    totals["extract"] = totals.get("extract", 0) - totals.get("nlp (tokenizer + components)", 0) \
        - totals.get("deadline scan (per unit)", 0)
    totals = {("extract (rest)" if k == "extract" else k): v for k, v in totals.items()}
    totals["other"] = whole - sum(totals.values())
    docs = len(blobs) * repeat
    rows = ["各阶段（每份毫秒数，占比）："]
    rows += [f"  {label:<30} {seconds / docs * 1000:6.2f}  {seconds / whole:6.1%}" for label, seconds in totals.items()]
    return rows


@contextmanager
def _timed(module, name: str, label: str, totals: dict[str, float]):
    original = getattr(module, name, None)
    if original is None:            # a stage renamed since: leave it out of the table
        yield
        return

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            totals[label] = totals.get(label, 0.0) + time.perf_counter() - start

    setattr(module, name, timed)
    try:
        yield
    finally:
        setattr(module, name, original)


def _ms(values: list[float], q: float) -> str:
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000:.1f}"
