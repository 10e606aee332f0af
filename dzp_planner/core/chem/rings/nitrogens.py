"""The class of a nitrogen from what it is bonded to: it decides whether and how the N reacts, in a ring of any
family or outside every ring."""

from __future__ import annotations

from typing import Any

KINDS = ("primary_amine", "secondary_amine", "tertiary_amine", "carbamate", "amide", "sulfonamide", "aryl_amine", "other")
AMINE_KINDS = ("primary_amine", "secondary_amine", "aryl_amine")  # an N–H of these can take an electrophile


def _double_to(atom: Any, symbols: tuple[str, ...]) -> bool:
    return any(b.GetBondTypeAsDouble() == 2 and b.GetOtherAtom(atom).GetSymbol() in symbols for b in atom.GetBonds())


def classify_nitrogen(mol: Any, idx: int) -> str:
    """Class of a nitrogen: what it is bonded to decides whether and how it reacts."""
    atom = mol.GetAtomWithIdx(idx)
    if atom.GetFormalCharge() != 0 or atom.GetIsAromatic():
        return "other"
    if any(b.GetBondTypeAsDouble() != 1 for b in atom.GetBonds()):
        return "other"  # imine, nitrile, azo
    heavy = [nb for nb in atom.GetNeighbors() if nb.GetAtomicNum() > 1]
    for nb in heavy:
        symbol = nb.GetSymbol()
        if symbol == "S" and sum(1 for b in nb.GetBonds() if b.GetBondTypeAsDouble() == 2 and b.GetOtherAtom(nb).GetSymbol() == "O") >= 2:
            return "sulfonamide"
        if symbol == "C" and _double_to(nb, ("O", "S")):
            single_o = any(b.GetBondTypeAsDouble() == 1 and b.GetOtherAtom(nb).GetSymbol() == "O" for b in nb.GetBonds())
            return "carbamate" if single_o else "amide"
    if any(nb.GetSymbol() != "C" for nb in heavy):
        return "other"  # hydrazine, hydroxylamine, N–Si, N–P
    if any(nb.GetIsAromatic() for nb in heavy):
        return "aryl_amine"
    if any(_double_to(nb, ("N", "C")) for nb in heavy):
        return "other"  # amidine, enamine
    hydrogens = atom.GetTotalNumHs(includeNeighbors=True)
    return {0: "tertiary_amine", 1: "secondary_amine", 2: "primary_amine"}.get(hydrogens, "other")
