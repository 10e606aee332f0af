"""Consecutive-competitive kinetics: how much SM, mono and bis a batch reaction gives.

Scheme, per molecule: A + E → M (k1), M + E → B (k2), r = k2/k1. Dividing the two rate
laws removes both E and time (chemistry notes): dm/da = −1 + r·m/a, so

    m = (a^r − a) / (1 − r)   (r ≠ 1),   m = −a·ln a   (r = 1),   b = 1 − a − m,

and the electrophile consumed per diamine is e = 2(1 − a) − m. Neither the concentration nor
the way E is added appears: in a well-mixed homogeneous batch, dilution and slow addition
do not change the outcome (see `mixing` for when they do).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# numpy is imported only where arrays are drawn (curves): the plan's derivation needs single
# points, and importing numpy for them delayed start-up (bench/bench_startup.py) before the first panel filled

from dzp_planner.core.models.presets import PRESETS  # noqa: F401 - re-exported: presets belong to the model

MAX_EQUIV = 2.0  # two N–H per diamine


@dataclass(frozen=True)
class Distribution:
    sm: float
    mono: float
    bis: float
    mono_selectivity: float | None  # m / (m + b); None before any product forms
    unreacted_electrophile: float  # fraction of the electrophile charged that is left
    electrophile_equiv: float
    k2_k1: float

    def as_dict(self) -> dict[str, float | None]:
        return {
            "sm": self.sm,
            "mono": self.mono,
            "bis": self.bis,
            "mono_selectivity": self.mono_selectivity,
            "unreacted_electrophile": self.unreacted_electrophile,
            "electrophile_equiv": self.electrophile_equiv,
            "k2_k1": self.k2_k1,
        }


def _check(r: float) -> None:
    if not (isinstance(r, (int, float)) and math.isfinite(r) and r > 0):
        raise ValueError(f"k2/k1 must be a positive number, not {r!r}")


def mono_from_sm(a: float | np.ndarray, r: float) -> float | np.ndarray:
    """m(a) from the closed form, written so that r near 1 loses no precision.

    (a^r − a)/(1 − r) = a·(exp((r − 1)·ln a) − 1)/(1 − r) = −a·ln a · expm1(x)/x, x = (r − 1)·ln a.
    """
    if isinstance(a, (int, float)):
        if a <= 0:
            return 0.0
        log_a = math.log(a)
        x = (r - 1.0) * log_a
        ratio = 1.0 if abs(x) < 1e-12 else math.expm1(x) / x
        return -a * log_a * ratio
    import numpy as np

    a_arr = np.asarray(a, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log(np.where(a_arr > 0, a_arr, 1.0))
        xs = (r - 1.0) * logs
        ratios = np.where(np.abs(xs) < 1e-12, 1.0, np.expm1(xs) / np.where(xs == 0, 1.0, xs))
        m = np.where(a_arr > 0, -a_arr * logs * ratios, 0.0)
    return float(m) if np.ndim(a) == 0 else m


def consumed(a: float, r: float) -> float:
    """Electrophile consumed per diamine when the SM fraction has fallen to a."""
    return 2.0 * (1.0 - a) - float(mono_from_sm(a, r))


def sm_for_equiv(e: float, r: float) -> float:
    """The SM fraction after `e` equivalents are fully consumed (bisection on a monotone e(a))."""
    _check(r)
    if e <= 0:
        return 1.0
    if e >= MAX_EQUIV:
        return 0.0
    lo, hi = 0.0, 1.0  # consumed(lo) = 2 > e > consumed(hi) = 0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if consumed(mid, r) > e:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-15:
            break
    if hi > 1e-10:
        return 0.5 * (lo + hi)
    # SM all but gone (small k2/k1 beyond 1 equiv: a can be 1e-60): bisect in log a, or bis is miscounted
    log_lo, log_hi = math.log(1e-300), math.log(hi)
    for _ in range(200):
        mid = 0.5 * (log_lo + log_hi)
        if consumed(math.exp(mid), r) > e:
            log_lo = mid
        else:
            log_hi = mid
        if log_hi - log_lo < 1e-12:
            break
    return math.exp(0.5 * (log_lo + log_hi))


def distribution(electrophile_equiv: float, k2_k1: float) -> Distribution:
    """SM / mono / bis for `electrophile_equiv` equivalents of E per diamine, fully consumed."""
    _check(k2_k1)
    e = float(electrophile_equiv)
    if not math.isfinite(e) or e < 0:
        raise ValueError(f"electrophile equivalents must be ≥ 0, not {electrophile_equiv!r}")
    a = sm_for_equiv(e, k2_k1)
    m = max(0.0, float(mono_from_sm(a, k2_k1))) if a > 0 else 0.0
    b = max(0.0, 1.0 - a - m)
    used = min(e, MAX_EQUIV)
    unreacted = 0.0 if e == 0 else (e - used) / e
    selectivity = m / (m + b) if (m + b) > 1e-15 else None
    return Distribution(a, m, b, selectivity, unreacted, e, float(k2_k1))


def distribution_for_ratio(diamine_to_electrophile: float, k2_k1: float) -> Distribution:
    """The same, for a diamine:electrophile ratio N:1 (e = 1/N)."""
    if not math.isfinite(diamine_to_electrophile) or diamine_to_electrophile <= 0:
        raise ValueError(f"the diamine:electrophile ratio must be positive, not {diamine_to_electrophile!r}")
    return distribution(1.0 / diamine_to_electrophile, k2_k1)


def curves(k2_k1: float, e_max: float = 2.5, points: int = 251) -> dict[str, np.ndarray]:
    """SM, mono, bis against equivalents 0…e_max, fast enough for a slider (no root finding).

    Sweep a from 1 to 0, compute e(a), m(a), b(a) directly, then interpolate onto the e grid;
    beyond two equivalents everything is bis.
    """
    import numpy as np

    _check(k2_k1)
    a = np.concatenate([np.linspace(1.0, 0.05, 400), np.geomspace(0.05, 1e-9, 400)[1:], [0.0]])
    m = np.asarray(mono_from_sm(a, k2_k1))
    e_of_a = 2.0 * (1.0 - a) - m
    grid = np.linspace(0.0, e_max, points)
    sm = np.interp(grid, e_of_a, a, right=0.0)
    mono = np.interp(grid, e_of_a, m, right=0.0)
    bis = np.clip(1.0 - sm - mono, 0.0, 1.0)
    return {"equiv": grid, "sm": sm, "mono": mono, "bis": bis}


def optimum_equiv(k2_k1: float) -> tuple[float, float]:
    """(equivalents, mono fraction) at the maximum of the mono curve.

    dm/da = 0 gives a* = r^(1/(1 − r)) (a* = 1/e at r = 1), from which e* and m* follow.
    """
    _check(k2_k1)
    r = k2_k1
    a_star = math.exp(-1.0) if abs(r - 1.0) < 1e-9 else r ** (1.0 / (1.0 - r))
    m_star = float(mono_from_sm(a_star, r))
    return consumed(a_star, r), m_star


def mono_selectivity_vs_ratio(k2_k1: float, ratios: np.ndarray) -> np.ndarray:
    import numpy as np

    return np.array([distribution_for_ratio(float(n), k2_k1).mono_selectivity or 1.0 for n in ratios])


def boc_yield_ceiling(electrophile_equiv: float, k2_k1: float) -> float:
    """Fraction of the electrophile that ends up in the mono product (yield 'based on Boc2O')."""
    d = distribution(electrophile_equiv, k2_k1)
    used = min(electrophile_equiv, MAX_EQUIV)
    return d.mono / used if used > 0 else 0.0


def one_site_distribution(electrophile_equiv: float) -> Distribution:
    """A substrate with one reactive N–H: SM → mono only, no bis (the electrophile fully consumed
    up to one equivalent; any excess is left over)."""
    e = float(electrophile_equiv)
    if not math.isfinite(e) or e < 0:
        raise ValueError(f"electrophile equivalents must be ≥ 0, not {electrophile_equiv!r}")
    m = min(e, 1.0)
    unreacted = 0.0 if e == 0 else max(0.0, e - 1.0) / e
    return Distribution(1.0 - m, m, 0.0, 1.0 if m > 0 else None, unreacted, e, 0.0)


def one_site_curves(e_max: float = 2.5, points: int = 251) -> dict[str, np.ndarray]:
    import numpy as np

    grid = np.linspace(0.0, e_max, points)
    mono = np.minimum(grid, 1.0)
    return {"equiv": grid, "sm": 1.0 - mono, "mono": mono, "bis": np.zeros_like(grid)}


def for_model(model: str, electrophile_equiv: float, k2_k1: float) -> Distribution:
    """SM / mono / bis under the model the structure calls for (see `site_model.MODEL_KINDS`)."""
    if model == "one-site":
        return one_site_distribution(electrophile_equiv)
    return distribution(electrophile_equiv, k2_k1)


def equiv_for_selectivity(target: float, k2_k1: float) -> float:
    """The electrophile equivalents per diamine at which the mono selectivity m/(m+b) is `target`.

    Selectivity falls as the charge rises (1 at a trace, ~0 at 2 equiv), so a bisection on
    [1e-6, 2] finds it; what a procedure offers instead of a charge that gives a mixture.
    """
    lo, hi = 1e-6, 2.0
    for _ in range(60):
        mid = (lo + hi) / 2
        s = distribution(mid, k2_k1).mono_selectivity
        if s is not None and s >= target:
            lo = mid
        else:
            hi = mid
    return lo
