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
from functools import lru_cache
from typing import Any

from dzp_planner.core.chem.groups import SUFFIXES, canonical_groups, group_smiles

_MULTIPLIERS = {2: "di", 3: "tri", 4: "tetra"}

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
    from dzp_planner.core.chem.rings.diazepane import diazepane_rings

    rings = diazepane_rings(mol)
    if len(rings) != 1 or rings[0].fused or rings[0].bridged:
        return None  # a bridged bicycle is named by its von Baeyer name (the data set), not as a diazepane
    ring = rings[0]
    members = set(ring.ring_atoms)
    covered = set(members)
    prefixes: list[tuple[int, str]] = []
    suffix: tuple[int, str] | None = None
    for position, idx in enumerate(ring.ring_atoms, start=1):
        for nb in mol.GetAtomWithIdx(idx).GetNeighbors():
            if nb.GetIdx() in members or nb.GetAtomicNum() == 1:
                continue
            smiles = group_smiles(mol, idx, nb.GetIdx(), members)
            name = canonical_groups().get(smiles or "")
            if name is None:
                return None
            if name in SUFFIXES.values() and suffix is None and mol.GetAtomWithIdx(idx).GetSymbol() == "C":
                suffix = (position, name)
            elif name in SUFFIXES.values():
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


@lru_cache(maxsize=256)
def substrate_name(smiles: str) -> str:
    """The name the reaction table gives the drawn substrate (its free base).

    A name from the reagent database (exact structure) first, then a constructed
    diazepane name, then the formula: never the name of another molecule. Kept per SMILES
    (everything it reads is shipped with the program): a derivation, the table and the
    procedure ask for it again after every edit.
    """
    from rdkit import Chem
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
    from dzp_planner.core.reactions.reagent_names import lookup  # the offline PubChem-derived names, by InChIKey

    try:
        named = lookup(Chem.MolToInchiKey(mol))
    except Exception:  # noqa: BLE001 - an InChI the toolkit cannot make: the formula names it
        named = None
    if named is not None and named.name:
        return named.name
    return f"Substrate {rdMolDescriptors.CalcMolFormula(mol)}"


# a drawn substrate is named from the database's substrates and products only: parsing every
# reagent of the database on the first substrate edit held the window 50 ms
SUBSTRATE_CATEGORIES = frozenset({"substrate", "product"})


def _database_name(canonical: str) -> str:
    from dzp_planner.core.reactions.reagents import shipped_reagents

    for reagent in shipped_reagents():
        if reagent.salt or not reagent.smiles or reagent.category not in SUBSTRATE_CATEGORIES:
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
    """A reagent's name a chemist knows, by structure (InChIKey): the curated reagents first, then the
    28,000-row names table (`reagent_names`); else "unnamed (formula)", an honest placeholder the
    chemist can rename in the table, never a guess."""
    from rdkit.Chem import rdMolDescriptors

    from dzp_planner.core.chem.identity import inchikey
    from dzp_planner.core.chem.parsing import StructureError, parse_smiles
    from dzp_planner.core.reactions.reagent_names import lookup
    from dzp_planner.core.reactions.reagents import by_structure

    known = by_structure(smiles)
    if known is not None:
        return known.name
    named = lookup(inchikey(smiles))
    if named is not None:
        return named.name
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
