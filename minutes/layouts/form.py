"""Label/value forms: a label cell followed by its value cell (2- or 4-column), or a plain grid.

The office forms of FORMS.md print 会议时间 | … | 地点 | … rows; each value cell's
lines become units labelled with the label cell's field.
"""
from __future__ import annotations

from typing import Optional

from ..labels import field_of
from ..model import Cell
from ..units import Unit, bare_label, cell_units, strip_label


def form_units(rows, index: int) -> list[Unit]:
    """A form: label cells followed by value cells (2- or 4-column), labels across a row with
    their values in the row below (会议主题 | 时间 | 地点 over the values), or a plain grid."""
    units: list[Unit] = []
    labels = _CellLabels()
    single = max(len(row) for row in rows) == 1
    r = 0
    while r < len(rows):
        if r + 1 < len(rows) and _labels_over_values(rows[r], rows[r + 1], labels):
            for label_cell, value_cell in zip(rows[r], rows[r + 1]):
                if label_cell is not None and value_cell is not None and value_cell.text.strip():
                    units.extend(_labelled(label_cell, value_cell, index + len(units), labels))
            r += 2
            continue
        units.extend(_row_units(rows[r], index + len(units), labels, single=single))
        r += 1
    return units


class _CellLabels:
    """What each cell's words name as a label, (field, group) or (None, None), worked out once per
    cell: a cell is asked several times (is the row all labels, is the next cell a value, what is it)."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[Optional[str], Optional[str]]] = {}     # id(cell): the rows keep the cells

    def __getitem__(self, cell: Cell) -> tuple[Optional[str], Optional[str]]:
        found = self._known.get(id(cell))
        if found is None:
            match = field_of(cell.text.strip(), "meeting", "content", "record")
            found = self._known[id(cell)] = (match.field, match.group) if match else (None, None)
        return found


def _labels_over_values(top: list[Optional[Cell]], below: list[Optional[Cell]], labels: _CellLabels) -> bool:
    """Every filled cell of the top row is a label, and the row below holds values, not labels."""
    named = [c for c in top if c is not None and c.text.strip()]
    values = [c for c in below if c is not None and c.text.strip()]
    return len(named) >= 2 and all(labels[c][0] for c in named) and len(values) >= 2 \
        and sum(1 for c in values if labels[c][0]) * 2 < len(values)


def _row_units(row: list[Optional[Cell]], index: int, labels: _CellLabels, single: bool = False) -> list[Unit]:
    """A row of label cells each followed by its value cell (or by several: one per agenda item
    side by side, 结论 | 议程1的结论 | 议程2的结论), or of plain cells. In a one-column table each
    cell is a line of a list, and a cell that is only a label heads the cells below it."""
    units: list[Unit] = []
    cells = [c for c in row if c is not None]
    c = 0
    while c < len(cells):
        name, _ = labels[cells[c]]
        values = _values_after(cells, c, labels) if name else []
        if values:
            for value in values:
                units.extend(_labelled(cells[c], value, index + len(units), labels))
            c += 1 + len(values)
            continue
        for unit in cell_units(cells[c], index + len(units)):
            unit.kind = "line"
            strip_label(unit, "meeting", "content", "record")
            if unit.label is None and single:
                bare_label(unit)        # 行动项（责任人/截止日期） over its list
            elif unit.label is None:
                unit.kind = "form"      # a grid cell with no label: a caption or a blank to fill
            units.append(unit)
        c += 1
    return units


def _values_after(cells: list[Cell], c: int, labels: _CellLabels) -> list[Cell]:
    """The value cells after a label cell: the next one, or all the rest when none of them is a label
    and the label names content (结论, 依据, 待办 across agenda columns)."""
    rest = cells[c + 1:]
    if not rest or labels[rest[0]][0] is not None:
        return []
    if len(rest) > 1 and labels[cells[c]][1] == "content" and all(labels[v][0] is None for v in rest):
        return rest
    return rest[:1]


def _labelled(label_cell: Cell, value_cell: Cell, index: int, labels: _CellLabels) -> list[Unit]:
    """The value cell's lines, labelled with the label cell's field."""
    name, group = labels[label_cell]
    units = []
    for unit in cell_units(value_cell, index):
        unit.kind, unit.label, unit.label_group = "line", name, group
        unit.label_words = label_cell.text.strip()
        strip_label(unit, "meeting", "content", "record")
        if unit.label != name and unit.label_group == "record":
            unit.label, unit.label_group = name, group
        units.append(unit)
    return units
