"""The mono-protonation route in a plan (issue 27): the acid the table puts on the diamine decides the model.

Each case is a chemist's plan (substrate, salt, acid or base rows, a reagent of a real class); the
expected SM / mono / bis come from tests/protonation_ode.py, an integration of the elementary steps,
with the acid counted by hand from the rows.
"""

from __future__ import annotations

import pytest
from tests.protonation_ode import ode_outcome
from tests.substrates import SUBSTRATES

from dzp_planner.core.document.derivation import derive
from dzp_planner.core.document.plan import Component, Plan
from dzp_planner.core.models.protonation import ProtonationInputs

BOC2O = "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C"
BENZOYL_CHLORIDE = "O=C(Cl)c1ccccc1"
TOSYL_CHLORIDE = "Cc1ccc(S(=O)(=O)Cl)cc1"
PHENYL_ISOCYANATE = "O=C=Nc1ccccc1"
BENZALDEHYDE = "O=Cc1ccccc1"
FLUORONITROBENZENE = "O=[N+]([O-])c1ccc(F)cc1"
HOMOPIPERAZINE_PKA = (10.41, 6.70)  # the plan's default pH-switch fields (Pagano et al. 1961)
MONO_PKA = 9.0  # the plan's default mono-product field (an estimate)


def plan_of(substrate: str, salt: str, reagent: str, reaction: str, *extra: Component, equiv: str = "1.0 equiv") -> Plan:
    rows = [Component("substrate", "limiting", substrate, "10 mmol", salt=salt, slot="substrate"),
            Component("electrophile", "reagent", reagent, equiv, slot="electrophile"), *extra,
            Component("MeOH", "solvent", "CO", "50 mL", slot="solvent")]
    return Plan(substrate_smiles=substrate, reaction_type=reaction, reagent_smiles=reagent, components=rows)


def expected(acid: float, e: float = 1.0, byproduct: float = 0.0, k2_k1: float = 0.5) -> tuple[float, float, float]:
    sm, mono, bis, _ = ode_outcome(ProtonationInputs(e, acid, *HOMOPIPERAZINE_PKA, MONO_PKA, k2_k1=k2_k1,
                                                     byproduct_acid=byproduct))
    return sm, mono, bis


def numbers(plan: Plan) -> tuple[float, float, float]:
    state = derive(plan).distribution
    assert state.sm is not None and state.mono is not None and state.bis is not None
    return state.sm, state.mono, state.bis


def test_one_equivalent_of_tmscl_in_methanol_then_boc2o():
    plan = plan_of(SUBSTRATES["parent"][0], "", BOC2O, "boc-protection",
                   Component("TMSCl", "acid", "C[Si](C)(C)Cl", "1.0 equiv"), equiv="0.9 equiv")
    state = derive(plan).distribution
    assert state.route == "protonation" and state.acid_equiv == pytest.approx(1.0)
    assert numbers(plan) == pytest.approx(expected(1.0, e=0.9), abs=1e-4)
    # the free diamine at the same charge, r = 1/2: m = 2(√a − a), e = 2 − 2√a, so √a = 1 − e/2 = 0.55
    assert state.statistical == pytest.approx((0.3025, 0.495, 0.2025), abs=1e-9)
    assert any("mono-protonation model" in c.text for c in derive(plan).checks)


def test_the_dihydrochloride_with_one_equivalent_of_tea_is_the_mono_cation_and_an_acid_chloride_stalls():
    """2 HCl from the salt − 1 TEA = 1 equiv on the diamine; each benzoylation makes one more HCl (no base left)."""
    salt = SUBSTRATES["2HCl salt"]
    plan = plan_of(salt[0], salt[1], BENZOYL_CHLORIDE, "acylation", Component("TEA", "base", "CCN(CC)CC", "1.0 equiv"))
    assert derive(plan).distribution.acid_equiv == pytest.approx(1.0)
    assert numbers(plan) == pytest.approx(expected(1.0, byproduct=1.0), abs=1e-4)
    assert any(c.severity == "warning" and "cannot react" in c.text for c in derive(plan).checks)


def test_enough_base_for_the_salt_gives_back_the_statistical_model():
    salt = SUBSTRATES["2HCl salt"]
    plan = plan_of(salt[0], salt[1], TOSYL_CHLORIDE, "sulfonylation", Component("TEA", "base", "CCN(CC)CC", "3.0 equiv"))
    state = derive(plan).distribution
    assert state.route == "statistical" and state.acid_equiv == 0.0
    assert numbers(plan) == pytest.approx((0.25, 0.5, 0.25), abs=1e-9)  # r = 0.5 at 1 equiv, the closed form
    assert "acid_equiv" not in state.as_dict()


def test_an_organic_acid_salt_counts_its_acid_protons():
    """A fumarate (1:1) brings two acidic protons per diamine: with 1 equiv TEA, one is left on the amines."""
    plan = plan_of(SUBSTRATES["parent"][0], "fumarate", PHENYL_ISOCYANATE, "urea",
                   Component("TEA", "base", "CCN(CC)CC", "1.0 equiv"), equiv="0.9 equiv")
    assert derive(plan).distribution.acid_equiv == pytest.approx(1.0)
    assert numbers(plan) == pytest.approx(expected(1.0, e=0.9), abs=1e-4)  # an isocyanate makes no acid


@pytest.mark.parametrize("name", ["2-methyl", "side-chain amine"])
def test_two_different_sites_take_the_protonation_model_too(name):
    plan = plan_of(SUBSTRATES[name][0], "", PHENYL_ISOCYANATE, "urea", Component("HCl", "acid", "Cl", "0.5 equiv"))
    assert derive(plan).distribution.route == "protonation"
    assert numbers(plan) == pytest.approx(expected(0.5), abs=1e-4)


@pytest.mark.parametrize("name", ["1-Boc", "1-methyl", "1-phenyl"])
def test_one_reactive_nh_with_acid_is_warned_not_modelled(name):
    plan = plan_of(SUBSTRATES[name][0], "", BENZOYL_CHLORIDE, "acylation", Component("HCl", "acid", "Cl", "1.0 equiv"))
    state = derive(plan).distribution
    assert state.route == "statistical" and state.acid_equiv == pytest.approx(1.0)
    assert any(c.severity == "warning" and "held as its salt" in c.text for c in derive(plan).checks)


@pytest.mark.parametrize("reagent, reaction, byproduct", [
    (BENZALDEHYDE, "reductive-amination", 0.0), (FLUORONITROBENZENE, "snar", 1.0), (TOSYL_CHLORIDE, "sulfonylation", 1.0),
])
def test_the_reagent_class_says_whether_the_reaction_adds_acid(reagent, reaction, byproduct):
    plan = plan_of(SUBSTRATES["parent"][0], "", reagent, reaction, Component("TFA", "acid", "OC(=O)C(F)(F)F", "0.8 equiv"),
                   equiv="0.5 equiv")
    assert numbers(plan) == pytest.approx(expected(0.8, e=0.5, byproduct=byproduct), abs=1e-4)


def test_an_acid_the_app_does_not_know_counts_one_proton_and_says_so():
    plan = plan_of(SUBSTRATES["parent"][0], "", BOC2O, "boc-protection", Component("my acid", "acid", "", "1.0 equiv"))
    state = derive(plan).distribution
    assert state.acid_equiv == pytest.approx(1.0) and state.route == "protonation"
