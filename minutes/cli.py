"""The command line: thin adapters over minutes.pipeline.process().

    minutes extract   notes → structured minutes (JSON, JSON Lines, Markdown)
    minutes lint      drafts → vagueness findings (text, JSON, SARIF), CI exit codes
    minutes render    notes or an extraction JSON → Word minutes, tracker, Markdown, .ics
    minutes serve     the web page and HTTP API
    minutes bench     throughput, latency and memory on a corpus
    minutes track     the task ledger across meetings (minutes/ledger/cli.py)

Each command converts errors at the edge: a bad file gives a message naming it and
the batch goes on; nothing prints a traceback on user input.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Optional, Sequence

from . import __version__
from .errors import ConfigError, MinutesError
from .pipeline import Options, process, process_many
from .startup import settled

EXIT_OK, EXIT_ERROR = 0, 2
_DOCUMENT_COMMANDS = {"extract", "lint", "render", "bench"}   # these settle start-up after their first document


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command not in _DOCUMENT_COMMANDS:
        settled()               # a long run (serve, track) collects garbage from its start
    try:
        return args.run(args)
    except MinutesError as exc:
        _error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:      # `minutes extract … | head`
        return EXIT_OK


class ChineseFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help with its own words in Chinese."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help, section titles and usage errors are in Chinese."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", ChineseFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title, self._optionals.title = "参数", "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: 错误：{_in_chinese(message)}\n")


# argparse's own usage errors (their English patterns) and what to say instead.
_ARGPARSE_ERRORS = (
    (r"the following arguments are required: (.+)", "缺少参数：{0}"),
    (r"argument (\S+): invalid choice: (\S+) \(choose from (.+)\)", "参数 {0} 的值 {1} 无效，可选：{2}"),
    (r"argument (\S+): expected one argument", "参数 {0} 后面需要一个值"),
    (r"argument (\S+): invalid (\S+) value: (.+)", "参数 {0} 的值 {2} 无效"),
    (r"unrecognized arguments: (.+)", "无法识别的参数：{0}（用 --help 查看可用选项）"),
    (r"ambiguous option: (\S+) could match (.+)", "选项 {0} 不明确，可能是：{1}；请写出完整的选项名"),
    (r"argument (\S+): (.+)", "参数 {0}：{1}"),
)


def _in_chinese(message: str) -> str:
    for pattern, chinese in _ARGPARSE_ERRORS:
        if m := re.fullmatch(pattern, message):
            return chinese.format(*m.groups())
    return message


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="minutes",
        description="会议纪要处理：从会议记录中提取结论、依据与待办，检查含糊表述，生成 Word 纪要与任务跟踪表。\n"
                    "Meeting-minutes processor: extract decisions and action items, lint vague wording, "
                    "render Word minutes and a task tracker.")
    parser.add_argument("--version", action="version", version=f"minutes {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令", title="命令")
    _extract_parser(sub)
    _lint_parser(sub)
    _render_parser(sub)
    _serve_parser(sub)
    _bench_parser(sub)
    from .ledger.cli import add_track_parser
    add_track_parser(sub)
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ref-date", type=_iso_date, metavar="YYYY-MM-DD",
                   help="记录中没有会议日期时，相对期限（下周三、3个工作日内）从这一天算起；记录中写了会议日期时"
                        "以会议日期为准（默认：今天，并在标准错误输出中提示）")
    p.add_argument("--holidays", type=Path, metavar="FILE",
                   help='补充或覆盖节假日的 YAML/JSON 文件（{"holidays": [...], "workdays": [...]}），'
                        "如明年刚公布的放假安排或公司自己的假期")


# --------------------------------------------------------------------------- #
# extract
# --------------------------------------------------------------------------- #
def _extract_parser(sub) -> None:
    p = sub.add_parser("extract", help="提取会议信息、结论与待办",
                       description="读取会议记录（.txt：UTF-8/GB18030/UTF-16/Big5；.md；.docx），输出结构化纪要。")
    p.add_argument("--format", choices=["json", "jsonl", "md"], default="json",
                   help="json：一个文件输出一个对象，多个文件输出列表；jsonl：按给出的顺序每个文件一行（读不了的文件输出 "
                        '{"source", "error"}）；md：可读的纪要')
    _common(p)
    p.add_argument("--no-lint", action="store_true", help="不做含糊表述检查（检查结果在 lint 字段中）")
    p.add_argument("--explain", action="store_true",
                   help="说明每一段是怎样读的：由哪种版式读出、定为什么角色（待办、结论、进展……）、依据是什么"
                        "（标题、列的内容、各行的写法）；json 输出多一个 explain 字段，md 输出末尾附一张说明表")
    p.add_argument("files", nargs="+", metavar="FILE", help="要读取的会议记录")
    p.set_defaults(run=run_extract)


def run_extract(args) -> int:
    options = replace(_options(args, lint=not args.no_lint), explain=args.explain)
    status, objects = EXIT_OK, []
    for source, result in process_many(args.files, options):
        if isinstance(result, MinutesError):
            status = EXIT_ERROR
            _error(str(result))
            obj = {"source": source, "error": result.to_dict()}
        else:
            warn_if_counted_from_today(source, result, args.ref_date)
            obj = result
        if args.format == "jsonl":
            _print(json.dumps(obj if isinstance(obj, dict) else obj.to_dict(), ensure_ascii=False))
        else:
            objects.append(obj)
    if args.format == "json":
        dicts = [o if isinstance(o, dict) else o.to_dict() for o in objects]
        _print(json.dumps(dicts[0] if len(dicts) == 1 else dicts, ensure_ascii=False, indent=2))
    elif args.format == "md":
        from .render import render_markdown
        _print("\n\n---\n\n".join(render_markdown(o) + _explanation(o) if not isinstance(o, dict) else
                                   f"<!-- {o['source']}: {o['error']['message']} -->" for o in objects))
    return status


_ROLE_NAMES = {"actions": "待办", "decisions": "结论", "rationale": "依据", "status": "进展", "info": "情况",
               "questions": "未决事项", "risks": "风险", "attendees": "参会人员", "meta": "会议信息",
               "next": "下次会议", "agenda": "议程", None: "—"}
_LAYOUT_NAMES = {"noise": "非正文", "table": "表格", "form": "表单", "sections": "分节", "chat": "聊天记录",
                 "transcript": "发言记录", "prose": "正文"}


def _explanation(minutes) -> str:
    """The --explain table under the Markdown minutes: how each block was read, and why."""
    if not minutes.explain:
        return ""
    rows = ["", "## 读取说明", "", "| 位置 | 版式 | 角色 | 依据 | 待办 | 结论 | 开头 |", "|---|---|---|---|---|---|---|"]
    for b in minutes.explain:
        cells = [b.start.describe(), _LAYOUT_NAMES.get(b.layout, b.layout), _ROLE_NAMES.get(b.role, b.role),
                 b.evidence, str(b.items or ""), str(b.decisions or ""), b.text]
        rows.append("| " + " | ".join(c.replace("|", "｜") for c in cells) + " |")
    return "\n".join(rows) + "\n"


# --------------------------------------------------------------------------- #
# lint
# --------------------------------------------------------------------------- #
def _lint_parser(sub) -> None:
    p = sub.add_parser("lint", help="检查含糊、无法追责或不客观的表述",
                       description="像检查代码一样检查纪要初稿：尽快、相关部门、配合一下、我认为，以及没有负责人或"
                                   "没有确定日期的待办。每处问题给出位置、原文（^ 标出）、原因和修改建议，最后一行汇总。"
                                   "在终端中彩色显示（设置 NO_COLOR 或输出到管道时不用颜色）。\n"
                                   "退出码：0 没有达到 --fail-on 级别的问题；1 有问题；2 用法或输入错误。")
    p.add_argument("--format", choices=["text", "json", "sarif"], default="text",
                   help="text：给人看的（文件:行:列: 级别 规则 说明，原文与 ^，建议；同一处词语只报一次，写明全部原因）；"
                        "json：每个文件的 lint 条目（与 extract 相同，逐条列出）；sarif：SARIF 2.1.0，供代码评审工具和 CI 面板")
    p.add_argument("--config", type=Path, metavar="FILE",
                   help="检查设置（pyproject.toml 的 [tool.minutes.lint] 或 .minutes.toml）；默认从当前目录向上找第一个")
    p.add_argument("--fail-on", choices=["error", "warning", "info"], default=None,
                   help="达到哪个级别时退出码为 1（默认 warning，或配置文件中的设置）")
    p.add_argument("--fix", "--suggest", dest="fix", action="store_true",
                   help="在每个文件旁写一份 NAME.fixed.EXT，把可安全替换的词换成占位符（尽快 → 【截止日期待定】），"
                        "原文件不动")
    _common(p)
    p.add_argument("files", nargs="+", metavar="FILE", help="要检查的会议记录或纪要初稿")
    p.set_defaults(run=run_lint)


def run_lint(args) -> int:
    from .lint import LintConfig, report
    config = LintConfig.load(args.config)
    fail_on = args.fail_on or config.fail_on
    options = _options(args, lint=True, lint_config=config)
    return report(args.files, options, fmt=args.format, fail_on=fail_on, fix=args.fix, out=sys.stdout, err=sys.stderr,
                  notice=lambda source, minutes: warn_if_counted_from_today(source, minutes, args.ref_date))


# --------------------------------------------------------------------------- #
# render
# --------------------------------------------------------------------------- #
def _render_parser(sub) -> None:
    p = sub.add_parser("render", help="生成 Word 纪要、任务跟踪表（Excel/Word）、Markdown 或日历文件",
                       description="INPUT 是会议记录（.txt/.md/.docx，先提取），或 'minutes extract --format json' "
                                   "输出的 JSON（手工改正后重新生成）。文档只写记录中有的内容。")
    p.add_argument("input", metavar="INPUT", help="会议记录，或 extract 输出的 JSON")
    p.add_argument("--minutes", type=Path, metavar="OUT", help="Word 纪要（.docx）或 Markdown（.md）")
    p.add_argument("--tracker", type=Path, metavar="OUT", help="任务跟踪表：Excel（.xlsx）或 Word 表格（.docx）")
    p.add_argument("--markdown", type=Path, metavar="OUT", help="Markdown 纪要")
    p.add_argument("--ics", type=Path, metavar="OUT", help="日历文件，每项待办一个日程")
    p.add_argument("--json", type=Path, metavar="OUT", help="提取结果（JSON）")
    p.add_argument("--template", type=Path, metavar="FILE", help="自己的 Word 模板（docxtpl 标签，见 docs/templates.md）")
    p.add_argument("--style", choices=["standard", "formal"], default="standard",
                   help="纪要样式：standard 标准版，formal 公文格式纪要（GB/T 9704-2012）")
    p.add_argument("--project", metavar="ABBR", help="项目简称，用于任务ID（ABBR-2024-001）")
    p.add_argument("--review-notes", action="store_true", help="把检查意见作为“审阅意见”附在文档中")
    _common(p)
    p.set_defaults(run=run_render)


def run_render(args) -> int:
    from .render import write_outputs
    outputs = {k: getattr(args, k) for k in ("minutes", "tracker", "markdown", "ics", "json") if getattr(args, k)}
    if not outputs:
        raise ConfigError("没有指定要生成什么：请至少给出 --minutes、--tracker、--markdown、--ics、--json 中的一个")
    minutes = load_minutes(args.input, _options(args, lint=True))
    if Path(args.input).suffix.lower() != ".json":
        warn_if_counted_from_today(args.input, minutes, args.ref_date)
    for path in write_outputs(minutes, outputs, template=args.template, style=args.style,
                              project=args.project, review_notes=args.review_notes):
        print(path)
    return EXIT_OK


def load_minutes(path: str, options: Options):
    """Notes are extracted; an extraction JSON is read back as it was (perhaps corrected)."""
    if Path(path).suffix.lower() != ".json":
        return process(path, options=options)
    from .errors import BadExtraction
    from .model import load_json, minutes_from_dict
    try:
        data = load_json(Path(path).read_bytes(), path)
    except FileNotFoundError:
        raise BadExtraction(f"找不到文件“{Path(path).name}”，请检查路径和文件名", source=path) from None
    except OSError as exc:
        raise BadExtraction(f"无法读取“{Path(path).name}”（{exc.strerror}），请检查文件的访问权限", source=path) from None
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    return minutes_from_dict(data, source=path)


# --------------------------------------------------------------------------- #
# serve / bench
# --------------------------------------------------------------------------- #
def _serve_parser(sub) -> None:
    p = sub.add_parser("serve", help="启动网页与 HTTP API",
                       description="启动网页（上传、修改、下载纪要）和 HTTP API（FastAPI + uvicorn）。"
                                   "设置见 docs/service.md（MINUTES_API_TOKEN 等环境变量）。")
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1：只有本机能访问）")
    p.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    p.add_argument("--workers", type=int, default=1, help="工作进程数（处理量随进程数增加）")
    p.set_defaults(run=run_serve)


def run_serve(args) -> int:
    from .service import serve
    serve(host=args.host, port=args.port, workers=args.workers)
    return EXIT_OK


def _bench_parser(sub) -> None:
    p = sub.add_parser("bench", help="测量吞吐量、延迟和内存",
                       description="在一组会议记录上测量冷启动时间（整个进程，多次取中位数）、每秒处理份数（单进程单核）、"
                                   "单份延迟（p50/p95）、峰值内存，以及同一次运行中仅打开这些文件所需的时间（下限）和倍数。")
    p.add_argument("paths", nargs="*", metavar="PATH", help="文件或文件夹（默认：自带的示例）")
    p.add_argument("--repeat", type=int, default=10, help="在同一进程中重复处理的遍数")
    p.add_argument("--cold-runs", type=int, default=10, help="冷启动测量的次数（取中位数，默认 10）")
    p.add_argument("--stages", action="store_true", help="再处理一遍，列出各阶段（读取、切分、分词与规则、期限、提取、检查）的耗时")
    p.set_defaults(run=run_bench)


def run_bench(args) -> int:
    from .bench import run
    print(run(args.paths, repeat=args.repeat, cold_runs=max(1, args.cold_runs), stages=args.stages))
    return EXIT_OK


# --------------------------------------------------------------------------- #
def _options(args, *, lint: bool, lint_config=None) -> Options:
    calendar = None
    if getattr(args, "holidays", None):
        from .holidays import WorkCalendar
        calendar = WorkCalendar.from_file(args.holidays)
    return Options(ref_date=getattr(args, "ref_date", None), calendar=calendar, lint=lint, lint_config=lint_config)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期，应写成 YYYY-MM-DD，如 2024-06-12") from None


def warn_if_counted_from_today(source: str, minutes, ref_date: Optional[date]) -> None:
    """Say so, in Chinese, when relative deadlines count from today: the notes have no date, none was given."""
    if minutes.meeting.date or ref_date is not None:
        return
    sys.stderr.write(f"minutes: 提示：{source} 中没有会议日期，“下周三”“3个工作日内”等相对期限按今天"
                     f"（{date.today().isoformat()}）推算；请用 --ref-date YYYY-MM-DD 指定会议日期。\n")


def _print(text: str) -> None:
    sys.stdout.write(text + "\n")


def _error(message: str) -> None:
    sys.stderr.write(f"minutes: {message}\n")


if __name__ == "__main__":
    sys.exit(main())
