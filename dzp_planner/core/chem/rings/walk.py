"""Walking a ring of RDKit atoms: its order, where its two nitrogens sit, whether it is saturated or fused. Every
1,4-diaza ring family (diazepane, piperazine, a 1,4-diazocane) asks the same questions of its rings."""

from __future__ import annotations

from typing import Any


def ordered_ring(mol: Any, ring: tuple[int, ...]) -> list[int]:
    """Ring atoms in walking order (RDKit's ring tuples are not guaranteed to be)."""
    members = set(ring)
    order = [ring[0]]
    previous = None
    while len(order) < len(ring):
        current = order[-1]
        nxt = next(
            n.GetIdx() for n in mol.GetAtomWithIdx(current).GetNeighbors()
            if n.GetIdx() in members and n.GetIdx() != previous and n.GetIdx() not in order
        )
        previous = current
        order.append(nxt)
    return order


def nitrogen_gap(mol: Any, order: list[int]) -> tuple[int, int, int] | None:
    """(position of one N, position of the other, shorter bond distance) for a ring with exactly two N and otherwise C."""
    nitrogens = [i for i, idx in enumerate(order) if mol.GetAtomWithIdx(idx).GetSymbol() == "N"]
    if len(nitrogens) != 2 or any(mol.GetAtomWithIdx(idx).GetSymbol() not in ("C", "N") for idx in order):
        return None
    a, b = nitrogens
    gap = (b - a) % len(order)
    return a, b, min(gap, len(order) - gap)


def fused_bond(mol: Any, bond: Any) -> bool:
    """An aromatic bond this ring shares with an aromatic ring (benzo-, pyrido-, thieno-fusion)."""
    if not bond.GetIsAromatic():
        return False
    info = mol.GetRingInfo()
    return info.NumBondRings(bond.GetIdx()) >= 2


def ring_state(mol: Any, order: list[int]) -> tuple[bool, bool]:
    """(unsaturated: a C=N or C=C of the ring itself, fused to an arene)."""
    from rdkit.Chem import BondType

    unsaturated = fused = False
    bonds = [mol.GetBondBetweenAtoms(idx, order[(i + 1) % len(order)]) for i, idx in enumerate(order)]
    if all(b.GetIsAromatic() for b in bonds):  # an aromatic diazine
        return True, False
    for bond in bonds:
        if fused_bond(mol, bond):
            fused = True
        elif bond.GetIsAromatic() or bond.GetBondType() != BondType.SINGLE:
            unsaturated = True
    return unsaturated, fused


def substituted(mol: Any, atom_idx: int, ring: set[int]) -> bool:
    return any(nb.GetIdx() not in ring and nb.GetAtomicNum() > 1 for nb in mol.GetAtomWithIdx(atom_idx).GetNeighbors())


def fusion_atom(mol: Any, atom_idx: int, ring: set[int]) -> bool:
    atom = mol.GetAtomWithIdx(atom_idx)
    return atom.GetIsAromatic() and any(
        fused_bond(mol, mol.GetBondBetweenAtoms(atom_idx, nb.GetIdx())) for nb in atom.GetNeighbors() if nb.GetIdx() in ring)
