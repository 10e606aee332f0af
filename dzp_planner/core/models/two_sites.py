"""Two different reactive N–H (2-methyl-1,4-diazepane's N1 and N4): SM / mono / bis with each site at its own rate.

Why a model of its own: the consecutive model (`kinetics`) has one rate for both N–H of the diamine, so a
substrate whose two sites differ tenfold was shown 25 / 50 / 25 at one equivalent, where two independent sites
give 14 / 72.5 / 14. Per molecule, with the first site's rate ka and the second's kb = ρ·ka:

    A → Ma (ka, the first site reacts)      A → Mb (kb)
    Ma → B (δ·kb, the second site after)    Mb → B (δ·ka)

δ = 2·(k2/k1) is what the first reaction does to the other N, measured as for equal sites: with ρ = 1 the scheme
is the consecutive model at the plan's k2/k1 (k1 counts both N–H of the diamine, k2 the one left), and δ = 1 is
two independent sites (the issue's 14 / 72.5 / 14 at a tenfold ratio). In τ = ∫ka·[E]dt the scheme is linear, and closed:

    S = exp(−(1+ρ)τ)
    Ma = (exp(−δρτ) − exp(−(1+ρ)τ)) / ((1+ρ) − δρ)
    Mb = ρ·(exp(−δτ) − exp(−(1+ρ)τ)) / ((1+ρ) − δ)
    B = 1 − S − Ma − Mb,   electrophile consumed e = Ma + Mb + 2B

e rises with τ from 0 to 2, so a bisection finds the τ of a charge; neither time nor concentration appears
(a well-mixed batch, every electrophile consumed, as in `kinetics`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

RATIO_MIN, RATIO_MAX = 1e-3, 1e3  # the second site's rate over the first's: a thousandfold either way


@dataclass(frozen=True)
class SitesOutcome:
    sm: float
    mono_first: float  # the first site reacted, the second free
    mono_second: float
    bis: float

    @property
    def mono(self) -> float:
        return self.mono_first + self.mono_second


def valid_ratio(ratio: float) -> str | None:
    """None when `ratio` can be a site-rate ratio, else what is wrong with it (for the field that was typed)."""
    if not isinstance(ratio, (int, float)) or isinstance(ratio, bool) or not math.isfinite(ratio):
        return "the site-rate ratio must be a number"
    if not RATIO_MIN <= ratio <= RATIO_MAX:
        return f"the site-rate ratio must be between {RATIO_MIN:g} and {RATIO_MAX:g} (the second site's rate over the first's)"
    return None


def _gap(a: float, b: float, tau: float) -> float:
    """(exp(−aτ) − exp(−bτ)) / (b − a), τ·exp(−aτ) where a = b; written so that neither overflows nor cancels."""
    low, high = (a, b) if a <= b else (b, a)
    x = (high - low) * tau
    if x < 1e-12:
        return tau * math.exp(-low * tau)
    return math.exp(-low * tau) * -math.expm1(-x) / (high - low)


def _at_tau(tau: float, rho: float, delta: float) -> SitesOutcome:
    total = 1.0 + rho
    s = math.exp(-total * tau)
    first = _gap(delta * rho, total, tau)
    second = rho * _gap(delta, total, tau)
    return SitesOutcome(s, first, second, max(0.0, 1.0 - s - first - second))


def _consumed(o: SitesOutcome) -> float:
    return o.mono_first + o.mono_second + 2.0 * o.bis


def outcome(electrophile_equiv: float, site_ratio: float, k2_k1: float) -> SitesOutcome:
    """SM / mono at each site / bis after `electrophile_equiv` equivalents are fully consumed."""
    problem = valid_ratio(site_ratio)
    if problem:
        raise ValueError(problem)
    if not (math.isfinite(k2_k1) and k2_k1 > 0):
        raise ValueError(f"k2/k1 must be a positive number, not {k2_k1!r}")
    e = float(electrophile_equiv)
    if not math.isfinite(e) or e < 0:
        raise ValueError(f"electrophile equivalents must be ≥ 0, not {electrophile_equiv!r}")
    delta = 2.0 * k2_k1
    if e == 0:
        return SitesOutcome(1.0, 0.0, 0.0, 0.0)
    if e >= 2.0:
        return SitesOutcome(0.0, 0.0, 0.0, 1.0)
    lo, hi = 0.0, 1.0
    while _consumed(_at_tau(hi, site_ratio, delta)) < e:
        lo, hi = hi, hi * 2.0
        if hi > 1e12:  # 2 equiv are all but consumed: nothing left to tell apart
            return _at_tau(hi, site_ratio, delta)
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if _consumed(_at_tau(mid, site_ratio, delta)) < e:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-15 * hi:
            break
    return _at_tau(0.5 * (lo + hi), site_ratio, delta)


def _gap_array(a: float, b: float, taus: np.ndarray) -> np.ndarray:
    """`_gap` over an array of τ."""
    import numpy as np

    low, high = (a, b) if a <= b else (b, a)
    if (high - low) * float(taus.max(initial=0.0)) < 1e-12:
        return taus * np.exp(-low * taus)
    return np.exp(-low * taus) * -np.expm1(-(high - low) * taus) / (high - low)


def curves(k2_k1: float, site_ratio: float, e_max: float = 2.5, points: int = 251) -> dict[str, np.ndarray]:
    """SM, mono (both sites), bis against equivalents 0…e_max: the scheme swept in τ, then put on the e grid."""
    import numpy as np

    delta, rho = 2.0 * k2_k1, site_ratio
    slowest = min(1.0 + rho, delta * rho, delta)
    taus = np.concatenate([[0.0], np.geomspace(1e-6, 60.0 / slowest, 1500)])
    sm = np.exp(-(1.0 + rho) * taus)
    mono = _gap_array(delta * rho, 1.0 + rho, taus) + rho * _gap_array(delta, 1.0 + rho, taus)
    bis = np.clip(1.0 - sm - mono, 0.0, 1.0)
    e_of_tau = mono + 2.0 * bis
    grid = np.linspace(0.0, e_max, points)
    sm_grid = np.interp(grid, e_of_tau, sm, right=0.0)
    mono_grid = np.interp(grid, e_of_tau, mono, right=0.0)
    return {"equiv": grid, "sm": sm_grid, "mono": mono_grid, "bis": np.clip(1.0 - sm_grid - mono_grid, 0.0, 1.0)}
