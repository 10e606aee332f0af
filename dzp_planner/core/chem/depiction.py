"""RDKit's own 2D drawings as SVG, with N1/N4 notes and reactive sites highlighted.

Used by the structure panel, the library thumbnails and the PDF report, so every picture of
a molecule in the app looks the same: RDKit heteroatom colours, implicit H on heteroatoms,
and a soft green halo on nitrogens that can react.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from dzp_planner.core.chem.rdtypes import Mol

FREE_NH_COLOUR = (0.62, 0.88, 0.66)


def compute_2d(mol: Mol) -> None:
    """2D coordinates with CoordGen, which lays out medium rings (the 7-ring) more cleanly."""
    from rdkit.Chem import rdDepictor

    rdDepictor.SetPreferCoordGen(True)
    rdDepictor.Compute2DCoords(mol)


def depict_svg(
    mol_or_smiles: Mol | str,
    width: int = 300,
    height: int = 240,
    *,
    labels: Mapping[int, str] | None = None,
    highlight_atoms: Iterable[int] = (),
    kekulize: bool = True,
    transparent: bool = False,
    bond_length: float | None = None,
) -> str:
    """SVG of the molecule; `bond_length` (pixels) keeps small molecules from filling a big canvas."""
    from rdkit import Chem
    from rdkit.Chem.Draw import rdMolDraw2D

    from dzp_planner.core.chem.parsing import parse_smiles

    mol = parse_smiles(mol_or_smiles) if isinstance(mol_or_smiles, str) else Chem.Mol(mol_or_smiles)
    if mol.GetNumConformers() == 0:
        compute_2d(mol)
    for idx, text in (labels or {}).items():
        if 0 <= idx < mol.GetNumAtoms():
            mol.GetAtomWithIdx(idx).SetProp("atomNote", text)
    drawer = rdMolDraw2D.MolDraw2DSVG(max(int(width), 50), max(int(height), 50))
    options = drawer.drawOptions()
    options.annotationFontScale = 0.7
    options.prepareMolsBeforeDrawing = True
    if transparent:
        options.clearBackground = False
    if bond_length:
        options.fixedBondLength = bond_length
    highlight = [i for i in highlight_atoms if 0 <= i < mol.GetNumAtoms()]
    colours = dict.fromkeys(highlight, FREE_NH_COLOUR)
    try:
        prepared = rdMolDraw2D.PrepareMolForDrawing(mol, kekulize=kekulize)
    except (ValueError, RuntimeError):  # RDKit's sanitize and precondition errors: an odd aromatic system: draw it as it is
        prepared = rdMolDraw2D.PrepareMolForDrawing(mol, kekulize=False)
    drawer.DrawMolecule(prepared, highlightAtoms=highlight, highlightAtomColors=colours, highlightBonds=[])
    drawer.FinishDrawing()
    return drawer.GetDrawingText()
