"""Memory of an idle `minutes serve`: every process of it, once its job processes are warm.

    python bench/serve_memory.py [--settle 8] [-- extra serve options]

Starts the server on a free loopback port, waits for /healthz and then ``--settle``
seconds (the job processes load the pipeline and run their warm-up document), and
prints each process's resident (RSS) and proportional (PSS) memory from
/proc/PID/smaps_rollup. PSS splits a page shared by several processes among them, so
its total is what the server costs the machine; RSS counts a shared page once per
process. Linux only.
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parent = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == pid:
                found += [int(entry), *children(int(entry))]
    return found


def memory(pid: int) -> tuple[float, float, str]:
    rss = pss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith("Pss:"):
            pss = int(line.split()[1])
    command = Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ").strip()
    return rss / 1024, pss / 1024, command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--settle", type=float, default=8, help="seconds to wait after the server answers (default 8)")
    parser.add_argument("serve_options", nargs="*", help="passed to minutes serve (after --)")
    args = parser.parse_args(argv)
    port = free_port()
    command = [sys.executable, "-m", "minutes", "serve", "--port", str(port), *args.serve_options]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started = time.monotonic()
        while time.monotonic() - started < 60:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise SystemExit("the server did not answer within 60 s")
        answered = time.monotonic() - started
        time.sleep(args.settle)
        total_rss = total_pss = 0.0
        for pid in [server.pid, *children(server.pid)]:
            rss, pss, what = memory(pid)
            total_rss, total_pss = total_rss + rss, total_pss + pss
            print(f"{rss:7.0f} MB RSS {pss:7.0f} MB PSS  {what[:90]}")
        print(f"total: {total_pss:.0f} MB PSS ({total_rss:.0f} MB RSS); answered after {answered:.1f} s")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
