"""Every nitrogen of the molecule as a site: what it is, whether it reacts, and how readily.

The 1,4-diazepane ring stays the centre of the app (N1/N4 labels, equivalence, the trees),
but a chemist's substrate has more than its ring: a primary amine on a side chain reacts with
Boc2O, acyl chlorides and alkyl halides before the ring N–H does; a benzo-fused ring has an
aniline-type N1 that stays put while the benzylic N4 reacts; a bis-diazepane has two rings; a
salt's nitrogens are protonated as written. This module reasons about the free base
(`salts.split_salt`) and reports atom indices of the molecule as entered, so a drawing can
be labelled directly.

Nucleophilicity ranks (higher reacts first; 0 does not react with these electrophiles):
primary alkylamine 4 > secondary 3 > hindered secondary (next to a branched carbon) 2.5 >
benzylic secondary 2 > aniline-type N–H 1; amides, carbamates and sulfonamides 0. Only sites
within reach of the best one (rank 2 and up, when any has it) compete for the electrophile:
the aniline N1 of a benzo-fused ring does not compete with its N4.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dzp_planner.core.chem.rings import find_rings, not_found
from dzp_planner.core.chem.rings import generation as rings_generation
from dzp_planner.core.chem.rings.analysis import RingAnalysis
from dzp_planner.core.chem.rings.nitrogens import classify_nitrogen

MODEL_KINDS = ("two-equivalent-sites", "two-different-sites", "one-site", "none")
MAX_REACTIVE_SITES = 12  # more and the product table would be combinatorial: refused with a reason
COMPETING_RANK = 2.0
MANY_SITES = 3  # competing amines from which no SM/mono/bis model applies


@dataclass(frozen=True)
class Site:
    atom: int  # index in the molecule as entered (counter-ions included)
    kind: str
    free_nh: bool
    ring: int | None  # index into SiteModel.rings, None outside every ring of a family
    label: str | None  # "N1"/"N4" for a ring nitrogen
    name: str  # what the app calls it: "N4", "N4 (ring 2)", "side-chain NH2"
    rank: float  # nucleophilicity rank, 0 = does not react with N-electrophiles
    symmetry: int  # canonical rank without tie-breaking: equal = symmetry-equivalent
    quaternizable: bool = False  # a tertiary alkylamine that an alkyl halide can quaternise
    parent_atom: int = -1  # index in the free base (`SiteModel.parent`), where reactions run

    @property
    def reacts(self) -> bool:
        return self.free_nh and self.rank > 0

    def describe(self) -> str:
        words = self.kind.replace("_", " ")
        where = "ring" if self.ring is not None else "outside the ring"
        if self.reacts:
            return f"{self.name}: {words} ({where}) — free N–H, reactive (rank {self.rank:g})"
        if self.free_nh:
            return f"{self.name}: {words} ({where}) — N–H, but not an amine: does not react like one"
        if self.quaternizable:
            return f"{self.name}: {words} ({where}) — no N–H; an alkyl halide can quaternise it"
        return f"{self.name}: {words} ({where}) — no N–H, does not react"

    def as_dict(self) -> dict[str, Any]:
        return {"atom": self.atom, "kind": self.kind, "free_nh": self.free_nh, "ring": self.ring, "label": self.label,
                "name": self.name, "reacts": self.reacts, "rank": self.rank}


@dataclass(frozen=True)
class SiteModel:
    parent_smiles: str  # the free base, canonical
    salt: str
    salt_acid_equiv: float
    protonated: bool
    sites: tuple[Site, ...]
    rings: tuple[RingAnalysis, ...]  # every ring of a registered family (`rings`), atom indices as entered
    first_ring: RingAnalysis  # the first ring, or why there is none
    warnings: tuple[str, ...] = field(default_factory=tuple)
    parent: Any = field(default=None, compare=False, repr=False)  # the free base as an RDKit Mol

    @property
    def reactive(self) -> tuple[Site, ...]:
        """Sites whose N–H can take an electrophile, most nucleophilic first."""
        return tuple(sorted((s for s in self.sites if s.reacts), key=lambda s: (-s.rank, s.ring is None, s.label or "", s.atom)))

    @property
    def competing(self) -> tuple[Site, ...]:
        """The reactive sites that compete for the electrophile (an aniline N–H does not beside an alkylamine)."""
        reactive = self.reactive
        strong = tuple(s for s in reactive if s.rank >= COMPETING_RANK)
        return strong or reactive

    @property
    def model_kind(self) -> str:
        """Which distribution model the structure calls for (see `MODEL_KINDS`)."""
        sites = self.competing
        if not sites:
            return "none"
        if len(sites) == 1:
            return "one-site"
        if len(sites) == 2 and sites[0].symmetry == sites[1].symmetry:
            return "two-equivalent-sites"
        return "two-different-sites"

    @property
    def permanent_cation(self) -> bool:
        """A salt with no acid to take off (a quaternary ammonium iodide): it stays a salt through the reaction and
        the work-up, and its product is one too (LCMS sees the cation, M+)."""
        return bool(self.salt) and self.salt_acid_equiv == 0

    @property
    def beyond_two_sites(self) -> bool:
        """More competing amines than the SM/mono/bis models describe: the plan refuses numbers (and says why)."""
        return len(self.competing) >= MANY_SITES

    @property
    def exocyclic_competitors(self) -> tuple[Site, ...]:
        return tuple(s for s in self.competing if s.ring is None)

def _rank(mol: Any, idx: int, kind: str, free_nh: bool) -> float:
    if not free_nh:
        return 0.0
    if kind == "primary_amine":
        return 4.0
    if kind == "aryl_amine":
        # an NH on a carbon next to a ring N (2-/4-aminopyridine, 4-aminoquinazoline: bunazosin, prazosin)
        # is amidine-like: its lone pair is the ring's, and it does not take these electrophiles
        atom = mol.GetAtomWithIdx(idx)
        if any(c.GetIsAromatic() and any(x.GetSymbol() == "N" and x.GetIsAromatic() for x in c.GetNeighbors())
               for c in atom.GetNeighbors()):
            return 0.0
        return 1.0
    if kind != "secondary_amine":
        return 0.0
    carbons = [nb for nb in mol.GetAtomWithIdx(idx).GetNeighbors() if nb.GetAtomicNum() == 6]
    if any(any(x.GetIsAromatic() for x in c.GetNeighbors() if x.GetIdx() != idx) for c in carbons):
        return 2.0  # benzylic
    if any(sum(1 for x in c.GetNeighbors() if x.GetAtomicNum() > 1) >= 3 for c in carbons):
        return 2.5  # next to a branched carbon (a C2 substituent): hindered
    return 3.0


def _exocyclic_name(kind: str, free_nh: bool, same_kind: int, atom: int) -> str:
    base = {"primary_amine": "side-chain NH2", "secondary_amine": "side-chain NH", "tertiary_amine": "side-chain tertiary N",
            "aryl_amine": "aryl N", "amide": "amide N", "carbamate": "carbamate N", "sulfonamide": "sulfonamide N"}.get(kind, "other N")
    return base if same_kind == 1 else f"{base} (atom {atom + 1})"


def _remap(ring: RingAnalysis, to_input: Any) -> RingAnalysis:
    from dataclasses import replace

    if not ring.found:
        return ring
    return replace(ring, ring_atoms=tuple(to_input(i) for i in ring.ring_atoms), n1=to_input(ring.n1), n4=to_input(ring.n4),
                   sites=tuple(replace(s, atom=to_input(s.atom)) for s in ring.sites))


def _ring_words(rings: Sequence[RingAnalysis]) -> str:
    """The rings named by family: "1,4-diazepane rings", or "1,4-diazepane and piperazine rings" when they differ."""
    names = list(dict.fromkeys(r.family for r in rings))
    return f"{' and '.join(names)} rings"


def salt_warning(salt: str, acid_equiv: float) -> str:
    """What the structure says of a salt: masses are the free base's, and the base that frees it. One text, so a
    plan whose route keeps the salt's acid on the diamine (mono-protonation) can leave exactly this one out."""
    from dzp_planner.core.chem.salts import salt_words

    if acid_equiv > 0:
        return (f"Entered as {salt_words(salt)} ({salt}): products and LCMS masses are the free base's; free it with "
                f"{acid_equiv:g} equiv of base and one more (TEA and the diamine share the last proton), or charge the salt's MW.")
    return (f"Entered as {salt_words(salt)} ({salt}) of a permanent cation: products and LCMS masses are the cation's "
            "(seen as M+, no proton added); its counter-ion is an anion with no proton to take away, so no base frees it, "
            "and the product is a salt too (it stays in water at work-up).")


def build_site_model(mol: Any) -> SiteModel:
    """The site model of a sanitised molecule (as entered: a salt, a cation, a free base)."""
    from dataclasses import replace

    from rdkit import Chem

    from dzp_planner.core.chem.salts import split_salt

    split = split_salt(mol)
    parent = split.parent
    to_input = split.to_input_index
    rings = find_rings(parent)
    ring_of: dict[int, tuple[int, str]] = {}  # ring nitrogen -> (ring index, "N1"/"N4")
    for r, ring in enumerate(rings):
        for ring_site in ring.sites:
            ring_of.setdefault(ring_site.atom, (r, ring_site.label))
    symmetry = list(Chem.CanonicalRankAtoms(parent, breakTies=False))
    nitrogens = [a.GetIdx() for a in parent.GetAtoms() if a.GetSymbol() == "N"]
    kinds = {idx: classify_nitrogen(parent, idx) for idx in nitrogens}
    kind_count: dict[str, int] = {}
    for idx in nitrogens:
        if idx not in ring_of:
            kind_count[kinds[idx]] = kind_count.get(kinds[idx], 0) + 1
    sites: list[Site] = []
    for idx in nitrogens:
        kind = kinds[idx]
        free_nh = parent.GetAtomWithIdx(idx).GetTotalNumHs(includeNeighbors=True) > 0
        ring_index, label = ring_of.get(idx, (None, None))
        if ring_index is None:
            name = _exocyclic_name(kind, free_nh, kind_count.get(kind, 1), to_input(idx))
        else:
            name = str(label) if len(rings) == 1 else f"{label} (ring {ring_index + 1})"
        quaternizable = kind == "tertiary_amine"
        sites.append(Site(to_input(idx), kind, free_nh, ring_index, label, name, _rank(parent, idx, kind, free_nh),
                          symmetry[idx], quaternizable, idx))
    mapped_rings = tuple(_remap(r, to_input) for r in rings)
    first = mapped_rings[0] if mapped_rings else not_found(parent)
    warnings = list(first.warnings)
    if len(mapped_rings) > 1:
        warnings.append(f"{len(mapped_rings)} {_ring_words(mapped_rings)}: every ring's nitrogens are in the site table and the products.")
    if split.salt:
        warnings.append(salt_warning(split.salt, split.acid_equiv))
    elif split.protonated:
        warnings.append("Entered with protonated (charged) amines: the free base is analysed; LCMS sees the free base.")
    warnings.extend(split.notes)
    model = SiteModel(Chem.MolToSmiles(parent), split.salt, split.acid_equiv, split.protonated, tuple(sites),
                      mapped_rings, first, (), parent)
    exo = model.exocyclic_competitors
    if exo and mapped_rings:
        warnings.extend(_competitor_warnings(exo, model.competing[0]))
    info = parent.GetRingInfo()
    for nitrogen in model.sites:
        atom = parent.GetAtomWithIdx(nitrogen.parent_atom)
        if nitrogen.quaternizable and info.NumAtomRings(nitrogen.parent_atom) >= 2 and all(
                info.NumAtomRings(nb.GetIdx()) >= 1 for nb in atom.GetNeighbors()):
            warnings.append(f"{nitrogen.name} is a bridgehead tertiary amine (quinuclidine-like): very nucleophilic, and "
                            "alkyl halides quaternise it readily; it also competes for acylating agents as a catalyst.")
    if model.beyond_two_sites:
        names = ", ".join(site.name for site in model.competing)
        warnings.append(f"{len(model.competing)} reactive amines compete ({names}): the SM/mono/bis models describe two "
                        "sites, so the plan gives no SM/mono/bis numbers. Protect every N that must not react (a Boc on "
                        "a primary amine) and plan that substrate.")
    if len(model.reactive) > MAX_REACTIVE_SITES:
        warnings.append(f"{len(model.reactive)} reactive N–H: products are enumerated for at most {MAX_REACTIVE_SITES}.")
    return replace(model, warnings=tuple(warnings))


def site_model_for(smiles: str) -> SiteModel:
    """The site model of a SMILES (cached; raises StructureError for one RDKit cannot read)."""
    return _site_model_cached(smiles, rings_generation())


@lru_cache(maxsize=256)
def _site_model_cached(smiles: str, _families: int) -> SiteModel:
    """Keyed on the ring families' generation too: registering a family is seen by the next call."""
    from dzp_planner.core.chem.parsing import parse_smiles

    return build_site_model(parse_smiles(smiles))


_REAGENTS = "towards Boc2O, acyl and sulfonyl chlorides, alkyl halides and aldehydes: protect"
NAMED_COMPETITORS = 3  # a warning names this many amines of a kind, then counts the rest


def _competitor_warnings(exo: Sequence[Site], best: Site) -> list[str]:
    """One warning for the amine that reacts first, and one per kind for the others, however many
    there are: 47 side-chain amines are one warning that counts them, not 47 warnings."""
    warnings = []
    by_kind: dict[str, list[Site]] = {}
    for competitor in exo:
        kind = competitor.kind.replace("_", " ")
        if competitor is best:
            warnings.append(f"The {kind} outside the ring ({competitor.name}) reacts first {_REAGENTS} it, or expect it to react.")
        else:
            by_kind.setdefault(kind, []).append(competitor)
    for kind, group in by_kind.items():
        if len(group) == 1:
            warnings.append(f"The {kind} outside the ring ({group[0].name}) competes with the ring N–H {_REAGENTS} it, "
                            "or expect it to react.")
            continue
        names = ", ".join(c.name for c in group[:NAMED_COMPETITORS])
        more = f" and {len(group) - NAMED_COMPETITORS} more" if len(group) > NAMED_COMPETITORS else ""
        warnings.append(f"{len(group)} {kind}s outside the ring ({names}{more}) compete with the ring N–H {_REAGENTS} them, "
                        "or expect them to react.")
    return warnings
