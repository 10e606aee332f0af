"""The 1,4-diazepane ring family: find every ring, number it, and say why a look-alike is not one.

A saturated 1,4-diazepane is a seven-membered ring N1–C2–C3–N4–C5–C6–C7 whose own bonds
are single. A ring fused to an arene (benzo-, pyrido-, thieno-) shares one aromatic bond with
it: that bond belongs to the arene, so 2,3,4,5-tetrahydro-1H-1,4-benzodiazepine is still a
saturated diazepane (with an aryl-amine N1), while a C=N or C=C of the seven-membered ring
itself (diazepam, a tetrahydro-diazepine) is the oxidised form.

Numbering follows IUPAC: the two-carbon bridge is C2–C3; in a fused ring the fusion atoms
take the highest locants (N1 next to the arene, as in 1H-1,4-benzodiazepine); otherwise the
lowest locant set for substituted ring atoms wins; on a tie the nitrogen bearing the
principal characteristic group (carbamate, acyl) is N1; then the substituent that comes first
in alphabetical order (`naming.n_substituent_name`) is on N1; a remaining tie is broken by
canonical rank so the answer is stable. Equivalence of N1 and N4 uses canonical ranks without
tie-breaking: equal ranks mean the two nitrogens are symmetry-equivalent.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from dzp_planner.core.chem.rings.analysis import RingAnalysis, RingSite
from dzp_planner.core.chem.rings.nitrogens import classify_nitrogen
from dzp_planner.core.chem.rings.walk import fusion_atom, nitrogen_gap, ordered_ring, ring_state, substituted

FAMILY = "1,4-diazepane"


def _numbering(order: list[int], pos_a: int, pos_b: int) -> list[list[int]]:
    """The two candidate numberings N1..C7 (lists of atom indices)."""
    n = len(order)
    candidates = []
    for first, second in ((pos_a, pos_b), (pos_b, pos_a)):
        # walk from N1 towards N4 along the two-carbon bridge
        step = 1 if (second - first) % n == 3 else -1
        candidates.append([order[(first + step * k) % n] for k in range(n)])
    return candidates


def _look_alike(mol: Any, order: list[int]) -> str | None:
    """Why a ring that resembles a 1,4-diazepane is not one (None when it does not resemble one)."""
    gap = nitrogen_gap(mol, order)
    n_count = sum(1 for i in order if mol.GetAtomWithIdx(i).GetSymbol() == "N")
    aromatic = all(mol.GetAtomWithIdx(i).GetIsAromatic() for i in order)
    if len(order) == 7 and gap is not None and gap[2] in (1, 2):
        return f"a 1,{gap[2] + 1}-diazepane (nitrogens 1,{gap[2] + 1} to each other)"
    if len(order) == 7 and n_count == 1 and not aromatic:
        return "an azepane (one ring nitrogen)"
    if len(order) == 6 and gap is not None and gap[2] == 3 and not aromatic:
        return "a piperazine (a six-membered 1,4-diaza ring)"
    return None


def diazepane_rings(mol: Any) -> list[RingAnalysis]:
    """Every 1,4-diazepane ring of a sanitised molecule, numbered; [] when there is none."""
    from rdkit import Chem

    ranks = None
    found: list[RingAnalysis] = []
    nitrogen_pairs: set[frozenset[int]] = set()
    for order in _seven_membered_cycles(mol):
        gap = nitrogen_gap(mol, order)
        if gap is None or gap[2] != 3:
            continue
        unsaturated, fused = ring_state(mol, order)
        pair = frozenset((order[gap[0]], order[gap[1]]))
        if unsaturated or pair in nitrogen_pairs:  # a bridged bicycle's second 7-ring through the same N: one ring
            continue
        nitrogen_pairs.add(pair)
        if ranks is None:
            ranks = list(Chem.CanonicalRankAtoms(mol, breakTies=False))
        analysis = _number_ring(mol, order, gap[0], gap[1], ranks, fused)
        bridgeheads = _bridgeheads(mol, order)
        if bridgeheads:
            locants = sorted(analysis.ring_atoms.index(a) + 1 for a in bridgeheads)
            labels = [f"{'N' if k in (1, 4) else 'C'}{k}" for k in locants]
            at_n = "a bridgehead N has no N–H and cannot react" if {1, 4} & set(locants) else "both N are off the bridgeheads"
            note = (f"A bridged bicycle: the 1,4-diazepane is counted once, with bridgeheads {' and '.join(labels)}; {at_n}, "
                    "and the rigid cage changes the rates the model assumes.")
            analysis = dataclasses.replace(analysis, bridged=True, warnings=(*analysis.warnings, note))
        found.append(analysis)
    return found


# every simple N–C–C–N–C–C–C cycle, also one the smallest set of rings leaves out (the 7-ring of a
# 1,4-diazabicyclo[3.2.1]octane is the envelope of its 5- and 6-rings)
_DIAZEPANE_CYCLE = "[#7]1@[#6]@[#6]@[#7]@[#6]@[#6]@[#6]@1"


def _seven_membered_cycles(mol: Any) -> list[list[int]]:
    """Seven-membered rings in walking order: the ring perception's, then any diaza cycle it left out."""
    from rdkit import Chem

    orders = [ordered_ring(mol, ring) for ring in mol.GetRingInfo().AtomRings() if len(ring) == 7]
    seen = {frozenset(order) for order in orders}
    for match in mol.GetSubstructMatches(Chem.MolFromSmarts(_DIAZEPANE_CYCLE), uniquify=True, maxMatches=200):
        if frozenset(match) not in seen:
            seen.add(frozenset(match))
            orders.append(list(match))
    return orders


def _bridgeheads(mol: Any, order: list[int]) -> tuple[int, ...]:
    """Ring atoms joined by a path outside the ring to a ring atom that is not their neighbour in it (a bridge).
    A fused ring returns to the neighbour (a shared bond), a spiro ring to the atom itself: neither is a bridge."""
    ring = set(order)
    position = {a: i for i, a in enumerate(order)}
    found: set[int] = set()
    for start in order:
        for first in mol.GetAtomWithIdx(start).GetNeighbors():
            if first.GetIdx() in ring or not first.IsInRing():
                continue
            seen, frontier = {first.GetIdx()}, [first.GetIdx()]
            while frontier:
                atom = frontier.pop()
                for nb in mol.GetAtomWithIdx(atom).GetNeighbors():
                    idx = nb.GetIdx()
                    if idx in ring:
                        apart = abs(position[idx] - position[start])
                        if idx != start and min(apart, len(order) - apart) > 1:
                            found.update((start, idx))
                    elif idx not in seen:
                        seen.add(idx)
                        frontier.append(idx)
    return tuple(sorted(found))


def oxidized_rings(mol: Any) -> int:
    """How many seven-membered 1,4-diaza rings carry a C=N or C=C of their own (the oxidised form)."""
    count = 0
    for ring in mol.GetRingInfo().AtomRings():
        if len(ring) != 7:
            continue
        order = ordered_ring(mol, ring)
        gap = nitrogen_gap(mol, order)
        if gap is not None and gap[2] == 3 and ring_state(mol, order)[0]:
            count += 1
    return count


def look_alikes(mol: Any) -> list[str]:
    out: list[str] = []
    for ring in mol.GetRingInfo().AtomRings():
        reason = _look_alike(mol, ordered_ring(mol, ring)) if len(ring) in (6, 7) else None
        if reason and reason not in out:
            out.append(reason)
    return out


def _number_ring(mol: Any, order: list[int], pos_a: int, pos_b: int, ranks: list[int], fused: bool) -> RingAnalysis:
    from dzp_planner.core.chem.groups import n_substituent_name

    ring = set(order)
    best: tuple[tuple[Any, ...], list[int]] | None = None
    for candidate in _numbering(order, pos_a, pos_b):
        fusion = tuple(sorted(-(k + 1) for k, idx in enumerate(candidate) if fusion_atom(mol, idx, ring)))
        locants = tuple(k + 1 for k, idx in enumerate(candidate)
                        if substituted(mol, idx, ring) and not fusion_atom(mol, idx, ring))
        # on a locant tie the nitrogen carrying the principal group (a carbamate ester, or an
        # acyl group that makes the ring a substituent) is N1: "tert-butyl 4-benzyl-1,4-diazepane-1-carboxylate"
        principal = 0 if classify_nitrogen(mol, candidate[0]) in ("carbamate", "amide") else 1
        # then alphabetical order of the N-substituent prefixes (IUPAC P-31.1.4.3.4)
        alphabetical = (n_substituent_name(mol, candidate[0], ring), n_substituent_name(mol, candidate[3], ring))
        alpha_key = tuple(name if name else "\uffff" for name in alphabetical)
        key = (fusion, locants, principal, alpha_key, ranks[candidate[0]], ranks[candidate[3]])
        if best is None or key < best[0]:
            best = (key, candidate)
    assert best is not None
    numbered = best[1]
    n1, n4 = numbered[0], numbered[3]
    sites = tuple(
        RingSite(atom=idx, label=label, kind=classify_nitrogen(mol, idx), free_nh=mol.GetAtomWithIdx(idx).GetTotalNumHs(includeNeighbors=True) > 0)
        for idx, label in ((n1, "N1"), (n4, "N4"))
    )
    substituents = tuple(k + 1 for k, idx in enumerate(numbered)
                         if k not in (0, 3) and substituted(mol, idx, ring) and not fusion_atom(mol, idx, ring))
    return RingAnalysis(
        found=True, ring_atoms=tuple(numbered), n1=n1, n4=n4, n1_n4_equivalent=ranks[n1] == ranks[n4],
        sites=sites, ring_substituents=substituents, fused=fused,
        warnings=tuple(_ring_warnings(sites)),
    )


def _ring_warnings(sites: tuple[RingSite, ...]) -> list[str]:
    if any(s.reacts_as_amine for s in sites):
        return []
    lactams = [s for s in sites if s.free_nh and s.kind == "amide"]
    if lactams:
        which = " and ".join(s.label for s in lactams)
        return [f"No free amine N–H on the ring: the N–H at {which} is a lactam (amide). N-alkylation with an alkyl halide "
                "and reductive amination of an amine do not apply; a lactam N–H can be Boc-protected (Boc2O, DMAP), "
                "alkylated after deprotonation (NaH, then R–X) or arylated (Goldberg or Buchwald amidation)."]
    return ["No free N–H on the ring: N-alkylation, acylation, Boc protection and Buchwald–Hartwig coupling "
            "do not apply to this structure."]


def not_found(mol: Any) -> RingAnalysis:
    oxidized = oxidized_rings(mol) > 0
    if oxidized:
        return RingAnalysis(found=False, oxidized_form=True, warnings=(
            "The seven-membered 1,4-diaza ring carries a C=N or C=C of its own: this is an oxidised form "
            "(an imine, enamine, dihydro- or tetrahydro-diazepine, or a 1,4-diazepine), the product of the "
            "dehydrogenation the guide warns about.",))
    alikes = look_alikes(mol)
    if alikes:
        return RingAnalysis(found=False, warnings=(f"Not a 1,4-diazepane: the molecule has {' and '.join(alikes)}, "
                                                        "but no saturated N–C–C–N–C–C–C ring.",))
    return RingAnalysis(found=False, warnings=("Not a 1,4-diazepane: no saturated N–C–C–N–C–C–C ring found.",))


@dataclass(frozen=True)
class DiazepaneFamily:
    """The app's ring family (`rings.RingFamily`)."""

    name: str = FAMILY

    def find(self, mol: Any) -> list[RingAnalysis]:
        return diazepane_rings(mol)

    def not_found(self, mol: Any) -> RingAnalysis:
        return not_found(mol)


DIAZEPANE = DiazepaneFamily()
