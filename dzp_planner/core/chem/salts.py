"""Salts as vendors write them: the free base is what reacts and what LCMS sees.

`C1C[NH2+]CC[NH2+]C1.[Cl-].[Cl-]` and `C1CNCCNC1.Cl.Cl` are both 1,4-diazepane
dihydrochloride: the site model, the products and every mass are those of the free base,
while the salt form ("2HCl") goes to the reaction table, where it makes the weighed MW the
salt's and asks for base to free the amine. Counter-ions are recognised from the same table
the reaction table's salt column uses (`salt_forms.SALT_PARTS`), so the two can never disagree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any


@dataclass(frozen=True)
class SaltSplit:
    parent: Any  # the neutral free base (an RDKit Mol)
    salt: str  # "2HCl", "HCl·H2O", "" for a free base
    acid_equiv: float  # acidic protons the counter-ions bring (base needed to free the amine)
    parent_atoms: tuple[int, ...]  # indices in the input molecule of the parent's atoms, in the parent's order
    protonated: bool  # the input had charged amines (an ammonium written as a cation)
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_input_index(self, parent_index: int) -> int:
        return self.parent_atoms[parent_index]


@cache
def _counter_ions() -> dict[str, tuple[str, int]]:
    """Canonical SMILES of each counter-ion (with and without stereo: a fumarate drawn without its
    E double bond weighs the same) -> (salt token, acidic protons)."""
    from rdkit import Chem

    from dzp_planner.core.quantities.salt_forms import SALT_PARTS

    found: dict[str, tuple[str, int]] = {}
    for token, (smiles, protons) in SALT_PARTS.items():
        mol = Chem.MolFromSmiles(smiles)
        found.setdefault(Chem.MolToSmiles(mol), (token, protons))
        found.setdefault(Chem.MolToSmiles(mol, isomericSmiles=False), (token, protons))
    return found


def _permanent_cation(mol: Any, atoms: tuple[int, ...]) -> bool:
    """A quaternary ammonium (N+ with four carbons, no H): its counter-ion is an anion, not an acid."""
    return any(mol.GetAtomWithIdx(i).GetSymbol() == "N" and mol.GetAtomWithIdx(i).GetFormalCharge() > 0
               and mol.GetAtomWithIdx(i).GetTotalNumHs() == 0 and not mol.GetAtomWithIdx(i).GetIsAromatic()
               and mol.GetAtomWithIdx(i).GetDegree() == 4 for i in atoms)


def _neutral(mol: Any) -> Any:
    from rdkit.Chem.MolStandardize import rdMolStandardize

    return rdMolStandardize.Uncharger().uncharge(mol)


def split_salt(mol: Any) -> SaltSplit:
    """The free base of a sanitised molecule, the salt form and the counter-ions' acidity."""
    from rdkit import Chem

    charged = any(a.GetFormalCharge() != 0 for a in mol.GetAtoms())
    fragments = Chem.GetMolFrags(mol)
    if len(fragments) == 1 and not charged:
        return SaltSplit(mol, "", 0.0, tuple(range(mol.GetNumAtoms())), False)
    neutral = _neutral(Chem.Mol(mol))
    if neutral.GetNumAtoms() != mol.GetNumAtoms():  # the uncharger kept the atoms; guard anyway
        neutral = Chem.Mol(mol)
    from dzp_planner.core.quantities.salt_forms import ANION_OF_ACID

    known = _counter_ions()
    counts: Counter[str] = Counter()
    protons = 0.0
    candidates: list[tuple[int, ...]] = []
    quaternary = any(_permanent_cation(neutral, atoms) for atoms in fragments)
    for atoms in fragments:
        smiles = Chem.MolFragmentToSmiles(neutral, atomsToUse=list(atoms))
        if smiles in known:
            token, acidic = known[smiles]
            if quaternary and token in ANION_OF_ACID:  # the iodide of a quaternary salt: no proton
                token, acidic = ANION_OF_ACID[token], 0
            counts[token] += 1
            protons += acidic
        else:
            candidates.append(atoms)
    notes: list[str] = []
    if not candidates:  # only counter-ions (HCl alone): nothing to analyse but what was drawn
        return SaltSplit(mol, "", 0.0, tuple(range(mol.GetNumAtoms())), charged)

    def weight(atoms: tuple[int, ...]) -> tuple[int, int]:
        nitrogens = sum(1 for i in atoms if mol.GetAtomWithIdx(i).GetSymbol() == "N")
        return (1 if nitrogens else 0, len(atoms))

    parent_atoms = max(candidates, key=weight)
    # a salt drawn for two molecules of the drug (2 drug : 2 HCl : 1 H2O) is read per molecule (HCl·0.5H2O)
    parent_key = Chem.MolFragmentToSmiles(neutral, atomsToUse=list(parent_atoms))
    copies = [c for c in candidates if Chem.MolFragmentToSmiles(neutral, atomsToUse=list(c)) == parent_key]
    per = len(copies)
    if per > 1:
        notes.append(f"the drawing holds {per} molecules of the substrate: the salt is read per molecule")
    others = [c for c in candidates if all(c is not copy for copy in copies)]
    if others:
        dropped = ", ".join(Chem.MolFragmentToSmiles(neutral, atomsToUse=list(a)) for a in others[:3])
        notes.append(f"other fragments are not part of the substrate and were left out: {dropped}")
    editable = Chem.RWMol(neutral)
    keep = set(parent_atoms)
    for idx in sorted(set(range(neutral.GetNumAtoms())) - keep, reverse=True):
        editable.RemoveAtom(idx)
    parent = editable.GetMol()
    Chem.SanitizeMol(parent)
    salt = "·".join(f"{n / per:g}{token}" if n != per else token for token, n in counts.items())
    return SaltSplit(parent, salt, protons / per, tuple(sorted(keep)), charged, tuple(notes))


def salt_words(salt: str) -> str:
    """'2HCl' -> 'the dihydrochloride'; other forms are named as written."""
    words = {"HCl": "the hydrochloride", "2HCl": "the dihydrochloride", "3HCl": "the trihydrochloride",
             "HBr": "the hydrobromide", "2HBr": "the dihydrobromide", "TFA": "the trifluoroacetate",
             "2TFA": "the bis(trifluoroacetate)", "fumarate": "the fumarate", "0.5fumarate": "the hemifumarate",
             "maleate": "the maleate", "oxalate": "the oxalate", "citrate": "the citrate", "tartrate": "the tartrate",
             "TsOH": "the tosylate", "MsOH": "the mesylate", "H2SO4": "the sulfate", "iodide": "the iodide"}
    parts = salt.split("·")
    head = words.get(parts[0])
    waters = [_hydrate_word(part) for part in parts[1:]]
    if head is not None and all(waters):
        return " ".join([head, *waters])  # "HCl·0.5H2O" -> "the hydrochloride hemihydrate"
    return "the salt"  # the caller names the form itself


def _hydrate_word(part: str) -> str:
    """'0.5H2O' -> 'hemihydrate', 'H2O' -> 'monohydrate', '2H2O' -> 'dihydrate'; '' for anything else."""
    names = {"0.5": "hemihydrate", "": "monohydrate", "1": "monohydrate", "1.5": "sesquihydrate", "2": "dihydrate",
             "3": "trihydrate"}
    return names.get(part.removesuffix("H2O"), "") if part.endswith("H2O") else ""
