"""Every reactive nitrogen of the real molecule (issue 15), against RDKit called separately and hand values."""

from __future__ import annotations

import json
import time

import pytest
from rdkit import Chem
from rdkit.Chem import Descriptors
from tests.cli_in_process import run_in_process

from dzp_planner.core.chem import analyze
from dzp_planner.core.chem.site_model import site_model_for
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.guidance import decisions
from dzp_planner.core.reactions.products import enumerate_products, mass_table

PROTON = 1.007276
BOC2O = "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C"


def kinds(smiles: str) -> dict[str, tuple[str, bool]]:
    return {s["name"]: (s["kind"], s["free_nh"]) for s in analyze(smiles)["sites"]}


def test_benzo_fused_ring_is_a_diazepane_with_an_aniline_n1():
    info = analyze("c1ccc2c(c1)CNCCN2")  # 2,3,4,5-tetrahydro-1H-1,4-benzodiazepine
    ring = info["diazepane"]
    assert ring["found"] and not ring["oxidized_form"] and ring["fused"]
    assert kinds("c1ccc2c(c1)CNCCN2") == {"N1": ("aryl_amine", True), "N4": ("secondary_amine", True)}
    assert info["model"] == "one-site"  # N4 reacts; the aniline N1 does not compete
    facts = decisions.facts_from_smiles("c1ccc2c(c1)CNCCN2")
    assert facts["scaffold"].value == "free-nh" and facts["oxidized"].value == "no"
    mono = enumerate_products("c1ccc2c(c1)CNCCN2", "boc-protection", BOC2O)["mono"]
    assert [p.sites for p in mono] == [("N4",)]
    assert Chem.MolFromSmiles(mono[0].smiles).HasSubstructMatch(Chem.MolFromSmarts("c[NH]CCN(C(=O)OC(C)(C)C)C"))


def test_a_ring_c_n_is_still_the_oxidised_form():
    nordazepam = "O=C1CN=C(c2ccccc2)c2cc(Cl)ccc2N1"
    assert analyze(nordazepam)["diazepane"]["oxidized_form"] is True


def test_the_side_chain_primary_amine_reacts_first():
    smiles = "NCCN1CCCNCC1"  # 1-(2-aminoethyl)-1,4-diazepane
    info = analyze(smiles)
    assert info["model"] == "two-different-sites"
    found = enumerate_products(smiles, "boc-protection", BOC2O)
    assert found["mono"][0].sites == ("side-chain NH2",)
    assert Chem.CanonSmiles(found["mono"][0].smiles) == Chem.CanonSmiles("CC(C)(C)OC(=O)NCCN1CCCNCC1")
    assert len(found["bis"]) == 1
    assert any("reacts first" in w and "protect it" in w for w in info["diazepane"]["warnings"])
    facts = decisions.facts_from_smiles(smiles)
    assert facts["free_nh_count"].value == "two"  # not "one N–H, no bis"


def test_every_diazepane_ring_is_analysed():
    smiles = "C(CN1CCCNCC1)CN1CCCNCC1"  # 1,3-bis(1,4-diazepan-1-yl)propane
    info = analyze(smiles)
    assert len(info["diazepane_rings"]) == 2 and info["model"] == "two-equivalent-sites"
    found = enumerate_products(smiles, "alkylation", "BrCc1ccccc1")
    assert len(found["mono"]) == 1 and len(found["bis"]) == 1
    bis = Chem.MolFromSmiles(found["bis"][0].smiles)
    assert len(bis.GetSubstructMatches(Chem.MolFromSmarts("N(Cc1ccccc1)"))) == 2


@pytest.mark.parametrize("salt", ["C1C[NH2+]CC[NH2+]C1.[Cl-].[Cl-]", "C1CNCCNC1.Cl.Cl"])
def test_salts_are_analysed_as_the_free_base(salt):
    info = analyze(salt)
    assert info["parent_smiles"] == "C1CNCCNC1" and info["salt"] == "2HCl"
    # free base C5H12N2: 5 × 12 + 12 × 1.0078250319 + 2 × 14.0030740052 + 1.007276 = 101.1073
    assert info["mh_plus"] == pytest.approx(101.1073, abs=1e-4)
    assert [s["free_nh"] and s["kind"] == "secondary_amine" for s in info["sites"]] == [True, True]
    assert info["mw"] == pytest.approx(Descriptors.MolWt(Chem.MolFromSmiles("C1CNCCNC1.Cl.Cl")), abs=0.01)  # 173.08 weighed
    table = {r.species: r for r in mass_table(salt, "reductive-amination", "O=Cc1ccccc1")}
    assert table["SM"].formula == "C5H12N2" and table["SM"].mh_plus == pytest.approx(101.1073, abs=1e-4)
    assert table["mono"].mh_plus == pytest.approx(191.1543, abs=1e-4)


def test_quaternary_salt_of_the_starting_material_is_an_isobar_of_the_mono():
    table = {r.species: r for r in mass_table("CN1CCCNCC1", "alkylation", "BrCc1ccccc1")}
    quat = next(r for k, r in table.items() if k.startswith("quaternary of SM"))
    # C13H21N2+ : 13 × 12 + 21 × 1.0078250319 + 2 × 14.0030740052 − e⁻ = 205.1699, the mono's [M+H]+
    electron = 0.000548579909
    assert quat.observed_mz == pytest.approx(13 * 12 + 21 * 1.0078250319 + 2 * 14.0030740052 - electron, abs=2e-4)
    assert quat.observed_mz == pytest.approx(table["mono"].mh_plus, abs=1e-3)
    assert "isobar" in quat.note and "isobar" in table["mono"].note


def test_a_bridgehead_amine_is_flagged():
    info = analyze("N12CCNC(CC1)CC2")  # 1,4-diazabicyclo[3.2.2]nonane
    assert info["diazepane"]["found"]
    assert any("bridgehead" in w and "quinuclidine" in w for w in info["diazepane"]["warnings"])


@pytest.mark.parametrize("smiles, site", [
    ("CN1CCCNCC1", "N4"), ("CC(C)(C)OC(=O)N1CCCNCC1", "N4"),
    ("O=S(=O)(c1cccc2cnccc12)N1CCCNCC1", "N4"),  # fasudil
    ("C[C@H]1CNCCCN1S(=O)(=O)c1cccc2cncc(F)c12", "N4"),  # ripasudil
])
def test_the_mono_site_names_the_nitrogen_that_reacts(smiles, site):
    out = run_in_process(["products", smiles, "--reaction", "alkylation", "--reagent", "BrCc1ccccc1"], text=True)
    assert out.returncode == 0, out.stderr
    assert [m["site"] for m in json.loads(out.stdout)["mono"]] == [site]


@pytest.mark.parametrize("smiles, words", [
    ("C1CNNCCC1", "a 1,2-diazepane"),
    ("C1CNCNCC1", "a 1,3-diazepane"),
    ("Cc1ccc(cc1)Cc1nn(C2CCCN(C)CC2)c(=O)c2ccccc12", "an azepane"),  # azelastine-like: azepane + phthalazinone
])
def test_look_alikes_are_named_for_what_they_are(smiles, words):
    warning = " ".join(analyze(smiles)["diazepane"]["warnings"])
    assert words in warning and "piperazine" not in warning


def test_clobazam_is_a_benzo_fused_bis_lactam_not_a_dehydrogenation_product():
    info = analyze("CN1C(=O)CC(=O)N(c2ccccc2)c2cc(Cl)ccc21")
    ring = info["diazepane"]
    assert ring["found"] and not ring["oxidized_form"]
    assert {s["kind"] for s in ring["sites"]} == {"amide"}
    assert not any("dehydrogenation" in w for w in ring["warnings"])


def test_a_lactam_nh_is_not_an_amine_nh():
    info = analyze("CN1CCNC(=O)CC1")  # 1-methyl-1,4-diazepan-5-one: the only N–H is the lactam's
    warning = " ".join(info["diazepane"]["warnings"])
    assert "No free amine N–H" in warning and "DMAP" in warning and "NaH" in warning
    assert "do not apply" not in warning.split("lactam")[0]


@pytest.mark.parametrize("smiles, n1_neighbour", [
    ("CN1CCCN(CC1)C(c1ccccc1)c1ccc(Cl)cc1", "C"),  # homochlorcyclizine: N1 carries the (4-chlorophenyl)phenylmethyl
    ("CCOCCn1c(nc2ccccc21)N1CCCN(C)CC1", "c"),  # emedastine: N1 carries the benzimidazolyl
])
def test_numbering_breaks_a_locant_tie_alphabetically(smiles, n1_neighbour):
    mol = Chem.MolFromSmiles(smiles)
    ring = analyze(smiles)["diazepane"]
    n1 = mol.GetAtomWithIdx(ring["n1"])
    outside = [nb for nb in n1.GetNeighbors() if nb.GetIdx() not in ring["ring_atoms"]]
    assert len(outside) == 1 and outside[0].GetIsAromatic() == (n1_neighbour == "c")
    assert outside[0].GetDegree() >= 3  # not the methyl


def test_bis_carbamate_ions_are_sodium_and_boc_fragments():
    table = {r.species: r for r in mass_table("C1CNCCNC1", "boc-protection", BOC2O)}
    bis = table["bis"]
    exact = Descriptors.ExactMolWt(Chem.MolFromSmiles(bis.smiles))  # C15H28N2O4
    ions = dict(bis.ions)
    assert bis.m2h_plus is None and "[M+2H]2+" not in ions
    assert ions["[M+Na]+"] == pytest.approx(exact + 22.989218, abs=1e-4)
    assert ions["[M+H−C4H8]+"] == pytest.approx(exact + PROTON - 56.0626, abs=1e-3)
    assert ions["[M+H−Boc]+"] == pytest.approx(exact + PROTON - 100.0524, abs=1e-3)


@pytest.mark.parametrize("repeats, reason", [(45, "reactive N–H"), (400, "atoms; DZP Planner plans molecules up to")])
def test_hundreds_of_nh_are_refused_quickly(repeats, reason):
    smiles = "N1CCNCCC1" + "CNC" * repeats
    start = time.perf_counter()
    with pytest.raises(UserInputError, match=reason):
        mass_table(smiles, "alkylation", "BrCc1ccccc1")
    assert time.perf_counter() - start < 5  # generous: the bench measures it; this only guards a hang


def test_oxidation_tree_names_nitrosation_and_n_oxides_and_no_amidine():
    tree = decisions.load_tree("oxidation")
    recs = tree.recommendations
    assert {"nitrosation", "n-oxide"} <= set(recs)
    assert "sulfamic acid" in recs["nitrosation"].reasoning
    for node in tree.nodes.values():
        assert "amidine" not in node.question
    assert "amidine" not in recs["oxidized-ring"].title


def test_analyze_contract_keys():
    out = run_in_process(["analyze", "C1CNCCNC1.Cl.Cl"], text=True)
    data = json.loads(out.stdout)
    assert {"sites", "diazepane_rings", "parent_smiles", "salt", "diazepane"} <= set(data)
    assert data["salt"] == "2HCl" and data["parent_smiles"] == "C1CNCCNC1"
    assert all({"atom", "kind", "free_nh", "ring", "label"} <= set(s) for s in data["sites"])
    assert [s["ring"] for s in data["sites"]] == [0, 0]


def test_many_side_chain_amines_are_one_warning_that_counts_them():
    from dzp_planner.core.chem.site_model import site_model_for

    model = site_model_for("N1CCNCCC1" + "CNC" * 47)  # the ring and 47 side-chain secondary amines
    competing = [w for w in model.warnings if "compete with the ring N–H" in w]
    assert len(competing) == 1
    assert competing[0].startswith("47 secondary amines outside the ring (")
    assert "and 44 more" in competing[0]  # three named, 47 - 3 counted
    two = site_model_for("NCCCN(CCN)C1CNCCCN1")  # two primary amines: the first reacts first, the other competes
    assert sum("reacts first" in w for w in two.warnings) == 1
    assert sum("competes with the ring N–H" in w for w in two.warnings) == 1


def test_a_heteroaryl_amidine_like_nh2_does_not_react():
    """Bunazosin: the 4-aminoquinazoline NH2 is amidine-like (its lone pair is the ring's): not a reactive aniline;
    an NH2 on a plain benzene ring still is one (rank 1)."""
    bunazosin = site_model_for("COc1cc2nc(N3CCCN(C(=O)CCC)CC3)nc(N)c2cc1OC")
    assert bunazosin.reactive == () and bunazosin.model_kind == "none"
    aniline = site_model_for("Nc1ccc(N2CCCNCC2)cc1")
    assert any(s.kind == "aryl_amine" and s.reacts for s in aniline.sites)


def test_three_competing_amines_are_said_to_exceed_the_two_site_model():
    model = site_model_for("NC1CNCCNC1")  # 6-amino-1,4-diazepane
    assert len(model.competing) == 3
    assert any("3 reactive amines compete" in w for w in model.warnings)
    assert not any("reactive amines compete" in w for w in site_model_for("C1CNCCNC1").warnings)


# bridged bicycles (issue 24): each drawn here with its ring atoms named by hand from the IUPAC von Baeyer name
@pytest.mark.parametrize("smiles, ring_atoms, bridgeheads, model", [
    # 1,4-diazabicyclo[3.2.2]nonane: N1 (atom 0) and C5 (atom 4) are the bridgeheads, both 2-carbon bridges
    # close a 7-ring through N1..N4: one ring, not two; only N4 has an N–H
    ("N12CCNC(CC1)CC2", {0, 1, 2, 3, 4, 5, 6}, "N1 and C5", "one-site"),
    # 1,4-diazabicyclo[3.2.1]octane: its 7-ring is the envelope of the 5- and 6-ring (not in the smallest set)
    ("N12CCNC(C1)CC2", {0, 1, 2, 3, 4, 6, 7}, "N1 and C5", "one-site"),
    # 3,9-diazabicyclo[4.2.1]nonane: N9 is the one-atom bridge; the bridgeheads are carbons
    ("C1CC2CNCCC1N2", {2, 3, 4, 5, 6, 7, 8}, "C2 and C7", "two-different-sites"),
])
def test_a_bridged_bicycle_is_one_diazepane_with_its_bridgeheads(smiles, ring_atoms, bridgeheads, model):
    info = analyze(smiles)
    assert len(info["diazepane_rings"]) == 1
    ring = info["diazepane"]
    assert ring["found"] and ring["bridged"] and set(ring["ring_atoms"]) == ring_atoms
    assert any(f"bridgeheads {bridgeheads}" in w for w in ring["warnings"])
    assert info["model"] == model


@pytest.mark.parametrize("smiles", ["C1CNCCNC1", "c1ccc2c(c1)CNCCN2", "C1CC12CNCCNC2", "CN1CCCN(C)CC1"])
def test_fused_spiro_and_plain_rings_are_not_bridged(smiles):
    info = analyze(smiles)
    assert info["diazepane"]["found"] and not info["diazepane"]["bridged"]
    assert not any("bridged" in w for w in info["diazepane"]["warnings"])
