"""Masses and 1,4-diazepane site analysis against values derived by hand.

Monoisotopic masses: C 12.000000, H 1.0078250319, N 14.0030740052, O 15.9949146221.
Average weights (IUPAC conventional): C 12.011, H 1.008, N 14.007, O 15.999.
"""

from __future__ import annotations

import pytest

from dzp_planner.core.chem import analyze
from dzp_planner.core.chem.parsing import StructureError, parse_any, parse_smiles

MONO = {"C": 12.0, "H": 1.0078250319, "N": 14.0030740052, "O": 15.9949146221}
AVG = {"C": 12.011, "H": 1.008, "N": 14.007, "O": 15.999}
PROTON = 1.007276


def mono(c=0, h=0, n=0, o=0) -> float:
    return c * MONO["C"] + h * MONO["H"] + n * MONO["N"] + o * MONO["O"]


def avg(c=0, h=0, n=0, o=0) -> float:
    return c * AVG["C"] + h * AVG["H"] + n * AVG["N"] + o * AVG["O"]


def test_parent_diazepane_masses_and_symmetry():
    r = analyze("C1CNCCNC1")
    assert r["formula"] == "C5H12N2"
    assert r["mw"] == pytest.approx(avg(c=5, h=12, n=2), abs=0.01)  # 100.165
    assert r["mw"] == pytest.approx(100.165, abs=0.002)
    assert r["exact_mass"] == pytest.approx(mono(c=5, h=12, n=2), abs=1e-4)
    assert r["mh_plus"] == pytest.approx(mono(c=5, h=12, n=2) + PROTON, abs=1e-4)  # 101.1073
    d = r["diazepane"]
    assert d["found"] and d["n1_n4_equivalent"] is True
    assert [(s["label"], s["kind"], s["free_nh"]) for s in d["sites"]] == [
        ("N1", "secondary_amine", True), ("N4", "secondary_amine", True)]
    assert d["ring_substituents"] == [] and not d["oxidized_form"]


def test_boc2o_average_mw():
    # C10H18O5
    assert analyze("CC(C)(C)OC(=O)OC(=O)OC(C)(C)C")["mw"] == pytest.approx(avg(c=10, h=18, o=5), abs=0.01)
    assert avg(c=10, h=18, o=5) == pytest.approx(218.25, abs=0.01)


def _sites(smiles):
    d = analyze(smiles)["diazepane"]
    return {s["label"]: (s["kind"], s["free_nh"]) for s in d["sites"]}, d


def test_mono_boc_labels_the_carbamate_n1():
    r = analyze("CC(C)(C)OC(=O)N1CCCNCC1")
    assert r["formula"] == "C10H20N2O2"
    assert r["mh_plus"] == pytest.approx(mono(c=10, h=20, n=2, o=2) + PROTON, abs=1e-4)  # 201.1598
    sites, d = _sites("CC(C)(C)OC(=O)N1CCCNCC1")
    assert sites == {"N1": ("carbamate", False), "N4": ("secondary_amine", True)}
    assert d["n1_n4_equivalent"] is False
    # N1 is the atom bonded to the carbonyl carbon (atom 5 in this SMILES)
    assert d["n1"] == 7


def test_di_boc_is_symmetric_with_no_free_nh():
    sites, d = _sites("CC(C)(C)OC(=O)N1CCCN(C(=O)OC(C)(C)C)CC1")
    assert sites == {"N1": ("carbamate", False), "N4": ("carbamate", False)}
    assert d["n1_n4_equivalent"] is True
    assert any("No free N–H" in w for w in d["warnings"])


@pytest.mark.parametrize(
    "smiles, n1_kind, substituents",
    [
        ("CN1CCCNCC1", "tertiary_amine", []),  # 1-methyl
        ("C1CN(Cc2ccccc2)CCNC1", "tertiary_amine", []),  # 1-benzyl
        ("CC(=O)N1CCCNCC1", "amide", []),  # 1-acetyl
        ("CS(=O)(=O)N1CCCNCC1", "sulfonamide", []),  # 1-mesyl
        ("C1CN(c2ccccc2)CCNC1", "aryl_amine", []),  # 1-phenyl
    ],
)
def test_n1_substituted_scaffolds_are_unsymmetric(smiles, n1_kind, substituents):
    sites, d = _sites(smiles)
    assert sites["N1"] == (n1_kind, False)
    assert sites["N4"] == ("secondary_amine", True)
    assert d["n1_n4_equivalent"] is False
    assert d["ring_substituents"] == substituents


def test_two_methyl_numbering_puts_the_methyl_on_c2():
    sites, d = _sites("CC1CNCCCN1")
    assert d["ring_substituents"] == [2]
    assert d["n1_n4_equivalent"] is False
    # N1 is the nitrogen next to the methyl-bearing carbon (atom 1): atom 7 here
    assert d["n1"] == 7 and d["n4"] == 3
    assert sites == {"N1": ("secondary_amine", True), "N4": ("secondary_amine", True)}


def test_guides_compound_has_no_free_nh():
    r = analyze("CN1CCCN(C)CC1C#N")  # 1,4-dimethyl-1,4-diazepane-2-carbonitrile, C8H15N3
    assert r["formula"] == "C8H15N3"
    sites, d = _sites("CN1CCCN(C)CC1C#N")
    assert sites == {"N1": ("tertiary_amine", False), "N4": ("tertiary_amine", False)}
    assert d["ring_substituents"] == [2]  # the nitrile carbon is C2, next to N1
    assert any("No free N–H" in w for w in d["warnings"])


@pytest.mark.parametrize(
    "smiles, fragment",
    [("C1CNCCN1", "six-membered"), ("C1CNCNCC1", "1,3-diazepane"), ("CCCC", "no saturated")],
)
def test_look_alikes_are_not_diazepanes(smiles, fragment):
    d = analyze(smiles)["diazepane"]
    assert d["found"] is False and d["n1"] is None and d["sites"] == []
    assert any(fragment in w for w in d["warnings"])


@pytest.mark.parametrize("smiles", ["C1=CN=CC=NC1", "C1CN=CC=NC1", "C1CNC=CNC1", "C1CN=CCNC1"])
def test_oxidised_forms_are_recognised(smiles):
    d = analyze(smiles)["diazepane"]
    assert d["oxidized_form"] is True and d["found"] is False
    assert any("oxidised form" in w for w in d["warnings"])


def test_lactam_nh_is_an_amide_not_a_reactive_amine():
    sites, d = _sites("O=C1CNCCCN1")  # 1,4-diazepan-2-one
    assert sites["N1"] == ("amide", True)
    assert sites["N4"] == ("secondary_amine", True)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("C(C)(C)(C)(C)C", "valence error on atom 1 (C)"),
        ("C1CC(", "syntax error"),
        ("", "empty"),
        ("C" * 6000, "characters long"),
        ("CC\x00C", "control characters"),
    ],
)
def test_bad_structures_give_one_line_reasons(text, fragment):
    with pytest.raises(StructureError) as err:
        parse_smiles(text)
    assert fragment in str(err.value) and "\n" not in str(err.value)


def test_valence_error_names_the_atom_index():
    with pytest.raises(StructureError) as err:
        parse_smiles("CC(C)(C)(C)(C)C")
    assert err.value.atoms == (1,)


def test_parse_any_accepts_a_molblock():
    from rdkit import Chem

    block = Chem.MolToMolBlock(Chem.MolFromSmiles("C1CNCCNC1"))
    assert Chem.MolToSmiles(parse_any(block)) == Chem.CanonSmiles("C1CNCCNC1")


def test_carbamate_nitrogen_is_n1_when_locants_tie():
    # tert-butyl 4-benzyl-1,4-diazepane-1-carboxylate: the carboxylate is the principal group
    sites, d = _sites("CC(C)(C)OC(=O)N1CCCN(Cc2ccccc2)CC1")
    assert sites["N1"] == ("carbamate", False) and sites["N4"] == ("tertiary_amine", False)
    # 1-(4-methyl-1,4-diazepan-1-yl)ethan-1-one: the acyl nitrogen is N1
    sites, _ = _sites("CN1CCCN(C(C)=O)CC1")
    assert sites["N1"] == ("amide", False)
