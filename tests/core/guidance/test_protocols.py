"""Apply to plan builds the protocol for the drawn molecule: every tree, every recommendation, many substrates.

What is asserted is derived independently: MWs from element weights, [M+H]+ from monoisotopic
masses (RDKit called separately where a formula is long), equivalents from the chemistry notes
(one reactive N–H: 1.1–1.5 equiv electrophile, 1.4–2 equiv STAB; Abdel-Magid 1996).
"""

from __future__ import annotations

import json

import pytest
from rdkit import Chem
from rdkit.Chem import Descriptors

from dzp_planner.cli.plans.show import show
from dzp_planner.core.chem import editing
from dzp_planner.core.document import plan_edits
from dzp_planner.core.document.derivation import derive
from dzp_planner.core.document.plan import Plan
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.guidance import decisions, protocols

PROTON = 1.007276
SUBSTRATES = {
    "parent": "C1CNCCNC1",
    "1-Boc": "CC(C)(C)OC(=O)N1CCCNCC1",
    "1-methyl": "CN1CCCNCC1",
    "2-methyl": "CC1CNCCCN1",
    "1-phenyl": "C1CN(c2ccccc2)CCNC1",
    "dihydrochloride": "C1CNCCNC1.Cl.Cl",
    "2-aminoethyl": "NCCN1CCCNCC1",
    "benzo-fused": "c1ccc2c(c1)CNCCN2",
}
ONE_SITE = {"1-Boc", "1-methyl", "1-phenyl", "benzo-fused"}


def new_plan(smiles: str) -> Plan:
    """File ▸ New, then the SMILES typed into the substrate field (the GUI's own core calls)."""
    plan = Plan()
    for section, value in plan_edits.substrate_changes(plan, smiles, editing.from_smiles(smiles)).items():
        plan.set_section(section, value)
    return plan


def applied(plan: Plan, tree_id: str, answers: dict[str, str]) -> tuple[Plan, decisions.Recommendation | None]:
    plan.set_section("decisions", ({tree_id: answers}, tree_id))
    rec = derive(plan).walk.recommendation
    if rec is None or not protocols.applicable(rec):
        return plan, rec
    for section, value in protocols.build(plan, rec, tree_id).items():
        plan.set_section(section, value)
    return plan, rec


def _cases() -> list[tuple[str, str, dict[str, str]]]:
    cases = []
    for tree_id in ("alkylation", "regioselectivity", "buchwald-hartwig"):
        tree = decisions.load_tree(tree_id)
        for answers in decisions.all_answer_paths(tree):
            rec = decisions.walk(tree, answers).recommendation
            if rec is not None and rec.protocol:
                for name in SUBSTRATES:
                    cases.append((name, tree_id, answers))
    return cases


@pytest.mark.parametrize("name, tree_id, answers", _cases())
def test_every_applied_protocol_describes_the_drawn_molecule(name, tree_id, answers):
    smiles = SUBSTRATES[name]
    plan, rec = applied(new_plan(smiles), tree_id, answers)
    out = show(plan)
    text = json.dumps(out, ensure_ascii=False) + " ".join(s.checkpoint + s.correction for s in derive(plan).procedure)
    assert "[?" not in text and "{substrate" not in text and "{electrophile" not in text
    parent = Chem.MolToSmiles(Chem.MolFromSmiles(smiles.split(".")[0]))
    substrate_rows = [c for c in out["components"] if c["slot"] == "substrate"]
    assert len(substrate_rows) == 1 and substrate_rows[0]["role"] == "limiting"
    assert Chem.CanonSmiles(substrate_rows[0]["smiles"]) == parent  # the free base
    assert substrate_rows[0]["mw"] == pytest.approx(Descriptors.MolWt(Chem.MolFromSmiles(smiles)), abs=0.01)  # salt MW weighed
    assert substrate_rows[0]["name"] != "1,4-Diazepane" or name in ("parent", "dihydrochloride")
    for product in out["products"]:
        mol = Chem.MolFromSmiles(product["smiles"])
        if product["species"] == "SM":
            assert Chem.MolToSmiles(mol) == parent
            assert product["mh_plus"] == pytest.approx(Descriptors.ExactMolWt(mol) + PROTON, abs=1e-4)
    if out["scheme"]["product"]:  # the product is built on this substrate's skeleton
        assert Chem.MolFromSmiles(out["scheme"]["product"]).HasSubstructMatch(Chem.MolFromSmiles(parent))
    if name in ONE_SITE:
        assert out["distribution"]["model"] == "one-site"
        assert not any(p["species"] == "bis" for p in out["products"])
        assert not any("30 / 50 / 20" in c or "25 / 50 / 25" in c for c in out["checks"])


@pytest.mark.parametrize("name", sorted(ONE_SITE))
def test_one_site_reductive_amination_uses_a_slight_excess(name):
    plan, rec = applied(new_plan(SUBSTRATES[name]), "alkylation", {"carbonyl-single": "yes"})
    assert rec.id == "reductive-amination-single"
    rows = {c["slot"]: c for c in show(plan)["components"]}
    assert 1.1 <= rows["electrophile"]["equiv"] <= 1.5  # not the diamine's 0.9
    assert 1.4 <= rows["reductant"]["equiv"] <= 2.0


def test_the_issues_walk_1_boc_reductive_amination_then_module_c():
    plan, rec = applied(new_plan("CC(C)(C)OC(=O)N1CCCNCC1"), "alkylation", {"carbonyl-single": "yes"})
    out = show(plan)
    assert out["title"] == "Reductive amination of 1-Boc-1,4-diazepane with benzaldehyde"
    mw = 10 * 12.011 + 20 * 1.008 + 2 * 14.007 + 2 * 15.999  # C10H20N2O2 = 200.282
    sub = next(c for c in out["components"] if c["slot"] == "substrate")
    assert sub["name"] == "1-Boc-1,4-diazepane" and sub["mw"] == pytest.approx(mw, abs=0.005)
    assert out["procedure"][0].startswith("Dissolve 1-Boc-1,4-diazepane (")
    # the product keeps its Boc: C17H26N2O2, [M+H]+ = 290.1994 + 1.00728 = 291.2067
    assert Chem.CanonSmiles(out["scheme"]["product"]) == Chem.CanonSmiles("CC(C)(C)OC(=O)N1CCCN(Cc2ccccc2)CC1")
    mono_mh = 17 * 12.0 + 26 * 1.0078250319 + 2 * 14.0030740052 + 2 * 15.9949146221 + PROTON
    checkpoint = " ".join(s.checkpoint for s in derive(plan).procedure)
    assert f"mono [M+H]+ {mono_mh:.4f}" in checkpoint and "191.1543" not in checkpoint and "281.2012" not in checkpoint
    assert derive(plan).theoretical_yield.product_mw == pytest.approx(17 * 12.011 + 26 * 1.008 + 2 * 14.007 + 2 * 15.999, abs=0.01)
    # then Module C: nothing of the reductive amination is left
    plan, rec = applied(plan, "buchwald-hartwig", {"activated": "no", "stalled": "no", "amine": "ring", "base": "none"})
    assert rec.id == "ruphos-naotbu"
    out = show(plan)
    names = [c["name"] for c in out["components"]]
    assert "DCE" not in names and "STAB" not in names and "Acetic acid" not in names and "Benzaldehyde" not in names
    assert [c["slot"] for c in out["components"]] == ["substrate", "electrophile", "catalyst", "base", "solvent"]
    catalyst = next(c for c in out["components"] if c["slot"] == "catalyst")
    assert catalyst["name"] == "RuPhos Pd G3" and catalyst["mw"] == pytest.approx(836.38, abs=0.05)  # C42H58NO5PPdS
    assert out["title"].startswith("Buchwald–Hartwig arylation of 1-Boc-1,4-diazepane")
    assert out["reaction_type"] == "buchwald-hartwig"
    assert not any("STAB" in step or "aldehyde" in step.casefold() for step in out["procedure"])


def test_protect_first_for_a_c2_substituted_ring_is_selective_boc_at_n4():
    plan, rec = applied(new_plan("CC1CNCCCN1"), "buchwald-hartwig", {"activated": "no"})
    assert rec.id == "protect-remote-n4" and rec.protocol == "selective-boc"
    rows = {c["slot"]: c for c in show(plan)["components"]}
    assert rows["electrophile"]["equiv"] == pytest.approx(1.0)
    steps = derive(plan).procedure
    assert any("Confirm the regiochemistry" in s.text for s in steps)
    # the parent diamine still goes to the statistical Protocol 2
    _, rec = applied(new_plan("C1CNCCNC1"), "buchwald-hartwig", {"activated": "no"})
    assert rec.id == "protect-first" and rec.protocol == "mono-boc-protection"
    # an activated heteroaryl halide needs no palladium: the free diamine is not sent to protect-first
    _, rec = applied(new_plan("C1CNCCNC1"), "buchwald-hartwig", {"activated": "yes"})
    assert rec.id == "snar-excess" and rec.protocol == "snar"


def test_alkylation_asks_about_a_single_nh_before_the_carbonyl():
    plan = new_plan("CC(C)(C)OC(=O)N1CCCNCC1")
    plan.set_section("decisions", ({"alkylation": {}}, "alkylation"))
    walk = derive(plan).walk
    assert [s.node for s in walk.path] == ["scaffold", "sites"] and walk.path[1].answer == "one"
    assert walk.pending.id == "carbonyl-single"


def test_nothing_to_apply_is_refused_with_a_reason():
    plan = new_plan("CN1CCCN(C)CC1C#N")
    plan.set_section("decisions", ({"alkylation": {}}, "alkylation"))
    rec = derive(plan).walk.recommendation
    assert rec.id == "no-free-nh" and not protocols.applicable(rec)
    with pytest.raises(UserInputError, match="nothing to apply"):
        protocols.build(plan, rec)


def test_applying_twice_leaves_nothing_behind():
    plan, _ = applied(new_plan("C1CNCCNC1"), "regioselectivity", {})
    first = show(plan)
    plan, _ = applied(plan, "regioselectivity", {})
    assert show(plan)["components"] == first["components"]
    assert len([c for c in plan.components if c.slot == "substrate"]) == 1


def test_scale_is_kept_from_the_chemists_substrate_row():
    plan = new_plan("CC1CNCCCN1")
    rows = plan.get_section("components")
    rows[0].quantity = "250 mg"
    plan.set_section("components", rows)
    plan, _ = applied(plan, "alkylation", {"carbonyl": "yes"})
    assert next(c for c in plan.components if c.slot == "substrate").quantity == "250 mg"


def test_an_override_that_makes_a_row_a_solution_clears_its_resin_loading():
    from dzp_planner.core.document.plan import Component
    from dzp_planner.core.guidance.decisions import RowOverride
    from dzp_planner.core.guidance.protocols import _apply_override

    resin = Component("base", "base", "", "2.2 equiv", loading=3.5, slot="base")
    row = _apply_override(resin, RowOverride(slot="base", concentration=1.0))
    assert (row.concentration, row.loading) == (1.0, None)
