"""Every message a person reads is in Chinese and names the file.

The real `python -m minutes` and the real HTTP server on bad input of every kind,
and a scan of the source: every message given to the MinutesError tree (and every
warning put into Minutes.warnings) is a literal with Chinese in it, followed through
helpers that forward or build it, so a new English message fails the suite.
"""
from __future__ import annotations

import ast
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Iterator, Optional

import httpx
import pytest
from wordfiles import free_port, wait_until_up, word_file

import minutes

HAN = re.compile(r"[\u4e00-\u9fff]")
PACKAGE = Path(minutes.__file__).resolve().parent

NOTES = "物业服务月度例会\n会议时间：2025年4月8日\n待办：\n1. 物业部刘畅负责更换三号楼电梯钢丝绳，4月20日前完成。\n"
EXTRACTION = ('{"meeting": {"title": "物业服务月度例会", "date": "2025-04-08"}, '
              '"action_items": [{"task": "更换三号楼电梯钢丝绳", "owner": "刘畅"}]}').encode()   # renders without the NLP
BROKEN_ZIP = b"PK\x03\x04" + random.Random(11).randbytes(600)
NO_ENCODING = b"\x80\x80\x80abc\xff\xfe\xfd"
OLD_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)


def said_besides(text: str, *names: str) -> str:
    """``text`` without the file's own name and path: Chinese file names must not pass for a Chinese message."""
    for name in names:
        text = text.replace(name, "")
    return text


# --------------------------------------------------------------------------- #
# The command line, as a person runs it
# --------------------------------------------------------------------------- #
CLI_CASES = [
    # id, arguments, files written first, the file the message must name
    ("unsupported", ["extract", "扫描件.pdf"], {"扫描件.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"}, "扫描件.pdf"),
    ("missing", ["extract", "三月例会.docx"], {}, "三月例会.docx"),
    ("empty", ["extract", "空白记录.txt"], {"空白记录.txt": b""}, "空白记录.txt"),
    ("whitespace", ["extract", "空白记录.md"], {"空白记录.md": b"\r\n   \n\t\n"}, "空白记录.md"),
    ("undecodable", ["extract", "乱码记录.txt"], {"乱码记录.txt": NO_ENCODING}, "乱码记录.txt"),
    ("corrupt-docx", ["extract", "例会纪要.docx"], {"例会纪要.docx": BROKEN_ZIP}, "例会纪要.docx"),
    ("old-doc-renamed", ["extract", "例会纪要.docx"], {"例会纪要.docx": OLD_DOC}, "例会纪要.docx"),
    ("too-large", ["extract", "全年记录.txt"], {"全年记录.txt": ("会议记录" * 130_000).encode()}, "全年记录.txt"),
    ("folder", ["extract", "记录"], {"记录/说明.txt": NOTES.encode()}, "记录"),
    ("bad-extraction", ["render", "改过的.json", "--markdown", "纪要.md"],
     {"改过的.json": b'{"decisions": 5}'}, "改过的.json"),
    ("broken-extraction-json", ["render", "改过的.json", "--markdown", "纪要.md"],
     {"改过的.json": b'{"decisions": [}'}, "改过的.json"),
    ("missing-extraction", ["render", "导出.json", "--markdown", "纪要.md"], {}, "导出.json"),
    ("output-suffix", ["render", "例会.json", "--minutes", "纪要.pdf"], {"例会.json": EXTRACTION}, "纪要.pdf"),
    ("lint-config-toml", ["lint", "--config", "检查设置.toml", "例会.txt"],
     {"检查设置.toml": b'disable = ["subjective"\n', "例会.txt": NOTES.encode()}, "检查设置.toml"),
    ("lint-config-rule", ["lint", "--config", "检查设置.toml", "例会.txt"],
     {"检查设置.toml": b'disable = ["no-such-rule"]\n', "例会.txt": NOTES.encode()}, "检查设置.toml"),
    ("lint-config-missing", ["lint", "--config", "没有的设置.toml", "例会.txt"],
     {"例会.txt": NOTES.encode()}, "没有的设置.toml"),
    ("template-not-docx", ["render", "例会.json", "--minutes", "纪要.docx", "--template", "公司模板.docx"],
     {"例会.json": EXTRACTION, "公司模板.docx": b"not a Word file"}, "公司模板.docx"),
    ("template-unknown-variable", ["render", "例会.json", "--minutes", "纪要.docx", "--template", "公司模板.docx"],
     {"例会.json": EXTRACTION, "公司模板.docx": word_file(["{{ meeting.title }}", "{{ os }}"])}, "公司模板.docx"),
    ("template-missing", ["render", "例会.json", "--minutes", "纪要.docx", "--template", "旧模板.docx"],
     {"例会.json": EXTRACTION}, "旧模板.docx"),
    ("holidays-file", ["extract", "--holidays", "公司假期.yaml", "例会.txt"],
     {"公司假期.yaml": "holidays:\n  - 2025-13-01\n".encode(), "例会.txt": NOTES.encode()}, "公司假期.yaml"),
]


@pytest.mark.parametrize(("args", "files", "named"), [c[1:] for c in CLI_CASES], ids=[c[0] for c in CLI_CASES])
def test_errors_in_chinese_cli_names_the_file(tmp_path, args, files, named):
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    done = subprocess.run([sys.executable, "-m", "minutes", *args], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert named in done.stderr
    assert HAN.search(said_besides(done.stderr, *files, *args)), done.stderr


# --------------------------------------------------------------------------- #
# The HTTP API, through a real server
# --------------------------------------------------------------------------- #
MAX_UPLOAD = 4000

HTTP_CASES = [
    # id, endpoint, uploaded name, bytes, status, code
    ("unsupported", "/api/v1/extract", "扫描件.pdf", b"%PDF-1.7\n", 415, "unsupported"),
    ("empty", "/api/v1/extract", "空白记录.txt", b"", 422, "empty"),
    ("whitespace", "/api/v1/lint", "空白记录.md", "\n　　\n".encode(), 422, "empty"),
    ("undecodable", "/api/v1/extract", "乱码记录.txt", NO_ENCODING, 422, "encoding"),
    ("corrupt-docx", "/api/v1/extract", "例会纪要.docx", BROKEN_ZIP, 422, "corrupt"),
    ("old-doc-renamed", "/api/v1/lint", "例会纪要.docx", OLD_DOC, 422, "corrupt"),
    ("too-large", "/api/v1/extract", "全年记录.txt", ("会议记录" * 400).encode(), 413, "too_large"),
    ("bad-extraction", "/api/v1/render", "改过的.json", b'{"action_items": [{"task": 7}]}', 422, "bad_json"),
    ("broken-extraction-json", "/api/v1/render", "改过的.json", b'{"decisions": [}', 422, "bad_json"),
    ("ledger-corrupt-docx", "/api/v1/ledger/meetings", "例会纪要.docx", BROKEN_ZIP, 422, "corrupt"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "MINUTES_MAX_UPLOAD_BYTES": str(MAX_UPLOAD), "MINUTES_PROCESSES": "1",
           "MINUTES_DB": str(tmp_path_factory.mktemp("ledger") / "ledger.db")}
    env.pop("MINUTES_API_TOKEN", None)
    process = subprocess.Popen([sys.executable, "-m", "minutes", "serve", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(base, process)
        yield base.rstrip("/")
    finally:
        process.terminate()
        process.wait(timeout=20)
        process.stderr.close()


@pytest.mark.parametrize(("endpoint", "name", "data", "status", "code"), [c[1:] for c in HTTP_CASES],
                         ids=[c[0] for c in HTTP_CASES])
def test_errors_in_chinese_http_names_the_file(server, endpoint, name, data, status, code):
    response = httpx.post(server + endpoint, files={"file": (name, data)}, timeout=60)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert name in error["message"]
    assert HAN.search(said_besides(error["message"], name)), error["message"]


@pytest.mark.parametrize(("endpoint", "content_type", "body", "status", "words"), [
    ("/api/v1/extract", "text/plain", "会议记录".encode(), 415, "不接受内容类型"),
    ("/api/v1/extract", "application/json", b'{"text": 5}', 422, "'text' 有误"),
    ("/api/v1/render", "application/json", b'{"text": "x", "extraction": {}}', 422, "其中一项"),
    ("/api/v1/extract", "multipart/form-data; boundary=b",
     b"--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n", 422, "'file' 字段"),
    ("/api/v1/deadline", "application/json", '{"text": "下周三", "ref_date": "昨天"}'.encode(), 422, "'ref_date' 有误"),
    ("/api/v1/render?document=minutes&format=xlsx", "application/json", ('{"text": "%s"}' % NOTES[:8]).encode(),
     422, "没有 'xlsx' 格式"),
], ids=["content-type", "field-type", "text-and-extraction", "no-file-field", "deadline-date", "output-format"])
def test_errors_in_chinese_http_request_problems(server, endpoint, content_type, body, status, words):
    response = httpx.post(server + endpoint, content=body, headers={"content-type": content_type}, timeout=60)
    assert response.status_code == status, response.text
    assert words in response.json()["error"]["message"]


# --------------------------------------------------------------------------- #
# The source: every message literal given to the MinutesError tree has Chinese in it
# --------------------------------------------------------------------------- #
class MessageCheck:
    """Follow the message of each call to an error class back to its literals, within its module.

    A message is a literal (str, f-string, or a sum with a literal part), a parameter
    of the enclosing function (then every call of that function in the module gives
    it), a call of a function in the module (then every ``return`` of it), a local
    name assigned a message, or ``exc.message`` (an error's own, checked where it was
    raised). Anything else is reported as unchecked, never passed.
    """

    def __init__(self, classes: set[str], tree: ast.Module):
        self.classes, self.tree = classes, tree
        self.functions = {f.name: f for f in ast.walk(self.tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
        self.enclosing: dict[ast.AST, Optional[ast.AST]] = {}
        self._enclose(self.tree, None)
        self._local_classes: dict[ast.AST, set[str]] = {}
        self.sites = 0

    def _enclose(self, node: ast.AST, function: Optional[ast.AST]) -> None:
        for child in ast.iter_child_nodes(node):
            self.enclosing[child] = function
            inner = child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            self._enclose(child, inner)

    def problems(self) -> Iterator[tuple[int, str]]:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and self._is_error_class(node.func, self.enclosing[node]):
                self.sites += 1
                message = node.args[0] if node.args else _keyword(node, "message")
                if message is None:
                    yield node.lineno, "no message"
                else:
                    yield from ((node.lineno, p) for p in self._judge(message, self.enclosing[node], set()))
            elif isinstance(node, ast.Call) and _is_warning_append(node):
                self.sites += 1
                yield from ((node.lineno, p) for p in self._judge(node.args[0], self.enclosing[node], set()))

    def _is_error_class(self, func: ast.AST, function: Optional[ast.AST]) -> bool:
        if _name(func) in self.classes:
            return True
        return isinstance(func, ast.Name) and function is not None and func.id in self._locals_holding_a_class(function)

    def _locals_holding_a_class(self, function: ast.AST) -> set[str]:
        """Names like ``error`` in ``error = error or BadExtraction``."""
        if function not in self._local_classes:
            self._local_classes[function] = {
                t.id for a in ast.walk(function) if isinstance(a, ast.Assign)
                and any(_name(n) in self.classes for n in ast.walk(a.value))
                for t in a.targets if isinstance(t, ast.Name)}
        return self._local_classes[function]

    def _judge(self, expr: ast.AST, function: Optional[ast.AST], seen: set) -> list[str]:
        if _literal(expr) is not None:
            text = _literal(expr)
            return [] if HAN.search(text) else [f"no Chinese in {text!r}"]
        if isinstance(expr, ast.Attribute) and expr.attr == "message":
            return []
        if isinstance(expr, ast.Name) and function is not None:
            key = (function.name, expr.id)
            if key in seen:
                return []
            seen = seen | {key}
            if expr.id in _parameters(function):
                return self._from_callers(function, expr.id, seen)
            values = [a.value for a in ast.walk(function) if isinstance(a, ast.Assign)
                      and any(isinstance(t, ast.Name) and t.id == expr.id for t in a.targets)]
            if values:
                return [p for v in values for p in self._judge(v, function, seen)]
        if isinstance(expr, ast.Call) and _name(expr.func) in self.functions:
            called = self.functions[_name(expr.func)]
            returns = [r.value for r in ast.walk(called) if isinstance(r, ast.Return) and r.value is not None]
            if returns and called.name not in {k[0] for k in seen}:
                seen = seen | {(called.name, "")}
                return [p for r in returns for p in self._judge(r, called, seen)]
        return [f"cannot follow the message {ast.unparse(expr)!r}"]

    def _from_callers(self, function: ast.AST, parameter: str, seen: set) -> list[str]:
        position = _parameters(function).index(parameter)
        found = []
        for call in ast.walk(self.tree):
            if isinstance(call, ast.Call) and _name(call.func) == function.name:
                shift = 1 if isinstance(call.func, ast.Attribute) and _parameters(function)[:1] in (["self"], ["cls"]) else 0
                given = _keyword(call, parameter)
                if given is None and 0 <= position - shift < len(call.args):
                    given = call.args[position - shift]
                if given is not None:
                    found.append(self._judge(given, self.enclosing[call], seen))
        if not found:
            return [f"{function.name}() forwards '{parameter}' but nothing in the module calls it"]
        return [p for problems in found for p in problems]


def _name(node: ast.AST) -> Optional[str]:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None


def _keyword(call: ast.Call, name: str) -> Optional[ast.AST]:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _parameters(function: ast.AST) -> list[str]:
    return [a.arg for a in function.args.posonlyargs + function.args.args + function.args.kwonlyargs]


def _is_warning_append(call: ast.Call) -> bool:
    """``….warnings.append(message)``: a warning a person reads in the output."""
    func = call.func
    return (isinstance(func, ast.Attribute) and func.attr == "append" and _name(func.value) == "warnings"
            and len(call.args) == 1)


def _literal(expr: ast.AST) -> Optional[str]:
    """The fixed text of a message literal (f-string holes left out), None if ``expr`` is no literal."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.JoinedStr):
        return "".join(v.value for v in expr.values if isinstance(v, ast.Constant))
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        parts = [_literal(expr.left), _literal(expr.right)]
        return None if parts == [None, None] else "".join(p or "" for p in parts)
    return None


def error_classes(trees: list[ast.Module]) -> set[str]:
    """MinutesError and every class that derives from it, in any module."""
    classes = {"MinutesError"}
    grew = True
    while grew:
        grew = False
        for node in (n for t in trees for n in ast.walk(t) if isinstance(n, ast.ClassDef)):
            if node.name not in classes and any(_name(b) in classes for b in node.bases):
                classes.add(node.name)
                grew = True
    return classes


# The one message the module cannot follow: a rendering process sends it back over a pipe.
# What the child sends is checked instead (the second item of each ("error", ...) it sends).
PIPED = {("render/budget.py", "cannot follow the message 'value'")}


def _piped_messages(tree: ast.Module) -> list[str]:
    sent = [n.elts[1] for n in ast.walk(tree) if isinstance(n, ast.Tuple) and len(n.elts) == 2
            and isinstance(n.elts[0], ast.Constant) and n.elts[0].value == "error"]
    assert sent, "no ('error', message) tuples found: the PIPED exception is stale"
    return [ast.unparse(m) for m in sent if not (_literal(m) and HAN.search(_literal(m)))
            and not (isinstance(m, ast.Attribute) and m.attr == "message")]


def package_trees() -> dict[str, ast.Module]:
    return {p.relative_to(PACKAGE).as_posix(): ast.parse(p.read_text(encoding="utf-8"), str(p))
            for p in sorted(PACKAGE.rglob("*.py"))}


def test_errors_in_chinese_every_message_literal_in_the_source_has_chinese():
    trees = package_trees()
    classes = error_classes(list(trees.values()))
    assert {"MinutesError", "UnsupportedInput", "TemplateError", "LedgerUnavailable", "InvalidRequest"} <= classes
    problems, sites, piped = [], 0, set()
    for path, tree in trees.items():
        check = MessageCheck(classes, tree)
        for line, problem in check.problems():
            if (path, problem) in PIPED:
                piped.add((path, problem))
                problems += [f"{path}: sent over the pipe: {m}" for m in _piped_messages(tree)]
            else:
                problems.append(f"{path}:{line}: {problem}")
        sites += check.sites
    assert problems == []
    assert piped == PIPED                  # the exception is still needed
    assert sites >= 130                    # the scan really saw the raise sites (138 today)


@pytest.mark.parametrize(("source", "expected"), [
    ("raise InputError('file not found')", ["no Chinese in 'file not found'"]),
    ("raise InputError(f'{name} is empty', source=name)", ["no Chinese in ' is empty'"]),
    ("raise InputError('“x”' + TAIL)", ["no Chinese in '“x”'"]),
    ("raise InputError(f'找不到文件“{name}”', source=name)", []),
    ("raise InputError(message='文件是空的')", []),
    ("def refuse(self, message):\n    raise InputError(message)\n"
     "def read(self):\n    self.refuse('too big')\n    self.refuse('太大')", ["no Chinese in 'too big'"]),
    ("def refuse(message):\n    raise InputError(message)", ["refuse() forwards 'message' but nothing in the module calls it"]),
    ("def why(x):\n    if x:\n        return '坏了'\n    return 'broken'\nraise InputError(why(1))",
     ["no Chinese in 'broken'"]),
    ("def load(error=None):\n    error = error or InputError\n    raise error('bad JSON')", ["no Chinese in 'bad JSON'"]),
    ("class Mine(InputError):\n    pass\nraise Mine('nope')", ["no Chinese in 'nope'"]),
    ("raise InputError(str(exc))", ["cannot follow the message 'str(exc)'"]),
    ("try:\n    pass\nexcept InputError as exc:\n    raise InputError(exc.message)", []),
    ("minutes.warnings.append(f'no date, counted from {day}')", ["no Chinese in 'no date, counted from '"]),
    ("raise ValueError('not a number')", []),
], ids=["plain", "f-string", "sum", "chinese", "keyword", "forwarded", "forwarded-nowhere", "helper-returns",
        "local-class", "subclass", "unfollowable", "passed-on", "warning", "not-ours"])
def test_errors_in_chinese_scan_finds_english_messages(source, expected):
    tree = ast.parse(source)
    classes = error_classes([ast.parse("class MinutesError(Exception): pass\nclass InputError(MinutesError): pass"), tree])
    assert [problem for _, problem in MessageCheck(classes, tree).problems()] == expected
