"""The "vs acid" tab (issue 27): the sweep runs on a worker, marks the plan's acid, and follows the plan."""

from __future__ import annotations

from dzp_planner.core.guidance import templates
from dzp_planner.gui.document.plan_controller import PlanController
from dzp_planner.gui.plot import DistributionPanel


def test_the_acid_sweep_runs_off_the_gui_thread_and_follows_k2_k1(qtbot):
    panel = DistributionPanel(PlanController(templates.plan_from_template("mono-protonation")))
    qtbot.addWidget(panel)
    panel.resize(700, 600)
    panel.show()
    panel.tabs.setCurrentIndex(panel.tabs.indexOf(panel.acid))
    assert "Computing" in panel.acid.result.text()  # the window answers while the worker sweeps
    qtbot.waitUntil(lambda: "This plan" in panel.acid.result.text(), timeout=20000)
    text = panel.acid.result.text()
    assert "1 equiv acid" in text and "mono 90%" in text  # the plan's point: 4.9 / 90.2 / 4.9 % (test_acid_route)
    assert "acidCanvas" in [c.objectName() for c in panel.figure_canvases().values()]
    assert "makes no acid" in panel.acid.inputs_label.text()  # Boc2O
    first = panel.acid._drawn
    panel.r_spin.setValue(2.0)
    panel.r_spin.editingFinished.emit()
    qtbot.waitUntil(lambda: panel.acid._drawn is not None and panel.acid._drawn != first, timeout=20000)
    assert panel.acid._drawn.k2_k1 == 2.0
