"""When dilution and slow addition matter: a two-zone (feed zone / bulk) mixing model.

In a well-mixed batch the SM/mono/bis outcome depends only on k2/k1 and the equivalents
(`kinetics`). Real flasks are not instantly mixed: the electrophile arrives in a small feed
zone that exchanges with the bulk on a mixing time t_mix. If the reaction is fast compared
with mixing (Damköhler number Da = k1·C0·t_mix ≫ 1), mono product formed in the E-rich feed
zone meets E again and bis rises: then dilution (smaller C0) and slower addition help. The
model reduces to the batch result as t_mix → 0. Its parameters are illustrative unless
fitted to the chemist's own data; the panel says so.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

CAVEAT = (
    "Illustrative: the feed-zone size, mixing time and rate constant are not measured for your flask. "
    "Use the model to see when dilution and slow addition can matter, not to predict yields, unless you fit it."
)


@dataclass(frozen=True)
class MixingInputs:
    concentration_m: float = 0.5  # diamine, mol/L
    electrophile_equiv: float = 0.5
    addition_time_s: float = 3600.0
    mixing_time_s: float = 1.0
    k1: float = 1.0  # L/(mol·s)
    k2_k1: float = 0.5
    feed_zone_fraction: float = 0.01  # of the reactor volume

    def validate(self) -> None:
        for name in ("concentration_m", "k1", "k2_k1", "feed_zone_fraction"):
            value = getattr(self, name)
            if not math.isfinite(value) or value <= 0:
                raise ValueError(f"{name.replace('_', ' ')} must be positive, not {value!r}")
        for name in ("electrophile_equiv", "addition_time_s", "mixing_time_s"):
            value = getattr(self, name)
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"{name.replace('_', ' ')} must be ≥ 0, not {value!r}")
        if self.feed_zone_fraction >= 0.5:
            raise ValueError("the feed zone must be a small part of the flask (fraction < 0.5)")


@dataclass(frozen=True)
class MixingResult:
    sm: float
    mono: float
    bis: float
    unreacted_electrophile: float
    damkohler: float
    regime: str


def damkohler(inputs: MixingInputs) -> float:
    return inputs.k1 * inputs.concentration_m * inputs.mixing_time_s


def regime(da: float) -> str:
    if da < 0.1:
        return "reaction-controlled: dilution and slow addition do not matter"
    if da < 10:
        return "intermediate: mixing starts to matter"
    return "mixing-controlled: dilution and slower addition reduce bis"


def simulate(inputs: MixingInputs, *, max_wall_s: float = 5.0, cancelled: Callable[[], bool] | None = None) -> MixingResult:
    """Integrate the two-zone model with scipy's stiff solver (LSODA) and return final fractions."""
    import numpy as np
    from scipy.integrate import solve_ivp

    inputs.validate()
    c0, phi = inputs.concentration_m, inputs.feed_zone_fraction
    k1, k2 = inputs.k1, inputs.k1 * inputs.k2_k1
    exchange = 1.0 / max(inputs.mixing_time_s, 1e-9)  # feed zone renewed once per t_mix
    exchange_bulk = exchange * phi / (1.0 - phi)  # same volumetric flow, seen from the bulk
    total_e = inputs.electrophile_equiv * c0  # mol per litre of reactor
    t_add = inputs.addition_time_s
    feed_rate = total_e / phi / t_add if t_add > 0 else 0.0  # into the feed zone, mol/(L·s)
    started = time.perf_counter()

    def rhs(t: float, y: np.ndarray, feeding: bool) -> np.ndarray:
        if cancelled is not None and cancelled():
            raise _CancelledError()
        if time.perf_counter() - started > max_wall_s:
            raise _TooSlowError()
        af, ef, mf, bf, ab, eb, mb, bb = y
        r1f, r2f, r1b, r2b = k1 * af * ef, k2 * mf * ef, k1 * ab * eb, k2 * mb * eb
        return np.array([
            -r1f + exchange * (ab - af),
            -r1f - r2f + exchange * (eb - ef) + (feed_rate if feeding else 0.0),
            r1f - r2f + exchange * (mb - mf),
            r2f + exchange * (bb - bf),
            -r1b + exchange_bulk * (af - ab),
            -r1b - r2b + exchange_bulk * (ef - eb),
            r1b - r2b + exchange_bulk * (mf - mb),
            r2b + exchange_bulk * (bf - bb),
        ])

    y0 = np.array([c0, 0.0, 0.0, 0.0, c0, 0.0, 0.0, 0.0])
    if t_add == 0:  # all at once: dumped into the feed zone
        y0[1] = total_e / phi
    slowest = 1.0 / (max(min(k1, k2), 1e-12) * c0)
    t_finish = 200.0 * slowest + 20.0 * inputs.mixing_time_s
    options = dict(method="LSODA", rtol=1e-7, atol=1e-12 * max(c0, 1.0))
    try:
        if t_add > 0:
            first = solve_ivp(rhs, (0.0, t_add), y0, args=(True,), **options)
            y0 = first.y[:, -1]
        last = solve_ivp(rhs, (0.0, t_finish), y0, args=(False,), **options)
    except _TooSlowError:
        raise ValueError(f"the mixing model did not finish within {max_wall_s:g} s for these inputs") from None
    y = last.y[:, -1]

    def amount(feed: float, bulk: float) -> float:  # per litre of reactor
        return float(feed * phi + bulk * (1.0 - phi))
    sm, mono, bis = (amount(y[i], y[i + 4]) / c0 for i in (0, 2, 3))
    e_left = amount(y[1], y[5])
    total = sm + mono + bis
    da = damkohler(inputs)
    return MixingResult(
        sm / total, mono / total, bis / total,
        (e_left / total_e) if total_e > 0 else 0.0, da, regime(da),
    )


class _TooSlowError(Exception):
    pass


class _CancelledError(Exception):
    pass


@dataclass(frozen=True)
class MixingSweep:
    """bis against addition time for two mixing times: what slow addition buys in this flask."""

    addition_times_s: tuple[float, ...]
    mixing_times_s: tuple[float, ...]
    bis: tuple[tuple[float, ...], ...]  # one row per mixing time
    batch_bis: float  # the well-mixed batch, which no addition time changes


def sweep(inputs: MixingInputs, mixing_times_s: tuple[float, ...] | None = None, points: int = 9) -> MixingSweep:
    """Simulate addition times from 1 min to 10 h (log-spaced) at the plan's mixing time and at
    a ten times slower one (poor stirring); a few milliseconds each, on the panel's worker."""
    from dzp_planner.core.models import kinetics

    mixing_times = mixing_times_s or (inputs.mixing_time_s, max(inputs.mixing_time_s, 0.1) * 10.0)
    times = tuple(60.0 * (600.0 ** (k / (points - 1))) for k in range(points))
    rows = []
    for mix in mixing_times:
        row = []
        for add in times:
            result = simulate(MixingInputs(inputs.concentration_m, inputs.electrophile_equiv, add, mix, inputs.k1,
                                           inputs.k2_k1, inputs.feed_zone_fraction))
            row.append(result.bis)
        rows.append(tuple(row))
    batch = kinetics.distribution(inputs.electrophile_equiv, inputs.k2_k1).bis
    return MixingSweep(times, tuple(mixing_times), tuple(rows), batch)
