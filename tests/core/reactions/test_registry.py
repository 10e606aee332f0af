"""A reaction type is one module plus data: the registry finds it for products, checks and `show`."""

from __future__ import annotations

import pytest
from rdkit import Chem
from rdkit.Chem import Descriptors

from dzp_planner.core.document.plan import Component, Plan
from dzp_planner.core.reactions import registry
from dzp_planner.core.reactions.base import NH, ReactionType, ReagentClass
from dzp_planner.core.reactions.products import mass_table, reagent_reacts

CYANOGEN_BROMIDE = "BrC#N"


@pytest.fixture(name="cyanation")
def _cyanation():
    """A reaction type made in the test alone (von Braun-type N-cyanation with BrCN)."""
    kind = ReactionType(
        id="test-cyanation", title="N-Cyanation", noun="a test cyanation", reagent_words="a cyanogen halide",
        reagent_classes=(ReagentClass("cyanogen-halide", "cyanogen halide", ("[Br,Cl]C#N",), priority=1),),
        product_smarts=(f"{NH}.[Br,Cl][C:2]#[N:3]>>[N:1]-[C:2]#[N:3]",),
        k2_k1=0.1, k2_k1_reason="made up for the test", conditions="NaHCO3, DCM, 0 °C",
        template="acylation", tree="acylation", product_word="mono-cyanamide",
        ceiling_note="TEST-CEILING-NOTE",
    )
    registry.register(kind)
    yield kind
    registry.unregister(kind.id)


def _canon(smiles: str) -> str:
    return Chem.MolToSmiles(Chem.MolFromSmiles(smiles))


@pytest.mark.usefixtures("cyanation")
def test_a_reaction_type_registered_in_a_test_is_classed_and_gives_products():
    assert registry.classify_smiles(CYANOGEN_BROMIDE).reaction.id == "test-cyanation"
    assert reagent_reacts("test-cyanation", CYANOGEN_BROMIDE)
    rows = {r.species: r for r in mass_table("C1CNCCNC1", "test-cyanation", CYANOGEN_BROMIDE)}
    assert rows["mono"].smiles == _canon("N#CN1CCCNCC1")
    assert rows["bis"].smiles == _canon("N#CN1CCCN(C#N)CC1")
    # [M+H]+ of the mono cyanamide from RDKit's exact mass, not the app's
    assert rows["mono"].mh_plus == pytest.approx(Descriptors.ExactMolWt(Chem.MolFromSmiles("N#CN1CCCNCC1")) + 1.007276, abs=1e-4)


@pytest.mark.usefixtures("cyanation")
def test_checks_and_show_find_the_registered_type(tmp_path):
    from dzp_planner.cli.plans.show import show
    from dzp_planner.core.document.derivation import derive
    from dzp_planner.core.io import storage

    plan = Plan(substrate_smiles="C1CNCCNC1", reaction_type="test-cyanation", reagent_smiles=CYANOGEN_BROMIDE,
                components=[Component("1,4-Diazepane", "limiting", "C1CNCCNC1", "1 mmol", slot="substrate"),
                            Component("Cyanogen bromide", "reagent", CYANOGEN_BROMIDE, "1 equiv", slot="electrophile"),
                            Component("DCM", "solvent", "ClCCl", "10 mL")])
    checks = " ".join(c.text for c in derive(plan).checks)
    assert "mono-cyanamide" in checks and "TEST-CEILING-NOTE" in checks
    storage.save_plan(plan, tmp_path / "p.dzp")
    shown = show(storage.load_plan(tmp_path / "p.dzp"))
    assert shown["reaction_type"] == "test-cyanation"
    assert {p["smiles"] for p in shown["products"]} >= {_canon("N#CN1CCCNCC1")}


def test_an_unregistered_type_is_refused_with_the_known_ones():
    from dzp_planner.core.errors import UserInputError

    with pytest.raises(UserInputError, match=r"unknown reaction 'nitration'.*acylation"):
        registry.get("nitration")
