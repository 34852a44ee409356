"""``minutes bench``: cold start, warm throughput, latency and peak memory.

Speed is measured here, never asserted in a test. The baseline is what merely
opening the same files costs (python-docx for .docx, reading and decoding for
text), so the ratio says what the analysis itself adds.
"""
from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path
from typing import Iterable

from .read import SUPPORTED, decode_text

_EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


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


def run(paths: Iterable[str], repeat: int = 10) -> str:
    files = corpus(paths)
    if not files:
        return "no .txt/.md/.docx files to measure"
    blobs = [(str(f), f.read_bytes()) for f in files]
    cold = cold_start(files[0])
    warm, latencies = warm_run(blobs, repeat)
    baseline = open_only(blobs, repeat)
    docs = len(blobs) * repeat
    return "\n".join([
        f"files: {len(blobs)} × {repeat} passes = {docs} documents",
        f"cold start (CLI, one file): {cold:.2f} s (median of 3 runs)",
        f"warm: {warm:.2f} s, {docs / warm:.1f} docs/s",
        f"latency per document: p50 {_ms(latencies, 0.5)} ms, p95 {_ms(latencies, 0.95)} ms, "
        f"max {max(latencies) * 1000:.1f} ms",
        f"open-only baseline: {baseline:.3f} s ({docs / baseline:.0f} docs/s); minutes takes "
        f"{warm / baseline:.1f}× the time of opening the files",
        f"peak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB",
    ])


def cold_start(sample: Path, runs: int = 3) -> float:
    """Wall time of a fresh `python -m minutes extract` on one file."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "minutes", "extract", "--format", "jsonl", str(sample)],
                       capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def warm_run(blobs: list[tuple[str, bytes]], repeat: int) -> tuple[float, list[float]]:
    from .pipeline import process
    process(*blobs[0])                      # load the pipeline once, as a long-running process would
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


def _ms(values: list[float], q: float) -> str:
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000:.1f}"
