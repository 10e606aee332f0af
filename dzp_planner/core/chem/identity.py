"""A molecule's identity across plans: the InChIKey of its free base.

Measured k2/k1 values are remembered per substrate and electrophile; the same molecule drawn
differently, entered as a salt or with another SMILES must find the same record, so the key is
the standard InChIKey of the parent (the free base, counter-ions removed).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=256)
def inchikey(smiles: str) -> str:
    """The InChIKey of the free base of `smiles`, or "" when it cannot be read."""
    if not smiles.strip():
        return ""
    from rdkit import Chem

    from dzp_planner.core.chem.parsing import StructureError, captured_rdkit_messages, parse_smiles
    from dzp_planner.core.chem.salts import split_salt

    try:
        parent = split_salt(parse_smiles(smiles)).parent
    except StructureError:
        return ""
    with captured_rdkit_messages():
        key = Chem.MolToInchiKey(parent)
    return key or ""
