"""SIGTERM/SIGHUP/SIGINT: an emergency autosave of unsaved work, then a clean exit (issue 25)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from dzp_planner.gui.shutdown_signals import make_handler


def test_the_handler_saves_first_then_leaves_even_when_the_save_fails():
    order = []
    make_handler(lambda: order.append("save"), lambda code: order.append(("leave", code)))(signal.SIGTERM, None)
    assert order == ["save", ("leave", 128 + signal.SIGTERM)]

    def broken() -> None:
        raise OSError("disk full")

    left = []
    make_handler(broken, left.append)(signal.SIGINT, None)
    assert left == [0]  # Ctrl-C closes as Quit does: exit code 0


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_the_window_leaves_cleanly_on_a_signal_and_its_unsaved_plan_is_offered_back(tmp_path, sig):
    """A real window: a recovered (unsaved) plan is open; the signal leaves a fresh autosave of it
    that the library lists as orphaned for the next start (was: killed at once, nothing saved)."""
    from dzp_planner.core.guidance.templates import plan_from_template
    from dzp_planner.core.io import storage

    home = tmp_path / "home"
    env = dict(os.environ, DZP_PLANNER_HOME=str(home))
    script = (
        "import sys\n"
        "from dzp_planner.gui import application\n"
        "orig = application._finish_start\n"
        "def edit():\n"
        "    from PySide6.QtWidgets import QApplication\n"
        "    w = next(w for w in QApplication.instance().topLevelWidgets() if hasattr(w, 'controller'))\n"
        "    m = w.controller.plan.get_section('model'); m.k2_k1 = 0.123\n"
        "    w.controller.edit('model', m, 'unsaved edit')  # made after the plan file was opened\n"
        "    print('ready', flush=True)\n"
        "def patched(app):\n"
        "    orig(app)\n"
        "    from PySide6.QtCore import QTimer\n"
        "    QTimer.singleShot(1500, edit)\n"
        "application._finish_start = patched\n"
        f"sys.exit(application.run_gui({str(tmp_path / 'p.dzp')!r}))\n"
    )
    storage.save_plan(plan_from_template("mono-boc-protection"), tmp_path / "p.dzp")
    with subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as child:
        try:
            deadline = time.monotonic() + 60
            line = ""
            while "ready" not in line and time.monotonic() < deadline:
                line = child.stdout.readline()
            assert "ready" in line
            time.sleep(0.5)
            child.send_signal(sig)
            code = child.wait(timeout=20)
        finally:
            if child.poll() is None:
                child.kill()
        err = child.stderr.read()
    assert code == (0 if sig == signal.SIGINT else 128 + sig), err
    from dzp_planner.core.io.library import PlanLibrary

    library = PlanLibrary(home / "library.sqlite") if (home / "library.sqlite").exists() else PlanLibrary()
    try:
        orphans = library.orphaned_autosaves()
    finally:
        library.close()
    assert [o.plan().model.k2_k1 for o in orphans] == [0.123]
