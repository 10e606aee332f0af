"""Autosave and recovery: kill the app mid-edit, restart, get the edits back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from PySide6.QtWidgets import QMessageBox

EDIT_THEN_HANG = textwrap.dedent(
    """
    import os, sys, time
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    from dzp_planner.core.library import PlanLibrary
    from dzp_planner.gui import crash_handler
    from dzp_planner.gui.main_window import MainWindow
    from dzp_planner.gui.plan_controller import PlanController
    crash_handler.DIALOGS_ENABLED = False
    app = QApplication([])
    library = PlanLibrary()
    window = MainWindow(PlanController(), library)
    window.documents.autosave_timer.setInterval(200)
    window.documents.open_sample()
    meta = window.controller.plan.get_section("meta")
    meta["title"] = "typed just before the crash"
    window.controller.edit("meta", meta, "Rename")
    window.controller.edit("notes", "quench at 0 C", "Notes")
    deadline = time.time() + 20
    while time.time() < deadline and not library._db.execute("SELECT COUNT(*) FROM autosave").fetchone()[0]:
        app.processEvents(); time.sleep(0.02)
    print("autosaved", flush=True)
    while True:
        app.processEvents(); time.sleep(0.05)
    """
)


def test_kill_during_editing_then_restart_restores_the_edits(qtbot, data_home, monkeypatch):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", EDIT_THEN_HANG], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout.readline().strip() == "autosaved"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()

    from dzp_planner.core.library import PlanLibrary
    from dzp_planner.gui.main_window import MainWindow
    from dzp_planner.gui.plan_controller import PlanController

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    library = PlanLibrary()
    window = MainWindow(PlanController(), library)
    qtbot.addWidget(window)
    window.open_initial_plan(None)
    assert len(asked) == 1 and "typed just before the crash" in asked[0]
    plan = window.controller.plan
    assert (plan.title, plan.notes) == ("typed just before the crash", "quench at 0 C")
    window.populate_panels()  # what the first paint does in the app
    assert window.isWindowModified()  # restored work is unsaved until the chemist saves it
    window.documents.autosave_timer.stop()
    window.controller.undo_stack.setClean()
    library.close()


def test_declining_recovery_discards_the_autosave(qtbot, data_home, monkeypatch):
    from dzp_planner.core import templates
    from dzp_planner.core.library import PlanLibrary
    from dzp_planner.gui.main_window import MainWindow
    from dzp_planner.gui.plan_controller import PlanController

    library = PlanLibrary()
    plan = templates.plan_from_template("mono-boc-protection")
    library.write_autosave(plan)
    library._db.execute("UPDATE autosave SET pid = 0")  # written by a process that is gone
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window = MainWindow(PlanController(), library)
    qtbot.addWidget(window)
    window.open_initial_plan(None)
    assert library.orphaned_autosaves() == []
    window.documents.autosave_timer.stop()
    library.close()
