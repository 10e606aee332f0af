"""Products of N-functionalisation at every reactive nitrogen, and the LCMS mass table.

Each reaction type (`reactions.registry`) gives reaction SMARTS applied to the substrate's free
base and the reagent. The sites that react are the site model's competing sites (`site_model`):
every diazepane ring's free N–H and every exocyclic amine, one mono product per symmetry class,
and a bis product whenever two or more sites can react. A reaction type may add rows of its own
(reductive amination the iminium, alkylation the quaternary salts); two rows with one m/z are
flagged as isobars. The first ion of a row is the one to look for: [M+H]+ wherever the product
has a basic nitrogen (an amine or a pyridine-type ring N), [M+Na]+ only where it has none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dzp_planner.core.chem.rdtypes import Mol
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.reactions import engine, registry

NA_PLUS = 22.989218  # Na+ (monoisotopic Na minus an electron)
C4H8 = 56.0626  # isobutene lost from a Boc group in the source
BOC = 100.0524  # C5H8O2, a whole Boc group


@dataclass(frozen=True)
class Product:
    smiles: str
    sites: tuple[str, ...]  # site names functionalised, e.g. ("N4",) or ("side-chain NH2",)


def reagent_reacts(reaction: str, reagent_smiles: str) -> bool:
    """Whether the reagent has the group the reaction needs (an aldehyde for reductive amination, ...)."""
    from dzp_planner.core.chem.parsing import StructureError, parse_smiles

    found = registry.find(reaction)
    if found is None or not reagent_smiles.strip():
        return False
    try:
        reagent = parse_smiles(reagent_smiles)
    except StructureError:
        return False
    return any(reagent.HasSubstructMatch(engine.reaction(smarts).GetReactantTemplate(1)) for smarts in found.product_smarts)


def enumerate_products(substrate_smiles: str, reaction: str, reagent_smiles: str) -> dict[str, list[Product]]:
    """Mono products (one per symmetry class of competing site, most reactive first) and the bis product."""
    from dzp_planner.core.chem.rings import generation

    return _enumerate_cached(substrate_smiles.strip(), reaction, reagent_smiles.strip(), generation())


@lru_cache(maxsize=256)
def _enumerate_cached(substrate_smiles: str, reaction: str, reagent_smiles: str, _families: int) -> dict[str, list[Product]]:
    """Keyed on the ring families' generation too (`rings.generation`): a registered family changes the sites."""
    kind = registry.get(reaction)
    model = engine.site_model(substrate_smiles)
    reagent = engine.reagent_mol(reagent_smiles)
    sites = model.competing
    if not sites:
        return {"mono": [], "bis": []}
    mol = model.parent
    mono: list[Product] = []
    for site in engine.one_per_class(sites):
        product = engine.first_product(mol, reagent, kind.product_smarts, site.parent_atom)
        if product is None:
            raise UserInputError(f"the reagent does not react as {kind.reagent_words} in {kind.noun}: {reagent_smiles}")
        mono.append(Product(engine.canonical(product), (site.name,)))
    bis: list[Product] = []
    if len(sites) >= 2:
        first_site, second_site = sites[0], next(s for s in sites[1:] if s.atom != sites[0].atom)
        first = engine.first_product(mol, reagent, kind.product_smarts, first_site.parent_atom)
        second_atom = engine.mapped_index(first, second_site.parent_atom) if first is not None else None
        second = engine.first_product(first, reagent, kind.product_smarts, second_atom) if second_atom is not None else None
        if second is not None:
            bis.append(Product(engine.canonical(second), (first_site.name, second_site.name)))
    return {"mono": mono, "bis": bis}


@dataclass(frozen=True)
class MassRow:
    species: str  # "SM", "mono (N4)", "bis", "iminium (N1)", "quaternary (N1)"
    smiles: str
    formula: str
    mw: float
    exact_mass: float
    mh_plus: float | None  # [M+H]+ of a neutral species
    m2h_plus: float | None  # [M+2H]2+, only with two basic nitrogens
    observed_mz: float  # the ion to look for first
    note: str = ""
    ions: tuple[tuple[str, float], ...] = field(default_factory=tuple)  # every listed ion: (name, m/z)


AMINE_KINDS = ("primary_amine", "secondary_amine", "tertiary_amine", "aryl_amine")


def amine_nitrogens(mol: Mol) -> int:
    """Amine nitrogens only (what 1 M HCl protonates at pH 3 in the work-up sums)."""
    from dzp_planner.core.chem.rings.nitrogens import classify_nitrogen

    return sum(1 for a in mol.GetAtoms() if a.GetSymbol() == "N" and classify_nitrogen(mol, a.GetIdx()) in AMINE_KINDS)


def basic_nitrogens(mol: Mol) -> int:
    """Nitrogens that take a proton in ESI+: the amines (aniline-type too) and pyridine-type ring N
    (an aromatic N is never an amine to `classify_nitrogen`, so none is counted twice)."""
    return amine_nitrogens(mol) + sum(1 for a in mol.GetAtoms() if a.GetSymbol() == "N" and _pyridine_type(a))


def _pyridine_type(atom: Any) -> bool:
    """An aromatic N with a lone pair in the ring plane (pyridine, isoquinoline, pyrimidine): it takes
    a proton in ESI+; a pyrrole-type N–H or an N-substituted aromatic N does not."""
    return (atom.GetIsAromatic() and atom.GetTotalNumHs() == 0 and atom.GetDegree() == 2
            and atom.GetFormalCharge() == 0)


def _boc_groups(mol: Mol) -> int:
    return len(mol.GetSubstructMatches(engine.pattern("[NX3]C(=O)OC(C)(C)C")))


def mass_row(species: str, smiles: str) -> MassRow:
    """One species with the ions a chemist looks for: [M+H]+ (and [M+2H]2+) where a nitrogen takes a
    proton; [M+Na]+ first where none does (bis-Boc is not protonated in the source); the Boc
    fragments wherever there is a Boc group."""
    from dzp_planner.core.chem.masses import PROTON, masses
    from dzp_planner.core.chem.parsing import parse_smiles

    mol = parse_smiles(smiles)
    m = masses(mol)
    if m.charge > 0:
        return MassRow(species, smiles, m.formula, m.mw, m.exact_mass, None, None, m.observed_mz, ions=(("M+", m.observed_mz),))
    basic = basic_nitrogens(mol)
    boc = _boc_groups(mol)
    mh = m.exact_mass + PROTON
    m2h = (m.exact_mass + 2 * PROTON) / 2 if basic >= 2 else None
    ions: list[tuple[str, float]] = []
    if basic:
        ions.append(("[M+H]+", mh))
        if m2h is not None:
            ions.append(("[M+2H]2+", m2h))
    else:
        ions.append(("[M+Na]+", m.exact_mass + NA_PLUS))
        ions.append(("[M+H]+", mh))
    if boc:
        ions.append(("[M+H−C4H8]+", mh - C4H8))
        ions.append(("[M+H−Boc]+", mh - BOC))
    return MassRow(species, smiles, m.formula, m.mw, m.exact_mass, mh, m2h, ions[0][1], ions=tuple(ions))


def mass_table(substrate_smiles: str, reaction: str, reagent_smiles: str) -> list[MassRow]:
    """SM, mono, bis and the reaction's own species with the masses to look for, and shared-m/z notes (free base)."""
    kind = registry.get(reaction)
    model = engine.site_model(substrate_smiles)
    rows = [mass_row("SM", model.parent_smiles)]
    found = enumerate_products(substrate_smiles, reaction, reagent_smiles)
    single = len(found["mono"]) == 1
    for product in found["mono"]:
        rows.append(mass_row("mono" if single else f"mono ({product.sites[0]})", product.smiles))
    rows.extend(mass_row("bis", p.smiles) for p in found["bis"])
    if kind.extra_species is not None:
        rows.extend(mass_row(extra.label, extra.smiles) for extra in kind.extra_species(substrate_smiles, reagent_smiles))
    return _note_shared_mz(_unique(rows))


def _unique(rows: list[MassRow]) -> list[MassRow]:
    return engine.first_of_each(rows, lambda row: row.smiles)


def _note_shared_mz(rows: list[MassRow]) -> list[MassRow]:
    """LCMS cannot tell apart species observed at the same m/z (within 0.001): say so."""
    from dataclasses import replace

    out = []
    for r in rows:
        twins = [o.species for o in rows if o is not r and abs(o.observed_mz - r.observed_mz) < 0.001]
        note = r.note
        if twins:
            note = f"same m/z as {', '.join(twins)}: LCMS alone cannot tell them apart (isobars)"
        elif r.species.startswith("iminium"):
            note = "a secondary amine gives an iminium ion, not a neutral imine: look for this m/z"
        elif r.ions and r.ions[0][0] == "[M+Na]+":
            boc = any(name.endswith("Boc]+") for name, _ in r.ions)
            note = ("no basic nitrogen: look for [M+Na]+" + (" and the Boc fragments" if boc else "")
                    + " rather than [M+H]+")
        out.append(replace(r, note=note))
    return out
