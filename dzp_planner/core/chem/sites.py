"""Find the 1,4-diazepane ring, number it, and say which nitrogens can react.

A saturated 1,4-diazepane is a seven-membered ring N1–C2–C3–N4–C5–C6–C7 with single ring
bonds. Numbering follows IUPAC's lowest-locant rule: of the two ways round the ring (either
nitrogen as N1; the two-carbon bridge is always C2–C3), the one giving the substituted ring
atoms the lower locant set wins; on a tie the nitrogen bearing the principal characteristic
group (carbamate, acyl) is N1; a remaining tie is broken by canonical rank so the answer is
stable. (IUPAC's last tie-break, alphabetical order of the substituent names, is not applied.)
Equivalence of N1 and N4 uses canonical ranks without tie-breaking: equal ranks mean the
two nitrogens are symmetry-equivalent, so regioselectivity is impossible without first
making them different.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("secondary_amine", "tertiary_amine", "carbamate", "amide", "sulfonamide", "aryl_amine", "other")


@dataclass(frozen=True)
class RingSite:
    atom: int
    label: str  # "N1" or "N4"
    kind: str  # one of KINDS
    free_nh: bool

    def describe(self) -> str:
        words = self.kind.replace("_", " ")
        return f"{self.label}: {words}" + (" — free N–H, reactive" if self.free_nh else " — no N–H, does not react")


@dataclass(frozen=True)
class DiazepaneAnalysis:
    found: bool
    ring_atoms: tuple[int, ...] = ()  # in locant order N1, C2, C3, N4, C5, C6, C7
    n1: int | None = None
    n4: int | None = None
    n1_n4_equivalent: bool | None = None
    sites: tuple[RingSite, ...] = ()
    oxidized_form: bool = False
    ring_substituents: tuple[int, ...] = ()  # locants of substituted ring carbons
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def free_nh_sites(self) -> tuple[RingSite, ...]:
        """Ring N–H that react as amines (a lactam N–H is an amide and does not)."""
        return tuple(s for s in self.sites if s.free_nh and s.kind == "secondary_amine")

    def as_dict(self) -> dict:
        return {
            "found": self.found,
            "ring_atoms": list(self.ring_atoms),
            "n1": self.n1,
            "n4": self.n4,
            "n1_n4_equivalent": self.n1_n4_equivalent,
            "sites": [{"atom": s.atom, "label": s.label, "kind": s.kind, "free_nh": s.free_nh} for s in self.sites],
            "oxidized_form": self.oxidized_form,
            "ring_substituents": list(self.ring_substituents),
            "warnings": list(self.warnings),
        }


def _ordered_ring(mol, ring: tuple[int, ...]) -> list[int]:  # type: ignore[no-untyped-def]
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


def _diaza_positions(mol, order: list[int]) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """Positions (in `order`) of the two ring N if they are 1,4 to each other (3 bonds apart one way)."""
    nitrogens = [i for i, idx in enumerate(order) if mol.GetAtomWithIdx(idx).GetSymbol() == "N"]
    if len(nitrogens) != 2 or any(mol.GetAtomWithIdx(order[i]).GetSymbol() not in ("C", "N") for i in range(len(order))):
        return None
    a, b = nitrogens
    gap = (b - a) % len(order)
    if {gap, len(order) - gap} == {3, 4}:
        return (a, b)
    return None


def _ring_unsaturated(mol, order: list[int]) -> bool:  # type: ignore[no-untyped-def]
    from rdkit.Chem import BondType

    for i, idx in enumerate(order):
        bond = mol.GetBondBetweenAtoms(idx, order[(i + 1) % len(order)])
        if bond.GetBondType() != BondType.SINGLE or bond.GetIsAromatic():
            return True
    return False


def _numbering(mol, order: list[int], pos_a: int, pos_b: int) -> list[list[int]]:  # type: ignore[no-untyped-def]
    """The two candidate numberings N1..C7 (lists of atom indices)."""
    n = len(order)
    candidates = []
    for first, second in ((pos_a, pos_b), (pos_b, pos_a)):
        # walk from N1 towards N4 along the two-carbon bridge
        step = 1 if (second - first) % n == 3 else -1
        candidates.append([order[(first + step * k) % n] for k in range(n)])
    return candidates


def _substituted(mol, atom_idx: int, ring: set[int]) -> bool:  # type: ignore[no-untyped-def]
    return any(nb.GetIdx() not in ring and nb.GetAtomicNum() > 1 for nb in mol.GetAtomWithIdx(atom_idx).GetNeighbors())


def classify_nitrogen(mol, idx: int) -> str:  # type: ignore[no-untyped-def]
    """Class of a ring nitrogen: what it is bonded to decides whether and how it reacts."""
    atom = mol.GetAtomWithIdx(idx)
    if atom.GetFormalCharge() != 0 or atom.GetIsAromatic():
        return "other"
    kind = "secondary_amine" if atom.GetTotalNumHs() > 0 else "tertiary_amine"
    for nb in atom.GetNeighbors():
        if nb.GetSymbol() == "S" and sum(1 for b in nb.GetBonds() if b.GetBondTypeAsDouble() == 2 and b.GetOtherAtom(nb).GetSymbol() == "O") >= 2:
            return "sulfonamide"
        if nb.GetSymbol() == "C":
            double_o = any(b.GetBondTypeAsDouble() == 2 and b.GetOtherAtom(nb).GetSymbol() in ("O", "S") for b in nb.GetBonds())
            if double_o:
                single_o = any(
                    b.GetBondTypeAsDouble() == 1 and b.GetOtherAtom(nb).GetSymbol() == "O" for b in nb.GetBonds()
                )
                return "carbamate" if single_o else "amide"
            if nb.GetIsAromatic() and kind == "tertiary_amine":
                kind = "aryl_amine"
        elif nb.GetSymbol() != "C" and kind == "tertiary_amine":
            kind = "other"
    return kind


def analyze_mol(mol) -> DiazepaneAnalysis:  # type: ignore[no-untyped-def]
    """Site analysis of a sanitised molecule."""
    from rdkit import Chem

    info = mol.GetRingInfo()
    saturated: list[list[int]] = []
    oxidized = False
    look_alikes: list[str] = []
    for ring in info.AtomRings():
        order = _ordered_ring(mol, ring)
        n_count = sum(1 for i in order if mol.GetAtomWithIdx(i).GetSymbol() == "N")
        if len(order) == 7 and n_count == 2:
            positions = _diaza_positions(mol, order)
            if positions is None:
                look_alikes.append("a 1,3-diazepane (nitrogens 1,3 to each other), not a 1,4-diazepane")
            elif _ring_unsaturated(mol, order):
                oxidized = True
            else:
                saturated.append(order)
        elif len(order) == 6 and n_count == 2:
            look_alikes.append("a six-membered diaza ring (piperazine-like), not a 1,4-diazepane")
    warnings: list[str] = []
    if oxidized:
        warnings.append(
            "The seven-membered ring is unsaturated: this is an oxidised form (1,4-diazepine, dihydro- or "
            "tetrahydro-diazepine, or an amidine), the product of the dehydrogenation the guide warns about."
        )
    if not saturated:
        if not oxidized:
            warnings.append("Not a 1,4-diazepane: " + (look_alikes[0] if look_alikes else "no saturated N–C–C–N–C–C–C ring found") + ".")
        return DiazepaneAnalysis(found=False, oxidized_form=oxidized, warnings=tuple(warnings))
    if len(saturated) > 1:
        warnings.append(f"{len(saturated)} 1,4-diazepane rings: the analysis describes the first.")
    order = saturated[0]
    ring = set(order)
    pos = _diaza_positions(mol, order)
    assert pos is not None
    ranks = list(Chem.CanonicalRankAtoms(mol, breakTies=False))
    best = None
    for candidate in _numbering(mol, order, *pos):
        locants = tuple(k + 1 for k, idx in enumerate(candidate) if _substituted(mol, idx, ring))
        # on a locant tie the nitrogen carrying the principal group (a carbamate ester, or an
        # acyl group that makes the ring a substituent) is N1: "tert-butyl 4-benzyl-1,4-diazepane-1-carboxylate"
        principal = 0 if classify_nitrogen(mol, candidate[0]) in ("carbamate", "amide") else 1
        key = (locants, principal, ranks[candidate[0]], ranks[candidate[1]])
        if best is None or key < best[0]:
            best = (key, candidate)
    assert best is not None
    numbered = best[1]
    n1, n4 = numbered[0], numbered[3]
    sites = tuple(
        RingSite(atom=idx, label=label, kind=classify_nitrogen(mol, idx), free_nh=mol.GetAtomWithIdx(idx).GetTotalNumHs() > 0)
        for idx, label in ((n1, "N1"), (n4, "N4"))
    )
    substituents = tuple(k + 1 for k, idx in enumerate(numbered) if k not in (0, 3) and _substituted(mol, idx, ring))
    equivalent = ranks[n1] == ranks[n4]
    if not any(s.free_nh and s.kind == "secondary_amine" for s in sites):
        warnings.append("No free N–H on the ring: N-alkylation, acylation, Boc protection and Buchwald–Hartwig coupling do not apply to this structure.")
    return DiazepaneAnalysis(
        found=True,
        ring_atoms=tuple(numbered),
        n1=n1,
        n4=n4,
        n1_n4_equivalent=equivalent,
        sites=sites,
        oxidized_form=oxidized,
        ring_substituents=substituents,
        warnings=tuple(warnings),
    )


def equivalence_reason(analysis: DiazepaneAnalysis) -> str:
    if not analysis.found:
        return "no 1,4-diazepane ring"
    if analysis.n1_n4_equivalent:
        return "N1 and N4 are equivalent: same canonical rank (the molecule is symmetric through the ring)"
    return "N1 and N4 are not equivalent: different canonical ranks"
