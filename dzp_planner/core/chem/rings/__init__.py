"""Ring families: which rings of a molecule the app numbers N1/N4 and treats as the substrate's ring.

A family is a small object (`RingFamily`): its name, `find(mol)` for every ring of the family in a molecule,
and `not_found(mol)` for why there is none. The 1,4-diazepane is the app's family (`diazepane.DIAZEPANE`); a
piperazine or 1,4-diazocane module implements the same three members with the helpers of `walk` and is
`register`ed. The site model asks here for the rings, so its sites, products, checks and `show` follow
whichever families are registered; nothing else names a ring size.
"""

from __future__ import annotations

from typing import Protocol

from dzp_planner.core.chem.rdtypes import Mol
from dzp_planner.core.chem.rings.analysis import RingAnalysis


class RingFamily(Protocol):
    """What the site model needs of a ring family."""

    @property
    def name(self) -> str:
        """The family's name as the chemist reads it ("1,4-diazepane")."""
        ...

    def find(self, mol: Mol) -> list[RingAnalysis]:
        """Every ring of this family in a sanitised molecule, numbered N1, ..., N4, ...; [] when there is none."""
        ...

    def not_found(self, mol: Mol) -> RingAnalysis:
        """Why the molecule has no ring of this family (found=False, with the warning a chemist reads)."""
        ...


_FAMILIES: list[RingFamily] = []
_generation = [0]  # bumped by every change: caches of ring analyses key on it (`generation`)


def families() -> tuple[RingFamily, ...]:
    """The registered families, the app's own (the 1,4-diazepane) first."""
    if not _FAMILIES:
        from dzp_planner.core.chem.rings.diazepane import DIAZEPANE

        _FAMILIES.append(DIAZEPANE)
    return tuple(_FAMILIES)


def generation() -> int:
    """How many times the families changed: a cache keyed on it never returns the rings of the families before."""
    return _generation[0]


def _changed() -> None:
    _generation[0] += 1


def register(family: RingFamily) -> None:
    """Add (or replace, by name) a ring family after the app's own."""
    current = [f for f in families() if f.name != family.name]
    _FAMILIES[:] = [*current, family]
    _changed()


def unregister(name: str) -> None:
    """Take a family out again (the app's own stays)."""
    own = families()[0]
    _FAMILIES[:] = [f for f in families() if f.name != name or f is own]
    _changed()


def find_rings(mol: Mol) -> list[RingAnalysis]:
    """Every ring of every registered family; a ring two families both claim (the same two N) is counted once."""
    found: list[RingAnalysis] = []
    pairs: set[frozenset[int | None]] = set()
    for family in families():
        for ring in family.find(mol):
            pair = frozenset((ring.n1, ring.n4))
            if pair not in pairs:
                pairs.add(pair)
                found.append(ring)
    return found


def not_found(mol: Mol) -> RingAnalysis:
    """Why the molecule has no ring: the app's own family says (it knows the look-alikes)."""
    return families()[0].not_found(mol)
