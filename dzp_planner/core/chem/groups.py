"""Names of the groups on a ring atom ("Boc", "benzyl", "tosyl"), from a table of the common ones.

Why its own module: the ring numbering (`sites`) needs a prefix name for each group on a ring
nitrogen to break the last tie (alphabetical order, IUPAC P-31.1.4.3.4), and the substrate's name
(`naming`) needs the same names; both import this, and neither imports the other's caller.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# attachment SMILES (the group with a dummy atom where it is bonded) -> prefix name
_GROUPS: dict[str, str] = {
    "*C": "methyl", "*CC": "ethyl", "*CCC": "propyl", "*C(C)C": "isopropyl", "*CCCC": "butyl",
    "*CC(C)C": "isobutyl", "*C(C)(C)C": "tert-butyl", "*C1CC1": "cyclopropyl", "*CC1CC1": "cyclopropylmethyl",
    "*CC=C": "allyl", "*CC#C": "propargyl", "*CCO": "2-hydroxyethyl", "*CCN": "2-aminoethyl", "*CCCN": "3-aminopropyl",
    "*CCOC": "2-methoxyethyl", "*CCOCC": "2-ethoxyethyl", "*CC(F)(F)F": "2,2,2-trifluoroethyl",
    "*Cc1ccccc1": "benzyl", "*Cc1ccc(OC)cc1": "4-methoxybenzyl", "*Cc1ccc(Cl)cc1": "4-chlorobenzyl",
    "*Cc1ccc(F)cc1": "4-fluorobenzyl", "*C(c1ccccc1)c1ccccc1": "benzhydryl",
    "*C(c1ccccc1)c1ccc(Cl)cc1": "(4-chlorophenyl)(phenyl)methyl",
    "*c1ccccc1": "phenyl", "*c1ccc(C)cc1": "4-methylphenyl", "*c1ccc(OC)cc1": "4-methoxyphenyl",
    "*c1ccc(Cl)cc1": "4-chlorophenyl", "*c1ccc(F)cc1": "4-fluorophenyl", "*c1ccc([N+](=O)[O-])cc1": "4-nitrophenyl",
    "*c1ccccn1": "pyridin-2-yl", "*c1cccnc1": "pyridin-3-yl", "*c1ccncc1": "pyridin-4-yl",
    "*c1ncccn1": "pyrimidin-2-yl", "*c1nc2ccccc2o1": "1,3-benzoxazol-2-yl", "*c1nc2ccccc2s1": "1,3-benzothiazol-2-yl",
    "*c1nc2ccccc2[nH]1": "1H-benzimidazol-2-yl", "*c1nc2ccccc2n1CCOCC": "1-(2-ethoxyethyl)-1H-benzimidazol-2-yl",
    "*C(=O)OC(C)(C)C": "Boc", "*C(=O)OCc1ccccc1": "Cbz", "*C(=O)OCC1c2ccccc2-c2ccccc21": "Fmoc",
    "*C(=O)OC": "methoxycarbonyl", "*C(=O)OCC": "ethoxycarbonyl",
    "*C(C)=O": "acetyl", "*C=O": "formyl", "*C(=O)c1ccccc1": "benzoyl", "*C(=O)C(F)(F)F": "trifluoroacetyl",
    "*C(=O)CC": "propanoyl",
    "*S(C)(=O)=O": "mesyl", "*S(=O)(=O)c1ccc(C)cc1": "tosyl", "*S(=O)(=O)c1ccccc1": "benzenesulfonyl",
    "*S(=O)(=O)c1cccc2cnccc12": "isoquinolin-5-ylsulfonyl",
    "*S(=O)(=O)c1cccc2cncc(F)c12": "(4-fluoroisoquinolin-5-yl)sulfonyl",
}
# groups on a ring carbon that name the compound as a suffix rather than a prefix
SUFFIXES: dict[str, str] = {"*C(=O)O": "carboxylic acid", "*C#N": "carbonitrile"}


@cache
def canonical_groups() -> dict[str, str]:
    from rdkit import Chem

    out = {}
    for table in (_GROUPS, SUFFIXES):
        for smiles, name in table.items():
            out[Chem.MolToSmiles(Chem.MolFromSmiles(smiles))] = name
    return out


def group_smiles(mol: Any, ring_atom: int, first: int, ring: set[int]) -> str | None:
    """Canonical SMILES of the group hanging off `ring_atom` through `first`, with * for the ring atom;
    None when the group leads back into the ring (a fused or bridged system)."""
    from rdkit import Chem

    seen, stack = {first}, [first]
    while stack:
        current = stack.pop()
        for nb in mol.GetAtomWithIdx(current).GetNeighbors():
            idx = nb.GetIdx()
            if idx == ring_atom:
                continue
            if idx in ring:
                return None
            if idx not in seen:
                seen.add(idx)
                stack.append(idx)
    if len(seen) > 60:
        return None
    editable = Chem.RWMol(mol)
    editable.GetAtomWithIdx(ring_atom).SetAtomicNum(0)
    editable.GetAtomWithIdx(ring_atom).SetFormalCharge(0)
    editable.GetAtomWithIdx(ring_atom).SetNoImplicit(True)
    editable.GetAtomWithIdx(ring_atom).SetNumExplicitHs(0)
    atoms = sorted(seen | {ring_atom})
    try:
        smiles = Chem.MolFragmentToSmiles(editable, atomsToUse=atoms, canonical=True)
    except Exception:  # noqa: BLE001 - an odd fragment simply has no name
        return None
    return smiles


def _group_name(mol: Any, ring_atom: int, first: int, ring: set[int]) -> str | None:
    smiles = group_smiles(mol, ring_atom, first, ring)
    if smiles is None:
        return None
    return canonical_groups().get(smiles)


def _generic_name(mol: Any, first: int) -> str:
    """A class word for a group the table does not know (good enough to order prefixes)."""
    atom = mol.GetAtomWithIdx(first)
    if atom.GetIsAromatic():
        return "heteroaryl" if any(a.GetSymbol() != "C" for a in atom.GetNeighbors()) or atom.GetSymbol() != "C" else "aryl"
    if atom.GetSymbol() == "S":
        return "sulfonyl"
    if atom.GetSymbol() == "C" and any(b.GetBondTypeAsDouble() == 2 and b.GetOtherAtom(atom).GetSymbol() == "O" for b in atom.GetBonds()):
        return "acyl"
    return "alkyl"


def n_substituent_name(mol: Any, n_idx: int, ring: set[int]) -> str:
    """The alphabetising key of the group on a ring nitrogen ("" for N–H): letters only, lower case."""
    outside = [nb.GetIdx() for nb in mol.GetAtomWithIdx(n_idx).GetNeighbors() if nb.GetIdx() not in ring and nb.GetAtomicNum() > 1]
    if not outside:
        return ""
    name = _group_name(mol, n_idx, outside[0], ring) or _generic_name(mol, outside[0])
    key = name.lower().removeprefix("tert-")
    return re.sub(r"[^a-z]", "", key)
