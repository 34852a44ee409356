"""Label/value forms: a label cell followed by its value cell (2- or 4-column), or a plain grid.

The office forms of FORMS.md print 会议时间 | … | 地点 | … rows; each value cell's
lines become units labelled with the label cell's field.
"""
from __future__ import annotations

from typing import Optional

from ..labels import field_of
from ..model import Cell
from ..units import Unit, cell_units, strip_label


def form_units(rows, index: int) -> list[Unit]:
    """A form: label cells followed by value cells (2- or 4-column), labels across a row with
    their values in the row below (会议主题 | 时间 | 地点 over the values), or a plain grid."""
    units: list[Unit] = []
    r = 0
    while r < len(rows):
        if r + 1 < len(rows) and _labels_over_values(rows[r], rows[r + 1]):
            for label_cell, value_cell in zip(rows[r], rows[r + 1]):
                if label_cell is not None and value_cell is not None and value_cell.text.strip():
                    units.extend(_labelled(label_cell, value_cell, index + len(units)))
            r += 2
            continue
        units.extend(_row_units(rows[r], index + len(units)))
        r += 1
    return units


def _labels_over_values(top: list[Optional[Cell]], below: list[Optional[Cell]]) -> bool:
    """Every filled cell of the top row is a label, and the row below holds values, not labels."""
    labels = [c for c in top if c is not None and c.text.strip()]
    values = [c for c in below if c is not None and c.text.strip()]
    return len(labels) >= 2 and all(_cell_label(c)[0] for c in labels) and len(values) >= 2 \
        and sum(1 for c in values if _cell_label(c)[0]) * 2 < len(values)


def _row_units(row: list[Optional[Cell]], index: int) -> list[Unit]:
    """A row of label cells each followed by its value cell, or of plain cells."""
    units: list[Unit] = []
    cells = [c for c in row if c is not None]
    c = 0
    while c < len(cells):
        name, _ = _cell_label(cells[c])
        if name and c + 1 < len(cells) and _cell_label(cells[c + 1])[0] is None:
            units.extend(_labelled(cells[c], cells[c + 1], index + len(units)))
            c += 2
            continue
        for unit in cell_units(cells[c], index + len(units)):
            unit.kind = "line"
            strip_label(unit, "meeting", "content", "record")
            if unit.label is None:
                unit.kind = "form"      # a grid cell with no label: a caption or a blank to fill
            units.append(unit)
        c += 1
    return units


def _labelled(label_cell: Cell, value_cell: Cell, index: int) -> list[Unit]:
    """The value cell's lines, labelled with the label cell's field."""
    name, group = _cell_label(label_cell)
    units = []
    for unit in cell_units(value_cell, index):
        unit.kind, unit.label, unit.label_group = "line", name, group
        unit.label_words = label_cell.text.strip()
        strip_label(unit, "meeting", "content", "record")
        if unit.label != name and unit.label_group == "record":
            unit.label, unit.label_group = name, group
        units.append(unit)
    return units


def _cell_label(cell: Cell) -> tuple[Optional[str], Optional[str]]:
    match = field_of(cell.text.strip(), "meeting", "content", "record")
    return (match.field, match.group) if match else (None, None)

