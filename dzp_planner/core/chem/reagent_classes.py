"""What kind of electrophile a reagent is, where a decision depends on it.

An electron-poor heteroaryl halide (2-chloropyrimidine, 2-chlorobenzoxazole,
4-chloroquinazoline) or a nitro-activated aryl fluoride or chloride couples with a secondary
amine by SNAr without palladium (bunazosin, emedastine and suvorexant's diazepane–benzoxazole
bond are made this way); a plain aryl bromide needs Buchwald–Hartwig.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

_ARYL_HALIDE = "[F,Cl,Br,I]c"
_NITRO_ACTIVATED = ("[F,Cl]c1ccc([N+](=O)[O-])cc1", "[F,Cl]c1c([N+](=O)[O-])cccc1")


@cache
def _pattern(smarts: str) -> Any:
    from rdkit import Chem

    return Chem.MolFromSmarts(smarts)


@lru_cache(maxsize=256)
def activated_aryl_halide(smiles: str) -> str | None:
    """None: not an aryl halide (or unreadable); "": an aryl halide that needs palladium;
    otherwise the reason it is SNAr-activated."""
    from dzp_planner.core.chem.parsing import StructureError, parse_smiles

    try:
        mol = parse_smiles(smiles)
    except StructureError:
        return None
    matches = mol.GetSubstructMatches(_pattern(_ARYL_HALIDE))
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
    if any(mol.HasSubstructMatch(_pattern(p)) for p in _NITRO_ACTIVATED):
        return "a nitro group ortho or para to the halogen: SNAr works without palladium"
    return ""


def _fused_to_diazine(mol: Any, carbon: int, rings: tuple[tuple[int, ...], ...]) -> bool:
    return any(carbon in ring and sum(1 for i in ring if mol.GetAtomWithIdx(i).GetSymbol() == "N") >= 2 for ring in rings)
