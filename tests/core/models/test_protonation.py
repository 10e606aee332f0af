"""The mono-protonation model (issue 27): against the closed form, a hand limit and an ODE of its own.

The ODE (tests/protonation_ode.py) is written from the chemistry, not from the model's equations.
"""

from __future__ import annotations

import json
import math

import pytest
from tests.closed_form import exact_point
from tests.protonation_ode import ode_outcome

from dzp_planner import cli
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.models import kinetics
from dzp_planner.core.models.protonation import ProtonationInputs, simulate

PIPERAZINE = (9.73, 5.33)  # 25 °C, Hetzer, Robinson & Bates, J. Phys. Chem. 1968, 72, 2081
HOMOPIPERAZINE = (10.41, 6.70)  # 20 °C, Pagano, Goldberg & Fernelius, J. Phys. Chem. 1961, 65, 1062
CARBAMATE_PRODUCT = 8.25  # ethyl piperazine-1-carboxylate, as the chemistry notes quote it


@pytest.mark.parametrize("inputs", [
    ProtonationInputs(0.8, 1.0, *PIPERAZINE, CARBAMATE_PRODUCT),
    ProtonationInputs(1.0, 0.5, *HOMOPIPERAZINE, 9.0, k2_k1=0.3),
    ProtonationInputs(0.6, 1.0, *HOMOPIPERAZINE, 9.0, cation_rate=0.1),
    ProtonationInputs(0.4, 0.5, *PIPERAZINE, CARBAMATE_PRODUCT, byproduct_acid=1.0),
])
def test_the_model_agrees_with_a_time_integration_of_the_elementary_steps(inputs):
    sm, mono, bis, left = ode_outcome(inputs)
    assert left < 1e-7  # the electrophile is used up in the ODE: the same end point the model takes
    found = simulate(inputs)
    assert (found.sm, found.mono, found.bis) == pytest.approx((sm, mono, bis), abs=1e-4)


@pytest.mark.parametrize("r", [0.05, 0.5, 1.0, 2.0])
@pytest.mark.parametrize("e", [0.3, 1.0, 1.7, 2.0, 2.6])
def test_without_acid_it_is_the_statistical_model(r, e):
    found = simulate(ProtonationInputs(e, 0.0, *HOMOPIPERAZINE, 9.0, k2_k1=r))
    a = kinetics.sm_for_equiv(e, r)  # the closed form m = (a^r − a)/(1 − r), solved for the charge
    m = float(kinetics.mono_from_sm(a, r)) if a > 0 else 0.0
    assert (found.sm, found.mono, found.bis) == pytest.approx((a, m, 1 - a - m), abs=1e-6)
    assert found.unreacted_electrophile == pytest.approx(max(0.0, e - 2.0) / e, abs=1e-6)


@pytest.mark.parametrize("e", [0.5, 1.0, 1.5])
def test_one_equivalent_of_acid_gives_less_bis_than_the_statistical_model_for_piperazine(e):
    protonated = simulate(ProtonationInputs(e, 1.0, *PIPERAZINE, CARBAMATE_PRODUCT))
    statistical = kinetics.distribution(e, 0.5)
    assert protonated.bis < statistical.bis / 5
    assert protonated.mono > statistical.mono


def test_with_far_apart_pka_values_every_electrophile_makes_mono_up_to_the_free_nitrogens():
    """pKa 18 / −4 and a product pKa of 7 at 1 equiv acid: every molecule holds one proton, the
    mono product's on its amine, so each electrophile makes one mono (SM = 1 − e, no bis), and
    beyond one equivalent no free N is left: the rest of the electrophile stays."""
    for e in (0.25, 0.5, 0.9):
        found = simulate(ProtonationInputs(e, 1.0, 18.0, -4.0, 7.0))
        assert (found.sm, found.mono, found.bis) == pytest.approx((1 - e, e, 0.0), abs=1e-4)
    over = simulate(ProtonationInputs(1.5, 1.0, 18.0, -4.0, 7.0))
    assert over.unreacted_electrophile == pytest.approx(0.5 / 1.5, abs=1e-4)


def test_an_acid_chloride_without_base_stops_at_half_the_free_nitrogens():
    """Each reaction hands its HCl to an amine: free N (2 − e) meet the protons (x + e) at e = (2 − x)/2."""
    found = simulate(ProtonationInputs(1.0, 0.0, *HOMOPIPERAZINE, 9.0, byproduct_acid=1.0))
    assert found.unreacted_electrophile == pytest.approx(0.0, abs=1e-6)  # e = 1 = (2 − 0)/2: just used up
    half = simulate(ProtonationInputs(1.0, 1.0, *HOMOPIPERAZINE, 9.0, byproduct_acid=1.0))
    assert half.unreacted_electrophile == pytest.approx(0.5, abs=1e-6)


@pytest.mark.parametrize("r, e", [(0.01, 1.8), (0.005, 1.5), (0.005, 1.8), (0.001, 1.2)])
def test_a_small_k2_k1_is_integrated_as_finely_as_the_closed_form_asks(r, e):
    """Below k2/k1 0.05 the mono curve bends sharply where the diamine runs out: 120 steps were 1e-4 to 2e-3
    off at these points (points where the closed form's SM stays above 1e-300, so its bisection can find it)."""
    found = simulate(ProtonationInputs(e, 0.0, *HOMOPIPERAZINE, 9.0, k2_k1=r))
    sm, mono, bis = exact_point(e, r)
    assert (found.sm, found.mono, found.bis) == pytest.approx((sm, mono, bis), abs=1e-8)


def test_a_kept_result_never_answers_inputs_the_check_refuses():
    simulate(ProtonationInputs(1.0, 1.0, *HOMOPIPERAZINE, 9.0))  # kept; True == 1.0 and hashes alike
    with pytest.raises(UserInputError):
        simulate(ProtonationInputs(True, 1.0, *HOMOPIPERAZINE, 9.0))  # type: ignore[arg-type]


@pytest.mark.parametrize("bad, words", [
    (dict(acid_equiv=2.5), "acid equivalents"), (dict(pka_high=5.0, pka_low=9.0), "high first"),
    (dict(k2_k1=0.0), "k2/k1"), (dict(electrophile_equiv=math.nan), "electrophile"),
])
def test_bad_inputs_say_what_is_wrong(bad, words):
    values = dict(electrophile_equiv=1.0, acid_equiv=1.0, pka_high=10.41, pka_low=6.7, product_pka=9.0) | bad
    with pytest.raises(UserInputError, match=words):
        simulate(ProtonationInputs(**values))


def test_the_distribution_command_contract(capsys):
    assert cli.run(["distribution", "--electrophile-equiv", "1", "--acid-equiv", "1",
                    "--pka", *map(str, PIPERAZINE), "--product-pka", str(CARBAMATE_PRODUCT)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["model"] == "protonation" and {"sm", "mono", "bis"} <= set(out)
    assert out["bis"] < out["batch"]["bis"] / 5
    assert cli.run(["distribution", "--electrophile-equiv", "1", "--acid-equiv", "1"]) == 0
    defaults = json.loads(capsys.readouterr().out)
    assert defaults["pka"] == [10.41, 6.70] and "Pagano" in defaults["pka_source"]
    assert "estimate" in defaults["product_pka_source"]


def test_without_acid_equiv_the_output_is_exactly_the_statistical_one(capsys):
    assert cli.run(["distribution", "--electrophile-equiv", "1", "--k2-k1", "0.5"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"sm": pytest.approx(0.25), "mono": pytest.approx(0.5), "bis": pytest.approx(0.25),
                   "mono_selectivity": pytest.approx(2 / 3), "unreacted_electrophile": 0.0, "model": "batch"}
    assert cli.run(["distribution", "--electrophile-equiv", "1", "--product-pka", "9"]) == 2
    assert "--acid-equiv" in capsys.readouterr().err
