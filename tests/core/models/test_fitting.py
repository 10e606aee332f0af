"""Fitting k2/k1 to a trial's result, checked against the closed form evaluated independently of the code.

Synthetic data come from tests/closed_form.py: m(a) = (a^r − a)/(1 − r), bis = 1 − a − m, and the SM
fraction for e equivalents consumed found by a bisection of our own on e(a) = m + 2·bis.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest
from tests.cli_in_process import run_in_process
from tests.closed_form import exact_point

from dzp_planner.core.errors import UserInputError
from dzp_planner.core.models import fitting


@pytest.mark.parametrize("r", [0.05, 0.2, 0.5, 1.0, 2.0, 5.0])
@pytest.mark.parametrize("equiv", [0.6, 1.0, 1.4])
def test_r_is_recovered_from_exact_areas_with_response_factors(r, equiv):
    a, m, b = exact_point(equiv, r)
    rf = (0.2, 1.0, 1.6)  # area = moles × response factor; the fit divides it back out
    run = fitting.Run(a * rf[0] * 1000, m * rf[1] * 1000, b * rf[2] * 1000, equiv, *rf)
    result = fitting.fit_runs([run])
    assert result.k2_k1 == pytest.approx(r, rel=0.005)
    assert result.runs[0].electrophile_consumed_equiv == pytest.approx(equiv, abs=1e-6)
    assert result.ci95[0] <= r <= result.ci95[1]


@pytest.mark.parametrize("r", [0.1, 0.5, 2.0])
@pytest.mark.parametrize("equiv", [0.6, 1.0, 1.4])
def test_the_mono_bis_ratio_route(r, equiv):
    _a, m, b = exact_point(equiv, r)
    result = fitting.fit_mono_bis_ratio(m / b, equiv)
    assert result.k2_k1 == pytest.approx(r, rel=0.01)
    assert result.ci95[0] < r < result.ci95[1]


@pytest.mark.parametrize("r", [0.1, 0.5, 2.0])
def test_best_equiv_and_max_mono_from_the_closed_form(r):
    a_star = r ** (1 / (1 - r))  # dm/da = 0
    m_star = r ** (r / (1 - r))
    e_star = m_star + 2 * (1 - a_star - m_star)  # 1.0 at r = 0.5, 0.75 at r = 2, 1.071 at r = 0.1
    a, m, b = exact_point(1.1, r)
    result = fitting.fit_runs([fitting.Run(a, m, b, 1.1)])
    assert result.best_equiv == pytest.approx(e_star, rel=0.005)
    assert result.max_mono == pytest.approx(m_star, rel=0.005)
    assert {0.5: 1.0, 2.0: 0.75}.get(r, e_star) == pytest.approx(e_star, abs=1e-9)


def test_an_inconsistent_run_at_one_equiv_warns():
    result = fitting.fit_runs([fitting.Run(40, 50, 10, 1.0)])
    assert any("response factors or the reagent's titre" in w for w in result.warnings)
    consistent = fitting.fit_runs([fitting.Run(25, 50, 25, 1.0)])
    assert not any("titre" in w for w in consistent.warnings)


def test_electrophile_consumed_below_the_charge_is_said():
    a, m, b = exact_point(0.7, 0.5)  # only 0.7 equiv reacted of 1.2 charged
    result = fitting.fit_runs([fitting.Run(a, m, b, 1.2)])
    assert result.k2_k1 == pytest.approx(0.5, rel=0.005)  # SM / mono / bis fix r without the charge
    assert any("0.70 equiv consumed of 1.20 charged" in w for w in result.warnings)


def test_low_conversion_is_flagged_as_poorly_determined():
    a, m, b = exact_point(0.1, 0.5)
    result = fitting.fit_runs([fitting.Run(a, m, b, 0.1)])
    assert any("Low conversion" in w for w in result.warnings)
    assert result.ci95[1] / result.ci95[0] > 2  # a wide interval, honestly


def _noisy_runs(r: float, equivs: list[float], rng: random.Random, sigma: float = 0.01) -> list[fitting.Run]:
    runs = []
    for e in equivs:
        point = exact_point(e, r)
        runs.append(fitting.Run(*(max(v + rng.gauss(0, sigma), 0.0) for v in point), e))
    return runs


def test_more_runs_narrow_the_interval_and_it_covers_the_true_r():
    true_r, three, six, covered = 0.5, [0.7, 1.0, 1.3], [0.6, 0.8, 0.9, 1.1, 1.2, 1.4], 0
    widths3, widths6 = [], []
    seeds = range(20)
    for seed in seeds:
        rng = random.Random(seed)
        f3 = fitting.fit_runs(_noisy_runs(true_r, three, rng))
        f6 = fitting.fit_runs(_noisy_runs(true_r, six, rng))
        widths3.append(f3.ci95[1] - f3.ci95[0])
        widths6.append(f6.ci95[1] - f6.ci95[0])
        covered += (f3.ci95[0] <= true_r <= f3.ci95[1]) + (f6.ci95[0] <= true_r <= f6.ci95[1])
    assert sum(widths6) < sum(widths3)  # six runs pin r down better than three
    assert covered / (2 * len(seeds)) >= 0.85  # nominal 95 %: not fewer than 34 of 40


@pytest.mark.parametrize("bad, words", [
    (lambda: fitting.fit_runs([fitting.Run(-1, 50, 10)]), "≥ 0"),
    (lambda: fitting.fit_runs([fitting.Run(0, 0, 0)]), "all zero"),
    (lambda: fitting.fit_runs([fitting.Run(20, 50, 30, rf_mono=0)]), "response factor"),
    (lambda: fitting.fit_mono_bis_ratio(0.0, 1.0), "positive"),
    (lambda: fitting.fit_mono_bis_ratio(1e9, 1.0), "outside"),
])
def test_bad_numbers_are_one_clear_message(bad, words):
    with pytest.raises(UserInputError, match=words):
        bad()


def _cli(*args: str, stdin: str | None = None, real_process: bool = False) -> subprocess.CompletedProcess:
    if not real_process:  # the exit-2 tables: in this process (a subprocess each cost ~0.25 s)
        return run_in_process(["fit", *args], stdin=(stdin or "").encode("utf-8"), text=True)
    return subprocess.run([sys.executable, "-m", "dzp_planner", "fit", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_the_fit_command_contract():
    a, m, b = exact_point(0.9, 2.0)
    out = _cli("--sm", f"{a * 100}", "--mono", f"{m * 100}", "--bis", f"{b * 100}", "--equiv", "0.9", real_process=True)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"k2_k1", "ci95", "runs", "electrophile_consumed_equiv", "best_equiv", "max_mono", "predicted", "warnings"}
    assert data["k2_k1"] == pytest.approx(2.0, rel=0.005) and data["best_equiv"] == pytest.approx(0.75, rel=0.005)
    assert set(data["runs"][0]) == {"sm", "mono", "bis", "electrophile_consumed_equiv"}
    assert data["predicted"]["mono"] == pytest.approx(m, rel=0.005)
    runs = [dict(zip(("sm", "mono", "bis"), exact_point(e, 0.3), strict=True), equiv=e) for e in (0.8, 1.2)]
    joint = _cli("-", stdin=json.dumps({"runs": runs, "sigma": 0.5}))
    assert joint.returncode == 0 and json.loads(joint.stdout)["k2_k1"] == pytest.approx(0.3, rel=0.005)
    _a, m1, b1 = exact_point(1.0, 0.5)
    ratio = _cli("--mono-bis-ratio", f"{m1 / b1}", "--equiv", "1.0")
    assert json.loads(ratio.stdout)["k2_k1"] == pytest.approx(0.5, rel=0.01)


@pytest.mark.parametrize("args, stdin", [
    (("--sm", "-5", "--mono", "50", "--bis", "10"), None),
    (("--sm", "0", "--mono", "0", "--bis", "0"), None),
    (("--mono-bis-ratio", "3"), None),
    (("--sm", "ten", "--mono", "50", "--bis", "10"), None),
    (("-",), '{"runs": [{"sm": "x", "mono": 1, "bis": 1}]}'),
    (("-",), "not json"),
])
def test_bad_input_exits_2_with_one_line(args, stdin):
    out = _cli(*args, stdin=stdin)
    assert out.returncode == 2 and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr


def test_next_run_carries_the_interval_and_the_excess_reaches_the_target():
    a, m, b = exact_point(1.0, 0.5)
    result = fitting.fit_runs([fitting.Run(a, m, b, 1.0)], sigma_points=2.0)
    lines = fitting.next_run(result, 0.9)
    assert lines[0].startswith("Most mono: charge 1.00 equiv (1.00 equiv consumed") and "for 50% mono" in lines[0]
    n = fitting.excess_for_selectivity(0.5, 0.9)
    # at N:1, e = 1/N is consumed: selectivity m/(m+b) from this file's own closed form reaches 0.9 at N
    _a, m_n, b_n = exact_point(1 / n, 0.5)
    assert m_n / (m_n + b_n) == pytest.approx(0.9, abs=1e-6)
    assert f"{fitting.excess_for_selectivity(result.k2_k1, 0.9):.1f}:1" in lines[1]  # at the fitted r (n ≈ 2.75: rounding)
    assert fitting.excess_for_selectivity(0.05, 0.5) == 1.0  # already selective at 1:1


def test_the_interval_is_refined_on_both_sides():
    """A precise run: the interval is narrow on both sides of the estimate, not a coarse step below it."""
    result = fitting.fit_runs([fitting.Run(30, 50, 20)], sigma_points=0.01)
    low, high = result.ci95
    assert low < result.k2_k1 < high
    assert (result.k2_k1 - low) == pytest.approx(high - result.k2_k1, rel=0.2)  # near-symmetric for tiny noise
    assert high - low < 0.002


def test_sm_used_up_at_small_k2_k1_is_fitted_without_bias():
    """At k2/k1 = 0.005 and 1.5 equiv the SM fraction is about 1e-61: the curve must still be searched there."""
    a, m, b = exact_point(1.5, 0.005)
    assert a < 1e-50 and m + 2 * b == pytest.approx(1.5, abs=1e-9)
    from dzp_planner.core.models import kinetics

    d = kinetics.distribution(1.5, 0.005)
    assert d.mono + 2 * d.bis == pytest.approx(1.5, abs=1e-9)  # the model accounts for every equivalent
    result = fitting.fit_runs([fitting.Run(a, m, b, 1.5)])
    assert not any("consumed of" in w for w in result.warnings)
    assert result.ci95[0] <= 0.005 * 1.01
    used_up = fitting.fit_runs([fitting.Run(0, 50, 50)])  # SM gone: small k2/k1 cannot be told apart
    assert any("do not bound k2/k1 from below" in w for w in used_up.warnings)


@pytest.mark.parametrize("args, stdin", [
    (("--sm", "1", "--mono", "1", "--bis", "1", "--sigma", "1e160"), None),
    (("--sm", "1", "--mono", "1", "--bis", "1", "--sigma", "1e-300"), None),
    (("--sm", "1e300", "--mono", "1", "--bis", "1", "--rf-sm", "1e-300"), None),
    (("--mono-bis-ratio", "3", "--equiv", "1", "--sigma", "1e160"), None),
    (("-",), '{"runs": [{"sm": 1' + "0" * 400 + ', "mono": 1, "bis": 1}]}'),
])
def test_absurd_numbers_exit_2_not_1(args, stdin):
    out = _cli(*args, stdin=stdin)
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1, out.stderr


def test_a_mono_bis_run_whose_bis_underflows_is_not_a_crash(tmp_path):
    """bis / rf_bis = 1e-300 / 1e10 underflows to 0.0 although bis > 0: the division is guarded by its quotient."""
    from dzp_planner.cli.plans.show import show
    from dzp_planner.core.document.plan import TrialRun
    from dzp_planner.core.guidance.templates import plan_from_template

    plan = plan_from_template("mono-boc-protection")
    plan.results = [TrialRun(equiv=1.0, sm=None, mono=50.0, bis=1e-300, rf_bis=1e10)]
    out = show(plan)  # was ZeroDivisionError
    assert out["distribution"]["model"] == "two-equivalent-sites"


def test_conflicting_fit_arguments_name_both(capsys):
    from dzp_planner import cli

    assert cli.run(["fit", "--sm", "21", "--mono", "57", "--bis", "21", "--mono-bis-ratio", "2.7", "--equiv", "1"]) == 2
    err = capsys.readouterr().err
    assert "--mono-bis-ratio" in err and "--sm" in err and err.count("\n") == 1


def test_the_sum_over_many_runs_agrees_with_the_run_by_run_search():
    """The numpy pass (from 6 runs) against `_nearest_a` run by run, on exact points of r = 0.4 with noise
    and on the corners (no SM, all bis, SM at 1e-80): the same sum of squares to 1e-7."""
    import random

    from dzp_planner.core.models import fitting

    rng = random.Random(7)
    observations = []
    for _ in range(60):
        e = 0.05 + 1.9 * rng.random()
        a, m, b = exact_point(e, 0.4)
        observations.append((max(a + rng.gauss(0, 0.01), 0.0), max(m + rng.gauss(0, 0.01), 0.0), max(b + rng.gauss(0, 0.005), 0.0)))
    observations += [(0.0, 0.9, 0.1), (0.0, 0.0, 1.0), (1e-80, 0.5, 0.5)]
    for r in (0.01, 0.4, 1.0, 3.0, 50.0):
        one_by_one = sum(fitting._distance2(o, fitting._nearest_a(o, r), r) for o in observations)
        assert fitting._sse(observations, r) == pytest.approx(one_by_one, rel=1e-7)


def test_the_fits_minimiser_and_root_finder_agree_with_closed_forms_in_few_evaluations():
    import math

    from dzp_planner.core.models.fitting import _brent_min, _root

    calls = []

    def bowl(x: float) -> float:  # minimum at ln 0.4 (a k2/k1 of 0.4 in log r), not parabolic
        calls.append(x)
        return math.cosh(x - math.log(0.4)) + 0.1 * (x - math.log(0.4)) ** 4

    assert _brent_min(bowl, -2.0, 1.0, 1e-10) == pytest.approx(math.log(0.4), abs=1e-8)
    assert len(calls) < 30  # golden sections alone: 50
    calls.clear()

    def cubic(x: float) -> float:
        calls.append(x)
        return x ** 3 - 2.0

    assert _root(cubic, 3.0, 0.5, 1e-9) == pytest.approx(2.0 ** (1 / 3), abs=1e-9)  # either order
    assert len(calls) < 20  # bisection: 32
