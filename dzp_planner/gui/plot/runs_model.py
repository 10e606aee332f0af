"""The measured runs of a plan as an editable table (one row per run).

Every edit is a plan edit through `plan_edits.result_changes`, so recording a run refits k2/k1
in the same undoable step. A cell that cannot be read keeps its old value and the panel says
why (`message`), as the reaction table does.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from dzp_planner.core.document.plan import ANALYSES, ATMOSPHERES, TrialRun
from dzp_planner.core.errors import UserInputError
from dzp_planner.gui.document.plan_controller import PlanController

Index = QModelIndex | QPersistentModelIndex

# (field, header, tooltip)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("equiv", "equiv", "Equivalents of electrophile charged; empty: the reaction table's"),
    ("analysis", "analysis", "How the crude was measured: " + ", ".join(ANALYSES)),
    ("sm", "SM", "SM area, integral or amount; empty when SM cannot be seen (the diamine has no UV chromophore): "
                 "mono:bis and the equivalents then fit k2/k1"),
    ("mono", "mono", "mono area, integral or amount"),
    ("bis", "bis", "bis area, integral or amount"),
    ("rf_sm", "RF SM", "Response factor of SM (area per mole, relative): UV areas are not moles"),
    ("rf_mono", "RF mono", "Response factor of mono: a Boc group adds no UV chromophore, a benzyl does"),
    ("rf_bis", "RF bis", "Response factor of bis"),
    ("sigma", "± pts", "Uncertainty of each number, in area-% points (1 by default)"),
    ("date", "date", "Date of the run"),
    ("atmosphere", "atm.", "The gas over the flask: air, N2, Ar or CO2 (ambient CO2 forms carbamates with amines; "
                           "the fit says when runs under different atmospheres are pooled)"),
    ("note", "note", "What else the chemist wants to remember"),
)
KEYS = tuple(c[0] for c in COLUMNS)
OPTIONAL = ("equiv", "sm", "mono", "bis")  # may be left empty
SHOWN_CHARACTERS = 80  # of a long note in its cell (the whole note in the editor, its start in the tooltip)
POSITIVE = ("rf_sm", "rf_mono", "rf_bis", "sigma", "equiv")


class RunsTableModel(QAbstractTableModel):
    message = Signal(str)  # why a cell was refused ("" when an edit went through)

    def __init__(self, controller: PlanController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._rows = len(controller.plan.results)
        controller.derivationChanged.connect(lambda change: self._reset() if change.touches("results") else None)

    def _reset(self) -> None:
        """The same runs, edited: their cells change (the current cell and an open editor stay, so Tab and
        Enter go on to the next cell); another number of runs: a reset."""
        rows = len(self.controller.plan.results)
        if rows == self._rows and rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, len(COLUMNS) - 1))
            return
        self._rows = rows
        self.beginResetModel()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.controller.plan.results)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section][1]
            if role == Qt.ItemDataRole.ToolTipRole:
                return COLUMNS[section][2]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return f"run {section + 1}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        runs = self.controller.plan.results
        if not index.isValid() or index.row() >= len(runs):
            return None
        key = KEYS[index.column()]
        value = getattr(runs[index.row()], key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if value is None:
                return "" if role == Qt.ItemDataRole.EditRole or key != "equiv" else "(table)"
            text = f"{value:g}" if isinstance(value, float) else str(value)
            if role == Qt.ItemDataRole.DisplayRole and len(text) > SHOWN_CHARACTERS:
                # a 100 k-character note laid out in a cell held the window ~1 s: the cell shows its start
                return text[:SHOWN_CHARACTERS].rstrip() + "…"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in ("note", "date") and isinstance(value, str) and len(value) > SHOWN_CHARACTERS:
                return value[:2000] + ("…" if len(value) > 2000 else "")
            return COLUMNS[index.column()][2]
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = KEYS[index.column()]
        try:
            parsed = _parse(key, str(value))
        except ValueError as exc:
            self.message.emit(f"Run {index.row() + 1}, {COLUMNS[index.column()][1]}: {exc}")
            return False
        runs = [dataclasses.replace(r) for r in self.controller.plan.results]
        if getattr(runs[index.row()], key) == parsed:
            return False
        runs[index.row()] = dataclasses.replace(runs[index.row()], **{key: parsed})
        self.record(runs, f"Edit run {index.row() + 1}")
        return True

    def record(self, runs: list[TrialRun], text: str) -> None:
        from dzp_planner.core.document.plan_edits import result_changes

        try:
            changes = result_changes(self.controller.plan, runs)
        except UserInputError as exc:  # the runs table stops at the plan's limit, with the reason
            self.message.emit(str(exc))
            return
        self.message.emit("")
        self.controller.edit_many(changes, text)


def _parse(key: str, text: str) -> Any:
    text = text.strip()
    if key in ("date", "note"):
        return text[:500]
    if key == "atmosphere":
        spelled = {"nitrogen": "N2", "argon": "Ar", "co2": "CO2", "n2": "N2", "ar": "Ar", "air": "air", "": ""}
        found = spelled.get(text.lower(), next((a for a in ATMOSPHERES if a.lower() == text.lower()), None))
        if found is None:
            raise ValueError(f"choose one of {', '.join(a for a in ATMOSPHERES if a)} (or leave it empty)")
        return found
    if key == "analysis":
        match = next((a for a in ANALYSES if a.lower() == text.lower()), None)
        if match is None:
            raise ValueError(f"choose one of {', '.join(ANALYSES)}")
        return match
    if not text:
        if key in OPTIONAL:
            return None
        return 1.0  # a factor or an uncertainty cleared: back to its default
    try:
        number = float(text.replace(",", ".").rstrip("%").strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None
    if not math.isfinite(number) or number < 0 or (key in POSITIVE and number == 0):
        raise ValueError(f"{text} must be a number {'greater than 0' if key in POSITIVE else '≥ 0'}")
    return number
