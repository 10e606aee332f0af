"""Chemistry on RDKit: parsing, masses, the molecule-wide site model, products, depiction.

`analyze(smiles)` is the one call most of the app needs; it returns the same dict the
`dzp-planner analyze` command prints. RDKit is imported inside functions, so importing this
package is cheap.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=512)
def _analyze_cached(smiles: str, _families: int) -> dict[str, Any]:
    """Keyed on the ring families' generation too (`rings.generation`)."""
    from rdkit import Chem

    from dzp_planner.core.chem.masses import masses
    from dzp_planner.core.chem.parsing import canonical_smiles, parse_smiles
    from dzp_planner.core.chem.site_model import site_model_for

    mol = parse_smiles(smiles)
    m = masses(mol)
    model = site_model_for(smiles)  # the same analysis the derivation and the edits use
    parent = Chem.MolFromSmiles(model.parent_smiles)
    p = masses(parent) if model.parent_smiles != canonical_smiles(mol) else m
    first = model.first_ring.as_dict()
    first["warnings"] = list(model.warnings)  # the first ring's warnings and the molecule's
    return {
        "canonical_smiles": canonical_smiles(mol),
        "formula": m.formula,
        "mw": round(m.mw, 4),
        "exact_mass": round(p.exact_mass, 5),
        "mh_plus": round(p.observed_mz, 5),
        "parent_smiles": model.parent_smiles,
        "parent_formula": p.formula,
        "salt": model.salt,
        "model": model.model_kind,
        "sites": [s.as_dict() for s in model.sites],
        "diazepane_rings": [r.as_dict() for r in model.rings],
        "diazepane": first,
    }


def analyze(smiles: str) -> dict[str, Any]:
    """Canonical SMILES, formula, masses and the site analysis (contract of `analyze`).

    `formula` and `mw` describe what was entered (a salt weighs as the salt); `exact_mass`
    and `mh_plus` are the free base's, because that is what LCMS sees.
    """
    import copy

    from dzp_planner.core.chem.rings import generation

    return copy.deepcopy(_analyze_cached(smiles.strip(), generation()))
