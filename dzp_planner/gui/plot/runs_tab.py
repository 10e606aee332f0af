"""The "runs" tab: record what a trial gave, see k2/k1 fitted with its interval, plan the next run.

A thin view: the fit is `derivation.fit` (core/fitting.py), the suggestions `fitting.next_run`,
and recording or editing a run is one undoable plan edit that refits k2/k1.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dzp_planner.core.document.plan import ANALYSES, TrialRun
from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.plot.runs_model import KEYS, RunsTableModel

RF_NOTE = ("Response factors: UV areas are not moles. The diamine has no chromophore, a Boc group adds none, a benzyl "
           "adds one: without factors, LCMS UV areas of SM, mono and bis mislead the fit. NMR integrals per proton "
           "and ELSD/CAD areas are closer to moles.")


class _AnalysisDelegate(QStyledItemDelegate):
    """A list of the analyses for the analysis column, instead of free text."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        if KEYS[index.column()] != "analysis":
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.addItems(list(ANALYSES))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole)))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        else:
            super().setModelData(editor, model, index)


class RunsTab(QWidget):
    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runsPage")
        self.controller = controller
        self.model = RunsTableModel(controller, self)
        self.table = QTableView(self)
        self.table.setObjectName("runsTable")
        self.table.setModel(self.model)
        delegate = _AnalysisDelegate(self.table)
        self.table.setItemDelegate(delegate)
        # a run is typed cell after cell: Tab (Qt's own) or Enter moves on and opens the next cell's editor
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(triggers.CurrentChanged | triggers.AnyKeyPressed | triggers.DoubleClicked
                                   | triggers.EditKeyPressed | triggers.SelectedClicked)
        delegate.closeEditor.connect(self._after_edit)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # columns sized from the first rows only: with 200 runs, sizing from every cell asked the model
        # 35,000 times per change (0.3 s on the GUI thread)
        self.table.horizontalHeader().setResizeContentsPrecision(20)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton("Add run", self)
        self.add_button.setObjectName("addRun")
        self.add_button.setToolTip("Record a run: type SM, mono and bis as measured (areas or amounts) and the equivalents charged")
        self.add_button.clicked.connect(self.add_run)
        self.remove_button = QPushButton("Remove run", self)
        self.remove_button.setObjectName("removeRun")
        self.remove_button.clicked.connect(self.remove_selected)
        self.message = QLabel("", self)
        self.message.setObjectName("runsMessage")
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        self.model.message.connect(self.message.setText)
        self.fit_label = QLabel("", self)
        self.fit_label.setObjectName("fitSummary")
        self.fit_label.setWordWrap(True)
        self.fit_label.setTextFormat(Qt.TextFormat.RichText)
        self.use_measured = QPushButton("Use the measured k2/k1", self)
        self.use_measured.setObjectName("useMeasured")
        self.use_measured.setToolTip("Take the k2/k1 fitted for this substrate and electrophile in another plan of the library")
        self.use_measured.clicked.connect(self._use_measured)
        self.use_measured.setVisible(False)
        # the library's k2/k1 for a (substrate, electrophile, reaction), set by the window: a plan
        # opened from a file keeps what it says, and is only offered what was measured since
        self.measured_lookup: Callable[[str, str, str], Any] | None = None
        self._offer: Any = None  # the model section the button would put in the plan (its note is shown)
        note = QLabel(f"<i>{html.escape(RF_NOTE)}</i>", self)
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(buttons)
        box.addWidget(self.table, 1)
        box.addWidget(self.message)
        box.addWidget(self.fit_label)
        offer_row = QHBoxLayout()
        offer_row.addWidget(self.use_measured)
        offer_row.addStretch(1)
        box.addLayout(offer_row)
        box.addWidget(note)
        # what is on show: the PlanFit (fits are cached by their inputs: the same object, the same
        # text), and for a plan without runs where its k2/k1 comes from and which pair it is
        self._shown: Any = ()

    def _measured_offer(self) -> Any:
        """The model section with the library's measured k2/k1 for this plan's pair, or None."""
        from dzp_planner.core.document.plan_edits import start_from_measured

        assert self.measured_lookup is not None
        changes = start_from_measured(self.controller.plan, {}, self.measured_lookup)
        return changes.get("model")

    def _use_measured(self) -> None:
        offer = self._measured_offer() if self.measured_lookup is not None else None  # the plan as it is now
        if offer is not None:
            self.controller.edit("model", offer, "Use the measured k2/k1")

    def _after_edit(self, _editor: object, hint: object) -> None:
        """Enter commits and moves to the next cell (Tab does by itself), as in a spreadsheet."""
        from PySide6.QtWidgets import QAbstractItemDelegate

        if hint != QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            return
        current = self.table.currentIndex()
        if not current.isValid():
            return
        column, row = current.column() + 1, current.row()
        if column >= self.model.columnCount():
            column, row = 0, row + 1
        if row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, column))

    def add_run(self) -> None:
        runs = [*self.controller.plan.results, TrialRun(date=datetime.date.today().isoformat())]
        self.model.record(runs, "Add run")
        if len(self.controller.plan.results) == len(runs):
            self.table.setCurrentIndex(self.model.index(len(runs) - 1, KEYS.index("sm")))

    def remove_selected(self) -> None:
        row = self.table.currentIndex().row()
        runs = list(self.controller.plan.results)
        if 0 <= row < len(runs):
            del runs[row]
            self.model.record(runs, f"Remove run {row + 1}")

    def show_fit(self) -> None:
        """The fit of the plan's runs; called by the panel whenever it shows the plan's values.

        A slider step shows the values too: the suggestions (a few milliseconds of bisection)
        are only worked out again when the fit itself changed.
        """
        from dzp_planner.core.document.derivation import derive
        from dzp_planner.core.models.fitting import next_run

        plan = self.controller.plan
        derived = derive(plan)
        fit = derived.fit
        shown = (fit, plan.model.k2_k1_source, plan.substrate_smiles, derived.electrophile_smiles, plan.reaction_type,
                 self.measured_lookup is not None) if fit is None else (fit,)
        if len(shown) == len(self._shown) and all(a is b or a == b for a, b in zip(shown, self._shown, strict=True)):
            return
        self._shown = shown
        self._offer = None
        self.use_measured.setVisible(False)
        if fit is None:
            text = "No runs recorded: k2/k1 is assumed (a preset or typed). Add a run to fit it."
            if plan.model.k2_k1_source == "measured":
                text = f"No runs recorded here: k2/k1 is the one {html.escape(plan.model.k2_k1_note)}."
            elif self.measured_lookup is not None:
                self._offer = self._measured_offer()
            if self._offer is not None:
                text += f" The library has one for this substrate and electrophile: {html.escape(self._offer.k2_k1_note)}."
                self.use_measured.setVisible(True)
            self.fit_label.setText(text)
            return
        if fit.result is None:
            self.fit_label.setText(html.escape(fit.problem))
            return
        parts = [f"<b>k2/k1 {html.escape(fit.summary())}</b> (95 % interval; the plot shows the runs and the band)"]
        parts += [f"• {html.escape(line)}" for line in next_run(fit.result)]
        parts += [f"<span style='color:#9a6700'>⚠ {html.escape(w)}</span>" for w in fit.result.warnings]
        self.fit_label.setText("<br>".join(parts))
