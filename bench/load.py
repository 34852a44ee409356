"""Load the web service on loopback: requests/s and p50/p99 latency of POST /api/v1/extract.

    python bench/load.py                          # starts `minutes serve` with 1, then 4 workers
    python bench/load.py --workers 2 --requests 300 --concurrency 16
    python bench/load.py --url http://127.0.0.1:8000/   # a server you started yourself

The document is a typical two-page .docx generated here (meeting info, three topics with
discussion and decisions, a 待办 list and an action table). Every loop is bounded in count
and time, and only addresses on this machine are used.
"""
from __future__ import annotations

import argparse
import asyncio
import io
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- #
# The document
# --------------------------------------------------------------------------- #
TOPICS = [
    ("新版APP上线时间", "研发部汇报：核心功能开发已完成90%，支付模块仍在联调，测试部反馈回归用例共312条，已执行260条。",
     "同意上线时间定为7月1日，支付模块6月25日前完成联调。", "测试通过率已达97%，剩余问题均为低优先级。"),
    ("用户反馈处理", "客服部统计上月共收到投诉47起，其中登录失败占40%，主要集中在安卓低版本机型。",
     "决定成立专项小组处理登录问题，由研发部牵头。", "登录失败是投诉的首要原因，影响留存。"),
    ("市场推广预算", "市场部提出第三季度推广预算80万元，其中线上投放占60%，线下活动占40%。",
     "原则上同意推广预算，线下活动部分再压缩10%。", "上半年线下活动转化率低于线上。"),
]
ITEMS = [
    "张伟负责完成支付模块联调，6月25日前提交测试报告。",
    "李娜负责整理用户投诉清单并分类，6月20日前发给研发部。",
    "王强牵头成立登录问题专项小组，下周三前给出排查方案。",
    "赵敏负责更新上线检查清单，6月28日前完成。",
    "市场部尽快调整推广方案，线下部分压缩10%。",
    "刘洋负责准备发布会物料，7月1日前完成，紧急。",
    "陈晨协助张伟完成回归测试，6月26日前完成。",
    "相关部门配合一下做好上线保障。",
]
TABLE = [("更新部署脚本", "赵敏", "6月21日", "高"), ("核对隐私政策文案", "法务部", "6月24日", "中"),
         ("准备应急回滚方案", "张伟", "6月27日", "高"), ("整理上线公告", "李娜", "6月29日", "低")]


def typical_docx() -> bytes:
    import docx
    document = docx.Document()
    document.add_heading("产品上线进度同步会会议纪要", 0)
    for line in ["会议时间：2024年6月14日 14:30-16:00", "会议地点：3楼第一会议室", "主持人：王强", "记录人：李娜",
                 "参会人员：王强、李娜、张伟、赵敏、刘洋、陈晨", "参会部门：研发部、测试部、市场部、客服部、法务部"]:
        document.add_paragraph(line)
    for number, (title, discussion, decision, ground) in enumerate(TOPICS, start=1):
        document.add_heading(f"议题{number}：{title}", 1)
        for speaker in ("王强", "张伟", "李娜"):
            document.add_paragraph(f"{speaker}：{discussion}建议按计划推进，如有风险在周会上同步，并在项目群里更新进展。")
        document.add_paragraph(f"结论：{decision}")
        document.add_paragraph(f"依据：{ground}")
    document.add_heading("待办事项", 1)
    for number, item in enumerate(ITEMS, start=1):
        document.add_paragraph(f"{number}. {item}")
    table = document.add_table(rows=1, cols=4)
    for cell, header in zip(table.rows[0].cells, ["任务", "负责人", "截止日期", "优先级"]):
        cell.text = header
    for values in TABLE:
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- #
# The server
# --------------------------------------------------------------------------- #
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workers: int, concurrency: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "MINUTES_MAX_JOBS": str(max(16, concurrency * 2))}
    env.pop("MINUTES_API_TOKEN", None)
    command = [sys.executable, "-m", "minutes", "serve", "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return server, f"http://127.0.0.1:{port}/"


def wait_until_up(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit(f"server at {base} did not answer within {seconds} s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# --------------------------------------------------------------------------- #
# The load
# --------------------------------------------------------------------------- #
@dataclass
class Result:
    requests: int
    failures: int
    seconds: float
    latencies: list[float]

    def row(self, label: str) -> str:
        ordered = sorted(self.latencies)
        p50 = statistics.median(ordered) * 1000
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
        return (f"{label:<10} {self.requests:>8} {self.failures:>8} {self.requests / self.seconds:>8.1f} "
                f"{p50:>9.0f} {p99:>9.0f}")


HEADER = f"{'server':<10} {'requests':>8} {'failed':>8} {'req/s':>8} {'p50 ms':>9} {'p99 ms':>9}"


async def load(base: str, document: bytes, requests: int, concurrency: int, max_seconds: float) -> Result:
    """``requests`` extractions, ``concurrency`` at a time, stopping early after ``max_seconds``."""
    latencies: list[float] = []
    failures = 0
    queue = iter(range(requests))
    stop_at = time.monotonic() + max_seconds

    async def client_loop(http: httpx.AsyncClient) -> None:
        nonlocal failures
        for _ in queue:
            if time.monotonic() > stop_at:
                return
            started = time.perf_counter()
            response = await http.post(base + "api/v1/extract", files={"file": ("周会.docx", document)})
            latencies.append(time.perf_counter() - started)
            failures += response.status_code != 200

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=120) as http:
        began = time.perf_counter()
        await asyncio.gather(*(client_loop(http) for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    return Result(len(latencies), failures, elapsed, latencies)


def measure(base: str, document: bytes, args, warm: int) -> Result:
    asyncio.run(load(base, document, warm, args.concurrency, args.max_seconds))
    return asyncio.run(load(base, document, args.requests, args.concurrency, args.max_seconds))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 4], help="worker counts to start (default 1 4)")
    parser.add_argument("--url", help="measure a running server on this machine instead of starting one")
    parser.add_argument("--requests", type=int, default=200, help="extractions per run (default 200)")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight (default 8)")
    parser.add_argument("--max-seconds", type=float, default=120, help="stop issuing requests after this long")
    args = parser.parse_args(argv)
    if args.url and not args.url.startswith(("http://127.", "http://localhost", "http://[::1]")):
        raise SystemExit("load is only sent to this machine (127.0.0.0/8, localhost, [::1])")
    document = typical_docx()
    print(f"document: {len(document):,} bytes .docx; {args.requests} requests, {args.concurrency} in flight; "
          f"{os.cpu_count()} CPUs")
    print(HEADER)
    if args.url:
        print(measure(args.url.rstrip("/") + "/", document, args, warm=args.concurrency).row("given"))
        return
    for workers in args.workers:
        server, base = start_server(workers, args.concurrency)
        try:
            wait_until_up(base)
            result = measure(base, document, args, warm=2 * workers * args.concurrency)
            print(result.row(f"{workers} worker" + "s" * (workers > 1)))
        finally:
            stop_server(server)


if __name__ == "__main__":
    main()
