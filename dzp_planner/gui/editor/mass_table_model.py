"""LCMS mass table (SM, mono, bis, iminium, quaternary) as a small read-only table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from dzp_planner.core.reactions.products import MassRow

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Species", "Formula", "MW", "Monoisotopic", "Look for (m/z)", "[M+2H]2+", "Note")


class MassTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[MassRow] = []

    def set_rows(self, rows: list[MassRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            ions = "\n".join(f"{name} {mz:.4f}" for name, mz in r.ions)
            return r.smiles + (f"\n{ions}" if ions else "") + (f"\n{r.note}" if r.note else "")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        first = f"{r.ions[0][0]} {r.ions[0][1]:.4f}" if r.ions else f"{r.observed_mz:.4f}"
        values = (r.species, r.formula, f"{r.mw:.2f}", f"{r.exact_mass:.4f}", first,
                  "" if r.m2h_plus is None else f"{r.m2h_plus:.4f}", r.note)
        return values[index.column()]
