"""Whether an aryl halide is activated for SNAr, and why.

An electron-poor heteroaryl halide (2-chloropyrimidine, 2-chlorobenzoxazole,
4-chloroquinazoline) or a nitro-activated aryl fluoride or chloride couples with a secondary
amine by SNAr without palladium (bunazosin, emedastine and suvorexant's diazepane–benzoxazole
bond are made this way); a plain aryl bromide needs Buchwald–Hartwig.
"""

from __future__ import annotations

from functools import lru_cache

from dzp_planner.core.chem.rdtypes import Mol
from dzp_planner.core.reactions.engine import pattern

ARYL_HALIDE = "[F,Cl,Br,I]c"
_NITRO_ACTIVATED = ("[F,Cl]c1ccc([N+](=O)[O-])cc1", "[F,Cl]c1c([N+](=O)[O-])cccc1")


def activation_reason(mol: Mol) -> str | None:
    """None: not an aryl halide; "": an aryl halide that needs palladium; otherwise why it is SNAr-activated."""
    matches = mol.GetSubstructMatches(pattern(ARYL_HALIDE))
    if not matches:
        return None
    rings = mol.GetRingInfo().AtomRings()
    for _halogen, carbon in matches:
        atom = mol.GetAtomWithIdx(carbon)
        next_to_n = any(nb.GetSymbol() == "N" and nb.GetIsAromatic() for nb in atom.GetNeighbors())
        for ring in rings:
            if carbon not in ring or not all(mol.GetAtomWithIdx(i).GetIsAromatic() for i in ring):
                continue
            hetero = sum(1 for i in ring if mol.GetAtomWithIdx(i).GetSymbol() in ("N", "O", "S"))
            if next_to_n and hetero >= 2:
                return ("the halogen sits on a carbon next to ring nitrogen in a ring with a second heteroatom "
                        "(2-chloropyrimidine, 2-chlorobenzoxazole, 4-chloroquinazoline type): SNAr works without palladium")
        if next_to_n and _fused_to_diazine(mol, carbon, rings):
            return "a 4-haloquinazoline-type carbon: SNAr works without palladium"
    if any(mol.HasSubstructMatch(pattern(p)) for p in _NITRO_ACTIVATED):
        return "a nitro group ortho or para to the halogen: SNAr works without palladium"
    return ""


def _fused_to_diazine(mol: Mol, carbon: int, rings: tuple[tuple[int, ...], ...]) -> bool:
    return any(carbon in ring and sum(1 for i in ring if mol.GetAtomWithIdx(i).GetSymbol() == "N") >= 2 for ring in rings)


@lru_cache(maxsize=256)
def activated_aryl_halide(smiles: str) -> str | None:
    """`activation_reason` of a SMILES (None too when it cannot be read)."""
    from dzp_planner.core.chem.parsing import StructureError, parse_smiles

    try:
        return activation_reason(parse_smiles(smiles))
    except StructureError:
        return None


def is_activated(mol: Mol) -> bool:
    return bool(activation_reason(mol))
