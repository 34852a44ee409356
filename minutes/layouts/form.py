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
    """A form: label cells followed by value cells (2- or 4-column), or a plain grid."""
    units: list[Unit] = []
    for row in rows:
        cells = [c for c in row if c is not None]
        c = 0
        while c < len(cells):
            name, group = _cell_label(cells[c])
            if name and c + 1 < len(cells) and _cell_label(cells[c + 1])[0] is None:
                for unit in cell_units(cells[c + 1], index + len(units)):
                    unit.kind, unit.label, unit.label_group = "line", name, group
                    unit.label_words = cells[c].text.strip()
                    strip_label(unit, "meeting", "content", "record")
                    if unit.label != name and unit.label_group == "record":
                        unit.label, unit.label_group = name, group
                    units.append(unit)
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


def _cell_label(cell: Cell) -> tuple[Optional[str], Optional[str]]:
    match = field_of(cell.text.strip(), "meeting", "content", "record")
    return (match.field, match.group) if match else (None, None)

