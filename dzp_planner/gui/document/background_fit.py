"""Fits of many runs on a worker thread, so the window answers while they run.

The core leaves a pending fit in the derivation of a plan with many runs (`plan_fit.defer_slow_fits`);
this object sees it, fits the same runs on a QThreadPool worker, and when the result arrives (on the GUI
thread, by a queued signal) derives the plan again so every panel shows it, and, if the plan's k2/k1
was waiting for this fit, puts it into the step that recorded the runs (`PlanController.complete_step`). An answer for runs the plan no longer has (the
chemist edited again meanwhile) is dropped: the newer edit has asked for its own.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from dzp_planner.gui.document.plan_controller import DerivationChange, PlanController


class _FitSignals(QObject):
    finished = Signal(object, object)  # (key, PlanFit)


class _FitJob(QRunnable):
    def __init__(self, key: Any, runs: list[Any], equiv: float | None) -> None:
        super().__init__()
        self.key, self.runs, self.equiv = key, runs, equiv
        self.signals = _FitSignals()

    def run(self) -> None:
        from dzp_planner.core.models.plan_fit import PlanFit, fit_plan_runs

        try:
            found = fit_plan_runs(self.runs, self.equiv)  # remembered by its inputs for the next derivation
        except Exception as exc:  # noqa: BLE001 - said in the runs tab, never raised on the worker
            found = PlanFit(None, 0, f"No fit: {exc}")
        try:
            self.signals.finished.emit(self.key, found)
        except RuntimeError:  # the window closed while the worker fitted: nobody waits for the answer
            pass


class BackgroundFit(QObject):
    def __init__(self, controller: PlanController, parent: QObject | None = None) -> None:
        from dzp_planner.core.models.plan_fit import defer_slow_fits

        super().__init__(parent)
        self.controller = controller
        self._jobs: dict[Any, _FitJob] = {}
        defer_slow_fits(True)
        controller.derivationChanged.connect(self._on_change)

    def _on_change(self, change: DerivationChange) -> None:
        from dzp_planner.core.models.plan_fit import fit_key

        fit = change.derivation.fit
        if fit is None or not fit.pending:
            return
        runs = [dataclasses.replace(r) for r in self.controller.plan.results]  # the worker's own copy
        equiv = change.derivation.distribution.electrophile_equiv
        key = fit_key(runs, equiv)
        if key in self._jobs:
            return
        job = _FitJob(key, runs, equiv)
        job.signals.finished.connect(self._done)
        self._jobs[key] = job
        QThreadPool.globalInstance().start(job)

    def running(self) -> int:
        return len(self._jobs)

    def _done(self, key: Any, fit: Any) -> None:
        from dzp_planner.core.document.derivation import derive
        from dzp_planner.core.document.pending_fit import fitted_model_changes
        from dzp_planner.core.models.plan_fit import fit_key

        self._jobs.pop(key, None)
        plan = self.controller.plan
        if fit_key(plan.results, derive(plan).distribution.electrophile_equiv) != key:
            return  # the runs changed meanwhile: their own fit is on its way
        model = fitted_model_changes(plan, fit)
        if model is None:
            self.controller.rederive(frozenset({"results"}))
        elif not self.controller.complete_step("model", model):  # the fit joins the step that recorded the runs
            self.controller.edit("model", model, f"Fit k2/k1 to {len(plan.results)} runs")
