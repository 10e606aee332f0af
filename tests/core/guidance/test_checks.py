"""The guide's rules checked against a plan: numbers from the model in force, derived by hand.

Closed forms (chemistry notes): two equal sites at k2/k1 = 1/2 give a = (1 − e/2)², m = e(1 − e/2),
b = (e/2)²; any other r is checked against a bisection on e = 2(1 − a) − m(a), m = (a^r − a)/(1 − r),
written out here independently of `core.kinetics`. One reactive N–H: m = min(e, 1), no bis.
"""

from __future__ import annotations

import pytest

from dzp_planner.core.document.derivation import derive
from dzp_planner.core.document.plan import Component, Plan
from dzp_planner.core.guidance import templates

DIAZEPANE = "C1CNCCNC1"
MW_DIAZEPANE = 5 * 12.011 + 12 * 1.008 + 2 * 14.007
MW_BOC2O = 10 * 12.011 + 18 * 1.008 + 5 * 15.999


def fractions(e: float, r: float) -> tuple[float, float, float]:
    """SM, mono, bis after e equivalents at k2/k1 = r, by bisection on the closed form."""
    def mono(a: float) -> float:
        return (a ** r - a) / (1 - r)

    lo, hi = 0.0, 1.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if 2 * (1 - mid) - mono(mid) > e:
            lo = mid
        else:
            hi = mid
    a = (lo + hi) / 2
    return a, mono(a), 1 - a - mono(a)


def texts(plan: Plan) -> str:
    return " ".join(c.text for c in derive(plan).checks)


def test_protocol_2_compares_with_its_own_2_to_1_not_module_a():
    plan = templates.plan_from_template("mono-boc-protection")
    text = texts(plan)
    e = (5400 / MW_BOC2O) / (5000 / MW_DIAZEPANE)
    assert f"{1 / e:.3g} : 1" in text  # 2.02 : 1
    assert "Protocol 2 uses 2 : 1; Module A's 10 : 1 is its advice for alkylation" in text
    assert "the guide recommends 10 : 1" not in text
    assert f"{1 - e / 2:.0%}" in text  # the share of Boc2O in mono-Boc, 1 − e/2 = 75 %
    # the concentration at the start and after the 50 mL addition: 49.92 mmol / 100 mL and / 150 mL
    assert "0.499 M (0.333 M after the addition)" in text


def test_protocol_1_quotes_the_statistics_at_the_plans_k2_k1():
    plan = templates.plan_from_template("reductive-mono-alkylation")
    text = texts(plan)
    # at 0.9 equiv, r = 1/2: a = 0.55² = 30 %, m = 0.9 × 0.55 = 50 %, b = 0.45² = 20 %
    assert "about 30% SM / 50% mono / 20% bis" in text
    assert "Module A of the guide recommends 10 : 1" in text and "iminium" in text
    model = plan.get_section("model")
    model.k2_k1 = 2.0
    plan.set_section("model", model)
    a, m, b = fractions(0.9, 2.0)
    assert f"at k2/k1 = 2 expect about {a:.0%} SM / {m:.0%} mono / {b:.0%} bis" in texts(plan)
    assert derive(plan).distribution.mono == pytest.approx(m, abs=1e-6)


def test_ten_to_one_excess_gives_the_notes_selectivity():
    plan = Plan(substrate_smiles=DIAZEPANE, reaction_type="alkylation", components=[
        Component("1,4-Diazepane", "limiting", DIAZEPANE, "10 mmol"),
        Component("BnBr", "reagent", "BrCc1ccccc1", "0.1 equiv", density=1.44),
        Component("MeCN", "solvent", "CC#N", "0.05 M")])
    # e = 0.1: m/(m+b) = (1 − e/2)/(1 − e/4) = 0.95/0.975 = 97.4 %
    assert "97.4%" in texts(plan)
    assert "at or below the guide's 0.05 M" in texts(plan)


def test_one_free_nh_has_no_bis_and_names_quaternisation():
    plan = Plan(substrate_smiles="CN1CCCNCC1", reaction_type="alkylation", components=[
        Component("1-Methyl-1,4-diazepane", "limiting", "CN1CCCNCC1", "1 mmol"),
        Component("BnBr", "reagent", "BrCc1ccccc1", "1.1 equiv", density=1.44)])
    d = derive(plan)
    assert d.distribution.model == "one-site"
    assert (d.distribution.sm, d.distribution.mono, d.distribution.bis) == (0.0, 1.0, 0.0)
    text = texts(plan)
    assert "no bis product" in text and "quaternisation" in text
    assert "30 / 50 / 20" not in text and "25 / 50 / 25" not in text and "10 : 1" not in text


def test_a_row_that_is_not_the_drawn_substrate_is_flagged():
    plan = Plan(substrate_smiles="CC1CNCCCN1", components=[
        Component("1,4-Diazepane", "limiting", DIAZEPANE, "200 mg", slot="substrate"),
        Component("Benzaldehyde", "reagent", "O=Cc1ccccc1", "0.9 equiv")])
    assert "holds another structure than the one drawn" in texts(plan)


def test_another_limiting_row_is_said():
    plan = Plan(substrate_smiles=DIAZEPANE, components=[
        Component("1,4-Diazepane", "reagent", DIAZEPANE, "5 mmol", slot="substrate"),
        Component("Boc2O", "limiting", "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C", "2 mmol")])
    assert "“Boc2O” is the limiting row (the equivalents reference), not the substrate" in texts(plan)
