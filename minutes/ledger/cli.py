"""`minutes track …`: the task ledger from the command line, one library call per command.

    add NOTES…    file meetings: new tasks, progress reports applied to the tasks they name
    list          the ledger, filtered by owner, department, status, overdue
    show ID       one task and its history
    overdue       the escalation list as of a day, by department and owner
    set ID        a correction by hand (status, progress, plan date…), or confirming a report
    pending       progress reports waiting for a person to say which task they are about
    export OUT    tracker.xlsx | tracker.docx | tasks.ics | tasks.csv
"""
from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from pathlib import Path

from ..cli import _iso_date
from ..errors import MinutesError

EXIT_OK, EXIT_ERROR = 0, 2
FORMATS = ("table", "json")


def add_track_parser(sub) -> None:
    p = sub.add_parser("track", help="任务跟踪台账：跨会议跟踪每项任务直到完成",
                       description="任务跟踪台账（SQLite 文件或 PostgreSQL）：登记会议、查看与更正任务、逾期上报、导出。")
    commands = p.add_subparsers(dest="track_command", required=True, metavar="子命令", title="子命令",
                                help="登记、查看、更正、上报与导出")
    _add(commands)
    _list(commands)
    _show(commands)
    _overdue(commands)
    _set(commands)
    _pending(commands)
    _export(commands)


def _command(commands, name: str, help_text: str, run) -> argparse.ArgumentParser:
    p = commands.add_parser(name, help=help_text, description=help_text)
    p.add_argument("--db", metavar="PATH|URL",
                   help="台账数据库：SQLite 文件路径，或 postgresql://用户:密码@主机/库名（默认：环境变量 MINUTES_DB，"
                        "否则当前目录的 minutes.db）")
    p.add_argument("--format", choices=FORMATS, default="table", help="table：可读的表格（默认）；json：供脚本读取")
    p.set_defaults(run=run)
    return p


def _ledger(args):
    """Only `track add` makes a new ledger; the other commands need one that exists."""
    from .store import open_ledger
    return open_ledger(args.db, create=args.track_command == "add")


def _actor(args) -> str:
    return f"命令行：{getattr(args, 'by', None) or getpass.getuser()}"


def _as_of(args) -> date:
    return getattr(args, "as_of", None) or date.today()


def _print(text: str) -> None:
    print(text)


# --------------------------------------------------------------------------- #
def _add(commands) -> None:
    from ..cli import _common
    p = _command(commands, "add", "提取会议记录并登记到台账：新待办成为任务，进展汇报更新对应任务（重复登记不会改动）", run_add)
    p.add_argument("--project", metavar="ABBR", help="任务ID中的项目简称（默认取自会议名称，如 智能仓储升级项目周例会 → 智能仓储升级）")
    p.add_argument("--by", metavar="NAME", help="记入变更记录的登记人（默认：当前系统用户）")
    _common(p)
    p.add_argument("files", nargs="+", metavar="NOTES", help="会议记录（.txt/.md/.docx）或 minutes extract 输出的 JSON")


def run_add(args) -> int:
    from ..cli import _options, load_minutes
    from . import views
    ledger, status, results = _ledger(args), EXIT_OK, []
    for path in args.files:
        try:
            minutes = load_minutes(path, _options(args, lint=False))
        except MinutesError as exc:
            exc.source = exc.source or path
            print(f"minutes: {exc}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        results.append(ledger.file(minutes, project=args.project, actor=_actor(args)))
    if args.format == "json":
        _print(views.dumps([r.to_dict() for r in results]))
    else:
        _print("\n\n".join(views.filing_text(r) for r in results))
    return status


# --------------------------------------------------------------------------- #
def _list(commands) -> None:
    p = _command(commands, "list", "列出台账中的任务，可按负责人、部门、状态筛选", run_list)
    p.add_argument("--owner", metavar="X", help="只列此负责人的任务")
    p.add_argument("--dept", metavar="D", help="只列此部门的任务")
    p.add_argument("--status", metavar="S", help="只列此状态的任务：未开始、进行中、已完成、延期、待验收")
    p.add_argument("--project", metavar="ABBR", help="只列此项目简称的任务")
    p.add_argument("--overdue", action="store_true", help="只列逾期未完成的任务")
    p.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD", help="按这一天判断是否逾期（默认：今天）")


def run_list(args) -> int:
    from . import views
    as_of = _as_of(args)
    found = _ledger(args).tasks(owner=args.owner, department=args.dept, status=args.status, project=args.project,
                                overdue_as_of=as_of if args.overdue else None)
    _print(views.dumps(views.task_list_data(found, as_of)) if args.format == "json" else views.task_list(found, as_of))
    return EXIT_OK


def _show(commands) -> None:
    p = _command(commands, "show", "显示一项任务及其全部变更记录", run_show)
    p.add_argument("task_id", metavar="ID", help="任务ID，如 智能仓储升级-2025-001")
    p.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD", help="按这一天判断是否逾期（默认：今天）")


def run_show(args) -> int:
    from . import views
    task, as_of = _ledger(args).task(args.task_id), _as_of(args)
    _print(views.dumps(task.to_dict(as_of)) if args.format == "json" else views.task_detail(task, as_of))
    return EXIT_OK


def _overdue(commands) -> None:
    p = _command(commands, "overdue", "逾期上报清单：截至某天仍未完成的逾期任务，按部门和负责人分组", run_overdue)
    p.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD", help="截至哪一天（默认：今天）")


def run_overdue(args) -> int:
    from . import views
    as_of = _as_of(args)
    found = _ledger(args).overdue(as_of)
    _print(views.dumps(views.overdue_data(found, as_of)) if args.format == "json" else views.overdue_list(found, as_of))
    return EXIT_OK


# --------------------------------------------------------------------------- #
def _set(commands) -> None:
    p = _command(commands, "set", "手工更正一项任务（每项改动都记入变更记录），或确认一条待确认的汇报", run_set)
    p.add_argument("task_id", metavar="ID", help="任务ID")
    p.add_argument("--status", metavar="S", help="状态：未开始、进行中、已完成、延期、待验收")
    p.add_argument("--progress", metavar="N", help="进度百分比 0–100")
    p.add_argument("--deadline", metavar="YYYY-MM-DD", help="计划完成日期（可带时间 YYYY-MM-DD HH:MM）")
    p.add_argument("--owner", metavar="X", help="负责人")
    p.add_argument("--risk", metavar="TEXT", help="风险/备注")
    p.add_argument("--confirm", type=int, metavar="N", help="把待确认汇报 #N 应用到这项任务（见 minutes track pending）")
    p.add_argument("--by", metavar="NAME", help="记入变更记录的修改人（默认：当前系统用户）")


def run_set(args) -> int:
    from ..errors import BadChange
    from . import views
    ledger = _ledger(args)
    changes = {k: getattr(args, k) for k in ("status", "progress", "deadline", "owner", "risk")
               if getattr(args, k) is not None}
    if args.confirm is not None:
        task, done = ledger.confirm(args.confirm, args.task_id, actor=_actor(args))
        if changes:
            task, more = ledger.set(args.task_id, changes, actor=_actor(args))
            done += more
    elif changes:
        task, done = ledger.set(args.task_id, changes, actor=_actor(args))
    else:
        raise BadChange("没有要改的内容：请给出 --status、--progress、--deadline、--owner、--risk 或 --confirm")
    _print(views.dumps({"task": task.to_dict(), "changes": [c.to_dict() for c in done]})
           if args.format == "json" else views.changes_text(task, done))
    return EXIT_OK


def _pending(commands) -> None:
    _command(commands, "pending", "列出待确认的进展汇报（无法确定对应哪项任务的汇报，不会被猜测应用）", run_pending)


def run_pending(args) -> int:
    from . import views
    found = _ledger(args).pending()
    _print(views.dumps([p.to_dict() for p in found]) if args.format == "json" else views.pending_text(found))
    return EXIT_OK


# --------------------------------------------------------------------------- #
def _export(commands) -> None:
    p = _command(commands, "export", "导出台账：tracker.xlsx（含变更记录表）、tracker.docx、tasks.ics、tasks.csv", run_export)
    p.add_argument("out", type=Path, metavar="OUT", help="输出文件，格式由扩展名决定：.xlsx、.docx、.ics、.csv")
    p.add_argument("--owner", metavar="X", help="只导出此负责人的任务")
    p.add_argument("--dept", metavar="D", help="只导出此部门的任务")
    p.add_argument("--status", metavar="S", help="只导出此状态的任务")
    p.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD", help="按这一天判断是否滞后（默认：今天）")


def run_export(args) -> int:
    from ..render import write_atomically
    from .export import export
    from .views import dumps
    ledger = _ledger(args)
    data = export(ledger, args.out.suffix, as_of=_as_of(args),
                  filters={"owner": args.owner, "department": args.dept, "status": args.status})
    write_atomically(args.out, data)
    _print(str(args.out) if args.format == "table" else dumps({"written": str(args.out)}))
    return EXIT_OK
