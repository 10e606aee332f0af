"""File ▸ Export PDF…: ask where, write the report, say where it went."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from dzp_planner.gui import settings as app_settings
from dzp_planner.gui.plan_controller import PlanController

log = logging.getLogger(__name__)


def export_pdf_interactive(parent: QWidget, controller: PlanController, settings: QSettings) -> Path | None:
    from dzp_planner.gui.document_actions import _safe_filename

    start_dir = controller.file_path.parent if controller.file_path else Path.home()
    suggested = start_dir / f"{_safe_filename(controller.plan.title)}.pdf"
    path, _ = QFileDialog.getSaveFileName(parent, "Export plan as PDF", str(suggested), "PDF (*.pdf)")
    if not path:
        return None
    out = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
    from dzp_planner.gui.report import export_plan_pdf

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    inputs = (controller.file_path,) if controller.file_path is not None else ()
    try:
        pages = export_plan_pdf(controller.plan, out, page_size=app_settings.page_size(settings), inputs=inputs)
    except OSError as exc:  # a WriteError says what failed and that the previous file is unchanged
        QMessageBox.warning(parent, "Export PDF", f"{out} was not written: {exc.strerror or exc}")
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
    if hasattr(parent, "statusBar"):
        parent.statusBar().showMessage(f"Exported {pages} page(s) to {out}", 8000)
    return out
