"""The plan to and from an ELN: File ▸ Export as (RXN, CSV, SDF), File ▸ Import reaction, Edit ▸ Copy table / Copy reaction.

Why the clipboard carries two forms: a spreadsheet, an ELN grid and a word processor paste an
HTML table as a table, a plain-text field takes the tab-separated text; a chemistry program takes
the reaction as an MDL RXN (MIME chemical/x-mdl-rxnfile) and a text field its reaction SMILES.
The files and texts are the core's (`core.export`); every file goes through the safe write.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dzp_planner.core.errors import UserInputError

log = logging.getLogger(__name__)

FORMATS = (("rxn", "MDL reaction, V3000 (*.rxn)", ".rxn"), ("csv", "Reaction table, CSV (*.csv)", ".csv"),
           ("sdf", "Products and masses, SDF (*.sdf)", ".sdf"), ("ord", "Open Reaction Database record, JSON (*.json)", ".json"))
RXN_MIME = "chemical/x-mdl-rxnfile"


def table_mime(plan: Any) -> QMimeData:
    from dzp_planner.core.export.table_text import table_html, table_tsv

    mime = QMimeData()
    mime.setHtml(table_html(plan))
    mime.setText(table_tsv(plan))
    return mime


def reaction_mime(plan: Any) -> QMimeData:
    from dzp_planner.core.export.reaction_files import reaction_smiles, rxn_block

    mime = QMimeData()
    mime.setText(reaction_smiles(plan))
    mime.setData(RXN_MIME, rxn_block(plan).encode("utf-8"))
    return mime


def export_text(plan: Any, fmt: str, path: Path) -> Path:
    """Write one format to `path` (its suffix added when missing) through the safe write."""
    from dzp_planner.core.export.text_formats import text_of
    from dzp_planner.core.io.safe_write import atomic_write_bytes, output_path

    suffix = next(s for f, _label, s in FORMATS if f == fmt)
    target = output_path(path, suffix=suffix)
    if fmt == "ord":  # through ord-schema (an optional extra): its validator's errors refuse the file
        from dzp_planner.core.export.ord_record import export_ord, ord_bytes

        record = export_ord(plan)
        if record.errors:
            raise UserInputError("the ORD record does not validate: " + "; ".join(record.errors))
        atomic_write_bytes(target, ord_bytes(record, json_text=True))
        return target
    atomic_write_bytes(target, text_of(plan, fmt).encode("utf-8"))
    return target


def install(window: Any) -> None:
    """Add the actions to the window's File and Edit menus."""
    export_menu = window.menuFile.addMenu("E&xport as")
    export_menu.setObjectName("menuExportAs")
    for fmt, label, _suffix in FORMATS:
        action = QAction(label.split(" (")[0] + "…", window)
        action.setObjectName(f"actionExport{fmt.upper()}")
        action.setToolTip(f"Write the plan as {label}")
        action.triggered.connect(lambda _checked=False, f=fmt: _ask_and_export(window, f))
        export_menu.addAction(action)
    archive = QAction(".eln archive (the plan, the PDF and every format)…", window)
    archive.setObjectName("actionExportELN")
    archive.setToolTip("The ELN Consortium's .eln (RO-Crate): what eLabFTW, Kadi4Mat and other ELNs import")
    archive.triggered.connect(lambda: _ask_and_export_eln(window))
    export_menu.addAction(archive)
    window.menuFile.insertMenu(window._action("actionExportPdf"), export_menu)
    importing = QAction("&Import reaction…", window)
    importing.setObjectName("actionImportReaction")
    importing.setToolTip("A new plan from a reaction SMILES or an .rxn file (substrate, reagent and its protocol)")
    importing.triggered.connect(lambda: _ask_and_import(window))
    window.menuFile.insertAction(window._action("actionExportPdf"), importing)
    copy_table = QAction("Copy &table", window)
    copy_table.setObjectName("actionCopyTable")
    copy_table.setShortcut(QKeySequence("Ctrl+Shift+C"))
    copy_table.setToolTip("The reaction table as a table (HTML) and as tab-separated text: pastes into a spreadsheet or an ELN grid")
    copy_table.triggered.connect(lambda: QGuiApplication.clipboard().setMimeData(table_mime(window.controller.plan)))
    copy_reaction = QAction("Copy &reaction", window)
    copy_reaction.setObjectName("actionCopyReaction")
    copy_reaction.setToolTip("The reaction as reaction SMILES and as an MDL RXN, agents included")
    copy_reaction.triggered.connect(lambda: _copy_reaction(window))
    window.menuEdit.addSeparator()
    window.menuEdit.addAction(copy_table)
    window.menuEdit.addAction(copy_reaction)


def _copy_reaction(window: Any) -> None:
    try:
        QGuiApplication.clipboard().setMimeData(reaction_mime(window.controller.plan))
    except UserInputError as exc:
        window.statusBar().showMessage(f"Copy reaction: {exc}", 8000)


def _ask_and_export(window: Any, fmt: str) -> None:
    label, suffix = next((lab, s) for f, lab, s in FORMATS if f == fmt)
    start = window.controller.file_path.with_suffix(suffix) if window.controller.file_path else Path.home() / f"plan{suffix}"
    path, _ = QFileDialog.getSaveFileName(window, f"Export as {label.split(' (')[0]}", str(start), label)
    if not path:
        return
    try:
        target = export_text(window.controller.plan, fmt, Path(path))
    except (OSError, UserInputError) as exc:
        QMessageBox.warning(window, "Export failed", f"{exc}")
        return
    window.statusBar().showMessage(f"Exported {target}", 5000)


def _ask_and_export_eln(window: Any) -> None:
    start = window.controller.file_path.with_suffix(".eln") if window.controller.file_path else Path.home() / "plan.eln"
    path, _ = QFileDialog.getSaveFileName(window, "Export as .eln archive", str(start), "ELN archive (*.eln)")
    if path:
        window.start_pdf_export(Path(path), fmt="eln")  # in its own process, with Cancel, as the PDF is


def _ask_and_import(window: Any) -> None:
    from dzp_planner.core.io.reaction_import import import_file

    if not window.documents.confirm_discard():
        return
    path, _ = QFileDialog.getOpenFileName(window, "Import a reaction", str(Path.home()),
                                          "Reactions (*.rxn *.smi *.txt *.rsmi);;All files (*)")
    if not path:
        return
    try:
        imported = import_file(Path(path))
    except UserInputError as exc:
        QMessageBox.warning(window, "Import failed", str(exc))
        return
    window.controller.replace_plan(imported.plan, None, dirty=True)
    if imported.unread:
        window.statusBar().showMessage("Imported; not read: " + "; ".join(imported.unread), 15000)
