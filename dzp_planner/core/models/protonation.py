"""Mono-protonation: SM / mono / bis when part of the diamine is held as its ammonium salt.

The route the guide misses: one equivalent of strong acid (HCl, HCl made from TMSCl or SOCl2 in
methanol, TFA) turns most of a diamine into the mono-cation, whose one free N reacts while the
protonated one cannot; the mono product is born protonated and so is protected from the second
reaction. Selectivity then follows from the pKa values, not from k2/k1 alone.

Species (per diamine charged): A (free diamine), AH+, AH2 2+, M (mono product, one basic N left),
MH+, B (bis: no basic N, as for amides, sulfonamides, carbamates and ureas). Assumptions:
- only unprotonated N react; A reacts at k1 (two N), AH+ at `cation_rate`·k1 (its one free N),
  M at k2 = (k2/k1)·k1; AH2 2+ and MH+ do not react;
- protons exchange fast among the amines (equilibrium at every instant, from the pKa values), and
  the acid's protons all sit on amines (free H+ neglected: at 0.01–1 M of amine, 10^-pH is far
  smaller), so the bound protons equal the acid charged plus `byproduct_acid` per reaction (1 for an
  acid chloride with no other base, 0 for Boc2O or when a base takes the HCl);
- every reaction is first order in the electrophile, so, as in the statistical model, time and the
  way the electrophile is added drop out: with e the electrophile consumed per diamine,
  dA/de = −R_A/(R_A + R_M), dM/de = (R_A − R_M)/(R_A + R_M), R_A = A·(f_A + ρ·f_AH),
  R_M = r·M·f_M, integrated by classical RK4 over e.

At zero acid f_A = f_M = 1 and this is dm/da = −1 + r·m/a, the statistical model exactly. The
reaction stops when no basic N is free (bound protons = basic N): then the rest of the electrophile
is left over.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace
from typing import Any

from dzp_planner.core.errors import UserInputError

# RK4 steps, finer towards the end. For k2/k1 ≥ 0.05 (the slider's range) 120 steps are within 3e-7 of 4,800
# (SM and mono, 0–2 equiv, with or without acid): 2.3 ms an integration where 300 took 5.7. Below 0.05 the
# mono curve bends sharply where the diamine runs out and 120 steps were 7e-4 off at k2/k1 0.01 and 1e-2 at
# 0.001 (300: 2e-4); 1,200 steps are within 3e-10 there, and such a k2/k1 is rare (a fit's lower end, a typed value).
STEPS = 120
STEPS_SMALL_K2_K1 = 1200
SMALL_K2_K1 = 0.05
LN10 = math.log(10.0)
CATION_RATE_NOTE = (
    "estimate: the mono-cation's free N reacts like one N of the free diamine (cation rate 0.5 of k1); an "
    "ammonium next door lowers it, which only makes the route more selective"
)


@dataclass(frozen=True)
class ProtonationInputs:
    electrophile_equiv: float
    acid_equiv: float
    pka_high: float  # the diamine's two pKa (of the conjugate acids), high first
    pka_low: float
    product_pka: float  # the mono product's remaining amine
    k2_k1: float = 0.5
    cation_rate: float = 0.5  # k(AH+)/k1, per molecule (0.5: its free N like one N of A)
    byproduct_acid: float = 0.0  # protons a reaction adds to the amines (HCl from an acid chloride, no base)


@dataclass(frozen=True)
class ProtonationResult:
    sm: float
    mono: float
    bis: float
    mono_selectivity: float | None
    unreacted_electrophile: float
    sm_free_base: float  # at the end: the fraction of the left-over diamine that is free base
    mono_protonated: float  # the fraction of the mono product that is its ammonium salt

    def as_dict(self) -> dict[str, float | None]:
        return {"sm": self.sm, "mono": self.mono, "bis": self.bis, "mono_selectivity": self.mono_selectivity,
                "unreacted_electrophile": self.unreacted_electrophile}


def _check(inputs: ProtonationInputs) -> None:
    for name, value, low, high in (
        ("electrophile equivalents", inputs.electrophile_equiv, 0.0, 20.0),
        ("acid equivalents", inputs.acid_equiv, 0.0, 2.0),
        ("pKa", inputs.pka_high, -5.0, 20.0), ("pKa", inputs.pka_low, -5.0, 20.0),
        ("product pKa", inputs.product_pka, -5.0, 20.0),
        ("k2/k1", inputs.k2_k1, 1e-6, 1e6), ("cation rate", inputs.cation_rate, 0.0, 1e6),
        ("acid released per reaction", inputs.byproduct_acid, 0.0, 1.0),
    ):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or not low <= value <= high:
            raise UserInputError(f"the {name} must be a number from {low:g} to {high:g}, not {value!r}")
    if inputs.pka_low > inputs.pka_high:
        raise UserInputError(f"give the diamine's pKa values high first: {inputs.pka_high:g} {inputs.pka_low:g}")


@dataclass(frozen=True)
class _Fractions:
    a_free: float
    a_mono: float  # AH+
    m_free: float


def _state(u: float, inputs: ProtonationInputs) -> tuple[float, float, float, float, float]:
    """(f_A, f_AH, mean protons on A, its variance, mean protons on M) at 'pH' u, overflow-free.

    Written out (no loops): it runs ~10 times per step of the integration."""
    x1 = inputs.pka_high - u  # log10 of AH+ : A
    x2 = x1 + inputs.pka_low - u  # log10 of AH2 : A
    top = max(0.0, x1, x2)
    w0, w1, w2 = math.exp(-LN10 * top), math.exp(LN10 * (x1 - top)), math.exp(LN10 * (x2 - top))
    total = w0 + w1 + w2
    f1, f2 = w1 / total, w2 / total
    mean_a = f1 + 2 * f2
    x = inputs.product_pka - u
    mean_m = 1.0 / (1.0 + math.exp(-LN10 * x)) if x > -300 else 0.0
    return w0 / total, f1, mean_a, f1 + 4 * f2 - mean_a * mean_a, mean_m


def _solve_ph(a: float, m: float, protons: float, inputs: ProtonationInputs, guess: float) -> float:
    """The 'pH' u at which the amines hold `protons` (per diamine charged): safeguarded Newton.

    Bound protons fall monotonically with u. The bracket is grown from the last answer (the state moves
    little between steps), then Newton runs inside it, bisecting wherever a step would leave it.
    """

    def excess(u: float) -> tuple[float, float]:
        _, _, mean_a, var_a, mean_m = _state(u, inputs)
        return a * mean_a + m * mean_m - protons, LN10 * (a * var_a + m * mean_m * (1 - mean_m))

    u = min(max(guess, -400.0), 400.0)
    g, slope = excess(u)
    lo, hi = -400.0, 400.0
    direction = 1.0 if g > 0 else -1.0  # g > 0: too many protons bound at u, the answer lies higher
    width, edge = 0.25, u
    while g * direction > 0 and -400.0 < edge < 400.0:
        edge = min(max(edge + direction * width, -400.0), 400.0)
        width *= 2
        nxt_g, nxt_slope = excess(edge)
        if nxt_g * direction > 0:
            u, g, slope = edge, nxt_g, nxt_slope  # still on the same side: move the start
        else:
            lo, hi = (u, edge) if direction > 0 else (edge, u)
            break
    for _ in range(100):
        if g > 0:
            lo = u
        else:
            hi = u
        nxt = u + g / slope if slope > 1e-300 else 0.5 * (lo + hi)
        if not lo < nxt < hi:
            nxt = 0.5 * (lo + hi)
        if abs(nxt - u) < 1e-10 or hi - lo < 1e-10:
            return nxt
        u = nxt
        g, slope = excess(u)
    return u


def _fractions(a: float, m: float, protons: float, inputs: ProtonationInputs, guess: float) -> tuple[_Fractions, float]:
    if protons <= 0:
        return _Fractions(1.0, 0.0, 1.0), 400.0
    u = _solve_ph(a, m, protons, inputs, guess)
    f0, f1, _, _, mean_m = _state(u, inputs)
    return _Fractions(f0, f1, 1.0 - mean_m), u


def _steps(inputs: ProtonationInputs, usual: int = STEPS) -> int:
    """`usual` RK4 steps, or STEPS_SMALL_K2_K1 below SMALL_K2_K1 (see STEPS)."""
    return usual if inputs.k2_k1 >= SMALL_K2_K1 else STEPS_SMALL_K2_K1


def _integrate(inputs: ProtonationInputs, e_end: float, steps: int) -> list[tuple[float, float, float]]:
    """(e, A, M) from e = 0 to e_end: each point is also the outcome of charging that much electrophile."""
    x0, gamma = inputs.acid_equiv, inputs.byproduct_acid
    guess = 7.0

    def slope(e: float, a: float, m: float) -> tuple[float, float]:
        nonlocal guess
        a, m = max(a, 0.0), max(m, 0.0)
        f, guess = _fractions(a, m, x0 + gamma * e, inputs, guess)
        rate_a = a * (f.a_free + inputs.cation_rate * f.a_mono)
        rate_m = inputs.k2_k1 * m * f.m_free
        total = rate_a + rate_m
        if total <= 1e-300:
            return 0.0, 0.0
        return -rate_a / total, (rate_a - rate_m) / total

    # steps in s, e = e_end·(1 − (1 − s)³): finer towards the end, where the reactive amine runs out
    def along(s: float, a: float, m: float) -> tuple[float, float]:
        da, dm = slope(e_end * (1.0 - (1.0 - s) ** 3), a, m)
        stretch = 3.0 * e_end * (1.0 - s) ** 2
        return da * stretch, dm * stretch

    a, m = 1.0, 0.0
    path = [(0.0, a, m)]
    h = 1.0 / steps
    for i in range(steps if e_end > 0 else 0):
        s = i * h
        k1a, k1m = along(s, a, m)
        k2a, k2m = along(s + h / 2, a + h / 2 * k1a, m + h / 2 * k1m)
        k3a, k3m = along(s + h / 2, a + h / 2 * k2a, m + h / 2 * k2m)
        k4a, k4m = along(s + h, a + h * k3a, m + h * k3m)
        a += h / 6 * (k1a + 2 * k2a + 2 * k3a + k4a)
        m += h / 6 * (k1m + 2 * k2m + 2 * k3m + k4m)
        path.append((e_end * (1.0 - (1.0 - (i + 1) * h) ** 3), a, m))
    return path


def _capacity(inputs: ProtonationInputs) -> float:
    """The electrophile the amines can take: basic N left (2 − e) meet the protons held (x0 + γe)."""
    return (2.0 - inputs.acid_equiv) / (1.0 + inputs.byproduct_acid)


def simulate(inputs: ProtonationInputs) -> ProtonationResult:
    """SM / mono / bis once the electrophile is consumed (or no basic N is left free to take it).

    Checked on every call, then kept per inputs (both frozen): one integration is 2–6 ms of Python, and a
    plan's derivation, its route comparison and the PDF ask for the same one after an edit that did not
    touch the acid or the model. The check comes first because True == 1.0 (and hashes alike): a cached
    result must not answer inputs the check refuses."""
    _check(inputs)
    return _simulate_checked(inputs)


@functools.lru_cache(maxsize=256)
def _simulate_checked(inputs: ProtonationInputs) -> ProtonationResult:
    e_charged = inputs.electrophile_equiv
    e_end = max(0.0, min(e_charged, _capacity(inputs) - 1e-10))
    _, a, m = _integrate(inputs, e_end, _steps(inputs))[-1]
    a, m = min(max(a, 0.0), 1.0), min(max(m, 0.0), 1.0)
    b = max(0.0, 1.0 - a - m)
    used = 2.0 - 2.0 * a - m  # what reacted: 2 − (basic N left)
    unreacted = 0.0 if e_charged == 0 else max(0.0, e_charged - used) / e_charged
    final, _ = _fractions(a, m, inputs.acid_equiv + inputs.byproduct_acid * used, inputs, 7.0)
    selectivity = m / (m + b) if m + b > 1e-15 else None
    return ProtonationResult(a, m, b, selectivity, unreacted, final.a_free, 1.0 - final.m_free)


def curves(inputs: ProtonationInputs, e_max: float = 2.5, points: int = 251) -> dict[str, Any]:
    """SM, mono, bis against the electrophile charged (0…e_max) in one integration: the plot's curves
    under this model. Beyond what the amines can take nothing changes (the rest is left over)."""
    import numpy as np

    _check(inputs)
    e_end = max(1e-9, _capacity(inputs) - 1e-10)
    path = np.array(_integrate(inputs, e_end, _steps(inputs, usual=150)))
    grid = np.linspace(0.0, e_max, points)
    sm = np.interp(grid, path[:, 0], np.clip(path[:, 1], 0, 1))
    mono = np.interp(grid, path[:, 0], np.clip(path[:, 2], 0, 1))
    return {"equiv": grid, "sm": sm, "mono": mono, "bis": np.clip(1.0 - sm - mono, 0.0, 1.0)}


def vs_acid(inputs: ProtonationInputs, acid_values: list[float]) -> dict[str, list[float]]:
    """SM / mono / bis against the acid charged, everything else held: the plot's "vs acid" view
    (one integration per acid value: ~20 ms each, so the GUI runs it on a worker)."""
    rows = [simulate(replace(inputs, acid_equiv=x)) for x in acid_values]
    return {"acid": list(acid_values), "sm": [r.sm for r in rows], "mono": [r.mono for r in rows],
            "bis": [r.bis for r in rows]}
