"""What a ring family reports of one ring it found: the ring's atoms in locant order, its two nitrogens as
sites, and why the molecule has none. Ring-independent, so a piperazine family reports the same record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dzp_planner.core.chem.rings.nitrogens import AMINE_KINDS


@dataclass(frozen=True)
class RingSite:
    atom: int
    label: str  # "N1" or "N4"
    kind: str  # one of nitrogens.KINDS
    free_nh: bool  # the nitrogen carries an H (a lactam N–H too; see `reacts_as_amine`)

    @property
    def reacts_as_amine(self) -> bool:
        return self.free_nh and self.kind in AMINE_KINDS

    def describe(self) -> str:
        words = self.kind.replace("_", " ")
        if self.reacts_as_amine:
            return f"{self.label}: {words} — free N–H, reactive"
        if self.free_nh:
            return f"{self.label}: {words} — N–H, but not an amine: it does not react like one"
        return f"{self.label}: {words} — no N–H, does not react"


@dataclass(frozen=True)
class RingAnalysis:
    found: bool
    ring_atoms: tuple[int, ...] = ()  # in locant order: N1, C2, C3, N4, ... (1,4-diaza rings)
    n1: int | None = None
    n4: int | None = None
    n1_n4_equivalent: bool | None = None
    sites: tuple[RingSite, ...] = ()
    oxidized_form: bool = False
    ring_substituents: tuple[int, ...] = ()  # locants of substituted ring carbons (fusion atoms excluded)
    fused: bool = False  # shares a bond with an aromatic ring
    bridged: bool = False  # a bridged bicycle (1,4-diazabicyclo[3.2.2]nonane, [3.2.1]octane): counted once
    warnings: tuple[str, ...] = field(default_factory=tuple)
    family: str = "1,4-diazepane"  # the ring family's name (`rings.RingFamily.name`)

    def as_dict(self) -> dict[str, Any]:
        return {
            "found": self.found,
            "family": self.family,
            "ring_atoms": list(self.ring_atoms),
            "n1": self.n1,
            "n4": self.n4,
            "n1_n4_equivalent": self.n1_n4_equivalent,
            "sites": [{"atom": s.atom, "label": s.label, "kind": s.kind, "free_nh": s.free_nh} for s in self.sites],
            "oxidized_form": self.oxidized_form,
            "ring_substituents": list(self.ring_substituents),
            "fused": self.fused,
            "bridged": self.bridged,
            "warnings": list(self.warnings),
        }


def equivalence_reason(analysis: RingAnalysis) -> str:
    if not analysis.found:
        return f"no {analysis.family} ring"
    if analysis.n1_n4_equivalent:
        return "N1 and N4 are equivalent: same canonical rank (the molecule is symmetric through the ring)"
    return "N1 and N4 are not equivalent: different canonical ranks"
