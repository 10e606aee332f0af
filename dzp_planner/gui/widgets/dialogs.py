"""Small dialogs: plan properties, About, and the chemistry notes viewer."""

from __future__ import annotations

import importlib.metadata
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QMessageBox, QPlainTextEdit, QTextBrowser, QVBoxLayout, QWidget

from dzp_planner import APP_NAME, __version__, paths
from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.widgets.ui_loader import load_ui


class PlanPropertiesDialog(QDialog):
    """Title, author and notes: one undo step for the meta section, one for the notes."""

    titleEdit: QLineEdit
    authorEdit: QLineEdit
    notesEdit: QPlainTextEdit
    buttonBox: QDialogButtonBox

    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_ui("plan_properties.ui", self)
        self.controller = controller
        plan = controller.plan
        self.titleEdit.setText(plan.title)
        self.authorEdit.setText(plan.author)
        self.notesEdit.setPlainText(plan.notes)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)

    def accept(self) -> None:
        title = self.titleEdit.text().strip()
        if not title:
            self.titleEdit.setFocus()
            self.titleEdit.setPlaceholderText("A plan needs a title")
            return
        self.controller.edit_many(
            {"meta": {"title": title, "author": self.authorEdit.text().strip()}, "notes": self.notesEdit.toPlainText()},
            "Edit plan properties",
        )
        super().accept()


def library_versions() -> dict[str, str]:
    """Versions shown in About (and the self-test), read without importing the libraries."""
    versions = {"Python": platform.python_version(), "Qt": qVersion(), "PySide6": pyside_version}
    for dist, label in (("rdkit", "RDKit"), ("pint", "pint"), ("matplotlib", "matplotlib"), ("scipy", "SciPy"), ("numpy", "NumPy")):
        try:
            versions[label] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            versions[label] = "not found"
    return versions


def show_about(parent: QWidget) -> None:
    rows = "".join(f"<tr><td>{name}</td><td>{version}</td></tr>" for name, version in library_versions().items())
    QMessageBox.about(
        parent,
        f"About {APP_NAME}",
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Plan the functionalisation of 1,4-diazepanes without over-alkylation, N1/N4 scrambling, "
        "catalyst poisoning or ring oxidation.</p>"
        "<p>Works offline; never opens a network connection.</p>"
        f"<table>{rows}</table>",
    )


def show_chemistry_notes(parent: QWidget) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Chemistry notes: what the guide gets right and wrong")
    dialog.resize(760, 640)
    browser = QTextBrowser(dialog)
    browser.setObjectName("chemistryNotes")
    browser.setOpenExternalLinks(False)
    browser.setMarkdown(paths.resource("docs", "chemistry-notes.md").read_text(encoding="utf-8"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dialog.exec()
