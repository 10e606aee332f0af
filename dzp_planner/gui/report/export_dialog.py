"""File ▸ Export PDF…: ask where, write the report in a separate process, say where it went.

The report (structures, figures, a 10-page table) takes from a few hundred milliseconds to a
second to lay out and paint, and its first run imports RDKit's and matplotlib's drawing code.
Done in the window's process, even on a thread, those imports hold the interpreter lock and
freeze the window for a fifth of a second; so the export runs as the headless `export`
command on a copy of the plan, in its own process: the window stays live, the status bar says
it is exporting, Cancel ends the process before anything is written (the PDF is written
atomically by `safe_write`), and a crash inside the export cannot take the window with it.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from dzp_planner.gui.document import settings as app_settings
from dzp_planner.gui.document.plan_controller import PlanController

log = logging.getLogger(__name__)


def export_command_line() -> list[str]:
    """This program's own headless command line (the frozen bundle is its own interpreter)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "dzp_planner"]


def ask_pdf_path(parent: QWidget, controller: PlanController) -> Path | None:
    from dzp_planner.gui.document.document_actions import _safe_filename

    start_dir = controller.file_path.parent if controller.file_path else Path.home()
    suggested = start_dir / f"{_safe_filename(controller.plan.title)}.pdf"
    path, _ = QFileDialog.getSaveFileName(parent, "Export plan as PDF", str(suggested), "PDF (*.pdf)")
    if not path:
        return None
    return Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")


class PdfExporter(QObject):
    """One export at a time for a window: the busy state in its status bar, Cancel, the result."""

    done = Signal(object, str)  # the path written (None if not), "" or what went wrong ("cancelled")

    def __init__(self, window, controller: PlanController, settings: QSettings) -> None:
        super().__init__(window)
        self.window, self.controller, self.settings = window, controller, settings
        self.process: QProcess | None = None
        self._target: Path | None = None
        self._copy: Path | None = None
        self._cancelled = False
        self.cancel_button = QPushButton("Cancel export", window)
        self.cancel_button.setObjectName("cancelPdfExport")
        self.cancel_button.setToolTip("Stop the PDF export; nothing is written")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(False)
        window.statusBar().addPermanentWidget(self.cancel_button)

    def busy(self) -> bool:
        return self.process is not None

    def start(self, path: Path, fmt: str = "pdf") -> None:
        """Export the plan as a PDF (or, with fmt "eln", as an .eln archive, which holds the PDF) in its own process."""
        from dzp_planner.core.io import storage
        from dzp_planner.core.io.safe_write import output_path

        if self.process is not None:
            self.window.statusBar().showMessage("A PDF export is already running", 4000)
            return
        inputs = (self.controller.file_path,) if self.controller.file_path is not None else ()
        try:
            target = output_path(path, suffix=f".{fmt}", inputs=inputs)  # refused here, in one line, before any work
            handle, name = tempfile.mkstemp(prefix="dzp-export-", suffix=".dzp")
            os.close(handle)
            storage.save_plan(self.controller.plan, Path(name))  # the plan as it is now, for the export process
        except OSError as exc:
            QMessageBox.warning(self.window, "Export PDF", f"{path} was not written: {exc.strerror or exc}")
            self.done.emit(None, str(exc))
            return
        self._target, self._copy, self._cancelled = target, Path(name), False
        process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("QT_QPA_PLATFORM", "offscreen")  # the export draws into a PDF, never on screen
        process.setProcessEnvironment(environment)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._failed_to_start)
        command = export_command_line()
        arguments = [*command[1:], "export", name, f"--{fmt}", str(target)]
        if app_settings.page_size(self.settings) == "Letter":
            arguments.append("--letter")
        self.process = process
        self.cancel_button.setVisible(True)
        self.window.statusBar().showMessage(f"Exporting PDF to {target}…")
        process.start(command[0], arguments)

    def cancel(self) -> None:
        if self.process is not None:
            self._cancelled = True
            self.process.kill()

    def wait(self, ms: int = 30000) -> None:
        if self.process is not None:
            self.process.waitForFinished(ms)

    def _failed_to_start(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._finished(-1, QProcess.ExitStatus.CrashExit)

    def _finished(self, code: int, status) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        out = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
        err = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        process.deleteLater()
        if self._copy is not None:
            self._copy.unlink(missing_ok=True)
        self.cancel_button.setVisible(False)
        target = self._target
        if self._cancelled:
            self.window.statusBar().showMessage("PDF export cancelled; nothing was written", 6000)
            self.done.emit(None, "cancelled")
            return
        if code == 0 and status == QProcess.ExitStatus.NormalExit:
            try:
                pages = json.loads(out).get("pages", "?")
            except (ValueError, AttributeError, TypeError):
                pages = "?"
            what = f"{pages} page(s)" if target is not None and target.suffix == ".pdf" else "the .eln archive"
            self.window.statusBar().showMessage(f"Exported {what} to {target}", 8000)
            self.done.emit(target, "")
            return
        message = err.splitlines()[-1].removeprefix("error: ") if err else "the export stopped unexpectedly"
        log.warning("PDF export failed (%s): %s", code, err)
        self.window.statusBar().clearMessage()
        QMessageBox.warning(self.window, "Export PDF", f"{target} was not written: {message}")
        self.done.emit(None, message)
