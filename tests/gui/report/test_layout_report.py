"""The layout report finds what a chemist would see cut off, and tools that are out of reach."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from dzp_planner.gui.layout_report import clipped_widgets, unreachable_tools


def _window(qtbot, width: int) -> tuple[QWidget, QLabel, QPushButton]:
    window = QWidget()
    window.setObjectName("probe")
    label = QLabel("Limiting reagent: 1-Boc-1,4-diazepane", window)
    label.setObjectName("limitingLabel")
    button = QPushButton("Export figure…", window)
    button.setObjectName("exportButton")
    row = QHBoxLayout(window)
    row.addWidget(label)
    row.addWidget(button)
    qtbot.addWidget(window)
    window.resize(width, 60)
    window.show()
    qtbot.waitExposed(window)
    return window, label, button


def test_a_wide_window_has_nothing_cut(qtbot):
    window, _label, _button = _window(qtbot, 700)
    assert clipped_widgets(window) == []


def test_a_label_and_a_button_squeezed_below_their_text_are_reported(qtbot):
    window, label, button = _window(qtbot, 700)
    label.setMinimumWidth(0)
    button.setMinimumWidth(0)
    label.setFixedWidth(60)   # far less than "Limiting reagent: 1-Boc-1,4-diazepane" needs
    button.setFixedWidth(30)
    qtbot.wait(10)
    problems = clipped_widgets(window)
    assert any(p.startswith("limitingLabel") and p.endswith("is cut") for p in problems), problems
    assert any(p.startswith("exportButton") and p.endswith("is cut") for p in problems), problems


def test_a_widget_that_runs_out_of_its_window_is_reported(qtbot):
    window, _label, _button = _window(qtbot, 700)
    stray = QLineEdit("2.5", window)
    stray.setObjectName("strayField")
    stray.setGeometry(680, 10, 80, 24)  # 60 px beyond the right edge
    stray.show()
    problems = clipped_widgets(window)
    assert any("strayField" in p and "runs out of" in p for p in problems), problems


def test_tools_are_unreachable_when_the_window_has_no_editor(qtbot):
    window, _label, _button = _window(qtbot, 700)
    missing = unreachable_tools(window)
    assert "ring:7" in missing and "fragment:Boc" in missing
