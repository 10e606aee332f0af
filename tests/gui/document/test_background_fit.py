"""Fits of many runs run on a worker (issue 25): the window answers, and the result replaces the pending fit."""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest
from PySide6.QtWidgets import QApplication
from tests.closed_form import spread_runs

from dzp_planner.core.document import plan_edits
from dzp_planner.core.document.derivation import derive
from dzp_planner.core.document.pending_fit import FIT_PENDING_NOTE
from dzp_planner.core.document.plan import MAX_RUNS, TrialRun
from dzp_planner.core.models import plan_fit


def _runs(count: int, r: float) -> list[TrialRun]:
    return spread_runs(count, r, atmosphere="N2")


def test_two_hundred_runs_are_fitted_off_the_gui_thread(main_window, qtbot):
    plan_fit._PLAN_FITS.clear()
    controller = main_window.controller
    runs = _runs(MAX_RUNS, 0.4)
    started = time.perf_counter()
    controller.edit_many(plan_edits.result_changes(controller.plan, runs), f"Record {len(runs)} runs")
    edit_s = time.perf_counter() - started
    pending = derive(controller.plan).fit
    assert pending is not None and pending.pending and "Fitting 200 runs" in pending.problem
    assert controller.plan.model.k2_k1_note == FIT_PENDING_NOTE
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
    assert controller.undo_stack.count() == 1  # the fit joined the step that recorded the runs
    controller.undo_stack.undo()  # runs and their fit go back together: no "fitting on a worker…" left behind
    assert controller.plan.results == [] and controller.plan.model.k2_k1_note != FIT_PENDING_NOTE
    controller.undo_stack.redo()
    assert len(controller.plan.results) == MAX_RUNS and "fitted from 200 runs" in controller.plan.model.k2_k1_note
    assert not main_window.background_fit.running()  # redo brought the fit; nothing is fitted again


def test_a_fit_that_arrives_after_another_edit_joins_the_step_that_recorded_the_runs(main_window, qtbot):
    plan_fit._PLAN_FITS.clear()
    controller = main_window.controller
    controller.edit_many(plan_edits.result_changes(controller.plan, _runs(MAX_RUNS, 0.3)), "Record 200 runs")
    notes = controller.plan.get_section("notes")
    controller.edit("notes", f"{notes}\nran overnight", "Edit notes")  # an edit while the worker fits
    qtbot.waitUntil(lambda: not main_window.background_fit.running(), timeout=30000)
    qtbot.waitUntil(lambda: controller.plan.model.k2_k1_note != FIT_PENDING_NOTE, timeout=20000)
    assert controller.plan.model.k2_k1 == pytest.approx(0.3, abs=2e-3)
    assert controller.undo_stack.count() == 2 and controller.undo_stack.undoText() == "Edit notes"
    controller.undo_stack.undo()  # the notes go back; the fit stays, it belongs to the runs
    assert controller.plan.get_section("notes") == notes and "fitted from 200 runs" in controller.plan.model.k2_k1_note
    controller.undo_stack.undo()
    assert controller.plan.results == [] and controller.plan.model.k2_k1_note != FIT_PENDING_NOTE
    controller.undo_stack.redo()
    controller.undo_stack.redo()
    assert controller.plan.get_section("notes").endswith("ran overnight") and controller.plan.model.k2_k1 == pytest.approx(0.3, abs=2e-3)
    assert not main_window.background_fit.running()


def test_a_fit_after_the_chemist_set_k2_k1_is_not_applied(main_window, qtbot):
    plan_fit._PLAN_FITS.clear()
    controller = main_window.controller
    controller.edit_many(plan_edits.result_changes(controller.plan, _runs(MAX_RUNS, 0.3)), "Record 200 runs")
    controller.edit("model", plan_edits.k2_k1_changes(controller.plan, 0.9), "Set k2/k1")
    qtbot.waitUntil(lambda: not main_window.background_fit.running(), timeout=30000)
    QApplication.processEvents()
    assert controller.plan.model.k2_k1 == 0.9 and controller.undo_stack.count() == 2


def test_a_few_runs_are_still_fitted_at_once(main_window):
    controller = main_window.controller
    controller.edit_many(plan_edits.result_changes(controller.plan, _runs(3, 0.5)), "Record 3 runs")
    assert derive(controller.plan).fit.result is not None and not main_window.background_fit.running()
    assert controller.plan.model.k2_k1 == pytest.approx(0.5, abs=2e-3)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (the bootstrap installs it)")
def test_a_pdf_exported_while_the_fit_is_pending_reports_the_fit(main_window, qtbot, tmp_path):
    plan_fit._PLAN_FITS.clear()
    controller = main_window.controller
    before = controller.plan.model.k2_k1
    controller.edit_many(plan_edits.result_changes(controller.plan, _runs(MAX_RUNS, 0.4)), "Record 200 runs")
    assert controller.plan.model.k2_k1_note == FIT_PENDING_NOTE
    main_window.start_pdf_export(tmp_path / "pending.pdf")  # at once: the copy handed over still waits for the fit
    qtbot.waitUntil(lambda: not main_window._pdf_exporter.busy(), timeout=60000)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "pending.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "fitting on a worker" not in text and "Fitting 200 runs" not in text
    assert "k2/k1 = 0.4 " in text and before != pytest.approx(0.4, abs=0.01)  # the runs' r, not the plan's before
