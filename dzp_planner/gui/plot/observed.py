"""What the equivalents plot draws besides the model: the measured runs, the fit's band, and
where k2/k1 comes from. Free of matplotlib on purpose: the plot panel keys its stored start-up
picture by these, before matplotlib has loaded (importing it here cost 0.5 s of start-up).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Observed:
    """Measured runs to draw over the model, and the band of the fitted k2/k1's 95 % interval."""

    points: tuple[tuple[float, float, float, float, float], ...]  # (equiv consumed, sm, mono, bis, ± fraction)
    band: tuple[float, float] | None  # (low, high) k2/k1, or None

    def key(self) -> str:
        return repr((self.points, self.band))


def observed_for(plan: Any) -> Observed | None:
    """The plan's measured runs as the equivalents plot draws them (the fitted fractions at their
    consumed equivalents, ± the stated uncertainty) and the fit's band; None without a fit."""
    from dzp_planner.core.document.derivation import derive

    fit = derive(plan).fit
    if fit is None or fit.result is None:
        return None
    sigma = max((run.sigma for run in plan.results), default=1.0) / 100.0
    points = tuple((r.electrophile_consumed_equiv, r.sm, r.mono, r.bis, sigma) for r in fit.result.runs)
    return Observed(points, fit.result.ci95)


def source_label(plan: Any) -> str:
    """Where the plan's k2/k1 comes from, as the plot's title says it: assumed, fitted (N runs), measured."""
    from dzp_planner.core.document.derivation import derive

    source = plan.model.k2_k1_source
    if source == "fitted":
        fit = derive(plan).fit
        runs = fit.runs_used if fit is not None else 0
        return f"fitted, {runs} run{'s' if runs != 1 else ''}" if runs else "fitted"
    return "measured" if source == "measured" else "assumed"
