"""The command line: thin adapters over minutes.pipeline.process().

    minutes extract   notes → structured minutes (JSON, JSON Lines, Markdown)
    minutes lint      drafts → vagueness findings (text, JSON, SARIF), CI exit codes
    minutes render    notes or an extraction JSON → Word minutes, tracker, Markdown, .ics
    minutes serve     the web page and HTTP API
    minutes bench     throughput, latency and memory on a corpus

Each command converts errors at the edge: a bad file gives a message naming it and
the batch goes on; nothing prints a traceback on user input.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Optional, Sequence

from . import __version__
from .errors import ConfigError, MinutesError
from .pipeline import Options, process, process_many

EXIT_OK, EXIT_ERROR = 0, 2


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except MinutesError as exc:
        _error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:      # `minutes extract … | head`
        return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="minutes",
        description="会议纪要处理：从会议记录中提取结论、依据与待办，检查含糊表述，生成 Word 纪要与任务跟踪表。\n"
                    "Meeting-minutes processor: extract decisions and action items, lint vague wording, "
                    "render Word minutes and a task tracker.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"minutes {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _extract_parser(sub)
    _lint_parser(sub)
    _render_parser(sub)
    _serve_parser(sub)
    _bench_parser(sub)
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ref-date", type=_iso_date, metavar="YYYY-MM-DD",
                   help="date that relative deadlines (下周三, 3个工作日内) count from when the notes carry no "
                        "meeting date; a meeting date in the notes wins (default: today)")
    p.add_argument("--holidays", type=Path, metavar="FILE",
                   help="YAML/JSON file of extra days off and adjusted working days "
                        '({"holidays": [...], "workdays": [...]}), e.g. next year\'s schedule or company days off')


# --------------------------------------------------------------------------- #
# extract
# --------------------------------------------------------------------------- #
def _extract_parser(sub) -> None:
    p = sub.add_parser("extract", help="extract meeting info, decisions and action items",
                       description="Read notes (.txt in UTF-8/GB18030/UTF-16, .md, .docx) and print structured minutes.")
    p.add_argument("--format", choices=["json", "jsonl", "md"], default="json",
                   help="json: one object for one file, a list for several; jsonl: one object per line, in the "
                        "order given (a file that cannot be read gives {\"source\", \"error\"}); md: readable minutes")
    _common(p)
    p.add_argument("--no-lint", action="store_true", help="skip the vagueness lint (its findings are in 'lint')")
    p.add_argument("files", nargs="+", metavar="FILE", help="notes to read")
    p.set_defaults(run=run_extract)


def run_extract(args) -> int:
    options = _options(args, lint=not args.no_lint)
    status, objects = EXIT_OK, []
    for source, result in process_many(args.files, options):
        if isinstance(result, MinutesError):
            status = EXIT_ERROR
            _error(str(result))
            obj = {"source": source, "error": result.to_dict()}
        else:
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
        _print("\n\n---\n\n".join(render_markdown(o) if not isinstance(o, dict) else
                                   f"<!-- {o['source']}: {o['error']['message']} -->" for o in objects))
    return status


# --------------------------------------------------------------------------- #
# lint
# --------------------------------------------------------------------------- #
def _lint_parser(sub) -> None:
    p = sub.add_parser("lint", help="flag vague, unenforceable or non-neutral wording",
                       description="Lint minutes drafts like code: 尽快, 相关部门, 配合一下, 我认为, items with no "
                                   "owner or no fixed day. Exit 0: nothing at or above --fail-on; 1: findings; "
                                   "2: usage or input error.")
    p.add_argument("--format", choices=["text", "json", "sarif"], default="text",
                   help="text: path:line:col: severity rule message (compiler style); json: the contract's "
                        "lint entries per file; sarif: SARIF 2.1.0 for code-review tools and CI dashboards")
    p.add_argument("--config", type=Path, metavar="FILE",
                   help="lint settings (pyproject.toml [tool.minutes.lint] or .minutes.toml); default: the "
                        "first found from the working directory upward")
    p.add_argument("--fail-on", choices=["error", "warning", "info"], default=None,
                   help="lowest severity that makes the exit status 1 (default: warning, or the config's)")
    p.add_argument("--fix", "--suggest", dest="fix", action="store_true",
                   help="write FILE.fixed.EXT beside each input with placeholders (尽快 → 【截止日期待定】) "
                        "where a safe rewrite exists; the original is never touched")
    _common(p)
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(run=run_lint)


def run_lint(args) -> int:
    from .lint import LintConfig, report
    config = LintConfig.load(args.config)
    fail_on = args.fail_on or config.fail_on
    options = _options(args, lint=True, lint_config=config)
    return report(args.files, options, fmt=args.format, fail_on=fail_on, fix=args.fix, out=sys.stdout, err=sys.stderr)


# --------------------------------------------------------------------------- #
# render
# --------------------------------------------------------------------------- #
def _render_parser(sub) -> None:
    p = sub.add_parser("render", help="write Word minutes, a task tracker (Excel/Word), Markdown or .ics",
                       description="INPUT is notes (.txt/.md/.docx, extracted first) or the JSON printed by "
                                   "'minutes extract --format json' (correct it by hand, then re-render).")
    p.add_argument("input", metavar="INPUT")
    p.add_argument("--minutes", type=Path, metavar="OUT", help="Word minutes (.docx) or Markdown (.md)")
    p.add_argument("--tracker", type=Path, metavar="OUT", help="task tracker: Excel (.xlsx) or Word table (.docx)")
    p.add_argument("--markdown", type=Path, metavar="OUT", help="Markdown minutes")
    p.add_argument("--ics", type=Path, metavar="OUT", help="calendar file with one to-do per action item")
    p.add_argument("--json", type=Path, metavar="OUT", help="the extraction as JSON")
    p.add_argument("--template", type=Path, metavar="FILE", help="your own Word template (docxtpl tags)")
    p.add_argument("--style", choices=["standard", "formal"], default="standard",
                   help="shipped minutes template: standard, or formal 纪要 (GB/T 9704-2012 conventions)")
    p.add_argument("--project", metavar="ABBR", help="project short name for task IDs (ABBR-2024-001)")
    p.add_argument("--review-notes", action="store_true", help="include lint findings as 审阅意见")
    _common(p)
    p.set_defaults(run=run_render)


def run_render(args) -> int:
    from .render import write_outputs
    outputs = {k: getattr(args, k) for k in ("minutes", "tracker", "markdown", "ics", "json") if getattr(args, k)}
    if not outputs:
        raise ConfigError("nothing to write: give at least one of --minutes, --tracker, --markdown, --ics, --json")
    minutes = load_minutes(args.input, _options(args, lint=True))
    for path in write_outputs(minutes, outputs, template=args.template, style=args.style,
                              project=args.project, review_notes=args.review_notes):
        print(path)
    return EXIT_OK


def load_minutes(path: str, options: Options):
    """Notes are extracted; an extraction JSON is read back as it was (perhaps corrected)."""
    if Path(path).suffix.lower() != ".json":
        return process(path, options=options)
    from .errors import BadExtraction
    from .model import minutes_from_dict
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise BadExtraction("file not found", source=path) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadExtraction(f"is not valid JSON ({exc})", source=path) from None
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    return minutes_from_dict(data, source=path)


# --------------------------------------------------------------------------- #
# serve / bench
# --------------------------------------------------------------------------- #
def _serve_parser(sub) -> None:
    p = sub.add_parser("serve", help="start the web page and HTTP API (FastAPI under uvicorn)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="TCP port (default 8000)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (CPU-bound work scales with workers)")
    p.set_defaults(run=run_serve)


def run_serve(args) -> int:
    from .service import serve
    serve(host=args.host, port=args.port, workers=args.workers)
    return EXIT_OK


def _bench_parser(sub) -> None:
    p = sub.add_parser("bench", help="measure docs/s, latency and peak memory on a corpus")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the shipped examples)")
    p.add_argument("--repeat", type=int, default=10, help="passes over the corpus in one process")
    p.set_defaults(run=run_bench)


def run_bench(args) -> int:
    from .bench import run
    print(run(args.paths, repeat=args.repeat))
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
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; expected YYYY-MM-DD") from None


def _print(text: str) -> None:
    sys.stdout.write(text + "\n")


def _error(message: str) -> None:
    sys.stderr.write(f"minutes: {message}\n")


if __name__ == "__main__":
    sys.exit(main())
