"""A k2/k1 fit that runs on the GUI's worker: the note the plan carries meanwhile, and the fit put into the plan.

The window fits many runs off its thread (`plan_fit.defer_slow_fits`); until the answer arrives the plan's k2/k1
note says so. A plan saved or exported in that moment (Save, autosave, File ▸ Export PDF, which hands a copy to its
own process) would otherwise report the k2/k1 from before the runs with "fitting on a worker…" beside it: a reader
of the file has no worker coming, so it fits the runs itself (`settle_pending_fit`).
"""

from __future__ import annotations

from typing import Any

from dzp_planner.core.document.plan import Plan

FIT_PENDING_NOTE = "fitting on a worker…"  # the plan's k2/k1 note while a slow fit runs (plan_fit.defer_slow_fits)


def fitted_model_changes(plan: Plan, fit: Any) -> Any | None:
    """The model with k2/k1 from a fit that arrived from the worker, or None when the plan no longer waits for it."""
    model = plan.get_section("model")
    if model.k2_k1_source != "fitted" or model.k2_k1_note != FIT_PENDING_NOTE:
        return None
    if fit.result is None:
        model.k2_k1_source, model.k2_k1_note = "assumed", "kept: the runs give no fit"
    else:
        model.k2_k1 = round(fit.result.k2_k1, 4)
        model.k2_k1_note = fit.summary()
    return model


def settle_pending_fit(plan: Plan) -> Plan:
    """The plan with the fit its k2/k1 waited for (computed here, on the caller's thread), or the plan itself
    when it waits for none. `show`, `export` and the lab read files through this: they have no worker."""
    from dzp_planner.core.document.derivation import derive
    from dzp_planner.core.models.plan_fit import fit_plan_runs

    if plan.model.k2_k1_note != FIT_PENDING_NOTE:
        return plan
    model = fitted_model_changes(plan, fit_plan_runs(plan.results, derive(plan).distribution.electrophile_equiv))
    if model is None:
        return plan
    settled = plan.copy()
    settled.set_section("model", model)
    return settled
