"""The substrates every feature is tried on (a chemist's molecules, not only the template),
as free-base SMILES and salt form, and the MW of what is weighed, from RDKit called here."""

from __future__ import annotations

from rdkit import Chem
from rdkit.Chem import Descriptors

SUBSTRATES = {
    "parent": ("C1CNCCNC1", ""),
    "1-Boc": ("CC(C)(C)OC(=O)N1CCCNCC1", ""),
    "1-methyl": ("CN1CCCNCC1", ""),
    "2-methyl": ("CC1CNCCCN1", ""),
    "1-phenyl": ("c1ccc(cc1)N1CCCNCC1", ""),
    "2HCl salt": ("C1CNCCNC1", "2HCl"),
    "side-chain amine": ("NCCN1CCCNCC1", ""),
}


def mw(smiles: str) -> float:
    mol = Chem.MolFromSmiles(smiles)
    assert mol is not None
    return Descriptors.MolWt(mol)


def weighed_mw(smiles: str, salt: str) -> float:
    """The free base's MW, plus two HCl for the dihydrochloride (the only salt in SUBSTRATES)."""
    assert salt in ("", "2HCl")
    return mw(smiles) + (2 * mw("Cl") if salt else 0.0)
