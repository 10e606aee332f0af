"""The stoichiometry panel: the plan's reaction table.

First version: a read-only view of the rows as typed; live recomputation with units grows
here (see the stoichiometry issue).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QVBoxLayout, QWidget

from dzp_planner.gui.plan_controller import PlanController

_Index = QModelIndex | QPersistentModelIndex


class ComponentTableModel(QAbstractTableModel):
    COLUMNS = ("Role", "Name", "Quantity", "SMILES")

    def __init__(self, controller: PlanController) -> None:
        super().__init__()
        self.controller = controller
        controller.sectionChanged.connect(lambda s: self._reset() if s == "components" else None)
        controller.planReplaced.connect(self._reset)

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.controller.plan.components)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.controller.plan.components[index.row()]
        return (row.role, row.name, row.quantity, row.smiles)[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section]
        return None


class StoichiometryPanel(QWidget):
    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = ComponentTableModel(controller)
        self.table = QTableView(self)
        self.table.setObjectName("reactionTable")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def is_populated(self) -> bool:
        return self.model.rowCount() == len(self.controller.plan.components)

    def refresh(self) -> None:
        self.model._reset()
