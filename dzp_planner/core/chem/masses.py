"""Formula, average MW and the monoisotopic masses a chemist looks for in an LCMS trace.

Conventions (chemistry notes): MW is RDKit's average `MolWt`; exact mass is `ExactMolWt`;
[M+H]+ = exact + 1.007276 and [M+2H]2+ = (exact + 2 × 1.007276) / 2. A permanent cation
(quaternary ammonium, iminium) is observed as itself: RDKit's exact mass already accounts
for the missing electron, so its m/z is exact / charge and no proton is added.
"""

from __future__ import annotations

from dataclasses import dataclass

from dzp_planner.core.chem.rdtypes import Mol

PROTON = 1.007276


@dataclass(frozen=True)
class Masses:
    formula: str
    mw: float
    exact_mass: float
    charge: int
    mh_plus: float | None  # [M+H]+ for a neutral molecule
    m2h_plus: float | None  # [M+2H]2+
    observed_mz: float  # what the spectrum shows: [M+H]+ for neutrals, M/z for cations


def masses(mol: Mol) -> Masses:
    # the C++ functions behind Descriptors.ExactMolWt/MolWt: the Descriptors module itself
    # imports dozens of descriptor modules the first time a structure is shown
    from rdkit.Chem import rdMolDescriptors

    exact = rdMolDescriptors.CalcExactMolWt(mol)
    mw = rdMolDescriptors._CalcMolWt(mol)
    formula = rdMolDescriptors.CalcMolFormula(mol)
    charge = sum(atom.GetFormalCharge() for atom in mol.GetAtoms())
    if charge > 0:
        return Masses(formula, mw, exact, charge, None, None, exact / charge)
    mh = exact + PROTON
    return Masses(formula, mw, exact, charge, mh, (exact + 2 * PROTON) / 2, mh)
