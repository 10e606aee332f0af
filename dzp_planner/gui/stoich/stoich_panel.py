"""The stoichiometry panel: the reaction table, what it adds up to, and the guide's rules as hints.

A thin view over `StoichTableModel` and the core's stoichiometry: every number shown comes
from `core.stoich`, every edit is one undoable step on the plan. Bad entries are refused at
the cell with a message under the table; the last good value stays.
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dzp_planner.core.document.plan import ROLES
from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.stoich.stoich_table_model import KEYS, StoichTableModel
from dzp_planner.gui.widgets.flow_layout import FlowLayout, labelled_field

if TYPE_CHECKING:
    from dzp_planner.gui.document.plan_controller import DerivationChange
    from dzp_planner.gui.stoich.addition_editor import AdditionEditor

log = logging.getLogger(__name__)


class RoleDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.addItems(ROLES)
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or "reagent")

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText())


class NameDelegate(QStyledItemDelegate):
    """A line edit that completes from the reagent database (names and synonyms)."""

    def createEditor(self, parent, option, index):
        from dzp_planner.core.reactions.reagents import default_store, shipped_reagents

        editor = QLineEdit(parent)
        store = default_store(create=False)
        mine = store.list() if store is not None else []
        names = sorted({n for r in (*mine, *shipped_reagents()) for n in (r.name, *r.synonyms)}, key=str.casefold)
        completer = QCompleter(names, editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        editor.setCompleter(completer)
        return editor


class _MessageLine(QLabel):
    """The red line under the table: it takes no room when there is nothing to say."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))


class StoichiometryPanel(QWidget):
    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = StoichTableModel(controller)
        self.table = QTableView(self)
        self.table.setObjectName("reactionTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(KEYS.index("role"), RoleDelegate(self.table))
        self.table.setItemDelegateForColumn(KEYS.index("name"), NameDelegate(self.table))
        # typing starts editing, as in a spreadsheet; arrows just move
        triggers = QTableView.EditTrigger
        self.table.setEditTriggers(triggers.AnyKeyPressed | triggers.DoubleClicked | triggers.EditKeyPressed | triggers.SelectedClicked)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.message = _MessageLine(self)
        self.message.setObjectName("stoichMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.model.cellRejected.connect(self.message.setText)
        self.summary = QLabel(self)
        self.summary.setObjectName("stoichSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.addition: AdditionEditor | None = None  # made on the first refresh: not on the first paint's path
        self.procedure = QTextBrowser(self)
        self.procedure.setObjectName("procedureView")
        self._build_toolbar()
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(self.toolbar)
        left_layout.addWidget(self.table, 1)
        self._left_layout = left_layout
        left_layout.addWidget(self.message)
        self.message.setText("")
        left_layout.addWidget(self.summary)
        splitter = self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.procedure)
        splitter.setSizes([820, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_selected, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("Insert"), self.table, self.add_row, context=Qt.ShortcutContext.WidgetShortcut)
        self._shown = False  # texts and column widths wait for the first show (start-up)
        controller.derivationChanged.connect(self._on_change)
        self.model.modelReset.connect(lambda: self._fit_columns() if self._shown else None)

    def _on_change(self, change: DerivationChange) -> None:
        if change.replaced:
            self.scale_edit.clear()  # the previous plan's "Scale to" is not this plan's
        if self._shown and change.touches("components", "procedure", "reaction", "model", "substrate"):
            self._update_texts()

    def _build_toolbar(self) -> None:
        self.toolbar = FlowLayout(spacing=4)  # wraps in a narrow dock instead of holding it wide
        for text, tip, slot, name in (
            ("Add row", "Add a reagent row (Insert)", self.add_row, "addRow"),
            ("Remove", "Remove the selected row (Delete)", self.remove_selected, "removeRow"),
            ("Up", "Move the selected row up", lambda: self._move(-1), "moveUp"),
            ("Down", "Move the selected row down", lambda: self._move(1), "moveDown"),
            ("Save as my reagent", "Keep the selected row's name, structure, MW, density and salt form in your reagent list",
             self.save_as_user_reagent, "saveReagent"),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            self.toolbar.addWidget(button)
        self.scale_edit = QLineEdit(self)
        self.scale_edit.setObjectName("scaleEdit")
        self.scale_edit.setPlaceholderText("2.0 mmol")
        self.scale_edit.setToolTip("Rescale the whole table: the limiting row takes this amount (\"2 mmol\"), or a named row does "
                                   "(\"Boc2O = 5 mmol\"); every other row keeps its equivalents")
        self.scale_edit.returnPressed.connect(self.scale)
        self.scale_edit.setMinimumWidth(self.scale_edit.fontMetrics().horizontalAdvance("250.0 mmol") + 14)
        self.scale_edit.setMaximumWidth(160)
        self.toolbar.addWidget(labelled_field(self, "Scale to", self.scale_edit))
        self.isolated_edit = QLineEdit(self)
        self.isolated_edit.setObjectName("isolatedEdit")
        self.isolated_edit.setPlaceholderText("e.g. 4.1 g")
        self.isolated_edit.setToolTip("Mass of product isolated: gives the % yield against the theoretical yield")
        self.isolated_edit.textChanged.connect(lambda _t: self._update_texts())
        self.isolated_edit.setMinimumWidth(self.isolated_edit.fontMetrics().horizontalAdvance("e.g. 4.1 g") + 14)
        self.isolated_edit.setMaximumWidth(120)
        self.toolbar.addWidget(labelled_field(self, "Isolated", self.isolated_edit))
        dilution = QPushButton("Dilution…", self)
        dilution.setObjectName("dilutionButton")
        dilution.setToolTip("C1·V1 = C2·V2 calculator")
        dilution.clicked.connect(self.open_dilution)
        self.toolbar.addWidget(dilution)


    NARROW = 900  # below this width the checks and procedure go under the table, not beside it

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        wanted = Qt.Orientation.Vertical if self.width() < self.NARROW else Qt.Orientation.Horizontal
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            total = self.splitter.height() if wanted == Qt.Orientation.Vertical else self.splitter.width()
            self.splitter.setSizes([int(total * 0.55), int(total * 0.45)])

    # -- display ---------------------------------------------------------------------------------
    def is_populated(self) -> bool:
        return self._shown and self.model.rowCount() == len(self.controller.plan.components)

    def refresh(self) -> None:
        self.model.reload()
        self._fit_columns()
        self._update_texts()
        self._shown = True

    def _fit_columns(self) -> None:
        """Columns as wide as their text (64–260 px): after a new plan or an Apply, names and amounts read whole."""
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(max(self.table.columnWidth(column), 64), 260))

    def _update_texts(self) -> None:
        from dzp_planner.core.document.derivation import derive
        from dzp_planner.core.errors import UserInputError
        from dzp_planner.core.quantities import stoich
        from dzp_planner.core.quantities.units import format_quantity

        derived = derive(self.controller.plan)
        table = derived.table
        self._addition_editor().refresh()
        parts = []
        if table.concentration_m:
            text = f"<b>Reaction:</b> {format_quantity(table.concentration_m, 'concentration')} limiting reagent"
            if table.concentration_after_addition_m:
                text += f" ({format_quantity(table.concentration_after_addition_m, 'concentration')} after the addition)"
            parts.append(text)
        if table.addition is not None and table.addition.display():
            parts.append(f"<b>Addition of {html.escape(table.addition.component)}:</b> {table.addition.display()}")
        ty = derived.theoretical_yield
        if ty is not None:
            text = f"<b>Theoretical yield:</b> {format_quantity(ty.mass_g, 'mass')} ({format_quantity(ty.mmol, 'amount')}, from {html.escape(ty.limiting_row)})"
            if self.isolated_edit.text().strip():
                try:
                    text += f"; isolated → <b>{stoich.percent_yield(self.isolated_edit.text(), ty):.1f} %</b>"
                except UserInputError as exc:
                    text += f" <span style='color:#b00020'>({html.escape(str(exc))})</span>"
            parts.append(text)
        elif derived.product_smiles and derived.yield_problem:
            parts.append(f"<span style='color:#b00020'>{html.escape(derived.yield_problem)}</span>")
        self.summary.setText(" · ".join(parts) or "Add a limiting reagent and a solvent to see the concentration.")
        colours = {"warning": "#9a5b00", "info": "#1f4e79", "error": "#b00020"}
        marks = {"error": "✖", "warning": "●", "info": "●"}
        items = [f"<p style='color:{colours.get(c.severity, '#333')}'>{marks.get(c.severity, '●')} {html.escape(c.text)}</p>"
                 for c in derived.checks]
        checks = "<h4>Checks against the guide</h4>" + "".join(items) if items else ""
        self._show_procedure(derived, checks)

    def _addition_editor(self) -> AdditionEditor:
        if self.addition is None:
            from dzp_planner.gui.stoich.addition_editor import AdditionEditor

            self.addition = AdditionEditor(self.controller, self)
            self.addition.setObjectName("additionEditor")
            self.addition.rejected.connect(self.message.setText)
            self._left_layout.insertWidget(self._left_layout.indexOf(self.message), self.addition)
        return self.addition

    def _show_procedure(self, derived, checks: str) -> None:
        if not derived.procedure:
            self.procedure.setHtml(checks + "<p style='color:#666'>No protocol: apply a recommendation or start from a template "
                                   "to get the procedure with your amounts.</p>")
            return
        items = []
        for i, step in enumerate(derived.procedure, start=1):
            item = f"<p><b>{i}.</b> {html.escape(step.text)}"
            if step.checkpoint:
                item += f"<br><span style='color:#1f4e79'>☐ Checkpoint: {html.escape(step.checkpoint)}</span>"
            if step.correction:
                item += f"<br><span style='background:#fff4d6'>⚠ Correction: {html.escape(step.correction)}</span>"
            items.append(item + "</p>")
        source = (f"<p style='color:#666'>From the guide's {html.escape(derived.guide_section)}, written for "
                  f"{html.escape(derived.substrate_name or 'this substrate')} and this table.</p>")
        self.procedure.setHtml(checks + "<h4>Procedure</h4>" + source + "".join(items))

    # -- actions ------------------------------------------------------------------------------------
    def _selected_row(self) -> int | None:
        index: QModelIndex = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def add_row(self) -> None:
        row = self._selected_row()
        self.model.insert_row(len(self.controller.plan.components) if row is None else row + 1)

    def remove_selected(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.model.remove_row(row)

    def _move(self, delta: int) -> None:
        row = self._selected_row()
        if row is not None:
            self.model.move_row(row, delta)
            self.table.setCurrentIndex(self.model.index(row + delta, self.table.currentIndex().column()))

    def save_as_user_reagent(self) -> None:
        """Persist the selected row in the user's reagent database (offered by the name completer)."""
        from dzp_planner.core.reactions.reagents import Reagent, default_store

        row = self._selected_row()
        if row is None:
            self.message.setText("Select a row to save it as one of your reagents.")
            return
        c = self.controller.plan.components[row]
        try:
            store = default_store()
            store.add(Reagent(name=c.name, smiles=c.smiles, salt=c.salt, mw=c.mw, density=c.density,
                              density_source="entered by the user" if c.density else "",
                              state="liquid" if c.density else "solid", origin="user"), replace_existing=True)
        except (OSError, ValueError) as exc:  # a bad row (UserInputError is a ValueError) or an unwritable library: say so, keep going
            self.message.setText(f"Could not save {c.name}: {exc}")
            return
        self.message.setText("")
        self.summary.setText(f"Saved “{html.escape(c.name)}” to your reagents. " + self.summary.text())

    def scale(self) -> None:
        from dzp_planner.core.errors import UserInputError
        from dzp_planner.core.quantities.stoich import rescale_to

        text = self.scale_edit.text().strip()
        try:
            rows = rescale_to(self.controller.plan.get_section("components"), text)
        except UserInputError as exc:
            self.message.setText(f"Scale: {exc}")
            return
        self.controller.edit("components", rows, f"Scale the table to {text}")
        self.message.setText("")

    def open_dilution(self) -> None:
        from dzp_planner.gui.stoich.dilution_dialog import DilutionDialog

        DilutionDialog(self).exec()
