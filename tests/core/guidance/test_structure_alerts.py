"""Warnings read off the structures and rows of a plan, each with its id (issue 24)."""

from __future__ import annotations

import pytest

from dzp_planner.core.document.plan import Component
from dzp_planner.core.guidance.structure_alerts import ALERT_IDS, plan_alerts


def _site_model(smiles):
    from dzp_planner.core.chem.site_model import site_model_for

    return site_model_for(smiles)


def alerts(substrate, reaction="acylation", reagent="CC(=O)Cl", rows=()):
    rows = list(rows) or [Component("DCM", "solvent", "ClCCl", "0.2 M")]
    return {a.id: a.text for a in plan_alerts(substrate, _site_model(substrate), reaction, reagent, rows)}


def test_every_id_is_one_the_contract_names():
    assert ALERT_IDS == ("hindered-nh", "nitrosamine", "alkylating-agent", "base-sensitive", "ketone-reduction",
                         "solvent-hazard", "gas-evolution", "salt-solubility")


@pytest.mark.parametrize(("substrate", "hindered"), [
    ("CC1CNCCCN1", True),  # 2-methyl: N1 next to the substituted C2
    ("CC(C)(C)OC(=O)N1CCCNC(C)C1", True),  # 1-Boc-3-methyl: the free N4 sits next to C3
    ("C1CNCCNC1", False), ("CC(C)(C)OC(=O)N1CCCNCC1", False), ("CN1CCCNCC1", False),
    ("c1ccc(cc1)N1CCCNCC1", False), ("NCCN1CCCNCC1", False),
])
def test_a_slow_nh_next_to_a_substituted_ring_carbon(substrate, hindered):
    found = alerts(substrate, "sulfonylation", "Cc1ccc(S(=O)(=O)Cl)cc1")
    assert ("hindered-nh" in found) is hindered
    if hindered:
        assert "DMAP" in found["hindered-nh"] and "longer" in found["hindered-nh"]


def test_nitrosamine_mustard_and_methylating_agents():
    assert "nitrosamine" in alerts("O=NN1CCCNCC1")  # N-nitroso-homopiperazine
    assert "alkylating-agent" in alerts("ClCCN1CCCNCC1")  # a 2-chloroethyl amine: a nitrogen mustard
    assert "alkylating-agent" in alerts("CC(C)(C)OC(=O)N1CCCNCC1", "alkylation", "CI")
    assert "alkylating-agent" not in alerts("CC(C)(C)OC(=O)N1CCCNCC1", "alkylation", "BrCc1ccccc1")
    assert "nitrosamine" not in alerts("C1CNCCNC1")


def test_solvents_gases_and_salts():
    dce = [Component("DCE", "solvent", "ClCCCl", "0.1 M")]
    assert "THF" in alerts("C1CNCCNC1", "reductive-amination", "O=Cc1ccccc1", dce)["solvent-hazard"]
    assert "solvent-hazard" not in alerts("C1CNCCNC1")  # DCM is not flagged
    assert "CO2" in alerts("C1CNCCNC1", "boc-protection", "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C")["gas-evolution"]
    stab = [Component("STAB", "reagent", "CC(=O)O[BH-](OC(C)=O)OC(C)=O.[Na+]", "1.5 equiv"), *dce]
    assert "H2" in alerts("C1CNCCNC1", "reductive-amination", "O=Cc1ccccc1", stab)["gas-evolution"]
    assert "gas-evolution" not in alerts("C1CNCCNC1")
    salt = alerts("C1CNCCNC1.Cl.Cl")
    assert "suspension" in salt["salt-solubility"] and "DCM" in salt["salt-solubility"]
    assert "salt-solubility" not in alerts("C1CNCCNC1.Cl.Cl", rows=[Component("MeOH", "solvent", "CO", "0.2 M")])


def test_a_strong_base_beside_an_ester():
    rows = [Component("NaOtBu", "base", "CC(C)(C)[O-].[Na+]", "1.4 equiv"), Component("Toluene", "solvent", "Cc1ccccc1", "0.2 M")]
    found = alerts("CC(C)(C)OC(=O)N1CCCNCC1", "buchwald-hartwig", "CCOC(=O)c1ccc(Br)cc1", rows)
    assert "Cs2CO3" in found["base-sensitive"]
    assert "base-sensitive" not in alerts("CC(C)(C)OC(=O)N1CCCNCC1", "buchwald-hartwig", "Brc1ccccc1", rows)


@pytest.mark.parametrize("substrate", ["C1CNCCNC1", "CC(C)(C)OC(=O)N1CCCNCC1", "CN1CCCNCC1.Cl.Cl"])
def test_the_gas_warning_names_the_reductant_in_the_table(substrate):
    """The ketone protocol reduces with NaBH4 (H2 with the alcohol), not STAB: its warning must not describe a
    NaHCO3 quench of NaBH(OAc)3 the plan has not got; the aldehyde protocol's STAB keeps that one."""
    stab = Component("STAB", "reagent", "CC(=O)O[BH-](OC(C)=O)OC(C)=O.[Na+]", "1.5 equiv")
    nabh4 = Component("NaBH4", "reagent", "[BH4-].[Na+]", "1.5 equiv")
    thf = Component("THF", "solvent", "C1CCOC1", "0.5 M")
    ketone = alerts(substrate, "reductive-amination", "O=C1CCCCC1", [nabh4, thf])["gas-evolution"]
    assert "NaBH4" in ketone and "NaBH(OAc)3" not in ketone and "NaHCO3" not in ketone
    aldehyde = alerts(substrate, "reductive-amination", "O=Cc1ccccc1", [stab, thf])["gas-evolution"]
    assert "NaBH(OAc)3" in aldehyde


@pytest.mark.parametrize(("reagent", "dmap"), [("O=C(Cl)c1ccccc1", True), ("O=S(=O)(Cl)c1ccccc1", True), ("O=Cc1ccccc1", False)])
@pytest.mark.parametrize(("substrate", "hindered"), [("CC(C)(C)OC(=O)N1CCCNC(C)C1", True), ("CC(C)(C)OC(=O)N1CCCNCC1", False),
                                                     ("CN1CCCNCC1", False)])
def test_a_hindered_nh_adapts_the_plan_not_only_the_warning(reagent, dmap, substrate, hindered, tmp_path):
    """1-Boc-3-methyl: the one free N4 sits next to C3. Apply charges 1.3 equiv (the alert's 1.2–1.5) and, for an
    acyl or sulfonyl chloride, DMAP 0.1 equiv with a step that adds it; a step before the work-up says to warm
    if SM remains. An unhindered N–H keeps the template's 1.1 (1.2 for the aldehyde) and no DMAP."""
    from dzp_planner import cli
    from dzp_planner.cli.plans.show import show
    from dzp_planner.core.io import storage

    out = tmp_path / "h.dzp"
    assert cli.run(["plan", str(out), "--smiles", substrate, "--reagent", reagent]) == 0
    shown = show(storage.load_plan(out))
    rows = {c["name"]: c for c in shown["components"]}
    equiv = next(c["equiv"] for c in shown["components"] if c["slot"] == "electrophile")
    text = shown["procedure"]
    waits = [i for i, step in enumerate(text) if step.startswith("Before working up")]
    if not hindered:
        assert equiv in (1.1, 1.2) and "DMAP" not in rows and not waits
        return
    assert equiv == pytest.approx(1.3)
    assert ("DMAP" in rows) == dmap and any(step.startswith("Add DMAP (12.2 mg") for step in text) == dmap  # 0.1 mmol × 122.17
    assert len(waits) == 1 and "40 °C" in text[waits[0]] and text[waits[0] + 1].startswith("Quench")
