"""Editing a 2D drawing: add atoms, bonds, rings and fragments; change elements; delete.

Each operation takes the drawing as a MOL block and returns a new one, so the GUI can store
every edit as one undoable plan change and the drawing keeps its coordinates. Drawings are
kept unsanitised: a five-valent carbon stays on screen (the panel marks it) instead of being
refused, and nothing the chemist drew is lost.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dzp_planner.core.chem.depiction import layout_2d
from dzp_planner.core.chem.rdtypes import Mol

if TYPE_CHECKING:
    from dzp_planner.core.chem.masses import Masses
    from dzp_planner.core.chem.site_model import SiteModel

log = logging.getLogger(__name__)

BOND_LENGTH = 1.5  # Å, RDKit's depiction convention
FRAGMENTS: dict[str, str] = {
    "1,4-diazepane": "C1CNCCNC1",
    "Boc": "C(=O)OC(C)(C)C",
    "benzyl": "Cc1ccccc1",
    "acetyl": "C(C)=O",
    "phenyl": "c1ccccc1",
    "mesyl": "S(C)(=O)=O",
}
WEDGE, HASH = 5, 6


@dataclass(frozen=True)
class Drawing:
    """What the canvas needs: atoms with positions, bonds, and problems to mark."""

    atoms: tuple[tuple[str, float, float, int, int], ...]  # symbol, x, y, charge, explicit H shown
    bonds: tuple[tuple[int, int, int], ...]  # begin, end, order (1, 2, 3; 4 aromatic; 5 wedge; 6 hash)
    problems: tuple[tuple[int | None, str], ...]
    smiles: str
    aromatic_rings: tuple[tuple[float, float, float], ...] = ()  # centre x, y and radius, for circle style


def _rw(molblock: str) -> Mol:
    from rdkit import Chem

    from dzp_planner.core.chem.parsing import check_molblock_size

    if not molblock.strip():
        return Chem.RWMol()
    check_molblock_size(molblock)  # a 20,000-atom block would overflow RDKit's stack further on
    mol = Chem.MolFromMolBlock(molblock, sanitize=False, removeHs=False)
    if mol is None:
        raise ValueError("the drawing cannot be read")
    rw = Chem.RWMol(mol)
    for bond in rw.GetBonds():  # keep wedges and hashes through the next write
        stereo = bond.GetPropsAsDict().get("_MolFileBondStereo", 0)
        if stereo == 1:
            bond.SetBondDir(Chem.BondDir.BEGINWEDGE)
        elif stereo == 6:
            bond.SetBondDir(Chem.BondDir.BEGINDASH)
    if rw.GetNumConformers() == 0:
        layout_2d(rw)
    return rw


def molblock_of(rw: Mol) -> str:
    from rdkit import Chem

    rw.UpdatePropertyCache(strict=False)
    return Chem.MolToMolBlock(rw, kekulize=False)


def from_smiles(smiles: str) -> str:
    """A MOL block with fresh 2D coordinates for a (valid) SMILES."""
    from rdkit import Chem

    from dzp_planner.core.chem.parsing import parse_smiles

    rw = Chem.RWMol(parse_smiles(smiles))
    layout_2d(rw)
    return molblock_of(rw)


def _pos(rw: Mol, idx: int) -> tuple[float, float]:
    p = rw.GetConformer().GetAtomPosition(idx)
    return p.x, p.y


def _set_pos(rw: Mol, idx: int, x: float, y: float) -> None:
    from rdkit.Geometry import Point3D

    rw.GetConformer().SetAtomPosition(idx, Point3D(x, y, 0.0))


def _ensure_conformer(rw: Mol) -> None:
    from rdkit import Chem

    if rw.GetNumConformers() == 0:
        rw.AddConformer(Chem.Conformer(rw.GetNumAtoms()), assignId=True)


def _new_atom(rw: Mol, symbol: str, x: float, y: float) -> int:
    from rdkit import Chem

    _ensure_conformer(rw)
    idx = rw.AddAtom(Chem.Atom(symbol))
    conf = rw.GetConformer()
    if conf.GetNumAtoms() < rw.GetNumAtoms():  # conformers do not grow by themselves
        positions = [conf.GetAtomPosition(i) for i in range(conf.GetNumAtoms())]
        rw.RemoveAllConformers()
        new = Chem.Conformer(rw.GetNumAtoms())
        for i, p in enumerate(positions):
            new.SetAtomPosition(i, p)
        rw.AddConformer(new, assignId=True)
    _set_pos(rw, idx, x, y)
    return idx


def _free_direction(rw: Mol, idx: int) -> float:
    """Angle (radians) pointing away from the atom's neighbours: where a new bond looks natural."""
    x, y = _pos(rw, idx)
    neighbours = [_pos(rw, n.GetIdx()) for n in rw.GetAtomWithIdx(idx).GetNeighbors()]
    if not neighbours:
        return math.radians(30)
    if len(neighbours) == 1:
        nx, ny = neighbours[0]
        return math.atan2(y - ny, x - nx) + math.radians(60)
    sx = sum(x - nx for nx, _ in neighbours)
    sy = sum(y - ny for _, ny in neighbours)
    if abs(sx) < 1e-6 and abs(sy) < 1e-6:
        return math.radians(90)
    return math.atan2(sy, sx)


def add_atom(molblock: str, symbol: str, x: float, y: float) -> str:
    rw = _rw(molblock)
    _new_atom(rw, symbol, x, y)
    return molblock_of(rw)


def add_bond(molblock: str, begin: int, end: int | None = None, order: int = 1, at: tuple[float, float] | None = None,
             symbol: str = "C") -> str:
    """Bond `begin` to `end`, or to a new atom at `at` (or in a free direction when not given)."""
    from rdkit import Chem

    rw = _rw(molblock)
    if end is None:
        if at is None:
            angle = _free_direction(rw, begin)
            x, y = _pos(rw, begin)
            at = (x + BOND_LENGTH * math.cos(angle), y + BOND_LENGTH * math.sin(angle))
        end = _new_atom(rw, symbol, *at)
    if begin == end:
        return molblock_of(rw)
    existing = rw.GetBondBetweenAtoms(begin, end)
    types = {1: Chem.BondType.SINGLE, 2: Chem.BondType.DOUBLE, 3: Chem.BondType.TRIPLE}
    if existing is not None:
        existing.SetBondType(types[order])
        existing.SetIsAromatic(False)
    else:
        rw.AddBond(begin, end, types[order])
    return molblock_of(rw)


def set_element(molblock: str, idx: int, symbol: str) -> str:
    from rdkit import Chem

    rw = _rw(molblock)
    atom = rw.GetAtomWithIdx(idx)
    atom.SetAtomicNum(Chem.GetPeriodicTable().GetAtomicNumber(symbol))
    atom.SetNoImplicit(False)
    atom.SetNumExplicitHs(0)
    atom.SetIsAromatic(False)
    return molblock_of(rw)


def cycle_bond(molblock: str, bond_idx: int) -> str:
    """Single → double → triple → single, as ChemDraw's bond tool does on a click."""
    from rdkit import Chem

    rw = _rw(molblock)
    bond = rw.GetBondWithIdx(bond_idx)
    order = {Chem.BondType.SINGLE: Chem.BondType.DOUBLE, Chem.BondType.DOUBLE: Chem.BondType.TRIPLE}.get(bond.GetBondType(), Chem.BondType.SINGLE)
    bond.SetBondType(order)
    bond.SetIsAromatic(False)
    for atom in (bond.GetBeginAtom(), bond.GetEndAtom()):
        atom.SetIsAromatic(False)
    return molblock_of(rw)


def set_bond_order(molblock: str, bond_idx: int, order: int) -> str:
    from rdkit import Chem

    rw = _rw(molblock)
    bond = rw.GetBondWithIdx(bond_idx)
    bond.SetBondType({1: Chem.BondType.SINGLE, 2: Chem.BondType.DOUBLE, 3: Chem.BondType.TRIPLE}[order])
    bond.SetIsAromatic(False)
    return molblock_of(rw)


def change_charge(molblock: str, idx: int, delta: int) -> str:
    rw = _rw(molblock)
    atom = rw.GetAtomWithIdx(idx)
    atom.SetFormalCharge(max(-3, min(3, atom.GetFormalCharge() + delta)))
    return molblock_of(rw)


def delete_atom(molblock: str, idx: int) -> str:
    rw = _rw(molblock)
    rw.RemoveAtom(idx)
    return molblock_of(rw)


def delete_bond(molblock: str, bond_idx: int) -> str:
    rw = _rw(molblock)
    bond = rw.GetBondWithIdx(bond_idx)
    rw.RemoveBond(bond.GetBeginAtomIdx(), bond.GetEndAtomIdx())
    return molblock_of(rw)


def add_ring(molblock: str, size: int, centre: tuple[float, float] | None = None, attach_to: int | None = None,
             aromatic: bool = False) -> str:
    """A ring of `size` atoms at a point, or bonded to atom `attach_to` (benzene with aromatic=True)."""
    from rdkit import Chem

    if not 3 <= size <= 8:
        raise ValueError("rings of 3 to 8 atoms")
    rw = _rw(molblock)
    radius = BOND_LENGTH / (2 * math.sin(math.pi / size))
    if attach_to is not None:
        angle = _free_direction(rw, attach_to)
        ax, ay = _pos(rw, attach_to)
        cx, cy = ax + (BOND_LENGTH + radius) * math.cos(angle), ay + (BOND_LENGTH + radius) * math.sin(angle)
        start = angle + math.pi
    else:
        cx, cy = centre or (0.0, 0.0)
        start = math.pi / 2
    ring = [_new_atom(rw, "C", cx + radius * math.cos(start + 2 * math.pi * k / size), cy + radius * math.sin(start + 2 * math.pi * k / size))
            for k in range(size)]
    for k in range(size):
        order = Chem.BondType.DOUBLE if aromatic and k % 2 == 0 else Chem.BondType.SINGLE
        rw.AddBond(ring[k], ring[(k + 1) % size], order)
    if attach_to is not None:
        rw.AddBond(attach_to, ring[0], Chem.BondType.SINGLE)
    return molblock_of(rw)


def add_fragment(molblock: str, name: str, at: tuple[float, float] | None = None, attach_to: int | None = None) -> str:
    """Insert a named fragment; attached through its first atom when `attach_to` is given."""
    from rdkit import Chem
    from rdkit.Chem import rdDepictor

    frag = Chem.RWMol(Chem.MolFromSmiles(FRAGMENTS[name]))
    Chem.Kekulize(frag, clearAromaticFlags=True)
    rdDepictor.Compute2DCoords(frag)
    rw = _rw(molblock)
    if attach_to is not None:
        angle = _free_direction(rw, attach_to)
        ax, ay = _pos(rw, attach_to)
        ox, oy = ax + BOND_LENGTH * math.cos(angle), ay + BOND_LENGTH * math.sin(angle)
    else:
        ox, oy = at or (0.0, 0.0)
    f0 = frag.GetConformer().GetAtomPosition(0)
    mapping = {}
    for atom in frag.GetAtoms():
        p = frag.GetConformer().GetAtomPosition(atom.GetIdx())
        new = _new_atom(rw, atom.GetSymbol(), ox + p.x - f0.x, oy + p.y - f0.y)
        rw.GetAtomWithIdx(new).SetFormalCharge(atom.GetFormalCharge())
        mapping[atom.GetIdx()] = new
    for bond in frag.GetBonds():
        rw.AddBond(mapping[bond.GetBeginAtomIdx()], mapping[bond.GetEndAtomIdx()], bond.GetBondType())
    if attach_to is not None:
        rw.AddBond(attach_to, mapping[0], Chem.BondType.SINGLE)
    return molblock_of(rw)


def clean_up(molblock: str) -> str:
    """New 2D coordinates from RDKit's depictor (Clean up)."""
    rw = _rw(molblock)
    layout_2d(rw)
    return molblock_of(rw)


@lru_cache(maxsize=64)
def drawing(molblock: str, aromatic: str = "kekule") -> Drawing:
    """Atoms, bonds, positions and problems for the canvas (never raises on a bad structure).

    `aromatic` is the chemist's preference: "kekule" shows alternating single and double
    bonds, "circle" shows single bonds with a circle in each aromatic ring.
    """
    from rdkit import Chem

    from dzp_planner.core.chem.parsing import captured_rdkit_messages, problems

    with captured_rdkit_messages():
        rw = _rw(molblock)
        rw.UpdatePropertyCache(strict=False)
        found = tuple(problems(Chem.Mol(rw))) if rw.GetNumAtoms() else ()
        try:
            smiles = Chem.MolToSmiles(Chem.Mol(rw))
        except (ValueError, RuntimeError):  # RDKit cannot write a half-drawn structure yet
            smiles = ""
    atoms = []
    for atom in rw.GetAtoms():
        x, y = _pos(rw, atom.GetIdx()) if rw.GetNumConformers() else (0.0, 0.0)
        hs = atom.GetTotalNumHs() if atom.GetSymbol() != "C" else 0
        atoms.append((atom.GetSymbol(), x, y, atom.GetFormalCharge(), hs))
    from rdkit.Chem import BondDir

    shown = _aromatic_view(rw, aromatic)
    rings = _aromatic_circles(shown) if aromatic == "circle" else ()
    bonds = []
    for bond in shown.GetBonds():
        order = 4 if bond.GetIsAromatic() else int(bond.GetBondTypeAsDouble())
        if bond.GetBondDir() == BondDir.BEGINWEDGE:
            order = WEDGE
        elif bond.GetBondDir() == BondDir.BEGINDASH:
            order = HASH
        bonds.append((bond.GetBeginAtomIdx(), bond.GetEndAtomIdx(), order))
    return Drawing(tuple(atoms), tuple(bonds), found, smiles, rings)


def _aromatic_view(rw: Mol, style: str) -> Mol:
    """A copy whose aromatic bonds are Kekulé (style kekule) or flagged aromatic (style circle)."""
    from rdkit import Chem

    view = Chem.RWMol(rw)
    try:
        with_flags = Chem.Mol(view)
        Chem.SanitizeMol(with_flags)
        if style == "kekule":
            Chem.Kekulize(with_flags, clearAromaticFlags=True)
        for a, b in zip(view.GetBonds(), with_flags.GetBonds(), strict=True):
            a.SetBondType(b.GetBondType())
            a.SetIsAromatic(b.GetIsAromatic())
    except (ValueError, RuntimeError):  # RDKit's errors: an unsanitisable drawing is shown as drawn
        pass
    return view


def _aromatic_circles(mol: Mol) -> tuple[tuple[float, float, float], ...]:
    circles = []
    if mol.GetNumConformers() == 0:
        return ()
    for ring in mol.GetRingInfo().BondRings():
        if all(mol.GetBondWithIdx(b).GetIsAromatic() for b in ring):
            atoms = {mol.GetBondWithIdx(b).GetBeginAtomIdx() for b in ring}
            xs = [_pos(mol, i)[0] for i in atoms]
            ys = [_pos(mol, i)[1] for i in atoms]
            cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
            circles.append((cx, cy, 0.6 * min(math.hypot(x - cx, y - cy) for x, y in zip(xs, ys, strict=True))))
    return tuple(circles)


def analysis_for_drawing(molblock: str) -> tuple[SiteModel | None, Masses | None, Masses | None]:
    """(SiteModel, masses of what is drawn, masses of the free base) for a drawing, in the
    drawing's own atom numbering, or (None, None, None) when the structure does not sanitise
    (the canvas then shows the problems)."""
    from dzp_planner.core.chem.rings import generation

    return _analysis_cached(molblock, generation())


@lru_cache(maxsize=32)
def _analysis_cached(molblock: str, _families: int) -> tuple[SiteModel | None, Masses | None, Masses | None]:
    """Keyed on the ring families' generation too (`rings.generation`)."""
    from rdkit import Chem

    from dzp_planner.core.chem.masses import masses
    from dzp_planner.core.chem.parsing import captured_rdkit_messages
    from dzp_planner.core.chem.site_model import build_site_model

    if not molblock.strip():
        return None, None, None
    with captured_rdkit_messages():
        mol = Chem.MolFromMolBlock(molblock, sanitize=True, removeHs=False)
    if mol is None or mol.GetNumAtoms() == 0:
        return None, None, None
    model = build_site_model(mol)
    drawn = masses(mol)
    parent = masses(model.parent) if model.parent is not mol else drawn
    return model, drawn, parent


def move_atoms(molblock: str, indices: list[int], dx: float, dy: float) -> str:
    """Translate the selected atoms (the layout changes, the molecule does not)."""
    rw = _rw(molblock)
    for idx in indices:
        x, y = _pos(rw, idx)
        _set_pos(rw, idx, x + dx, y + dy)
    return molblock_of(rw)


def delete_atoms(molblock: str, indices: list[int]) -> str:
    rw = _rw(molblock)
    for idx in sorted(set(indices), reverse=True):  # highest first keeps the other indices valid
        rw.RemoveAtom(idx)
    return molblock_of(rw)


def set_stereo_bond(molblock: str, bond_idx: int, kind: int, narrow_end: int | None = None) -> str:
    """Make a bond a wedge (5) or hash (6) starting at `narrow_end` (the stereocentre); again toggles off."""
    from rdkit import Chem

    rw = _rw(molblock)
    bond = rw.GetBondWithIdx(bond_idx)
    begin, end = bond.GetBeginAtomIdx(), bond.GetEndAtomIdx()
    wanted = Chem.BondDir.BEGINWEDGE if kind == WEDGE else Chem.BondDir.BEGINDASH
    if narrow_end is not None and narrow_end == end:  # the wedge starts at the begin atom: re-add reversed
        rw.RemoveBond(begin, end)
        rw.AddBond(end, begin, Chem.BondType.SINGLE)
        bond = rw.GetBondBetweenAtoms(end, begin)
    elif bond.GetBondDir() == wanted:
        bond.SetBondDir(Chem.BondDir.NONE)
        return molblock_of(rw)
    bond.SetBondType(Chem.BondType.SINGLE)
    bond.SetBondDir(wanted)
    return molblock_of(rw)


def add_chain(molblock: str, start: tuple[float, float], end: tuple[float, float], from_atom: int | None = None) -> str:
    """A zigzag carbon chain from `start` (or from atom `from_atom`) towards `end`, one atom per bond length."""
    from rdkit import Chem

    rw = _rw(molblock)
    if from_atom is not None:
        start = _pos(rw, from_atom)
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    step = BOND_LENGTH * math.cos(math.radians(30))
    count = max(1, round(length / step))
    ux, uy = (dx / length, dy / length) if length > 1e-6 else (1.0, 0.0)
    nx, ny = -uy, ux
    previous = from_atom
    if previous is None:
        previous = _new_atom(rw, "C", *start)
    for k in range(1, count + 1):
        offset = (BOND_LENGTH * 0.5) * (1 if k % 2 else 0)
        x = start[0] + ux * step * k + nx * offset
        y = start[1] + uy * step * k + ny * offset
        atom = _new_atom(rw, "C", x, y)
        rw.AddBond(previous, atom, Chem.BondType.SINGLE)
        previous = atom
    return molblock_of(rw)
