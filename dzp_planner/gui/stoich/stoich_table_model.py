"""Table model over the plan's reaction table: typed values in, computed columns out.

The plan stores one typed quantity per row; the derivation's table (`derivation.derive`)
gives the rest. What an entry does is the core's rule (`plan_edits.table_cell_changes`): typing into
equiv, amount, mass or volume replaces that row's quantity (one undo step), typing the
limiting row's amount rescales the table, typing back the value a cell shows changes nothing.
A bad entry never reaches the plan: the model keeps the last good value and reports the
message through `cellRejected`, which the panel shows beside the table.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from dzp_planner.core.document.plan import Component
from dzp_planner.core.errors import UserInputError
from dzp_planner.gui.document.plan_controller import PlanController

if TYPE_CHECKING:
    from dzp_planner.core.quantities.stoich import TableResult
    from dzp_planner.gui.document.plan_controller import DerivationChange

log = logging.getLogger(__name__)
_Index = QModelIndex | QPersistentModelIndex

# (key, header, tooltip)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("role", "Role", "limiting (the equivalents reference), reagent, catalyst, ligand, base, additive, solvent"),
    ("name", "Name", "Type to search the reagent database (name or synonym)"),
    ("smiles", "Structure", "SMILES; MW comes from it unless you type an MW"),
    ("mw", "MW", "g/mol of what you weigh (the salt's for a salt); type to override"),
    ("equiv", "Equiv", "Equivalents relative to the limiting row; typing sets the row by equivalents"),
    ("mmol", "Amount", "mmol of the free base; typing on the limiting row rescales the table"),
    ("mass_g", "Mass", "What to weigh (purity and salt included); type e.g. 5.0 g or 250 mg"),
    ("volume_ml", "Volume", "Neat liquid (from density), solution (from strength) or solvent; type e.g. 2.5 mL"),
    ("density", "Density", "g/mL, for liquids weighed by volume"),
    ("concentration", "Solution", "Strength of a reagent sold as a solution: 1.0 M, 250 mM, or by mass as 25 mg/mL, 10 % w/v, 5 g/L "
                                  "(turned into M with the row's MW); the loading of a resin-bound reagent, 2.3 mmol/g "
                                  "(the Mass is then the resin's); for the solvent, the target molarity"),
    ("purity", "Purity", "wt %"),
    ("salt", "Salt", "e.g. 2HCl: MW is the salt's, the amount is the free base's"),
    ("equiv_locked", "Lock", "Keep this row's equivalents when the scale changes"),
)
KEYS = tuple(c[0] for c in COLUMNS)
QUANTITY_COLUMNS = ("equiv", "mmol", "mass_g", "volume_ml")
ERROR_BRUSH = QBrush(QColor("#f8d7da"))
TYPED_BRUSH = QBrush(QColor("#e8f0fe"))


class StoichTableModel(QAbstractTableModel):
    cellRejected = Signal(str)  # a message for the chemist: what was wrong with the last entry

    def __init__(self, controller: PlanController) -> None:
        super().__init__()
        self.controller = controller
        self.table: TableResult | None = None  # computed on the first reload (after the first paint: it imports RDKit)
        controller.derivationChanged.connect(self._on_change)

    # -- keeping in step with the plan ----------------------------------------------------------
    def _recompute(self) -> None:
        from dzp_planner.core.document.derivation import derive

        self.table = derive(self.controller.plan).table

    def _on_change(self, change: DerivationChange) -> None:
        if change.replaced:
            self.reload()
            return
        if self.table is None:
            return
        if change.touches("components", "procedure"):
            # the rows the view knows are the previous table's: the plan has already changed
            rows_before = len(self.table.rows)
            self._recompute()
            if rows_before != len(self.table.rows):
                self.beginResetModel()
                self.endResetModel()
            elif rows_before:
                self.dataChanged.emit(self.index(0, 0), self.index(rows_before - 1, len(COLUMNS) - 1))

    def reload(self) -> None:
        self.beginResetModel()
        self._recompute()
        self.endResetModel()

    # -- Qt model interface ---------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.table is None else len(self.table.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section][2]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if KEYS[index.column()] == "equiv_locked":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def _row(self, index: _Index):
        return self.controller.plan.components[index.row()], self.table.rows[index.row()]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.table.rows):
            return None
        component, result = self._row(index)
        key = KEYS[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and key == "equiv_locked":
            return Qt.CheckState.Checked if component.equiv_locked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(component, result, key)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(component, result, key)
        if role == Qt.ItemDataRole.BackgroundRole:
            if result.errors and key in self._error_columns(result):
                return ERROR_BRUSH
            if key in QUANTITY_COLUMNS and self._typed_column(result) == key:
                return TYPED_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            messages = [m.text for m in result.errors + result.notes if key in self._error_columns(result) or m.field in (None, key)]
            return "\n".join(messages) or COLUMNS[index.column()][2]
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("role", "name", "smiles", "salt"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _typed_column(result) -> str:
        return {"mass": "mass_g", "amount": "mmol", "volume": "volume_ml", "equiv": "equiv", "concentration": "volume_ml"}.get(result.typed, "")

    def _error_columns(self, result) -> set[str]:
        fields = {m.field for m in result.errors}
        columns: set[str] = set()
        for field in fields:
            if field in (None, "quantity"):
                columns.update(QUANTITY_COLUMNS)
            elif field in KEYS:
                columns.add(field)
        return columns

    def _display(self, component: Component, result, key: str) -> str:
        if key in ("role", "name", "smiles", "salt"):
            return getattr(component, key)
        if key == "purity":
            return f"{component.purity:g} %"
        if key == "concentration":
            if component.role == "solvent" and self._typed_column(result) == "volume_ml" and result.typed == "concentration":
                return component.quantity
            return result.display("loading" if component.loading else "concentration")
        if key == "equiv_locked":
            return ""
        return result.display(key)

    def _edit_text(self, component: Component, result, key: str) -> str:
        if key in QUANTITY_COLUMNS and self._typed_column(result) == key:
            return component.quantity
        if key == "mw" and component.mw is not None:
            return f"{component.mw:g}"
        return self._display(component, result, key)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        from dzp_planner.core.document.plan_edits import table_cell_changes

        key = KEYS[index.column()]
        rows = self.controller.plan.get_section("components")
        row = rows[index.row()]
        try:
            if role == Qt.ItemDataRole.CheckStateRole and key == "equiv_locked":
                row.equiv_locked = Qt.CheckState(value) == Qt.CheckState.Checked
                text = f"{'Lock' if row.equiv_locked else 'Unlock'} equivalents of {row.name}"
            elif role != Qt.ItemDataRole.EditRole:
                return False
            else:
                shown = self._display(row, self.table.rows[index.row()], key) if index.row() < len(self.table.rows) else ""
                edit = table_cell_changes(self.controller.plan, index.row(), key, str(value), shown)
                if edit is None:  # the value the cell already shows: nothing to change
                    self.cellRejected.emit("")
                    return False
                text, changes = edit
                if set(changes) != {"components"}:  # a new reagent: the reaction follows it, one undo step
                    self.controller.edit_many(changes, text)
                    self.cellRejected.emit("")
                    return True
                rows = changes["components"]
        except UserInputError as exc:
            self.cellRejected.emit(f"{row.name or 'row ' + str(index.row() + 1)}, {COLUMNS[index.column()][1]}: {exc}")
            return False
        if rows == self.controller.plan.components:
            return False
        self.controller.edit("components", rows, text)
        self.cellRejected.emit("")
        return True

    # -- rows ----------------------------------------------------------------------------------
    def insert_row(self, position: int, component: Component | None = None) -> None:
        from dzp_planner.core.document.plan_edits import inserted_row

        try:
            rows = inserted_row(self.controller.plan, position, component)
        except UserInputError as exc:
            self.cellRejected.emit(str(exc))
            return
        self.controller.edit("components", rows, "Add a row")

    def remove_row(self, position: int) -> None:
        rows = self.controller.plan.get_section("components")
        if 0 <= position < len(rows):
            name = rows[position].name
            del rows[position]
            self.controller.edit("components", rows, f"Remove {name}")

    def move_row(self, position: int, delta: int) -> None:
        from dzp_planner.core.document.plan_edits import moved_row

        rows = moved_row(self.controller.plan, position, delta)
        if rows is not None:
            self.controller.edit("components", rows, f"Move {rows[position + delta].name}")
