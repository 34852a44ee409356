"""The action items as an Excel 任务跟踪表 (openpyxl), plus a 会议信息 sheet.

Sheet 任务跟踪: one row per action item; 计划完成日期 is a real Excel date; 状态 and
优先级 are drop-down lists; 是否滞后 is a formula Excel recomputes every day; rows
turn red (延期 or 滞后), yellow (进行中) or green (已完成) by conditional formatting;
the header row is frozen and filtered.
"""
from __future__ import annotations

import io
import unicodedata
from datetime import date, datetime
from typing import Any, Callable, Optional, Sequence

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Minutes
from .context import STATUSES, build_context, clean, parse_deadline

# (header, key in the context's action dict or a computed column, widest it may grow, in characters);
# long text wraps inside its width (an ID, a date or a drop-down never does). The widths add up to
# what A4 landscape prints at about 90%.
COLUMNS = (
    ("任务ID", "id", 19), ("任务", "task", 28), ("负责人", "owner", 10), ("部门", "department", 10),
    ("协作人", "collaborators", 12), ("计划完成日期", "due", 16), ("优先级", "priority", 7),
    ("状态", "status", 8), ("进度%", "progress", 7), ("是否滞后", "late", 9),
    ("风险/备注", "remarks", 18), ("来源会议", "source_meeting", 18),
)
HEADERS = tuple(c[0] for c in COLUMNS)
COL = {key: get_column_letter(i) for i, (_, key, _) in enumerate(COLUMNS, 1)}
PRIORITIES = ("高", "中", "低")
DATE_FORMAT, DATETIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
FONT = "微软雅黑"
MIN_WIDTH = 6
MEETING_WIDTHS = {1: 12, 2: 30, 3: 46, 4: 46}     # 会议信息: label, then three columns wide enough for text
MARGIN_INCHES = 0.4
LINE_POINTS = 13.5        # one line of 10 pt text
FILTER_BUTTON = 2          # header cells carry the autofilter arrow
# Row colours: (formula on the first data row, fill, font colour); the first match wins.
ROW_RULES = (
    ('OR(${status}2="延期",${late}2="是")', "FFC7CE", "9C0006"),
    ('${status}2="已完成"', "C6EFCE", "006100"),
    ('${status}2="进行中"', "FFEB9C", "9C5700"),
)
HEADER_FILL = PatternFill("solid", start_color="1F4E78", end_color="1F4E78")
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def render_tracker(minutes: Minutes, *, project: Optional[str] = None, actions: Optional[list[dict[str, Any]]] = None,
                   extra_sheets: Sequence[Callable[[Workbook], None]] = ()) -> bytes:
    """``actions`` replaces the rows' context (the ledger's tasks keep their own IDs, status and
    ``progress_ratio``); each of ``extra_sheets`` adds its sheet to the book (the ledger's history)."""
    context = build_context(minutes, project=project)
    book = Workbook()
    tracker_sheet(book.active, minutes, context["actions"] if actions is None else actions)
    meeting_sheet(book.create_sheet("会议信息"), context)
    for add_sheet in extra_sheets:
        add_sheet(book)
    book.properties.title = f"{context['meeting']['title']}任务跟踪表"
    book.properties.creator = context["meeting"]["recorder"] or "minutes"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- #
# 任务跟踪
# --------------------------------------------------------------------------- #
def tracker_sheet(ws: Worksheet, minutes: Minutes, actions: list[dict[str, Any]]) -> None:
    ws.title = "任务跟踪"
    header_row(ws, HEADERS)
    for row, (action, item) in enumerate(zip(actions, minutes.action_items), 2):
        write_row(ws, row, [_value(key, action, item.deadline) for _, key, _ in COLUMNS])
        ws[f"{COL['late']}{row}"] = late_formula(row)
        _formats(ws, row, item.deadline)
    last = len(actions) + 1
    if actions:
        _validations(ws, last)
        _row_colours(ws, last)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    fit_columns(ws, caps={i: c[2] for i, c in enumerate(COLUMNS, 1)})
    fit_rows(ws)
    print_setup(ws, title=f"{actions[0]['source_meeting'] if actions else ''} 任务跟踪表")


def _value(key: str, action: dict[str, Any], deadline: Optional[str]) -> Any:
    if key == "due":
        return parse_deadline(deadline)
    if key == "progress":
        return action.get("progress_ratio", 1 if action["status"] == "已完成" else 0)
    return action.get(key, "")


def late_formula(row: int) -> str:
    """是 when the plan date has passed and the task is not 已完成; no date is never late."""
    due, status = f"{COL['due']}{row}", f"{COL['status']}{row}"
    return f'=IF(AND({due}<>"",{due}<TODAY(),{status}<>"已完成"),"是","否")'


def _formats(ws: Worksheet, row: int, deadline: Optional[str]) -> None:
    due = parse_deadline(deadline)
    ws[f"{COL['due']}{row}"].number_format = DATETIME_FORMAT if isinstance(due, datetime) else DATE_FORMAT
    ws[f"{COL['progress']}{row}"].number_format = "0%"
    for key in ("id", "due", "priority", "status", "progress", "late"):
        ws[f"{COL[key]}{row}"].alignment = Alignment(horizontal="center", vertical="center")


def _validations(ws: Worksheet, last: int) -> None:
    for key, values, title in (("status", STATUSES, "状态"), ("priority", PRIORITIES, "优先级")):
        dv = list_validation(values, title)
        ws.add_data_validation(dv)
        dv.add(f"{COL[key]}2:{COL[key]}{last}")
    progress = DataValidation(type="decimal", operator="between", formula1="0", formula2="1",
                              showErrorMessage=True, errorTitle="进度无效", error="请输入 0% 到 100% 之间的数")
    ws.add_data_validation(progress)
    progress.add(f"{COL['progress']}2:{COL['progress']}{last}")


def list_validation(values: tuple[str, ...], title: str) -> DataValidation:
    return DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=False,
                          showErrorMessage=True, errorTitle=f"{title}无效",
                          error=f"请从下拉列表中选择：{'、'.join(values)}",
                          showInputMessage=True, promptTitle=title, prompt="、".join(values))


def _row_colours(ws: Worksheet, last: int) -> None:
    cells = f"A2:{get_column_letter(len(COLUMNS))}{last}"
    for formula, fill, font in ROW_RULES:
        rule = FormulaRule(formula=[formula.format(**COL)], stopIfTrue=True, font=Font(color=font),
                           fill=PatternFill("solid", start_color=fill, end_color=fill))
        ws.conditional_formatting.add(cells, rule)


# --------------------------------------------------------------------------- #
# 会议信息
# --------------------------------------------------------------------------- #
def meeting_sheet(ws: Worksheet, context: dict[str, Any]) -> None:
    """The meeting's facts (only those the notes give), its decisions and open questions, on one A4 page."""
    m = context["meeting"]
    info = [("会议名称", m["title"]), ("文号", m["doc_number"]), ("发文机关", m["office"]),
            ("会议日期", parse_deadline(m["date_iso"]) or ""), ("会议时间", m["time"]), ("会议地点", m["location"]),
            ("主持人", m["host"]), ("记录人", m["recorder"]), ("出席人员", m["attendance"]),
            ("列席人员", m["observers"]), ("缺席人员", m["absent"]), ("参会部门", m["departments"]),
            ("下次会议", m["next_meeting"]), ("分送", context["distribution"]), ("抄送", context["cc"]),
            ("来源文件", m["source"])]
    info = [pair for pair in info if pair[1] or pair[0] == "会议名称"]
    header_row(ws, ("项目", "内容"))
    ws.merge_cells("B1:D1")
    for row, pair in enumerate(info, 2):
        write_row(ws, row, list(pair))
        ws.merge_cells(f"B{row}:D{row}")
        if pair[0] == "会议日期":
            ws[f"B{row}"].number_format = DATE_FORMAT
            ws[f"B{row}"].alignment = Alignment(horizontal="left", vertical="center")
    next_row = _decisions_block(ws, len(info) + 3, context["decisions"])
    _list_block(ws, next_row, "未决事项", context["open_questions"] + context["risks"])
    ws.freeze_panes = "A2"
    for col, width in MEETING_WIDTHS.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    fit_rows(ws)
    print_setup(ws, title=f"{m['title']} 会议信息", pages_tall=1)


def _decisions_block(ws: Worksheet, top: int, decisions: list[dict[str, Any]]) -> int:
    header_row(ws, ("序号", "议题", "决议", "依据"), top)
    for row, d in enumerate(decisions, top + 1):
        write_row(ws, row, [d["no"], d["topic"], d["text"], "\n".join(d["rationale"])])
    return top + len(decisions) + 2


def _list_block(ws: Worksheet, top: int, title: str, entries: list[str]) -> None:
    if entries:
        header_row(ws, ("序号", title), top)
        for row, text in enumerate(entries, top + 1):
            write_row(ws, row, [row - top, text])


# --------------------------------------------------------------------------- #
# Cells, widths, printing
# --------------------------------------------------------------------------- #
def header_row(ws: Worksheet, headers: tuple[str, ...], row: int = 1) -> None:
    for col, text in enumerate(headers, 1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font = Font(name=FONT, bold=True, color="FFFFFF", size=10)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[row].height = 22


def write_row(ws: Worksheet, row: int, values: list[Any]) -> None:
    """Values as they are; text stays text even when it starts with '=' (no formula injection)."""
    for col, value in enumerate(values, 1):
        cell = ws.cell(row=row, column=col, value=clean(value) if isinstance(value, str) else value)
        if isinstance(value, str):
            cell.data_type = "s"
        cell.font = Font(name=FONT, size=10)
        cell.border = BORDER
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def display_width(text: str) -> int:
    """Columns a text needs: CJK and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _shown(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def fit_columns(ws: Worksheet, caps: dict[int, int]) -> None:
    """Each column as wide as its longest line up to its cap; text past the cap wraps."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            shown = "" if cell.data_type == "f" else _shown(cell.value)
            longest = max((display_width(line) for line in shown.splitlines()), default=0)
            longest += FILTER_BUTTON if cell.row == 1 else 0
            widths[cell.column] = max(widths.get(cell.column, 0), longest)
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(max(width + 2, MIN_WIDTH), caps.get(col, width + 2))


def fit_rows(ws: Worksheet, first: int = 2) -> None:
    """Each row tall enough for its wrapped text: Excel and LibreOffice do not grow rows written by a program."""
    spans = {(r.min_row, r.min_col): sum(_width_of(ws, c) for c in range(r.min_col, r.max_col + 1))
             for r in ws.merged_cells.ranges}
    for row in ws.iter_rows(min_row=first):
        lines = 1
        for cell in row:
            if cell.value is None or cell.data_type == "f" or not cell.alignment.wrap_text:
                continue
            room = max(spans.get((cell.row, cell.column), _width_of(ws, cell.column)) - 1, 1)
            lines = max(lines, sum(max(1, -(-display_width(part) // room)) for part in _shown(cell.value).split("\n")))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = lines * LINE_POINTS + 4


def _width_of(ws: Worksheet, column: int) -> float:
    return ws.column_dimensions[get_column_letter(column)].width or 8.43


def print_setup(ws: Worksheet, *, title: str, pages_tall: int = 0) -> None:
    """A4 landscape, one page wide (and ``pages_tall`` high, 0 = as many as needed), header row on
    every page, narrow margins, the title at the top and 第 N 页 / 共 M 页 at the foot."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, pages_tall
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    for side in ("left", "right"):
        setattr(ws.page_margins, side, MARGIN_INCHES)
    ws.print_title_rows = "1:1"
    ws.oddHeader.center.text = title.strip()
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
