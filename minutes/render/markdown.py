"""Readable markdown minutes from the same context the Word templates get."""
from __future__ import annotations

import re
from typing import Any

from ..model import Minutes
from .context import build_context

INFO_FIELDS = (("会议时间", "when"), ("会议地点", "location"), ("主持人", "host"), ("记录人", "recorder"),
               ("参会人员", "attendees"), ("参会部门", "departments"), ("请假人员", "absent"))
ACTION_COLUMNS = (("序号", "no"), ("任务", "task"), ("负责人", "owner"), ("部门", "department"),
                  ("协作", "collaborators"), ("截止日期", "deadline"), ("优先级", "priority"), ("状态", "status"))
NOTE_COLUMNS = (("序号", "no"), ("类别", "label"), ("规则", "rule"), ("原文", "words"), ("问题", "message"),
                ("建议", "suggestion"), ("位置", "where"))
_SPECIAL = re.compile(r"([\\`*\[\]<>|])")
_LEADING_MARK = re.compile(r"^([#>+-])")          # would start a heading, quote or list
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")      # would start a numbered list


def render_markdown(minutes: Minutes, *, review_notes: bool = False) -> str:
    c = build_context(minutes, review_notes=review_notes)
    blocks = [f"# {md(c['meeting']['minutes_title'])}", info_list(c["meeting"])]
    blocks += [topic_block(t) for t in c["topics"]]
    blocks += ["## 行动项", table(ACTION_COLUMNS, c["actions"]) if c["actions"] else "无。"]
    blocks += ["## 未决事项", numbered(c["open_questions"]) or "无。"]
    if c["risks"]:
        blocks += ["## 风险提示", numbered(c["risks"])]
    if c["review_notes"]:
        blocks += ["## 审阅意见", "> 定稿前处理并删除本节。", table(NOTE_COLUMNS, c["review_notes"])]
    blocks.append(f"分发范围：{md(c['distribution'])}")
    return "\n\n".join(b for b in blocks if b) + "\n"


def md(text: Any) -> str:
    """Inline text that markdown shows as written: markup characters escaped, one line."""
    text = _SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")
    return _LEADING_NUMBER.sub(r"\1\\\2", _LEADING_MARK.sub(r"\\\1", text))


def info_list(meeting: dict[str, Any]) -> str:
    return "\n".join(f"- **{label}**：{md(meeting[key])}" for label, key in INFO_FIELDS if meeting[key])


def topic_block(topic: dict[str, Any]) -> str:
    parts = [f"## {md(topic['heading'])}"]
    if topic["decisions"]:
        parts += ["**结论**", numbered([d["text"] for d in topic["decisions"]])]
    if topic["grounds"]:
        parts += ["**依据**", "\n".join(f"- {md(g)}" for g in topic["grounds"])]
    if topic["actions"]:
        parts += ["**待办**", numbered([f"{a['task']}（负责人：{a['owner_full']}；截止：{a['deadline']}）"
                                        for a in topic["actions"]])]
    return "\n\n".join(parts)


def numbered(lines: list[str]) -> str:
    return "\n".join(f"{i}. {md(line)}" for i, line in enumerate(lines, 1))


def table(columns: tuple[tuple[str, str], ...], rows: list[dict[str, Any]]) -> str:
    head = "| " + " | ".join(h for h, _ in columns) + " |"
    rule = "|" + "|".join("---" for _ in columns) + "|"
    body = ["| " + " | ".join(md(row[key]) for _, key in columns) + " |" for row in rows]
    return "\n".join([head, rule, *body])
