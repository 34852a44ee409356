"""Pool: the CPU work in worker processes, a bounded number of jobs, a time limit that holds.

Each of ``processes`` dispatcher threads owns one worker process and hands it one job
at a time down a pipe, so the event loop never waits on the work. The time limit
counts from when the request is queued; a job still running at the limit has its
process killed (a runaway regular expression holds the interpreter lock, so no thread
could be interrupted) and the next job on that thread starts a fresh process.

A request that finds all ``max_jobs`` slots taken gets 503 at once instead of queueing
without end.
"""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
import threading
import time
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, TypeVar

from ...errors import MinutesError
from ..errors import Busy, Internal, Timeout

T = TypeVar("T")
log = logging.getLogger("minutes.service")
_PRELOAD = "minutes.service.routes.preload"


def _job_context():
    """Job processes forked from a server that has the pipeline loaded (routes/preload.py), where
    the platform has one (Linux, macOS); else fresh interpreters. Both are safe beside threads."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([_PRELOAD])
    return context


_SPAWN = _job_context()


class Pool:
    def __init__(self, processes: int, max_jobs: int):
        self._executor = ThreadPoolExecutor(max_workers=processes, thread_name_prefix="minutes-dispatch")
        self._slots = threading.BoundedSemaphore(max_jobs)
        self._local = threading.local()
        self._workers: set[Worker] = set()
        self._lock = threading.Lock()
        self.processes, self.max_jobs = processes, max_jobs

    async def run(self, fn: Callable[..., T], *args, timeout: float) -> T:
        """``fn(*args)`` in a worker process; Busy when no slot is free, Timeout after ``timeout`` s."""
        if not self._slots.acquire(blocking=False):
            raise Busy(f"服务器正在处理 {self.max_jobs} 份文档，暂时不能再接收；请过几秒再试")
        deadline = time.monotonic() + timeout
        return await asyncio.wrap_future(self._submit(self._dispatch, fn, args, deadline, timeout))

    def _submit(self, *job) -> Future:
        try:
            future = self._executor.submit(*job)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _: self._slots.release())
        return future

    def _dispatch(self, fn: Callable[..., T], args: tuple, deadline: float, timeout: float) -> T:
        """On a dispatcher thread: run the job in this thread's process, killing it at the deadline."""
        worker = self._worker()
        remaining = deadline - time.monotonic()
        if remaining <= 0:          # the time went in the queue: nothing of ours is running to stop
            raise _timeout(timeout)
        try:
            return worker.call(fn, args, remaining)
        except _Overdue:
            self._retire(worker)
            raise _timeout(timeout) from None
        except _Died as exc:
            self._retire(worker)
            raise Internal(f"处理文档的工作进程意外停止（{exc}）；请重试") from None

    def _worker(self) -> "Worker":
        worker = getattr(self._local, "worker", None)
        if worker is None or not worker.alive():
            worker = self._local.worker = Worker()
            with self._lock:
                self._workers.add(worker)
        return worker

    def _retire(self, worker: "Worker") -> None:
        worker.kill()
        self._local.worker = None
        with self._lock:
            self._workers.discard(worker)

    def warm_up(self, fn: Callable[[], object]) -> None:
        """Start every process and load the language pipeline before the first request needs it."""
        barrier = threading.Barrier(self.processes)     # one warm-up on each dispatcher thread
        for _ in range(self.processes):
            self._executor.submit(self._warm, barrier, fn)

    def _warm(self, barrier: threading.Barrier, fn: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            self._dispatch(fn, (), time.monotonic() + 120, 120)
        except (threading.BrokenBarrierError, MinutesError):
            pass

    def shutdown(self) -> None:
        with self._lock:
            workers, self._workers = list(self._workers), set()
        for worker in workers:
            worker.kill()
        self._executor.shutdown(wait=False, cancel_futures=True)


def _timeout(timeout: float) -> Timeout:
    return Timeout(f"处理这份文档超过了 {timeout:g} 秒的时限；请拆成几份再提交，"
                   "或请管理员调大 MINUTES_REQUEST_TIMEOUT")


class _Overdue(Exception):
    pass


class _Died(Exception):
    pass


class Worker:
    """One process that runs the jobs sent down its pipe, one at a time."""

    def __init__(self) -> None:
        self._conn, child = _SPAWN.Pipe()
        self._killing = threading.Lock()
        self._process = _SPAWN.Process(target=serve_jobs, args=(child,), name="minutes-job", daemon=True)
        self._process.start()
        child.close()

    def call(self, fn: Callable[..., T], args: tuple, seconds: float) -> T:
        try:
            self._conn.send((fn, args))
            if not self._conn.poll(seconds):
                raise _Overdue()
            ok, value = self._conn.recv()
        except (EOFError, OSError) as exc:      # the process died: killed at shutdown, or out of memory
            raise _Died(exc.__class__.__name__) from None
        if ok:
            return value
        raise value

    def alive(self) -> bool:
        return self._process.is_alive()

    def kill(self) -> None:
        """Idempotent: a dispatcher retiring its worker may race the pool's shutdown."""
        with self._killing:
            if self._conn.closed:
                return
            self._process.kill()
            self._process.join(timeout=5)
            self._conn.close()


def serve_jobs(conn) -> None:
    """The worker process's loop: receive (fn, args), send back (True, result) or (False, error)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl+C stops the server, which stops us
    while True:
        try:
            fn, args = conn.recv()
        except EOFError:
            return
        try:
            conn.send((True, _guarded(fn, *args)))
        except MinutesError as exc:
            conn.send((False, exc))


def _guarded(fn: Callable[..., T], *args) -> T:
    """Our errors pass through; anything else is a bug, logged by where it happened, never by its message."""
    try:
        return fn(*args)
    except MinutesError:
        raise
    except Exception as exc:
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("internal error %s in\n%s", exc.__class__.__name__, frames)
        raise Internal(f"服务器内部出错（{exc.__class__.__name__}）；提交的文档没有留在服务器上") from None
