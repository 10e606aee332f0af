"""The real start-up path (run_gui): window first, then the library and the plan, then panels."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from dzp_planner.gui import application


def _keep_process_state(monkeypatch) -> list[logging.Handler]:
    """run_gui sets process-wide things (log handlers, excepthook, PySide6's import check,
    the emergency save, MPLCONFIGDIR); put them back after the test. Returns the original
    root handlers."""
    from dzp_planner.gui import crash_handler

    root = logging.getLogger()
    original = list(root.handlers)
    monkeypatch.setattr(root, "handlers", list(original))
    monkeypatch.setattr(root, "level", root.level)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(crash_handler, "_emergency_save", crash_handler._emergency_save)
    feature = sys.modules["shibokensupport.feature"]
    monkeypatch.setattr(feature, "_mod_uses_pyside", feature._mod_uses_pyside)
    if "MPLCONFIGDIR" in os.environ:
        monkeypatch.setenv("MPLCONFIGDIR", os.environ["MPLCONFIGDIR"])
    else:
        monkeypatch.delenv("MPLCONFIGDIR", raising=False)
    return original


def _run(qapp, monkeypatch, **kwargs) -> tuple[int, list]:
    """run_gui in this process; the windows it opened, with a 20 s guard against a hang."""
    original_handlers = _keep_process_state(monkeypatch)
    opened: list = []
    from dzp_planner.gui import main_window

    original_show = main_window.MainWindow.show

    def show(window) -> None:
        opened.append(window)
        original_show(window)

    monkeypatch.setattr(main_window.MainWindow, "show", show)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: QApplication.instance().exit(99))
    guard.start(20_000)
    try:
        code = application.run_gui(**kwargs)
    finally:
        guard.stop()
        for window in opened:
            window.documents.autosave_timer.stop()
            window.controller.undo_stack.setClean()
            window.close()
        for handler in logging.getLogger().handlers:
            if handler not in original_handlers:
                handler.close()  # the log file in this test's home
    return code, opened


def test_damaged_library_ends_the_start_with_a_message(qapp, data_home, dialogs, monkeypatch):
    (data_home / "library.sqlite").write_bytes(b"this is not an SQLite database" * 100)
    code, opened = _run(qapp, monkeypatch)
    assert code == 2
    assert len(opened) == 1 and not opened[0]._populated  # the window was up; nothing was filled
    assert [kind for kind, _ in dialogs] == ["critical"]
    assert "library.sqlite cannot be opened" in dialogs[0][1] and "move the file aside" in dialogs[0][1]
    assert (data_home / "library.sqlite").read_bytes().startswith(b"this is not an SQLite")  # left as it was


def test_plan_named_on_the_command_line_opens_after_the_first_paint(qapp, data_home, dialogs, monkeypatch, tmp_path):
    from dzp_planner.core.guidance import templates
    from dzp_planner.core.io import storage

    plan = templates.plan_from_template("reductive-mono-alkylation")
    plan.title = "Run 7 from the command line"
    path = tmp_path / "run7.dzp"
    storage.save_plan(plan, path)
    seen: dict = {}

    def quit_when_populated(window) -> None:
        seen["title"] = window.windowTitle()
        seen["panels"] = {name: panel.is_populated() for name, panel in window.panels.items()}
        QApplication.instance().exit(0)

    from dzp_planner.gui import main_window

    original_finish = main_window.MainWindow._finish_populating

    def finish(window) -> None:
        original_finish(window)
        poll = QTimer(window)  # the plot's draw is queued until its canvas has a size: wait for it

        def check() -> None:
            if all(panel.is_populated() for panel in window.panels.values()):
                poll.stop()
                quit_when_populated(window)

        poll.timeout.connect(check)
        poll.start(20)

    monkeypatch.setattr(main_window.MainWindow, "_finish_populating", finish)
    code, opened = _run(qapp, monkeypatch, plan_path=str(path))
    assert code == 0 and dialogs == []
    assert seen["title"].startswith("Run 7 from the command line")
    assert seen["panels"] == {"structurePanel": True, "decisionPanel": True, "stoichiometryPanel": True, "distributionPanel": True}


def test_what_is_logged_before_the_log_file_opens_reaches_it(qapp, data_home, dialogs, monkeypatch):
    """The log file opens after the first paint; a warning from before it must still be there."""
    from dzp_planner.gui import main_window
    from dzp_planner.gui.widgets import fonts

    def no_system_fonts(app) -> str:  # what ensure_usable_font logs on a PC without fonts
        logging.getLogger("dzp_planner.gui.widgets.fonts").info("no system fonts: using bundled DejaVu Sans")
        return "DejaVu Sans"

    monkeypatch.setattr(fonts, "ensure_usable_font", no_system_fonts)
    monkeypatch.setattr(main_window.MainWindow, "_finish_populating", lambda window: QApplication.instance().exit(0))
    code, _opened = _run(qapp, monkeypatch)
    assert code == 0
    text = (data_home / "dzp-planner.log").read_text(encoding="utf-8")
    early = text.index("no system fonts: using bundled DejaVu Sans")
    assert early < text.index("starting")  # kept in order: logged before the file existed
