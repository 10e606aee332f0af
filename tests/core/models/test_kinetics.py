"""Kinetic model against closed forms and the chemistry notes' numbers."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.cli_in_process import run_in_process

from dzp_planner.core.models import kinetics
from dzp_planner.core.models.extraction import fractions, neutral_fraction, ph_switch_report
from dzp_planner.core.models.mixing import MixingInputs, simulate


def test_statistical_point_is_25_50_25():
    d = kinetics.distribution(1.0, 0.5)
    assert (d.sm, d.mono, d.bis) == pytest.approx((0.25, 0.5, 0.25), abs=1e-9)
    assert d.unreacted_electrophile == 0.0


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.floats(0.0, 1.99))
def test_statistical_closed_form(e):
    d = kinetics.distribution(e, 0.5)
    assert d.sm == pytest.approx((1 - e / 2) ** 2, abs=1e-9)
    assert d.mono == pytest.approx(e * (1 - e / 2), abs=1e-9)
    assert d.bis == pytest.approx((e / 2) ** 2, abs=1e-9)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.floats(0.01, 20.0))
def test_sm_equals_bis_at_one_equivalent_for_any_r(r):
    d = kinetics.distribution(1.0, r)
    assert d.sm == pytest.approx(d.bis, abs=1e-9)
    assert d.sm + d.mono + d.bis == pytest.approx(1.0, abs=1e-12)


def _independent(e: float, r: float) -> tuple[float, float, float]:
    """Solve e = 2(1 − a) − m(a) by plain bisection with the textbook form of m(a)."""
    def m(a):
        return -a * math.log(a) if r == 1 else (a**r - a) / (1 - r)
    lo, hi = 1e-15, 1.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if 2 * (1 - mid) - m(mid) > e else (lo, mid)
    a = (lo + hi) / 2
    return a, m(a), 1 - a - m(a)


@pytest.mark.parametrize("r", [1.0, 2.0, 0.1])
def test_other_r_at_one_equivalent(r):
    d = kinetics.distribution(1.0, r)
    assert (d.sm, d.mono, d.bis) == pytest.approx(_independent(1.0, r), abs=1e-9)


def test_r_equal_one_uses_the_log_form():
    d = kinetics.distribution(1.0, 1.0)
    assert d.mono == pytest.approx(-d.sm * math.log(d.sm), abs=1e-12)
    near = kinetics.distribution(1.0, 1.0 + 1e-9)
    assert near.mono == pytest.approx(d.mono, abs=1e-7)


@pytest.mark.parametrize(
    "ratio, r, expected",
    [(10, 0.5, 0.974), (10, 2.0, 0.908), (1, 0.5, 0.667), (1, 2.0, 0.382)],
)
def test_mono_selectivity_from_the_notes(ratio, r, expected):
    assert kinetics.distribution_for_ratio(ratio, r).mono_selectivity == pytest.approx(expected, abs=6e-4)


@pytest.mark.parametrize("ratio", [2, 5, 10])
def test_ratio_statistical_values(ratio):
    e = 1 / ratio
    m, b = e * (1 - e / 2), (e / 2) ** 2
    assert kinetics.distribution_for_ratio(ratio, 0.5).mono_selectivity == pytest.approx(m / (m + b), abs=1e-9)


def test_guide_claims_checked():
    d = kinetics.distribution(0.9, 0.5)  # "0.9 equiv ensures mono"
    assert (d.sm, d.mono, d.bis) == pytest.approx((0.3025, 0.495, 0.2025), abs=1e-9)
    assert kinetics.boc_yield_ceiling(0.5, 0.5) == pytest.approx(0.75, abs=1e-9)  # not 85-90 %
    assert kinetics.boc_yield_ceiling(0.5, 0.25) >= 0.8
    assert kinetics.boc_yield_ceiling(0.5, 0.25) < 0.85 < kinetics.boc_yield_ceiling(0.5, 0.1)


def test_excess_electrophile_is_reported_unreacted():
    d = kinetics.distribution(2.5, 0.5)
    assert d.bis == pytest.approx(1.0) and d.unreacted_electrophile == pytest.approx(0.5 / 2.5)


def test_curves_match_the_pointwise_model_and_optimum():
    c = kinetics.curves(2.0, points=51)
    for i in (0, 10, 25, 40):
        d = kinetics.distribution(float(c["equiv"][i]), 2.0)
        assert c["mono"][i] == pytest.approx(d.mono, abs=2e-4) and c["sm"][i] == pytest.approx(d.sm, abs=2e-4)
    e_star, m_star = kinetics.optimum_equiv(0.5)
    assert (e_star, m_star) == pytest.approx((1.0, 0.5), abs=1e-12)
    e2, m2 = kinetics.optimum_equiv(2.0)
    grid = np.linspace(0.01, 1.99, 2000)
    best = max(grid, key=lambda e: kinetics.distribution(e, 2.0).mono)
    assert e2 == pytest.approx(best, abs=2e-3)
    assert m2 == pytest.approx(kinetics.distribution(best, 2.0).mono, abs=1e-5)  # the peak height, by brute force too


def test_bad_inputs():
    for bad in (0, -1, float("nan")):
        with pytest.raises(ValueError):
            kinetics.distribution(1.0, bad)
    with pytest.raises(ValueError):
        kinetics.distribution(-0.1, 0.5)


# -- mixing ---------------------------------------------------------------------------
def test_fast_mixing_reduces_to_the_batch_result():
    for e, r in ((1.0, 0.5), (0.5, 2.0)):
        mixed = simulate(MixingInputs(concentration_m=0.5, electrophile_equiv=e, mixing_time_s=1e-6, k1=10, k2_k1=r, addition_time_s=60))
        batch = kinetics.distribution(e, r)
        assert (mixed.sm, mixed.mono, mixed.bis) == pytest.approx((batch.sm, batch.mono, batch.bis), abs=1e-3)
        assert "reaction-controlled" in mixed.regime


def test_slow_mixing_gives_less_bis_when_diluted_or_added_slowly():
    base = dict(electrophile_equiv=1.0, mixing_time_s=1.0, k1=100.0, k2_k1=0.5)
    concentrated = simulate(MixingInputs(concentration_m=0.5, addition_time_s=60, **base))
    dilute = simulate(MixingInputs(concentration_m=0.05, addition_time_s=60, **base))
    slow = simulate(MixingInputs(concentration_m=0.5, addition_time_s=600, **base))
    assert concentrated.bis > 0.3 > kinetics.distribution(1.0, 0.5).bis  # mixing-disguised selectivity
    assert dilute.bis < concentrated.bis
    assert slow.bis < concentrated.bis
    assert "mixing-controlled" in concentrated.regime


# -- pH switch ---------------------------------------------------------------------------
def test_fraction_neutral_by_hand():
    for ph in (3.0, 8.0, 11.0):
        by_hand = 1 / (1 + 10 ** (10.41 - ph) + 10 ** (10.41 + 6.70 - 2 * ph))
        assert neutral_fraction([10.41, 6.70], ph) == pytest.approx(by_hand, rel=1e-12)
    assert neutral_fraction([10.41, 6.70], 11.0) == pytest.approx(0.7955, abs=1e-4)  # 20 °C values
    assert neutral_fraction([10.25, 6.68], 11.0) == pytest.approx(0.849, abs=1e-3)  # 25 °C: the notes' ~0.85
    assert neutral_fraction([9.0], 3.0) == pytest.approx(1 / (1 + 10**6), rel=1e-9)
    assert neutral_fraction([], 3.0) == 1.0
    f = fractions([10.41, 6.70], 8.0)
    assert sum(f.values()) == pytest.approx(1.0)
    assert 1 - f["neutral"] == pytest.approx(1 - 1 / (1 + 10**2.41 + 10**1.11), rel=1e-9)  # ~99.6 % protonated at pH 8


def test_ph_switch_report_says_what_each_step_moves():
    at3, at11 = ph_switch_report()
    assert at3.into_organic == ("bis",)
    assert set(at11.into_organic) == {"diamine", "mono", "bis"}
    assert "does not separate" in at11.verdict


# -- commands ---------------------------------------------------------------------------
def _cli(*args, real_process: bool = False):
    if not real_process:
        return run_in_process(list(args), text=True)
    return subprocess.run([sys.executable, "-m", "dzp_planner", *args], capture_output=True, text=True, timeout=120)


def test_distribution_and_extraction_commands():
    out = _cli("distribution", "--electrophile-equiv", "1", "--k2-k1", "0.5", real_process=True)
    data = json.loads(out.stdout)
    assert (data["sm"], data["mono"], data["bis"]) == pytest.approx((0.25, 0.5, 0.25), abs=1e-9)
    out = _cli("distribution", "--ratio", "10", "--k2-k1", "2")
    assert json.loads(out.stdout)["mono_selectivity"] == pytest.approx(0.908, abs=6e-4)
    out = _cli("extraction", "--pka", "10.41", "6.70", "--ph", "11")
    data = json.loads(out.stdout)
    assert data["neutral"] == pytest.approx(0.7955, abs=1e-4) and set(data) >= {"cation", "dication"}
    for bad in (("distribution", "--electrophile-equiv", "-1"), ("distribution", "--electrophile-equiv", "1", "--k2-k1", "0"),
                ("extraction", "--pka", "10", "--ph", "15"), ("distribution", "--electrophile-equiv", "nan")):
        out = _cli(*bad)
        assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr
