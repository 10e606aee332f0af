"""Names for RDKit's types in annotations.

RDKit is typed as Any for mypy (its generated stubs disagree with the runtime; see
`[tool.mypy]` in pyproject.toml), so these aliases say what a parameter is without
pretending to check it. Importing this module imports nothing from RDKit.
"""

from __future__ import annotations

from typing import Any, TypeAlias

Mol: TypeAlias = Any  # rdkit.Chem.Mol (or an RWMol): a sanitised or drawn molecule
Atom: TypeAlias = Any  # rdkit.Chem.Atom
