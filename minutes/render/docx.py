"""Word documents from docxtpl templates, rendered in a Jinja sandbox.

A template is a user's file, so it is treated as untrusted code in two layers:

1. ``check_template`` reads every part docxtpl would render (body, headers,
   footers, footnotes, document properties), after docxtpl's own tag clean-up,
   and refuses a tag that matches REFUSED_TAGS, that Jinja cannot parse, whose
   syntax tree reaches for internals (``_`` names, ``attr``, import/include), or
   that names a variable the context does not have. The message names the
   template file and quotes the tag.
2. Rendering then runs in an ImmutableSandboxedEnvironment (a
   SandboxedEnvironment that also forbids mutating the data) with StrictUndefined,
   no Jinja globals but ``range``, and capped repetition, so anything the check
   missed still fails as a TemplateError instead of running.
"""
from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError as JinjaError, TemplateSyntaxError, meta, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from lxml import etree

from ..errors import TemplateError
from ..model import Minutes
from ..resources import templates_dir
from .budget import render_within_budget
from .context import CONTEXT_KEYS, build_context

STYLES = {"standard": "minutes_standard.docx", "formal": "minutes_formal.docx"}
TRACKER = "tracker.docx"
BEIJING = timezone(timedelta(hours=8))
# (pattern over one tag's text, why it is refused); checked before Jinja parses anything.
REFUSED_TAGS = (
    (r"__|\.\s*_|\[\s*['\"]_", "它会访问 Python 的内部对象（以 '_' 开头的名字）"),
    (r"^\{%[-+]?\s*(import|from|include|extends)\b", "模板不能导入模块，也不能加载其他模板"),
    (r"\|\s*attr\b|\battr\s*\(", "'attr' 过滤器会按算出来的名字读取属性"),
    (r"\b(self|lipsum|cycler|joiner|namespace|dict)\b", "它用到了模板里没有提供的 Jinja 全局对象"),
    (r"\*\*", "不允许使用乘方运算符 **"),
)
REFUSED_NODES = (nodes.Import, nodes.FromImport, nodes.Include, nodes.Extends)
ALLOWED_GLOBALS = frozenset({"range", "loop"})
MAX_REPEAT = 10_000        # longest string or list a template may build with '*'
MAX_PROPERTY = 255         # characters in a Word core property (python-docx refuses more)
RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_OPENER = re.compile(r"\{[{%#]")
_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}
_XML = re.compile(r"<[^<>]+>")       # no "<" inside: a run of "<" is not rescanned from each


class _Sandbox(ImmutableSandboxedEnvironment):
    """No globals but range; ``'x' * 10**9`` fails instead of eating the memory."""

    intercepted_binops = frozenset({"*"})

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        sizes = [len(v) for v in (left, right) if isinstance(v, (str, list, tuple))]
        counts = [v for v in (left, right) if isinstance(v, int)]
        if sizes and counts and sizes[0] * max(counts[0], 0) > MAX_REPEAT:
            raise SecurityError(f"用 '*' 重复会得到长度超过 {MAX_REPEAT} 的文字或列表")
        return super().call_binop(context, operator, left, right)


def sandbox() -> _Sandbox:
    env = _Sandbox(undefined=StrictUndefined, autoescape=True)
    env.globals = {"range": env.globals["range"]}
    return env


# --------------------------------------------------------------------------- #
# Public
# --------------------------------------------------------------------------- #
def render_minutes(minutes: Minutes, *, template: Path | None = None, style: str = "standard",
                   review_notes: bool = False) -> bytes:
    if template:
        return render_users(Path(template), build_context(minutes, review_notes=review_notes))
    return render_template(shipped(style_file(style)), build_context(minutes, review_notes=review_notes))


def render_tracker(minutes: Minutes, *, template: Path | None = None, project: str | None = None) -> bytes:
    if template:
        return render_users(Path(template), build_context(minutes, project=project))
    return render_template(shipped(TRACKER), build_context(minutes, project=project))


def render_users(path: Path, context: dict[str, Any]) -> bytes:
    """A user's template: checked and rendered within the budget (render/budget.py), since docxtpl's
    own clean-up of a crafted file can take minutes before the check sees a tag."""
    if not path.is_file():
        raise TemplateError(f"找不到模板文件“{path.name}”，请检查路径和文件名", source=str(path))
    return render_within_budget(render_template, path, context)


def render_template(path: Path, context: dict[str, Any]) -> bytes:
    """Check, render and save one template; every failure is a TemplateError naming ``path``."""
    doc = open_template(path)
    check_loaded(doc, path)
    _render(doc, context, path)
    set_properties(doc.docx.core_properties, context)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def set_properties(props, context: dict[str, Any]) -> None:
    """Title, author (the recorder) and creation time (the meeting's) of this document, not the template's."""
    meeting = context["meeting"]
    now = datetime.now(timezone.utc).replace(microsecond=0)
    props.title, props.subject = _property(meeting["minutes_title"]), _property(meeting["title"])
    props.author = props.last_modified_by = _property(meeting["recorder"])
    props.comments, props.keywords, props.category, props.revision = "", "", "会议纪要", 1
    props.language = "zh-CN"
    props.created, props.modified = _meeting_time(meeting) or now, now


def _property(text: str) -> str:
    """Word's document properties hold 255 characters; the page itself keeps the whole text."""
    return text if len(text) <= MAX_PROPERTY else text[:MAX_PROPERTY - 1] + "…"


def _meeting_time(meeting: dict[str, Any]) -> datetime | None:
    """The meeting's start, Beijing time, as UTC (a document property is a UTC instant)."""
    if not meeting["date_iso"]:
        return None
    try:        # an edited extraction may carry any start time
        start = datetime.fromisoformat(f"{meeting['date_iso']}T{meeting['start_time'] or '00:00'}")
    except ValueError:
        return None
    return start.replace(tzinfo=BEIJING).astimezone(timezone.utc)


def check_template(path: Path) -> None:
    """Raise TemplateError if the template at ``path`` is unreadable or unsafe."""
    check_loaded(open_template(Path(path)), Path(path))


# --------------------------------------------------------------------------- #
# Loading
# --------------------------------------------------------------------------- #
def style_file(style: str) -> str:
    if style not in STYLES:
        accepted = "、".join(f"'{s}'" for s in STYLES)
        raise TemplateError(f"纪要样式 '{style}' 无效，可选：{accepted}")
    return STYLES[style]


def shipped(name: str) -> Path:
    path = templates_dir() / name
    if not path.is_file():
        raise TemplateError(f"自带的模板 '{name}' 不在 {templates_dir()} 中，安装不完整；"
                            "请重新安装 minutes，或运行 templates/build_templates.py", source=str(path))
    return path


def open_template(path: Path) -> DocxTemplate:
    if not path.is_file():
        raise TemplateError(f"找不到模板文件“{path.name}”，请检查路径和文件名", source=str(path))
    try:
        doc = DocxTemplate(path)
        doc.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError) as exc:
        raise TemplateError(f"模板“{path.name}”不是 Word .docx 文件（{exc}），请用 Word 另存为 .docx 后再试",
                            source=str(path)) from None
    return doc


# --------------------------------------------------------------------------- #
# The safety check
# --------------------------------------------------------------------------- #
def check_loaded(doc: DocxTemplate, path: Path) -> None:
    env = sandbox()
    for part, source in template_sources(doc):
        for tag in tags(source):
            _check_tag(tag, part, path)
        _check_tree(env, source, part, path)


def template_sources(doc: DocxTemplate) -> Iterator[tuple[str, str]]:
    """(part, Jinja source) for every part docxtpl renders, cleaned up the way docxtpl does."""
    yield "正文", _lines(doc.patch_xml(doc.get_xml()))
    for uri, kind in ((doc.HEADER_URI, "页眉"), (doc.FOOTER_URI, "页脚")):
        for _, part in doc.get_headers_footers(uri):
            yield kind, _lines(doc.patch_xml(doc.get_part_xml(part)))
    for part in doc.docx.part.package.parts:
        if part.content_type.endswith("wordprocessingml.footnotes+xml"):
            yield "脚注", _lines(doc.patch_xml(part.blob.decode("utf-8")))
    for prop in RENDERED_PROPERTIES:
        yield f"文档属性 '{prop}'", getattr(doc.docx.core_properties, prop) or ""


def _lines(xml: str) -> str:
    """One line per paragraph, as docxtpl feeds Jinja, so a line number finds the paragraph."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def tags(source: str) -> list[str]:
    """Every ``{{ … }}``, ``{% … %}`` and ``{# … #}``, shortest first, in one pass.

    A regular expression (``\\{\\{.*?\\}\\}``) would rescan to the end from every
    opener that has no closer: quadratic in a template of many ``{{``. Here a closer
    that is missing once is never looked for again.
    """
    found, missing, at = [], set(), 0
    while m := _OPENER.search(source, at):
        close = _CLOSER[m.group()]
        end = -1 if close in missing else source.find(close, m.end())
        if end < 0:
            missing.add(close)
            at = m.start() + 1
            continue
        found.append(source[m.start():end + 2])
        at = end + 2
    return found


def _check_tag(tag: str, part: str, path: Path) -> None:
    for pattern, reason in REFUSED_TAGS:
        if re.search(pattern, _text(tag)):
            _refuse(path, part, _text(tag), reason)


def _check_tree(env: _Sandbox, source: str, part: str, path: Path) -> None:
    try:
        tree = env.parse(source)
        for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter, *REFUSED_NODES)):
            if _unsafe(node):
                _refuse(path, part, _near(source, node.lineno), "它会访问 Python 的内部对象或其他模板")
        undeclared = meta.find_undeclared_variables(tree)   # compiles: finds `set loop = ...` and the like
    except TemplateSyntaxError as exc:
        raise TemplateError(f"模板“{path.name}”的{part}中有 Jinja 无法解析的标签 {_near(source, exc.lineno)}："
                            f"{exc.message}；请检查标签是否写完整、是否成对",
                            source=str(path)) from None
    unknown = sorted(undeclared - set(CONTEXT_KEYS) - ALLOWED_GLOBALS)
    if unknown:
        _refuse(path, part, _tag_naming(source, unknown[0]),
                f"'{unknown[0]}' 不是模板变量；可用的变量：{'、'.join(CONTEXT_KEYS)}")


def _unsafe(node: nodes.Node) -> bool:
    if isinstance(node, REFUSED_NODES):
        return True
    if isinstance(node, nodes.Getattr):
        return node.attr.startswith("_")
    if isinstance(node, nodes.Getitem):
        return isinstance(node.arg, nodes.Const) and str(node.arg.value).startswith("_")
    return node.name == "attr"


def _refuse(path: Path, part: str, tag: str, reason: str) -> None:
    raise TemplateError(f"模板“{path.name}”的{part}中有不允许的标签 {_short(tag)}：{reason}", source=str(path))


def _text(xml: str) -> str:
    return _XML.sub("", xml).strip()


def _short(text: str, limit: int = 80) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _near(source: str, lineno: int | None) -> str:
    """The tags (else the text) of the paragraph at ``lineno``."""
    lines = source.splitlines()
    line = lines[lineno - 1] if lineno and 0 < lineno <= len(lines) else ""
    return " ".join(_text(t) for t in tags(line)) or _text(line)


def _tag_naming(source: str, name: str) -> str:
    return next((_text(t) for t in tags(source) if re.search(rf"\b{re.escape(name)}\b", _text(t))), name)


# --------------------------------------------------------------------------- #
# Rendering
# --------------------------------------------------------------------------- #
def _render(doc: DocxTemplate, context: dict[str, Any], path: Path) -> None:
    try:
        doc.render(context, jinja_env=sandbox())
    except SecurityError as exc:
        raise TemplateError(f"模板“{path.name}”渲染时被安全限制拦下：{exc}", source=str(path)) from None
    except JinjaError as exc:
        raise TemplateError(f"模板“{path.name}”无法渲染（{exc.__class__.__name__}: {exc}）；请检查模板里的标签和变量名",
                            source=str(path)) from None
    except (etree.LxmlError, ValueError) as exc:
        raise TemplateError(f"模板“{path.name}”渲染出的 Word 文件已损坏（{exc}）；请检查标签有没有拆开表格或段落",
                            source=str(path)) from None
    except (TypeError, AttributeError, KeyError, IndexError, ArithmeticError) as exc:
        raise TemplateError(f"模板“{path.name}”渲染出错：{exc.__class__.__name__}: {exc}；"
                            "请检查模板里用到的过滤器和值的类型",
                            source=str(path)) from None
