"""The plan library window: list, search, open, duplicate, rename, delete (undoable), import, export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QInputDialog, QLineEdit, QMessageBox, QPushButton, QTableView, QWidget

from dzp_planner.core.errors import UserInputError
from dzp_planner.core.io.stores import LocalStore
from dzp_planner.gui.document.document_actions import FILE_FILTER, DocumentActions
from dzp_planner.gui.library.library_table_model import PLAN_ID_ROLE, LibraryTableModel
from dzp_planner.gui.widgets.ui_loader import load_ui

SIZED_FROM_ROWS = 30  # rows measured to size the columns: a screenful and then some


class LibraryDialog(QDialog):
    searchEdit: QLineEdit
    planTable: QTableView
    openButton: QPushButton
    duplicateButton: QPushButton
    renameButton: QPushButton
    deleteButton: QPushButton
    undoDeleteButton: QPushButton
    importButton: QPushButton
    measuredButton: QPushButton
    exportButton: QPushButton
    closeButton: QPushButton

    def __init__(self, library: LocalStore, documents: DocumentActions | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_ui("library_dialog.ui", self)
        self.library = library
        self.documents = documents
        self.model = LibraryTableModel(library)
        self.planTable.setModel(self.model)
        self.planTable.setIconSize(QSize(64, 64))
        self.planTable.verticalHeader().setDefaultSectionSize(68)
        self.planTable.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # columns sized from the first rows, not every plan: over 5,000 plans measuring all of them (40,000 data
        # calls and a thumbnail read per row) stalled the window 135-185 ms as the dialog opened
        self.planTable.horizontalHeader().setResizeContentsPrecision(SIZED_FROM_ROWS)
        self.planTable.verticalHeader().setResizeContentsPrecision(SIZED_FROM_ROWS)
        self._deleted: list[tuple[bytes, bytes | None]] = []
        self.searchEdit.textChanged.connect(self.model.reload)
        self.openButton.clicked.connect(self.open_selected)
        self.planTable.doubleClicked.connect(lambda _i: self.open_selected())
        self.duplicateButton.clicked.connect(self.duplicate_selected)
        self.renameButton.clicked.connect(self.rename_selected)
        self.deleteButton.clicked.connect(self.delete_selected)
        self.undoDeleteButton.clicked.connect(self.undo_delete)
        self.importButton.clicked.connect(self.import_file)
        self.exportButton.clicked.connect(self.export_selected)
        self.closeButton.clicked.connect(self.reject)
        self.measuredButton.clicked.connect(self.show_measured)
        QShortcut(QKeySequence.StandardKey.Delete, self.planTable, self.delete_selected)
        QShortcut(QKeySequence("F2"), self.planTable, self.rename_selected)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_delete)
        self.model.reload("")
        self.planTable.resizeColumnsToContents()
        self._update_buttons()
        self.planTable.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)

    def selected_plan_id(self) -> str | None:
        rows = self.planTable.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.data(self.model.index(rows[0].row(), 0), PLAN_ID_ROLE)

    def _update_buttons(self) -> None:
        has = self.selected_plan_id() is not None
        for button in (self.openButton, self.duplicateButton, self.renameButton, self.deleteButton, self.exportButton):
            button.setEnabled(has)
        self.undoDeleteButton.setEnabled(bool(self._deleted))

    def _select_plan(self, plan_id: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.data(self.model.index(row, 0), PLAN_ID_ROLE) == plan_id:
                self.planTable.selectRow(row)
                return

    def open_selected(self) -> None:
        plan_id = self.selected_plan_id()
        if plan_id and self.documents is not None and self.documents.open_from_library(plan_id):
            self.accept()

    def duplicate_selected(self) -> None:
        plan_id = self.selected_plan_id()
        if plan_id:
            new_id = self.library.duplicate(plan_id)
            self.model.reload()
            self._select_plan(new_id)

    def rename_selected(self) -> None:
        plan_id = self.selected_plan_id()
        if not plan_id:
            return
        current = self.library.load(plan_id).title
        title, ok = QInputDialog.getText(self, "Rename plan", "New name:", QLineEdit.EchoMode.Normal, current)
        if ok:
            try:
                self.library.rename(plan_id, title)
            except UserInputError as exc:
                QMessageBox.warning(self, "Rename plan", str(exc))
                return
            self.model.reload()
            self._select_plan(plan_id)

    def delete_selected(self) -> None:
        """Delete after asking; the plan open in the window stays open there (unsaved in the library)."""
        plan_id = self.selected_plan_id()
        if not plan_id:
            return
        title = next((e.title for e in self.library.entries() if e.plan_id == plan_id), "this plan")
        text = f"Delete “{title}” from the library?\n\nUndo (Ctrl+Z) in this window brings it back."
        is_open = self.documents is not None and self.documents.controller.plan.plan_id == plan_id
        if is_open:
            text += ("\n\nIt is the plan open in the main window: it stays open there, and saving it "
                     "puts it back in the library.")
        answer = QMessageBox.question(self, "Delete plan", text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._deleted.append(self.library.take(plan_id))
        self.model.reload()

    def undo_delete(self) -> None:
        if self._deleted:
            data, thumbnail = self._deleted.pop()
            plan_id = self.library.restore(data, thumbnail)
            self.model.reload()
            self._select_plan(plan_id)

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import plan into the library", str(Path.home()), FILE_FILTER)
        if not path:
            return
        try:
            plan_id = self.library.import_file(Path(path))
        except UserInputError as exc:
            QMessageBox.warning(self, "Import plan", f"{exc}\n\nNothing was imported; the file was not changed.")
            return
        self.model.reload()
        self._select_plan(plan_id)

    def export_selected(self) -> None:
        plan_id = self.selected_plan_id()
        if not plan_id:
            return
        title = self.library.load(plan_id).title
        path, _ = QFileDialog.getSaveFileName(self, "Export plan", str(Path.home() / f"{title}.dzp"), FILE_FILTER)
        if path:
            try:
                self.library.export_file(plan_id, Path(path))
            except OSError as exc:
                QMessageBox.warning(self, "Export plan", f"{path} could not be written: {exc.strerror or exc}")

    def show_measured(self) -> QDialog:
        """The measured k2/k1 of every saved plan with runs, newest first (read-only)."""
        import sqlite3

        from PySide6.QtGui import QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout

        dialog = QDialog(self)
        dialog.setObjectName("measuredDialog")
        dialog.setWindowTitle("Measured k2/k1")
        try:
            pairs = self.library.measured_pairs()
        except sqlite3.Error as exc:
            QMessageBox.warning(self, "Measured k2/k1", f"The library could not be read: {exc}")
            return dialog
        model = QStandardItemModel(0, 7, dialog)
        model.setHorizontalHeaderLabels(["substrate", "electrophile", "reaction", "k2/k1", "95 % interval", "runs", "plan, date"])
        for m in pairs:
            cells = [m.substrate, m.electrophile, m.reaction, f"{m.k2_k1:.3g}", f"{m.low:.3g}–{m.high:.3g}", str(m.runs),
                     f"{m.plan_title}, {m.date}"]
            items = [QStandardItem(text) for text in cells]
            for item in items:
                item.setEditable(False)
            model.appendRow(items)
        view = QTableView(dialog)
        view.setObjectName("measuredTable")
        view.setModel(model)
        view.resizeColumnsToContents()
        box = QVBoxLayout(dialog)
        box.addWidget(QLabel("A new plan of the same substrate, electrophile and reaction starts from the newest of these "
                             "(Apply to plan), and says so." if pairs else
                             "No k2/k1 measured yet: record a run in a plan's runs tab and save the plan.", dialog))
        box.addWidget(view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        box.addWidget(buttons)
        dialog.resize(820, 320)
        dialog.open()
        return dialog

