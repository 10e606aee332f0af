"""Products for each reaction type, with [M+H]+ derived by hand from monoisotopic masses."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from rdkit import Chem
from tests.cli_in_process import run_in_process

from dzp_planner.core.errors import UserInputError
from dzp_planner.core.reactions.products import enumerate_products, mass_table

M = {"C": 12.0, "H": 1.0078250319, "N": 14.0030740052, "O": 15.9949146221, "S": 31.97207069}
P = 1.007276


def mh(c=0, h=0, n=0, o=0, s=0) -> float:
    return c * M["C"] + h * M["H"] + n * M["N"] + o * M["O"] + s * M["S"] + P


DIAZEPANE = "C1CNCCNC1"


@pytest.mark.parametrize(
    "reaction, reagent, mono_smiles, mono_mh, bis_smiles, bis_mh",
    [
        ("alkylation", "BrCc1ccccc1", "C1CNCCN(C1)Cc1ccccc1", mh(12, 18, 2), "C1CN(Cc2ccccc2)CCN(C1)Cc1ccccc1", mh(19, 24, 2)),
        ("reductive-amination", "O=Cc1ccccc1", "C1CNCCN(C1)Cc1ccccc1", mh(12, 18, 2), "C1CN(Cc2ccccc2)CCN(C1)Cc1ccccc1", mh(19, 24, 2)),
        ("acylation", "CC(=O)Cl", "CC(=O)N1CCCNCC1", mh(7, 14, 2, 1), "CC(=O)N1CCCN(C(C)=O)CC1", mh(9, 16, 2, 2)),
        ("boc-protection", "CC(C)(C)OC(=O)OC(=O)OC(C)(C)C", "CC(C)(C)OC(=O)N1CCCNCC1", mh(10, 20, 2, 2),
         "CC(C)(C)OC(=O)N1CCCN(C(=O)OC(C)(C)C)CC1", mh(15, 28, 2, 4)),
        ("sulfonylation", "CS(=O)(=O)Cl", "CS(=O)(=O)N1CCCNCC1", mh(6, 14, 2, 2, 1), "CS(=O)(=O)N1CCCN(S(C)(=O)=O)CC1", mh(7, 16, 2, 4, 2)),
        ("buchwald-hartwig", "Brc1ccccc1", "C1CNCCN(C1)c1ccccc1", mh(11, 16, 2), "C1CN(c2ccccc2)CCN(C1)c1ccccc1", mh(17, 20, 2)),
    ],
)
def test_each_reaction_type_on_the_parent(reaction, reagent, mono_smiles, mono_mh, bis_smiles, bis_mh):
    table = {r.species: r for r in mass_table(DIAZEPANE, reaction, reagent)}
    assert table["mono"].smiles == Chem.CanonSmiles(mono_smiles)
    assert table["mono"].mh_plus == pytest.approx(mono_mh, abs=2e-4)
    assert table["bis"].smiles == Chem.CanonSmiles(bis_smiles)
    assert table["bis"].mh_plus == pytest.approx(bis_mh, abs=2e-4)


def test_guide_values_for_benzylation():
    assert mh(12, 18, 2) == pytest.approx(191.1543, abs=1e-4)
    assert mh(19, 24, 2) == pytest.approx(281.2012, abs=1e-4)


def test_iminium_and_quaternary_salt_masses():
    red = {r.species: r for r in mass_table(DIAZEPANE, "reductive-amination", "O=Cc1ccccc1")}
    iminium = red["iminium (N1)"]
    # C12H17N2+ : the cation's mass, minus an electron, no proton added
    electron = 0.000548579909
    assert iminium.observed_mz == pytest.approx(12 * M["C"] + 17 * M["H"] + 2 * M["N"] - electron, abs=2e-4)
    assert iminium.observed_mz == pytest.approx(189.1386, abs=1e-4)
    assert "iminium ion, not a neutral imine" in iminium.note
    alk = {r.species: r for r in mass_table(DIAZEPANE, "alkylation", "BrCc1ccccc1")}
    quat = next(r for k, r in alk.items() if k.startswith("quaternary"))
    assert quat.observed_mz == pytest.approx(alk["bis"].observed_mz, abs=1e-3)
    assert "cannot tell them apart" in quat.note and "cannot tell them apart" in alk["bis"].note


def test_unsymmetric_substrate_gives_one_mono_per_site():
    found = enumerate_products("CC1CNCCCN1", "acylation", "CC(=O)Cl")
    assert sorted(p.sites for p in found["mono"]) == [("N1",), ("N4",)]
    assert len({p.smiles for p in found["mono"]}) == 2
    assert len(found["bis"]) == 1


def test_mono_boc_reacts_only_at_n4_and_has_no_bis():
    found = enumerate_products("CC(C)(C)OC(=O)N1CCCNCC1", "alkylation", "BrCc1ccccc1")
    assert [p.sites for p in found["mono"]] == [("N4",)] and found["bis"] == []


def test_no_free_nh_gives_no_products():
    found = enumerate_products("CN1CCCN(C)CC1C#N", "alkylation", "BrCc1ccccc1")
    assert found["mono"] == [] and found["bis"] == []


def test_wrong_reagent_for_the_reaction():
    with pytest.raises(UserInputError, match="alkyl halide"):
        enumerate_products(DIAZEPANE, "alkylation", "CCO")


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "dzp_planner", *args], capture_output=True, text=True, timeout=120)


def test_cli_analyze_and_products_follow_the_contract():
    out = _cli("analyze", "CC(C)(C)OC(=O)N1CCCNCC1")
    assert out.returncode == 0 and out.stderr == ""
    data = json.loads(out.stdout)
    assert set(data) >= {"canonical_smiles", "formula", "mw", "exact_mass", "mh_plus", "diazepane"}
    assert set(data["diazepane"]) >= {"found", "ring_atoms", "n1", "n4", "n1_n4_equivalent", "sites", "oxidized_form"}
    out = _cli("products", DIAZEPANE, "--reaction", "reductive-amination", "--reagent", "O=Cc1ccccc1")
    data = json.loads(out.stdout)
    assert [round(m["mh_plus"], 4) for m in data["mono"]] == [191.1543]
    assert [round(b["mh_plus"], 4) for b in data["bis"]] == [281.2012]


@pytest.mark.parametrize("args", [("analyze", "C1CC("), ("analyze", "C(C)(C)(C)(C)C"),
                                  ("products", "C1CNCCNC1", "--reaction", "alkylation", "--reagent", "CCO"),
                                  ("products", "C1CNCCNC1", "--reaction", "photoredox", "--reagent", "C")])
def test_cli_bad_input_is_one_line_exit_2(args):
    out = run_in_process(list(args), text=True)  # in this process: the contract test above is the end-to-end one
    assert out.returncode == 2 and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr
