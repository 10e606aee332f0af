"""A plan saved while the window fitted its runs on a worker (issue 25): `show` fits them itself.

The file says "fitting on a worker…" beside the k2/k1 from before the runs; a reader of the file has no worker
coming, so the value it reports must be the fit of the runs: here exact SM/mono/bis from the closed form at
k2/k1 = 0.4, so the fit must give 0.4.
"""

from __future__ import annotations

import argparse

import pytest
from tests.closed_form import spread_runs

from dzp_planner.cli.plans import show
from dzp_planner.core.document import plan_edits
from dzp_planner.core.document.pending_fit import FIT_PENDING_NOTE, settle_pending_fit
from dzp_planner.core.document.plan import MAX_RUNS, TrialRun
from dzp_planner.core.guidance.templates import plan_from_template
from dzp_planner.core.io import storage
from dzp_planner.core.models import plan_fit


def _runs(count: int, r: float) -> list[TrialRun]:
    return spread_runs(count, r, atmosphere="N2")


@pytest.fixture
def pending_plan():
    plan_fit._PLAN_FITS.clear()
    plan_fit.defer_slow_fits(True)  # as in the window: the fit of 200 runs is left to a worker
    try:
        plan = plan_from_template("reductive-mono-alkylation")  # a reaction whose k2/k1 the runs fit
        for section, value in plan_edits.result_changes(plan, _runs(MAX_RUNS, 0.4)).items():
            plan.set_section(section, value)
    finally:
        plan_fit.defer_slow_fits(False)
    assert plan.model.k2_k1_note == FIT_PENDING_NOTE and plan.model.k2_k1 != pytest.approx(0.4, abs=0.01)
    return plan


def test_show_of_a_plan_saved_mid_fit_reports_the_fit_of_its_runs(pending_plan, tmp_path):
    path = tmp_path / "mid-fit.dzp.json"
    storage.save_plan(pending_plan, path)
    shown = show.run(argparse.Namespace(plan=str(path)))
    assert FIT_PENDING_NOTE not in repr(shown)
    assert shown["distribution"]["k2_k1"] == pytest.approx(0.4, abs=2e-3)


def test_settling_leaves_the_plan_it_was_given_alone(pending_plan):
    settled = settle_pending_fit(pending_plan)
    assert settled.model.k2_k1 == pytest.approx(0.4, abs=2e-3) and "fitted from 200 runs" in settled.model.k2_k1_note
    assert pending_plan.model.k2_k1_note == FIT_PENDING_NOTE  # the caller's plan is not changed behind its back
    assert settle_pending_fit(settled) is settled  # nothing pending: the same plan back
