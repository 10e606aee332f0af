"""Two different reactive N–H, each at its own rate (issue 24): checked against what does not share its algebra.

- a time integration (scipy's LSODA) of the four elementary steps with the electrophile explicit;
- the consecutive model's closed form in the SM fraction (`kinetics`) where the sites are equal;
- the issue's hand calculation for two independent sites tenfold apart: 14 / 72.5 / 14 at one equivalent,
  96 % of the mono at the fast site.
"""

from __future__ import annotations

import json

import pytest

from dzp_planner import cli
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.models import kinetics, two_sites


def ode(e0: float, rho: float, k2_k1: float) -> tuple[float, float, float, float]:
    """(SM, mono at the first site, mono at the second, bis) integrated in time until the electrophile is used."""
    delta = 2.0 * k2_k1

    def rates(_t: float, y: list[float]) -> list[float]:
        a, m1, m2, b, e = y
        r_a1, r_a2 = a * e, rho * a * e  # the first site reacts at 1, the second at rho
        r_m1, r_m2 = delta * rho * m1 * e, delta * m2 * e  # then the other site, slowed or sped by delta
        return [-r_a1 - r_a2, r_a1 - r_m1, r_a2 - r_m2, r_m1 + r_m2, -r_a1 - r_a2 - r_m1 - r_m2]

    from scipy.integrate import solve_ivp  # here, not at the top: 0.3 s a worker at collection

    done = solve_ivp(rates, (0.0, 1e9), [1.0, 0.0, 0.0, 0.0, e0], method="LSODA", rtol=1e-11, atol=1e-13)
    a, m1, m2, b, e = done.y[:, -1]
    assert e < 1e-6 or a + m1 + m2 < 1e-9, "the electrophile was not used up"
    return a, m1, m2, b


@pytest.mark.parametrize(("e0", "rho", "k2_k1"), [(1.0, 0.1, 0.5), (0.5, 0.3, 0.1), (1.3, 0.02, 1.5), (0.8, 3.0, 0.25),
                                                   (1.0, 1.0, 0.05), (1.8, 0.5, 0.5)])
def test_the_closed_form_is_the_time_integration(e0, rho, k2_k1):
    found = two_sites.outcome(e0, rho, k2_k1)
    expected = ode(e0, rho, k2_k1)
    assert (found.sm, found.mono_first, found.mono_second, found.bis) == pytest.approx(expected, abs=2e-6)


@pytest.mark.parametrize("k2_k1", [0.02, 0.25, 0.5, 1.0, 3.0])
@pytest.mark.parametrize("e0", [0.2, 1.0, 1.6])
def test_equal_sites_are_the_consecutive_model(e0, k2_k1):
    found, expected = two_sites.outcome(e0, 1.0, k2_k1), kinetics.distribution(e0, k2_k1)
    assert (found.sm, found.mono, found.bis) == pytest.approx((expected.sm, expected.mono, expected.bis), abs=1e-9)


def _parts(o: two_sites.SitesOutcome) -> tuple[float, float, float, float]:
    return o.sm, o.mono_first, o.mono_second, o.bis


def test_two_independent_sites_at_a_tenfold_rate_ratio_match_the_hand_solution():
    """k2/k1 = 0.5: the first reaction does nothing to the other N.
    x + x**0.1 = 1 at one equivalent (solved apart, by bisection in a shell: x = 0.164921); SM = x·y, mono = (1−x)y + x(1−y)."""
    x = 0.164921
    y = x ** 0.1
    assert (1 - x) + (1 - y) == pytest.approx(1.0, abs=1e-5)
    sm, fast, slow, bis = _parts(two_sites.outcome(1.0, 0.1, 0.5))
    assert sm == pytest.approx(x * y, abs=2e-4) and bis == pytest.approx((1 - x) * (1 - y), abs=2e-4)
    assert sm == pytest.approx(0.138, abs=1e-3) and fast + slow == pytest.approx(0.725, abs=1e-3)
    assert fast / (fast + slow) == pytest.approx(0.962, abs=1e-3)
    # equal rates are the statistical 25 / 50 / 25
    sm, fast, slow, bis = _parts(two_sites.outcome(1.0, 1.0, 0.5))
    assert (sm, fast + slow, bis) == pytest.approx((0.25, 0.5, 0.25), abs=1e-9)


def test_the_curves_follow_the_points():
    c = two_sites.curves(0.25, 0.1)
    for i in range(0, len(c["equiv"]), 10):
        point = two_sites.outcome(float(c["equiv"][i]), 0.1, 0.25)
        assert (c["sm"][i], c["mono"][i], c["bis"][i]) == pytest.approx((point.sm, point.mono, point.bis), abs=1e-4)


@pytest.mark.parametrize("bad", [0.0, -1.0, 2e3, float("nan")])
def test_a_ratio_outside_a_thousandfold_is_refused(bad):
    with pytest.raises(ValueError, match="site-rate ratio"):
        two_sites.outcome(1.0, bad, 0.5)


def _shown(tmp_path, capsys, *extra: str) -> dict:
    out = tmp_path / f"p{len(list(tmp_path.iterdir()))}.dzp"
    assert cli.run(["plan", str(out), "--smiles", "CC1CNCCCN1", "--reagent", "O=C(Cl)c1ccccc1", "--answer", "excess=yes",
                    *extra]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert cli.run(["show", str(out)]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_plan_of_2_methyl_diazepane_uses_each_sites_rate(tmp_path, capsys):
    estimated = _shown(tmp_path, capsys)["distribution"]
    assert estimated["model"] == "two-different-sites" and estimated["site_rates_source"] == "structure"
    assert list(estimated["site_rates"]) == ["N4", "N1"]  # the unhindered N4 first
    set_here = _shown(tmp_path, capsys, "--site-ratio", "0.1")["distribution"]
    assert set_here["site_rates"] == {"N4": 1.0, "N1": 0.1} and set_here["site_rates_source"] == "set"
    sm, first, second, bis = ode(set_here["electrophile_equiv"], 0.1, set_here["k2_k1"])
    assert (set_here["sm"], set_here["mono"], set_here["bis"]) == pytest.approx((sm, first + second, bis), abs=1e-5)
    assert set_here["mono_ratio"]["N4"] == pytest.approx(first / (first + second), abs=1e-5)
    assert set_here["mono"] > estimated["mono"] * 0.99  # more selective sites: no more bis than the estimate's


def test_the_site_ratio_is_kept_in_the_plan_file_and_checked_on_reading(tmp_path):
    from dzp_planner.core.document.plan import Plan
    from dzp_planner.core.io import storage
    from dzp_planner.core.io.plan_format import PlanFileError

    plan = Plan()
    plan.model.site_rate_ratio = 0.25
    path = tmp_path / "ratio.dzp"
    storage.save_plan(plan, path)
    assert storage.load_plan(path).model.site_rate_ratio == 0.25
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["model"]["site_rate_ratio"] = 5000
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(PlanFileError, match="site_rate_ratio"):
        storage.load_plan(path)


@pytest.mark.parametrize(("text", "message"), [("fast", "not a number"), ("0", "between"), ("1e9", "between")])
def test_a_typed_ratio_that_cannot_be_one_says_why(text, message):
    from dzp_planner.core.document.plan import Plan
    from dzp_planner.core.document.plan_edits import site_ratio_changes

    with pytest.raises(UserInputError, match=message):
        site_ratio_changes(Plan(), text)
    assert site_ratio_changes(Plan(), " 0,2 ").site_rate_ratio == 0.2
    assert site_ratio_changes(Plan(), "").site_rate_ratio is None
