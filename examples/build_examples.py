#!/usr/bin/env python3
"""Build examples/采购评审会.docx, a Word example with a form table and an action table.

    python examples/build_examples.py
"""
from pathlib import Path

from docx import Document

OUT = Path(__file__).resolve().parent / "采购评审会.docx"


def main() -> None:
    doc = Document()
    doc.add_heading("办公设备采购评审会会议纪要", 0)
    info = doc.add_table(rows=3, cols=4)
    info.style = "Table Grid"
    for row, cells in zip(info.rows, [["会议时间", "2024年3月6日 14:00-15:00", "会议地点", "行政楼302会议室"],
                                      ["主持人", "顾明", "记录人", "沈佳"],
                                      ["参会人员", "采购部：顾明、沈佳；财务部：严洁；IT部：陶磊", "缺席", "无"]]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    doc.add_heading("一、结论", 2)
    doc.add_paragraph("会议决定选用供应商乙。依据：综合评分最高，报价低于预算6%。", style="List Number")
    doc.add_heading("二、行动项", 2)
    rows = [["任务", "负责人", "配合", "截止时间", "优先级"],
            ["发出中标通知并启动合同谈判", "顾明", "严洁", "3月8日", "高"],
            ["完成合同法务审核", "待定", "—", "3月15日", "中"],
            ["制定旧设备回收方案", "IT部", "沈佳", "尽快", "低"]]
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.save(OUT)
    print(OUT)


if __name__ == "__main__":
    main()
