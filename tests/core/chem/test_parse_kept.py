"""A SMILES is parsed once and each caller gets its own molecule (the parse is kept for the next one)."""

from __future__ import annotations

import pytest
from rdkit import Chem
from rdkit.Chem import AllChem

from dzp_planner.core.chem.parsing import StructureError, parse_smiles


@pytest.mark.parametrize("smiles", ["C1CNCCNC1", "CC(C)(C)OC(=O)N1CCCNCC1", "CC1CNCCCN1", "Cl.Cl.C1CNCCNC1",
                                    "OC(=O)/C=C/C(=O)O.C1CNCCNC1", "NCCN1CCCNCC1", "Clc1ccc(N2CCCNCC2)cc1"])
def test_what_one_caller_does_to_its_molecule_the_next_does_not_see(smiles):
    first = parse_smiles(smiles)
    first.SetProp("_Name", "scribbled")
    AllChem.Compute2DCoords(first)
    first.GetAtomWithIdx(0).SetAtomicNum(92)
    second = parse_smiles(smiles)
    assert second is not first
    assert not second.HasProp("_Name") and second.GetNumConformers() == 0
    # what RDKit makes of the text by itself, called separately
    assert Chem.MolToSmiles(second) == Chem.MolToSmiles(Chem.MolFromSmiles(smiles))


def test_a_bad_smiles_is_refused_every_time():
    for _ in range(2):
        with pytest.raises(StructureError, match="not a valid SMILES"):
            parse_smiles("C1CC(")
