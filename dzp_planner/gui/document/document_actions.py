"""What the File menu does: new, templates, open, recent, save, save as, autosave, recovery.

Kept out of the main window so the window only lays things out. Every path that could lose
work goes through `confirm_discard()`, and every write goes through the core's atomic save.
Dialogs are the static `QMessageBox`/`QFileDialog` functions so tests can patch them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from dzp_planner.core.document.plan import Plan
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.io import storage
from dzp_planner.gui.document import settings as app_settings
from dzp_planner.gui.document.plan_controller import PlanController

if TYPE_CHECKING:  # templates load when used (after the first paint); the window passes the library in
    from concurrent.futures import Future

    from dzp_planner.core.io.stores import LocalStore

log = logging.getLogger(__name__)

FILE_FILTER = "DZP plans (*.dzp);;All files (*)"
SAMPLE_TEMPLATE = "mono-boc-protection"


class AutosaveWriter(QObject):
    """Writes autosaves on a worker thread, with the window's writer id, so a locked library
    (another program holding it) never stalls the window; `problem` says when it fails ("" when
    a write succeeds again)."""

    problem = Signal(str)

    def __init__(self, library: LocalStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from concurrent.futures import ThreadPoolExecutor

        self._library = library
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dzp-autosave")
        self._worker_library: LocalStore | None = None
        self._pending: Future[None] | None = None

    def submit(self, plan_id: str, title: str, file_path: str, data: bytes) -> None:
        self._pending = self._pool.submit(self._write, plan_id, title, file_path, data)

    def _write(self, plan_id: str, title: str, file_path: str, data: bytes) -> None:
        try:
            if self._worker_library is None:  # its own connection, made in the worker thread
                self._worker_library = self._library.for_worker()
            self._worker_library.write_autosave_bytes(plan_id, title, file_path, data)
        except Exception as exc:  # noqa: BLE001 - a worker: nothing escapes it; the window is told
            log.warning("autosave failed: %s", exc)
            locked = "locked" in str(exc) or "busy" in str(exc)
            why = "the library is locked by another program" if locked else f"the library cannot be written ({exc})"
            self._emit(f"Autosave failed: {why} — your edits are not yet protected; save to a file (Ctrl+S).")
            return
        self._emit("")

    def _emit(self, text: str) -> None:
        try:
            self.problem.emit(text)
        except RuntimeError:  # the window is gone
            pass

    def wait(self, timeout: float = 5.0) -> None:
        """Let a write in progress finish (before clearing this window's autosave, or closing)."""
        pending = self._pending
        if pending is not None:
            try:
                pending.result(timeout=timeout)
            except Exception:  # noqa: BLE001 - reported by the worker already
                pass

    def close(self) -> None:
        self.wait()
        self._pool.shutdown(wait=True)
        if self._worker_library is not None:
            self._pool = None  # type: ignore[assignment]
            library, self._worker_library = self._worker_library, None
            library.close()


class DocumentActions(QObject):
    recentFilesChanged = Signal()
    statusMessage = Signal(str)
    autosaveProblem = Signal(str)  # "" when autosaves work (again)

    def __init__(self, controller: PlanController, library: LocalStore, settings: QSettings, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.controller = controller
        self.library = library
        self.settings = settings
        self._window = parent_widget
        self._autosave_due = False
        controller.sectionChanged.connect(self._note_change)
        controller.derivationChanged.connect(
            lambda change: self._retitle_in_library() if change.touches("meta") and not change.replaced else None)
        controller.undo_stack.indexChanged.connect(self._note_change)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(app_settings.autosave_seconds(settings) * 1000)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()
        self.autosaver = AutosaveWriter(library, self)
        self.autosaver.problem.connect(self.autosaveProblem)

    # -- guarding unsaved work ----------------------------------------------------------
    def confirm_discard(self) -> bool:
        """True if the current plan may be replaced (saved, discarded, or nothing to lose)."""
        if not self.controller.is_dirty():
            return True
        answer = QMessageBox.question(
            self._window,
            "Unsaved changes",
            f"Save the changes to “{self.controller.plan.title}” first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_autosave()
            return True
        return False

    # -- new / open ---------------------------------------------------------------------
    def new_plan(self) -> None:
        if self.confirm_discard():
            self.controller.replace_plan(Plan(), None)
            self.statusMessage.emit("New plan")

    def new_from_template(self, template_id: str) -> None:
        from dzp_planner.core.guidance import templates

        if not self.confirm_discard():
            return
        try:
            plan = templates.plan_from_template(template_id)
        except UserInputError as exc:
            QMessageBox.warning(self._window, "Template", str(exc))
            return
        from dzp_planner.core.document.plan_edits import start_from_measured

        measured = start_from_measured(plan, {}, self.measured_k2_k1)  # the pair measured before: start from it
        if "model" in measured:
            plan.model = measured["model"]
        self.controller.replace_plan(plan, None)
        self.statusMessage.emit(f"New plan from template: {plan.title}")

    def measured_k2_k1(self, substrate: str, electrophile: str, reaction: str) -> object:
        """The lab's pooled k2/k1 for a pair (as of the last sync), else the library's, else None (the library
        not open or locked). The lab's rests on every chemist's runs, this library's included once synced."""
        import sqlite3

        from dzp_planner.core.io.lab.lab_measured import lab_measured_for

        lab = lab_measured_for(substrate, electrophile, reaction)
        if lab is not None:
            return lab
        try:
            return self.library.measured_for(substrate, electrophile, reaction)
        except sqlite3.Error as exc:
            log.info("measured k2/k1 not looked up: %s", exc)
            return None

    def open_dialog(self) -> None:
        start = str(self.controller.file_path.parent) if self.controller.file_path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self._window, "Open plan", start, FILE_FILTER)
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        """Open a plan file; on any problem the current plan stays and the message says why."""
        if not self.confirm_discard():
            return False
        try:
            plan = storage.load_plan(path)
        except UserInputError as exc:
            QMessageBox.warning(self._window, "Cannot open plan", f"{exc}\n\nThe file was not changed and your current plan is still open.")
            return False
        self._opened(plan, Path(path))
        return True

    def open_path_at_start(self, path: Path) -> str | None:
        """The file named on the command line; the problem as text when it cannot be opened.

        No dialog here: at start-up there is no current plan to speak of yet, and the window
        says what went wrong once its panels show what it opened instead.
        """
        try:
            plan = storage.load_plan(path)
        except UserInputError as exc:
            return str(exc)
        self._opened(plan, Path(path))
        return None

    def _opened(self, plan: Plan, path: Path) -> None:
        self.controller.replace_plan(plan, path)
        app_settings.push_recent_file(self.settings, path)
        self.recentFilesChanged.emit()
        self.statusMessage.emit(" ".join([f"Opened {path}.", *plan.load_warnings, *self._measured_hint(plan)]))

    def _measured_hint(self, plan: Plan) -> list[str]:
        """A plan opened as it was written keeps its k2/k1; say when the library has measured one since."""
        from dzp_planner.core.document.plan_edits import start_from_measured

        try:
            offer = start_from_measured(plan, {}, self.measured_k2_k1).get("model")
        except UserInputError:
            return []
        if offer is None:
            return []
        return [f"Its k2/k1 is assumed; the library has one {offer.k2_k1_note} (runs tab: Use the measured k2/k1)."]

    def open_from_library(self, plan_id: str) -> bool:
        if not self.confirm_discard():
            return False
        try:
            plan = self.library.load(plan_id)
        except UserInputError as exc:
            QMessageBox.warning(self._window, "Cannot open plan", str(exc))
            return False
        remembered = self.settings.value(f"library/file/{plan_id}")
        path = Path(str(remembered)) if remembered else None
        self.controller.replace_plan(plan, path if path is not None and path.is_file() else None)  # Ctrl+S saves to its file
        self.statusMessage.emit(" ".join([f"Opened “{plan.title}” from the library.", *self._measured_hint(plan)]))
        return True

    def open_sample(self) -> None:
        from dzp_planner.core.guidance import templates

        self.controller.replace_plan(templates.plan_from_template(SAMPLE_TEMPLATE), None)

    # -- save -----------------------------------------------------------------------------
    def save(self) -> bool:
        path = self.controller.file_path
        if path is None:
            return self.save_as()
        return self._save_to(path)

    def save_as(self) -> bool:
        suggested = self.controller.file_path or Path.home() / f"{_safe_filename(self.controller.plan.title)}.dzp"
        path, _ = QFileDialog.getSaveFileName(self._window, "Save plan as", str(suggested), FILE_FILTER)
        if not path:
            return False
        path_obj = Path(path)
        if path_obj.suffix.lower() != storage.PLAN_SUFFIX:
            path_obj = path_obj.with_suffix(storage.PLAN_SUFFIX)
        return self._save_to(path_obj)

    def _save_to(self, path: Path) -> bool:
        plan = self.controller.plan
        try:
            storage.save_plan(plan, path)
        except OSError as exc:
            QMessageBox.warning(self._window, "Save failed", f"{path} could not be written: {exc.strerror or exc}.\n\n"
                                "Your plan is still open and autosaved; choose another folder with Save As.")
            return False
        library_problem = self.save_to_library()
        self.settings.setValue(f"library/file/{plan.plan_id}", str(path))  # so the library copy reopens with its file
        self.discard_autosave()
        self._autosave_due = False
        self.controller.mark_saved(path)
        app_settings.push_recent_file(self.settings, path)
        self.recentFilesChanged.emit()
        if library_problem:  # the file is saved; the library copy (and its measured k2/k1) is not: say so, never "Saved"
            self.statusMessage.emit(f"Saved {path}, but the library copy could not be updated ({library_problem}); "
                                    "save again to retry")
        else:
            self.statusMessage.emit(f"Saved {path}")
        return True

    def _retitle_in_library(self) -> None:
        """A new title (Apply names the plan after its molecule) shows in the library at once."""
        plan = self.controller.plan
        try:
            if not self.library.closed and self.library.contains(plan.plan_id):
                self.library.rename(plan.plan_id, plan.title)
        except Exception as exc:  # noqa: BLE001 - a locked library: the next save brings the title along
            log.info("library title not updated: %s", exc)

    LIBRARY_ATTEMPTS = 3  # a second window holding the write lock lets go within the busy timeout, usually

    def save_to_library(self) -> str:
        """Keep the library copy in step with the file (the library lists every saved plan).

        Retried: two windows saving at once made 7 of 300 saves fail with "database is locked",
        logged only, while the status bar said "Saved". Returns "" or what went wrong."""
        import time

        from dzp_planner.gui.library.thumbnails import plan_thumbnail_png

        thumbnail = plan_thumbnail_png(self.controller.plan)
        problem = ""
        for attempt in range(self.LIBRARY_ATTEMPTS):
            try:
                self.library.save(self.controller.plan, thumbnail)
                return ""
            except Exception as exc:  # noqa: BLE001 - the file save succeeded; a library hiccup must not undo that
                problem = " ".join(str(exc).split()) or type(exc).__name__
                log.warning("library copy not updated (attempt %d): %s", attempt + 1, problem)
                if "locked" not in problem and "busy" not in problem:
                    break
                time.sleep(0.05 * (attempt + 1))
        return problem

    # -- autosave and recovery ---------------------------------------------------------------
    def _note_change(self, _what: object = None) -> None:
        try:
            self._autosave_due = self.controller.is_dirty()
        except RuntimeError:  # the undo stack is being destroyed at shutdown: nothing to save
            self._autosave_due = False

    def autosave_now(self) -> None:
        """Serialise the plan here (it is the GUI's), write it on the autosave worker."""
        if not self._autosave_due:
            return
        from dzp_planner.core.io import plan_format

        plan = self.controller.plan
        path = str(self.controller.file_path) if self.controller.file_path else ""
        self.autosaver.submit(plan.plan_id, plan.title, path, plan_format.dumps(plan))
        self._autosave_due = False

    def offer_recovery(self) -> bool:
        """After a crash: offer each orphaned autosave back. True if one was restored."""
        for entry in self.library.orphaned_autosaves():
            answer = QMessageBox.question(
                self._window,
                "Recover unsaved work",
                f"DZP Planner did not close properly. Unsaved changes to “{entry.title}” were autosaved at "
                f"{entry.saved_at.replace('T', ' ')[:19]} UTC.\n\nRestore them?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
                QMessageBox.StandardButton.Yes,
            )
            if answer == QMessageBox.StandardButton.Yes:
                try:
                    plan = entry.plan()
                except UserInputError as exc:
                    QMessageBox.warning(self._window, "Recover unsaved work", f"The autosave cannot be read: {exc}")
                    self.library.discard_autosave(entry)
                    continue
                self.controller.replace_plan(plan, Path(entry.file_path) if entry.file_path else None, dirty=True)
                # adopt it: this window's own autosave until saved, so a second crash is covered too
                self.library.write_autosave(plan, entry.file_path)
                self.library.discard_autosave(entry)
                self.statusMessage.emit(f"Restored unsaved changes to “{plan.title}”")
                return True
            self.library.discard_autosave(entry)
        return False

    def discard_autosave(self) -> None:
        """Remove this window's autosave of the current plan (another window's stays)."""
        self.autosaver.wait()  # a write still in flight must not land after the removal
        try:
            self.library.clear_autosave(self.controller.plan.plan_id)
        except Exception as exc:  # noqa: BLE001 - a locked or unopenable library: the autosave stays, harmlessly
            log.warning("autosave not cleared: %s", exc)


def _safe_filename(title: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in " -_,()" else "_" for ch in title).strip()
    return cleaned[:80] or "plan"
