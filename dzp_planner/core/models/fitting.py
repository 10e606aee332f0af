"""k2/k1 from a trial's result: the closed form fitted to what the chemist measured.

With a = SM fraction left and r = k2/k1, mono m(a; r) = (a^r − a)/(1 − r) and bis = 1 − a − m
(chemistry notes, "Kinetics"). A run measured as SM / mono / bis fixes r without knowing how much
electrophile was consumed: each run's conversion (its a) is a nuisance parameter, profiled out
by the point of the curve nearest to the observation, and r is the least-squares value over all
runs. The 95 % interval is the profile likelihood's, Δχ² = 3.84 at the stated uncertainty.

When SM cannot be seen (homopiperazine has no UV chromophore), the mono:bis ratio and the
equivalents charged, assumed consumed, fix r instead (`fit_mono_bis_ratio`).

Everything here is a pure function of the numbers given, in plain Python: a golden-section
search (Brent's) and a root finder are all the fit needs, and importing scipy for them would cost a third
of a second on the window's thread the first time a run is entered or a plan with runs opens.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dzp_planner.core.errors import UserInputError
from dzp_planner.core.models import kinetics

if TYPE_CHECKING:
    pass

R_LOW, R_HIGH = 0.005, 200.0  # the range searched; an interval reaching either end is "not determined"
CHI2_95 = 3.841  # Δχ² for one parameter at 95 %
ONE_EQUIV_TOLERANCE = 0.005  # a run charged within this of 1.00 equiv is "at 1.00 equiv"
LOW_CONVERSION = 0.3  # below this many equivalents consumed, r is poorly determined
MIN_FACTOR, MAX_FACTOR = 1e-4, 1e4  # response factors beyond these are typos, not detectors
MIN_SIGMA, MAX_SIGMA = 0.01, 50.0  # area-% points: finer than any crude analysis, coarser than a guess
MAX_CHARGED = 10.0  # equivalents of electrophile per diamine


@dataclass(frozen=True)
class Run:
    """One measured run: amounts or areas as entered, their response factors, the equivalents charged."""

    sm: float
    mono: float
    bis: float
    equiv: float | None = None
    rf_sm: float = 1.0
    rf_mono: float = 1.0
    rf_bis: float = 1.0

    def fractions(self) -> tuple[float, float, float]:
        """SM, mono, bis as mole fractions: each divided by its response factor, then normalised."""
        values = (self.sm, self.mono, self.bis)
        factors = (self.rf_sm, self.rf_mono, self.rf_bis)
        for name, value in zip(("SM", "mono", "bis"), values, strict=True):
            if not math.isfinite(value) or value < 0:
                raise UserInputError(f"{name} must be a number ≥ 0, not {value!r}")
        for name, factor in zip(("SM", "mono", "bis"), factors, strict=True):
            if not math.isfinite(factor) or factor <= 0:
                raise UserInputError(f"the response factor of {name} must be a positive number, not {factor!r}")
        for name, factor in zip(("SM", "mono", "bis"), factors, strict=True):
            if not MIN_FACTOR <= factor <= MAX_FACTOR:
                raise UserInputError(f"the response factor of {name} must be between {MIN_FACTOR:g} and {MAX_FACTOR:g}, not {factor:g}")
        largest = max(values)
        if largest <= 0:
            raise UserInputError("SM, mono and bis are all zero: enter the areas or amounts measured")
        moles = [(v / largest) / f for v, f in zip(values, factors, strict=True)]  # scaled first: 1e308 areas do not overflow
        total = sum(moles)
        if self.equiv is not None and (not math.isfinite(self.equiv) or not 0 < self.equiv <= MAX_CHARGED):
            raise UserInputError(f"the equivalents charged must be a number between 0 and {MAX_CHARGED:g}, not {self.equiv!r}")
        sm, mono, bis = (m / total for m in moles)
        return sm, mono, bis


@dataclass(frozen=True)
class RunResult:
    sm: float
    mono: float
    bis: float
    electrophile_consumed_equiv: float  # mono + 2·bis per diamine: what the products account for


@dataclass(frozen=True)
class FitResult:
    k2_k1: float
    ci95: tuple[float, float]
    runs: tuple[RunResult, ...]
    best_equiv: float  # equivalents consumed that maximise mono at the fitted r
    max_mono: float
    predicted: dict[str, float] | None  # SM / mono / bis at the equivalents asked for
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, object]:
        """The `fit` command's contract."""
        return {
            "k2_k1": self.k2_k1,
            "ci95": list(self.ci95),
            "runs": [{"sm": r.sm, "mono": r.mono, "bis": r.bis, "electrophile_consumed_equiv": r.electrophile_consumed_equiv}
                     for r in self.runs],
            "electrophile_consumed_equiv": self.runs[0].electrophile_consumed_equiv,
            "best_equiv": self.best_equiv,
            "max_mono": self.max_mono,
            "predicted": self.predicted,
            "warnings": list(self.warnings),
        }


_GOLDEN = (math.sqrt(5.0) - 1.0) / 2.0


def _golden_min(f: Callable[[float], float], lo: float, hi: float, tol: float) -> float:
    """The minimum of a unimodal `f` on [lo, hi] to within `tol` (golden-section search)."""
    c, d = hi - _GOLDEN * (hi - lo), lo + _GOLDEN * (hi - lo)
    fc, fd = f(c), f(d)
    while hi - lo > tol:
        if fc <= fd:
            hi, d, fd = d, c, fc
            c = hi - _GOLDEN * (hi - lo)
            fc = f(c)
        else:
            lo, c, fc = c, d, fd
            d = lo + _GOLDEN * (hi - lo)
            fd = f(d)
    return 0.5 * (lo + hi)


def _brent_min(f: Callable[[float], float], lo: float, hi: float, tol: float) -> float:
    """The minimum of a unimodal `f` on [lo, hi] to within `tol`: Brent's method (parabolas through the
    best three points, a golden section when a parabola is not trusted). About twenty evaluations where
    golden sections alone took fifty, and each is a sum over every run (200 runs: the fit's time)."""
    a, b = lo, hi
    x = w = v = a + (1.0 - _GOLDEN) * (b - a)
    fx = fw = fv = f(x)
    d = e = 0.0
    for _ in range(500):  # converges in tens; the bound keeps a NaN-valued objective from spinning
        middle = 0.5 * (a + b)
        tol1 = 1e-12 * abs(x) + tol / 3.0
        if abs(x - middle) <= 2.0 * tol1 - 0.5 * (b - a):
            return x
        parabolic = False
        if abs(e) > tol1:
            r = (x - w) * (fx - fv)
            q = (x - v) * (fx - fw)
            p = (x - v) * q - (x - w) * r
            q = 2.0 * (q - r)
            p, q = (-p, q) if q > 0.0 else (p, -q)
            previous, e = e, d
            if abs(p) < abs(0.5 * q * previous) and q * (a - x) < p < q * (b - x):
                d = p / q
                parabolic = True
                if (x + d) - a < 2.0 * tol1 or b - (x + d) < 2.0 * tol1:
                    d = tol1 if x < middle else -tol1
        if not parabolic:
            e = (b - x) if x < middle else (a - x)
            d = (1.0 - _GOLDEN) * e
        u = x + (d if abs(d) >= tol1 else math.copysign(tol1, d))
        fu = f(u)
        if fu <= fx:
            a, b = (a, x) if u < x else (x, b)
            v, fv, w, fw, x, fx = w, fw, x, fx, u, fu
        else:
            a, b = (u, b) if u < x else (a, u)
            if fu <= fw or w == x:
                v, fv, w, fw = w, fw, u, fu
            elif fu <= fv or v in (x, w):
                v, fv = u, fu
    return x


def _root(f: Callable[[float], float], lo: float, hi: float, tol: float) -> float:
    """A zero of `f` between lo and hi (either order), where f changes sign: regula falsi with the Illinois
    step (the kept end's value halved when the same end is kept twice), about eight evaluations where
    bisection took twenty; a step that leaves the bracket falls back to bisection."""
    a, b = min(lo, hi), max(lo, hi)
    fa, fb = f(a), f(b)
    kept = 0
    for _ in range(100):
        if b - a <= tol or fa == 0.0 or fb == 0.0:
            break
        c = (a * fb - b * fa) / (fb - fa)
        if not a < c < b:
            c = 0.5 * (a + b)
        fc = f(c)
        if (fc < 0) == (fa < 0):
            a, fa = c, fc
            fb = 0.5 * fb if kept == 1 else fb
            kept = 1
        else:
            b, fb = c, fc
            fa = 0.5 * fa if kept == -1 else fa
            kept = -1
    return a if fa == 0.0 else b if fb == 0.0 else 0.5 * (a + b)


def _curve(a: float, r: float) -> tuple[float, float, float]:
    m = max(0.0, float(kinetics.mono_from_sm(a, r)))
    return a, m, max(0.0, 1.0 - a - m)


def _distance2(observed: tuple[float, float, float], a: float, r: float) -> float:
    return sum((o - p) ** 2 for o, p in zip(observed, _curve(a, r), strict=True))


def _nearest_a(observed: tuple[float, float, float], r: float) -> float:
    """The conversion (SM fraction) at which the curve for r passes nearest the observation.

    Searched in log a below 0.1: at small k2/k1 with SM used up, the nearest point of the curve
    can have a ≈ 1e-60, which a linear search never reaches (the fit would then look biased).
    The distance is written out here (the curve of `_curve`, `kinetics.mono_from_sm`'s form)
    rather than called: it runs ~70 times per run per k2/k1 tried, and recording a run refits
    on the window's thread (17 ms per run before, which put seven runs over 100 ms).
    """
    sm, mono, bis = observed
    r_minus_1 = r - 1.0

    def at_log(log_a: float) -> float:  # the squared distance at a = exp(log_a) > 0
        a = math.exp(log_a)
        x = r_minus_1 * log_a
        m = -a * log_a * (1.0 if -1e-12 < x < 1e-12 else math.expm1(x) / x)
        m = m if m > 0.0 else 0.0
        c = 1.0 - a - m
        c = c if c > 0.0 else 0.0
        return (a - sm) ** 2 + (m - mono) ** 2 + (c - bis) ** 2

    def distance(a: float) -> float:
        return at_log(math.log(a)) if a > 0.0 else sm * sm + mono * mono + (1.0 - bis) ** 2

    values = [distance(a) for a in _A_GRID]
    i = min(range(len(_A_GRID)), key=values.__getitem__)
    lo, hi = _A_GRID[max(i - 1, 0)], _A_GRID[min(i + 1, len(_A_GRID) - 1)]
    if lo > 0:
        found = math.exp(_golden_min(at_log, math.log(lo), math.log(hi), 1e-9))
    else:
        found = _golden_min(distance, lo, hi, 1e-12)
    return found if distance(found) <= values[i] else _A_GRID[i]


# SM fractions searched first: linear above 0.1, logarithmic below (down to 1e-300)
_A_GRID = sorted({0.0, *(10.0 ** -k for k in (1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 100, 150, 200, 300)),
                  *(i / 12 for i in range(2, 13))})


_A_GRID_NP: Any = None


def _grid() -> Any:
    import numpy as np

    return np.asarray(_A_GRID, dtype=float)


def _sse(observations: Sequence[tuple[float, float, float]], r: float) -> float:
    """Σ over runs of the squared distance to the curve for r.

    Few runs: `_nearest_a` run by run (golden section, microseconds each). Many: every run at once
    in numpy, the same grid in a, then a fine grid between each run's grid neighbours and a parabola
    through its best three points (agrees with the run-by-run search to 1e-9 of the sum): 200 runs
    took 3.2 s run by run, and the window froze on opening such a plan."""
    if len(observations) < _VECTOR_FROM:
        return sum(_distance2(obs, _nearest_a(obs, r), r) for obs in observations)
    import numpy as np

    global _A_GRID_NP
    if _A_GRID_NP is None:
        _A_GRID_NP = _grid()
    obs = np.asarray(observations, dtype=float)
    sm, mono, bis = obs[:, 0:1], obs[:, 1:2], obs[:, 2:3]
    r_minus_1 = r - 1.0

    def at_log(log_a: Any) -> Any:  # squared distance at a = exp(log_a) > 0, per run and candidate
        a = np.exp(log_a)
        x = r_minus_1 * log_a
        small = np.abs(x) < 1e-12
        factor = np.where(small, 1.0, np.expm1(np.where(small, 1.0, x)) / np.where(small, 1.0, x))
        m = np.maximum(-a * log_a * factor, 0.0)
        c = np.maximum(1.0 - a - m, 0.0)
        return (a - sm) ** 2 + (m - mono) ** 2 + (c - bis) ** 2

    grid = _A_GRID_NP[None, :]
    positive = grid > 0.0
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        values = np.where(positive, at_log(np.log(np.where(positive, grid, 1.0))), sm * sm + mono * mono + (1.0 - bis) ** 2)
        i = np.argmin(values, axis=1)
        best = values[np.arange(len(i)), i]
        lo = _A_GRID_NP[np.maximum(i - 1, 0)]
        hi = _A_GRID_NP[np.minimum(i + 1, len(_A_GRID_NP) - 1)]
        # a fine grid between each run's grid neighbours (in log a above 0, in a from 0), then one
        # parabola through the best fine point and its neighbours: four array evaluations in all
        log_space = (lo > 0.0)[:, None]
        left = np.where(log_space, np.log(np.where(lo > 0.0, lo, 1.0))[:, None], lo[:, None])
        right = np.where(log_space, np.log(hi)[:, None], hi[:, None])
        steps = np.linspace(0.0, 1.0, _FINE_POINTS)[None, :]
        x = left + (right - left) * steps

        def f(x: Any) -> Any:
            linear_a = np.maximum(x, 0.0)
            as_log = np.where(log_space, x, np.log(np.where(linear_a > 0.0, linear_a, 1e-300)))
            return np.where(log_space | (linear_a > 0.0), at_log(as_log), sm * sm + mono * mono + (1.0 - bis) ** 2)

        fine = f(x)
        j = np.clip(np.argmin(fine, axis=1), 1, _FINE_POINTS - 2)
        rows = np.arange(len(j))
        x1, x2 = x[rows, j], x[rows, j + 1]  # the grid is even: x1 - x0 == x2 - x1
        y0, y1, y2 = fine[rows, j - 1], fine[rows, j], fine[rows, j + 1]
        curvature = y0 - 2.0 * y1 + y2
        shift = np.where(curvature > 0.0, 0.5 * (y0 - y2) / np.where(curvature > 0.0, curvature, 1.0), 0.0)
        vertex = x1 + np.clip(shift, -1.0, 1.0) * (x2 - x1)
        refined = np.minimum(f(vertex[:, None])[:, 0], fine.min(axis=1))
    return float(np.sum(np.minimum(refined, best)))


_VECTOR_FROM = 6  # runs from which one numpy pass beats the run-by-run search (measured: even at 5 runs, 3× faster at 16)
_FINE_POINTS = 129  # points between grid neighbours; the parabola through the best three does the rest


def _minimise_log_r(objective: Callable[[float], float]) -> float:
    """The r minimising `objective(r)` over [R_LOW, R_HIGH], searched in log r (a grid, then refined)."""
    lo, hi = math.log(R_LOW), math.log(R_HIGH)
    grid = [lo + (hi - lo) * i / 32 for i in range(33)]
    values = [objective(math.exp(x)) for x in grid]
    i = min(range(len(grid)), key=values.__getitem__)
    left, right = grid[max(i - 1, 0)], grid[min(i + 1, len(grid) - 1)]
    found = _brent_min(lambda x: objective(math.exp(x)), left, right, 1e-10)
    return math.exp(found) if objective(math.exp(found)) <= values[i] else math.exp(grid[i])


def _profile_bound(chi2: Callable[[float], float], r_hat: float, target: float, upward: bool) -> float | None:
    """Where χ²(r) rises to `target`, on one side of r_hat (None: not within the searched range)."""
    end = math.log(R_HIGH if upward else R_LOW)
    start = math.log(r_hat)
    if chi2(math.exp(end)) < target:
        return None
    steps = [start + (end - start) * (k / 12) ** 2 for k in range(1, 13)]  # fine near the estimate, coarse far out
    previous = start
    for x in steps:  # the first step past the target brackets the crossing
        if chi2(math.exp(x)) >= target:
            return math.exp(_root(lambda y: chi2(math.exp(y)) - target, previous, x, 1e-6))
        previous = x
    return None


def _check_sigma(sigma_points: float) -> None:
    if not math.isfinite(sigma_points) or not MIN_SIGMA <= sigma_points <= MAX_SIGMA:
        raise UserInputError(f"the uncertainty must be between {MIN_SIGMA:g} and {MAX_SIGMA:g} area-% points, not {sigma_points!r}")


def fit_runs(runs: Sequence[Run], sigma_points: float = 1.0, predict_equiv: float | None = None) -> FitResult:
    """r by least squares over every run's SM / mono / bis, with its 95 % profile interval."""
    if not runs:
        raise UserInputError("no runs to fit: enter SM, mono and bis of at least one run")
    _check_sigma(sigma_points)
    observations = [run.fractions() for run in runs]
    sigma = sigma_points / 100.0
    r_hat = _minimise_log_r(lambda r: _sse(observations, r))
    best_sse = _sse(observations, r_hat)

    def chi2(r: float) -> float:
        return _sse(observations, r) / sigma ** 2

    target = best_sse / sigma ** 2 + CHI2_95
    low = _profile_bound(chi2, r_hat, target, upward=False)
    high = _profile_bound(chi2, r_hat, target, upward=True)
    results = tuple(RunResult(s, m, b, m + 2 * b) for s, m, b in observations)
    warnings = _warnings(runs, results, sigma, low, high, best_sse, len(observations))
    return _result(r_hat, (low or R_LOW, high or R_HIGH), results, predict_equiv, warnings)


def fit_mono_bis_ratio(ratio: float, equiv: float, sigma_points: float = 1.0) -> FitResult:
    """r from the mono:bis ratio (moles) when `equiv` equivalents were charged and consumed."""
    for name, value in (("the mono:bis ratio", ratio), ("the equivalents", equiv)):
        if not math.isfinite(value) or value <= 0:
            raise UserInputError(f"{name} must be a positive number, not {value!r}")
    _check_sigma(sigma_points)
    if equiv >= kinetics.MAX_EQUIV:
        raise UserInputError(f"at {equiv:g} equiv every diamine is bis whatever k2/k1: the ratio carries no information")

    def ratio_at(r: float) -> float:
        a = kinetics.sm_for_equiv(equiv, r)
        _, m, b = _curve(a, r)
        return m / b if b > 1e-300 else math.inf

    def r_for(target: float) -> float | None:
        lo, hi = math.log(R_LOW), math.log(R_HIGH)
        f_lo, f_hi = ratio_at(R_LOW) - target, ratio_at(R_HIGH) - target  # the ratio falls as r rises
        if f_lo < 0 or f_hi > 0:
            return None
        return math.exp(_root(lambda x: ratio_at(math.exp(x)) - target, lo, hi, 1e-12))

    r_hat = r_for(ratio)
    if r_hat is None:
        raise UserInputError(f"a mono:bis ratio of {ratio:g} at {equiv:g} equiv is outside what any k2/k1 between "
                             f"{R_LOW:g} and {R_HIGH:g} gives: check the ratio and the equivalents")
    a = kinetics.sm_for_equiv(equiv, r_hat)
    sm, mono, bis = _curve(a, r_hat)
    sigma = sigma_points / 100.0
    spread = 1.96 * ratio * math.sqrt((sigma / max(mono, 1e-12)) ** 2 + (sigma / max(bis, 1e-12)) ** 2)
    high = r_for(max(ratio - spread, 1e-12))  # a smaller ratio means a larger r
    low = r_for(ratio + spread)
    run = Run(sm, mono, bis, equiv)
    results = (RunResult(sm, mono, bis, equiv),)
    warnings = list(_warnings([run], results, sigma, low, high, 0.0, 1, three_numbers=False))
    warnings.append("Fitted from the mono:bis ratio with the electrophile assumed consumed: unreacted or "
                    "decomposed electrophile makes k2/k1 look smaller than it is.")
    return _result(r_hat, (low or R_LOW, high or R_HIGH), results, equiv, tuple(warnings))


def _result(r: float, ci: tuple[float, float], runs: tuple[RunResult, ...], predict_equiv: float | None,
            warnings: tuple[str, ...] | list[str]) -> FitResult:
    best_equiv, max_mono = kinetics.optimum_equiv(r)
    predicted = None
    if predict_equiv is not None:
        d = kinetics.distribution(predict_equiv, r)
        predicted = {"sm": d.sm, "mono": d.mono, "bis": d.bis}
    return FitResult(r, ci, runs, best_equiv, max_mono, predicted, tuple(warnings))


def _warnings(runs: Sequence[Run], results: Sequence[RunResult], sigma: float, low: float | None, high: float | None,
              best_sse: float, count: int, three_numbers: bool = True) -> tuple[str, ...]:
    found: list[str] = []
    at_one = [(run, res) for run, res in zip(runs, results, strict=True)
              if run.equiv is not None and abs(run.equiv - 1.0) <= ONE_EQUIV_TOLERANCE]
    if three_numbers:
        for _run, res in at_one:
            if abs(res.sm - res.bis) > sigma:
                found.append(f"At 1.00 equiv consumed SM equals bis for every k2/k1, but this run has SM {res.sm:.1%} and "
                             f"bis {res.bis:.1%}: check the response factors or the reagent's titre.")
        if count == 1 and at_one:
            found.append("A single run at 1.00 equiv carries one independent number (SM = bis for every k2/k1): "
                         "the fit rests on mono alone; a run at another loading would check it.")
        for run, res in zip(runs, results, strict=True):
            if run.equiv is not None and abs(res.electrophile_consumed_equiv - run.equiv) > max(0.05, 3 * sigma):
                found.append(f"{res.electrophile_consumed_equiv:.2f} equiv consumed of {run.equiv:.2f} charged: "
                             "unreacted or decomposed electrophile, or a titre problem.")
    if all(res.electrophile_consumed_equiv < LOW_CONVERSION for res in results):
        found.append(f"Low conversion (under {LOW_CONVERSION:g} equiv consumed): k2/k1 is poorly determined; "
                     "a run nearer 1 equiv pins it down.")
    if low is None or high is None:
        side = "below or above" if low is None and high is None else "below" if low is None else "above"
        found.append(f"The data do not bound k2/k1 from {side} within {R_LOW:g}–{R_HIGH:g} at this uncertainty.")
    dof = max(count - 1, 1)  # two numbers per run (the fractions sum to 1), less its conversion, less r
    if three_numbers and count > 1 and best_sse / sigma ** 2 > 4 * dof:
        found.append("The runs do not fit one k2/k1 within the stated uncertainty: check the response factors, "
                     "the uncertainty, or whether the conditions differed between runs.")
    return tuple(found)


def excess_for_selectivity(r: float, target: float) -> float | None:
    """The diamine:electrophile ratio N (N:1) whose mono selectivity m/(m+b) reaches `target`
    (None: not below 1000:1). Selectivity rises with N, so a bisection in log N finds it."""
    def selectivity(n: float) -> float:
        s = kinetics.distribution_for_ratio(n, r).mono_selectivity
        return 1.0 if s is None else s

    if selectivity(1.0) >= target:
        return 1.0
    if selectivity(1000.0) < target:
        return None
    lo, hi = 0.0, math.log(1000.0)
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        lo, hi = (lo, mid) if selectivity(math.exp(mid)) >= target else (mid, hi)
    return math.exp(hi)


def next_run(result: FitResult, target_selectivity: float = 0.9) -> list[str]:
    """What to charge next, with the fit's interval carried through (sentences for the panel and the PDF)."""
    low, high = result.ci95
    e_values = sorted(kinetics.optimum_equiv(r)[0] for r in (low, high))
    lines = [f"Most mono: charge {result.best_equiv:.2f} equiv ({result.best_equiv:.2f} equiv consumed: the model assumes "
             f"all of it reacts; charge more of an electrophile that hydrolyses or evaporates) for {result.max_mono:.0%} mono "
             f"({e_values[0]:.2f}–{e_values[1]:.2f} equiv over the 95 % interval of k2/k1)."]
    n_best = excess_for_selectivity(result.k2_k1, target_selectivity)
    bounds = [excess_for_selectivity(r, target_selectivity) for r in (low, high)]
    if n_best is None:
        lines.append(f"{target_selectivity:.0%} mono selectivity needs more than 1000:1 diamine: protect one nitrogen "
                     "(mono-Boc) instead.")
    elif n_best <= 1.0:
        lines.append(f"{target_selectivity:.0%} mono selectivity already at 1:1 diamine:electrophile.")
    else:
        known = [b for b in bounds if b is not None]
        spread = f" ({min(known):.1f}–{max(known):.1f}:1 over the interval)" if len(known) == 2 else ""
        lines.append(f"{target_selectivity:.0%} mono selectivity: diamine:electrophile {n_best:.1f}:1{spread}, "
                     "or protect one nitrogen first.")
    return lines
