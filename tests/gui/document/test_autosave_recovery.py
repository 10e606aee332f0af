"""Autosave and recovery: kill the app mid-edit, restart, get the edits back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from PySide6.QtWidgets import QMessageBox

# a real window in a child process (killed or closed by the test), over the data home of the test
WINDOW_PROCESS = textwrap.dedent(
    """
    import os, signal, sys, time
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from dzp_planner.core.io.library import PlanLibrary
    from dzp_planner.gui import crash_handler
    from dzp_planner.gui.main_window import MainWindow
    from dzp_planner.gui.document.plan_controller import PlanController
    crash_handler.DIALOGS_ENABLED = False
    app = QApplication([])
    library = PlanLibrary()
    window = MainWindow(PlanController(), library)
    """
)

EDIT_THEN_HANG = WINDOW_PROCESS + textwrap.dedent(
    """
    window.documents.autosave_timer.setInterval(200)
    window.documents.open_sample()
    meta = window.controller.plan.get_section("meta")
    meta["title"] = "typed just before the crash"
    window.controller.edit("meta", meta, "Rename")
    window.controller.edit("notes", "quench at 0 C", "Notes")
    deadline = time.time() + 20
    while time.time() < deadline and not PlanLibrary()._db.execute("SELECT COUNT(*) FROM autosave").fetchone()[0]:
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

    from dzp_planner.core.io.library import PlanLibrary
    from dzp_planner.gui.document.plan_controller import PlanController
    from dzp_planner.gui.main_window import MainWindow

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
    from dzp_planner.core.guidance import templates
    from dzp_planner.core.io.library import PlanLibrary
    from dzp_planner.gui.document.plan_controller import PlanController
    from dzp_planner.gui.main_window import MainWindow

    library = PlanLibrary()
    plan = templates.plan_from_template("mono-boc-protection")
    library.write_autosave(plan)
    library._db.execute("UPDATE autosave SET pid = 0, writer = '0-gone'")  # written by a process that is gone
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window = MainWindow(PlanController(), library)
    qtbot.addWidget(window)
    window.open_initial_plan(None)
    assert library.orphaned_autosaves() == []
    window.documents.autosave_timer.stop()
    library.close()


WINDOW = WINDOW_PROCESS + textwrap.dedent(
    """
    window.documents.open_path(Path(sys.argv[1]))
    if sys.argv[2] == "edit-and-die":
        window.controller.edit("notes", "window A's unsaved notes", "Notes")
        window.documents.autosave_now()
        window.documents.autosaver.wait()
        print("autosaved", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    window.controller.edit("notes", "window B", "Notes")
    window.documents.autosave_now()
    window.documents.autosaver.wait()
    window.controller.undo_stack.undo()  # back to clean: a clean close clears its own autosave
    window.close()
    print("closed", flush=True)
    """
)


def test_a_second_window_closing_cleanly_keeps_the_first_windows_autosave(qtbot, data_home, tmp_path, monkeypatch):
    """Real processes: window A edits and is killed, window B opens the same plan and closes cleanly;
    the next start still offers A's edits (B removes only its own autosave)."""
    from dzp_planner.core.guidance import templates
    from dzp_planner.core.io import storage
    from dzp_planner.core.io.library import PlanLibrary

    path = tmp_path / "shared.dzp"
    storage.save_plan(templates.plan_from_template("mono-boc-protection"), path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    a = subprocess.run([sys.executable, "-c", WINDOW, str(path), "edit-and-die"], capture_output=True, text=True, env=env, timeout=120)
    assert a.stdout.strip() == "autosaved" and a.returncode == -signal.SIGKILL
    b = subprocess.run([sys.executable, "-c", WINDOW, str(path), "edit-and-close"], capture_output=True, text=True, env=env, timeout=120)
    assert b.stdout.strip() == "closed", b.stderr
    library = PlanLibrary()
    orphans = library.orphaned_autosaves()
    assert [e.plan().notes for e in orphans] == ["window A's unsaved notes"]
    library.close()


def test_a_locked_library_does_not_stall_the_window_and_says_so(main_window, qtbot):
    """Another program holds the library: the autosave fails off the GUI thread, the status bar says so."""
    import sqlite3
    import time

    blocker = sqlite3.connect(main_window.library.path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        main_window.controller.edit("notes", "unsaved", "Notes")
        main_window.documents._autosave_due = True
        start = time.perf_counter()
        main_window.documents.autosave_now()
        assert time.perf_counter() - start < 0.1  # the GUI thread only serialised the plan
        qtbot.waitUntil(lambda: main_window.autosave_warning.isVisibleTo(main_window), timeout=10000)
        assert "locked by another program" in main_window.autosave_warning.text()
        assert "not yet protected" in main_window.autosave_warning.text()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    main_window.documents._autosave_due = True
    main_window.documents.autosave_now()
    qtbot.waitUntil(lambda: not main_window.autosave_warning.isVisibleTo(main_window), timeout=10000)
