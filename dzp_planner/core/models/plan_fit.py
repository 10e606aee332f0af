"""The fit of a plan's recorded runs: which runs are fitted, remembered by their inputs, and deferred when slow.

Why apart from `fitting` (the least-squares and interval mathematics): this is the plan's view of it, and
the GUI asks it one more thing. A fit of many runs takes a noticeable time (200 runs, the file limit, about
0.7 s), so where the caller has said it computes slow fits elsewhere (`defer_slow_fits`, the GUI: on a
worker thread), a derivation that finds no remembered fit for ≥ `DEFER_FROM` runs gets a pending one, and
the worker's result replaces it when it arrives.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dzp_planner.core.errors import UserInputError
from dzp_planner.core.models.fitting import FitResult, Run, fit_mono_bis_ratio, fit_runs

if TYPE_CHECKING:
    from dzp_planner.core.document.plan import TrialRun

DEFER_FROM = 24  # runs from which a fit takes longer than a keystroke may (measured: 50 runs ~0.15 s)
_DEFER = {"slow": False}


def defer_slow_fits(enabled: bool) -> None:
    """The GUI computes fits of many runs on a worker: derivations then carry a pending fit instead."""
    _DEFER["slow"] = enabled


@dataclass(frozen=True)
class PlanFit:
    """The fit of a plan's recorded runs, or why there is none."""

    result: FitResult | None
    runs_used: int
    problem: str  # "" when fitted; else what is missing, in a sentence
    pending: bool = False  # being computed on a worker: the result replaces this one when it arrives

    def summary(self) -> str:
        if self.result is None:
            return self.problem
        low, high = self.result.ci95
        return f"fitted from {self.runs_used} run{'s' if self.runs_used != 1 else ''}: {self.result.k2_k1:.3g} [{low:.3g}, {high:.3g}]"


_PLAN_FITS: dict[tuple[Any, ...], PlanFit] = {}


def fit_key(runs: Sequence[TrialRun], table_equiv: float | None) -> tuple[Any, ...]:
    """What a fit depends on (the runs and the table's equivalents): the key it is remembered by."""
    import dataclasses

    return (tuple(dataclasses.astuple(r) for r in runs), table_equiv)


def remembered(runs: Sequence[TrialRun], table_equiv: float | None) -> PlanFit | None:
    return _PLAN_FITS.get(fit_key(runs, table_equiv))


def fit_for_derivation(runs: Sequence[TrialRun], table_equiv: float | None) -> PlanFit:
    """The fit, or a pending one where it would be slow and the caller computes slow fits elsewhere."""
    if _DEFER["slow"] and len(runs) >= DEFER_FROM and remembered(runs, table_equiv) is None:
        return PlanFit(None, len(runs), f"Fitting {len(runs)} runs…", pending=True)
    return fit_plan_runs(runs, table_equiv)


def fit_plan_runs(runs: Sequence[TrialRun], table_equiv: float | None) -> PlanFit:
    """Fit the runs recorded in a plan (`plan.TrialRun`); a run without equivalents takes the table's.

    Runs with SM, mono and bis are fitted jointly; when none has SM (it could not be seen), the
    first run with mono, bis and equivalents is fitted by its mono:bis ratio. Remembered by its
    inputs: a fit takes tens of milliseconds, and every other plan edit (a slider step) derives
    the plan again with the same runs.
    """
    key = fit_key(runs, table_equiv)
    found = _PLAN_FITS.get(key)
    if found is None:
        found = _fit_plan_runs(runs, table_equiv)
        if len(_PLAN_FITS) >= 32:
            _PLAN_FITS.pop(next(iter(_PLAN_FITS)))
        _PLAN_FITS[key] = found
    return found


def _mono_bis_ratio(mono: float, rf_mono: float, bis: float, rf_bis: float) -> float | None:
    """(mono / rf_mono) / (bis / rf_bis), or None when a quotient underflows to 0 or overflows: guarded by
    what the divisions give, not by their operands (bis = 1e-300 over rf 1e10 is 0.0 though bis > 0)."""
    moles_bis = bis / rf_bis
    moles_mono = mono / rf_mono
    if not (math.isfinite(moles_bis) and math.isfinite(moles_mono)) or moles_bis <= 0:
        return None
    ratio = moles_mono / moles_bis
    return ratio if math.isfinite(ratio) and ratio > 0 else None


def _fit_plan_runs(runs: Sequence[TrialRun], table_equiv: float | None) -> PlanFit:
    if not runs:
        return PlanFit(None, 0, "")
    complete: list[Run] = []
    ratio_runs: list[tuple[float, float, float]] = []
    sigmas: list[float] = []  # the joint fit uses the largest stated uncertainty (the cautious one)
    for run in runs:
        equiv = run.equiv if run.equiv is not None else table_equiv
        if run.mono is None or run.bis is None:
            continue
        sigmas.append(run.sigma)
        if run.sm is not None:
            complete.append(Run(run.sm, run.mono, run.bis, equiv, run.rf_sm, run.rf_mono, run.rf_bis))
        elif equiv is not None and run.bis > 0 and run.rf_mono > 0 and run.rf_bis > 0:
            ratio = _mono_bis_ratio(run.mono, run.rf_mono, run.bis, run.rf_bis)
            if ratio is not None:
                ratio_runs.append((ratio, equiv, run.sigma))
    try:
        if complete:
            return PlanFit(fit_runs(complete, max(sigmas), predict_equiv=table_equiv), len(complete), "")
        if ratio_runs:
            ratio, equiv, run_sigma = ratio_runs[0]
            return PlanFit(fit_mono_bis_ratio(ratio, equiv, run_sigma), 1, "")
    except UserInputError as exc:
        return PlanFit(None, 0, f"No fit: {exc}")
    return PlanFit(None, 0, "No fit yet: a run needs mono and bis, and SM or the equivalents charged.")


