"""Fixtures for GUI tests: a main window on a fresh library, with modal dialogs patched."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from dzp_planner.gui import crash_handler


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch):
    """A modal dialog would hang the test run: message boxes are recorded (the `dialogs` fixture), and an uncaught exception fails the test."""
    crash_handler.DIALOGS_ENABLED = False
    crash_handler.recorded.clear()
    shown: list[tuple[str, str]] = []

    def record(kind):
        def _record(parent, title, text, *args, **kwargs):
            shown.append((kind, f"{title}: {text}"))
            return QMessageBox.StandardButton.Ok
        return _record

    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    # pytest-qt closes widgets before fixture teardown: a dirty window must not block on
    # "Save changes?" (tests that care about the answer patch `question` themselves)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    yield shown
    assert not crash_handler.recorded, "uncaught exception(s):\n" + "\n".join(crash_handler.recorded)


@pytest.fixture
def dialogs(_no_modal_dialogs):
    return _no_modal_dialogs


@pytest.fixture
def main_window(qtbot, data_home):
    from dzp_planner.core.io.library import PlanLibrary
    from dzp_planner.gui.document.plan_controller import PlanController
    from dzp_planner.gui.main_window import MainWindow

    library = PlanLibrary()
    controller = PlanController()
    window = MainWindow(controller, library)
    qtbot.addWidget(window)
    window.documents.open_sample()
    window.populate_panels()
    yield window
    window.documents.autosave_timer.stop()
    controller.undo_stack.setClean()
    library.close()
