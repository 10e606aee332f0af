"""Names a chemist recognises: substituent prefixes and the name of a diazepane substrate.

Why not a full IUPAC namer: the app needs two things only. The numbering's last tie-break
(alphabetical order of the N-substituents, IUPAC P-31.1.4.3.4) needs a prefix name for each
group on a ring nitrogen, and the reaction table needs a name for the drawn substrate that is
never the previous molecule's ("1-Boc-1,4-diazepane", "2-methyl-1,4-diazepane"). Groups are
recognised from a table of the common ones; a molecule with a group outside the table is
named by its formula ("Substrate C12H17N3O"), which is honest where a guess would not be.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
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
_SUFFIXES: dict[str, str] = {"*C(=O)O": "carboxylic acid", "*C#N": "carbonitrile"}
_MULTIPLIERS = {2: "di", 3: "tri", 4: "tetra"}


@cache
def _canonical_groups() -> dict[str, str]:
    from rdkit import Chem

    out = {}
    for table in (_GROUPS, _SUFFIXES):
        for smiles, name in table.items():
            out[Chem.MolToSmiles(Chem.MolFromSmiles(smiles))] = name
    return out


def _group_smiles(mol: Any, ring_atom: int, first: int, ring: set[int]) -> str | None:
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
    smiles = _group_smiles(mol, ring_atom, first, ring)
    if smiles is None:
        return None
    return _canonical_groups().get(smiles)


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


def _prefix(names: list[tuple[int, str]]) -> str:
    """[(2, 'methyl'), (1, 'Boc')] -> '1-Boc-2-methyl'; equal names merged: '1,4-dimethyl'."""
    grouped: dict[str, list[int]] = {}
    for locant, name in names:
        grouped.setdefault(name, []).append(locant)
    parts = []
    for name, locants in sorted(grouped.items(), key=lambda item: min(item[1])):
        multiplier = _MULTIPLIERS.get(len(locants), "")
        shown = f"({name})" if "-" in name or "(" in name else name
        if multiplier and not name[0].isupper():
            parts.append(f"{','.join(map(str, sorted(locants)))}-{multiplier}{shown}")
        elif multiplier:
            parts.append(f"{','.join(map(str, sorted(locants)))}-{multiplier}-{shown}")
        else:
            parts.append(f"{locants[0]}-{shown}")
    return "-".join(parts)


def diazepane_name(mol: Any) -> str | None:
    """'1-Boc-1,4-diazepane', '2-methyl-1,4-diazepane', ... or None when the molecule is not one
    1,4-diazepane ring with groups from the table (fused rings, two rings, unknown groups)."""
    from dzp_planner.core.chem.sites import diazepane_rings

    rings = diazepane_rings(mol)
    if len(rings) != 1 or rings[0].fused:
        return None
    ring = rings[0]
    members = set(ring.ring_atoms)
    covered = set(members)
    prefixes: list[tuple[int, str]] = []
    suffix: tuple[int, str] | None = None
    for position, idx in enumerate(ring.ring_atoms, start=1):
        for nb in mol.GetAtomWithIdx(idx).GetNeighbors():
            if nb.GetIdx() in members or nb.GetAtomicNum() == 1:
                continue
            smiles = _group_smiles(mol, idx, nb.GetIdx(), members)
            name = _canonical_groups().get(smiles or "")
            if name is None:
                return None
            if name in _SUFFIXES.values() and suffix is None and mol.GetAtomWithIdx(idx).GetSymbol() == "C":
                suffix = (position, name)
            elif name in _SUFFIXES.values():
                return None
            else:
                prefixes.append((position, name))
            covered.update(_atoms_of_group(mol, idx, nb.GetIdx()))
    if len(covered) != mol.GetNumHeavyAtoms():
        return None  # another fragment or an unexplained part
    stem = "1,4-diazepane"
    if suffix is not None:
        stem = f"1,4-diazepane-{suffix[0]}-{suffix[1]}"
    prefix = _prefix(prefixes)
    return f"{prefix}-{stem}" if prefix else stem


def _atoms_of_group(mol: Any, ring_atom: int, first: int) -> set[int]:
    seen, stack = {first}, [first]
    while stack:
        for nb in mol.GetAtomWithIdx(stack.pop()).GetNeighbors():
            idx = nb.GetIdx()
            if idx != ring_atom and idx not in seen and nb.GetAtomicNum() > 1:
                seen.add(idx)
                stack.append(idx)
    return seen


def salt_row_name(name: str, salt: str) -> str:
    """The table's name for what is weighed: "1,4-Diazepane·2HCl" (the free base's name and the salt form)."""
    return f"{name}·{salt}" if salt and not name.endswith(f"·{salt}") else name


def substrate_name(smiles: str) -> str:
    """The name the reaction table gives the drawn substrate (its free base).

    A name from the reagent database (exact structure) first, then a constructed
    diazepane name, then the formula: never the name of another molecule.
    """
    from rdkit.Chem import rdMolDescriptors

    from dzp_planner.core.chem.parsing import StructureError, canonical_smiles, parse_smiles
    from dzp_planner.core.chem.salts import split_salt

    try:
        mol = split_salt(parse_smiles(smiles)).parent
    except StructureError:
        return "Substrate"
    given = _database_name(canonical_smiles(mol))
    if given:
        return given
    built = diazepane_name(mol)
    if built:
        return built[0].upper() + built[1:] if built.startswith("1,4") else built
    return f"Substrate {rdMolDescriptors.CalcMolFormula(mol)}"


# a drawn substrate is named from the database's substrates and products only: parsing every
# reagent of the database on the first substrate edit held the window 50 ms
SUBSTRATE_CATEGORIES = frozenset({"substrate", "product"})


def _database_name(canonical: str, categories: frozenset[str] | None = SUBSTRATE_CATEGORIES) -> str:
    from dzp_planner.core.reactions.reagents import shipped_reagents

    for reagent in shipped_reagents():
        if reagent.salt or not reagent.smiles or (categories is not None and reagent.category not in categories):
            continue
        if _canonical_or_empty(reagent.smiles) == canonical:
            return reagent.name
    return ""


@lru_cache(maxsize=512)
def _canonical_or_empty(smiles: str) -> str:
    from dzp_planner.core.chem.parsing import StructureError, canonical_smiles, parse_smiles

    try:
        return canonical_smiles(parse_smiles(smiles))
    except StructureError:
        return ""


def reagent_name(smiles: str) -> str:
    """A reagent's name a chemist knows, from the shipped data set by structure (InChIKey), else
    "unnamed (formula)": an honest placeholder the chemist can rename in the table, never a guess."""
    from rdkit.Chem import rdMolDescriptors

    from dzp_planner.core.chem.parsing import StructureError, parse_smiles
    from dzp_planner.core.reactions.reagents import by_structure

    known = by_structure(smiles)
    if known is not None:
        return known.name
    try:
        mol = parse_smiles(smiles)
    except StructureError:
        return "Reagent"
    return f"unnamed ({rdMolDescriptors.CalcMolFormula(mol)})"


_ABBREVIATIONS = {"Boc", "Cbz", "Fmoc", "Ts", "Ms", "Ac", "Bn", "Ph", "Me", "Et", "Pr", "Bu", "Tf"}


def in_sentence(name: str) -> str:
    """A name as it reads inside a sentence: 'Benzaldehyde' -> 'benzaldehyde', '1,4-Diazepane' ->
    '1,4-diazepane'; abbreviations and formulas ('Boc2O', 'NaOtBu', 'RuPhos Pd G3', '1-Boc-…') stay."""
    match = re.search(r"[A-Za-z]+", name)
    if match is None:
        return name
    word = match.group(0)
    if word in _ABBREVIATIONS or not word[0].isupper() or not word[1:].islower() or len(word) < 3:
        return name
    after = name[match.end():match.end() + 1]
    if after.isdigit():  # a formula such as Cs2CO3
        return name
    return name[:match.start()] + word[0].lower() + name[match.start() + 1:]
