"""How much of a diamine is free base, mono-cation and di-cation: at a pH, or after adding acid.

At a pH (a buffer, an aqueous work-up) the fractions are the two-step Henderson–Hasselbalch forms:
with K1 = 10^-pKa1 (the first proton off the di-cation is the *lower* pKa: here pKa_high, pKa_low
name the two as a chemist quotes them, 10.41 and 6.70 for homopiperazine),
f(di) ∝ 1, f(mono) ∝ 10^(pH − pKa_low), f(free) ∝ 10^(2pH − pKa_low − pKa_high).

After X equivalents of a strong acid (HCl, TFA, HCl from TMSCl in methanol), the protons stay on
the amine: f(mono) + 2·f(di) = X, solved for the pH at which that holds (bisection; the bound-
proton count rises monotonically as the pH falls). Free H+ and OH- are neglected, which holds at
synthetic concentrations (0.01–1 M, far above 10^-pH). At X = 1 for piperazine (9.73, 5.33 at
25 °C; Hetzer, Robinson & Bates 1968) this gives 98.7 % mono-cation and 0.6 % free base: the
mono-protonation route's selectivity.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from dzp_planner.core.errors import UserInputError


@dataclass(frozen=True)
class Speciation:
    free_base: float
    mono_cation: float
    di_cation: float
    ph: float | None  # the pH the fractions correspond to (None: not meaningful, e.g. all protonated)

    def as_dict(self) -> dict[str, float | None]:
        return {"free_base": self.free_base, "mono_cation": self.mono_cation, "di_cation": self.di_cation}


def _check(pka_high: float, pka_low: float) -> None:
    for value in (pka_high, pka_low):
        if not math.isfinite(value) or not -5 <= value <= 20:
            raise UserInputError(f"a pKa must be a number between -5 and 20, not {value!r}")
    if pka_low > pka_high:
        raise UserInputError(f"give the pKa values high first: {pka_high:g} {pka_low:g} has the second above the first")


def at_ph(pka_high: float, pka_low: float, ph: float) -> Speciation:
    _check(pka_high, pka_low)
    if not math.isfinite(ph) or not -2 <= ph <= 16:
        raise UserInputError(f"the pH must be between -2 and 16, not {ph!r}")
    # logs of the unnormalised weights, shifted by their maximum (no overflow at any pH)
    logs = (0.0, ph - pka_low, 2 * ph - pka_low - pka_high)  # di, mono, free
    top = max(logs)
    weights = [10 ** (x - top) for x in logs]
    total = sum(weights)
    di, mono, free = (w / total for w in weights)
    return Speciation(free, mono, di, ph)


def bound_protons(pka_high: float, pka_low: float, ph: float) -> float:
    s = at_ph(pka_high, pka_low, ph)
    return s.mono_cation + 2 * s.di_cation


def after_acid(pka_high: float, pka_low: float, acid_equiv: float) -> Speciation:
    _check(pka_high, pka_low)
    if not math.isfinite(acid_equiv) or not 0 <= acid_equiv <= 2:
        raise UserInputError(f"the acid equivalents must be between 0 and 2 (two basic nitrogens), not {acid_equiv!r}")
    if acid_equiv == 0:
        return Speciation(1.0, 0.0, 0.0, None)
    if acid_equiv == 2:
        return Speciation(0.0, 0.0, 1.0, None)
    lo, hi = -2.0, 16.0  # bound protons: 2 at lo, 0 at hi
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if bound_protons(pka_high, pka_low, mid) > acid_equiv:
            lo = mid
        else:
            hi = mid
    return at_ph(pka_high, pka_low, 0.5 * (lo + hi))
