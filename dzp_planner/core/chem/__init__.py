"""Chemistry on RDKit: parsing, masses, diazepane site analysis, products, depiction.

`analyze(smiles)` is the one call most of the app needs; it returns the same dict the
`dzp-planner analyze` command prints. RDKit is imported inside functions, so importing this
package is cheap.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=512)
def _analyze_cached(smiles: str) -> dict[str, Any]:
    from dzp_planner.core.chem.masses import masses
    from dzp_planner.core.chem.parsing import canonical_smiles, parse_smiles
    from dzp_planner.core.chem.sites import analyze_mol

    mol = parse_smiles(smiles)
    m = masses(mol)
    return {
        "canonical_smiles": canonical_smiles(mol),
        "formula": m.formula,
        "mw": round(m.mw, 4),
        "exact_mass": round(m.exact_mass, 5),
        "mh_plus": round(m.observed_mz, 5),
        "diazepane": analyze_mol(mol).as_dict(),
    }


def analyze(smiles: str) -> dict[str, Any]:
    """Canonical SMILES, formula, masses and the diazepane analysis (contract of `analyze`)."""
    import copy

    return copy.deepcopy(_analyze_cached(smiles.strip()))
