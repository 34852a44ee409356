"""Readable markdown minutes from the same context the Word templates get."""
from __future__ import annotations

import re
from typing import Any

from ..model import Minutes
from .context import build_context

INFO_FIELDS = (("会议时间", "when"), ("会议地点", "location"), ("主持人", "host"), ("记录人", "recorder"),
               ("出席人员", "attendance"), ("列席人员", "observers"), ("缺席人员", "absent"), ("参会部门", "departments"))
ACTION_COLUMNS = (("序号", "no"), ("任务", "task"), ("负责人", "owner"), ("部门", "department"),
                  ("协作", "collaborators"), ("截止日期", "deadline"), ("优先级", "priority"))
NOTE_COLUMNS = (("序号", "no"), ("类别", "label"), ("原文", "words"), ("问题", "message"), ("建议", "suggestion"),
                ("位置", "where"))
_SPECIAL = re.compile(r"([\\`*\[\]<>|])")
_LEADING_MARK = re.compile(r"^([#>+-])")          # would start a heading, quote or list
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")      # would start a numbered list


def render_markdown(minutes: Minutes, *, review_notes: bool = False) -> str:
    """The notes' sections in order; each item once, in its section's table; only what the notes say."""
    c = build_context(minutes, review_notes=review_notes)
    m = c["meeting"]
    blocks = [f"# {md(m['minutes_title'])}", md(f"{m['office']}　{m['doc_number']}".strip("　")) if m["headed"] else "",
              info_list(m), md(m["lead"])]
    blocks += [topic_block(t) for t in c["topics"]]
    for title, entries in (("未决事项", c["open_questions"]), ("风险提示", c["risks"])):
        blocks += [f"## {title}", numbered(entries)] if entries else []
    if m["next_meeting"]:
        blocks.append(f"**下次会议**：{md(m['next_meeting'])}。")
    if c["review_notes"]:
        blocks += ["## 审阅意见", "> 定稿前处理并删除本节。", table(NOTE_COLUMNS, c["review_notes"])]
    blocks.append(footer(c))
    return "\n\n".join(b for b in blocks if b) + "\n"


def footer(c: dict[str, Any]) -> str:
    """分送 / 抄送 / 印发, each only as the notes give it."""
    m = c["meeting"]
    issued = "　".join(p for p in (m["office"], f"{m['issue_date']}印发" if m["issue_date"] else "") if p)
    lines = [f"{label}：{md(value)}" for label, value in (("分送", c["distribution"]), ("抄送", c["cc"]),
                                                         ("签发", c["issuer"]), ("印发", issued)) if value]
    return "  \n".join(lines)


def md(text: Any) -> str:
    """Inline text that markdown shows as written: markup characters escaped, one line."""
    text = _SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")
    return _LEADING_NUMBER.sub(r"\1\\\2", _LEADING_MARK.sub(r"\\\1", text))


def info_list(meeting: dict[str, Any]) -> str:
    return "\n".join(f"- **{label}**：{md(meeting[key])}" for label, key in INFO_FIELDS if meeting[key])


def topic_block(topic: dict[str, Any]) -> str:
    parts = [f"## {md(topic['heading'])}" if topic["heading"] else ""]
    parts += [md(p) for p in topic["paragraphs"] + topic["table_lines"]]
    if topic["decisions"]:
        parts += [f"**{topic['decision_label']}**" if topic["decision_label"] else "",
                  numbered([d["text"] for d in topic["decisions"]])]
    if topic["grounds"]:
        parts += ["**依据**", "\n".join(f"- {md(g)}" for g in topic["grounds"])]
    if topic["actions"]:
        parts += [f"**{topic['action_label']}**" if topic["action_label"] else "",
                  table(ACTION_COLUMNS, topic["actions"])]
    parts += [md(p) for p in topic["closing"]]
    return "\n\n".join(p for p in parts if p)


def numbered(lines: list[str]) -> str:
    return "\n".join(f"{i}. {md(line)}" for i, line in enumerate(lines, 1))


def table(columns: tuple[tuple[str, str], ...], rows: list[dict[str, Any]]) -> str:
    head = "| " + " | ".join(h for h, _ in columns) + " |"
    rule = "|" + "|".join("---" for _ in columns) + "|"
    body = ["| " + " | ".join(md(row[key]) for _, key in columns) + " |" for row in rows]
    return "\n".join([head, rule, *body])
