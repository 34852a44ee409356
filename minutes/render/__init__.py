"""Documents from Minutes: Word minutes and tracker, Excel tracker, markdown, iCalendar, JSON.

    render_minutes_docx   Word minutes from templates/minutes_standard.docx or _formal.docx
    render_tracker_docx   the action items as a Word table (templates/tracker.docx)
    render_tracker_xlsx   the action items as an Excel 任务跟踪表
    render_markdown       readable markdown minutes
    render_ics            the action items as iCalendar to-dos
    render_json           Minutes.to_dict() as JSON
    write_outputs         several of these at once, each file written atomically

Word templates are user-replaceable and rendered in a Jinja sandbox; see
minutes/render/docx.py and docs/templates.md.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import MinutesError
from ..model import Minutes
from . import docx as _docx
from . import ics as _ics
from . import markdown as _markdown
from . import xlsx as _xlsx

__all__ = ["render_minutes_docx", "render_tracker_docx", "render_tracker_xlsx", "render_markdown",
           "render_ics", "render_json", "write_outputs", "OUTPUT_SUFFIXES"]

# Which suffixes each output key accepts, in the order they are offered in messages.
OUTPUT_SUFFIXES = {
    "minutes": (".docx", ".md"),
    "tracker": (".xlsx", ".docx"),
    "markdown": (".md",),
    "ics": (".ics",),
    "json": (".json",),
}


def render_minutes_docx(minutes: Minutes, *, template: Path | None = None, style: str = "standard",
                        review_notes: bool = False) -> bytes:
    return _docx.render_minutes(minutes, template=template, style=style, review_notes=review_notes)


def render_tracker_docx(minutes: Minutes, *, template: Path | None = None, project: str | None = None) -> bytes:
    return _docx.render_tracker(minutes, template=template, project=project)


def render_tracker_xlsx(minutes: Minutes, *, project: str | None = None) -> bytes:
    return _xlsx.render_tracker(minutes, project=project)


def render_markdown(minutes: Minutes, *, review_notes: bool = False) -> str:
    return _markdown.render_markdown(minutes, review_notes=review_notes)


def render_ics(minutes: Minutes) -> str:
    return _ics.render_ics(minutes)


def render_json(minutes: Minutes) -> str:
    return json.dumps(minutes.to_dict(), ensure_ascii=False, indent=2)


def write_outputs(minutes: Minutes, outputs: dict[str, Path], *, template: Path | None = None,
                  style: str = "standard", project: str | None = None, review_notes: bool = False) -> list[Path]:
    """Render each requested output and write it atomically; nothing is written if any path is unsupported."""
    options = {"template": template, "style": style, "project": project, "review_notes": review_notes}
    plan = [(Path(path), renderer(key, Path(path))) for key, path in outputs.items()]
    written = []
    for path, render in plan:
        write_atomically(path, render(minutes, options))
        written.append(path)
    return written


def renderer(key: str, path: Path) -> Callable[[Minutes, dict], bytes]:
    """The function that makes output ``key`` as a file like ``path``; MinutesError naming it if none does."""
    if key not in OUTPUT_SUFFIXES:
        keys = "、".join(f"'{k}'" for k in OUTPUT_SUFFIXES)
        raise MinutesError(f"'{key}' 不是可生成的文档；可选：{keys}", source=str(path))
    suffix = path.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES[key]:
        accepted = " 或 ".join(OUTPUT_SUFFIXES[key])
        raise MinutesError(f"“{path.name}”的扩展名不能用于 --{key}：应为 {accepted}", source=str(path))
    return _RENDERERS[(key, suffix)]


_RENDERERS: dict[tuple[str, str], Callable[[Minutes, dict], bytes]] = {
    ("minutes", ".docx"): lambda m, o: render_minutes_docx(
        m, template=o["template"], style=o["style"], review_notes=o["review_notes"]),
    ("minutes", ".md"): lambda m, o: render_markdown(m, review_notes=o["review_notes"]).encode("utf-8"),
    ("markdown", ".md"): lambda m, o: render_markdown(m, review_notes=o["review_notes"]).encode("utf-8"),
    ("tracker", ".xlsx"): lambda m, o: render_tracker_xlsx(m, project=o["project"]),
    ("tracker", ".docx"): lambda m, o: render_tracker_docx(m, project=o["project"]),
    ("ics", ".ics"): lambda m, o: render_ics(m).encode("utf-8"),
    ("json", ".json"): lambda m, o: (render_json(m) + "\n").encode("utf-8"),
}


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then replace: a reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise MinutesError(f"无法在“{path.parent}”中写入“{path.name}”（{exc.strerror}），"
                           "请检查文件夹能否创建、是否有写入权限", source=str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temp, path)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise MinutesError(f"无法写入“{path.name}”（{exc.strerror}），请检查磁盘空间和写入权限",
                               source=str(path)) from None
        raise
