"""An integration in time of the mono-protonation chemistry, written from the elementary steps
(tests only): the independent check of `dzp_planner.core.models.protonation`.

Seven species and a free strong acid; the proton exchanges between the amines as reversible
reactions fast against the acylation (equilibrium constants from the pKa differences); each
reaction hands `byproduct_acid` protons to the pool. The model under test instead eliminates time
and solves the proton equilibrium at each step.
"""

from __future__ import annotations

import math

import numpy as np

from dzp_planner.core.models.protonation import ProtonationInputs


def ode_outcome(p: ProtonationInputs) -> tuple[float, float, float, float]:
    """(SM, mono, bis, electrophile left) from a time integration of the elementary steps."""
    high, low, prod = p.pka_high, p.pka_low, p.product_pka
    exchange = 1e5  # proton exchange, relative to k1 = 1: fast, so near equilibrium throughout
    strong = 1e5  # a free strong acid protonating an amine
    pairs = (  # (K, reactants, products): A + AH2 ⇌ 2 AH; AH + M ⇌ A + MH; AH2 + M ⇌ AH + MH
        (10 ** (high - low), (0, 2), (1, 1)),
        (10 ** (prod - high), (1, 3), (0, 4)),
        (10 ** (prod - low), (2, 3), (1, 4)),
    )

    def rates(_t: float, y: np.ndarray) -> np.ndarray:
        a, ah, ah2, m, mh, _b, e, acid = y
        dy = np.zeros(8)
        for k, (i, j), (u, v) in pairs:
            net = exchange * (math.sqrt(k) * y[i] * y[j] - y[u] * y[v] / math.sqrt(k))
            dy[i] -= net
            dy[j] -= net
            dy[u] += net
            dy[v] += net
        r_a, r_ah, r_m = a * e, p.cation_rate * ah * e, p.k2_k1 * m * e
        dy[0] -= r_a
        dy[3] += r_a
        dy[1] -= r_ah
        dy[4] += r_ah  # the mono-cation's product keeps the proton
        dy[3] -= r_m
        dy[5] += r_m
        dy[6] -= r_a + r_ah + r_m
        dy[7] += p.byproduct_acid * (r_a + r_ah + r_m)
        # the strong acid goes to any amine N (A, AH, M)
        for i, into in ((0, 1), (1, 2), (3, 4)):
            flux = strong * acid * y[i]
            dy[7] -= flux
            dy[i] -= flux
            dy[into] += flux
        return dy

    start = np.array([1.0, 0, 0, 0, 0, 0, p.electrophile_equiv, p.acid_equiv])
    from scipy.integrate import solve_ivp  # here, not at the top: 0.3 s a worker at collection

    solution = solve_ivp(rates, (0.0, 3000.0), start, method="LSODA", rtol=1e-10, atol=1e-13)
    assert solution.success
    a, ah, ah2, m, mh, b, e, _acid = solution.y[:, -1]
    # a charge that uses up every free N ends in a slow tail the time span does not reach: compare elsewhere
    assert e < 1e-7 or e > 1e-3, f"the integration stopped in the tail ({e:.2g} equiv of electrophile left)"
    return a + ah + ah2, m + mh, b, e
