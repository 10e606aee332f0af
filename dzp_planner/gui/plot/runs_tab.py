"""The "runs" tab: record what a trial gave, see k2/k1 fitted with its interval, plan the next run.

A thin view: the fit is `derivation.fit` (core/fitting.py), the suggestions `fitting.next_run`,
and recording or editing a run is one undoable plan edit that refits k2/k1.
"""

from __future__ import annotations

import datetime
import html
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

from dzp_planner.core.plan import ANALYSES, TrialRun
from dzp_planner.gui.plan_controller import PlanController
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
        self.table.setItemDelegate(_AnalysisDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
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
        box.addWidget(note)
        self._shown: Any = ()  # the PlanFit on show (fits are cached by their inputs: the same object, the same text)

    def add_run(self) -> None:
        runs = [*self.controller.plan.results, TrialRun(date=datetime.date.today().isoformat())]
        self.model.record(runs, "Add run")
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
        from dzp_planner.core.derivation import derive
        from dzp_planner.core.fitting import next_run

        fit = derive(self.controller.plan).fit
        if fit is self._shown:
            return
        self._shown = fit
        if fit is None:
            self.fit_label.setText("No runs recorded: k2/k1 is assumed (a preset or typed). Add a run to fit it.")
            return
        if fit.result is None:
            self.fit_label.setText(html.escape(fit.problem))
            return
        parts = [f"<b>k2/k1 {html.escape(fit.summary())}</b> (95 % interval; the plot shows the runs and the band)"]
        parts += [f"• {html.escape(line)}" for line in next_run(fit.result)]
        parts += [f"<span style='color:#9a6700'>⚠ {html.escape(w)}</span>" for w in fit.result.warnings]
        self.fit_label.setText("<br>".join(parts))
