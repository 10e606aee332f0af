"""Salts weighed right (issue 24): the acids vendors sell amines as, quaternary salts, and the
stoichiometry read per molecule of substrate. Every MW is RDKit's MolWt of the whole drawing,
divided by the molecules of substrate it holds, computed here."""

from __future__ import annotations

import pytest
from rdkit import Chem
from rdkit.Chem import Descriptors

from dzp_planner.cli.plans.show import show
from dzp_planner.core.chem import editing
from dzp_planner.core.document import plan_edits
from dzp_planner.core.document.derivation import derive
from dzp_planner.core.document.plan import Plan
from dzp_planner.core.guidance import decisions, protocols

SALTS = {  # drawn salt -> (salt form, acid equivalents, molecules of substrate in the drawing)
    "C1CNCCNC1.OC(=O)/C=C/C(=O)O": ("fumarate", 2, 1),
    "C1CNCCNC1.OC(=O)C(=O)O": ("oxalate", 2, 1),
    "C1CNCCNC1.OC(=O)/C=C\\C(=O)O": ("maleate", 2, 1),
    "C1CNCCNC1.OC(=O)CC(O)(CC(=O)O)C(=O)O": ("citrate", 3, 1),
    "CC(C)(C)OC(=O)N1CCCNCC1.OC(=O)C(O)C(O)C(=O)O": ("tartrate", 2, 1),
    "CC(C)(C)OC(=O)N1CCCNCC1.Cc1ccc(S(=O)(=O)O)cc1": ("TsOH", 1, 1),
    "CC(C)(C)OC(=O)N1CCCNCC1.CS(=O)(=O)O": ("MsOH", 1, 1),
    "CC(C)(C)OC(=O)N1CCCNCC1.OC(=O)C(F)(F)F": ("TFA", 1, 1),
    "C1CNCCNC1.Br.Br": ("2HBr", 2, 1),
    "C1CNCCNC1.OS(=O)(=O)O": ("H2SO4", 2, 1),
    "C1CNCCNC1.C1CNCCNC1.Cl.Cl.O": ("HCl·0.5H2O", 1, 2),  # 2 drug : 2 HCl : 1 H2O
    "C[N+]1(C)CCCNCC1.[I-]": ("iodide", 0, 1),  # a quaternary iodide: the anion, no acid to free
}


def _plan(smiles: str) -> Plan:
    plan = Plan()
    for section, value in plan_edits.substrate_changes(plan, smiles, editing.from_smiles(smiles)).items():
        plan.set_section(section, value)
    return plan


@pytest.mark.parametrize("smiles", sorted(SALTS))
def test_the_salt_is_weighed_per_molecule_of_substrate(smiles):
    salt, acid, molecules = SALTS[smiles]
    plan = _plan(smiles)
    out = show(plan)
    assert out["substrate"]["salt"] == salt
    row = next(c for c in out["components"] if c["slot"] == "substrate")
    weighed = Descriptors.MolWt(Chem.MolFromSmiles(smiles)) / molecules
    assert row["mw"] == pytest.approx(weighed, abs=0.01)
    assert row["name"].endswith(f"·{salt}")
    # the substrate line of show and the PDF's site analysis weigh the same molecule as the row
    assert out["substrate"]["mw"] == pytest.approx(weighed, abs=0.01)
    summary = derive(plan).summary
    assert summary is not None and summary.mw == pytest.approx(weighed, abs=0.01)
    if molecules > 1:
        assert summary.formula.endswith(f"·{salt}")  # one molecule's share, not the whole drawing's C10H26Cl2N4O


def test_the_fumarate_is_not_weighed_as_the_free_base():
    out = show(_plan("C1CNCCNC1.OC(=O)/C=C/C(=O)O"))
    row = next(c for c in out["components"] if c["slot"] == "substrate")
    assert row["mw"] / Descriptors.MolWt(Chem.MolFromSmiles("C1CNCCNC1")) == pytest.approx(2.159, abs=0.002)


@pytest.mark.parametrize(("smiles", "base_equiv"), [("C1CNCCNC1.OC(=O)/C=C/C(=O)O", 3.0), ("C1CNCCNC1.Cl.Cl", 3.0),
                                                    ("C1CNCCNC1.OC(=O)CC(O)(CC(=O)O)C(=O)O", 4.0),
                                                    ("C[N+]1(C)CCCNCC1.[I-]", None)])
def test_the_base_that_frees_a_salt_counts_its_acid(smiles, base_equiv):
    """TEA: the acid's equivalents and one more (TEA and the diamine share the last proton)."""
    plan = _plan(smiles)
    facts = decisions.facts_from_smiles(smiles, "CC(=O)Cl")
    plan.set_section("reaction", ("acylation", "CC(=O)Cl", "", ""))
    tree = decisions.load_tree("acylation")
    answers = {"excess": "yes"} if facts["free_nh_count"].value == "two" else {}
    plan.set_section("decisions", ({"acylation": answers}, "acylation"))
    from dzp_planner.core.document.derivation import derive

    rec = derive(plan).walk.recommendation
    assert rec is not None, tree.id
    plan.set_sections(protocols.build(plan, rec, "acylation"))
    freeing = [c for c in plan.components if "frees the" in c.name]
    if base_equiv is None:
        assert freeing == []
    else:
        assert [c.quantity for c in freeing] == [f"{base_equiv:g} equiv"]


def test_a_hydrated_salt_is_named_once_in_words():
    """A salt drawn 2 drug : 2 HCl : 1 H2O is HCl·0.5H2O per molecule: 'the hydrochloride hemihydrate', the form
    written once (it was '(HCl·0.5H2O) (HCl·0.5H2O)')."""
    from dzp_planner.core.chem.site_model import site_model_for

    warning = next(w for w in site_model_for("CN1CCCNCC1.CN1CCCNCC1.Cl.Cl.O").warnings if w.startswith("Entered as"))
    assert warning.startswith("Entered as the hydrochloride hemihydrate (HCl·0.5H2O):")
    assert warning.count("HCl·0.5H2O") == 1


@pytest.mark.parametrize("reagent", ["O=C(Cl)c1ccccc1", "O=S(=O)(Cl)c1ccccc1", "O=Cc1ccccc1"])
def test_a_quaternary_iodide_is_a_salt_through_the_work_up(reagent, tmp_path):
    """1,1-Dimethyl-1,4-diazepanium iodide: a permanent cation. Nothing frees it (no step says '1 equiv of base'),
    its product is a salt too (no extraction into DCM), LCMS sees M+, and the solvent note does not promise the
    base will dissolve it."""
    from dzp_planner import cli
    from dzp_planner.core.io import storage

    out = tmp_path / "q.dzp"
    assert cli.run(["plan", str(out), "--smiles", "C[N+]1(C)CCCNCC1.[I-]", "--reagent", reagent]) == 0
    shown = show(storage.load_plan(out))
    text = " ".join(step["text"] if isinstance(step, dict) else step for step in shown["procedure"])
    assert "free the amine" not in text and "extract with" not in text and "reverse-phase" in text
    assert text.count("Concentrate (no aqueous extraction") == 1
    solubility = next(w["text"] for w in shown["warnings"] if w["id"] == "salt-solubility")
    assert "no base frees it" in solubility and "until the base frees" not in solubility
    entered = next(w for w in derive(storage.load_plan(out)).site_model.warnings if w.startswith("Entered as"))
    assert "M+" in entered and "free base's" not in entered
    # M+ of the cation C7H17N2+ (no proton added): 7·12 + 17·1.007825 + 2·14.003074 − 0.000549 (the electron)
    sm = next(p for p in shown["products"] if p["species"] == "SM")
    assert sm["look_for"]["ion"] == "M+" and sm["look_for"]["mz"] == pytest.approx(7 * 12 + 17 * 1.007825032 + 2 * 14.003074004 - 0.000549, abs=2e-4)


@pytest.mark.parametrize("typed", ["C1CNCCNC1.Cl.Cl", "C1CNCCNC1.OC(=O)/C=C/C(=O)O"])
def test_the_schemes_reagents_name_the_base_once(typed, tmp_path):
    """A salt's freeing TEA and the acylation's TEA are one TEA over the arrow (the PDF said 'TEA (frees the 2HCl
    salt), TEA')."""
    from dzp_planner import cli
    from dzp_planner.core.document.titles import scheme_reagents
    from dzp_planner.core.io import storage

    out = tmp_path / "s.dzp"
    assert cli.run(["plan", str(out), "--smiles", typed, "--reagent", "O=C(Cl)c1ccccc1", "--answer", "excess=yes"]) == 0
    plan = storage.load_plan(out)
    assert sum(c.name.startswith("TEA") for c in plan.components) == 2  # both rows are there, weighed apart
    assert scheme_reagents(plan.components) == "Benzoyl chloride, TEA"


def test_the_conditions_under_the_arrow_do_not_repeat_the_reagents_over_it():
    from dzp_planner.core.document.titles import scheme_conditions

    assert scheme_conditions("HATU, DIPEA, DMF, RT, 2-16 h", "4-Fluorobenzoic acid, HATU, DIPEA") == "DMF, RT, 2-16 h"
    assert scheme_conditions("DCM, 0 °C to RT, 1-4 h", "Phenyl isocyanate") == "DCM, 0 °C to RT, 1-4 h"
