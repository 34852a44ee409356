"""Column tables: a header row, then one record per row (任务 | 负责人 | 截止时间 …).

A table is a record table when its first row names item fields; otherwise it is
a form (see form.py). Each cell becomes units; each row a `Record` mapping the
header's field to the cell's unit.
"""
from __future__ import annotations

import re
from typing import Optional

from ..labels import field_of
from ..model import Cell, Table
from ..units import Record, Unit, cell_units, label_field
from .form import form_units

# --------------------------------------------------------------------------- #
def table_units(table: Table, index: int) -> tuple[list[Unit], list[Record]]:
    rows = [[c for c in row] for row in table.rows if any(c and c.text.strip() for c in row)]
    if not rows:
        return [], []
    header = _header_fields(rows[0])
    if header and len(rows) > 1:
        header = [name if name is None or name not in header[:c] else f"{name}#{c + 1}"
                  for c, name in enumerate(header)]
        return _record_units(rows, header, index, table)
    return form_units(rows, index), []


def _column_field(text: str) -> Optional[str]:
    """A header cell's field; a combined header (责任人及完成时限) gives "owner+deadline"."""
    parts = [p for p in re.split(r"及|和|与|、|/|＆|&|\+", text.strip()) if p.strip()]
    names = [label_field(p, "record") for p in parts] if len(parts) > 1 else []
    if names and all(names) and len(set(names)) > 1:
        return "+".join(names)
    match = field_of(text, "record", "content", "meeting")
    return match.field if match else None


def _header_fields(row: list[Optional[Cell]]) -> Optional[list[Optional[str]]]:
    """Canonical fields of a header row, or None when the row is not a header."""
    names = [_column_field(c.text) if c else None for c in row]
    known = [part for n in names if n for part in n.split("+")]
    wanted = {"task", "owner", "deadline", "decision", "topic", "result", "attendees", "owner_department"}
    if len(known) >= 2 and wanted & set(known) and len(known) >= len([c for c in row if c]) / 2:
        return names
    return None


def _record_units(rows, header, index, table: Table) -> tuple[list[Unit], list[Record]]:
    units: list[Unit] = []
    records: list[Record] = []
    status = _has_progress(rows, header)
    for r, row in enumerate(rows[1:], start=2):
        record = Record(fields={}, table=table.location.table or 0, row=r, status_table=status)
        for c, cell in enumerate(row):
            if cell is None or not cell.text.strip():
                continue
            name = header[c] if c < len(header) else None
            for unit in cell_units(cell, index + len(units)):
                unit.record, unit.column = record, name
                units.append(unit)
                target = record.fields if name else record.extra
                key = name or f"col{c + 1}"
                if key not in target:
                    target[key] = unit
                else:
                    target[key] = _joined(target[key], unit)
        records.append(record)
    return units, records


def _has_progress(rows, header) -> bool:
    """A tracker of existing tasks: a progress/status column that is filled in."""
    columns = [c for c, name in enumerate(header) if name and name.split("#")[0] == "status"]
    return any(len(row) > c and row[c] is not None and row[c].text.strip() for row in rows[1:] for c in columns)


def _joined(first: Unit, more: Unit) -> Unit:
    """A multi-paragraph cell read as one field value (first paragraph's location)."""
    joined = Unit(text=first.text + "\n" + more.text, origin=first.origin, start=first.start,
                  index=first.index, kind="cell", record=first.record, column=first.column)
    return joined
