"""Fits of many runs run on a worker (issue 25): the window answers, and the result replaces the pending fit."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QApplication
from tests.closed_form import exact_point

from dzp_planner.core.document import plan_edits
from dzp_planner.core.document.derivation import derive
from dzp_planner.core.document.plan import MAX_RUNS, TrialRun
from dzp_planner.core.models import plan_fit


def _runs(count: int, r: float) -> list[TrialRun]:
    runs = []
    for i in range(count):
        equiv = 0.2 + 1.6 * i / (count - 1)
        sm, mono, bis = exact_point(equiv, r)
        runs.append(TrialRun(equiv=equiv, sm=100 * sm, mono=100 * mono, bis=100 * bis, atmosphere="N2"))
    return runs


def test_two_hundred_runs_are_fitted_off_the_gui_thread(main_window, qtbot):
    plan_fit._PLAN_FITS.clear()
    controller = main_window.controller
    runs = _runs(MAX_RUNS, 0.4)
    started = time.perf_counter()
    controller.edit_many(plan_edits.result_changes(controller.plan, runs), f"Record {len(runs)} runs")
    edit_s = time.perf_counter() - started
    pending = derive(controller.plan).fit
    assert pending is not None and pending.pending and "Fitting 200 runs" in pending.problem
    assert controller.plan.model.k2_k1_note == plan_edits.FIT_PENDING_NOTE
    answered = 0
    while main_window.background_fit.running():  # the event loop turns while the worker fits
        QApplication.processEvents()
        answered += 1
        qtbot.wait(5)
        assert time.perf_counter() - started < 60
    qtbot.waitUntil(lambda: derive(controller.plan).fit.result is not None, timeout=20000)
    assert answered > 1 and edit_s < 0.5  # the edit did not wait for the fit (which takes ~0.7 s here)
    assert controller.plan.model.k2_k1 == pytest.approx(0.4, abs=2e-3)  # exact data from r = 0.4
    assert controller.plan.model.k2_k1_source == "fitted" and "fitted from 200 runs" in controller.plan.model.k2_k1_note
    controller.undo_stack.undo()  # the fit's k2/k1 is its own step; the runs stay
    assert len(controller.plan.results) == MAX_RUNS and controller.plan.model.k2_k1_note == plan_edits.FIT_PENDING_NOTE


def test_a_few_runs_are_still_fitted_at_once(main_window):
    controller = main_window.controller
    controller.edit_many(plan_edits.result_changes(controller.plan, _runs(3, 0.5)), "Record 3 runs")
    assert derive(controller.plan).fit.result is not None and not main_window.background_fit.running()
    assert controller.plan.model.k2_k1 == pytest.approx(0.5, abs=2e-3)
