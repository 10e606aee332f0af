"""Molecular weights of what is weighed: a structure's MW, and the salt forms a row may name.

The reaction table weighs salts ("2HCl", "HCl·H2O", "dihydrochloride"): the MW of what goes
on the balance is the free base's plus its counter-ions'. The same table of counter-ions tells
the structure reader (`chem.salts`) what a drawn salt is made of, so the two never disagree.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dzp_planner.core.errors import UserInputError

MAX_SMILES = 5000

# Counter-ions and solvates a salt field may name: token -> (SMILES, acidic protons per unit).
SALT_PARTS: dict[str, tuple[str, int]] = {
    "HCl": ("Cl", 1), "HBr": ("Br", 1), "HI": ("I", 1), "TFA": ("OC(=O)C(F)(F)F", 1),
    "AcOH": ("CC(=O)O", 1), "MsOH": ("CS(=O)(=O)O", 1), "TsOH": ("Cc1ccc(S(=O)(=O)O)cc1", 1),
    "PhSO3H": ("O=S(=O)(O)c1ccccc1", 1),
    "H2SO4": ("OS(=O)(=O)O", 2), "H2O": ("O", 0),
    # organic acids vendors sell amines as (one acid molecule per unit; its acidic protons)
    "fumarate": ("O=C(O)/C=C/C(=O)O", 2), "maleate": ("O=C(O)/C=C\\C(=O)O", 2), "oxalate": ("O=C(O)C(=O)O", 2),
    "citrate": ("O=C(O)CC(O)(CC(=O)O)C(=O)O", 3), "tartrate": ("O=C(O)C(O)C(O)C(=O)O", 2),
    "H3PO4": ("OP(=O)(O)O", 3),
    # the counter-anions of a quaternary ammonium salt: no proton to take away, no base to add
    "iodide": ("[I-]", 0), "bromide": ("[Br-]", 0), "chloride": ("[Cl-]", 0),
}
# a quaternary cation's halide is the anion, not the acid: HI -> iodide and so on
ANION_OF_ACID = {"HI": "iodide", "HBr": "bromide", "HCl": "chloride"}
_SALT_WORDS: dict[str, str] = {
    "hydrochloride": "HCl", "dihydrochloride": "2HCl", "trihydrochloride": "3HCl",
    "hydrobromide": "HBr", "dihydrobromide": "2HBr", "hydroiodide": "HI",
    "trifluoroacetate": "TFA", "bis(trifluoroacetate)": "2TFA", "ditrifluoroacetate": "2TFA",
    "acetate": "AcOH", "mesylate": "MsOH", "tosylate": "TsOH", "sulfate": "H2SO4", "hydrogen sulfate": "H2SO4",
    "hemifumarate": "0.5fumarate", "difumarate": "2fumarate", "dimaleate": "2maleate", "hemioxalate": "0.5oxalate",
    "dioxalate": "2oxalate", "phosphate": "H3PO4", "besylate": "PhSO3H",
    "hydrate": "H2O", "monohydrate": "H2O", "dihydrate": "2H2O", "trihydrate": "3H2O",
}
_SALT_PART_RE = re.compile(r"^(\d+(?:\.\d+)?)?\s*([A-Za-z0-9]+)$")


def counter_ion_mw(token: str) -> float:
    """MW of one counter-ion of the salt table (HCl, TFA, H2O …): always a valid structure."""
    mw, problem = mw_or_problem(SALT_PARTS[token][0])
    if mw is None:
        raise AssertionError(f"the salt table's {token} does not parse: {problem}")
    return mw


@lru_cache(maxsize=2048)
def mw_or_problem(smiles: str) -> tuple[float | None, str]:
    if len(smiles) > MAX_SMILES:
        return None, f"the SMILES is longer than {MAX_SMILES} characters"
    from rdkit import Chem, rdBase
    from rdkit.Chem import rdMolDescriptors

    with rdBase.BlockLogs():
        mol = Chem.MolFromSmiles(smiles)
    if mol is None or mol.GetNumAtoms() == 0:
        return None, f"the SMILES {smiles[:60]!r} cannot be read"
    return float(rdMolDescriptors._CalcMolWt(mol)), ""  # = Descriptors.MolWt, without its imports


def mw_from_smiles(smiles: str) -> float:
    """Average MW (RDKit MolWt) of a SMILES, cached; UserInputError if it cannot be read."""
    mw, problem = mw_or_problem(smiles.strip())
    if mw is None:
        raise UserInputError(problem)
    return mw


def salt_form_mw(parent_smiles: str, salt: str) -> float:
    """MW of one molecule of the free base with its salt form ("HCl·0.5H2O"): what a row weighs per
    molecule, whatever the drawing's whole formula (two diazepanes, two HCl and one water)."""
    return mw_from_smiles(parent_smiles) + sum(n * counter_ion_mw(token) for n, token in parse_salt(salt))


def salt_acid_equiv(salt: str) -> float:
    """Acidic protons per molecule of a salt form ("2HCl" -> 2, "fumarate" -> 2, "HCl·H2O" -> 1); UserInputError if unknown."""
    return sum(n * SALT_PARTS[token][1] for n, token in parse_salt(salt))


def parse_salt(salt: str) -> tuple[tuple[float, str], ...]:
    """"2HCl", "HCl·H2O", "dihydrochloride", "2 TFA" -> ((2, "HCl"),) ...; UserInputError if unknown."""
    text = salt.strip()
    if not text:
        return ()
    parts: list[tuple[float, str]] = []
    for piece in re.split(r"\s*(?:[·*+,;]|(?<!\d)\.|\.(?!\d))\s*", text.lstrip("·. ")):
        if not piece:
            continue
        word = _SALT_WORDS.get(piece.lower(), piece)
        m = _SALT_PART_RE.match(word)
        token = next((t for t in SALT_PARTS if m and t.lower() == m.group(2).lower()), None)
        if m is None or token is None:
            known = ", ".join([*list(SALT_PARTS), "dihydrochloride", "hydrate"])
            raise UserInputError(f"unknown salt form {salt!r}; write e.g. 2HCl, HCl, TFA, HBr, H2O ({known})")
        count = float(m.group(1)) if m.group(1) else 1.0
        if not 0 < count <= 10:
            raise UserInputError(f"salt form {salt!r}: {count:g} counter-ions per molecule is not plausible")
        parts.append((count, token))
    return tuple(parts)
