"""A user's Word template rendered in its own process, within a time, memory and output budget.

A template is a small program: the Jinja sandbox stops it reaching Python internals,
but not from looping 10^10 times, building a gigabyte string (``center``, doubling
with ``~``), or recursing until Python gives up. Counting each of those inside Jinja
would be a list of holes to patch; a process can be stopped whatever the template
does. So a template given with ``--template`` (or ``template=``) is rendered in a
child process that

* may use BUDGET.memory_bytes of memory above what it starts with (a MemoryError
  there is the template's, not ours),
* is killed after BUDGET.seconds,
* may return at most BUDGET.output_bytes of Word file,

and every way it can fail comes back as a TemplateError naming the template file.
The shipped templates are ours and render in the calling process.

The child is started from a fork server (one clean, single-threaded process that
forks a child per render), so a caller with threads is safe and a render after the
first costs a fork, not a new interpreter (the first costs about a second).
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..errors import MinutesError, TemplateError


@dataclass(frozen=True)
class Budget:
    seconds: float = 30.0
    memory_bytes: int = 512 * 1024 * 1024
    output_bytes: int = 64 * 1024 * 1024
    recursion: int = 400          # Python frames a template's macros may stack up


BUDGET = Budget()


def render_within_budget(render: Callable[[Path, dict], bytes], path: Path, context: dict[str, Any],
                         budget: Budget = BUDGET) -> bytes:
    """``render(path, context)`` in a child process; TemplateError naming ``path`` if it overruns or fails."""
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(sender, render, path, context, budget), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(budget.seconds):
            raise TemplateError(f"模板“{path.name}”渲染超过 {budget.seconds:g} 秒仍未结束，已停止；"
                                "请检查循环（如嵌套的 range）和宏的自我调用", source=str(path))
        outcome, value = receiver.recv()
    except EOFError:
        raise TemplateError(f"渲染模板“{path.name}”的进程意外退出（退出码 {child.exitcode}）；模板可能生成了过大的内容",
                            source=str(path)) from None
    finally:
        receiver.close()
        _stop(child)
    if outcome == "ok":
        return value
    raise TemplateError(value, source=str(path))


def _child(sender, render: Callable[[Path, dict], bytes], path: Path, context: dict, budget: Budget) -> None:
    _limit_memory(budget.memory_bytes)
    sys.setrecursionlimit(budget.recursion + len(_frames()))
    try:
        data = render(path, context)
        if len(data) > budget.output_bytes:
            sender.send(("error", f"模板“{path.name}”生成的 Word 文件有 {len(data):,} 字节，"
                                  f"超过上限 {budget.output_bytes:,} 字节；请检查是否重复输出了大段内容"))
        else:
            sender.send(("ok", data))
    except MemoryError:
        sender.send(("error", f"模板“{path.name}”渲染用掉的内存超过 {budget.memory_bytes // 2**20} MB，已停止；请检查是否用 "
                              "center、ljust、~ 或循环拼出了极长的文字"))
    except RecursionError:
        sender.send(("error", f"模板“{path.name}”里的宏调用自己太多层（无尽递归）或标签嵌套太深，已停止；"
                              "请给递归加上结束条件，检查成对的 {{ }} 和 {% %}"))
    except MinutesError as exc:
        sender.send(("error", exc.message))
    except Exception as exc:   # noqa: BLE001 - a template's own mistake (a filter on the wrong type, ...)
        sender.send(("error", f"模板“{path.name}”渲染出错：{exc.__class__.__name__}: {exc}；请检查模板里的标签"))
    finally:
        sender.close()


def _limit_memory(extra: int) -> None:
    try:
        import resource
    except ImportError:           # not on this platform: the time limit still holds
        return
    size = _address_space()
    if size:
        resource.setrlimit(resource.RLIMIT_AS, (size + extra, size + extra))


def _address_space() -> int:
    """This process's virtual memory size in bytes (Linux), 0 when unknown."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _frames() -> list:
    import traceback
    return traceback.extract_stack()


def _stop(child) -> None:
    if child.is_alive():
        child.kill()
    child.join()
    child.close()


def _context():
    """A fork server where there is one (Linux, macOS), else fresh interpreters.

    Like every multiprocessing start method but fork, the children import the
    program's main module (as ``__mp_main__``), so a script that renders a template
    keeps its top-level work under ``if __name__ == "__main__":``. A main module with
    no file to import (``python -`` reading stdin) is forked from directly.
    """
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    if main_file and not Path(main_file).is_file():
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["__main__", "minutes.render.docx"])
    return ctx
