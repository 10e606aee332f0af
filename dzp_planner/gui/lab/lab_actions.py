"""The lab server in the main window: File ▸ Lab server… / Sync with lab / Lab conflicts…, and the status-bar
indicator (synced · N waiting · offline · N conflicts).

Why it syncs by itself: offline-first means the chemist works in the local library and never waits for the
server; what waits is pushed on the next sync, which runs a few seconds after start, every few minutes, and
on Ctrl+Alt+Y, always on the worker. A sync that pulled the plan open in the window reloads it when the
window has no unsaved edits, and says so either way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolButton

from dzp_planner.gui.lab.lab_client import LabClient

if TYPE_CHECKING:
    from dzp_planner.gui.main_window import MainWindow

SYNC_EVERY_MS = 5 * 60 * 1000
FIRST_SYNC_MS = 4000  # after start-up, once the window has painted and settled


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


class LabActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.client = LabClient(window.library, window)
        self.client.finished.connect(self._finished)
        self.client.progress.connect(self._progress)
        self.indicator = QToolButton(window)
        self.indicator.setObjectName("labStatus")
        self.indicator.setAutoRaise(True)
        self.indicator.clicked.connect(self._indicator_clicked)
        window.statusBar().addPermanentWidget(self.indicator)
        self._add("actionLabServer", "&Lab server…", "Choose the lab's PostgreSQL server and test the connection",
                                       self.show_server_dialog)
        self.sync_action = self._add("actionLabSync", "S&ync with lab", "Push what changed here, pull what changed on the lab server",
                                     self.sync_now, QKeySequence("Ctrl+Alt+Y"))
        self.conflicts_action = self._add("actionLabConflicts", "Lab &conflicts…",
                                          "Plans changed here and on the server: compare, keep mine or take theirs", self.show_conflicts)
        window.menuFile.insertSeparator(window.menuFile.actions()[-1])
        self.timer = QTimer(window)
        self.timer.setInterval(SYNC_EVERY_MS)
        self.timer.timeout.connect(self.sync_when_idle)
        window.controller.dirtyChanged.connect(lambda dirty: None if dirty else self.refresh_status())
        self._conflicts = 0
        self._configured_changed()
        if self.configured():
            QTimer.singleShot(FIRST_SYNC_MS, self.indicator, self.sync_when_idle)  # the indicator: gone with the window

    def _add(self, name: str, text: str, tip: str, slot: Any, key: QKeySequence | None = None) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        if key is not None:
            action.setShortcut(key)
        action.triggered.connect(slot)
        quit_action = self.window.menuFile.actions()[-1]  # File ▸ Quit stays last
        self.window.menuFile.insertAction(quit_action, action)
        return action

    @staticmethod
    def configured() -> bool:
        from dzp_planner.core.io.lab.connection import configured_dsn

        return bool(configured_dsn())

    def _configured_changed(self) -> None:
        on = self.configured()
        self.indicator.setVisible(on)
        self.sync_action.setEnabled(on)
        self.conflicts_action.setEnabled(on)
        if on:
            self.timer.start()
            self._show("Lab: not synced yet", "Syncs a few seconds after start, every 5 minutes, and on Ctrl+Alt+Y")
            self.refresh_status()
        else:
            self.timer.stop()

    def _show(self, text: str, tip: str, alarm: bool = False) -> None:
        self.indicator.setText(text)
        self.indicator.setToolTip(tip)
        self.indicator.setStyleSheet("color: #b00020; font-weight: bold" if alarm else "")

    # -- commands ----------------------------------------------------------------------
    def show_server_dialog(self) -> None:
        from dzp_planner.gui.lab.lab_dialog import LabServerDialog

        dialog = LabServerDialog(self.client, self.window)
        if dialog.exec():
            self._configured_changed()
            if self.configured():
                self.sync_now()

    def sync_now(self) -> None:
        if not self.configured():
            return
        if self.client.busy() == "sync":
            self.client.cancel()  # a second Ctrl+Alt+Y while it runs: stop it (what is done stays done)
            return
        from dzp_planner.core.io.lab import sync

        if self.client.submit("sync", lambda server, library: sync.sync(server, library, self.client.keep_going)):
            self._show("Lab: syncing…", "Syncing with the lab server (Ctrl+Alt+Y again stops it)")

    def sync_when_idle(self) -> None:
        """The sync a timer starts: never the second press that stops a running sync (a long sync would be cut
        off by the five-minute timer), and nothing while another lab job runs (the next tick tries again)."""
        if not self.client.busy():
            self.sync_now()

    def refresh_status(self) -> None:
        """How many plans wait to be pushed (local only: no server asked)."""
        if not self.configured() or self.client.busy():
            return
        from dzp_planner.core.io.lab import sync

        self.client.submit("status", lambda _server, library: (len(sync.waiting(library)), len(sync.conflicts())))

    def show_conflicts(self) -> None:
        from dzp_planner.gui.lab.conflict_dialog import ConflictDialog

        dialog = ConflictDialog(self.client, self.window)
        dialog.resolved.connect(self._resolved)
        dialog.exec()
        self.refresh_status()

    def _indicator_clicked(self) -> None:
        self.show_conflicts() if self._conflicts else self.sync_now()

    # -- answers -----------------------------------------------------------------------
    def _progress(self, done: int, total: int) -> None:
        if self.client.busy() == "sync":
            self._show(f"Lab: syncing {done}/{total}…", "Syncing with the lab server (Ctrl+Alt+Y again stops it)")

    def _finished(self, job: str, result: object, error: str) -> None:
        if job == "status" and not error and isinstance(result, tuple):
            waiting, self._conflicts = result
            self._say_state(waiting, "")
        elif job == "sync":
            if error:
                self._show("Lab: offline", f"The last sync did not reach the server: {error}. Your changes wait here.", alarm=False)
                self.window.statusBar().showMessage(f"Lab sync failed: {error}", 8000)
                return
            assert isinstance(result, dict)
            self._conflicts = len(result["conflicts"])
            done = f"pushed {result['pushed']}, pulled {result['pulled']}" + (" (stopped)" if result["cancelled"] else "")
            self._say_state(0, done)
            self._reload_if_pulled(result["pulled_ids"])

    def _say_state(self, waiting: int, done: str) -> None:
        if self._conflicts:
            self._show(f"Lab: {_count(self._conflicts, 'conflict')}", "Click to compare and resolve", alarm=True)
        elif waiting:
            self._show(f"Lab: {waiting} waiting", "Changed here since the last sync; pushed on the next (Ctrl+Alt+Y)")
        else:
            self._show("Lab: synced", f"In step with the lab server{': ' + done if done else ''}")

    def _reload_if_pulled(self, pulled: list[str]) -> None:
        controller = self.window.controller
        plan_id = controller.plan.plan_id
        if plan_id not in pulled:
            return
        if controller.is_dirty():
            self.window.statusBar().showMessage("This plan has a newer revision on the lab server; you have unsaved edits, so "
                                                "it was not reloaded (saving makes yours the newest; theirs stays in its history).", 15000)
            return
        controller.replace_plan(self.window.library.load(plan_id), controller.file_path)
        self.window.statusBar().showMessage("This plan had a newer revision on the lab server: reloaded.", 8000)

    def _resolved(self, plan_id: str, keep: str) -> None:
        controller = self.window.controller
        if keep == "theirs" and controller.plan.plan_id == plan_id and not controller.is_dirty():
            controller.replace_plan(self.window.library.load(plan_id), controller.file_path)


def install(window: MainWindow) -> LabActions:
    return LabActions(window)
