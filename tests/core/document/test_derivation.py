"""The derivation: everything the views show, derived once from a plan (core/document/derivation).

Independent values: the closed form of tests/closed_form.py (two equal N–H), a hand calculation (one N–H:
every equivalent charged makes mono), RDKit's MolWt and ExactMolWt of molecules drawn here, and the proton's
mass (1.007276 u) for [M+H]+. The substrates are a chemist's: parent, 1-Boc, 1-methyl, 2-methyl, 1-phenyl,
the 2HCl salt, a fumarate and a side-chain amine; the reagents a sulfonyl chloride, an acid chloride, an
aldehyde and an aryl bromide.
"""

from __future__ import annotations

import pytest
from rdkit import Chem
from rdkit.Chem import Descriptors
from tests.closed_form import exact_point
from tests.substrates import mw

from dzp_planner.core.document import plan_edits
from dzp_planner.core.document.derivation import derive
from dzp_planner.core.guidance import templates

PROTON = 1.007276


def _plan(template: str, substrate: str, reagent: str = ""):
    plan = templates.plan_from_template(template)
    plan.set_sections(plan_edits.substrate_changes(plan, substrate, ""))
    if reagent:
        plan.set_sections(plan_edits.reagent_changes(plan, reagent))
    return plan


def _canonical(smiles: str) -> str:
    return Chem.MolToSmiles(Chem.MolFromSmiles(smiles))


def test_two_equal_nh_follow_the_closed_form_at_the_tables_charge():
    plan = _plan("sulfonylation", "C1CNCCNC1")
    d = derive(plan)
    state = d.distribution
    assert state.model == "two-equivalent-sites"
    sm, mono, bis = exact_point(state.electrophile_equiv, state.k2_k1)
    assert (state.sm, state.mono, state.bis) == pytest.approx((sm, mono, bis), abs=1e-6)
    tosyl = next(r for r in d.products if r.species.startswith("mono"))
    drawn = Chem.MolFromSmiles("Cc1ccc(cc1)S(=O)(=O)N1CCCNCC1")
    assert tosyl.smiles == Chem.MolToSmiles(drawn)
    assert tosyl.mh_plus == pytest.approx(Descriptors.ExactMolWt(drawn) + PROTON, abs=1e-4)
    bis_row = next(r for r in d.products if r.species.startswith("bis"))
    assert bis_row.mw == pytest.approx(mw("Cc1ccc(cc1)S(=O)(=O)N1CCCN(CC1)S(=O)(=O)c1ccc(C)cc1"), abs=0.01)


@pytest.mark.parametrize("substrate", ["CC(C)(C)OC(=O)N1CCCNCC1", "CN1CCCNCC1", "c1ccc(cc1)N1CCCNCC1"])
def test_one_free_nh_makes_mono_of_every_equivalent_charged_and_no_bis(substrate):
    d = derive(_plan("acylation", substrate, "CC(=O)Cl"))
    state = d.distribution
    e = state.electrophile_equiv
    assert state.model == "one-site"
    assert (state.sm, state.mono, state.bis) == pytest.approx((max(0.0, 1 - e), min(1.0, e), 0.0), abs=1e-9)
    assert [r.species for r in d.products if r.species.startswith("bis")] == []
    acetyl = _canonical("CC(=O)N1CCCN(CC1)" + {"CC(C)(C)OC(=O)N1CCCNCC1": "C(=O)OC(C)(C)C",
                                               "CN1CCCNCC1": "C", "c1ccc(cc1)N1CCCNCC1": "c1ccccc1"}[substrate])
    assert d.product_smiles == acetyl


def test_a_salt_is_weighed_whole_and_reacts_as_its_free_base():
    d = derive(_plan("acylation", "C1CNCCNC1.Cl.Cl", "O=C(Cl)c1ccccc1"))
    row = d.table.rows[d.substrate_row]
    assert row.mw == pytest.approx(mw("C1CNCCNC1.Cl.Cl"), abs=0.01)  # 173.08, what the balance weighs
    assert row.free_base_mw == pytest.approx(mw("C1CNCCNC1"), abs=0.01)
    assert d.site_model is not None and d.site_model.parent_smiles == "C1CNCCNC1"
    assert d.site_model.salt == "2HCl"


def test_an_organic_acid_salt_is_recognised_as_a_salt_not_a_second_substrate():
    d = derive(_plan("acylation", "C1CNCCNC1.OC(=O)/C=C/C(=O)O", "O=C(Cl)c1ccccc1"))
    assert d.site_model is not None and d.site_model.parent_smiles == "C1CNCCNC1" and d.site_model.salt
    assert d.table.rows[d.substrate_row].mw == pytest.approx(mw("C1CNCCNC1.OC(=O)/C=C/C(=O)O"), abs=0.01)


def test_an_aldehyde_gives_the_reductive_amination_product_and_a_side_chain_amine_is_a_second_site():
    d = derive(_plan("reductive-mono-alkylation", "CC1CNCCCN1", "O=Cc1ccccc1"))
    benzyl = {r.smiles for r in d.products if r.species.startswith("mono")}
    assert {_canonical("CC1CN(Cc2ccccc2)CCCN1"), _canonical("CC1CNCCCN1Cc1ccccc1")} <= benzyl  # N4 and N1
    side = derive(_plan("reductive-mono-alkylation", "NCCN1CCCNCC1", "O=Cc1ccccc1"))
    assert side.distribution.model == "two-different-sites"  # the primary amine outside the ring reacts too
    state = side.distribution
    assert state.sm + state.mono + state.bis == pytest.approx(1.0, abs=1e-9)


def test_an_aryl_bromide_is_the_buchwald_hartwig_electrophile():
    d = derive(_plan("buchwald-hartwig", "CC(C)(C)OC(=O)N1CCCNCC1", "Brc1ccccc1"))
    assert d.electrophile_smiles == "Brc1ccccc1" and d.reagent_reacts is True
    assert d.product_smiles == _canonical("CC(C)(C)OC(=O)N1CCCN(CC1)c1ccccc1")


def test_the_derivation_is_computed_once_per_state_of_the_plan():
    plan = _plan("sulfonylation", "C1CNCCNC1")
    first = derive(plan)
    assert derive(plan) is first  # every view asks; one computation
    plan.set_sections({"model": plan_edits.k2_k1_changes(plan, 0.4)})
    second = derive(plan)
    assert second is not first and second.distribution.k2_k1 == 0.4
    assert (second.distribution.sm, second.distribution.mono) == pytest.approx(
        exact_point(second.distribution.electrophile_equiv, 0.4)[:2], abs=1e-6)
