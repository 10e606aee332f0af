"""A reagent sold as its salt (issue 24, the fasudil walk): isoquinoline-5-sulfonyl chloride·HCl is weighed as
the salt, reacts as the free base, and its acid is met by base.

Independent values: MWs from RDKit's MolWt of the whole salt SMILES (HCl included), called here; the base
charge by hand (the protocol's own base plus one equivalent per equivalent of the HCl salt); the product's
[M+H]+ from RDKit's exact mass of the sulfonamide drawn here.
"""

from __future__ import annotations

import json

import pytest
from rdkit import Chem
from rdkit.Chem import Descriptors
from tests.substrates import SUBSTRATES

from dzp_planner import cli
from dzp_planner.core.document import plan_edits
from dzp_planner.core.document.derivation import derive
from dzp_planner.core.document.plan import Plan
from dzp_planner.core.guidance.templates import plan_from_template
from dzp_planner.core.reactions.reagent_info import describe_reagent

SULFONYL_HCL = "O=S(=O)(Cl)c1cccc2cnccc12.Cl"
SULFONYL = "O=S(=O)(Cl)c1cccc2cnccc12"
NICOTINOYL_HCL = "O=C(Cl)c1cccnc1.Cl"
PROTON = 1.007276


def molwt(smiles: str) -> float:
    return Descriptors.MolWt(Chem.MolFromSmiles(smiles))


@pytest.mark.parametrize(("salt", "reaction"), [(SULFONYL_HCL, "sulfonylation"), (NICOTINOYL_HCL, "acylation")])
def test_the_reagent_command_weighs_the_salt_and_classes_the_free_base(capsys, salt, reaction):
    assert cli.run(["reagent", salt]) == 0
    found = json.loads(capsys.readouterr().out)
    assert set(found) == {"class", "reaction_type", "name", "mw", "state", "density_g_ml"}
    assert found["reaction_type"] == reaction and found["name"].endswith("·HCl")
    assert found["mw"] == pytest.approx(molwt(salt), abs=1e-3)  # 264.13 for the sulfonyl chloride·HCl
    assert found["state"] == "solid" and found["density_g_ml"] is None


def _plan(tmp_path, capsys, substrate: str, salt: str = "", reagent: str = SULFONYL_HCL) -> dict:
    out = tmp_path / f"p{len(list(tmp_path.iterdir()))}.dzp"
    smiles = substrate + (".Cl.Cl" if salt == "2HCl" else "")
    code = cli.run(["plan", str(out), "--smiles", smiles, "--reagent", reagent, "--answer", "excess=yes"])
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    assert cli.run(["show", str(out)]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", list(SUBSTRATES))
def test_a_plan_weighs_the_reagent_salt_and_adds_base_for_its_acid(tmp_path, capsys, name):
    substrate, salt = SUBSTRATES[name]
    found = _plan(tmp_path, capsys, substrate, salt)
    free = _plan(tmp_path, capsys, substrate, salt, SULFONYL)  # the same plan with the free sulfonyl chloride
    reagent = next(c for c in found["components"] if c["role"] == "reagent")
    assert reagent["name"] == "Isoquinoline-5-sulfonyl chloride·HCl"
    assert reagent["mw"] == pytest.approx(molwt(SULFONYL_HCL), abs=1e-3)
    assert found["reagent"]["smiles"] == Chem.MolToSmiles(Chem.MolFromSmiles(SULFONYL))  # the free base reacts
    def base_equiv(plan: dict) -> float:
        return sum(c["equiv"] for c in plan["components"] if c["role"] == "base")

    # one more equivalent of base per equivalent of the reagent·HCl than with the free sulfonyl chloride
    assert base_equiv(found) == pytest.approx(base_equiv(free) + reagent["equiv"])
    assert reagent["equiv"] == pytest.approx(next(c["equiv"] for c in free["components"] if c["role"] == "reagent"))
    assert found["distribution"].get("route") != "protonation"  # the reagent's acid is met: the amines are free
    mono = next(p for p in found["products"] if p["species"].startswith("mono"))
    product = Chem.MolFromSmiles(mono["smiles"])
    # the free base's substrate plus isoquinoline-5-sulfonyl (C9H6NO2S: 13 heavy atoms), no chlorine
    assert product.HasSubstructMatch(Chem.MolFromSmarts("O=S(=O)(c1cccc2cnccc12)N"))
    assert product.GetNumHeavyAtoms() == Chem.MolFromSmiles(substrate).GetNumHeavyAtoms() + 13
    assert not product.HasSubstructMatch(Chem.MolFromSmarts("[Cl]"))
    assert mono["mh_plus"] == pytest.approx(Descriptors.ExactMolWt(product) + PROTON, abs=2e-4)
    assert "·HCl" in found["title"] and "benzyl" not in found["title"]


def _sample(template_id: str = "") -> Plan:
    """The window's sample plan (benzaldehyde on the parent diamine); without its protocol when asked."""
    plan = plan_from_template("reductive-mono-alkylation")
    if not template_id:
        plan.set_section("procedure", ("", plan.addition))
    return plan


@pytest.mark.parametrize("template_id", ["", "reductive-mono-alkylation"])
def test_typing_the_salt_as_the_reagent_in_the_window_sets_the_row_in_one_step(template_id):
    plan = _sample(template_id)
    changes = plan_edits.reagent_changes(plan, SULFONYL_HCL)
    for section, value in changes.items():
        plan.set_section(section, value)
    derived = derive(plan)
    row = plan.components[derived.electrophile_row]
    assert (row.smiles, row.salt, row.density) == (Chem.MolToSmiles(Chem.MolFromSmiles(SULFONYL)), "HCl", None)
    assert derived.table.rows[derived.electrophile_row].mw == pytest.approx(molwt(SULFONYL_HCL), abs=1e-3)
    assert plan.reaction_type == "sulfonylation"


def test_the_acid_of_a_reagent_salt_is_counted_where_no_base_meets_it():
    """Parent diamine, 1 equiv of the sulfonyl chloride·HCl, no base: 1 equiv of HCl is on the diamine (by hand)."""
    info = describe_reagent(SULFONYL_HCL)
    plan = _sample()
    changes = plan_edits.reagent_changes(plan, SULFONYL_HCL)
    for section, value in changes.items():
        plan.set_section(section, value)
    rows = [c for c in plan.components if c.role not in ("base", "reductant", "acid")]
    plan.set_section("components", rows)
    index = next(i for i, c in enumerate(plan.components) if c.salt == "HCl")
    limiting = next(i for i, c in enumerate(plan.components) if c.role == "limiting")
    plan.components[index].quantity = "1 equiv"
    plan.components[limiting].quantity = "1 mmol"
    state = derive(plan).distribution
    assert info.salt_acid_equiv == 1.0
    assert state.acid_equiv == pytest.approx(1.0)
