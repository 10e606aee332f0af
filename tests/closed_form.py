"""The consecutive-reaction closed form, written here independently of dzp_planner.core.models.kinetics.

Tests make their synthetic "measured" data with it: m(a) = (a^r − a)/(1 − r) (−a·ln a at r = 1),
bis = 1 − a − m, and the SM fraction after `equiv` equivalents are consumed found by a bisection
of its own on e(a) = m + 2·bis, in log a so that SM fractions of 1e-60 (small k2/k1, beyond
1 equiv) are found too.
"""

from __future__ import annotations

import math


def mono(a: float, r: float) -> float:
    return -a * math.log(a) if abs(r - 1) < 1e-12 else (a ** r - a) / (1 - r)


def exact_point(equiv: float, r: float) -> tuple[float, float, float]:
    """SM, mono, bis fractions after `equiv` equivalents of electrophile are consumed at k2/k1 = r."""
    lo, hi = math.log(1e-300), 0.0  # e(a) falls from 2 to 0 as a rises
    for _ in range(300):
        mid = 0.5 * (lo + hi)
        a = math.exp(mid)
        m = mono(a, r)
        if m + 2 * (1 - a - m) > equiv:
            lo = mid
        else:
            hi = mid
    a = math.exp(0.5 * (lo + hi))
    m = mono(a, r)
    return a, m, 1 - a - m


def spread_runs(count: int, r: float, **fields: object) -> list:
    """`count` exact trial runs (area-%) at k2/k1 = r, spread evenly over 0.2–1.8 equivalents consumed:
    the 'measured' runs the fit-on-a-worker tests record (dzp_planner's TrialRun, imported here only)."""
    from dzp_planner.core.document.plan import TrialRun

    runs = []
    for i in range(count):
        equiv = 0.2 + 1.6 * i / (count - 1)
        sm, mono_, bis = exact_point(equiv, r)
        runs.append(TrialRun(equiv=equiv, sm=100 * sm, mono=100 * mono_, bis=100 * bis, **fields))
    return runs
